//! One log line per request that did not succeed, at a level an operator can alert on: a
//! refused request (4xx) is the client's business and logs at `info`; a node that cannot
//! serve for now (503: the database away, the index catching up) at `warn`; any other
//! server error at `error`. The line carries the problem's human `detail` (its `Display`),
//! never Rust debug text.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use tracing::Span;
use tracing_actix_web::RootSpanBuilder;

/// The root span of each request, as tracing-actix-web's default (`root_span!`) plus the node's region (the
/// demo runs seven nodes in one process), with our own end event.
pub struct RequestSpan;

/// The region of the node serving a request, for its log lines (app data).
pub struct NodeRegion(pub String);

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let node = request.app_data::<NodeRegion>().map_or("", |r| r.0.as_str());
        tracing_actix_web::root_span!(request, node = %node)
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let (status, error) = match outcome {
            Ok(response) => (response.status(), response.response().error().map(ToString::to_string)),
            Err(e) => (e.as_response_error().status_code(), Some(e.to_string())),
        };
        span.record("http.status_code", i32::from(status.as_u16()));
        span.record("otel.status_code", if status.is_server_error() { "ERROR" } else { "OK" });
        let Some(detail) = error else { return };
        let _inside = span.enter();
        let code = status.as_u16();
        if status.is_redirection() {
            // An address that needs the reader's choice (300): nothing failed.
            tracing::info!(status = code, %detail, "request answered with choices");
        } else if status.is_client_error() {
            tracing::info!(status = code, %detail, "request refused");
        } else if status == StatusCode::SERVICE_UNAVAILABLE {
            tracing::warn!(status = code, %detail, "request not served for now");
        } else {
            tracing::error!(status = code, %detail, "request failed");
        }
    }
}
