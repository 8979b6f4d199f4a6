//! Fetching one feed page: fresh token per attempt; connect, idle and total deadlines; retries
//! with exponential backoff and jitter on network errors and 5xx (never on 4xx) drawn from one
//! failure budget per peer and round; redirects never followed; a cap on the body size. What
//! a peer says is untrusted: only a short, sanitised part of it ever reaches the peer status.

use super::Inner;
use crate::federation::token;
use rand::Rng;
use std::time::{Duration, Instant};

enum Failure {
    /// Worth another try: the network or the peer's server failed.
    Transient(String),
    /// The peer does not serve this feed (404): it speaks an older protocol.
    NotServed(String),
    /// The cursor predates the peer's tombstone horizon (410 `snapshot-required`).
    SnapshotRequired(String),
    Final(String),
}

/// Why a page could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The peer answered 404 for the feed's address: it does not speak that version.
    #[error("{0}")]
    NotServed(String),
    /// The peer answered 410 `snapshot-required`: the cursor predates its tombstone horizon,
    /// and only its snapshot brings this node up to date.
    #[error("{0}")]
    SnapshotRequired(String),
    /// Anything else: unreachable, timed out, an error status, a redirect, too large.
    #[error("{0}")]
    Failed(String),
}

/// Time one peer may still spend failing in this round, and the round's deadline.
pub(super) struct Budget {
    failing: Duration,
    limit: Duration,
    pub deadline: Instant,
}

impl Budget {
    pub fn new(limit: Duration, deadline: Instant) -> Budget {
        Budget { failing: Duration::ZERO, limit, deadline }
    }

    /// What is left of the failure budget, and of the round.
    fn remaining(&self) -> Duration {
        self.limit.saturating_sub(self.failing).min(self.deadline.saturating_duration_since(Instant::now()))
    }
}

pub(super) async fn page(
    inner: &Inner,
    region: &str,
    base: &str,
    version: u8,
    cursor: Option<&str>,
    budget: &mut Budget,
) -> Result<Vec<u8>, FetchError> {
    let url = format!("{}/federation/v{version}/changes", base.trim_end_matches('/'));
    let cfg = &inner.config.sync;
    let mut attempt = 0;
    loop {
        let left = budget.remaining();
        if left.is_zero() {
            return Err(FetchError::Failed(out_of_budget(inner, attempt)));
        }
        let started = Instant::now();
        let outcome = match tokio::time::timeout(left, once(inner, region, &url, cursor)).await {
            Ok(outcome) => outcome,
            Err(_) => {
                Err(Failure::Transient(format!("{url} did not answer within the time left ({} s)", left.as_secs())))
            }
        };
        let error = match outcome {
            Ok(body) => return Ok(body),
            Err(Failure::Final(e)) => return Err(FetchError::Failed(e)),
            Err(Failure::NotServed(e)) => return Err(FetchError::NotServed(e)),
            Err(Failure::SnapshotRequired(e)) => return Err(FetchError::SnapshotRequired(e)),
            Err(Failure::Transient(e)) => e,
        };
        budget.failing += started.elapsed();
        if attempt >= cfg.retries {
            return Err(FetchError::Failed(format!("{error} (after {} attempts)", attempt + 1)));
        }
        let base_delay = cfg.backoff_ms.saturating_mul(1 << attempt.min(16));
        let delay = Duration::from_millis(rand::rng().random_range(base_delay / 2..=base_delay + base_delay / 2));
        if delay >= budget.remaining() {
            return Err(FetchError::Failed(format!("{error}; {}", out_of_budget(inner, attempt + 1))));
        }
        tracing::debug!(peer = region, error = %error, attempt, "retrying");
        tokio::time::sleep(delay).await;
        budget.failing += delay;
        attempt += 1;
    }
}

fn out_of_budget(inner: &Inner, attempts: u32) -> String {
    format!(
        "gave up after {attempts} attempt(s): the peer's failure budget (sync.failure_budget_secs = {}) or the round's \
         time (sync.round_timeout_secs = {}) ran out",
        inner.config.sync.failure_budget_secs, inner.config.sync.round_timeout_secs
    )
}

async fn once(inner: &Inner, region: &str, url: &str, cursor: Option<&str>) -> Result<Vec<u8>, Failure> {
    let mut query: Vec<(&str, String)> = vec![("limit", inner.config.sync.page_size.to_string())];
    if let Some(c) = cursor {
        query.push(("since", c.to_string()));
    }
    let mut res = send(inner, region, url, &query, None).await?;
    let cap = inner.config.sync.max_page_bytes;
    if res.content_length().is_some_and(|n| n > cap) {
        return Err(Failure::Final(format!("the page from {url} is larger than the {cap}-byte limit")));
    }
    read_capped(inner, &mut res, cap).await
}

/// A GET of a peer's federation route with a fresh token, answered with success: anything
/// else (a redirect, an error status) fails, with the peer's own words about it.
async fn send(
    inner: &Inner,
    region: &str,
    url: &str,
    query: &[(&str, String)],
    timeout: Option<Duration>,
) -> Result<reqwest::Response, Failure> {
    let token = token::issue(&inner.keys, &inner.config.region, region, "GET", url)
        .map_err(|e| Failure::Final(e.to_string()))?;
    let mut request = inner.client.get(url).query(query).bearer_auth(token);
    if let Some(t) = timeout {
        request = request.timeout(t);
    }
    let mut res =
        request.send().await.map_err(|e| Failure::Transient(format!("cannot reach {url}: {}", describe(inner, &e))))?;
    let status = res.status();
    if status.is_redirection() {
        // Following would let a peer point this node at any address, internal ones included.
        return Err(Failure::Final(format!("{url} answered {status}: redirects are never followed")));
    }
    if !status.is_success() {
        let problem = read_capped(inner, &mut res, 16 * 1024).await.ok().and_then(|b| problem(&b));
        let detail = problem.as_ref().map(|p| format!(": {}", sanitise(&p.detail, 120))).unwrap_or_default();
        let message = format!("{url} answered {status}{detail}");
        let snapshot = problem.is_some_and(|p| p.r#type.ends_with("/problems/snapshot-required"));
        return Err(if status.is_server_error() {
            Failure::Transient(message)
        } else if status == reqwest::StatusCode::NOT_FOUND {
            Failure::NotServed(message)
        } else if status == reqwest::StatusCode::GONE && snapshot {
            Failure::SnapshotRequired(message)
        } else {
            Failure::Final(message)
        });
    }
    Ok(res)
}

/// Opens a long answer of a peer (a snapshot) for reading as it comes: one attempt, bounded
/// by `total` rather than the per-page time, and by the idle timeout between reads.
pub(super) async fn open(
    inner: &Inner,
    region: &str,
    url: &str,
    total: Duration,
) -> Result<reqwest::Response, FetchError> {
    send(inner, region, url, &[], Some(total)).await.map_err(|f| match f {
        Failure::NotServed(e) => FetchError::NotServed(e),
        Failure::SnapshotRequired(e) | Failure::Transient(e) | Failure::Final(e) => FetchError::Failed(e),
    })
}

/// The next piece of a long answer (`None` at its end), its failures named like a page's.
pub(super) async fn next_chunk(
    inner: &Inner,
    res: &mut reqwest::Response,
) -> Result<Option<actix_web::web::Bytes>, FetchError> {
    res.chunk().await.map_err(|e| FetchError::Failed(format!("the answer was cut off: {}", describe(inner, &e))))
}

async fn read_capped(inner: &Inner, res: &mut reqwest::Response, cap: u64) -> Result<Vec<u8>, Failure> {
    let mut body = Vec::new();
    loop {
        match res.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() as u64 + chunk.len() as u64 > cap {
                    return Err(Failure::Final(format!("the page is larger than the {cap}-byte limit")));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => {
                return Err(Failure::Transient(format!("the page was cut off: {}", describe(inner, &e))));
            }
        }
    }
}

/// What a peer's refusal says of itself (only `type` and `detail` are read).
#[derive(serde::Deserialize)]
struct Problem {
    #[serde(default)]
    r#type: String,
    detail: String,
}

/// The peer's own words about a refusal, if it sent a problem document.
fn problem(body: &[u8]) -> Option<Problem> {
    serde_json::from_slice(body).ok()
}

/// Text from elsewhere made safe to show: no control characters, at most `max` characters.
pub fn sanitise(text: &str, max: usize) -> String {
    let clean: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out: String = clean.chars().take(max).collect();
    if clean.chars().count() > max {
        out.push('…');
    }
    out
}

/// Names a timeout by the setting that bounds it; otherwise the error chain.
fn describe(inner: &Inner, e: &reqwest::Error) -> String {
    let cfg = &inner.config.sync;
    if e.is_timeout() {
        return format!(
            "timed out (no data for sync.idle_timeout_secs = {} s, or the request took over sync.read_timeout_secs = {} s)",
            cfg.idle_timeout_secs, cfg.read_timeout_secs
        );
    }
    if e.is_connect() && std::error::Error::source(e).is_some_and(|s| s.to_string().contains("timed out")) {
        return format!("could not connect within sync.connect_timeout_secs = {} s", cfg.connect_timeout_secs);
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
