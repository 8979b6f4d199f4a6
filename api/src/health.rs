//! Liveness and readiness.

use crate::error::{ApiError, Problem, blocking};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

/// Health report.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Health {
    /// `ok`.
    pub status: &'static str,
}

/// Liveness
///
/// The process serves requests.
#[utoipa::path(operation_id = "healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = Health)), security(()))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// Readiness
///
/// The database is reachable, every migration is applied, and the search index has caught up
/// with the store (while it rebuilds, this answers 503 and says so).
#[utoipa::path(operation_id = "readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Not ready; `detail` says why", body = Problem, content_type = "application/problem+json"),
    ),
    security(()))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    match blocking(move || store.ready()).await {
        Ok(true) if !state.catalogue.is_current() => Err(ApiError::Unavailable(format!(
            "The search index is catching up with the store{} (at change {}).",
            if state.catalogue.rebuilding { ", rebuilding" } else { "" },
            state.catalogue.position()
        ))),
        Ok(true) => Ok(HttpResponse::Ok().json(Health { status: "ok" })),
        Ok(false) => Err(ApiError::Unavailable("Database migrations are pending.".into())),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: the store cannot be read");
            Err(ApiError::Unavailable("The database is not reachable; the operator's log has the details.".into()))
        }
    }
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(healthz).service(readyz);
}
