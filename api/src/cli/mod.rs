//! The `smarty` command line.

mod backup;
mod data;
mod demo;
pub mod init;
mod keys;
mod peers;
mod search;
mod status;
mod sync;
mod token;

use crate::config::{Config, LogFormat, config_path};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "smarty", version, about = "Smarty Exchange: a region node of the SMARTY best-practice exchange")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What a command that works on a node is told: offered only by those commands (`init`,
/// `demo`, `openapi` and `migrate-store` need no node's configuration).
#[derive(Args)]
struct Node {
    /// The node's configuration file [default: ./smarty.toml]
    #[arg(long, global = true, env = "SMARTY_CONFIG", value_name = "PATH")]
    config: Option<PathBuf>,
    /// Log format (overrides `log_format` in the configuration)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    log_format: Option<LogFormat>,
}

impl Node {
    fn load(&self) -> Result<Config, String> {
        Ok(Config::load(&config_path(self.config.as_deref()))?)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Create a new node: configuration, database and Ed25519 key pair in a data directory
    Init(init::InitArgs),
    /// Run the node's HTTP server
    Serve {
        #[command(flatten)]
        node: Node,
        /// Address to listen on, instead of `listen` in the configuration (`127.0.0.1:9090`)
        #[arg(long, value_name = "HOST:PORT")]
        listen: Option<String>,
    },
    /// Manage local API tokens
    Token {
        #[command(flatten)]
        node: Node,
        #[command(subcommand)]
        command: token::TokenCommand,
    },
    /// Show or rotate this node's signing keys
    Keys {
        #[command(flatten)]
        node: Node,
        #[command(subcommand)]
        command: keys::KeysCommand,
    },
    /// Manage the peers this node trusts and pulls from
    Peers {
        #[command(flatten)]
        node: Node,
        #[command(subcommand)]
        command: peers::PeersCommand,
    },
    /// Pull from peers now (one round); exits non-zero if any peer failed
    Sync {
        #[command(flatten)]
        node: Node,
        /// Only this peer
        #[arg(long, value_name = "CODE")]
        peer: Option<String>,
        /// First fill this node from the peer's snapshot (one streamed request, every record
        /// and checkpoint verified), then read its feed from where the snapshot stands
        #[arg(long, requires = "peer")]
        bootstrap: bool,
    },
    /// Run the seven SMARTY regions on loopback, with sample data, synced (Ctrl-C stops)
    Demo {
        #[command(flatten)]
        args: demo::DemoArgs,
        /// Log format of the nodes' warnings
        #[arg(long, value_enum, value_name = "FORMAT")]
        log_format: Option<LogFormat>,
    },
    /// Import a JSON array of this region's records (all or nothing)
    Import {
        #[command(flatten)]
        node: Node,
        /// The file (as written by `smarty export`)
        file: PathBuf,
    },
    /// Print this region's records as a JSON array (contacts included)
    Export {
        #[command(flatten)]
        node: Node,
    },
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
        #[command(flatten)]
        node: Node,
        /// The file to write (must not exist)
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Put a backup in place of an empty node's store (node stopped); the index is rebuilt
    Restore {
        #[command(flatten)]
        node: Node,
        /// The file `smarty backup` wrote
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Whether the node is healthy: store, index, keys, peers, file modes and the server's /readyz
    Status {
        #[command(flatten)]
        node: Node,
    },
    /// Search the shared catalogue from the terminal
    Search {
        #[command(flatten)]
        node: Node,
        #[command(flatten)]
        args: search::SearchArgs,
    },
    /// Remove this node's tombstones older than federation.tombstone_retention_days now (the
    /// nightly round does it too); works beside a running server
    Compact {
        #[command(flatten)]
        node: Node,
    },
    /// Rebuild the search index from the store (with the server stopped)
    Reindex {
        #[command(flatten)]
        node: Node,
    },
    /// Print the OpenAPI document (needs no configuration)
    Openapi,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    // Everything a command creates (database, WAL, index, keys, configuration) is private.
    crate::files::private_umask();
    let result = match cli.command {
        Command::Init(args) => init::run(args),
        Command::Openapi => {
            print!("{}", crate::openapi::document_json());
            Ok(())
        }
        Command::Serve { node, listen } => node.load().and_then(|mut config| {
            if let Some(listen) = listen {
                config.listen = listen;
            }
            init_logging(node.log_format.unwrap_or(config.log_format));
            crate::files::report(&crate::files::tighten(&config));
            keys::warn_of_recovery_key(&config);
            let runtime = actix_web::rt::System::new();
            Ok(runtime.block_on(crate::server::serve(config))?)
        }),
        Command::Token { node, command } => node.load().and_then(|config| token::run(command, &config)),
        Command::Demo { args, log_format } => {
            init_logging_quiet(log_format.unwrap_or_default());
            demo::run(args)
        }
        Command::Import { node, file } => node.load().and_then(|config| data::import(&file, &config)),
        Command::Export { node } => node.load().and_then(|config| data::export(&config)),
        Command::MigrateStore { from, to } => data::migrate_store(&from, &to),
        Command::Status { node } => node.load().and_then(|config| status::run(&config)),
        Command::Backup { node, to } => node.load().and_then(|config| backup::backup(&to, &config)),
        Command::Restore { node, from } => node.load().and_then(|config| backup::restore(&from, &config)),
        Command::Search { node, args } => node.load().and_then(|config| search::search(args, &config)),
        Command::Reindex { node } => node.load().and_then(|config| search::reindex(&config)),
        Command::Compact { node } => node.load().and_then(|config| sync::compact(&config)),
        Command::Keys { node, command } => node.load().and_then(|config| keys::run(command, &config)),
        Command::Peers { node, command } => node.load().and_then(|config| peers::run(command, &config)),
        Command::Sync { node, peer, bootstrap } => node.load().and_then(|config| {
            init_logging(node.log_format.unwrap_or(config.log_format));
            sync::run(config, peer, bootstrap)
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
