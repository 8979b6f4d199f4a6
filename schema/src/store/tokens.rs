//! Local API tokens: only a hash of each token is stored.

use super::{Store, StoreError, StoreResult};
use crate::db::schema::api_tokens;
use diesel::prelude::*;
use serde::Serialize;
use std::fmt;

/// What a token may do. Ordered: each role can do what the ones before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Reader,
    Editor,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "reader" => Some(Role::Reader),
            "editor" => Some(Role::Editor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct TokenRow {
    pub name: String,
    pub role: String,
    pub token_hash: String,
    pub created_at: String,
}

impl Store {
    pub fn create_token(&self, row: &TokenRow) -> StoreResult<()> {
        let mut c = self.conn()?;
        diesel::insert_into(api_tokens::table).values(row).execute(&mut c)?;
        Ok(())
    }

    /// Every token, by name (hashes included: the caller decides what to show).
    pub fn list_tokens(&self) -> StoreResult<Vec<TokenRow>> {
        let mut c = self.conn()?;
        Ok(api_tokens::table.order(api_tokens::name).load(&mut c)?)
    }

    /// Deletes the token; `NotFound` when no token has that name.
    pub fn revoke_token(&self, name: &str) -> StoreResult<()> {
        let mut c = self.conn()?;
        let n = diesel::delete(api_tokens::table.filter(api_tokens::name.eq(name))).execute(&mut c)?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// The role of the token with this hash, if it exists.
    pub fn token_role(&self, hash: &str) -> StoreResult<Option<(String, Role)>> {
        let mut c = self.conn()?;
        let row: Option<TokenRow> =
            api_tokens::table.filter(api_tokens::token_hash.eq(hash)).first(&mut c).optional()?;
        row.map(|r| {
            let role = Role::parse(&r.role).ok_or_else(|| StoreError::Corrupt(format!("token role {}", r.role)))?;
            Ok((r.name, role))
        })
        .transpose()
    }
}
