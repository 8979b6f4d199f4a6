//! `POST /api/v1/action-plans/{id}/monitoring`: appends a monitoring report to a plan, as a
//! new version, so the whole history federates with the plan.

use super::service;
use super::wire::RecordInput;
use crate::auth::Editor;
use crate::error::{ApiError, Problem};
use crate::http::JsonBody;
use crate::http::precondition::{etag, expect_version, if_match};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use smarty_schema::content::MonitoringReport;
use smarty_schema::{ActionPlan, Record};

/// Add a monitoring report
///
/// Appends a half-yearly report (indicator values, narrative, each action's status) to the
/// plan's `content.monitoring`, kept in period order. Each report makes a new version of the
/// plan. A period already reported is a 409.
#[utoipa::path(
    operation_id = "addMonitoringReport", tag = "action-plans",
    params(
        ("id" = String, Path, description = "Action plan id (UUID)", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"),
        ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$"#, description = "ETag of the plan's current version (`*`: whichever is current); not an entity-tag list: 400", example = "\"1\""),
    ),
    request_body(content = MonitoringReport, content_type = "application/json"),
    responses(
        (status = 201, description = "The plan's new version", body = Record<ActionPlan>, headers(("ETag" = String, description = "Entity tag of the new version"))),
        (status = 400, description = "Invalid report (field errors in `errors`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token, or an unknown or revoked one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token's role cannot write", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such action plan of this region", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This period is already reported", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match names another version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Valid against the schema, but breaks a rule it cannot state (a reference to a record that does not exist, an end before its start, a number used twice): field errors in `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = []))
)]
#[post("/action-plans/{id}/monitoring")]
pub async fn report(
    state: web::Data<AppState>,
    _editor: Editor,
    id: web::Path<String>,
    req: HttpRequest,
    // Judged after the token (extractors run together).
    body: Result<JsonBody<MonitoringReport>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let body = body?;
    let id = id.into_inner();
    let current = service::own_live::<ActionPlan>(&state, id.clone()).await?;
    let expected = if_match(&req, current.version)?;
    let mut plan: Record<ActionPlan> = service::typed(current, true)?;
    let report = body.0;
    plan.content.validate_report(&report).map_err(ApiError::Validation)?;
    if plan.content.monitoring.iter().any(|m| m.period == report.period) {
        return Err(ApiError::Conflict(format!("The period {} is already reported.", report.period)));
    }
    plan.content.monitoring.push(report);
    plan.content.monitoring.sort_by(|a, b| a.period.cmp(&b.period));
    let input = RecordInput { status: Some(plan.status), content: plan.content };
    let record = service::update_record(&state, id, expect_version(Some(expected)), input).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("{}/{}", service::collection_path(record.kind), record.id)))
        .insert_header((header::ETAG, etag(record.version)))
        .json(record))
}
