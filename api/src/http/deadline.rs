//! A request with a body must have arrived, and been answered, within a deadline: a client
//! that sends its body a byte at a time cannot hold a worker's connection open for ever.

use crate::config::LimitsConfig;
use crate::error::ApiError;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web;
use std::time::Duration;

fn has_body(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().parse::<u64>().map_or(true, |n| n > 0))
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let secs = req.app_data::<web::Data<LimitsConfig>>().map_or(30, |limits| limits.request_timeout_secs);
    if !has_body(&req) {
        return next.call(req).await;
    }
    match tokio::time::timeout(Duration::from_secs(secs), next.call(req)).await {
        Ok(answer) => answer,
        Err(_) => Err(ApiError::RequestTimeout(secs).into()),
    }
}
