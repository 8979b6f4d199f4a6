//! Read-only vocabularies: the exchange themes and the partner regions.

use crate::config::Region;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use smarty_schema::vocab::{THEMES, Theme};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

/// A list of vocabulary entries.
#[derive(Serialize, ToSchema)]
pub struct Items<T> {
    /// Every entry, in the vocabulary's own order (not paged).
    pub items: Vec<T>,
}

/// The four exchange themes
///
/// Stable codes with English labels and a one-line description each.
#[utoipa::path(
    operation_id = "listThemes", tag = "vocabularies",
    responses(
        (status = 200, description = "The themes", body = Items<Theme>),
        (status = 401, description = "Bad token", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/themes")]
pub async fn themes() -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(Items { items: THEMES.to_vec() }))
}

/// The partner regions
///
/// From the node's configuration: the seven SMARTY regions, and any region added there.
#[utoipa::path(
    operation_id = "listRegions", tag = "vocabularies",
    responses(
        (status = 200, description = "The regions", body = Items<Region>),
        (status = 401, description = "Bad token", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/regions")]
pub async fn regions(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(Items { items: state.config.regions.clone() }))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(themes).service(regions);
}
