//! A policy instrument: a strategy, programme or law that a region sets out to improve.

use super::common::*;
use crate::validation::{Errors, FieldError};
use crate::vocab::{LanguageCode, NutsCode, ThemeCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// What kind of public intervention the instrument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(example = "erdf-programme")]
pub enum InstrumentType {
    /// A programme of the European Regional Development Fund.
    ErdfProgramme,
    /// A European Territorial Cooperation (Interreg) programme.
    EtcProgramme,
    /// A strategy of the regional government, such as a smart specialisation strategy.
    RegionalStrategy,
    /// A strategy of the national government.
    NationalStrategy,
    /// A law or regulation.
    Law,
    /// A scheme that funds firms or projects, outside the programmes above.
    FundingScheme,
    /// Any other means of public intervention.
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
    /// The instrument's official name: 1 to 200 characters, not blank.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// What the instrument sets out to do, and how: 1 to 20,000 characters, not blank.
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub description: String,
    /// What kind of public intervention the instrument is.
    pub instrument_type: InstrumentType,
    /// The public body that manages the instrument: 1 to 300 characters, not blank.
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub managing_authority: String,
    /// NUTS (or ITL) code of the territory the instrument covers: two capital letters, then up
    /// to three digits or capital letters (`UKE4`).
    #[schema(value_type = NutsCode)]
    pub territory: String,
    /// When the instrument runs.
    pub period: Period,
    /// ISO 639-1 code of the language the text is written in.
    #[schema(value_type = LanguageCode)]
    pub language: String,
    /// The instrument's budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// The exchange themes the instrument supports: up to 4 theme codes, each listed once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = std::collections::BTreeSet<ThemeCode>, max_items = 4)]
    pub themes: Vec<String>,
    /// The instrument's public page: an absolute `http` or `https` URL of at most 2,000 bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(format = "uri", max_length = 2000, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$")]
    pub url: Option<String>,
    /// The name (as `title`) and a summary in other languages, by ISO 639-1 code. At most 10
    /// languages, not including the record's own `language`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Translations)]
    pub translations: BTreeMap<String, Translation>,
}

impl PolicyInstrument {
    /// Every rule the content breaks, with its field path.
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
