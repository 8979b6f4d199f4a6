//! A record's page: every public field of a record of any origin, labelled, read from its
//! typed content.

use super::{Layout, Session, page, render, wire_name};
use crate::auth::policy;
use crate::error::{ApiError, blocking};
use crate::http::query::QueryParams;
use crate::i18n::Lang;
use crate::i18n::format::{amount, capitalise, day, number};
use crate::records::resolve::resolve;
use crate::search::lineage;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use askama::Template;
use smarty_schema::content::{Budget, CitationStatus, Period, Translation};
use smarty_schema::store::StoredRecord;
use smarty_schema::vocab::{LanguageCode, RegionCode, ThemeCode};
use smarty_schema::{ActionPlan, AnyContent, CaseStudy, PolicyInstrument, RegionProfile, Status};

struct Row {
    label: String,
    text: String,
    links: Vec<(String, String)>,
    /// The language of the value's text, when it is text of the record (not a label, a
    /// code or a date in the reader's language).
    lang: Option<String>,
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
    choices: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    layout: Layout,
    heading: String,
    /// "Case study from Tuscany".
    from_line: String,
    lang: String,
    status: Option<String>,
    /// The record's English text, labelled, for a reader of another language.
    translation: Option<English>,
    edit: Option<String>,
    rows: Vec<Row>,
    /// The search the reader came from.
    back: Option<String>,
}

/// A record's English translation as the page shows it: title, then labelled texts.
struct English {
    title: String,
    texts: Vec<(String, String)>,
}

impl English {
    fn of(lang: Lang, t: &Translation) -> English {
        let mut texts = vec![(lang.t("row-summary"), t.summary.to_string())];
        if let Some(description) = &t.description {
            texts.push((lang.t("row-description"), description.to_string()));
        }
        for (id, text) in [
            ("row-resources", &t.resources_needed),
            ("row-evidence", &t.evidence_of_success),
            ("row-difficulties", &t.difficulties),
            ("row-transfer", &t.transfer_potential),
        ] {
            if let Some(text) = text {
                texts.push((lang.t(id), text.to_string()));
            }
        }
        English { title: t.title.to_string(), texts }
    }
}

/// The rows of a record page, in the order shown, labelled in the reader's language.
struct Rows {
    lang: Lang,
    /// The record's language.
    record: String,
    rows: Vec<Row>,
}

impl Rows {
    /// A row of text in `in_language` (none: the reader's, or none at all), left out when
    /// empty; `label` is a message id.
    fn text(&mut self, label: &str, value: impl AsRef<str>, in_language: Option<&str>) {
        let text = value.as_ref().to_string();
        if !text.is_empty() {
            let lang = in_language.map(str::to_string);
            self.rows.push(Row { label: self.lang.t(label), text, links: Vec::new(), lang });
        }
    }

    /// A row of text in the record's language.
    fn said(&mut self, label: &str, value: impl AsRef<str>) {
        let own = self.record.clone();
        self.text(label, value, Some(&own));
    }

    /// A row of text in the reader's language or none (codes, numbers, dates, labels).
    fn fact(&mut self, label: &str, value: impl AsRef<str>) {
        self.text(label, value, None);
    }

    fn optional(&mut self, label: &str, value: Option<&impl AsRef<str>>) {
        self.said(label, value.map(AsRef::as_ref).unwrap_or_default());
    }

    /// A row of links, shown even when empty when `always`.
    fn links(&mut self, label: &str, links: Vec<(String, String)>, always: bool) {
        if always || !links.is_empty() {
            self.rows.push(Row { label: self.lang.t(label), text: String::new(), links, lang: None });
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
    let lang = session.lang;
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
            let name = |origin: &str| lang.region(origin, &state.config.region_name(origin));
            let html = render(&Choices {
                layout: Layout::new(&state, &session, lang.t("choices-heading")),
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
            &lang.t("not-found-heading"),
            &lang.t("not-found-record"),
        ))?;
        return Ok(page(StatusCode::NOT_FOUND, html, &session));
    };
    let mut rows = Rows { lang, record: content.language().to_string(), rows: Vec::new() };
    match &content {
        AnyContent::CaseStudy(c) => case_study_rows(&mut rows, c),
        AnyContent::PolicyInstrument(p) => instrument_rows(&mut rows, p),
        AnyContent::ActionPlan(p) => {
            // Plans are summarised in English for the programme, whatever their language.
            rows.text("row-summary", &p.summary, Some("en"));
            rows.fact("row-language", capitalise(&lang.language(&p.language)));
        }
        AnyContent::RegionProfile(p) => profile_rows(&mut rows, p),
    }
    if let AnyContent::CaseStudy(c) = &content {
        let links = c.links.iter().map(|l| (l.to_string(), l.to_string())).collect();
        rows.links("row-links", links, false);
    }
    if let AnyContent::PolicyInstrument(PolicyInstrument { url: Some(url), .. }) = &content {
        rows.links("row-links", vec![(url.to_string(), url.to_string())], false);
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
        rows.links("row-instruments", links, true);
    }
    let origin = lang.region(&stored.origin, &state.config.region_name(&stored.origin));
    rows.fact("row-origin", origin.clone());
    rows.fact("row-updated", day(lang, &stored.updated_at));
    rows.fact("row-received", stored.received_at.as_deref().map(|at| day(lang, at)).unwrap_or_default());
    if let AnyContent::ActionPlan(plan) = &content {
        let (store, region, plan) = (state.store.clone(), state.config.region.clone(), plan.clone());
        let plan = blocking(move || lineage::with_citations(&store, &region, plan)).await?;
        plan_rows(&mut rows, &plan, |code| lang.region(code, &state.config.region_name(code)));
    }
    if stored.kind == smarty_schema::Kind::CaseStudy {
        let store = state.store.clone();
        let (origin, id) = (stored.origin.clone(), stored.id.clone());
        let influence = blocking(move || lineage::influence(&store, &origin, &id)).await?;
        let links = influence
            .items
            .iter()
            .map(|i| {
                let region = lang.region(&i.region, &state.config.region_name(&i.region));
                let text = lang.say(
                    "inspired-action",
                    &[("region", &region), ("number", &i.action_number.to_string()), ("title", &i.action_title)],
                );
                (super::record_path(&i.region, &i.action_plan_id), text)
            })
            .collect();
        rows.links("row-inspired", links, false);
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
                let region = lang.region(&i.origin, &state.config.region_name(&i.origin));
                (
                    super::record_path(&i.origin, &i.id),
                    lang.say("similar-item", &[("title", &i.title), ("region", &region)]),
                )
            })
            .collect();
        rows.links("row-similar", links, false);
    }
    let heading = content.title().to_string();
    // The English text, for a reader of another language than the record's.
    let translation =
        content.translation("en").filter(|_| content.language() != lang.code()).map(|t| English::of(lang, t));
    let html = render(&RecordPage {
        layout: Layout::new(&state, &session, heading.clone()),
        heading,
        from_line: lang.say("record-from", &[("kind", &lang.kind(stored.kind.as_str())), ("origin", &origin)]),
        lang: content.language().to_string(),
        status: (stored.status != Status::Published).then(|| lang.status(stored.status.as_str())),
        translation,
        edit: policy::may_edit(&state, viewer, &stored).then(|| format!("/manage/{}/edit", stored.id)),
        rows: rows.rows,
        back: back_to,
    })?;
    Ok(page(StatusCode::OK, html, &session))
}

fn case_study_rows(rows: &mut Rows, c: &CaseStudy) {
    let lang = rows.lang;
    rows.said("row-summary", &c.summary);
    rows.said("row-description", &c.description);
    rows.fact("row-intervention", lang.intervention(c.intervention.as_str()));
    themes_and_language(rows, &c.themes, &c.language);
    rows.said("row-main-institution", &c.main_institution);
    rows.said("row-location", format!("{} ({})", c.location.name, c.location.nuts));
    rows.fact("row-timescale", timescale(lang, &c.period));
    rows.optional("row-resources", c.resources_needed.as_ref());
    rows.optional("row-evidence", c.evidence_of_success.as_ref());
    rows.optional("row-difficulties", c.difficulties.as_ref());
    rows.optional("row-transfer", c.transfer_potential.as_ref());
    rows.said("row-keywords", join(&c.keywords, ", "));
    rows.fact("row-budget", budget(lang, c.budget.as_ref()));
    rows.said("row-funding", join(&c.funding_sources, ", "));
    if let Some(contact) = &c.contact {
        rows.fact("row-contact", format!("{} <{}>", contact.name, contact.email));
    }
}

fn instrument_rows(rows: &mut Rows, p: &PolicyInstrument) {
    let lang = rows.lang;
    rows.said("row-description", &p.description);
    rows.fact("row-instrument-type", lang.instrument_type(&wire_name(&p.instrument_type)));
    rows.said("row-managing-authority", &p.managing_authority);
    rows.fact("row-territory", &p.territory);
    themes_and_language(rows, &p.themes, &p.language);
    rows.fact("row-timescale", timescale(lang, &p.period));
    rows.fact("row-budget", budget(lang, p.budget.as_ref()));
}

fn profile_rows(rows: &mut Rows, p: &RegionProfile) {
    let lang = rows.lang;
    rows.said("row-summary", &p.summary);
    rows.said("row-key-sectors", join(&p.key_sectors, ", "));
    rows.fact("row-smes", p.manufacturing_smes.map(|n| number(lang, n)).unwrap_or_default());
    rows.said("row-support", join(&p.support_programmes, "\n"));
    let stakeholders: Vec<String> = p.stakeholders.iter().map(|s| format!("{}: {}", s.organisation, s.role)).collect();
    rows.said("row-stakeholders", stakeholders.join("\n"));
    rows.fact("row-language", capitalise(&lang.language(&p.language)));
}

/// An action plan's actions, what inspired them, and its monitoring reports.
fn plan_rows(rows: &mut Rows, plan: &ActionPlan, region: impl Fn(&str) -> String) {
    let lang = rows.lang;
    for action in &plan.actions {
        let links = action
            .citations
            .iter()
            .flatten()
            .map(|c| {
                let title = if c.title.is_empty() { lang.t("cited-not-held") } else { c.title.clone() };
                let title = match c.status {
                    CitationStatus::Available => title,
                    CitationStatus::Withdrawn => lang.with("cited-withdrawn", "title", &title),
                    CitationStatus::Unknown => lang.with("cited-unknown", "title", &title),
                    CitationStatus::Ambiguous => lang.with("cited-ambiguous", "title", &title),
                };
                let href = if c.origin.is_empty() {
                    format!("/records/{}", c.id)
                } else {
                    super::record_path(&c.origin, &c.id)
                };
                let title = if c.origin.is_empty() { title } else { format!("{title} ({})", region(&c.origin)) };
                (href, lang.with("cited-by", "title", &title))
            })
            .collect();
        rows.said("row-action", format!("{}. {}\n{}", action.number, action.title, action.description));
        rows.links("row-inspired-by", links, true);
    }
    for report in &plan.monitoring {
        let statuses: Vec<String> = report
            .actions
            .iter()
            .map(|a| {
                let status = lang.action_status(&wire_name(&a.status));
                lang.say("monitoring-action", &[("number", &a.number.to_string()), ("status", &status)])
            })
            .collect();
        // The report's narrative is the plan's own text; the actions' statuses are the reader's.
        rows.said("row-monitoring", format!("{}: {}", report.period, report.narrative));
        rows.fact("row-monitoring", statuses.join(", "));
    }
}

fn themes_and_language(rows: &mut Rows, themes: &[ThemeCode], language: &LanguageCode) {
    let lang = rows.lang;
    rows.fact("row-themes", themes.iter().map(|t| lang.theme(t.as_str())).collect::<Vec<_>>().join(", "));
    rows.fact("row-language", capitalise(&lang.language(language)));
}

fn timescale(lang: Lang, period: &Period) -> String {
    let start = day(lang, period.start.as_str());
    match &period.end {
        None => lang.with("timescale-ongoing", "start", &start),
        Some(end) => lang.say("timescale-range", &[("start", &start), ("end", &day(lang, end.as_str()))]),
    }
}

fn budget(lang: Lang, budget: Option<&Budget>) -> String {
    budget.map(|b| amount(lang, b.amount.as_str(), b.currency.as_str())).unwrap_or_default()
}

/// Texts joined with `separator`.
fn join<T: AsRef<str>>(items: &[T], separator: &str) -> String {
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(separator)
}
