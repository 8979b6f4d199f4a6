//! Pieces shared by several kinds of content.

use crate::fields::{Amount, Email, IsoDate, Text};
pub(crate) use crate::fields::{integral, integral_opt};
use crate::validation::Errors;
use crate::vocab::{CurrencyCode, LanguageCode, NutsCode};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, Ref, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

/// Where an initiative takes place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"nuts": "UKE4", "name": "Huddersfield, West Yorkshire"}))]
pub struct Location {
    /// NUTS (or ITL) code of the territory.
    pub nuts: NutsCode,
    /// The place's name as locals write it.
    pub name: Text<200>,
}

/// When an initiative runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"start": "2021-03-01", "end": "2024-02-29"}))]
pub struct Period {
    /// First day.
    pub start: IsoDate,
    /// Last day, on or after `start`; absent while the initiative is ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<IsoDate>,
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"amount": "1250000.00", "currency": "EUR"}))]
pub struct Budget {
    /// How much.
    pub amount: Amount,
    /// In which currency.
    pub currency: CurrencyCode,
}

/// Personal contact details: only editors of the origin node see them; they never federate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Ruth Okafor", "email": "r.okafor@example.org"}))]
pub struct Contact {
    /// The contact person's name.
    pub name: Text<200>,
    /// The contact person's email address.
    pub email: Email,
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

/// A record's text in another language: its title and summary, and optionally the rest of
/// its text, so a reader of that language can read the whole record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Predictive maintenance in the Prato textile district", "summary": "Sensors on 40 looms.",
    "description": "Vibration and temperature sensors were fitted to 40 looms in twelve mills."}))]
pub struct Translation {
    /// The record's title (a policy instrument's `name`) in that language.
    pub title: Text<200>,
    /// The record's summary (a policy instrument's description, in short) in that language.
    pub summary: Text<5000>,
    /// The record's `description` in that language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text<20000>>,
    /// A case study's `resources_needed` in that language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources_needed: Option<Text<5000>>,
    /// A case study's `evidence_of_success` in that language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_of_success: Option<Text<5000>>,
    /// A case study's `difficulties` in that language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulties: Option<Text<5000>>,
    /// A case study's `transfer_potential` in that language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_potential: Option<Text<5000>>,
}

impl Translation {
    /// Every text of the translation, title first.
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str(), self.summary.as_str()];
        out.extend(self.description.as_ref().map(Text::as_str));
        for optional in
            [&self.resources_needed, &self.evidence_of_success, &self.difficulties, &self.transfer_potential]
        {
            out.extend(optional.as_ref().map(Text::as_str));
        }
        out
    }
}

/// How many languages a record's `translations` may hold.
const MAX_TRANSLATIONS: usize = 10;

/// The OpenAPI schema of a record's `translations`, a map the content keeps as
/// [`TranslationMap`]: keys are ISO 639-1 codes, at most 10 of them. Documentation only (no
/// value has this type); `check_translations` enforces the count and the own-language rule.
pub enum Translations {}

/// A record's translations, by language.
pub type TranslationMap = std::collections::BTreeMap<LanguageCode, Translation>;

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

pub(crate) fn check_translations(e: &mut Errors, translations: &TranslationMap, language: &LanguageCode) {
    if translations.len() > MAX_TRANSLATIONS {
        e.add("translations", format!("must have at most {MAX_TRANSLATIONS} languages"));
    }
    if translations.contains_key(language) {
        e.add_rule(&format!("translations.{language}"), "is the record's own language");
    }
}

/// A period's end must not come before its start: a rule between two fields, beyond the
/// schema.
pub(crate) fn check_period(e: &mut Errors, p: &Period, field: &str) {
    if p.end.as_ref().is_some_and(|end| end < &p.start) {
        e.add_rule(&format!("{field}.end"), "must not be before start");
    }
}
