//! Acting as a peer: identities from a node's key file (or new ones), JWK sets, and peer
//! tokens built by hand (base64url + Ed25519), so tests can also build malformed ones.

use super::node::TestNode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::DecodePrivateKey;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub struct Identity {
    pub region: String,
    pub key: SigningKey,
    pub kid: String,
    pub x: String,
}

impl Identity {
    /// The identity of a running test node, from its key file.
    pub fn of(node: &TestNode) -> Identity {
        let pem = std::fs::read_to_string(node.dir.path().join("node.key")).unwrap();
        Self::new(&node.region, SigningKey::from_pkcs8_pem(&pem).unwrap())
    }

    /// A fresh identity for `region` (a peer played by the test).
    pub fn generate(region: &str, seed: u8) -> Identity {
        Self::new(region, SigningKey::from_bytes(&[seed; 32]))
    }

    fn new(region: &str, key: SigningKey) -> Identity {
        let x = URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes());
        // RFC 7638, computed here independently of the node's code.
        let members = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
        let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(members.as_bytes()));
        Identity { region: region.into(), key, kid, x }
    }

    pub fn jwk(&self) -> Value {
        json!({"kty": "OKP", "crv": "Ed25519", "x": self.x, "kid": self.kid, "alg": "EdDSA", "use": "sig"})
    }

    /// Writes this identity's JWK set to a file in `dir` and returns its path.
    pub fn jwks_file(&self, dir: &std::path::Path) -> String {
        let path = dir.join(format!("{}-{}.jwks", self.region, &self.kid[..8]));
        std::fs::write(&path, json!({"keys": [self.jwk()]}).to_string()).unwrap();
        path.to_str().unwrap().to_string()
    }

    pub fn header(&self) -> Value {
        json!({"alg": "EdDSA", "typ": "smarty-peer+jwt", "kid": self.kid})
    }

    /// Valid claims for `method path` on `to`.
    pub fn claims(&self, to: &TestNode, method: &str, path: &str) -> Value {
        let now = chrono::Utc::now().timestamp();
        json!({
            "iss": self.region, "aud": to.region, "iat": now, "exp": now + 120,
            "jti": uuid::Uuid::new_v4().to_string(), "htm": method, "htu": to.url(path),
        })
    }

    /// Signs `header.claims` with this identity's key.
    pub fn sign(&self, header: &Value, claims: &Value) -> String {
        let input =
            format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(claims.to_string()));
        let sig = self.key.sign(input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
    }

    /// A valid token for `GET path` on `to`.
    pub fn token(&self, to: &TestNode, path: &str) -> String {
        self.sign(&self.header(), &self.claims(to, "GET", path))
    }
}

/// Pins `peer`'s keys on `node`; with `pull`, `node` pulls from it.
pub fn pin(node: &TestNode, peer: &TestNode, pull: bool) {
    let file = Identity::of(peer).jwks_file(node.dir.path());
    let mut args = vec!["peers", "add", "--region", peer.region.as_str(), "--jwks", file.as_str()];
    if pull {
        args.extend(["--url", peer.base.as_str()]);
    }
    let out = node.smarty(&args);
    assert!(out.status.success(), "peers add: {}", String::from_utf8_lossy(&out.stderr));
}

/// Every change in `node`'s feed, read as `reader` (which `node` must have pinned).
pub async fn feed(node: &TestNode, reader: &Identity) -> Vec<Value> {
    let mut all = Vec::new();
    let mut since: Option<String> = None;
    loop {
        let path = "/federation/v1/changes";
        let query = match &since {
            Some(s) => format!("{path}?limit=1000&since={s}"),
            None => format!("{path}?limit=1000"),
        };
        let res = node.client().get(&query, Some(&reader.token(node, path))).await;
        res.expect(200);
        let page = res.json();
        all.extend(page["changes"].as_array().unwrap().iter().cloned());
        if !page["more"].as_bool().unwrap() {
            return all;
        }
        since = Some(page["next"].as_str().unwrap().to_string());
    }
}
