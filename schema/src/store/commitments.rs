//! Each origin's state commitment, kept in step with the records in the same transaction as
//! every write, and the newest checkpoint received of each other origin.

use super::row::RecordRow;
use super::{Store, StoreError, StoreResult};
use crate::db::DbConnection;
use crate::db::schema::{checkpoints, origin_states, records};
use crate::signing::Checkpoint;
use crate::signing::commitment::SetState;
use diesel::prelude::*;
use std::collections::HashMap;

/// An origin's commitment as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginState {
    /// The origin's region code.
    pub origin: String,
    /// Records of the origin in the set.
    pub count: i64,
    /// The set's state.
    pub state: SetState,
}

/// A member of an origin's set: a record's id, version and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetEntry {
    /// The record's id.
    pub id: String,
    /// Its version held.
    pub version: i64,
    /// The hash of its change (`sha256:` + hex).
    pub hash: String,
}

/// The changes a transaction makes to the origins' sets, applied once per origin at its end.
#[derive(Default)]
pub(crate) struct Delta(HashMap<String, (i64, SetState)>);

impl Delta {
    /// The row enters its origin's set, if it is in it: a record ever published.
    pub(crate) fn enter(&mut self, row: &RecordRow) {
        if let (true, Some(hash)) = (row.published_ever, &row.hash) {
            let (count, state) = self.0.entry(row.origin.clone()).or_default();
            *count += 1;
            state.add(&SetState::element(&row.id, row.version, hash));
        }
    }

    /// A record's former state leaves its origin's set.
    pub(crate) fn leave(&mut self, origin: &str, id: &str, version: i64, hash: Option<&str>, published_ever: bool) {
        if let (true, Some(hash)) = (published_ever, hash) {
            let (count, state) = self.0.entry(origin.to_string()).or_default();
            *count -= 1;
            state.remove(&SetState::element(id, version, hash));
        }
    }

    /// Writes the changed sets, inside the caller's transaction.
    pub(crate) fn apply(self, c: &mut DbConnection) -> StoreResult<()> {
        for (origin, (count, change)) in self.0 {
            let held: Option<(i64, Vec<u8>)> = origin_states::table
                .find(&origin)
                .select((origin_states::count, origin_states::state))
                .get_result(c)
                .optional()?;
            let (mut total, mut state) = match held {
                Some((n, bytes)) => (n, stored_state(&origin, &bytes)?),
                None => (0, SetState::default()),
            };
            total += count;
            state.add(&change);
            let bytes = state.to_bytes();
            let n = diesel::update(origin_states::table.find(&origin))
                .set((origin_states::count.eq(total), origin_states::state.eq(&bytes)))
                .execute(c)?;
            if n == 0 {
                diesel::insert_into(origin_states::table)
                    .values((
                        origin_states::origin.eq(&origin),
                        origin_states::count.eq(total),
                        origin_states::state.eq(&bytes),
                    ))
                    .execute(c)?;
            }
        }
        Ok(())
    }
}

pub(crate) fn stored_state(origin: &str, bytes: &[u8]) -> StoreResult<SetState> {
    SetState::from_bytes(bytes)
        .ok_or_else(|| StoreError::Corrupt(format!("the state commitment of {origin} is {} bytes", bytes.len())))
}

/// Rebuilds every origin's set from the records, inside the caller's transaction (after a copy
/// of a store, or a first start with records written before commitments were kept).
pub(crate) fn rebuild(c: &mut DbConnection) -> StoreResult<()> {
    diesel::delete(origin_states::table).execute(c)?;
    let mut delta = Delta::default();
    // Paged by sequence number, which is unique (an id is not: origins may share one).
    let mut after = i64::MIN;
    loop {
        let rows: Vec<RecordRow> = records::table
            .filter(records::seq.gt(after))
            .filter(records::published_ever.eq(true))
            .order(records::seq.asc())
            .limit(5000)
            .select(RecordRow::as_select())
            .load(c)?;
        let Some(last) = rows.last() else { break };
        after = last.seq;
        rows.iter().for_each(|r| delta.enter(r));
    }
    delta.apply(c)
}

/// Whether the sets must be rebuilt: none is kept, yet published records exist.
pub(crate) fn missing(c: &mut DbConnection) -> StoreResult<bool> {
    let kept: i64 = origin_states::table.count().get_result(c)?;
    if kept > 0 {
        return Ok(false);
    }
    let published: i64 = records::table.filter(records::published_ever.eq(true)).count().get_result(c)?;
    Ok(published > 0)
}

/// A stored checkpoint row.
#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = checkpoints)]
struct CheckpointRow {
    origin: String,
    count: i64,
    digest: String,
    issued_at: String,
    kid: String,
    signature: String,
    received_from: String,
    received_at: String,
}

/// A checkpoint kept here, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldCheckpoint {
    /// The checkpoint as its origin signed it.
    pub checkpoint: Checkpoint,
    /// The peer that served it.
    pub received_from: String,
    /// When it was received (stored timestamp form).
    pub received_at: String,
}

impl Store {
    /// Every origin's commitment as kept here, by origin.
    pub fn origin_states(&self) -> StoreResult<Vec<OriginState>> {
        let mut c = self.conn()?;
        let rows: Vec<(String, i64, Vec<u8>)> = origin_states::table
            .select((origin_states::origin, origin_states::count, origin_states::state))
            .order(origin_states::origin.asc())
            .load(&mut c)?;
        rows.into_iter()
            .map(|(origin, count, bytes)| Ok(OriginState { state: stored_state(&origin, &bytes)?, origin, count }))
            .collect()
    }

    /// The commitment of one origin's records held here (an empty set when none is).
    pub fn origin_state(&self, origin: &str) -> StoreResult<OriginState> {
        let mut c = self.conn()?;
        let row: Option<(i64, Vec<u8>)> = origin_states::table
            .find(origin)
            .select((origin_states::count, origin_states::state))
            .get_result(&mut c)
            .optional()?;
        Ok(match row {
            Some((count, bytes)) => OriginState { state: stored_state(origin, &bytes)?, origin: origin.into(), count },
            None => OriginState { origin: origin.into(), count: 0, state: SetState::default() },
        })
    }

    /// The members of `origin`'s set held here with ids in `from..to` (`to` `None`: to the
    /// end), in id order: for finding, range by range, where two holdings differ.
    pub fn set_entries(&self, origin: &str, from: &str, to: Option<&str>) -> StoreResult<Vec<SetEntry>> {
        let mut c = self.conn()?;
        let mut query = records::table
            .filter(records::origin.eq(origin))
            .filter(records::published_ever.eq(true))
            .filter(records::id.ge(from))
            .order(records::id.asc())
            .select((records::id, records::version, records::hash))
            .into_boxed();
        if let Some(to) = to {
            query = query.filter(records::id.lt(to));
        }
        let rows: Vec<(String, i64, Option<String>)> = query.load(&mut c)?;
        Ok(rows.into_iter().filter_map(|(id, version, hash)| Some(SetEntry { id, version, hash: hash? })).collect())
    }

    /// Every origin's commitment computed afresh from the records, in memory: a check of the
    /// kept ones.
    pub fn recomputed_origin_states(&self) -> StoreResult<Vec<OriginState>> {
        let mut c = self.conn()?;
        let rows: Vec<RecordRow> =
            records::table.filter(records::published_ever.eq(true)).select(RecordRow::as_select()).load(&mut c)?;
        let mut delta = Delta::default();
        rows.iter().for_each(|r| delta.enter(r));
        let mut out: Vec<OriginState> =
            delta.0.into_iter().map(|(origin, (count, state))| OriginState { origin, count, state }).collect();
        out.sort_by(|a, b| a.origin.cmp(&b.origin));
        Ok(out)
    }

    /// Keeps `checkpoint` (already verified with its origin's keys) if it is newer than the
    /// one held of its origin; says whether it was kept.
    pub fn keep_checkpoint(&self, checkpoint: &Checkpoint, from: &str) -> StoreResult<bool> {
        let mut c = self.conn()?;
        c.transaction(|c| {
            // A write first, so the transaction holds the write lock from its first statement
            // (SQLite cannot turn a reading transaction into a writing one while another
            // connection writes: it would answer "database is locked").
            diesel::delete(checkpoints::table.find(&checkpoint.origin))
                .filter(checkpoints::issued_at.lt(&checkpoint.issued_at))
                .execute(c)?;
            let newer: i64 = checkpoints::table.find(&checkpoint.origin).count().get_result(c)?;
            if newer > 0 {
                return Ok(false);
            }
            let row = CheckpointRow {
                origin: checkpoint.origin.clone(),
                count: checkpoint.count,
                digest: checkpoint.digest.clone(),
                issued_at: checkpoint.issued_at.clone(),
                kid: checkpoint.kid.clone(),
                signature: checkpoint.signature.clone(),
                received_from: from.into(),
                received_at: crate::timestamp::now(),
            };
            diesel::insert_into(checkpoints::table).values(&row).execute(c)?;
            Ok(true)
        })
    }

    /// The newest checkpoint held of every other origin, by origin.
    pub fn checkpoints(&self) -> StoreResult<Vec<HeldCheckpoint>> {
        let mut c = self.conn()?;
        let rows: Vec<CheckpointRow> =
            checkpoints::table.select(CheckpointRow::as_select()).order(checkpoints::origin.asc()).load(&mut c)?;
        Ok(rows
            .into_iter()
            .map(|r| HeldCheckpoint {
                checkpoint: Checkpoint {
                    origin: r.origin,
                    count: r.count,
                    digest: r.digest,
                    issued_at: r.issued_at,
                    kid: r.kid,
                    signature: r.signature,
                },
                received_from: r.received_from,
                received_at: r.received_at,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::DatabaseUrl;
    use crate::signing::Change;
    use crate::store::Write;
    use crate::{CaseStudy, Kind, Record, Status};
    use ed25519_dalek::SigningKey;
    use utoipa::PartialSchema;

    fn case(origin: &str, status: Status) -> Record<CaseStudy> {
        let example = serde_json::to_value(CaseStudy::schema()).unwrap()["example"].clone();
        let now = crate::timestamp::now();
        Record {
            id: uuid::Uuid::now_v7().to_string(),
            kind: Kind::CaseStudy,
            origin: origin.into(),
            version: 1,
            status,
            created_at: now.clone(),
            updated_at: now,
            content: serde_json::from_value(example).unwrap(),
        }
    }

    fn counts(store: &Store) -> Vec<(String, i64)> {
        store.origin_states().unwrap().into_iter().map(|s| (s.origin, s.count)).collect()
    }

    #[test]
    fn kept_commitments_equal_recomputed_ones_through_every_kind_of_write() {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("s.db"));
        let store = Store::open(&url, 1).unwrap();
        let (key, peer_key) = (SigningKey::from_bytes(&[7; 32]), SigningKey::from_bytes(&[9; 32]));
        let same =
            |store: &Store| assert_eq!(store.origin_states().unwrap(), store.recomputed_origin_states().unwrap());

        // A draft never published is in no set; publishing, changing and deleting keep it in.
        let mut r = case("leeds", Status::Draft);
        store.insert_record(&Write::local(&r, false, &key, "k")).unwrap();
        assert_eq!(counts(&store), vec![]);
        for (version, status, deleted) in
            [(2, Status::Published, false), (3, Status::Published, false), (4, Status::Published, true)]
        {
            (r.version, r.status) = (version, status);
            store.update_record(&Write::local(&r, deleted, &key, "k"), version - 1).unwrap();
            same(&store);
        }
        assert_eq!(counts(&store), vec![("leeds".into(), 1)]);

        // A peer's record, then its next version, then a page holding both.
        store.upsert_peer("tuscany", Some("http://127.0.0.1:1"), "{\"keys\": []}", false).unwrap();
        let mut t = case("tuscany", Status::Published);
        let sealed = |t: &Record<CaseStudy>| {
            let mut change = Change::of_record(t, false);
            change.seal(&peer_key, "t");
            Write::received(change, None)
        };
        let first = sealed(&t);
        store.apply_remote("tuscany", "leeds", None, "c1", std::slice::from_ref(&first), &[]).unwrap();
        t.version = 2;
        let second = sealed(&t);
        store.apply_remote("tuscany", "leeds", Some("c1"), "c2", &[first, second], &[]).unwrap();
        same(&store);
        // A record new here whose two versions come in one page, the first again after them:
        // inserted, replaced, then judged stale by what the page itself wrote.
        let mut u = case("tuscany", Status::Published);
        let (v1, v1_again) = (sealed(&u), sealed(&u));
        u.version = 2;
        let outcome = store.apply_remote("tuscany", "leeds", Some("c2"), "c3", &[v1, sealed(&u), v1_again], &[]);
        assert_eq!((outcome.as_ref().map(|o| (o.applied, o.stale)).unwrap()), (2, 1), "{outcome:?}");
        assert_eq!(store.get_record("tuscany", &u.id).unwrap().map(|r| r.version), Some(2));
        same(&store);
        assert_eq!(counts(&store), vec![("leeds".into(), 1), ("tuscany".into(), 2)]);
        let kept = store.origin_states().unwrap();

        // Forgotten commitments are rebuilt when the store is opened.
        let mut c = store.conn().unwrap();
        diesel::delete(origin_states::table).execute(&mut c).unwrap();
        drop((c, store));
        assert_eq!(Store::open(&url, 1).unwrap().origin_states().unwrap(), kept);
    }
}
