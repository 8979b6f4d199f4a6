//! The deliverer: a reader of the change sequence per subscription, from its own cursor, in
//! sequence order. Like every reader of the sequence, it meets each record at its latest
//! state: a record changed twice before its message went out is sent once, as it is now. A change its filter passes over moves the cursor without a message; a
//! message acknowledged with a 2xx moves it in the same transaction that records the attempt;
//! a failure schedules the same message again with exponential backoff and jitter, and a
//! subscription failing for `[webhooks] disable_after_secs` is disabled, saying why. On
//! PostgreSQL each subscription is leased, so one replica delivers it at a time.

use super::model::{EventData, EventType, Tombstone, WebhookEvent};
use super::sender;
use crate::catalogue::record::CatalogueRecord;
use crate::config::WebhooksConfig;
use crate::state::AppState;
use actix_web::web;
use smarty_schema::Status;
use smarty_schema::store::{AfterAttempt, Store, StoreError, StoredRecord, WebhookRow};
use std::time::Duration;

/// Changes read per store query.
const BATCH: i64 = 100;
/// Messages one subscription is sent per round, so that one busy subscription does not hold
/// up the others.
const PER_ROUND: usize = 500;

/// Runs the deliverer until the process ends.
pub fn spawn(state: web::Data<AppState>, span: tracing::Span) {
    let every = Duration::from_millis(state.config.webhooks.poll_ms);
    actix_web::rt::spawn(tracing::Instrument::instrument(
        async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = round(&state).await {
                    tracing::warn!(error = %e, "webhooks: a delivery round failed; the next one retries");
                }
            }
        },
        span,
    ));
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| StoreError::Conflict(format!("a store task failed: {e}")))?
}

/// One round: every active subscription that is due gets what is waiting for it.
async fn round(state: &web::Data<AppState>) -> Result<(), StoreError> {
    let store = state.store.clone();
    let hooks = blocking(move || store.list_webhooks()).await?;
    let now = smarty_schema::timestamp::now();
    let due = |h: &WebhookRow| h.active && h.next_attempt_at.as_deref().is_none_or(|t| t <= now.as_str());
    for hook in hooks.into_iter().filter(due) {
        let (store, job) = (state.store.clone(), format!("webhook:{}", hook.id));
        let Some(lease) = blocking(move || store.try_lease(&job)).await? else { continue };
        // Read again under the lease: another replica may have moved it on meanwhile.
        let Some(hook) = current(&state.store, &hook.id).await?.filter(due) else { continue };
        let id = hook.id.clone();
        if let Err(e) = deliver(state, hook).await {
            tracing::warn!(webhook = %id, error = %e, "webhooks: a delivery failed to be recorded; retried next round");
        }
        drop(lease);
    }
    Ok(())
}

/// Sends a subscription what follows its cursor, until it is caught up, a message fails, or
/// its share of the round is spent.
async fn deliver(state: &web::Data<AppState>, mut hook: WebhookRow) -> Result<(), StoreError> {
    let mut filter: super::model::Filter = serde_json::from_str(&hook.filter).unwrap_or_default();
    let mut sent = 0;
    'read: loop {
        let (store, since) = (state.store.clone(), hook.cursor);
        let read = blocking(move || store.records_since(since, BATCH)).await?;
        let Some(last) = read.last_seq else { return Ok(()) };
        let mut passed = hook.cursor;
        for record in read.records {
            if !record.published_ever || !wanted(&filter, &record, &state.config.region) {
                passed = record.seq;
                continue;
            }
            if passed > hook.cursor {
                pass_over(&state.store, &hook.id, passed).await?;
                hook.cursor = passed;
            }
            if sent == PER_ROUND {
                return Ok(());
            }
            // Its owner may have paused, deleted or changed it since: each message goes by
            // the subscription as it is now (a changed filter or cursor: read again from it).
            let Some(now) = current(&state.store, &hook.id).await?.filter(|h| h.active) else { return Ok(()) };
            let changed = now.filter != hook.filter || now.cursor != hook.cursor;
            hook = now;
            if changed {
                filter = serde_json::from_str(&hook.filter).unwrap_or_default();
                continue 'read;
            }
            if !send(state, &mut hook, &record).await? {
                return Ok(());
            }
            sent += 1;
        }
        // Unreadable rows, and what the filter passed over at the end, are behind the cursor.
        if last > hook.cursor {
            pass_over(&state.store, &hook.id, last).await?;
            hook.cursor = last;
        }
    }
}

/// The subscription as stored now.
async fn current(store: &Store, id: &str) -> Result<Option<WebhookRow>, StoreError> {
    let (store, id) = (store.clone(), id.to_string());
    blocking(move || store.get_webhook(&id)).await
}

async fn pass_over(store: &Store, id: &str, to: i64) -> Result<(), StoreError> {
    let (store, id) = (store.clone(), id.to_string());
    blocking(move || store.pass_over(&id, to)).await
}

/// Whether a subscription's filter lets a change through.
pub fn wanted(filter: &super::model::Filter, r: &StoredRecord, own_region: &str) -> bool {
    let themes_ok = filter.themes.is_empty()
        || r.content
            .as_ref()
            .filter(|_| r.is_public())
            .is_none_or(|c| c.themes().iter().any(|t| filter.themes.contains(t)));
    (filter.kinds.is_empty() || filter.kinds.contains(&r.kind))
        && (filter.origins.is_empty() || filter.origins.iter().any(|o| o.as_str() == r.origin))
        && (!filter.own_only || r.origin == own_region)
        && themes_ok
}

/// A change's message: its event type and body. The body depends on the change alone, so
/// every attempt of a message sends the same bytes.
pub fn message(state: &AppState, r: &StoredRecord) -> (EventType, Vec<u8>) {
    let kind = if r.is_public() {
        if r.version == 1 { EventType::Published } else { EventType::Updated }
    } else if r.deleted && r.status != Status::Withdrawn {
        EventType::Deleted
    } else {
        EventType::Withdrawn
    };
    let record = r
        .clone()
        .into_public_record()
        .filter(|_| r.is_public())
        .map(|record| CatalogueRecord { origin_name: state.config.region_name(&record.origin), record });
    let tombstone = (!r.is_public()).then(|| Tombstone {
        id: r.id.clone(),
        kind: r.kind,
        origin: r.origin.clone(),
        version: r.version,
        status: r.status,
        updated_at: r.updated_at.clone(),
    });
    let event = WebhookEvent {
        kind,
        timestamp: smarty_schema::timestamp::seconds(&r.changed_at),
        data: EventData { sequence: r.seq, record, tombstone },
    };
    (kind, serde_json::to_vec(&event).expect("an event serialises"))
}

/// Sends one change's message and records the attempt; whether it was acknowledged.
async fn send(state: &web::Data<AppState>, hook: &mut WebhookRow, r: &StoredRecord) -> Result<bool, StoreError> {
    let (kind, body) = message(state, r);
    let message_id = format!("{}:{}", hook.id, r.seq);
    let config = &state.config.webhooks;
    let outcome = sender::send(config, &hook.url, &hook.secret, &message_id, &body).await;
    let now = chrono::Utc::now();
    let after = if outcome.delivered() {
        AfterAttempt::Delivered
    } else if outcome.status == Some(410) {
        AfterAttempt::Disable { reason: "the destination answered 410 Gone: it wants no more messages".into() }
    } else {
        let since = hook.failing_since.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
        let failing_for =
            since.map_or(Duration::ZERO, |t| (now - t.with_timezone(&chrono::Utc)).to_std().unwrap_or_default());
        if failing_for >= Duration::from_secs(config.disable_after_secs) {
            AfterAttempt::Disable {
                reason: format!(
                    "deliveries failed for {} s ({} attempts at sequence {}; last: {})",
                    failing_for.as_secs(),
                    hook.failures + 1,
                    r.seq,
                    outcome.error.as_deref().unwrap_or("no answer")
                ),
            }
        } else {
            let delay = backoff(config, hook.failures + 1);
            AfterAttempt::Retry { at: smarty_schema::timestamp::format(now + delay) }
        }
    };
    let attempt = outcome.attempt(&hook.id, message_id, kind, r.seq, hook.failures + 1, now);
    let label = if outcome.delivered() { "delivered" } else { "failed" };
    metrics::counter!("smarty_webhook_deliveries_total", "node" => state.config.region.clone(),
        "webhook" => hook.id.clone(), "outcome" => label)
    .increment(1);
    let (store, recorded, next) = (state.store.clone(), attempt, after.clone());
    blocking(move || store.record_attempt(&recorded, &next)).await?;
    match after {
        AfterAttempt::Delivered => {
            hook.cursor = r.seq;
            hook.failures = 0;
            hook.failing_since = None;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The delay before the `n`th retry (1 for the first): `retry_base_ms` doubled each time,
/// at most `retry_max_ms`, times a random factor from ½ to 1 so that failing subscriptions
/// do not all retry at once.
pub fn backoff(config: &WebhooksConfig, n: i64) -> Duration {
    let doublings = u32::try_from(n.saturating_sub(1)).unwrap_or(u32::MAX).min(40);
    let full = config.retry_base_ms.saturating_mul(1u64 << doublings).min(config.retry_max_ms);
    let factor = 0.5 + rand::random::<f64>() / 2.0;
    Duration::from_millis((full as f64 * factor) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_with_jitter_up_to_the_cap() {
        let config = WebhooksConfig { retry_base_ms: 1000, retry_max_ms: 60_000, ..WebhooksConfig::default() };
        for (n, full) in [(1, 1000), (2, 2000), (3, 4000), (6, 32_000), (7, 60_000), (60, 60_000)] {
            let d = backoff(&config, n).as_millis() as u64;
            assert!((full / 2..=full).contains(&d), "retry {n}: {d} ms, not within half of {full}");
        }
    }
}
