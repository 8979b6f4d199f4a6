//! `cargo bench --bench search`: synthetic multilingual catalogues of 100,000 and 1,000,000
//! records (1–3 KB of Zipf-distributed text each, seven languages); index build time and
//! rate, index size, and the latency of a fixed mix of 1,000 queries: the node's engine
//! in-process, raw tantivy in-process on the same index (`common/raw_tantivy.rs`), and the
//! node over HTTP on one connection. Prints figures; asserts nothing about time.
//! `SMARTY_BENCH_SIZES=100000` picks the sizes.

// Test code: a failed unwrap is a failed test, with its location.
#![allow(clippy::unwrap_used)]

mod common;

use common::raw_tantivy::RawSearch;
use common::*;
use smarty_api::catalogue::params::parse;
use smarty_api::config::Config;
use smarty_api::keys::NodeKeys;
use smarty_api::search::Catalogue;
use smarty_schema::store::Store;
use std::time::Instant;

const QUERIES: usize = 1000;

fn main() {
    let sizes: Vec<usize> = std::env::var("SMARTY_BENCH_SIZES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("sizes are numbers"))
        .collect();
    for size in sizes {
        run(size);
    }
}

fn run(size: usize) {
    let dir = tempfile::tempdir_in(
        std::env::var("SMARTY_BENCH_DIR").unwrap_or_else(|_| std::env::temp_dir().display().to_string()),
    )
    .unwrap();
    let config_path = init(dir.path(), "leeds");
    let config = Config::load(std::path::Path::new(&config_path)).unwrap();
    let store = Store::open(&config.database().unwrap(), 2).unwrap();
    let keys = NodeKeys::load(&config).unwrap().active();

    // The store first: the index is built from it, as a node builds it.
    let start = Instant::now();
    let mean_bytes = fill(&store, &keys, size, |i| ORIGINS[Generator::language_of(i)]);
    println!(
        "search, {size} records ({:.1} KB of content each on average), store filled in {:.0} s",
        mean_bytes / 1024.0,
        start.elapsed().as_secs_f64()
    );

    let catalogue = Catalogue::open(&config.index_path(), store.clone(), true).unwrap();
    let start = Instant::now();
    catalogue.catch_up().unwrap();
    let build = start.elapsed().as_secs_f64();
    println!(
        "  index build              {build:.1} s  {:.0} docs/s  index size {:.0} MiB",
        size as f64 / build,
        dir_size(&config.index_path()) as f64 / 1048576.0
    );

    let mut queries = Generator::new(99);
    let mix: Vec<String> = (0..QUERIES).map(|_| queries.query()).collect();
    let requests: Vec<_> = mix.iter().map(|q| parse(q, Some(100)).unwrap().0).collect();
    for r in requests.iter().take(50) {
        catalogue.search(r).unwrap(); // warm the caches, as a running node's are
    }
    let mut in_process = Vec::with_capacity(QUERIES);
    let mut hits = 0u64;
    for r in &requests {
        let start = Instant::now();
        let result = catalogue.search(r).unwrap();
        in_process.push(start.elapsed().as_secs_f64() * 1000.0);
        hits += result.total;
    }
    let node = Latency::of(&mut in_process);
    println!(
        "  node in-process, {QUERIES} queries  {node}  (mean matches per query {:.0}; target p99 <= {} ms)",
        hits as f64 / QUERIES as f64,
        if size <= 100_000 { 10 } else { 30 }
    );

    let raw = RawSearch::open(&config.index_path());
    for q in mix.iter().take(50) {
        raw.search(q);
    }
    let (mut raw_times, mut raw_hits) = (Vec::with_capacity(QUERIES), 0u64);
    for q in &mix {
        let start = Instant::now();
        raw_hits += raw.search(q);
        raw_times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let raw = Latency::of(&mut raw_times);
    println!(
        "  raw tantivy in-process      {raw}  (mean matches per query {:.0}; top 20, two facet counts)",
        raw_hits as f64 / QUERIES as f64
    );
    println!(
        "  indexing + in-process peak memory {:.0} MiB (this benchmark process, generator included)",
        own_peak_mib()
    );
    drop(catalogue);

    let server = Server::start(&config_path);
    let pid = server.pid();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let over_http = runtime.block_on(async {
        let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().unwrap();
        server.ready().await;
        for q in mix.iter().take(50) {
            client
                .get(format!("{}/api/v1/catalogue/search?{q}", server.url))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
        }
        let mut times = Vec::with_capacity(QUERIES);
        for q in &mix {
            let start = Instant::now();
            let res = client.get(format!("{}/api/v1/catalogue/search?{q}", server.url)).send().await.unwrap();
            assert_eq!(res.status(), 200);
            res.bytes().await.unwrap();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times
    });
    let mut over_http = over_http;
    let http = Latency::of(&mut over_http);
    println!("  node over HTTP, one connection {http}");
    println!(
        "  ratio p99 node over HTTP/raw tantivy {:.2} (target <= 1.5); node over HTTP/node in-process {:.2}",
        http.p99 / raw.p99,
        http.p99 / node.p99
    );
    println!("  server peak memory       {:.0} MiB", peak_mib_of(pid));
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map_or(0, |entries| entries.filter_map(Result::ok).map(|e| e.metadata().map_or(0, |m| m.len())).sum())
}

fn own_peak_mib() -> f64 {
    peak_mib_of(std::process::id())
}
