//! A record's page: every public field of a record of any origin, labelled, read from its
//! typed content.

use super::{Layout, Session, capitalise, kind_label, page, render, wire_name};
use crate::auth::policy;
use crate::error::{ApiError, blocking};
use crate::http::query::QueryParams;
use crate::records::resolve::resolve;
use crate::search::lineage;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use askama::Template;
use smarty_schema::content::{Budget, CitationStatus, Period};
use smarty_schema::store::StoredRecord;
use smarty_schema::vocab::{LanguageCode, RegionCode, ThemeCode};
use smarty_schema::{ActionPlan, AnyContent, CaseStudy, PolicyInstrument, RegionProfile, Status};

struct Row {
    label: &'static str,
    text: String,
    links: Vec<(String, String)>,
    /// The value is text in the record's language.
    in_language: bool,
}

/// The page's query: the record's origin, when the id alone may not tell. Other parameters (a
/// link's tracking parameters) are ignored.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Lenient {
    origin: Option<String>,
    /// The query string of the search the reader came from (`q=telai&theme=…`).
    from: Option<String>,
}

/// The records an address could mean, to choose from.
#[derive(Template)]
#[template(path = "choices.html")]
struct Choices {
    layout: Layout,
    heading: String,
    message: String,
    choices: Vec<(String, String)>,
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
    /// The search the reader came from.
    back: Option<String>,
}

/// The rows of a record page, in the order shown.
#[derive(Default)]
struct Rows(Vec<Row>);

impl Rows {
    /// A row of text, left out when empty.
    fn text(&mut self, label: &'static str, value: impl AsRef<str>, in_language: bool) {
        let text = value.as_ref().to_string();
        if !text.is_empty() {
            self.0.push(Row { label, text, links: Vec::new(), in_language });
        }
    }

    /// A row of text in the record's language.
    fn said(&mut self, label: &'static str, value: impl AsRef<str>) {
        self.text(label, value, true);
    }

    /// A row of text in no particular language (codes, numbers, dates).
    fn fact(&mut self, label: &'static str, value: impl AsRef<str>) {
        self.text(label, value, false);
    }

    fn optional(&mut self, label: &'static str, value: Option<&impl AsRef<str>>) {
        self.said(label, value.map(AsRef::as_ref).unwrap_or_default());
    }

    /// A row of links, shown even when empty when `always`.
    fn links(&mut self, label: &'static str, links: Vec<(String, String)>, always: bool) {
        if always || !links.is_empty() {
            self.0.push(Row { label, text: String::new(), links, in_language: false });
        }
    }
}

/// A record's page
///
/// Every public field of a record of any origin, labelled; drafts only for signed-in editors
/// of its region.
#[utoipa::path(operation_id = "recordPage", tag = "pages",
    params(("id" = String, Path, description = "Record id (UUID)"),
        ("origin" = Option<RegionCode>, Query, description = "The record's origin region: needed only when records of several origins have the id")),
    responses(
        (status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 300, description = "Records of several origins have this id: a page linking each", content_type = "text/html", body = String),
        (status = 404, description = "No such record visible to the reader", content_type = "text/html", body = String),
    ), security(()))]
#[get("/records/{id}")]
pub async fn record(
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
    at: QueryParams<Lenient>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    // Back to that search: only ever this node's search page, whatever the parameter holds.
    let back_to = at.0.from.as_deref().map(|query| {
        let pairs = form_urlencoded::parse(query.as_bytes());
        format!("/?{}", form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish())
    });
    let viewer = session.viewer();
    let visible = |r: &StoredRecord| policy::may_see(&state, viewer, r);
    let origin = at.0.origin.as_deref();
    let mut visible = match resolve(&state, id.clone(), origin, visible, &format!("/records/{id}")).await {
        Err(ApiError::Ambiguous(choices)) => {
            let name = |origin: &str| state.config.region_name(origin);
            let html = render(&Choices {
                layout: Layout::new(&state, &session, "Several records have this address"),
                heading: "Several records have this address".into(),
                message: "Records of more than one region have this id. Choose the region whose record you mean."
                    .into(),
                choices: choices.into_iter().map(|c| (c.href, name(&c.origin))).collect(),
            })?;
            return Ok(page(StatusCode::MULTIPLE_CHOICES, html, &session));
        }
        other => other?,
    };
    // What a reader may see is live, so it has content; an editor of its origin sees the
    // contact too.
    let content = visible
        .as_mut()
        .and_then(|r| if policy::sees_private(&state, viewer, r) { r.content_for_editors() } else { r.content.take() });
    let (Some(stored), Some(content)) = (visible, content) else {
        let html = render(&super::manage::Message::new(
            &state,
            &session,
            "Not found",
            "No record with this address is visible to you.",
        ))?;
        return Ok(page(StatusCode::NOT_FOUND, html, &session));
    };
    let mut rows = Rows::default();
    match &content {
        AnyContent::CaseStudy(c) => case_study_rows(&mut rows, c),
        AnyContent::PolicyInstrument(p) => instrument_rows(&mut rows, p),
        AnyContent::ActionPlan(p) => {
            // Plans are summarised in English for the programme, whatever their language.
            rows.fact("Summary", &p.summary);
            rows.fact("Language", &p.language);
        }
        AnyContent::RegionProfile(p) => profile_rows(&mut rows, p),
    }
    if let AnyContent::CaseStudy(c) = &content {
        let links = c.links.iter().map(|l| (l.to_string(), l.to_string())).collect();
        rows.links("Links", links, false);
    }
    if let AnyContent::PolicyInstrument(PolicyInstrument { url: Some(url), .. }) = &content {
        rows.links("Links", vec![(url.to_string(), url.to_string())], false);
    }
    let instrument_ids: Vec<String> = content.instruments().into_iter().map(String::from).collect();
    if !instrument_ids.is_empty() {
        let store = state.store.clone();
        let instruments = blocking(move || store.records_by_id(&instrument_ids)).await?;
        let links = instruments
            .into_iter()
            // A record relates to its own region's instruments.
            .filter(|r| r.origin == stored.origin && policy::may_see(&state, viewer, r))
            .map(|r| (super::record_path(&r.origin, &r.id), r.title().to_string()))
            .collect();
        rows.links("Related policy instruments", links, true);
    }
    let origin = state.config.region_name(&stored.origin);
    rows.fact("Origin", origin.clone());
    rows.fact("Last updated at its origin", day(&stored.updated_at));
    rows.fact("Last received from its origin", stored.received_at.as_deref().map(day).unwrap_or_default());
    if let AnyContent::ActionPlan(plan) = &content {
        let (store, region, plan) = (state.store.clone(), state.config.region.clone(), plan.clone());
        let plan = blocking(move || lineage::with_citations(&store, &region, plan)).await?;
        plan_rows(&mut rows, &plan);
    }
    if stored.kind == smarty_schema::Kind::CaseStudy {
        let store = state.store.clone();
        let (origin, id) = (stored.origin.clone(), stored.id.clone());
        let influence = blocking(move || lineage::influence(&store, &origin, &id)).await?;
        let links = influence
            .items
            .iter()
            .map(|i| {
                let text = format!("{}: action {}, {}", i.region, i.action_number, i.action_title);
                (super::record_path(&i.region, &i.action_plan_id), text)
            })
            .collect();
        rows.links("Actions it inspired", links, false);
    }
    if stored.is_public() {
        let (catalogue, origin, id, text) =
            (state.catalogue.clone(), stored.origin.clone(), stored.id.clone(), content.clone());
        // The list is a help, not the page: if the index fails, the page goes without it.
        let similar = match web::block(move || catalogue.similar(&origin, &id, &text)).await? {
            Ok(similar) => similar.items,
            Err(e) => {
                tracing::error!(error = %e, "practices like this could not be found: left out of the page");
                Vec::new()
            }
        };
        let links = similar
            .iter()
            .map(|i| {
                (super::record_path(&i.origin, &i.id), format!("{} ({})", i.title, state.config.region_name(&i.origin)))
            })
            .collect();
        rows.links("Practices like this in other regions", links, false);
    }
    let heading = content.title().to_string();
    let translation = content.translation("en").map(|t| (t.title.to_string(), t.summary.to_string()));
    let html = render(&RecordPage {
        layout: Layout::new(&state, &session, heading.clone()),
        heading,
        kind: kind_label(stored.kind.as_str()),
        origin,
        lang: content.language().to_string(),
        status: (stored.status != Status::Published).then(|| capitalise(stored.status.as_str())),
        translation,
        edit: policy::may_edit(&state, viewer, &stored).then(|| format!("/manage/{}/edit", stored.id)),
        rows: rows.0,
        back: back_to,
    })?;
    Ok(page(StatusCode::OK, html, &session))
}

fn case_study_rows(rows: &mut Rows, c: &CaseStudy) {
    rows.said("Summary", &c.summary);
    rows.said("Description", &c.description);
    rows.fact("Intervention", capitalise(c.intervention.as_str()));
    themes_and_language(rows, &c.themes, &c.language);
    rows.said("Main institution", &c.main_institution);
    rows.said("Location", format!("{} ({})", c.location.name, c.location.nuts));
    rows.fact("Timescale", timescale(&c.period));
    rows.optional("Resources needed", c.resources_needed.as_ref());
    rows.optional("Evidence of success", c.evidence_of_success.as_ref());
    rows.optional("Difficulties encountered", c.difficulties.as_ref());
    rows.optional("Potential for learning or transfer", c.transfer_potential.as_ref());
    rows.said("Keywords", join(&c.keywords, ", "));
    rows.fact("Budget", budget(c.budget.as_ref()));
    rows.said("Funding sources", join(&c.funding_sources, ", "));
    if let Some(contact) = &c.contact {
        rows.fact("Contact (editors only)", format!("{} <{}>", contact.name, contact.email));
    }
}

fn instrument_rows(rows: &mut Rows, p: &PolicyInstrument) {
    rows.said("Description", &p.description);
    rows.fact("Type of instrument", wire_name(&p.instrument_type).replace('-', " "));
    rows.said("Managing authority", &p.managing_authority);
    rows.fact("Territory (NUTS)", &p.territory);
    themes_and_language(rows, &p.themes, &p.language);
    rows.fact("Timescale", timescale(&p.period));
    rows.fact("Budget", budget(p.budget.as_ref()));
}

fn profile_rows(rows: &mut Rows, p: &RegionProfile) {
    rows.said("Summary", &p.summary);
    rows.said("Key sectors", join(&p.key_sectors, ", "));
    rows.fact("Manufacturing SMEs", p.manufacturing_smes.map(|n| n.to_string()).unwrap_or_default());
    rows.said("Support programmes", join(&p.support_programmes, "\n"));
    let stakeholders: Vec<String> = p.stakeholders.iter().map(|s| format!("{}: {}", s.organisation, s.role)).collect();
    rows.said("Stakeholder group", stakeholders.join("\n"));
    rows.fact("Language", &p.language);
}

/// An action plan's actions, what inspired them, and its monitoring reports.
fn plan_rows(rows: &mut Rows, plan: &ActionPlan) {
    for action in &plan.actions {
        let links = action
            .citations
            .iter()
            .flatten()
            .map(|c| {
                let title = if c.title.is_empty() { "(not held here yet)" } else { &c.title };
                let suffix = match c.status {
                    CitationStatus::Available => "",
                    CitationStatus::Withdrawn => " (withdrawn)",
                    CitationStatus::Unknown => " (unknown)",
                    CitationStatus::Ambiguous => " (several regions have a practice with this id)",
                };
                let href = if c.origin.is_empty() {
                    format!("/records/{}", c.id)
                } else {
                    super::record_path(&c.origin, &c.id)
                };
                (href, format!("Inspired by: {title}{suffix}"))
            })
            .collect();
        rows.said("Action", format!("{}. {}\n{}", action.number, action.title, action.description));
        rows.links("Inspired by", links, true);
    }
    for report in &plan.monitoring {
        let statuses: Vec<String> =
            report.actions.iter().map(|a| format!("action {}: {}", a.number, wire_name(&a.status))).collect();
        let text = format!("{}: {}\n{}", report.period, report.narrative, statuses.join(", "));
        rows.fact("Monitoring", text);
    }
}

fn themes_and_language(rows: &mut Rows, themes: &[ThemeCode], language: &LanguageCode) {
    rows.fact("Themes", themes.iter().map(|t| t.info().label).collect::<Vec<_>>().join(", "));
    rows.fact("Language", language);
}

fn timescale(period: &Period) -> String {
    let start = day(period.start.as_str());
    match &period.end {
        None => format!("From {start} (ongoing)"),
        Some(end) => format!("{start} to {}", day(end.as_str())),
    }
}

/// A calendar date (`2021-03-01`) or a timestamp as a reader writes it (`1 March 2021`): never
/// the stored form with its microseconds. The text as given if it is neither.
fn day(text: &str) -> String {
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| t.date_naive()));
    date.map_or_else(|| text.to_string(), |d| d.format("%-d %B %Y").to_string())
}

fn budget(budget: Option<&Budget>) -> String {
    budget.map(|b| format!("{} {}", b.amount, b.currency)).unwrap_or_default()
}

/// Texts joined with `separator`.
fn join<T: AsRef<str>>(items: &[T], separator: &str) -> String {
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(separator)
}
