//! `GET /api/v1/catalogue/search` and `GET /api/v1/catalogue/records/{id}`.

use super::collector::{Filters, Sort};
use super::search::{SearchRequest, SearchResult};
use crate::auth::Reader;
use crate::error::{ApiError, Problem, blocking};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Serialize;
use smarty_schema::validation::Errors;
use utoipa::{IntoParams, ToSchema};

/// Search parameters. Facet parameters may repeat: OR within a facet, AND across facets.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the parameters; they are parsed by `parse`, which allows repeats
pub struct SearchParams {
    /// Words to look for (no syntax: everything is searched as plain words). Empty: everything.
    #[param(example = "predictive maintenance")]
    q: Option<String>,
    /// Theme code (repeatable).
    #[param(example = json!(["smart-logistics"]))]
    theme: Option<Vec<String>>,
    /// Origin region code (repeatable).
    #[param(example = json!(["tuscany"]))]
    origin: Option<Vec<String>>,
    /// `case_study` or `policy_instrument` (repeatable).
    kind: Option<Vec<String>>,
    /// `policy` or `direct` (repeatable).
    intervention: Option<Vec<String>>,
    /// ISO 639-1 language of the record's text (repeatable).
    language: Option<Vec<String>>,
    /// Earliest start year.
    year_from: Option<u64>,
    /// Latest start year.
    year_to: Option<u64>,
    /// `relevance` (default), `updated` (newest first) or `inspired` (the practices most cited
    /// by action plans first); ties by id.
    sort: Option<String>,
    /// Hits to skip (default 0).
    #[param(minimum = 0, default = 0)]
    offset: Option<usize>,
    /// Hits per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100, default = 20)]
    limit: Option<usize>,
}

/// Parses a catalogue query string; `max_limit` bounds `limit` (search pages; exports have none).
pub fn parse(query: &str, max_limit: Option<usize>) -> Result<(SearchRequest, Option<String>), ApiError> {
    let mut req =
        SearchRequest { q: String::new(), filters: Filters::default(), sort: Sort::Relevance, offset: 0, limit: 20 };
    let mut format = None;
    let mut e = Errors::default();
    let number = |e: &mut Errors, key: &str, v: &str| -> Option<u64> {
        let n = v.parse().ok();
        e.check(n.is_some(), key, "must be a whole number");
        n
    };
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let (key, value) = (key.as_ref(), value.into_owned());
        match key {
            "q" => req.q = value,
            "theme" => req.filters.values[0].push(value),
            "origin" => req.filters.values[1].push(value),
            "kind" => req.filters.values[2].push(value),
            "intervention" => req.filters.values[3].push(value),
            "language" => req.filters.values[4].push(value),
            "year_from" => req.filters.year_from = number(&mut e, key, &value),
            "year_to" => req.filters.year_to = number(&mut e, key, &value),
            "offset" if max_limit.is_some() => req.offset = number(&mut e, key, &value).unwrap_or(0) as usize,
            "limit" if max_limit.is_some() => req.limit = number(&mut e, key, &value).unwrap_or(0) as usize,
            "sort" => match value.as_str() {
                "relevance" => req.sort = Sort::Relevance,
                "updated" => req.sort = Sort::Updated,
                "inspired" => req.sort = Sort::Inspired,
                _ => e.add("sort", "must be relevance, updated or inspired"),
            },
            "format" if max_limit.is_none() => format = Some(value),
            other => e.add(other, "is not a parameter of this address"),
        }
    }
    if let Some(max) = max_limit {
        e.check((1..=max).contains(&req.limit), "limit", &format!("must be 1 to {max}"));
    }
    e.check(req.offset <= 100_000, "offset", "must be at most 100000");
    e.check(req.q.chars().count() <= 500, "q", "must be at most 500 characters");
    e.into_result().map_err(ApiError::Validation)?;
    Ok((req, format))
}

/// Search the catalogue
///
/// Every published record this node holds, its own and its peers': full-text search with
/// per-language stemming and accent folding, disjunctive facet counts, sorting and paging.
/// A word of five letters or more also matches at one edit when the exact words find nothing.
#[utoipa::path(
    operation_id = "searchCatalogue", tag = "catalogue",
    params(SearchParams),
    responses(
        (status = 200, description = "Results", body = SearchResult),
        (status = 400, description = "A parameter is out of range or unknown", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/search")]
pub async fn search(state: web::Data<AppState>, _reader: Reader, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let (request, _) = parse(req.query_string(), Some(100))?;
    let catalogue = state.catalogue.clone();
    let result = web::block(move || catalogue.search(&request)).await?.map_err(ApiError::Internal)?;
    Ok(HttpResponse::Ok().json(result))
}

/// A record of the catalogue, of any origin.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "kind": "case_study", "origin": "tuscany",
    "origin_name": "Tuscany", "version": 2, "status": "published", "created_at": "2026-11-20T09:30:00.000000Z",
    "updated_at": "2026-11-25T09:30:00.000000Z", "content": {"title": "Manutenzione predittiva nel distretto tessile di Prato"}}))]
pub struct CatalogueRecord {
    pub id: String,
    pub kind: String,
    pub origin: String,
    /// The origin region's name.
    pub origin_name: String,
    pub version: i64,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    /// The record's public content (its kind's schema: `CaseStudy` or `PolicyInstrument`).
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
}

impl CatalogueRecord {
    pub fn of(state: &AppState, row: smarty_schema::store::RecordRow) -> Result<Self, ApiError> {
        let origin_name = state.config.region_name(&row.origin);
        Ok(CatalogueRecord {
            content: serde_json::from_str(&row.content)
                .map_err(|e| ApiError::Internal(format!("record {}: {e}", row.id)))?,
            id: row.id,
            kind: row.kind,
            origin: row.origin,
            origin_name,
            version: row.version,
            status: row.status,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// Read a catalogue record
///
/// The full public record of any origin, with its origin region's name. Contact details are
/// never part of it.
#[utoipa::path(
    operation_id = "getCatalogueRecord", tag = "catalogue",
    params(("id" = String, Path, description = "Record id (UUID)", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60")),
    responses(
        (status = 200, description = "The record", body = CatalogueRecord),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published record with this id", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/records/{id}")]
pub async fn record(
    state: web::Data<AppState>,
    _reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let id = id.into_inner();
    let row = blocking(move || store.get_record(&id)).await?.ok_or(ApiError::NotFound)?;
    // The catalogue holds published records only, whoever asks.
    if !row.is_public() {
        return Err(ApiError::NotFound);
    }
    let mut record = CatalogueRecord::of(&state, row)?;
    if record.kind == "action_plan" {
        let (store, region) = (state.store.clone(), state.config.region.clone());
        let mut content = record.content;
        record.content =
            blocking(move || super::lineage::add_citations(&store, &region, &mut content).map(|_| content)).await?;
    }
    Ok(HttpResponse::Ok().json(record))
}

/// Actions a practice inspired
///
/// Every action of every action plan in the catalogue that cites this case study.
#[utoipa::path(
    operation_id = "getInfluence", tag = "catalogue",
    params(("id" = String, Path, description = "Case study id")),
    responses(
        (status = 200, description = "The citing actions", body = super::lineage::Influence),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/records/{id}/influence")]
pub async fn influence(
    state: web::Data<AppState>,
    _reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let id = id.into_inner();
    Ok(HttpResponse::Ok().json(blocking(move || super::lineage::influence(&store, &id)).await?))
}

/// Transfers between regions
///
/// `matrix[i][j]` is the number of actions of region `regions[j]` citing at least one practice
/// of region `regions[i]` (rows: where practices come from; columns: where they were taken
/// up); `by_theme` the same per theme of the practices. Withdrawn practices still count.
#[utoipa::path(
    operation_id = "getTransfers", tag = "catalogue",
    responses(
        (status = 200, description = "The transfer matrix", body = super::lineage::Transfers),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/transfers")]
pub async fn transfers(state: web::Data<AppState>, _reader: Reader) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let regions: Vec<String> = state.config.regions.iter().map(|r| r.code.clone()).collect();
    Ok(HttpResponse::Ok().json(blocking(move || super::lineage::transfers(&store, &regions)).await?))
}
