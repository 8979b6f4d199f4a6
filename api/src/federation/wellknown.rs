//! `/.well-known/jwks.json` and `/.well-known/smarty-node`: what peers need to trust and
//! reach this node.

use crate::error::ApiError;
use crate::keys::published_jwks;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use smarty_schema::signing::JwkSet;
use utoipa::ToSchema;

/// The oldest federation protocol this node speaks, as a node of the first release names it.
pub const FEDERATION_PROTOCOL: &str = "smarty-federation/1";
/// Every federation protocol this node speaks, oldest first (docs/protocol.md).
pub const FEDERATION_PROTOCOLS: [&str; 2] = ["smarty-federation/1", "smarty-federation/2"];

/// What a node is and where its endpoints are.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "region": "leeds", "name": "Leeds City Region", "public_url": "https://smarty.leeds.example",
    "api_version": "v1", "federation_protocol": "smarty-federation/1",
    "federation_protocols": ["smarty-federation/1", "smarty-federation/2"],
    "endpoints": {"changes": "https://smarty.leeds.example/federation/v1/changes",
        "changes_v2": "https://smarty.leeds.example/federation/v2/changes",
        "snapshot": "https://smarty.leeds.example/federation/v2/snapshot",
        "jwks": "https://smarty.leeds.example/.well-known/jwks.json", "openapi": "https://smarty.leeds.example/openapi.json"}
}))]
pub struct NodeDescriptor {
    /// Code of the region this node serves: the `origin` of its own records, and the `aud` a
    /// peer token for this node must carry.
    pub region: String,
    /// The region's name, for people.
    pub name: String,
    /// The node's public base URL (scheme and host, no trailing slash); the endpoints below
    /// are under it.
    pub public_url: String,
    /// The version of this API, the `v1` in `/api/v1/`.
    pub api_version: &'static str,
    /// The oldest federation protocol the node speaks (`smarty-federation/1`), kept for
    /// nodes of the first release, which read only this member.
    pub federation_protocol: &'static str,
    /// Every federation protocol the node speaks: version 2 adds checkpoints to the
    /// feed, range digests, records by id and the snapshot.
    pub federation_protocols: [&'static str; 2],
    /// Where a peer finds the node's changes feed, keys and API document.
    pub endpoints: Endpoints,
}

/// Absolute URLs of the node's endpoints.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"changes": "https://smarty.leeds.example/federation/v1/changes",
    "changes_v2": "https://smarty.leeds.example/federation/v2/changes",
    "snapshot": "https://smarty.leeds.example/federation/v2/snapshot",
    "jwks": "https://smarty.leeds.example/.well-known/jwks.json", "openapi": "https://smarty.leeds.example/openapi.json"}))]
pub struct Endpoints {
    /// The signed changes feed peers pull (`GET`, with a peer token).
    pub changes: String,
    /// The same feed with the origins' checkpoints (protocol version 2).
    pub changes_v2: String,
    /// Everything the node holds, streamed, to start a new node from (protocol version 2).
    pub snapshot: String,
    /// The node's public keys (JWK set) that verify its records' signatures and its peer
    /// tokens.
    pub jwks: String,
    /// This OpenAPI document.
    pub openapi: String,
}

/// The node's public keys
///
/// Its active Ed25519 key and any retired key still valid for verification, as a JWK set
/// (`kty: OKP`, `crv: Ed25519`, `kid` = RFC 7638 thumbprint).
#[utoipa::path(operation_id = "jwks", tag = "federation",
    responses((status = 200, description = "The JWK set", body = JwkSet)), security(()))]
#[get("/.well-known/jwks.json")]
pub async fn jwks(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let state2 = state.clone();
    let set = web::block(move || published_jwks(&state2.keys, &state2.store, &state2.config))
        .await?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok().json(set))
}

/// The node descriptor
///
/// Region, public URL, API and federation protocol versions, and endpoints.
#[utoipa::path(operation_id = "nodeDescriptor", tag = "federation",
    responses((status = 200, description = "The node", body = NodeDescriptor)), security(()))]
#[get("/.well-known/smarty-node")]
pub async fn node(state: web::Data<AppState>) -> HttpResponse {
    let base = state.config.public_base();
    HttpResponse::Ok().json(NodeDescriptor {
        region: state.config.region.clone(),
        name: state.config.region_info().name.clone(),
        public_url: base.clone(),
        api_version: "v1",
        federation_protocol: FEDERATION_PROTOCOL,
        federation_protocols: FEDERATION_PROTOCOLS,
        endpoints: Endpoints {
            changes: format!("{base}/federation/v1/changes"),
            changes_v2: format!("{base}/federation/v2/changes"),
            snapshot: format!("{base}/federation/v2/snapshot"),
            jwks: format!("{base}/.well-known/jwks.json"),
            openapi: format!("{base}/openapi.json"),
        },
    })
}
