//! Key rotation and revocation statements, and the chain they make of an origin's keys.
//!
//! A **rotation** says that an origin's key `previous_key` gave way to `new_key`. It is signed
//! by the outgoing key, so a peer that pinned that key accepts the new one without an operator
//! exchanging files, and countersigned by the new key, so a peer that pins only the new key
//! can accept the old one (for what it signed before the rotation) without anybody being able
//! to invent a predecessor: walking back needs the newer key's word. A key gives way once: a
//! second rotation away from the same key (a fork, which only a thief of the key would make
//! after its owner rotated) is refused.
//!
//! A **revocation** says that a key must no longer be trusted for anything, from now on and
//! for what it signed before: the origin re-signs what it signed with it. It is signed by
//! another key of the chain that is not itself revoked.
//!
//! A **recovery key** answers a thief. Generated at `smarty init` and kept offline, outside
//! the node's data folder, it is published beside the origin's keys (`recovery` of its JWK set)
//! and is pinned with them; it is trusted only as pinned, never learnt from a statement, and
//! signs nothing but statements. A revocation it signs holds whatever the chain's live keys
//! say; a rotation it signs (`recovered_by`) replaces the outgoing key's word, and is applied
//! before any other rotation: a thief who stole the live key and rotated it to a key of its
//! own first (a fork) loses that fork to the owner's recovery rotation, whatever order peers
//! saw them in.

use super::{Jwk, JwkSet, SignatureError, verify_signature};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// An origin's key `previous_key` gave way to `new_key` at `issued_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"origin": "tuscany", "previous_key": {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "alg": "EdDSA", "use": "sig"}, "new_key": {"kty": "OKP", "crv": "Ed25519", "x": "Xq3Ws0vGk9mRf5Z1bH2nYc8tLpA4eJ7uD6oQiK0sN1E", "kid": "Ybq3m1mFBeWMXqjAd2Fq6sR8cVp0HIY6kJ1Xl0oXrXo", "alg": "EdDSA", "use": "sig"}, "issued_at": "2026-12-01T02:14:03.120000Z", "signature": "3q2-7w", "countersignature": "7w-3q2"}))]
pub struct Rotation {
    /// The origin's region code.
    #[schema(value_type = crate::vocab::RegionCode)]
    pub origin: String,
    /// The outgoing key: from `issued_at` on it signs nothing new.
    pub previous_key: Jwk,
    /// The key that signs from `issued_at` on.
    pub new_key: Jwk,
    /// When the rotation took effect (RFC 3339, UTC, six fractional digits).
    #[schema(format = DateTime, example = "2026-12-01T02:14:03.120000Z")]
    pub issued_at: String,
    /// base64url Ed25519 signature by `previous_key` over the JCS canonical JSON of the four
    /// members above.
    pub signature: String,
    /// The same bytes signed by `new_key`.
    pub countersignature: String,
    /// The thumbprint of the origin's recovery key, when that key (not `previous_key`) signs
    /// `signature`: the owner's answer to a stolen `previous_key`. Part of the signed members
    /// when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovered_by: Option<String>,
}

/// Why a key is revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "compromise")]
pub enum RevocationReason {
    /// The private key may be known to someone else.
    Compromise,
    /// The key is no longer used, and nothing it signed needs it.
    Superseded,
}

/// An origin's key `kid` is revoked from `revoked_at` on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"origin": "tuscany", "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "reason": "compromise", "revoked_at": "2026-12-02T08:00:00.000000Z", "signed_by": "Ybq3m1mFBeWMXqjAd2Fq6sR8cVp0HIY6kJ1Xl0oXrXo", "signature": "3q2-7w"}))]
pub struct Revocation {
    /// The origin's region code.
    #[schema(value_type = crate::vocab::RegionCode)]
    pub origin: String,
    /// The revoked key's thumbprint.
    pub kid: String,
    /// Why.
    pub reason: RevocationReason,
    /// When it was revoked (RFC 3339, UTC, six fractional digits).
    #[schema(format = DateTime, example = "2026-12-01T02:14:03.120000Z")]
    pub revoked_at: String,
    /// The thumbprint of the key that signs this revocation: another key of the chain, or the
    /// origin's pinned recovery key.
    pub signed_by: String,
    /// base64url Ed25519 signature by `signed_by` over the JCS canonical JSON of the five
    /// members above.
    pub signature: String,
}

/// What an origin says about its keys: every rotation and revocation it has made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"rotations": [{"origin": "tuscany", "previous_key": {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", "alg": "EdDSA", "use": "sig"}, "new_key": {"kty": "OKP", "crv": "Ed25519", "x": "Xq3Ws0vGk9mRf5Z1bH2nYc8tLpA4eJ7uD6oQiK0sN1E", "kid": "Ybq3m1mFBeWMXqjAd2Fq6sR8cVp0HIY6kJ1Xl0oXrXo", "alg": "EdDSA", "use": "sig"}, "issued_at": "2026-12-01T02:14:03.120000Z", "signature": "3q2-7w", "countersignature": "7w-3q2"}], "revocations": []}))]
pub struct KeyStatements {
    /// Its rotations, oldest first.
    #[serde(default)]
    pub rotations: Vec<Rotation>,
    /// Its revocations.
    #[serde(default)]
    pub revocations: Vec<Revocation>,
}

impl KeyStatements {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rotations.is_empty() && self.revocations.is_empty()
    }

    /// Those of `origin` (the chain bounds what it considers: [`KeyChain::resolve`]).
    pub fn of(&self, origin: &str) -> KeyStatements {
        KeyStatements {
            rotations: self.rotations.iter().filter(|r| r.origin == origin).cloned().collect(),
            revocations: self.revocations.iter().filter(|r| r.origin == origin).cloned().collect(),
        }
    }

    /// Those not in `held`.
    pub fn without(&self, held: &KeyStatements) -> KeyStatements {
        KeyStatements {
            rotations: self.rotations.iter().filter(|r| !held.rotations.contains(r)).cloned().collect(),
            revocations: self.revocations.iter().filter(|r| !held.revocations.contains(r)).cloned().collect(),
        }
    }

    /// Adds `more` after these.
    pub fn extend(&mut self, more: KeyStatements) {
        self.rotations.extend(more.rotations);
        self.revocations.extend(more.revocations);
    }
}

impl Rotation {
    /// A rotation of `origin` from `previous` to `new`, taking effect now, signed by both.
    pub fn issue(origin: &str, previous: &SigningKey, new: &SigningKey) -> Rotation {
        Self::issue_at(origin, previous, new, &crate::timestamp::now())
    }

    /// A rotation taking effect at `at` (stored timestamp form), signed by both keys.
    pub fn issue_at(origin: &str, previous: &SigningKey, new: &SigningKey, at: &str) -> Rotation {
        let mut r = Rotation {
            origin: origin.into(),
            previous_key: Jwk::from_key(&previous.verifying_key()),
            new_key: Jwk::from_key(&new.verifying_key()),
            issued_at: at.into(),
            signature: String::new(),
            countersignature: String::new(),
            recovered_by: None,
        };
        let bytes = r.signed_bytes();
        r.signature = URL_SAFE_NO_PAD.encode(previous.sign(&bytes).to_bytes());
        r.countersignature = URL_SAFE_NO_PAD.encode(new.sign(&bytes).to_bytes());
        r
    }

    /// A rotation from `previous` (which may be in a thief's hands) to `new`, taking effect at
    /// `at`, signed by the origin's `recovery` key instead of `previous`, and by `new`.
    pub fn recover_at(origin: &str, previous: &Jwk, recovery: &SigningKey, new: &SigningKey, at: &str) -> Rotation {
        let mut r = Rotation {
            origin: origin.into(),
            previous_key: previous.clone(),
            new_key: Jwk::from_key(&new.verifying_key()),
            issued_at: at.into(),
            signature: String::new(),
            countersignature: String::new(),
            recovered_by: Some(Jwk::from_key(&recovery.verifying_key()).kid),
        };
        let bytes = r.signed_bytes();
        r.signature = URL_SAFE_NO_PAD.encode(recovery.sign(&bytes).to_bytes());
        r.countersignature = URL_SAFE_NO_PAD.encode(new.sign(&bytes).to_bytes());
        r
    }

    /// RFC 8785 canonical JSON of every member but the two signatures (`recovered_by` only
    /// when present, so rotations made before it existed keep their bytes).
    pub fn signed_bytes(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Unsigned<'a> {
            origin: &'a str,
            previous_key: &'a Jwk,
            new_key: &'a Jwk,
            issued_at: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            recovered_by: Option<&'a str>,
        }
        let view = Unsigned {
            origin: &self.origin,
            previous_key: &self.previous_key,
            new_key: &self.new_key,
            issued_at: &self.issued_at,
            recovered_by: self.recovered_by.as_deref(),
        };
        serde_jcs::to_vec(&view).expect("plain members canonicalise")
    }

    /// Both signatures hold, each by the key the statement names: `signature` by the
    /// outgoing key, or by the pinned recovery key `recovered_by` names.
    fn holds(&self, recovery: &[(String, VerifyingKey)]) -> Result<(), SignatureError> {
        let key = |jwk: &Jwk| jwk.verifying_key().map_err(|_| SignatureError::Encoding);
        let bytes = self.signed_bytes();
        match &self.recovered_by {
            Some(kid) => verify_signature(recovery, kid, &self.origin, &self.signature, &bytes)?,
            None => {
                let previous = [(self.previous_key.kid.clone(), key(&self.previous_key)?)];
                verify_signature(&previous, &self.previous_key.kid, &self.origin, &self.signature, &bytes)?;
            }
        }
        let new = [(self.new_key.kid.clone(), key(&self.new_key)?)];
        verify_signature(&new, &self.new_key.kid, &self.origin, &self.countersignature, &bytes)
    }
}

impl Revocation {
    /// A revocation of `origin`'s key `kid`, issued now and signed with `by`.
    pub fn issue(origin: &str, kid: &str, reason: RevocationReason, by: &SigningKey) -> Revocation {
        let mut r = Revocation {
            origin: origin.into(),
            kid: kid.into(),
            reason,
            revoked_at: crate::timestamp::now(),
            signed_by: Jwk::from_key(&by.verifying_key()).kid,
            signature: String::new(),
        };
        r.signature = URL_SAFE_NO_PAD.encode(by.sign(&r.signed_bytes()).to_bytes());
        r
    }

    /// RFC 8785 canonical JSON of every member but `signature`.
    pub fn signed_bytes(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Unsigned<'a> {
            origin: &'a str,
            kid: &'a str,
            reason: RevocationReason,
            revoked_at: &'a str,
            signed_by: &'a str,
        }
        let view = Unsigned {
            origin: &self.origin,
            kid: &self.kid,
            reason: self.reason,
            revoked_at: &self.revoked_at,
            signed_by: &self.signed_by,
        };
        serde_jcs::to_vec(&view).expect("plain members canonicalise")
    }
}

/// One key of an origin's chain.
#[derive(Debug, Clone)]
pub struct ChainKey {
    /// The key's JWK.
    pub jwk: Jwk,
    /// The key.
    pub key: VerifyingKey,
    /// When it gave way to its successor: it signs nothing dated later.
    pub retired_at: Option<String>,
    /// When it was revoked: it verifies nothing any more.
    pub revoked_at: Option<String>,
}

/// Why a key of the chain may not vouch for something.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyUseError {
    /// Not a key of the chain.
    #[error("signed with key {kid} which is not a pinned key of {origin}, nor one its rotations lead to")]
    Unknown {
        /// The key's thumbprint.
        kid: String,
        /// The origin.
        origin: String,
    },
    /// The origin revoked the key.
    #[error("signed with key {kid} of {origin}, revoked at {at}")]
    Revoked {
        /// The key's thumbprint.
        kid: String,
        /// The origin.
        origin: String,
        /// When.
        at: String,
    },
    /// Dated after the key gave way to its successor.
    #[error("signed with key {kid} of {origin} for {dated}, after the key was retired at {retired}")]
    Retired {
        /// The key's thumbprint.
        kid: String,
        /// The origin.
        origin: String,
        /// The date of what it signed.
        dated: String,
        /// When the key was retired.
        retired: String,
    },
}

/// An origin's keys: the pinned ones and those its statements chain to them.
#[derive(Debug, Clone, Default)]
pub struct KeyChain {
    origin: String,
    /// The keys pinned out of band, where the chain starts.
    pinned: JwkSet,
    keys: Vec<ChainKey>,
    /// The statements that took effect, to keep and pass on.
    accepted: KeyStatements,
    /// The keys not revoked, as signatures are checked against them.
    verifying: Vec<(String, VerifyingKey)>,
    /// Revoked kids, with when: a key revoked joins the chain revoked.
    revoked: HashMap<String, String>,
    /// The pinned recovery keys, as (kid, key) pairs.
    recovery: Vec<(String, VerifyingKey)>,
}

/// The most rotations, and the most revocations, of one origin that a chain considers (and as
/// many again signed by its recovery key).
pub const MAX_STATEMENTS: usize = 64;
/// The most statements claiming to be the recovery key's that a chain checks the signature
/// of, to find the valid ones among them.
const MAX_CLAIMS: usize = 16 * MAX_STATEMENTS;

impl KeyChain {
    /// The chain from `pinned` through `statements` (of any origin: others are ignored).
    /// Statements that do not verify, or that fork the chain, are left out.
    pub fn resolve(origin: &str, pinned: &JwkSet, statements: &KeyStatements) -> KeyChain {
        // Order does not matter otherwise: the statements are applied until none changes
        // anything more.
        let mut chain = KeyChain { origin: origin.into(), pinned: pinned.clone(), ..KeyChain::default() };
        for jwk in &pinned.keys {
            if let Ok(key) = jwk.verifying_key() {
                chain.keys.push(ChainKey { jwk: jwk.clone(), key, retired_at: None, revoked_at: None });
            }
        }
        // Recovery keys only as pinned: a statement cannot make one.
        chain.recovery =
            pinned.recovery.iter().filter_map(|j| Some((j.kid.clone(), j.verifying_key().ok()?))).collect();
        // In the order given: of two rotations from one key, the first given wins (callers give
        // what they already hold first), whatever dates they claim; but the recovery key's
        // rotations before all others, so its word on a key beats a thief's fork of it. A
        // bounded number per origin, each signature checked once: statements cannot make
        // resolving expensive. The recovery key's statements are counted apart, and only once
        // they verify, so that no flood of the origin's own keys' statements (a thief's) or of
        // false claims to the recovery key's name pushes the owner's answer out.
        let recovery_kid = |kid: Option<&str>| kid.is_some_and(|k| chain.recovery.iter().any(|(r, _)| r == k));
        let (claimed, ordinary): (Vec<&Rotation>, Vec<&Rotation>) = statements
            .rotations
            .iter()
            .chain(&pinned.rotations)
            .filter(|r| r.origin == origin)
            .partition(|r| r.recovered_by.is_some());
        let recovered = claimed
            .into_iter()
            .take(MAX_CLAIMS)
            .filter(|r| {
                let pinned = recovery_kid(r.recovered_by.as_deref());
                if !pinned {
                    tracing::warn!(
                        origin,
                        "a rotation by a recovery key that is not pinned is ignored: pin the origin's key set again"
                    );
                }
                pinned
            })
            .filter(|r| r.holds(&chain.recovery).is_ok())
            .take(MAX_STATEMENTS);
        let ordinary = ordinary.into_iter().take(MAX_STATEMENTS).filter(|r| r.holds(&chain.recovery).is_ok());
        let rotations: Vec<&Rotation> = recovered.chain(ordinary).collect();
        let (by_recovery, ordinary): (Vec<&Revocation>, Vec<&Revocation>) = statements
            .revocations
            .iter()
            .chain(&pinned.revocations)
            .filter(|r| r.origin == origin)
            .partition(|r| recovery_kid(Some(&r.signed_by)));
        let by_recovery: Vec<&Revocation> = by_recovery.into_iter().take(MAX_CLAIMS).collect();
        let revocations: Vec<&Revocation> =
            by_recovery.iter().copied().chain(ordinary.into_iter().take(MAX_STATEMENTS)).collect();
        // The recovery key's revocations need no chain: applied before any rotation, so that
        // a stolen key cannot vouch, walking back, for a predecessor it invents.
        chain.apply_revocations(&by_recovery);
        // Rotations first, so that which keys are retired is settled before a revocation is
        // judged (a retired key may not revoke); then revocations; again until nothing changes.
        let mut successor: HashMap<String, String> = HashMap::new();
        loop {
            let mut changed = false;
            for r in &rotations {
                changed |= chain.apply_rotation(r, &mut successor);
            }
            changed |= chain.apply_revocations(&revocations);
            if !changed {
                break;
            }
        }
        chain.verifying =
            chain.keys.iter().filter(|k| k.revoked_at.is_none()).map(|k| (k.jwk.kid.clone(), k.key)).collect();
        chain
    }

    fn position(&self, kid: &str) -> Option<usize> {
        self.keys.iter().position(|k| k.jwk.kid == kid)
    }

    /// Applies a rotation whose signatures hold (checked by the caller).
    fn apply_rotation(&mut self, r: &Rotation, successor: &mut HashMap<String, String>) -> bool {
        if self.accepted.rotations.contains(r) {
            return false;
        }
        let (prev, new) = (self.position(&r.previous_key.kid), self.position(&r.new_key.kid));
        // The recovery key's word (checked by the caller) needs no live key behind it.
        let forward = r.recovered_by.is_some() || prev.is_some_and(|i| self.keys[i].revoked_at.is_none());
        // Walking back, a retired key vouches only for a predecessor that gave way to it
        // before it was itself retired: it gains no power it did not have.
        let backward = new.is_some_and(|i| {
            let key = &self.keys[i];
            key.revoked_at.is_none() && key.retired_at.as_deref().is_none_or(|retired| r.issued_at.as_str() <= retired)
        });
        if !forward && !backward {
            return false;
        }
        // A key gives way once.
        if successor.get(&r.previous_key.kid).is_some_and(|s| *s != r.new_key.kid) {
            tracing::warn!(origin = %self.origin, kid = %r.previous_key.kid, "a second rotation from the same key is refused");
            return false;
        }
        successor.insert(r.previous_key.kid.clone(), r.new_key.kid.clone());
        for jwk in [&r.previous_key, &r.new_key] {
            if self.position(&jwk.kid).is_none()
                && let Ok(key) = jwk.verifying_key()
            {
                // A key revoked before it joined the chain joins revoked.
                let revoked_at = self.revoked.get(&jwk.kid).cloned();
                self.keys.push(ChainKey { jwk: jwk.clone(), key, retired_at: None, revoked_at });
            }
        }
        if let Some(i) = self.position(&r.previous_key.kid) {
            self.keys[i].retired_at = Some(r.issued_at.clone());
        }
        self.accepted.rotations.push(r.clone());
        true
    }

    fn apply_revocations(&mut self, revocations: &[&Revocation]) -> bool {
        let mut changed = false;
        for r in revocations {
            if self.accepted.revocations.contains(r) || r.signed_by == r.kid {
                continue;
            }
            // Only a key in use may revoke: not revoked, and not retired (a retired key, which
            // may have been stolen since, has no say over the keys after it); or the pinned
            // recovery key, whatever the live keys say.
            let in_use = |i: &usize| self.keys[*i].revoked_at.is_none() && self.keys[*i].retired_at.is_none();
            let signer = match self.position(&r.signed_by).filter(in_use) {
                Some(by) => (r.signed_by.clone(), self.keys[by].key),
                None => match self.recovery.iter().find(|(kid, _)| *kid == r.signed_by) {
                    Some(recovery) => recovery.clone(),
                    None => continue,
                },
            };
            // A recovery key is not revoked by statements: only a new pin replaces it.
            if self.recovery.iter().any(|(kid, _)| *kid == r.kid) {
                continue;
            }
            if verify_signature(&[signer], &r.signed_by, &r.origin, &r.signature, &r.signed_bytes()).is_err() {
                continue;
            }
            // Kept by kid, so that the key is revoked also if it joins the chain only later.
            self.revoked.insert(r.kid.clone(), r.revoked_at.clone());
            if let Some(i) = self.position(&r.kid) {
                self.keys[i].revoked_at = Some(r.revoked_at.clone());
            }
            self.accepted.revocations.push((*r).clone());
            changed = true;
        }
        changed
    }

    /// The chain's keys that may still verify (not revoked), as (kid, key) pairs.
    pub fn verifying_keys(&self) -> &[(String, VerifyingKey)] {
        &self.verifying
    }

    /// Whether `kid` may vouch for something dated `at` (a record's `updated_at`, a
    /// checkpoint's `issued_at`; `None`: now, as for a peer token).
    pub fn may_sign(&self, kid: &str, at: Option<&str>) -> Result<(), KeyUseError> {
        let key = self
            .keys
            .iter()
            .find(|k| k.jwk.kid == kid)
            .ok_or_else(|| KeyUseError::Unknown { kid: kid.into(), origin: self.origin.clone() })?;
        if let Some(revoked) = &key.revoked_at {
            return Err(KeyUseError::Revoked { kid: kid.into(), origin: self.origin.clone(), at: revoked.clone() });
        }
        if let Some(retired) = &key.retired_at {
            let later = at.is_none_or(|at| at > retired.as_str());
            if later {
                return Err(KeyUseError::Retired {
                    kid: kid.into(),
                    origin: self.origin.clone(),
                    dated: at.map_or_else(|| "now".to_string(), String::from),
                    retired: retired.clone(),
                });
            }
        }
        Ok(())
    }

    /// The chain grown by `offered` statements (of any origin), and those of them that took
    /// effect; `None` when none did.
    pub fn learn(&self, offered: &KeyStatements) -> Option<(KeyChain, KeyStatements)> {
        let new = offered.of(&self.origin).without(&self.accepted);
        if new.is_empty() {
            return None;
        }
        let mut all = self.accepted.clone();
        all.extend(new);
        let grown = KeyChain::resolve(&self.origin, &self.pinned, &all);
        let learned = grown.accepted.without(&self.accepted);
        (!learned.is_empty()).then_some((grown, learned))
    }

    /// Every key of the chain.
    pub fn keys(&self) -> &[ChainKey] {
        &self.keys
    }

    /// The statements that took effect.
    pub fn accepted(&self) -> &KeyStatements {
        &self.accepted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn set(keys: &[&SigningKey]) -> JwkSet {
        JwkSet { keys: keys.iter().map(|k| Jwk::from_key(&k.verifying_key())).collect(), ..JwkSet::default() }
    }

    fn kid(k: &SigningKey) -> String {
        Jwk::from_key(&k.verifying_key()).kid
    }

    fn rotations(list: &[Rotation]) -> KeyStatements {
        KeyStatements { rotations: list.to_vec(), revocations: Vec::new() }
    }

    #[test]
    fn a_chain_leads_forward_from_the_first_key_and_back_from_the_last() {
        let (k1, k2, k3, k4) = (key(1), key(2), key(3), key(4));
        let chain = [Rotation::issue("t", &k1, &k2), Rotation::issue("t", &k2, &k3), Rotation::issue("t", &k3, &k4)];
        let dated = |r: &Rotation| r.issued_at.clone();
        // Pinned first key: every later key is reached; each retired one signs nothing after.
        let forward = KeyChain::resolve("t", &set(&[&k1]), &rotations(&chain));
        assert_eq!(forward.verifying_keys().len(), 4);
        forward.may_sign(&kid(&k4), None).unwrap();
        forward.may_sign(&kid(&k1), Some("2000-01-01T00:00:00.000000Z")).unwrap();
        assert!(matches!(forward.may_sign(&kid(&k2), None), Err(KeyUseError::Retired { .. })));
        // Pinned last key only: the countersignatures lead back, for what older keys signed.
        let back = KeyChain::resolve("t", &set(&[&k4]), &rotations(&chain));
        assert_eq!(back.verifying_keys().len(), 4);
        back.may_sign(&kid(&k1), Some(&dated(&chain[0]))).unwrap();
        // Another origin's statements, and a broken countersignature, lead nowhere.
        assert_eq!(KeyChain::resolve("m", &set(&[&k1]), &rotations(&chain)).verifying_keys().len(), 1);
        let mut forged = Rotation::issue("t", &k1, &key(9));
        forged.countersignature = forged.signature.clone();
        assert_eq!(KeyChain::resolve("t", &set(&[&k1]), &rotations(&[forged])).verifying_keys().len(), 1);
        // Nobody can invent a predecessor of a pinned key: walking back needs its own word.
        let invented = Rotation::issue("t", &key(8), &key(7));
        assert_eq!(KeyChain::resolve("t", &set(&[&k4]), &rotations(&[invented])).verifying_keys().len(), 1);
    }

    #[test]
    fn the_pinned_recovery_key_beats_a_thiefs_fork_whatever_the_order() {
        let (k1, k2, thief, recovery) = (key(1), key(2), key(6), key(9));
        let mut pinned = set(&[&k1]);
        pinned.recovery = vec![Jwk::from_key(&recovery.verifying_key())];
        let now = crate::timestamp::now();
        let fork = Rotation::issue("t", &k1, &thief);
        let answer = Rotation::recover_at("t", &Jwk::from_key(&k1.verifying_key()), &recovery, &k2, &now);
        let revoked = Revocation::issue("t", &kid(&k1), RevocationReason::Compromise, &recovery);
        // The fork first, as a peer that saw it first holds it.
        let statements = KeyStatements { rotations: vec![fork.clone(), answer.clone()], revocations: vec![revoked] };
        let chain = KeyChain::resolve("t", &pinned, &statements);
        chain.may_sign(&kid(&k2), None).unwrap();
        assert!(matches!(chain.may_sign(&kid(&thief), None), Err(KeyUseError::Unknown { .. })), "the fork lost");
        assert!(matches!(
            chain.may_sign(&kid(&k1), Some("2000-01-01T00:00:00.000000Z")),
            Err(KeyUseError::Revoked { .. })
        ));
        // Without the recovery key pinned, its statements count for nothing: the fork stands.
        let unpinned = KeyChain::resolve("t", &set(&[&k1]), &statements);
        unpinned.may_sign(&kid(&thief), None).unwrap();
        assert!(unpinned.may_sign(&kid(&k2), None).is_err());
        // Stripping `recovered_by` breaks the signature; no statement revokes the recovery key.
        let mut stripped = answer;
        stripped.recovered_by = None;
        let chain = KeyChain::resolve("t", &pinned, &rotations(&[fork.clone(), stripped]));
        chain.may_sign(&kid(&thief), None).unwrap();
        let against = Revocation::issue("t", &kid(&recovery), RevocationReason::Compromise, &thief);
        let statements = KeyStatements { rotations: vec![fork], revocations: vec![against] };
        assert!(KeyChain::resolve("t", &pinned, &statements).accepted().revocations.is_empty());
    }

    #[test]
    fn no_flood_of_a_thiefs_statements_pushes_the_recovery_keys_answer_out() {
        let (k1, k2, recovery) = (key(1), key(2), key(9));
        let mut pinned = set(&[&k1]);
        pinned.recovery = vec![Jwk::from_key(&recovery.verifying_key())];
        // The thief, holding k1, chains 70 keys of its own and revokes 70 strangers, all held
        // before the owner's answer arrives; and 70 false claims to the recovery key's name.
        let thieves: Vec<SigningKey> = (0..70).map(|i| SigningKey::from_bytes(&[100 + i; 32])).collect();
        let mut rotations = vec![Rotation::issue("t", &k1, &thieves[0])];
        rotations.extend(thieves.windows(2).map(|w| Rotation::issue("t", &w[0], &w[1])));
        let mut revocations: Vec<Revocation> = (0..70)
            .map(|i| Revocation::issue("t", &format!("stranger-{i}"), RevocationReason::Compromise, &thieves[0]))
            .collect();
        for thief in &thieves {
            let mut claim = Rotation::recover_at(
                "t",
                &Jwk::from_key(&k1.verifying_key()),
                thief,
                &key(50),
                "2000-01-01T00:00:00.000000Z",
            );
            claim.recovered_by = Some(kid(&recovery));
            rotations.push(claim);
        }
        let now = crate::timestamp::now();
        rotations.push(Rotation::recover_at("t", &Jwk::from_key(&k1.verifying_key()), &recovery, &k2, &now));
        revocations.push(Revocation::issue("t", &kid(&k1), RevocationReason::Compromise, &recovery));
        let chain = KeyChain::resolve("t", &pinned, &KeyStatements { rotations, revocations });
        chain.may_sign(&kid(&k2), None).unwrap();
        assert!(matches!(
            chain.may_sign(&kid(&k1), Some("2000-01-01T00:00:00.000000Z")),
            Err(KeyUseError::Revoked { .. })
        ));
        assert!(chain.may_sign(&kid(&thieves[0]), None).is_err());
        assert!(chain.may_sign(&kid(&key(50)), None).is_err(), "a false claim to the recovery key's name");
    }

    #[test]
    fn a_key_the_recovery_key_revoked_vouches_for_no_predecessor() {
        let (k1, invented, recovery) = (key(1), key(7), key(9));
        let mut pinned = set(&[&k1]);
        pinned.recovery = vec![Jwk::from_key(&recovery.verifying_key())];
        // The thief, holding k1, invents a predecessor whose records k1 would vouch for.
        let back = Rotation::issue_at("t", &invented, &k1, "2000-01-01T00:00:00.000000Z");
        let revoked = Revocation::issue("t", &kid(&k1), RevocationReason::Compromise, &recovery);
        let statements = KeyStatements { rotations: vec![back.clone()], revocations: vec![revoked] };
        let chain = KeyChain::resolve("t", &pinned, &statements);
        assert!(matches!(
            chain.may_sign(&kid(&invented), Some("1999-01-01T00:00:00.000000Z")),
            Err(KeyUseError::Unknown { .. })
        ));
        // Without the revocation, walking back is what such a rotation is for.
        KeyChain::resolve("t", &pinned, &rotations(&[back]))
            .may_sign(&kid(&invented), Some("1999-01-01T00:00:00.000000Z"))
            .unwrap();
    }

    #[test]
    fn a_key_gives_way_once_and_a_revoked_key_vouches_for_nothing() {
        let (k1, k2, thief) = (key(1), key(2), key(6));
        let legit = Rotation::issue("t", &k1, &k2);
        let fork = Rotation::issue("t", &k1, &thief);
        let chain = KeyChain::resolve("t", &set(&[&k1]), &rotations(&[legit.clone(), fork.clone()]));
        assert!(chain.may_sign(&kid(&thief), None).is_err(), "the second rotation from k1 is refused");
        assert!(chain.learn(&rotations(&[fork])).is_none(), "offered later, it stays refused");

        let revoked = Revocation::issue("t", &kid(&k1), RevocationReason::Compromise, &k2);
        let statements = KeyStatements { rotations: vec![legit.clone()], revocations: vec![revoked.clone()] };
        let chain = KeyChain::resolve("t", &set(&[&k1]), &statements);
        assert!(matches!(
            chain.may_sign(&kid(&k1), Some("2000-01-01T00:00:00.000000Z")),
            Err(KeyUseError::Revoked { .. })
        ));
        assert_eq!(chain.verifying_keys().len(), 1, "only k2 verifies");
        chain.may_sign(&kid(&k2), None).unwrap();
        // A key cannot revoke itself, nor a key revoke without being of the chain.
        let by_itself = Revocation::issue("t", &kid(&k2), RevocationReason::Compromise, &k2);
        let by_stranger = Revocation::issue("t", &kid(&k2), RevocationReason::Compromise, &key(5));
        let statements = KeyStatements { rotations: vec![legit], revocations: vec![by_itself, by_stranger] };
        KeyChain::resolve("t", &set(&[&k1]), &statements).may_sign(&kid(&k2), None).unwrap();
        // Learning a revocation reports it, once.
        let before = KeyChain::resolve("t", &set(&[&k1]), &rotations(&[Rotation::issue("t", &k1, &k2)]));
        let offered = KeyStatements { rotations: Vec::new(), revocations: vec![revoked] };
        let (after, learned) = before.learn(&offered).unwrap();
        assert_eq!(learned.revocations.len(), 1);
        assert!(after.learn(&offered).is_none());
    }

    #[test]
    fn a_retired_key_gains_no_power_and_a_revocation_waits_for_its_key() {
        let (k1, k2, fake) = (key(1), key(2), key(5));
        let legit = Rotation::issue("t", &k1, &k2);
        // The pinned set holds only k2; the revocation of k1 comes before k1 joins the chain.
        let revoked = Revocation::issue("t", &kid(&k1), RevocationReason::Compromise, &k2);
        let statements = KeyStatements { rotations: vec![legit.clone()], revocations: vec![revoked] };
        let chain = KeyChain::resolve("t", &set(&[&k2]), &statements);
        assert!(matches!(
            chain.may_sign(&kid(&k1), Some("2000-01-01T00:00:00.000000Z")),
            Err(KeyUseError::Revoked { .. })
        ));
        // A thief of the retired k1 invents a predecessor dated after k1's retirement: refused.
        let mut late = Rotation::issue("t", &fake, &k1);
        late.issued_at = "9999-01-01T00:00:00.000000Z".into();
        let bytes = late.signed_bytes();
        late.signature = URL_SAFE_NO_PAD.encode(fake.sign(&bytes).to_bytes());
        late.countersignature = URL_SAFE_NO_PAD.encode(k1.sign(&bytes).to_bytes());
        let chain = KeyChain::resolve("t", &set(&[&k1]), &rotations(&[legit.clone(), late]));
        assert!(chain.may_sign(&kid(&fake), Some("2000-01-01T00:00:00.000000Z")).is_err());
        // Nor may the retired k1 revoke the key in use.
        let coup = Revocation::issue("t", &kid(&k2), RevocationReason::Compromise, &k1);
        let statements = KeyStatements { rotations: vec![legit], revocations: vec![coup] };
        KeyChain::resolve("t", &set(&[&k1]), &statements).may_sign(&kid(&k2), None).unwrap();
    }
}
