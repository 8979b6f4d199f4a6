//! Opening the index, and the indexer that follows the node's change sequence. The indexer's
//! position is kept in each commit's payload, with the documents it covers, so a crash resumes
//! exactly where the last commit left off.

use super::document;
use super::error::{IndexError, Unusable};
use super::fields::{Fields, SCHEMA_VERSION, register_analysers};
use serde::{Deserialize, Serialize};
use smarty_schema::store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// MiB the writer buffers documents in unless configured otherwise (`index_memory_mib`).
pub const DEFAULT_WRITER_MIB: u32 = 64;

/// Records read from the store per batch.
const BATCH: i64 = 2000;
/// Records indexed between commits at most (a rebuild commits rarely; a live node every change).
const COMMIT_EVERY: usize = 100_000;
/// How often an idle indexer looks for new changes: well inside the one-second promise.
const POLL: Duration = Duration::from_millis(150);

#[derive(Serialize, Deserialize)]
struct Payload {
    schema_version: u32,
    seq: i64,
}

pub struct Catalogue {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub store: Store,
    dir: PathBuf,
    /// Sequence number the index covers.
    position: AtomicI64,
    /// Set once the indexer has caught up with the store since start.
    caught_up: AtomicBool,
    /// Whether this start found no usable index and is building one from the store.
    pub rebuilding: bool,
    /// Bytes the writer buffers documents in (see `Config::index_memory_mib`).
    writer_memory: usize,
    /// The searcher generation and, for it, which analysers' fields hold any term.
    pub(super) held: std::sync::Mutex<Option<(u64, std::sync::Arc<Vec<bool>>)>>,
}

impl Catalogue {
    /// Opens the index in `dir`. With `rebuild_if_needed`, an index that is missing, corrupt
    /// or of another schema version is replaced by an empty one that the indexer fills from
    /// the store; without it such an index is an error.
    pub fn open(dir: &Path, store: Store, rebuild_if_needed: bool) -> Result<Catalogue, IndexError> {
        let (schema, fields) = Fields::schema();
        let folder = |source| IndexError::Folder { path: dir.to_path_buf(), source };
        let existing = open_existing(dir).and_then(|(index, seq)| {
            let last = store.last_seq().map_err(Unusable::Store)?;
            // An index ahead of its store belongs to a store since restored from a backup.
            if seq > last { Err(Unusable::AheadOfStore { index: seq, store: last }) } else { Ok((index, seq)) }
        });
        let (index, position, rebuilding) = match existing {
            Ok((index, seq)) => (index, seq, false),
            Err(why) if rebuild_if_needed => {
                if dir.exists() {
                    tracing::warn!(reason = %why, dir = %dir.display(), "rebuilding the search index from the store");
                } else {
                    tracing::info!(dir = %dir.display(), "building the search index from the store");
                }
                if dir.exists() {
                    std::fs::remove_dir_all(dir).map_err(folder)?;
                }
                std::fs::create_dir_all(dir).map_err(folder)?;
                let directory = MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
                (Index::create(directory, schema, Default::default())?, 0, true)
            }
            Err(why) => return Err(IndexError::Unusable { dir: dir.to_path_buf(), why }),
        };
        register_analysers(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Catalogue {
            index,
            reader,
            fields,
            store,
            dir: dir.to_path_buf(),
            position: AtomicI64::new(position),
            caught_up: AtomicBool::new(false),
            rebuilding,
            writer_memory: DEFAULT_WRITER_MIB as usize * 1024 * 1024,
            held: std::sync::Mutex::default(),
        })
    }

    /// Whether the index has caught up with the store since the node started.
    pub fn is_current(&self) -> bool {
        self.caught_up.load(Ordering::Acquire)
    }

    pub fn position(&self) -> i64 {
        self.position.load(Ordering::Acquire)
    }

    /// Starts the indexer on its own thread, inside `span` (the node's); it runs for the life
    /// of the process.
    pub fn spawn_indexer(self: &Arc<Self>, span: tracing::Span) -> Result<(), IndexError> {
        let mut writer = self.writer()?;
        let this = self.clone();
        std::thread::Builder::new()
            .name("indexer".into())
            .spawn(move || {
                let _node = span.entered();
                loop {
                    match this.step(&mut writer) {
                        Ok(0) => std::thread::sleep(POLL),
                        Ok(_) => {}
                        Err(e) => {
                            tracing::error!(error = %e, "indexing failed; retrying");
                            std::thread::sleep(Duration::from_secs(1));
                        }
                    }
                }
            })
            .map_err(IndexError::Thread)?;
        Ok(())
    }

    /// Indexes everything up to the store's current sequence, then returns (`smarty reindex`).
    pub fn catch_up(&self) -> Result<(), IndexError> {
        let mut writer = self.writer()?;
        while self.step(&mut writer)? > 0 {}
        Ok(())
    }

    /// Fails when another process (a running node) holds the index's writer lock.
    pub fn catch_up_check_lock(&self) -> Result<(), IndexError> {
        self.writer().map(drop)
    }

    /// The same catalogue, its writer buffering documents in `mib` MiB.
    pub fn with_writer_memory(mut self, mib: u32) -> Catalogue {
        self.writer_memory = mib as usize * 1024 * 1024;
        self
    }

    fn writer(&self) -> Result<IndexWriter, IndexError> {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(2);
        self.index.writer_with_num_threads(threads, self.writer_memory).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => IndexError::InUse(self.dir.clone()),
            other => IndexError::Tantivy(other),
        })
    }

    /// Applies the changes since the index's position, committing at least every second and
    /// every `COMMIT_EVERY` records; returns how many were read.
    fn step(&self, writer: &mut IndexWriter) -> Result<usize, IndexError> {
        let started = std::time::Instant::now();
        let mut position = self.position();
        let mut read = 0;
        loop {
            let since = self.store.records_since(position, BATCH)?;
            let Some(last) = since.last_seq else { break };
            // A row that cannot be read any more is not searchable either.
            for (origin, id) in &since.unreadable {
                writer.delete_term(Term::from_field_text(self.fields.key, &document::key(origin, id)));
            }
            let rows = since.records;
            for row in &rows {
                writer.delete_term(Term::from_field_text(self.fields.key, &document::key(&row.origin, &row.id)));
                if let Some(doc) = document::of_record(&self.fields, row) {
                    writer.add_document(doc)?;
                }
            }
            read += rows.len() + since.unreadable.len();
            position = last;
            if read >= COMMIT_EVERY || started.elapsed() >= Duration::from_secs(1) {
                break;
            }
        }
        if read == 0 {
            self.caught_up.store(true, Ordering::Release);
            return Ok(0);
        }
        let payload =
            serde_json::to_string(&Payload { schema_version: SCHEMA_VERSION, seq: position }).expect("serialises");
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&payload);
        commit.commit()?;
        self.reader.reload()?;
        self.position.store(position, Ordering::Release);
        Ok(read)
    }
}

/// The change of the store that the index in `dir` has reached, read from its last commit
/// without opening it for writing (a running node may hold it).
pub fn position_on_disk(dir: &Path) -> Result<i64, Unusable> {
    open_existing(dir).map(|(_, seq)| seq)
}

/// The index in `dir` and the sequence it covers, if it is usable.
fn open_existing(dir: &Path) -> Result<(Index, i64), Unusable> {
    if !dir.join("meta.json").exists() {
        return Err(Unusable::Missing);
    }
    let index = Index::open_in_dir(dir).map_err(Unusable::Open)?;
    let payload = index.load_metas().map_err(Unusable::Metadata)?.payload;
    let payload: Payload = match payload {
        None => Payload { schema_version: SCHEMA_VERSION, seq: 0 },
        Some(p) => serde_json::from_str(&p).map_err(|_| Unusable::Payload)?,
    };
    if payload.schema_version != SCHEMA_VERSION {
        return Err(Unusable::SchemaVersion { found: payload.schema_version, expected: SCHEMA_VERSION });
    }
    let (expected, _) = Fields::schema();
    if index.schema() != expected {
        return Err(Unusable::Fields);
    }
    // Read every segment's metadata once, so corruption shows now rather than mid-search.
    index.searchable_segment_metas().map_err(Unusable::Segments)?;
    Ok((index, payload.seq))
}
