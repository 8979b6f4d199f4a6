//! This node's retired public keys: still published, for verification only, until they expire.

use super::{Store, StoreResult};
use crate::db::schema::retired_keys;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = retired_keys)]
pub struct RetiredKey {
    pub kid: String,
    /// The JWK, JSON.
    pub public_key: String,
    pub retired_at: String,
    pub expires_at: String,
}

impl Store {
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
