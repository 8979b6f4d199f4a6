//! What the webhook API reads and answers, and what a delivery carries: typed, with every
//! rule the node enforces stated in the contract.

use crate::catalogue::record::CatalogueRecord;
use serde::{Deserialize, Serialize};
use smarty_schema::Kind;
use smarty_schema::store::{DeliveryRow, WebhookRow};
use smarty_schema::vocab::{RegionCode, ThemeCode};
use utoipa::ToSchema;

/// Which changes a subscription is sent. Each list narrows it (empty: no narrowing); a
/// change is sent when it passes every one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kinds": ["case_study"], "themes": ["smart-logistics"], "origins": [], "own_only": false}))]
pub struct Filter {
    /// Kinds of record sent; empty: every kind.
    #[serde(default)]
    #[schema(max_items = 4)]
    pub kinds: Vec<Kind>,
    /// Themes: a live record is sent when it has one of them (a deletion, which keeps no
    /// content, is sent whatever its themes were); empty: every theme.
    #[serde(default)]
    #[schema(max_items = 4)]
    pub themes: Vec<ThemeCode>,
    /// Origin regions sent; empty: every region.
    #[serde(default)]
    #[schema(max_items = 64)]
    pub origins: Vec<RegionCode>,
    /// Only this node's own region's records.
    #[serde(default)]
    pub own_only: bool,
}

/// A subscription as a partner system registers or changes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"url": "https://partner.example/hooks/smarty", "description": "Regional observatory",
    "filter": {"kinds": ["case_study"], "themes": [], "origins": [], "own_only": true}}))]
pub struct WebhookInput {
    /// Where changes are POSTed: an absolute `https://` (or `http://`) URL without
    /// credentials. Destinations in private, loopback and link-local ranges are refused unless
    /// the operator allows them (`[webhooks] allow_private`).
    #[schema(min_length = 1, max_length = 2000, pattern = "^[Hh][Tt][Tt][Pp][Ss]?://")]
    pub url: String,
    /// What the subscription is for, for the people who run it.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub description: String,
    /// Which changes are sent (default: every change).
    #[serde(default)]
    pub filter: Filter,
    /// Whether deliveries run (default `true`); `true` on a disabled subscription enables it
    /// again, from where it stopped.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// A subscription.
#[derive(Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "url": "https://partner.example/hooks/smarty",
    "description": "Regional observatory", "filter": {"kinds": [], "themes": [], "origins": [], "own_only": true},
    "active": true, "disabled_reason": null, "failing_since": null, "next_attempt_at": null, "failures": 0,
    "sequence": 124, "backlog": 0, "created_at": "2026-12-02T09:30:00.000000Z", "updated_at": "2026-12-02T09:30:00.000000Z"}))]
pub struct WebhookView {
    /// The subscription's id.
    pub id: String,
    /// Where changes are POSTed.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// Which changes are sent.
    pub filter: Filter,
    /// Whether deliveries run.
    pub active: bool,
    /// Why deliveries stopped, when the node disabled the subscription.
    pub disabled_reason: Option<String>,
    /// Since when the next change has failed to be delivered (RFC 3339, UTC).
    pub failing_since: Option<String>,
    /// Not before when the next attempt is made (RFC 3339, UTC); null: as soon as there is a
    /// change.
    pub next_attempt_at: Option<String>,
    /// Failed attempts in a row at the next change.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub failures: i64,
    /// The sequence position of the last change delivered or passed over.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub sequence: i64,
    /// Changes after it, before the filter: what is still to be looked at.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub backlog: i64,
    /// When it was registered (RFC 3339, UTC).
    pub created_at: String,
    /// When it was last changed (RFC 3339, UTC).
    pub updated_at: String,
    /// The signing secret (`whsec_` and base64), only in the answer to the subscription's
    /// creation: the node never shows it again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl WebhookView {
    pub fn of(row: &WebhookRow, backlog: i64) -> WebhookView {
        WebhookView {
            id: row.id.clone(),
            url: row.url.clone(),
            description: row.description.clone(),
            filter: serde_json::from_str(&row.filter).unwrap_or_default(),
            active: row.active,
            disabled_reason: row.disabled_reason.clone(),
            failing_since: row.failing_since.clone(),
            next_attempt_at: row.next_attempt_at.clone(),
            failures: row.failures,
            sequence: row.cursor,
            backlog,
            created_at: row.created_at.clone(),
            updated_at: row.updated_at.clone(),
            secret: None,
        }
    }
}

/// The subscriptions.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"items": []}))]
pub struct WebhookList {
    /// Every subscription, oldest first.
    pub items: Vec<WebhookView>,
}

/// One delivery attempt.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"message_id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60:125", "event": "record.published",
    "sequence": 125, "attempt": 1, "at": "2026-12-02T09:31:00.000000Z", "status_code": 200, "error": null, "latency_ms": 42}))]
pub struct DeliveryView {
    /// The message's `webhook-id`: the same on every attempt of it.
    pub message_id: String,
    /// The event type.
    pub event: String,
    /// The change's sequence position (0 for a test message).
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub sequence: i64,
    /// 1 for a message's first attempt, then 2, 3…
    #[schema(minimum = 1, maximum = 9_223_372_036_854_775_807_i64)]
    pub attempt: i64,
    /// When it was made (RFC 3339, UTC).
    pub at: String,
    /// The partner's HTTP status; null when none came (refused, timed out).
    #[schema(minimum = 100, maximum = 599)]
    pub status_code: Option<i64>,
    /// What went wrong, when something did.
    pub error: Option<String>,
    /// How long it took, in milliseconds.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub latency_ms: i64,
}

impl From<DeliveryRow> for DeliveryView {
    fn from(d: DeliveryRow) -> DeliveryView {
        DeliveryView {
            message_id: d.message_id,
            event: d.event,
            sequence: d.seq,
            attempt: d.attempt,
            at: d.at,
            status_code: d.status_code,
            error: d.error,
            latency_ms: d.latency_ms,
        }
    }
}

/// A subscription's latest attempts.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [{"message_id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60:125", "event": "record.published",
    "sequence": 125, "attempt": 1, "at": "2026-12-02T09:31:00.000000Z", "status_code": 200, "error": null, "latency_ms": 42}]}))]
pub struct DeliveryList {
    /// Newest first, at most 100.
    pub items: Vec<DeliveryView>,
}

/// What happened to a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = "record.published")]
pub enum EventType {
    /// A record's first version, published.
    #[serde(rename = "record.published")]
    Published,
    /// A later version of a published record.
    #[serde(rename = "record.updated")]
    Updated,
    /// A record its origin withdrew (or took back to draft): out of the catalogue.
    #[serde(rename = "record.withdrawn")]
    Withdrawn,
    /// A record its origin deleted.
    #[serde(rename = "record.deleted")]
    Deleted,
    /// A message sent by `POST /api/v1/webhooks/{id}/test`.
    #[serde(rename = "webhook.test")]
    Test,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Published => "record.published",
            EventType::Updated => "record.updated",
            EventType::Withdrawn => "record.withdrawn",
            EventType::Deleted => "record.deleted",
            EventType::Test => "webhook.test",
        }
    }
}

/// A record that left the catalogue: what of it is still said.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "kind": "case_study", "origin": "tuscany",
    "version": 3, "status": "withdrawn", "updated_at": "2026-12-02T09:30:00.000000Z"}))]
pub struct Tombstone {
    /// The record's id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its origin region.
    pub origin: String,
    /// The version that took it out.
    #[schema(minimum = 1, maximum = 9_223_372_036_854_775_807_i64)]
    pub version: i64,
    /// Its status at that version.
    pub status: smarty_schema::Status,
    /// When its origin changed it (RFC 3339).
    pub updated_at: String,
}

/// What one delivery says.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"sequence": 125, "tombstone": {"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "kind": "case_study",
    "origin": "tuscany", "version": 3, "status": "published", "updated_at": "2026-12-02T09:30:00.000000Z"}}))]
pub struct EventData {
    /// The change's position in the node's change sequence: increasing, one message per
    /// position, sent in this order.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub sequence: i64,
    /// The record as the catalogue serves it (published and updated records).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<CatalogueRecord>,
    /// What is still said of a record that left the catalogue (withdrawn and deleted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tombstone: Option<Tombstone>,
}

/// A webhook message (Standard Webhooks): POSTed as JSON with the headers `webhook-id` (the
/// same on every attempt of a message), `webhook-timestamp` (Unix seconds of the attempt) and
/// `webhook-signature` (`v1,` and base64 of HMAC-SHA256 with the subscription's secret over
/// `id.timestamp.body`). Answer 2xx to acknowledge it; anything else, or no answer within the
/// node's timeout, and it is sent again later.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"type": "record.deleted", "timestamp": "2026-12-02T09:31:00Z",
    "data": {"sequence": 125, "tombstone": {"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "kind": "case_study",
    "origin": "tuscany", "version": 3, "status": "published", "updated_at": "2026-12-02T09:30:00.000000Z"}}}))]
pub struct WebhookEvent {
    /// The event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// When the message was made (RFC 3339, UTC).
    pub timestamp: String,
    /// The change.
    pub data: EventData,
}
