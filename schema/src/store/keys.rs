//! This node's retired public keys: still published, for verification only, until they expire.

use super::{Store, StoreResult};
use crate::db::schema::retired_keys;
use diesel::prelude::*;

/// A public key this node signed with before its current one.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = retired_keys)]
pub struct RetiredKey {
    /// The key's RFC 7638 thumbprint.
    pub kid: String,
    /// The JWK, JSON.
    pub public_key: String,
    /// When the key stopped signing (stored timestamp form).
    pub retired_at: String,
    /// When the key stops being published (stored timestamp form).
    pub expires_at: String,
}

impl Store {
    /// Keeps `key` for publication until it expires.
    pub fn retire_key(&self, key: &RetiredKey) -> StoreResult<()> {
        let mut c = self.conn()?;
        diesel::insert_into(retired_keys::table).values(key).execute(&mut c)?;
        Ok(())
    }

    /// Retired keys that have not expired at `now` (stored timestamp form).
    pub fn retired_keys(&self, now: &str) -> StoreResult<Vec<RetiredKey>> {
        let mut c = self.conn()?;
        Ok(retired_keys::table
            .filter(retired_keys::expires_at.gt(now))
            .order(retired_keys::retired_at.desc())
            .select(RetiredKey::as_select())
            .load(&mut c)?)
    }
}
