//! This node's signing keys: the active key (the key file) and retired, verify-only keys.

mod file;

pub use file::{KeyError, create, generate, load, write};

use crate::config::Config;
use ed25519_dalek::SigningKey;
use smarty_schema::signing::{Jwk, JwkSet};
use smarty_schema::store::Store;
use smarty_schema::timestamp;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

/// This node's active key, read again whenever the key file changes: after `smarty keys
/// rotate` or `revoke`, a running server signs with the new key at once, without a restart.
#[derive(Clone)]
pub struct NodeKeys {
    path: PathBuf,
    current: Arc<RwLock<Arc<Active>>>,
}

/// The key that signs now.
pub struct Active {
    pub signing: SigningKey,
    pub jwk: Jwk,
    /// The key file as it was read (modification time and inode): a change means a new key.
    stamp: Option<(SystemTime, u64)>,
}

impl NodeKeys {
    pub fn load(config: &Config) -> Result<NodeKeys, KeyError> {
        let path = config.key_path();
        let active = Arc::new(read(&path)?);
        Ok(NodeKeys { path, current: Arc::new(RwLock::new(active)) })
    }

    /// The active key: the key file's, read again if it changed since (a failed read keeps
    /// the key in use, and is logged).
    pub fn active(&self) -> Arc<Active> {
        let held = self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        if stamp(&self.path).is_none_or(|now| Some(now) == held.stamp) {
            return held;
        }
        match read(&self.path) {
            Ok(fresh) => {
                let fresh = Arc::new(fresh);
                tracing::info!(kid = %fresh.jwk.kid, previous = %held.jwk.kid, "the key file changed: signing with its key");
                *self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = fresh.clone();
                fresh
            }
            Err(e) => {
                tracing::error!(error = %e, "the key file changed but cannot be read: signing with the key in use");
                held
            }
        }
    }

    /// The active key's thumbprint.
    pub fn kid(&self) -> String {
        self.active().jwk.kid.clone()
    }

    /// A secret for a purpose other than signing, derived from the private key (HMAC-SHA256
    /// keyed with it, over the purpose's name), so no second secret has to be kept.
    pub fn derived_secret(&self, purpose: &str) -> [u8; 32] {
        use hmac::Mac;
        let active = self.active();
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(active.signing.as_bytes()).expect("any key length");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.ino()))
}

fn read(path: &Path) -> Result<Active, KeyError> {
    let stamp = stamp(path);
    let signing = load(path)?;
    let jwk = Jwk::from_key(&signing.verifying_key());
    Ok(Active { signing, jwk, stamp })
}

/// The JWK set this node publishes: its active key, then retired keys not yet expired, and
/// its key statements.
pub fn published_jwks(keys: &NodeKeys, store: &Store, config: &Config) -> Result<JwkSet, KeyError> {
    let region = config.region.as_str();
    let active = keys.active();
    let mut set = vec![active.jwk.clone()];
    for retired in store.retired_keys(&timestamp::now())? {
        let jwk: Jwk = serde_json::from_str(&retired.public_key)
            .map_err(|source| KeyError::RetiredKey { kid: retired.kid.clone(), source })?;
        if jwk.kid != active.jwk.kid {
            set.push(jwk);
        }
    }
    // The chain of every key this node has signed with: retired keys stay verifiable
    // through it after they leave the set above.
    let statements = store.statements(Some(region))?;
    let recovery = config.recovery_jwk().into_iter().collect();
    Ok(JwkSet { keys: set, rotations: statements.rotations, revocations: statements.revocations, recovery })
}
