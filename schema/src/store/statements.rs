//! Key statements kept here (this node's own, and other origins' that verified against the
//! chain of their pinned keys), and re-signing this node's records after a revocation.

use super::feed::change_from_row;
use super::row::RecordRow;
use super::{Store, StoreError, StoreResult};
use crate::db::schema::{key_statements, records};
use crate::signing::Signature;
use crate::signing::keychain::{KeyStatements, Revocation, Rotation};
use diesel::prelude::*;
use ed25519_dalek::SigningKey;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = key_statements)]
struct StatementRow {
    origin: String,
    kind: String,
    kid: String,
    issued_at: String,
    body: String,
    received_from: String,
}

const ROTATION: &str = "rotation";
/// A rotation the origin's recovery key signed: kept apart from the rotations its keys
/// signed, so that a thief's fork of a stolen key, kept first, does not keep out the owner's
/// answer to it (the chain applies the recovery key's rotations first).
const RECOVERY: &str = "recovery";
const REVOCATION: &str = "revocation";

impl Store {
    /// Keeps the statements not held yet (`from`: the peer that served them, or this node's
    /// region for its own); says how many were new. A second rotation from a key already
    /// rotated away from is not kept: a key gives way once (but the recovery key's rotation
    /// of it is kept beside the first, to beat it).
    pub fn keep_statements(&self, statements: &KeyStatements, from: &str) -> StoreResult<usize> {
        let rows: Vec<StatementRow> = statements
            .rotations
            .iter()
            .map(|r| {
                let kind = if r.recovered_by.is_some() { RECOVERY } else { ROTATION };
                row(r.origin.as_str(), kind, &r.previous_key.kid, &r.issued_at, to_json(r), from)
            })
            .chain(
                statements
                    .revocations
                    .iter()
                    .map(|r| row(r.origin.as_str(), REVOCATION, &revocation_key(r), &r.revoked_at, to_json(r), from)),
            )
            .collect::<StoreResult<_>>()?;
        if rows.is_empty() {
            return Ok(0);
        }
        self.write(|c, _| {
            let mut kept = 0;
            for r in &rows {
                kept += usize::from(insert_new(c, r)?);
            }
            Ok(kept)
        })
    }

    /// The statements held of `origin` (`None`: of every origin), oldest first.
    pub fn statements(&self, origin: Option<&str>) -> StoreResult<KeyStatements> {
        let mut c = self.conn()?;
        let mut query =
            key_statements::table.select(StatementRow::as_select()).order(key_statements::issued_at.asc()).into_boxed();
        if let Some(origin) = origin {
            query = query.filter(key_statements::origin.eq(origin));
        }
        let mut out = KeyStatements::default();
        for r in query.load::<StatementRow>(&mut c)? {
            let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("key statement of {}: {e}", r.origin));
            match r.kind.as_str() {
                ROTATION | RECOVERY => out.rotations.push(serde_json::from_str::<Rotation>(&r.body).map_err(corrupt)?),
                REVOCATION => out.revocations.push(serde_json::from_str::<Revocation>(&r.body).map_err(corrupt)?),
                other => return Err(StoreError::Corrupt(format!("a key statement of kind {other}"))),
            }
        }
        Ok(out)
    }

    /// Signs again, with `key` (`kid`), every record of `origin` that `revoked` signed: same
    /// content, version and hash, a new signature, a new place in the sequence so peers read
    /// it again. Keeps `revocation` in the same transaction. Says how many were re-signed.
    pub fn resign(
        &self,
        origin: &str,
        revoked: &str,
        key: &SigningKey,
        kid: &str,
        revocation: &Revocation,
    ) -> StoreResult<usize> {
        let kept_as = revocation_key(revocation);
        let statement = row(origin, REVOCATION, &kept_as, &revocation.revoked_at, to_json(revocation), origin)?;
        self.write(|c, seq| {
            let rows: Vec<RecordRow> = records::table
                .filter(records::origin.eq(origin))
                .filter(records::published_ever.eq(true))
                .select(RecordRow::as_select())
                .load(c)?;
            let mut resigned = 0;
            for r in rows {
                let signed_by: Option<Signature> = r.signature.as_deref().and_then(|s| serde_json::from_str(s).ok());
                if signed_by.is_none_or(|s| s.kid != revoked) {
                    continue;
                }
                let mut change = change_from_row(&r)?;
                change.seal(key, kid);
                let seal =
                    change.seal.as_ref().ok_or_else(|| StoreError::Corrupt(format!("record {}: not sealed", r.id)))?;
                if Some(&seal.hash) != r.hash.as_ref() {
                    return Err(StoreError::Corrupt(format!(
                        "record {}: its hash is not that of its canonical bytes",
                        r.id
                    )));
                }
                let signature =
                    serde_json::to_string(&seal.signature).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let seq = seq.take();
                diesel::update(records::table.find((&r.origin, &r.id)))
                    .set((
                        records::signature.eq(signature),
                        records::seq.eq(seq),
                        records::changed_at.eq(crate::timestamp::now()),
                    ))
                    .execute(c)?;
                resigned += 1;
            }
            insert_new(c, &statement)?;
            Ok(resigned)
        })
    }
}

/// Inserts `row` unless a statement with its key is held (the first kept wins); says whether
/// it was inserted. Inside the caller's transaction.
fn insert_new(c: &mut crate::db::DbConnection, row: &StatementRow) -> StoreResult<bool> {
    let held: i64 = key_statements::table.find((&row.origin, &row.kind, &row.kid)).count().get_result(c)?;
    if held > 0 {
        return Ok(false);
    }
    diesel::insert_into(key_statements::table).values(row).execute(c)?;
    Ok(true)
}

fn row(
    origin: &str,
    kind: &str,
    kid: &str,
    issued_at: &str,
    body: StoreResult<String>,
    from: &str,
) -> StoreResult<StatementRow> {
    Ok(StatementRow {
        origin: origin.into(),
        kind: kind.into(),
        kid: kid.into(),
        issued_at: issued_at.into(),
        body: body?,
        received_from: from.into(),
    })
}

/// What a revocation is kept under: the key it revokes and the key that signs it, so that one
/// signed by a key that later leaves the chain (a thief's) does not keep out another of the
/// same key (the owner's, by its recovery key).
fn revocation_key(r: &Revocation) -> String {
    format!("{} by {}", r.kid, r.signed_by)
}

/// A statement as stored: its JSON.
fn to_json<T: serde::Serialize>(statement: &T) -> StoreResult<String> {
    serde_json::to_string(statement).map_err(|e| StoreError::Corrupt(e.to_string()))
}
