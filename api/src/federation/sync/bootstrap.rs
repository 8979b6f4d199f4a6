//! Bootstrap: filling this node from one peer's snapshot (`GET /federation/v2/snapshot`) in one
//! streamed request, then continuing from the cursor the snapshot corresponds to. Every record
//! is verified against its origin's pinned keys and every checkpoint against its origin's,
//! exactly as the feed's are; the answer is read and applied a batch at a time, so memory does
//! not grow with the snapshot.

use super::Syncer;
use super::error::{SnapshotError, SyncError};
use super::fetch;
use super::verify;
use crate::federation::snapshot::{SnapshotEnd, SnapshotHead};
use serde::Deserialize;
use serde_json::value::RawValue;
use smarty_schema::store::{ApplyOutcome, PeerRow, StoreError};
use std::sync::Arc;
use std::time::Duration;

/// Changes verified and applied together: this many, or fewer that make this many bytes, so
/// what is held at once stays bounded whatever the lines' sizes.
const BATCH: usize = 500;
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// What a bootstrap did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Bootstrap {
    /// Change lines the snapshot held.
    pub records: usize,
    /// What applying them did.
    pub outcome: ApplyOutcome,
    /// Checkpoints newer than those held, kept from the snapshot's head.
    pub checkpoints: usize,
    /// The feed cursor the snapshot corresponds to, where the peer's cursor now stands.
    pub cursor: String,
}

/// A snapshot line, read without copying a change's text before it is verified.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Line<'a> {
    Head(SnapshotHead),
    #[serde(borrow)]
    Change(&'a RawValue),
    End(SnapshotEnd),
}

impl Syncer {
    /// Fills this node from `region`'s snapshot and moves that peer's cursor to where the
    /// snapshot stands, so the next round reads only what changed after it. A snapshot cut
    /// off, or not ending as it says, moves no cursor (what was applied is verified, and
    /// stays).
    pub async fn bootstrap(&self, region: &str) -> Result<Bootstrap, SyncError> {
        let claim = self.claim(region).await?;
        let result = self.bootstrap_claimed(region).await;
        self.release(claim).await;
        result
    }

    pub(super) async fn bootstrap_claimed(&self, region: &str) -> Result<Bootstrap, SyncError> {
        let store = self.inner.store.clone();
        let code = region.to_string();
        let peer = tokio::task::spawn_blocking(move || store.get_peer(&code)).await??;
        let peer = peer.filter(|p| p.url.is_some()).ok_or_else(|| SyncError::NotAPeer(region.to_string()))?;
        let base = peer_url(&peer)?;
        let mut trust = Arc::new(self.trust().await?);
        let url = format!("{}/federation/v2/snapshot", base.trim_end_matches('/'));
        let total = Duration::from_secs(self.inner.config.sync.round_timeout_secs);
        let mut res = fetch::open(&self.inner, region, &url, total).await?;
        let cap = self.inner.config.sync.max_page_bytes as usize;
        let mut reader = Reader { buf: Vec::new(), cap };
        let mut report = Bootstrap::default();
        let mut head: Option<SnapshotHead> = None;
        let mut batch: Vec<Box<RawValue>> = Vec::with_capacity(BATCH);
        let mut batch_bytes = 0;
        let mut ended = false;
        // A batch that fails to apply fails the bootstrap; one in flight when another error
        // comes finishes on its own (what it writes is verified, and stays).
        let mut pending: Option<Pending> = None;
        loop {
            let chunk = fetch::next_chunk(&self.inner, &mut res).await?;
            let Some(chunk) = &chunk else { break };
            for line in reader.lines(chunk)? {
                if ended {
                    return Err(SnapshotError::AfterEnd.into());
                }
                match serde_json::from_slice::<Line>(&line) {
                    Err(e) => return Err(SnapshotError::NotALine(e).into()),
                    Ok(Line::Head(h)) if head.is_none() && report.records == 0 => {
                        // The key statements first: records may be signed by keys they bring.
                        if let Some((grown, learned)) =
                            verify::learn(&trust, &h.key_statements, &self.inner.config.region)
                        {
                            self.keep_statements(learned, &peer.region).await?;
                            trust = Arc::new(grown);
                        }
                        head = Some(h);
                    }
                    Ok(Line::Head(_)) => return Err(SnapshotError::SecondHead.into()),
                    Ok(_) if head.is_none() => return Err(SnapshotError::NoHead.into()),
                    Ok(Line::Change(raw)) => {
                        report.records += 1;
                        batch_bytes += raw.get().len();
                        batch.push(raw.to_owned());
                        if batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
                            batch_bytes = 0;
                            let full = std::mem::take(&mut batch);
                            self.apply(&peer, full, &trust, &mut pending, &mut report).await?;
                        }
                    }
                    Ok(Line::End(end)) => {
                        if end.count != report.records as i64 {
                            return Err(SnapshotError::Miscounted { said: end.count, came: report.records }.into());
                        }
                        ended = true;
                    }
                }
            }
        }
        if !ended || !reader.buf.is_empty() {
            return Err(SnapshotError::CutOff.into());
        }
        self.apply(&peer, batch, &trust, &mut pending, &mut report).await?;
        settle(&mut pending, &mut report).await?;
        let head = head.ok_or(SnapshotError::NoHead)?;
        if head.cursor.len() > verify::MAX_CURSOR {
            return Err(SyncError::Page(verify::PageError::LongCursor));
        }
        let local = self.inner.config.region.clone();
        let checkpoints: Vec<_> = head.checkpoints.into_iter().filter(|c| verify::trusted(c, &trust, &local)).collect();
        let store = self.inner.store.clone();
        let (region, expected) = (peer.region.clone(), peer.cursor.clone());
        report.cursor = head.cursor.clone();
        report.checkpoints = tokio::task::spawn_blocking(move || -> Result<usize, StoreError> {
            // From here the feed continues where the snapshot stands.
            store.apply_remote(&region, &local, expected.as_deref(), &head.cursor, &[], &[])?;
            let mut kept = 0;
            for checkpoint in &checkpoints {
                kept += usize::from(store.keep_checkpoint(checkpoint, &region)?);
            }
            Ok(kept)
        })
        .await?
        .map_err(SyncError::Apply)?;
        tracing::info!(peer = %peer.region, records = report.records, applied = report.outcome.applied, "bootstrapped");
        Ok(report)
    }

    /// Verifies a batch of the snapshot's changes and applies those that verify, in the
    /// background: the next batch is read from the network meanwhile. The batch before this
    /// one is waited for first, so batches apply in order and at most one is in flight.
    async fn apply(
        &self,
        peer: &PeerRow,
        raw: Vec<Box<RawValue>>,
        trust: &Arc<verify::Trust>,
        pending: &mut Option<Pending>,
        report: &mut Bootstrap,
    ) -> Result<(), SyncError> {
        settle(pending, report).await?;
        if raw.is_empty() {
            return Ok(());
        }
        let (trust, local) = (trust.clone(), self.inner.config.region.clone());
        let (store, region) = (self.inner.store.clone(), peer.region.clone());
        *pending = Some(tokio::spawn(async move {
            let verifying = local.clone();
            let (writes, refused) = tokio::task::spawn_blocking(move || verify::all(&raw, &trust, &verifying)).await?;
            let refused: Vec<(String, String)> = refused.into_iter().map(|(id, why)| (id, why.to_string())).collect();
            tokio::task::spawn_blocking(move || store.apply_repair(&region, &local, &writes, &refused))
                .await?
                .map_err(SyncError::Apply)
        }));
        Ok(())
    }
}

/// A batch being verified and applied.
type Pending = tokio::task::JoinHandle<Result<ApplyOutcome, SyncError>>;

/// Waits for the batch in flight, if any, and counts what it did.
async fn settle(pending: &mut Option<Pending>, report: &mut Bootstrap) -> Result<(), SyncError> {
    if let Some(task) = pending.take() {
        report.outcome += task.await??;
    }
    Ok(())
}

/// The peer's URL, if this node may use it (see [`super::transport_allowed`]).
pub(super) fn peer_url(peer: &PeerRow) -> Result<&str, SyncError> {
    let url = peer.url.as_deref().ok_or(SyncError::NoUrl)?;
    let parsed = url::Url::parse(url).map_err(|source| SyncError::BadUrl { url: url.into(), source })?;
    if !super::transport_allowed(&parsed, peer.insecure_http) {
        return Err(SyncError::PlainHttp(url.into()));
    }
    Ok(url)
}

/// Splits a streamed answer into lines, none longer than `cap`.
struct Reader {
    buf: Vec<u8>,
    cap: usize,
}

impl Reader {
    /// The complete lines `chunk` ends (blank ones skipped); a partial last line waits for
    /// the next chunk.
    fn lines(&mut self, chunk: &[u8]) -> Result<Vec<Vec<u8>>, SyncError> {
        self.buf.extend_from_slice(chunk);
        let mut out = Vec::new();
        let mut start = 0;
        while let Some(end) = self.buf[start..].iter().position(|b| *b == b'\n') {
            let line = &self.buf[start..start + end];
            if line.len() > self.cap {
                return Err(SnapshotError::LongLine(self.cap).into());
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                out.push(line.to_vec());
            }
            start += end + 1;
        }
        self.buf.drain(..start);
        if self.buf.len() > self.cap {
            return Err(SnapshotError::LongLine(self.cap).into());
        }
        Ok(out)
    }
}
