//! `smarty import`, `smarty export` and `smarty migrate-store`.

use crate::config::Config;
use crate::keys::NodeKeys;
use crate::records::portable;
use smarty_schema::db::DatabaseUrl;
use smarty_schema::store::Store;
use std::path::Path;

pub fn import(file: &Path, config: &Config) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    let keys = NodeKeys::load(config)?;
    match portable::prepare_import(&text, &config.region, &keys, &store, crate::openapi::body_schemas()?) {
        Ok(rows) => {
            store.insert_records(&rows).map_err(|e| e.to_string())?;
            println!("imported {} record(s) into {}", rows.len(), config.region);
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            Err(format!("{} problem(s) in {}; nothing was imported", problems.len(), file.display()))
        }
    }
}

pub fn export(config: &Config) -> Result<(), String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    let records = portable::export(&store, &config.region).map_err(|e| e.to_string())?;
    println!("{}", serde_json::to_string_pretty(&records).map_err(|e| e.to_string())?);
    Ok(())
}

pub fn migrate_store(from: &str, to: &str) -> Result<(), String> {
    let (from_url, to_url) = (DatabaseUrl::parse(from)?, DatabaseUrl::parse(to)?);
    if from_url == to_url {
        return Err("--from and --to are the same store".into());
    }
    if let DatabaseUrl::Sqlite(path) = &from_url
        && !path.exists()
    {
        return Err(format!("{} does not exist", path.display()));
    }
    let source = Store::open(&from_url, 1).map_err(|e| e.to_string())?;
    let target = Store::open(&to_url, 1).map_err(|e| e.to_string())?;
    let report = source.copy_to(&target).map_err(|e| e.to_string())?;
    println!(
        "copied {} record(s) (sequence at {}), {} peer(s), {} token(s), {} replay entries, {} rejection(s), {} retired key(s) from {} to {}",
        report.records,
        report.last_seq,
        report.peers,
        report.tokens,
        report.seen_tokens,
        report.rejections,
        report.retired_keys,
        from_url.redacted(),
        to_url.redacted()
    );
    println!("verified: both stores hold the same records, hashes and cursors (digest {})", &report.digest[..16]);
    Ok(())
}
