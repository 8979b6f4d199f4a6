//! Whole numbers as JSON carries them exactly.

use serde::{Deserialize, Deserializer};

/// The largest whole number a JSON number carries exactly (2^53 - 1).
pub const MAX_EXACT_INTEGER: u64 = 9_007_199_254_740_991;

/// A whole number, sent as `3` or `3.0` (JSON Schema's `integer` is both), that fits `T` and
/// is exact in JSON (at most 2^53 - 1).
pub(crate) fn integral<'de, D: Deserializer<'de>, T: TryFrom<u64>>(d: D) -> Result<T, D::Error> {
    whole_number(&serde_json::Number::deserialize(d)?)
}

/// [`integral`] for an optional field (`null` or absent is none).
pub(crate) fn integral_opt<'de, D: Deserializer<'de>, T: TryFrom<u64>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<serde_json::Number>::deserialize(d)?.map(|n| whole_number(&n)).transpose()
}

pub(crate) fn whole_number<E: serde::de::Error, T: TryFrom<u64>>(n: &serde_json::Number) -> Result<T, E> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked whole and in range
    let whole = n.as_u64().or_else(|| {
        n.as_f64().filter(|f| f.fract() == 0.0 && (0.0..=MAX_EXACT_INTEGER as f64).contains(f)).map(|f| f as u64)
    });
    whole
        .filter(|v| *v <= MAX_EXACT_INTEGER)
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| E::custom(format!("expected a whole number from 0 to {MAX_EXACT_INTEGER}, not {n}")))
}
