//! Checking a record's references to other records when it is written at its origin.

use smarty_schema::FieldError;
use smarty_schema::content::Reference;
use smarty_schema::store::{Store, StoreResult};
use std::collections::HashSet;

/// A field error for every reference that names no suitable record: one of this region's for
/// references to its own records (a published one when the referring record is published),
/// a published one of any region for catalogue references. `also_known` holds ids written in
/// the same batch (an import file).
pub fn missing(
    store: &Store,
    region: &str,
    refs: &[Reference],
    also_known: &HashSet<String>,
    published: bool,
) -> StoreResult<Vec<FieldError>> {
    let checkable: Vec<&Reference> =
        refs.iter().filter(|r| uuid::Uuid::parse_str(&r.id).is_ok() && !also_known.contains(&r.id)).collect();
    let mut errors = Vec::new();
    for any_origin in [false, true] {
        for kind in smarty_schema::Kind::ALL {
            let wanted: Vec<String> = checkable
                .iter()
                .filter(|r| r.kind == kind && r.any_origin == any_origin)
                .map(|r| r.id.clone())
                .collect();
            if wanted.is_empty() {
                continue;
            }
            let found: HashSet<String> = if any_origin {
                store.existing_public_ids(kind, &wanted)?
            } else {
                store.existing_ids(kind, region, &wanted, published)?
            }
            .into_iter()
            .collect();
            let noun = kind.as_str().replace('_', " ");
            for r in checkable.iter().filter(|r| r.kind == kind && r.any_origin == any_origin && !found.contains(&r.id))
            {
                let message = if any_origin {
                    format!("no published {noun} in the catalogue has this id")
                } else if published {
                    format!(
                        "no published {noun} of this region has this id: publish it first, or keep this record a draft"
                    )
                } else {
                    format!("no {noun} of this region has this id")
                };
                errors.push(FieldError::rule(r.field.clone(), message));
            }
        }
    }
    Ok(errors)
}
