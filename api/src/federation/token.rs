//! Peer tokens: short-lived EdDSA JWTs bound to one request (RFC 9449-style `htm`/`htu`).

use crate::keys::NodeKeys;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::{Deserialize, Serialize};

/// The token type every peer request carries (explicit typing, RFC 8725).
pub const TOKEN_TYPE: &str = "smarty-peer+jwt";
/// The longest lifetime a peer accepts.
pub const MAX_LIFETIME_SECS: i64 = 300;
/// Clock skew tolerated on `iat` and `exp`.
pub const LEEWAY_SECS: i64 = 60;
/// The lifetime of tokens this node issues.
const LIFETIME_SECS: i64 = 120;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    pub htm: String,
    pub htu: String,
}

/// A token for one request from `region` to the peer `audience`.
pub fn issue(keys: &NodeKeys, region: &str, audience: &str, method: &str, url: &str) -> Result<String, TokenError> {
    let now = chrono::Utc::now().timestamp();
    let claims = Claims {
        iss: region.into(),
        aud: audience.into(),
        iat: now,
        exp: now + LIFETIME_SECS,
        jti: uuid::Uuid::new_v4().to_string(),
        htm: method.into(),
        htu: url.into(),
    };
    let mut header = Header::new(Algorithm::EdDSA);
    header.typ = Some(TOKEN_TYPE.into());
    let active = keys.active();
    header.kid = Some(active.jwk.kid.clone());
    let der = ed25519_dalek::pkcs8::EncodePrivateKey::to_pkcs8_der(&active.signing)?;
    Ok(jsonwebtoken::encode(&header, &claims, &EncodingKey::from_ed_der(der.as_bytes()))?)
}

/// Why a peer token could not be made.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("cannot encode the node's key: {0}")]
    Key(#[from] ed25519_dalek::pkcs8::Error),
    #[error("cannot sign the token: {0}")]
    Sign(#[from] jsonwebtoken::errors::Error),
}
