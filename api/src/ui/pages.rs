//! The reading pages: search, a record, the regions.

use super::{Layout, Session, kind_label, page, render, theme_label};
use crate::auth::policy;
use crate::catalogue::collector::{FACETS, Sort};
use crate::catalogue::params::parse;
use crate::catalogue::search::SearchResult;
use crate::error::{ApiError, blocking};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde_json::Value;

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
}

/// The search page
///
/// The shared catalogue: words, facet filters with counts, sort and pages, each state at its
/// own URL (`/?q=…&theme=…&offset=…`); works without JavaScript.
#[utoipa::path(operation_id = "searchPage", tag = "pages",
    responses(
        (status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 400, description = "A parameter is malformed", body = crate::error::Problem, content_type = "application/problem+json"),
    ), security(()))]
#[get("/")]
pub async fn search(state: web::Data<AppState>, session: Session, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if !policy::may_browse(&state, session.viewer()) {
        return Ok(sign_in_first());
    }
    // The page's own query string is the search: bookmarkable, shareable.
    let pairs: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        // Empty choices (an unset year, an empty search box) mean no filter.
        .filter(|(k, v)| !v.is_empty() && k != "limit")
        .collect();
    let query: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
    let with_limit = format!("{query}&limit={PAGE_SIZE}");
    let (request, _) = parse(&with_limit, Some(100))?;
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
    let hits = result
        .hits
        .into_iter()
        .map(|h| HitView {
            url: format!("/records/{}", h.id),
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
    })?;
    Ok(page(StatusCode::OK, html, &session))
}

/// A node without public reads shows its catalogue to signed-in editors only.
fn sign_in_first() -> HttpResponse {
    HttpResponse::SeeOther().insert_header(("Location", "/sign-in")).finish()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

struct Row {
    label: &'static str,
    text: String,
    links: Vec<(String, String)>,
    /// The value is text in the record's language.
    in_language: bool,
}

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    layout: Layout,
    heading: String,
    kind: &'static str,
    origin: String,
    lang: String,
    status: Option<String>,
    translation: Option<(String, String)>,
    edit: Option<String>,
    rows: Vec<Row>,
}

/// A record's page
///
/// Every public field of a record of any origin, labelled; drafts only for signed-in editors
/// of its region.
#[utoipa::path(operation_id = "recordPage", tag = "pages",
    params(("id" = String, Path, description = "Record id (UUID)")),
    responses(
        (status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 404, description = "No such record visible to the reader", content_type = "text/html", body = String),
    ), security(()))]
#[get("/records/{id}")]
pub async fn record(
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let id = id.into_inner();
    let row = blocking(move || store.get_record(&id)).await?;
    let own = |r: &smarty_schema::store::RecordRow| r.origin == state.config.region;
    let viewer = session.viewer();
    let visible = row.filter(|r| policy::may_see(&state, viewer, r));
    let Some(row) = visible else {
        let html = render(&super::manage::Message::new(
            &state,
            &session,
            "Not found",
            "No record with this address is visible to you.",
        ))?;
        return Ok(page(StatusCode::NOT_FOUND, html, &session));
    };
    let editor_of_origin = session.editor.is_some() && own(&row);
    let content = if editor_of_origin { row.content_with_private() } else { row.public_content() };
    let content = content.map_err(|e| ApiError::Internal(e.to_string()))?;
    let text = |k: &str| content.pointer(k).and_then(Value::as_str).unwrap_or("").to_string();
    let list = |k: &str| -> Vec<String> {
        content
            .pointer(k)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    let mut push = |label: &'static str, value: String, in_language: bool| {
        if !value.is_empty() {
            rows.push(Row { label, text: value, links: Vec::new(), in_language });
        }
    };
    let is_case = row.kind == "case_study";
    let period = match (text("/period/start"), text("/period/end")) {
        (s, e) if e.is_empty() => format!("From {s} (ongoing)"),
        (s, e) => format!("{s} to {e}"),
    };
    let budget = match (text("/budget/amount"), text("/budget/currency")) {
        (a, _) if a.is_empty() => String::new(),
        (a, c) => format!("{a} {c}"),
    };
    if is_case {
        push("Summary", text("/summary"), true);
        push("Description", text("/description"), true);
        push("Intervention", capitalise(&text("/intervention")), false);
    } else if row.kind == "policy_instrument" {
        push("Description", text("/description"), true);
        push("Type of instrument", text("/instrument_type").replace('-', " "), false);
        push("Managing authority", text("/managing_authority"), true);
        push("Territory (NUTS)", text("/territory"), false);
    }
    if matches!(row.kind.as_str(), "action_plan" | "region_profile") {
        push("Summary", text("/summary"), row.kind == "region_profile");
        push("Key sectors", list("/key_sectors").join(", "), true);
        push(
            "Manufacturing SMEs",
            content.get("manufacturing_smes").map(std::string::ToString::to_string).unwrap_or_default(),
            false,
        );
        push("Support programmes", list("/support_programmes").join("\n"), true);
        let stakeholders: Vec<String> = content["stakeholders"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| format!("{}: {}", s["organisation"].as_str().unwrap_or(""), s["role"].as_str().unwrap_or("")))
            .collect();
        push("Stakeholder group", stakeholders.join("\n"), true);
    }
    push("Themes", list("/themes").iter().map(|t| theme_label(t)).collect::<Vec<_>>().join(", "), false);
    push("Language", text("/language"), false);
    if is_case {
        push("Main institution", text("/main_institution"), true);
        push("Location", format!("{} ({})", text("/location/name"), text("/location/nuts")), true);
    }
    if content.pointer("/period/start").is_some() {
        push("Timescale", period, false);
    }
    if is_case {
        push("Resources needed", text("/resources_needed"), true);
        push("Evidence of success", text("/evidence_of_success"), true);
        push("Difficulties encountered", text("/difficulties"), true);
        push("Potential for learning or transfer", text("/transfer_potential"), true);
        push("Keywords", list("/keywords").join(", "), true);
    }
    push("Budget", budget, false);
    push("Funding sources", list("/funding_sources").join(", "), true);
    if let Some(contact) = content.get("contact") {
        push(
            "Contact (editors only)",
            format!("{} <{}>", text("/contact/name"), contact["email"].as_str().unwrap_or("")),
            false,
        );
    }
    let mut links: Vec<(String, String)> = list("/links").into_iter().map(|l| (l.clone(), l)).collect();
    if !is_case && !text("/url").is_empty() {
        links.push((text("/url"), text("/url")));
    }
    if !links.is_empty() {
        rows.push(Row { label: "Links", text: String::new(), links, in_language: false });
    }
    let mut instrument_ids = list("/policy_instruments");
    instrument_ids.extend(content.get("policy_instrument").and_then(Value::as_str).map(String::from));
    if !instrument_ids.is_empty() {
        let store = state.store.clone();
        let instruments = blocking(move || store.records_by_id(&instrument_ids)).await?;
        let links = instruments
            .into_iter()
            .filter(|r| policy::may_see(&state, viewer, r))
            .map(|r| {
                let name = serde_json::from_str::<Value>(&r.content)
                    .ok()
                    .and_then(|c| c["name"].as_str().map(String::from))
                    .unwrap_or_default();
                (format!("/records/{}", r.id), name)
            })
            .collect();
        rows.push(Row { label: "Related policy instruments", text: String::new(), links, in_language: false });
    }
    let origin = state.config.region_name(&row.origin);
    rows.push(Row { label: "Origin", text: origin.clone(), links: Vec::new(), in_language: false });
    rows.push(Row {
        label: "Last updated at its origin",
        text: row.updated_at.clone(),
        links: Vec::new(),
        in_language: false,
    });
    if let Some(received) = &row.received_at {
        rows.push(Row {
            label: "Last received from its origin",
            text: received.clone(),
            links: Vec::new(),
            in_language: false,
        });
    }
    if row.kind == "action_plan" {
        let mut plan = content.clone();
        let (store, region) = (state.store.clone(), state.config.region.clone());
        let plan = blocking(move || crate::catalogue::lineage::add_citations(&store, &region, &mut plan).map(|_| plan))
            .await?;
        for action in plan["actions"].as_array().into_iter().flatten() {
            let links = action["citations"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    let status = c["status"].as_str().unwrap_or("");
                    let title = c["title"].as_str().filter(|t| !t.is_empty()).unwrap_or("(not held here yet)");
                    let suffix = if status == "available" { String::new() } else { format!(" ({status})") };
                    (format!("/records/{}", c["id"].as_str().unwrap_or("")), format!("Inspired by: {title}{suffix}"))
                })
                .collect();
            let label = "Action";
            let text = format!(
                "{}. {}\n{}",
                action["number"],
                action["title"].as_str().unwrap_or(""),
                action["description"].as_str().unwrap_or("")
            );
            rows.push(Row { label, text: text.clone(), links: Vec::new(), in_language: true });
            rows.push(Row { label: "Inspired by", text: String::new(), links, in_language: false });
        }
        for report in plan["monitoring"].as_array().into_iter().flatten() {
            let statuses: Vec<String> = report["actions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| format!("action {}: {}", a["number"], a["status"].as_str().unwrap_or("")))
                .collect();
            let text = format!(
                "{}: {}\n{}",
                report["period"].as_str().unwrap_or(""),
                report["narrative"].as_str().unwrap_or(""),
                statuses.join(", ")
            );
            rows.push(Row { label: "Monitoring", text, links: Vec::new(), in_language: false });
        }
    }
    if is_case {
        let store = state.store.clone();
        let id = row.id.clone();
        let influence = blocking(move || crate::catalogue::lineage::influence(&store, &id)).await?;
        if !influence.items.is_empty() {
            let links = influence
                .items
                .iter()
                .map(|i| {
                    (
                        format!("/records/{}", i.action_plan_id),
                        format!("{}: action {}, {}", i.region, i.action_number, i.action_title),
                    )
                })
                .collect();
            rows.push(Row { label: "Actions it inspired", text: String::new(), links, in_language: false });
        }
    }
    let heading = if content.get("name").is_some() { text("/name") } else { text("/title") };
    let translation = content
        .pointer("/translations/en")
        .map(|t| (t["title"].as_str().unwrap_or("").to_string(), t["summary"].as_str().unwrap_or("").to_string()));
    let html = render(&RecordPage {
        layout: Layout::new(&state, &session, heading.clone()),
        heading,
        kind: kind_label(&row.kind),
        origin,
        lang: text("/language"),
        status: (row.status != "published").then(|| capitalise(&row.status)),
        translation,
        edit: (own(&row) && session.editor.is_some()).then(|| format!("/manage/{}/edit", row.id)),
        rows,
    })?;
    Ok(page(StatusCode::OK, html, &session))
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
    let t = blocking(move || crate::catalogue::lineage::transfers(&store, &codes)).await?;
    let names: Vec<String> = state.config.regions.iter().map(|r| r.name.clone()).collect();
    let rows = names.iter().cloned().zip(t.matrix).collect();
    let html =
        render(&TransfersPage { layout: Layout::new(&state, &session, "Transfers between regions"), names, rows })?;
    Ok(page(StatusCode::OK, html, &session))
}
