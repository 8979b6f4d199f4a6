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
            let public_read = method == "get" && path.starts_with("/api/v1/") && !path.starts_with("/api/v1/peers")
                // Peers and webhook subscriptions are an admin's.
                && !path.starts_with("/api/v1/webhooks");
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

/// Integer schemas that may go without `minimum` and `maximum`, by JSON pointer, each with
/// why. None: every integer's bounds follow from its Rust type (`i64` counts: 0 to
/// 9223372036854775807; versions from 1; a `u16` status: 100 to 599).
const UNBOUNDED_INTEGERS: &[&str] = &[];

/// Calls `f` with the JSON pointer of every object in `v`, examples left out (they are data,
/// not schemas).
fn each_object<'a>(v: &'a Value, at: &str, f: &mut impl FnMut(&str, &'a serde_json::Map<String, Value>)) {
    match v {
        Value::Object(o) => {
            f(at, o);
            for (k, c) in o.iter().filter(|(k, _)| !matches!(k.as_str(), "example" | "examples")) {
                each_object(c, &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), f);
            }
        }
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| each_object(c, &format!("{at}/{i}"), f)),
        _ => {}
    }
}

#[test]
fn every_property_parameter_and_integer_is_stated() {
    let doc: Value = serde_json::from_str(COMMITTED).unwrap();
    let mut faults = Vec::new();
    // Every property says what it means, beside its reference if it is one: a bare `$ref`
    // says nothing of its own.
    each_object(&doc["components"]["schemas"], "#/components/schemas", &mut |at, o| {
        for (name, p) in o.get("properties").and_then(Value::as_object).into_iter().flatten() {
            if p["description"].as_str().is_none_or(|d| d.trim().is_empty()) {
                faults.push(format!("{at}/properties/{name}: no description"));
            }
        }
    });
    // Every parameter has an example (its own or its schema's), within its schema's bounds.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for op in item.as_object().unwrap().values() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let p = match p["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/parameters/")) {
                    Some(name) => &doc["components"]["parameters"][name],
                    None => p,
                };
                let [id, place, name] = [&op["operationId"], &p["in"], &p["name"]].map(|v| v.as_str().unwrap_or("?"));
                let here = format!("{id} {path}: {place} parameter {name}");
                let schema = &p["schema"];
                let example = [&p["example"], &schema["example"]].into_iter().find(|e| !e.is_null()).or_else(|| {
                    [&p["examples"], &schema["examples"]].into_iter().find_map(|e| match e {
                        Value::Object(o) => o.values().next().map(|e| &e["value"]),
                        Value::Array(a) => a.first(),
                        _ => None,
                    })
                });
                let Some(example) = example else {
                    faults.push(format!("{here}: no example"));
                    continue;
                };
                if let Some(n) = example.as_f64() {
                    let low = schema["minimum"].as_f64().is_some_and(|min| n < min);
                    let high = schema["maximum"].as_f64().is_some_and(|max| n > max);
                    if low || high {
                        faults.push(format!("{here}: example {n} out of its schema's bounds"));
                    }
                }
                if let Some(allowed) = schema["enum"].as_array()
                    && !allowed.contains(example)
                {
                    faults.push(format!("{here}: example {example} not one of its schema's values"));
                }
            }
        }
    }
    // Every integer, wherever it is (schemas, parameters, headers), has both bounds.
    each_object(&doc, "#", &mut |at, o| {
        let integer = match &o.get("type") {
            Some(Value::String(t)) => t == "integer",
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "integer"),
            _ => false,
        };
        let bounded = o.get("minimum").is_some_and(Value::is_number) && o.get("maximum").is_some_and(Value::is_number);
        if integer && !bounded && !UNBOUNDED_INTEGERS.contains(&at) {
            faults.push(format!("{at}: an integer without minimum and maximum"));
        }
    });
    assert!(faults.is_empty(), "the contract leaves rules unstated:\n{}", faults.join("\n"));
}

#[test]
fn request_bodies_refuse_unknown_fields() {
    let doc: Value = serde_json::from_str(COMMITTED).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    // Every schema a request body reaches: its objects say what the node does with a field it
    // does not know (`#[serde(deny_unknown_fields)]`: refuse it), maps what their values are.
    let mut todo: Vec<String> = Vec::new();
    each_object(&doc["paths"], "#/paths", &mut |_, o| {
        if let Some(body) = o.get("requestBody") {
            each_object(body, "", &mut |_, o| todo.extend(o.get("$ref").and_then(Value::as_str).map(String::from)));
        }
    });
    let mut seen = std::collections::BTreeSet::new();
    let mut faults = Vec::new();
    while let Some(r) = todo.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        let name = r.strip_prefix("#/components/schemas/").unwrap();
        each_object(&schemas[name], &r, &mut |at, o| {
            todo.extend(o.get("$ref").and_then(Value::as_str).map(String::from));
            let object = o.get("type").is_some_and(|t| t == "object") || o.contains_key("properties");
            let closed = if o.contains_key("properties") {
                o.get("additionalProperties") == Some(&Value::Bool(false))
            } else {
                o.get("additionalProperties").is_some_and(Value::is_object)
            };
            if object && !closed {
                faults.push(format!("{at}: a request's object that does not refuse unknown fields"));
            }
        });
    }
    assert!(seen.len() >= 10, "only {} schemas reached from request bodies", seen.len());
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
