//! Federation helpers: publishing a record, and what a node says of each origin it holds.

use super::TestNode;
use super::samples::{case_study, published};
use serde_json::Value;

/// Publishes a case study titled `title` on `node`; its id.
pub async fn publish(node: &TestNode, title: &str) -> String {
    let res = node.client().post("/api/v1/case-studies", Some(&node.editor), &published(case_study(title))).await;
    res.expect(201);
    res.json()["id"].as_str().unwrap().to_string()
}

/// `origins` of `node`'s peer status (an admin read), checked against the contract.
pub async fn origins(node: &TestNode) -> Vec<Value> {
    let peers = node.client().get("/api/v1/peers", Some(&node.admin)).await;
    peers.expect(200);
    super::conforms::assert_conforms("PeerList", &peers.json());
    peers.json()["origins"].as_array().unwrap().clone()
}

/// The entry of `code` among `all` origins.
#[track_caller]
pub fn origin<'a>(all: &'a [Value], code: &str) -> &'a Value {
    all.iter().find(|o| o["origin"] == code).unwrap_or_else(|| panic!("no checkpoint of {code}: {all:?}"))
}
