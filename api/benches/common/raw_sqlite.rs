//! The raw engine underneath the SQLite store, for baselines: rusqlite on a fresh file in WAL
//! mode with `synchronous = NORMAL` (the store's settings), the records table with the
//! store's columns and indexes, and one prepared statement inserting the same rows, a
//! transaction per page. No ORM, no validation, no signatures, no network.

use smarty_schema::store::Write;
use std::path::Path;

/// The records table as the store's migrations leave it (columns, key and indexes).
const SCHEMA: &str = "
CREATE TABLE records (
    origin TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, version BIGINT NOT NULL,
    status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, content TEXT NOT NULL,
    private TEXT, themes TEXT NOT NULL, seq BIGINT NOT NULL UNIQUE, deleted BOOLEAN NOT NULL DEFAULT FALSE,
    published_ever BOOLEAN NOT NULL DEFAULT FALSE, hash TEXT, signature TEXT, received_at TEXT,
    PRIMARY KEY (origin, id)
);
CREATE INDEX records_kind_id ON records (kind, id);
CREATE INDEX records_origin_set ON records (origin, published_ever, id, version, hash);
CREATE INDEX records_id ON records (id);
";

/// Inserts `rows` into a fresh database at `path`, `page` rows per transaction; the seconds
/// it took (opening and creating the table excluded).
pub fn paged_insert(path: &Path, rows: &[Write], page: usize) -> f64 {
    let mut db = rusqlite::Connection::open(path).unwrap();
    db.pragma_update(None, "journal_mode", "WAL").unwrap();
    db.pragma_update(None, "synchronous", "NORMAL").unwrap();
    db.execute_batch(SCHEMA).unwrap();
    // What the rows hold, prepared before the clock starts: the engine's time alone.
    let values: Vec<[String; 6]> = rows
        .iter()
        .map(|w| {
            let r = &w.change.record;
            let seal = w.change.seal.as_ref().unwrap();
            let content = r.content.as_ref().map_or_else(|| "{}".to_string(), ToString::to_string);
            [
                r.id.clone(),
                r.origin.clone(),
                content,
                seal.hash.clone(),
                serde_json::to_string(&seal.signature).unwrap(),
                r.updated_at.clone(),
            ]
        })
        .collect();
    let start = std::time::Instant::now();
    let mut seq = 0i64;
    for chunk in values.chunks(page) {
        let tx = db.transaction().unwrap();
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO records (origin, id, kind, version, status, created_at, updated_at, content, themes, \
                     seq, deleted, published_ever, hash, signature, received_at) \
                     VALUES (?1, ?2, 'case_study', 1, 'published', ?3, ?3, ?4, '|x|', ?5, 0, 1, ?6, ?7, ?3)",
                )
                .unwrap();
            for [id, origin, content, hash, signature, at] in chunk {
                seq += 1;
                insert.execute(rusqlite::params![origin, id, at, content, seq, hash, signature]).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    start.elapsed().as_secs_f64()
}
