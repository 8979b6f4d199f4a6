//! `smarty keys show|rotate|revoke|recover`.

use crate::config::Config;
use crate::keys::{Active, NodeKeys, published_jwks};
use ed25519_dalek::SigningKey;
use smarty_schema::signing::Jwk;
use smarty_schema::signing::keychain::{KeyStatements, Revocation, RevocationReason, Rotation};
use smarty_schema::store::{RetiredKey, Store};
use smarty_schema::timestamp;

#[derive(clap::Subcommand)]
pub enum KeysCommand {
    /// Print this node's public JWK set with its key statements, to give to peers (`smarty
    /// peers add --jwks FILE`)
    Show,
    /// Make a new key active, with a rotation statement signed by the outgoing key and the new
    /// one: peers that pinned the old key follow it to the new one from the feed. A running
    /// server signs with the new key at once.
    Rotate,
    /// Revoke a key: stop signing with it at once (rotating first if it is the active key),
    /// publish a revocation signed by the active key, and sign again every record it signed
    Revoke {
        /// The key's thumbprint (`kid`, as `smarty keys show` prints it)
        kid: String,
        /// Why
        #[arg(long, value_enum)]
        reason: Reason,
    },
    /// Answer a stolen node key with the offline recovery key: a new key takes over by a
    /// rotation the recovery key signs (which peers apply before any rotation a thief made
    /// with the stolen key), the stolen key is revoked by the recovery key, and every record
    /// it signed is signed again
    Recover {
        /// The recovery key file `smarty init` wrote (outside the data folder)
        #[arg(long, value_name = "FILE")]
        recovery_key: std::path::PathBuf,
    },
}

/// How long after `keys rotate` the old key still signs validly (the server reads the new key
/// file within this time).
const ROTATION_GRACE: chrono::Duration = chrono::Duration::seconds(30);
/// How long `keys revoke` waits, after rotating away from the active key, before re-signing.
const REVOKE_SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

/// Why a key is revoked.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Reason {
    /// The private key may be known to someone else
    Compromise,
    /// The key is no longer used
    Superseded,
}

pub fn run(cmd: KeysCommand, config: &Config) -> Result<(), String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    match cmd {
        KeysCommand::Show => {
            let keys = NodeKeys::load(config)?;
            let set = published_jwks(&keys, &store, config)?;
            println!("{}", serde_json::to_string_pretty(&set).map_err(|e| e.to_string())?);
        }
        KeysCommand::Rotate => {
            let (old, new) = rotate(config, &store, graceful(config))?;
            println!(
                "new active key {new}; {old} is retired: it stays published, verify-only, for key_retention_days ({} \
                 days), and verifiable through the rotation statement after that",
                config.key_retention_days
            );
            println!(
                "peers that pinned {old} follow the rotation on their next round; the server signs with {new} now"
            );
        }
        KeysCommand::Revoke { kid, reason } => {
            let keys = NodeKeys::load(config)?;
            // The revoked key signs nothing more: if it is the active one, a new key takes over.
            if keys.kid() == kid {
                let (_, new) = rotate(config, &store, graceful(config))?;
                println!("rotated away from {kid}: new active key {new}");
                // Writes the server sealed with the old key before it read the new key file
                // commit first, so that the re-signing below finds them.
                std::thread::sleep(REVOKE_SETTLE);
            }
            // The key file's key: the new one if the rotation above replaced it.
            let active = keys.active();
            let known = published_jwks(&keys, &store, config)?;
            let chain_has =
                known.keys.iter().any(|k| k.kid == kid) || known.rotations.iter().any(|r| r.previous_key.kid == kid);
            if !chain_has {
                return Err(format!("{kid} is not a key of this node (smarty keys show lists them)"));
            }
            let reason = match reason {
                Reason::Compromise => RevocationReason::Compromise,
                Reason::Superseded => RevocationReason::Superseded,
            };
            let revocation = Revocation::issue(&config.region, &kid, reason, &active.signing);
            let resigned = store
                .resign(&config.region, &kid, &active.signing, &active.jwk.kid, &revocation)
                .map_err(|e| e.to_string())?;
            println!(
                "revoked {kid}; re-signed {resigned} record(s) with {}: peers verify them again on their next round, and \
                 refuse anything signed with {kid} from now on",
                active.jwk.kid
            );
        }
        KeysCommand::Recover { recovery_key } => {
            let recovery = crate::keys::load(&recovery_key)?;
            let expected = config.recovery_jwk().ok_or("this node has no recovery key (recovery_public_key)")?;
            if Jwk::from_key(&recovery.verifying_key()).kid != expected.kid {
                return Err(format!("{} is not this node's recovery key", recovery_key.display()));
            }
            let stolen = NodeKeys::load(config)?.kid();
            // The stolen key is out of the owner's hands: it gives way now, with no grace.
            let at = timestamp::now();
            let (_, new) =
                rotate(config, &store, |old, new| Rotation::recover_at(&config.region, &old.jwk, &recovery, new, &at))?;
            println!("recovered: new active key {new}, by a rotation the recovery key signed");
            std::thread::sleep(REVOKE_SETTLE);
            let active = NodeKeys::load(config)?.active();
            let revocation = Revocation::issue(&config.region, &stolen, RevocationReason::Compromise, &recovery);
            let resigned = store
                .resign(&config.region, &stolen, &active.signing, &active.jwk.kid, &revocation)
                .map_err(|e| e.to_string())?;
            println!(
                "revoked {stolen} with the recovery key; re-signed {resigned} record(s) with {new}: peers that pinned the \
                 recovery key follow the new key, and refuse anything signed with {stolen}, or with a key it was \
                 rotated to, from now on"
            );
        }
    }
    Ok(())
}

/// A rotation from the active key to a new one, taking effect a little after now: a write the
/// running server seals with the old key before it reads the new key file is still dated
/// before the rotation, and verifies.
fn graceful(config: &Config) -> impl FnOnce(&Active, &SigningKey) -> Rotation + '_ {
    let at = timestamp::format(chrono::Utc::now() + ROTATION_GRACE);
    move |old, new| Rotation::issue_at(&config.region, &old.signing, new, &at)
}

/// Makes a new key active by the rotation `sign` makes from the active key to it: the
/// statement and the retired key are kept before the new key file takes the old one's place.
/// Returns the old and new kids.
fn rotate(
    config: &Config,
    store: &Store,
    sign: impl FnOnce(&Active, &SigningKey) -> Rotation,
) -> Result<(String, String), String> {
    let old = NodeKeys::load(config)?.active();
    let path = config.key_path();
    let staged = path.with_extension("key.new");
    let _ = std::fs::remove_file(&staged);
    let new = crate::keys::create(&staged)?;
    let rotation = sign(&old, &new);
    let expires = chrono::Utc::now() + chrono::Duration::days(i64::from(config.key_retention_days));
    store
        .retire_key(&RetiredKey {
            kid: old.jwk.kid.clone(),
            public_key: serde_json::to_string(&old.jwk).map_err(|e| e.to_string())?,
            retired_at: rotation.issued_at.clone(),
            expires_at: timestamp::format(expires),
        })
        .map_err(|e| e.to_string())?;
    let new_kid = rotation.new_key.kid.clone();
    store
        .keep_statements(&KeyStatements { rotations: vec![rotation], revocations: Vec::new() }, &config.region)
        .map_err(|e| e.to_string())?;
    // The old private key is no longer needed: retired keys only verify.
    std::fs::rename(&staged, &path).map_err(|e| format!("cannot install the new key: {e}"))?;
    Ok((old.jwk.kid.clone(), new_kid))
}
