//! The shared catalogue over HTTP: search, read, lineage and export routes, and the query
//! grammar that the API and the officers' pages share. The engine is `search/`.

mod export;
mod feed;
pub mod handlers;
pub mod params;
pub mod record;

use utoipa_actix_web::service_config::ServiceConfig;

/// `/api/v1/catalogue/…`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::search)
        .service(handlers::record)
        .service(handlers::influence)
        .service(handlers::similar)
        .service(handlers::transfers)
        .service(export::export)
        .service(feed::feed);
}
