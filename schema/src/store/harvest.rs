//! What harvesters read (OAI-PMH): every record ever published here, live or not, in
//! sequence order, each with the time it last changed on this node, selected by set and date.

use super::row::RecordRow;
use super::stored::StoredRecord;
use super::{Store, StoreError, StoreResult};
use crate::db::schema::{harvest_deletions, records};
use crate::db::{DbBackend, DbConnection};
use crate::record::{Kind, Status};
use diesel::prelude::*;

/// Which records a harvest asks for. Every field narrows it; the default is all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HarvestFilter {
    /// Records of this origin only.
    pub origin: Option<String>,
    /// Records of this kind only (as stored: `case_study`).
    pub kind: Option<String>,
    /// Live, published records with this theme only (`Some("")`: with any theme). A record no
    /// longer public is never selected by theme: what a draft is about stays on its node.
    pub theme: Option<String>,
    /// Changed here at or after this time (stored timestamp form).
    pub from: Option<String>,
    /// Changed here at or before this time (stored timestamp form).
    pub until: Option<String>,
}

/// One page of a harvest.
#[derive(Debug)]
pub struct HarvestPage {
    /// The records, in sequence order: live ones and those no longer public alike.
    pub records: Vec<StoredRecord>,
    /// Whether more follow the last one.
    pub more: bool,
    /// How many records the whole harvest selects, this page and those before it included.
    pub total: i64,
    /// The sequence position the page ends at: where the next page starts.
    pub last_seq: i64,
}

impl StoredRecord {
    /// When the record last changed on this node: a peer's record when it arrived, this
    /// node's own when it was written, stamped inside the write's transaction. What a
    /// harvest's dates select by, so a record that arrives late from a peer, or a write that
    /// waited for the store, is not missed by a harvester that asked from yesterday.
    pub fn changed_here(&self) -> &str {
        &self.changed_at
    }
}

/// The records `f` selects, of those ever published here.
fn selected(f: &HarvestFilter) -> records::BoxedQuery<'_, DbBackend> {
    let mut query = records::table.filter(records::published_ever.eq(true)).into_boxed();
    if let Some(origin) = &f.origin {
        query = query.filter(records::origin.eq(origin));
    }
    if let Some(kind) = &f.kind {
        query = query.filter(records::kind.eq(kind));
    }
    if let Some(theme) = &f.theme {
        // `||` is a record without themes; `_` matches any one character, `|` included.
        let pattern = if theme.is_empty() { "%|_%|%".to_string() } else { format!("%|{theme}|%") };
        query = query
            .filter(records::themes.like(pattern))
            .filter(records::deleted.eq(false))
            .filter(records::status.eq(Status::Published.as_str()));
    }
    if let Some(from) = &f.from {
        query = query.filter(records::changed_at.ge(from));
    }
    if let Some(until) = &f.until {
        query = query.filter(records::changed_at.le(until));
    }
    query
}

/// A record that has left the records table, as harvesters go on hearing of it.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = harvest_deletions)]
pub(crate) struct Deletion {
    pub origin: String,
    pub id: String,
    pub kind: String,
    pub version: i64,
    pub seq: i64,
    /// Its datestamp (stored timestamp form).
    pub changed_at: String,
}

impl Deletion {
    /// The deletion as a tombstone that keeps nothing.
    fn tombstone(self) -> StoreResult<StoredRecord> {
        let kind = Kind::parse(&self.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("deletion of {}: unknown kind", self.id)))?;
        Ok(StoredRecord {
            id: self.id,
            kind,
            origin: self.origin,
            version: self.version,
            status: Status::Withdrawn,
            created_at: self.changed_at.clone(),
            updated_at: self.changed_at.clone(),
            content: None,
            private: None,
            deleted: true,
            published_ever: true,
            seq: self.seq,
            received_at: None,
            changed_at: self.changed_at,
        })
    }
}

/// Keeps what harvesters are told of a record leaving the records table, in the caller's
/// transaction.
pub(crate) fn keep_deletion(c: &mut DbConnection, d: &Deletion) -> StoreResult<()> {
    diesel::delete(harvest_deletions::table.find((&d.origin, &d.id))).execute(c)?;
    diesel::insert_into(harvest_deletions::table).values(d).execute(c)?;
    Ok(())
}

/// The deletions `f` selects: none by theme (what a record was about is not said once it is
/// gone).
fn deletions(f: &HarvestFilter) -> Option<harvest_deletions::BoxedQuery<'_, DbBackend>> {
    if f.theme.is_some() {
        return None;
    }
    // A record that came back (a retracted record its origin serves again) is told of as it
    // is held, not as the deletion.
    let held_again = records::table
        .filter(records::origin.eq(harvest_deletions::origin))
        .filter(records::id.eq(harvest_deletions::id))
        .filter(records::published_ever.eq(true));
    let mut query = harvest_deletions::table.filter(diesel::dsl::not(diesel::dsl::exists(held_again))).into_boxed();
    if let Some(origin) = &f.origin {
        query = query.filter(harvest_deletions::origin.eq(origin));
    }
    if let Some(kind) = &f.kind {
        query = query.filter(harvest_deletions::kind.eq(kind));
    }
    if let Some(from) = &f.from {
        query = query.filter(harvest_deletions::changed_at.ge(from));
    }
    if let Some(until) = &f.until {
        query = query.filter(harvest_deletions::changed_at.le(until));
    }
    Some(query)
}

impl Store {
    /// Up to `limit` records `filter` selects, after sequence position `after`, in sequence
    /// order (records held and deletions kept, merged), and how many it selects in all.
    pub fn harvest(&self, filter: &HarvestFilter, after: i64, limit: i64) -> StoreResult<HarvestPage> {
        let mut c = self.conn()?;
        let rows: Vec<RecordRow> = selected(filter)
            .filter(records::seq.gt(after))
            .order(records::seq.asc())
            .limit(limit + 1)
            .select(RecordRow::as_select())
            .load(&mut c)?;
        let mut total: i64 = selected(filter).count().get_result(&mut c)?;
        let mut gone: Vec<Deletion> = Vec::new();
        if let Some(query) = deletions(filter) {
            gone = query
                .filter(harvest_deletions::seq.gt(after))
                .order(harvest_deletions::seq.asc())
                .limit(limit + 1)
                .select(Deletion::as_select())
                .load(&mut c)?;
            total += deletions(filter).map_or(Ok(0), |q| q.count().get_result::<i64>(&mut c))?;
        }
        // The page is cut from both sources merged, before anything is dropped, so that a row
        // left out cannot end the list early; the next page starts after the last row cut.
        let mut seqs: Vec<i64> = rows.iter().map(|r| r.seq).chain(gone.iter().map(|d| d.seq)).collect();
        seqs.sort_unstable();
        let more = seqs.len() as i64 > limit;
        seqs.truncate(limit as usize);
        let last_seq = seqs.last().copied().unwrap_or(after);
        let rows: Vec<RecordRow> = rows.into_iter().filter(|r| r.seq <= last_seq).collect();
        // A row that cannot be read is left out (logged and counted) rather than stopping every
        // harvest at its page.
        let mut items = self.readable(rows, &mut Vec::new());
        for d in gone.into_iter().filter(|d| d.seq <= last_seq) {
            items.push(d.tombstone()?);
        }
        items.sort_by_key(|r| r.seq);
        Ok(HarvestPage { records: items, more, total, last_seq })
    }

    /// The record of `origin` with `id` if it was ever published here, live, deleted or gone.
    pub fn harvested(&self, origin: &str, id: &str) -> StoreResult<Option<StoredRecord>> {
        if let Some(record) = self.get_record(origin, id)?.filter(|r| r.published_ever) {
            return Ok(Some(record));
        }
        let mut c = self.conn()?;
        let gone: Option<Deletion> =
            harvest_deletions::table.find((origin, id)).select(Deletion::as_select()).get_result(&mut c).optional()?;
        gone.map(Deletion::tombstone).transpose()
    }

    /// The earliest time a record ever published here changed on this node (`None` with no
    /// such record): no harvest date before it selects anything more.
    pub fn earliest_harvestable(&self) -> StoreResult<Option<String>> {
        let mut c = self.conn()?;
        let held: Option<String> = records::table
            .filter(records::published_ever.eq(true))
            .select(diesel::dsl::min(records::changed_at))
            .get_result(&mut c)?;
        let gone: Option<String> =
            harvest_deletions::table.select(diesel::dsl::min(harvest_deletions::changed_at)).get_result(&mut c)?;
        Ok(held.into_iter().chain(gone).min())
    }
    /// Per origin of a record ever published here, when one of its records last changed on
    /// this node (stored timestamp form), by origin.
    pub fn last_changed_by_origin(&self) -> StoreResult<Vec<(String, String)>> {
        let mut c = self.conn()?;
        let rows: Vec<(String, Option<String>)> = records::table
            .filter(records::published_ever.eq(true))
            // A draft's edits are nobody else's business, not even when.
            .filter(records::status.ne(Status::Draft.as_str()))
            .group_by(records::origin)
            .select((records::origin, diesel::dsl::max(records::changed_at)))
            .order(records::origin)
            .load(&mut c)?;
        Ok(rows.into_iter().filter_map(|(origin, changed)| Some((origin, changed?))).collect())
    }
}
