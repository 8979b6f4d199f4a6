//! Concurrent writers and readers.

use crate::on_both_backends;
use crate::support::samples::{case_study, published};
use crate::support::{Backend, TestNode};
use serde_json::json;
use std::collections::HashSet;

on_both_backends!(two_editors_one_wins, pagination_is_exact_while_inserting);

async fn two_editors_one_wins(backend: Backend) {
    let node = TestNode::start(backend).await;
    let second_editor = node.create_token("editor", "second-editor");
    let c = node.client();
    let created = c.post("/api/v1/case-studies", Some(&node.editor), &published(case_study("Original"))).await;
    let url = created.header("location").unwrap();

    for round in 1..=5 {
        let etag = format!("\"{round}\"");
        let (body_a, body_b) =
            (published(case_study(&format!("A{round}"))), published(case_study(&format!("B{round}"))));
        let a = c.put(&url, Some(&node.editor), Some(&etag), &body_a);
        let b = c.put(&url, Some(&second_editor), Some(&etag), &body_b);
        let (a, b) = tokio::join!(a, b);
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [200, 412], "a: {} b: {}", a.text, b.text);
        let winner = if a.status == 200 { &a } else { &b };
        let loser = if a.status == 200 { &b } else { &a };
        let problem = loser.expect_problem(412, "precondition-failed");
        assert!(problem["detail"].as_str().unwrap().contains(&format!("version {}", round + 1)));
        // Nothing lost: the stored record is exactly the winner's write.
        let stored = c.get(&url, Some(&node.editor)).await.json();
        assert_eq!(stored, winner.json());
        assert_eq!(stored["version"], round + 1);
    }
}

async fn pagination_is_exact_while_inserting(backend: Backend) {
    let node = TestNode::start(backend).await;
    let c = node.client();
    let ed = node.editor.clone();
    let mut existing = HashSet::new();
    for i in 0..30 {
        let r = c.post("/api/v1/case-studies", Some(&ed), &published(case_study(&format!("Before {i}")))).await;
        existing.insert(r.json()["id"].as_str().unwrap().to_string());
    }

    let writer = {
        let c = c.clone();
        let ed = ed.clone();
        tokio::spawn(async move {
            for i in 0..30 {
                c.post("/api/v1/case-studies", Some(&ed), &published(case_study(&format!("During {i}"))))
                    .await
                    .expect(201);
            }
        })
    };
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cur) => format!("/api/v1/case-studies?limit=4&cursor={cur}"),
            None => "/api/v1/case-studies?limit=4".to_string(),
        };
        let page = c.get(&path, None).await;
        page.expect(200);
        let body = page.json();
        let items = body["items"].as_array().unwrap();
        assert!(items.len() <= 4);
        seen.extend(items.iter().map(|r| r["id"].as_str().unwrap().to_string()));
        match body["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
        tokio::task::yield_now().await;
    }
    writer.await.unwrap();

    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "a record was served twice");
    for id in &existing {
        assert!(unique.contains(id), "record {id} that existed before paging was skipped");
    }
    // Ids are in order: a page never goes back.
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, seen);

    let bad = c.get("/api/v1/case-studies?limit=0", None).await;
    assert_eq!(bad.field_errors(), ["limit"]);
    let bad = c.get("/api/v1/case-studies?limit=201", None).await;
    assert_eq!(bad.field_errors(), ["limit"]);
    let bad = c.get("/api/v1/case-studies?limit=many", None).await;
    assert_eq!(bad.field_errors(), ["limit"]);
    let bad = c.get("/api/v1/case-studies?cursor=%%%", None).await;
    assert_eq!(bad.status, 400);
    let bad = c.get("/api/v1/case-studies?theme=smart-things", None).await;
    assert_eq!(bad.field_errors(), ["theme"], "{}", bad.text);
    let filtered = c.get("/api/v1/case-studies?theme=smart-logistics", None).await.json();
    assert_eq!(filtered["items"], json!([]));
    let all = c.get("/api/v1/case-studies?theme=predictive-maintenance&limit=200", None).await.json();
    assert_eq!(all["items"].as_array().unwrap().len(), 60);
    let later = c.get("/api/v1/case-studies?updated_since=2999-01-01T00:00:00Z", None).await.json();
    assert_eq!(later["items"], json!([]));
    let since = c.get("/api/v1/case-studies?updated_since=2000-01-01T00:00:00%2B02:00&limit=200", None).await.json();
    assert_eq!(since["items"].as_array().unwrap().len(), 60);
    let bad = c.get("/api/v1/case-studies?updated_since=yesterday", None).await;
    assert_eq!(bad.field_errors(), ["updated_since"]);
}
