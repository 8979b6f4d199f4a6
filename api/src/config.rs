//! The node's configuration: `smarty.toml`, overridden by `SMARTY_*` environment variables.

use serde::{Deserialize, Serialize};
use smarty_schema::db::DatabaseUrl;
use smarty_schema::vocab::{LanguageCode, NutsCode, RegionCode};
use std::path::{Path, PathBuf};

/// The seven SMARTY partner regions: written into every new node's configuration, where an
/// operator can add an eighth.
const DEFAULT_REGIONS: &str = include_str!("default_regions.toml");

/// A partner region, as configured.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "leeds", "name": "Leeds City Region", "country": "UK", "nuts": "UKE4", "languages": ["en"]}))]
pub struct Region {
    /// Stable region code.
    pub code: String,
    /// Name in English.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// NUTS (or ITL) code of the region.
    pub nuts: String,
    /// ISO 639-1 codes of the region's languages.
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Human,
    Json,
}

/// `smarty.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// This node's region code; must be one of `regions`.
    pub region: String,
    /// Address to listen on (`127.0.0.1:8080`; port 0 picks a free port).
    pub listen: String,
    /// The URL peers and clients use to reach this node; defaults to `http://` + the bound address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// `sqlite://PATH`, a file path, or `postgres://…`. Relative paths are relative to this file.
    pub database_url: String,
    /// Whether published records can be read without a token.
    #[serde(default = "yes")]
    pub public_read: bool,
    /// The node's Ed25519 private key (PKCS#8 PEM, mode 0600). Relative to this file.
    pub key_file: String,
    #[serde(default)]
    pub log_format: LogFormat,
    /// Database connections in the pool.
    #[serde(default = "default_pool_size")]
    pub pool_size: u32,
    /// The search index's folder, relative to this file.
    #[serde(default = "default_index_dir")]
    pub index_dir: String,
    /// Most records one catalogue export returns; a larger export is refused with 422.
    #[serde(default = "default_export_max")]
    pub export_max: usize,
    /// Days a retired key stays published (verify-only) after `smarty keys rotate`.
    #[serde(default = "default_key_retention_days")]
    pub key_retention_days: u32,
    #[serde(default)]
    pub sync: SyncConfig,
    #[serde(default = "default_regions")]
    pub regions: Vec<Region>,
    /// Folder of the configuration file, for resolving relative paths (not in the file).
    #[serde(skip)]
    pub base_dir: PathBuf,
}

fn yes() -> bool {
    true
}
fn default_pool_size() -> u32 {
    8
}
fn default_index_dir() -> String {
    "index".into()
}
fn default_export_max() -> usize {
    10_000
}
fn default_key_retention_days() -> u32 {
    7
}

/// `[sync]`: how this node pulls from its peers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyncConfig {
    /// Daily time (UTC, `HH:MM`) of the scheduled round, or `off`.
    pub schedule: String,
    /// Up to this many minutes of random delay after the scheduled time, so that seven
    /// nodes do not all pull at the same second.
    pub jitter_minutes: u32,
    /// Records asked for per page (1 to 1000).
    pub page_size: u32,
    /// Largest page body accepted from a peer, in bytes.
    pub max_page_bytes: u64,
    /// Peers synced at the same time.
    pub concurrency: usize,
    pub connect_timeout_secs: u64,
    /// Time allowed for a whole page response.
    pub read_timeout_secs: u64,
    /// Retries after a network error or a 5xx answer (never after a 4xx).
    pub retries: u32,
    /// First retry delay; doubled each time, with random jitter.
    pub backoff_ms: u64,
}

impl Default for SyncConfig {
    fn default() -> Self {
        Self {
            schedule: "02:00".into(),
            jitter_minutes: 30,
            page_size: 500,
            max_page_bytes: 32 * 1024 * 1024,
            concurrency: 4,
            connect_timeout_secs: 5,
            read_timeout_secs: 60,
            retries: 3,
            backoff_ms: 500,
        }
    }
}

impl SyncConfig {
    /// The scheduled time as (hour, minute), `None` when scheduling is off.
    pub fn daily_time(&self) -> Result<Option<(u32, u32)>, String> {
        if self.schedule == "off" {
            return Ok(None);
        }
        let parsed = self.schedule.split_once(':').and_then(|(h, m)| Some((h.parse().ok()?, m.parse().ok()?)));
        match parsed {
            Some((h, m)) if h < 24 && m < 60 => Ok(Some((h, m))),
            _ => Err(format!("sync.schedule must be HH:MM (UTC) or off, not {:?}", self.schedule)),
        }
    }
}

pub fn default_regions() -> Vec<Region> {
    #[derive(Deserialize)]
    struct File {
        regions: Vec<Region>,
    }
    toml::from_str::<File>(DEFAULT_REGIONS).expect("built-in regions parse").regions
}

/// Top-level keys that `SMARTY_<KEY>` environment variables may override.
/// Every scalar top-level key; `[sync]` and `[[regions]]` are set in the file.
const ENV_KEYS: [&str; 11] = [
    "region",
    "listen",
    "public_url",
    "database_url",
    "public_read",
    "key_file",
    "log_format",
    "pool_size",
    "index_dir",
    "export_max",
    "key_retention_days",
];
const NUMERIC_KEYS: [&str; 3] = ["pool_size", "export_max", "key_retention_days"];

impl Config {
    /// Reads the file, applies environment overrides and checks the result.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read configuration {}: {e}", path.display()))?;
        let mut table: toml::Table =
            toml::from_str(&text).map_err(|e| format!("invalid configuration {}: {e}", path.display()))?;
        for key in ENV_KEYS {
            if let Ok(value) = std::env::var(format!("SMARTY_{}", key.to_uppercase())) {
                let value =
                    match key {
                        "public_read" => toml::Value::Boolean(parse_bool(&value)?),
                        k if NUMERIC_KEYS.contains(&k) => toml::Value::Integer(value.parse().map_err(|_| {
                            format!("SMARTY_{} must be a whole number, not {value:?}", k.to_uppercase())
                        })?),
                        _ => toml::Value::String(value),
                    };
                table.insert(key.to_string(), value);
            }
        }
        let mut config: Config = table
            .try_into()
            .map_err(|e: toml::de::Error| format!("invalid configuration {}: {}", path.display(), e.message()))?;
        config.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if config.base_dir.as_os_str().is_empty() {
            config.base_dir = PathBuf::from(".");
        }
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), String> {
        for r in &self.regions {
            RegionCode::parse(&r.code).map_err(|m| format!("region code {:?} {m}", r.code))?;
            NutsCode::parse(&r.nuts).map_err(|m| format!("region {}: nuts {m}", r.code))?;
            for l in &r.languages {
                LanguageCode::parse(l).map_err(|m| format!("region {}: language {l:?} {m}", r.code))?;
            }
        }
        if !self.regions.iter().any(|r| r.code == self.region) {
            return Err(format!("region {:?} is not among the configured regions", self.region));
        }
        self.sync.daily_time()?;
        if !(1..=1000).contains(&self.sync.page_size) {
            return Err("sync.page_size must be 1 to 1000".into());
        }
        if self.sync.concurrency == 0 {
            return Err("sync.concurrency must be at least 1".into());
        }
        if !(1..=64).contains(&self.pool_size) {
            return Err("pool_size must be 1 to 64".into());
        }
        self.database()?;
        Ok(())
    }

    /// The database URL, relative SQLite paths resolved against the configuration's folder.
    pub fn database(&self) -> Result<DatabaseUrl, String> {
        Ok(match DatabaseUrl::parse(&self.database_url)? {
            DatabaseUrl::Sqlite(p) => DatabaseUrl::Sqlite(self.resolve(&p)),
            pg => pg,
        })
    }

    pub fn index_path(&self) -> PathBuf {
        self.resolve(Path::new(&self.index_dir))
    }

    pub fn key_path(&self) -> PathBuf {
        self.resolve(Path::new(&self.key_file))
    }

    fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() { p.to_path_buf() } else { self.base_dir.join(p) }
    }

    /// The public URL without a trailing slash.
    pub fn public_base(&self) -> String {
        self.public_url.as_deref().unwrap_or("").trim_end_matches('/').to_string()
    }

    /// A region's name, or its code when it is not configured.
    pub fn region_name(&self, code: &str) -> String {
        self.regions.iter().find(|r| r.code == code).map_or_else(|| code.to_string(), |r| r.name.clone())
    }

    pub fn region_info(&self) -> &Region {
        self.regions.iter().find(|r| r.code == self.region).expect("checked on load")
    }
}

fn parse_bool(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!("SMARTY_PUBLIC_READ must be true or false, not {s:?}")),
    }
}

/// Where to find the configuration: `--config`, then `SMARTY_CONFIG` (both handled by clap),
/// then `./smarty.toml`.
pub fn config_path(flag: Option<&Path>) -> PathBuf {
    flag.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("smarty.toml"))
}
