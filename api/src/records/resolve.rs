//! Which record an address means. A record's identity is its origin plus its id
//! (docs/protocol.md, section 14); an address may name the id alone (every link written before
//! origins were named, and every honest node's ids are unique), or the origin too
//! (`?origin=`). An id alone that records of several origins have is not guessed at: the
//! reader gets the choices, so no origin can stand in for another's record by taking its id.

use crate::error::{ApiError, Choice, blocking};
use crate::state::AppState;
use serde::Deserialize;
use smarty_schema::store::StoredRecord;
use smarty_schema::vocab::RegionCode;
use utoipa::IntoParams;

/// The origin of the record an address names, when the id alone may not tell.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AtOrigin {
    /// The record's origin region. Needed only when records of several origins have the id
    /// (the answer is then 300 with the choices).
    #[param(value_type = Option<RegionCode>, example = "leeds")]
    pub origin: Option<RegionCode>,
}

/// The record with `id` (of `origin`, when given) that `visible` lets the reader see at the
/// address `path`: `None` when there is none, `Ambiguous` with each choice's address (`path`
/// naming its origin) when several origins' records are.
pub async fn resolve(
    state: &AppState,
    id: String,
    origin: Option<&str>,
    visible: impl Fn(&StoredRecord) -> bool,
    path: &str,
) -> Result<Option<StoredRecord>, ApiError> {
    let store = state.store.clone();
    let held = match origin {
        Some(origin) => {
            let origin = origin.to_string();
            blocking(move || store.get_record(&origin, &id)).await?.into_iter().collect()
        }
        None => blocking(move || store.records_with_id(&id)).await?,
    };
    let mut seen: Vec<StoredRecord> = held.into_iter().filter(|r| visible(r)).collect();
    if seen.len() > 1 {
        return Err(ApiError::Ambiguous(
            seen.iter()
                .map(|r| Choice { origin: r.origin.clone(), href: format!("{path}?origin={}", r.origin) })
                .collect(),
        ));
    }
    Ok(seen.pop())
}
