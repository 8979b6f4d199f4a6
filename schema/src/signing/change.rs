//! A federation change: a record's latest state as its origin sealed it.
//!
//! In code a change is the record plus its seal. On the wire it is one flat, strict JSON
//! object (the record's members, `deleted`, `hash`, `signature`), which is also what the
//! origin signs: serde's `flatten` cannot refuse unknown members, so the flat form is stated
//! here once for reading and once, borrowed, for writing and signing.

use super::{Signature, SignatureError, hash};
use crate::record::{Kind, Record, Status};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, schema::Schema};
use utoipa::{PartialSchema, ToSchema};

/// The latest state of a record in a changes feed: a published record with its content, or a
/// tombstone (`deleted: true`, no content) for a record deleted, withdrawn or turned back to
/// draft after being published. Content stays the JSON the origin signed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "Wire")]
pub struct Change {
    /// The record at this change; its content is present only when it is live and published.
    pub record: Record<Option<serde_json::Value>>,
    /// A tombstone.
    pub deleted: bool,
    /// The origin's seal; `None` before sealing (or when a peer sent none).
    pub seal: Option<Seal>,
}

/// An origin's seal on a change's canonical bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// `sha256:` + hex SHA-256 of the canonical bytes.
    pub hash: String,
    /// The origin's Ed25519 signature over the same bytes.
    pub signature: Signature,
}

impl Change {
    /// The feed form of a record's state, unsealed: the record with its public content when
    /// it is published and live, else a tombstone.
    pub fn of_record<C: Serialize>(r: &Record<C>, deleted: bool) -> Change {
        let live = !deleted && r.status == Status::Published;
        let content = live.then(|| serde_json::to_value(&r.content).expect("content serialises"));
        let record = Record {
            id: r.id.clone(),
            kind: r.kind,
            origin: r.origin.clone(),
            version: r.version,
            status: r.status,
            created_at: r.created_at.clone(),
            updated_at: r.updated_at.clone(),
            content,
        };
        Change { record, deleted: !live, seal: None }
    }

    /// The seal's hash, or `""` when unsealed.
    pub fn hash(&self) -> &str {
        self.seal.as_ref().map_or("", |s| s.hash.as_str())
    }

    /// RFC 8785 canonical JSON of the change without `hash` and `signature`.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_jcs::to_vec(&self.flat(false)).expect("JSON values canonicalise")
    }

    /// Sets the seal for the current content.
    pub fn seal(&mut self, key: &SigningKey, kid: &str) {
        let bytes = self.canonical_bytes();
        let signature = Signature {
            alg: "EdDSA".into(),
            kid: kid.to_string(),
            value: URL_SAFE_NO_PAD.encode(key.sign(&bytes).to_bytes()),
        };
        self.seal = Some(Seal { hash: hash(&bytes), signature });
    }

    /// Checks hash and signature against `keys`, the origin's pinned (kid, key) pairs.
    pub fn verify(&self, keys: &[(String, VerifyingKey)]) -> Result<(), SignatureError> {
        let seal = self.seal.as_ref().ok_or(SignatureError::Unsigned)?;
        let sig = &seal.signature;
        if sig.alg != "EdDSA" {
            return Err(SignatureError::Algorithm(sig.alg.clone()));
        }
        let bytes = self.canonical_bytes();
        if seal.hash != hash(&bytes) {
            return Err(SignatureError::Hash);
        }
        super::verify_signature(keys, &sig.kid, &self.record.origin, &sig.value, &bytes)
    }

    /// The flat wire form, borrowed; with the seal or without (the signed bytes).
    fn flat(&self, sealed: bool) -> Flat<'_> {
        let r = &self.record;
        let seal = self.seal.as_ref().filter(|_| sealed);
        Flat {
            id: &r.id,
            kind: r.kind,
            origin: &r.origin,
            version: r.version,
            status: r.status,
            created_at: &r.created_at,
            updated_at: &r.updated_at,
            deleted: self.deleted,
            content: r.content.as_ref(),
            hash: seal.map(|s| s.hash.as_str()),
            signature: seal.map(|s| &s.signature),
        }
    }
}

impl Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.flat(true).serialize(serializer)
    }
}

impl PartialSchema for Change {
    fn schema() -> RefOr<Schema> {
        Wire::schema()
    }
}

impl ToSchema for Change {
    fn name() -> std::borrow::Cow<'static, str> {
        Wire::name()
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        Wire::schemas(schemas);
    }
}

/// A change as written on the wire and signed, borrowed from a [`Change`].
#[derive(Serialize)]
struct Flat<'a> {
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
    #[serde(skip_serializing_if = "Option::is_none")]
    hash: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<&'a Signature>,
}

// A change as read from the wire: the contract's `Change`.
/// The latest state of a record in a changes feed: a published record with its content, or a
/// tombstone (`deleted: true`, no content) for a record deleted, withdrawn or turned back to
/// draft after being published. The envelope is the record's own (see [`crate::Record`]);
/// this type adds what federation needs, and keeps content as the JSON the origin signed.
#[derive(Deserialize, ToSchema)]
#[schema(as = Change)]
#[serde(deny_unknown_fields)]
struct Wire {
    /// The record's id, a UUIDv7 assigned by its origin.
    #[schema(example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60")]
    id: String,
    /// The record's kind.
    kind: Kind,
    /// Code of the region whose node owns and signs the record.
    #[schema(example = "leeds")]
    origin: String,
    /// The record's version at this change; a node keeps the highest it has seen.
    #[schema(example = 3, minimum = 1, maximum = 9_223_372_036_854_775_807_i64)]
    version: i64,
    /// The record's status at this change; always `published` when `deleted` is false.
    status: Status,
    /// When the record was created at its origin (RFC 3339, UTC).
    #[schema(example = "2026-11-25T09:30:00.000000Z")]
    created_at: String,
    /// When the record last changed at its origin (RFC 3339, UTC).
    #[schema(example = "2026-11-26T10:00:00.000000Z")]
    updated_at: String,
    /// Present, and true, on tombstones only.
    #[serde(default)]
    deleted: bool,
    /// The record's public content; absent on tombstones.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    content: Option<serde_json::Value>,
    /// `sha256:` + hex SHA-256 of the canonical bytes.
    #[serde(default)]
    #[schema(example = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    hash: String,
    /// The origin's signature over the same bytes; absent only before sealing.
    signature: Option<Signature>,
}

impl From<Wire> for Change {
    fn from(w: Wire) -> Change {
        let record = Record {
            id: w.id,
            kind: w.kind,
            origin: w.origin,
            version: w.version,
            status: w.status,
            created_at: w.created_at,
            updated_at: w.updated_at,
            content: w.content,
        };
        // A signature without a hash is a seal whose hash cannot match: verification says so.
        let seal = w.signature.map(|signature| Seal { hash: w.hash, signature });
        Change { record, deleted: w.deleted, seal }
    }
}

#[cfg(test)]
mod tests {
    /// Changes signed once and frozen here (a case study, an action plan citing by id alone as
    /// plans did before citations named origins, and a withdrawal's tombstone): whatever this
    /// code becomes, it reads them, re-derives their exact canonical bytes and hashes, and
    /// verifies their signatures, so peers running older code converge with it.
    #[test]
    fn changes_signed_by_earlier_code_still_read_hash_and_verify() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/signed_changes.json")).unwrap();
        let keys: crate::signing::JwkSet = serde_json::from_value(fixture.clone()).unwrap();
        let keys = keys.verifying_keys().unwrap();
        for given in fixture["changes"].as_array().unwrap() {
            let change: Change = serde_json::from_value(given.clone()).unwrap();
            assert_eq!(hash(&change.canonical_bytes()), change.hash(), "same canonical bytes: {given}");
            change.verify(&keys).unwrap();
            assert_eq!(&serde_json::to_value(&change).unwrap(), given, "served on as it was signed");
            if let Some(content) = &change.record.content {
                crate::content::AnyContent::from_json(change.record.kind, &content.to_string()).unwrap();
            }
        }
    }

    use super::super::{Jwk, JwkSet};
    use super::*;

    fn change() -> Change {
        Change {
            record: Record {
                id: "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60".into(),
                kind: Kind::CaseStudy,
                origin: "leeds".into(),
                version: 2,
                status: Status::Published,
                created_at: "2026-01-01T00:00:00.000000Z".into(),
                updated_at: "2026-01-02T00:00:00.000000Z".into(),
                content: Some(serde_json::json!({"title": "Ü", "b": [1, 2], "a": {"z": 1, "é": 2}})),
            },
            deleted: false,
            seal: None,
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
    fn the_wire_form_reads_back_as_the_same_change_and_refuses_unknown_members() {
        let mut c = change();
        c.seal(&SigningKey::from_bytes(&[7; 32]), "k");
        let wire = serde_json::to_value(&c).unwrap();
        assert_eq!(serde_json::from_value::<Change>(wire.clone()).unwrap(), c);
        let mut extra = wire;
        extra["note"] = "unsigned".into();
        assert!(serde_json::from_value::<Change>(extra).unwrap_err().to_string().contains("unknown field"));
    }

    #[test]
    fn seal_and_verify() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let jwk = Jwk::from_key(&key.verifying_key());
        let keys = JwkSet { keys: vec![jwk.clone()], ..JwkSet::default() }.verifying_keys().unwrap();
        let mut c = change();
        c.seal(&key, &jwk.kid);
        assert!(c.hash().starts_with("sha256:") && c.hash().len() == 71);
        c.verify(&keys).unwrap();
        let mut tampered = c.clone();
        tampered.record.content.as_mut().unwrap()["title"] = "X".into();
        assert!(tampered.verify(&keys).unwrap_err().to_string().contains("hash"));
        tampered.seal.as_mut().unwrap().hash = hash(&tampered.canonical_bytes());
        assert!(tampered.verify(&keys).unwrap_err().to_string().contains("does not verify"));
        let other = SigningKey::from_bytes(&[8; 32]);
        let other_jwk = Jwk::from_key(&other.verifying_key());
        let other_keys = JwkSet { keys: vec![other_jwk], ..JwkSet::default() }.verifying_keys().unwrap();
        assert!(c.verify(&other_keys).unwrap_err().to_string().contains("not a pinned key"));
    }
}
