//! Webhooks for partner systems: subscriptions over the API, Standard Webhooks messages
//! verified by the official `standardwebhooks` library, delivered at least once and in
//! sequence order through failures and a crash, retried with backoff, disabled when they fail
//! too long, and refused for internal destinations.

use crate::support::receiver::{Received, Receiver};
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::tools::{root, venv_bin};
use crate::support::{Backend, TestNode};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

const FAST: &str = "[webhooks]\nallow_private = true\npoll_ms = 50\nretry_base_ms = 100\nretry_max_ms = 400\n\
    disable_after_secs = 3";

/// What the official library makes of `messages` with `secret`.
fn verify(secret: &str, messages: &[Received]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("messages.json");
    let list: Vec<Value> = messages.iter().map(|m| json!({"headers": m.headers, "body": m.body})).collect();
    std::fs::write(&file, serde_json::to_vec(&list).unwrap()).unwrap();
    let out = Command::new(venv_bin("python"))
        .arg(root().join("tests/harvesters/webhooks.py"))
        .arg(secret)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "webhooks.py: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn acknowledged(received: &[Received]) -> Vec<&Received> {
    received.iter().filter(|r| (200..300).contains(&r.status)).collect()
}

fn sequence(r: &Received) -> i64 {
    serde_json::from_str::<Value>(&r.body).unwrap()["data"]["sequence"].as_i64().unwrap()
}

async fn subscribe(node: &TestNode, body: &Value) -> Value {
    let res = node.client().post("/api/v1/webhooks", Some(&node.admin), body).await;
    res.expect(201);
    res.json()
}

#[tokio::test]
async fn partner_systems_get_every_change_signed_in_order_through_failures_and_a_crash() {
    let mut node = TestNode::start_configured(Backend::Sqlite, "leeds", &[], FAST).await;
    let receiver = Receiver::start().await;
    let c = node.client();
    let created = subscribe(
        &node,
        &json!({"url": receiver.url, "description": "Regional observatory", "filter": {"kinds": ["case_study"]}}),
    )
    .await;
    let secret = created["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"), "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    let shown = node.get(&format!("/api/v1/webhooks/{id}"), Some(&node.admin)).await.json();
    assert!(shown.get("secret").is_none(), "the secret is shown once: {shown}");
    node.get(&format!("/api/v1/webhooks/{id}"), Some(&node.editor)).await.expect_problem(403, "forbidden");

    // The changes are made while the subscription is paused, so that it meets them all at
    // once (each record at its latest state); then two failures: the first message is sent
    // again, then everything in order.
    let paused = json!({"url": receiver.url, "description": "Regional observatory",
        "filter": {"kinds": ["case_study"]}, "active": false});
    c.put(&format!("/api/v1/webhooks/{id}"), Some(&node.admin), None, &paused)
        .await
        .expect_problem(428, "precondition-required");
    c.put(&format!("/api/v1/webhooks/{id}"), Some(&node.admin), Some("\"7\""), &paused)
        .await
        .expect_problem(412, "precondition-failed");
    c.put(&format!("/api/v1/webhooks/{id}"), Some(&node.admin), Some("\"1\""), &paused).await.expect(200);
    receiver.script(&[500, 503]);
    let mut practices = Vec::new();
    for n in 0..3 {
        let res =
            c.post("/api/v1/case-studies", Some(&node.editor), &published(case_study(&format!("Practice {n}")))).await;
        practices.push(res.expect(201).json()["id"].as_str().unwrap().to_string());
    }
    c.post("/api/v1/policy-instruments", Some(&node.editor), &published(policy_instrument("Not sent")))
        .await
        .expect(201);
    c.post("/api/v1/case-studies", Some(&node.editor), &json!({"content": case_study("A draft")})).await.expect(201);
    let mut renamed = case_study("Practice 0, renamed");
    renamed["summary"] = json!("Updated.");
    c.put(&format!("/api/v1/case-studies/{}", practices[0]), Some(&node.editor), Some("\"1\""), &published(renamed))
        .await
        .expect(200);
    c.delete(&format!("/api/v1/case-studies/{}", practices[1]), Some(&node.editor), Some("\"1\"")).await.expect(204);
    assert!(receiver.received().is_empty(), "a paused subscription is sent nothing");
    let mut resumed = paused.clone();
    resumed["active"] = json!(true);
    c.put(&format!("/api/v1/webhooks/{id}"), Some(&node.admin), Some("\"2\""), &resumed).await.expect(200);
    let received = receiver.until("three acknowledged messages", |r| acknowledged(r).len() == 3).await;
    let acked = acknowledged(&received);
    let sequences: Vec<i64> = acked.iter().map(|r| sequence(r)).collect();
    assert!(sequences.windows(2).all(|w| w[0] < w[1]), "in sequence order: {sequences:?}");
    let ids: BTreeSet<&str> = acked.iter().map(|r| r.headers["webhook-id"].as_str()).collect();
    assert_eq!(ids.len(), 3, "no message acknowledged twice");
    assert_eq!(received.len(), 5, "two failures, then each message once: {received:#?}");
    assert_eq!(received[0].status, 500);
    assert_eq!(received[0].headers["webhook-id"], received[2].headers["webhook-id"], "a retry is the same message");
    assert_eq!(received[0].body, received[2].body, "with the same bytes");
    assert_eq!(received[2].status, 200);

    // The official library verifies every message, and refuses a tampered one.
    let verified = verify(&secret, &received);
    assert!(verified.iter().all(|v| v["verified"] == true), "{verified:?}");
    let types: Vec<&str> = verified
        .iter()
        .zip(&received)
        .filter(|(_, r)| r.status == 200)
        .map(|(v, _)| v["payload"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["record.published", "record.updated", "record.deleted"], "each record at its latest state");
    let first = &verified[2]["payload"]["data"];
    assert_eq!(first["record"]["content"]["title"], "Practice 2");
    assert_eq!(verified[3]["payload"]["data"]["record"]["content"]["title"], "Practice 0, renamed");
    assert_eq!(first["record"]["origin_name"], "Leeds City Region");
    assert!(first["record"]["content"].get("contact").is_none(), "no contact leaves the node");
    let deleted = &verified.last().unwrap()["payload"]["data"];
    assert_eq!(deleted["tombstone"]["id"], practices[1].as_str());
    assert!(deleted.get("record").is_none());
    let mut tampered = received[2].clone();
    tampered.body = tampered.body.replace("Practice 2", "Practice X");
    assert_eq!(verify(&secret, &[tampered])[0]["verified"], false);

    // The attempts, with their statuses and latency.
    let log = node.get(&format!("/api/v1/webhooks/{id}/deliveries"), Some(&node.admin)).await.json();
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), 5, "{log}");
    assert!(items.iter().any(|d| d["status_code"] == 500 && d["attempt"] == 1));
    assert!(items.iter().any(|d| d["status_code"] == 200 && d["attempt"] == 3));
    assert!(items.iter().all(|d| d["latency_ms"].as_i64().unwrap() >= 0));

    // A crash while messages wait: nothing acknowledged is sent again, nothing is lost.
    receiver.always(Some(500));
    for n in 3..5 {
        c.post("/api/v1/case-studies", Some(&node.editor), &published(case_study(&format!("Practice {n}"))))
            .await
            .expect(201);
    }
    receiver.until("a failed attempt at the next message", |r| r.len() > received.len()).await;
    node.kill();
    receiver.always(None);
    node.start_again();
    let c = node.client();
    let after = receiver.until("five acknowledged messages", |r| acknowledged(r).len() == 5).await;
    let acked = acknowledged(&after);
    let ids: BTreeSet<&str> = acked.iter().map(|r| r.headers["webhook-id"].as_str()).collect();
    assert_eq!(ids.len(), 5, "nothing acknowledged was sent again");
    let sequences: Vec<i64> = acked.iter().map(|r| sequence(r)).collect();
    assert!(sequences.windows(2).all(|w| w[0] < w[1]), "in sequence order: {sequences:?}");
    assert!(verify(&secret, &after).iter().all(|v| v["verified"] == true));

    // A test message, signed like the others; the cursor stays.
    let before = node.get(&format!("/api/v1/webhooks/{id}"), Some(&node.admin)).await.json();
    let test = c.post(&format!("/api/v1/webhooks/{id}/test"), Some(&node.admin), &json!({})).await;
    test.expect(200);
    assert_eq!(test.json()["status_code"], 200);
    let last = receiver.received().last().unwrap().clone();
    assert_eq!(verify(&secret, &[last])[0]["payload"]["type"], "webhook.test");
    let now = node.get(&format!("/api/v1/webhooks/{id}"), Some(&node.admin)).await.json();
    assert_eq!(now["sequence"], before["sequence"]);

    // Failing too long, the subscription is disabled and says why; enabled again, it resumes.
    receiver.always(Some(503));
    c.post("/api/v1/case-studies", Some(&node.editor), &published(case_study("Practice 5"))).await.expect(201);
    let deadline = Instant::now() + Duration::from_secs(20);
    let disabled = loop {
        let state = node.get(&format!("/api/v1/webhooks/{id}"), Some(&node.admin)).await.json();
        if state["active"] == false {
            break state;
        }
        assert!(Instant::now() < deadline, "never disabled: {state}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(disabled["disabled_reason"].as_str().unwrap().contains("failed for"), "{disabled}");
    assert_eq!(disabled["backlog"], 1);
    // Operators see it in the metrics too.
    let metrics = node.get("/metrics", Some(&node.admin)).await.text.clone();
    let value = |name: &str, extra: &str| {
        metrics
            .lines()
            .find(|l| l.starts_with(name) && l.contains(&format!("webhook=\"{id}\"")) && l.contains(extra))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse::<f64>().ok())
    };
    assert_eq!(value("smarty_webhook_backlog{", ""), Some(1.0), "{metrics}");
    assert_eq!(value("smarty_webhook_active{", ""), Some(0.0));
    assert!(value("smarty_webhook_deliveries_total{", "outcome=\"delivered\"").unwrap() >= 2.0, "since the restart");
    assert!(value("smarty_webhook_deliveries_total{", "outcome=\"failed\"").unwrap() >= 3.0);
    receiver.always(None);
    let mut enable =
        json!({"url": receiver.url, "description": "Regional observatory", "filter": {"kinds": ["case_study"]}});
    enable["active"] = json!(true);
    let enabled = c.put(&format!("/api/v1/webhooks/{id}"), Some(&node.admin), Some("*"), &enable).await;
    enabled.expect(200);
    assert_eq!(enabled.json()["disabled_reason"], Value::Null);
    receiver.until("the waiting message", |r| acknowledged(r).len() == 7).await;

    let tag = node.get(&format!("/api/v1/webhooks/{id}"), Some(&node.admin)).await.header("etag").unwrap();
    assert_eq!(tag, "\"4\"", "one version per change its owner made");
    c.delete(&format!("/api/v1/webhooks/{id}"), Some(&node.admin), Some(&tag)).await.expect(204);
    node.get(&format!("/api/v1/webhooks/{id}"), Some(&node.admin)).await.expect_problem(404, "not-found");
}

#[tokio::test]
async fn subscriptions_are_checked_and_internal_destinations_refused() {
    let node = TestNode::start(Backend::Sqlite).await;
    let c = node.client();
    let refused = c.post("/api/v1/webhooks", Some(&node.admin), &json!({"url": "http://127.0.0.1:9/hook"})).await;
    let problem = refused.expect_problem(400, "validation");
    assert!(problem.to_string().contains("private, loopback or link-local"), "{problem}");
    for internal in ["http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "http://[::1]:8080/"] {
        c.post("/api/v1/webhooks", Some(&node.admin), &json!({"url": internal}))
            .await
            .expect_problem(400, "validation");
    }
    for (body, field) in [
        (json!({"url": "ftp://partner.example/"}), "url"),
        (json!({"url": "https://user:pw@partner.example/"}), "url"),
        (json!({"url": "https://partner.example/", "filter": {"kinds": ["recipe"]}}), "filter"),
        (json!({"url": "https://partner.example/", "colour": "red"}), "colour"),
    ] {
        let res = c.post("/api/v1/webhooks", Some(&node.admin), &body).await;
        res.expect(400);
        assert!(res.field_errors().iter().any(|f| f.contains(field)), "{body}: {:?}", res.field_errors());
    }
    c.post("/api/v1/webhooks", None, &json!({"url": "https://partner.example/"})).await.expect(401);
    let list = node.get("/api/v1/webhooks", Some(&node.admin)).await.json();
    assert_eq!(list["items"], json!([]), "nothing refused was stored");
}
