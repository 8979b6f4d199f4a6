//! Errors a browser reaches are pages, not problem documents: a 404 of a mistyped address, a
//! 400 of a mangled link, a 403, a 429, a 500 each answer a person with an HTML page that says
//! what happened and links back to the search. API clients (anything under the API's and the
//! federation's prefixes, or not asking for HTML) get problem+json as before.

use super::manage::Message;
use super::{CONTENT_SECURITY_POLICY, render};
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};

/// Where machines, not people, are answered.
const MACHINE_PREFIXES: [&str; 8] =
    ["/api/", "/federation/", "/.well-known/", "/openapi.json", "/docs", "/healthz", "/readyz", "/metrics"];

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // Not a clone of the request: routing needs it unshared. A refusal is read from the
    // response (the throttle answers with one, not an error).
    let (browser, for_people) = (is_browser(req.request()), !is_machine(req.path()));
    let chosen = for_people.then(|| crate::i18n::negotiate::from_query(req.query_string())).flatten();
    let mut res = next.call(req).await?.map_into_boxed_body();
    // A language chosen with `?lang=` (the switcher) is kept for the next pages, whatever this
    // one answered: a page, an error page, a redirect to sign in.
    if let Some(lang) = chosen {
        let secure = res
            .request()
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.config.public_base().starts_with("https://"));
        let cookie = crate::i18n::negotiate::cookie(lang, secure);
        if let Ok(value) = header::HeaderValue::from_str(&cookie.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    let failed = res.status().is_client_error() || res.status().is_server_error();
    let problem = res.headers().get(header::CONTENT_TYPE).is_some_and(|t| t == crate::error::PROBLEM_JSON);
    if for_people && failed {
        // The answer depends on what the client accepts: caches must keep both apart.
        res.headers_mut().insert(header::VARY, header::HeaderValue::from_static("Accept"));
    }
    if !(browser && failed && problem) {
        return Ok(res);
    }
    let mut page = page_of(res.request(), res.status());
    for cookie in res.headers().get_all(header::SET_COOKIE).cloned().collect::<Vec<_>>() {
        page.headers_mut().append(header::SET_COOKIE, cookie);
    }
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

/// The page for a failed request, answered with `status`, in the reader's language: what
/// happened by the status (the problem document's detail is English and written for
/// developers), with a way back to the search.
fn page_of(req: &HttpRequest, status: StatusCode) -> HttpResponse {
    let code = status.as_u16();
    let html = req.app_data::<web::Data<AppState>>().and_then(|state| {
        let lang = crate::i18n::choose(req, state.default_lang());
        let title = lang.known(&format!("error-{code}")).unwrap_or_else(|| lang.t("error-other"));
        // A refused post is a form's: most likely its CSRF check (a reloaded form mends it).
        let detail = if code == 403 && req.method() == actix_web::http::Method::POST {
            lang.t("error-detail-csrf")
        } else {
            lang.known(&format!("error-detail-{code}")).unwrap_or_else(|| lang.t("error-detail-other"))
        };
        render(&Message::guest(state, req, &title, &detail)).ok()
    });
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    match html {
        Some(html) => res.content_type("text/html; charset=utf-8").body(html),
        None => res.content_type("text/plain; charset=utf-8").body(status.to_string()),
    }
}
