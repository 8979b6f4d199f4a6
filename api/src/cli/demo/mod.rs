//! `smarty demo`: the seven SMARTY regions on loopback in one process, each node with its own
//! folder, database, keys and pinned peers, loaded with its region's sample records, synced
//! once, and serving until Ctrl-C.

mod samples;

use super::init::{InitArgs, create};
use crate::config::Config;
use crate::keys::NodeKeys;
use crate::server::{RunningNode, start};
use indicatif::{ProgressBar, ProgressStyle};
use smarty_schema::signing::JwkSet;
use smarty_schema::store::Store;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The partner regions, in port order.
pub const REGIONS: [&str; 7] = ["tuscany", "mazovia", "lapland", "leeds", "slovenia", "castilla-leon", "catalonia"];

#[derive(clap::Args)]
pub struct DemoArgs {
    /// Folder for the seven nodes (one sub-folder each); reused when it exists
    #[arg(long, value_name = "DIR", default_value = "smarty-demo")]
    data_dir: PathBuf,
    /// Port of the first node; the others follow in region order
    #[arg(long, value_name = "PORT", default_value_t = 8080)]
    base_port: u16,
    /// Start afresh: delete the folder first
    #[arg(long)]
    reset: bool,
}

pub fn run(args: DemoArgs) -> Result<(), String> {
    if args.reset && args.data_dir.exists() {
        std::fs::remove_dir_all(&args.data_dir)
            .map_err(|e| format!("cannot delete {}: {e}", args.data_dir.display()))?;
    }
    if usize::from(args.base_port) + REGIONS.len() > usize::from(u16::MAX) || args.base_port == 0 {
        return Err("--base-port leaves no room for seven ports".into());
    }
    let style = ProgressStyle::with_template("{msg:>10} [{bar:28}] {pos}/{len} {wide_msg}")
        .map_err(|e| e.to_string())?
        .progress_chars("=> ");
    let bar = ProgressBar::new(REGIONS.len() as u64).with_style(style.clone()).with_message("preparing");
    let mut configs = Vec::new();
    for (i, region) in REGIONS.iter().enumerate() {
        bar.set_message(format!("preparing {region}"));
        configs.push(prepare(&args.data_dir, region, args.base_port + i as u16)?);
        bar.inc(1);
    }
    pin_everyone(&configs)?;
    let mut loaded = 0;
    for config in &configs {
        bar.set_message(format!("loading {}", config.region));
        loaded += samples::load_once(config)?;
    }
    bar.finish_and_clear();
    println!("smarty demo: {} nodes in {}; {loaded} sample records loaded", configs.len(), args.data_dir.display());

    let system = actix_web::rt::System::new();
    system.block_on(async move {
        let mut nodes: Vec<RunningNode> = Vec::new();
        for config in configs {
            nodes.push(start(config, Some(1)).await?);
        }
        // Practices first; then the action plans that cite other regions' practices; then
        // one more round so the plans travel too.
        let mut failures = sync_round(&nodes, &style, "syncing").await?;
        let mut plans = 0;
        for node in &nodes {
            let (config, store) = (node.state.config.clone(), node.state.store.clone());
            plans += tokio::task::spawn_blocking(move || samples::load_plans_once(&config, &store))
                .await
                .map_err(|e| e.to_string())??;
        }
        if plans > 0 {
            println!("smarty demo: {plans} action plans and region profiles loaded");
        }
        failures.extend(sync_round(&nodes, &style, "syncing").await?);
        for node in &nodes {
            wait_until_indexed(node).await?;
        }
        print_table(&nodes)?;
        for f in &failures {
            println!("sync problem: {f}");
        }
        println!(
            "Open http://{}/ to search the shared catalogue (the API is documented at http://{}/docs/)",
            nodes[0].addr, nodes[0].addr
        );
        // What other systems harvest, on one node (every node serves the same routes).
        let first = nodes[0].addr;
        println!("Harvest {}'s catalogue:", nodes[0].state.config.region_info().name);
        println!("  Atom feed:   http://{first}/api/v1/catalogue/feed.atom");
        println!("  OAI-PMH:     http://{first}/oai?verb=Identify");
        println!("  DCAT-AP:     http://{first}/dcat/catalog.ttl (and .jsonld)");
        println!(
            "Each node's folder holds its smarty.toml: smarty token|sync|search|peers --config {}/<region>/smarty.toml",
            args.data_dir.display()
        );
        println!("Press Ctrl-C to stop.");
        for result in futures_util::future::join_all(nodes.into_iter().map(|n| n.server)).await {
            result.map_err(|e| e.to_string())?.map_err(|e| e.to_string())?;
        }
        println!("smarty demo: stopped");
        Ok(())
    })
}

/// One sync round on every node at once; returns the failures.
async fn sync_round(
    nodes: &[RunningNode],
    style: &ProgressStyle,
    message: &'static str,
) -> Result<Vec<String>, String> {
    let bar = ProgressBar::new(nodes.len() as u64).with_style(style.clone()).with_message(message);
    let rounds = nodes.iter().map(|n| {
        let bar = bar.clone();
        async move {
            let results = n.syncer.round(None).await;
            bar.inc(1);
            results
        }
    });
    let mut failures = Vec::new();
    for (node, results) in nodes.iter().zip(futures_util::future::join_all(rounds).await) {
        for (peer, result) in results? {
            if let Err(e) = result {
                failures.push(format!("{} from {peer}: {e}", node.state.config.region));
            }
        }
    }
    bar.finish_and_clear();
    Ok(failures)
}

/// The node of `region` in `dir/region`, created on first use.
fn prepare(dir: &Path, region: &str, port: u16) -> Result<Config, String> {
    let node_dir = dir.join(region);
    let config_file = node_dir.join("smarty.toml");
    if config_file.exists() {
        return Ok(Config::load(&config_file)?);
    }
    create(InitArgs {
        region: region.into(),
        data_dir: node_dir,
        listen: format!("127.0.0.1:{port}"),
        public_url: Some(format!("http://127.0.0.1:{port}")),
        database_url: None,
        recovery_key: None,
    })
    .map(|(config, _)| config)
}

/// Every node pins every other node's keys and pulls from it.
fn pin_everyone(configs: &[Config]) -> Result<(), String> {
    let mut sets = Vec::new();
    for c in configs {
        let keys = NodeKeys::load(c)?;
        sets.push(
            serde_json::to_string(&JwkSet { keys: vec![keys.active().jwk.clone()], ..JwkSet::default() })
                .map_err(|e| e.to_string())?,
        );
    }
    for c in configs {
        let store = Store::open(&c.database()?, 1).map_err(|e| e.to_string())?;
        for (other, jwks) in configs.iter().zip(&sets) {
            if other.region != c.region {
                store
                    .upsert_peer(&other.region, other.public_url.as_deref(), jwks, false)
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

async fn wait_until_indexed(node: &RunningNode) -> Result<(), String> {
    let target = node.state.store.last_record_seq().map_err(|e| e.to_string())?;
    for _ in 0..600 {
        if node.state.catalogue.position() >= target {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("the search index of {} did not catch up", node.state.config.region))
}

fn print_table(nodes: &[RunningNode]) -> Result<(), String> {
    println!();
    println!("{:<15} {:<20} {:<24} {:>8} {:>8}  LAST SYNC", "REGION", "NAME", "URL", "RECORDS", "REGIONS");
    for node in nodes {
        let counts = node.state.store.public_counts().map_err(|e| e.to_string())?;
        let held: i64 = counts.iter().map(|(_, n)| n).sum();
        let last_sync = node
            .state
            .store
            .list_peers()
            .map_err(|e| e.to_string())?
            .into_iter()
            .filter_map(|p| p.last_success_at)
            .max()
            .unwrap_or_else(|| "never".into());
        let c = &node.state.config;
        println!(
            "{:<15} {:<20} {:<24} {:>8} {:>8}  {}",
            c.region,
            c.region_info().name,
            c.public_base(),
            held,
            counts.len(),
            last_sync
        );
    }
    println!();
    Ok(())
}
