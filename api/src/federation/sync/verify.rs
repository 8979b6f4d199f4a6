//! Checking a page from a peer. Peer data is untrusted: every record is verified against its
//! origin's pinned keys and validated like a local write before anything is stored.

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;
use smarty_schema::FieldError;
use smarty_schema::Status;
use smarty_schema::content::validate_remote;
use smarty_schema::signing::keychain::{KeyChain, KeyStatements, KeyUseError};
use smarty_schema::signing::{Change, Checkpoint, SignatureError};
use smarty_schema::store::Write;
use std::collections::HashMap;

/// By region, the pinned keys and those their statements chain to them.
pub(super) type Trust = HashMap<String, KeyChain>;

pub(super) struct VerifiedPage {
    pub changes: Vec<Write>,
    /// The origins' key statements the page taught this node, and the trust they make (the
    /// page's records were verified with it).
    pub learned: Option<(Trust, KeyStatements)>,
    /// The page's checkpoints that verify with their origins' pinned keys (this node's own
    /// left out).
    pub checkpoints: Vec<Checkpoint>,
    /// (record id, reason) of refused records.
    pub rejected: Vec<(String, Refusal)>,
    pub next: String,
    pub more: bool,
}

/// The longest cursor a peer may hand this node (its own are a few characters).
pub(super) const MAX_CURSOR: usize = 200;

/// Why a page fails whole: nothing of it is applied, and the cursor stays.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("the page is not a changes page: {0}")]
    NotAPage(serde_json::Error),
    #[error("the page's cursor is implausibly long")]
    LongCursor,
}

/// Why one record of a page is refused (the rest of the page is applied).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("malformed record: {0}")]
    Malformed(serde_json::Error),
    #[error("the id is not a UUID or the version is below 1")]
    BadIdentity,
    #[error("origin {0} is not a pinned region")]
    UnpinnedOrigin(String),
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// Signed by a key its origin revoked, or retired before the record's date.
    #[error(transparent)]
    Key(#[from] KeyUseError),
    #[error("a tombstone carries content")]
    TombstoneWithContent,
    #[error("a live record has no content")]
    NoContent,
    #[error("a live record with status {}", .0.as_str())]
    NotPublished(Status),
    #[error("invalid content: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    InvalidContent(Vec<FieldError>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    changes: Vec<Box<RawValue>>,
    next: String,
    more: bool,
    /// Version 2 pages only.
    #[serde(default)]
    checkpoints: Vec<Checkpoint>,
    /// Version 2 pages only: the origins' key statements.
    #[serde(default)]
    key_statements: KeyStatements,
}

/// Parses and checks a page. A page that is not a feed page fails whole; a bad record is
/// refused alone, with its reason.
pub(super) fn page(body: &[u8], trust: &Trust, local_region: &str) -> Result<VerifiedPage, PageError> {
    let body: Body = serde_json::from_slice(body).map_err(PageError::NotAPage)?;
    if body.next.len() > MAX_CURSOR {
        return Err(PageError::LongCursor);
    }
    // The statements first: a record of this very page may be signed by a key they bring.
    let learned = learn(trust, &body.key_statements, local_region);
    let trust = learned.as_ref().map_or(trust, |(grown, _)| grown);
    let (changes, rejected) = all(&body.changes, trust, local_region);
    let checkpoints = body.checkpoints.into_iter().filter(|c| trusted(c, trust, local_region)).collect();
    Ok(VerifiedPage { changes, learned, checkpoints, rejected, next: body.next, more: body.more })
}

/// The trust grown by `offered` key statements, and those that took effect (each verified
/// against its origin's chain); `None` when none did.
pub(super) fn learn(trust: &Trust, offered: &KeyStatements, local_region: &str) -> Option<(Trust, KeyStatements)> {
    let mut grown: Option<Trust> = None;
    let mut learned = KeyStatements::default();
    for (origin, chain) in trust {
        if origin == local_region {
            continue;
        }
        if let Some((chain, new)) = chain.learn(offered) {
            tracing::info!(%origin, rotations = new.rotations.len(), revocations = new.revocations.len(), "learned key statements");
            learned.extend(new);
            grown.get_or_insert_with(|| trust.clone()).insert(origin.clone(), chain);
        }
    }
    grown.map(|g| (g, learned))
}

/// Parses and checks the records a peer served by id (a repair): a body that is not one
/// fails whole; a bad record is refused alone, with its reason.
pub(super) fn records(body: &[u8], trust: &Trust, local_region: &str) -> Result<Checked, PageError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Records {
        changes: Vec<Box<RawValue>>,
    }
    let body: Records = serde_json::from_slice(body).map_err(PageError::NotAPage)?;
    Ok(all(&body.changes, trust, local_region))
}

/// The writes of the changes that verify, and (id, reason) of those refused.
pub(super) type Checked = (Vec<Write>, Vec<(String, Refusal)>);

pub(super) fn all(raw: &[Box<RawValue>], trust: &Trust, local_region: &str) -> Checked {
    // Signature checks dominate: spread them over the cores, on rayon's pool that lives as long
    // as the process (threads started per page cost their start-up and, with a thread-caching
    // allocator, fresh heaps each time).
    let checked: Vec<Result<Write, (String, Refusal)>> =
        raw.par_iter().with_min_len(16).map(|v| record(v, trust, local_region)).collect();
    let mut changes = Vec::with_capacity(checked.len());
    let mut rejected = Vec::new();
    for c in checked {
        match c {
            Ok(change) => changes.push(change),
            Err(r) => rejected.push(r),
        }
    }
    (changes, rejected)
}

/// A checkpoint of another origin that verifies with that origin's pinned keys. One that does
/// not is left out (and logged): it proves nothing, and the records stand on their own.
pub(super) fn trusted(checkpoint: &Checkpoint, trust: &Trust, local_region: &str) -> bool {
    if checkpoint.origin == local_region {
        return false;
    }
    let verdict = match trust.get(&checkpoint.origin) {
        None => Err(format!("origin {} is not a pinned region", checkpoint.origin)),
        Some(chain) => checkpoint
            .verify(chain.verifying_keys())
            .map_err(|e| e.to_string())
            .and_then(|()| chain.may_sign(&checkpoint.kid, Some(&checkpoint.issued_at)).map_err(|e| e.to_string())),
    };
    if let Err(reason) = &verdict {
        tracing::warn!(origin = %checkpoint.origin, %reason, "a checkpoint was refused");
    }
    verdict.is_ok()
}

/// Of a malformed record, the id, to name it in the rejection.
#[derive(Deserialize)]
struct Named {
    id: String,
}

fn record(raw: &RawValue, trust: &Trust, local_region: &str) -> Result<Write, (String, Refusal)> {
    let change: Change = serde_json::from_str(raw.get()).map_err(|e| {
        let id = serde_json::from_str::<Named>(raw.get()).map_or_else(|_| "(no id)".to_string(), |n| n.id);
        (id, Refusal::Malformed(e))
    })?;
    let id = change.record.id.clone();
    let reject = |reason: Refusal| (id.clone(), reason);
    if uuid::Uuid::parse_str(&change.record.id).is_err() || change.record.version < 1 {
        return Err(reject(Refusal::BadIdentity));
    }
    if change.record.origin == local_region {
        // Our own record coming back through a relay: the store compares it with what we hold.
        return Ok(Write::received(change, None));
    }
    let chain = trust
        .get(&change.record.origin)
        .ok_or_else(|| reject(Refusal::UnpinnedOrigin(change.record.origin.clone())))?;
    // The key first, so that a revoked or retired one is named as such.
    if let Some(seal) = &change.seal {
        chain.may_sign(&seal.signature.kid, Some(&change.record.updated_at)).map_err(|e| reject(e.into()))?;
    }
    change.verify(chain.verifying_keys()).map_err(|e| reject(e.into()))?;
    let content = match (&change.record.content, change.deleted) {
        (None, true) => None,
        (Some(_), true) => return Err(reject(Refusal::TombstoneWithContent)),
        (None, false) => return Err(reject(Refusal::NoContent)),
        (Some(content), false) => {
            if change.record.status != Status::Published {
                return Err(reject(Refusal::NotPublished(change.record.status)));
            }
            Some(
                validate_remote(change.record.kind, content)
                    .map_err(|errors| reject(Refusal::InvalidContent(errors)))?,
            )
        }
    };
    Ok(Write::received(change, content.as_ref()))
}
