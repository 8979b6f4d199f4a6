//! Free text with a length limit.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

/// Whitespace as the schema's pattern (`\S`, ECMA-262) reads it: what a client that checks
/// the contract calls blank is what the node refuses. Not Rust's `char::is_whitespace`,
/// which also counts U+0085 (NEL), so a summary of one NEL was valid by the contract and
/// refused by the node.
fn is_blank(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// Text of 1 to `MAX` characters (Unicode scalar values) that is not blank: something other
/// than whitespace. Its schema is the component `Text{MAX}` (`Text200`), so that a generated
/// client names each limit once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text<const MAX: usize>(String);

impl<const MAX: usize> Text<MAX> {
    /// Accepts 1 to `MAX` characters, not all of them whitespace.
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.chars().all(is_blank) || s.chars().count() > MAX {
            Err(format!("must be 1 to {MAX} characters, not blank"))
        } else {
            Ok(Self(s.to_string()))
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> std::ops::Deref for Text<MAX> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> AsRef<str> for Text<MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> fmt::Display for Text<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MAX: usize> From<Text<MAX>> for String {
    fn from(t: Text<MAX>) -> String {
        t.0
    }
}

impl<const MAX: usize> Serialize for Text<MAX> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for Text<MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Cow::<'de, str>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl<const MAX: usize> PartialSchema for Text<MAX> {
    fn schema() -> RefOr<Schema> {
        let description = format!("Text of 1 to {MAX} characters, not blank (not only whitespace).");
        let string = ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(description))
            .min_length(Some(1))
            .max_length(Some(MAX))
            .pattern(Some(r"\S"));
        // `example`, as the derived schemas have it; short enough for every limit in use.
        #[allow(deprecated)]
        let string = string.example(Some(serde_json::Value::from("Industry 4.0 voucher")));
        string.into()
    }
}

impl<const MAX: usize> ToSchema for Text<MAX> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("Text{MAX}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_count_characters_and_refuse_blank() {
        assert!(Text::<3>::parse("abc").is_ok());
        assert!(Text::<3>::parse("łóż").is_ok(), "characters, not bytes");
        assert!(Text::<3>::parse("abcd").is_err());
        assert!(Text::<3>::parse("").is_err());
        assert!(Text::<3>::parse(" \t ").is_err());
        assert_eq!(Text::<9>::parse(" kept ").unwrap().as_str(), " kept ", "kept exactly as given");
        // Blank as ECMA-262's \s, the schema's pattern, reads it: NEL is not, the
        // ideographic space and the BOM are.
        assert!(Text::<3>::parse("\u{85}").is_ok(), "the contract's pattern accepts it");
        assert!(Text::<3>::parse("\u{3000}\u{feff}").is_err());
    }
}
