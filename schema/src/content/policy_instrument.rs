//! A policy instrument: a strategy, programme or law that a region sets out to improve.

use super::common::*;
use crate::validation::{Errors, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// What kind of public intervention the instrument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(example = "erdf-programme")]
pub enum InstrumentType {
    ErdfProgramme,
    EtcProgramme,
    RegionalStrategy,
    NationalStrategy,
    Law,
    FundingScheme,
    Other,
}

/// A means of public intervention: a strategy, programme or law developed by public
/// authorities to improve a specific territorial situation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "West Yorkshire ERDF Programme 2021-2027",
    "description": "Investment priorities for SME competitiveness and innovation in West Yorkshire.",
    "instrument_type": "erdf-programme",
    "managing_authority": "West Yorkshire Combined Authority",
    "territory": "UKE4",
    "period": {"start": "2021-01-01", "end": "2027-12-31"},
    "language": "en",
    "budget": {"amount": "95000000", "currency": "GBP"},
    "themes": ["production-monitoring"],
    "url": "https://example.org/erdf"
}))]
pub struct PolicyInstrument {
    /// 1 to 200 characters.
    pub name: String,
    /// 1 to 20,000 characters.
    pub description: String,
    pub instrument_type: InstrumentType,
    /// The public body that manages the instrument.
    pub managing_authority: String,
    /// NUTS code of the territory it covers.
    pub territory: String,
    pub period: Period,
    /// ISO 639-1 code of the language the text is written in.
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// Up to 4 theme codes, no duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// The instrument's public page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The name (as `title`) and a summary in other languages, by ISO 639-1 code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(example = json!({"en": {"title": "Tuscany ERDF Regional Programme 2021-2027", "summary": "Co-finances research and innovation."}}))]
    pub translations: BTreeMap<String, Translation>,
}

impl PolicyInstrument {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new("content");
        e.text(&self.name, "name", 1, 200);
        e.text(&self.description, "description", 1, 20_000);
        e.text(&self.managing_authority, "managing_authority", 1, 300);
        if let Err(m) = crate::vocab::NutsCode::parse(&self.territory) {
            e.add("territory", m);
        }
        check_period(&mut e, &self.period, "period");
        check_language(&mut e, &self.language, "language");
        if let Some(b) = &self.budget {
            check_budget(&mut e, b, "budget");
        }
        check_themes(&mut e, &self.themes, "themes", 0);
        if let Some(u) = &self.url {
            check_url(&mut e, u, "url");
        }
        check_translations(&mut e, &self.translations, &self.language);
        e.into_result()
    }
}
