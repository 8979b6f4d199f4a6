//! CRUD round trips for both kinds, visibility of drafts and contacts, persistence.

use crate::on_both_backends;
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::{Backend, TestNode};
use serde_json::{Value, json};

on_both_backends!(
    case_study_round_trip,
    policy_instrument_round_trip,
    drafts_and_contacts_stay_private,
    data_survives_a_restart
);

async fn case_study_round_trip(backend: Backend) {
    round_trip(backend, "/api/v1/case-studies", case_study("Sensor retrofits"), "title").await;
}

async fn policy_instrument_round_trip(backend: Backend) {
    round_trip(backend, "/api/v1/policy-instruments", policy_instrument("ERDF Programme"), "name").await;
}

/// create → read → conditional read → replace → list → delete → gone.
async fn round_trip(backend: Backend, collection: &str, content: Value, title_field: &str) {
    let node = TestNode::start(backend).await;
    let c = node.client();
    let ed = Some(node.editor.as_str());

    let created = c.post(collection, ed, &published(content.clone())).await;
    created.expect(201);
    let record = created.json();
    let id = record["id"].as_str().unwrap().to_string();
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 7);
    assert_eq!(record["version"], 1);
    assert_eq!(record["origin"], "leeds");
    assert_eq!(record["status"], "published");
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));
    let location = created.header("location").unwrap();
    assert_eq!(location, format!("{collection}/{id}"));
    // The budget amount comes back as a string whatever form it was sent in.
    assert!(record["content"]["budget"]["amount"].is_string());

    let read = c.get(&location, None).await;
    read.expect(200);
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));
    let public = read.json();
    assert_eq!(public["content"][title_field], content[title_field]);
    assert_eq!(public["created_at"], record["created_at"]);

    c.get_with(&location, None, &[("if-none-match", "\"1\"")]).await.expect(304);
    c.get_with(&location, None, &[("if-none-match", "\"7\"")]).await.expect(200);

    let mut changed = content.clone();
    changed[title_field] = json!("Renamed");
    let updated = c.put(&location, ed, Some("\"1\""), &json!({"content": changed})).await;
    updated.expect(200);
    assert_eq!(updated.json()["version"], 2);
    assert_eq!(updated.json()["status"], "published", "status is kept when the body omits it");
    assert_eq!(updated.header("etag").as_deref(), Some("\"2\""));
    let reread = c.get(&location, None).await.json();
    assert_eq!(reread["content"][title_field], "Renamed");
    assert_eq!(reread["created_at"], record["created_at"]);
    assert!(reread["updated_at"].as_str() > record["updated_at"].as_str());

    let listed = c.get(collection, None).await;
    listed.expect(200);
    let items = listed.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], id);
    assert_eq!(listed.json()["next_cursor"], Value::Null);

    c.delete(&location, ed, Some("\"1\"")).await.expect_problem(412, "precondition-failed");
    // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag, or "02", is not version 2.
    c.delete(&location, ed, Some("W/\"2\"")).await.expect_problem(412, "precondition-failed");
    c.delete(&location, ed, Some("\"02\"")).await.expect_problem(412, "precondition-failed");
    // If-None-Match compares weakly, and a header given on two lines is one list.
    let headers = [("if-none-match", "\"7\""), ("if-none-match", "W/\"2\"")];
    assert_eq!(c.get_with(&location, None, &headers).await.status, 304);
    c.delete(&location, ed, None).await.expect_problem(428, "precondition-required");
    c.delete(&location, ed, Some("\"2\"")).await.expect(204);
    c.get(&location, None).await.expect_problem(404, "not-found");
    c.get(&location, ed).await.expect_problem(404, "not-found");
    c.put(&location, ed, Some("\"3\""), &json!({"content": content})).await.expect_problem(404, "not-found");
    assert_eq!(c.get(collection, ed).await.json()["items"], json!([]));
}

async fn drafts_and_contacts_stay_private(backend: Backend) {
    let node = TestNode::start(backend).await;
    let c = node.client();
    let ed = Some(node.editor.as_str());
    let draft = c.post("/api/v1/case-studies", ed, &json!({"content": case_study("Draft")})).await.json();
    assert_eq!(draft["status"], "draft", "draft is the default status");
    let public = c.post("/api/v1/case-studies", ed, &published(case_study("Public"))).await.json();
    let draft_url = format!("/api/v1/case-studies/{}", draft["id"].as_str().unwrap());
    let public_url = format!("/api/v1/case-studies/{}", public["id"].as_str().unwrap());

    // Drafts: 404 to the public and to readers, visible to editors.
    c.get(&draft_url, None).await.expect_problem(404, "not-found");
    c.get(&draft_url, Some(&node.reader)).await.expect_problem(404, "not-found");
    c.get(&draft_url, ed).await.expect(200);
    let public_list = c.get("/api/v1/case-studies", None).await.json();
    let titles: Vec<&str> =
        public_list["items"].as_array().unwrap().iter().map(|r| r["content"]["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Public"]);
    let drafts = c.get("/api/v1/case-studies?status=draft", None).await.json();
    assert_eq!(drafts["items"], json!([]));
    let editor_drafts = c.get("/api/v1/case-studies?status=draft", ed).await.json();
    assert_eq!(editor_drafts["items"].as_array().unwrap().len(), 1);

    // Contacts: only editors see them, in reads and listings.
    let anon = c.get(&public_url, None).await;
    assert!(anon.json()["content"].get("contact").is_none(), "contact leaked: {}", anon.text);
    assert!(!anon.text.contains("r.okafor@example.org"));
    let reader = c.get(&public_url, Some(&node.reader)).await;
    assert!(!reader.text.contains("r.okafor@example.org"));
    assert!(!c.get("/api/v1/case-studies", None).await.text.contains("r.okafor@example.org"));
    let editor = c.get(&public_url, ed).await.json();
    assert_eq!(editor["content"]["contact"]["email"], "r.okafor@example.org");

    // Publishing a draft makes it public; withdrawing hides it again.
    c.put(&draft_url, ed, Some("\"1\""), &published(case_study("Draft"))).await.expect(200);
    c.get(&draft_url, None).await.expect(200);
    let withdrawn = json!({"status": "withdrawn", "content": case_study("Draft")});
    c.put(&draft_url, ed, Some("\"2\""), &withdrawn).await.expect(200);
    c.get(&draft_url, None).await.expect_problem(404, "not-found");
}

async fn data_survives_a_restart(backend: Backend) {
    let mut node = TestNode::start(backend).await;
    let ed = node.editor.clone();
    let instrument =
        node.client().post("/api/v1/policy-instruments", Some(&ed), &published(policy_instrument("RIS3"))).await.json();
    let mut content = case_study("Kept");
    content["policy_instruments"] = json!([instrument["id"]]);
    let created = node.client().post("/api/v1/case-studies", Some(&ed), &published(content)).await;
    created.expect(201);
    let before = node.get(&created.header("location").unwrap(), Some(&ed)).await.json();
    node.restart();
    let after = node.get(&created.header("location").unwrap(), Some(&ed)).await;
    after.expect(200);
    assert_eq!(after.json(), before);
    // Tokens survive too (the editor token still authenticates).
    assert_eq!(after.json()["content"]["contact"]["name"], "Ruth Okafor");
}
