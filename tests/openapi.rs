//! The committed contract equals what the code generates and serves, and is complete.

use crate::support::node::{BIN, cli};
use crate::support::{Backend, TestNode};
use serde_json::Value;

pub const COMMITTED: &str = include_str!("../openapi/openapi.json");
const REGENERATE: &str = "regenerate it with: cargo run -q -- openapi > openapi/openapi.json";

#[test]
fn committed_document_matches_the_code() {
    let out = cli(&["openapi"]);
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    assert!(generated == COMMITTED, "openapi/openapi.json differs from `{BIN} openapi`: {REGENERATE}");
}

#[tokio::test]
async fn served_document_is_the_committed_one() {
    let node = TestNode::start(Backend::Sqlite).await;
    let served = node.get("/openapi.json", None).await;
    served.expect(200);
    let committed: Value = serde_json::from_str(COMMITTED).unwrap();
    assert!(served.json() == committed, "/openapi.json differs from openapi/openapi.json: {REGENERATE}");
    let docs = node.get("/docs/", None).await;
    docs.expect(200);
    assert!(docs.text.contains("swagger"), "Swagger UI at /docs/");
    let init = node.get("/docs/swagger-initializer.js", None).await;
    assert!(init.text.contains("/openapi.json"));
}

#[test]
fn every_operation_is_fully_described() {
    let doc: Value = serde_json::from_str(COMMITTED).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"], serde_json::json!([{"url": "/", "description": "The node that serves this document"}]));
    assert!(doc["info"]["contact"]["url"].is_string() && doc["info"]["license"]["identifier"] == "EUPL-1.2");
    // The officers' pages are not part of the API a client is generated from.
    assert!(doc["paths"].get("/").is_none() && doc["paths"].get("/sign-in").is_none(), "pages in the API document");
    assert!(doc["tags"].as_array().unwrap().iter().all(|t| t["name"] != "pages"));
    assert_eq!(doc["components"]["securitySchemes"]["apiToken"]["scheme"], "bearer");
    let mut ids = std::collections::HashSet::new();
    let mut count = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            count += 1;
            let here = format!("{method} {path}");
            let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{here}: no operationId"));
            assert!(ids.insert(id.to_string()), "{here}: duplicate operationId {id}");
            assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{here}: no tag");
            assert!(op["summary"].as_str().is_some_and(|s| !s.is_empty()), "{here}: no summary");
            assert!(op["security"].is_array(), "{here}: no security requirement");
            for (status, res) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    // Shared responses (429, 408, 500, 503) are components.
                    let res = match res["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/responses/")) {
                        Some(name) => &doc["components"]["responses"][name],
                        None => res,
                    };
                    let content = res["content"].as_object().unwrap_or_else(|| panic!("{here} {status}: no body"));
                    // Pages answer people with HTML (a form with its messages); the API with problems.
                    let page = op["tags"][0] == "pages" && content.contains_key("text/html");
                    assert!(
                        page || content.contains_key("application/problem+json"),
                        "{here} {status}: not problem+json"
                    );
                }
            }
            let writes = matches!(method.as_str(), "put" | "delete");
            if writes {
                let params = op["parameters"].as_array().unwrap();
                let if_match = params.iter().find(|p| p["name"] == "If-Match").expect("If-Match declared");
                assert_eq!(if_match["required"], true, "{here}: If-Match must be required");
            }
            let public_read = method == "get" && path.starts_with("/api/v1/") && !path.starts_with("/api/v1/peers");
            if public_read {
                assert_eq!(op["security"], serde_json::json!([{}, {"apiToken": []}]), "{here}: token optional");
            }
        }
    }
    assert!(count >= 14, "only {count} operations documented");
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        assert!(schema["description"].as_str().is_some_and(|d| !d.is_empty()), "schema {name} has no description");
        assert!(schema.get("example").is_some(), "schema {name} has no example");
    }
    let record = &doc["components"]["schemas"]["Page_Record_PolicyInstrument"]["example"]["items"][0];
    assert_eq!(record["kind"], "policy_instrument", "composed examples carry the right kind");
}
