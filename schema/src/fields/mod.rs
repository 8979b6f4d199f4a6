//! Domain newtypes for the fields of record content: each is built by one fallible
//! constructor (`parse`), serde deserialises through it, and its OpenAPI schema states the
//! same rule. A value of one of these types is valid by construction, wherever it came from
//! (a request, a peer, the store).
//!
//! The constructors keep the text exactly as given (no trimming, no case folding): content is
//! signed in its canonical JSON form, and a peer's record must re-serialise to the bytes its
//! origin signed.

mod amount;
mod date;
mod id;
mod list;
mod number;
mod text;
mod web;

pub use amount::Amount;
pub use date::{HalfYear, IsoDate};
pub use id::RecordId;
pub use list::List;
pub(crate) use number::{MAX_EXACT_INTEGER, integral, integral_opt, whole_number};
pub use text::Text;
pub use web::{Email, HttpUrl};

/// A newtype over `String` whose values are the strings one rule accepts. Its OpenAPI schema
/// is a named string component: the doc comment is its description, and `$rule` narrows it (a
/// pattern, a format, the list of codes) to exactly what `parse` accepts.
macro_rules! string_newtype {
    ($(#[doc = $doc:literal])* $name:ident, $example:literal, $rule:expr) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                Self::parse(&s)
            }
        }
        impl From<$name> for String {
            fn from(c: $name) -> String {
                c.0
            }
        }
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{ObjectBuilder, Type};
                let description = [$($doc),*].map(str::trim).join("\n");
                let rule: fn(ObjectBuilder) -> ObjectBuilder = $rule;
                let string = ObjectBuilder::new().schema_type(Type::String).description(Some(description));
                // `example`, as the derived schemas have it (the contract's tests require it).
                #[allow(deprecated)]
                let string = rule(string).example(Some(serde_json::Value::from($example)));
                string.into()
            }
        }
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }
    };
}
pub(crate) use string_newtype;
