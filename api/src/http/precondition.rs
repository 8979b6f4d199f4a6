//! ETags carry the record version: `"3"`.

use crate::error::ApiError;
use actix_web::HttpRequest;
use actix_web::http::header;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// `*`, or the opaque parts of a comma-separated list of entity tags (RFC 9110 §8.8.3,
/// §13.1.1): each `"…"` or `W/"…"`, with visible characters other than `"` inside (commas
/// included: `"a,b"` is one tag). `None` when the value is neither. The operations' documents
/// state it as the pattern `^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$`.
fn entity_tags(value: &str) -> Option<Vec<&str>> {
    const OWS: [char; 2] = [' ', '\t'];
    let value = value.trim_matches(OWS);
    if value == "*" {
        return Some(vec!["*"]);
    }
    let mut tags = Vec::new();
    let mut rest = value;
    loop {
        let tag = rest.strip_prefix("W/").unwrap_or(rest).strip_prefix('"')?;
        let end = tag.find('"')?;
        let opaque = &tag[..end];
        if !opaque.bytes().all(|b| b == b'!' || (b'#'..=b'~').contains(&b)) {
            return None;
        }
        tags.push(opaque);
        rest = tag[end + 1..].trim_start_matches(OWS);
        if rest.is_empty() {
            return Some(tags);
        }
        rest = rest.strip_prefix(',')?.trim_start_matches(OWS);
    }
}

/// The version `If-Match` names (`*` names the current one). Missing → 428; not a list of
/// entity tags → 400; well-formed but naming no current version → 412.
pub fn if_match(req: &HttpRequest, current: i64) -> Result<i64, ApiError> {
    let value = req.headers().get(header::IF_MATCH).ok_or(ApiError::PreconditionRequired)?;
    // Not `to_str`: it refuses tabs, which the syntax allows around commas.
    let tags = std::str::from_utf8(value.as_bytes())
        .ok()
        .and_then(entity_tags)
        .ok_or_else(|| ApiError::BadRequest("If-Match must be * or a list of entity tags such as \"3\".".into()))?;
    if tags == ["*"] || tags.iter().any(|t| t.parse::<i64>().ok() == Some(current)) {
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
pub fn not_modified(req: &HttpRequest, version: i64) -> bool {
    let Some(value) = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let ours = version.to_string();
    entity_tags(value).is_some_and(|tags| tags == ["*"] || tags.contains(&ours.as_str()))
}

#[cfg(test)]
mod tests {
    use super::entity_tags;

    #[test]
    fn if_match_syntax() {
        for good in ["*", "\"1\"", "W/\"1\"", "\"1\", \"2\"", "\"abc\"", "\"\"", "\"a,b\"", "\"1\",\t W/\"2\""] {
            assert!(entity_tags(good).is_some(), "{good}");
        }
        assert_eq!(entity_tags("\"Ldm,k0D\", \"3\""), Some(vec!["Ldm,k0D", "3"]));
        for bad in ["1", "\"1", "\"a\"b\"", "*, \"1\"", "", "W/1", "\"\u{e9}\"", "\"1\",", "\"1\" \"2\""] {
            assert!(entity_tags(bad).is_none(), "{bad}");
        }
    }
}
