//! Field-level validation errors, collected so a client sees every failed rule at once.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One failed validation rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"field": "content.title", "message": "must be 1 to 200 characters"}))]
pub struct FieldError {
    /// Path of the offending field in the request body, dotted, with `[i]` for list items.
    pub field: String,
    /// What is wrong, in plain English.
    pub message: String,
    /// The rule is one the OpenAPI schema cannot state (a reference to another record, an
    /// order between two fields): a body breaking only such rules is answered 422, not 400.
    #[serde(skip)]
    pub beyond_schema: bool,
}

impl FieldError {
    /// A rule the schema states (a 400 when broken).
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), message: message.into(), beyond_schema: false }
    }

    /// A rule beyond the schema (see [`FieldError::beyond_schema`]).
    pub fn rule(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), message: message.into(), beyond_schema: true }
    }
}

/// Collects field errors under a path prefix.
#[derive(Debug, Default)]
pub struct Errors {
    prefix: String,
    /// The errors so far, in the order found.
    pub list: Vec<FieldError>,
}

impl Errors {
    /// Collects errors for fields under `prefix` (`content`); empty for none.
    pub fn new(prefix: &str) -> Self {
        Self { prefix: prefix.to_string(), list: Vec::new() }
    }

    fn path(&self, field: &str) -> String {
        if self.prefix.is_empty() {
            field.to_string()
        } else if field.starts_with('[') {
            format!("{}{field}", self.prefix)
        } else {
            format!("{}.{field}", self.prefix)
        }
    }

    /// Adds `message` for `field`, a path relative to the prefix (`title`, `[2].name`).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.list.push(FieldError::new(self.path(field), message));
    }

    /// Adds a broken rule that the schema cannot state (an order, a uniqueness across
    /// objects, a reference): see [`FieldError::beyond_schema`].
    pub fn add_rule(&mut self, field: &str, message: impl Into<String>) {
        self.list.push(FieldError::rule(self.path(field), message));
    }

    /// [`Errors::add_rule`] unless `ok`.
    pub fn check_rule(&mut self, ok: bool, field: &str, message: &str) {
        if !ok {
            self.add_rule(field, message);
        }
    }

    /// Adds `message` for `field` unless `ok`.
    pub fn check(&mut self, ok: bool, field: &str, message: &str) {
        if !ok {
            self.add(field, message);
        }
    }

    /// `Ok` when no rule failed, else every error.
    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.list.is_empty() { Ok(()) } else { Err(self.list) }
    }
}
