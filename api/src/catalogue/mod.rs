//! The shared catalogue: a tantivy index over every published record the node holds, fed
//! from the local change sequence. The store is the truth; the index is a derived view that
//! can be rebuilt from it at any time.

pub mod collector;
mod document;
pub mod error;
mod export;
pub mod fields;
pub mod handlers;
pub mod indexer;
pub mod lineage;
pub mod params;
pub mod query;
pub mod search;

pub use indexer::Catalogue;

use utoipa_actix_web::service_config::ServiceConfig;

/// `/api/v1/catalogue/…`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::search)
        .service(handlers::record)
        .service(handlers::influence)
        .service(handlers::transfers)
        .service(export::export);
}
