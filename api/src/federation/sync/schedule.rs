//! The nightly round: daily at the configured UTC time, plus random jitter. Every replica of a
//! node runs the schedule; the lease of each peer's sync (store/lease.rs) lets one of them pull
//! it. A replica that finds a peer leased by another checks back every `sync.takeover_secs`
//! (30 s by default): if the holder died before it recorded a success, this replica takes the
//! sync over.

use super::{SyncError, Syncer};
use chrono::{Duration as Days, NaiveTime, Utc};
use rand::Rng;
use smarty_schema::timestamp;
use std::time::{Duration, Instant};

pub async fn run_daily(syncer: Syncer, at: NaiveTime, jitter_minutes: u32) {
    loop {
        let now = Utc::now();
        let mut next = now.date_naive().and_time(at).and_utc();
        if next <= now {
            next += Days::days(1);
        }
        let jitter = rand::rng().random_range(0..=u64::from(jitter_minutes) * 60);
        let wait = (next - now).to_std().unwrap_or_default() + Duration::from_secs(jitter);
        tracing::info!(next_round_in_secs = wait.as_secs(), "sync scheduled");
        tokio::time::sleep(wait).await;
        scheduled_round(&syncer).await;
    }
}

async fn scheduled_round(syncer: &Syncer) {
    // The night's work begins with this node's own expired tombstones.
    let (store, config) = (syncer.inner.store.clone(), syncer.inner.config.clone());
    match tokio::task::spawn_blocking(move || crate::federation::compact::compact(&store, &config)).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::error!(error = %e, "cannot compact tombstones"),
        Err(e) => tracing::error!(error = %e, "cannot compact tombstones"),
    }
    let started = timestamp::now();
    let until = Instant::now() + Duration::from_secs(syncer.inner.config.sync.round_timeout_secs);
    let mut leased_elsewhere = match syncer.round(None).await {
        Ok(results) => {
            let failed = results.iter().filter(|(_, r)| r.is_err()).count();
            tracing::info!(peers = results.len(), failed, "scheduled sync round done");
            leased(&results)
        }
        Err(e) => {
            tracing::error!(error = %e, "scheduled sync round failed");
            return;
        }
    };
    while !leased_elsewhere.is_empty() && Instant::now() < until {
        tokio::time::sleep(Duration::from_secs(syncer.inner.config.sync.takeover_secs)).await;
        let store = syncer.inner.store.clone();
        let Ok(Ok(peers)) = tokio::task::spawn_blocking(move || store.list_peers()).await else { continue };
        // Done elsewhere: the other replica recorded a success since this round began.
        leased_elsewhere.retain(|code| {
            peers.iter().any(|p| p.region == *code && p.last_success_at.as_deref().is_none_or(|t| t < started.as_str()))
        });
        let mut still = Vec::new();
        for code in leased_elsewhere {
            match syncer.round(Some(&code)).await {
                Ok(results) if !leased(&results).is_empty() => still.push(code),
                Ok(_) => tracing::info!(peer = %code, "took over the scheduled sync of a peer from another replica"),
                Err(e) => tracing::warn!(peer = %code, error = %e, "cannot take over the scheduled sync"),
            }
        }
        leased_elsewhere = still;
    }
    // Then what the round left different from the origins' checkpoints (it logs each).
    syncer.repair().await;
}

/// The peers of a round that another task or replica was syncing.
fn leased(results: &[(String, Result<super::PeerReport, SyncError>)]) -> Vec<String> {
    results
        .iter()
        .filter(|(_, r)| matches!(r, Err(SyncError::AlreadyRunning(_))))
        .map(|(code, _)| code.clone())
        .collect()
}
