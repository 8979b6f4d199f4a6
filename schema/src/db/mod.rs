//! One storage codebase for two backends: a diesel `MultiConnection` over SQLite and
//! PostgreSQL, chosen from the database URL's scheme, with an r2d2 pool.

// diesel's generated table definitions (`table!`): one module per table, a type per column.
#[allow(missing_docs)]
pub mod schema;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::path::PathBuf;
use std::time::Duration;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

pub use connection::DbConnection;
/// The backend of [`DbConnection`], for queries built in pieces (`into_boxed`).
pub use connection::MultiBackend as DbBackend;

// diesel's `MultiConnection` derive adds undocumented public helpers beside the enum
// (`MultiBackend`, `MultiRow`, …, and methods on `DbConnection`): they stay in this module.
#[allow(missing_docs)]
mod connection {
    /// A connection to either backend. Queries written once against `schema` run on both.
    #[derive(diesel::MultiConnection)]
    pub enum DbConnection {
        /// An SQLite database file.
        Sqlite(diesel::SqliteConnection),
        /// A PostgreSQL server.
        Pg(diesel::PgConnection),
    }
}

/// Why a database URL names no store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatabaseUrlError {
    /// `sqlite://` with nothing after it.
    #[error("sqlite URL names no file")]
    NoFile,
    /// A scheme other than sqlite or postgres(ql).
    #[error("unsupported database URL scheme `{0}`: use sqlite://PATH or postgres://…")]
    Scheme(String),
    /// Nothing at all.
    #[error("database URL is empty")]
    Empty,
}

/// Commands report a bad URL as text.
impl From<DatabaseUrlError> for String {
    fn from(e: DatabaseUrlError) -> String {
        e.to_string()
    }
}

/// Where the store lives, parsed from a database URL or a plain file path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite database file, created when missing.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://…`), as given.
    Postgres(String),
}

impl DatabaseUrl {
    /// `sqlite://PATH`, `sqlite:PATH`, a plain path, or `postgres://…` / `postgresql://…`.
    pub fn parse(url: &str) -> Result<Self, DatabaseUrlError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            if path.is_empty() {
                return Err(DatabaseUrlError::NoFile);
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        match url.split_once("://") {
            Some((scheme, _)) => Err(DatabaseUrlError::Scheme(scheme.to_string())),
            None if url.is_empty() => Err(DatabaseUrlError::Empty),
            None => Ok(Self::Sqlite(PathBuf::from(url))),
        }
    }

    /// `sqlite` or `postgres`, for logs and status pages.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    /// The URL with any password masked, for logs.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(p) => format!("sqlite://{}", p.display()),
            Self::Postgres(u) => match url::Url::parse(u) {
                Ok(mut parsed) if parsed.password().is_some() => {
                    let _ = parsed.set_password(Some("***"));
                    parsed.to_string()
                }
                _ => u.clone(),
            },
        }
    }
}

/// Why the database could not be reached or prepared.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database refused or could not be reached.
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    /// A statement failed.
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    /// The schema could not be brought up to date (or the pool could not be built).
    #[error("cannot apply migrations: {0}")]
    Migration(String),
    /// An SQLite store that was to be opened as it is does not exist.
    #[error("no database at {}", .0.display())]
    Missing(PathBuf),
}

/// Opens connections of the variant the URL names. diesel's own `establish` on the
/// multi-connection tries every backend in turn and hides the real error; this does not.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    /// A manager for the database at `url`; nothing is opened yet.
    pub fn new(url: DatabaseUrl) -> Self {
        Self { url }
    }

    /// Opens a connection; an SQLite one is set up for one writer beside many readers.
    pub fn connect(&self) -> Result<DbConnection, DbError> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let mut c = diesel::SqliteConnection::establish(&path.to_string_lossy())?;
                // WAL lets readers run beside the one writer; busy_timeout makes a second
                // writer (the CLI beside a running server) wait instead of failing.
                c.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                )?;
                Ok(DbConnection::Sqlite(c))
            }
            DatabaseUrl::Postgres(url) => Ok(DbConnection::Pg(diesel::PgConnection::establish(url)?)),
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = DbError;

    fn connect(&self) -> Result<DbConnection, DbError> {
        Manager::connect(self)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), DbError> {
        conn.batch_execute("SELECT 1").map_err(DbError::from)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// The pool of connections the store draws from.
pub type Pool = r2d2::Pool<Manager>;

/// Builds a pool and applies pending migrations on one of its connections.
pub fn open_pool(url: &DatabaseUrl, max_size: u32) -> Result<Pool, DbError> {
    pool(url, max_size, true)
}

/// Builds a pool over the database as it is: no migration applied (a check that must change
/// nothing, such as `smarty status`).
pub fn open_pool_as_is(url: &DatabaseUrl, max_size: u32) -> Result<Pool, DbError> {
    pool(url, max_size, false)
}

fn pool(url: &DatabaseUrl, max_size: u32, migrate: bool) -> Result<Pool, DbError> {
    let manager = Manager::new(url.clone());
    // Connect once outside the pool so a bad URL reports the database's own error.
    let mut first = manager.connect()?;
    if migrate {
        run_migrations(&mut first)?;
    }
    drop(first);
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(15))
        // A PostgreSQL connection can go stale (the server restarted): tested as it is taken.
        // An SQLite one is an open file and cannot; testing it would cost a statement per use.
        .test_on_check_out(matches!(url, DatabaseUrl::Postgres(_)))
        .build(manager)
        .map_err(|e| DbError::Migration(e.to_string()))
}

/// Applies the backend's embedded migrations.
pub fn run_migrations(conn: &mut DbConnection) -> Result<(), DbError> {
    let result = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| DbError::Migration(e.to_string()))
}

/// Reverts the latest migration (to test an upgrade from the release before it).
#[cfg(test)]
pub(crate) fn revert_last_migration(conn: &mut DbConnection) -> Result<(), DbError> {
    let result = match conn {
        DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE_MIGRATIONS).map(|_| ()),
        DbConnection::Pg(c) => c.revert_last_migration(POSTGRES_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| DbError::Migration(e.to_string()))
}

/// True when no migration is pending (for `/readyz`).
pub fn migrations_applied(conn: &mut DbConnection) -> Result<bool, DbError> {
    let pending = match conn {
        DbConnection::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
        DbConnection::Pg(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
    };
    pending.map(|p| !p).map_err(|e| DbError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_schemes() {
        assert_eq!(DatabaseUrl::parse("sqlite:///tmp/a.db"), Ok(DatabaseUrl::Sqlite("/tmp/a.db".into())));
        assert_eq!(DatabaseUrl::parse("data/a.db"), Ok(DatabaseUrl::Sqlite("data/a.db".into())));
        assert!(matches!(DatabaseUrl::parse("postgres://u@h/db"), Ok(DatabaseUrl::Postgres(_))));
        assert_eq!(DatabaseUrl::parse("mysql://x"), Err(DatabaseUrlError::Scheme("mysql".into())));
        let pg = DatabaseUrl::parse("postgres://u:secret@h/db").unwrap();
        assert!(!pg.redacted().contains("secret"));
    }
}
