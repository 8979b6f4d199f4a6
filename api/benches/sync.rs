//! `cargo bench --bench sync`: a fresh node pulls 100,000 case studies from a peer over
//! loopback; the baselines, measured in the same run, insert the same records into a fresh
//! store in one transaction with no network and no verification, and into raw SQLite
//! (rusqlite, the store's table and indexes) a transaction per sync page; `smarty import` of
//! the same records as a file, against raw SQLite in one transaction. Then the time of an
//! unchanged round against six peers, of checking what is held of each origin against its
//! checkpoint, of finding and repairing 10 records missing out of all, and of a new node's
//! bootstrap from the peer's snapshot. Prints figures; asserts nothing about time.

// Test code: a failed unwrap is a failed test, with its location.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use smarty_api::config::Config;
use smarty_api::federation::sync::{Repair, Syncer};
use smarty_api::keys::NodeKeys;
use smarty_schema::store::{Store, Write};
use smarty_schema::{Kind, Record, Status, timestamp};
use std::time::Instant;

fn main() {
    let count: usize = std::env::var("SMARTY_BENCH_RECORDS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let peer = init(dir.path(), "tuscany");
    let puller = init(dir.path(), "leeds");

    // Seed the peer's store directly: sealed rows, as the API would write them.
    let peer_config = Config::load(std::path::Path::new(&peer)).unwrap();
    let config = peer_config.clone();
    let keys = NodeKeys::load(&config).unwrap().active();
    let mut generator = Generator::new(7);
    let now = timestamp::now();
    let rows: Vec<_> = (0..count)
        .map(|i| {
            let record = Record {
                id: uuid::Uuid::now_v7().to_string(),
                kind: Kind::CaseStudy,
                origin: "tuscany".into(),
                version: 1,
                status: Status::Published,
                created_at: now.clone(),
                updated_at: now.clone(),
                content: generator.case_study(i),
            };
            Write::local(&record, false, &keys.signing, &keys.jwk.kid)
        })
        .collect();
    let bytes: usize = rows.iter().filter_map(|w| w.change.record.content.as_ref()).map(|c| c.to_string().len()).sum();
    Store::open(&config.database().unwrap(), 1).unwrap().insert_records(&rows).unwrap();

    // Baseline: the same records into a fresh store, one transaction.
    let baseline_store =
        Store::open(&smarty_schema::db::DatabaseUrl::Sqlite(dir.path().join("baseline.db")), 1).unwrap();
    let start = Instant::now();
    baseline_store.insert_records(&rows).unwrap();
    let baseline_secs = start.elapsed().as_secs_f64();
    // The raw engine: the same rows through rusqlite, a transaction per sync page.
    let page = peer_config.sync.page_size as usize;
    let raw_secs = raw_sqlite::paged_insert(&dir.path().join("raw.db"), &rows, page);
    let raw_rate = count as f64 / raw_secs;

    let server = Server::start(&peer);
    // The peer indexes its own records first, as a peer long in service has.
    server.wait_ready();
    pin(&peer, &puller, "leeds", None);
    pin(&puller, &peer, "tuscany", Some(&server.url));
    let (sync_secs, peak_mib, out) = measure(&["sync", "--config", &puller]);
    assert!(out.contains(&format!("{count} applied")), "sync applied everything: {out}");

    let sync_rate = count as f64 / sync_secs;
    let baseline_rate = count as f64 / baseline_secs;
    println!(
        "sync: {count} case studies ({:.1} KB of content each on average) over loopback",
        bytes as f64 / count as f64 / 1024.0
    );
    println!("  page size                {}", config.sync.page_size);
    println!(
        "  sync                     {sync_secs:.2} s  {sync_rate:.0} records/s  peak memory {peak_mib:.0} MiB (the `smarty sync` process)"
    );
    println!(
        "  baseline (one-transaction insert, no network, no verification)  {baseline_secs:.2} s  {baseline_rate:.0} records/s"
    );
    println!("  ratio sync/baseline      {:.2}  (target >= 0.25)", sync_rate / baseline_rate);
    println!(
        "  raw SQLite (rusqlite, WAL, synchronous=NORMAL), one transaction per {page} rows  {raw_secs:.2} s  {raw_rate:.0} rows/s"
    );
    println!("  ratio sync/raw SQLite    {:.2}", sync_rate / raw_rate);

    // `smarty import` of the same records as a file (ids kept), against raw SQLite inserting
    // them in one transaction.
    let file = dir.path().join("import.json");
    let portable: Vec<serde_json::Value> = rows
        .iter()
        .map(|w| {
            let r = &w.change.record;
            serde_json::json!({"id": r.id, "kind": "case_study", "status": "published", "content": r.content})
        })
        .collect();
    std::fs::write(&file, serde_json::to_vec(&portable).unwrap()).unwrap();
    drop(portable);
    let importer = init(&dir.path().join("import"), "tuscany");
    let (import_secs, import_peak, out) = measure(&["import", "--config", &importer, file.to_str().unwrap()]);
    assert!(out.contains(&format!("imported {count} record(s)")), "import wrote everything: {out}");
    let raw_one_secs = raw_sqlite::paged_insert(&dir.path().join("raw-one.db"), &rows, count);
    let (import_rate, raw_one_rate) = (count as f64 / import_secs, count as f64 / raw_one_secs);
    println!(
        "  smarty import            {import_secs:.2} s  {import_rate:.0} records/s  peak memory {import_peak:.0} MiB (schema checks, validation, signing, one transaction)"
    );
    println!("  raw SQLite, one transaction  {raw_one_secs:.2} s  {raw_one_rate:.0} rows/s");
    println!("  ratio import/raw SQLite  {:.2}", import_rate / raw_one_rate);

    // An unchanged round against six peers.
    let mut servers = vec![server];
    let mut others = std::collections::HashMap::new();
    for region in ["mazovia", "lapland", "slovenia", "castilla-leon", "catalonia"] {
        let other = init(dir.path(), region);
        others.insert(region, other.clone());
        let s = Server::start(&other);
        pin(&other, &puller, "leeds", None);
        pin(&puller, &other, region, Some(&s.url));
        servers.push(s);
    }
    measure(&["sync", "--config", &puller]);
    let config = Config::load(std::path::Path::new(&puller)).unwrap();
    let store = Store::open(&config.database().unwrap(), 2).unwrap();
    let syncer = Syncer::new(config.clone(), NodeKeys::load(&config).unwrap(), store).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut times: Vec<f64> = (0..11)
        .map(|_| {
            let start = Instant::now();
            let results = runtime.block_on(syncer.round(None)).unwrap();
            assert!(results.iter().all(|(_, r)| r.as_ref().is_ok_and(|r| r.outcome.applied == 0)));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "unchanged round against 6 peers: median {:.1} ms, max {:.1} ms over 11 rounds (target < 100 ms)",
        times[5], times[10]
    );

    // The complete-check: what is held of each origin against its newest checkpoint.
    let store = Store::open(&config.database().unwrap(), 1).unwrap();
    let mut times: Vec<f64> = (0..11)
        .map(|_| {
            let start = Instant::now();
            let origins = smarty_api::federation::peers_api::completeness(&store).unwrap();
            let elapsed = start.elapsed().as_secs_f64() * 1000.0;
            assert_eq!(origins.len(), 6, "a checkpoint of every peer");
            assert!(origins.iter().all(|o| o.state == smarty_api::federation::peers_api::Completeness::Complete));
            elapsed / origins.len() as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "complete-check of 6 origins holding {count} records: median {:.3} ms per origin over 11 checks (target < 50 ms)",
        times[5]
    );

    // Repair: a node holding all of the peer's records but 10, and the peer's checkpoint,
    // finds the 10 by range digests and fetches just them.
    let lapland = &others["lapland"];
    pin(lapland, &peer, "tuscany", Some(&servers[0].url));
    pin(&peer, lapland, "lapland", None);
    let lapland_config = Config::load(std::path::Path::new(lapland)).unwrap();
    let lapland_store = Store::open(&lapland_config.database().unwrap(), 2).unwrap();
    let held: Vec<Write> = rows.iter().skip(10).map(|w| Write::received(w.change.clone(), None)).collect();
    let peer_store = Store::open(&peer_config.database().unwrap(), 1).unwrap();
    let end = smarty_api::federation::feed::encode_cursor(peer_store.last_seq().unwrap());
    lapland_store.apply_remote("tuscany", "lapland", None, &end, &held, &[]).unwrap();
    drop((held, rows));
    let lapland_syncer =
        Syncer::new(lapland_config.clone(), NodeKeys::load(&lapland_config).unwrap(), lapland_store).unwrap();
    // The round reads the feed's last page only: the peer's checkpoint.
    let results = runtime.block_on(lapland_syncer.round(Some("tuscany"))).unwrap();
    assert!(results.iter().all(|(_, r)| r.as_ref().is_ok_and(|r| r.outcome.applied == 0 && r.checkpoints == 1)));
    let start = Instant::now();
    let repaired = runtime.block_on(lapland_syncer.repair());
    let repair_ms = start.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(
        repaired,
        vec![("tuscany".to_string(), Repair::Repaired { records: 10, retracted: 0, from: "tuscany".into() })]
    );
    println!(
        "repair of 10 records missing out of {count}: {repair_ms:.0} ms, range digests and 10 records fetched (target < 1 s)"
    );

    // Bootstrap: a new node fills itself from the peer's snapshot, one streamed request.
    let mazovia = &others["mazovia"];
    pin(mazovia, &peer, "tuscany", Some(&servers[0].url));
    pin(&peer, mazovia, "mazovia", None);
    let (secs, peak_mib, out) = measure(&["sync", "--config", mazovia, "--peer", "tuscany", "--bootstrap"]);
    assert!(out.contains(&format!("{count} record(s): {count} applied")), "bootstrap applied everything: {out}");
    let rate = count as f64 / secs;
    println!("  {}", out.lines().next().unwrap_or_default());
    println!(
        "snapshot bootstrap: {count} records in {secs:.2} s  {rate:.0} records/s  peak memory {peak_mib:.0} MiB; ratio to the \
         raw SQLite paged insert {:.2}, to the store's one-transaction insert {:.2}, to the feed sync {:.2}",
        rate / raw_rate,
        rate / baseline_rate,
        rate / sync_rate
    );
}
