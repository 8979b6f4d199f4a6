//! The reading pages: search, a record, the regions.

use super::{Layout, Session, page, render};
use crate::auth::policy;
use crate::catalogue::params::parse;
use crate::error::{ApiError, blocking};
use crate::i18n::format::{capitalise, country_name, day, number};
use crate::search::collector::{FACETS, Sort};
use crate::search::request::SearchResult;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use smarty_schema::vocab::RegionCode;

const PAGE_SIZE: usize = 10;

struct FacetView {
    name: &'static str,
    legend: String,
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
    kind: String,
    themes: Vec<String>,
    /// The year its work started, in the reader's words.
    year: Option<String>,
    lang: String,
}

/// An active filter, shown above the results; its link is the search without it.
struct Chip {
    label: String,
    href: String,
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
    chips: Vec<Chip>,
    /// The current filters, kept by the sort form.
    keep: Vec<(String, String)>,
    /// (year, records) for the year facet, and the chosen range.
    years: Vec<(String, u64)>,
    year_from: String,
    year_to: String,
    prev: Option<String>,
    next: Option<String>,
    export: String,
    /// This search's Atom feed, when a feed reader (which signs in to no page) may read it.
    feed: Option<String>,
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
    let lang = session.lang;
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
            let said: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            notice = Some(lang.with("address-left-out", "parts", &said.join(", ")));
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

    let region_name = |code: &str| lang.region(code, &state.config.region_name(code));
    let label = |facet: &str, value: &str| match facet {
        "theme" => lang.theme(value),
        "origin" => region_name(value),
        "kind" => lang.kind(value),
        "intervention" => lang.intervention(value),
        "language" => capitalise(&lang.language(value)),
        _ => value.to_string(),
    };
    let mut facets = Vec::new();
    let mut years: Vec<(String, u64)> = Vec::new();
    for name in FACETS {
        let counts = &result.facets[name];
        let chosen: Vec<&String> = pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v).collect();
        let options: Vec<OptionView> = counts
            .iter()
            .map(|(value, count)| OptionView {
                id: format!("f-{name}-{value}"),
                label: label(name, value),
                checked: chosen.contains(&value),
                value: value.clone(),
                count: *count,
            })
            .collect();
        if name == "year" {
            // Years filter by range: the year facet becomes two choices, from and to.
            years = options.iter().map(|o| (o.value.clone(), o.count)).collect();
            continue;
        }
        facets.push(FacetView { name, legend: lang.t(&format!("facet-{name}")), options });
    }
    // Each active filter, removable: the same search without that one pair.
    let chips = pairs
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| FACETS.contains(&k.as_str()) || k.starts_with("year_"))
        .map(|(i, (k, v))| {
            let rest: Vec<&(String, String)> =
                pairs.iter().enumerate().filter(|(j, (k, _))| *j != i && k != "offset").map(|(_, p)| p).collect();
            let text = match k.as_str() {
                "year_from" => lang.with("filter-year-from", "year", v),
                "year_to" => lang.with("filter-year-to", "year", v),
                _ => label(k, v),
            };
            Chip {
                label: text,
                href: format!("/?{}", form_urlencoded::Serializer::new(String::new()).extend_pairs(rest).finish()),
            }
        })
        .collect();
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
            kind: lang.kind(&h.kind),
            themes: h.themes.iter().map(|t| lang.theme(t)).collect(),
            year: h.year.map(|y| lang.with("result-started", "year", &y.to_string())),
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
    // The header row in the reader's language.
    let export = format!(
        "/api/v1/catalogue/export?format=csv&lang={}&{}",
        lang.code(),
        form_urlencoded::Serializer::new(String::new()).extend_pairs(&export_pairs).finish()
    );
    let title =
        if request.q.is_empty() { lang.t("search-title") } else { lang.with("search-title-words", "q", &request.q) };
    let feed_pairs: Vec<&(String, String)> = export_pairs.iter().filter(|(k, _)| k != "sort").collect();
    let feed = format!(
        "/api/v1/catalogue/feed.atom?lang={}&{}",
        lang.code(),
        form_urlencoded::Serializer::new(String::new()).extend_pairs(feed_pairs).finish()
    );
    let mut layout = Layout::new(&state, &session, title);
    layout.q = request.q.clone();
    let feed = policy::may_browse(&state, policy::Viewer::Anonymous).then_some(feed);
    layout.feed.clone_from(&feed);
    let html = render(&SearchPage {
        layout,
        q: request.q.clone(),
        sort: match request.sort {
            Sort::Updated => "updated",
            Sort::Inspired => "inspired",
            Sort::Relevance => "relevance",
        },
        total,
        page_info: lang.say(
            "results-range",
            &[
                ("first", &number(lang, offset as u64 + 1)),
                ("last", &number(lang, (offset + PAGE_SIZE).min(total as usize) as u64)),
            ],
        ),
        hits,
        facets,
        chips,
        keep: pairs.iter().filter(|(k, _)| k != "sort" && k != "offset").cloned().collect(),
        years,
        year_from: request.filters.year_from.map(|y| y.to_string()).unwrap_or_default(),
        year_to: request.filters.year_to.map(|y| y.to_string()).unwrap_or_default(),
        prev,
        next,
        export,
        feed,
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
    let lang = session.lang;
    let store = state.store.clone();
    let (counts, peers) = blocking(move || Ok((store.public_counts()?, store.list_peers()?))).await?;
    let regions = state
        .config
        .regions
        .iter()
        .map(|r| RegionView {
            code: r.code.clone(),
            name: lang.region(&r.code, &r.name),
            country: country_name(lang, &r.country),
            held: counts.iter().find(|(o, _)| *o == r.code).map_or(0, |(_, n)| *n),
            last_sync: if r.code == state.config.region {
                lang.t("regions-this-node")
            } else {
                peers
                    .iter()
                    .find(|p| p.region == r.code)
                    .and_then(|p| p.last_success_at.as_deref())
                    .map_or_else(|| lang.t("regions-never"), |at| day(lang, at))
            },
        })
        .collect();
    let html = render(&RegionsPage { layout: Layout::new(&state, &session, lang.t("regions-title")), regions })?;
    Ok(page(StatusCode::OK, html, &session))
}

#[derive(Template)]
#[template(path = "transfers.html")]
struct TransfersPage {
    layout: Layout,
    /// Column headings: the regions taking practices up.
    names: Vec<String>,
    rows: Vec<TransferRow>,
}

/// The practices of one region, and the actions of each region they inspired.
struct TransferRow {
    name: String,
    cells: Vec<Cell>,
}

struct Cell {
    shown: String,
    /// Where the actions behind a non-zero count are listed.
    href: Option<String>,
    /// What the count means, for screen readers.
    label: String,
    /// 0 (none) to 4 (the most of the table), for the cell's shading.
    shade: u64,
    /// The region took up its own practice.
    own: bool,
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
    let lang = session.lang;
    let partners = &state.config.regions;
    let names: Vec<String> = partners.iter().map(|r| lang.region(&r.code, &r.name)).collect();
    let most = t.matrix.iter().flatten().copied().max().unwrap_or(0).max(1);
    let rows = t
        .matrix
        .iter()
        .enumerate()
        .map(|(i, counts)| TransferRow {
            name: names[i].clone(),
            cells: counts
                .iter()
                .enumerate()
                .map(|(j, &count)| Cell {
                    shown: number(lang, count),
                    // The actions behind the count.
                    href: (count > 0).then(|| format!("/transfers/{}/{}", partners[i].code, partners[j].code)),
                    label: lang.count("transfers-cell", count, &[("from", &names[i]), ("to", &names[j])]),
                    shade: (count * 4).div_ceil(most),
                    own: i == j,
                })
                .collect(),
        })
        .collect();
    let layout = Layout::new(&state, &session, lang.t("transfers-title"));
    let html = render(&TransfersPage { layout, names, rows })?;
    Ok(page(StatusCode::OK, html, &session))
}

#[derive(Template)]
#[template(path = "transfer_actions.html")]
struct TransferActionsPage {
    layout: Layout,
    heading: String,
    intro: String,
    /// (address of the plan, the action as a reader reads it).
    actions: Vec<(String, String)>,
}

/// The actions behind a transfer
///
/// The actions of `to`'s action plans that cite at least one practice of `from`: one cell of
/// the transfers page.
#[utoipa::path(operation_id = "transferActionsPage", tag = "pages",
    params(("from" = RegionCode, Path, description = "The region whose practices inspired the actions"),
        ("to" = RegionCode, Path, description = "The region whose action plans hold the actions")),
    responses(
        (status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 303, description = "The node has no public reads and nobody is signed in: to /sign-in"),
        (status = 404, description = "Not a configured region", content_type = "text/html", body = String),
    ), security(()))]
#[get("/transfers/{from}/{to}")]
pub async fn transfer_actions(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    if !policy::may_browse(&state, session.viewer()) {
        return Ok(sign_in_first());
    }
    let (from, to) = path.into_inner();
    let lang = session.lang;
    let known =
        |code: &str| state.config.regions.iter().find(|r| r.code == code).map(|r| lang.region(&r.code, &r.name));
    let (Some(from_name), Some(to_name)) = (known(&from), known(&to)) else {
        return Err(ApiError::NotFound);
    };
    let store = state.store.clone();
    let items = blocking(move || crate::search::lineage::transfer_actions(&store, &from, &to)).await?;
    let names = [("from", from_name.as_str()), ("to", to_name.as_str())];
    let heading = lang.say("transfers-actions-title", &names);
    let actions = items
        .iter()
        .map(|i| {
            let text = lang.say(
                "inspired-action",
                &[("region", &to_name), ("number", &i.action_number.to_string()), ("title", &i.action_title)],
            );
            (super::record_path(&i.region, &i.action_plan_id), text)
        })
        .collect::<Vec<_>>();
    let intro = lang.say(if actions.is_empty() { "transfers-actions-none" } else { "transfers-actions-intro" }, &names);
    let html = render(&TransferActionsPage {
        layout: Layout::new(&state, &session, heading.clone()),
        heading,
        intro,
        actions,
    })?;
    Ok(page(StatusCode::OK, html, &session))
}
