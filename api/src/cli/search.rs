//! `smarty search` and `smarty reindex`.

use crate::config::Config;
use crate::search::Catalogue;
use crate::search::collector::{Filters, Sort};
use crate::search::request::SearchRequest;
use smarty_schema::store::Store;

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words to look for (empty: everything)
    #[arg(default_value = "")]
    query: String,
    /// Only this theme (repeatable)
    #[arg(long)]
    theme: Vec<String>,
    /// Only records of this origin region (repeatable)
    #[arg(long)]
    origin: Vec<String>,
    /// Only this kind: case_study, policy_instrument, action_plan or region_profile (repeatable)
    #[arg(long)]
    kind: Vec<String>,
    /// Newest first instead of most relevant first
    #[arg(long)]
    newest: bool,
    /// How many results
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print the full result as JSON
    #[arg(long)]
    json: bool,
}

pub fn search(args: SearchArgs, config: &Config) -> Result<(), String> {
    let store = Store::open(&config.database()?, 1).map_err(|e| e.to_string())?;
    let catalogue = Catalogue::open(&config.index_path(), store, false)?;
    let mut filters = Filters::default();
    filters.values[0] = args.theme;
    filters.values[1] = args.origin;
    filters.values[2] = args.kind;
    let request = SearchRequest {
        q: args.query,
        filters,
        sort: if args.newest { Sort::Updated } else { Sort::Relevance },
        offset: 0,
        limit: args.limit.clamp(1, 100),
    };
    let result = catalogue.search(&request)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?);
        return Ok(());
    }
    println!("{} result(s)", result.total);
    // Matches in bold on a terminal; plain text when piped.
    let (bold, plain) =
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    for hit in &result.hits {
        let snippet = hit.snippet.replace("<mark>", bold).replace("</mark>", plain);
        println!("\n{}  [{} · {} · {}]", hit.title, hit.origin, hit.kind, hit.themes.join(", "));
        println!("  {}", plain_text(&snippet));
        println!("  id {}", hit.id);
    }
    Ok(())
}

/// The snippet is HTML-escaped for pages: the terminal gets the text itself.
fn plain_text(s: &str) -> String {
    htmlescape::decode_html(s).unwrap_or_else(|_| s.to_string())
}

/// Rebuilds the index from the store; the server must be stopped.
pub fn reindex(config: &Config) -> Result<(), String> {
    let dir = config.index_path();
    let store = Store::open(&config.database()?, 2).map_err(|e| e.to_string())?;
    // Refuse while a server holds the index, before deleting anything.
    if dir.join("meta.json").exists() {
        let current = Catalogue::open(&dir, store.clone(), true)?;
        current.catch_up_check_lock()?;
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    let catalogue = Catalogue::open(&dir, store, true)?.with_writer_memory(config.index_memory_mib);
    let start = std::time::Instant::now();
    catalogue.catch_up()?;
    let docs = catalogue.reader.searcher().num_docs();
    println!("reindexed {docs} published record(s) in {:.1} s into {}", start.elapsed().as_secs_f64(), dir.display());
    Ok(())
}
