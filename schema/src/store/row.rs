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
}
