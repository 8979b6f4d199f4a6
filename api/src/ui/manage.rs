//! Editors maintain their region's records: a list (drafts included), and forms to create and
//! edit, which go through the same validation and storage as the API.

use super::form::{self, Values};
use super::{Layout, Session, page, render};
use crate::error::{ApiError, blocking};
use crate::http::precondition::expect_version;
use crate::records::service;
use crate::records::wire::RecordInput;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde_json::Value;
use smarty_schema::{CaseStudy, FieldError, Kind, PolicyInstrument, RecordContent, Status};
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "message.html")]
pub struct Message {
    layout: Layout,
    heading: String,
    message: String,
}

impl Message {
    pub fn new(state: &AppState, session: &Session, heading: &str, message: &str) -> Message {
        Message { layout: Layout::new(state, session, heading), heading: heading.into(), message: message.into() }
    }

    /// A message drawn outside any handler (an error page), for nobody signed in.
    pub fn guest(state: &AppState, req: &actix_web::HttpRequest, heading: &str, message: &str) -> Message {
        Message { layout: Layout::guest(state, req, heading), heading: heading.into(), message: message.into() }
    }
}

fn to_sign_in() -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, "/sign-in")).finish()
}

struct ListRow {
    id: String,
    /// The record's page, naming its origin.
    href: String,
    title: String,
    /// The language of the title.
    lang: String,
    kind: String,
    status: String,
    version: i64,
}

#[derive(Template)]
#[template(path = "manage.html")]
struct ManagePage {
    layout: Layout,
    notice: Option<String>,
    records: Vec<ListRow>,
}

#[derive(serde::Deserialize)]
pub struct ListQuery {
    saved: Option<String>,
}

/// The region's records
///
/// Every record of this region, drafts included, for signed-in editors.
#[utoipa::path(operation_id = "managePage", tag = "pages",
    responses((status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 303, description = "Not signed in: to /sign-in")), security(()))]
#[get("/manage")]
pub async fn list(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    if session.editor.is_none() {
        return Ok(to_sign_in());
    }
    let store = state.store.clone();
    let region = state.config.region.clone();
    let rows = blocking(move || store.own_records(&region)).await?;
    let lang = session.lang;
    let records = rows
        .into_iter()
        .map(|r| ListRow {
            title: r.title().to_string(),
            lang: r.content.as_ref().map(|c| c.language().to_string()).unwrap_or_default(),
            kind: lang.kind(r.kind.as_str()),
            status: lang.status(r.status.as_str()),
            version: r.version,
            href: super::record_path(&r.origin, &r.id),
            id: r.id,
        })
        .collect();
    let notice = query.saved.as_ref().map(|t| lang.with("manage-saved", "title", t));
    let layout = Layout::new(&state, &session, lang.t("manage-title"));
    let html = render(&ManagePage { layout, notice, records })?;
    Ok(page(StatusCode::OK, html, &session))
}

#[derive(Template)]
#[template(path = "form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    kind: String,
    version: Option<i64>,
    errors: Vec<(String, String)>,
    sections: Vec<form::SectionView>,
}

#[derive(serde::Deserialize)]
pub struct NewQuery {
    kind: Option<String>,
}

/// A form for a new record
///
/// Every field of a case study (`?kind=case_study`) or policy instrument
/// (`?kind=policy_instrument`), for signed-in editors.
#[utoipa::path(operation_id = "newRecordPage", tag = "pages",
    responses((status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 303, description = "Not signed in: to /sign-in")), security(()))]
#[get("/manage/new")]
pub async fn new_form(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, ApiError> {
    if session.editor.is_none() {
        return Ok(to_sign_in());
    }
    let kind = kind_param(query.kind.as_deref())?;
    let mut values = Values::new();
    values.insert("status".into(), vec!["draft".into()]);
    let language = state.config.region_info().languages.first().cloned().unwrap_or_default();
    values.insert("language".into(), vec![language]);
    form_page(&state, &session, kind, None, None, &values, &[], StatusCode::OK).await
}

/// Create a record from the form
///
/// Saved through the API's validation; on errors the form comes back with every message beside
/// its field and every value kept.
#[utoipa::path(operation_id = "createRecordForm", request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The form's fields, with its `csrf` value"), tag = "pages",
    responses(
        (status = 303, description = "Saved: to the region's records"),
        (status = 400, description = "Invalid fields, shown beside them", content_type = "text/html", body = String),
        (status = 403, description = "CSRF check failed: nothing changed", body = crate::error::Problem, content_type = "application/problem+json"),
    ), security(()))]
#[post("/manage/new")]
pub async fn create(
    state: web::Data<AppState>,
    session: Session,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    save(&state, &session, None, body.into_inner()).await
}

/// A form to edit a record
///
/// The record's current values, contact included, for signed-in editors of its region.
#[utoipa::path(operation_id = "editRecordPage", tag = "pages",
    params(("id" = String, Path, description = "Record id (UUID)")),
    responses((status = 200, description = "HTML page", content_type = "text/html", body = String),
        (status = 303, description = "Not signed in: to /sign-in"),
        (status = 404, description = "No such record of this region", body = crate::error::Problem, content_type = "application/problem+json")), security(()))]
#[get("/manage/{id}/edit")]
pub async fn edit_form(
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    if session.editor.is_none() {
        return Ok(to_sign_in());
    }
    let store = state.store.clone();
    let id = id.into_inner();
    let region = state.config.region.clone();
    let row = blocking(move || store.get_record(&region, &id)).await?.ok_or(ApiError::NotFound)?;
    if row.deleted {
        return Err(ApiError::NotFound);
    }
    let kind = row.kind;
    if matches!(kind, Kind::ActionPlan | Kind::RegionProfile) {
        return Err(not_in_forms());
    }
    let content = row.content_for_editors().ok_or(ApiError::NotFound)?;
    let mut values = form::from_content(&content);
    values.insert("status".into(), vec![row.status.as_str().to_string()]);
    form_page(&state, &session, kind, Some(&row.id), Some(row.version), &values, &[], StatusCode::OK).await
}

/// Save an edited record
///
/// As creating, with the version the form was loaded at: if someone saved meanwhile, the form
/// says so and nothing is overwritten.
#[utoipa::path(operation_id = "updateRecordForm", request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The form's fields, with its `csrf` value"), tag = "pages",
    params(("id" = String, Path, description = "Record id (UUID)")),
    responses(
        (status = 303, description = "Saved: to the region's records"),
        (status = 400, description = "Invalid fields, shown beside them", content_type = "text/html", body = String),
        (status = 403, description = "CSRF check failed: nothing changed", body = crate::error::Problem, content_type = "application/problem+json"),
    ), security(()))]
#[post("/manage/{id}/edit")]
pub async fn update(
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<String>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    save(&state, &session, Some(id.into_inner()), body.into_inner()).await
}

fn not_in_forms() -> ApiError {
    ApiError::Unprocessable("Action plans and region profiles are written through the API: see /docs.".into())
}

fn kind_param(kind: Option<&str>) -> Result<Kind, ApiError> {
    match kind.unwrap_or("case_study") {
        "case_study" => Ok(Kind::CaseStudy),
        "policy_instrument" => Ok(Kind::PolicyInstrument),
        _ => Err(ApiError::field("kind", "must be case_study or policy_instrument")),
    }
}

async fn save(
    state: &AppState,
    session: &Session,
    id: Option<String>,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let values = form::values_from_pairs(&pairs);
    let one = |k: &str| values.get(k).and_then(|v| v.first()).cloned();
    session.check_csrf(one("csrf").as_deref())?;
    session.require_editor()?;
    let kind = kind_param(one("kind").as_deref())?;
    let status = one("status").and_then(|s| Status::parse(&s)).unwrap_or_default();
    let version = one("version").and_then(|v| v.parse::<i64>().ok());
    let content = form::to_content(kind.as_str(), &values);
    let result = match kind {
        Kind::CaseStudy => store_content::<CaseStudy>(state, id.clone(), version, status, content).await,
        Kind::PolicyInstrument => store_content::<PolicyInstrument>(state, id.clone(), version, status, content).await,
        Kind::ActionPlan | Kind::RegionProfile => Err(not_in_forms()),
    };
    match result {
        Ok(title) => {
            let to = format!("/manage?saved={}", form_urlencoded::byte_serialize(title.as_bytes()).collect::<String>());
            Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, to)).finish())
        }
        Err(ApiError::Validation(errors)) => {
            form_page(state, session, kind, id.as_deref(), version, &values, &errors, StatusCode::BAD_REQUEST).await
        }
        Err(ApiError::PreconditionFailed { current }) => {
            let errors =
                [FieldError::new("version", session.lang.with("form-conflict", "current", &current.to_string()))];
            form_page(state, session, kind, id.as_deref(), version, &values, &errors, StatusCode::CONFLICT).await
        }
        Err(other) => Err(other),
    }
}

/// Stores the content through the records service; returns its title.
async fn store_content<C: RecordContent>(
    state: &AppState,
    id: Option<String>,
    version: Option<i64>,
    status: Status,
    content: Value,
) -> Result<String, ApiError> {
    // The form's fields are checked as the API checks a body, every broken rule at once.
    let body = serde_json::json!({"status": status, "content": content});
    state.body_schemas.require(&actix_web::http::Method::POST, service::collection_path(C::KIND), &body)?;
    let input: RecordInput<C> = crate::http::body::read(body)?;
    let record = match id {
        None => service::create_record(state, input).await?,
        Some(id) => service::update_record(state, id, expect_version(version), input).await?,
    };
    Ok(record.content.into_any().title().to_string())
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    session: &Session,
    kind: Kind,
    id: Option<&str>,
    version: Option<i64>,
    values: &Values,
    errors: &[FieldError],
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    // Where each message goes: beside its field, and in the summary at the top, in the
    // reader's language.
    let lang = session.lang;
    let mut by_field: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut summary = Vec::new();
    for e in errors {
        match form::field_of(kind.as_str(), e) {
            Some(name) => {
                let label = form::defs(kind.as_str()).iter().find(|d| d.name == name).map_or(name, |d| d.label);
                let said = form::message(lang, kind.as_str(), name, &e.message);
                by_field.entry(name).and_modify(|m| m.push_str(&format!("; {said}"))).or_insert_with(|| said.clone());
                summary.push((format!("f-{}", name.replace('.', "-")), format!("{}: {said}", lang.t(label))));
            }
            // Not a field's: the version conflict, said in the reader's language already.
            None if e.field == "version" => summary.push(("f-status".into(), e.message.clone())),
            None => summary.push(("f-status".into(), lang.t("invalid-other"))),
        }
    }
    let store = state.store.clone();
    let region = state.config.region.clone();
    let instruments: Vec<(String, String)> = if kind == Kind::CaseStudy {
        blocking(move || store.own_records(&region))
            .await?
            .into_iter()
            .filter(|r| r.kind == Kind::PolicyInstrument)
            .map(|r| (r.id.clone(), r.title().to_string()))
            .collect()
    } else {
        Vec::new()
    };
    let current_status = values.get("status").and_then(|v| v.first()).cloned().unwrap_or_else(|| "draft".into());
    let status_field = form::FieldView {
        id: "f-status".into(),
        name: "status",
        label: lang.t("field-status"),
        hint: lang.t("hint-status"),
        required: true,
        control: "select",
        value: current_status.clone(),
        options: form::STATUSES
            .iter()
            .filter(|(v, _)| id.is_some() || *v != "withdrawn")
            .map(|(v, l)| (v.to_string(), lang.t(l), *v == current_status))
            .collect(),
        error: None,
    };
    let sections = form::views(lang, kind.as_str(), values, &by_field, &instruments, status_field);
    let noun = lang.kind(kind.as_str()).to_lowercase();
    let heading =
        if id.is_some() { lang.with("form-edit", "kind", &noun) } else { lang.with("form-new", "kind", &noun) };
    // The switcher leads to the form itself: the address of this answer is a post's.
    let address = id.map_or_else(|| format!("/manage/new?kind={}", kind.as_str()), |i| format!("/manage/{i}/edit"));
    let html = render(&FormPage {
        layout: Layout::new(state, session, heading.clone()).switching_to(&address),
        heading,
        action: id.map_or_else(|| "/manage/new".to_string(), |i| format!("/manage/{i}/edit")),
        kind: kind.as_str().to_string(),
        version,
        errors: summary,
        sections,
    })?;
    Ok(page(status, html, session))
}
