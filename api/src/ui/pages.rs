//! The reading pages: search, a record, the regions.

use super::{Layout, Session, capitalise, kind_label, page, render, theme_label};
use crate::auth::policy;
use crate::catalogue::params::parse;
use crate::error::{ApiError, blocking};
use crate::search::collector::{FACETS, Sort};
use crate::search::request::SearchResult;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;

const PAGE_SIZE: usize = 10;

struct FacetView {
    name: &'static str,
    legend: &'static str,
    options: Vec<OptionView>,
}

struct OptionView {
    id: String,
    value: String,
    label: String,
    count: u64,
    checked: bool,
}

struct HitView {
    url: String,
    title: String,
    snippet: String,
    origin: String,
    kind: &'static str,
    themes: String,
    lang: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    q: String,
    sort: &'static str,
    total: u64,
    page_info: String,
    hits: Vec<HitView>,
    facets: Vec<FacetView>,
    /// The current filters, kept by the sort form.
    keep: Vec<(String, String)>,
    /// (year, records) for the year facet, and the chosen range.
    years: Vec<(String, u64)>,
    year_from: String,
    year_to: String,
    prev: Option<String>,
    next: Option<String>,
    export: String,
    /// What of the address was left out, and why.
    notice: Option<String>,
}

/// The search page's own parameters; any other (a link's `utm_source`, `fbclid`) is ignored.
const PAGE_PARAMETERS: [&str; 10] =
    ["q", "theme", "origin", "kind", "intervention", "language", "year_from", "year_to", "offset", "sort"];

/// The search page
///
/// The shared catalogue: words, facet filters with counts, sort and pages, each state at its
/// own URL (`/?q=…&theme=…&offset=…`); works without JavaScript. Other parameters (a link's
/// tracking parameters) are ignored, and a value it cannot use is left out with a message.
#[utoipa::path(operation_id = "searchPage", tag = "pages",
    responses(
        (status = 200, description = "HTML page", content_type = "text/html", body = String),
    ), security(()))]
#[get("/")]
pub async fn search(state: web::Data<AppState>, session: Session, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if !policy::may_browse(&state, session.viewer()) {
        return Ok(sign_in_first());
    }
    // The page's own query string is the search: bookmarkable, shareable.
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        // Empty choices (an unset year, an empty search box) mean no filter.
        .filter(|(k, v)| !v.is_empty() && PAGE_PARAMETERS.contains(&k.as_str()))
        .collect();
    let parse_page = |pairs: &[(String, String)]| {
        let query: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        parse(&format!("{query}&limit={PAGE_SIZE}"), Some(100))
    };
    // A value the search cannot take (a mangled link) is left out, and the page says so.
    let mut notice = None;
    let mut request = match parse_page(&pairs) {
        Err(ApiError::Validation(errors)) => {
            let bad: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            pairs.retain(|(k, _)| !bad.contains(k));
            let said: Vec<String> = errors.iter().map(|e| format!("{} ({})", e.field, e.message)).collect();
            notice = Some(format!("Part of this address could not be used and was left out: {}.", said.join("; ")));
            parse_page(&pairs)?.0
        }
        other => other?.0,
    };
    // Without words there is no relevance: the newest practices come first, unless the reader
    // chose an order.
    if request.q.trim().is_empty() && !pairs.iter().any(|(k, _)| k == "sort") {
        request.sort = Sort::Updated;
    }
    let catalogue = state.catalogue.clone();
    let search = request.clone();
    let result: SearchResult = web::block(move || catalogue.search(&search)).await??;

    let region_name = |code: &str| state.config.region_name(code);
    let legends = ["Theme", "Region", "Kind", "Intervention", "Language", "Year"];
    let mut facets = Vec::new();
    let mut years: Vec<(String, u64)> = Vec::new();
    for (i, name) in FACETS.iter().enumerate() {
        let counts = &result.facets[name];
        let chosen: Vec<&String> = pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v).collect();
        let options: Vec<OptionView> = counts
            .iter()
            .map(|(value, count)| OptionView {
                id: format!("f-{name}-{value}"),
                label: match *name {
                    "theme" => theme_label(value),
                    "origin" => region_name(value),
                    "kind" => kind_label(value).to_string(),
                    "intervention" => format!("{} intervention", capitalise(value)),
                    _ => value.clone(),
                },
                checked: chosen.contains(&value),
                value: value.clone(),
                count: *count,
            })
            .collect();
        if *name == "year" {
            // Years filter by range: the year facet becomes two choices, from and to.
            years = options.iter().map(|o| (o.value.clone(), o.count)).collect();
            continue;
        }
        facets.push(FacetView { name, legend: legends[i], options });
    }
    let from_here: String = form_urlencoded::byte_serialize(
        form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish().as_bytes(),
    )
    .collect();
    let hits = result
        .hits
        .into_iter()
        .map(|h| HitView {
            // The record page links back to this search.
            url: format!("{}&from={}", super::record_path(&h.origin, &h.id), from_here),
            lang: h.language,
            title: h.title,
            snippet: h.snippet,
            origin: region_name(&h.origin),
            kind: kind_label(&h.kind),
            themes: h.themes.iter().map(|t| theme_label(t)).collect::<Vec<_>>().join(", "),
        })
        .collect();
    let page_link = |offset: usize| {
        let mut p: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k != "offset").cloned().collect();
        if offset > 0 {
            p.push(("offset".into(), offset.to_string()));
        }
        format!("/?{}", form_urlencoded::Serializer::new(String::new()).extend_pairs(&p).finish())
    };
    let offset = request.offset;
    let total = result.total;
    let prev = (offset > 0).then(|| page_link(offset.saturating_sub(PAGE_SIZE)));
    let next = ((offset + PAGE_SIZE) < total as usize).then(|| page_link(offset + PAGE_SIZE));
    let export_pairs: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k != "offset").cloned().collect();
    let export = format!(
        "/api/v1/catalogue/export?format=csv&{}",
        form_urlencoded::Serializer::new(String::new()).extend_pairs(&export_pairs).finish()
    );
    let mut layout = Layout::new(
        &state,
        &session,
        if request.q.is_empty() { "Search".to_string() } else { format!("Search: {}", request.q) },
    );
    layout.q = request.q.clone();
    let html = render(&SearchPage {
        layout,
        q: request.q.clone(),
        sort: match request.sort {
            Sort::Updated => "updated",
            Sort::Inspired => "inspired",
            Sort::Relevance => "relevance",
        },
        total,
        page_info: format!("showing {} to {}", offset + 1, (offset + PAGE_SIZE).min(total as usize)),
        hits,
        facets,
        keep: pairs.iter().filter(|(k, _)| k != "sort" && k != "offset").cloned().collect(),
        years,
        year_from: request.filters.year_from.map(|y| y.to_string()).unwrap_or_default(),
        year_to: request.filters.year_to.map(|y| y.to_string()).unwrap_or_default(),
        prev,
        next,
        export,
        notice,
    })?;
    Ok(page(StatusCode::OK, html, &session))
}

/// A node without public reads shows its catalogue to signed-in editors only.
fn sign_in_first() -> HttpResponse {
    HttpResponse::SeeOther().insert_header(("Location", "/sign-in")).finish()
}

struct RegionView {
    code: String,
    name: String,
    country: String,
    held: i64,
    last_sync: String,
}

#[derive(Template)]
#[template(path = "regions.html")]
struct RegionsPage {
    layout: Layout,
    regions: Vec<RegionView>,
}

/// The regions page
///
/// Each partner region with the records this node holds from it and the last successful sync.
#[utoipa::path(operation_id = "regionsPage", tag = "pages",
    responses(
        (status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 303, description = "The node has no public reads and nobody is signed in: to /sign-in"),
    ), security(()))]
#[get("/regions")]
pub async fn regions(state: web::Data<AppState>, session: Session) -> Result<HttpResponse, ApiError> {
    if !policy::may_browse(&state, session.viewer()) {
        return Ok(sign_in_first());
    }
    let store = state.store.clone();
    let (counts, peers) = blocking(move || Ok((store.public_counts()?, store.list_peers()?))).await?;
    let regions = state
        .config
        .regions
        .iter()
        .map(|r| RegionView {
            code: r.code.clone(),
            name: r.name.clone(),
            country: r.country.clone(),
            held: counts.iter().find(|(o, _)| *o == r.code).map_or(0, |(_, n)| *n),
            last_sync: if r.code == state.config.region {
                "this node".into()
            } else {
                peers
                    .iter()
                    .find(|p| p.region == r.code)
                    .and_then(|p| p.last_success_at.clone())
                    .unwrap_or_else(|| "never".into())
            },
        })
        .collect();
    let html = render(&RegionsPage { layout: Layout::new(&state, &session, "Regions"), regions })?;
    Ok(page(StatusCode::OK, html, &session))
}

#[derive(Template)]
#[template(path = "transfers.html")]
struct TransfersPage {
    layout: Layout,
    /// Column and row headings: region names.
    names: Vec<String>,
    /// Rows: (region name, counts by taking-up region).
    rows: Vec<(String, Vec<u64>)>,
}

/// The transfers page
///
/// Which regions' practices inspired which regions' actions: the transfer matrix.
#[utoipa::path(operation_id = "transfersPage", tag = "pages",
    responses(
        (status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 303, description = "The node has no public reads and nobody is signed in: to /sign-in"),
    ), security(()))]
#[get("/transfers")]
pub async fn transfers(state: web::Data<AppState>, session: Session) -> Result<HttpResponse, ApiError> {
    if !policy::may_browse(&state, session.viewer()) {
        return Ok(sign_in_first());
    }
    let store = state.store.clone();
    let codes: Vec<String> = state.config.regions.iter().map(|r| r.code.clone()).collect();
    let t = blocking(move || crate::search::lineage::transfers(&store, &codes)).await?;
    let names: Vec<String> = state.config.regions.iter().map(|r| r.name.clone()).collect();
    let rows = names.iter().cloned().zip(t.matrix).collect();
    let html =
        render(&TransfersPage { layout: Layout::new(&state, &session, "Transfers between regions"), names, rows })?;
    Ok(page(StatusCode::OK, html, &session))
}
