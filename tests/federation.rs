//! Nodes converge: seven regions after one round, updates and deletions after the next,
//! records through a relay, and a node killed in the middle of a sync.

use crate::on_both_backends;
use crate::support::peer::{Identity, feed, pin};
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::{Backend, TestNode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};

const REGIONS: [&str; 7] = ["tuscany", "mazovia", "lapland", "leeds", "slovenia", "castilla-leon", "catalonia"];

/// The canonical bytes a change's hash covers, computed here with serde_jcs directly.
fn canonical(change: &Value) -> Vec<u8> {
    let mut v = change.clone();
    let obj = v.as_object_mut().unwrap();
    obj.remove("hash");
    obj.remove("signature");
    serde_jcs::to_vec(&v).unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    let hex: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Each change of `node`'s feed by id: (canonical bytes, hash, whole change).
async fn holdings(node: &TestNode, reader: &Identity) -> BTreeMap<String, (Vec<u8>, String, Value)> {
    feed(node, reader)
        .await
        .into_iter()
        .map(|c| {
            let bytes = canonical(&c);
            assert_eq!(c["hash"].as_str().unwrap(), sha256(&bytes), "hash of {}", c["id"]);
            (c["id"].as_str().unwrap().to_string(), (bytes, c["hash"].as_str().unwrap().to_string(), c))
        })
        .collect()
}

async fn sync(node: &TestNode) {
    let out = node.smarty_async(&["sync"]).await;
    assert!(
        out.status.success(),
        "smarty sync on {}: {}{}",
        node.region,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn seven_regions_converge_and_keep_converging() {
    let mut nodes = Vec::new();
    for region in REGIONS {
        nodes.push(TestNode::start_with(Backend::Sqlite, region, &[]).await);
    }
    for a in &nodes {
        for b in &nodes {
            if a.region != b.region {
                pin(a, b, true);
            }
        }
    }
    // Each region: two published case studies, one instrument, one draft.
    let mut published_ids = HashSet::new();
    for n in &nodes {
        let c = n.client();
        let ed = Some(n.editor.as_str());
        for body in [
            published(case_study(&format!("{} practice one", n.region))),
            published(case_study(&format!("{} practice two", n.region))),
            published(policy_instrument(&format!("{} ERDF programme", n.region))),
        ] {
            let path = if body["content"].get("name").is_some() {
                "/api/v1/policy-instruments"
            } else {
                "/api/v1/case-studies"
            };
            published_ids.insert(c.post(path, ed, &body).await.json()["id"].as_str().unwrap().to_string());
        }
        c.post("/api/v1/case-studies", ed, &json!({"content": case_study("a draft")})).await.expect(201);
    }
    for n in &nodes {
        sync(n).await;
    }
    // Every node holds every published record of every region, byte-identical.
    let reader = Identity::of(&nodes[0]);
    let reference = holdings(&nodes[1], &reader).await;
    assert_eq!(reference.keys().cloned().collect::<HashSet<_>>(), published_ids);
    for n in &nodes {
        let reader = Identity::of(if n.region == nodes[0].region { &nodes[1] } else { &nodes[0] });
        let held = holdings(n, &reader).await;
        assert_eq!(held.len(), 21, "{} holds {} records", n.region, held.len());
        for (id, (bytes, hash, change)) in &held {
            let (ref_bytes, ref_hash, _) = &reference[id];
            assert_eq!(bytes, ref_bytes, "{} holds {id} differently", n.region);
            assert_eq!(hash, ref_hash);
            let text = change.to_string();
            assert!(!text.contains("r.okafor@example.org"), "a contact federated: {text}");
            assert_ne!(change["content"]["title"], "a draft");
        }
        let origins: HashSet<&str> = held.values().map(|(_, _, c)| c["origin"].as_str().unwrap()).collect();
        assert_eq!(origins.len(), 7);
    }

    // Changes at the origin travel on the next round: an update, a deletion, a withdrawal.
    let (tuscany, leeds, lapland) = (&nodes[0], &nodes[3], &nodes[2]);
    let first = |n: &TestNode| {
        let n = n.client();
        async move { n.get("/api/v1/case-studies", None).await.json()["items"][0].clone() }
    };
    let updated = first(tuscany).await;
    let url = format!("/api/v1/case-studies/{}", updated["id"].as_str().unwrap());
    tuscany
        .client()
        .put(&url, Some(&tuscany.editor), Some("\"1\""), &published(case_study("Rinominato")))
        .await
        .expect(200);
    let deleted = first(leeds).await;
    let url = format!("/api/v1/case-studies/{}", deleted["id"].as_str().unwrap());
    leeds.client().delete(&url, Some(&leeds.editor), Some("\"1\"")).await.expect(204);
    let withdrawn = first(lapland).await;
    let url = format!("/api/v1/case-studies/{}", withdrawn["id"].as_str().unwrap());
    let body = json!({"status": "withdrawn", "content": case_study("lapland practice one")});
    lapland.client().put(&url, Some(&lapland.editor), Some("\"1\""), &body).await.expect(200);
    for n in &nodes {
        sync(n).await;
    }
    for n in &nodes {
        let reader = Identity::of(if n.region == nodes[0].region { &nodes[1] } else { &nodes[0] });
        let held = holdings(n, &reader).await;
        let update = &held[updated["id"].as_str().unwrap()].2;
        assert_eq!(update["version"], 2);
        assert_eq!(update["content"]["title"], "Rinominato");
        for gone in [&deleted, &withdrawn] {
            let tomb = &held[gone["id"].as_str().unwrap()].2;
            assert_eq!(tomb["deleted"], true, "{} still offers {}", n.region, gone["id"]);
            assert!(tomb.get("content").is_none());
            assert_eq!(tomb["version"], 2);
        }
    }
}

on_both_backends!(two_nodes_sync_and_show_status);

async fn two_nodes_sync_and_show_status(backend: Backend) {
    let a = TestNode::start_with(backend, "leeds", &[]).await;
    let b = TestNode::start_with(backend, "tuscany", &[]).await;
    pin(&a, &b, true);
    pin(&b, &a, true);
    let created =
        a.client().post("/api/v1/case-studies", Some(&a.editor), &published(case_study("Shared"))).await.json();

    // On demand, through the server: 202 at once, progress in the status.
    let res = b.client().send(reqwest::Method::POST, "/api/v1/peers/leeds/sync", Some(&b.admin), &[], None).await;
    res.expect(202);
    let status = wait_for_status(&b, "leeds", |p| p["last_success_at"].is_string()).await;
    assert_eq!(status["records_received"], 1);
    assert_eq!(status["pull"], true);
    assert_eq!(status["consecutive_failures"], 0);
    assert!(status["cursor"].is_string());
    let held = holdings(&b, &Identity::of(&a)).await;
    assert!(held.contains_key(created["id"].as_str().unwrap()));
    // A cursor from beyond the node's sequence (the node was restored from a backup) starts over.
    let path = "/federation/v1/changes";
    let future = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, "999999");
    let res = a.client().get(&format!("{path}?since={future}"), Some(&Identity::of(&b).token(&a, path))).await;
    assert_eq!(res.json()["changes"][0]["id"], created["id"]);
    crate::support::conforms::assert_conforms("ChangesPage", &res.json());

    // The peers API is for admins; unknown and pin-only peers are answered clearly.
    b.client().get("/api/v1/peers", Some(&b.editor)).await.expect_problem(403, "forbidden");
    b.client().get("/api/v1/peers", None).await.expect_problem(401, "unauthorized");
    let res = b.client().send(reqwest::Method::POST, "/api/v1/peers/lapland/sync", Some(&b.admin), &[], None).await;
    res.expect_problem(404, "not-found");
    let lapland = TestNode::start_with(backend, "lapland", &[]).await;
    pin(&b, &lapland, false);
    let res = b.client().send(reqwest::Method::POST, "/api/v1/peers/lapland/sync", Some(&b.admin), &[], None).await;
    res.expect_problem(409, "conflict");
    let peers = b.client().get("/api/v1/peers", Some(&b.admin)).await.json();
    let pinned = peers["items"].as_array().unwrap().iter().find(|p| p["region"] == "lapland").unwrap();
    assert_eq!(pinned["pull"], false);
}

/// Polls the peer status until `done` holds (bounded).
pub async fn wait_for_status(node: &TestNode, region: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let peers = node.client().get("/api/v1/peers", Some(&node.admin)).await.json();
        let status = peers["items"].as_array().unwrap().iter().find(|p| p["region"] == region).cloned().unwrap();
        if done(&status) {
            return status;
        }
        assert!(std::time::Instant::now() < deadline, "peer status never got there: {status}");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn records_travel_through_a_relay() {
    let a = TestNode::start_with(Backend::Sqlite, "leeds", &[]).await;
    let b = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    let c = TestNode::start_with(Backend::Sqlite, "lapland", &[]).await;
    pin(&b, &c, true);
    pin(&a, &b, true);
    pin(&b, &a, false);
    pin(&a, &c, false); // A trusts C's key but never talks to C.
    pin(&c, &b, false);
    let record =
        c.client().post("/api/v1/case-studies", Some(&c.editor), &published(case_study("Arctic"))).await.json();
    sync(&b).await;
    sync(&a).await;
    let held = holdings(&a, &Identity::of(&b)).await;
    let change = &held[record["id"].as_str().unwrap()].2;
    assert_eq!(change["origin"], "lapland");
    assert_eq!(change["signature"]["kid"], Identity::of(&c).kid, "verified with C's own key");
    // Without C's keys pinned, A refuses C's records from B.
    let d = TestNode::start_with(Backend::Sqlite, "slovenia", &[]).await;
    pin(&d, &b, true);
    pin(&b, &d, false);
    sync(&d).await;
    let peers = d.client().get("/api/v1/peers", Some(&d.admin)).await.json();
    let reasons = peers["items"][0]["recent_rejections"].to_string();
    assert!(reasons.contains("lapland is not a pinned region"), "{reasons}");
}

#[tokio::test]
async fn a_node_killed_mid_sync_resumes_without_loss_or_duplicates() {
    let a = TestNode::start_with(Backend::Sqlite, "leeds", &[]).await;
    let mut b =
        TestNode::start_configured(Backend::Sqlite, "tuscany", &[], "[sync]\npage_size = 5\nschedule = \"off\"").await;
    pin(&a, &b, false);
    pin(&b, &a, true);
    let total = 1500;
    let client = a.client();
    let mut ids = HashSet::new();
    for chunk in 0..(total / 25) {
        let posts = (0..25).map(|i| {
            let client = client.clone();
            let ed = a.editor.clone();
            async move {
                let body = published(case_study(&format!("Record {chunk}-{i}")));
                client.post("/api/v1/case-studies", Some(&ed), &body).await.json()["id"].as_str().unwrap().to_string()
            }
        });
        ids.extend(futures_util::future::join_all(posts).await);
    }
    assert_eq!(ids.len(), total);

    b.client().send(reqwest::Method::POST, "/api/v1/peers/leeds/sync", Some(&b.admin), &[], None).await.expect(202);
    let partial = wait_for_status(&b, "leeds", |p| p["records_received"].as_i64().unwrap() >= 100).await;
    b.kill();
    let received = partial["records_received"].as_i64().unwrap();
    assert!(received < total as i64, "the sync finished before the kill; received {received}");

    b.start_again();
    let before_resume = wait_for_status(&b, "leeds", |_| true).await;
    assert!(before_resume["records_received"].as_i64().unwrap() >= received);
    b.client().send(reqwest::Method::POST, "/api/v1/peers/leeds/sync", Some(&b.admin), &[], None).await.expect(202);
    let done = wait_for_status(&b, "leeds", |p| p["last_success_at"].is_string()).await;
    // Each record was applied exactly once across both runs: nothing twice, nothing skipped.
    assert_eq!(done["records_received"], total as i64, "{done}");
    let held = holdings(&b, &Identity::of(&a)).await;
    assert_eq!(held.keys().cloned().collect::<HashSet<_>>(), ids);
}
