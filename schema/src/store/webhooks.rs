//! Webhook subscriptions of partner systems and their delivery attempts. Each subscription
//! reads the change sequence from its own cursor; a delivery and the cursor's move are one
//! transaction, so a restart resends at most the change that was in flight, and never one
//! acknowledged with a 2xx.

use super::{Store, StoreError, StoreResult};
use crate::db::schema::{webhook_deliveries, webhooks};
use diesel::prelude::*;

/// Delivery attempts kept per subscription; older ones are dropped.
pub const KEPT_DELIVERIES: i64 = 100;

/// A subscription as stored.
#[derive(Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhooks)]
pub struct WebhookRow {
    /// Its id (UUIDv7).
    pub id: String,
    /// Where messages are POSTed.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The subscription's filter, JSON (the API's typed filter).
    pub filter: String,
    /// The signing secret (`whsec_…`): the node signs with it, and never shows it again.
    pub secret: String,
    /// The sequence position of the last change delivered or passed over.
    pub cursor: i64,
    /// Whether deliveries run.
    pub active: bool,
    /// Why the subscription was disabled, when it was.
    pub disabled_reason: Option<String>,
    /// Since when the change at the cursor has failed to be delivered (stored timestamp form).
    pub failing_since: Option<String>,
    /// Not before when the next attempt is made (stored timestamp form); `None`: now.
    pub next_attempt_at: Option<String>,
    /// Failed attempts in a row at the change after the cursor.
    pub failures: i64,
    /// 1 on registration, +1 on every change its owner makes: its entity tag.
    pub version: i64,
    /// When it was registered (stored timestamp form).
    pub created_at: String,
    /// When it was last changed (stored timestamp form).
    pub updated_at: String,
}

// Written out so that no log line or error ever shows the secret.
impl std::fmt::Debug for WebhookRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookRow")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("secret", &"(withheld)")
            .field("cursor", &self.cursor)
            .field("active", &self.active)
            .field("failures", &self.failures)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// What a subscription's owner changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookChange {
    /// Where messages are POSTed.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The filter, JSON.
    pub filter: String,
    /// Whether deliveries run.
    pub active: bool,
}

/// One delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    /// The attempt's id (UUIDv7).
    pub id: String,
    /// Its subscription.
    pub webhook_id: String,
    /// The message's `webhook-id`, the same on every attempt of it.
    pub message_id: String,
    /// The event type.
    pub event: String,
    /// The change's sequence position (0 for a test message).
    pub seq: i64,
    /// 1 for the first attempt of a message, then 2, 3…
    pub attempt: i64,
    /// When it was made (stored timestamp form).
    pub at: String,
    /// The partner's HTTP status; `None` when no answer came (refused, timed out).
    pub status_code: Option<i64>,
    /// What went wrong, when something did.
    pub error: Option<String>,
    /// How long it took.
    pub latency_ms: i64,
}

/// What an attempt does to its subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterAttempt {
    /// Acknowledged (or a test): the cursor moves to the change.
    Delivered,
    /// Failed: try again not before `at`.
    Retry {
        /// Not before then (stored timestamp form).
        at: String,
    },
    /// Failed for too long: the subscription stops, saying why.
    Disable {
        /// What the subscription's status says.
        reason: String,
    },
    /// A test message: the subscription's state is left as it is.
    Test,
}

impl Store {
    /// Stores a new subscription.
    pub fn create_webhook(&self, row: &WebhookRow) -> StoreResult<()> {
        diesel::insert_into(webhooks::table).values(row).execute(&mut self.conn()?)?;
        Ok(())
    }

    /// Every subscription, oldest first.
    pub fn list_webhooks(&self) -> StoreResult<Vec<WebhookRow>> {
        Ok(webhooks::table
            .order((webhooks::created_at.asc(), webhooks::id.asc()))
            .select(WebhookRow::as_select())
            .load(&mut self.conn()?)?)
    }

    /// One subscription.
    pub fn get_webhook(&self, id: &str) -> StoreResult<Option<WebhookRow>> {
        Ok(webhooks::table.find(id).select(WebhookRow::as_select()).get_result(&mut self.conn()?).optional()?)
    }

    /// Changes what a subscription's owner may change (URL, description, filter, whether it is
    /// active), leaving its cursor and delivery state to the deliverer; enabling a disabled
    /// subscription clears why it stopped, so it resumes from its cursor. `NotFound` when
    /// there is none.
    pub fn update_webhook(&self, id: &str, expected_version: i64, change: &WebhookChange) -> StoreResult<()> {
        let mut c = self.conn()?;
        c.transaction(|c| {
            let hook = webhooks::table.find(id);
            let held: Option<(bool, i64)> =
                hook.select((webhooks::active, webhooks::version)).get_result(c).optional()?;
            let Some((was_active, current)) = held else { return Err(StoreError::NotFound) };
            if current != expected_version {
                return Err(StoreError::VersionMismatch { current });
            }
            // Compared and set in one statement: two changes racing on one version cannot both win.
            let changed = diesel::update(hook.filter(webhooks::version.eq(expected_version)))
                .set((
                    webhooks::url.eq(&change.url),
                    webhooks::description.eq(&change.description),
                    webhooks::filter.eq(&change.filter),
                    webhooks::active.eq(change.active),
                    webhooks::version.eq(current + 1),
                    webhooks::updated_at.eq(crate::timestamp::now()),
                ))
                .execute(c)?;
            if changed == 0 {
                return Err(StoreError::VersionMismatch { current });
            }
            if change.active && !was_active {
                diesel::update(hook)
                    .set((
                        webhooks::disabled_reason.eq(None::<String>),
                        webhooks::failing_since.eq(None::<String>),
                        webhooks::next_attempt_at.eq(None::<String>),
                        webhooks::failures.eq(0),
                    ))
                    .execute(c)?;
            }
            Ok(())
        })
    }

    /// Deletes a subscription at `expected_version` and its deliveries; `NotFound` when there
    /// is none, `VersionMismatch` when it is at another version.
    pub fn delete_webhook(&self, id: &str, expected_version: i64) -> StoreResult<()> {
        let mut c = self.conn()?;
        c.transaction(|c| {
            let current: Option<i64> = webhooks::table.find(id).select(webhooks::version).get_result(c).optional()?;
            match current {
                None => return Err(StoreError::NotFound),
                Some(current) if current != expected_version => return Err(StoreError::VersionMismatch { current }),
                Some(_) => {}
            }
            let gone =
                diesel::delete(webhooks::table.find(id).filter(webhooks::version.eq(expected_version))).execute(c)?;
            if gone == 0 {
                return Err(StoreError::VersionMismatch { current: expected_version + 1 });
            }
            diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::webhook_id.eq(id))).execute(c)?;
            Ok(())
        })
    }

    /// Moves a subscription's cursor past changes its filter passes over (never backwards).
    pub fn pass_over(&self, id: &str, to: i64) -> StoreResult<()> {
        diesel::update(webhooks::table.find(id).filter(webhooks::cursor.lt(to)))
            .set(webhooks::cursor.eq(to))
            .execute(&mut self.conn()?)?;
        Ok(())
    }

    /// Records an attempt and what follows from it, in one transaction: the attempt is kept
    /// (the oldest beyond [`KEPT_DELIVERIES`] dropped), and a delivered change moves the
    /// cursor to it.
    pub fn record_attempt(&self, attempt: &DeliveryRow, after: &AfterAttempt) -> StoreResult<()> {
        let mut c = self.conn()?;
        c.transaction(|c| {
            diesel::insert_into(webhook_deliveries::table).values(attempt).execute(c)?;
            let hook = webhooks::table.find(&attempt.webhook_id);
            let now = crate::timestamp::now();
            match after {
                AfterAttempt::Test => 0,
                AfterAttempt::Delivered => diesel::update(hook.filter(webhooks::cursor.lt(attempt.seq)))
                    .set((
                        webhooks::cursor.eq(attempt.seq),
                        webhooks::failures.eq(0),
                        webhooks::failing_since.eq(None::<String>),
                        webhooks::next_attempt_at.eq(None::<String>),
                    ))
                    .execute(c)?,
                AfterAttempt::Retry { at } => {
                    let since: Option<String> = hook.select(webhooks::failing_since).get_result(c)?;
                    diesel::update(hook)
                        .set((
                            webhooks::failures.eq(webhooks::failures + 1),
                            webhooks::failing_since.eq(Some(since.unwrap_or_else(|| now.clone()))),
                            webhooks::next_attempt_at.eq(Some(at.clone())),
                        ))
                        .execute(c)?
                }
                AfterAttempt::Disable { reason } => diesel::update(hook)
                    .set((
                        webhooks::active.eq(false),
                        webhooks::disabled_reason.eq(Some(reason.clone())),
                        webhooks::failures.eq(webhooks::failures + 1),
                        webhooks::updated_at.eq(&now),
                    ))
                    .execute(c)?,
            };
            let keep: Vec<String> = webhook_deliveries::table
                .filter(webhook_deliveries::webhook_id.eq(&attempt.webhook_id))
                .order((webhook_deliveries::at.desc(), webhook_deliveries::id.desc()))
                .limit(KEPT_DELIVERIES)
                .select(webhook_deliveries::id)
                .load(c)?;
            diesel::delete(
                webhook_deliveries::table
                    .filter(webhook_deliveries::webhook_id.eq(&attempt.webhook_id))
                    .filter(webhook_deliveries::id.ne_all(keep)),
            )
            .execute(c)?;
            Ok(())
        })
    }

    /// A subscription's latest attempts, newest first.
    pub fn deliveries(&self, id: &str, limit: i64) -> StoreResult<Vec<DeliveryRow>> {
        Ok(webhook_deliveries::table
            .filter(webhook_deliveries::webhook_id.eq(id))
            .order((webhook_deliveries::at.desc(), webhook_deliveries::id.desc()))
            .limit(limit)
            .select(DeliveryRow::as_select())
            .load(&mut self.conn()?)?)
    }

    /// Changes of records ever published after `cursor`: a subscription's backlog, before its
    /// filter.
    pub fn backlog(&self, cursor: i64) -> StoreResult<i64> {
        use crate::db::schema::records;
        Ok(records::table
            .filter(records::seq.gt(cursor))
            .filter(records::published_ever.eq(true))
            .count()
            .get_result(&mut self.conn()?)?)
    }
}
