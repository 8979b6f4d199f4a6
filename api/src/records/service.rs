//! The records service, generic over the kind of content.

use super::wire::{ListParams, Page, RecordInput};
use crate::auth::policy::Viewer;
use crate::auth::{Caller, policy};
use crate::error::{ApiError, blocking};
use crate::http::precondition::{etag, if_match, not_modified};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::value::RawValue;
use smarty_schema::store::{ListQuery, StoredRecord, StoredText, Write};
use smarty_schema::validation::Errors;
use smarty_schema::{Kind, Record, RecordContent, Status, timestamp};

/// Where a kind's collection lives.
pub fn collection_path(kind: Kind) -> &'static str {
    match kind {
        Kind::CaseStudy => "/api/v1/case-studies",
        Kind::PolicyInstrument => "/api/v1/policy-instruments",
        Kind::ActionPlan => "/api/v1/action-plans",
        Kind::RegionProfile => "/api/v1/region-profiles",
    }
}

pub async fn create<C: RecordContent>(state: &AppState, input: RecordInput<C>) -> Result<HttpResponse, ApiError> {
    let record = create_record(state, input).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("{}/{}", collection_path(C::KIND), record.id)))
        .insert_header((header::ETAG, etag(record.version)))
        .json(record))
}

/// Validates and stores a new record of this region.
pub async fn create_record<C: RecordContent>(
    state: &AppState,
    mut input: RecordInput<C>,
) -> Result<Record<C>, ApiError> {
    check_content(state, &mut input.content, input.status.unwrap_or_default()).await?;
    if C::KIND == Kind::RegionProfile {
        let (store, region) = (state.store.clone(), state.config.region.clone());
        let own = blocking(move || store.own_records(&region)).await?;
        if let Some(existing) = own.iter().find(|r| r.kind == Kind::RegionProfile) {
            return Err(ApiError::Conflict(format!(
                "This region already has its profile ({}): replace it instead.",
                existing.id
            )));
        }
    }
    let now = timestamp::now();
    let record = Record {
        id: uuid::Uuid::now_v7().to_string(),
        kind: C::KIND,
        origin: state.config.region.clone(),
        version: 1,
        status: input.status.unwrap_or_default(),
        created_at: now.clone(),
        updated_at: now,
        content: input.content,
    };
    let write = sealed(state, &record, false);
    let store = state.store.clone();
    blocking(move || store.insert_record(&write)).await?;
    Ok(record)
}

pub async fn get<C: RecordContent>(
    state: &AppState,
    caller: &Caller,
    id: String,
    req: &HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let stored = own_live_text::<C>(state, id).await?;
    let viewer = caller.viewer();
    if !policy::may_see(state, viewer, &stored) {
        return Err(ApiError::NotFound);
    }
    if not_modified(req, stored.version) {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, etag(stored.version))).finish());
    }
    let version = stored.version;
    let body = served::<C>(state, viewer, stored)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(version)))
        .content_type(header::ContentType::json())
        .body(String::from(Box::<str>::from(body))))
}

/// A live record of kind `C` as its API serves it to this viewer, as JSON: the stored bytes of
/// the public content as they are, or (for the origin's editors, who see personal data too)
/// the content parsed and merged with it.
fn served<C: RecordContent>(state: &AppState, viewer: Viewer, stored: StoredText) -> Result<Box<RawValue>, ApiError> {
    if policy::sees_private(state, viewer, &stored) {
        let record = typed::<C>(stored.parse()?, true)?;
        return serde_json::value::to_raw_value(&record).map_err(|e| ApiError::Internal(e.to_string()));
    }
    stored.public_json()?.ok_or_else(|| ApiError::Internal("a record lost its content".into()))
}

pub async fn list<C: RecordContent>(
    state: &AppState,
    caller: &Caller,
    params: ListParams,
) -> Result<HttpResponse, ApiError> {
    let mut e = Errors::default();
    let limit = params.limit.unwrap_or(50);
    e.check((1..=200).contains(&limit), "limit", "must be 1 to 200");
    let after_id = match &params.cursor {
        None => None,
        Some(c) => {
            let id = URL_SAFE_NO_PAD.decode(c).ok().and_then(|b| String::from_utf8(b).ok());
            e.check(id.is_some(), "cursor", "is not a cursor this node issued");
            id
        }
    };
    let updated_since = params.updated_since.as_deref().map(timestamp::normalize);
    e.check(!matches!(updated_since, Some(None)), "updated_since", "must be an RFC 3339 time");
    e.into_result().map_err(ApiError::Validation)?;

    let viewer = caller.viewer();
    let visible = policy::listed_statuses(viewer).iter().copied();
    let statuses = visible.filter(|s| params.status.is_none_or(|f| f == *s)).collect();
    let query = ListQuery {
        kind: C::KIND,
        origin: state.config.region.clone(),
        statuses,
        theme: params.theme,
        updated_since: updated_since.flatten(),
        after_id,
        limit: limit + 1,
    };
    let mut rows = match state.store.list_records_here(&query) {
        Some(rows) => rows,
        None => {
            let store = state.store.clone();
            blocking(move || store.list_records(&query)).await?
        }
    };
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = more.then(|| URL_SAFE_NO_PAD.encode(&rows.last().expect("limit ≥ 1").id));
    let items = rows.into_iter().map(|r| served::<C>(state, viewer, r)).collect::<Result<_, _>>()?;
    Ok(HttpResponse::Ok().json(Page::<Box<RawValue>> { items, next_cursor }))
}

pub async fn update<C: RecordContent>(
    state: &AppState,
    req: &HttpRequest,
    id: String,
    input: RecordInput<C>,
) -> Result<HttpResponse, ApiError> {
    let record = update_record(state, id, |current| if_match(req, current), input).await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(record.version))).json(record))
}

/// Validates and stores a new version of a record of this region; `expected` turns the
/// current version into the version the caller says it changes (or a precondition error).
pub async fn update_record<C: RecordContent>(
    state: &AppState,
    id: String,
    expected: impl FnOnce(i64) -> Result<i64, ApiError>,
    mut input: RecordInput<C>,
) -> Result<Record<C>, ApiError> {
    let current = own_live::<C>(state, id).await?;
    // What is wrong with the request itself comes before whether it is still current.
    check_content(state, &mut input.content, input.status.unwrap_or(current.status)).await?;
    let expected = expected(current.version)?;
    let record = Record {
        id: current.id,
        kind: C::KIND,
        origin: current.origin,
        version: expected + 1,
        status: input.status.unwrap_or(current.status),
        created_at: current.created_at,
        updated_at: timestamp::now(),
        content: input.content,
    };
    let write = sealed(state, &record, false);
    let store = state.store.clone();
    blocking(move || store.update_record(&write, expected)).await?;
    Ok(record)
}

pub async fn delete<C: RecordContent>(
    state: &AppState,
    req: &HttpRequest,
    id: String,
) -> Result<HttpResponse, ApiError> {
    let current = own_live::<C>(state, id).await?;
    let expected = if_match(req, current.version)?;
    let mut record: Record<C> = typed(current, false)?;
    record.version = expected + 1;
    record.updated_at = timestamp::now();
    let tombstone = sealed(state, &record, true);
    let store = state.store.clone();
    blocking(move || store.update_record(&tombstone, expected)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The live record of this kind and this region with that id, or 404.
pub async fn own_live<C: RecordContent>(state: &AppState, id: String) -> Result<StoredRecord, ApiError> {
    Ok(own_live_text::<C>(state, id).await?.parse()?)
}

/// [`own_live`] with the content as the JSON text stored.
async fn own_live_text<C: RecordContent>(state: &AppState, id: String) -> Result<StoredText, ApiError> {
    let stored = match state.store.get_record_text_here(&state.config.region, &id) {
        Some(found) => found,
        None => {
            let (store, region) = (state.store.clone(), state.config.region.clone());
            blocking(move || store.get_record_text(&region, &id)).await?
        }
    };
    let stored = stored.ok_or(ApiError::NotFound)?;
    let ours = stored.kind == C::KIND && !stored.deleted;
    if ours { Ok(stored) } else { Err(ApiError::NotFound) }
}

/// Every rule the content breaks, including references to records this region lacks (or, for
/// a published record, holds only as drafts: a published page must not show a draft's name).
/// A citation by id alone comes out naming the origin of the record it found.
async fn check_content<C: RecordContent>(state: &AppState, content: &mut C, status: Status) -> Result<(), ApiError> {
    let mut errors = content.validate().err().unwrap_or_default();
    let refs = content.references();
    let (store, region) = (state.store.clone(), state.config.region.clone());
    let published = status == Status::Published;
    let checked =
        blocking(move || super::references::check(&store, &region, &refs, &Default::default(), published)).await?;
    errors.extend(checked.errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    content.name_origins(&checked.origins);
    Ok(())
}

/// The store's write of a record's new state, sealed with this node's key.
fn sealed<C: RecordContent>(state: &AppState, record: &Record<C>, deleted: bool) -> Write {
    let active = state.keys.active();
    Write::local(record, deleted, &active.signing, &active.jwk.kid)
}

/// A live record of kind `C` as its API serves it.
pub fn typed<C: RecordContent>(stored: StoredRecord, with_private: bool) -> Result<Record<C>, ApiError> {
    let id = stored.id.clone();
    stored
        .into_record(with_private)
        .ok_or_else(|| ApiError::Internal(format!("record {id} holds no {} content", C::KIND)))
}
