//! Checks a response body against a component schema of the committed contract, as a
//! generated client would read it.

use super::tools::root;
use serde_json::{Value, json};

/// Panics, naming every violation, unless `value` follows the contract's schema `name`.
pub fn assert_conforms(name: &str, value: &Value) {
    let text = std::fs::read_to_string(root().join("openapi/openapi.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let schema = json!({"$ref": format!("#/components/schemas/{name}"), "components": doc["components"]});
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator.iter_errors(value).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{name} does not follow its schema: {errors:?}\n{value}");
}
