//! Records: local writes, reads and listing.

use super::{Store, StoreError, StoreResult};
use crate::db::schema::records;
use crate::record::{Kind, Status};
use diesel::prelude::*;

/// A stored record: read as it is, written with `seq` and `published_ever` set by the store.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = records, treat_none_as_null = true)]
pub struct RecordRow {
    /// The record's id (UUIDv7).
    pub id: String,
    /// Its [`Kind`], as stored.
    pub kind: String,
    /// Code of the region whose node owns the record.
    pub origin: String,
    /// 1 on create, +1 on every change.
    pub version: i64,
    /// Its [`Status`], as stored.
    pub status: String,
    /// When it was created at its origin (stored timestamp form).
    pub created_at: String,
    /// When it last changed at its origin (stored timestamp form).
    pub updated_at: String,
    /// Public content, JSON.
    pub content: String,
    /// Personal data, JSON: never served publicly, never federated.
    pub private: Option<String>,
    /// Theme codes in the `|a|b|` form of [`RecordRow::themes_column`], for filtering.
    pub themes: String,
    /// This node's change sequence number of the row's latest write.
    pub seq: i64,
    /// A tombstone: deleted here, or (a peer's record) deleted, withdrawn or unpublished at
    /// its origin.
    pub deleted: bool,
    /// Whether the record was ever published: then peers receive its later changes too.
    pub published_ever: bool,
    /// The origin's `sha256:` hash of the change's canonical bytes.
    pub hash: Option<String>,
    /// The origin's [`crate::signing::Signature`] over those bytes, JSON.
    pub signature: Option<String>,
    /// When a peer's copy was last applied here; `None` for this node's own records.
    pub received_at: Option<String>,
}

impl RecordRow {
    /// Live and published: what anyone allowed to read the catalogue may see.
    pub fn is_public(&self) -> bool {
        !self.deleted && self.status == Status::Published.as_str()
    }

    /// A withdrawal received from a peer: out of the catalogue, but it keeps the content it
    /// had when it was published, so citations of it stay readable.
    pub fn is_withdrawal_tombstone(&self, local_region: &str) -> bool {
        self.deleted && self.status == Status::Withdrawn.as_str() && self.origin != local_region
    }

    /// The public content, as JSON.
    pub fn public_content(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(&self.content)
    }

    /// The content with its personal data merged back in: for the origin's editors only.
    pub fn content_with_private(&self) -> Result<serde_json::Value, serde_json::Error> {
        let mut content = self.public_content()?;
        if let Some(private) = self.private.as_deref() {
            let private: serde_json::Value = serde_json::from_str(private)?;
            if let (Some(o), Some(p)) = (content.as_object_mut(), private.as_object()) {
                o.extend(p.clone());
            }
        }
        Ok(content)
    }

    /// Theme codes in the stored `|a|b|` form.
    pub fn themes_column(themes: &[String]) -> String {
        format!("|{}|", themes.join("|"))
    }
}

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
    pub theme: Option<String>,
    /// Inclusive, in the stored timestamp form.
    pub updated_since: Option<String>,
    /// Only records after this id (the previous page's last).
    pub after_id: Option<String>,
    /// The most records the page holds.
    pub limit: i64,
}

impl Store {
    /// Writes a new record; fails with `AlreadyExists` if the id is taken.
    pub fn insert_record(&self, w: &RecordRow) -> StoreResult<RecordRow> {
        self.write(|c, seq| {
            let row = RecordRow { seq, published_ever: w.status == Status::Published.as_str(), ..w.clone() };
            diesel::insert_into(records::table).values(&row).execute(c)?;
            Ok(records::table.find(&w.id).select(RecordRow::as_select()).first(c)?)
        })
    }

    /// Writes new records in one transaction: all or nothing.
    pub fn insert_records(&self, rows: &[RecordRow]) -> StoreResult<()> {
        self.write(|c, first| {
            for (i, row) in rows.iter().enumerate() {
                let seq = if i == 0 { first } else { super::next_seq(c)? };
                let published_ever = row.published_ever || row.status == Status::Published.as_str();
                let row = RecordRow { seq, published_ever, ..row.clone() };
                diesel::insert_into(records::table).values(&row).execute(c)?;
            }
            Ok(())
        })
    }

    /// Replaces a live record of the same kind that is at `expected_version`. A tombstone is
    /// written the same way, with `deleted` set.
    pub fn update_record(&self, w: &RecordRow, expected_version: i64) -> StoreResult<RecordRow> {
        self.write(|c, seq| {
            let current: RecordRow = records::table
                .find(&w.id)
                .filter(records::kind.eq(&w.kind))
                .filter(records::deleted.eq(false))
                .select(RecordRow::as_select())
                .first(c)?;
            if current.version != expected_version {
                return Err(StoreError::VersionMismatch { current: current.version });
            }
            let published_ever = current.published_ever || w.status == Status::Published.as_str();
            let row = RecordRow { seq, published_ever, ..w.clone() };
            diesel::update(records::table.find(&w.id)).set(&row).execute(c)?;
            Ok(records::table.find(&w.id).select(RecordRow::as_select()).first(c)?)
        })
    }

    /// The record with this id, tombstones included.
    pub fn get_record(&self, id: &str) -> StoreResult<Option<RecordRow>> {
        let mut c = self.conn()?;
        Ok(records::table.find(id).select(RecordRow::as_select()).first(&mut c).optional()?)
    }

    /// One page of live records of a kind, filtered.
    pub fn list_records(&self, q: &ListQuery) -> StoreResult<Vec<RecordRow>> {
        let mut c = self.conn()?;
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
        Ok(query.load(&mut c)?)
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
    pub fn own_records(&self, origin: &str) -> StoreResult<Vec<RecordRow>> {
        let mut c = self.conn()?;
        Ok(records::table
            .filter(records::origin.eq(origin))
            .filter(records::deleted.eq(false))
            .order(records::id.asc())
            .select(RecordRow::as_select())
            .load(&mut c)?)
    }

    /// Of `ids`, those naming a record of `kind` of any origin that is published, or was
    /// withdrawn (a citation of a practice outlives its withdrawal).
    pub fn existing_public_ids(&self, kind: Kind, ids: &[String]) -> StoreResult<Vec<String>> {
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
            .select(records::id)
            .load(&mut c)?)
    }

    /// Every published, live record of a kind (all origins).
    pub fn public_records_of_kind(&self, kind: Kind) -> StoreResult<Vec<RecordRow>> {
        let mut c = self.conn()?;
        Ok(records::table
            .filter(records::kind.eq(kind.as_str()))
            .filter(records::status.eq(Status::Published.as_str()))
            .filter(records::deleted.eq(false))
            .order(records::id.asc())
            .select(RecordRow::as_select())
            .load(&mut c)?)
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
