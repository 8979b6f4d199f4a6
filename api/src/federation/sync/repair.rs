//! Repair: after a round, each origin whose holdings differ from its newest checkpoint is
//! bisected, range digest by range digest, against the peers that can be reached (the origin
//! itself first), and the records found missing or older are fetched by id, verified as
//! usual and applied. What no peer serves is reported, with how many are missing.

use super::error::RepairError;
use super::verify::{self, Trust};
use super::{Inner, Syncer};
use crate::federation::peers_api::{Completeness, completeness};
use crate::federation::repair::{MAX_IDS, RangeDigest, range_digest_of};
use crate::federation::token;
use smarty_schema::store::{PeerRow, SetEntry, Store, StoreError};
use std::collections::{HashMap, HashSet};

/// The most range requests one repair of one origin may make of one peer: a peer cannot keep
/// a puller bisecting forever.
const MAX_RANGE_REQUESTS: usize = 512;
/// The largest answer read from a peer during a repair.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// What a repair of one origin came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// The origin's holdings now match its checkpoint: `records` were fetched from `from`,
    /// and `retracted` held records taken out, the origin's checkpoint proving it no longer
    /// publishes them (tombstones it compacted, records whose tombstone never came).
    Repaired { records: usize, retracted: usize, from: String },
    /// No reachable peer serves what is missing; `missing` is the checkpoint's count less the
    /// records held (0 when the difference is in versions, not in number).
    Unserved { missing: i64, checkpoint_from: String },
}

/// What a repair from one peer did.
struct Mended {
    records: usize,
    retracted: usize,
    complete: bool,
}

/// How a peer's holdings of an origin differ from this node's.
struct Differences {
    /// Ids the peer holds at a version this node lacks.
    wanted: Vec<String>,
    /// Ids this node holds that the peer does not.
    extra: Vec<String>,
}

impl Syncer {
    /// Repairs every origin whose holdings differ from its newest checkpoint, by origin.
    pub async fn repair(&self) -> Vec<(String, Repair)> {
        let store = self.inner.store.clone();
        let found = tokio::task::spawn_blocking(move || -> Result<_, RepairError> {
            Ok((completeness(&store)?, store.list_peers()?))
        })
        .await
        .map_err(RepairError::from)
        .and_then(|found| found);
        let (origins, peers) = match found {
            Ok(found) => found,
            Err(e) => {
                tracing::error!(error = %e, "cannot read what to repair");
                return Vec::new();
            }
        };
        let trust = match self.trust().await {
            Ok(t) => t,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the pinned keys");
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for o in origins.into_iter().filter(|o| o.state == Completeness::Incomplete) {
            // The origin first: it holds every record of its own.
            let mut sources: Vec<&PeerRow> = peers.iter().filter(|p| p.url.is_some()).collect();
            sources.sort_by_key(|p| p.region != o.origin);
            let mut outcome = None;
            for source in sources {
                match self.repair_from(source, &o.origin, &trust).await {
                    Ok(Mended { records, retracted, complete: true }) => {
                        outcome = Some(Repair::Repaired { records, retracted, from: source.region.clone() });
                        break;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::info!(origin = %o.origin, peer = %source.region, error = %e, "cannot repair from this peer");
                    }
                }
            }
            let outcome = match outcome {
                Some(done) => done,
                None => {
                    let store = self.inner.store.clone();
                    let origin = o.origin.clone();
                    let held = tokio::task::spawn_blocking(move || store.origin_state(&origin)).await;
                    let held = held.ok().and_then(Result::ok).map_or(o.held, |s| s.count);
                    let missing = (o.published - held).max(0);
                    tracing::warn!(origin = %o.origin, missing, checkpoint_from = %o.checkpoint_from, "incomplete, served by nobody");
                    Repair::Unserved { missing, checkpoint_from: o.checkpoint_from }
                }
            };
            out.push((o.origin, outcome));
        }
        out
    }

    /// Fetches from `source` what it holds of `origin` that this node lacks or holds older,
    /// then takes out what this node holds and `source` does not, if the origin's checkpoint
    /// proves the origin no longer publishes it.
    async fn repair_from(&self, source: &PeerRow, origin: &str, trust: &Trust) -> Result<Mended, RepairError> {
        let base = source.url.as_deref().ok_or(RepairError::NoUrl)?.trim_end_matches('/').to_string();
        let Differences { wanted, extra } = self.differing(&source.region, &base, origin).await?;
        let mut applied = 0;
        for ids in wanted.chunks(MAX_IDS) {
            let url = format!("{base}/federation/v2/records");
            let query = [("origin", origin.to_string()), ("ids", ids.join(","))];
            let body = get(&self.inner, &source.region, &url, &query).await?;
            let (trust, local) = (trust.clone(), self.inner.config.region.clone());
            let (writes, refused) =
                tokio::task::spawn_blocking(move || verify::records(&body, &trust, &local)).await??;
            // Only what was asked for, of the origin being repaired.
            let writes: Vec<_> = writes
                .into_iter()
                .filter(|w| ids.iter().any(|id| id == w.id()) && w.change.record.origin == origin)
                .collect();
            let refused: Vec<(String, String)> = refused.into_iter().map(|(id, why)| (id, why.to_string())).collect();
            let (store, peer, local) =
                (self.inner.store.clone(), source.region.clone(), self.inner.config.region.clone());
            let outcome =
                tokio::task::spawn_blocking(move || store.apply_repair(&peer, &local, &writes, &refused)).await??;
            applied += outcome.applied;
        }
        let store = self.inner.store.clone();
        let origin = origin.to_string();
        let (retracted, complete) = tokio::task::spawn_blocking(move || -> Result<_, StoreError> {
            let is_complete = |store: &Store| {
                completeness(store)
                    .map(|all| all.iter().any(|o| o.origin == origin && o.state == Completeness::Complete))
            };
            let complete = is_complete(&store)?;
            if complete || extra.is_empty() {
                return Ok((0, complete));
            }
            let checkpoint = store.checkpoints()?.into_iter().find(|h| h.checkpoint.origin == origin);
            let retracted = match checkpoint {
                Some(held) => store.retract(&held.checkpoint, &extra)?,
                None => 0,
            };
            Ok((retracted, is_complete(&store)?))
        })
        .await??;
        Ok(Mended { records: applied, retracted, complete })
    }

    /// How what `source` holds of `origin` differs from what this node holds, found by
    /// bisecting range digests from the whole range down to listed ranges.
    async fn differing(&self, region: &str, base: &str, origin: &str) -> Result<Differences, RepairError> {
        let mut ranges: Vec<(String, Option<String>)> = vec![(String::new(), None)];
        let (mut wanted, mut extra) = (Vec::new(), Vec::new());
        // What this node holds of the origin, read once, in id order; each range is a slice.
        let all = self.entries(origin, "", None).await?;
        let within = |from: &str, to: Option<&str>| {
            let start = all.partition_point(|e| e.id.as_str() < from);
            let end = to.map_or(all.len(), |t| all.partition_point(|e| e.id.as_str() < t));
            &all[start..end.max(start)]
        };
        let mut asked = 0;
        while let Some((from, to)) = ranges.pop() {
            asked += 1;
            if asked > MAX_RANGE_REQUESTS {
                return Err(RepairError::TooManyRanges(MAX_RANGE_REQUESTS));
            }
            let mut query = vec![("origin", origin.to_string()), ("from", from.clone())];
            query.extend(to.clone().map(|t| ("to", t)));
            let body = get(&self.inner, region, &format!("{base}/federation/v2/digest"), &query).await?;
            let theirs: RangeDigest = serde_json::from_slice(&body).map_err(RepairError::NotARange)?;
            let mine = within(&from, to.as_deref());
            if theirs.digest == range_digest_of(mine) {
                continue;
            }
            if theirs.parts.is_empty() {
                let held: HashMap<&str, i64> = mine.iter().map(|e| (e.id.as_str(), e.version)).collect();
                let listed: HashSet<&str> = theirs.entries.iter().map(|e| e.id.as_str()).collect();
                extra.extend(mine.iter().filter(|e| !listed.contains(e.id.as_str())).map(|e| e.id.clone()));
                for e in theirs.entries {
                    if held.get(e.id.as_str()).is_none_or(|v| *v < e.version) {
                        wanted.push(e.id);
                    }
                }
                continue;
            }
            // The parts must lie inside the range, in order, each starting after the last:
            // else the peer is steering the bisection.
            let inside = |id: &str| id >= from.as_str() && to.as_deref().is_none_or(|t| id < t);
            let ordered = theirs.parts.windows(2).all(|w| w[0].from < w[1].from);
            if theirs.parts[0].from != from || !ordered || !theirs.parts.iter().all(|p| inside(&p.from)) {
                return Err(RepairError::NotASplit);
            }
            for (i, part) in theirs.parts.iter().enumerate() {
                let end = theirs.parts.get(i + 1).map(|p| p.from.clone()).or_else(|| to.clone());
                let part_mine =
                    mine.iter().filter(|e| e.id >= part.from && end.as_deref().is_none_or(|t| e.id.as_str() < t));
                if range_digest_of(part_mine) != part.digest {
                    ranges.push((part.from.clone(), end));
                }
            }
        }
        Ok(Differences { wanted, extra })
    }

    async fn entries(&self, origin: &str, from: &str, to: Option<&str>) -> Result<Vec<SetEntry>, RepairError> {
        let store = self.inner.store.clone();
        let (origin, from, to) = (origin.to_string(), from.to_string(), to.map(String::from));
        Ok(tokio::task::spawn_blocking(move || store.set_entries(&origin, &from, to.as_deref())).await??)
    }
}

/// A GET of a peer's federation route with a fresh peer token: no redirects (the client
/// follows none), the sync timeouts, a bounded body.
async fn get(inner: &Inner, region: &str, url: &str, query: &[(&str, String)]) -> Result<Vec<u8>, RepairError> {
    let token = token::issue(&inner.keys, &inner.config.region, region, "GET", url)?;
    let mut res = inner
        .client
        .get(url)
        .query(query)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|source| RepairError::Unreachable { url: url.into(), source })?;
    if !res.status().is_success() {
        return Err(RepairError::Status { url: url.into(), status: res.status() });
    }
    let mut body = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(|source| RepairError::CutOff { url: url.into(), source })? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(RepairError::TooLarge { url: url.into(), limit: MAX_BODY });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
