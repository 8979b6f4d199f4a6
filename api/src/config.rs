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
    /// Name: in the configuration, in English; from `GET /api/v1/regions` asked with an
    /// `Accept-Language` of the seven, in that language.
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
    /// The public half (base64url `x`) of the node's offline recovery key, written by `smarty
    /// init`: published with the node's keys so that peers pin it; its private half is kept
    /// outside the data folder and used only by `smarty keys recover`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_public_key: Option<String>,
    #[serde(default)]
    pub log_format: LogFormat,
    /// Database connections in the pool.
    #[serde(default = "default_pool_size")]
    pub pool_size: u32,
    /// The search index's folder, relative to this file.
    #[serde(default = "default_index_dir")]
    pub index_dir: String,
    /// Memory the search index's writer buffers documents in before it writes a segment, in
    /// MiB: the largest part of a node's resident memory while it indexes.
    #[serde(default = "default_index_memory_mib")]
    pub index_memory_mib: u32,
    /// Most records one catalogue export returns; a larger export is refused with 422.
    #[serde(default = "default_export_max")]
    pub export_max: usize,
    /// Most records one export without a token returns (at most `export_max`).
    #[serde(default = "default_export_max_anonymous")]
    pub export_max_anonymous: usize,
    /// Days a retired key stays published (verify-only) after `smarty keys rotate`.
    #[serde(default = "default_key_retention_days")]
    pub key_retention_days: u32,
    /// Whether the API browser is served at `/docs` (`/openapi.json` always is).
    #[serde(default = "yes")]
    pub docs: bool,
    #[serde(default)]
    pub sync: SyncConfig,
    #[serde(default)]
    pub federation: FederationConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
    #[serde(default)]
    pub harvest: HarvestConfig,
    #[serde(default)]
    pub webhooks: WebhooksConfig,
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
fn default_index_memory_mib() -> u32 {
    crate::search::indexer::DEFAULT_WRITER_MIB
}
fn default_export_max() -> usize {
    10_000
}
fn default_export_max_anonymous() -> usize {
    1_000
}
fn default_key_retention_days() -> u32 {
    7
}

/// `[federation]`: what this node keeps for its peers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FederationConfig {
    /// Days this node's own tombstones stay in its feed and set after the deletion; then they
    /// are compacted away, and a puller whose cursor is older is sent to the snapshot. 0
    /// compacts every tombstone at the next compaction.
    pub tombstone_retention_days: u32,
}

impl Default for FederationConfig {
    fn default() -> Self {
        Self { tombstone_retention_days: 365 }
    }
}

/// `[webhooks]`: how this node delivers changes to partner systems' subscriptions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhooksConfig {
    /// Whether destinations in private, loopback and link-local ranges are allowed (off: a
    /// subscription cannot make the node call into its own network).
    pub allow_private: bool,
    /// How often the deliverer looks for work, in milliseconds.
    pub poll_ms: u64,
    /// The first retry's delay, in milliseconds; each next one doubles, with jitter.
    pub retry_base_ms: u64,
    /// The longest delay between retries, in milliseconds.
    pub retry_max_ms: u64,
    /// A subscription whose deliveries fail this long, in seconds, is disabled.
    pub disable_after_secs: u64,
    /// Seconds to connect to a destination.
    pub connect_timeout_secs: u64,
    /// Seconds for a whole delivery, answer included.
    pub timeout_secs: u64,
}

impl Default for WebhooksConfig {
    fn default() -> Self {
        Self {
            allow_private: false,
            poll_ms: 1000,
            retry_base_ms: 5000,
            retry_max_ms: 3_600_000,
            disable_after_secs: 86_400,
            connect_timeout_secs: 5,
            timeout_secs: 10,
        }
    }
}

/// `[harvest]`: what harvesters (OAI-PMH, open-data portals) are told and given.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HarvestConfig {
    /// The node administrator's e-mail address: OAI-PMH's `adminEmail` and the DCAT
    /// catalogue's contact point. Without it, `admin@` and the host of the node's address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// Records (with `ListRecords`) or headers (with `ListIdentifiers`) per OAI-PMH page,
    /// 1 to 1000.
    pub oai_page_size: u32,
    /// The licence the catalogue's records are offered under, as the DCAT catalogue states
    /// it (an IRI).
    pub licence: String,
}

impl Default for HarvestConfig {
    fn default() -> Self {
        Self { contact_email: None, oai_page_size: 100, licence: "https://creativecommons.org/licenses/by/4.0/".into() }
    }
}

impl Config {
    /// The administrator's e-mail address, as harvesters are told it.
    pub fn contact_email(&self) -> String {
        self.harvest.contact_email.clone().unwrap_or_else(|| {
            let base = self.public_base();
            let host = url::Url::parse(&base).ok().and_then(|u| u.host_str().map(str::to_string));
            format!("admin@{}", host.unwrap_or_else(|| "localhost".into()))
        })
    }
}

/// `[sync]`: how this node pulls from its peers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyncConfig {
    /// Daily time (UTC, `HH:MM` or `HH:MM:SS`) of the scheduled round, or `off`.
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
    /// A peer that sends nothing for this long (headers or body) has failed the request.
    pub idle_timeout_secs: u64,
    /// Retries after a network error or a 5xx answer (never after a 4xx).
    pub retries: u32,
    /// First retry delay; doubled each time, with random jitter.
    pub backoff_ms: u64,
    /// Time one peer may spend failing in one round (failed attempts and the waits between
    /// them, shared by all its requests); past it the peer is given up until the next round.
    pub failure_budget_secs: u64,
    /// Pages read from one peer in one round at most; the rest waits for the next round.
    pub max_pages_per_round: u32,
    /// A whole round ends within this time, whatever the peers do.
    pub round_timeout_secs: u64,
    /// How often a replica that found a peer's scheduled sync leased by another replica
    /// checks whether it must take the sync over (the holder died before it succeeded).
    pub takeover_secs: u64,
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
            idle_timeout_secs: 20,
            retries: 3,
            backoff_ms: 500,
            failure_budget_secs: 120,
            max_pages_per_round: 10_000,
            round_timeout_secs: 1_800,
            takeover_secs: 30,
        }
    }
}

impl SyncConfig {
    /// The scheduled time of day (UTC), `None` when scheduling is off.
    pub fn daily_time(&self) -> Result<Option<chrono::NaiveTime>, ConfigError> {
        if self.schedule == "off" {
            return Ok(None);
        }
        chrono::NaiveTime::parse_from_str(&self.schedule, "%H:%M:%S")
            .or_else(|_| chrono::NaiveTime::parse_from_str(&self.schedule, "%H:%M"))
            .map(Some)
            .map_err(|_| {
                ConfigError::Invalid(format!(
                    "sync.schedule must be HH:MM or HH:MM:SS (UTC), or off, not {:?}",
                    self.schedule
                ))
            })
    }
}

/// A request budget: `burst` at once, refilled at `per_minute`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

impl Rate {
    const fn new(per_minute: u32, burst: u32) -> Rate {
        Rate { per_minute, burst }
    }
}

/// `[limits]`: per-client request budgets and slow-client timeouts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// Addresses of reverse proxies whose `forwarded_header` names the real client. From any
    /// other address the header is ignored (it could be forged), and the connection's own
    /// address is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The header a trusted proxy appends the client's address to.
    pub forwarded_header: String,
    /// Sign-in attempts on the officers' pages, per client address.
    pub sign_in: Rate,
    /// Requests whose token (API or peer) is refused, per client address.
    pub auth_failures: Rate,
    /// Catalogue searches (API and page) without a token, per client address.
    pub search: Rate,
    /// Catalogue exports without a token, per client address.
    pub export: Rate,
    /// Federation requests without a token (the feed, keys, node descriptor), per client address.
    pub federation: Rate,
    /// Liveness and readiness probes, per client address (readiness reads the database).
    pub probes: Rate,
    /// Requests with a valid token (an API token or a pinned peer's), per credential: partner
    /// systems and peers have their own budget, untouched by anonymous traffic.
    pub authenticated: Rate,
    /// A request must have fully arrived (and been answered) within this time; else 408.
    pub request_timeout_secs: u64,
    /// Time allowed for a request's head (line and headers) to arrive.
    pub request_head_timeout_secs: u64,
    /// Time allowed for a client to close its side after the response.
    pub disconnect_timeout_secs: u64,
    /// Open connections per HTTP worker at most; more wait to be accepted.
    pub max_connections: usize,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            forwarded_header: "x-forwarded-for".into(),
            sign_in: Rate::new(10, 5),
            auth_failures: Rate::new(30, 20),
            search: Rate::new(600, 120),
            export: Rate::new(30, 10),
            federation: Rate::new(120, 60),
            probes: Rate::new(600, 120),
            authenticated: Rate::new(12_000, 2_000),
            request_timeout_secs: 30,
            request_head_timeout_secs: 10,
            disconnect_timeout_secs: 5,
            max_connections: 1_024,
        }
    }
}

impl LimitsConfig {
    /// Every budget with its key, for checks and messages.
    pub fn rates(&self) -> [(&'static str, Rate); 7] {
        [
            ("sign_in", self.sign_in),
            ("auth_failures", self.auth_failures),
            ("search", self.search),
            ("export", self.export),
            ("federation", self.federation),
            ("probes", self.probes),
            ("authenticated", self.authenticated),
        ]
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
const ENV_KEYS: [&str; 15] = [
    "region",
    "listen",
    "public_url",
    "database_url",
    "public_read",
    "key_file",
    "recovery_public_key",
    "log_format",
    "pool_size",
    "index_dir",
    "index_memory_mib",
    "export_max",
    "export_max_anonymous",
    "key_retention_days",
    "docs",
];
const NUMERIC_KEYS: [&str; 5] =
    ["pool_size", "index_memory_mib", "export_max", "export_max_anonymous", "key_retention_days"];
const BOOLEAN_KEYS: [&str; 2] = ["public_read", "docs"];

/// What is wrong with a configuration, said so that the operator knows what to do.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "no configuration at {path}: point --config (or SMARTY_CONFIG) at a node's smarty.toml, or create a node with \
         `smarty init --region CODE --data-dir DIR`"
    )]
    Missing { path: PathBuf },
    #[error("{path} is a folder: point --config at the smarty.toml inside it ({path}/smarty.toml)")]
    Folder { path: PathBuf },
    #[error("cannot read configuration {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    /// TOML syntax, an unknown key or a wrong type, with the line where the file says so.
    #[error("invalid configuration {path}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Syntax { path: PathBuf, line: Option<usize>, message: String },
    #[error("{var} must be {expected}, not {value:?}")]
    Env { var: String, expected: &'static str, value: String },
    #[error("region {region:?} is not among the configured regions: use one of {known} (or add it to [[regions]])")]
    UnknownRegion { region: String, known: String },
    /// A key whose value breaks a rule.
    #[error("{0}")]
    Invalid(String),
}

/// Commands report configuration problems as text, like every other failure at the edge.
impl From<ConfigError> for String {
    fn from(e: ConfigError) -> String {
        e.to_string()
    }
}

/// The line (1-based) of a byte offset in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes().iter().take(offset).filter(|b| **b == b'\n').count() + 1
}

impl Config {
    /// Reads the file, applies environment overrides and checks the result.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        if path.is_dir() {
            return Err(ConfigError::Folder { path: path.to_path_buf() });
        }
        let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => ConfigError::Missing { path: path.to_path_buf() },
            _ => ConfigError::Read { path: path.to_path_buf(), source },
        })?;
        let syntax = |e: &toml::de::Error| ConfigError::Syntax {
            path: path.to_path_buf(),
            line: e.span().map(|s| line_of(&text, s.start)),
            message: e.message().to_string(),
        };
        let mut table: toml::Table = toml::from_str(&text).map_err(|e| syntax(&e))?;
        for key in ENV_KEYS {
            let var = format!("SMARTY_{}", key.to_uppercase());
            if let Ok(value) = std::env::var(&var) {
                let value = match key {
                    k if BOOLEAN_KEYS.contains(&k) => {
                        toml::Value::Boolean(parse_bool(&value).ok_or(ConfigError::Env {
                            var,
                            expected: "true or false",
                            value,
                        })?)
                    }
                    k if NUMERIC_KEYS.contains(&k) => {
                        toml::Value::Integer(value.parse().map_err(|_| ConfigError::Env {
                            var,
                            expected: "a whole number",
                            value,
                        })?)
                    }
                    _ => toml::Value::String(value),
                };
                table.insert(key.to_string(), value);
            }
        }
        let mut config: Config = table.try_into().map_err(|e: toml::de::Error| {
            // A table has no positions: when the file alone says the same, say where.
            match toml::from_str::<Config>(&text) {
                Err(in_file) if in_file.message() == e.message() => syntax(&in_file),
                _ => ConfigError::Syntax { path: path.to_path_buf(), line: None, message: e.message().to_string() },
            }
        })?;
        config.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if config.base_dir.as_os_str().is_empty() {
            config.base_dir = PathBuf::from(".");
        }
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), ConfigError> {
        let invalid = ConfigError::Invalid;
        for r in &self.regions {
            RegionCode::parse(&r.code).map_err(|m| invalid(format!("region code {:?} {m}", r.code)))?;
            NutsCode::parse(&r.nuts).map_err(|m| invalid(format!("region {}: nuts {m}", r.code)))?;
            for l in &r.languages {
                LanguageCode::parse(l).map_err(|m| invalid(format!("region {}: language {l:?} {m}", r.code)))?;
            }
        }
        if !self.regions.iter().any(|r| r.code == self.region) {
            let known: Vec<&str> = self.regions.iter().map(|r| r.code.as_str()).collect();
            return Err(ConfigError::UnknownRegion { region: self.region.clone(), known: known.join(", ") });
        }
        self.sync.daily_time()?;
        if !(1..=1000).contains(&self.sync.page_size) {
            return Err(invalid("sync.page_size must be 1 to 1000".into()));
        }
        let w = &self.webhooks;
        if w.poll_ms == 0 || w.retry_base_ms == 0 || w.connect_timeout_secs == 0 || w.timeout_secs == 0 {
            return Err(invalid(
                "webhooks.poll_ms, retry_base_ms, connect_timeout_secs and timeout_secs must be at least 1".into(),
            ));
        }
        if w.retry_max_ms < w.retry_base_ms || w.retry_max_ms > 7 * 86_400_000 {
            return Err(invalid("webhooks.retry_max_ms must be at least retry_base_ms and at most 7 days".into()));
        }
        if w.disable_after_secs == 0 || w.disable_after_secs > 365 * 86_400 {
            return Err(invalid("webhooks.disable_after_secs must be 1 second to 365 days".into()));
        }
        if !(1..=1000).contains(&self.harvest.oai_page_size) {
            return Err(invalid("harvest.oai_page_size must be 1 to 1000".into()));
        }
        if url::Url::parse(&self.harvest.licence).is_err() {
            return Err(invalid(format!("harvest.licence {:?} is not an IRI", self.harvest.licence)));
        }
        if let Some(email) = &self.harvest.contact_email
            && !email.split_once('@').is_some_and(|(local, host)| !local.is_empty() && host.contains('.'))
        {
            return Err(invalid(format!("harvest.contact_email {email:?} is not an e-mail address")));
        }
        if self.sync.concurrency == 0 {
            return Err(invalid("sync.concurrency must be at least 1".into()));
        }
        for (name, rate) in self.limits.rates() {
            if rate.per_minute == 0 || rate.burst == 0 {
                return Err(invalid(format!("limits.{name}: per_minute and burst must be at least 1")));
            }
        }
        if self.limits.request_timeout_secs == 0 || self.limits.request_head_timeout_secs == 0 {
            return Err(invalid("limits.request_timeout_secs and request_head_timeout_secs must be at least 1".into()));
        }
        if self.sync.idle_timeout_secs == 0
            || self.sync.max_pages_per_round == 0
            || self.sync.round_timeout_secs == 0
            || self.sync.takeover_secs == 0
        {
            return Err(invalid(
                "sync.idle_timeout_secs, max_pages_per_round, round_timeout_secs and takeover_secs must be at least 1"
                    .into(),
            ));
        }
        if !(1..=64).contains(&self.pool_size) {
            return Err(invalid("pool_size must be 1 to 64".into()));
        }
        // tantivy needs 15 MB per indexing thread, and the writer has two.
        if !(32..=4096).contains(&self.index_memory_mib) {
            return Err(invalid("index_memory_mib must be 32 to 4096".into()));
        }
        if let Some(e) = self.recovery_jwk().and_then(|j| j.verifying_key().err()) {
            return Err(invalid(format!("recovery_public_key is not an Ed25519 public key: {e}")));
        }
        self.database().map_err(|e| invalid(e.to_string()))?;
        Ok(())
    }

    /// The database URL, relative SQLite paths resolved against the configuration's folder.
    pub fn database(&self) -> Result<DatabaseUrl, smarty_schema::db::DatabaseUrlError> {
        Ok(match DatabaseUrl::parse(&self.database_url)? {
            DatabaseUrl::Sqlite(p) => DatabaseUrl::Sqlite(self.resolve(&p)),
            pg => pg,
        })
    }

    pub fn index_path(&self) -> PathBuf {
        self.resolve(Path::new(&self.index_dir))
    }

    /// The recovery key's public JWK, if the node has one.
    pub fn recovery_jwk(&self) -> Option<smarty_schema::signing::Jwk> {
        let x = self.recovery_public_key.as_deref()?;
        let mut jwk = smarty_schema::signing::Jwk::from_x(x);
        // Not for signatures of records or tokens: `use` says so to a generic JOSE reader.
        jwk.key_use = None;
        Some(jwk)
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

fn parse_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Where to find the configuration: `--config`, then `SMARTY_CONFIG` (both handled by clap),
/// then `./smarty.toml`.
pub fn config_path(flag: Option<&Path>) -> PathBuf {
    flag.map_or_else(|| PathBuf::from("smarty.toml"), Path::to_path_buf)
}
