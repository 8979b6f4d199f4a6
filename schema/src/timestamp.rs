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

/// A timestamp to the second, UTC (`2026-12-02T10:11:12Z`): what OAI-PMH datestamps and
/// webhook messages carry. Any RFC 3339 time is read (a peer's `updated_at` is its own text);
/// one that is not reads as the epoch, never a panic.
pub fn seconds(stamp: &str) -> String {
    DateTime::parse_from_rfc3339(stamp)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Parses any RFC 3339 time (with offset) into the stored form.
pub fn normalize(input: &str) -> Option<String> {
    DateTime::parse_from_rfc3339(input).ok().map(|t| format(t.with_timezone(&Utc)))
}

#[cfg(test)]
mod seconds_tests {
    #[test]
    fn datestamps_are_seconds_in_utc_whatever_text_a_peer_sent() {
        assert_eq!(super::seconds("2026-12-02T10:11:12.123456Z"), "2026-12-02T10:11:12Z");
        assert_eq!(super::seconds("2026-12-02T11:11:12+01:00"), "2026-12-02T10:11:12Z");
        for odd in ["", "!", "2026-12-02T10:11:1é", "yesterday"] {
            assert_eq!(super::seconds(odd), "1970-01-01T00:00:00Z", "{odd:?}");
        }
    }
}
