//! The records service, generic over the kind of content.

use super::wire::{ListParams, Page, RecordInput};
use crate::auth::Caller;
use crate::error::{ApiError, blocking};
use crate::federation::keys::NodeKeys;
use crate::http::precondition::{etag, if_match, not_modified};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use smarty_schema::signing::Change;
use smarty_schema::store::{ListQuery, RecordRow};
use smarty_schema::validation::Errors;
use smarty_schema::vocab::ThemeCode;
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
pub async fn create_record<C: RecordContent>(state: &AppState, input: RecordInput<C>) -> Result<Record<C>, ApiError> {
    check_content(state, &input.content, input.status.unwrap_or_default()).await?;
    if C::KIND == Kind::RegionProfile {
        let (store, region) = (state.store.clone(), state.config.region.clone());
        let own = blocking(move || store.own_records(&region)).await?;
        if let Some(existing) = own.iter().find(|r| r.kind == Kind::RegionProfile.as_str()) {
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
    let row = to_row(state, &record, false)?;
    let store = state.store.clone();
    blocking(move || store.insert_record(&row)).await?;
    Ok(record)
}

pub async fn get<C: RecordContent>(
    state: &AppState,
    caller: &Caller,
    id: String,
    req: &HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let row = own_live_row::<C>(state, id).await?;
    if row.status != Status::Published.as_str() && !caller.is_editor() {
        return Err(ApiError::NotFound);
    }
    if not_modified(req, row.version) {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, etag(row.version))).finish());
    }
    let record: Record<C> = from_row(row, caller.is_editor())?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(record.version))).json(record))
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
    if let Some(Err(m)) = params.theme.as_deref().map(ThemeCode::parse) {
        e.add("theme", m);
    }
    let updated_since = params.updated_since.as_deref().map(timestamp::normalize);
    e.check(!matches!(updated_since, Some(None)), "updated_since", "must be an RFC 3339 time");
    e.into_result().map_err(ApiError::Validation)?;

    let visible = if caller.is_editor() {
        vec![Status::Draft, Status::Published, Status::Withdrawn]
    } else {
        vec![Status::Published]
    };
    let statuses = visible.into_iter().filter(|s| params.status.is_none_or(|f| f == *s)).collect();
    let query = ListQuery {
        kind: C::KIND,
        origin: state.config.region.clone(),
        statuses,
        theme: params.theme,
        updated_since: updated_since.flatten(),
        after_id,
        limit: limit + 1,
    };
    let store = state.store.clone();
    let mut rows = blocking(move || store.list_records(&query)).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = more.then(|| URL_SAFE_NO_PAD.encode(&rows.last().expect("limit ≥ 1").id));
    let items = rows.into_iter().map(|r| from_row::<C>(r, caller.is_editor())).collect::<Result<_, _>>()?;
    Ok(HttpResponse::Ok().json(Page::<Record<C>> { items, next_cursor }))
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
    input: RecordInput<C>,
) -> Result<Record<C>, ApiError> {
    let row = own_live_row::<C>(state, id).await?;
    let current_status = Status::parse(&row.status).ok_or_else(|| corrupt(&row))?;
    // What is wrong with the request itself comes before whether it is still current.
    check_content(state, &input.content, input.status.unwrap_or(current_status)).await?;
    let expected = expected(row.version)?;
    let record = Record {
        id: row.id,
        kind: C::KIND,
        origin: row.origin,
        version: expected + 1,
        status: input.status.unwrap_or(current_status),
        created_at: row.created_at,
        updated_at: timestamp::now(),
        content: input.content,
    };
    let row = to_row(state, &record, false)?;
    let store = state.store.clone();
    blocking(move || store.update_record(&row, expected)).await?;
    Ok(record)
}

pub async fn delete<C: RecordContent>(
    state: &AppState,
    req: &HttpRequest,
    id: String,
) -> Result<HttpResponse, ApiError> {
    let row = own_live_row::<C>(state, id).await?;
    let expected = if_match(req, row.version)?;
    let mut record: Record<C> = from_row(row, false)?;
    record.version = expected + 1;
    record.updated_at = timestamp::now();
    let tombstone = to_row(state, &record, true)?;
    let store = state.store.clone();
    blocking(move || store.update_record(&tombstone, expected)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The live record of this kind and this region with that id, or 404.
pub async fn own_live_row<C: RecordContent>(state: &AppState, id: String) -> Result<RecordRow, ApiError> {
    let store = state.store.clone();
    let row = blocking(move || store.get_record(&id)).await?.ok_or(ApiError::NotFound)?;
    let ours = row.kind == C::KIND.as_str() && row.origin == state.config.region && !row.deleted;
    if ours { Ok(row) } else { Err(ApiError::NotFound) }
}

/// Every rule the content breaks, including references to records this region lacks (or, for
/// a published record, holds only as drafts: a published page must not show a draft's name).
async fn check_content<C: RecordContent>(state: &AppState, content: &C, status: Status) -> Result<(), ApiError> {
    let mut errors = content.validate().err().unwrap_or_default();
    let refs = content.references();
    let (store, region) = (state.store.clone(), state.config.region.clone());
    let published = status == Status::Published;
    errors.extend(
        blocking(move || super::references::missing(&store, &region, &refs, &Default::default(), published)).await?,
    );
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

fn to_row<C: RecordContent>(state: &AppState, record: &Record<C>, deleted: bool) -> Result<RecordRow, ApiError> {
    sealed_row(&state.keys, record, deleted).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The stored row of a record's new state, sealed with this node's key. A tombstone keeps
/// no content and no personal data.
pub fn sealed_row<C: RecordContent>(
    keys: &NodeKeys,
    record: &Record<C>,
    deleted: bool,
) -> Result<RecordRow, serde_json::Error> {
    let mut public = record.clone();
    let private = public.content.take_private().map(|p| p.to_string());
    let mut change = Change::of_record(&public, deleted);
    change.seal(&keys.signing, keys.kid());
    Ok(RecordRow {
        id: record.id.clone(),
        kind: record.kind.as_str().into(),
        origin: record.origin.clone(),
        version: record.version,
        status: record.status.as_str().into(),
        created_at: record.created_at.clone(),
        updated_at: record.updated_at.clone(),
        content: if deleted { "{}".into() } else { serde_json::to_string(&public.content)? },
        private: if deleted { None } else { private },
        themes: RecordRow::themes_column(if deleted { &[] } else { public.content.themes() }),
        seq: 0,
        deleted,
        published_ever: false,
        hash: Some(change.hash.clone()),
        signature: Some(serde_json::to_string(&change.signature)?),
        received_at: None,
    })
}

pub fn from_row<C: RecordContent>(row: RecordRow, with_private: bool) -> Result<Record<C>, ApiError> {
    let mut content: C = serde_json::from_str(&row.content).map_err(|e| corrupt_because(&row, e))?;
    if let Some(p) = row.private.as_deref().filter(|_| with_private) {
        let private = serde_json::from_str(p).map_err(|e| corrupt_because(&row, e))?;
        content.restore_private(private).map_err(|e| corrupt_because(&row, e))?;
    }
    Ok(Record {
        kind: C::KIND,
        status: Status::parse(&row.status).ok_or_else(|| corrupt(&row))?,
        id: row.id,
        origin: row.origin,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
        content,
    })
}

fn corrupt(row: &RecordRow) -> ApiError {
    ApiError::Internal(format!("record {} has an unreadable status {:?}", row.id, row.status))
}

fn corrupt_because(row: &RecordRow, e: serde_json::Error) -> ApiError {
    ApiError::Internal(format!("record {} has unreadable stored JSON: {e}", row.id))
}
