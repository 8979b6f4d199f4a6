//! The federation side of the records: the changes feed, and applying a peer's page.

use super::commitments::Delta;
#[cfg(test)]
use super::peers::KEPT_REJECTIONS;
use super::peers::{Rejection, add_rejections};
use super::row::RecordRow;
use super::stored::{StoredRecord, Write};
use super::{Sequence, Store, StoreError, StoreResult};
use crate::db::schema::{peers, records};
use crate::record::{Kind, Record, Status};
use crate::signing::{Change, Seal, Signature};
use crate::timestamp;
use diesel::prelude::*;
use std::collections::HashMap;

/// One page of the changes feed.
#[derive(Debug)]
pub struct FeedPage {
    /// The changes, in sequence order.
    pub changes: Vec<Change>,
    /// Sequence number of the last change served (or `since` when none was).
    pub last_seq: i64,
    /// Whether more changes follow `last_seq`.
    pub more: bool,
}

/// Records changed after a sequence number.
#[derive(Debug)]
pub struct Since {
    /// The records read, in sequence order.
    pub records: Vec<StoredRecord>,
    /// (origin, id) of rows that could not be read as records (logged and counted): whatever
    /// was derived from them is stale.
    pub unreadable: Vec<(String, String)>,
    /// The sequence number of the last row read, readable or not (`None` when none was):
    /// where the next read starts, so a corrupt row is not read again.
    pub last_seq: Option<i64>,
}

/// What applying a page did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ApplyOutcome {
    /// Records inserted or replaced.
    pub applied: usize,
    /// Already held at this version (records come back through several peers).
    pub unchanged: usize,
    /// Older than the version held: a relay's copy from before the latest change.
    pub stale: usize,
    /// This node's own records, back through a relay as they are held here.
    pub own: usize,
    /// Records refused (already refused by the caller, or judged here), each noted as a
    /// rejection.
    pub rejected: usize,
}

impl std::ops::AddAssign for ApplyOutcome {
    fn add_assign(&mut self, other: ApplyOutcome) {
        self.applied += other.applied;
        self.unchanged += other.unchanged;
        self.stale += other.stale;
        self.own += other.own;
        self.rejected += other.rejected;
    }
}

impl Store {
    /// Records changed after `since` that peers may see, in sequence order: every record
    /// that was ever published (live or tombstone); drafts and contacts never.
    pub fn changes_since(&self, since: i64, limit: i64) -> StoreResult<FeedPage> {
        self.changes_through(since, i64::MAX, limit)
    }

    /// Records changed after `since` and at or before `through` that peers may see, in
    /// sequence order: a page of a snapshot taken at `through` (a record changed after it has
    /// moved past `through`, and is served by the feed from there).
    pub fn changes_through(&self, since: i64, through: i64, limit: i64) -> StoreResult<FeedPage> {
        let mut c = self.conn()?;
        let mut rows: Vec<RecordRow> = records::table
            .filter(records::seq.gt(since))
            .filter(records::seq.le(through))
            .filter(records::published_ever.eq(true))
            .order(records::seq.asc())
            .limit(limit + 1)
            .select(RecordRow::as_select())
            .load(&mut c)?;
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let last_seq = rows.last().map_or(since, |r| r.seq);
        let changes = rows.into_iter().map(|r| change_from_row(&r)).collect::<StoreResult<_>>()?;
        Ok(FeedPage { changes, last_seq, more })
    }

    /// Every record changed after `since`, in sequence order, whatever its status: for
    /// consumers that derive views from the store (the search index).
    pub fn records_since(&self, since: i64, limit: i64) -> StoreResult<Since> {
        let mut c = self.conn()?;
        let rows: Vec<RecordRow> = records::table
            .filter(records::seq.gt(since))
            .order(records::seq.asc())
            .limit(limit)
            .select(RecordRow::as_select())
            .load(&mut c)?;
        let last_seq = rows.last().map(|r| r.seq);
        let mut unreadable = Vec::new();
        let records = self.readable(rows, &mut unreadable);
        Ok(Since { records, unreadable, last_seq })
    }

    /// The sequence number of the latest change to a record (the sequence itself may be ahead:
    /// a transaction that wrote nothing still took a number).
    pub fn last_record_seq(&self) -> StoreResult<i64> {
        let mut c = self.conn()?;
        Ok(records::table.select(diesel::dsl::max(records::seq)).first::<Option<i64>>(&mut c)?.unwrap_or(0))
    }

    /// Records by id, in no particular order (missing ids are left out).
    pub fn records_by_id(&self, ids: &[String]) -> StoreResult<Vec<StoredRecord>> {
        let mut c = self.conn()?;
        let rows = records::table.filter(records::id.eq_any(ids)).select(RecordRow::as_select()).load(&mut c)?;
        Ok(self.readable(rows, &mut Vec::new()))
    }

    /// The change `origin`'s record `id` stands for, as its origin signed it.
    pub fn change_of(&self, origin: &str, id: &str) -> StoreResult<Option<Change>> {
        let mut c = self.conn()?;
        let row = records::table.find((origin, id)).select(RecordRow::as_select()).get_result(&mut c).optional()?;
        row.filter(|r| r.published_ever).map(|r| change_from_row(&r)).transpose()
    }

    /// Applies a page of verified changes from `peer` and moves its cursor from
    /// `expected_cursor` to `next_cursor`, all in one transaction. Fails with `Conflict` when
    /// the cursor moved meanwhile (another sync of the same peer), applying nothing.
    pub fn apply_remote(
        &self,
        peer: &str,
        local_region: &str,
        expected_cursor: Option<&str>,
        next_cursor: &str,
        changes: &[Write],
        rejected: &[(String, String)],
    ) -> StoreResult<ApplyOutcome> {
        self.write(|c, seq| {
            let cursor: Option<String> = peers::table.find(peer).select(peers::cursor).get_result(c)?;
            if cursor.as_deref() != expected_cursor {
                return Err(StoreError::Conflict(format!("the cursor of {peer} moved during the sync")));
            }
            apply_changes(c, seq, peer, local_region, changes, rejected, Some(next_cursor))
        })
    }

    /// Applies verified changes `peer` served outside its feed (a repair, a snapshot), judged
    /// like a page's: nothing older than what is held replaces it.
    pub fn apply_repair(
        &self,
        peer: &str,
        local_region: &str,
        changes: &[Write],
        rejected: &[(String, String)],
    ) -> StoreResult<ApplyOutcome> {
        self.write(|c, seq| apply_changes(c, seq, peer, local_region, changes, rejected, None))
    }
}

/// Judges and writes a peer's verified changes, notes its refusals, and counts them in the
/// peer's status (moving its cursor to `next_cursor`, if given, in the same statement),
/// inside the caller's transaction.
fn apply_changes(
    c: &mut crate::db::DbConnection,
    seq: &mut Sequence,
    peer: &str,
    local_region: &str,
    changes: &[Write],
    rejected: &[(String, String)],
    next_cursor: Option<&str>,
) -> StoreResult<ApplyOutcome> {
    let now = timestamp::now();
    let mut outcome = ApplyOutcome::default();
    let mut rejections: Vec<Rejection> =
        rejected.iter().map(|(id, reason)| rejection(peer, &now, id, reason)).collect();
    // What the page's records are held as, by origin and id: a record is its origin's, and
    // another origin's record of the same id is another record (docs/protocol.md, section 14).
    let ids: Vec<&str> = changes.iter().map(Write::id).collect();
    // A query per 500 ids: SQLite bounds the variables of one statement.
    let mut held: HashMap<(String, String), Held> = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows = records::table.filter(records::id.eq_any(chunk)).select(Held::as_select()).load::<Held>(c)?;
        held.extend(rows.into_iter().map(|h| ((h.origin.clone(), h.id.clone()), h)));
    }
    let mut delta = Delta::default();
    // New records are written together, in multi-row inserts: before any update (a page may
    // carry the same record twice) and at the end.
    let mut inserts: Vec<RecordRow> = Vec::new();
    for write in changes {
        let (change, record) = (&write.change, &write.change.record);
        let key = (record.origin.clone(), record.id.clone());
        let verdict = match held.get(&key) {
            current if record.origin == local_region => match current {
                Some(h) if h.hash.as_deref() == Some(change.hash()) => Verdict::Own,
                _ => Verdict::Reject("claims this node as origin but differs from what it holds".into()),
            },
            Some(h) if h.kind != record.kind.as_str() => Verdict::Reject("changes the kind of a record".into()),
            Some(h) if h.version > record.version => Verdict::Stale,
            // A record retracted here (its origin's checkpoint left it out) comes back at the
            // version it had: it is published after all, and re-enters.
            Some(h) if h.version == record.version && !h.published_ever => Verdict::Replace,
            // The same change signed again (its origin revoked the key that signed it): the
            // new signature, verified by the caller, takes the old one's place.
            Some(h) if h.version == record.version && h.hash.as_deref() == Some(change.hash()) && h.published_ever => {
                match change.seal.as_ref().map(|s| serde_json::to_string(&s.signature)) {
                    Some(Ok(signature)) if Some(&signature) != h.signature.as_ref() => Verdict::Resigned(signature),
                    _ => Verdict::Unchanged,
                }
            }
            Some(h) if h.version == record.version => Verdict::Unchanged,
            Some(_) => Verdict::Replace,
            None => Verdict::Insert,
        };
        match verdict {
            Verdict::Resigned(signature) => {
                RecordRow::insert_all(c, &std::mem::take(&mut inserts))?;
                diesel::update(records::table.find((&record.origin, &record.id)))
                    .set((
                        records::signature.eq(&signature),
                        records::seq.eq(seq.take()),
                        records::received_at.eq(&now),
                        records::changed_at.eq(crate::timestamp::now()),
                    ))
                    .execute(c)?;
                if let Some(h) = held.get_mut(&key) {
                    h.signature = Some(signature);
                }
                outcome.applied += 1;
            }
            Verdict::Unchanged => outcome.unchanged += 1,
            Verdict::Stale => outcome.stale += 1,
            Verdict::Own => outcome.own += 1,
            Verdict::Reject(reason) => rejections.push(rejection(peer, &now, &record.id, &reason)),
            Verdict::Insert | Verdict::Replace => {
                let row = write.row(seq.take(), true)?;
                if let Some(h) = held.get(&key) {
                    // What a peer's record replaces was received, so published, unless its
                    // origin's checkpoint has since retracted it.
                    delta.leave(&h.origin, &h.id, h.version, h.hash.as_deref(), h.published_ever);
                }
                delta.enter(&row);
                // A page may carry the same record twice: judge the second by the first.
                held.insert(key, Held::of(&row));
                outcome.applied += 1;
                if matches!(verdict, Verdict::Insert) {
                    inserts.push(row);
                    continue;
                }
                RecordRow::insert_all(c, &std::mem::take(&mut inserts))?;
                if change.deleted && record.status == Status::Withdrawn {
                    // A withdrawal: the record leaves the catalogue, but the citations
                    // of action plans still show what was withdrawn.
                    diesel::update(records::table.find((&record.origin, &record.id)))
                        .set((
                            records::version.eq(row.version),
                            records::status.eq(&row.status),
                            records::updated_at.eq(&row.updated_at),
                            records::deleted.eq(true),
                            records::published_ever.eq(true),
                            records::seq.eq(row.seq),
                            records::hash.eq(&row.hash),
                            records::signature.eq(&row.signature),
                            records::received_at.eq(&row.received_at),
                            records::changed_at.eq(&row.changed_at),
                        ))
                        .execute(c)?;
                } else {
                    diesel::update(records::table.find((&record.origin, &record.id))).set(&row).execute(c)?;
                }
            }
        }
    }
    RecordRow::insert_all(c, &inserts)?;
    delta.apply(c)?;
    outcome.rejected = rejections.len();
    add_rejections(c, &rejections)?;
    let counts = (
        peers::records_received.eq(peers::records_received + outcome.applied as i64),
        peers::records_rejected.eq(peers::records_rejected + outcome.rejected as i64),
        peers::records_stale.eq(peers::records_stale + outcome.stale as i64),
        peers::records_own.eq(peers::records_own + outcome.own as i64),
    );
    let status = diesel::update(peers::table.find(peer));
    match next_cursor {
        Some(next) => status.set((peers::cursor.eq(next), counts)).execute(c)?,
        None => status.set(counts).execute(c)?,
    };
    Ok(outcome)
}

/// What the store holds of a record, to judge an incoming change by.
#[derive(Queryable, Selectable)]
#[diesel(table_name = records)]
struct Held {
    id: String,
    kind: String,
    origin: String,
    version: i64,
    hash: Option<String>,
    published_ever: bool,
    signature: Option<String>,
}

impl Held {
    fn of(row: &RecordRow) -> Held {
        Held {
            id: row.id.clone(),
            kind: row.kind.clone(),
            origin: row.origin.clone(),
            version: row.version,
            hash: row.hash.clone(),
            published_ever: row.published_ever,
            signature: row.signature.clone(),
        }
    }
}

/// What becomes of a peer's change. Only a refusal is a fault of the peer: in a mesh, copies
/// older than the one held and this node's own records come back routinely.
enum Verdict {
    Insert,
    Replace,
    /// The same change with a new signature (the JSON to store).
    Resigned(String),
    Unchanged,
    Stale,
    Own,
    Reject(String),
}

fn rejection(peer: &str, now: &str, record_id: &str, reason: &str) -> Rejection {
    Rejection {
        id: uuid::Uuid::now_v7().to_string(),
        region: peer.into(),
        at: now.into(),
        // Peer-supplied text: no control characters, bounded length.
        record_id: record_id.chars().filter(|c| !c.is_control()).take(100).collect(),
        reason: reason.chars().filter(|c| !c.is_control()).take(500).collect(),
    }
}

pub(crate) fn change_from_row(r: &RecordRow) -> StoreResult<Change> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("record {}: {what}", r.id));
    let live = !r.deleted && r.status == Status::Published.as_str();
    let content =
        if live { Some(serde_json::from_str(&r.content).map_err(|_| corrupt("content is not JSON"))?) } else { None };
    let signature: Signature = serde_json::from_str(r.signature.as_deref().ok_or_else(|| corrupt("unsigned"))?)
        .map_err(|_| corrupt("bad signature"))?;
    let record = Record {
        id: r.id.clone(),
        kind: Kind::parse(&r.kind).ok_or_else(|| corrupt("unknown kind"))?,
        origin: r.origin.clone(),
        version: r.version,
        status: Status::parse(&r.status).ok_or_else(|| corrupt("unknown status"))?,
        created_at: r.created_at.clone(),
        updated_at: r.updated_at.clone(),
        content,
    };
    let seal = Seal { hash: r.hash.clone().ok_or_else(|| corrupt("no hash"))?, signature };
    Ok(Change { record, deleted: !live, seal: Some(seal) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::DatabaseUrl;

    /// Rows the store's one connection has written since it was opened (SQLite's count).
    fn writes(store: &Store) -> i64 {
        let mut c = store.conn().unwrap();
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>("total_changes()")).get_result(&mut c).unwrap()
    }

    #[test]
    fn a_flood_of_refused_records_costs_a_bounded_number_of_writes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&DatabaseUrl::Sqlite(dir.path().join("s.db")), 1).unwrap();
        store.upsert_peer("mazovia", Some("https://mazovia.example"), "{\"keys\": []}", false).unwrap();
        let refused: Vec<(String, String)> = (0..5_000).map(|i| (format!("r{i}"), "bad signature".into())).collect();
        for round in 0..2 {
            let before = writes(&store);
            let cursor = (round > 0).then(|| format!("c{round}"));
            let outcome =
                store.apply_remote("mazovia", "leeds", cursor.as_deref(), &format!("c{}", round + 1), &[], &refused);
            assert_eq!(outcome.unwrap().rejected, 5_000, "every refusal is counted");
            let written = writes(&store) - before;
            // The sample (20 in, up to 20 old ones out), the peer's counters and the sequence.
            assert!(written <= 2 * KEPT_REJECTIONS + 2, "round {round}: {written} rows written for 5000 refusals");
        }
        assert_eq!(store.recent_rejections("mazovia").unwrap().len() as i64, KEPT_REJECTIONS);
        assert_eq!(store.get_peer("mazovia").unwrap().unwrap().records_rejected, 10_000);
    }
}
