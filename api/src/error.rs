//! One API error type, rendered as RFC 9457 problem+json with a stable `type`. A 500 says
//! nothing internal; the log says everything.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use smarty_schema::FieldError;
use smarty_schema::store::StoreError;
use std::fmt;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation", "title": "Invalid request", "status": 400,
    "detail": "The record has 1 invalid field.",
    "errors": [{"field": "content.title", "message": "must be 1 to 200 characters"}]
}))]
pub struct Problem {
    /// Stable identifier of the kind of problem: `/problems/<slug>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short, human summary of the kind of problem.
    pub title: String,
    /// The HTTP status code of the response.
    #[schema(minimum = 100, maximum = 599)]
    pub status: u16,
    /// What went wrong with this request, for a human.
    pub detail: String,
    /// One entry per failed rule, for validation problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// The server's clock (RFC 3339), on authentication failures, so clock skew is visible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_time: Option<String>,
    /// The records an address without an origin could mean, one per origin (on
    /// `/problems/ambiguous-id`, status 300): ask again with one's `href`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<Choice>>,
}

/// One of the records an id names, at its origin.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"origin": "leeds", "href": "/api/v1/catalogue/records/0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60?origin=leeds"}))]
pub struct Choice {
    /// The record's origin region.
    pub origin: String,
    /// Its address, naming the origin.
    pub href: String,
}

#[derive(Debug)]
pub enum ApiError {
    /// Fields that break rules; 400.
    Validation(Vec<FieldError>),
    /// A body that is not JSON; 400 with line and column.
    MalformedJson(String),
    /// Anything else wrong with the request; 400.
    BadRequest(String),
    /// No, a bad, or a revoked token; 401.
    Unauthorized(String),
    /// A valid caller without the right; 403.
    Forbidden(String),
    NotFound,
    MethodNotAllowed(Vec<String>),
    Conflict(String),
    /// Well-formed but not doable, e.g. an export larger than allowed; 422.
    Unprocessable(String),
    /// `If-Match` names another version; 412.
    PreconditionFailed {
        current: i64,
    },
    /// `If-Match` missing; 428.
    PreconditionRequired,
    PayloadTooLarge(usize),
    UnsupportedMediaType(String),
    /// The request's body did not arrive in time; 408, and the connection is closed.
    RequestTimeout(u64),
    /// Over a request budget; 429 with `Retry-After`.
    TooManyRequests {
        retry_after_secs: u64,
        what: String,
    },
    Unavailable(String),
    /// A feed cursor from before the node's tombstone horizon: what it missed may include
    /// removals the feed no longer carries; 410, read the snapshot.
    SnapshotRequired(String),
    /// An address naming an id that records of several origins have; 300 with the choices.
    Ambiguous(Vec<Choice>),
    /// Logged in full; the client sees only that something failed.
    Internal(String),
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use ApiError::*;
        match self {
            // Only rules the schema cannot state: the body is valid against the contract.
            Validation(e) if !e.is_empty() && e.iter().all(|e| e.beyond_schema) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "rule-violation", "Breaks a rule of the records")
            }
            Validation(_) => (StatusCode::BAD_REQUEST, "validation", "Invalid request"),
            MalformedJson(_) => (StatusCode::BAD_REQUEST, "malformed-json", "Malformed JSON"),
            BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
            Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized", "Authentication required"),
            Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Not allowed"),
            NotFound => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
            Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            Unprocessable(_) => (StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", "Cannot do this"),
            PreconditionFailed { .. } => (StatusCode::PRECONDITION_FAILED, "precondition-failed", "Version mismatch"),
            PreconditionRequired => (StatusCode::PRECONDITION_REQUIRED, "precondition-required", "If-Match required"),
            PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large", "Body too large"),
            UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type")
            }
            Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable", "Service unavailable"),
            SnapshotRequired(_) => (StatusCode::GONE, "snapshot-required", "Cursor beyond the horizon"),
            RequestTimeout(_) => (StatusCode::REQUEST_TIMEOUT, "request-timeout", "Request too slow"),
            TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, "too-many-requests", "Too many requests"),
            Ambiguous(_) => (StatusCode::MULTIPLE_CHOICES, "ambiguous-id", "Several records have this id"),
            Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal error"),
        }
    }

    fn detail(&self) -> String {
        use ApiError::*;
        match self {
            Validation(errors) => {
                let n = errors.len();
                format!("The request has {n} invalid field{}.", if n == 1 { "" } else { "s" })
            }
            MalformedJson(d) | BadRequest(d) | Unauthorized(d) | Forbidden(d) | Conflict(d) | Unavailable(d) => {
                d.clone()
            }
            UnsupportedMediaType(d) | Unprocessable(d) | SnapshotRequired(d) => d.clone(),
            NotFound => "No resource at this address.".into(),
            MethodNotAllowed(allow) => format!("This address accepts {}.", allow.join(", ")),
            PreconditionFailed { current } => {
                format!("If-Match does not name the current version; the record is at version {current}.")
            }
            PreconditionRequired => "Send If-Match with the ETag of the version you are changing.".into(),
            PayloadTooLarge(limit) => {
                format!("The body is larger than the limit of {} KiB.", limit / 1024)
            }
            Internal(_) => "The server failed to handle the request; the operator's log has the details.".into(),
            Ambiguous(choices) => {
                let origins: Vec<&str> = choices.iter().map(|c| c.origin.as_str()).collect();
                format!(
                    "Records of {} have this id: name the origin (`?origin=`) to choose one.",
                    origins.join(" and ")
                )
            }
            RequestTimeout(secs) => format!("The request did not arrive within {secs} s; send it again, faster."),
            TooManyRequests { retry_after_secs, what } => {
                format!("Too many {what}; try again in {retry_after_secs} s.")
            }
        }
    }

    pub fn problem(&self) -> Problem {
        let (status, slug, title) = self.parts();
        Problem {
            problem_type: format!("/problems/{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail: self.detail(),
            errors: match self {
                ApiError::Validation(e) => Some(e.clone()),
                _ => None,
            },
            server_time: matches!(self, ApiError::Unauthorized(_)).then(smarty_schema::timestamp::now),
            choices: match self {
                ApiError::Ambiguous(c) => Some(c.clone()),
                _ => None,
            },
        }
    }

    /// One-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Internal(m) => write!(f, "internal error: {m}"),
            other => f.write_str(&other.detail()),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        // The request log (http/request_log.rs) writes one line for it, at its level.
        let mut res = HttpResponse::build(self.status_code());
        res.content_type(PROBLEM_JSON);
        match self {
            ApiError::Unauthorized(_) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"smarty\""));
            }
            ApiError::MethodNotAllowed(allow) => {
                res.insert_header((header::ALLOW, allow.join(", ")));
            }
            ApiError::TooManyRequests { retry_after_secs, .. } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::RequestTimeout(_) => {
                res.insert_header((header::CONNECTION, "close"));
            }
            _ => {}
        }
        res.json(self.problem())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::VersionMismatch { current } => ApiError::PreconditionFailed { current },
            StoreError::AlreadyExists => ApiError::Conflict("A record with this id already exists.".into()),
            StoreError::Pool(e) => {
                // The pool's text can name the database host and user: the log has it, the
                // client hears only what is wrong.
                tracing::error!(error = %e, "the database is not reachable");
                ApiError::Unavailable("The database is not reachable; the operator's log has the details.".into())
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(format!("blocking task failed: {e}"))
    }
}

/// Runs a blocking store call on the blocking pool.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    Ok(actix_web::web::block(f).await??)
}
