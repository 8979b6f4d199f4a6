//! A strict JSON body extractor: 415 for another media type, 413 past the size limit,
//! 400 with line and column for malformed JSON, and 400 naming every field that breaks the
//! operation's body schema (unknown fields, wrong types, broken limits) at once.

use super::body_schema::BodySchemas;
use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use smarty_schema::FieldError;
use std::future::Future;
use std::pin::Pin;

/// Largest JSON body accepted.
pub const BODY_LIMIT: usize = 256 * 1024;

pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let checked = check_headers(req);
        let schemas = req.app_data::<&'static BodySchemas>().copied();
        let (method, route) = (req.method().clone(), req.match_pattern().unwrap_or_default());
        let mut payload = payload.take();
        Box::pin(async move {
            checked?;
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("cannot read the body: {e}")))?;
                if body.len() + chunk.len() > BODY_LIMIT {
                    return Err(ApiError::PayloadTooLarge(BODY_LIMIT));
                }
                body.extend_from_slice(&chunk);
            }
            let value = parse_value(&body)?;
            if let Some(schemas) = schemas {
                schemas.require(&method, &route, &value)?;
            }
            read(value).map(JsonBody)
        })
    }
}

fn check_headers(req: &HttpRequest) -> Result<(), ApiError> {
    let mime = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("application/json") => {}
        Some(m) if m.starts_with("application/") && m.ends_with("+json") => {}
        Some(m) => {
            return Err(ApiError::UnsupportedMediaType(format!("Send application/json, not {m}.")));
        }
        None => {
            return Err(ApiError::UnsupportedMediaType("Send a body with Content-Type: application/json.".into()));
        }
    }
    let length = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if length.is_some_and(|n| n > BODY_LIMIT) {
        return Err(ApiError::PayloadTooLarge(BODY_LIMIT));
    }
    Ok(())
}

/// Parses JSON text, telling where it is not JSON.
pub fn parse_value(bytes: &[u8]) -> Result<serde_json::Value, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    // Trailing characters after the JSON value are a syntax error at their position.
    let value = serde_json::Value::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    value.map_err(|e| {
        ApiError::MalformedJson(format!(
            "The body is not valid JSON: {} (line {}, column {}).",
            message(&e),
            e.line(),
            e.column()
        ))
    })
}

/// Reads JSON into `T`, naming the field where it does not fit.
pub fn read<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ApiError::Validation(vec![field_error(&path, &e.into_inner())])
    })
}

/// serde_json's message without its " at line L column C" suffix.
pub fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

/// Names the offending field; for an unknown field, the field itself rather than its parent.
pub fn field_error(path: &str, e: &serde_json::Error) -> FieldError {
    let msg = message(e);
    let path = if path == "." { "" } else { path };
    let unknown = msg.strip_prefix("unknown field `").and_then(|rest| rest.split('`').next());
    let missing = msg.strip_prefix("missing field `").and_then(|rest| rest.split('`').next());
    // serde_path_to_error's path already ends in an unknown field's name, but stops at the
    // parent of a missing one.
    let field = match (unknown, missing) {
        (Some(name), _) if path.is_empty() => name.to_string(),
        (_, Some(name)) if path.is_empty() => name.to_string(),
        (_, Some(name)) => format!("{path}.{name}"),
        _ if path.is_empty() => "body".to_string(),
        _ => path.to_string(),
    };
    let message = match (unknown, missing) {
        (Some(_), _) => "is not a known field".to_string(),
        (_, Some(_)) => "is required".to_string(),
        _ => msg,
    };
    FieldError::new(field, message)
}
