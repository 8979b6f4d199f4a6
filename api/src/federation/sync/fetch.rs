//! Fetching one feed page: fresh token per attempt, timeouts, retries with exponential
//! backoff and jitter on network errors and 5xx (never on 4xx), and a cap on the body size.

use super::Inner;
use crate::federation::token;
use rand::Rng;
use std::time::Duration;

enum Failure {
    /// Worth another try: the network or the peer's server failed.
    Transient(String),
    Final(String),
}

pub(super) async fn page(inner: &Inner, region: &str, base: &str, cursor: Option<&str>) -> Result<Vec<u8>, String> {
    let url = format!("{}/federation/v1/changes", base.trim_end_matches('/'));
    let cfg = &inner.config.sync;
    let mut attempt = 0;
    loop {
        match once(inner, region, &url, cursor).await {
            Ok(body) => return Ok(body),
            Err(Failure::Final(e)) => return Err(e),
            Err(Failure::Transient(e)) if attempt >= cfg.retries => {
                return Err(format!("{e} (after {} attempts)", attempt + 1));
            }
            Err(Failure::Transient(e)) => {
                let base_delay = cfg.backoff_ms.saturating_mul(1 << attempt.min(16));
                let jittered = rand::rng().random_range(base_delay / 2..=base_delay + base_delay / 2);
                tracing::debug!(peer = region, error = %e, attempt, "retrying");
                tokio::time::sleep(Duration::from_millis(jittered)).await;
                attempt += 1;
            }
        }
    }
}

async fn once(inner: &Inner, region: &str, url: &str, cursor: Option<&str>) -> Result<Vec<u8>, Failure> {
    let token = token::issue(&inner.keys, &inner.config.region, region, "GET", url).map_err(Failure::Final)?;
    let mut query: Vec<(&str, String)> = vec![("limit", inner.config.sync.page_size.to_string())];
    if let Some(c) = cursor {
        query.push(("since", c.to_string()));
    }
    let mut res = inner
        .client
        .get(url)
        .query(&query)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| Failure::Transient(format!("cannot reach {url}: {}", describe(&e))))?;
    let status = res.status();
    let cap = inner.config.sync.max_page_bytes;
    if !status.is_success() {
        let detail = read_capped(&mut res, 16 * 1024).await.ok().and_then(|b| problem_detail(&b));
        let message = format!("{url} answered {status}{}", detail.map(|d| format!(": {d}")).unwrap_or_default());
        return Err(if status.is_server_error() { Failure::Transient(message) } else { Failure::Final(message) });
    }
    if res.content_length().is_some_and(|n| n > cap) {
        return Err(Failure::Final(format!("the page from {url} is larger than the {cap}-byte limit")));
    }
    read_capped(&mut res, cap).await
}

async fn read_capped(res: &mut reqwest::Response, cap: u64) -> Result<Vec<u8>, Failure> {
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
                return Err(Failure::Transient(format!("the page was cut off: {}", describe(&e))));
            }
        }
    }
}

fn problem_detail(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    Some(v.get("detail")?.as_str()?.chars().take(300).collect())
}

fn describe(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
