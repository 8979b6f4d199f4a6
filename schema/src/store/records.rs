//! Records: local writes, reads and listing.

use super::commitments::Delta;
use super::row::RecordRow;
use super::stored::{StoredRecord, StoredText, Write};
use super::{Store, StoreError, StoreResult};
use crate::db::DbConnection;
use crate::db::schema::records;
use crate::record::{Kind, Status};
use diesel::prelude::*;

/// A page of a listing, in id order (UUIDv7: creation order), after `after_id`.
#[derive(Debug, Clone)]
pub struct ListQuery {
    /// The kind of records listed.
    pub kind: Kind,
    /// The region whose records are listed.
    pub origin: String,
    /// Statuses the caller may see.
    pub statuses: Vec<Status>,
    /// Only records with this theme code.
    pub theme: Option<crate::vocab::ThemeCode>,
    /// Inclusive, in the stored timestamp form.
    pub updated_since: Option<String>,
    /// Only records after this id (the previous page's last).
    pub after_id: Option<String>,
    /// The most records the page holds.
    pub limit: i64,
}

impl Store {
    /// Writes a new record; fails with `AlreadyExists` if the id is taken.
    pub fn insert_record(&self, w: &Write) -> StoreResult<()> {
        self.insert_records(std::slice::from_ref(w))
    }

    /// Writes new records in one transaction: all or nothing.
    pub fn insert_records(&self, writes: &[Write]) -> StoreResult<()> {
        self.write(|c, seq| {
            let mut delta = Delta::default();
            let rows = writes.iter().map(|w| w.row(seq.take(), false)).collect::<StoreResult<Vec<_>>>()?;
            rows.iter().for_each(|row| delta.enter(row));
            RecordRow::insert_all(c, &rows)?;
            delta.apply(c)
        })
    }

    /// Replaces a live record of the same origin, id and kind that is at `expected_version`.
    /// A tombstone is written the same way.
    pub fn update_record(&self, w: &Write, expected_version: i64) -> StoreResult<()> {
        let (origin, id) = (w.change.record.origin.as_str(), w.id());
        self.write(|c, seq| {
            let (version, published_ever, hash): (i64, bool, Option<String>) = records::table
                .find((origin, id))
                .filter(records::kind.eq(w.change.record.kind.as_str()))
                .filter(records::deleted.eq(false))
                .select((records::version, records::published_ever, records::hash))
                .get_result(c)?;
            if version != expected_version {
                return Err(StoreError::VersionMismatch { current: version });
            }
            let row = w.row(seq.take(), published_ever)?;
            diesel::update(records::table.find((origin, id))).set(&row).execute(c)?;
            let mut delta = Delta::default();
            delta.leave(origin, id, version, hash.as_deref(), published_ever);
            delta.enter(&row);
            delta.apply(c)
        })
    }

    /// `origin`'s record with this id, tombstones included.
    pub fn get_record(&self, origin: &str, id: &str) -> StoreResult<Option<StoredRecord>> {
        self.get_record_text(origin, id)?.map(StoredText::parse).transpose()
    }

    /// [`Store::get_record`] with the content as the JSON text stored.
    pub fn get_record_text(&self, origin: &str, id: &str) -> StoreResult<Option<StoredText>> {
        record_text(&mut *self.conn()?, origin, id)
    }

    /// [`Store::get_record_text`] on this thread, or `None` (see [`Store::here`]).
    pub fn get_record_text_here(&self, origin: &str, id: &str) -> Option<Option<StoredText>> {
        self.here(|c| record_text(c, origin, id))
    }

    /// Every origin's record with this id, tombstones included, by origin: one for every
    /// honest node's id (UUIDv7), more when an origin published under an id another took.
    pub fn records_with_id(&self, id: &str) -> StoreResult<Vec<StoredRecord>> {
        let mut c = self.conn()?;
        let rows = records::table
            .filter(records::id.eq(id))
            .order(records::origin)
            .select(RecordRow::as_select())
            .load(&mut c)?;
        rows.into_iter().map(StoredRecord::try_from).collect()
    }

    /// One page of live records of a kind, filtered, the content as the JSON text stored.
    pub fn list_records(&self, q: &ListQuery) -> StoreResult<Vec<StoredText>> {
        list(&mut *self.conn()?, q)
    }

    /// [`Store::list_records`] on this thread, or `None` (see [`Store::here`]). A page in id
    /// order reads about as many rows as it serves; a filter may scan far more rows than it
    /// keeps, so a filtered page is never read here.
    pub fn list_records_here(&self, q: &ListQuery) -> Option<Vec<StoredText>> {
        if q.theme.is_some() || q.updated_since.is_some() {
            return None;
        }
        self.here(|c| list(c, q))
    }

    /// Published, live records held (all origins), by origin.
    pub fn public_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        let mut c = self.conn()?;
        Ok(records::table
            .filter(records::deleted.eq(false))
            .filter(records::status.eq(Status::Published.as_str()))
            .group_by(records::origin)
            .select((records::origin, diesel::dsl::count_star()))
            .order(records::origin)
            .load(&mut c)?)
    }

    /// Every live record of `origin`, in id order (for `smarty export`).
    pub fn own_records(&self, origin: &str) -> StoreResult<Vec<StoredRecord>> {
        let mut c = self.conn()?;
        let rows = records::table
            .filter(records::origin.eq(origin))
            .filter(records::deleted.eq(false))
            .order(records::id.asc())
            .select(RecordRow::as_select())
            .load(&mut c)?;
        strict(rows)
    }

    /// Of `ids`, the (origin, id) of every record of `kind` of any origin that has one of them
    /// and is published, or was withdrawn (a citation of a practice outlives its withdrawal).
    pub fn existing_public_ids(&self, kind: Kind, ids: &[String]) -> StoreResult<Vec<(String, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn()?;
        Ok(records::table
            .filter(records::id.eq_any(ids))
            .filter(records::kind.eq(kind.as_str()))
            .filter(
                records::status
                    .eq(Status::Withdrawn.as_str())
                    .or(records::status.eq(Status::Published.as_str()).and(records::deleted.eq(false))),
            )
            .select((records::origin, records::id))
            .load(&mut c)?)
    }

    /// Every published, live record of a kind (all origins).
    pub fn public_records_of_kind(&self, kind: Kind) -> StoreResult<Vec<StoredRecord>> {
        let mut c = self.conn()?;
        let rows = records::table
            .filter(records::kind.eq(kind.as_str()))
            .filter(records::status.eq(Status::Published.as_str()))
            .filter(records::deleted.eq(false))
            .order(records::id.asc())
            .select(RecordRow::as_select())
            .load(&mut c)?;
        Ok(self.readable(rows, &mut Vec::new()))
    }

    /// Of `ids`, those naming a live record of `kind` from `origin` (a published one, when
    /// `published_only`).
    pub fn existing_ids(
        &self,
        kind: Kind,
        origin: &str,
        ids: &[String],
        published_only: bool,
    ) -> StoreResult<Vec<String>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn()?;
        let mut query = records::table
            .filter(records::id.eq_any(ids))
            .filter(records::kind.eq(kind.as_str()))
            .filter(records::origin.eq(origin))
            .filter(records::deleted.eq(false))
            .select(records::id)
            .into_boxed();
        if published_only {
            query = query.filter(records::status.eq(Status::Published.as_str()));
        }
        Ok(query.load(&mut c)?)
    }
}

fn record_text(c: &mut DbConnection, origin: &str, id: &str) -> StoreResult<Option<StoredText>> {
    let row = records::table.find((origin, id)).select(RecordRow::as_select()).get_result(c).optional()?;
    row.map(StoredText::try_from).transpose()
}

fn list(c: &mut DbConnection, q: &ListQuery) -> StoreResult<Vec<StoredText>> {
    let statuses: Vec<&str> = q.statuses.iter().map(|s| s.as_str()).collect();
    let mut query = records::table
        .filter(records::kind.eq(q.kind.as_str()))
        .filter(records::origin.eq(&q.origin))
        .filter(records::deleted.eq(false))
        .filter(records::status.eq_any(statuses))
        .select(RecordRow::as_select())
        .order(records::id.asc())
        .limit(q.limit)
        .into_boxed();
    if let Some(theme) = &q.theme {
        query = query.filter(records::themes.like(format!("%|{theme}|%")));
    }
    if let Some(since) = &q.updated_since {
        query = query.filter(records::updated_at.ge(since.clone()));
    }
    if let Some(after) = &q.after_id {
        query = query.filter(records::id.gt(after.clone()));
    }
    query.load(c)?.into_iter().map(StoredText::try_from).collect()
}

/// The rows as records, or the first that cannot be read as the error: for listings and
/// exports of this node's own records, where a record left out would go unnoticed (a page
/// ending early, a file missing a record).
fn strict(rows: Vec<RecordRow>) -> StoreResult<Vec<StoredRecord>> {
    rows.into_iter().map(StoredRecord::try_from).collect()
}

impl Store {
    /// The rows as records, for readers that derive views (the index, lineage, search
    /// results): a row that cannot be read is left out, logged and counted (see
    /// [`Store::corrupt_rows`]), so that one bad row does not hide every other. Its origin and
    /// id are pushed onto `unreadable`.
    pub(crate) fn readable(&self, rows: Vec<RecordRow>, unreadable: &mut Vec<(String, String)>) -> Vec<StoredRecord> {
        rows.into_iter()
            .filter_map(|row| {
                let id = (row.origin.clone(), row.id.clone());
                match StoredRecord::try_from(row) {
                    Ok(record) => Some(record),
                    Err(e) => {
                        let seen = self.corrupt.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        tracing::error!(error = %e, corrupt_rows_seen = seen, "a stored record cannot be read; left out");
                        unreadable.push(id);
                        None
                    }
                }
            })
            .collect()
    }
}
