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
    /// Reads published records (needed when the node does not allow public reading).
    Reader,
    /// Also writes the region's records, and sees its drafts and personal data.
    Editor,
    /// Also administers the node (peers and their sync).
    Admin,
}

impl Role {
    /// The role named `s` (`reader`, `editor`, `admin`), if any.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "reader" => Some(Role::Reader),
            "editor" => Some(Role::Editor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// The role's name, as stored.
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

/// A stored API token.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct TokenRow {
    /// The name it was created with, unique; used to revoke it.
    pub name: String,
    /// Its [`Role`], by name.
    pub role: String,
    /// A hash of the token; the token itself is never stored.
    pub token_hash: String,
    /// When it was created (stored timestamp form).
    pub created_at: String,
}

impl Store {
    /// Stores a new token; `AlreadyExists` when the name (or hash) is taken.
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
            api_tokens::table.filter(api_tokens::token_hash.eq(hash)).get_result(&mut c).optional()?;
        row.map(|r| {
            let role = Role::parse(&r.role).ok_or_else(|| StoreError::Corrupt(format!("token role {}", r.role)))?;
            Ok((r.name, role))
        })
        .transpose()
    }
}
