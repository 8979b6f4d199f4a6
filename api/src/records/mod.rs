//! The region's own records: case studies and policy instruments, each kind with the same
//! five routes (create, list, read, replace, delete) over one generic service.

pub mod monitoring;
pub mod portable;
mod references;
pub mod resolve;
mod routes;
pub mod service;
pub mod wire;

pub use routes::configure;
