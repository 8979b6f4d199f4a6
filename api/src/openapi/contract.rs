//! What the generated document needs beyond what the handlers' attributes say: the officers'
//! pages taken out (they are not part of the API a client is generated from), the statuses
//! every operation can send whatever its handler (a request budget, a slow body, the database
//! being away), links from each create to read, update and delete (the stateful contract
//! tests follow them), a description on every property, and no component schema that nothing
//! refers to.

use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// The tag of the HTML pages.
pub const PAGES_TAG: &str = "pages";

/// utoipa 6 copies a generic argument into the generic's schema (`Record<CaseStudy>` holds a
/// copy of `CaseStudy` in `content`) and registers the argument as a component too: point the
/// copies at the component, so generated clients get one named type, not many anonymous ones.
pub fn reference_inlined(doc: &mut Value) {
    fn walk(v: &mut Value, top: bool, own: &str, schemas: &Map<String, Value>) {
        if !top
            && v.get("properties").is_some()
            && let Some((name, _)) = schemas.iter().find(|(n, s)| n.as_str() != own && *s == v)
        {
            *v = json!({ "$ref": format!("#/components/schemas/{name}") });
            return;
        }
        match v {
            Value::Object(o) => o.values_mut().for_each(|c| walk(c, false, own, schemas)),
            Value::Array(a) => a.iter_mut().for_each(|c| walk(c, false, own, schemas)),
            _ => {}
        }
    }
    let schemas = doc["components"]["schemas"].as_object().cloned().unwrap_or_default();
    for name in schemas.keys() {
        walk(&mut doc["components"]["schemas"][name], true, name, &schemas);
    }
}

/// `{"allOf": [x]}` with nothing beside it is `x` (utoipa writes it where a schema, not a
/// reference, is expected, e.g. `propertyNames`; OpenAPI 3.1 takes a reference there).
fn unwrap_single_all_of(v: &mut Value) {
    match v {
        Value::Object(o) => {
            let single = o.len() == 1 && o.get("allOf").and_then(Value::as_array).is_some_and(|a| a.len() == 1);
            if single && let Some(Value::Array(mut items)) = o.remove("allOf") {
                *v = items.remove(0);
                unwrap_single_all_of(v);
                return;
            }
            o.values_mut().for_each(unwrap_single_all_of);
        }
        Value::Array(a) => a.iter_mut().for_each(unwrap_single_all_of),
        _ => {}
    }
}

/// The API's own document, from the document of every route.
pub fn api_only(doc: &mut Value) {
    unwrap_single_all_of(doc);
    name_unsigned_formats(doc);
    lift_read_only(doc);
    describe_properties(doc);
    remove_pages(doc);
    add_shared_responses(doc);
    add_links(doc);
    add_webhooks(doc);
    prune_schemas(doc);
}

/// OpenAPI 3.1's `webhooks`: what the node POSTs to a partner system's subscription, signed
/// as Standard Webhooks specifies.
fn add_webhooks(doc: &mut Value) {
    let header = |name: &str, description: &str, example: &str| {
        json!({"name": name, "in": "header", "required": true, "description": description,
            "schema": {"type": "string", "minLength": 1}, "example": example})
    };
    doc["webhooks"] = json!({
        "recordChanged": {"post": {
            "operationId": "recordChanged",
            "tags": ["webhooks"],
            "summary": "A change, pushed to a subscription",
            "description": "For each change that passes a subscription's filter, in sequence order, at least once: \
                `record.published`, `record.updated`, `record.withdrawn`, `record.deleted` (and `webhook.test` from \
                `POST /api/v1/webhooks/{id}/test`). Verify the signature with the subscription's secret (any Standard \
                Webhooks library does), then answer 2xx. Anything else, or no answer within the node's timeout, and the \
                same message (same `webhook-id`, same bytes) is sent again with exponential backoff and jitter; 410 \
                disables the subscription.",
            "parameters": [
                header("webhook-id", "The message's id: the subscription's id and the change's sequence position, the same on every attempt.", "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60:125"),
                header("webhook-timestamp", "Unix seconds of the attempt.", "1796202660"),
                header("webhook-signature", "`v1,` and base64 of HMAC-SHA256 over `webhook-id.webhook-timestamp.body` with the subscription's secret (the base64 after `whsec_`).", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="),
            ],
            "requestBody": {"required": true, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/WebhookEvent"}}}},
            "responses": {
                "200": {"description": "Acknowledged (any 2xx): the message is not sent again"},
                "410": {"description": "Gone: the node disables the subscription"},
            },
            "security": [],
        }}
    });
}

/// Unsigned integers are documented with the OpenAPI format registry's `uint8` … `uint64`,
/// which utoipa spells `u-int8` … `u-int64`.
fn name_unsigned_formats(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if let Some(Value::String(format)) = o.get_mut("format")
                && let Some(bits) = format.strip_prefix("u-int")
            {
                *format = format!("uint{bits}");
            }
            o.values_mut().for_each(name_unsigned_formats);
        }
        Value::Array(a) => a.iter_mut().for_each(name_unsigned_formats),
        _ => {}
    }
}

/// utoipa's arrays cannot carry `readOnly`, so it writes a read-only list field's keyword on
/// the items: it belongs to the property, where clients and fuzzers look for it.
fn lift_read_only(v: &mut Value) {
    match v {
        Value::Object(o) => {
            let items = o.get_mut("items").and_then(Value::as_object_mut);
            if let Some(Value::Bool(true)) = items.and_then(|i| i.remove("readOnly")) {
                o.insert("readOnly".into(), Value::Bool(true));
            }
            o.values_mut().for_each(lift_read_only);
        }
        Value::Array(a) => a.iter_mut().for_each(lift_read_only),
        _ => {}
    }
}

/// Gives every property of every component schema a description of its own. utoipa writes a
/// field's doc comment beside the reference inside `oneOf: [{$ref}, {type: null}]` for an
/// `Option`, where a reader of the property does not look: it moves up to the property. A
/// property that is only a reference (the content of a generic envelope, or a field without
/// a doc comment of its own) gets the description of the schema it references.
fn describe_properties(doc: &mut Value) {
    fn described(schema: &Map<String, Value>) -> bool {
        schema.get("description").and_then(Value::as_str).is_some_and(|d| !d.trim().is_empty())
    }
    fn variants(property: &mut Map<String, Value>) -> impl Iterator<Item = &mut Map<String, Value>> {
        let lists = property.iter_mut().filter(|(k, _)| matches!(k.as_str(), "oneOf" | "anyOf"));
        lists.filter_map(|(_, v)| v.as_array_mut()).flatten().filter_map(Value::as_object_mut)
    }
    fn describe(property: &mut Map<String, Value>, schemas: &Map<String, Value>) {
        if described(property) {
            return;
        }
        // The field's own words, beside the reference of a nullable one.
        let own = variants(property).filter(|v| v.contains_key("$ref")).find_map(|v| v.remove("description"));
        // Else the words of what it references: itself, or its one referenced variant.
        let referenced = || {
            let mut targets: Vec<String> =
                variants(property).filter_map(|v| v.get("$ref")?.as_str().map(String::from)).collect();
            targets.extend(property.get("$ref").and_then(Value::as_str).map(String::from));
            let [target] = &targets[..] else { return None };
            let schema = schemas.get(target.strip_prefix("#/components/schemas/")?)?.as_object()?;
            described(schema).then(|| schema["description"].clone())
        };
        if let Some(description) = own.or_else(referenced) {
            property.insert("description".into(), description);
        }
    }
    fn walk(v: &mut Value, schemas: &Map<String, Value>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::Object(properties)) = o.get_mut("properties") {
                    properties.values_mut().filter_map(Value::as_object_mut).for_each(|p| describe(p, schemas));
                }
                // Examples are data: a member of theirs named `properties` is not a schema's.
                let schema_parts = o.iter_mut().filter(|(k, _)| !matches!(k.as_str(), "example" | "examples"));
                schema_parts.for_each(|(_, c)| walk(c, schemas));
            }
            Value::Array(a) => a.iter_mut().for_each(|c| walk(c, schemas)),
            _ => {}
        }
    }
    let schemas = doc["components"]["schemas"].as_object().cloned().unwrap_or_default();
    if let Some(Value::Object(all)) = doc["components"].get_mut("schemas") {
        all.values_mut().for_each(|s| walk(s, &schemas));
    }
}

fn remove_pages(doc: &mut Value) {
    let Some(paths) = doc["paths"].as_object_mut() else { return };
    for item in paths.values_mut() {
        if let Some(ops) = item.as_object_mut() {
            ops.retain(|_, op| op["tags"].get(0).and_then(Value::as_str) != Some(PAGES_TAG));
        }
    }
    paths.retain(|_, item| item.as_object().is_some_and(|ops| !ops.is_empty()));
    if let Some(tags) = doc["tags"].as_array_mut() {
        tags.retain(|t| t["name"] != PAGES_TAG);
    }
}

fn problem(description: &str) -> Value {
    json!({"description": description, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
}

/// Component responses shared by many operations, and the operations that can send them.
fn add_shared_responses(doc: &mut Value) {
    let mut too_many = problem(
        "Over a request budget (per client address without a token, per credential with one): wait `Retry-After` \
         seconds",
    );
    // The node waits at most for one request's refill (a minute at the lowest budget, 1 per
    // minute); a day bounds it whatever the budgets become.
    too_many["headers"] = json!({"Retry-After": {"description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 1, "maximum": 86_400, "example": 30}}});
    let mut slow = problem("The request's body did not arrive within the node's deadline; the connection is closed");
    slow["headers"] =
        json!({"Connection": {"description": "`close`", "schema": {"type": "string", "enum": ["close"]}}});
    let responses = doc["components"].as_object_mut().map(|c| c.entry("responses").or_insert_with(|| json!({})));
    if let Some(Value::Object(r)) = responses {
        r.insert("TooManyRequests".into(), too_many);
        r.insert("RequestTimeout".into(), slow);
        r.insert(
            "Unavailable".into(),
            problem("The database cannot be reached, or (readiness) the search index is catching up"),
        );
        r.insert("Internal".into(), problem("The node failed; its operator's log has the details"));
        let limit = crate::http::body::BODY_LIMIT / 1024;
        r.insert("PayloadTooLarge".into(), problem(&format!("Body larger than {limit} KiB")));
        r.insert("UnsupportedMediaType".into(), problem("Body is not application/json"));
        r.insert(
            "PeerTokenRefused".into(),
            problem("The peer token failed a check, named in `detail`; `server_time` shows this node's clock"),
        );
        r.insert("NotAPeer".into(), problem("The caller is not a configured peer"));
    }
    let Some(paths) = doc["paths"].as_object_mut() else { return };
    for (path, item) in paths.iter_mut() {
        let Some(ops) = item.as_object_mut() else { continue };
        for op in ops.values_mut() {
            let has_body = op.get("requestBody").is_some();
            let for_peers = op["security"].as_array().is_some_and(|s| s.iter().any(|r| r.get("peerJwt").is_some()));
            let Some(res) = op["responses"].as_object_mut() else { continue };
            let mut add = |status: &str, name: &str| {
                res.entry(status).or_insert_with(|| json!({"$ref": format!("#/components/responses/{name}")}));
            };
            // Every API route spends from a budget (http/throttle.rs), the probes included.
            add("429", "TooManyRequests");
            // Every federation route checks a peer token (federation/peer_auth.rs).
            if for_peers {
                add("401", "PeerTokenRefused");
                add("403", "NotAPeer");
            }
            // Every JSON body goes through one extractor (http/body.rs).
            if has_body {
                add("408", "RequestTimeout");
                add("413", "PayloadTooLarge");
                add("415", "UnsupportedMediaType");
            }
            if path != "/healthz" {
                add("503", "Unavailable");
            }
            add("500", "Internal");
        }
    }
}

/// From each `POST /api/v1/<kind>` that answers 201 with a record, links to the operations on
/// `/api/v1/<kind>/{id}`: the new record's id from the body, its ETag as `If-Match`.
fn add_links(doc: &mut Value) {
    let Some(paths) = doc["paths"].as_object().cloned() else { return };
    for (path, item) in &paths {
        let Some(create) = item.get("post") else { continue };
        if create["responses"].get("201").is_none() || !path.starts_with("/api/v1/") {
            continue;
        }
        let Some(one) = paths.get(&format!("{path}/{{id}}")) else { continue };
        let mut links = Map::new();
        for (method, op) in one.as_object().into_iter().flatten() {
            let Some(id) = op["operationId"].as_str() else { continue };
            let mut parameters = json!({"id": "$response.body#/id"});
            if matches!(method.as_str(), "put" | "delete") {
                parameters["If-Match"] = json!("$response.header.ETag");
            }
            links.insert(
                id.to_string(),
                json!({"operationId": id, "parameters": parameters,
                    "description": format!("`{}` the record just created", method.to_uppercase())}),
            );
        }
        doc["paths"][path]["post"]["responses"]["201"]["links"] = Value::Object(links);
    }
}

/// Every `$ref` target in `value`.
fn refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(obj) => {
            if let Some(Value::String(r)) = obj.get("$ref") {
                out.insert(r.clone());
            }
            obj.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// Drops component schemas that no operation reaches, directly or through other schemas.
fn prune_schemas(doc: &mut Value) {
    let mut reached = BTreeSet::new();
    let mut roots = doc.clone();
    if let Some(c) = roots["components"].as_object_mut() {
        c.remove("schemas");
    }
    refs(&roots, &mut reached);
    let schemas = doc["components"]["schemas"].as_object().cloned().unwrap_or_default();
    let mut todo: Vec<String> = reached.iter().cloned().collect();
    while let Some(r) = todo.pop() {
        let Some(name) = r.strip_prefix("#/components/schemas/") else { continue };
        let mut inner = BTreeSet::new();
        if let Some(schema) = schemas.get(name) {
            refs(schema, &mut inner);
        }
        for i in inner {
            if reached.insert(i.clone()) {
                todo.push(i);
            }
        }
    }
    if let Some(s) = doc["components"]["schemas"].as_object_mut() {
        s.retain(|name, _| reached.contains(&format!("#/components/schemas/{name}")));
    }
}
