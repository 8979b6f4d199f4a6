//! Why a pull from a peer failed. The peer's status keeps the message (sanitised), so each
//! says what happened and which setting bounds it.

use smarty_schema::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0} is not a peer this node pulls from")]
    NotAPeer(String),
    #[error("a sync of {0} is already running (on this replica or another of this node)")]
    AlreadyRunning(String),
    #[error("the peer has no URL")]
    NoUrl,
    #[error("the peer's URL {url} is not a URL: {source}")]
    BadUrl { url: String, source: url::ParseError },
    /// Records and cursors between machines travel over TLS unless the operator opted in.
    #[error("{0} is plain http to another machine; use https (or peers add --insecure-http)")]
    PlainHttp(String),
    /// The network or the peer's answer: unreachable, timed out, an error status, a
    /// redirect, a body over the cap, cut off (fetch.rs says which).
    #[error(transparent)]
    Fetch(#[from] super::fetch::FetchError),
    /// The snapshot is not one (its lines are out of order, malformed or miscounted).
    #[error("the snapshot is malformed: {0}")]
    Snapshot(#[from] SnapshotError),
    /// The body is not a changes page.
    #[error(transparent)]
    Page(#[from] super::verify::PageError),
    /// The round's time ran out before this peer's turn.
    #[error("the round's time (sync.round_timeout_secs = {0} s) ran out first")]
    RoundOver(u64),
    #[error("stopped after {0} pages (sync.max_pages_per_round); the rest follows next round")]
    TooManyPages(usize),
    #[error("stopped after {pages} pages: the round's time (sync.round_timeout_secs = {secs} s) ran out")]
    RoundOverAfter { pages: usize, secs: u64 },
    /// The peer tried to steer the loop with a page larger than asked.
    #[error("the page holds {held} changes, more than the {asked} asked for")]
    PageTooLarge { held: usize, asked: usize },
    /// The peer tried to steer the loop with a cursor that does not move on.
    #[error("the peer says there is more but its next cursor does not move on")]
    CursorStuck,
    #[error("pinned keys of {region}: {reason}")]
    PinnedKeys { region: String, reason: PinnedKeysError },
    #[error("cannot apply a page: {0}")]
    Apply(StoreError),
    #[error("cannot read the peers: {0}")]
    Store(#[from] StoreError),
    /// The HTTP client cannot be built (no TLS backend).
    #[error("cannot build the HTTP client: {0}")]
    Client(reqwest::Error),
    /// A blocking task failed (a panic in verification or the store).
    #[error("internal error: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// What is wrong with a snapshot (docs/protocol.md, section 9).
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("a line follows the end line")]
    AfterEnd,
    #[error("a line is not a snapshot line: {0}")]
    NotALine(serde_json::Error),
    #[error("a second head line")]
    SecondHead,
    #[error("the first line is not the head")]
    NoHead,
    #[error("the end line counts {said} changes, {came} came")]
    Miscounted { said: i64, came: usize },
    #[error("the snapshot was cut off before its end line")]
    CutOff,
    #[error("a line is longer than the {0}-byte limit (sync.max_page_bytes)")]
    LongLine(usize),
}

/// Why a repair from one peer failed (the next peer is tried).
#[derive(Debug, thiserror::Error)]
pub enum RepairError {
    #[error("the peer has no URL")]
    NoUrl,
    #[error("cannot reach {url}: {source}")]
    Unreachable { url: String, source: reqwest::Error },
    #[error("{url} answered {status}")]
    Status { url: String, status: reqwest::StatusCode },
    #[error("{url} answered more than {limit} bytes")]
    TooLarge { url: String, limit: usize },
    #[error("the answer of {url} was cut off: {source}")]
    CutOff { url: String, source: reqwest::Error },
    #[error("not a range digest: {0}")]
    NotARange(serde_json::Error),
    /// Parts outside the range, out of order, or not starting at its `from`: the peer would
    /// be steering the bisection.
    #[error("the range's parts are not a split of the range")]
    NotASplit,
    #[error("gave up after {0} range requests")]
    TooManyRanges(usize),
    #[error(transparent)]
    Page(#[from] super::verify::PageError),
    #[error(transparent)]
    Token(#[from] crate::federation::token::TokenError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Why a peer's pinned key set cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PinnedKeysError {
    #[error("the stored set is not a JWK set: {0}")]
    Unreadable(#[from] serde_json::Error),
    #[error(transparent)]
    Key(#[from] smarty_schema::signing::KeyError),
}

/// Commands and the scheduler report sync failures as text.
impl From<SyncError> for String {
    fn from(e: SyncError) -> String {
        e.to_string()
    }
}
