//! The search engine of the shared catalogue: a tantivy index over every published record the
//! node holds, fed from the local change sequence, its queries and collector, and lineage
//! (which actions cite which practices). The store is the truth; the index is a derived view
//! that can be rebuilt from it at any time. The HTTP layer is `catalogue/`; pages and
//! commands use this engine directly.

pub mod collector;
mod document;
pub mod error;
pub mod fields;
pub mod indexer;
pub mod lineage;
pub mod query;
pub mod request;
pub mod similar;

pub use indexer::Catalogue;
