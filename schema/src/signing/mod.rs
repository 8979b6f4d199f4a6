//! What travels between nodes: a record's change with its hash and origin signature.
//!
//! The signed bytes are the RFC 8785 (JCS) canonical JSON of the change as served, without
//! its `hash` and `signature` members. `hash` is `sha256:` + the lowercase hex SHA-256 of
//! those bytes; `signature` is Ed25519 over the same bytes by the origin's key. Anyone holding
//! the origin's JWK set can check a record, whichever node served it.

mod change;
pub mod checkpoint;
pub mod commitment;
pub mod keychain;

pub use change::{Change, Seal};
pub use checkpoint::Checkpoint;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// An origin's signature over a change's canonical bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"alg": "EdDSA", "kid": "Xq3Ws0vGk9mRf5Z1bH2nYc8tLpA4eJ7uD6oQiK0sN1E", "value": "3q2-7w…"}))]
pub struct Signature {
    /// Always `EdDSA` (Ed25519).
    pub alg: String,
    /// RFC 7638 thumbprint of the origin key that signed.
    pub kid: String,
    /// base64url (no padding) of the 64-byte Ed25519 signature.
    pub value: String,
}

/// Why a change's seal does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No signature at all.
    #[error("the record is not signed")]
    Unsigned,
    /// Signed with an algorithm other than EdDSA.
    #[error("signature algorithm {0} is not EdDSA")]
    Algorithm(String),
    /// The hash is not that of the canonical bytes.
    #[error("hash does not match the record's canonical JSON")]
    Hash,
    /// Signed with a key the origin's pinned set does not hold.
    #[error("signed with key {kid} which is not a pinned key of {origin}")]
    UnknownKey {
        /// The key id the signature names.
        kid: String,
        /// The record's origin.
        origin: String,
    },
    /// The signature value is not base64url.
    #[error("signature is not base64url")]
    Encoding,
    /// The signature is not 64 bytes.
    #[error("signature has the wrong length")]
    Length,
    /// The signature is not the key's over the canonical bytes.
    #[error("signature does not verify with {origin}'s key")]
    Mismatch {
        /// The record's origin.
        origin: String,
    },
}

/// Why a JWK is not a usable Ed25519 verification key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Not an OKP key on Ed25519.
    #[error("key {0} is not an OKP Ed25519 key")]
    NotEd25519(String),
    /// Declared for another algorithm or use.
    #[error("key {0} is not for EdDSA signatures")]
    NotForSignatures(String),
    /// `x` is not 32 bytes of base64url.
    #[error("key {0} has no 32-byte x")]
    BadX(String),
    /// `kid` is not the key's thumbprint.
    #[error("key id {0} is not the RFC 7638 thumbprint of its key")]
    NotThumbprint(String),
    /// `x` is not a point of the curve.
    #[error("key {0} is not a valid Ed25519 point")]
    NotAPoint(String),
}

/// Checks `value` (base64url Ed25519) over `bytes` with the key `kid` of `keys`, `origin`'s
/// pinned (kid, key) pairs: the one check behind a change's seal and a checkpoint.
pub(crate) fn verify_signature(
    keys: &[(String, VerifyingKey)],
    kid: &str,
    origin: &str,
    value: &str,
    bytes: &[u8],
) -> Result<(), SignatureError> {
    use ed25519_dalek::Verifier;
    let (_, key) = keys
        .iter()
        .find(|(k, _)| k == kid)
        .ok_or_else(|| SignatureError::UnknownKey { kid: kid.to_string(), origin: origin.to_string() })?;
    let raw = URL_SAFE_NO_PAD.decode(value).map_err(|_| SignatureError::Encoding)?;
    let signature = ed25519_dalek::Signature::from_slice(&raw).map_err(|_| SignatureError::Length)?;
    key.verify(bytes, &signature).map_err(|_| SignatureError::Mismatch { origin: origin.to_string() })
}

/// `sha256:` + lowercase hex.
pub fn hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// A public key as a JWK (RFC 8037 OKP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "alg": "EdDSA", "use": "sig"}))]
pub struct Jwk {
    /// `OKP`.
    pub kty: String,
    /// `Ed25519`.
    pub crv: String,
    /// The public key, base64url without padding.
    pub x: String,
    /// RFC 7638 thumbprint of the key.
    pub kid: String,
    /// `EdDSA` when present: the only algorithm the key may be used with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// `sig` when present: the key verifies signatures (JSON member `use`).
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub key_use: Option<String>,
}

/// A JWK set, with the statements that chain the origin's keys (protocol version 2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct JwkSet {
    /// The keys. A node publishes its active key first, then retired keys not yet expired.
    pub keys: Vec<Jwk>,
    /// The origin's key rotations, oldest first: a peer that pinned an older key follows them
    /// to the current one, and one that pins only the current key verifies through them what
    /// older keys signed. Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rotations: Vec<keychain::Rotation>,
    /// The origin's key revocations. Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revocations: Vec<keychain::Revocation>,
    /// The origin's offline recovery keys: they sign no record or token, only revocations and
    /// rotations that answer a stolen key, and are trusted only as pinned. Absent when the
    /// node has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recovery: Vec<Jwk>,
}

impl Jwk {
    /// The JWK of an Ed25519 public key, with its thumbprint as `kid`.
    pub fn from_key(key: &VerifyingKey) -> Jwk {
        Self::from_x(&URL_SAFE_NO_PAD.encode(key.as_bytes()))
    }

    /// The JWK of an Ed25519 public key given as base64url `x` (not checked: see
    /// [`Jwk::verifying_key`]), with its thumbprint as `kid`.
    pub fn from_x(x: &str) -> Jwk {
        let x = x.to_string();
        Jwk {
            kid: thumbprint(&x),
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            x,
            alg: Some("EdDSA".into()),
            key_use: Some("sig".into()),
        }
    }

    /// The Ed25519 key, if this JWK is one and its `kid` is its thumbprint.
    pub fn verifying_key(&self) -> Result<VerifyingKey, KeyError> {
        if self.kty != "OKP" || self.crv != "Ed25519" {
            return Err(KeyError::NotEd25519(self.kid.clone()));
        }
        if self.alg.as_deref().is_some_and(|a| a != "EdDSA") || self.key_use.as_deref().is_some_and(|u| u != "sig") {
            return Err(KeyError::NotForSignatures(self.kid.clone()));
        }
        let raw: [u8; 32] = URL_SAFE_NO_PAD
            .decode(&self.x)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| KeyError::BadX(self.kid.clone()))?;
        if thumbprint(&self.x) != self.kid {
            return Err(KeyError::NotThumbprint(self.kid.clone()));
        }
        VerifyingKey::from_bytes(&raw).map_err(|_| KeyError::NotAPoint(self.kid.clone()))
    }
}

impl JwkSet {
    /// (kid, key) pairs; fails on the first unusable key.
    pub fn verifying_keys(&self) -> Result<Vec<(String, VerifyingKey)>, KeyError> {
        self.keys.iter().map(|k| Ok((k.kid.clone(), k.verifying_key()?))).collect()
    }
}

/// RFC 7638 thumbprint of an Ed25519 public key given as base64url `x`.
pub fn thumbprint(x: &str) -> String {
    let members = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(members.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbprint_matches_rfc_8037_example() {
        // RFC 8037, appendix A.3.
        assert_eq!(
            thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }
}
