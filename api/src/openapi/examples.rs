//! Fills in examples for schemas that cannot carry their own: generic envelopes such as
//! `Record<CaseStudy>` and `Page<…>`, whose example depends on the content they wrap. Each
//! is composed from the examples of its properties, so it stays true to the types.

use serde_json::{Map, Value};

/// Adds a composed `example` to every schema lacking one, where one can be composed.
pub fn complete(doc: &mut Value) {
    let schemas = doc["components"]["schemas"].as_object().cloned().unwrap_or_default();
    for (name, schema) in &schemas {
        if schema.get("example").is_some() {
            continue;
        }
        if let Some(mut example) = compose(schema, &schemas, 0) {
            // A record's `kind` is fixed by the content it wraps; the `Kind` enum cannot know it.
            if let Some(kind) = kind_of(name) {
                set_kind(&mut example, &kind);
            }
            doc["components"]["schemas"][name]["example"] = example;
        }
    }
}

fn compose(schema: &Value, all: &Map<String, Value>, depth: usize) -> Option<Value> {
    if depth > 8 {
        return None;
    }
    if let Some(example) = schema.get("example") {
        return Some(example.clone());
    }
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        let name = target.rsplit('/').next()?;
        return compose(all.get(name)?, all, depth + 1);
    }
    if let Some(first) = schema.get("enum").and_then(|e| e.get(0)) {
        return Some(first.clone());
    }
    if let Some(variants) = schema.get("oneOf").and_then(Value::as_array) {
        return variants.iter().find_map(|v| compose(v, all, depth + 1));
    }
    if let Some(items) = schema.get("items") {
        return compose(items, all, depth + 1).map(|i| Value::Array(vec![i]));
    }
    let properties = schema.get("properties")?.as_object()?;
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = Map::new();
    for (key, property) in properties {
        match compose(property, all, depth + 1) {
            Some(v) => {
                out.insert(key.clone(), v);
            }
            None if required.contains(&key.as_str()) => return None,
            None => {}
        }
    }
    Some(Value::Object(out))
}

/// Sets `kind` in every record-shaped object (one with `kind` and `content`) of the example.
fn set_kind(example: &mut Value, kind: &str) {
    match example {
        Value::Object(obj) => {
            if obj.contains_key("kind") && obj.contains_key("content") {
                obj.insert("kind".into(), Value::String(kind.to_string()));
            }
            obj.values_mut().for_each(|v| set_kind(v, kind));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| set_kind(v, kind)),
        _ => {}
    }
}

/// `Record_CaseStudy` → `case_study` (also through `Page_` and `RecordInput_`).
fn kind_of(schema_name: &str) -> Option<String> {
    let content = schema_name.rsplit('_').next()?;
    if content == schema_name {
        return None;
    }
    let mut snake = String::new();
    for (i, c) in content.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    Some(snake)
}
