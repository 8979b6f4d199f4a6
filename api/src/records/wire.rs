//! Request and response bodies of the records API.

use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use serde::{Deserialize, Deserializer, Serialize};
use smarty_schema::{Status, timestamp};
use utoipa::{IntoParams, ToSchema};

/// A record to create or the new state of one to replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordInput<C> {
    /// `draft` when absent on create; unchanged when absent on replace.
    #[serde(default)]
    pub status: Option<Status>,
    /// The kind-specific content, valid against its kind's schema; it replaces the whole of
    /// the previous content on replace.
    pub content: C,
}

/// One page of a listing.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// This page's records, oldest first (at most `limit` of them; none past the last page).
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
    #[param(minimum = 1, maximum = 200, default = 50, example = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page: letters, digits, `-` and `_` (URL-safe base64
    /// without padding). Any such string is a position: the page starts after the id it
    /// decodes to.
    #[serde(default, deserialize_with = "cursor")]
    #[param(pattern = "^[A-Za-z0-9_-]*$", example = "MDE5M2E1YjItN2MxZS03ZDNhLTlmMDAtMmI2YzFkNGU1ZjYw")]
    pub cursor: Option<String>,
    /// Only records with this status (editors see every status; others only `published`).
    #[param(inline)]
    pub status: Option<Status>,
    /// Only records with this theme code.
    #[param(value_type = Option<smarty_schema::vocab::ThemeCode>, example = "predictive-maintenance")]
    pub theme: Option<smarty_schema::vocab::ThemeCode>,
    /// Only records updated at or after this time: an RFC 3339 date-time with its offset
    /// (`Z` or `±hh:mm`).
    #[serde(default, deserialize_with = "date_time")]
    #[param(format = DateTime, example = "2026-01-01T00:00:00Z")]
    pub updated_since: Option<String>,
}

/// Decodes leniently (ignoring stray bits after the last byte, and a dangling last letter) so
/// that every string of the URL-safe alphabet is a cursor, and re-encodes it in the form the
/// node issues: a cursor of the node's comes back unchanged, anything else becomes the
/// position it names.
fn cursor<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireNone),
    );
    let Some(text) = Option::<String>::deserialize(d)? else { return Ok(None) };
    if !text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(serde::de::Error::custom("is not a cursor this node issued"));
    }
    // Four letters carry three bytes; a single letter left over carries none.
    let whole = if text.len() % 4 == 1 { &text[..text.len() - 1] } else { &text[..] };
    let bytes = LENIENT.decode(whole).map_err(|_| serde::de::Error::custom("is not a cursor this node issued"))?;
    Ok(Some(URL_SAFE_NO_PAD.encode(String::from_utf8_lossy(&bytes).as_bytes())))
}

/// RFC 3339 `date-time`, exactly: chrono also takes a space for the `T` and U+2212 for the
/// minus sign of the offset, which the documented format does not allow.
fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else { return Ok(None) };
    let strict = text.is_ascii() && matches!(text.as_bytes().get(10), Some(b'T' | b't'));
    let Some(utc) = timestamp::normalize(&text).filter(|_| strict) else {
        return Err(serde::de::Error::custom("must be an RFC 3339 time"));
    };
    // A time past year 9999 in UTC (9999-12-31T23:30:00-01:00) would be written with a sign
    // and sort before every stored time: the last instant the stored form has instead.
    Ok(Some(if utc.starts_with('+') { "9999-12-31T23:59:59.999999Z".to_string() } else { utc }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(query: &str) -> Result<ListParams, String> {
        serde_urlencoded::from_str(query).map_err(|e| e.to_string())
    }

    #[test]
    fn every_string_of_the_alphabet_is_a_cursor_and_issued_ones_are_unchanged() {
        let issued = URL_SAFE_NO_PAD.encode("0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60");
        assert_eq!(list(&format!("cursor={issued}")).unwrap().cursor.as_deref(), Some(issued.as_str()));
        for c in ["", "A", "AB", "ABC", "ABCDE", "_-_-_", "zzzz", "__8", "-", "gA"] {
            let parsed = list(&format!("cursor={c}")).unwrap().cursor.unwrap();
            // What the service does with it.
            let id = URL_SAFE_NO_PAD.decode(&parsed).ok().and_then(|b| String::from_utf8(b).ok());
            assert!(id.is_some(), "{c}");
        }
        for c in ["%25%25%25", "AB%3D%3D", "a+b", "a%2Fb", "%C3%A9"] {
            assert!(list(&format!("cursor={c}")).is_err(), "{c}");
        }
        // Exactly the documented pattern's characters.
        for b in 0..128u8 {
            let accepted = list(&format!("cursor=AB%{b:02X}")).is_ok();
            assert_eq!(accepted, b.is_ascii_alphanumeric() || b == b'-' || b == b'_', "{b}");
        }
    }

    #[test]
    fn updated_since_is_rfc_3339_date_time() {
        for t in ["2026-01-01T00:00:00Z", "2026-01-01t00:00:00.123456789z", "0000-01-01T00:00:60-00:00"] {
            assert!(list(&format!("updated_since={t}")).is_ok(), "{t}");
        }
        for t in ["2026-01-01+00:00:00Z", "2026-01-01T00:00:00%E2%88%9201:00", "2026-01-01", "yesterday", ""] {
            assert!(list(&format!("updated_since={t}")).is_err(), "{t}");
        }
        let late = list("updated_since=9999-12-31T23:30:00-01:00").unwrap().updated_since;
        assert_eq!(late.as_deref(), Some("9999-12-31T23:59:59.999999Z"));
    }
}
