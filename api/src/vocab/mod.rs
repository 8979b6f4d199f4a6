//! Read-only vocabularies: the exchange themes and the partner regions, labelled in the
//! language the client's `Accept-Language` asks for (English when it names none of the
//! seven); the codes never change with the language.

use crate::config::Region;
use crate::error::{ApiError, Problem};
use crate::i18n::{Lang, negotiate};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Serialize;
use smarty_schema::vocab::{THEMES, ThemeCode};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

/// A list of vocabulary entries.
#[derive(Serialize, ToSchema)]
pub struct Items<T> {
    /// Every entry, in the vocabulary's own order (not paged).
    pub items: Vec<T>,
}

/// One exchange theme, labelled in the language asked for.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"code": "predictive-maintenance", "label": "Predictive modelling and maintenance",
    "description": "Using sensor data and models to anticipate failures and plan maintenance before breakdowns."}))]
pub struct Theme {
    /// Stable code, used in records' `themes` and in the `theme` filter of listings.
    pub code: ThemeCode,
    /// The theme's label in the response's `Content-Language`.
    pub label: String,
    /// One line on what the theme covers, in the response's `Content-Language`.
    pub description: String,
}

/// The language a vocabulary response was asked in: the best of the seven for
/// `Accept-Language`; none when the header names none of them (the response is then in
/// English, as API clients have always had it).
fn language(req: &HttpRequest) -> Option<Lang> {
    req.headers().get(header::ACCEPT_LANGUAGE).and_then(|h| h.to_str().ok()).and_then(negotiate::from_accept_language)
}

/// A vocabulary's answer: its language said, and caches told it varies by the header.
fn answer<T: Serialize>(lang: Lang, items: Vec<T>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_LANGUAGE, lang.code()))
        .insert_header((header::VARY, "Accept-Language"))
        .json(Items { items })
}

/// The four exchange themes
///
/// Stable codes with a label and a one-line description each, in the language of
/// `Accept-Language` when it names one of `it`, `pl`, `fi`, `en`, `sl`, `es`, `ca` (else
/// English); `Content-Language` says which.
#[utoipa::path(
    operation_id = "listThemes", tag = "vocabularies",
    params(("Accept-Language" = Option<String>, Header, description = "Languages the labels may be in, with q-values (RFC 9110)", example = "pl-PL,pl;q=0.9,en;q=0.5")),
    responses(
        (status = 200, description = "The themes", body = Items<Theme>,
            headers(("Content-Language" = String, description = "The labels' language"))),
        (status = 401, description = "Bad token", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/themes")]
pub async fn themes(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let lang = language(&req).unwrap_or(Lang::En);
    let items = THEMES
        .iter()
        .map(|t| Theme {
            code: t.code,
            label: lang.theme(t.code.as_str()),
            description: lang.theme_description(t.code.as_str()),
        })
        .collect();
    Ok(answer(lang, items))
}

/// The partner regions
///
/// From the node's configuration: the seven SMARTY regions, and any region added there. Names
/// are in the language of `Accept-Language` when it names one of the seven, for the regions the
/// node's messages know; without such a header they are the configuration's (English) names.
/// `Content-Language` says which.
#[utoipa::path(
    operation_id = "listRegions", tag = "vocabularies",
    params(("Accept-Language" = Option<String>, Header, description = "Languages the names may be in, with q-values (RFC 9110)", example = "it")),
    responses(
        (status = 200, description = "The regions", body = Items<Region>,
            headers(("Content-Language" = String, description = "The names' language"))),
        (status = 401, description = "Bad token", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/regions")]
pub async fn regions(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    // Asked in no language of the seven: the names the node's configuration gives.
    let lang = language(&req);
    let items: Vec<Region> = match lang {
        Some(lang) => {
            state.config.regions.iter().map(|r| Region { name: lang.region(&r.code, &r.name), ..r.clone() }).collect()
        }
        None => state.config.regions.clone(),
    };
    Ok(answer(lang.unwrap_or(Lang::En), items))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(themes).service(regions);
}
