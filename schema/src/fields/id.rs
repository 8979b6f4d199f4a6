//! The id of a record named in another record's content.

use super::string_newtype;
use utoipa::openapi::schema::{KnownFormat, SchemaFormat};

string_newtype!(
    /// A record's id: a UUID in its hyphenated form (`8-4-4-4-12` hexadecimal digits).
    RecordId,
    "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60",
    |s| s.format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
);

impl RecordId {
    /// Accepts a hyphenated UUID (the uuid crate alone also takes the simple, braced and URN
    /// forms, which no node writes).
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.len() == 36 && uuid::Uuid::parse_str(s).is_ok() {
            Ok(Self(s.to_string()))
        } else {
            Err("must be a record id (a hyphenated UUID)".into())
        }
    }
}
