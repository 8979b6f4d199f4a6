//! Request plumbing shared by every capability: strict JSON bodies, typed queries,
//! precondition headers, the 405 fallback, security headers, request budgets and deadlines,
//! and the request log.

pub mod body;
pub mod body_schema;
pub mod deadline;
pub mod fallback;
pub mod headers;
pub mod precondition;
pub mod query;
pub mod request_log;
pub mod throttle;

pub use body::JsonBody;
pub use query::QueryParams;
