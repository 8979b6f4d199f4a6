//! Changes made by hand, as an origin (or a forger) would sign them, independently of the
//! node's code: JCS, SHA-256 and Ed25519.

use super::peer::Identity;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::Signer;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Signs a change as `by`, as an origin would (JCS + SHA-256 + Ed25519), built here by hand.
pub fn seal(mut change: Value, by: &Identity) -> Value {
    let obj = change.as_object_mut().unwrap();
    obj.remove("hash");
    obj.remove("signature");
    let bytes = serde_jcs::to_vec(&change).unwrap();
    let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let sig = signature(&change, by);
    change["hash"] = json!(format!("sha256:{hex}"));
    change["signature"] = json!({"alg": "EdDSA", "kid": by.kid, "value": sig});
    change
}

/// base64url Ed25519 signature by `by` over the JCS canonical JSON of `members`.
pub fn signature(members: &Value, by: &Identity) -> String {
    URL_SAFE_NO_PAD.encode(by.key.sign(&serde_jcs::to_vec(members).unwrap()).to_bytes())
}

pub fn page(changes: &[Value]) -> Vec<u8> {
    json!({"changes": changes, "next": "Zm9v", "more": false}).to_string().into_bytes()
}

pub fn record(origin: &str, title: &str, version: i64) -> Value {
    json!({
        "id": uuid::Uuid::now_v7().to_string(), "kind": "case_study", "origin": origin, "version": version,
        "status": "published", "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-02T00:00:00.000000Z",
        "content": {
            "title": title, "summary": "s", "description": "d", "intervention": "direct", "themes": ["vr-simulation"],
            "language": "pl", "main_institution": "Politechnika", "location": {"nuts": "PL92", "name": "Radom"},
            "period": {"start": "2022-01-01"}
        }
    })
}
