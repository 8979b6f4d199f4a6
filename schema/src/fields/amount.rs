//! Amounts of money.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
use utoipa::{PartialSchema, ToSchema};

/// [`Amount::parse`]'s rule as a JSON Schema (ECMA-262) pattern.
const AMOUNT_PATTERN: &str = r"^[0-9]+(\.[0-9]+)?$";

/// A non-negative decimal amount, kept as its decimal text so that no precision is lost.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Amount(String);

impl Amount {
    /// Accepts digits, optionally a decimal point and more digits, at most 24 characters.
    pub fn parse(s: &str) -> Result<Self, String> {
        let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if digits(int) && digits(frac) && s.len() <= 24 {
            Ok(Self(s.to_string()))
        } else {
            Err("must be a non-negative decimal number such as 250000 or 1250.50".into())
        }
    }

    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    /// A JSON string, or a whole JSON number (`95000000`, exact in JSON) taken as its digits.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Sent<'a> {
            #[serde(borrow)]
            Text(Cow<'a, str>),
            Number(serde_json::Number),
        }
        let text = match Sent::deserialize(d)? {
            Sent::Text(s) => s.into_owned(),
            Sent::Number(n) => super::whole_number::<D::Error, u64>(&n)?.to_string(),
        };
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl PartialSchema for Amount {
    fn schema() -> RefOr<Schema> {
        let description = "A non-negative decimal amount: digits, optionally a decimal point and more digits \
            (`250000`, `1250.50`; no sign, exponent, spaces or thousands separators), at most 24 characters. \
            Accepted as a JSON string, or as a whole JSON number from 0 to 2^53 - 1 (taken as its \
            digits); always returned as a string, so that no precision is lost.";
        let either = ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([Type::String, Type::Integer]))
            .description(Some(description))
            .max_length(Some(24))
            .pattern(Some(AMOUNT_PATTERN))
            .minimum(Some(0))
            .maximum(Some(super::MAX_EXACT_INTEGER));
        // `example`, as the derived schemas have it (the contract's tests require it).
        #[allow(deprecated)]
        let either = either.example(Some(serde_json::Value::from("1250000.00")));
        either.into()
    }
}

impl ToSchema for Amount {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Amount")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_from_strings_and_numbers() {
        let from = |v: serde_json::Value| serde_json::from_value::<Amount>(v).map(|a| a.0);
        assert_eq!(from("1250.50".into()).unwrap(), "1250.50");
        assert_eq!(from(95_000_000.into()).unwrap(), "95000000");
        for bad in ["-5", "1e5", "1,000", " 5", "1.", ".5", ""] {
            assert!(Amount::parse(bad).is_err(), "{bad}");
        }
        assert!(from((-5).into()).is_err());
        assert!(from(1.5.into()).is_err(), "a number must be whole");
    }
}
