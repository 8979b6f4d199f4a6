//! `smarty backup` and `smarty restore`: an online copy of the store, and a node brought back
//! from one.

use crate::config::Config;
use smarty_schema::db::DatabaseUrl;
use smarty_schema::store::Store;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Copies the node's store to `to` while the node may be serving.
pub fn backup(to: &Path, config: &Config) -> Result<(), String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    store.backup_into(to).map_err(|e| format!("cannot back up: {e}"))?;
    // The copy holds what the store holds, contacts included: as private as the store.
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
    let size = std::fs::metadata(to).map_or(0, |m| m.len());
    println!("backed up {} ({} to {}, {size} bytes)", config.region, store.url().redacted(), to.display());
    Ok(())
}

/// Puts the store of a backup in place of a node's store that holds nothing yet, with the
/// node stopped. The node's configuration and key must be in place (they are not in the
/// backup: see deploy/README.md, Backups). The search index is dropped, so that the node
/// rebuilds it from the restored store when it starts; its peers' cursors come back as they
/// were at the backup, so the next sync pulls what it missed.
pub fn restore(from: &Path, config: &Config) -> Result<(), String> {
    let DatabaseUrl::Sqlite(db) = config.database()? else {
        return Err("a PostgreSQL store is restored with pg_restore into an empty database \
                    (deploy/README.md, Backups)"
            .into());
    };
    if !from.is_file() {
        return Err(format!("no backup at {}", from.display()));
    }
    if db.exists() {
        let current = Store::open(&DatabaseUrl::Sqlite(db.clone()), 1).map_err(|e| e.to_string())?;
        if !current.is_unused().map_err(|e| e.to_string())? {
            return Err(format!(
                "the store {} is not empty: restore into a node that holds nothing yet (a new `smarty init`, or \
                 remove the database file with the node stopped)",
                db.display()
            ));
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", Path::new(&name).display())),
        }
    }
    std::fs::copy(from, &db).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), db.display()))?;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
    // Opening migrates a backup made by an older release; reading proves the copy whole.
    let store = Store::open(&DatabaseUrl::Sqlite(db.clone()), 1).map_err(|e| e.to_string())?;
    let records = store.last_seq().map_err(|e| format!("the restored store cannot be read: {e}"))?;
    let index = config.index_path();
    if index.exists() {
        std::fs::remove_dir_all(&index).map_err(|e| format!("cannot remove the old index {}: {e}", index.display()))?;
    }
    println!(
        "restored {} from {} (store at change {records}); the search index is rebuilt when the node starts",
        config.region,
        from.display()
    );
    Ok(())
}
