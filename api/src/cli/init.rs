//! `smarty init`: a new node in a data directory.

use crate::config::{Config, LogFormat, default_regions};
use smarty_schema::store::Store;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct InitArgs {
    /// The node's region code (one of the configured regions, e.g. leeds)
    #[arg(long)]
    pub region: String,
    /// Folder for the configuration, database and keys (created if missing)
    #[arg(long, value_name = "DIR")]
    pub data_dir: PathBuf,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: String,
    /// URL peers and clients use to reach the node [default: http:// + the listen address]
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Database URL [default: sqlite://DIR/smarty.db]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Where to write the node's offline recovery key, outside the data folder: keep it
    /// offline; `smarty keys recover` needs it if the node's key is ever stolen [default:
    /// DIR-recovery.key, beside the data folder]
    #[arg(long, value_name = "FILE")]
    pub recovery_key: Option<PathBuf>,
}

pub fn run(args: InitArgs) -> Result<(), String> {
    let (config, recovery) = create(args)?;
    let config_file = config.base_dir.join("smarty.toml");
    println!("created node {} in {}", config.region, config.base_dir.display());
    println!("  configuration: {}", config_file.display());
    println!("  database:      {}", config.database()?.redacted());
    println!("  private key:   {} (mode 0600)", config.key_path().display());
    println!(
        "  recovery key:  {} (mode 0600): move it offline; it answers a stolen node key (smarty keys recover)",
        recovery.display()
    );
    println!("next: smarty token create --config {} --role admin --name admin", config_file.display());
    Ok(())
}

/// Creates the node's configuration, database, key and recovery key; returns its
/// configuration and where the recovery key was written.
pub fn create(args: InitArgs) -> Result<(Config, PathBuf), String> {
    let config_file = args.data_dir.join("smarty.toml");
    let key_file = args.data_dir.join("node.key");
    let recovery_file = recovery_path(&args.data_dir, args.recovery_key.as_deref())?;
    for existing in [&config_file, &key_file, &recovery_file] {
        if existing.exists() {
            return Err(format!(
                "{} already exists: a node lives in {}; refusing to overwrite it",
                existing.display(),
                args.data_dir.display()
            ));
        }
    }
    std::fs::create_dir_all(&args.data_dir).map_err(|e| format!("cannot create {}: {e}", args.data_dir.display()))?;
    let recovery = crate::keys::generate();
    let config = Config {
        region: args.region,
        listen: args.listen,
        public_url: args.public_url,
        database_url: args.database_url.unwrap_or_else(|| "smarty.db".into()),
        public_read: true,
        key_file: "node.key".into(),
        recovery_public_key: Some(smarty_schema::signing::Jwk::from_key(&recovery.verifying_key()).x),
        log_format: LogFormat::Human,
        pool_size: 8,
        key_retention_days: 7,
        harvest: Default::default(),
        webhooks: Default::default(),
        index_dir: "index".into(),
        index_memory_mib: crate::search::indexer::DEFAULT_WRITER_MIB,
        export_max: 10_000,
        export_max_anonymous: 1_000,
        docs: true,
        sync: Default::default(),
        federation: Default::default(),
        limits: Default::default(),
        regions: default_regions(),
        base_dir: args.data_dir.clone(),
    };
    let text = toml::to_string_pretty(&config).map_err(|e| e.to_string())?;
    // Check the configuration as `serve` will read it before creating anything lasting.
    let check_path = args.data_dir.join(".smarty.toml.new");
    std::fs::write(&check_path, &text).map_err(|e| e.to_string())?;
    let checked = Config::load(&check_path);
    let _ = std::fs::remove_file(&check_path);
    let config = checked?;

    // First the recovery key, where a bad path fails before anything else is made; it goes
    // again if anything after it fails, so that a second `init` starts clean.
    let recovery_file = outside(&args.data_dir, &recovery_file)?;
    crate::keys::write(&recovery_file, &recovery)?;
    let rest = || -> Result<(), String> {
        let url = config.database()?;
        Store::open(&url, 1).map_err(|e| e.to_string())?;
        crate::keys::create(&key_file)?;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&config_file)
            .map_err(|e| format!("cannot create {}: {e}", config_file.display()))?;
        file.write_all(format!("# Smarty Exchange node configuration (see README).\n{text}").as_bytes())
            .map_err(|e| e.to_string())
    };
    if let Err(e) = rest() {
        let _ = std::fs::remove_file(&recovery_file);
        return Err(e);
    }
    // The folder may have existed before, with looser modes.
    crate::files::report(&crate::files::tighten(&config));
    Ok((config, recovery_file))
}

/// `file` with its folder resolved (symbolic links and `..` followed), if it is outside the
/// data folder `dir` (which exists).
pub fn outside(dir: &Path, file: &Path) -> Result<PathBuf, String> {
    let canonical = |p: &Path| std::fs::canonicalize(p).map_err(|e| format!("cannot resolve {}: {e}", p.display()));
    let dir = canonical(dir)?;
    let name = file.file_name().ok_or_else(|| format!("{} names no file", file.display()))?;
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let path = canonical(folder)?.join(name);
    if path.starts_with(&dir) {
        return Err(format!(
            "the recovery key must be kept outside the data folder {}: choose another --recovery-key",
            dir.display()
        ));
    }
    Ok(path)
}

/// The recovery key's file: `given`, or `DIR-recovery.key` beside the data folder `dir`; never
/// inside it, where whoever takes the node's key would take it too.
pub fn recovery_path(dir: &Path, given: Option<&Path>) -> Result<PathBuf, String> {
    let absolute = |p: &Path| std::path::absolute(p).map_err(|e| format!("cannot resolve {}: {e}", p.display()));
    let dir = absolute(dir)?;
    let path = match given {
        Some(p) => absolute(p)?,
        None => {
            let name = dir.file_name().map_or_else(|| "node".into(), |n| n.to_string_lossy().into_owned());
            dir.with_file_name(format!("{name}-recovery.key"))
        }
    };
    if path.starts_with(&dir) {
        return Err(format!(
            "the recovery key must be kept outside the data folder {}: choose another --recovery-key",
            dir.display()
        ));
    }
    Ok(path)
}
