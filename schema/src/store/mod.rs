//! The typed store: every read and write the node makes, each write one transaction.

mod backup;
mod commitments;
mod copy;
mod feed;
mod harvest;
mod here;
mod horizon;
mod keys;
mod lease;
mod peers;
mod records;
mod replay;
mod row;
mod statements;
mod stored;
mod tokens;
mod webhooks;

pub use commitments::{HeldCheckpoint, OriginState, SetEntry};
pub use copy::CopyReport;
pub use feed::{ApplyOutcome, FeedPage, Since};
pub use harvest::{HarvestFilter, HarvestPage};
pub use keys::RetiredKey;
pub use lease::Lease;
pub use peers::{PeerRow, Rejection};
pub use records::ListQuery;
pub use stored::{StoredRecord, StoredText, Write};
pub use tokens::{Role, TokenRow};
pub use webhooks::{AfterAttempt, DeliveryRow, KEPT_DELIVERIES, WebhookChange, WebhookRow};

use crate::db::{self, DatabaseUrl, DbConnection, DbError, Pool};
use diesel::prelude::*;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No row matches (no such record, peer or token).
    #[error("not found")]
    NotFound,
    /// The record exists but is at another version than the caller expected.
    #[error("version mismatch: the record is at version {current}")]
    VersionMismatch {
        /// The version the record is at.
        current: i64,
    },
    /// A row with the same key is already stored.
    #[error("already exists")]
    AlreadyExists,
    /// Another writer changed what this operation was based on.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// No connection could be had from the pool in time.
    #[error("database pool: {0}")]
    Pool(#[from] r2d2::Error),
    /// The backend cannot do this; the message says what to use instead.
    #[error("{0}")]
    Unsupported(String),
    /// A stored value cannot be read back (bad JSON, unknown kind or role, missing seal).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<diesel::result::Error> for StoreError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => StoreError::NotFound,
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                StoreError::AlreadyExists
            }
            other => StoreError::Db(DbError::Query(other)),
        }
    }
}

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// A handle on the node's database. Cheap to clone; blocking: call it from a blocking
/// thread (`web::block`, `spawn_blocking`), never from an async worker.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    url: DatabaseUrl,
    /// Rows read that could not be turned into records, since the store was opened.
    corrupt: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Store {
    /// Opens (creating an SQLite file if needed) and migrates the store.
    pub fn open(url: &DatabaseUrl, pool_size: u32) -> Result<Self, StoreError> {
        let pool = db::open_pool(url, pool_size)?;
        let store = Self { pool, url: url.clone(), corrupt: Default::default() };
        // Records written before commitments were kept, or copied in from another store.
        let mut c = store.conn()?;
        // The rebuild writes first, so it takes the write lock at once; two processes racing
        // to rebuild compute the same sets.
        if commitments::missing(&mut c)? {
            c.transaction(|c| commitments::rebuild(c))?;
        }
        drop(c);
        Ok(store)
    }

    /// Opens the store as it is, applying no migration and creating nothing: an SQLite file
    /// must exist. For checks that must change nothing.
    pub fn open_as_is(url: &DatabaseUrl, pool_size: u32) -> Result<Self, DbError> {
        if let DatabaseUrl::Sqlite(path) = url
            && !path.exists()
        {
            return Err(DbError::Missing(path.clone()));
        }
        let pool = db::open_pool_as_is(url, pool_size)?;
        Ok(Self { pool, url: url.clone(), corrupt: Default::default() })
    }

    /// How many stored rows could not be read as records since the store was opened (each
    /// was logged, and left out of what was read).
    pub fn corrupt_rows(&self) -> u64 {
        self.corrupt.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Where the store lives.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    // Reads of one row use `get_result`, never `first`: `first` adds `LIMIT ?`, and SQLite
    // compiles a statement again whenever its LIMIT parameter is bound again (the plan may
    // depend on the value), so the cached statement would be prepared anew on every call.
    fn conn(&self) -> StoreResult<r2d2::PooledConnection<db::Manager>> {
        Ok(self.pool.get()?)
    }

    /// Database reachable and every migration applied.
    pub fn ready(&self) -> StoreResult<bool> {
        let mut c = self.conn()?;
        Ok(db::migrations_applied(&mut c)?)
    }

    /// Runs `f` in one transaction that first advances the local change sequence, and hands
    /// `f` the [`Sequence`] to number its rows by. Taking the first number first takes the
    /// write lock on both backends, so writers are serialised and sequence numbers become
    /// visible in order.
    fn write<T>(&self, f: impl FnOnce(&mut DbConnection, &mut Sequence) -> StoreResult<T>) -> StoreResult<T> {
        let mut c = self.conn()?;
        c.transaction(|c| {
            let mut seq = Sequence::begin(c)?;
            let out = f(c, &mut seq)?;
            seq.finish(c)?;
            Ok(out)
        })
    }

    /// The database pool's connections: (open, idle).
    pub fn pool_state(&self) -> (u32, u32) {
        let state = self.pool.state();
        (state.connections, state.idle_connections)
    }

    /// The last sequence number handed out.
    pub fn last_seq(&self) -> StoreResult<i64> {
        use crate::db::schema::node_state::dsl::*;
        Ok(node_state.select(last_seq).get_result(&mut self.conn()?)?)
    }
}

/// Sequence numbers handed out inside one write transaction. The first is taken from the
/// store as the transaction begins (which takes the write lock on both backends); the rest
/// are counted here and written back once before the commit, so a page of 500 records costs
/// two statements on the sequence rather than a thousand. No other writer can take a number
/// meanwhile: the lock is held until the commit.
pub(crate) struct Sequence {
    /// The next number to hand out.
    next: i64,
    /// The last number the store has recorded as taken.
    stored: i64,
}

impl Sequence {
    /// Takes the transaction's first number from the store.
    fn begin(c: &mut DbConnection) -> StoreResult<Sequence> {
        use crate::db::schema::node_state::dsl::*;
        diesel::update(node_state.filter(id.eq(1))).set(last_seq.eq(last_seq + 1)).execute(c)?;
        let first = node_state.select(last_seq).get_result(c)?;
        Ok(Sequence { next: first, stored: first })
    }

    /// The next number, in order.
    pub(crate) fn take(&mut self) -> i64 {
        self.next += 1;
        self.next - 1
    }

    /// Records every number handed out as taken, inside the transaction.
    fn finish(self, c: &mut DbConnection) -> StoreResult<()> {
        use crate::db::schema::node_state::dsl::*;
        let last = self.next - 1;
        if last > self.stored {
            diesel::update(node_state.filter(id.eq(1))).set(last_seq.eq(last)).execute(c)?;
        }
        Ok(())
    }
}
