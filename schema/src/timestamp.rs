//! Timestamps are stored as fixed-width RFC 3339 text in UTC (microseconds, `Z`), so that
//! text order is time order on both backends and `updated_since` is a plain comparison.

use chrono::{DateTime, SecondsFormat, Utc};

/// The current time in the stored form.
pub fn now() -> String {
    format(Utc::now())
}

/// A UTC time in the stored form.
pub fn format(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Parses any RFC 3339 time (with offset) into the stored form.
pub fn normalize(input: &str) -> Option<String> {
    DateTime::parse_from_rfc3339(input).ok().map(|t| format(t.with_timezone(&Utc)))
}
