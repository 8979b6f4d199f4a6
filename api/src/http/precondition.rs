//! ETags carry the record version: `"3"`.

use crate::error::ApiError;
use actix_web::HttpRequest;
use actix_web::http::header;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The syntax of `If-Match` (RFC 9110 §13.1.1): `*`, or a comma-separated list of entity
/// tags, each `"…"` or `W/"…"` with visible characters other than `"` inside. The operations'
/// documents state it as the pattern `^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$`.
fn is_etag_list(value: &str) -> bool {
    let value = value.trim();
    if value == "*" {
        return true;
    }
    value.split(',').map(|t| t.trim_matches([' ', '\t'])).all(|tag| {
        let tag = tag.strip_prefix("W/").unwrap_or(tag);
        tag.len() >= 2
            && tag.starts_with('"')
            && tag.ends_with('"')
            && tag[1..tag.len() - 1].bytes().all(|b| b == b'!' || (b'#'..=b'~').contains(&b))
    })
}

/// The version `If-Match` names (`*` names the current one). Missing → 428; not a list of
/// entity tags → 400; well-formed but naming no current version → 412.
pub fn if_match(req: &HttpRequest, current: i64) -> Result<i64, ApiError> {
    let value = req.headers().get(header::IF_MATCH).ok_or(ApiError::PreconditionRequired)?;
    // Not `to_str`: it refuses tabs, which the syntax allows around commas.
    let value = std::str::from_utf8(value.as_bytes())
        .ok()
        .filter(|v| is_etag_list(v))
        .ok_or_else(|| ApiError::BadRequest("If-Match must be * or a list of entity tags such as \"3\".".into()))?;
    let names_current = value.split(',').map(str::trim).any(|tag| {
        let tag = tag.strip_prefix("W/").unwrap_or(tag);
        tag == "*"
            || tag.strip_prefix('"').and_then(|t| t.strip_suffix('"')).and_then(|t| t.parse::<i64>().ok())
                == Some(current)
    });
    if names_current {
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
    let ours = etag(version);
    value.split(',').map(str::trim).any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == ours)
}

#[cfg(test)]
mod tests {
    use super::is_etag_list;

    #[test]
    fn if_match_syntax() {
        for good in ["*", "\"1\"", "W/\"1\"", "\"1\", \"2\"", "\"abc\"", "\"\""] {
            assert!(is_etag_list(good), "{good}");
        }
        for bad in ["1", "\"1", "\"a\"b\"", "*, \"1\"", "", "W/1", "\"\u{e9}\""] {
            assert!(!is_etag_list(bad), "{bad}");
        }
    }
}
