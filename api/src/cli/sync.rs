//! `smarty sync`: one round now, beside or without a running server.

use crate::config::Config;
use crate::federation::sync::{Repair, Syncer};
use crate::keys::NodeKeys;
use smarty_schema::store::Store;

pub fn run(config: Config, peer: Option<String>) -> Result<(), String> {
    let store = Store::open(&config.database()?, 2).map_err(|e| e.to_string())?;
    let keys = NodeKeys::load(&config)?;
    let syncer = Syncer::new(config, keys, store)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    let results = runtime.block_on(syncer.round(peer.as_deref()))?;
    let mut failed = 0;
    for (region, result) in &results {
        match result {
            Ok(r) => println!(
                "{region}: ok, {} page(s), {} applied, {} unchanged, {} rejected, {} stale, {} own",
                r.pages, r.applied, r.unchanged, r.rejected, r.stale, r.own
            ),
            Err(e) => {
                failed += 1;
                println!("{region}: FAILED: {e}");
            }
        }
    }
    if results.is_empty() {
        println!("no peers to pull from: add one with smarty peers add --url …");
    }
    // A full round ends by checking every origin against its checkpoint, repairing what
    // differs from a peer that has it.
    if peer.is_none() {
        for (origin, repair) in runtime.block_on(syncer.repair()) {
            match repair {
                Repair::Repaired { records, from } => {
                    println!("origin {origin}: repaired, {records} record(s) fetched from {from}");
                }
                Repair::Unserved { missing, checkpoint_from } => println!(
                    "origin {origin}: INCOMPLETE, {missing} missing, served by nobody (checkpoint served by \
                     {checkpoint_from})"
                ),
            }
        }
    }
    if failed > 0 { Err(format!("{failed} of {} peer(s) failed", results.len())) } else { Ok(()) }
}
