//! Federation that proves itself: each origin's signed checkpoint travels with the feed, and
//! a puller checks what it holds of every origin against it, so what a relay withholds shows.

use crate::support::fake_peer::FakePeer;
use crate::support::origins::{origin, origins, publish};
use crate::support::peer::{Identity, pin};
use crate::support::{Backend, TestNode};
use serde_json::{Value, json};

const V2: &str = "/federation/v2/changes";

/// `node`'s whole version 2 feed in one page, read as `reader`.
async fn v2_page(node: &TestNode, reader: &Identity) -> Value {
    let res = node.client().get(&format!("{V2}?limit=1000"), Some(&reader.token(node, V2))).await;
    res.expect(200);
    let page = res.json();
    assert_eq!(page["more"], false);
    crate::support::conforms::assert_conforms("ChangesPageV2", &page);
    page
}

async fn sync(node: &TestNode) {
    sync_output(node).await;
}

/// Runs a round (it must succeed) and returns what it printed.
async fn sync_output(node: &TestNode) -> String {
    let out = node.smarty_async(&["sync"]).await;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "sync: {stdout}");
    stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_honest_relay_round_is_complete_for_every_origin() {
    // Leeds pulls Mazovia, which pulls Tuscany: Tuscany's records reach Leeds through a relay.
    let (leeds, mazovia, tuscany) = (
        TestNode::start_with(Backend::Sqlite, "leeds", &[]).await,
        TestNode::start_with(Backend::Sqlite, "mazovia", &[]).await,
        TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await,
    );
    pin(&leeds, &mazovia, true);
    pin(&leeds, &tuscany, false);
    pin(&mazovia, &tuscany, true);
    pin(&mazovia, &leeds, false);
    pin(&tuscany, &mazovia, false);
    let kept = publish(&tuscany, "Prato").await;
    let gone = publish(&tuscany, "Withdrawn later").await;
    let res =
        tuscany.client().delete(&format!("/api/v1/case-studies/{gone}"), Some(&tuscany.editor), Some("\"1\"")).await;
    res.expect(204);
    publish(&mazovia, "Radom").await;
    sync(&mazovia).await;
    sync(&leeds).await;

    let all = origins(&leeds).await;
    for (code, count) in [("tuscany", 2), ("mazovia", 1)] {
        let o = origin(&all, code);
        assert_eq!((o["state"].as_str(), o["held"].as_i64()), (Some("complete"), Some(count)), "{o}");
        assert_eq!(o["published"], count, "tombstones count: {o}");
        assert_eq!(o["checkpoint_from"], "mazovia", "{o}");
    }
    // The relay passed Tuscany's checkpoint on as Tuscany signed it.
    let relayed = v2_page(&mazovia, &Identity::of(&leeds)).await;
    let from_origin = v2_page(&tuscany, &Identity::of(&mazovia)).await;
    let tuscan =
        |page: &Value| page["checkpoints"].as_array().unwrap().iter().find(|c| c["origin"] == "tuscany").cloned();
    assert_eq!(tuscan(&relayed).unwrap()["digest"], tuscan(&from_origin).unwrap()["digest"]);
    let out = leeds.smarty(&["peers", "list"]);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("origin tuscany: complete, 2 held of 2 published"), "{listed}");
    assert!(!kept.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_that_withholds_or_serves_an_older_version_is_named() {
    let leeds = TestNode::start_with(Backend::Sqlite, "leeds", &[]).await;
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    let relay = FakePeer::start().await;
    // The fake relay plays Mazovia; Leeds pins Tuscany's real keys and pulls only the relay.
    let evil = Identity::generate("mazovia", 42);
    let file = evil.jwks_file(leeds.dir.path());
    assert!(
        leeds.smarty(&["peers", "add", "--region", "mazovia", "--url", &relay.url, "--jwks", &file]).status.success()
    );
    pin(&leeds, &tuscany, false);
    pin(&tuscany, &leeds, false);
    let one = publish(&tuscany, "Prato").await;
    let two = publish(&tuscany, "Empoli").await;
    // The genuine page, as Tuscany serves it to Leeds, with Tuscany's checkpoint.
    let genuine = v2_page(&tuscany, &Identity::of(&leeds)).await;
    let serve = |page: Value| {
        let body = page.to_string().into_bytes();
        relay.respond_from(move |_| (200, body.clone()));
    };
    let without = |page: &Value, id: &str| {
        let mut page = page.clone();
        page["changes"].as_array_mut().unwrap().retain(|c| c["id"] != id);
        page
    };

    // A record withheld, and Tuscany not reachable: Leeds holds one of Tuscany's two and says
    // so, naming the relay that served the checkpoint.
    serve(without(&genuine, &two));
    let out = sync_output(&leeds).await;
    assert!(
        out.contains("origin tuscany: INCOMPLETE, 1 missing, served by nobody (checkpoint served by mazovia)"),
        "{out}"
    );
    let all = origins(&leeds).await;
    let o = origin(&all, "tuscany");
    assert_eq!(
        (o["state"].as_str(), o["held"].as_i64(), o["published"].as_i64()),
        (Some("incomplete"), Some(1), Some(2))
    );
    assert_eq!(o["checkpoint_from"], "mazovia");

    // Tuscany can be asked (not pulled): the next round finds the missing id by bisecting
    // range digests and fetches just that record from the origin.
    let file = Identity::of(&tuscany).jwks_file(leeds.dir.path());
    let add =
        ["peers", "add", "--region", "tuscany", "--url", tuscany.base.as_str(), "--jwks", file.as_str(), "--no-pull"];
    assert!(leeds.smarty(&add).status.success());
    let out = sync_output(&leeds).await;
    assert!(out.contains("origin tuscany: repaired, 1 record(s) fetched from tuscany"), "{out}");
    assert_eq!(origin(&origins(&leeds).await, "tuscany")["state"], "complete");
    leeds.get(&format!("/api/v1/catalogue/records/{two}"), None).await.expect(200);

    // Tuscany deletes a record; a relay that withholds the tombstone (serving the newer
    // checkpoint with the old copy) is caught the same way: the tombstone is fetched.
    let res =
        tuscany.client().delete(&format!("/api/v1/case-studies/{one}"), Some(&tuscany.editor), Some("\"1\"")).await;
    res.expect(204);
    let after = v2_page(&tuscany, &Identity::of(&leeds)).await;
    serve(without(&after, &one));
    let out = sync_output(&leeds).await;
    assert!(out.contains("origin tuscany: repaired, 1 record(s) fetched from tuscany"), "{out}");
    assert_eq!(origin(&origins(&leeds).await, "tuscany")["state"], "complete");
    leeds.get(&format!("/api/v1/catalogue/records/{one}"), None).await.expect_problem(404, "not-found");

    // A checkpoint the relay made up itself does not verify with Tuscany's key: ignored.
    let mut forged = genuine.clone();
    forged["checkpoints"][0]["count"] = json!(1);
    // Newer than the one held, so only its signature keeps it out.
    forged["checkpoints"][0]["issued_at"] = json!("2999-01-01T00:00:00.000000Z");
    serve(forged);
    sync(&leeds).await;
    assert_eq!(origin(&origins(&leeds).await, "tuscany")["state"], "complete");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_of_the_first_release_and_of_this_one_sync_both_ways() {
    let leeds = TestNode::start_with(Backend::Sqlite, "leeds", &[]).await;
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&tuscany, &leeds, false);
    publish(&tuscany, "Prato").await;
    // A node of the first release reads version 1: the page it knows, nothing added.
    let path = "/federation/v1/changes";
    let res = tuscany.client().get(path, Some(&Identity::of(&leeds).token(&tuscany, path))).await;
    res.expect(200);
    let v1 = res.json();
    assert_eq!(v1.as_object().unwrap().keys().collect::<Vec<_>>(), ["changes", "more", "next"]);
    crate::support::conforms::assert_conforms("ChangesPage", &v1);

    // And it serves only version 1: this release reads it after one 404.
    let old = FakePeer::start().await;
    let body = v1.to_string().into_bytes();
    old.respond_from(move |head| {
        if head.starts_with("GET /federation/v1/changes") { (200, body.clone()) } else { (404, b"{}".to_vec()) }
    });
    let file = Identity::of(&tuscany).jwks_file(leeds.dir.path());
    assert!(
        leeds.smarty(&["peers", "add", "--region", "tuscany", "--url", &old.url, "--jwks", &file]).status.success()
    );
    let out = leeds.smarty_async(&["sync"]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("1 applied"), "{stdout}");
    assert_eq!(old.requests(), 2, "one 404 for version 2, then version 1");
    let res = tuscany.client().get("/.well-known/smarty-node", None).await.json();
    assert_eq!(res["federation_protocols"], json!(["smarty-federation/1", "smarty-federation/2"]));
    assert_eq!(res["federation_protocol"], "smarty-federation/1");
}
