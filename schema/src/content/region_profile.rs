//! A region profile: its Industry 4.0 context and stakeholder group (no personal data).

use super::common::*;
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
    /// The organisation's name (never a person's): 1 to 300 characters, not blank.
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub organisation: String,
    /// What the organisation does in the group: 1 to 300 characters, not blank.
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub role: String,
}

/// A region's Industry 4.0 context: one per node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Tuscany: Industry 4.0 context", "summary": "Textiles, paper and leather districts…", "language": "it",
    "key_sectors": ["textiles"], "manufacturing_smes": 42000, "support_programmes": ["Voucher 4.0"],
    "mapping_reports": ["https://example.org/mapping.pdf"], "stakeholders": [{"organisation": "Regione Toscana", "role": "managing authority"}]}))]
pub struct RegionProfile {
    /// The profile's title: 1 to 200 characters, not blank. A region has one profile: its node
    /// refuses to create a second one (replace the first instead).
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// The mapping summary: the region's industry, its SMEs and their take-up of Industry 4.0;
    /// 1 to 5,000 characters, not blank.
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub summary: String,
    /// ISO 639-1 code of the language the text is written in.
    #[schema(value_type = LanguageCode)]
    pub language: String,
    /// The region's main manufacturing sectors: at most 30, each 1 to 200 characters and not
    /// blank.
    #[serde(default)]
    #[schema(max_items = 30, min_length = 1, max_length = 200, pattern = r"\S")]
    pub key_sectors: Vec<String>,
    /// How many manufacturing SMEs the region has (a whole number, exact in JSON).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "integral_opt")]
    #[schema(minimum = 0, maximum = 9_007_199_254_740_991_u64)]
    pub manufacturing_smes: Option<u64>,
    /// The programmes that support SMEs' digitalisation in the region: at most 30, each 1 to
    /// 300 characters and not blank.
    #[serde(default)]
    #[schema(max_items = 30, min_length = 1, max_length = 300, pattern = r"\S")]
    pub support_programmes: Vec<String>,
    /// Links to mapping reports: at most 20 absolute `http` or `https` URLs, each at most
    /// 2,000 bytes.
    #[serde(default)]
    #[schema(max_items = 20, format = "uri", max_length = 2000, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$")]
    pub mapping_reports: Vec<String>,
    /// Organisations of the stakeholder group and their roles, at most 100; no personal data.
    #[serde(default)]
    #[schema(max_items = 100)]
    pub stakeholders: Vec<Stakeholder>,
    /// The title and summary in other languages, by ISO 639-1 code. At most 10 languages, not
    /// including the profile's own `language`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Translations)]
    pub translations: BTreeMap<String, Translation>,
}

impl RegionProfile {
    /// Every rule the content breaks, with its field path; the node itself keeps each region
    /// to one profile.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new("content");
        e.text(&self.title, "title", 1, 200);
        e.text(&self.summary, "summary", 1, 5000);
        check_language(&mut e, &self.language, "language");
        check_list(&mut e, &self.key_sectors, "key_sectors", 30, 200);
        check_list(&mut e, &self.support_programmes, "support_programmes", 30, 300);
        if self.mapping_reports.len() > 20 {
            e.add("mapping_reports", "must have at most 20 items");
        }
        for (i, u) in self.mapping_reports.iter().enumerate() {
            check_url(&mut e, u, &format!("mapping_reports[{i}]"));
        }
        if self.stakeholders.len() > 100 {
            e.add("stakeholders", "must have at most 100 items");
        }
        for (i, s) in self.stakeholders.iter().enumerate() {
            e.text(&s.organisation, &format!("stakeholders[{i}].organisation"), 1, 300);
            e.text(&s.role, &format!("stakeholders[{i}].role"), 1, 300);
        }
        check_translations(&mut e, &self.translations, &self.language);
        e.into_result()
    }
}
