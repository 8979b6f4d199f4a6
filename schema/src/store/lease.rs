//! Leases: a job that must run once at a time across every replica of a node (the sync of a
//! peer) is leased through the store. On PostgreSQL a lease is a session advisory lock, held
//! by one pooled connection for as long as the job runs: when the replica holding it dies, its
//! connections close and the server releases the lock, so another replica can take the job at
//! once. An SQLite store has one process by construction (one machine, one file), so its
//! leases are always granted; the caller keeps its own in-process bookkeeping.

use super::{Store, StoreResult};
use crate::db::{self, DbConnection};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use sha2::{Digest, Sha256};

/// A job held by this replica until the lease is dropped.
pub struct Lease {
    held: Option<(r2d2::PooledConnection<db::Manager>, i64)>,
}

#[derive(QueryableByName)]
struct Locked {
    #[diesel(sql_type = Bool)]
    locked: bool,
}

/// The advisory-lock key of a job: the first eight bytes of SHA-256 over its name, so that
/// names never collide in practice and other applications' small integer keys are left alone.
fn key(job: &str) -> i64 {
    let digest = Sha256::digest(format!("smarty lease: {job}").as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("eight bytes"))
}

impl Store {
    /// The lease of `job` (`sync:tuscany`) if no replica holds it, else `None`.
    pub fn try_lease(&self, job: &str) -> StoreResult<Option<Lease>> {
        let mut c = self.conn()?;
        let key = key(job);
        let locked = match &mut *c {
            DbConnection::Sqlite(_) => return Ok(Some(Lease { held: None })),
            DbConnection::Pg(pg) => {
                diesel::sql_query("SELECT pg_try_advisory_lock($1) AS locked")
                    .bind::<BigInt, _>(key)
                    .get_result::<Locked>(pg)?
                    .locked
            }
        };
        Ok(locked.then(|| Lease { held: Some((c, key)) }))
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        let Some((mut c, key)) = self.held.take() else { return };
        if let DbConnection::Pg(pg) = &mut *c {
            let released = diesel::sql_query("SELECT pg_advisory_unlock($1) AS locked")
                .bind::<BigInt, _>(key)
                .get_result::<Locked>(pg);
            // Failing to unlock means the connection is broken: the pool discards it, and the
            // server releases the lock with the session.
            if !matches!(released, Ok(Locked { locked: true })) {
                tracing::error!(error = ?released.err(), "cannot release a lease");
            }
        }
    }
}
