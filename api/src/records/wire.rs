//! Request and response bodies of the records API.

use serde::{Deserialize, Serialize};
use smarty_schema::Status;
use utoipa::{IntoParams, ToSchema};

/// A record to create or the new state of one to replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordInput<C> {
    /// `draft` when absent on create; unchanged when absent on replace.
    #[serde(default)]
    pub status: Option<Status>,
    pub content: C,
}

/// One page of a listing.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass back as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Listing filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Only records with this status (editors see every status; others only `published`).
    #[param(inline)]
    pub status: Option<Status>,
    /// Only records with this theme code.
    #[param(example = "predictive-maintenance")]
    pub theme: Option<String>,
    /// Only records updated at or after this time (RFC 3339).
    #[param(format = DateTime, example = "2026-01-01T00:00:00Z")]
    pub updated_since: Option<String>,
}
