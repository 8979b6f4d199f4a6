//! A region profile: its Industry 4.0 context and stakeholder group (no personal data).

use super::common::*;
use crate::validation::{Errors, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// An organisation of the stakeholder group and its role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"organisation": "Confindustria Toscana Nord", "role": "represents manufacturing SMEs"}))]
pub struct Stakeholder {
    pub organisation: String,
    pub role: String,
}

/// A region's Industry 4.0 context: one per node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Tuscany: Industry 4.0 context", "summary": "Textiles, paper and leather districts…", "language": "it",
    "key_sectors": ["textiles"], "manufacturing_smes": 42000, "support_programmes": ["Voucher 4.0"],
    "mapping_reports": ["https://example.org/mapping.pdf"], "stakeholders": [{"organisation": "Regione Toscana", "role": "managing authority"}]}))]
pub struct RegionProfile {
    pub title: String,
    /// The mapping summary.
    pub summary: String,
    pub language: String,
    #[serde(default)]
    pub key_sectors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturing_smes: Option<u64>,
    #[serde(default)]
    pub support_programmes: Vec<String>,
    /// Links to mapping reports.
    #[serde(default)]
    pub mapping_reports: Vec<String>,
    /// Organisations and their roles; no personal data.
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
}

impl RegionProfile {
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
