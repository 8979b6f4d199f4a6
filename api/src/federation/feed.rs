//! `GET /federation/v1/changes`: the node's records in local sequence order, for peers.

use super::peer_auth::Peer;
use crate::error::{ApiError, Problem, blocking};
use crate::http::QueryParams;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use smarty_schema::signing::Change;
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
        (status = 401, description = "The peer token failed a check, named in `detail`; `server_time` shows this node's clock", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller is not a configured peer", body = Problem, content_type = "application/problem+json"),
    ),
    security(("peerJwt" = []))
)]
#[get("/federation/v1/changes")]
pub async fn changes(
    state: web::Data<AppState>,
    _peer: Peer,
    params: QueryParams<ChangesParams>,
) -> Result<HttpResponse, ApiError> {
    let limit = params.0.limit.unwrap_or(500);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::field("limit", "must be 1 to 1000"));
    }
    let since = match params.0.since.as_deref() {
        None => 0,
        Some(c) => decode_cursor(c).ok_or_else(|| ApiError::field("since", "is not a cursor of this node"))?,
    };
    let store = state.store.clone();
    let page = blocking(move || {
        // A cursor past this node's sequence comes from before a restore from backup: the
        // peer reads everything again rather than silently missing what follows.
        let since = if since > store.last_seq()? { 0 } else { since };
        store.changes_since(since, limit)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ChangesPage {
        changes: page.changes,
        next: encode_cursor(page.last_seq),
        more: page.more,
    }))
}
