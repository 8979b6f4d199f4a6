//! The sync client: pulls each peer's feed page by page, verifies every record against its
//! origin's pinned keys, and applies each page together with the peer's cursor.

mod fetch;
pub mod schedule;
mod verify;

use super::keys::NodeKeys;
use crate::config::Config;
use futures_util::StreamExt;
use smarty_schema::store::{PeerRow, Store};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use verify::Trust;

/// What one peer's sync did.
#[derive(Debug, Default, Clone, Copy)]
pub struct PeerReport {
    pub pages: usize,
    pub applied: usize,
    pub unchanged: usize,
    pub rejected: usize,
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
    pub fn new(config: Config, keys: NodeKeys, store: Store) -> Result<Syncer, String> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(config.sync.connect_timeout_secs))
            .timeout(Duration::from_secs(config.sync.read_timeout_secs))
            .user_agent(concat!("smarty/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        let running = Mutex::new(HashSet::new());
        Ok(Syncer { inner: Arc::new(Inner { config, keys, store, client, running }) })
    }

    /// One round: every pulled peer (or just `only`), concurrently up to the configured bound.
    /// One failing peer never stops the others.
    pub async fn round(&self, only: Option<&str>) -> Result<Vec<(String, Result<PeerReport, String>)>, String> {
        let store = self.inner.store.clone();
        let peers = tokio::task::spawn_blocking(move || store.list_peers()).await.map_err(|e| e.to_string())?;
        let peers: Vec<PeerRow> = peers.map_err(|e| e.to_string())?.into_iter().filter(|p| p.url.is_some()).collect();
        let peers: Vec<PeerRow> = match only {
            None => peers,
            Some(code) => {
                let one: Vec<PeerRow> = peers.into_iter().filter(|p| p.region == code).collect();
                if one.is_empty() {
                    return Err(format!("{code} is not a peer this node pulls from"));
                }
                one
            }
        };
        let results = futures_util::stream::iter(peers)
            .map(|peer| async move {
                let region = peer.region.clone();
                (region, self.sync_peer(peer).await)
            })
            .buffer_unordered(self.inner.config.sync.concurrency)
            .collect::<Vec<_>>()
            .await;
        Ok(results)
    }

    /// Starts a background sync of one peer unless one is running; false if one was.
    pub fn trigger(&self, peer: PeerRow) -> bool {
        if !self.inner.running.lock().unwrap().insert(peer.region.clone()) {
            return false;
        }
        let this = self.clone();
        actix_web::rt::spawn(async move {
            let region = peer.region.clone();
            this.run_peer(peer).await.ok();
            this.inner.running.lock().unwrap().remove(&region);
        });
        true
    }

    async fn sync_peer(&self, peer: PeerRow) -> Result<PeerReport, String> {
        if !self.inner.running.lock().unwrap().insert(peer.region.clone()) {
            return Err(format!("a sync of {} is already running", peer.region));
        }
        let region = peer.region.clone();
        let result = self.run_peer(peer).await;
        self.inner.running.lock().unwrap().remove(&region);
        result
    }

    /// Pulls every page of one peer, then records the outcome in the peer's status.
    async fn run_peer(&self, peer: PeerRow) -> Result<PeerReport, String> {
        let result = self.pull(&peer).await;
        let store = self.inner.store.clone();
        let region = peer.region.clone();
        let error = result.as_ref().err().cloned();
        let recorded = tokio::task::spawn_blocking(move || store.record_sync_attempt(&region, error.as_deref())).await;
        if let Err(e) = recorded.map_err(|e| e.to_string()).and_then(|r| r.map_err(|e| e.to_string())) {
            tracing::error!(peer = %peer.region, error = %e, "cannot record the sync outcome");
        }
        match &result {
            Ok(r) => {
                tracing::info!(peer = %peer.region, pages = r.pages, applied = r.applied, rejected = r.rejected, "synced")
            }
            Err(e) => tracing::warn!(peer = %peer.region, error = %e, "sync failed"),
        }
        result
    }

    async fn pull(&self, peer: &PeerRow) -> Result<PeerReport, String> {
        let trust = Arc::new(self.trust().await?);
        let url = peer.url.as_deref().ok_or("the peer has no URL")?;
        let mut cursor = peer.cursor.clone();
        let mut report = PeerReport::default();
        loop {
            let body = fetch::page(&self.inner, &peer.region, url, cursor.as_deref()).await?;
            let local = self.inner.config.region.clone();
            let trust = trust.clone();
            let page = tokio::task::spawn_blocking(move || verify::page(&body, &trust, &local))
                .await
                .map_err(|e| e.to_string())??;
            let store = self.inner.store.clone();
            let (region, local, expected) = (peer.region.clone(), self.inner.config.region.clone(), cursor.clone());
            let next = page.next.clone();
            let outcome = tokio::task::spawn_blocking(move || {
                store.apply_remote(&region, &local, expected.as_deref(), &next, &page.changes, &page.rejected)
            })
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("cannot apply a page: {e}"))?;
            report.pages += 1;
            report.applied += outcome.applied;
            report.unchanged += outcome.unchanged;
            report.rejected += outcome.rejected;
            if !page.more || page.next.is_empty() || cursor.as_deref() == Some(page.next.as_str()) {
                return Ok(report);
            }
            cursor = Some(page.next);
        }
    }

    /// Every pinned key of every peer, by region: records are verified with their origin's
    /// keys, whichever peer served them.
    async fn trust(&self) -> Result<Trust, String> {
        let store = self.inner.store.clone();
        let peers = tokio::task::spawn_blocking(move || store.list_peers()).await.map_err(|e| e.to_string())?;
        let mut trust: Trust = HashMap::new();
        for p in peers.map_err(|e| e.to_string())? {
            let set: smarty_schema::signing::JwkSet =
                serde_json::from_str(&p.jwks).map_err(|e| format!("pinned keys of {}: {e}", p.region))?;
            trust.insert(p.region.clone(), set.verifying_keys()?);
        }
        Ok(trust)
    }
}
