//! ETags carry the record version: `"3"`.

use crate::error::ApiError;
use actix_web::HttpRequest;
use actix_web::http::header;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The version `If-Match` names (`*` names the current one). Missing → 428; something that
/// names no current version → 412.
pub fn if_match(req: &HttpRequest, current: i64) -> Result<i64, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .map_err(|_| ApiError::PreconditionFailed { current })?;
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
