//! The officers' web pages: server-rendered HTML (askama templates compiled into the binary),
//! one embedded stylesheet, no JavaScript. Every page works with JavaScript off, every search
//! state has its own URL, and every form is CSRF-protected.

pub mod errors;
mod form;
mod manage;
mod pages;
mod record_page;
mod session;

use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, get};
use askama::Template;
pub use session::Session;
use utoipa_actix_web::service_config::ServiceConfig;

/// No inline script or style, nothing from another host, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

/// What every page's frame shows.
pub struct Layout {
    pub title: String,
    pub node_name: String,
    /// The search box's current words.
    pub q: String,
    /// The signed-in editor's token name.
    pub editor: Option<String>,
    pub csrf: String,
}

impl Layout {
    /// The frame of a page drawn outside any handler (an error page): nobody signed in.
    pub fn guest(state: &AppState, title: impl Into<String>) -> Layout {
        Layout {
            title: title.into(),
            node_name: state.config.region_info().name.clone(),
            q: String::new(),
            editor: None,
            csrf: String::new(),
        }
    }

    pub fn new(state: &AppState, session: &Session, title: impl Into<String>) -> Layout {
        Layout {
            title: title.into(),
            node_name: state.config.region_info().name.clone(),
            q: String::new(),
            editor: session.editor.clone(),
            csrf: session.csrf.clone(),
        }
    }
}

/// An enumerated value as the API spells it (`new-projects`).
pub fn wire_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The address of `origin`'s record `id`'s page: naming the origin, it stays unambiguous
/// whatever ids other origins publish.
pub fn record_path(origin: &str, id: &str) -> String {
    format!("/records/{id}?origin={origin}")
}

/// An HTML page with the security headers and, when new, the CSRF cookie.
pub fn page(status: actix_web::http::StatusCode, html: String, session: &Session) -> HttpResponse {
    let mut res = HttpResponse::build(status);
    res.content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    for cookie in session.cookies_to_set() {
        res.cookie(cookie);
    }
    res.body(html)
}

pub fn render(template: &impl Template) -> Result<String, crate::error::ApiError> {
    template.render().map_err(|e| crate::error::ApiError::Internal(format!("template: {e}")))
}

const STYLESHEET: &str = include_str!("../../static/app.css");

/// The stylesheet
///
/// The pages' one stylesheet, embedded in the binary.
#[utoipa::path(operation_id = "stylesheet", tag = "pages",
    responses((status = 200, description = "CSS", content_type = "text/css", body = String)), security(()))]
#[get("/static/app.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(stylesheet)
        .service(pages::search)
        .service(record_page::record)
        .service(pages::regions)
        .service(pages::transfers)
        .service(session::sign_in_form)
        .service(session::sign_in)
        .service(session::sign_out)
        .service(manage::list)
        .service(manage::new_form)
        .service(manage::create)
        .service(manage::edit_form)
        .service(manage::update);
}

/// Human labels of theme codes.
pub fn theme_label(code: &str) -> String {
    smarty_schema::vocab::THEMES
        .iter()
        .find(|t| t.code.as_str() == code)
        .map_or(code.to_string(), |t| t.label.to_string())
}

/// The text with its first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "case_study" => "Case study",
        "policy_instrument" => "Policy instrument",
        "action_plan" => "Action plan",
        "region_profile" => "Region profile",
        _ => "Record",
    }
}
