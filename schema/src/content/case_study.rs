//! A case study: a good practice in Interreg Europe's words.

use super::common::*;
use crate::validation::{Errors, FieldError};
use crate::vocab::{LanguageCode, ThemeCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Whether the practice is a policy intervention or a direct intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(example = "direct")]
pub enum Intervention {
    /// A change to a policy: a strategy, programme, law or funding scheme.
    Policy,
    /// Work done directly with firms or other beneficiaries (a service, a project).
    Direct,
}

impl Intervention {
    /// The value as serialised (`policy`, `direct`).
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
    /// The practice's name: 1 to 200 characters, not blank.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// What the practice is, in a few sentences: 1 to 1,000 characters, not blank.
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub summary: String,
    /// How the practice works, who runs it and for whom: 1 to 20,000 characters, not blank.
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub description: String,
    /// Whether the practice is a policy or a direct intervention.
    pub intervention: Intervention,
    /// The exchange themes the practice addresses: 1 to 4 theme codes, each listed once.
    #[schema(value_type = std::collections::BTreeSet<ThemeCode>, min_items = 1, max_items = 4)]
    pub themes: Vec<String>,
    /// ISO 639-1 code of the language the text is written in.
    #[schema(value_type = LanguageCode)]
    pub language: String,
    /// The institution that leads the practice: 1 to 300 characters, not blank.
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub main_institution: String,
    /// Where the practice takes place.
    pub location: Location,
    /// When the practice ran or started.
    pub period: Period,
    /// The money, staff and equipment the practice needed; when given, 1 to 5,000
    /// characters, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub resources_needed: Option<String>,
    /// What shows that the practice works (results, figures, evaluations); when given, 1 to
    /// 5,000 characters, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub evidence_of_success: Option<String>,
    /// The difficulties met and how they were overcome; when given, 1 to 5,000 characters,
    /// not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub difficulties: Option<String>,
    /// Why and how other regions could adopt the practice; when given, 1 to 5,000
    /// characters, not blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub transfer_potential: Option<String>,
    /// Free keywords for search: at most 20, each 1 to 100 characters and not blank.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(max_items = 20, min_length = 1, max_length = 100, pattern = r"\S")]
    pub keywords: Vec<String>,
    /// Public pages about the practice: at most 20 absolute `http` or `https` URLs, each at
    /// most 2,000 bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(max_items = 20, format = "uri", max_length = 2000, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$")]
    pub links: Vec<String>,
    /// What the practice cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// Where the money came from (`ERDF`, a regional fund, a company): at most 20 sources,
    /// each 1 to 300 characters and not blank.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(max_items = 20, min_length = 1, max_length = 300, pattern = r"\S")]
    pub funding_sources: Vec<String>,
    /// Ids (UUIDs) of policy instruments of this region the practice relates to. When the
    /// record is written at its origin, each must name a live policy instrument of that region
    /// (a published one when the case study is published); records received from peers are
    /// not checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(format = Uuid)]
    pub policy_instruments: Vec<String>,
    /// Who to ask about the practice. Personal data: shown only to editors of the origin node,
    /// never federated (a peer's record that carries it is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Title and summary in other languages, by ISO 639-1 code (an English one for records
    /// written in another language); searchable too. At most 10 languages, not including the
    /// record's own `language`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Translations)]
    pub translations: BTreeMap<String, Translation>,
}

impl CaseStudy {
    /// Every rule the content breaks, with its field path; references to other records are
    /// checked by the node, not here.
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
            e.check(is_record_id(id), &format!("policy_instruments[{i}]"), "must be a record id");
        }
        if let Some(c) = &self.contact {
            check_contact(&mut e, c, "contact");
        }
        check_translations(&mut e, &self.translations, &self.language);
        e.into_result()
    }
}
