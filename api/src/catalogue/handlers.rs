//! `GET /api/v1/catalogue/search` and `GET /api/v1/catalogue/records/{id}`.

use super::params::{Paging, SearchFilters, Sorting, parse};
use super::record::CatalogueRecord;
use crate::auth::Reader;
use crate::error::{ApiError, Problem, blocking};
use crate::http::query::QueryParams;
use crate::records::resolve::{AtOrigin, resolve};
use crate::search::request::SearchResult;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, web};
use smarty_schema::store::StoredRecord;
use smarty_schema::{AnyContent, Kind};

/// Search the catalogue
///
/// Every published record this node holds, its own and its peers': full-text search with
/// per-language stemming and accent folding, disjunctive facet counts, sorting and paging.
/// A word of five letters or more also matches at one edit when the exact words find nothing.
#[utoipa::path(
    operation_id = "searchCatalogue", tag = "catalogue",
    params(SearchFilters, Sorting, Paging),
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

/// Read a catalogue record
///
/// The full public record of any origin, with its origin region's name. Contact details are
/// never part of it.
#[utoipa::path(
    operation_id = "getCatalogueRecord", tag = "catalogue",
    params(("id" = String, Path, description = "Record id (UUID)", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"), AtOrigin),
    responses(
        (status = 200, description = "The record", body = CatalogueRecord),
        (status = 300, description = "Published records of several origins have this id: `choices` names each one's address", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "`origin` is not a region code, or another parameter was sent", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published record with this id (of this origin)", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/records/{id}")]
pub async fn record(
    state: web::Data<AppState>,
    _reader: Reader,
    id: web::Path<String>,
    at: QueryParams<AtOrigin>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let path = format!("/api/v1/catalogue/records/{id}");
    let row = published(&state, id, at.0, &path).await?;
    let mut record = CatalogueRecord::of(&state, row)?;
    if let AnyContent::ActionPlan(plan) = record.record.content {
        let (store, region) = (state.store.clone(), state.config.region.clone());
        let plan = blocking(move || crate::search::lineage::with_citations(&store, &region, plan)).await?;
        record.record.content = AnyContent::ActionPlan(plan);
    }
    Ok(HttpResponse::Ok().json(record))
}

/// The published record an address of the catalogue names (404 when none is, 300 when
/// several origins' are): the catalogue holds published records only, whoever asks.
async fn published(state: &AppState, id: String, at: AtOrigin, path: &str) -> Result<StoredRecord, ApiError> {
    resolve(state, id, at.origin.as_deref(), StoredRecord::is_public, path).await?.ok_or(ApiError::NotFound)
}

/// Actions a practice inspired
///
/// Every action of every action plan in the catalogue that cites this case study.
#[utoipa::path(
    operation_id = "getInfluence", tag = "catalogue",
    params(("id" = String, Path, description = "Case study id (UUID)", example = "01900001-0000-7000-8000-000000000005"), AtOrigin),
    responses(
        (status = 200, description = "The citing actions", body = crate::search::lineage::Influence),
        (status = 300, description = "Case studies of several origins have this id: `choices` names each one's address", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "`origin` is not a region code, or another parameter was sent", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/records/{id}/influence")]
pub async fn influence(
    state: web::Data<AppState>,
    _reader: Reader,
    id: web::Path<String>,
    at: QueryParams<AtOrigin>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let path = format!("/api/v1/catalogue/records/{id}/influence");
    // Withdrawn practices keep their influence: any case study ever published counts.
    let cited = |r: &StoredRecord| r.kind == Kind::CaseStudy && r.published_ever;
    let origin = match at.0.origin {
        Some(origin) => Some(origin.to_string()),
        None => resolve(&state, id.clone(), None, cited, &path).await?.map(|r| r.origin),
    };
    let store = state.store.clone();
    let influence = blocking(move || match origin {
        Some(origin) => crate::search::lineage::influence(&store, &origin, &id),
        None => Ok(crate::search::lineage::Influence { record_id: id, origin: None, items: Vec::new() }),
    })
    .await?;
    Ok(HttpResponse::Ok().json(influence))
}

/// Practices like this
///
/// Up to five published case studies of other regions most like this record, by the words of
/// its text and of its English translation (so records in different languages meet through
/// their translations): what an officer might transfer.
#[utoipa::path(
    operation_id = "getSimilar", tag = "catalogue",
    params(("id" = String, Path, description = "Record id (UUID)", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"), AtOrigin),
    responses(
        (status = 200, description = "The practices most like it", body = crate::search::similar::Similar),
        (status = 300, description = "Published records of several origins have this id: `choices` names each one's address", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "`origin` is not a region code, or another parameter was sent", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published record with this id (of this origin)", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/records/{id}/similar")]
pub async fn similar(
    state: web::Data<AppState>,
    _reader: Reader,
    id: web::Path<String>,
    at: QueryParams<AtOrigin>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let path = format!("/api/v1/catalogue/records/{id}/similar");
    let mut row = published(&state, id, at.0, &path).await?;
    let catalogue = state.catalogue.clone();
    let content = row.content.take().ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(web::block(move || catalogue.similar(&row.origin, &row.id, &content)).await??))
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
