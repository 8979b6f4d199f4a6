//! `/api/v1/webhooks`: an admin registers, lists, reads, changes and deletes partner systems'
//! subscriptions, sends a test message, and reads recent delivery attempts.

use super::model::{DeliveryList, DeliveryView, WebhookInput, WebhookList, WebhookView};
use super::sender;
use crate::auth::Admin;
use crate::error::{ApiError, Problem, blocking};
use crate::http::body::JsonBody;
use crate::http::precondition::{etag, if_match};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use smarty_schema::store::{AfterAttempt, KEPT_DELIVERIES, WebhookChange, WebhookRow};

/// Checks a subscription's URL as a destination (and its description's length, which the
/// schema states).
async fn checked(state: &AppState, input: &WebhookInput) -> Result<(), ApiError> {
    let url = sender::check_url(&input.url).map_err(|m| ApiError::field("url", m))?;
    if input.description.chars().count() > 500 {
        return Err(ApiError::field("description", "must be at most 500 characters"));
    }
    sender::resolve(&url, &state.config.webhooks).await.map_err(|m| ApiError::field("url", m))?;
    Ok(())
}

async fn view(state: &web::Data<AppState>, row: WebhookRow) -> Result<WebhookView, ApiError> {
    let (store, cursor) = (state.store.clone(), row.cursor);
    let backlog = blocking(move || store.backlog(cursor)).await?;
    Ok(WebhookView::of(&row, backlog))
}

async fn find(state: &web::Data<AppState>, id: String) -> Result<WebhookRow, ApiError> {
    let store = state.store.clone();
    blocking(move || store.get_webhook(&id)).await?.ok_or(ApiError::NotFound)
}

/// Register a subscription
///
/// A partner system's subscription: the node POSTs every change it holds after now (local or
/// received from a peer) that passes the filter to `url`, in sequence order, signed as
/// Standard Webhooks specifies with a secret the node makes and shows only in this answer.
/// A message that is not acknowledged with a 2xx is sent again with exponential backoff and
/// jitter (from `[webhooks] retry_base_ms`, default 5 s, doubling to at most `retry_max_ms`,
/// default 1 h); a subscription failing for `disable_after_secs` (default 24 h), or answered
/// 410, is disabled and says why.
#[utoipa::path(operation_id = "createWebhook", tag = "webhooks",
    request_body = WebhookInput,
    responses(
        (status = 201, description = "Registered; `secret` is shown this once", body = WebhookView,
            headers(("Location" = String, description = "The subscription's address"),
                ("ETag" = String, description = "Entity tag of version 1: send it as If-Match to change the subscription"))),
        (status = 400, description = "A field is missing, unknown or invalid (a URL that is no destination among them)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[post("/webhooks")]
pub async fn create(
    state: web::Data<AppState>,
    _admin: Admin,
    body: Result<JsonBody<WebhookInput>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let input = body?.0;
    checked(&state, &input).await?;
    let now = smarty_schema::timestamp::now();
    let store = state.store.clone();
    let secret = sender::new_secret();
    let row = WebhookRow {
        id: uuid::Uuid::now_v7().to_string(),
        url: input.url,
        description: input.description,
        filter: serde_json::to_string(&input.filter).expect("a filter serialises"),
        secret: secret.clone(),
        cursor: 0,
        active: input.active,
        disabled_reason: None,
        failing_since: None,
        next_attempt_at: None,
        failures: 0,
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    // A subscription is sent what changes from now on: its cursor starts at the sequence.
    let row = blocking(move || {
        let mut row = row;
        row.cursor = store.last_seq()?;
        store.create_webhook(&row)?;
        Ok(row)
    })
    .await?;
    let location = format!("/api/v1/webhooks/{}", row.id);
    let mut answer = view(&state, row).await?;
    answer.secret = Some(secret);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .insert_header((header::ETAG, etag(1)))
        .json(answer))
}

/// Subscriptions
///
/// Every subscription with its state: active or disabled (and why), failures, backlog.
#[utoipa::path(operation_id = "listWebhooks", tag = "webhooks",
    responses(
        (status = 200, description = "The subscriptions", body = WebhookList),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[get("/webhooks")]
pub async fn list(state: web::Data<AppState>, _admin: Admin) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let rows = blocking(move || store.list_webhooks()).await?;
    let mut items = Vec::new();
    for row in rows {
        items.push(view(&state, row).await?);
    }
    Ok(HttpResponse::Ok().json(WebhookList { items }))
}

/// A subscription
///
/// Its URL, description, filter and state (active or disabled and why, failures, backlog),
/// with its version as `ETag`.
#[utoipa::path(operation_id = "getWebhook", tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60")),
    responses(
        (status = 200, description = "The subscription", body = WebhookView,
            headers(("ETag" = String, description = "Entity tag of its version: send it as If-Match to change it"))),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[get("/webhooks/{id}")]
pub async fn read(state: web::Data<AppState>, _admin: Admin, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let row = find(&state, id.into_inner()).await?;
    let tag = etag(row.version);
    Ok(HttpResponse::Ok().insert_header((header::ETAG, tag)).json(view(&state, row).await?))
}

/// Change a subscription
///
/// Replaces its URL, description, filter and whether it is active; its secret and cursor
/// stay. Enabling a disabled subscription resumes it from where it stopped.
#[utoipa::path(operation_id = "updateWebhook", tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"),
        ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$"#, description = "ETag of the version being changed (`*`: whichever is current); not an entity-tag list: 400", example = "\"1\""),),
    request_body = WebhookInput,
    responses(
        (status = 200, description = "Changed", body = WebhookView,
            headers(("ETag" = String, description = "Entity tag of the new version"))),
        (status = 400, description = "A field is missing, unknown or invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match names another version", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[put("/webhooks/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    _admin: Admin,
    req: HttpRequest,
    id: web::Path<String>,
    body: Result<JsonBody<WebhookInput>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let input = body?.0;
    let id = id.into_inner();
    let current = find(&state, id.clone()).await?;
    let expected = if_match(&req, current.version)?;
    checked(&state, &input).await?;
    let change = WebhookChange {
        url: input.url,
        description: input.description,
        filter: serde_json::to_string(&input.filter).expect("a filter serialises"),
        active: input.active,
    };
    let (store, target) = (state.store.clone(), id.clone());
    blocking(move || store.update_webhook(&target, expected, &change)).await?;
    let row = find(&state, id).await?;
    let tag = etag(row.version);
    Ok(HttpResponse::Ok().insert_header((header::ETAG, tag)).json(view(&state, row).await?))
}

/// Delete a subscription
///
/// No message is sent to it any more; its delivery attempts go with it.
#[utoipa::path(operation_id = "deleteWebhook", tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"),
        ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$"#, description = "ETag of the version being changed (`*`: whichever is current); not an entity-tag list: 400", example = "\"1\""),),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match names another version", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[delete("/webhooks/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    _admin: Admin,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let current = find(&state, id.into_inner()).await?;
    let expected = if_match(&req, current.version)?;
    let store = state.store.clone();
    blocking(move || store.delete_webhook(&current.id, expected)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send a test message
///
/// POSTs a `webhook.test` message, signed like every other, to the subscription's URL now,
/// and answers with the attempt (recorded among its deliveries). The cursor does not move.
#[utoipa::path(operation_id = "testWebhook", tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60")),
    responses(
        (status = 200, description = "The attempt, acknowledged or not", body = DeliveryView),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[post("/webhooks/{id}/test")]
pub async fn test(state: web::Data<AppState>, _admin: Admin, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let row = find(&state, id.into_inner()).await?;
    let now = chrono::Utc::now();
    let message_id = format!("{}:test:{}", row.id, uuid::Uuid::now_v7());
    let event = super::model::WebhookEvent {
        kind: super::model::EventType::Test,
        timestamp: smarty_schema::timestamp::seconds(&smarty_schema::timestamp::format(now)),
        data: super::model::EventData { sequence: 0, record: None, tombstone: None },
    };
    let body = serde_json::to_vec(&event).expect("an event serialises");
    let outcome = sender::send(&state.config.webhooks, &row.url, &row.secret, &message_id, &body).await;
    let attempt = outcome.attempt(&row.id, message_id, super::model::EventType::Test, 0, 1, now);
    let (store, recorded) = (state.store.clone(), attempt.clone());
    blocking(move || store.record_attempt(&recorded, &AfterAttempt::Test)).await?;
    Ok(HttpResponse::Ok().json(DeliveryView::from(attempt)))
}

/// Recent delivery attempts
///
/// The subscription's latest attempts, newest first (at most 100): each message's id, event,
/// sequence position, attempt number, HTTP status or error, and latency.
#[utoipa::path(operation_id = "webhookDeliveries", tag = "webhooks",
    params(("id" = String, Path, description = "The subscription's id", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60")),
    responses(
        (status = 200, description = "The attempts", body = DeliveryList),
        (status = 401, description = "No, a bad, or a revoked token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[get("/webhooks/{id}/deliveries")]
pub async fn deliveries(
    state: web::Data<AppState>,
    _admin: Admin,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let row = find(&state, id.into_inner()).await?;
    let store = state.store.clone();
    let rows = blocking(move || store.deliveries(&row.id, KEPT_DELIVERIES)).await?;
    Ok(HttpResponse::Ok().json(DeliveryList { items: rows.into_iter().map(DeliveryView::from).collect() }))
}
