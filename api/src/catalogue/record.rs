//! A record as the catalogue serves it: the record, of any origin, with its origin's name.

use crate::error::ApiError;
use crate::state::AppState;
use serde::Serialize;
use serde_json::json;
use smarty_schema::store::StoredRecord;
use smarty_schema::{AnyContent, Record};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{Object, Schema, SchemaType, Type};
use utoipa::{PartialSchema, ToSchema};

/// A record of the catalogue, of any origin: the record as its kind's API serves it (its
/// status is always `published`: the catalogue serves nothing else), with `origin_name`.
#[derive(Serialize)]
pub struct CatalogueRecord {
    /// The record.
    #[serde(flatten)]
    pub record: Record<AnyContent>,
    /// The origin region's name.
    pub origin_name: String,
}

impl CatalogueRecord {
    /// The catalogue's view of a public record, with its origin's name.
    pub fn of(state: &AppState, stored: StoredRecord) -> Result<Self, ApiError> {
        let origin_name = state.config.region_name(&stored.origin);
        let id = stored.id.clone();
        let record =
            stored.into_public_record().ok_or_else(|| ApiError::Internal(format!("record {id} keeps no content")))?;
        Ok(CatalogueRecord { record, origin_name })
    }
}

// The contract's schema is the record's, with one more property: stated as one object (not
// `allOf`), because the record's schema refuses members it does not name.
impl PartialSchema for CatalogueRecord {
    fn schema() -> RefOr<Schema> {
        let RefOr::T(Schema::Object(mut object)) = Record::<AnyContent>::schema() else {
            unreachable!("a derived struct schema is an object")
        };
        // `example`, like every property the derive writes (utoipa prefers `examples`).
        #[allow(deprecated)]
        let name = Object::builder()
            .schema_type(SchemaType::Type(Type::String))
            .description(Some("The origin region's name."))
            .min_length(Some(1))
            .example(Some(json!("Tuscany")));
        object.properties.insert("origin_name".into(), name.into());
        object.required.push("origin_name".into());
        object.description = Some(
            "A record of the catalogue, of any origin: the record as its kind's API serves it \
             (its status is always `published`: the catalogue serves nothing else), with its \
             origin region's name."
                .into(),
        );
        object.example = Some(json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "kind": "case_study",
            "origin": "tuscany", "origin_name": "Tuscany", "version": 2, "status": "published",
            "created_at": "2026-11-20T09:30:00.000000Z", "updated_at": "2026-11-25T09:30:00.000000Z",
            "content": case_study_example()}));
        Schema::Object(object).into()
    }
}

/// The case study schema's own example.
fn case_study_example() -> serde_json::Value {
    let RefOr::T(Schema::Object(object)) = smarty_schema::CaseStudy::schema() else {
        unreachable!("a derived struct schema is an object")
    };
    object.example.unwrap_or_default()
}

impl ToSchema for CatalogueRecord {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        // The record's schema refers to its content's by name.
        schemas.push((AnyContent::name().into_owned(), AnyContent::schema()));
        AnyContent::schemas(schemas);
        Record::<AnyContent>::schemas(schemas);
    }
}
