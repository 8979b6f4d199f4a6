//! Reads on the caller's own thread, where the engine answers them in microseconds: an SQLite
//! store, read through one connection per thread kept for the thread's life. An async
//! server's worker then needs no hop to a blocking pool and back for a read by key or a page
//! of a listing, which costs more than the read. A PostgreSQL store is a network round trip
//! away: it is never read so (the caller reads through the pool, off its thread).

use super::{Store, StoreResult};
use crate::db::{DatabaseUrl, DbConnection};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

thread_local! {
    /// This thread's read connection to each SQLite store it has read.
    static READERS: RefCell<HashMap<PathBuf, DbConnection>> = RefCell::new(HashMap::new());
}

impl Store {
    /// `read` answered on this thread, as fresh as through the pool (each statement reads the
    /// newest commit), or `None` when it cannot be answered here without waiting: a
    /// PostgreSQL store, a locked SQLite file (busy), or any error, which the caller's read
    /// through the pool then meets and reports.
    pub(crate) fn here<T>(&self, read: impl FnOnce(&mut DbConnection) -> StoreResult<T>) -> Option<T> {
        let DatabaseUrl::Sqlite(path) = &self.url else { return None };
        READERS.with(|readers| {
            let mut readers = readers.borrow_mut();
            if !readers.contains_key(path) {
                readers.insert(path.clone(), reader(path)?);
            }
            let answer = read(readers.get_mut(path)?);
            if answer.is_err() {
                // Opened again at the next read, should the connection be what failed.
                readers.remove(path);
            }
            answer.ok()
        })
    }
}

/// A connection that only reads and never waits for a lock: a busy file is read elsewhere.
/// Not the pool's [`crate::db::Manager`], whose connections wait up to ten seconds for a
/// lock, from their first pragma on.
fn reader(path: &Path) -> Option<DbConnection> {
    let mut c = SqliteConnection::establish(&path.to_string_lossy()).ok()?;
    c.batch_execute("PRAGMA busy_timeout = 0; PRAGMA query_only = ON;").ok()?;
    Some(DbConnection::Sqlite(c))
}

#[cfg(test)]
mod tests {
    use crate::db::DatabaseUrl;
    use crate::store::{Store, Write};
    use crate::{CaseStudy, Kind, Record, Status};
    use ed25519_dalek::SigningKey;
    use utoipa::PartialSchema;

    #[test]
    fn an_sqlite_store_is_read_here_and_sees_every_commit_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&DatabaseUrl::Sqlite(dir.path().join("s.db")), 1).unwrap();
        let example = serde_json::to_value(CaseStudy::schema()).unwrap()["example"].clone();
        let now = crate::timestamp::now();
        let mut record = Record {
            id: uuid::Uuid::now_v7().to_string(),
            kind: Kind::CaseStudy,
            origin: "leeds".into(),
            version: 1,
            status: Status::Published,
            created_at: now.clone(),
            updated_at: now,
            content: serde_json::from_value::<CaseStudy>(example).unwrap(),
        };
        assert!(matches!(store.get_record_text_here("leeds", &record.id), Some(None)), "answered here: none yet");
        let key = SigningKey::from_bytes(&[7; 32]);
        store.insert_record(&Write::local(&record, false, &key, "k")).unwrap();
        let held = store.get_record_text_here("leeds", &record.id).flatten().map(|r| r.version);
        assert_eq!(held, Some(1), "a commit through the pool is seen here at once");
        record.version = 2;
        store.update_record(&Write::local(&record, true, &key, "k"), 1).unwrap();
        let held = store.get_record_text_here("leeds", &record.id).flatten().map(|r| (r.version, r.deleted));
        assert_eq!(held, Some((2, true)));
    }
}
