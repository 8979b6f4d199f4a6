//! Pieces shared by several kinds of content.

use crate::validation::Errors;
use crate::vocab::{CurrencyCode, LanguageCode, NutsCode, ThemeCode};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, Ref, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

/// Where an initiative takes place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"nuts": "UKE4", "name": "Huddersfield, West Yorkshire"}))]
pub struct Location {
    /// NUTS (or ITL) code of the territory: two capital letters for the country, then up to
    /// three digits or capital letters (`UKE4`).
    #[schema(value_type = NutsCode)]
    pub nuts: String,
    /// The place's name as locals write it: 1 to 200 characters, not blank.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
}

/// When an initiative runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"start": "2021-03-01", "end": "2024-02-29"}))]
pub struct Period {
    /// First day, a calendar date (`YYYY-MM-DD`).
    #[schema(format = Date)]
    pub start: String,
    /// Last day, a calendar date (`YYYY-MM-DD`) on or after `start`; absent while the
    /// initiative is ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(format = Date)]
    pub end: Option<String>,
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"amount": "1250000.00", "currency": "EUR"}))]
pub struct Budget {
    /// Non-negative decimal amount: digits, optionally a decimal point and more digits
    /// (`250000`, `1250.50`; no sign, exponent, spaces or thousands separators), at most 24
    /// characters. Accepted as a JSON string or a JSON number (taken as its decimal text);
    /// always returned as a string, so that no precision is lost.
    #[serde(deserialize_with = "decimal_string")]
    #[schema(value_type = String, example = "1250000.00", max_length = 24, pattern = r"^[0-9]+(\.[0-9]+)?$")]
    pub amount: String,
    /// ISO 4217 code of the currency, in capitals (`EUR`).
    #[schema(value_type = CurrencyCode)]
    pub currency: String,
}

/// Personal contact details: only editors of the origin node see them; they never federate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Ruth Okafor", "email": "r.okafor@example.org"}))]
pub struct Contact {
    /// The contact person's name: 1 to 200 characters, not blank.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// The contact person's email address: at most 254 bytes (UTF-8), no whitespace, something
    /// before the first `@`, and after it a domain that contains a dot but neither starts nor
    /// ends with one.
    #[schema(format = Email, max_length = 254, pattern = r"^[^@\s]+@[^.\s]\S*\.\S*[^.\s]$")]
    pub email: String,
}

/// The personal data of a record, stored apart from its content: only editors of the origin
/// node see it, and it never federates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Private {
    /// A case study's contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// A title and summary in another language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Predictive maintenance in the Prato textile district", "summary": "Sensors on 40 looms."}))]
pub struct Translation {
    /// The record's title (a policy instrument's `name`) in that language: 1 to 200
    /// characters, not blank.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// The record's summary (a policy instrument's description, in short) in that language:
    /// 1 to 5,000 characters, not blank.
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub summary: String,
}

/// How many languages a record's `translations` may hold.
const MAX_TRANSLATIONS: usize = 10;

/// The OpenAPI schema of a record's `translations`, a map the content keeps as
/// `BTreeMap<String, Translation>`: keys are ISO 639-1 codes, at most 10 of them.
/// Documentation only (no value has this type); `check_translations` enforces the rules.
pub enum Translations {}

impl PartialSchema for Translations {
    fn schema() -> RefOr<Schema> {
        let description = "A record's title and summary in other languages, keyed by ISO 639-1 language code: \
            at most 10 languages, none of them the record's own `language`.";
        let language = AllOfBuilder::new().item(Ref::from_schema_name(LanguageCode::name()));
        let object = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(description))
            .property_names(Some(language))
            .additional_properties(Some(Ref::from_schema_name(Translation::name())))
            .max_properties(Some(MAX_TRANSLATIONS));
        // `example`, as the derived schemas have it (the contract's tests require it).
        #[allow(deprecated)]
        let object = object.example(Some(serde_json::json!({"en": {
            "title": "Predictive maintenance in the Prato textile district",
            "summary": "Sensors on 40 looms report vibration and temperature to a shared model."
        }})));
        object.into()
    }
}

impl ToSchema for Translations {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Translations")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((LanguageCode::name().into_owned(), LanguageCode::schema()));
        LanguageCode::schemas(schemas);
        schemas.push((Translation::name().into_owned(), Translation::schema()));
        Translation::schemas(schemas);
    }
}

pub(crate) fn check_translations(
    e: &mut Errors,
    translations: &std::collections::BTreeMap<String, Translation>,
    language: &str,
) {
    if translations.len() > MAX_TRANSLATIONS {
        e.add("translations", format!("must have at most {MAX_TRANSLATIONS} languages"));
    }
    for (lang, t) in translations {
        let field = format!("translations.{lang}");
        if LanguageCode::parse(lang).is_err() {
            e.add(&field, "must be keyed by an ISO 639-1 language code");
        } else if lang == language {
            e.add_rule(&field, "is the record's own language");
        }
        e.text(&t.title, &format!("{field}.title"), 1, 200);
        e.text(&t.summary, &format!("{field}.summary"), 1, 5000);
    }
}

fn decimal_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Amount {
        Text(String),
        Number(serde_json::Number),
    }
    Ok(match Amount::deserialize(d)? {
        Amount::Text(s) => s,
        Amount::Number(n) => n.to_string(),
    })
}

/// The largest whole number a JSON number carries exactly (2^53 - 1).
pub(crate) const MAX_EXACT_INTEGER: u64 = 9_007_199_254_740_991;

/// A whole number, sent as `3` or `3.0` (JSON Schema's `integer` is both), that fits `T` and
/// is exact in JSON (at most 2^53 - 1).
pub(crate) fn integral<'de, D: Deserializer<'de>, T: TryFrom<u64>>(d: D) -> Result<T, D::Error> {
    whole_number(&serde_json::Number::deserialize(d)?)
}

/// [`integral`] for an optional field (`null` or absent is none).
pub(crate) fn integral_opt<'de, D: Deserializer<'de>, T: TryFrom<u64>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<serde_json::Number>::deserialize(d)?.map(|n| whole_number(&n)).transpose()
}

fn whole_number<E: serde::de::Error, T: TryFrom<u64>>(n: &serde_json::Number) -> Result<T, E> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked whole and in range
    let whole = n.as_u64().or_else(|| {
        n.as_f64().filter(|f| f.fract() == 0.0 && (0.0..=MAX_EXACT_INTEGER as f64).contains(f)).map(|f| f as u64)
    });
    whole
        .filter(|v| *v <= MAX_EXACT_INTEGER)
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| E::custom(format!("expected a whole number from 0 to {MAX_EXACT_INTEGER}, not {n}")))
}

pub(crate) fn check_location(e: &mut Errors, l: &Location, field: &str) {
    if let Err(m) = NutsCode::parse(&l.nuts) {
        e.add(&format!("{field}.nuts"), m);
    }
    e.text(&l.name, &format!("{field}.name"), 1, 200);
}

pub(crate) fn check_period(e: &mut Errors, p: &Period, field: &str) {
    let date = |s: &str| is_iso_date(s).then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()).flatten();
    let start = date(&p.start);
    e.check(start.is_some(), &format!("{field}.start"), "must be a date, YYYY-MM-DD");
    if let Some(end) = &p.end {
        match (start, date(end)) {
            (_, None) => e.add(&format!("{field}.end"), "must be a date, YYYY-MM-DD"),
            (Some(s), Some(en)) if en < s => e.add_rule(&format!("{field}.end"), "must not be before start"),
            _ => {}
        }
    }
}

pub(crate) fn check_budget(e: &mut Errors, b: &Budget, field: &str) {
    let a = b.amount.as_str();
    let (int, frac) = a.split_once('.').unwrap_or((a, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    e.check(
        digits(int) && digits(frac) && a.len() <= 24,
        &format!("{field}.amount"),
        "must be a non-negative decimal number such as 250000 or 1250.50",
    );
    if let Err(m) = CurrencyCode::parse(&b.currency) {
        e.add(&format!("{field}.currency"), m);
    }
}

pub(crate) fn check_contact(e: &mut Errors, c: &Contact, field: &str) {
    e.text(&c.name, &format!("{field}.name"), 1, 200);
    let ok = c.email.len() <= 254
        && c.email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.'))
        && !c.email.contains(char::is_whitespace);
    e.check(ok, &format!("{field}.email"), "must be an email address");
}

pub(crate) fn check_language(e: &mut Errors, lang: &str, field: &str) {
    if let Err(m) = LanguageCode::parse(lang) {
        e.add(field, m);
    }
}

/// Themes: `min..=4` known codes, no duplicates.
pub(crate) fn check_themes(e: &mut Errors, themes: &[String], field: &str, min: usize) {
    if themes.len() < min || themes.len() > 4 {
        e.add(field, format!("must list {min} to 4 themes"));
    }
    for (i, t) in themes.iter().enumerate() {
        if let Err(m) = ThemeCode::parse(t) {
            e.add(&format!("{field}[{i}]"), m);
        } else if themes[..i].contains(t) {
            e.add(&format!("{field}[{i}]"), "is listed twice");
        }
    }
}

/// Exactly `YYYY-MM-DD` (chrono alone also takes `2021-3-1` and `+2021-03-01`).
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// A record id as this node writes them: a hyphenated UUID (the uuid crate alone also takes
/// the simple, braced and URN forms).
pub(crate) fn is_record_id(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::parse_str(s).is_ok()
}

pub(crate) fn check_url(e: &mut Errors, u: &str, field: &str) {
    // The url crate forgives leading spaces, tabs and newlines inside; a stored link must not
    // need forgiving. The schema's pattern says the same: http(s):// first, no spaces.
    let scheme = u.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        || u.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://"));
    let ok = u.len() <= 2000
        && scheme
        && !u.chars().any(|c| c.is_whitespace() || c.is_control())
        && url::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    e.check(ok, field, "must be an http or https URL");
}

pub(crate) fn check_list(e: &mut Errors, items: &[String], field: &str, max_items: usize, max_len: usize) {
    if items.len() > max_items {
        e.add(field, format!("must have at most {max_items} items"));
    }
    for (i, s) in items.iter().enumerate() {
        e.text(s, &format!("{field}[{i}]"), 1, max_len);
    }
}
