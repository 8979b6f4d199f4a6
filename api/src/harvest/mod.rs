//! The node's catalogue for the wider ecosystem's harvesters: OAI-PMH 2.0 for libraries and
//! aggregators ([`oai`]), DCAT-AP 3.0 for open-data portals ([`dcat`]). Each reads the
//! store's records in their change sequence, as the federation feed and the index do.

pub mod dcat;
pub mod oai;

use utoipa_actix_web::service_config::ServiceConfig;

/// `/oai` and `/dcat/…`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(oai::get).service(oai::post).service(oai::record_schema).service(dcat::turtle).service(dcat::json_ld);
}
