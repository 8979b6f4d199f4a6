//! Bounded lists: `MIN` to `MAX` items, each listed once when `UNIQUE`.

use serde::{Deserialize, Deserializer, Serialize};

/// A list of `MIN` to `MAX` items, each listed once when `UNIQUE`. Built by [`List::new`];
/// serde reads it through the same check. A field of this type states the same bounds in its
/// schema (`value_type = Vec<T>` with `min_items`, `max_items`, `unique_items`): utoipa cannot
/// inline a schema that depends on const parameters, and the contract fuzzer proves the two
/// agree (a schema-valid list refused, or an invalid one accepted, fails it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct List<T, const MIN: usize, const MAX: usize, const UNIQUE: bool = false>(Vec<T>);

impl<T: PartialEq, const MIN: usize, const MAX: usize, const UNIQUE: bool> List<T, MIN, MAX, UNIQUE> {
    /// The list, if it has `MIN` to `MAX` items (each once when `UNIQUE`).
    pub fn new(items: Vec<T>) -> Result<Self, String> {
        if items.len() < MIN {
            return Err(match MIN {
                1 => "must have at least 1 item".into(),
                n => format!("must have at least {n} items"),
            });
        }
        if items.len() > MAX {
            return Err(format!("must have at most {MAX} items"));
        }
        if UNIQUE && items.iter().enumerate().any(|(i, a)| items[..i].contains(a)) {
            return Err("must list each item once".into());
        }
        Ok(List(items))
    }
}

impl<T, const MIN: usize, const MAX: usize, const UNIQUE: bool> List<T, MIN, MAX, UNIQUE> {
    /// The items, for changes that re-check the bounds through [`List::new`].
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }

    /// Whether the list has no items (for `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

// Items may change in place where the list need not stay unique: the count cannot change.
impl<T, const MIN: usize, const MAX: usize> List<T, MIN, MAX, false> {
    /// The items, to change in place.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }
}

// An empty list where none is needed (`MIN` is 0); a list that needs items has no default.
impl<T, const MAX: usize, const UNIQUE: bool> Default for List<T, 0, MAX, UNIQUE> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T, const MIN: usize, const MAX: usize, const UNIQUE: bool> std::ops::Deref for List<T, MIN, MAX, UNIQUE> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T, const MIN: usize, const MAX: usize, const UNIQUE: bool> IntoIterator for &'a List<T, MIN, MAX, UNIQUE> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T, const MIN: usize, const MAX: usize, const UNIQUE: bool> TryFrom<Vec<T>> for List<T, MIN, MAX, UNIQUE>
where
    T: PartialEq,
{
    type Error = String;
    fn try_from(items: Vec<T>) -> Result<Self, String> {
        Self::new(items)
    }
}

impl<'de, T, const MIN: usize, const MAX: usize, const UNIQUE: bool> Deserialize<'de> for List<T, MIN, MAX, UNIQUE>
where
    T: Deserialize<'de> + PartialEq,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(Vec::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_and_uniqueness_are_checked_when_built_and_when_read() {
        assert!(List::<u8, 1, 2, true>::new(vec![1, 2]).is_ok());
        assert_eq!(List::<u8, 1, 2, true>::new(vec![]).unwrap_err(), "must have at least 1 item");
        assert_eq!(List::<u8, 1, 2, true>::new(vec![1, 2, 3]).unwrap_err(), "must have at most 2 items");
        assert_eq!(List::<u8, 1, 2, true>::new(vec![1, 1]).unwrap_err(), "must list each item once");
        assert!(List::<u8, 0, 2>::new(vec![1, 1]).is_ok());
        assert!(serde_json::from_str::<List<u8, 0, 2>>("[1, 2, 3]").unwrap_err().to_string().contains("at most 2"));
        assert_eq!(serde_json::to_string(&List::<u8, 0, 2>::new(vec![1]).unwrap()).unwrap(), "[1]");
    }
}
