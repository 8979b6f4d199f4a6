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
    /// Make an offline recovery key for a node that has none (made before `init` made one):
    /// written outside the data folder, its public half added to the configuration; peers
    /// trust it once they pin the key set again
    CreateRecovery {
        /// Where to write it, outside the data folder
        #[arg(long, value_name = "FILE")]
        recovery_key: std::path::PathBuf,
    },
    /// Answer a stolen node key with the offline recovery key: a new key takes over by a
    /// rotation the recovery key signs (which peers apply before any rotation a thief made
    /// with the stolen key), the stolen key is revoked by the recovery key, and every record
    /// it signed is signed again
    Recover {
        /// The recovery key file `smarty init` wrote (outside the data folder)
        #[arg(long, value_name = "FILE")]
        recovery_key: std::path::PathBuf,
        /// The stolen key's thumbprint, if not the active key's (the owner rotated after the
        /// theft: peers that saw the thief's rotation first refuse the owner's)
        #[arg(long, value_name = "KID")]
        stolen: Option<String>,
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
        KeysCommand::Recover { recovery_key, stolen } => recover(config, &store, &recovery_key, stolen)?,
        KeysCommand::CreateRecovery { recovery_key } => create_recovery(config, &recovery_key)?,
    }
    Ok(())
}

/// Says, when a node starts, that it has no recovery key, or that its recovery key is still
/// where `init` wrote it, on the node's own machine: whoever takes the machine takes both.
pub fn warn_of_recovery_key(config: &Config) {
    if config.recovery_public_key.is_none() {
        tracing::warn!("this node has no recovery key: make one with smarty keys create-recovery, and keep it offline");
    } else if let Ok(default) = super::init::recovery_path(&config.base_dir, None)
        && default.exists()
    {
        tracing::warn!(path = %default.display(), "the recovery key is still beside the data folder: move it offline");
    }
}

/// `keys create-recovery`: a recovery key for a node made before `init` made one. Its public
/// half goes into the configuration file, as the first setting (before any table).
fn create_recovery(config: &Config, file: &std::path::Path) -> Result<(), String> {
    if config.recovery_public_key.is_some() {
        return Err("this node has a recovery key already (recovery_public_key in its configuration)".into());
    }
    let config_file = config.base_dir.join("smarty.toml");
    let text =
        std::fs::read_to_string(&config_file).map_err(|e| format!("cannot read {}: {e}", config_file.display()))?;
    let recovery = crate::keys::generate();
    let path = super::init::outside(&config.base_dir, file)?;
    crate::keys::write(&path, &recovery)?;
    let line = format!("recovery_public_key = \"{}\"\n", Jwk::from_key(&recovery.verifying_key()).x);
    // After the leading comments, before the first setting: top-level keys precede tables.
    let at: usize =
        text.lines().take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty()).map(|l| l.len() + 1).sum();
    let updated = format!("{}{line}{}", &text[..at.min(text.len())], &text[at.min(text.len())..]);
    let staged = config_file.with_extension("toml.new");
    let written = std::fs::write(&staged, &updated)
        .map_err(|e| e.to_string())
        .and_then(|()| Config::load(&staged).map(drop).map_err(|e| e.to_string()))
        .and_then(|()| std::fs::rename(&staged, &config_file).map_err(|e| e.to_string()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&staged);
        let _ = std::fs::remove_file(&path);
        return Err(format!("cannot add the recovery key to {}: {e}", config_file.display()));
    }
    println!("recovery key written to {} (mode 0600): move it offline", path.display());
    println!("peers must pin the key set again (smarty keys show) to trust it");
    Ok(())
}

/// `keys recover`: a new key by a rotation the recovery key signs from the stolen key, the
/// stolen key (and the active one, if the owner rotated to it after the theft) revoked by the
/// recovery key, and what they signed signed again. Run again after a failure, it resumes: the
/// rotation already made is not made twice (the first the recovery key signs of a key wins).
fn recover(
    config: &Config,
    store: &Store,
    recovery_key: &std::path::Path,
    stolen: Option<String>,
) -> Result<(), String> {
    let recovery = crate::keys::load(recovery_key)?;
    let expected =
        config.recovery_jwk().ok_or("this node has no recovery key: smarty keys create-recovery makes one")?;
    if Jwk::from_key(&recovery.verifying_key()).kid != expected.kid {
        return Err(format!("{} is not this node's recovery key", recovery_key.display()));
    }
    let keys = NodeKeys::load(config)?;
    let stolen = stolen.unwrap_or_else(|| keys.kid());
    let known = published_jwks(&keys, store, config)?;
    let held = known.rotations.iter().flat_map(|r| [&r.previous_key, &r.new_key]);
    let stolen_jwk = known.keys.iter().chain(held).find(|k| k.kid == stolen).cloned();
    let stolen_jwk =
        stolen_jwk.ok_or_else(|| format!("{stolen} is not a key of this node (smarty keys show lists them)"))?;
    let answered = known.rotations.iter().find(|r| r.recovered_by.is_some() && r.previous_key.kid == stolen);
    // The keys peers will no longer trust: the stolen one, and the owner's own rotation from
    // it after the theft, which the recovery rotation displaces.
    let mut displaced = vec![stolen.clone()];
    let new = match answered {
        Some(r) => {
            println!("resuming: {stolen} was already recovered to {}", r.new_key.kid);
            r.new_key.kid.clone()
        }
        None => {
            // The stolen key is out of the owner's hands: it gives way now, with no grace.
            let at = timestamp::now();
            let (old, new) =
                rotate(config, store, |_, new| Rotation::recover_at(&config.region, &stolen_jwk, &recovery, new, &at))?;
            if old != stolen {
                displaced.push(old);
            }
            println!("recovered: new active key {new}, by a rotation the recovery key signed from {stolen}");
            // Writes the server sealed with the old key before it read the new key file
            // commit first, so that the re-signing below finds them.
            std::thread::sleep(REVOKE_SETTLE);
            new
        }
    };
    let active = NodeKeys::load(config)?.active();
    if active.jwk.kid != new {
        return Err(format!(
            "the active key is {}, not {new}: recover again with --stolen {}",
            active.jwk.kid, active.jwk.kid
        ));
    }
    for (i, kid) in displaced.iter().enumerate() {
        let reason = if i == 0 { RevocationReason::Compromise } else { RevocationReason::Superseded };
        let revocation = Revocation::issue(&config.region, kid, reason, &recovery);
        let resigned = store
            .resign(&config.region, kid, &active.signing, &active.jwk.kid, &revocation)
            .map_err(|e| e.to_string())?;
        println!("revoked {kid} with the recovery key; re-signed {resigned} record(s) with {new}");
    }
    println!(
        "peers that pinned the recovery key follow {new} on their next round, and refuse anything signed with {stolen} or \
         with a key it was rotated to"
    );
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
