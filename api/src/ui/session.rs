//! Signing in with an API token, kept in an HttpOnly, SameSite=Strict cookie (Secure over
//! TLS), and CSRF protection: a random per-browser value in a cookie (`__Host-` prefixed over
//! TLS), and in every form its HMAC under a key only the server holds, so a value planted in
//! the cookie by someone else is useless without the server's key. State-changing posts are
//! also refused when the browser says they come from another site (`Sec-Fetch-Site`, `Origin`).

use super::{Layout, page, render};
use crate::auth::token;
use crate::error::{ApiError, blocking};
use crate::i18n::Lang;
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::{Method, StatusCode, header};
use actix_web::{FromRequest, HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::Mac;
use rand::RngCore;
use smarty_schema::store::Role;
use std::future::Future;
use std::pin::Pin;

const TOKEN_COOKIE: &str = "smarty_token";
const CSRF_COOKIE: &str = "smarty_csrf";
/// Over TLS: only settable by this origin, over TLS, for the whole site.
const CSRF_COOKIE_TLS: &str = "__Host-smarty_csrf";

/// Who is looking at a page: an editor (by token name) or nobody, and the CSRF value.
pub struct Session {
    pub editor: Option<String>,
    /// What forms carry: the HMAC of the cookie's nonce.
    pub csrf: String,
    nonce: String,
    new_csrf: bool,
    /// The token cookie names a token that is gone: clear it.
    stale_token: bool,
    secure: bool,
    /// The browser said this request comes from another site.
    cross_site: bool,
    /// The language the pages are written in for this reader (a `?lang=` choice is kept in a
    /// cookie by the pages' middleware, `errors::middleware`).
    pub lang: Lang,
    /// This page's path and query, which the language switcher links to.
    pub here: String,
}

impl Session {
    pub fn cookies_to_set(&self) -> Vec<Cookie<'static>> {
        let mut out = Vec::new();
        if self.new_csrf {
            let name = if self.secure { CSRF_COOKIE_TLS } else { CSRF_COOKIE };
            out.push(cookie(name, self.nonce.clone(), self.secure));
        }
        if self.stale_token {
            let mut gone = cookie(TOKEN_COOKIE, String::new(), self.secure);
            gone.make_removal();
            out.push(gone);
        }
        out
    }

    /// Checks a posted form: it comes from this site, and its CSRF field is the one this
    /// server made for the browser's cookie.
    pub fn check_csrf(&self, posted: Option<&str>) -> Result<(), ApiError> {
        if self.cross_site {
            return Err(ApiError::Forbidden("This form was sent from another site; nothing was changed.".into()));
        }
        match posted {
            Some(p) if !self.new_csrf && constant_time_eq(p.as_bytes(), self.csrf.as_bytes()) => Ok(()),
            _ => Err(ApiError::Forbidden(
                "The form's CSRF token is missing or wrong; reload the page and try again.".into(),
            )),
        }
    }

    /// The reader the read policy sees: pages know editors only (readers use the API).
    pub fn viewer(&self) -> crate::auth::policy::Viewer {
        if self.editor.is_some() { crate::auth::policy::Viewer::Editor } else { crate::auth::policy::Viewer::Anonymous }
    }

    pub fn require_editor(&self) -> Result<&str, ApiError> {
        self.editor.as_deref().ok_or_else(|| ApiError::Unauthorized("Sign in as an editor first.".into()))
    }
}

fn cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(name, value).path("/").http_only(true).same_site(SameSite::Strict).secure(secure).finish()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The form value for a nonce: HMAC-SHA256 under the server's key.
fn form_value(key: &[u8; 32], nonce: &str) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key length");
    mac.update(nonce.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Whether the browser says an unsafe request comes from elsewhere: `Sec-Fetch-Site` other
/// than same-origin (or none: typed by the user), or an `Origin` that is neither the node's
/// public URL nor the host the request was sent to.
fn cross_site(req: &HttpRequest, public_base: &str) -> bool {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    if let Some(site) = header("sec-fetch-site")
        && !matches!(site.as_str(), "same-origin" | "none")
    {
        return true;
    }
    match header("origin") {
        None => false,
        Some(origin) => {
            let info = req.connection_info();
            let this_host = format!("{}://{}", info.scheme(), info.host());
            origin != public_base && origin != this_host
        }
    }
}

impl FromRequest for Session {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req.cookie(TOKEN_COOKIE).map(|c| c.value().to_string()).filter(|t| !t.is_empty());
        let secure = state.as_ref().is_some_and(|s| s.config.public_base().starts_with("https://"));
        let nonce = req
            .cookie(if secure { CSRF_COOKIE_TLS } else { CSRF_COOKIE })
            .map(|c| c.value().to_string())
            .filter(|c| c.len() >= 32);
        let cross = state.as_ref().is_some_and(|s| cross_site(req, &s.config.public_base()));
        let lang = state.as_ref().map_or_else(Lang::default, |s| crate::i18n::choose(req, s.default_lang()));
        let here = super::here(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let (nonce, new_csrf) = match nonce {
                Some(c) => (c, false),
                None => {
                    let mut bytes = [0u8; 32];
                    rand::rng().fill_bytes(&mut bytes);
                    (URL_SAFE_NO_PAD.encode(bytes), true)
                }
            };
            let csrf = form_value(&state.csrf_key, &nonce);
            let mut session = Session {
                editor: None,
                csrf,
                nonce,
                new_csrf,
                stale_token: false,
                secure,
                cross_site: cross,
                lang,
                here,
            };
            if let Some(token) = token {
                let store = state.store.clone();
                let hash = token::hash(&token);
                match blocking(move || store.token_role(&hash)).await? {
                    Some((name, role)) if role >= Role::Editor => session.editor = Some(name),
                    _ => session.stale_token = true,
                }
            }
            Ok(session)
        })
    }
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    layout: Layout,
    error: Option<String>,
}

/// The sign-in page
///
/// A form for an editor's API token.
#[utoipa::path(operation_id = "signInPage", tag = "pages",
    responses((status = 200, description = "HTML page", content_type = "text/html", body = String)), security(()))]
#[get("/sign-in")]
pub async fn sign_in_form(state: web::Data<AppState>, session: Session) -> Result<HttpResponse, ApiError> {
    let html =
        render(&SignInPage { layout: Layout::new(&state, &session, session.lang.t("sign-in-title")), error: None })?;
    Ok(page(StatusCode::OK, html, &session))
}

#[derive(serde::Deserialize)]
pub struct SignInForm {
    csrf: Option<String>,
    token: String,
}

/// Sign in
///
/// Checks the token (editor or admin), keeps it in an HttpOnly, SameSite=Strict cookie and
/// goes to the region's records; a wrong token is answered on the form.
#[utoipa::path(operation_id = "signIn", request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The form's fields, with its `csrf` value"), tag = "pages",
    responses(
        (status = 303, description = "Signed in: to /manage"),
        (status = 401, description = "The token is unknown, revoked or not an editor's", content_type = "text/html", body = String),
        (status = 403, description = "CSRF check failed", body = crate::error::Problem, content_type = "application/problem+json"),
    ), security(()))]
#[post("/sign-in")]
pub async fn sign_in(
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<SignInForm>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    session.check_csrf(form.csrf.as_deref())?;
    let presented = form.token.trim().to_string();
    let store = state.store.clone();
    let hash = token::hash(&presented);
    let role = blocking(move || store.token_role(&hash)).await?;
    match role {
        Some((_, role)) if role >= Role::Editor => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/manage"))
            .cookie(cookie(TOKEN_COOKIE, presented, session.secure))
            .finish()),
        other => {
            // A wrong key spends from the address's budget of refused credentials too.
            state.limits.note_refusal(&req)?;
            let error = match other {
                Some(_) => "sign-in-read-only",
                None => "sign-in-unknown",
            };
            let lang = session.lang;
            let html = render(&SignInPage {
                layout: Layout::new(&state, &session, lang.t("sign-in-title")),
                error: Some(lang.t(error)),
            })?;
            Ok(page(StatusCode::UNAUTHORIZED, html, &session))
        }
    }
}

#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    csrf: Option<String>,
}

/// Sign out
///
/// Forgets the token cookie.
#[utoipa::path(operation_id = "signOut", request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The form's fields, with its `csrf` value"), tag = "pages",
    responses(
        (status = 303, description = "Signed out: to the search page"),
        (status = 403, description = "CSRF check failed", body = crate::error::Problem, content_type = "application/problem+json"),
    ), security(()))]
#[post("/sign-out")]
pub async fn sign_out(session: Session, form: web::Form<CsrfOnly>) -> Result<HttpResponse, ApiError> {
    session.check_csrf(form.csrf.as_deref())?;
    let mut gone = cookie(TOKEN_COOKIE, String::new(), session.secure);
    gone.make_removal();
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, "/")).cookie(gone).finish())
}
