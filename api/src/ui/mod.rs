//! The officers' web pages: server-rendered HTML (askama templates compiled into the binary),
//! one embedded stylesheet, no JavaScript. Every page works with JavaScript off, every search
//! state has its own URL, and every form is CSRF-protected.

pub mod errors;
mod form;
mod manage;
mod pages;
mod record_page;
mod session;

use crate::i18n::{self, Lang};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get};
use askama::Template;
pub use session::Session;
use utoipa_actix_web::service_config::ServiceConfig;

/// No inline script or style, nothing from another host, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

/// What every page's frame shows.
pub struct Layout {
    pub title: String,
    /// The node's region's name, in the reader's language.
    pub node_name: String,
    /// The search box's current words.
    pub q: String,
    /// The signed-in editor's token name.
    pub editor: Option<String>,
    pub csrf: String,
    /// The language the page is written in.
    pub lang: Lang,
    /// The language switcher's links: this page in each language.
    pub switcher: Vec<Switch>,
    /// The page's Atom feed, for feed readers to find.
    pub feed: Option<String>,
}

/// One language in the switcher.
pub struct Switch {
    pub code: &'static str,
    /// The language's name in itself ("polski").
    pub name: String,
    pub href: String,
    pub current: bool,
}

impl Layout {
    /// The frame of a page drawn outside any handler (an error page): nobody signed in.
    pub fn guest(state: &AppState, req: &HttpRequest, title: impl Into<String>) -> Layout {
        let lang = i18n::choose(req, state.default_lang());
        Layout::framed(state, lang, &here(req), title.into(), None, String::new())
    }

    pub fn new(state: &AppState, session: &Session, title: impl Into<String>) -> Layout {
        let (editor, csrf) = (session.editor.clone(), session.csrf.clone());
        Layout::framed(state, session.lang, &session.here, title.into(), editor, csrf)
    }

    fn framed(state: &AppState, lang: Lang, here: &str, title: String, editor: Option<String>, csrf: String) -> Layout {
        let region = state.config.region_info();
        Layout {
            title,
            node_name: lang.region(&region.code, &region.name),
            q: String::new(),
            editor,
            csrf,
            lang,
            switcher: Lang::ALL
                .iter()
                .map(|&l| Switch { code: l.code(), name: l.autonym(), href: in_language(here, l), current: l == lang })
                .collect(),
            feed: None,
        }
    }

    /// The same frame, its switcher leading to `address` (the form a post answered).
    pub fn switching_to(mut self, address: &str) -> Layout {
        for s in &mut self.switcher {
            s.href = in_language(address, Lang::parse(s.code).unwrap_or_default());
        }
        self
    }

    /// The `<title>`: the page's, then the site's and the node's.
    pub fn page_title(&self) -> String {
        self.lang.say("page-title", &[("title", &self.title), ("node", &self.node_name)])
    }
}

/// The request's path and query: the page the switcher's links lead back to.
pub fn here(req: &HttpRequest) -> String {
    match req.query_string() {
        "" => req.path().to_string(),
        q => format!("{}?{q}", req.path()),
    }
}

/// The address `here` (a path and query) in `lang`: its `lang` parameter set to it. Always
/// an address on this site: a path the request spelt `//other.example/` (which a browser
/// would read as another host) keeps one leading slash.
fn in_language(here: &str, lang: Lang) -> String {
    let (path, query) = here.split_once('?').unwrap_or((here, ""));
    let path = format!("/{}", path.trim_start_matches(['/', '\\']));
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != "lang")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.push(("lang".into(), lang.code().into()));
    format!("{path}?{}", form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish())
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
        .service(pages::transfer_actions)
        .service(session::sign_in_form)
        .service(session::sign_in)
        .service(session::sign_out)
        .service(manage::list)
        .service(manage::new_form)
        .service(manage::create)
        .service(manage::edit_form)
        .service(manage::update);
}
