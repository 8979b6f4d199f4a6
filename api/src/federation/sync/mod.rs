//! The sync client: pulls each peer's feed page by page, verifies every record against its
//! origin's pinned keys, and applies each page together with the peer's cursor.

mod bootstrap;
mod error;
mod fetch;
mod repair;
pub mod schedule;
mod verify;

pub use bootstrap::Bootstrap;
pub use repair::Repair;

use error::PinnedKeysError;
pub use error::SyncError;

use crate::config::Config;
use crate::keys::NodeKeys;
use futures_util::StreamExt;
use smarty_schema::signing::keychain::{KeyChain, KeyStatements};
use smarty_schema::store::{ApplyOutcome, PeerRow, Store, StoreError};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use verify::Trust;

/// What one peer's sync did.
#[derive(Debug, Default, Clone, Copy)]
pub struct PeerReport {
    pub pages: usize,
    /// What applying the pages (and a snapshot, if one was read) did.
    pub outcome: ApplyOutcome,
    /// Checkpoints newer than those held, kept from the last page.
    pub checkpoints: usize,
    /// The records of the peer's snapshot, when the cursor predated its tombstone horizon and
    /// this node started again from the snapshot.
    pub bootstrapped: Option<usize>,
}

#[derive(Clone)]
pub struct Syncer {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    keys: NodeKeys,
    store: Store,
    client: reqwest::Client,
    /// Peers being synced now, so a trigger never starts a second sync of the same peer.
    running: Mutex<HashSet<String>>,
}

impl Syncer {
    pub fn new(config: Config, keys: NodeKeys, store: Store) -> Result<Syncer, SyncError> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(config.sync.connect_timeout_secs))
            .read_timeout(Duration::from_secs(config.sync.idle_timeout_secs))
            .timeout(Duration::from_secs(config.sync.read_timeout_secs))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("smarty/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(SyncError::Client)?;
        let running = Mutex::new(HashSet::new());
        Ok(Syncer { inner: Arc::new(Inner { config, keys, store, client, running }) })
    }

    /// One round: every pulled peer (or just `only`), concurrently up to the configured bound.
    /// One failing peer never stops the others.
    pub async fn round(&self, only: Option<&str>) -> Result<Vec<(String, Result<PeerReport, SyncError>)>, SyncError> {
        let store = self.inner.store.clone();
        let peers = tokio::task::spawn_blocking(move || store.list_peers()).await??;
        let peers: Vec<PeerRow> = peers.into_iter().filter(|p| p.url.is_some() && p.pull).collect();
        let peers: Vec<PeerRow> = match only {
            None => peers,
            Some(code) => {
                let one: Vec<PeerRow> = peers.into_iter().filter(|p| p.region == code).collect();
                if one.is_empty() {
                    return Err(SyncError::NotAPeer(code.to_string()));
                }
                one
            }
        };
        // The round ends by this time whatever the peers do; each peer checks it as it goes.
        let deadline = self.round_deadline();
        let results = futures_util::stream::iter(peers)
            .map(|peer| async move {
                let region = peer.region.clone();
                (region, self.sync_peer(peer, deadline).await)
            })
            .buffer_unordered(self.inner.config.sync.concurrency)
            .collect::<Vec<_>>()
            .await;
        Ok(results)
    }

    /// Starts a background sync of one peer, unless one is running here or on another replica
    /// of this node (the lease is taken before this returns, so the answer is exact).
    pub async fn trigger(&self, peer: PeerRow) -> Result<(), SyncError> {
        let claim = self.claim(&peer.region).await?;
        let this = self.clone();
        let deadline = self.round_deadline();
        let span = tracing::info_span!("node", node = %self.inner.config.region);
        let pull = async move {
            // run_peer keeps the outcome in the peer's status and the log; nobody waits for it.
            let _outcome = this.run_peer(peer, deadline).await;
            this.release(claim).await;
        };
        actix_web::rt::spawn(tracing::Instrument::instrument(pull, span));
        Ok(())
    }

    /// The set of peers being synced; a panic elsewhere cannot leave it unusable.
    fn running(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.inner.running.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn round_deadline(&self) -> Instant {
        Instant::now() + Duration::from_secs(self.inner.config.sync.round_timeout_secs)
    }

    /// The right to sync `region` now: no other task of this process, and no other replica on
    /// the same store (a lease in the store), is syncing it. Dropping the claim gives it up,
    /// even when the task holding it is cancelled or panics.
    async fn claim(&self, region: &str) -> Result<Claim, SyncError> {
        if !self.running().insert(region.to_string()) {
            return Err(SyncError::AlreadyRunning(region.to_string()));
        }
        // From here on, the claim's Drop takes the region out of `running` again.
        let mut claim = Claim { region: region.to_string(), lease: None, syncer: self.clone() };
        let (store, job) = (self.inner.store.clone(), format!("sync:{region}"));
        match tokio::task::spawn_blocking(move || store.try_lease(&job)).await?? {
            Some(lease) => {
                claim.lease = Some(lease);
                Ok(claim)
            }
            None => Err(SyncError::AlreadyRunning(region.to_string())),
        }
    }

    async fn release(&self, mut claim: Claim) {
        // Releasing a PostgreSQL lease is a query: off the async workers.
        if let Some(lease) = claim.lease.take()
            && let Err(e) = tokio::task::spawn_blocking(move || drop(lease)).await
        {
            tracing::error!(peer = %claim.region, error = %e, "cannot release the sync lease");
        }
    }

    async fn sync_peer(&self, peer: PeerRow, deadline: Instant) -> Result<PeerReport, SyncError> {
        let claim = self.claim(&peer.region).await?;
        let result = self.run_peer(peer, deadline).await;
        self.release(claim).await;
        result
    }

    /// Pulls every page of one peer, then records the outcome in the peer's status.
    async fn run_peer(&self, peer: PeerRow, deadline: Instant) -> Result<PeerReport, SyncError> {
        let result = self.pull(&peer, deadline).await;
        let store = self.inner.store.clone();
        let region = peer.region.clone();
        // What a peer said reaches the status only sanitised and bounded.
        let error = result.as_ref().err().map(|e| fetch::sanitise(&e.to_string(), 500));
        let recorded = tokio::task::spawn_blocking(move || store.record_sync_attempt(&region, error.as_deref())).await;
        if let Err(e) = recorded.map_err(|e| e.to_string()).and_then(|r| r.map_err(|e| e.to_string())) {
            tracing::error!(peer = %peer.region, error = %e, "cannot record the sync outcome");
        }
        match &result {
            Ok(r) => {
                tracing::info!(peer = %peer.region, pages = r.pages, applied = r.outcome.applied, rejected = r.outcome.rejected, "synced");
            }
            Err(e) => tracing::warn!(peer = %peer.region, error = %e, "sync failed"),
        }
        result
    }

    async fn pull(&self, peer: &PeerRow, deadline: Instant) -> Result<PeerReport, SyncError> {
        let cfg = &self.inner.config.sync;
        if Instant::now() >= deadline {
            return Err(SyncError::RoundOver(cfg.round_timeout_secs));
        }
        let mut trust = Arc::new(self.trust().await?);
        let url = bootstrap::peer_url(peer)?;
        let mut budget = fetch::Budget::new(Duration::from_secs(cfg.failure_budget_secs), deadline);
        let mut cursor = peer.cursor.clone();
        let mut report = PeerReport::default();
        // Version 2 first; a peer of the first release answers 404 and is read in version 1.
        let mut version = 2;
        // The previous page being written while the next is fetched and verified: the peer
        // serves it meanwhile. It is written (or has failed) before anything else touches the
        // store.
        let mut applying: Option<Applying> = None;
        loop {
            if report.pages >= cfg.max_pages_per_round as usize {
                settle(&mut applying, &mut report).await?;
                return Err(SyncError::TooManyPages(report.pages));
            }
            if Instant::now() >= budget.deadline {
                settle(&mut applying, &mut report).await?;
                return Err(SyncError::RoundOverAfter { pages: report.pages, secs: cfg.round_timeout_secs });
            }
            let fetched = fetch::page(&self.inner, &peer.region, url, version, cursor.as_deref(), &mut budget).await;
            if fetched.is_err() {
                settle(&mut applying, &mut report).await?;
            }
            let body = match fetched {
                Err(fetch::FetchError::NotServed(why)) if version == 2 => {
                    tracing::debug!(peer = %peer.region, %why, "the peer speaks only version 1");
                    version = 1;
                    continue;
                }
                Err(fetch::FetchError::SnapshotRequired(why)) if report.bootstrapped.is_none() => {
                    // Removals the feed no longer carries may be missed: start again from the
                    // peer's snapshot, and read its feed from there (the repair after the
                    // round takes out what its origins no longer publish).
                    tracing::info!(peer = %peer.region, %why, "the cursor predates the peer's horizon: bootstrapping");
                    let b = self.bootstrap_claimed(&peer.region).await?;
                    report.bootstrapped = Some(b.records);
                    report.outcome += b.outcome;
                    cursor = Some(b.cursor);
                    continue;
                }
                other => other?,
            };
            let local = self.inner.config.region.clone();
            let verifying = trust.clone();
            // Verified while the previous page is still being written; it does not touch the store.
            let verified = tokio::task::spawn_blocking(move || verify::page(&body, &verifying, &local)).await;
            settle(&mut applying, &mut report).await?;
            let mut page = verified??;
            if let Some((grown, learned)) = page.learned.take() {
                // Kept before the records they let verify are applied.
                self.keep_statements(learned, &peer.region).await?;
                trust = Arc::new(grown);
            }
            // A peer must not steer the loop: a page holds at most what was asked for, and
            // "more" must come with a cursor that moves on.
            let asked = cfg.page_size as usize;
            if page.changes.len() + page.rejected.len() > asked {
                return Err(SyncError::PageTooLarge { held: page.changes.len() + page.rejected.len(), asked });
            }
            if page.more && (page.next.is_empty() || cursor.as_deref() == Some(page.next.as_str())) {
                return Err(SyncError::CursorStuck);
            }
            let store = self.inner.store.clone();
            let (region, local, expected) = (peer.region.clone(), self.inner.config.region.clone(), cursor.clone());
            let next = page.next.clone();
            let checkpoints = std::mem::take(&mut page.checkpoints);
            // The store keeps each refusal's reason as text, for the peer's status.
            let rejected: Vec<(String, String)> =
                page.rejected.iter().map(|(id, why)| (id.clone(), why.to_string())).collect();
            let apply = tokio::task::spawn_blocking(move || {
                store.apply_remote(&region, &local, expected.as_deref(), &next, &page.changes, &rejected)
            });
            report.pages += 1;
            applying = Some(apply);
            if !page.more {
                settle(&mut applying, &mut report).await?;
                // The peer's checkpoints describe what it served up to here.
                let (store, region) = (self.inner.store.clone(), peer.region.clone());
                let kept = tokio::task::spawn_blocking(move || -> Result<usize, StoreError> {
                    let mut kept = 0;
                    for checkpoint in &checkpoints {
                        kept += usize::from(store.keep_checkpoint(checkpoint, &region)?);
                    }
                    Ok(kept)
                })
                .await??;
                report.checkpoints += kept;
                return Ok(report);
            }
            cursor = Some(page.next);
        }
    }

    /// Every pinned key of every peer, by region: records are verified with their origin's
    /// keys, whichever peer served them.
    async fn trust(&self) -> Result<Trust, SyncError> {
        let store = self.inner.store.clone();
        let (peers, statements) =
            tokio::task::spawn_blocking(move || Ok::<_, StoreError>((store.list_peers()?, store.statements(None)?)))
                .await??;
        let mut trust: Trust = HashMap::new();
        for p in peers {
            let set = serde_json::from_str::<smarty_schema::signing::JwkSet>(&p.jwks)
                .map_err(PinnedKeysError::from)
                .and_then(|set| {
                    set.verifying_keys()?;
                    Ok(set)
                });
            let set = set.map_err(|reason| SyncError::PinnedKeys { region: p.region.clone(), reason })?;
            // Rotations and revocations held of the region chain further keys to the pinned.
            trust.insert(p.region.clone(), KeyChain::resolve(&p.region, &set, &statements));
        }
        Ok(trust)
    }

    /// Keeps key statements a peer taught this node.
    async fn keep_statements(&self, learned: KeyStatements, from: &str) -> Result<(), SyncError> {
        let (store, from) = (self.inner.store.clone(), from.to_string());
        tokio::task::spawn_blocking(move || store.keep_statements(&learned, &from)).await??;
        Ok(())
    }
}

/// A peer this process may sync now (see [`Syncer::claim`]).
struct Claim {
    region: String,
    lease: Option<smarty_schema::store::Lease>,
    syncer: Syncer,
}

impl Drop for Claim {
    fn drop(&mut self) {
        // A lease still held here (a cancelled or panicked task) closes its own connection.
        drop(self.lease.take());
        self.syncer.running().remove(&self.region);
    }
}

/// A page's write in progress.
type Applying = tokio::task::JoinHandle<Result<ApplyOutcome, StoreError>>;

/// Waits for the page being written, if one is, and counts what it did.
async fn settle(applying: &mut Option<Applying>, report: &mut PeerReport) -> Result<(), SyncError> {
    if let Some(apply) = applying.take() {
        report.outcome += apply.await?.map_err(SyncError::Apply)?;
    }
    Ok(())
}

/// Plain http only to this machine, unless the operator opted in for the peer: records and
/// cursors between machines travel over TLS.
pub fn transport_allowed(url: &url::Url, insecure_http: bool) -> bool {
    match (url.scheme(), url.host()) {
        ("https", _) => true,
        ("http", _) if insecure_http => true,
        ("http", Some(url::Host::Domain(d))) => d == "localhost",
        ("http", Some(url::Host::Ipv4(ip))) => ip.is_loopback(),
        ("http", Some(url::Host::Ipv6(ip))) => ip.is_loopback(),
        _ => false,
    }
}
