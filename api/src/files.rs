//! The data folder is private: the database, keys, index and configuration (which may hold a
//! database password) are readable by the node's own user only, whatever the umask.

use crate::config::Config;
use smarty_schema::db::DatabaseUrl;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Files the node creates from now on are 0600 and folders 0700.
pub fn private_umask() {
    // SAFETY: umask only sets the process's file-creation mask.
    unsafe { libc::umask(0o077) };
}

/// Tightens the node's folders to 0700 and its files to 0600; returns what was looser.
pub fn tighten(config: &Config) -> Vec<PathBuf> {
    walk(config, Fix::Tighten)
}

/// The node's files and folders that other users can read, changing nothing.
pub fn loose(config: &Config) -> Vec<PathBuf> {
    walk(config, Fix::Report)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fix {
    Tighten,
    Report,
}

fn walk(config: &Config, fix: Fix) -> Vec<PathBuf> {
    let mut loose = Vec::new();
    tighten_tree(&config.base_dir, fix, &mut loose);
    let index = config.index_path();
    if !index.starts_with(&config.base_dir) {
        tighten_tree(&index, fix, &mut loose);
    }
    if let Ok(DatabaseUrl::Sqlite(db)) = config.database()
        && !db.starts_with(&config.base_dir)
    {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = db.clone().into_os_string();
            name.push(suffix);
            tighten_one(Path::new(&name), 0o600, fix, &mut loose);
        }
    }
    loose
}

/// Says what was tightened, so an operator knows the folder had been readable by others.
pub fn report(loose: &[PathBuf]) {
    if loose.is_empty() {
        return;
    }
    let shown: Vec<String> = loose.iter().take(5).map(|p| p.display().to_string()).collect();
    let more = if loose.len() > 5 { format!(" and {} more", loose.len() - 5) } else { String::new() };
    tracing::warn!(
        files = %format!("{}{more}", shown.join(", ")),
        "the node's files were readable by other users; they are now 0600 (folders 0700)"
    );
    eprintln!(
        "smarty: tightened {} path(s) that other users could read ({}{more}): files are now 0600, folders 0700",
        loose.len(),
        shown.join(", ")
    );
}

fn tighten_tree(dir: &Path, fix: Fix, loose: &mut Vec<PathBuf>) {
    let Ok(meta) = std::fs::symlink_metadata(dir) else { return };
    if !meta.is_dir() {
        return;
    }
    tighten_one(dir, 0o700, fix, loose);
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => tighten_tree(&path, fix, loose),
            Ok(t) if t.is_file() => tighten_one(&path, 0o600, fix, loose),
            _ => {}
        }
    }
}

fn tighten_one(path: &Path, mode: u32, fix: Fix, loose: &mut Vec<PathBuf>) {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return };
    if meta.file_type().is_symlink() || meta.permissions().mode() & 0o077 == 0 {
        return;
    }
    if fix == Fix::Report {
        loose.push(path.to_path_buf());
        return;
    }
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
        Ok(()) => loose.push(path.to_path_buf()),
        Err(e) => tracing::warn!(path = %path.display(), error = %e, "cannot tighten the mode of a node file"),
    }
}
