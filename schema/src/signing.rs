//! What travels between nodes: a record's change with its hash and origin signature.
//!
//! The signed bytes are the RFC 8785 (JCS) canonical JSON of the change as served, without
//! its `hash` and `signature` members. `hash` is `sha256:` + the lowercase hex SHA-256 of
//! those bytes; `signature` is Ed25519 over the same bytes by the origin's key. Anyone holding
//! the origin's JWK set can check a record, whichever node served it.

use crate::record::{Kind, Status};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
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

/// The latest state of a record in a changes feed: a published record with its content, or a
/// tombstone (`deleted: true`, no content) for a record deleted, withdrawn or turned back to
/// draft after being published. The envelope is the record's own (see [`crate::Record`]);
/// this type adds what federation needs, and keeps content as the JSON the origin signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The record's id, a UUIDv7 assigned by its origin.
    #[schema(example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60")]
    pub id: String,
    /// The record's kind.
    pub kind: Kind,
    /// Code of the region whose node owns and signs the record.
    #[schema(example = "leeds")]
    pub origin: String,
    /// The record's version at this change; a node keeps the highest it has seen.
    #[schema(example = 3, minimum = 1, maximum = 9_223_372_036_854_775_807_i64)]
    pub version: i64,
    /// The record's status at this change; always `published` when `deleted` is false.
    pub status: Status,
    /// When the record was created at its origin (RFC 3339, UTC).
    #[schema(example = "2026-11-25T09:30:00.000000Z")]
    pub created_at: String,
    /// When the record last changed at its origin (RFC 3339, UTC).
    #[schema(example = "2026-11-26T10:00:00.000000Z")]
    pub updated_at: String,
    /// Present, and true, on tombstones only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// The record's public content; absent on tombstones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub content: Option<serde_json::Value>,
    /// `sha256:` + hex SHA-256 of the canonical bytes.
    #[serde(default)]
    #[schema(example = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    pub hash: String,
    /// The origin's signature over the same bytes; absent only before sealing.
    pub signature: Option<Signature>,
}

impl Change {
    /// The feed form of a record's state, unsealed: the record with its public content when
    /// it is published and live, else a tombstone.
    pub fn of_record<C: Serialize>(r: &crate::Record<C>, deleted: bool) -> Change {
        let live = !deleted && r.status == Status::Published;
        Change {
            id: r.id.clone(),
            kind: r.kind,
            origin: r.origin.clone(),
            version: r.version,
            status: r.status,
            created_at: r.created_at.clone(),
            updated_at: r.updated_at.clone(),
            deleted: !live,
            content: live.then(|| serde_json::to_value(&r.content).expect("content serialises")),
            hash: String::new(),
            signature: None,
        }
    }

    /// RFC 8785 canonical JSON of the change without `hash` and `signature`.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        // A borrowed view of every member but the seal: no copy of the content.
        #[derive(Serialize)]
        struct Unsealed<'a> {
            id: &'a str,
            kind: Kind,
            origin: &'a str,
            version: i64,
            status: Status,
            created_at: &'a str,
            updated_at: &'a str,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            deleted: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            content: Option<&'a serde_json::Value>,
        }
        let view = Unsealed {
            id: &self.id,
            kind: self.kind,
            origin: &self.origin,
            version: self.version,
            status: self.status,
            created_at: &self.created_at,
            updated_at: &self.updated_at,
            deleted: self.deleted,
            content: self.content.as_ref(),
        };
        serde_jcs::to_vec(&view).expect("JSON values canonicalise")
    }

    /// Sets `hash` and `signature` for the current content.
    pub fn seal(&mut self, key: &SigningKey, kid: &str) {
        let bytes = self.canonical_bytes();
        self.hash = hash(&bytes);
        self.signature = Some(Signature {
            alg: "EdDSA".into(),
            kid: kid.to_string(),
            value: URL_SAFE_NO_PAD.encode(key.sign(&bytes).to_bytes()),
        });
    }

    /// Checks hash and signature against `keys`, the origin's pinned (kid, key) pairs.
    pub fn verify(&self, keys: &[(String, VerifyingKey)]) -> Result<(), SignatureError> {
        let sig = self.signature.as_ref().ok_or(SignatureError::Unsigned)?;
        if sig.alg != "EdDSA" {
            return Err(SignatureError::Algorithm(sig.alg.clone()));
        }
        let bytes = self.canonical_bytes();
        if self.hash != hash(&bytes) {
            return Err(SignatureError::Hash);
        }
        let (_, key) = keys
            .iter()
            .find(|(kid, _)| *kid == sig.kid)
            .ok_or_else(|| SignatureError::UnknownKey { kid: sig.kid.clone(), origin: self.origin.clone() })?;
        let raw = URL_SAFE_NO_PAD.decode(&sig.value).map_err(|_| SignatureError::Encoding)?;
        let signature = ed25519_dalek::Signature::from_slice(&raw).map_err(|_| SignatureError::Length)?;
        key.verify(&bytes, &signature).map_err(|_| SignatureError::Mismatch { origin: self.origin.clone() })
    }
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

/// A JWK set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct JwkSet {
    /// The keys. A node publishes its active key first, then retired keys not yet expired.
    pub keys: Vec<Jwk>,
}

impl Jwk {
    /// The JWK of an Ed25519 public key, with its thumbprint as `kid`.
    pub fn from_key(key: &VerifyingKey) -> Jwk {
        let x = URL_SAFE_NO_PAD.encode(key.as_bytes());
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

    fn change() -> Change {
        Change {
            id: "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60".into(),
            kind: Kind::CaseStudy,
            origin: "leeds".into(),
            version: 2,
            status: Status::Published,
            created_at: "2026-01-01T00:00:00.000000Z".into(),
            updated_at: "2026-01-02T00:00:00.000000Z".into(),
            deleted: false,
            content: Some(serde_json::json!({"title": "Ü", "b": [1, 2], "a": {"z": 1, "é": 2}})),
            hash: String::new(),
            signature: None,
        }
    }

    #[test]
    fn canonical_bytes_cover_every_member_but_the_seal() {
        let key = SigningKey::from_bytes(&[7; 32]);
        for deleted in [false, true] {
            let mut c = change();
            c.deleted = deleted;
            c.seal(&key, "k");
            let mut whole = serde_json::to_value(&c).unwrap();
            whole.as_object_mut().unwrap().remove("hash");
            whole.as_object_mut().unwrap().remove("signature");
            assert_eq!(c.canonical_bytes(), serde_jcs::to_vec(&whole).unwrap());
        }
    }

    #[test]
    fn canonical_bytes_sort_keys_and_drop_seal() {
        let bytes = String::from_utf8(change().canonical_bytes()).unwrap();
        assert!(bytes.starts_with(r#"{"content":{"a":{"z":1,"é":2},"b":[1,2],"title":"Ü"},"created_at""#), "{bytes}");
        assert!(!bytes.contains("hash") && !bytes.contains("deleted"));
    }

    #[test]
    fn seal_and_verify() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let jwk = Jwk::from_key(&key.verifying_key());
        let keys = JwkSet { keys: vec![jwk.clone()] }.verifying_keys().unwrap();
        let mut c = change();
        c.seal(&key, &jwk.kid);
        assert!(c.hash.starts_with("sha256:") && c.hash.len() == 71);
        c.verify(&keys).unwrap();
        let mut tampered = c.clone();
        tampered.content.as_mut().unwrap()["title"] = "X".into();
        assert!(tampered.verify(&keys).unwrap_err().to_string().contains("hash"));
        tampered.hash = hash(&tampered.canonical_bytes());
        assert!(tampered.verify(&keys).unwrap_err().to_string().contains("does not verify"));
        let other = SigningKey::from_bytes(&[8; 32]);
        let other_jwk = Jwk::from_key(&other.verifying_key());
        let other_keys = JwkSet { keys: vec![other_jwk] }.verifying_keys().unwrap();
        assert!(c.verify(&other_keys).unwrap_err().to_string().contains("not a pinned key"));
    }

    #[test]
    fn thumbprint_matches_rfc_8037_example() {
        // RFC 8037, appendix A.3.
        assert_eq!(
            thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }
}
