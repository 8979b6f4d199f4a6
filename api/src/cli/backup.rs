//! `smarty backup` and `smarty restore`: an online copy of the store, and a node brought back
//! from one.

use crate::config::Config;
use smarty_schema::db::DatabaseUrl;
use smarty_schema::store::Store;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// How far a restore moves the change sequence on: more changes than a node makes between a
/// backup and its loss, so that peers whose cursors are past the restored sequence are sent
/// every change made after the restore.
const SEQUENCE_GAP: i64 = 1_000_000_000;

/// Copies the node's store to `to` while the node may be serving.
pub fn backup(to: &Path, config: &Config) -> Result<(), String> {
    let store = Store::open_as_is(&config.database()?, 1).map_err(|e| e.to_string())?;
    if let Err(e) = store.backup_into(to) {
        // A copy cut short is no backup: leave nothing that looks like one.
        if to.exists() && !matches!(e, smarty_schema::store::StoreError::Conflict(_)) {
            let _ = std::fs::remove_file(to);
        }
        return Err(format!("cannot back up: {e}"));
    }
    // The copy holds what the store holds, contacts included: as private as the store.
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
    let size = std::fs::metadata(to).map_or(0, |m| m.len());
    println!("backed up {} ({} to {}, {size} bytes)", config.region, store.url().redacted(), to.display());
    Ok(())
}

/// Puts the store of a backup in place of a node's store that holds nothing yet, with the
/// node stopped. The node's configuration and key must be in place (they are not in the
/// backup: see deploy/README.md, Backups). The search index is dropped, so that the node
/// rebuilds it from the restored store when it starts. Its cursors on its peers' feeds come
/// back as they were at the backup, so its next sync pulls what it missed; its own sequence
/// moves on by [`SEQUENCE_GAP`], so that peers whose cursors on its feed are past the backup
/// are sent every change made from now on.
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
        let current = Store::open_as_is(&DatabaseUrl::Sqlite(db.clone()), 1).map_err(|e| e.to_string())?;
        if !current.is_unused().map_err(|e| e.to_string())? {
            return Err(format!(
                "the store {} is not empty: restore into a node that holds nothing yet (a new `smarty init`, or \
                 remove the database file with the node stopped)",
                db.display()
            ));
        }
    }
    // The copy is made and checked beside the store, then renamed into place: a full disk or a
    // bad file leaves the node's folder as it was.
    let mut staged = db.clone().into_os_string();
    staged.push(".restoring");
    let staged = std::path::PathBuf::from(staged);
    let _ = std::fs::remove_file(&staged);
    std::fs::copy(from, &staged).map_err(|e| format!("cannot copy {} beside {}: {e}", from.display(), db.display()))?;
    std::fs::set_permissions(&staged, std::fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
    // Opening migrates a backup made by an older release; reading proves the copy usable. The
    // sequence moves on past what peers may already have read of the lost store.
    let checked = Store::open(&DatabaseUrl::Sqlite(staged.clone()), 1)
        .map_err(|e| e.to_string())
        .and_then(|store| store.advance_sequence(SEQUENCE_GAP).map_err(|e| e.to_string()));
    let position = match checked {
        Ok(at) => at,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(format!("{} is not a usable backup: {e}", from.display()));
        }
    };
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", Path::new(&name).display())),
        }
    }
    std::fs::rename(&staged, &db).map_err(|e| format!("cannot move the restored store into place: {e}"))?;
    let index = config.index_path();
    if index.exists() {
        std::fs::remove_dir_all(&index).map_err(|e| format!("cannot remove the old index {}: {e}", index.display()))?;
    }
    println!(
        "restored {} from {} (its sequence moved on to {position}); the search index is rebuilt when the node starts",
        config.region,
        from.display()
    );
    Ok(())
}
