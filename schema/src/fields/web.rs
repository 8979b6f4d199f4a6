//! Addresses on the web: links and email addresses.

use super::string_newtype;
use utoipa::openapi::schema::{KnownFormat, SchemaFormat};

/// [`HttpUrl::parse`]'s rule, in part, as a JSON Schema (ECMA-262) pattern.
const HTTP_URL_PATTERN: &str = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$";
/// [`Email::parse`]'s rule as a JSON Schema (ECMA-262) pattern.
const EMAIL_PATTERN: &str = r"^[^@\s]+@[^.\s]\S*\.\S*[^.\s]$";

string_newtype!(
    /// An absolute `http` or `https` URL with a host, at most 2,000 bytes, with no whitespace
    /// or control characters.
    HttpUrl,
    "https://example.org/practice",
    |s| s.format(Some(SchemaFormat::Custom("uri".into()))).max_length(Some(2000)).pattern(Some(HTTP_URL_PATTERN))
);

string_newtype!(
    /// An email address: at most 254 bytes (UTF-8), no whitespace or control characters,
    /// something before the first `@`, and after it a domain that contains a dot but neither
    /// starts nor ends with one.
    Email,
    "r.okafor@example.org",
    |s| s.format(Some(SchemaFormat::KnownFormat(KnownFormat::Email))).max_length(Some(254)).pattern(Some(EMAIL_PATTERN))
);

impl HttpUrl {
    /// Accepts an absolute `http(s)://` URL with a host that needs no forgiving: the url crate
    /// alone forgives leading spaces, and tabs and newlines inside.
    pub fn parse(s: &str) -> Result<Self, String> {
        let scheme = s.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://"))
            || s.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://"));
        let ok = s.len() <= 2000
            && scheme
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            && url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if ok { Ok(Self(s.to_string())) } else { Err("must be an http or https URL".into()) }
    }
}

impl Email {
    /// Accepts what [`Email`] describes.
    pub fn parse(s: &str) -> Result<Self, String> {
        let ok = s.len() <= 254
            && s.split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.'))
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok { Ok(Self(s.to_string())) } else { Err("must be an email address".into()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_absolute_http_urls_needing_no_repair() {
        for ok in ["https://example.org", "HTTP://example.org/a?b=c", "http://127.0.0.1:8080/x"] {
            assert!(HttpUrl::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["ftp://example.org", "not a url", " https://example.org", "https://exa\tmple.org", "https://"] {
            assert!(HttpUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        assert!(Email::parse("r.okafor@example.org").is_ok());
        for bad in ["nobody", "@example.org", "a@example", "a@.example.org", "a@example.org.", "a b@example.org"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
