//! `GET /federation/v2/snapshot`: every record the node holds, streamed in one answer, for a
//! new node (or one whose cursor predates the tombstone horizon) to start from.
//!
//! The snapshot is taken at a sequence position: it holds every record whose latest change is
//! at or before it, read page by page as the answer is written, so memory does not grow with
//! the catalogue. A record changed while the snapshot streams moves past the position and is
//! left out; the feed, read from the snapshot's cursor, serves it. Nothing is missed and no
//! long read transaction is held.

use super::feed::{checkpoints_at, encode_cursor};
use super::peer_auth::Peer;
use crate::error::{ApiError, blocking};
use crate::state::AppState;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, web};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use smarty_schema::signing::keychain::KeyStatements;
use smarty_schema::signing::{Change, Checkpoint};
use utoipa::ToSchema;

/// Records read from the store per step of the stream.
const PAGE: i64 = 500;
/// The media type of the answer: one JSON value per line (JSON Lines / NDJSON).
pub const MEDIA_TYPE: &str = "application/x-ndjson";

/// One line of a snapshot: the head first, then the changes, then the end.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = json!({"head": {"cursor": "MTI0", "checkpoints": [], "key_statements": {"rotations": [], "revocations": []}}}))]
pub enum SnapshotLine {
    /// The first line.
    Head(SnapshotHead),
    /// One record held, as its origin signed it (the same form as a change of the feed).
    Change(Change),
    /// The last line. An answer without it was cut off, and proves nothing.
    End(SnapshotEnd),
}

/// Where the snapshot stands.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"cursor": "MTI0", "checkpoints": [], "key_statements": {"rotations": [], "revocations": []}}))]
pub struct SnapshotHead {
    /// The feed cursor the snapshot corresponds to: pass it as `since` to the changes feed
    /// to read what changed after it.
    #[schema(pattern = "^[A-Za-z0-9_-]+$", example = "MTI0")]
    pub cursor: String,
    /// This node's own checkpoint, issued for exactly the records that follow (left out when
    /// a write raced the snapshot's start), and the newest held of every other origin.
    pub checkpoints: Vec<Checkpoint>,
    /// The key statements held, this node's own and other origins', as each origin signed
    /// them: read before the records, which keys they bring may have signed. Absent: none.
    #[serde(default)]
    pub key_statements: KeyStatements,
}

/// The end of a snapshot.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"count": 14}))]
pub struct SnapshotEnd {
    /// How many change lines came before this one.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub count: i64,
}

/// A snapshot of everything this node holds
///
/// Every record this node holds that peers may see (its own and other origins', live ones and
/// signed tombstones; drafts and contacts never), streamed as JSON Lines: a `head` line with
/// the feed cursor the snapshot corresponds to and the checkpoints, one `change` line per
/// record, and an `end` line with the count. A new node fills itself from one snapshot, then
/// reads the changes feed from the cursor.
#[utoipa::path(
    operation_id = "federationSnapshot", tag = "federation",
    responses(
        (status = 200, description = "The snapshot, one line per JSON value", body = SnapshotLine, content_type = "application/x-ndjson"),
    ),
    security(("peerJwt" = []))
)]
#[get("/federation/v2/snapshot")]
pub async fn snapshot(state: web::Data<AppState>, _peer: Peer) -> Result<HttpResponse, ApiError> {
    let at = state.clone();
    let (through, checkpoints, key_statements) = blocking(move || {
        let through = at.store.last_seq()?;
        Ok((through, checkpoints_at(&at, through)?, at.store.statements(None)?))
    })
    .await?;
    let head = line(&SnapshotLine::Head(SnapshotHead { cursor: encode_cursor(through), checkpoints, key_statements }));
    let store = state.store.clone();
    // (the last sequence position served, changes served so far, whether the end was written)
    let pages = futures_util::stream::try_unfold((0_i64, 0_i64, false), move |(after, count, ended)| {
        let store = store.clone();
        async move {
            if ended {
                return Ok(None);
            }
            let page = web::block(move || store.changes_through(after, through, PAGE))
                .await
                .map_err(std::io::Error::other)?
                .map_err(|e| {
                    // The status is sent: the cut-off answer (no end line) is how the puller learns.
                    tracing::error!(error = %e, "the snapshot stopped");
                    std::io::Error::other(e.to_string())
                })?;
            let mut out = Vec::with_capacity(page.changes.len() * 3000);
            for change in &page.changes {
                out.extend_from_slice(b"{\"change\":");
                serde_json::to_writer(&mut out, change).map_err(std::io::Error::other)?;
                out.extend_from_slice(b"}\n");
            }
            let count = count + page.changes.len() as i64;
            if !page.more {
                out.extend_from_slice(&line(&SnapshotLine::End(SnapshotEnd { count })));
            }
            Ok(Some((Bytes::from(out), (page.last_seq, count, !page.more))))
        }
    });
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) }).chain(pages);
    Ok(HttpResponse::Ok().content_type(MEDIA_TYPE).streaming(body))
}

fn line(value: &SnapshotLine) -> Bytes {
    let mut out = serde_json::to_vec(value).expect("a snapshot line serialises");
    out.push(b'\n');
    Bytes::from(out)
}
