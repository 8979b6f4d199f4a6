//! A policy instrument: a strategy, programme or law that a region sets out to improve.

use super::common::*;
use crate::fields::{HttpUrl, List, Text};
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
    /// The instrument's official name.
    pub name: Text<200>,
    /// What the instrument sets out to do, and how.
    pub description: Text<20000>,
    /// What kind of public intervention the instrument is.
    pub instrument_type: InstrumentType,
    /// The public body that manages the instrument.
    pub managing_authority: Text<300>,
    /// NUTS (or ITL) code of the territory the instrument covers.
    pub territory: NutsCode,
    /// When the instrument runs.
    pub period: Period,
    /// The language the text is written in.
    pub language: LanguageCode,
    /// The instrument's budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// The exchange themes the instrument supports: up to 4 theme codes, each listed once.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[schema(value_type = std::collections::BTreeSet<ThemeCode>, max_items = 4)]
    pub themes: List<ThemeCode, 0, 4, true>,
    /// The instrument's public page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<HttpUrl>,
    /// The name (as `title`) and a summary in other languages, by ISO 639-1 code. At most 10
    /// languages, not including the record's own `language`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Translations)]
    pub translations: TranslationMap,
}

impl PolicyInstrument {
    /// Every rule the content breaks, with its field path.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new("content");
        check_period(&mut e, &self.period, "period");
        check_translations(&mut e, &self.translations, &self.language);
        e.into_result()
    }
}
