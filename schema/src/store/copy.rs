//! Copying a whole store to another backend (`smarty migrate-store`): records with their
//! sequence numbers, the sequence itself, peers and their cursors, tokens, the replay cache,
//! retired keys, the deletions harvesters are told of and webhook subscriptions, in one transaction on the target, then verified.

use super::peers::{PeerRow, Rejection};
use super::row::RecordRow;
use super::tokens::TokenRow;
use super::{RetiredKey, Store, StoreError, StoreResult};
use crate::db::schema::{
    api_tokens, harvest_deletions, node_state, peer_rejections, peers, records, retired_keys, seen_tokens,
    webhook_deliveries, webhooks,
};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

const BATCH: i64 = 2000;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = seen_tokens)]
struct SeenToken {
    jti: String,
    issuer: String,
    expires_at: i64,
}

/// What was copied, and the digest both stores agree on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// Record rows, tombstones included.
    pub records: i64,
    /// The change sequence's last number.
    pub last_seq: i64,
    /// Peers.
    pub peers: i64,
    /// API tokens.
    pub tokens: i64,
    /// Peer token ids remembered against replay.
    pub seen_tokens: i64,
    /// Peers' rejected records kept for operators.
    pub rejections: i64,
    /// Retired public keys.
    pub retired_keys: i64,
    /// Records gone from the store that harvesters are still told of as deleted.
    pub harvest_deletions: i64,
    /// Partner systems' webhook subscriptions.
    pub webhooks: i64,
    /// SHA-256 over every record's id, seq, version, status, deletion and hash, and every
    /// peer's cursor, in order.
    pub digest: String,
}

impl Store {
    /// Counts and digest of this store's contents.
    pub fn inventory(&self) -> StoreResult<CopyReport> {
        let mut c = self.conn()?;
        let mut hasher = Sha256::new();
        let mut after = -1i64;
        loop {
            let batch: Vec<Counted> = records::table
                .filter(records::seq.gt(after))
                .order(records::seq.asc())
                .limit(BATCH)
                .select(Counted::as_select())
                .load(&mut c)?;
            let Some(last) = batch.last().map(|r| r.seq) else { break };
            for r in batch {
                let hash = r.hash.unwrap_or_default();
                let (seq, origin, id, version, status, deleted) =
                    (r.seq, r.origin, r.id, r.version, r.status, r.deleted);
                hasher.update(format!("{seq}|{origin}|{id}|{version}|{status}|{deleted}|{hash}\n"));
            }
            after = last;
        }
        let cursors: Vec<(String, Option<String>)> =
            peers::table.order(peers::region).select((peers::region, peers::cursor)).load(&mut c)?;
        for (region, cursor) in cursors {
            hasher.update(format!("peer {region} {}\n", cursor.unwrap_or_default()));
        }
        Ok(CopyReport {
            records: records::table.count().get_result(&mut c)?,
            last_seq: node_state::table.select(node_state::last_seq).get_result(&mut c)?,
            peers: peers::table.count().get_result(&mut c)?,
            tokens: api_tokens::table.count().get_result(&mut c)?,
            seen_tokens: seen_tokens::table.count().get_result(&mut c)?,
            rejections: peer_rejections::table.count().get_result(&mut c)?,
            retired_keys: retired_keys::table.count().get_result(&mut c)?,
            harvest_deletions: harvest_deletions::table.count().get_result(&mut c)?,
            webhooks: webhooks::table.count().get_result(&mut c)?,
            digest: hasher.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        })
    }

    /// Copies everything in `self` into `target`, which must be empty; then checks that both
    /// hold the same. All or nothing on the target.
    pub fn copy_to(&self, target: &Store) -> StoreResult<CopyReport> {
        let empty = target.inventory()?;
        if empty.records + empty.peers + empty.tokens + empty.retired_keys > 0 {
            return Err(StoreError::Conflict("the target store is not empty".into()));
        }
        let mut from = self.conn()?;
        let mut to = target.conn()?;
        to.transaction(|to| -> StoreResult<()> {
            let mut after = -1i64;
            loop {
                let batch: Vec<RecordRow> = records::table
                    .filter(records::seq.gt(after))
                    .order(records::seq.asc())
                    .limit(BATCH)
                    .select(RecordRow::as_select())
                    .load(&mut from)?;
                let Some(last) = batch.last().map(|r| r.seq) else { break };
                for row in &batch {
                    diesel::insert_into(records::table).values(row).execute(to)?;
                }
                after = last;
            }
            let (last_seq, horizon): (i64, i64) =
                node_state::table.select((node_state::last_seq, node_state::feed_horizon)).get_result(&mut from)?;
            diesel::update(node_state::table)
                .set((node_state::last_seq.eq(last_seq), node_state::feed_horizon.eq(horizon)))
                .execute(to)?;
            for row in api_tokens::table.load::<TokenRow>(&mut from)? {
                diesel::insert_into(api_tokens::table).values(&row).execute(to)?;
            }
            for row in peers::table.select(PeerRow::as_select()).load(&mut from)? {
                diesel::insert_into(peers::table).values(&row).execute(to)?;
            }
            for row in peer_rejections::table.select(Rejection::as_select()).load(&mut from)? {
                diesel::insert_into(peer_rejections::table).values(&row).execute(to)?;
            }
            for row in seen_tokens::table.select(SeenToken::as_select()).load(&mut from)? {
                diesel::insert_into(seen_tokens::table).values(&row).execute(to)?;
            }
            for row in retired_keys::table.select(RetiredKey::as_select()).load(&mut from)? {
                diesel::insert_into(retired_keys::table).values(&row).execute(to)?;
            }
            for row in harvest_deletions::table.select(super::harvest::Deletion::as_select()).load(&mut from)? {
                diesel::insert_into(harvest_deletions::table).values(&row).execute(to)?;
            }
            for row in webhooks::table.select(super::WebhookRow::as_select()).load(&mut from)? {
                diesel::insert_into(webhooks::table).values(&row).execute(to)?;
            }
            for row in webhook_deliveries::table.select(super::DeliveryRow::as_select()).load(&mut from)? {
                diesel::insert_into(webhook_deliveries::table).values(&row).execute(to)?;
            }
            // The origins' commitments follow from the records; peers' checkpoints come back
            // with the next round.
            super::commitments::rebuild(to)
        })?;
        drop((from, to));
        let (source, copied) = (self.inventory()?, target.inventory()?);
        if source != copied {
            return Err(StoreError::Corrupt(format!("the copy differs from the source: {source:?} vs {copied:?}")));
        }
        Ok(copied)
    }
}

/// What the inventory's digest covers of a record.
#[derive(Queryable, Selectable)]
#[diesel(table_name = records)]
struct Counted {
    seq: i64,
    origin: String,
    id: String,
    version: i64,
    status: String,
    deleted: bool,
    hash: Option<String>,
}
