//! Checking a record's references to other records when it is written at its origin.

use smarty_schema::FieldError;
use smarty_schema::content::Reference;
use smarty_schema::store::{Store, StoreResult};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What checking a record's references found.
#[derive(Debug, Default)]
pub struct Checked {
    /// A field error for every reference that names no suitable record.
    pub errors: Vec<FieldError>,
    /// Id → origin for every catalogue reference that named an id alone and found one
    /// origin's record: the record is written naming that origin.
    pub origins: HashMap<String, String>,
}

/// Checks every reference: one to this region's own records must name one of them (a
/// published one when the referring record is published); a catalogue reference must name a
/// published case study of any region, by origin and id, or by an id only one origin's
/// record has. `also_known` holds ids written in the same batch (an import file).
pub fn check(
    store: &Store,
    region: &str,
    refs: &[Reference],
    also_known: &HashSet<String>,
    published: bool,
) -> StoreResult<Checked> {
    let checkable: Vec<&Reference> =
        refs.iter().filter(|r| uuid::Uuid::parse_str(&r.id).is_ok() && !also_known.contains(&r.id)).collect();
    let mut checked = Checked::default();
    // A citation of a record written in the same batch cites this region's.
    for r in refs.iter().filter(|r| r.any_origin && r.origin.is_none() && also_known.contains(&r.id)) {
        checked.origins.insert(r.id.clone(), region.to_string());
    }
    for kind in smarty_schema::Kind::ALL {
        let noun = kind.as_str().replace('_', " ");
        let of_kind = |any_origin: bool| {
            checkable.iter().filter(move |r| r.kind == kind && r.any_origin == any_origin).collect::<Vec<_>>()
        };
        let own = of_kind(false);
        if !own.is_empty() {
            let wanted: Vec<String> = own.iter().map(|r| r.id.clone()).collect();
            let found: HashSet<String> = store.existing_ids(kind, region, &wanted, published)?.into_iter().collect();
            for r in own.iter().filter(|r| !found.contains(&r.id)) {
                let message = if published {
                    format!(
                        "no published {noun} of this region has this id: publish it first, or keep this record a draft"
                    )
                } else {
                    format!("no {noun} of this region has this id")
                };
                checked.errors.push(FieldError::rule(r.field.clone(), message));
            }
        }
        let catalogue = of_kind(true);
        if catalogue.is_empty() {
            continue;
        }
        let wanted: Vec<String> = catalogue.iter().map(|r| r.id.clone()).collect();
        let mut origins: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (origin, id) in store.existing_public_ids(kind, &wanted)? {
            origins.entry(id).or_default().insert(origin);
        }
        for r in catalogue {
            let held = origins.get(&r.id);
            let message = match (&r.origin, held) {
                (Some(origin), Some(held)) if held.contains(origin) => continue,
                (Some(origin), _) => format!("no published {noun} of {origin} in the catalogue has this id"),
                (None, Some(held)) if held.len() == 1 => {
                    checked.origins.insert(r.id.clone(), held.iter().next().cloned().unwrap_or_default());
                    continue;
                }
                (None, Some(held)) if !held.is_empty() => format!(
                    "{noun} records of several regions ({}) have this id: cite it as {{\"origin\": …, \"id\": …}}",
                    held.iter().cloned().collect::<Vec<_>>().join(", ")
                ),
                (None, _) => format!("no published {noun} in the catalogue has this id"),
            };
            checked.errors.push(FieldError::rule(r.field.clone(), message));
        }
    }
    Ok(checked)
}
