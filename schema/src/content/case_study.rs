//! A case study: a good practice in Interreg Europe's words.

use super::common::*;
use crate::validation::{Errors, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Whether the practice is a policy intervention or a direct intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(example = "direct")]
pub enum Intervention {
    Policy,
    Direct,
}

impl Intervention {
    pub fn as_str(self) -> &'static str {
        match self {
            Intervention::Policy => "policy",
            Intervention::Direct => "direct",
        }
    }
}

/// A case study: an initiative that has proved successful in a region and may interest others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "Sensor retrofits for Huddersfield textile mills",
    "summary": "A shared service fitted low-cost vibration and energy sensors to older looms in twelve family-run mills.",
    "description": "Kirklees Council and the University of Huddersfield set up a retrofit service for older looms...",
    "intervention": "direct",
    "themes": ["predictive-maintenance", "production-monitoring"],
    "language": "en",
    "main_institution": "University of Huddersfield",
    "location": {"nuts": "UKE4", "name": "Huddersfield, West Yorkshire"},
    "period": {"start": "2021-03-01", "end": "2024-02-29"},
    "keywords": ["retrofit", "textiles"],
    "links": ["https://example.org/retrofit"],
    "budget": {"amount": "480000", "currency": "GBP"},
    "funding_sources": ["ERDF"]
}))]
pub struct CaseStudy {
    /// 1 to 200 characters.
    pub title: String,
    /// 1 to 1,000 characters.
    pub summary: String,
    /// 1 to 20,000 characters.
    pub description: String,
    pub intervention: Intervention,
    /// 1 to 4 theme codes, no duplicates.
    pub themes: Vec<String>,
    /// ISO 639-1 code of the language the text is written in.
    pub language: String,
    /// The institution that leads the practice.
    pub main_institution: String,
    pub location: Location,
    pub period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources_needed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_of_success: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulties: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_potential: Option<String>,
    /// At most 20 keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// At most 20 http or https URLs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding_sources: Vec<String>,
    /// Ids of this region's policy instruments the practice relates to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_instruments: Vec<String>,
    /// Personal data: shown only to editors of the origin node, never federated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Title and summary in other languages, by ISO 639-1 code (an English one for records
    /// written in another language); searchable too.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(example = json!({"en": {"title": "Sensor retrofits for textile mills", "summary": "A shared retrofit service."}}))]
    pub translations: BTreeMap<String, Translation>,
}

impl CaseStudy {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new("content");
        e.text(&self.title, "title", 1, 200);
        e.text(&self.summary, "summary", 1, 1000);
        e.text(&self.description, "description", 1, 20_000);
        check_themes(&mut e, &self.themes, "themes", 1);
        check_language(&mut e, &self.language, "language");
        e.text(&self.main_institution, "main_institution", 1, 300);
        check_location(&mut e, &self.location, "location");
        check_period(&mut e, &self.period, "period");
        e.opt_text(&self.resources_needed, "resources_needed", 5000);
        e.opt_text(&self.evidence_of_success, "evidence_of_success", 5000);
        e.opt_text(&self.difficulties, "difficulties", 5000);
        e.opt_text(&self.transfer_potential, "transfer_potential", 5000);
        check_list(&mut e, &self.keywords, "keywords", 20, 100);
        if self.links.len() > 20 {
            e.add("links", "must have at most 20 items");
        }
        for (i, l) in self.links.iter().enumerate() {
            check_url(&mut e, l, &format!("links[{i}]"));
        }
        if let Some(b) = &self.budget {
            check_budget(&mut e, b, "budget");
        }
        check_list(&mut e, &self.funding_sources, "funding_sources", 20, 300);
        for (i, id) in self.policy_instruments.iter().enumerate() {
            e.check(uuid::Uuid::parse_str(id).is_ok(), &format!("policy_instruments[{i}]"), "must be a record id");
        }
        if let Some(c) = &self.contact {
            check_contact(&mut e, c, "contact");
        }
        check_translations(&mut e, &self.translations, &self.language);
        e.into_result()
    }
}
