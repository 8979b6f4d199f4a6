//! Local API tokens: none, bad, revoked, too low a role, and nodes without public reads.

use crate::support::samples::{case_study, published};
use crate::support::{Backend, TestNode};

#[tokio::test]
async fn writes_need_an_editor_token() {
    let node = TestNode::start(Backend::Sqlite).await;
    let c = node.client();
    let body = published(case_study("x"));
    let path = "/api/v1/case-studies";

    let none = c.post(path, None, &body).await;
    none.expect_problem(401, "unauthorized");
    assert_eq!(none.header("www-authenticate").as_deref(), Some("Bearer realm=\"smarty\""));
    assert!(none.json()["server_time"].is_string());

    let bad = c.post(path, Some("smt_not-a-real-token"), &body).await;
    bad.expect_problem(401, "unauthorized");
    assert!(bad.header("www-authenticate").is_some());
    let wrong_scheme = c.send(reqwest::Method::POST, path, None, &[("authorization", "Basic YTpi")], None).await;
    wrong_scheme.expect_problem(401, "unauthorized");

    c.post(path, Some(&node.reader), &body).await.expect_problem(403, "forbidden");
    c.post(path, Some(&node.admin), &body).await.expect(201);
    c.post(path, Some(&node.editor), &body).await.expect(201);
    // A bad token is refused even where no token is needed.
    c.get(path, Some("smt_wrong")).await.expect_problem(401, "unauthorized");
    assert_eq!(c.get(path, None).await.json()["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_revoked_token_fails_at_once() {
    let node = TestNode::start(Backend::Sqlite).await;
    let token = node.create_token("editor", "laptop");
    let c = node.client();
    c.post("/api/v1/case-studies", Some(&token), &published(case_study("x"))).await.expect(201);

    let list = node.smarty(&["token", "list"]);
    let listing = String::from_utf8(list.stdout).unwrap();
    assert!(listing.contains("laptop") && listing.contains("editor"));
    assert!(!listing.contains(&token), "token list must not show secrets");

    let out = node.smarty(&["token", "revoke", "laptop"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    c.post("/api/v1/case-studies", Some(&token), &published(case_study("y"))).await.expect_problem(401, "unauthorized");
    let again = node.smarty(&["token", "revoke", "laptop"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("no token named"));
    let dup = node.smarty(&["token", "create", "--role", "reader", "--name", "test-editor"]);
    assert!(!dup.status.success(), "duplicate token names are refused");
}

#[tokio::test]
async fn without_public_reads_a_reader_token_is_needed() {
    let node = TestNode::start_with(Backend::Sqlite, "leeds", &[("SMARTY_PUBLIC_READ", "false")]).await;
    let c = node.client();
    let created = c.post("/api/v1/case-studies", Some(&node.editor), &published(case_study("x"))).await;
    let url = created.header("location").unwrap();
    c.get(&url, None).await.expect_problem(401, "unauthorized");
    c.get("/api/v1/case-studies", None).await.expect_problem(401, "unauthorized");
    c.get(&url, Some(&node.reader)).await.expect(200);
    c.get("/api/v1/case-studies", Some(&node.reader)).await.expect(200);
    // Health stays open to operators' probes.
    c.get("/healthz", None).await.expect(200);
}
