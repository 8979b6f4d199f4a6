//! `smarty status`: one screen that tells an operator whether the node is healthy, and if
//! not, what to do. It reads the store, the index on disk, the key files and the data folder,
//! and asks the running server's `/readyz`; it changes nothing.

use crate::config::Config;
use crate::keys::NodeKeys;
use smarty_schema::store::Store;
use smarty_schema::timestamp;
use std::fmt::Write as _;
use std::time::Duration;

/// What one line of the screen found.
struct Line {
    topic: &'static str,
    text: String,
    /// Why the node is not healthy, when this line says it is not.
    trouble: Option<String>,
}

impl Line {
    fn fine(topic: &'static str, text: String) -> Line {
        Line { topic, text, trouble: None }
    }

    fn wrong(topic: &'static str, text: String, trouble: impl Into<String>) -> Line {
        Line { topic, text, trouble: Some(trouble.into()) }
    }
}

/// Prints the screen; fails (exit 1) when anything needs the operator.
pub fn run(config: &Config) -> Result<(), String> {
    let mut lines = vec![node(config), server(config)];
    let store = Store::open_as_is(&config.database()?, 1);
    let store_position = match &store {
        Ok(store) => {
            let (line, position) = store_line(store);
            lines.push(line);
            position
        }
        Err(e) => {
            lines.push(Line::wrong("store", format!("cannot open: {e}"), "the store cannot be opened"));
            None
        }
    };
    lines.push(index(config, store_position));
    lines.push(keys(config, store.as_ref().ok()));
    if let Ok(store) = &store {
        lines.extend(peers(store));
    }
    lines.push(files(config));

    let mut screen = String::new();
    for line in &lines {
        let mark = if line.trouble.is_some() { "!" } else { " " };
        let _ = writeln!(screen, "{mark} {:<7} {}", line.topic, line.text);
    }
    let troubles: Vec<&str> = lines.iter().filter_map(|l| l.trouble.as_deref()).collect();
    print!("{screen}");
    if troubles.is_empty() {
        println!("healthy");
        Ok(())
    } else {
        Err(format!("not healthy: {}", troubles.join("; ")))
    }
}

fn node(config: &Config) -> Line {
    let public = config.public_url.as_deref().unwrap_or("none set (public_url)");
    Line::fine(
        "node",
        format!(
            "{} ({}), listening on {}, public URL {public}",
            config.region,
            config.region_name(&config.region),
            config.listen
        ),
    )
}

/// Asks the running server whether it is ready, at its listen address.
fn server(config: &Config) -> Line {
    let Some(port) = config.listen.rsplit(':').next().and_then(|p| p.parse::<u16>().ok()) else {
        return Line::wrong("server", format!("listen = {:?} is not host:port", config.listen), "listen is invalid");
    };
    if port == 0 {
        return Line::fine("server", "listen picks a free port at start: not probed".into());
    }
    let host = config.listen.rsplit_once(':').map_or("127.0.0.1", |(h, _)| h);
    let host = if host == "0.0.0.0" || host.is_empty() { "127.0.0.1" } else { host };
    let url = format!("http://{host}:{port}/readyz");
    let asked = tokio::runtime::Builder::new_current_thread().enable_all().build().map(|runtime| {
        runtime.block_on(async {
            let client = reqwest::Client::builder().timeout(Duration::from_secs(3)).build()?;
            let res = client.get(&url).send().await?;
            let status = res.status();
            Ok::<_, reqwest::Error>((status, res.text().await.unwrap_or_default()))
        })
    });
    match asked {
        Ok(Ok((status, _))) if status.is_success() => Line::fine("server", format!("{url}: ready")),
        Ok(Ok((status, body))) => {
            let detail = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["detail"].as_str().map(str::to_string))
                .unwrap_or_default();
            Line::wrong("server", format!("{url}: {status} {detail}"), "the server is not ready")
        }
        Ok(Err(e)) => Line::wrong(
            "server",
            format!("{url}: not answering ({e})"),
            "the server is not running (systemctl start smarty, or smarty serve)",
        ),
        Err(e) => Line::wrong("server", format!("cannot probe: {e}"), "cannot probe the server"),
    }
}

fn store_line(store: &Store) -> (Line, Option<i64>) {
    let at = store.url().redacted();
    let migrated = match store.ready() {
        Ok(true) => None,
        Ok(false) => Some("migrations are pending: start the node (it applies them) or run smarty serve once"),
        Err(_) => Some("the store is not reachable"),
    };
    let position = store.last_seq().ok();
    let text = match position {
        Some(p) => format!("{at}: reachable, at change {p}"),
        None => format!("{at}: not reachable"),
    };
    let line = match migrated {
        None => Line::fine("store", format!("{text}, every migration applied")),
        Some(why) => Line::wrong("store", text, why),
    };
    (line, position)
}

fn index(config: &Config, store: Option<i64>) -> Line {
    let dir = config.index_path();
    match (crate::search::indexer::position_on_disk(&dir), store) {
        (Ok(at), Some(store)) if at >= store => {
            Line::fine("index", format!("{}: at change {at}, caught up with the store", dir.display()))
        }
        (Ok(at), Some(store)) => Line::fine(
            "index",
            format!(
                "{}: at change {at}, the store at {store} (a running node catches up within seconds)",
                dir.display()
            ),
        ),
        (Ok(at), None) => Line::fine("index", format!("{}: at change {at}", dir.display())),
        (Err(crate::search::error::Unusable::Missing), _) => Line::fine(
            "index",
            format!("{}: not built yet (the node builds it from the store at start)", dir.display()),
        ),
        (Err(why), _) => Line::wrong(
            "index",
            format!("{}: {why}", dir.display()),
            "the search index is unusable: the node rebuilds it at start, or run smarty reindex",
        ),
    }
}

fn keys(config: &Config, store: Option<&Store>) -> Line {
    let keys = match NodeKeys::load(config) {
        Ok(keys) => keys,
        Err(e) => return Line::wrong("keys", e.to_string(), "the node's key cannot be read"),
    };
    let mut text = format!("active {} ({})", keys.kid(), config.key_path().display());
    let Some(store) = store else { return Line::fine("keys", text) };
    match store.retired_keys(&timestamp::now()) {
        Ok(retired) => {
            for key in retired {
                let _ = write!(text, "; retired {} verify-only until {}", key.kid, key.expires_at);
            }
            Line::fine("keys", text)
        }
        Err(e) => Line::wrong("keys", format!("{text}; retired keys unreadable: {e}"), "retired keys cannot be read"),
    }
}

fn peers(store: &Store) -> Vec<Line> {
    let peers = match store.list_peers() {
        Ok(peers) => peers,
        Err(e) => return vec![Line::wrong("peers", e.to_string(), "the peers cannot be read")],
    };
    if peers.is_empty() {
        return vec![Line::fine("peers", "none (smarty peers add)".into())];
    }
    peers
        .into_iter()
        .map(|p| {
            let pulled = if p.url.is_some() { "pulled" } else { "pinned only" };
            let success = p.last_success_at.as_deref().unwrap_or("never");
            let text = format!("{} ({pulled}): last success {success}, {} received", p.region, p.records_received);
            match (&p.last_error, p.consecutive_failures) {
                (Some(error), n) if n > 0 => Line::wrong(
                    "peers",
                    format!("{text}; {n} failure(s) in a row, last: {error}"),
                    format!("pulls from {} fail", p.region),
                ),
                _ => Line::fine("peers", text),
            }
        })
        .collect()
}

fn files(config: &Config) -> Line {
    let loose = crate::files::loose(config);
    if loose.is_empty() {
        return Line::fine("files", format!("{}: private (files 0600, folders 0700)", config.base_dir.display()));
    }
    let shown: Vec<String> = loose.iter().take(3).map(|p| p.display().to_string()).collect();
    Line::wrong(
        "files",
        format!("{} path(s) other users can read: {}", loose.len(), shown.join(", ")),
        "files are readable by other users: smarty serve tightens them at start, or chmod 600 / 700",
    )
}
