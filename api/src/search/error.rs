//! What can go wrong with the search index. The store is the truth: most of these are
//! answered by rebuilding the index from it.

use smarty_schema::store::StoreError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("the search index in {dir} is unusable ({why}): run smarty reindex")]
    Unusable { dir: PathBuf, why: Unusable },
    #[error("the index in {0} is in use by a running node")]
    InUse(PathBuf),
    #[error("cannot prepare the index folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("cannot start the indexer: {0}")]
    Thread(std::io::Error),
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index, reading the store: {0}")]
    Store(#[from] StoreError),
}

/// Why an index found on disk cannot be used as it is (rebuilding from the store mends each).
#[derive(Debug, thiserror::Error)]
pub enum Unusable {
    #[error("no index")]
    Missing,
    #[error("cannot open: {0}")]
    Open(tantivy::TantivyError),
    #[error("cannot read metadata: {0}")]
    Metadata(tantivy::TantivyError),
    #[error("unreadable commit payload")]
    Payload,
    #[error("built with index schema {found}, this node uses {expected}")]
    SchemaVersion { found: u32, expected: u32 },
    #[error("its fields differ from this version's")]
    Fields,
    #[error("corrupt segments: {0}")]
    Segments(tantivy::TantivyError),
    #[error("it is ahead of the store (at {index}, the store at {store})")]
    AheadOfStore { index: i64, store: i64 },
    #[error("cannot read the store's position: {0}")]
    Store(StoreError),
}

/// Commands report index problems as text.
impl From<IndexError> for String {
    fn from(e: IndexError) -> String {
        e.to_string()
    }
}

/// Below the HTTP edge: the client hears that something failed, the log hears what.
impl From<IndexError> for crate::error::ApiError {
    fn from(e: IndexError) -> Self {
        crate::error::ApiError::Internal(e.to_string())
    }
}
