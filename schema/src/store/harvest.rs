//! What harvesters read (OAI-PMH): every record ever published here, live or not, in
//! sequence order, each with the time it last changed on this node, selected by set and date.

use super::row::RecordRow;
use super::stored::StoredRecord;
use super::{Store, StoreResult};
use crate::db::DbBackend;
use crate::db::schema::records;
use crate::record::Status;
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
}

impl StoredRecord {
    /// When the record last changed on this node: a peer's record when it arrived, this
    /// node's own when it was written. What a harvest's dates select by, so a record that
    /// arrives late from a peer is not missed by a harvester that asked from yesterday.
    pub fn changed_here(&self) -> &str {
        self.received_at.as_deref().unwrap_or(&self.updated_at)
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
        let pattern = if theme.is_empty() { "%|_%".to_string() } else { format!("%|{theme}|%") };
        query = query
            .filter(records::themes.like(pattern))
            .filter(records::deleted.eq(false))
            .filter(records::status.eq(Status::Published.as_str()));
    }
    // A peer's record changed here when it arrived; this node's own (never received) when
    // it was written.
    if let Some(from) = &f.from {
        query = query.filter(
            records::received_at
                .ge(from)
                .or(records::received_at.is_null().and(records::updated_at.ge(from)).nullable()),
        );
    }
    if let Some(until) = &f.until {
        query = query.filter(
            records::received_at
                .le(until)
                .or(records::received_at.is_null().and(records::updated_at.le(until)).nullable()),
        );
    }
    query
}

impl Store {
    /// Up to `limit` records `filter` selects, after sequence position `after`, in sequence
    /// order, and how many it selects in all.
    pub fn harvest(&self, filter: &HarvestFilter, after: i64, limit: i64) -> StoreResult<HarvestPage> {
        let mut c = self.conn()?;
        let mut rows: Vec<RecordRow> = selected(filter)
            .filter(records::seq.gt(after))
            .order(records::seq.asc())
            .limit(limit + 1)
            .select(RecordRow::as_select())
            .load(&mut c)?;
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let total = selected(filter).count().get_result(&mut c)?;
        // A row that cannot be read is left out (logged and counted) rather than stopping every
        // harvest at its page.
        Ok(HarvestPage { records: self.readable(rows, &mut Vec::new()), more, total })
    }

    /// The record of `origin` with `id` if it was ever published here, live or not.
    pub fn harvested(&self, origin: &str, id: &str) -> StoreResult<Option<StoredRecord>> {
        Ok(self.get_record(origin, id)?.filter(|r| r.published_ever))
    }

    /// The earliest time a record ever published here changed on this node (`None` with no
    /// such record): no harvest date before it selects anything more.
    pub fn earliest_harvestable(&self) -> StoreResult<Option<String>> {
        let mut c = self.conn()?;
        let published = records::table.filter(records::published_ever.eq(true));
        let written: Option<String> = published.select(diesel::dsl::min(records::updated_at)).first(&mut c)?;
        let received: Option<String> = published.select(diesel::dsl::min(records::received_at)).first(&mut c)?;
        Ok(written.into_iter().chain(received).min())
    }

    /// Per origin of a record ever published here, when one of its records last changed on
    /// this node (stored timestamp form), by origin.
    pub fn last_changed_by_origin(&self) -> StoreResult<Vec<(String, String)>> {
        let mut c = self.conn()?;
        let rows: Vec<(String, Option<String>, Option<String>)> = records::table
            .filter(records::published_ever.eq(true))
            .group_by(records::origin)
            .select((records::origin, diesel::dsl::max(records::updated_at), diesel::dsl::max(records::received_at)))
            .order(records::origin)
            .load(&mut c)?;
        // A peer's records changed here when they arrived; this node's own when written.
        Ok(rows.into_iter().filter_map(|(origin, written, received)| Some((origin, received.or(written)?))).collect())
    }
}
