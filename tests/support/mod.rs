//! The test harness: nodes, databases and HTTP helpers.

#![allow(dead_code)]

pub mod browser;
pub mod conforms;
pub mod fake_peer;
pub mod forge;
pub mod http;
pub mod node;
pub mod origins;
pub mod peer;
pub mod postgres;
pub mod receiver;
pub mod samples;
pub mod tools;

pub use node::{Backend, TestNode};

use serde_json::Value;
use std::time::{Duration, Instant};

/// Polls a search until `done` holds: the index follows the store within a second.
pub async fn search_until(node: &TestNode, query: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        // With a token: polling spends from the token's budget, not the anonymous one.
        let res = node.get(&format!("/api/v1/catalogue/search?{query}"), Some(&node.reader)).await;
        res.expect(200);
        let body = res.json();
        if done(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "search {query} never got there: {body}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Generates one `#[tokio::test]` per backend for each named `async fn(Backend)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::$name($crate::support::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::$name($crate::support::Backend::Postgres).await })*
        }
    };
}

/// Now, in the nodes' timestamp form (RFC 3339, UTC, six fractional digits).
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}
