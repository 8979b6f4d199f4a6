//! ETags carry the record version: `"3"`.

use crate::error::ApiError;
use actix_web::HttpRequest;
use actix_web::http::header;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The version `If-Match` names: `None` for `*` (any current version). Missing → 428;
/// something that names no version of ours → 412.
pub fn if_match(req: &HttpRequest, current: i64) -> Result<i64, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .map_err(|_| ApiError::PreconditionFailed { current })?;
    let mut any_match = false;
    for tag in value.split(',').map(str::trim) {
        if tag == "*" {
            return Ok(current);
        }
        let tag = tag.strip_prefix("W/").unwrap_or(tag);
        if let Some(v) = tag.strip_prefix('"').and_then(|t| t.strip_suffix('"')).and_then(|t| t.parse::<i64>().ok()) {
            if v == current {
                return Ok(v);
            }
            any_match = true;
        }
    }
    let _ = any_match;
    Err(ApiError::PreconditionFailed { current })
}

/// True when `If-None-Match` names this version (or `*`): answer 304.
pub fn not_modified(req: &HttpRequest, version: i64) -> bool {
    let Some(value) = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let ours = etag(version);
    value.split(',').map(str::trim).any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == ours)
}
