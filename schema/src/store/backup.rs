//! Online backups: a consistent copy of the whole store while the node serves.

use super::{Store, StoreError, StoreResult};
use crate::db::DbConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use std::path::Path;

impl Store {
    /// Writes a consistent copy of the store to `to`, a file that must not exist yet, while
    /// other connections go on reading and writing. SQLite's `VACUUM INTO` reads in one
    /// transaction, so the copy holds exactly the writes committed before it started. A
    /// PostgreSQL store is backed up with PostgreSQL's own tools (`pg_dump`), which the error
    /// spells out.
    pub fn backup_into(&self, to: &Path) -> StoreResult<()> {
        if to.exists() {
            return Err(StoreError::Conflict(format!("{} exists: back up into a new file", to.display())));
        }
        let target = to.to_str().ok_or_else(|| StoreError::Conflict("the backup path is not UTF-8".into()))?;
        let mut c = self.conn()?;
        match &mut *c {
            DbConnection::Sqlite(c) => {
                diesel::sql_query("VACUUM INTO ?").bind::<Text, _>(target).execute(c)?;
                Ok(())
            }
            DbConnection::Pg(_) => Err(StoreError::Unsupported(
                "a PostgreSQL store is backed up with pg_dump: `pg_dump --format=custom --file FILE \"$DATABASE_URL\"`, \
                 and restored into an empty database with `pg_restore --dbname \"$DATABASE_URL\" FILE` \
                 (deploy/README.md, Backups)"
                    .into(),
            )),
        }
    }

    /// Moves the change sequence on by `by` without a change, after a restore: the peers'
    /// cursors on this node's feed are past the restored sequence, and the node's next writes
    /// must come after them, or those peers would never be sent them.
    pub fn advance_sequence(&self, by: i64) -> StoreResult<i64> {
        use crate::db::schema::node_state::dsl::*;
        let mut c = self.conn()?;
        diesel::update(node_state.filter(id.eq(1))).set(last_seq.eq(last_seq + by)).execute(&mut c)?;
        Ok(node_state.select(last_seq).get_result(&mut c)?)
    }

    /// Whether the store holds nothing yet: no record was ever written or received, and no
    /// peer is registered. Only such a store may be replaced by a backup.
    pub fn is_unused(&self) -> StoreResult<bool> {
        Ok(self.last_seq()? == 0 && self.list_peers()?.is_empty())
    }
}
