//! The node's own records as a portable JSON array: what `smarty import` reads and
//! `smarty export` writes. Imports are validated like API writes, all or nothing.

use crate::http::body::{field_error, message};
use crate::http::body_schema::BodySchemas;
use crate::keys::NodeKeys;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;
use smarty_schema::store::{Store, Write};
use smarty_schema::{
    ActionPlan, CaseStudy, Kind, PolicyInstrument, Record, RecordContent, RegionProfile, Status, timestamp,
};
use std::collections::HashSet;

/// One record in a portable file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableRecord {
    /// Kept on import when given (so files can refer to their own records); new otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub kind: Kind,
    /// When given, it must be the importing node's region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default)]
    pub status: Status,
    pub content: Value,
}

/// Checks a whole file and returns the rows to write, or every problem found, each naming
/// the record (position and id) and the field.
pub fn prepare_import(
    text: &str,
    region: &str,
    keys: &NodeKeys,
    store: &Store,
    schemas: &BodySchemas,
) -> Result<Vec<Write>, Vec<String>> {
    // Each record borrowed from the text and parsed once, straight into its type, on all
    // cores: a whole-file tree of JSON values first would be built only to be taken apart.
    let items: Vec<&RawValue> =
        serde_json::from_str(text).map_err(|e| vec![format!("the file is not a JSON array of records: {e}")])?;
    let read: Vec<Result<(usize, PortableRecord), String>> = items
        .par_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut de = serde_json::Deserializer::from_str(item.get());
            serde_path_to_error::deserialize::<_, PortableRecord>(&mut de).map(|r| (i, r)).map_err(|e| {
                let at = match id_hint(item) {
                    Some(id) => format!("record {} ({id})", i + 1),
                    None => format!("record {}", i + 1),
                };
                let error = field_error(&e.path().to_string(), e.inner());
                format!("{at}: {}: {}", error.field, message(e.inner()))
            })
        })
        .collect();
    let mut problems = Vec::new();
    let mut parsed = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(r) => parsed.push(r),
            Err(problem) => problems.push(problem),
        }
    }
    // Ids: kept or assigned, unique in the file, new to the store.
    let mut seen = HashSet::new();
    for (i, r) in &mut parsed {
        let id = r.id.get_or_insert_with(|| uuid::Uuid::now_v7().to_string()).clone();
        if uuid::Uuid::parse_str(&id).is_err() {
            problems.push(format!("record {} ({id}): id: must be a UUID", *i + 1));
        } else if !seen.insert(id.clone()) {
            problems.push(format!("record {} ({id}): id: appears twice in the file", *i + 1));
        }
        if r.origin.as_deref().is_some_and(|o| o != region) {
            problems.push(format!("record {} ({id}): origin: must be this node's region, {region}", *i + 1));
        }
    }
    let ids: Vec<String> = seen.iter().cloned().collect();
    match store.records_by_id(&ids) {
        Ok(existing) => {
            // Another origin's record of the same id is another record.
            for row in existing.iter().filter(|r| r.origin == region) {
                problems.push(format!("record with id {}: id: already exists on this node", row.id));
            }
        }
        Err(e) => return Err(vec![e.to_string()]),
    }
    // Records may refer to others of the same file.
    let ids_in_file: HashSet<String> = parsed.iter().filter_map(|(_, r)| r.id.clone()).collect();
    let now = timestamp::now();
    // Checking and signing each record is independent of the others: spread over the cores,
    // the results kept in file order.
    let checked: Vec<_> = parsed
        .into_par_iter()
        .map(|(i, r)| {
            let result = match r.kind {
                Kind::CaseStudy => row::<CaseStudy>(&r, region, &now, keys, store, schemas, &ids_in_file),
                Kind::PolicyInstrument => row::<PolicyInstrument>(&r, region, &now, keys, store, schemas, &ids_in_file),
                Kind::ActionPlan => row::<ActionPlan>(&r, region, &now, keys, store, schemas, &ids_in_file),
                Kind::RegionProfile => row::<RegionProfile>(&r, region, &now, keys, store, schemas, &ids_in_file),
            };
            (i, r.id.unwrap_or_default(), result)
        })
        .collect();
    let mut rows = Vec::with_capacity(checked.len());
    for (i, id, result) in checked {
        match result {
            Ok(row) => rows.push(row),
            Err(errors) => problems.extend(errors.into_iter().map(|e| format!("record {} ({id}): {e}", i + 1))),
        }
    }
    if problems.is_empty() { Ok(rows) } else { Err(problems) }
}

/// The id a record that cannot be read says it has, to name it by.
fn id_hint(item: &RawValue) -> Option<String> {
    let value: Value = serde_json::from_str(item.get()).ok()?;
    value.get("id")?.as_str().filter(|id| !id.is_empty()).map(str::to_string)
}

fn row<C: RecordContent>(
    r: &PortableRecord,
    region: &str,
    now: &str,
    keys: &NodeKeys,
    store: &Store,
    schemas: &BodySchemas,
    ids_in_file: &HashSet<String>,
) -> Result<Write, Vec<String>> {
    // Every rule of the contract a record breaks, as the API would answer its body.
    let body = serde_json::json!({"status": r.status, "content": r.content});
    let broken = schemas.check(&actix_web::http::Method::POST, super::service::collection_path(C::KIND), &body);
    if !broken.is_empty() {
        return Err(broken.into_iter().map(|e| format!("{}: {}", e.field, e.message)).collect());
    }
    let mut content: C = serde_path_to_error::deserialize(&body["content"]).map_err(|e| {
        let path = format!("content.{}", e.path());
        let error = field_error(&path, &serde_json::Error::io(std::io::Error::other(e.inner().to_string())));
        vec![format!("{}: {}", error.field, e.inner())]
    })?;
    let mut errors: Vec<String> = content
        .validate()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect();
    let published = r.status == smarty_schema::Status::Published;
    let checked = super::references::check(store, region, &content.references(), ids_in_file, published)
        .map_err(|e| vec![e.to_string()])?;
    errors.extend(checked.errors.into_iter().map(|e| format!("{}: {}", e.field, e.message)));
    if !errors.is_empty() {
        return Err(errors);
    }
    content.name_origins(&checked.origins);
    let record = Record {
        id: r.id.clone().unwrap_or_default(),
        kind: C::KIND,
        origin: region.to_string(),
        version: 1,
        status: r.status,
        created_at: now.to_string(),
        updated_at: now.to_string(),
        content,
    };
    let active = keys.active();
    Ok(Write::local(&record, false, &active.signing, &active.jwk.kid))
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] smarty_schema::store::StoreError),
    /// A live record without content: a corrupt row (the export would silently lack it).
    #[error("record {0} keeps no content")]
    NoContent(String),
    #[error("record {id}: {source}")]
    Encode { id: String, source: serde_json::Error },
}

/// The node's own live records, contacts included, as a portable array.
pub fn export(store: &Store, region: &str) -> Result<Vec<PortableRecord>, ExportError> {
    store
        .own_records(region)?
        .into_iter()
        .map(|record| {
            let content = record.content_for_editors().ok_or_else(|| ExportError::NoContent(record.id.clone()))?;
            let content = serde_json::to_value(content)
                .map_err(|source| ExportError::Encode { id: record.id.clone(), source })?;
            Ok(PortableRecord {
                content,
                id: Some(record.id),
                kind: record.kind,
                origin: Some(record.origin),
                status: record.status,
            })
        })
        .collect()
}
