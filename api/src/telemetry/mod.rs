//! `GET /metrics` for operators, in Prometheus text format: the HTTP traffic by route
//! template and status with latency histograms ([`http`]), each peer's sync state, how far
//! the search index is behind the store, and the database pool's use. The node's state is
//! read when the scraper asks, so a gauge is never stale.

pub mod http;

use crate::auth::Admin;
use crate::error::{ApiError, Problem, blocking};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use metrics_util::MetricKindMask;
use std::sync::OnceLock;
use std::time::Duration;
use utoipa_actix_web::service_config::ServiceConfig;

/// Latency buckets, in seconds: from a cached read to the request deadline.
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// How long a gauge nobody set stays in the scrape: the node's state is set on every scrape,
/// so a removed peer's series leave within a minute of its removal.
const GAUGE_IDLE: Duration = Duration::from_secs(60);

/// The process's recorder, installed on first use. One process is one node, except in
/// `smarty demo`, whose seven nodes share it (their series told apart by `node`).
pub fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(http::LATENCY.to_string()), &LATENCY_BUCKETS)
                .ok()?
                .idle_timeout(MetricKindMask::GAUGE, Some(GAUGE_IDLE));
            match builder.install_recorder() {
                Ok(handle) => {
                    // Histograms keep their samples until drained: drain them whether or not
                    // anybody scrapes.
                    let upkeep = handle.clone();
                    std::thread::spawn(move || {
                        loop {
                            std::thread::sleep(Duration::from_secs(5));
                            upkeep.run_upkeep();
                        }
                    });
                    Some(handle)
                }
                Err(e) => {
                    tracing::warn!(error = %e, "metrics: no recorder installed; /metrics will be empty");
                    None
                }
            }
        })
        .as_ref()
}

/// Operational metrics
///
/// Prometheus text format (version 0.0.4): `http_requests_total` and
/// `http_request_duration_seconds` by `method`, `route` (the route's template, such as
/// `/api/v1/catalogue/records/{id}`) and `status`; per peer (`peer` label)
/// `smarty_peer_last_success_timestamp_seconds`, `smarty_peer_consecutive_failures`,
/// `smarty_peer_records_received`, `smarty_peer_records_rejected` (the store's totals),
/// `smarty_peer_records_behind` (the records the peer's newest signed checkpoint counts beyond
/// those of it held here); per webhook subscription (`webhook` label)
/// `smarty_webhook_deliveries_total` by `outcome` (`delivered`, `failed`),
/// `smarty_webhook_backlog` (changes after its cursor), `smarty_webhook_consecutive_failures`
/// and `smarty_webhook_active`;
/// `smarty_store_sequence`, `smarty_index_position` and `smarty_index_lag_changes` (changes the
/// search index has yet to take); `smarty_db_pool_connections` and `smarty_db_pool_idle`. Every
/// series has a `node` label (the node's region). An admin token reads it.
#[utoipa::path(operation_id = "metrics", tag = "operations",
    responses(
        (status = 200, description = "The metrics", content_type = "text/plain; version=0.0.4", body = String),
        (status = 401, description = "No admin token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("apiToken" = [])))]
#[get("/metrics")]
pub async fn scrape(state: web::Data<AppState>, _admin: Admin) -> Result<HttpResponse, ApiError> {
    let store = state.store.clone();
    let (peers, sequence, pool, checkpoints, held, hooks) = blocking(move || {
        let hooks: Vec<(String, bool, i64, i64)> = store
            .list_webhooks()?
            .into_iter()
            .map(|h| Ok((h.id.clone(), h.active, h.failures, store.backlog(h.cursor)?)))
            .collect::<Result<_, smarty_schema::store::StoreError>>()?;
        Ok((
            store.list_peers()?,
            store.last_seq()?,
            store.pool_state(),
            store.checkpoints()?,
            store.origin_states()?,
            hooks,
        ))
    })
    .await?;
    let node = state.config.region.clone();
    for p in &peers {
        let peer = [("node", node.clone()), ("peer", p.region.clone())];
        let last = p.last_success_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
        metrics::gauge!("smarty_peer_last_success_timestamp_seconds", &peer)
            .set(last.map_or(0.0, |t| t.timestamp_micros() as f64 / 1e6));
        metrics::gauge!("smarty_peer_consecutive_failures", &peer).set(p.consecutive_failures as f64);
        // The store's totals, as gauges: a peer removed and pinned again starts again from 0.
        metrics::gauge!("smarty_peer_records_received", &peer).set(p.records_received as f64);
        metrics::gauge!("smarty_peer_records_rejected", &peer).set(p.records_rejected as f64);
        // How far behind the peer's own head this node is: the records its newest signed
        // checkpoint counts beyond those of it held here (none until it has sent one).
        if let Some(signed) = checkpoints.iter().find(|c| c.checkpoint.origin == p.region) {
            let holding = held.iter().find(|h| h.origin == p.region).map_or(0, |h| h.count);
            metrics::gauge!("smarty_peer_records_behind", &peer).set((signed.checkpoint.count - holding).max(0) as f64);
        }
    }
    for (id, active, failures, backlog) in &hooks {
        let hook = [("node", node.clone()), ("webhook", id.clone())];
        metrics::gauge!("smarty_webhook_backlog", &hook).set(*backlog as f64);
        metrics::gauge!("smarty_webhook_consecutive_failures", &hook).set(*failures as f64);
        metrics::gauge!("smarty_webhook_active", &hook).set(if *active { 1.0 } else { 0.0 });
    }
    let indexed = state.catalogue.position();
    let here = [("node", node)];
    metrics::gauge!("smarty_store_sequence", &here).set(sequence as f64);
    metrics::gauge!("smarty_index_position", &here).set(indexed as f64);
    metrics::gauge!("smarty_index_lag_changes", &here).set((sequence - indexed).max(0) as f64);
    metrics::gauge!("smarty_db_pool_connections", &here).set(f64::from(pool.0));
    metrics::gauge!("smarty_db_pool_idle", &here).set(f64::from(pool.1));
    let text = handle().map(PrometheusHandle::render).unwrap_or_default();
    Ok(HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(text))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(scrape);
}
