//! `cargo bench --bench reads`: `GET /api/v1/case-studies/{id}` of random records and a list
//! page (`GET /api/v1/case-studies?cursor=…`, 50 records) over HTTP from 32 keep-alive
//! connections, against the same JSON bytes served from memory by a bare actix-web handler:
//! the HTTP stack underneath with nothing of the node's above it. Each server is confined to
//! core 0 (one HTTP worker), the in-process load generator (hyper's client, one thread) to
//! core 1. Prints requests/s, latency percentiles and the ratio node/baseline; asserts nothing
//! about time. `SMARTY_BENCH_RECORDS` (default 100000) records, `SMARTY_BENCH_SECONDS`
//! (default 5) per measurement.

// Test code: a failed unwrap is a failed test, with its location.
#![allow(clippy::unwrap_used)]

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bytes::Bytes;
use common::*;
use http_body_util::{BodyExt, Empty};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use smarty_api::config::Config;
use smarty_api::keys::NodeKeys;
use smarty_schema::store::Store;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 32;
/// Set in the baseline server's environment: the folder of the files it serves.
const STATIC_FILES: &str = "SMARTY_BENCH_STATIC_FILES";

fn main() {
    if let Ok(dir) = std::env::var(STATIC_FILES) {
        return serve_static(std::path::Path::new(&dir));
    }
    // The load generator's core: every thread of this process from here on.
    let pinned = Command::new("taskset").args(["-p", "-c", "1", &std::process::id().to_string()]).output();
    assert!(pinned.is_ok_and(|o| o.status.success()), "taskset pins the load generator");
    let size: usize = std::env::var("SMARTY_BENCH_RECORDS").map_or(100_000, |s| s.parse().expect("a number"));
    let seconds: f64 = std::env::var("SMARTY_BENCH_SECONDS").map_or(5.0, |s| s.parse().expect("a number"));
    let run_for = Duration::from_secs_f64(seconds);

    let dir = tempfile::tempdir_in(
        std::env::var("SMARTY_BENCH_DIR").unwrap_or_else(|_| std::env::temp_dir().display().to_string()),
    )
    .unwrap();
    let config_path = init(dir.path(), "leeds");
    let config = Config::load(std::path::Path::new(&config_path)).unwrap();
    let ids: Vec<String> = {
        let store = Store::open(&config.database().unwrap(), 2).unwrap();
        let mean = fill(&store, &NodeKeys::load(&config).unwrap().active(), size, |_| "leeds");
        println!("reads, {size} records of leeds ({:.1} KB of content each on average)", mean / 1024.0);
        store.own_records("leeds").unwrap().into_iter().map(|r| r.id).collect()
    };
    let by_id: Vec<String> = ids.iter().map(|id| format!("/api/v1/case-studies/{id}")).collect();
    let pages: Vec<String> =
        ids.iter().map(|id| format!("/api/v1/case-studies?cursor={}", URL_SAFE_NO_PAD.encode(id))).collect();

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let node = Server::start_on_core(&config_path, 0);
    let (record, page) = runtime.block_on(async {
        let client = reqwest::Client::new();
        // Measured once the node has indexed every record, as a node runs most of its life.
        let search = format!("{}/api/v1/catalogue/search?limit=1", node.url);
        loop {
            let answer = client.get(&search).send().await.ok().filter(|r| r.status() == 200);
            let body: serde_json::Value = match answer {
                Some(r) => r.json().await.unwrap(),
                None => serde_json::Value::Null,
            };
            if body["total"] == size {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let get = |path: &String| {
            let url = format!("{}{path}", node.url);
            let client = client.clone();
            async move { client.get(url).send().await.unwrap().bytes().await.unwrap() }
        };
        (get(&by_id[0]).await, get(&pages[0]).await)
    });
    let node_by_id = runtime.block_on(load(&node.url, &by_id, run_for));
    let node_page = runtime.block_on(load(&node.url, &pages, run_for));
    let (anonymous, file) = resident_mib_of(node.pid());
    println!(
        "  node memory: peak {:.0} MiB (indexing every record at start included); after the runs {anonymous:.0} MiB anonymous + {file:.0} MiB file-backed (the index's mapped files)",
        peak_mib_of(node.pid())
    );
    drop(node);

    let files = dir.path().join("static");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("record"), &record).unwrap();
    std::fs::write(files.join("page"), &page).unwrap();
    let mut command = Command::new("taskset");
    command.args(["-c", "0"]).arg(std::env::current_exe().unwrap()).env(STATIC_FILES, &files);
    let baseline = Server::spawn(command);
    let base_by_id = runtime.block_on(load(&baseline.url, &["/record".to_string()], run_for));
    let base_page = runtime.block_on(load(&baseline.url, &["/page".to_string()], run_for));

    for (what, bytes, node, base) in
        [("GET by id", record.len(), node_by_id, base_by_id), ("list page", page.len(), node_page, base_page)]
    {
        println!("  {what} ({bytes} bytes)");
        println!("    node      {:>8.0} req/s  {}", node.rate, node.latency);
        println!("    baseline  {:>8.0} req/s  {}", base.rate, base.latency);
        println!("    ratio node/baseline {:.2}", node.rate / base.rate);
    }
}

/// What one measurement saw.
struct Run {
    rate: f64,
    latency: Latency,
}

/// `CONNECTIONS` keep-alive connections each sending GETs of random `paths` one after the
/// other for `run_for` (after a warm-up of a tenth of it); every answer must be 200.
async fn load(url: &str, paths: &[String], run_for: Duration) -> Run {
    let addr: std::net::SocketAddr = url.trim_start_matches("http://").parse().unwrap();
    let paths: Arc<Vec<String>> = Arc::new(paths.to_vec());
    let _ = measure_for(addr, &paths, run_for / 10).await;
    let start = Instant::now();
    let mut times = measure_for(addr, &paths, run_for).await;
    let rate = times.len() as f64 / start.elapsed().as_secs_f64();
    Run { rate, latency: Latency::of(&mut times) }
}

async fn measure_for(addr: std::net::SocketAddr, paths: &Arc<Vec<String>>, run_for: Duration) -> Vec<f64> {
    let until = Instant::now() + run_for;
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|c| {
            let paths = paths.clone();
            tokio::spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
                stream.set_nodelay(true).unwrap();
                let (mut sender, connection) =
                    hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
                tokio::spawn(connection);
                let mut rng = StdRng::seed_from_u64(c as u64);
                let mut times = Vec::new();
                while Instant::now() < until {
                    let path = &paths[rng.random_range(0..paths.len())];
                    let request = hyper::Request::get(path.as_str())
                        .header(hyper::header::HOST, addr.to_string())
                        .body(Empty::<Bytes>::new())
                        .unwrap();
                    let start = Instant::now();
                    let response = sender.send_request(request).await.unwrap();
                    assert_eq!(response.status(), 200, "{path}");
                    response.into_body().collect().await.unwrap();
                    times.push(start.elapsed().as_secs_f64() * 1000.0);
                }
                times
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all
}

/// The baseline: the files of `dir`, read once, served from memory at `/{name}` as JSON by
/// one actix-web worker.
fn serve_static(dir: &std::path::Path) {
    use actix_web::{App, HttpResponse, HttpServer, web};
    let file = |name: &str| Bytes::from(std::fs::read(dir.join(name)).unwrap());
    let (record, page) = (file("record"), file("page"));
    actix_web::rt::System::new().block_on(async move {
        let server = HttpServer::new(move || {
            let (record, page) = (record.clone(), page.clone());
            App::new()
                .route(
                    "/record",
                    web::get().to(move || {
                        let body = record.clone();
                        async move { HttpResponse::Ok().content_type("application/json").body(body) }
                    }),
                )
                .route(
                    "/page",
                    web::get().to(move || {
                        let body = page.clone();
                        async move { HttpResponse::Ok().content_type("application/json").body(body) }
                    }),
                )
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .unwrap();
        println!("smarty: listening on http://{}", server.addrs()[0]);
        server.run().await.unwrap();
    });
}
