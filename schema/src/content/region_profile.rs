//! A region profile: its Industry 4.0 context and stakeholder group (no personal data).

use super::common::*;
use crate::fields::{HttpUrl, List, Text};
use crate::validation::{Errors, FieldError};
use crate::vocab::LanguageCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// An organisation of the stakeholder group and its role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"organisation": "Confindustria Toscana Nord", "role": "represents manufacturing SMEs"}))]
pub struct Stakeholder {
    /// The organisation's name (never a person's).
    pub organisation: Text<300>,
    /// What the organisation does in the group.
    pub role: Text<300>,
}

/// A region's Industry 4.0 context: one per node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Tuscany: Industry 4.0 context", "summary": "Textiles, paper and leather districts…", "language": "it",
    "key_sectors": ["textiles"], "manufacturing_smes": 42000, "support_programmes": ["Voucher 4.0"],
    "mapping_reports": ["https://example.org/mapping.pdf"], "stakeholders": [{"organisation": "Regione Toscana", "role": "managing authority"}]}))]
pub struct RegionProfile {
    /// The profile's title. A region has one profile: its node refuses to create a second one
    /// (replace the first instead).
    pub title: Text<200>,
    /// The mapping summary: the region's industry, its SMEs and their take-up of Industry 4.0.
    pub summary: Text<5000>,
    /// The language the text is written in.
    pub language: LanguageCode,
    /// The region's main manufacturing sectors: at most 30.
    #[serde(default)]
    #[schema(value_type = Vec<Text<200>>, max_items = 30)]
    pub key_sectors: List<Text<200>, 0, 30>,
    /// How many manufacturing SMEs the region has (a whole number, exact in JSON).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "integral_opt")]
    #[schema(minimum = 0, maximum = 9_007_199_254_740_991_u64)]
    pub manufacturing_smes: Option<u64>,
    /// The programmes that support SMEs' digitalisation in the region: at most 30.
    #[serde(default)]
    #[schema(value_type = Vec<Text<300>>, max_items = 30)]
    pub support_programmes: List<Text<300>, 0, 30>,
    /// Links to mapping reports: at most 20.
    #[serde(default)]
    #[schema(value_type = Vec<HttpUrl>, max_items = 20)]
    pub mapping_reports: List<HttpUrl, 0, 20>,
    /// Organisations of the stakeholder group and their roles, at most 100; no personal data.
    #[serde(default)]
    #[schema(value_type = Vec<Stakeholder>, max_items = 100)]
    pub stakeholders: List<Stakeholder, 0, 100>,
    /// The title and summary in other languages, by ISO 639-1 code. At most 10 languages, not
    /// including the profile's own `language`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Translations)]
    pub translations: TranslationMap,
}

impl RegionProfile {
    /// Every rule the content breaks, with its field path; the node itself keeps each region
    /// to one profile.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new("content");
        check_translations(&mut e, &self.translations, &self.language);
        e.into_result()
    }
}
