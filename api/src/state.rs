//! What every handler can reach.

use crate::config::Config;
use crate::keys::NodeKeys;
use crate::search::Catalogue;
use actix_web::web;
use smarty_schema::store::Store;
use std::sync::Arc;

pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub keys: NodeKeys,
    pub catalogue: Arc<Catalogue>,
    /// Binds the pages' CSRF values to their session; derived from the node's key, so every
    /// replica of a node agrees on it.
    pub csrf_key: [u8; 32],
    /// Per-client request budgets.
    pub limits: web::Data<crate::http::throttle::Limiter>,
    /// The contract's body schemas, which every JSON body is checked against.
    pub body_schemas: &'static crate::http::body_schema::BodySchemas,
}

impl AppState {
    /// The language the node's pages speak when the reader's request names none of the seven:
    /// its region's own (Mazovia's node speaks Polish).
    pub fn default_lang(&self) -> crate::i18n::Lang {
        crate::i18n::negotiate::node_default(&self.config.region_info().languages)
    }

    /// The node's address as readers reach it: the configured public URL, else the request's
    /// (which a client chooses: configure `public_url` for links and ids that never change).
    pub fn base_url(&self, req: &actix_web::HttpRequest) -> String {
        let configured = self.config.public_base();
        if configured.is_empty() {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        } else {
            configured
        }
    }
}
