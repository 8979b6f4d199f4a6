//! Compaction: this node's own tombstones older than `federation.tombstone_retention_days`
//! leave its feed and its set (docs/protocol.md, section 10). Holders of its records follow
//! when they next check them against its checkpoint; a puller whose cursor is older than the
//! compaction is sent to the snapshot.

use crate::config::Config;
use smarty_schema::store::{Store, StoreError};
use smarty_schema::timestamp;

/// What a compaction did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compaction {
    /// Tombstones removed.
    pub removed: usize,
    /// They were deleted before this time (stored timestamp form).
    pub before: String,
}

/// Removes this node's tombstones deleted longer ago than the retention.
pub fn compact(store: &Store, config: &Config) -> Result<Compaction, StoreError> {
    let retention = chrono::Duration::days(i64::from(config.federation.tombstone_retention_days));
    let before = timestamp::format(chrono::Utc::now() - retention);
    let removed = store.compact_tombstones(&config.region, &before)?;
    if removed > 0 {
        tracing::info!(removed, %before, "compacted tombstones past the retention horizon");
    }
    Ok(Compaction { removed, before })
}
