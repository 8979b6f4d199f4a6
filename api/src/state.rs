//! What every handler can reach.

use crate::config::Config;
use smarty_schema::store::Store;

pub struct AppState {
    pub config: Config,
    pub store: Store,
}
