//! This node's signing keys: the active key (the key file) and retired, verify-only keys.

mod file;

pub use file::{KeyError, create, load};

use crate::config::Config;
use ed25519_dalek::SigningKey;
use smarty_schema::signing::{Jwk, JwkSet};
use smarty_schema::store::Store;
use smarty_schema::timestamp;

#[derive(Clone)]
pub struct NodeKeys {
    pub signing: SigningKey,
    pub jwk: Jwk,
}

impl NodeKeys {
    pub fn load(config: &Config) -> Result<NodeKeys, KeyError> {
        let signing = load(&config.key_path())?;
        let jwk = Jwk::from_key(&signing.verifying_key());
        Ok(NodeKeys { signing, jwk })
    }

    pub fn kid(&self) -> &str {
        &self.jwk.kid
    }

    /// A secret for a purpose other than signing, derived from the private key (HMAC-SHA256
    /// keyed with it, over the purpose's name), so no second secret has to be kept.
    pub fn derived_secret(&self, purpose: &str) -> [u8; 32] {
        use hmac::Mac;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(self.signing.as_bytes()).expect("any key length");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

/// The JWK set this node publishes: its active key, then retired keys not yet expired.
pub fn published_jwks(keys: &NodeKeys, store: &Store) -> Result<JwkSet, KeyError> {
    let mut set = vec![keys.jwk.clone()];
    for retired in store.retired_keys(&timestamp::now())? {
        let jwk: Jwk = serde_json::from_str(&retired.public_key)
            .map_err(|source| KeyError::RetiredKey { kid: retired.kid.clone(), source })?;
        if jwk.kid != keys.jwk.kid {
            set.push(jwk);
        }
    }
    Ok(JwkSet { keys: set })
}
