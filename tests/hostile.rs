//! Peer data is untrusted input: hostile records and broken pages are refused, with nothing
//! applied and the reason in the peer status; failing peers do not stop the others.

use crate::support::fake_peer::FakePeer;
use crate::support::forge::{page, record, seal};
use crate::support::peer::{Identity, feed, pin};
use crate::support::samples::{case_study, published};
use crate::support::{Backend, TestNode};
use serde_json::{Value, json};

const FAST_SYNC: &str =
    "[sync]\nschedule = \"off\"\nretries = 1\nbackoff_ms = 10\nmax_page_bytes = 65536\nread_timeout_secs = 5";

async fn status(node: &TestNode, region: &str) -> Value {
    let peers = node.client().get("/api/v1/peers", Some(&node.admin)).await.json();
    peers["items"].as_array().unwrap().iter().find(|p| p["region"] == region).cloned().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_records_and_broken_pages_are_refused() {
    let victim = TestNode::start_configured(Backend::Sqlite, "leeds", &[], FAST_SYNC).await;
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    let fake = FakePeer::start().await;
    // The fake peer plays Mazovia, with a key the victim pins; Tuscany is pinned too (relay).
    let evil = Identity::generate("mazovia", 42);
    let file = evil.jwks_file(victim.dir.path());
    let out = victim.smarty(&["peers", "add", "--region", "mazovia", "--url", &fake.url, "--jwks", &file]);
    assert!(out.status.success());
    pin(&victim, &tuscany, false);
    pin(&tuscany, &victim, false);
    let reader = Identity::of(&tuscany);

    // Tuscany's real, signed record, in two versions.
    let tc = tuscany.client();
    let created = tc.post("/api/v1/case-studies", Some(&tuscany.editor), &published(case_study("Prato"))).await;
    let url = created.header("location").unwrap();
    let v1 = feed(&tuscany, &Identity::of(&victim)).await.remove(0);
    tc.put(&url, Some(&tuscany.editor), Some("\"1\""), &published(case_study("Prato 2"))).await.expect(200);
    let v2 = feed(&tuscany, &Identity::of(&victim)).await.remove(0);
    assert_eq!(v2["version"], 2);

    let sync = || victim.smarty_async(&["sync", "--peer", "mazovia"]);

    // A relayed, genuinely signed record is accepted.
    fake.answer(200, &page(std::slice::from_ref(&v2)));
    assert!(sync().await.status.success());
    assert_eq!(feed(&victim, &reader).await.len(), 1);

    let mut tampered = v2.clone();
    tampered["content"]["title"] = json!("Prato, improved by a relay");
    let own = seal(record("leeds", "I am Leeds", 1), &evil);
    let mut forged = seal(record("tuscany", "Forged", 1), &evil);
    forged["signature"]["kid"] = json!(Identity::of(&tuscany).kid);
    let foreign_key = seal(record("tuscany", "Signed by the wrong key", 1), &evil);
    let invalid = seal(record("mazovia", "", 1), &evil);
    let mut with_contact = record("mazovia", "Contact inside", 1);
    with_contact["content"]["contact"] = json!({"name": "X", "email": "x@example.org"});
    let with_contact = seal(with_contact, &evil);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("tampered", tampered, "hash does not match"),
        ("claims the puller as origin", own, "claims this node as origin"),
        ("forged signature", forged, "does not verify"),
        ("signed with another key", foreign_key, "not a pinned key of tuscany"),
        ("invalid content", invalid, "content.title"),
        ("personal data", with_contact, "personal data"),
    ];
    for (i, (what, change, reason)) in cases.into_iter().enumerate() {
        let id = change["id"].as_str().unwrap().to_string();
        fake.answer(200, &page(&[change]));
        let out = sync().await;
        assert!(out.status.success(), "{what}: a refused record is not a failed sync");
        let held = feed(&victim, &reader).await;
        assert_eq!(held.len(), 1, "{what}: something was applied");
        assert_eq!(held[0]["content"]["title"], "Prato 2", "{what}");
        let st = status(&victim, "mazovia").await;
        assert_eq!(st["records_rejected"], i as i64 + 1, "{what}");
        let latest = &st["recent_rejections"][0];
        assert_eq!(latest["record_id"], id.as_str(), "{what}");
        assert!(latest["reason"].as_str().unwrap().contains(reason), "{what}: {latest}");
    }

    // Copies older than what is held, and this node's own records coming back, are routine in
    // a mesh: counted apart, never as refusals.
    let refused = status(&victim, "mazovia").await["records_rejected"].clone();
    fake.answer(200, &page(std::slice::from_ref(&v1)));
    assert!(sync().await.status.success());
    let mine =
        victim.client().post("/api/v1/case-studies", Some(&victim.editor), &published(case_study("Leeds"))).await;
    mine.expect(201);
    let own = feed(&victim, &reader).await.into_iter().find(|c| c["origin"] == "leeds").unwrap();
    fake.answer(200, &page(&[own]));
    assert!(sync().await.status.success());
    let st = status(&victim, "mazovia").await;
    assert_eq!((st["records_stale"].clone(), st["records_own"].clone()), (json!(1), json!(1)), "{st}");
    assert_eq!(st["records_rejected"], refused, "{st}");
    let titles: Vec<Value> = feed(&victim, &reader).await.iter().map(|c| c["content"]["title"].clone()).collect();
    assert!(titles.contains(&json!("Prato 2")), "the newer version stays: {titles:?}");

    // Pages that are not pages fail the sync whole: nothing applied, the cursor stays.
    let cursor = status(&victim, "mazovia").await["cursor"].clone();
    let good = seal(record("mazovia", "Would be fine", 1), &evil);
    let body = page(&[good]);
    let mut oversized = record("mazovia", "Big", 1);
    oversized["content"]["description"] = json!("y".repeat(70_000));
    let oversized = page(&[seal(oversized, &evil)]);
    type Broken<'a> = (&'a str, Box<dyn Fn() + 'a>, &'a str);
    let broken: Vec<Broken> = vec![
        ("not JSON", Box::new(|| fake.answer(200, b"<html>busy</html>")), "not a changes page"),
        ("truncated JSON", Box::new(|| fake.answer(200, &body[..body.len() / 2])), "not a changes page"),
        ("cut off", Box::new(|| fake.answer_framed(200, &body[..body.len() / 2], body.len())), "cut off"),
        ("oversized", Box::new(|| fake.answer(200, &oversized)), "larger than"),
        ("client error", Box::new(|| fake.answer(403, b"{\"detail\": \"go away\"}")), "go away"),
    ];
    for (i, (what, set, error)) in broken.into_iter().enumerate() {
        set();
        let out = sync().await;
        assert!(!out.status.success(), "{what}: sync must fail");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(error),
            "{what}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let st = status(&victim, "mazovia").await;
        assert!(st["last_error"].as_str().unwrap().contains(error), "{what}: {st}");
        assert_eq!(st["consecutive_failures"], i as i64 + 1);
        assert_eq!(st["cursor"], cursor, "{what}: the cursor moved");
        assert_eq!(feed(&victim, &reader).await.len(), 2, "{what}: something was applied");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_peers_do_not_stop_the_others() {
    let victim = TestNode::start_configured(Backend::Sqlite, "leeds", &[], FAST_SYNC).await;
    let good = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    let broken = FakePeer::start().await;
    broken.answer(500, b"{\"detail\": \"database on fire\"}");
    let down = crate::support::postgres::free_port();
    for (region, url, seed) in [("mazovia", broken.url.clone(), 1), ("lapland", format!("http://127.0.0.1:{down}"), 2)]
    {
        let file = Identity::generate(region, seed).jwks_file(victim.dir.path());
        assert!(victim.smarty(&["peers", "add", "--region", region, "--url", &url, "--jwks", &file]).status.success());
    }
    pin(&victim, &good, true);
    pin(&good, &victim, false);
    good.client()
        .post("/api/v1/case-studies", Some(&good.editor), &published(case_study("Still arrives")))
        .await
        .expect(201);

    for round in 1..=2 {
        let out = victim.smarty_async(&["sync"]).await;
        assert!(!out.status.success(), "a failed peer makes sync exit non-zero");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("tuscany: ok"), "{stdout}");
        let st = status(&victim, "mazovia").await;
        assert!(st["last_error"].as_str().unwrap().contains("500"), "{st}");
        assert!(st["last_error"].as_str().unwrap().contains("database on fire"), "{st}");
        assert_eq!(st["consecutive_failures"], round);
        let st = status(&victim, "lapland").await;
        assert!(st["last_error"].as_str().unwrap().contains("cannot reach"), "{st}");
        assert_eq!(st["consecutive_failures"], round);
        let st = status(&victim, "tuscany").await;
        assert_eq!(st["consecutive_failures"], 0);
        assert!(st["last_error"].is_null());
    }
    assert_eq!(feed(&victim, &Identity::of(&good)).await.len(), 1);
}

/// A victim that pulls from a fake peer playing Mazovia, with `sync` settings of its own.
async fn victim_of(fake: &FakePeer, sync: &str) -> TestNode {
    let victim = TestNode::start_configured(Backend::Sqlite, "leeds", &[], sync).await;
    let file = Identity::generate("mazovia", 42).jwks_file(victim.dir.path());
    let out = victim.smarty(&["peers", "add", "--region", "mazovia", "--url", &fake.url, "--jwks", &file]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    victim
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_peer_is_given_up_within_the_bound_and_delays_nobody() {
    let silent = FakePeer::start().await;
    silent.go_silent();
    // Ten retries allowed, but one failure budget of 4 s for the peer and the round.
    let cfg = "[sync]\nschedule = \"off\"\nidle_timeout_secs = 1\nread_timeout_secs = 2\nretries = 10\n\
               backoff_ms = 50\nfailure_budget_secs = 4\nconcurrency = 2";
    let victim = victim_of(&silent, cfg).await;
    let good = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&victim, &good, true);
    pin(&good, &victim, false);
    good.client().post("/api/v1/case-studies", Some(&good.editor), &published(case_study("Arrives"))).await.expect(201);

    let started = std::time::Instant::now();
    let out = victim.smarty_async(&["sync"]).await;
    let took = started.elapsed();
    assert!(!out.status.success());
    // The bound is the failure budget plus one idle timeout and the process's start.
    assert!(took < std::time::Duration::from_secs(12), "the silent peer held the round for {took:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("tuscany: ok"), "the other peer was not pulled: {stdout}");
    let st = status(&victim, "mazovia").await;
    let error = st["last_error"].as_str().unwrap();
    assert!(error.contains("timed out") || error.contains("did not answer"), "{error}");
    assert!(error.contains("_secs"), "the error names the setting that bounds it: {error}");
    assert_eq!(st["consecutive_failures"], 1);
    assert!(silent.requests() >= 2, "retries share the budget");
    assert_eq!(feed(&victim, &Identity::of(&good)).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_peer_cannot_keep_the_sync_going() {
    let fake = FakePeer::start().await;
    let cfg = "[sync]\nschedule = \"off\"\nretries = 0\nmax_pages_per_round = 5\npage_size = 2";
    let victim = victim_of(&fake, cfg).await;
    let sync = || victim.smarty_async(&["sync", "--peer", "mazovia"]);

    // "More" for ever, with a new cursor each time: stopped at the page budget.
    let n = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = n.clone();
    fake.answer_from(move |_| {
        let i = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        json!({"changes": [], "next": format!("c{i}"), "more": true}).to_string().into_bytes()
    });
    assert!(!sync().await.status.success());
    assert_eq!(n.load(std::sync::atomic::Ordering::SeqCst), 5, "read past the page budget");
    let st = status(&victim, "mazovia").await;
    assert!(st["last_error"].as_str().unwrap().contains("max_pages_per_round"), "{st}");
    assert_eq!(st["cursor"], "c4", "the pages read were kept");

    // "More" with the cursor it was asked from: refused at once, cursor unchanged.
    fake.answer(200, json!({"changes": [], "next": "c4", "more": true}).to_string().as_bytes());
    let before = fake.requests();
    assert!(!sync().await.status.success());
    assert_eq!(fake.requests(), before + 1);
    let st = status(&victim, "mazovia").await;
    assert!(st["last_error"].as_str().unwrap().contains("does not move on"), "{st}");
    assert_eq!(st["cursor"], "c4");

    // A page larger than the limit asked for is refused whole.
    let evil = Identity::generate("mazovia", 42);
    let three: Vec<Value> = (0..3).map(|i| seal(record("mazovia", &format!("R{i}"), 1), &evil)).collect();
    fake.answer(200, json!({"changes": three, "next": "c9", "more": false}).to_string().as_bytes());
    assert!(!sync().await.status.success());
    let st = status(&victim, "mazovia").await;
    assert!(st["last_error"].as_str().unwrap().contains("more than the 2 asked for"), "{st}");
    assert_eq!(st["records_received"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_not_followed_and_remote_text_is_sanitised() {
    let internal = FakePeer::start().await;
    internal.answer(200, b"{\"secret\": \"instance credentials\"}");
    let fake = FakePeer::start().await;
    let target = format!("{}/latest/meta-data/iam/security-credentials/", internal.url);
    fake.answer_with_headers(302, &[("location", &target)], b"");
    let victim = victim_of(&fake, "[sync]\nschedule = \"off\"\nretries = 0").await;
    assert!(!victim.smarty_async(&["sync", "--peer", "mazovia"]).await.status.success());
    assert_eq!(internal.requests(), 0, "the redirect was followed to an internal address");
    let st = status(&victim, "mazovia").await;
    let error = st["last_error"].as_str().unwrap();
    assert!(error.contains("302") && error.contains("redirects are never followed"), "{error}");
    assert!(!error.contains("latest/meta-data"), "the redirect target is not copied: {error}");

    // A refusal's detail reaches the status only short and without control characters.
    let detail = format!("\u{1b}[31mgo away\r\nInjected: line{}", "x".repeat(5000));
    fake.answer(403, json!({"detail": detail}).to_string().as_bytes());
    assert!(!victim.smarty_async(&["sync", "--peer", "mazovia"]).await.status.success());
    let st = status(&victim, "mazovia").await;
    let error = st["last_error"].as_str().unwrap();
    assert!(error.contains("go away"), "{error}");
    assert!(!error.chars().any(char::is_control), "control characters in {error:?}");
    assert!(error.chars().count() <= 500, "{} characters", error.chars().count());

    // Plain http to another machine needs the operator's explicit opt-in.
    let file = Identity::generate("lapland", 7).jwks_file(victim.dir.path());
    let args = ["peers", "add", "--region", "lapland", "--url", "http://192.0.2.10:8080", "--jwks", &file];
    let out = victim.smarty(&args);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--insecure-http"));
    let mut args = args.to_vec();
    args.push("--insecure-http");
    assert!(victim.smarty(&args).status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_refused_records_is_counted_not_stored_one_by_one() {
    let fake = FakePeer::start().await;
    let victim = victim_of(&fake, "[sync]\nschedule = \"off\"\npage_size = 1000").await;
    let stranger = Identity::generate("mazovia", 43);
    // A thousand records signed by a key nobody pinned.
    let flood: Vec<Value> = (0..1000).map(|i| seal(record("mazovia", &format!("F{i}"), 1), &stranger)).collect();
    fake.answer(200, json!({"changes": flood, "next": "f1", "more": false}).to_string().as_bytes());
    assert!(victim.smarty_async(&["sync", "--peer", "mazovia"]).await.status.success());
    let st = status(&victim, "mazovia").await;
    assert_eq!(st["records_rejected"], 1000);
    assert!(st["recent_rejections"].as_array().unwrap().len() <= 20, "{st}");
    // What is stored: a bounded sample (the schema crate's unit test counts the writes).
    let db = victim.dir.path().join("smarty.db");
    let rows = sqlite_count(&db, "peer_rejections");
    assert!(rows <= 20, "{rows} rejection rows stored");
}

/// Rows of a table, read with the node's own store library on the same file.
fn sqlite_count(db: &std::path::Path, table: &str) -> i64 {
    use smarty_schema::diesel::{self, Connection, RunQueryDsl};
    let mut c = diesel::SqliteConnection::establish(db.to_str().unwrap()).unwrap();
    diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(&format!("(SELECT COUNT(*) FROM {table})")))
        .get_result(&mut c)
        .unwrap()
}
