//! Snapshot bootstrap: a new node fills itself from one peer's streamed snapshot, verifying
//! every record and checkpoint, then reads that peer's feed from where the snapshot stands.

use crate::support::fake_peer::FakePeer;
use crate::support::origins::{origin, origins, publish};
use crate::support::peer::{Identity, pin};
use crate::support::samples::{case_study, published};
use crate::support::{Backend, TestNode, search_until};
use serde_json::{Value, json};

const SNAPSHOT: &str = "/federation/v2/snapshot";

/// Imports `count` published case studies into `node` in one go.
fn import(node: &TestNode, count: usize) {
    let records: Vec<Value> = (0..count)
        .map(|i| json!({"kind": "case_study", "status": "published", "content": case_study(&format!("Practice {i}"))}))
        .collect();
    let path = node.dir.path().join("many.json");
    std::fs::write(&path, Value::Array(records).to_string()).unwrap();
    let out = node.smarty(&["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
}

/// `node`'s snapshot as `reader` reads it, line by line; each line conforms to the contract.
async fn snapshot(node: &TestNode, reader: &Identity) -> Vec<Value> {
    let res = node.client().get(SNAPSHOT, Some(&reader.token(node, SNAPSHOT))).await;
    res.expect(200);
    assert_eq!(res.header("content-type").as_deref(), Some("application/x-ndjson"));
    let lines: Vec<Value> = res.text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The head, the first changes and the end (checking each of 10,000 costs minutes).
    for line in lines.iter().take(3).chain(lines.last()) {
        crate::support::conforms::assert_conforms("SnapshotLine", line);
    }
    lines
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_node_fills_itself_from_one_snapshot_then_finds_nothing_to_do() {
    let (tuscany, mazovia, leeds) = (
        TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await,
        TestNode::start_with(Backend::Sqlite, "mazovia", &[]).await,
        TestNode::start_with(Backend::Sqlite, "leeds", &[]).await,
    );
    import(&tuscany, 10_000);
    // A tombstone and a relayed record of another origin are part of what Tuscany holds.
    let list = tuscany.client().get("/api/v1/case-studies?limit=1", Some(&tuscany.editor)).await;
    let gone = list.json()["items"][0]["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/case-studies/{gone}");
    tuscany.client().delete(&path, Some(&tuscany.editor), Some("\"1\"")).await.expect(204);
    let res =
        mazovia.client().post("/api/v1/case-studies", Some(&mazovia.editor), &published(case_study("Radom"))).await;
    res.expect(201);
    let radom = res.json()["id"].as_str().unwrap().to_string();
    pin(&tuscany, &mazovia, true);
    pin(&mazovia, &tuscany, false);
    assert!(tuscany.smarty_async(&["sync"]).await.status.success());
    pin(&tuscany, &leeds, false);
    pin(&leeds, &mazovia, false);

    // The snapshot: a head with the cursor and both origins' checkpoints, every change, an end.
    let lines = snapshot(&tuscany, &Identity::of(&leeds)).await;
    let head = &lines[0]["head"];
    let origins_of_head: Vec<&str> =
        head["checkpoints"].as_array().unwrap().iter().map(|c| c["origin"].as_str().unwrap()).collect();
    assert_eq!(origins_of_head, ["tuscany", "mazovia"], "{head}");
    assert_eq!(lines.last().unwrap(), &json!({"end": {"count": 10_001}}));
    assert_eq!(lines.len(), 10_003);
    assert!(lines.iter().any(|l| l["change"]["id"] == gone.as_str() && l["change"]["deleted"] == true));
    assert!(lines.iter().all(|l| l["change"].get("content").is_none_or(|c| c.get("contact").is_none())));

    // Leeds joins through one streamed request, every record and checkpoint verified.
    let file = Identity::of(&tuscany).jwks_file(leeds.dir.path());
    let out = leeds
        .smarty_async(&["peers", "add", "--region", "tuscany", "--url", &tuscany.base, "--jwks", &file, "--bootstrap"])
        .await;
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("10001 record(s): 10001 applied, 0 unchanged, 0 rejected"), "{said}");
    assert!(said.contains("2 checkpoint(s) kept"), "{said}");
    let peak: u64 = said.split("peak memory ").nth(1).and_then(|s| s.split(' ').next()?.parse().ok()).unwrap();
    println!("bootstrap of 10,001 records: peak memory of the smarty process {peak} MiB");
    // Read a batch at a time: the 24 MB snapshot never sits in memory whole, nor anything
    // proportional to it.
    assert!(peak < 200, "peak memory {peak} MiB");
    // The round that followed read the feed from the snapshot's cursor: nothing to do.
    assert!(said.contains("tuscany: ok, 1 page(s), 0 applied, 0 unchanged"), "{said}");
    assert!(!said.contains("repaired") && !said.contains("INCOMPLETE"), "{said}");
    let all = origins(&leeds).await;
    for (code, held) in [("tuscany", 10_000), ("mazovia", 1)] {
        let o = origin(&all, code);
        assert_eq!((o["state"].as_str(), o["held"].as_i64()), (Some("complete"), Some(held)), "{o}");
    }
    let res = leeds.client().get(&format!("/api/v1/catalogue/records/{radom}"), None).await;
    res.expect(200);
    assert_eq!(res.json()["origin"], "mazovia", "a relayed record, verified with its origin's keys");

    // A change made after the snapshot arrives through the feed, as usual.
    let res =
        tuscany.client().post("/api/v1/case-studies", Some(&tuscany.editor), &published(case_study("Late"))).await;
    res.expect(201);
    let out = leeds.smarty_async(&["sync"]).await;
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("tuscany: ok, 1 page(s), 1 applied"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_cut_off_or_tampered_with_proves_nothing() {
    let (tuscany, leeds) = (
        TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await,
        TestNode::start_with(Backend::Sqlite, "leeds", &[]).await,
    );
    for title in ["Prato", "Empoli", "Lucca"] {
        let res =
            tuscany.client().post("/api/v1/case-studies", Some(&tuscany.editor), &published(case_study(title))).await;
        res.expect(201);
    }
    pin(&tuscany, &leeds, false);
    let genuine = snapshot(&tuscany, &Identity::of(&leeds)).await;
    // A relay played by the test, pulled by Leeds as Mazovia; Leeds pins Tuscany's real keys.
    let relay = FakePeer::start().await;
    let file = Identity::generate("mazovia", 42).jwks_file(leeds.dir.path());
    let add = leeds.smarty(&["peers", "add", "--region", "mazovia", "--url", &relay.url, "--jwks", &file]);
    assert!(add.status.success());
    pin(&leeds, &tuscany, false);
    // The relay serves the snapshot given, and an empty feed after it.
    let serve = |lines: Vec<Value>| {
        let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let empty = json!({"changes": [], "next": "MA", "more": false, "checkpoints": []}).to_string();
        relay.respond_from(move |head| {
            let body = if head.starts_with(&format!("GET {SNAPSHOT}")) { body.clone() } else { empty.clone() };
            (200, body.into_bytes())
        });
    };
    let bootstrap = || async {
        let out = leeds.smarty_async(&["sync", "--peer", "mazovia", "--bootstrap"]).await;
        (
            out.status.success(),
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
        )
    };

    // Cut off before the end line: a failure, and the relay's cursor does not move.
    serve(genuine[..genuine.len() - 1].to_vec());
    let (ok, said) = bootstrap().await;
    assert!(!ok && said.contains("cut off before its end line"), "{said}");
    // An end line that does not count what came.
    let mut miscounted = genuine.clone();
    *miscounted.last_mut().unwrap() = json!({"end": {"count": 2}});
    serve(miscounted);
    let (ok, said) = bootstrap().await;
    assert!(!ok && said.contains("the end line counts 2 changes, 3 came"), "{said}");

    // A tampered record is refused alone; a forged checkpoint is not kept.
    let mut tampered = genuine.clone();
    tampered[1]["change"]["content"]["title"] = json!("Not what Tuscany signed");
    tampered[0]["head"]["checkpoints"][0]["count"] = json!(2);
    serve(tampered);
    let (ok, said) = bootstrap().await;
    assert!(ok, "{said}");
    assert!(said.contains("3 record(s): 2 applied, 0 unchanged, 1 rejected"), "{said}");
    assert!(said.contains("0 checkpoint(s) kept"), "{said}");
    assert!(origins(&leeds).await.is_empty(), "no checkpoint of Tuscany was kept");

    // A head that is not first, or a line that is no snapshot line, fails the whole answer.
    serve(vec![genuine[1].clone(), genuine[0].clone()]);
    let (ok, said) = bootstrap().await;
    assert!(!ok && said.contains("the first line is not the head"), "{said}");
    serve(vec![genuine[0].clone(), json!({"colour": "red"})]);
    let (ok, said) = bootstrap().await;
    assert!(!ok && said.contains("is not a snapshot line"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_compacted_origin_sends_a_stale_cursor_to_the_snapshot_and_the_puller_recovers() {
    let retention = "[federation]\ntombstone_retention_days = 0";
    let tuscany = TestNode::start_configured(Backend::Sqlite, "tuscany", &[], retention).await;
    let leeds = TestNode::start_with(Backend::Sqlite, "leeds", &[]).await;
    pin(&tuscany, &leeds, false);
    pin(&leeds, &tuscany, true);
    publish(&tuscany, "Prato").await;
    let gone = publish(&tuscany, "Empoli").await;
    assert!(leeds.smarty_async(&["sync"]).await.status.success());
    search_until(&leeds, "q=empoli", |b| b["total"] == 1).await;
    let reader = Identity::of(&leeds);
    let feed = "/federation/v2/changes";
    let res = tuscany.client().get(&format!("{feed}?limit=1000"), Some(&reader.token(&tuscany, feed))).await;
    let stale = res.json()["next"].as_str().unwrap().to_string();

    // Empoli is deleted and, with no retention, its tombstone compacted: Leeds never saw it.
    let path = format!("/api/v1/case-studies/{gone}");
    tuscany.client().delete(&path, Some(&tuscany.editor), Some("\"1\"")).await.expect(204);
    publish(&tuscany, "Lucca").await;
    let out = tuscany.smarty(&["compact"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains("compacted 1 tombstone(s)"), "{said}");
    for version in ["v1", "v2"] {
        let feed = format!("/federation/{version}/changes");
        let res = tuscany.client().get(&format!("{feed}?since={stale}"), Some(&reader.token(&tuscany, &feed))).await;
        res.expect_problem(410, "snapshot-required");
        crate::support::conforms::assert_conforms("Problem", &res.json());
    }
    // The start of the feed is no stale cursor; the tombstone is gone from it and from the set.
    let lines = snapshot(&tuscany, &reader).await;
    assert!(lines.iter().all(|l| l["change"]["id"] != gone.as_str()), "the tombstone was compacted");
    assert_eq!(lines[0]["head"]["checkpoints"][0]["count"], 2);

    // Leeds's next round meets the 410, starts again from the snapshot, and its repair takes
    // out the record the origin's checkpoint no longer counts.
    let out = leeds.smarty_async(&["sync"]).await;
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{said}");
    assert!(said.contains("bootstrapped from its snapshot (2 record(s))"), "{said}");
    assert!(said.contains("origin tuscany: repaired, 0 record(s) fetched from tuscany, 1 retracted"), "{said}");
    let all = origins(&leeds).await;
    let o = origin(&all, "tuscany");
    assert_eq!((o["state"].as_str(), o["held"].as_i64()), (Some("complete"), Some(2)), "{o}");
    leeds.client().get(&format!("/api/v1/catalogue/records/{gone}"), None).await.expect(404);
    search_until(&leeds, "q=empoli", |b| b["total"] == 0).await;
    search_until(&leeds, "q=lucca", |b| b["total"] == 1).await;
    // And from then on, rounds are ordinary.
    let out = leeds.smarty_async(&["sync"]).await;
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("tuscany: ok, 1 page(s), 0 applied") && !said.contains("origin tuscany"), "{said}");
}
