//! `smarty sync`: one round now, beside or without a running server; `smarty compact`.

use crate::config::Config;
use crate::federation::sync::{Repair, Syncer};
use crate::keys::NodeKeys;
use smarty_schema::store::Store;

/// One round (of every pulled peer, or just `peer`); with `bootstrap`, first fills this node
/// from `peer`'s snapshot.
pub fn run(config: Config, peer: Option<String>, bootstrap: bool) -> Result<(), String> {
    let store = Store::open(&config.database()?, 2).map_err(|e| e.to_string())?;
    let keys = NodeKeys::load(&config)?;
    let syncer = Syncer::new(config, keys, store)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    if bootstrap {
        let from = peer.as_deref().ok_or("--bootstrap needs --peer: the peer whose snapshot to start from")?;
        let started = std::time::Instant::now();
        let b = runtime.block_on(syncer.bootstrap(from)).map_err(|e| format!("bootstrap from {from}: {e}"))?;
        println!(
            "{from}: bootstrapped from the snapshot in {:.1} s, {} record(s): {} applied, {} unchanged, {} rejected, {} \
             stale, {} own; {} checkpoint(s) kept{}",
            started.elapsed().as_secs_f64(),
            b.records,
            b.outcome.applied,
            b.outcome.unchanged,
            b.outcome.rejected,
            b.outcome.stale,
            b.outcome.own,
            b.checkpoints,
            peak_memory().map(|m| format!("; peak memory {m} MiB")).unwrap_or_default()
        );
    }
    let results = runtime.block_on(syncer.round(peer.as_deref()))?;
    let mut failed = 0;
    for (region, result) in &results {
        match result {
            Ok(r) => println!(
                "{region}: ok, {} page(s), {} applied, {} unchanged, {} rejected, {} stale, {} own{}",
                r.pages,
                r.outcome.applied,
                r.outcome.unchanged,
                r.outcome.rejected,
                r.outcome.stale,
                r.outcome.own,
                r.bootstrapped
                    .map(|n| format!(
                        "; the cursor predated the peer's tombstone horizon: bootstrapped from its snapshot ({n} \
                         record(s))"
                    ))
                    .unwrap_or_default()
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
    if peer.is_none() || bootstrap {
        for (origin, repair) in runtime.block_on(syncer.repair()) {
            match repair {
                Repair::Repaired { records, retracted, from } => {
                    println!(
                        "origin {origin}: repaired, {records} record(s) fetched from {from}, {retracted} retracted (no \
                         longer published by the origin)"
                    );
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

/// `smarty compact`: this node's expired tombstones, now.
pub fn compact(config: &Config) -> Result<(), String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    let done = crate::federation::compact::compact(&store, config).map_err(|e| e.to_string())?;
    println!(
        "compacted {} tombstone(s) deleted before {} (federation.tombstone_retention_days = {})",
        done.removed, done.before, config.federation.tombstone_retention_days
    );
    Ok(())
}

/// This process's peak resident memory in MiB, where the system tells (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: u64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
