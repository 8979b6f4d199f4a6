//! `smarty keys show|rotate`.

use crate::config::Config;
use crate::keys::{NodeKeys, published_jwks};
use smarty_schema::signing::Jwk;
use smarty_schema::store::{RetiredKey, Store};
use smarty_schema::timestamp;

#[derive(clap::Subcommand)]
pub enum KeysCommand {
    /// Print this node's public JWK set, to give to peers (`smarty peers add --jwks FILE`)
    Show,
    /// Make a new key active; the previous one stays published, verify-only, for
    /// `key_retention_days`. Restart the server afterwards, and give peers the new set.
    Rotate,
}

pub fn run(cmd: KeysCommand, config: &Config) -> Result<(), String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    match cmd {
        KeysCommand::Show => {
            let keys = NodeKeys::load(config)?;
            let set = published_jwks(&keys, &store)?;
            println!("{}", serde_json::to_string_pretty(&set).map_err(|e| e.to_string())?);
        }
        KeysCommand::Rotate => {
            let old = NodeKeys::load(config)?;
            let path = config.key_path();
            let staged = path.with_extension("key.new");
            let _ = std::fs::remove_file(&staged);
            let new = crate::keys::create(&staged)?;
            let expires = chrono::Utc::now() + chrono::Duration::days(i64::from(config.key_retention_days));
            store
                .retire_key(&RetiredKey {
                    kid: old.kid().to_string(),
                    public_key: serde_json::to_string(&old.jwk).map_err(|e| e.to_string())?,
                    retired_at: timestamp::now(),
                    expires_at: timestamp::format(expires),
                })
                .map_err(|e| e.to_string())?;
            // The old private key is no longer needed: retired keys only verify.
            std::fs::rename(&staged, &path).map_err(|e| format!("cannot install the new key: {e}"))?;
            let new_kid = Jwk::from_key(&new.verifying_key()).kid;
            println!(
                "new active key {new_kid}; {} stays published, verify-only, until {}",
                old.kid(),
                timestamp::format(expires)
            );
            println!("restart the server, then give peers the new set: smarty keys show");
        }
    }
    Ok(())
}
