//! A case study an action cites: named by its origin and id, for a record's identity is both
//! (docs/protocol.md, section 14). Plans written before that name the id alone; they are read
//! as they were signed, and a node that writes a plan names the origin of every citation.

use crate::fields::RecordId;
use crate::vocab::RegionCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A cited case study: its origin and id, or (in a plan written before citations named their
/// origin) its id alone. A node writing a plan at its origin turns an id alone into the
/// origin and id of the one case study in the catalogue with that id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Cited {
    /// The case study's origin and id.
    Record(CitedRecord),
    /// The case study's id alone: whichever origin's record the catalogue holds under it,
    /// when only one origin's is.
    #[schema(value_type = RecordId)]
    Id(RecordId),
}

/// A case study named by origin and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"origin": "leeds", "id": "01900004-0000-7000-8000-000000000005"}))]
pub struct CitedRecord {
    /// The case study's origin region.
    pub origin: RegionCode,
    /// The case study's id at its origin.
    pub id: RecordId,
}

impl Cited {
    /// The cited id.
    pub fn id(&self) -> &str {
        match self {
            Cited::Record(r) => r.id.as_str(),
            Cited::Id(id) => id.as_str(),
        }
    }

    /// The cited origin, when the citation names it.
    pub fn origin(&self) -> Option<&str> {
        match self {
            Cited::Record(r) => Some(r.origin.as_str()),
            Cited::Id(_) => None,
        }
    }

    /// Whether the citation can mean `origin`'s record `id`.
    pub fn names(&self, origin: &str, id: &str) -> bool {
        self.id() == id && self.origin().is_none_or(|o| o == origin)
    }
}

// By hand rather than `untagged`: serde's untagged error ("did not match any variant") would
// tell a client nothing; this says what each form must be.
impl<'de> Deserialize<'de> for Cited {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => RecordId::parse(&s).map(Cited::Id).map_err(D::Error::custom),
            object @ serde_json::Value::Object(_) => {
                serde_json::from_value(object).map(Cited::Record).map_err(D::Error::custom)
            }
            _ => Err(D::Error::custom("must be {\"origin\": region code, \"id\": record id}, or a record id")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_forms_read_and_write_back_as_given() {
        let id = "01900004-0000-7000-8000-000000000005";
        for given in [json!(id), json!({"origin": "leeds", "id": id})] {
            let cited: Cited = serde_json::from_value(given.clone()).unwrap();
            assert_eq!(serde_json::to_value(&cited).unwrap(), given, "signed bytes stay as they were");
            assert!(cited.names("leeds", id));
        }
        let qualified: Cited = serde_json::from_value(json!({"origin": "leeds", "id": id})).unwrap();
        assert!(!qualified.names("tuscany", id), "another origin's record of the id is another record");
    }

    #[test]
    fn a_bad_citation_says_what_it_must_be() {
        for (given, says) in [
            (json!("nope"), "record id"),
            (json!({"origin": "Leeds", "id": "01900004-0000-7000-8000-000000000005"}), "lowercase"),
            (json!({"origin": "leeds"}), "missing field `id`"),
            (json!({"origin": "leeds", "id": "01900004-0000-7000-8000-000000000005", "x": 1}), "unknown field"),
            (json!(7), "origin"),
        ] {
            let e = serde_json::from_value::<Cited>(given).unwrap_err().to_string();
            assert!(e.contains(says), "{e}");
        }
    }
}
