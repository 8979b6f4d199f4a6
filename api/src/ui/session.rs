//! Signing in with an API token, kept in an HttpOnly, SameSite=Strict cookie (Secure over
//! TLS), and CSRF protection by double submission: every form carries the value of a random
//! SameSite=Strict cookie, and a post whose field and cookie differ changes nothing.

use super::{Layout, page, render};
use crate::auth::token;
use crate::error::{ApiError, blocking};
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use smarty_schema::store::Role;
use std::future::Future;
use std::pin::Pin;

const TOKEN_COOKIE: &str = "smarty_token";
const CSRF_COOKIE: &str = "smarty_csrf";

/// Who is looking at a page: an editor (by token name) or nobody, and the CSRF value.
pub struct Session {
    pub editor: Option<String>,
    pub csrf: String,
    new_csrf: bool,
    /// The token cookie names a token that is gone: clear it.
    stale_token: bool,
    secure: bool,
}

impl Session {
    pub fn cookies_to_set(&self) -> Vec<Cookie<'static>> {
        let mut out = Vec::new();
        if self.new_csrf {
            out.push(cookie(CSRF_COOKIE, self.csrf.clone(), self.secure));
        }
        if self.stale_token {
            let mut gone = cookie(TOKEN_COOKIE, String::new(), self.secure);
            gone.make_removal();
            out.push(gone);
        }
        out
    }

    /// Checks a posted form's CSRF field against the cookie.
    pub fn check_csrf(&self, posted: Option<&str>) -> Result<(), ApiError> {
        match posted {
            Some(p) if !self.new_csrf && constant_time_eq(p.as_bytes(), self.csrf.as_bytes()) => Ok(()),
            _ => Err(ApiError::Forbidden(
                "The form's CSRF token is missing or wrong; reload the page and try again.".into(),
            )),
        }
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

impl FromRequest for Session {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req.cookie(TOKEN_COOKIE).map(|c| c.value().to_string()).filter(|t| !t.is_empty());
        let csrf = req.cookie(CSRF_COOKIE).map(|c| c.value().to_string()).filter(|c| c.len() >= 32);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let secure = state.config.public_base().starts_with("https://");
            let (csrf, new_csrf) = match csrf {
                Some(c) => (c, false),
                None => {
                    let mut bytes = [0u8; 32];
                    rand::rng().fill_bytes(&mut bytes);
                    (URL_SAFE_NO_PAD.encode(bytes), true)
                }
            };
            let mut session = Session { editor: None, csrf, new_csrf, stale_token: false, secure };
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
    let html = render(&SignInPage { layout: Layout::new(&state, &session, "Sign in"), error: None })?;
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
            let error = match other {
                Some(_) => "This token may read but not edit: sign in with an editor's token.",
                None => "This token is unknown or has been revoked.",
            };
            let html =
                render(&SignInPage { layout: Layout::new(&state, &session, "Sign in"), error: Some(error.into()) })?;
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
