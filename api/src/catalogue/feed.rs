//! `GET /api/v1/catalogue/feed.atom`: every catalogue search as an Atom feed (RFC 4287),
//! newest first, so people and newsletters follow a search instead of polling it.

use super::params::{SearchFilters, parse};
use crate::auth::Reader;
use crate::error::{ApiError, Problem, blocking};
use crate::i18n::Lang;
use crate::search::collector::Sort;
use crate::state::AppState;
use crate::xml::{XmlResult, text, xml_chars};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};
use sha2::Digest;
use smarty_schema::store::StoredRecord;
use std::collections::HashMap;
use utoipa::IntoParams;

/// Entries of a feed unless `limit` says otherwise.
const ENTRIES: usize = 20;
const ATOM: &str = "http://www.w3.org/2005/Atom";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// What a feed adds to a search's parameters.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the parameters; `parse` reads them
pub struct FeedParams {
    /// Entries, 1 to 100 (default 20): the newest matches.
    #[param(minimum = 1, maximum = 100, default = 20, example = 20)]
    limit: Option<usize>,
    /// The language of the feed's own title (entries keep their records' languages): one of
    /// `it`, `pl`, `fi`, `en`, `sl`, `es`, `ca` (default `en`).
    #[param(inline, example = "pl")]
    lang: Option<super::params::PageLanguage>,
}

/// Follow a search
///
/// The search's newest matches (the same parameters as search: words, theme, origin, kind,
/// language, years) as an Atom feed, newest first, each entry a record with its title, its
/// English title when it has one, its summary, its page, when it last changed, its themes and
/// region as categories, and its language. Entry ids are the records' page addresses, stable
/// across versions. `ETag` and `If-None-Match` save a reader the download when nothing changed.
/// A feed is not paged and always newest first: `offset` and `sort` are refused.
#[utoipa::path(
    operation_id = "catalogueFeed", tag = "catalogue",
    params(SearchFilters, FeedParams),
    responses(
        (status = 200, description = "The feed", content_type = "application/atom+xml", body = String,
            headers(("ETag" = String, description = "Changes when the feed does"))),
        (status = 304, description = "Unchanged since the `If-None-Match` tag (compared weakly)",
            headers(("ETag" = String, description = "The feed's tag"), ("Cache-Control" = String, description = "`no-cache`"))),
        (status = 400, description = "A parameter is unknown or malformed", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/feed.atom")]
pub async fn feed(state: web::Data<AppState>, _reader: Reader, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let (asked, search) = super::params::take_lang(req.query_string())?;
    let lang = asked.unwrap_or(Lang::En);
    let mut with_limit = search.clone();
    if !with_limit.split('&').any(|p| p.starts_with("limit=")) {
        with_limit = format!("{with_limit}&limit={ENTRIES}");
    }
    // A feed holds the newest matches: it is neither paged nor sorted otherwise.
    let mut refused = smarty_schema::validation::Errors::default();
    for (key, _) in form_urlencoded::parse(search.as_bytes()) {
        let fixed = key == "offset" || key == "sort";
        refused.check(!fixed, &key, "is not a parameter of a feed: it holds the newest matches, newest first");
    }
    refused.into_result().map_err(ApiError::Validation)?;
    let (mut request, _) = parse(&with_limit, Some(100))?;
    request.sort = Sort::Updated;

    let catalogue = state.catalogue.clone();
    let search_for = request.clone();
    let result = web::block(move || catalogue.search(&search_for)).await??;
    let ids: Vec<String> = result.hits.iter().map(|h| h.id.clone()).collect();
    let store = state.store.clone();
    let records: HashMap<(String, String), StoredRecord> = blocking(move || store.records_by_id(&ids))
        .await?
        .into_iter()
        .filter(StoredRecord::is_public)
        .map(|r| ((r.origin.clone(), r.id.clone()), r))
        .collect();

    let base = state.base_url(&req);
    let node = lang.region(&state.config.region, &state.config.region_info().name);
    let title = if request.q.trim().is_empty() {
        lang.t("search-title")
    } else {
        lang.with("search-title-words", "q", &request.q)
    };
    // The feed's address as asked for, its language included: its id and its self link.
    let own_query = match asked {
        Some(l) if search.is_empty() => format!("?lang={}", l.code()),
        Some(l) => format!("?lang={}&{search}", l.code()),
        None if search.is_empty() => String::new(),
        None => format!("?{search}"),
    };
    let self_url = format!("{base}/api/v1/catalogue/feed.atom{own_query}");
    let page_url = format!("{base}/{}", if search.is_empty() { String::new() } else { format!("?{search}") });
    let entries: Vec<Entry> = result
        .hits
        .iter()
        .filter_map(|h| records.get(&(h.origin.clone(), h.id.clone())))
        .map(|r| Entry::of(&state, lang, &base, r))
        .collect();
    let updated = entries.iter().map(|e| e.updated.as_str()).max().unwrap_or("1970-01-01T00:00:00Z").to_string();
    let feed = Feed {
        id: self_url.clone(),
        title: lang.say("page-title", &[("title", &title), ("node", &node)]),
        lang: lang.code(),
        self_url,
        page_url,
        updated,
        author: node,
        entries,
    };
    let body = feed.write().map_err(|e| ApiError::Internal(format!("writing the feed: {e}")))?;
    let tag = format!("\"{}\"", &hex(&sha2::Sha256::digest(&body))[..32]);
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        // Weak comparison (RFC 9110 §13.1.2): a proxy that compresses the feed marks the tag weak.
        .is_some_and(|v| v.split(',').map(str::trim).any(|t| t.trim_start_matches("W/") == tag || t == "*"));
    let mut res = if unchanged { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    res.insert_header((header::ETAG, tag)).insert_header((header::CACHE_CONTROL, "no-cache"));
    Ok(if unchanged { res.finish() } else { res.content_type("application/atom+xml; charset=utf-8").body(body) })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Feed {
    id: String,
    title: String,
    lang: &'static str,
    self_url: String,
    page_url: String,
    updated: String,
    author: String,
    entries: Vec<Entry>,
}

/// One record as an entry.
struct Entry {
    id: String,
    title: String,
    lang: String,
    english: Option<(String, String)>,
    summary: String,
    updated: String,
    author: String,
    /// (term, scheme, label).
    categories: Vec<(String, String, String)>,
}

impl Entry {
    fn of(state: &AppState, lang: Lang, base: &str, r: &StoredRecord) -> Entry {
        let content = r.content.as_ref().expect("public records have content");
        let region = lang.region(&r.origin, &state.config.region_name(&r.origin));
        let mut categories: Vec<(String, String, String)> = content
            .themes()
            .iter()
            .map(|t| (t.as_str().to_string(), format!("{base}/api/v1/themes"), lang.theme(t.as_str())))
            .collect();
        categories.push((r.origin.clone(), format!("{base}/api/v1/regions"), region.clone()));
        categories.push((
            r.kind.as_str().to_string(),
            format!("{base}/api/v1/catalogue/search?kind="),
            lang.kind(r.kind.as_str()),
        ));
        Entry {
            id: format!("{base}{}", crate::ui::record_path(&r.origin, &r.id)),
            title: content.title().to_string(),
            lang: content.language().to_string(),
            english: content
                .translation("en")
                .filter(|_| content.language() != "en")
                .map(|t| (t.title.to_string(), t.summary.to_string())),
            summary: content.summary().to_string(),
            updated: r.updated_at.clone(),
            author: region,
            categories,
        }
    }
}

impl Feed {
    fn write(&self) -> std::io::Result<Vec<u8>> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        w.create_element("feed").with_attributes([("xmlns", ATOM), ("xml:lang", self.lang)]).write_inner_content(
            |w| -> XmlResult {
                text(w, "id", &self.id, &[])?;
                text(w, "title", &self.title, &[])?;
                text(w, "updated", &self.updated, &[])?;
                link(w, "self", "application/atom+xml", &self.self_url)?;
                link(w, "alternate", "text/html", &self.page_url)?;
                w.create_element("author").write_inner_content(|w| text(w, "name", &self.author, &[]))?;
                text(w, "generator", "Smarty Exchange", &[])?;
                for e in &self.entries {
                    e.write(w)?;
                }
                Ok(())
            },
        )?;
        Ok(w.into_inner())
    }
}

impl Entry {
    fn write(&self, w: &mut Writer<Vec<u8>>) -> XmlResult {
        w.create_element("entry").with_attribute(("xml:lang", self.lang.as_str())).write_inner_content(|w| {
            text(w, "id", &self.id, &[])?;
            text(w, "title", &self.title, &[])?;
            text(w, "updated", &self.updated, &[])?;
            w.create_element("author").write_inner_content(|w| text(w, "name", &self.author, &[]))?;
            link(w, "alternate", "text/html", &self.id)?;
            for (term, scheme, label) in &self.categories {
                let (scheme, label) = (xml_chars(scheme), xml_chars(label));
                w.create_element("category")
                    .with_attributes([("term", term.as_str()), ("scheme", scheme.as_ref()), ("label", label.as_ref())])
                    .write_empty()?;
            }
            text(w, "summary", &self.summary, &[("type", "text")])?;
            // The English title and summary, for readers of another language, as XHTML
            // content marked with its language.
            if let Some((title, summary)) = &self.english {
                w.create_element("content")
                    .with_attributes([("type", "xhtml"), ("xml:lang", "en")])
                    .write_inner_content(|w| {
                        w.create_element("div")
                            .with_attributes([("xmlns", XHTML), ("lang", "en")])
                            .write_inner_content(|w| {
                                text(w, "h2", title, &[])?;
                                text(w, "p", summary, &[])
                            })?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
        Ok(())
    }
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, kind: &str, href: &str) -> XmlResult {
    let href = xml_chars(href);
    w.create_element("link").with_attributes([("rel", rel), ("type", kind), ("href", href.as_ref())]).write_empty()?;
    Ok(())
}
