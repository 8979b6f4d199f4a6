//! Leases: a job that must run once at a time across every replica of a node (the sync of a
//! peer) is leased through the store. On PostgreSQL a lease is a session advisory lock, held
//! by a connection of its own (outside the pool, so that leases never starve the job's own
//! queries) for as long as the job runs: when the lease is dropped, or the replica holding it
//! dies, that connection closes and the server releases the lock, so another replica can take
//! the job at once. An SQLite store has one process by construction (one machine, one file),
//! so its leases are always granted; the caller keeps its own in-process bookkeeping.

use super::{Store, StoreResult};
use crate::db::{DatabaseUrl, DbError};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use sha2::{Digest, Sha256};

/// A job held by this replica until the lease is dropped.
pub struct Lease {
    held: Option<(diesel::PgConnection, i64)>,
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
        let DatabaseUrl::Postgres(url) = &self.url else { return Ok(Some(Lease { held: None })) };
        let mut pg = diesel::PgConnection::establish(url).map_err(DbError::from)?;
        let key = key(job);
        let locked = diesel::sql_query("SELECT pg_try_advisory_lock($1) AS locked")
            .bind::<BigInt, _>(key)
            .get_result::<Locked>(&mut pg)?
            .locked;
        Ok(locked.then(|| Lease { held: Some((pg, key)) }))
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        let Some((mut pg, key)) = self.held.take() else { return };
        // Unlocking first frees the job at once; whatever happens, the connection closes when
        // it is dropped here, and the server releases the lock with the session.
        let released = diesel::sql_query("SELECT pg_advisory_unlock($1) AS locked")
            .bind::<BigInt, _>(key)
            .get_result::<Locked>(&mut pg);
        if !matches!(released, Ok(Locked { locked: true })) {
            tracing::warn!(error = ?released.err(), "cannot unlock a lease; closing its connection releases it");
        }
    }
}
