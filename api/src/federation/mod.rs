//! Federation: keys, peer tokens, the changes feed, and the sync client that pulls peers.

pub mod compact;
pub mod feed;
pub mod peer_auth;
pub mod peers_api;
pub mod repair;
pub mod snapshot;
pub mod sync;
pub mod token;
pub mod wellknown;

use utoipa_actix_web::service_config::ServiceConfig;

/// `/.well-known/…`, `/federation/v1/…` and `/federation/v2/…`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(wellknown::jwks)
        .service(wellknown::node)
        .service(feed::changes)
        .service(feed::changes_v2)
        .service(repair::digest)
        .service(repair::records)
        .service(snapshot::snapshot);
}
