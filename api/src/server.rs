//! Starting a node: open the store, bind, serve.

use crate::config::{Config, ConfigError};
use crate::error::ApiError;
use crate::federation::sync::SyncError;
use crate::federation::sync::{Syncer, schedule};
use crate::http::body_schema::UncompilableSchema;
use crate::http::fallback::RouteTable;
use crate::keys::KeyError;
use crate::keys::NodeKeys;
use crate::search::Catalogue;
use crate::search::error::IndexError;
use crate::state::AppState;
use actix_web::{App, HttpRequest, HttpServer, web};
use smarty_schema::db::DatabaseUrlError;
use smarty_schema::store::Store;
use smarty_schema::store::StoreError;
use std::net::TcpListener;
use std::sync::Arc;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

/// Why a node did not start, or stopped serving.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Database(#[from] DatabaseUrlError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error(transparent)]
    Contract(#[from] UncompilableSchema),
    /// The address is taken or not ours to bind.
    #[error(
        "cannot listen on {addr}: {source}{hint}; choose the address with `listen` in smarty.toml, SMARTY_LISTEN=HOST:PORT \
         or `smarty serve --listen HOST:PORT`",
        hint = if source.kind() == std::io::ErrorKind::AddrInUse {
            " (another process holds the port: the demo uses 8080 to 8086)"
        } else {
            ""
        }
    )]
    Listen { addr: String, source: std::io::Error },
    /// The server failed while serving.
    #[error("the server stopped: {0}")]
    Serve(#[from] std::io::Error),
    /// A start-up task panicked or was cancelled.
    #[error("a start-up task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl From<StartError> for String {
    fn from(e: StartError) -> String {
        e.to_string()
    }
}

/// Serves until the process is stopped (SIGINT/SIGTERM shut down gracefully).
pub async fn serve(config: Config) -> Result<(), StartError> {
    let node = start(config, None).await?;
    // Tests and scripts read the address from this line: keep its shape.
    println!("smarty: listening on http://{}", node.addr);
    Ok(node.server.await??)
}

/// A node that is serving.
pub struct RunningNode {
    pub addr: std::net::SocketAddr,
    pub state: web::Data<AppState>,
    /// The node's sync client (the demo runs its rounds).
    pub syncer: Syncer,
    /// Resolves when the server stops (on SIGINT or SIGTERM).
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Opens the store and the index, binds and starts serving; returns at once.
/// `workers`: HTTP worker threads (default: one per core).
pub async fn start(config: Config, workers: Option<usize>) -> Result<RunningNode, StartError> {
    // Every line a node logs names its region: the demo runs seven in one process.
    let node_span = tracing::info_span!("node", node = %config.region);
    tracing::Instrument::instrument(start_node(config, workers, node_span.clone()), node_span).await
}

async fn start_node(
    mut config: Config,
    workers: Option<usize>,
    node_span: tracing::Span,
) -> Result<RunningNode, StartError> {
    let url = config.database()?;
    let pool_size = config.pool_size;
    tracing::info!(database = %url.redacted(), "opening store");
    let (store, sync_store) = tokio::task::spawn_blocking(move || -> Result<_, StoreError> {
        let api = Store::open(&url, pool_size)?;
        // Sync gets its own connections so a long pull cannot starve the API.
        let sync = Store::open(&url, 2)?;
        Ok((api, sync))
    })
    .await??;
    let keys = NodeKeys::load(&config)?;
    // The index gets its own connections too; it rebuilds itself from the store if needed.
    let (index_dir, index_url, index_memory) = (config.index_path(), config.database()?, config.index_memory_mib);
    let span = node_span.clone();
    let catalogue = tokio::task::spawn_blocking(move || -> Result<_, StartError> {
        let _node = span.entered();
        let store = Store::open(&index_url, 2)?;
        Ok(Arc::new(Catalogue::open(&index_dir, store, true)?.with_writer_memory(index_memory)))
    })
    .await??;
    catalogue.spawn_indexer(node_span.clone())?;

    let listener = TcpListener::bind(&config.listen)
        .map_err(|source| StartError::Listen { addr: config.listen.clone(), source })?;
    let addr = listener.local_addr()?;
    if config.public_url.is_none() {
        config.public_url = Some(format!("http://{addr}"));
    }
    let mut route_table =
        RouteTable::from_openapi(&crate::openapi::routes_document()).with("/openapi.json", &["GET", "HEAD"]);
    let docs = config.docs;
    if docs {
        route_table = route_table.with("/docs", &["GET"]);
    }
    let http_limits = config.limits.clone();
    let syncer = Syncer::new(config.clone(), keys.clone(), sync_store)?;
    if let Some(time) = config.sync.daily_time()? {
        let daily = schedule::run_daily(syncer.clone(), time, config.sync.jitter_minutes);
        actix_web::rt::spawn(tracing::Instrument::instrument(daily, node_span.clone()));
    }
    let csrf_key = keys.derived_secret("smarty pages csrf v1");
    let limits = web::Data::new(crate::http::throttle::Limiter::new(&config.limits));
    let body_schemas = crate::openapi::body_schemas()?;
    let state = web::Data::new(AppState { config, store, keys, catalogue, csrf_key, limits, body_schemas });
    // Pulls from peers on its own connections, so a sync cannot starve the API; handlers that
    // start one reach it as app data of its own.
    let sync_handle = web::Data::new(syncer.clone());

    // The metrics recorder is in place before anything counts (the deliverer starts at once).
    crate::telemetry::handle();
    crate::webhooks::worker::spawn(state.clone(), node_span.clone());

    // Budgets of clients long quiet are forgotten, so the limiter's memory stays bounded.
    let housekeeping = state.clone();
    actix_web::rt::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            housekeeping.limits.housekeep();
        }
    });

    let app_state = state.clone();
    let server =
        HttpServer::new(move || {
            let table = route_table.clone();
            let (app, _) = crate::openapi::routes(App::new().into_utoipa_app()).split_for_parts();
            // The API browser reads the same /openapi.json as everybody else.
            let swagger =
                docs.then(|| SwaggerUi::new("/docs/{_:.*}").config(utoipa_swagger_ui::Config::from("/openapi.json")));
            let app = app.service(web::resource("/openapi.json").to(crate::openapi::serve_document));
            let app = match swagger {
                Some(ui) => app.service(web::redirect("/docs", "/docs/")).service(ui),
                None => app,
            };
            // The plumbing in http/ reads what it needs, not the whole state.
            app.app_data(app_state.clone())
                .app_data(app_state.limits.clone())
                .app_data(sync_handle.clone())
                .app_data(crate::http::request_log::NodeRegion(app_state.config.region.clone()))
                .app_data(web::Data::new(app_state.config.limits.clone()))
                .app_data(app_state.body_schemas)
                .app_data(
                    web::FormConfig::default()
                        .limit(crate::http::body::BODY_LIMIT)
                        .error_handler(|e, _| ApiError::BadRequest(format!("The form could not be read: {e}")).into()),
                )
                .app_data(web::QueryConfig::default().error_handler(|e, _| {
                    ApiError::BadRequest(format!("The query string could not be read: {e}")).into()
                }))
                .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
                .wrap(actix_web::middleware::from_fn(crate::http::throttle::middleware))
                .wrap(actix_web::middleware::from_fn(crate::http::deadline::middleware))
                .wrap(tracing_actix_web::TracingLogger::<crate::http::request_log::RequestSpan>::new())
                // Outside the request log, which logs the error itself before a browser's
                // answer becomes a page, and outside the throttle, whose refusals become pages
                // too; inside the security headers, which every page gets.
                .wrap(actix_web::middleware::from_fn(crate::ui::errors::middleware))
                .wrap(actix_web::middleware::from_fn(crate::http::headers::middleware))
                // Outermost: every answer is counted and timed, refusals and pages included.
                .wrap(actix_web::middleware::from_fn(crate::telemetry::http::middleware))
                .default_service(web::to(move |req: HttpRequest| {
                    let answer = table.answer(&req);
                    async move { Err::<actix_web::HttpResponse, ApiError>(answer) }
                }))
        })
        .workers(workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, std::num::NonZero::get)))
        .client_request_timeout(std::time::Duration::from_secs(http_limits.request_head_timeout_secs))
        .client_disconnect_timeout(std::time::Duration::from_secs(http_limits.disconnect_timeout_secs))
        .max_connections(http_limits.max_connections)
        .listen(listener)?
        .shutdown_timeout(10)
        .run();
    tracing::info!(%addr, region = %state.config.region, "listening");
    // An actix server runs only while polled: give it a task of its own.
    let server = actix_web::rt::spawn(server);
    Ok(RunningNode { addr, state, syncer, server })
}
