//! Replay protection for peer tokens: each `jti` is accepted once while it could be valid.

use super::{Store, StoreError, StoreResult};
use crate::db::schema::seen_tokens;
use diesel::prelude::*;

impl Store {
    /// Remembers `jti` until `expires_at` (Unix seconds). False when it was seen before.
    pub fn remember_token(&self, jti: &str, issuer: &str, expires_at: i64, now: i64) -> StoreResult<bool> {
        let mut c = self.conn()?;
        c.transaction(|c| {
            diesel::delete(seen_tokens::table.filter(seen_tokens::expires_at.lt(now))).execute(c)?;
            let inserted = diesel::insert_into(seen_tokens::table)
                .values((
                    seen_tokens::jti.eq(jti),
                    seen_tokens::issuer.eq(issuer),
                    seen_tokens::expires_at.eq(expires_at),
                ))
                .execute(c);
            match inserted.map_err(StoreError::from) {
                Ok(_) => Ok(true),
                Err(StoreError::AlreadyExists) => Ok(false),
                Err(e) => Err(e),
            }
        })
    }
}
