//! Webhooks for partner systems: subscriptions ([`routes`]), what a message carries
//! ([`model`]), how one is signed and sent ([`sender`]), and the deliverer that reads the
//! change sequence for each subscription ([`worker`]).

pub mod model;
pub mod routes;
pub mod sender;
pub mod worker;

use utoipa_actix_web::service_config::ServiceConfig;

/// `/api/v1/webhooks…`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(routes::create)
        .service(routes::list)
        .service(routes::read)
        .service(routes::update)
        .service(routes::remove)
        .service(routes::test)
        .service(routes::deliveries);
}
