//! What can go wrong with the search index. The store is the truth: most of these are
//! answered by rebuilding the index from it.

use smarty_schema::store::StoreError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("the search index in {dir} is unusable ({why}): run smarty reindex")]
    Unusable { dir: PathBuf, why: String },
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
