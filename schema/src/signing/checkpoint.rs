//! An origin's signed checkpoint: how many records it has published and the digest of their
//! set (see [`super::commitment`]), signed with its key. A relay passes it on unchanged: it
//! cannot make one, so a puller can tell what a relay left out.

use super::SignatureError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An origin's statement of its published set, signed over the RFC 8785 canonical JSON of
/// every other member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"origin": "tuscany", "count": 14,
    "digest": "sha256:deb1b2170d895499f9af1bd7f7a8d797e6b2199de37fbc00d0d9f602d6d0eadd",
    "issued_at": "2026-12-01T02:14:03.120000Z", "kid": "Xq3Ws0vGk9mRf5Z1bH2nYc8tLpA4eJ7uD6oQiK0sN1E",
    "signature": "3q2-7w"}))]
pub struct Checkpoint {
    /// The origin's region code.
    #[schema(value_type = crate::vocab::RegionCode)]
    pub origin: String,
    /// How many records the origin has published, tombstones included.
    #[schema(minimum = 0, maximum = 9_223_372_036_854_775_807_i64)]
    pub count: i64,
    /// `sha256:` + hex SHA-256 of the LtHash16 state of the set of `(id, version, hash)` of
    /// those records (docs/protocol.md).
    #[schema(pattern = "^sha256:[0-9a-f]{64}$")]
    pub digest: String,
    /// When the origin issued it (RFC 3339, UTC): the newest checkpoint of an origin wins.
    #[schema(format = DateTime, example = "2026-12-01T02:14:03.120000Z")]
    pub issued_at: String,
    /// RFC 7638 thumbprint of the origin key that signed.
    pub kid: String,
    /// base64url (no padding) of the Ed25519 signature.
    pub signature: String,
}

impl Checkpoint {
    /// A checkpoint of `origin`'s set, issued now and signed with `key`.
    pub fn issue(origin: &str, count: i64, digest: String, key: &SigningKey, kid: &str) -> Checkpoint {
        let mut checkpoint = Checkpoint {
            origin: origin.into(),
            count,
            digest,
            issued_at: crate::timestamp::now(),
            kid: kid.into(),
            signature: String::new(),
        };
        checkpoint.signature = URL_SAFE_NO_PAD.encode(key.sign(&checkpoint.signed_bytes()).to_bytes());
        checkpoint
    }

    /// RFC 8785 canonical JSON of every member but `signature`.
    pub fn signed_bytes(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Unsigned<'a> {
            origin: &'a str,
            count: i64,
            digest: &'a str,
            issued_at: &'a str,
            kid: &'a str,
        }
        let view = Unsigned {
            origin: &self.origin,
            count: self.count,
            digest: &self.digest,
            issued_at: &self.issued_at,
            kid: &self.kid,
        };
        serde_jcs::to_vec(&view).expect("plain members canonicalise")
    }

    /// Checks the signature against `keys`, the origin's pinned (kid, key) pairs.
    pub fn verify(&self, keys: &[(String, VerifyingKey)]) -> Result<(), SignatureError> {
        super::verify_signature(keys, &self.kid, &self.origin, &self.signature, &self.signed_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Jwk, JwkSet};
    use super::*;

    #[test]
    fn a_checkpoint_verifies_with_its_origins_key_only_and_as_issued() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let jwk = Jwk::from_key(&key.verifying_key());
        let keys = JwkSet { keys: vec![jwk.clone()], ..JwkSet::default() }.verifying_keys().unwrap();
        let c = Checkpoint::issue("tuscany", 2, super::super::commitment::empty_digest(), &key, &jwk.kid);
        c.verify(&keys).unwrap();
        let text = String::from_utf8(c.signed_bytes()).unwrap();
        assert!(text.starts_with(r#"{"count":2,"digest":"sha256:"#) && !text.contains("signature"), "{text}");
        let mut grown = c.clone();
        grown.count = 3;
        assert!(matches!(grown.verify(&keys), Err(SignatureError::Mismatch { .. })));
        let other = Jwk::from_key(&SigningKey::from_bytes(&[8; 32]).verifying_key());
        let others = JwkSet { keys: vec![other], ..JwkSet::default() }.verifying_keys().unwrap();
        assert!(matches!(c.verify(&others), Err(SignatureError::UnknownKey { .. })));
    }
}
