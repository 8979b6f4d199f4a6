//! `smarty peers add|list|remove`.

use crate::config::Config;
use crate::federation::peers_api::Completeness;
use smarty_schema::signing::JwkSet;
use smarty_schema::store::{Store, StoreError};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum PeersCommand {
    /// Pin a region's public keys, and pull from it if --url is given
    Add {
        /// The peer's region code
        #[arg(long)]
        region: String,
        /// The peer's public URL; without it the keys are only pinned (its records are
        /// accepted through relays and it may read this node's feed, but it is not pulled)
        #[arg(long)]
        url: Option<String>,
        /// The peer's JWK set (from `smarty keys show` on the peer)
        #[arg(long, value_name = "FILE")]
        jwks: PathBuf,
        /// Allow a plain http --url beyond loopback. Peer tokens are short-lived and bound to
        /// the request, but records and cursors would travel unencrypted and could be
        /// withheld or delayed by anyone on the path: use https between machines.
        #[arg(long)]
        insecure_http: bool,
        /// With --url: do not pull the peer's feed, only ask it for records this node lacks
        /// (records relayed by others are checked against their origins' checkpoints)
        #[arg(long, requires = "url")]
        no_pull: bool,
        /// With --url: fill this node from the peer's snapshot now, then pull its feed from
        /// where the snapshot stands (as `smarty sync --bootstrap --peer`)
        #[arg(long, requires = "url", conflicts_with = "no_pull")]
        bootstrap: bool,
    },
    /// List peers
    List,
    /// Remove a peer (takes effect at once, without a restart)
    Remove {
        /// The peer's region code
        region: String,
    },
}

pub fn run(cmd: PeersCommand, config: &Config) -> Result<(), String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    match cmd {
        PeersCommand::Add { region, url, jwks, insecure_http, no_pull, bootstrap } => {
            if region == config.region {
                return Err(format!("{region} is this node's own region"));
            }
            if !config.regions.iter().any(|r| r.code == region) {
                return Err(format!("{region} is not a configured region: add it to [[regions]] first"));
            }
            if let Some(u) = &url {
                let parsed = url::Url::parse(u).map_err(|e| format!("--url {u}: {e}"))?;
                if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
                    return Err(format!("--url {u} must be an http(s) URL without query"));
                }
                if !crate::federation::sync::transport_allowed(&parsed, insecure_http) {
                    return Err(format!(
                        "--url {u} is plain http to another machine: use https, or add --insecure-http \
                         if the network path is trusted"
                    ));
                }
            }
            let text = std::fs::read_to_string(&jwks).map_err(|e| format!("cannot read {}: {e}", jwks.display()))?;
            let set: JwkSet =
                serde_json::from_str(&text).map_err(|e| format!("{} is not a JWK set: {e}", jwks.display()))?;
            if set.keys.is_empty() {
                return Err(format!("{} holds no key", jwks.display()));
            }
            set.verifying_keys().map_err(|e| e.to_string())?;
            let url = url.map(|u| u.trim_end_matches('/').to_string());
            store
                .upsert_peer(
                    &region,
                    url.as_deref(),
                    &serde_json::to_string(&set).map_err(|e| e.to_string())?,
                    insecure_http,
                )
                .map_err(|e| e.to_string())?;
            store.set_peer_pull(&region, !no_pull).map_err(|e| e.to_string())?;
            let kids: Vec<&str> = set.keys.iter().map(|k| k.kid.as_str()).collect();
            match url {
                Some(u) if no_pull => {
                    println!(
                        "peer {region}: asked at {u} for missing records, not pulled; pinned keys {}",
                        kids.join(", ")
                    );
                }
                Some(u) => println!("peer {region}: pulling from {u}; pinned keys {}", kids.join(", ")),
                None => println!("peer {region}: keys pinned ({}); not pulled", kids.join(", ")),
            }
            if bootstrap {
                drop(store);
                return super::sync::run(config.clone(), Some(region), true);
            }
        }
        PeersCommand::List => {
            println!(
                "{:<16} {:<40} {:<28} {:>9} {:>9} {:>9} {:>9}  LAST ERROR",
                "REGION", "URL", "LAST SUCCESS", "RECEIVED", "REJECTED", "STALE", "OWN"
            );
            for p in store.list_peers().map_err(|e| e.to_string())? {
                println!(
                    "{:<16} {:<40} {:<28} {:>9} {:>9} {:>9} {:>9}  {}",
                    p.region,
                    p.url.as_deref().unwrap_or("(pinned only)"),
                    p.last_success_at.as_deref().unwrap_or("never"),
                    p.records_received,
                    p.records_rejected,
                    p.records_stale,
                    p.records_own,
                    p.last_error.as_deref().unwrap_or("")
                );
            }
            // Against the origins' own checkpoints: what is held of each, complete or not.
            for o in crate::federation::peers_api::completeness(&store).map_err(|e| e.to_string())? {
                let state = if o.state == Completeness::Complete { "complete" } else { "INCOMPLETE" };
                println!(
                    "origin {}: {state}, {} held of {} published (checkpoint of {}, served by {})",
                    o.origin, o.held, o.published, o.checkpoint_issued_at, o.checkpoint_from
                );
            }
        }
        PeersCommand::Remove { region } => {
            store.remove_peer(&region).map_err(|e| match e {
                StoreError::NotFound => format!("{region} is not a peer"),
                other => other.to_string(),
            })?;
            println!("removed peer {region}");
        }
    }
    Ok(())
}
