//! What a node writes to its log about requests: one line per refused or failed request, at
//! a level that fits (a client's mistake is `info`, not an alarm), with the problem's
//! human detail and no Rust debug text.

use crate::support::http::Client;
use crate::support::node::{BIN, Backend, TestNode};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn refused_requests_log_at_info_with_their_detail() {
    let mut node = TestNode::start(Backend::Sqlite).await;
    node.stop();
    // Outside the data folder, which the node keeps to its owner.
    let logs = tempfile::tempdir().unwrap();
    let log_path = logs.path().join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--config", node.config.to_str().unwrap(), "--log-format", "json"])
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("smarty serve exited before listening").unwrap();
        if let Some(url) = line.strip_prefix("smarty: listening on ") {
            break url.to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let client = Client::new(&base);
    client.get("/api/v1/case-studies/0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", None).await.expect(404);
    client.post("/api/v1/case-studies", Some("not-a-token"), &serde_json::json!({})).await.expect(401);
    client.get("/api/v1/case-studies", None).await.expect(200);
    // The node logs a request when it ends; SIGTERM and wait, so the file holds every line.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    child.wait().unwrap();

    let text = std::fs::read_to_string(&log_path).unwrap();
    let events: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let refused: Vec<&Value> = events.iter().filter(|e| e["fields"]["message"] == "request refused").collect();
    let statuses: Vec<u64> = refused.iter().filter_map(|e| e["fields"]["status"].as_u64()).collect();
    assert_eq!(statuses, vec![404, 401], "one line per refused request, none for the 200:\n{text}");
    for e in &refused {
        assert_eq!(e["level"], "INFO", "a client's mistake is no alarm: {e}");
        assert_eq!(e["span"]["node"], "leeds", "each line names the node's region: {e}");
        let detail = e["fields"]["detail"].as_str().unwrap_or("");
        assert!(!detail.is_empty() && !detail.contains("NotFound") && !detail.contains("Unauthorized("), "{e}");
    }
    let opening = events.iter().find(|e| e["fields"]["message"] == "opening store").expect("the start is logged");
    assert_eq!(opening["span"]["node"], "leeds", "the start's lines name the node too: {opening}");
    let alarms: Vec<&Value> = events.iter().filter(|e| e["level"] == "WARN" || e["level"] == "ERROR").collect();
    assert!(alarms.is_empty(), "nothing went wrong on the node's side: {alarms:?}");
    assert!(!text.contains("not-a-token"), "a token never reaches the log");
}
