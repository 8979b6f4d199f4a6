//! An origin's state commitment: an order-independent digest of the set of `(id, version,
//! hash)` of every record the origin has published (tombstones included), updated by adding
//! and removing elements as records change.
//!
//! The construction is LtHash16 (Bellare and Micciancio's lattice hash, as Lewi et al. use it
//! for update propagation at Facebook, 2019): each element is expanded by SHAKE128 to 1024
//! lanes of 16 bits, and the set's state is the lane-wise sum modulo 2^16 of its elements.
//! Adding and removing are exact inverses, so a state kept up to date write by write equals
//! the one computed afresh, in any order. Finding two different sets with the same state is
//! an instance of the short integer solution problem (n = 1024, q = 2^16), believed hard
//! well beyond 128 bits: unlike a plain sum of hashes, it withstands Wagner's generalised
//! birthday attack. The published digest is SHA-256 of the state's 2048 bytes.

use sha2::{Digest, Sha256};
use sha3::Shake128;
use sha3::digest::{ExtendableOutput, Update, XofReader};

/// Lanes of 16 bits in a state.
pub const LANES: usize = 1024;

/// The state of a set of records: the lane-wise sum of its elements, modulo 2^16.
#[derive(Clone, PartialEq, Eq)]
pub struct SetState(Box<[u16; LANES]>);

impl std::fmt::Debug for SetState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SetState({})", self.digest())
    }
}

impl Default for SetState {
    fn default() -> Self {
        SetState(Box::new([0; LANES]))
    }
}

impl SetState {
    /// The element of one record: SHAKE128 of `id`, a line feed, `version` in decimal, a line
    /// feed and `hash` (as served: `sha256:` + hex), read as 1024 little-endian lanes.
    pub fn element(id: &str, version: i64, hash: &str) -> SetState {
        let mut xof = Shake128::default();
        xof.update(id.as_bytes());
        xof.update(b"\n");
        xof.update(version.to_string().as_bytes());
        xof.update(b"\n");
        xof.update(hash.as_bytes());
        let mut bytes = [0u8; LANES * 2];
        xof.finalize_xof().read(&mut bytes);
        let mut lanes = Box::new([0u16; LANES]);
        for (lane, pair) in lanes.iter_mut().zip(bytes.chunks_exact(2)) {
            *lane = u16::from_le_bytes([pair[0], pair[1]]);
        }
        SetState(lanes)
    }

    /// Adds `other`'s elements to this set.
    pub fn add(&mut self, other: &SetState) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a = a.wrapping_add(*b);
        }
    }

    /// Takes `other`'s elements out of this set.
    pub fn remove(&mut self, other: &SetState) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a = a.wrapping_sub(*b);
        }
    }

    /// The state as stored: 2048 bytes, each lane little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|l| l.to_le_bytes()).collect()
    }

    /// A stored state; `None` unless it is exactly 2048 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<SetState> {
        if bytes.len() != LANES * 2 {
            return None;
        }
        let mut lanes = Box::new([0u16; LANES]);
        for (lane, pair) in lanes.iter_mut().zip(bytes.chunks_exact(2)) {
            *lane = u16::from_le_bytes([pair[0], pair[1]]);
        }
        Some(SetState(lanes))
    }

    /// The published digest: `sha256:` + hex SHA-256 of the state's bytes.
    pub fn digest(&self) -> String {
        super::hash(&self.to_bytes())
    }
}

/// The digest of an empty set (no record published yet).
pub fn empty_digest() -> String {
    SetState::default().digest()
}

/// The digest of an id range's records, for finding where two holdings differ: SHA-256 over
/// the lines `id version hash\n` of the range's records in id order. Ranges are computed
/// afresh, so they need no incremental form.
pub fn range_digest<'a>(records: impl IntoIterator<Item = (&'a str, i64, &'a str)>) -> String {
    let mut sha = Sha256::new();
    for (id, version, hash) in records {
        Digest::update(&mut sha, format!("{id} {version} {hash}\n").as_bytes());
    }
    format!("sha256:{}", sha.finalize().iter().map(|b| format!("{b:02x}")).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: (&str, i64, &str) = ("0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", 1, "sha256:00");
    const B: (&str, i64, &str) = ("0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f61", 3, "sha256:01");

    fn of(e: (&str, i64, &str)) -> SetState {
        SetState::element(e.0, e.1, e.2)
    }

    #[test]
    fn adding_and_removing_in_any_order_gives_the_same_state() {
        let mut one = SetState::default();
        one.add(&of(A));
        one.add(&of(B));
        let mut other = SetState::default();
        other.add(&of(B));
        other.add(&of(A));
        assert_eq!(one, other);
        one.remove(&of(A));
        assert_eq!(one, of(B));
        one.remove(&of(B));
        assert_eq!(one.digest(), empty_digest());
        assert_eq!(SetState::from_bytes(&other.to_bytes()), Some(other.clone()));
        assert_eq!(SetState::from_bytes(&[0; 3]), None);
        // A change of version or hash is a different element.
        assert_ne!(of(A), of((A.0, 2, A.2)));
        assert_ne!(of(A), of((A.0, 1, "sha256:02")));
    }

    #[test]
    fn the_documented_vectors_hold() {
        // docs/protocol.md states these, so another implementation can check itself; they
        // were computed with Python's hashlib (shake_128, sha256), not with this code.
        assert_eq!(empty_digest(), "sha256:e5a00aa9991ac8a5ee3109844d84a55583bd20572ad3ffcd42792f3c36b183ad");
        let lanes = of(A).to_bytes();
        assert_eq!(format!("{:02x}{:02x}{:02x}{:02x}", lanes[0], lanes[1], lanes[2], lanes[3]), VECTOR_A_FIRST_BYTES);
        let mut both = of(A);
        both.add(&of(B));
        assert_eq!(both.digest(), VECTOR_AB);
    }

    const VECTOR_A_FIRST_BYTES: &str = "0961a3fb";
    const VECTOR_AB: &str = "sha256:deb1b2170d895499f9af1bd7f7a8d797e6b2199de37fbc00d0d9f602d6d0eadd";
}
