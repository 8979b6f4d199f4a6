//! Every request counted and timed, by method, route template (not the path: an id in the
//! path would make a series per record) and status.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use std::time::Instant;

/// The latency histogram's name.
pub const LATENCY: &str = "http_request_duration_seconds";

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    super::handle();
    let started = Instant::now();
    // A method outside HTTP's own is one value: a client inventing names makes no new series.
    let method = match req.method().as_str() {
        m @ ("GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "TRACE" | "CONNECT") => m,
        _ => "other",
    }
    .to_string();
    let region = req.app_data::<crate::http::request_log::NodeRegion>().map(|r| r.0.clone()).unwrap_or_default();
    let res = next.call(req).await?;
    // Unrouted addresses share one series, whatever was asked for.
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".to_string());
    let status = res.status().as_u16().to_string();
    // `node`: `smarty demo` serves seven nodes from one process, and so one recorder.
    let labels = [("node", region), ("method", method), ("route", route), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!(LATENCY, &labels).record(started.elapsed().as_secs_f64());
    Ok(res)
}
