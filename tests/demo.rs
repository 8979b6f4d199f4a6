//! `smarty demo`: seven regions on loopback, loaded, synced, searchable; Ctrl-C stops it.

use crate::support::node::BIN;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// A base port with seven free ports after it, below the ephemeral range (where the other
/// tests' port-0 listeners land), so no other test takes one meanwhile.
fn free_ports() -> u16 {
    let start = 20000 + (std::process::id() % 500) as u16 * 20;
    for base in (start..30000).step_by(7) {
        if (0..7).all(|i| std::net::TcpListener::bind(("127.0.0.1", base + i)).is_ok()) {
            return base;
        }
    }
    panic!("no seven free ports");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_runs_seven_synced_regions() {
    let dir = tempfile::tempdir().unwrap();
    let base = free_ports();
    let mut child = Command::new(BIN)
        .args(["demo", "--data-dir", dir.path().to_str().unwrap(), "--base-port", &base.to_string()])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(dir.path().join("demo.err")).unwrap())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut table = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("Press Ctrl-C") {
            break;
        }
        table.push(line);
    }
    let text =
        format!("{}\n{}", table.join("\n"), std::fs::read_to_string(dir.path().join("demo.err")).unwrap_or_default());
    assert!(text.contains("108 sample records loaded"), "{text}");
    assert!(text.contains("14 action plans and region profiles loaded"), "{text}");
    for (i, region) in
        ["tuscany", "mazovia", "lapland", "leeds", "slovenia", "castilla-leon", "catalonia"].iter().enumerate()
    {
        let row = table.iter().find(|l| l.starts_with(region)).unwrap_or_else(|| panic!("no row for {region}: {text}"));
        assert!(row.contains(&format!("http://127.0.0.1:{}", base + i as u16)), "{row}");
        assert!(row.contains(" 122 ") && row.contains(" 7 "), "{row}");
    }
    let client = reqwest::Client::new();
    // The harvesting addresses of one node, printed for other systems, each answering.
    for (label, kind) in [("Atom feed:", "application/atom+xml"), ("OAI-PMH:", "text/xml"), ("DCAT-AP:", "text/turtle")]
    {
        let line = table.iter().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("{label} {text}"));
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap();
        assert!(url.starts_with(&format!("http://127.0.0.1:{base}/")), "{line}");
        let res = client.get(url).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{url}");
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with(kind), "{url}");
    }
    for i in 0..7 {
        let url = format!("http://127.0.0.1:{}/api/v1/catalogue/search?limit=1", base + i);
        let body: serde_json::Value = client.get(url).send().await.unwrap().json().await.unwrap();
        assert_eq!(body["total"], 122);
        assert_eq!(body["facets"]["origin"].as_object().unwrap().len(), 7, "{body}");
        assert_eq!(body["facets"]["language"].as_object().unwrap().len(), 7, "{body}");
    }
    // An Italian practice, found from Leeds in Italian and through its English translation.
    let leeds = format!("http://127.0.0.1:{}/api/v1/catalogue/search", base + 3);
    let found: serde_json::Value =
        client.get(format!("{leeds}?q=tessile&origin=tuscany")).send().await.unwrap().json().await.unwrap();
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
    // Every region's plan cites other regions' practices, and every region's practices travel.
    let transfers: serde_json::Value = client
        .get(format!("http://127.0.0.1:{}/api/v1/catalogue/transfers", base + 3))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let matrix = transfers["matrix"].as_array().unwrap();
    for (i, row) in matrix.iter().enumerate() {
        let given: u64 =
            row.as_array().unwrap().iter().enumerate().filter(|(j, _)| *j != i).map(|(_, n)| n.as_u64().unwrap()).sum();
        let taken: u64 = (0..7).filter(|j| *j != i).map(|j| matrix[j][i].as_u64().unwrap()).sum();
        assert!(given > 0 && taken > 0, "region {i}: {transfers}");
    }
    let node_config = dir.path().join("leeds/smarty.toml");
    let out = Command::new(BIN).args(["peers", "list", "--config", node_config.to_str().unwrap()]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("tuscany"), "the CLI works beside the demo");

    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    let status = child.wait().unwrap();
    assert!(status.success(), "Ctrl-C ends the demo cleanly: {status:?} {rest:?}");
    assert!(rest.iter().any(|l| l.contains("stopped")));

    // Run again: the folder is reused, nothing is loaded twice.
    let mut again = Command::new(BIN)
        .args(["demo", "--data-dir", dir.path().to_str().unwrap(), "--base-port", &base.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let first = BufReader::new(again.stdout.take().unwrap()).lines().next().unwrap().unwrap();
    again.kill().unwrap();
    again.wait().unwrap();
    assert!(first.contains("0 sample records loaded"), "{first}");
}
