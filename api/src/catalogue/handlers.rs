//! `GET /api/v1/catalogue/search` and `GET /api/v1/catalogue/records/{id}`.

use super::params::{Paging, SearchFilters, parse};
use crate::auth::Reader;
use crate::error::{ApiError, Problem, blocking};
use crate::search::request::SearchResult;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Serialize;
use smarty_schema::store::StoredRecord;
use smarty_schema::{AnyContent, Kind, Status};
use utoipa::ToSchema;

/// Search the catalogue
///
/// Every published record this node holds, its own and its peers': full-text search with
/// per-language stemming and accent folding, disjunctive facet counts, sorting and paging.
/// A word of five letters or more also matches at one edit when the exact words find nothing.
#[utoipa::path(
    operation_id = "searchCatalogue", tag = "catalogue",
    params(SearchFilters, Paging),
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
    let result = web::block(move || catalogue.search(&request)).await??;
    Ok(HttpResponse::Ok().json(result))
}

/// A record of the catalogue, of any origin.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "kind": "case_study", "origin": "tuscany",
    "origin_name": "Tuscany", "version": 2, "status": "published", "created_at": "2026-11-20T09:30:00.000000Z",
    "updated_at": "2026-11-25T09:30:00.000000Z", "content": {"title": "Manutenzione predittiva nel distretto tessile di Prato"}}))]
pub struct CatalogueRecord {
    /// The record's id, a UUIDv7 assigned by its origin.
    pub id: String,
    /// The record's kind.
    pub kind: Kind,
    /// Code of the region whose node owns the record.
    pub origin: String,
    /// The origin region's name.
    pub origin_name: String,
    /// The record's version at its origin: 1 on create, +1 on every change.
    #[schema(minimum = 1, maximum = 9_223_372_036_854_775_807_i64)]
    pub version: i64,
    /// Always `published`: the catalogue serves nothing else.
    pub status: Status,
    /// When the record was created at its origin (RFC 3339, UTC).
    pub created_at: String,
    /// When the record last changed at its origin (RFC 3339, UTC).
    pub updated_at: String,
    /// The record's public content, by its kind's schema (`CaseStudy`, `PolicyInstrument`,
    /// `ActionPlan`, `RegionProfile`); an action plan's actions carry `citations`.
    #[schema(value_type = Object)]
    pub content: AnyContent,
}

impl CatalogueRecord {
    /// The catalogue's view of a public record, with its origin's name.
    pub fn of(state: &AppState, stored: StoredRecord) -> Result<Self, ApiError> {
        let origin_name = state.config.region_name(&stored.origin);
        let id = stored.id.clone();
        let r =
            stored.into_public_record().ok_or_else(|| ApiError::Internal(format!("record {id} keeps no content")))?;
        Ok(CatalogueRecord {
            id: r.id,
            kind: r.kind,
            origin: r.origin,
            origin_name,
            version: r.version,
            status: r.status,
            created_at: r.created_at,
            updated_at: r.updated_at,
            content: r.content,
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
    if let AnyContent::ActionPlan(plan) = record.content {
        let (store, region) = (state.store.clone(), state.config.region.clone());
        let plan = blocking(move || crate::search::lineage::with_citations(&store, &region, plan)).await?;
        record.content = AnyContent::ActionPlan(plan);
    }
    Ok(HttpResponse::Ok().json(record))
}

/// Actions a practice inspired
///
/// Every action of every action plan in the catalogue that cites this case study.
#[utoipa::path(
    operation_id = "getInfluence", tag = "catalogue",
    params(("id" = String, Path, description = "Case study id (UUID)", example = "01900001-0000-7000-8000-000000000005")),
    responses(
        (status = 200, description = "The citing actions", body = crate::search::lineage::Influence),
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
    Ok(HttpResponse::Ok().json(blocking(move || crate::search::lineage::influence(&store, &id)).await?))
}

/// Transfers between regions
///
/// `matrix[i][j]` is the number of actions of region `regions[j]` citing at least one practice
/// of region `regions[i]` (rows: where practices come from; columns: where they were taken
/// up); `by_theme` the same per theme of the practices. Withdrawn practices still count.
#[utoipa::path(
    operation_id = "getTransfers", tag = "catalogue",
    responses(
        (status = 200, description = "The transfer matrix", body = crate::search::lineage::Transfers),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/transfers")]
pub async fn transfers(state: web::Data<AppState>, _reader: Reader) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let regions: Vec<String> = state.config.regions.iter().map(|r| r.code.clone()).collect();
    Ok(HttpResponse::Ok().json(blocking(move || crate::search::lineage::transfers(&store, &regions)).await?))
}
