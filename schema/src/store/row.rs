//! The one row type of the records table, and nothing that reads it: [`super::stored`] maps
//! records to and from it, the other store files query it.

use crate::db::schema::records;
use crate::vocab::ThemeCode;
use diesel::prelude::*;

/// A record's row, as stored. Private to the store: readers get a [`super::StoredRecord`], writers
/// give a [`super::Write`].
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = records, treat_none_as_null = true)]
pub(crate) struct RecordRow {
    pub id: String,
    /// Its [`crate::Kind`], as stored.
    pub kind: String,
    pub origin: String,
    pub version: i64,
    /// Its [`crate::Status`], as stored.
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    /// Public content, JSON (`{}` for a tombstone that keeps none).
    pub content: String,
    /// Personal data, JSON: never served publicly, never federated.
    pub private: Option<String>,
    /// Theme codes in the `|a|b|` form of [`RecordRow::themes_column`], for filtering.
    pub themes: String,
    pub seq: i64,
    pub deleted: bool,
    pub published_ever: bool,
    /// The origin's `sha256:` hash of the change's canonical bytes.
    pub hash: Option<String>,
    /// The origin's [`crate::signing::Signature`] over those bytes, JSON.
    pub signature: Option<String>,
    pub received_at: Option<String>,
    /// When the record last changed on this node (stamped inside the write's transaction).
    pub changed_at: String,
}

impl RecordRow {
    /// Theme codes in the stored `|a|b|` form.
    pub fn themes_column(themes: &[ThemeCode]) -> String {
        let codes: Vec<&str> = themes.iter().map(ThemeCode::as_str).collect();
        format!("|{}|", codes.join("|"))
    }

    /// Inserts `rows` with multi-row `INSERT`s, inside the caller's transaction: one statement
    /// per hundred rows instead of one per row, which is most of the cost of a row's write
    /// above the engine's own. The batch is built per backend: `MultiConnection` cannot build
    /// it generically.
    pub(crate) fn insert_all(c: &mut crate::db::DbConnection, rows: &[RecordRow]) -> QueryResult<()> {
        use crate::db::DbConnection;
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            match c {
                DbConnection::Sqlite(c) => diesel::insert_into(records::table).values(chunk).execute(c)?,
                DbConnection::Pg(c) => diesel::insert_into(records::table).values(chunk).execute(c)?,
            };
        }
        Ok(())
    }
}

/// Rows per multi-row `INSERT`: 17 columns each keeps a statement far below the bound variables
/// either backend allows (32,766 in SQLite, 65,535 in PostgreSQL), and a page of a sync in a
/// few statements.
const ROWS_PER_INSERT: usize = 100;
