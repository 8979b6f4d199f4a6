//! Peers: pinned keys, pull URLs, feed cursors and sync health.

use super::{Store, StoreError, StoreResult};
use crate::db::schema::{peer_rejections, peers};
use crate::timestamp;
use diesel::prelude::*;

/// A peer: another region's node whose keys are pinned here, and the state of pulling it.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = peers)]
pub struct PeerRow {
    /// The peer's region code.
    pub region: String,
    /// Where to pull from; `None` for a peer whose keys are only pinned.
    pub url: Option<String>,
    /// The pinned JWK set, JSON.
    pub jwks: String,
    /// When the peer was first pinned (stored timestamp form).
    pub added_at: String,
    /// Where the next pull resumes in the peer's feed; `None` to read it from the start.
    pub cursor: Option<String>,
    /// When a sync round with the peer last ran.
    pub last_attempt_at: Option<String>,
    /// When a sync round with the peer last succeeded.
    pub last_success_at: Option<String>,
    /// Why the last round failed; `None` after a success.
    pub last_error: Option<String>,
    /// Rounds failed in a row since the last success.
    pub consecutive_failures: i64,
    /// Records applied from the peer, in all.
    pub records_received: i64,
    /// Records from the peer refused, in all.
    pub records_rejected: i64,
    /// The operator allowed pulling this peer over plain http (beyond loopback).
    pub insecure_http: bool,
    /// Copies from the peer older than what this node held, in all (a mesh relays many).
    pub records_stale: i64,
    /// This node's own records that came back through the peer unchanged, in all.
    pub records_own: i64,
    /// Whether its feed is pulled (with a URL); a peer with a URL that is not pulled is still
    /// asked for records this node lacks.
    pub pull: bool,
}

/// A record a peer sent that this node refused, and why.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = peer_rejections)]
pub struct Rejection {
    /// A UUIDv7 of its own.
    pub id: String,
    /// The peer that sent the record.
    pub region: String,
    /// When it was refused (stored timestamp form).
    pub at: String,
    /// The record's id as the peer sent it (control characters removed, at most 100).
    pub record_id: String,
    /// Why it was refused (control characters removed, at most 500).
    pub reason: String,
}

/// How many rejections are kept per peer.
pub const KEPT_REJECTIONS: i64 = 20;

impl Store {
    /// Whether the peer's feed is pulled (it must have a URL to be).
    pub fn set_peer_pull(&self, region: &str, pull: bool) -> StoreResult<()> {
        let mut c = self.conn()?;
        let n = diesel::update(peers::table.find(region)).set(peers::pull.eq(pull)).execute(&mut c)?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// Pins a peer's keys (and URL); keeps its cursor and history when it is already known.
    /// When the set of trusted keys changes, every peer's cursor is reset: records refused
    /// earlier for want of a key are then read again (records already held are skipped).
    pub fn upsert_peer(&self, region: &str, url: Option<&str>, jwks: &str, insecure_http: bool) -> StoreResult<()> {
        let mut c = self.conn()?;
        c.transaction(|c| {
            let pinned: Option<String> = peers::table.find(region).select(peers::jwks).get_result(c).optional()?;
            if pinned.as_deref() != Some(jwks) {
                diesel::update(peers::table).set(peers::cursor.eq(None::<String>)).execute(c)?;
            }
            let n = diesel::update(peers::table.find(region))
                .set((peers::url.eq(url), peers::jwks.eq(jwks), peers::insecure_http.eq(insecure_http)))
                .execute(c)?;
            if n == 0 {
                let row = PeerRow {
                    region: region.into(),
                    url: url.map(Into::into),
                    jwks: jwks.into(),
                    added_at: timestamp::now(),
                    cursor: None,
                    last_attempt_at: None,
                    last_success_at: None,
                    last_error: None,
                    consecutive_failures: 0,
                    records_received: 0,
                    records_rejected: 0,
                    insecure_http,
                    records_stale: 0,
                    records_own: 0,
                    pull: true,
                };
                diesel::insert_into(peers::table).values(&row).execute(c)?;
            }
            Ok(())
        })
    }

    /// Forgets a peer and its rejections (its records stay); `NotFound` when unknown.
    pub fn remove_peer(&self, region: &str) -> StoreResult<()> {
        let mut c = self.conn()?;
        c.transaction(|c| {
            diesel::delete(peer_rejections::table.filter(peer_rejections::region.eq(region))).execute(c)?;
            let n = diesel::delete(peers::table.find(region)).execute(c)?;
            if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
    }

    /// Every peer, by region code.
    pub fn list_peers(&self) -> StoreResult<Vec<PeerRow>> {
        let mut c = self.conn()?;
        Ok(peers::table.order(peers::region).select(PeerRow::as_select()).load(&mut c)?)
    }

    /// The peer of that region, if pinned.
    pub fn get_peer(&self, region: &str) -> StoreResult<Option<PeerRow>> {
        let mut c = self.conn()?;
        Ok(peers::table.find(region).select(PeerRow::as_select()).get_result(&mut c).optional()?)
    }

    /// The latest rejections from a peer, newest first.
    pub fn recent_rejections(&self, region: &str) -> StoreResult<Vec<Rejection>> {
        let mut c = self.conn()?;
        Ok(peer_rejections::table
            .filter(peer_rejections::region.eq(region))
            .order((peer_rejections::at.desc(), peer_rejections::id.desc()))
            .limit(KEPT_REJECTIONS)
            .select(Rejection::as_select())
            .load(&mut c)?)
    }

    /// Records the outcome of one sync round with a peer.
    pub fn record_sync_attempt(&self, region: &str, error: Option<&str>) -> StoreResult<()> {
        let mut c = self.conn()?;
        let now = timestamp::now();
        let target = peers::table.find(region);
        match error {
            None => diesel::update(target)
                .set((
                    peers::last_attempt_at.eq(&now),
                    peers::last_success_at.eq(&now),
                    peers::last_error.eq(None::<String>),
                    peers::consecutive_failures.eq(0),
                ))
                .execute(&mut c)?,
            Some(e) => diesel::update(target)
                .set((
                    peers::last_attempt_at.eq(&now),
                    peers::last_error.eq(e),
                    peers::consecutive_failures.eq(peers::consecutive_failures + 1),
                ))
                .execute(&mut c)?,
        };
        Ok(())
    }
}

/// Stores a sample of rejections, keeping only the latest [`KEPT_REJECTIONS`] per peer. A page
/// of thousands of refused records costs at most that many writes: the caller counts them all.
pub(super) fn add_rejections(c: &mut crate::db::DbConnection, rows: &[Rejection]) -> StoreResult<()> {
    let Some(region) = rows.first().map(|r| r.region.clone()) else {
        return Ok(());
    };
    let sample = &rows[rows.len().saturating_sub(KEPT_REJECTIONS as usize)..];
    for row in sample {
        diesel::insert_into(peer_rejections::table).values(row).execute(c)?;
    }
    let old: Vec<String> = peer_rejections::table
        .filter(peer_rejections::region.eq(&region))
        .order((peer_rejections::at.desc(), peer_rejections::id.desc()))
        .offset(KEPT_REJECTIONS)
        .limit(10_000)
        .select(peer_rejections::id)
        .load(c)?;
    if !old.is_empty() {
        diesel::delete(peer_rejections::table.filter(peer_rejections::id.eq_any(old))).execute(c)?;
    }
    Ok(())
}
