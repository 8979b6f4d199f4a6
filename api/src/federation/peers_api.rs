//! `/api/v1/peers`: per-peer sync status, and on-demand sync (admin).

use crate::auth::Admin;
use crate::error::{ApiError, Problem, blocking};
use crate::federation::sync::{SyncError, Syncer};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use serde::Serialize;
use smarty_schema::store::{Store, StoreError};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

/// A rejected record.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"at": "2026-11-25T02:14:03.120000Z", "record_id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60",
    "reason": "hash does not match the record's canonical JSON"}))]
pub struct RejectionView {
    /// When the record was refused (RFC 3339, UTC).
    pub at: String,
    /// The id of the refused record as the peer sent it (`(no id)` when it had none).
    pub record_id: String,
    /// Why it was refused: the check it failed (hash, signature, origin, validation, …).
    pub reason: String,
}

/// A peer and the health of syncing from it.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"region": "tuscany", "url": "https://smarty.tuscany.example", "pull": true, "cursor": "MTI0",
    "last_attempt_at": "2026-11-25T02:14:03.120000Z", "last_success_at": "2026-11-25T02:14:03.120000Z",
    "last_error": null, "consecutive_failures": 0, "records_received": 14, "records_rejected": 0, "records_stale": 3, "records_own": 5, "recent_rejections": []}))]
pub struct PeerStatus {
    /// The peer's region code.
    pub region: String,
    /// Where this node pulls from; null for a peer whose keys are only pinned.
    pub url: Option<String>,
    /// Whether this node pulls from the peer.
    pub pull: bool,
    /// Position in the peer's feed.
    pub cursor: Option<String>,
    /// When a sync round with the peer last ran (RFC 3339, UTC); null if none has.
    pub last_attempt_at: Option<String>,
    /// When a sync round with the peer last succeeded (RFC 3339, UTC); null if none has.
    pub last_success_at: Option<String>,
    /// Why the last round failed; null when it succeeded (or none has run).
    pub last_error: Option<String>,
    /// Rounds failed in a row since the last success; 0 after a success.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub consecutive_failures: i64,
    /// Records from the peer applied here, in all.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub records_received: i64,
    /// Records from the peer refused, in all (the latest are in `recent_rejections`).
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub records_rejected: i64,
    /// Copies from the peer older than the version held here, in all: routine in a mesh,
    /// where peers relay what they have; not refusals.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub records_stale: i64,
    /// This node's own records that came back through the peer as they are held, in all.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub records_own: i64,
    /// The latest refused records, newest first.
    pub recent_rejections: Vec<RejectionView>,
}

/// The peers' list.
#[derive(Serialize, ToSchema)]
pub struct PeerList {
    /// Every configured peer, by region code.
    pub items: Vec<PeerStatus>,
    /// For every other origin whose signed checkpoint this node holds: whether what it holds
    /// of that origin is exactly what the checkpoint commits to.
    pub origins: Vec<OriginCompleteness>,
}

/// Whether this node holds all of an origin's records, as the origin's newest checkpoint
/// (served by a peer, possibly a relay) states them.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"origin": "tuscany", "state": "complete", "held": 14, "published": 14,
    "checkpoint_issued_at": "2026-12-01T02:14:03.120000Z", "checkpoint_from": "mazovia"}))]
pub struct OriginCompleteness {
    /// The origin's region code.
    pub origin: String,
    /// `complete` when the digest of what is held equals the checkpoint's; else `incomplete`
    /// (a record missing, an older version, or one the origin does not count), which names
    /// the peer that served the checkpoint in `checkpoint_from`.
    pub state: Completeness,
    /// Records of the origin held here, tombstones included.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub held: i64,
    /// Records the origin counts in its checkpoint.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub published: i64,
    /// When the origin issued the checkpoint (RFC 3339, UTC).
    pub checkpoint_issued_at: String,
    /// The peer that served the checkpoint.
    pub checkpoint_from: String,
}

/// What a node holds of an origin, against the origin's checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(example = "complete")]
pub enum Completeness {
    /// Exactly the set the checkpoint commits to.
    Complete,
    /// Another set.
    Incomplete,
}

/// Peers and their sync status
///
/// Every configured peer: whether it is pulled, its cursor, the last attempts and errors,
/// counts of received, rejected, stale and own records, and the latest rejections with their reasons.
#[utoipa::path(operation_id = "listPeers", tag = "peers",
    responses(
        (status = 200, description = "The peers", body = PeerList),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[get("/peers")]
pub async fn list(state: web::Data<AppState>, _admin: Admin) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let items = blocking(move || {
        let mut items = Vec::new();
        for p in store.list_peers()? {
            let recent = store.recent_rejections(&p.region)?;
            items.push(PeerStatus {
                pull: p.url.is_some() && p.pull,
                region: p.region,
                url: p.url,
                cursor: p.cursor,
                last_attempt_at: p.last_attempt_at,
                last_success_at: p.last_success_at,
                last_error: p.last_error,
                consecutive_failures: p.consecutive_failures,
                records_received: p.records_received,
                records_rejected: p.records_rejected,
                records_stale: p.records_stale,
                records_own: p.records_own,
                recent_rejections: recent
                    .into_iter()
                    .map(|r| RejectionView { at: r.at, record_id: r.record_id, reason: r.reason })
                    .collect(),
            });
        }
        Ok((items, completeness(&store)?))
    })
    .await?;
    let (items, origins) = items;
    Ok(HttpResponse::Ok().json(PeerList { items, origins }))
}

/// Each held checkpoint against what is held of its origin.
pub fn completeness(store: &Store) -> Result<Vec<OriginCompleteness>, StoreError> {
    let mut out = Vec::new();
    for held in store.checkpoints()? {
        let checkpoint = held.checkpoint;
        let mine = store.origin_state(&checkpoint.origin)?;
        let state =
            if mine.state.digest() == checkpoint.digest { Completeness::Complete } else { Completeness::Incomplete };
        out.push(OriginCompleteness {
            origin: checkpoint.origin,
            state,
            held: mine.count,
            published: checkpoint.count,
            checkpoint_issued_at: checkpoint.issued_at,
            checkpoint_from: held.received_from,
        });
    }
    Ok(out)
}

/// Sync from a peer now
///
/// Starts pulling from the peer in the background and answers at once; progress shows in
/// the peer's status. A sync of that peer already running, on this replica or another one of
/// the node, is not started twice: 409.
#[utoipa::path(operation_id = "syncPeer", tag = "peers",
    params(("code" = String, Path, description = "The peer's region code", example = "tuscany")),
    responses(
        (status = 202, description = "Sync started"),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such peer", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The peer's keys are only pinned (this node does not pull from it), or a sync of it is already running", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[post("/peers/{code}/sync")]
pub async fn sync(
    state: web::Data<AppState>,
    syncer: web::Data<Syncer>,
    _admin: Admin,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let code = code.into_inner();
    let peer = blocking(move || store.get_peer(&code)).await?.ok_or(ApiError::NotFound)?;
    if peer.url.is_none() || !peer.pull {
        return Err(ApiError::Conflict(format!("{} is pinned only: this node does not pull from it.", peer.region)));
    }
    match syncer.trigger(peer).await {
        Ok(()) => Ok(HttpResponse::Accepted().finish()),
        Err(SyncError::AlreadyRunning(region)) => Err(ApiError::Conflict(format!(
            "A sync of {region} is already running, on this replica or another: its progress shows in the peer's status."
        ))),
        Err(e) => Err(ApiError::Internal(e.to_string())),
    }
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(sync);
}
