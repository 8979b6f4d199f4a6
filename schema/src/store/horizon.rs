//! What leaves the feed for good. This node's own tombstones older than the retention horizon
//! are compacted away: they leave its set, so its next checkpoint no longer counts them. A
//! holder of another origin's records removes those that origin no longer publishes (its
//! compacted tombstones, or a record whose tombstone a holder never received) only when the
//! origin's own signed checkpoint proves it: without them, the holder's set is exactly the one
//! the origin signed. Either removal raises the feed horizon: a puller whose cursor is below it
//! may have missed a removal, and must start again from a snapshot.

use super::commitments::{Delta, stored_state};
use super::harvest::{Deletion, keep_deletion};
use super::{Store, StoreResult};
use crate::db::DbConnection;
use crate::db::schema::{node_state, origin_states, records};
use crate::signing::Checkpoint;
use crate::signing::commitment::SetState;
use diesel::prelude::*;

/// Ids deleted or updated per statement.
const CHUNK: usize = 500;

/// The member of a set a removal takes out.
#[derive(Queryable, Selectable)]
#[diesel(table_name = records)]
struct Member {
    id: String,
    kind: String,
    version: i64,
    hash: Option<String>,
    seq: i64,
    deleted: bool,
    changed_at: String,
}

impl Member {
    /// The record as harvesters keep hearing of it once it has left: deleted, at `seq`, since
    /// `changed_at`.
    fn gone(&self, origin: &str, seq: i64, changed_at: &str) -> Deletion {
        Deletion {
            origin: origin.to_string(),
            id: self.id.clone(),
            kind: self.kind.clone(),
            version: self.version,
            seq,
            changed_at: changed_at.to_string(),
        }
    }

    /// When the record last changed here.
    fn changed_here(&self) -> &str {
        &self.changed_at
    }
}

impl Store {
    /// Removes `origin`'s tombstones (records deleted here) whose deletion is older than
    /// `before` (stored timestamp form), and says how many. Only for this node's own origin:
    /// other origins' records leave by [`Store::retract`], on their origin's word.
    pub fn compact_tombstones(&self, origin: &str, before: &str) -> StoreResult<usize> {
        self.write(|c, _| {
            let gone: Vec<Member> = records::table
                .filter(records::origin.eq(origin))
                .filter(records::deleted.eq(true))
                .filter(records::published_ever.eq(true))
                .filter(records::updated_at.lt(before))
                .select(Member::as_select())
                .load(c)?;
            let mut delta = Delta::default();
            for chunk in gone.chunks(CHUNK) {
                let ids: Vec<&str> = chunk.iter().map(|m| m.id.as_str()).collect();
                // This origin's records only: another origin's record of the same id is another.
                diesel::delete(records::table.filter(records::origin.eq(origin)).filter(records::id.eq_any(&ids)))
                    .execute(c)?;
                for m in chunk {
                    delta.leave(origin, &m.id, m.version, m.hash.as_deref(), true);
                    // Harvesters go on being told of the deletion, at its place and time.
                    keep_deletion(c, &m.gone(origin, m.seq, m.changed_here()))?;
                }
            }
            delta.apply(c)?;
            raise_horizon(c, gone.iter().map(|m| m.seq).max())?;
            Ok(gone.len())
        })
    }

    /// Removes the records of `checkpoint`'s origin named by `ids` that are held here at a
    /// change older than the checkpoint, if and only if what is held of the origin without
    /// them is exactly the set the checkpoint signs (its count and digest); says how many were
    /// removed (none when the checkpoint does not prove it). A removed tombstone goes; a live
    /// record becomes an unpublished stub, so the search index, which reads the sequence,
    /// drops it too. A write dated just before a checkpoint but committed just after it is
    /// left out of that checkpoint: if such a record is retracted, it comes back at the next
    /// repair (a stub re-enters when its version is served again), and a newer checkpoint
    /// counts it.
    pub fn retract(&self, checkpoint: &Checkpoint, ids: &[String]) -> StoreResult<usize> {
        let origin = checkpoint.origin.as_str();
        self.write(|c, seq| {
            let mut members: Vec<Member> = Vec::new();
            for chunk in ids.chunks(CHUNK) {
                members.extend(
                    records::table
                        .filter(records::origin.eq(origin))
                        .filter(records::id.eq_any(chunk))
                        .filter(records::published_ever.eq(true))
                        // A record changed after the checkpoint is not disproved by it.
                        .filter(records::updated_at.le(&checkpoint.issued_at))
                        .select(Member::as_select())
                        .load::<Member>(c)?,
                );
            }
            if members.is_empty() {
                return Ok(0);
            }
            let held: Option<(i64, Vec<u8>)> = origin_states::table
                .find(origin)
                .select((origin_states::count, origin_states::state))
                .get_result(c)
                .optional()?;
            let Some((count, bytes)) = held else { return Ok(0) };
            let mut without = stored_state(origin, &bytes)?;
            for m in &members {
                if let Some(hash) = &m.hash {
                    without.remove(&SetState::element(&m.id, m.version, hash));
                }
            }
            if count - members.len() as i64 != checkpoint.count || without.digest() != checkpoint.digest {
                return Ok(0);
            }
            let mut delta = Delta::default();
            for m in &members {
                delta.leave(origin, &m.id, m.version, m.hash.as_deref(), true);
                if m.deleted {
                    diesel::delete(records::table.find((origin, &m.id))).execute(c)?;
                    keep_deletion(c, &m.gone(origin, m.seq, m.changed_here()))?;
                } else {
                    let seq = seq.take();
                    // A live record leaves now: harvesters hear of it as deleted from here.
                    keep_deletion(c, &m.gone(origin, seq, &crate::timestamp::now()))?;
                    diesel::update(records::table.find((origin, &m.id)))
                        .set((
                            records::deleted.eq(true),
                            records::published_ever.eq(false),
                            records::content.eq("{}"),
                            records::themes.eq("||"),
                            records::seq.eq(seq),
                            records::changed_at.eq(crate::timestamp::now()),
                        ))
                        .execute(c)?;
                }
            }
            delta.apply(c)?;
            raise_horizon(c, members.iter().map(|m| m.seq).max())?;
            Ok(members.len())
        })
    }

    /// The feed horizon: the highest sequence position of a row removed from the feed (0 when
    /// none was). A cursor below it (other than the start) may have missed a removal.
    pub fn feed_horizon(&self) -> StoreResult<i64> {
        Ok(node_state::table.select(node_state::feed_horizon).get_result(&mut self.conn()?)?)
    }
}

fn raise_horizon(c: &mut DbConnection, seq: Option<i64>) -> StoreResult<()> {
    if let Some(seq) = seq {
        diesel::update(node_state::table)
            .filter(node_state::feed_horizon.lt(seq))
            .set(node_state::feed_horizon.eq(seq))
            .execute(c)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::DatabaseUrl;
    use crate::signing::Change;
    use crate::store::{StoredRecord, Write};
    use crate::{CaseStudy, Kind, Record, Status};
    use ed25519_dalek::SigningKey;
    use utoipa::PartialSchema;

    fn case(origin: &str, at: &str) -> Record<CaseStudy> {
        let example = serde_json::to_value(CaseStudy::schema()).unwrap()["example"].clone();
        Record {
            id: uuid::Uuid::now_v7().to_string(),
            kind: Kind::CaseStudy,
            origin: origin.into(),
            version: 1,
            status: Status::Published,
            created_at: at.into(),
            updated_at: at.into(),
            content: serde_json::from_value(example).unwrap(),
        }
    }

    #[test]
    fn only_the_origins_checkpoint_retracts_and_only_what_it_predates() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&DatabaseUrl::Sqlite(dir.path().join("s.db")), 1).unwrap();
        store.upsert_peer("tuscany", Some("http://127.0.0.1:1"), "{\"keys\": []}", false).unwrap();
        let key = SigningKey::from_bytes(&[9; 32]);
        let writes: Vec<Write> =
            ["2026-01-01T00:00:00.000000Z", "2026-01-02T00:00:00.000000Z", "2026-06-01T00:00:00.000000Z"]
                .iter()
                .map(|at| {
                    let mut change = Change::of_record(&case("tuscany", at), false);
                    change.seal(&key, "t");
                    Write::received(change, None)
                })
                .collect();
        store.apply_remote("tuscany", "leeds", None, "c1", &writes, &[]).unwrap();
        let ids: Vec<String> = writes.iter().map(|w| w.id().to_string()).collect();
        let element = |w: &Write| SetState::element(w.id(), 1, w.change.hash());
        // The origin's set without the first record, as a checkpoint issued in March.
        let mut set = SetState::default();
        set.add(&element(&writes[1]));
        set.add(&element(&writes[2]));
        let march = |count: i64, digest: String| Checkpoint {
            origin: "tuscany".into(),
            count,
            digest,
            issued_at: "2026-03-01T00:00:00.000000Z".into(),
            kid: "t".into(),
            signature: String::new(),
        };
        // A claim the checkpoint does not bear out removes nothing: not the second record
        // (the set without it is not the one signed), not the third (changed after March).
        assert_eq!(store.retract(&march(2, set.digest()), &ids[1..2]).unwrap(), 0);
        assert_eq!(store.retract(&march(2, set.digest()), &ids[2..3]).unwrap(), 0);
        assert_eq!(store.retract(&march(3, set.digest()), &ids[0..1]).unwrap(), 0, "the count must agree");
        assert_eq!(store.origin_state("tuscany").unwrap().count, 3);
        // The first record is what the checkpoint leaves out: it goes, and the sets agree.
        assert_eq!(store.retract(&march(2, set.digest()), &ids).unwrap(), 0, "more than the checkpoint leaves out");
        assert_eq!(store.retract(&march(2, set.digest()), &ids[0..1]).unwrap(), 1);
        let held = store.origin_state("tuscany").unwrap();
        assert_eq!((held.count, held.state.digest()), (2, set.digest()));
        assert_eq!(store.origin_states().unwrap(), store.recomputed_origin_states().unwrap());
        assert!(store.records_by_id(&ids[0..1]).unwrap().iter().all(|r| !r.is_public()), "a stub, not shown");
        assert!(store.feed_horizon().unwrap() > 0);
        // Served again at its version, a retracted record re-enters (a checkpoint that raced
        // its write left it out wrongly).
        let outcome = store.apply_repair("tuscany", "leeds", &writes[0..1], &[]).unwrap();
        assert_eq!(outcome.applied, 1);
        assert_eq!(store.origin_state("tuscany").unwrap().count, 3);
        assert_eq!(store.origin_states().unwrap(), store.recomputed_origin_states().unwrap());
        assert!(store.records_by_id(&ids[0..1]).unwrap().iter().all(StoredRecord::is_public));
    }
}
