//! The node's key file: an Ed25519 private key in PKCS#8 PEM, written once, mode 0600.

use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, spki::der::pem::LineEnding};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// What can go wrong with the node's key file.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot create {path}: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    #[error("cannot read key {path}: {source} (the key_file setting names it)")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is not an Ed25519 PKCS#8 key: {message}")]
    NotEd25519 { path: PathBuf, message: String },
    #[error("cannot encode the key: {0}")]
    Encode(#[source] ed25519_dalek::pkcs8::Error),
    /// The published key set could not be read from the store.
    #[error("cannot publish the key set: {0}")]
    Store(#[from] smarty_schema::store::StoreError),
    /// A retired key kept in the store is not a JWK.
    #[error("cannot publish the key set: retired key {kid}: {source}")]
    RetiredKey { kid: String, source: serde_json::Error },
}

/// Commands report key problems as text, like every other failure at the edge.
impl From<KeyError> for String {
    fn from(e: KeyError) -> String {
        e.to_string()
    }
}

/// Generates a key and writes it as PKCS#8 PEM; refuses to replace an existing file.
pub fn create(path: &Path) -> Result<SigningKey, KeyError> {
    let key = generate();
    write(path, &key)?;
    Ok(key)
}

/// A new random Ed25519 key.
pub fn generate() -> SigningKey {
    let mut seed = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut seed);
    SigningKey::from_bytes(&seed)
}

/// Writes `key` as PKCS#8 PEM, mode 0600; refuses to replace an existing file.
pub fn write(path: &Path, key: &SigningKey) -> Result<(), KeyError> {
    let pem = key.to_pkcs8_pem(LineEnding::LF).map_err(KeyError::Encode)?;
    let create = |source| KeyError::Create { path: path.to_path_buf(), source };
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(create)?;
    file.write_all(pem.as_bytes()).map_err(create)
}

/// Reads the node's key.
pub fn load(path: &Path) -> Result<SigningKey, KeyError> {
    let pem = std::fs::read_to_string(path).map_err(|source| KeyError::Read { path: path.to_path_buf(), source })?;
    SigningKey::from_pkcs8_pem(&pem)
        .map_err(|e| KeyError::NotEd25519 { path: path.to_path_buf(), message: e.to_string() })
}
