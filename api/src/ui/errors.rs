//! Errors a browser reaches are pages, not problem documents: a 404 of a mistyped address, a
//! 400 of a mangled link, a 403, a 429, a 500 each answer a person with an HTML page that says
//! what happened and links back to the search. API clients (anything under the API's and the
//! federation's prefixes, or not asking for HTML) get problem+json as before.

use super::manage::Message;
use super::{CONTENT_SECURITY_POLICY, render};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};

/// Where machines, not people, are answered.
const MACHINE_PREFIXES: [&str; 7] =
    ["/api/", "/federation/", "/.well-known/", "/openapi.json", "/docs", "/healthz", "/readyz"];

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // Not a clone of the request: routing needs it unshared. A refusal is read from the
    // response (the throttle answers with one, not an error).
    let (browser, for_people) = (is_browser(req.request()), !is_machine(req.path()));
    let mut res = next.call(req).await?.map_into_boxed_body();
    let failed = res.status().is_client_error() || res.status().is_server_error();
    let problem = res.headers().get(header::CONTENT_TYPE).is_some_and(|t| t == crate::error::PROBLEM_JSON);
    if for_people && failed {
        // The answer depends on what the client accepts: caches must keep both apart.
        res.headers_mut().insert(header::VARY, header::HeaderValue::from_static("Accept"));
    }
    if !(browser && failed && problem) {
        return Ok(res);
    }
    let error = res.response().error().and_then(|e| e.as_error::<ApiError>());
    let mut page = page_of(res.request(), res.status(), error);
    // What the status's own headers say stays said (RFC 9110: `Allow` on a 405, and so on).
    for name in [header::ALLOW, header::WWW_AUTHENTICATE, header::RETRY_AFTER, header::VARY] {
        if let Some(value) = res.headers().get(&name).cloned() {
            page.headers_mut().insert(name, value);
        }
    }
    Ok(res.into_response(page))
}

/// An address only machines are answered at.
fn is_machine(path: &str) -> bool {
    MACHINE_PREFIXES.iter().any(|p| path.starts_with(p))
}

/// A person's browser asking for a page (it lists HTML among what it accepts).
fn is_browser(req: &HttpRequest) -> bool {
    let accepts_html =
        req.headers().get(header::ACCEPT).and_then(|a| a.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    accepts_html && !is_machine(req.path())
}

/// The page for `error`, answered with `status` (with a generic message when the error is
/// not one of the API's).
fn page_of(req: &HttpRequest, status: StatusCode, error: Option<&ApiError>) -> HttpResponse {
    let internal = ApiError::Internal(String::new());
    let problem = error.unwrap_or(&internal).problem();
    let mut message = problem.detail.clone();
    if let Some(errors) = &problem.errors {
        let listed: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
        message = format!("{message} {}", listed.join("; "));
    }
    let html = match req.app_data::<web::Data<AppState>>() {
        Some(state) => render(&Message::guest(state, &problem.title, &message)).ok(),
        None => None,
    };
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    match html {
        Some(html) => res.content_type("text/html; charset=utf-8").body(html),
        None => res.content_type("text/plain; charset=utf-8").body(format!("{}: {message}", problem.title)),
    }
}
