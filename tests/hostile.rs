//! Peer data is untrusted input: hostile records and broken pages are refused, with nothing
//! applied and the reason in the peer status; failing peers do not stop the others.

use crate::support::fake_peer::FakePeer;
use crate::support::peer::{Identity, feed, pin};
use crate::support::samples::{case_study, published};
use crate::support::{Backend, TestNode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::Signer;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const FAST_SYNC: &str =
    "[sync]\nschedule = \"off\"\nretries = 1\nbackoff_ms = 10\nmax_page_bytes = 65536\nread_timeout_secs = 5";

/// Signs a change as `by`, as an origin would (JCS + SHA-256 + Ed25519), built here by hand.
fn seal(mut change: Value, by: &Identity) -> Value {
    let obj = change.as_object_mut().unwrap();
    obj.remove("hash");
    obj.remove("signature");
    let bytes = serde_jcs::to_vec(&change).unwrap();
    let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let sig = URL_SAFE_NO_PAD.encode(by.key.sign(&bytes).to_bytes());
    change["hash"] = json!(format!("sha256:{hex}"));
    change["signature"] = json!({"alg": "EdDSA", "kid": by.kid, "value": sig});
    change
}

fn page(changes: &[Value]) -> Vec<u8> {
    json!({"changes": changes, "next": "Zm9v", "more": false}).to_string().into_bytes()
}

fn record(origin: &str, title: &str, version: i64) -> Value {
    json!({
        "id": uuid::Uuid::now_v7().to_string(), "kind": "case_study", "origin": origin, "version": version,
        "status": "published", "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-02T00:00:00.000000Z",
        "content": {
            "title": title, "summary": "s", "description": "d", "intervention": "direct", "themes": ["vr-simulation"],
            "language": "pl", "main_institution": "Politechnika", "location": {"nuts": "PL92", "name": "Radom"},
            "period": {"start": "2022-01-01"}
        }
    })
}

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
        ("older version", v1.clone(), "older than the version 2 held"),
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
        assert_eq!(feed(&victim, &reader).await.len(), 1, "{what}: something was applied");
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
