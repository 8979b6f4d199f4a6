//! The sample records of the seven regions, compiled into the binary (`deploy/sample-data`).

use crate::config::Config;
use crate::keys::NodeKeys;
use crate::records::portable::prepare_import;
use smarty_schema::store::Store;

const SAMPLES: [(&str, &str); 7] = [
    ("tuscany", include_str!("../../../../deploy/sample-data/tuscany.json")),
    ("mazovia", include_str!("../../../../deploy/sample-data/mazovia.json")),
    ("lapland", include_str!("../../../../deploy/sample-data/lapland.json")),
    ("leeds", include_str!("../../../../deploy/sample-data/leeds.json")),
    ("slovenia", include_str!("../../../../deploy/sample-data/slovenia.json")),
    ("castilla-leon", include_str!("../../../../deploy/sample-data/castilla-leon.json")),
    ("catalonia", include_str!("../../../../deploy/sample-data/catalonia.json")),
];

/// Each region's action plan and region profile: they cite other regions' practices, so
/// they load once the catalogue holds those (after a first sync round).
const PLANS: [(&str, &str); 7] = [
    ("tuscany", include_str!("../../../../deploy/sample-data/tuscany-plans.json")),
    ("mazovia", include_str!("../../../../deploy/sample-data/mazovia-plans.json")),
    ("lapland", include_str!("../../../../deploy/sample-data/lapland-plans.json")),
    ("leeds", include_str!("../../../../deploy/sample-data/leeds-plans.json")),
    ("slovenia", include_str!("../../../../deploy/sample-data/slovenia-plans.json")),
    ("castilla-leon", include_str!("../../../../deploy/sample-data/castilla-leon-plans.json")),
    ("catalonia", include_str!("../../../../deploy/sample-data/catalonia-plans.json")),
];

/// Loads the region's action plan and profile into a node that has no action plan yet.
pub fn load_plans_once(config: &Config, store: &Store) -> Result<usize, String> {
    let own = store.own_records(&config.region).map_err(|e| e.to_string())?;
    if own.iter().any(|r| r.kind == smarty_schema::Kind::ActionPlan) {
        return Ok(0);
    }
    let Some((_, text)) = PLANS.iter().find(|(r, _)| *r == config.region) else { return Ok(0) };
    let keys = NodeKeys::load(config)?;
    let rows = prepare_import(text, &config.region, &keys, store, crate::openapi::body_schemas()?)
        .map_err(|problems| format!("sample plans of {} are invalid:\n{}", config.region, problems.join("\n")))?;
    store.insert_records(&rows).map_err(|e| e.to_string())?;
    Ok(rows.len())
}

/// Loads the region's samples into a node that holds none of its own records yet; returns
/// how many were loaded.
pub fn load_once(config: &Config) -> Result<usize, String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    if !store.own_records(&config.region).map_err(|e| e.to_string())?.is_empty() {
        return Ok(0);
    }
    let Some((_, text)) = SAMPLES.iter().find(|(r, _)| *r == config.region) else { return Ok(0) };
    let keys = NodeKeys::load(config)?;
    let rows = prepare_import(text, &config.region, &keys, &store, crate::openapi::body_schemas()?)
        .map_err(|problems| format!("sample data of {} is invalid:\n{}", config.region, problems.join("\n")))?;
    store.insert_records(&rows).map_err(|e| e.to_string())?;
    Ok(rows.len())
}
