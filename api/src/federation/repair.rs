//! `GET /federation/v2/digest` and `GET /federation/v2/records`: what a puller asks a peer
//! when what it holds of an origin differs from the origin's checkpoint. Range digests find
//! the differing ids without downloading everything; the records route serves those.

use super::peer_auth::Peer;
use crate::error::{ApiError, Problem, blocking};
use crate::http::QueryParams;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use smarty_schema::signing::Change;
use smarty_schema::signing::commitment::range_digest;
use smarty_schema::store::SetEntry;
use smarty_schema::vocab::RegionCode;
use utoipa::{IntoParams, ToSchema};

/// A range holding at most this many records is listed, not split.
pub const LIST_AT: usize = 64;
/// A larger range is split into this many parts of equal count.
pub const PARTS: usize = 16;
/// The most ids one records request may name.
pub const MAX_IDS: usize = 100;

/// Which of an origin's records to describe.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DigestParams {
    /// The origin whose records are described.
    #[param(value_type = RegionCode, example = "tuscany")]
    pub origin: String,
    /// The range's first id (inclusive); absent: from the first.
    #[param(example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60")]
    pub from: Option<String>,
    /// The id the range ends before; absent: to the last.
    #[param(example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f99")]
    pub to: Option<String>,
}

/// What a node holds of an origin's set in an id range: its count and digest, and either its
/// parts (a large range) or its members (at most 64).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"origin": "tuscany", "from": "", "to": null, "count": 2,
    "digest": "sha256:deb1b2170d895499f9af1bd7f7a8d797e6b2199de37fbc00d0d9f602d6d0eadd", "parts": [],
    "entries": [{"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "version": 1, "hash": "sha256:00"}]}))]
pub struct RangeDigest {
    /// The origin.
    pub origin: String,
    /// The range's first id, as asked (`""`: from the first).
    pub from: String,
    /// The id the range ends before, as asked (`null`: to the last).
    pub to: Option<String>,
    /// Records of the origin held in the range.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub count: i64,
    /// `sha256:` + hex SHA-256 of the lines `id version hash\n` of those records in id order.
    pub digest: String,
    /// For a range of more than 64 records: 16 consecutive parts, each from its `from` to the
    /// next part's (the last to the range's end), the first starting where the range does.
    pub parts: Vec<RangePart>,
    /// For a range of at most 64 records: its members, in id order.
    pub entries: Vec<RangeEntry>,
}

/// One part of a range.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"from": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "count": 12,
    "digest": "sha256:deb1b2170d895499f9af1bd7f7a8d797e6b2199de37fbc00d0d9f602d6d0eadd"}))]
pub struct RangePart {
    /// The part's first id (the range's `from` for the first part).
    pub from: String,
    /// Records in the part.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub count: i64,
    /// The part's digest, as the range's.
    pub digest: String,
}

/// A member of an origin's set.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "version": 1, "hash": "sha256:00"}))]
pub struct RangeEntry {
    /// The record's id.
    pub id: String,
    /// The version held.
    #[schema(minimum = 1, maximum = 9_223_372_036_854_775_807_i64)]
    pub version: i64,
    /// The hash of its change.
    pub hash: String,
}

/// The range digest of `entries` (docs/protocol.md, section 8): what a node serves of its own
/// holdings, and what a puller computes over its own to compare.
pub fn range_digest_of<'a>(entries: impl IntoIterator<Item = &'a SetEntry>) -> String {
    range_digest(entries.into_iter().map(|e| (e.id.as_str(), e.version, e.hash.as_str())))
}

/// The description of `entries`, the members of `origin`'s set in `from..to`.
pub fn describe(origin: &str, from: &str, to: Option<&str>, entries: &[SetEntry]) -> RangeDigest {
    let (mut parts, mut listed) = (Vec::new(), Vec::new());
    if entries.len() > LIST_AT {
        let size = entries.len().div_ceil(PARTS);
        for (i, chunk) in entries.chunks(size).enumerate() {
            let start = if i == 0 { from.to_string() } else { chunk[0].id.clone() };
            parts.push(RangePart { from: start, count: chunk.len() as i64, digest: range_digest_of(chunk) });
        }
    } else {
        listed =
            entries.iter().map(|e| RangeEntry { id: e.id.clone(), version: e.version, hash: e.hash.clone() }).collect();
    }
    RangeDigest {
        origin: origin.into(),
        from: from.into(),
        to: to.map(Into::into),
        count: entries.len() as i64,
        digest: range_digest_of(entries),
        parts,
        entries: listed,
    }
}

/// Digest of an id range of an origin's records
///
/// What this node holds of an origin's set in an id range: count and digest, then 16 parts
/// (a range of more than 64 records) or the members (at most 64). A puller whose holdings
/// differ from the origin's checkpoint bisects with it to find the differing ids.
#[utoipa::path(
    operation_id = "federationDigest", tag = "federation",
    params(DigestParams),
    responses(
        (status = 200, description = "The range", body = RangeDigest),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("peerJwt" = []))
)]
#[get("/federation/v2/digest")]
pub async fn digest(
    state: web::Data<AppState>,
    _peer: Peer,
    params: QueryParams<DigestParams>,
) -> Result<HttpResponse, ApiError> {
    let p = params.0;
    RegionCode::parse(&p.origin).map_err(|m| ApiError::field("origin", &m))?;
    let from = p.from.unwrap_or_default();
    let store = state.store.clone();
    let (origin, to) = (p.origin.clone(), p.to.clone());
    let entries = blocking(move || store.set_entries(&origin, &from, to.as_deref()).map(|e| (from, e))).await?;
    let (from, entries) = entries;
    Ok(HttpResponse::Ok().json(describe(&p.origin, &from, p.to.as_deref(), &entries)))
}

/// Which records to serve.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RecordsParams {
    /// The origin whose records are asked for.
    #[param(value_type = RegionCode, example = "tuscany")]
    pub origin: String,
    /// Their ids, comma-separated: 1 to 100.
    #[param(example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60,0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f61")]
    pub ids: String,
}

/// Records of an origin, by id.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"changes": []}))]
pub struct RecordsPage {
    /// Of the ids asked, each this node holds of the origin, as the origin signed it; ids it
    /// does not hold are left out.
    pub changes: Vec<Change>,
}

/// Records of an origin, by id
///
/// The signed changes this node holds of the origin with the ids asked (a repair fetches what
/// its bisection found missing or older).
#[utoipa::path(
    operation_id = "federationRecords", tag = "federation",
    params(RecordsParams),
    responses(
        (status = 200, description = "The records held", body = RecordsPage),
        (status = 400, description = "A parameter is malformed, or more than 100 ids", body = Problem, content_type = "application/problem+json"),
    ),
    security(("peerJwt" = []))
)]
#[get("/federation/v2/records")]
pub async fn records(
    state: web::Data<AppState>,
    _peer: Peer,
    params: QueryParams<RecordsParams>,
) -> Result<HttpResponse, ApiError> {
    let p = params.0;
    let ids: Vec<String> = p.ids.split(',').filter(|s| !s.is_empty()).map(String::from).collect();
    if ids.is_empty() || ids.len() > MAX_IDS {
        return Err(ApiError::field("ids", format!("must name 1 to {MAX_IDS} ids")));
    }
    let store = state.store.clone();
    let changes = blocking(move || {
        let mut out = Vec::new();
        for id in &ids {
            if let Some(change) = store.change_of(&p.origin, id)? {
                out.push(change);
            }
        }
        Ok(out)
    })
    .await?;
    Ok(HttpResponse::Ok().json(RecordsPage { changes }))
}
