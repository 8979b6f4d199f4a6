//! ETags carry the record version: `"3"`.

use crate::error::ApiError;
use actix_web::HttpRequest;
use actix_web::http::header;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// One entity tag of a list: weak (`W/"…"`) or strong, and its opaque part.
#[derive(Debug, PartialEq, Eq)]
struct Tag<'a> {
    weak: bool,
    opaque: &'a str,
}

/// `*` (as an empty list of tags), or the tags of a comma-separated list (RFC 9110 §8.8.3,
/// §13.1.1): each `"…"` or `W/"…"`, with visible characters other than `"` inside (commas
/// included: `"a,b"` is one tag). `None` when the value is neither. The operations' documents
/// state it as the pattern `^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$`.
fn entity_tags(value: &str) -> Option<Vec<Tag<'_>>> {
    const OWS: [char; 2] = [' ', '\t'];
    let value = value.trim_matches(OWS);
    if value == "*" {
        return Some(Vec::new());
    }
    let mut tags = Vec::new();
    let mut rest = value;
    loop {
        let weak = rest.starts_with("W/");
        let tag = rest.strip_prefix("W/").unwrap_or(rest).strip_prefix('"')?;
        let end = tag.find('"')?;
        let opaque = &tag[..end];
        if !opaque.bytes().all(|b| b == b'!' || (b'#'..=b'~').contains(&b)) {
            return None;
        }
        tags.push(Tag { weak, opaque });
        rest = tag[end + 1..].trim_start_matches(OWS);
        if rest.is_empty() {
            return Some(tags);
        }
        rest = rest.strip_prefix(',')?.trim_start_matches(OWS);
    }
}

/// A header's lines as one list (RFC 9110 §5.3: repeated lines combine with commas). Not
/// `to_str`: it refuses tabs, which the syntax allows around commas.
fn combined(req: &HttpRequest, name: header::HeaderName) -> Option<Result<String, ()>> {
    let mut lines = req.headers().get_all(name).peekable();
    lines.peek()?;
    let texts: Result<Vec<&str>, ()> = lines.map(|v| std::str::from_utf8(v.as_bytes()).map_err(|_| ())).collect();
    Some(texts.map(|t| t.join(", ")))
}

/// The version `If-Match` names (`*` names the current one). Missing → 428; not a list of
/// entity tags → 400; well-formed but naming no current version → 412. If-Match compares
/// strongly: a weak tag never matches.
pub fn if_match(req: &HttpRequest, current: i64) -> Result<i64, ApiError> {
    let value = combined(req, header::IF_MATCH).ok_or(ApiError::PreconditionRequired)?;
    let refused = || ApiError::BadRequest("If-Match must be * or a list of entity tags such as \"3\".".into());
    let value = value.map_err(|()| refused())?;
    let tags = entity_tags(&value).ok_or_else(refused)?;
    let ours = current.to_string();
    if tags.is_empty() || tags.iter().any(|t| !t.weak && t.opaque == ours) {
        return Ok(current);
    }
    Err(ApiError::PreconditionFailed { current })
}

/// The same check for a version the caller carried some other way (a form's hidden field, an
/// `If-Match` already read): it must be the current one.
pub fn expect_version(version: Option<i64>) -> impl FnOnce(i64) -> Result<i64, ApiError> {
    move |current| match version {
        Some(v) if v == current => Ok(v),
        _ => Err(ApiError::PreconditionFailed { current }),
    }
}

/// True when `If-None-Match` names this version (or `*`): answer 304.
/// If-None-Match compares weakly: `W/"3"` names version 3 too.
pub fn not_modified(req: &HttpRequest, version: i64) -> bool {
    let Some(Ok(value)) = combined(req, header::IF_NONE_MATCH) else { return false };
    let ours = version.to_string();
    entity_tags(&value).is_some_and(|tags| tags.is_empty() || tags.iter().any(|t| t.opaque == ours))
}

#[cfg(test)]
mod tests {
    use super::{Tag, entity_tags};

    #[test]
    fn if_match_syntax() {
        for good in ["*", "\"1\"", "W/\"1\"", "\"1\", \"2\"", "\"abc\"", "\"\"", "\"a,b\"", "\"1\",\t W/\"2\""] {
            assert!(entity_tags(good).is_some(), "{good}");
        }
        let tags = entity_tags("\"Ldm,k0D\", W/\"3\"").unwrap();
        assert_eq!(tags, [Tag { weak: false, opaque: "Ldm,k0D" }, Tag { weak: true, opaque: "3" }]);
        for bad in ["1", "\"1", "\"a\"b\"", "*, \"1\"", "", "W/1", "\"\u{e9}\"", "\"1\",", "\"1\" \"2\""] {
            assert!(entity_tags(bad).is_none(), "{bad}");
        }
    }
}
