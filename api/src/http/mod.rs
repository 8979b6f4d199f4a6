//! Request plumbing shared by every capability: strict JSON bodies, typed queries,
//! precondition headers and the 405 fallback.

pub mod body;
pub mod fallback;
pub mod precondition;
pub mod query;

pub use body::JsonBody;
pub use query::QueryParams;
