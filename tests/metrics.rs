//! `GET /metrics` in Prometheus text format, read back by the official Python client's
//! parser (`prometheus_client`), as a Prometheus server would scrape it.

use crate::support::peer::pin;
use crate::support::samples::{case_study, published};
use crate::support::tools::venv_bin;
use crate::support::{Backend, TestNode, search_until};
use serde_json::Value;
use std::process::Command;

/// The samples of a scrape as `prometheus_client` parses them: `[{name, labels, value}]`,
/// with each family's type.
fn parse(text: &str) -> Value {
    let script = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
print(json.dumps(out))
"#;
    let mut child = Command::new(venv_bin("python"))
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the Prometheus parser refused the scrape: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The value of the sample `name` whose labels include `labels`.
fn sample(samples: &Value, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples.as_array().unwrap().iter().find_map(|s| {
        let matches = s["name"] == name && labels.iter().all(|(k, v)| s["labels"][*k] == *v);
        matches.then(|| s["value"].as_f64().unwrap())
    })
}

#[tokio::test]
async fn an_operator_scrapes_traffic_sync_index_and_pool_metrics() {
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    let leeds = TestNode::start(Backend::Sqlite).await;
    pin(&leeds, &tuscany, true);
    pin(&tuscany, &leeds, false);
    for title in ["Manutenzione predittiva a Prato", "Gemello digitale a Lucca"] {
        let mut c = case_study(title);
        c["language"] = serde_json::json!("it");
        tuscany.client().post("/api/v1/case-studies", Some(&tuscany.editor), &published(c)).await.expect(201);
    }
    let out = leeds.smarty_async(&["sync"]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    search_until(&leeds, "q=prato", |r| r["total"] == 1).await;
    for _ in 0..3 {
        leeds.get("/api/v1/catalogue/search?q=prato", None).await.expect(200);
    }
    let record = leeds.get("/api/v1/catalogue/search?q=lucca", None).await.json();
    let id = record["hits"][0]["id"].as_str().unwrap().to_string();
    leeds.get(&format!("/api/v1/catalogue/records/{id}"), None).await.expect(200);
    leeds.get("/api/v1/catalogue/records/00000000-0000-7000-8000-000000000000", None).await.expect(404);
    // A method nobody defined is one series, whatever its name.
    for invented in ["FOO", "BAR"] {
        let method = reqwest::Method::from_bytes(invented.as_bytes()).unwrap();
        reqwest::Client::new().request(method, leeds.url("/api/v1/themes")).send().await.unwrap();
    }

    // Only an admin reads them.
    let http = reqwest::Client::new();
    let anonymous = http.get(leeds.url("/metrics")).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
    let editor = http.get(leeds.url("/metrics")).bearer_auth(&leeds.editor).send().await.unwrap();
    assert_eq!(editor.status().as_u16(), 403);
    let res = http.get(leeds.url("/metrics")).bearer_auth(&leeds.admin).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let samples = parse(&res.text().await.unwrap());

    // Traffic by route template (never by path: one series for every record id) and status.
    let search = [("node", "leeds"), ("method", "GET"), ("route", "/api/v1/catalogue/search"), ("status", "200")];
    assert!(sample(&samples, "http_requests_total", &search).unwrap() >= 4.0, "{samples}");
    let by_id = [("route", "/api/v1/catalogue/records/{id}")];
    assert_eq!(sample(&samples, "http_requests_total", &[by_id[0], ("status", "200")]), Some(1.0));
    assert_eq!(sample(&samples, "http_requests_total", &[by_id[0], ("status", "404")]), Some(1.0));
    assert!(!samples.to_string().contains(&id), "no series names a record");
    assert!(sample(&samples, "http_requests_total", &[("method", "other")]).unwrap() >= 2.0);
    assert!(!samples.to_string().contains("FOO"), "no series per invented method");
    let count = sample(&samples, "http_request_duration_seconds_count", &search).unwrap();
    assert!(count >= 4.0);
    let slowest =
        sample(&samples, "http_request_duration_seconds_bucket", &[search[1], search[2], search[3], ("le", "+Inf")]);
    assert_eq!(slowest, Some(count), "a histogram with buckets");

    // The sync with Tuscany, the index against the store, and the pool.
    let peer = [("peer", "tuscany")];
    assert_eq!(sample(&samples, "smarty_peer_records_received", &peer), Some(2.0));
    assert_eq!(sample(&samples, "smarty_peer_records_rejected", &peer), Some(0.0));
    assert_eq!(sample(&samples, "smarty_peer_consecutive_failures", &peer), Some(0.0));
    assert_eq!(sample(&samples, "smarty_peer_records_behind", &peer), Some(0.0), "caught up with its checkpoint");
    let last = sample(&samples, "smarty_peer_last_success_timestamp_seconds", &peer).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64();
    assert!((now - last).abs() < 300.0, "the last success is a Unix timestamp: {last}");
    let sequence = sample(&samples, "smarty_store_sequence", &[]).unwrap();
    assert!(sequence >= 2.0);
    assert_eq!(sample(&samples, "smarty_index_lag_changes", &[]), Some(0.0), "the index has caught up");
    assert_eq!(sample(&samples, "smarty_index_position", &[]), Some(sequence));
    assert!(sample(&samples, "smarty_db_pool_connections", &[]).unwrap() >= 1.0);
    assert!(sample(&samples, "smarty_db_pool_idle", &[]).is_some());
}
