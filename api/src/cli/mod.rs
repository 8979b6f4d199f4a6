//! The `smarty` command line.

mod backup;
mod data;
pub mod init;
mod keys;
mod peers;
mod search;
mod sync;
mod token;

use crate::config::{Config, LogFormat, config_path};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "smarty", version, about = "Smarty Exchange: a region node of the SMARTY best-practice exchange")]
struct Cli {
    /// The node's configuration file [default: ./smarty.toml]
    #[arg(long, global = true, env = "SMARTY_CONFIG", value_name = "PATH")]
    config: Option<PathBuf>,
    /// Log format (overrides `log_format` in the configuration)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    log_format: Option<LogFormat>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new node: configuration, database and Ed25519 key pair in a data directory
    Init(init::InitArgs),
    /// Run the node's HTTP server
    Serve,
    /// Manage local API tokens
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Show or rotate this node's signing keys
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// Manage the peers this node trusts and pulls from
    #[command(subcommand)]
    Peers(peers::PeersCommand),
    /// Pull from peers now (one round); exits non-zero if any peer failed
    Sync {
        /// Only this peer
        #[arg(long, value_name = "CODE")]
        peer: Option<String>,
    },
    /// Run the seven SMARTY regions on loopback, with sample data, synced (Ctrl-C stops)
    Demo(crate::demo::DemoArgs),
    /// Import a JSON array of this region's records (all or nothing)
    Import {
        /// The file (as written by `smarty export`)
        file: PathBuf,
    },
    /// Print this region's records as a JSON array (contacts included)
    Export,
    /// Copy a node's whole store to another database (SQLite <-> PostgreSQL), verified
    MigrateStore {
        /// The store to copy: sqlite://PATH, a path, or postgres://…
        #[arg(long, value_name = "URL")]
        from: String,
        /// An empty store to copy into
        #[arg(long, value_name = "URL")]
        to: String,
    },
    /// Copy the store to a new file while the node serves (SQLite; PostgreSQL uses pg_dump)
    Backup {
        /// The file to write (must not exist)
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Put a backup in place of an empty node's store (node stopped); the index is rebuilt
    Restore {
        /// The file `smarty backup` wrote
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Search the shared catalogue from the terminal
    Search(search::SearchArgs),
    /// Rebuild the search index from the store (with the server stopped)
    Reindex,
    /// Print the OpenAPI document (needs no configuration)
    Openapi,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    // Everything a command creates (database, WAL, index, keys, configuration) is private.
    crate::files::private_umask();
    let path = config_path(cli.config.as_deref());
    let result = match cli.command {
        Command::Init(args) => init::run(args),
        Command::Openapi => {
            print!("{}", crate::openapi::document_json());
            Ok(())
        }
        Command::Serve => load(&path).and_then(|config| {
            init_logging(cli.log_format.unwrap_or(config.log_format));
            crate::files::report(&crate::files::tighten(&config));
            let runtime = actix_web::rt::System::new();
            runtime.block_on(crate::server::serve(config))
        }),
        Command::Token(cmd) => load(&path).and_then(|config| token::run(cmd, &config)),
        Command::Demo(args) => {
            init_logging_quiet(cli.log_format.unwrap_or_default());
            crate::demo::run(args)
        }
        Command::Import { file } => load(&path).and_then(|config| data::import(&file, &config)),
        Command::Export => load(&path).and_then(|config| data::export(&config)),
        Command::MigrateStore { from, to } => data::migrate_store(&from, &to),
        Command::Backup { to } => load(&path).and_then(|config| backup::backup(&to, &config)),
        Command::Restore { from } => load(&path).and_then(|config| backup::restore(&from, &config)),
        Command::Search(args) => load(&path).and_then(|config| search::search(args, &config)),
        Command::Reindex => load(&path).and_then(|config| search::reindex(&config)),
        Command::Keys(cmd) => load(&path).and_then(|config| keys::run(cmd, &config)),
        Command::Peers(cmd) => load(&path).and_then(|config| peers::run(cmd, &config)),
        Command::Sync { peer } => load(&path).and_then(|config| {
            init_logging(cli.log_format.unwrap_or(config.log_format));
            sync::run(config, peer)
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("smarty: {message}");
            ExitCode::FAILURE
        }
    }
}

fn load(path: &std::path::Path) -> Result<Config, String> {
    Ok(Config::load(path)?)
}

/// Warnings only unless RUST_LOG says otherwise: the demo's own output is the table.
fn init_logging_quiet(format: LogFormat) {
    if std::env::var_os("RUST_LOG").is_none() {
        // SAFETY: set before any other thread exists.
        unsafe { std::env::set_var("RUST_LOG", "warn") };
    }
    init_logging(format);
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colour only for a person at a terminal: logs collected by journald or a file stay plain.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Human => builder.init(),
    }
}
