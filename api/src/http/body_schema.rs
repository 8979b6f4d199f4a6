//! Request bodies checked against the contract before they are read: the JSON Schema of each
//! operation's body, taken from the node's own OpenAPI document, so that a body the contract
//! accepts is one the node reads, and every rule a body breaks is reported at once (serde
//! stops at the first).
//!
//! What the schema cannot state (a reference to another record, an order between two fields)
//! is checked after, on the typed content.

use crate::error::ApiError;
use actix_web::http::Method;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError, Validator};
use serde_json::{Map, Value};
use smarty_schema::FieldError;
use std::collections::HashMap;

/// The body schema of every operation that takes a JSON body, by method and route pattern
/// (`POST /api/v1/case-studies`).
pub struct BodySchemas {
    by_route: HashMap<(Method, String), Route>,
}

/// The node's own document holds a body schema that is not valid JSON Schema: a bug of the
/// node, found at start.
#[derive(Debug, thiserror::Error)]
#[error("the body schema of {route} does not compile: {message}")]
pub struct UncompilableSchema {
    route: String,
    message: String,
}

impl From<UncompilableSchema> for String {
    fn from(e: UncompilableSchema) -> String {
        e.to_string()
    }
}

/// One operation's body schema: compiled, and as written (for the descriptions that explain
/// a broken rule).
struct Route {
    validator: Validator,
    schema: Value,
}

impl BodySchemas {
    /// Compiles the body schema of every operation of `document` (an OpenAPI 3.1 document,
    /// whose schemas are JSON Schema 2020-12) that takes `application/json`.
    pub fn from_document(document: &Value) -> Result<BodySchemas, UncompilableSchema> {
        let components = document.get("components").cloned().unwrap_or_else(|| Value::Object(Map::new()));
        let mut by_route = HashMap::new();
        let paths = document.get("paths").and_then(Value::as_object).into_iter().flatten();
        for (path, item) in paths {
            for (method, operation) in item.as_object().into_iter().flatten() {
                let Some(schema) = operation.pointer("/requestBody/content/application~1json/schema") else { continue };
                let Ok(method) = Method::from_bytes(method.to_ascii_uppercase().as_bytes()) else { continue };
                // The operation's schema, with the components its `$ref`s point into beside it.
                let mut root = schema.clone();
                if let Value::Object(map) = &mut root {
                    map.insert("components".into(), components.clone());
                }
                let validator = jsonschema::options()
                    .with_draft(Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(&root)
                    .map_err(|e| UncompilableSchema { route: format!("{method} {path}"), message: e.to_string() })?;
                by_route.insert((method, path.clone()), Route { validator, schema: root });
            }
        }
        Ok(BodySchemas { by_route })
    }

    /// `Ok` when `body` follows the operation's body schema, else a 400 naming every field
    /// that breaks it.
    pub fn require(&self, method: &Method, route: &str, body: &Value) -> Result<(), ApiError> {
        let errors = self.check(method, route, body);
        if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
    }

    /// Every rule of the operation's body schema that `body` breaks (none when the operation
    /// has no body schema), one error per field, in the schema's order.
    pub fn check(&self, method: &Method, route: &str, body: &Value) -> Vec<FieldError> {
        let Some(route) = self.by_route.get(&(method.clone(), route.to_string())) else { return Vec::new() };
        let mut errors = Vec::new();
        for error in route.validator.iter_errors(body) {
            explain(&error, body, &route.schema, &mut errors);
        }
        // One message per field: a blank title breaks both `minLength` and `pattern`.
        let mut seen = std::collections::HashSet::new();
        errors.retain(|e: &FieldError| seen.insert(e.field.clone()));
        errors
    }
}

/// The field errors one schema error stands for.
fn explain(error: &ValidationError<'_>, body: &Value, schema: &Value, out: &mut Vec<FieldError>) {
    let pointer = error.instance_path().as_str();
    let field = |extra: Option<&str>| field_path(body, pointer, extra);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for name in unexpected {
                out.push(FieldError::new(field(Some(name)), "is not a known field"));
            }
        }
        ValidationErrorKind::Required { property } => {
            out.push(FieldError::new(field(property.as_str()), "is required"));
        }
        ValidationErrorKind::PropertyNames { error: inner } => {
            let key = inner.instance().as_str().map(str::to_string).unwrap_or_default();
            let rule = described(inner, schema).unwrap_or_else(|| message(inner.kind()));
            out.push(FieldError::new(field(Some(&key)), format!("is not an allowed key: it {rule}")));
        }
        ValidationErrorKind::UniqueItems => {
            let items = body.pointer(pointer).and_then(Value::as_array);
            let twice = items.and_then(|items| (1..items.len()).find(|&i| items[..i].contains(&items[i])));
            let at = twice.map_or_else(|| field(None), |i| format!("{}[{i}]", field(None)));
            out.push(FieldError::new(at, "is listed twice"));
        }
        // An optional field's schema is `oneOf: [the type, null]`: what counts is why the
        // value failed the type, not that it is not null either.
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let null_only = |branch: &Vec<ValidationError<'static>>| {
                branch.len() == 1
                    && branch[0].instance_path().as_str() == pointer
                    && matches!(branch[0].kind(), ValidationErrorKind::Type { kind: TypeKind::Single(t) } if t.to_string() == "null")
            };
            let meant: Vec<_> = context.iter().filter(|branch| !null_only(branch)).collect();
            match meant.as_slice() {
                [branch] => branch.iter().for_each(|e| explain(e, body, schema, out)),
                _ => out.push(FieldError::new(field(None), "does not match any of the allowed forms")),
            }
        }
        kind => out.push(FieldError::new(field(None), described(error, schema).unwrap_or_else(|| message(kind)))),
    }
}

/// For a value that is not what its type describes (a pattern, a format, a list of codes), the
/// type's own description says best what it must be: "must be a NUTS (or ITL) territorial
/// code: …" rather than the pattern.
fn described(error: &ValidationError<'_>, schema: &Value) -> Option<String> {
    use ValidationErrorKind as K;
    if !matches!(error.kind(), K::Pattern { .. } | K::Format { .. } | K::Enum { .. }) {
        return None;
    }
    if matches!(error.kind(), K::Pattern { pattern } if pattern == r"\S") {
        return None;
    }
    let keyword = error.schema_path().as_str();
    let parent = &keyword[..keyword.rfind('/')?];
    let description = schema.pointer(parent)?.get("description")?.as_str()?;
    let first = description.chars().next()?;
    let article = ["A ", "An ", "The "].iter().any(|a| description.starts_with(a));
    article.then(|| format!("must be {}{}", first.to_lowercase(), &description[first.len_utf8()..]).replace('\n', " "))
}

/// A rule broken by a value, in words: never echoing the value, which may be long.
fn message(kind: &ValidationErrorKind) -> String {
    use ValidationErrorKind as K;
    match kind {
        K::Type { kind } => format!("must be of type {}", type_name(kind)),
        K::MinLength { limit: 1 } => "must not be empty".into(),
        K::MinLength { limit } => format!("must be at least {limit} characters"),
        K::MaxLength { limit } => format!("must be at most {limit} characters"),
        K::Pattern { pattern } if pattern == r"\S" => "must not be blank".into(),
        K::Pattern { pattern } => format!("must match the pattern {pattern}"),
        K::Enum { options } => match options.as_array() {
            Some(listed) if listed.len() <= 12 => {
                let names: Vec<String> =
                    listed.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect();
                format!("must be one of: {}", names.join(", "))
            }
            Some(listed) => format!("must be one of the {} values the schema lists", listed.len()),
            None => "is not one of the allowed values".into(),
        },
        K::Format { format } => match format.as_str() {
            "date" => "must be a date, YYYY-MM-DD".into(),
            "date-time" => "must be an RFC 3339 date-time".into(),
            "email" => "must be an email address".into(),
            "uri" => "must be an absolute URI".into(),
            "uuid" => "must be a UUID".into(),
            other => format!("must be in the format {other}"),
        },
        K::Minimum { limit } => format!("must be at least {limit}"),
        K::Maximum { limit } => format!("must be at most {limit}"),
        K::ExclusiveMinimum { limit } => format!("must be more than {limit}"),
        K::ExclusiveMaximum { limit } => format!("must be less than {limit}"),
        K::MinItems { limit } => format!("must have at least {limit} items"),
        K::MaxItems { limit } => format!("must have at most {limit} items"),
        K::MinProperties { limit } => format!("must have at least {limit} entries"),
        K::MaxProperties { limit } => format!("must have at most {limit} entries"),
        K::Constant { expected_value } => format!("must be {expected_value}"),
        _ => "is not allowed here".into(),
    }
}

fn type_name(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => t.to_string(),
        TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" or "),
    }
}

/// A JSON pointer into `body` (`/content/links/0`), and an optional member below it, as the
/// dotted path of the API's field errors (`content.links[0]`). The body tells list indices from
/// object keys that happen to be digits.
fn field_path(body: &Value, pointer: &str, extra: Option<&str>) -> String {
    let mut path = String::new();
    let mut at = body;
    let segments = pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~"));
    for segment in segments.chain(extra.map(str::to_string)) {
        match at {
            Value::Array(items) => {
                path.push_str(&format!("[{segment}]"));
                at = segment.parse::<usize>().ok().and_then(|i| items.get(i)).unwrap_or(&Value::Null);
            }
            _ => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&segment);
                at = at.get(&segment).unwrap_or(&Value::Null);
            }
        }
    }
    if path.is_empty() { "body".into() } else { path }
}
