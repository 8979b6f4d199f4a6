//! `GET /federation/v1/changes` and `/federation/v2/changes`: the node's records in local
//! sequence order, for peers; version 2 adds the origins' signed checkpoints.

use super::peer_auth::Peer;
use crate::error::{ApiError, Problem, blocking};
use crate::http::QueryParams;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use smarty_schema::signing::keychain::KeyStatements;
use smarty_schema::signing::{Change, Checkpoint};
use smarty_schema::store::{FeedPage, StoreError};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ChangesParams {
    /// The `next` cursor of the previous page, opaque (base64url letters); absent to start from
    /// the beginning. A value this node did not issue is refused with 400.
    #[param(pattern = "^[A-Za-z0-9_-]+$", example = "MTI0")]
    pub since: Option<String>,
    /// Changes per page, 1 to 1000 (default 500).
    #[param(minimum = 1, maximum = 1000, default = 500, example = 500)]
    pub limit: Option<i64>,
}

/// A page of the changes feed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"changes": [], "next": "MTI0", "more": false}))]
pub struct ChangesPage {
    /// Each record changed after the cursor, once, at its latest state.
    pub changes: Vec<Change>,
    /// Cursor to pass as `since` for the next page.
    pub next: String,
    /// Whether more changes follow.
    pub more: bool,
}

/// A page of the version 2 changes feed: the version 1 page, and on its last page the
/// checkpoints of the origins whose records it serves.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"changes": [], "next": "MTI0", "more": false, "checkpoints": [],
    "key_statements": {"rotations": [], "revocations": []}}))]
pub struct ChangesPageV2 {
    /// Each record changed after the cursor, once, at its latest state.
    pub changes: Vec<Change>,
    /// Cursor to pass as `since` for the next page.
    pub next: String,
    /// Whether more changes follow.
    pub more: bool,
    /// On the last page (`more` false) only: this node's own checkpoint, issued now for
    /// exactly what the feed has served (left out when a write raced the page), and the
    /// newest checkpoint it holds of each other origin, unchanged as that origin signed it.
    pub checkpoints: Vec<Checkpoint>,
    /// On every page: the key rotations and revocations held, this node's own and other
    /// origins', as each origin signed them. A puller reads them before the page's records,
    /// which a key they bring may have signed.
    pub key_statements: KeyStatements,
}

pub fn encode_cursor(seq: i64) -> String {
    URL_SAFE_NO_PAD.encode(seq.to_string())
}

pub fn decode_cursor(cursor: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    String::from_utf8(bytes).ok()?.parse().ok().filter(|n: &i64| *n >= 0)
}

/// Changes since a cursor
///
/// Records this node holds (its own and those of other origins) that changed after the
/// cursor, in local sequence order, each once at its latest state: a published record with
/// its origin's hash and signature, or a signed tombstone. Drafts and contacts never appear.
#[utoipa::path(
    operation_id = "federationChanges", tag = "federation",
    params(ChangesParams),
    responses(
        (status = 200, description = "A page of changes", body = ChangesPage),
        (status = 400, description = "Bad cursor or limit", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The cursor predates the tombstone horizon (`/problems/snapshot-required`): read the snapshot, then the feed from its cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("peerJwt" = []))
)]
#[get("/federation/v1/changes")]
pub async fn changes(
    state: web::Data<AppState>,
    _peer: Peer,
    params: QueryParams<ChangesParams>,
) -> Result<HttpResponse, ApiError> {
    let (page, _, _) = read_page(&state, params.0, false).await?;
    Ok(HttpResponse::Ok().json(ChangesPage {
        changes: page.changes,
        next: encode_cursor(page.last_seq),
        more: page.more,
    }))
}

/// Changes since a cursor, with checkpoints
///
/// The version 1 feed, and on its last page the signed checkpoints a puller checks its
/// holdings against: this node's own, and the newest it holds of every other origin.
#[utoipa::path(
    operation_id = "federationChangesV2", tag = "federation",
    params(ChangesParams),
    responses(
        (status = 200, description = "A page of changes", body = ChangesPageV2),
        (status = 400, description = "Bad cursor or limit", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The cursor predates the tombstone horizon (`/problems/snapshot-required`): read the snapshot, then the feed from its cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("peerJwt" = []))
)]
#[get("/federation/v2/changes")]
pub async fn changes_v2(
    state: web::Data<AppState>,
    _peer: Peer,
    params: QueryParams<ChangesParams>,
) -> Result<HttpResponse, ApiError> {
    let (page, checkpoints, key_statements) = read_page(&state, params.0, true).await?;
    Ok(HttpResponse::Ok().json(ChangesPageV2 {
        key_statements,
        changes: page.changes,
        next: encode_cursor(page.last_seq),
        more: page.more,
        checkpoints,
    }))
}

/// A page of the feed, and in version 2 (`v2`) the key statements and, on the last page, the
/// checkpoints.
async fn read_page(
    state: &web::Data<AppState>,
    params: ChangesParams,
    v2: bool,
) -> Result<(FeedPage, Vec<Checkpoint>, KeyStatements), ApiError> {
    let limit = params.limit.unwrap_or(500);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::field("limit", "must be 1 to 1000"));
    }
    let since = match params.since.as_deref() {
        None => 0,
        Some(c) => decode_cursor(c).ok_or_else(|| ApiError::field("since", "is not a cursor of this node"))?,
    };
    let state = state.clone();
    let read = blocking(move || {
        let store = &state.store;
        // Every write advances the sequence first: the same position before and after means
        // the page and the own commitment read between them agree.
        let before = store.last_seq()?;
        // A cursor past this node's sequence comes from before a restore from backup: the
        // peer reads everything again rather than silently missing what follows.
        let since = if since > before { 0 } else { since };
        // A cursor below the horizon may have missed a removal the feed no longer carries.
        if since > 0 && since < store.feed_horizon()? {
            return Ok(None);
        }
        let page = store.changes_since(since, limit)?;
        let checkpoints = if v2 && !page.more { checkpoints_at(&state, before)? } else { Vec::new() };
        let statements = if v2 { store.statements(None)? } else { KeyStatements::default() };
        Ok(Some((page, checkpoints, statements)))
    })
    .await?;
    read.ok_or_else(|| {
        ApiError::SnapshotRequired(
            "The cursor is from before this node's tombstone horizon: records deleted since were compacted, and the \
             feed no longer carries their tombstones. Read GET /federation/v2/snapshot, then the feed from its cursor."
                .into(),
        )
    })
}

/// The checkpoints that go with what the feed has served up to `seq`, read just before: this
/// node's own, issued now (left out when a write has moved the sequence past `seq`), and the
/// newest held of every other origin, as each origin signed it.
pub fn checkpoints_at(state: &AppState, seq: i64) -> Result<Vec<Checkpoint>, StoreError> {
    let store = &state.store;
    let region = &state.config.region;
    let own = store.origin_state(region)?;
    let mut checkpoints = Vec::new();
    if store.last_seq()? == seq {
        let digest = own.state.digest();
        let active = state.keys.active();
        checkpoints.push(Checkpoint::issue(region, own.count, digest, &active.signing, &active.jwk.kid));
    }
    checkpoints.extend(store.checkpoints()?.into_iter().map(|held| held.checkpoint));
    Ok(checkpoints)
}
