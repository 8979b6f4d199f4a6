//! The nightly round: daily at the configured UTC time, plus random jitter.

use super::Syncer;
use chrono::{Duration as Days, NaiveTime, Utc};
use rand::Rng;
use std::time::Duration;

pub async fn run_daily(syncer: Syncer, (hour, minute): (u32, u32), jitter_minutes: u32) {
    let at = NaiveTime::from_hms_opt(hour, minute, 0).expect("validated on load");
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
        match syncer.round(None).await {
            Ok(results) => {
                let failed = results.iter().filter(|(_, r)| r.is_err()).count();
                tracing::info!(peers = results.len(), failed, "scheduled sync round done");
            }
            Err(e) => tracing::error!(error = %e, "scheduled sync round failed"),
        }
    }
}
