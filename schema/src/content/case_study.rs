//! A case study: a good practice in Interreg Europe's words.

use super::common::*;
use crate::fields::{HttpUrl, List, RecordId, Text};
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
    /// The practice's name.
    pub title: Text<200>,
    /// What the practice is, in a few sentences.
    pub summary: Text<1000>,
    /// How the practice works, who runs it and for whom.
    pub description: Text<20000>,
    /// Whether the practice is a policy or a direct intervention.
    pub intervention: Intervention,
    /// The exchange themes the practice addresses: 1 to 4 theme codes, each listed once.
    #[schema(value_type = std::collections::BTreeSet<ThemeCode>, min_items = 1, max_items = 4)]
    pub themes: List<ThemeCode, 1, 4, true>,
    /// The language the text is written in.
    pub language: LanguageCode,
    /// The institution that leads the practice.
    pub main_institution: Text<300>,
    /// Where the practice takes place.
    pub location: Location,
    /// When the practice ran or started.
    pub period: Period,
    /// The money, staff and equipment the practice needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources_needed: Option<Text<5000>>,
    /// What shows that the practice works (results, figures, evaluations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_of_success: Option<Text<5000>>,
    /// The difficulties met and how they were overcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulties: Option<Text<5000>>,
    /// Why and how other regions could adopt the practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_potential: Option<Text<5000>>,
    /// Free keywords for search: at most 20.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    #[schema(value_type = Vec<Text<100>>, max_items = 20)]
    pub keywords: List<Text<100>, 0, 20>,
    /// Public pages about the practice: at most 20.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[schema(value_type = Vec<HttpUrl>, max_items = 20)]
    pub links: List<HttpUrl, 0, 20>,
    /// What the practice cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// Where the money came from (`ERDF`, a regional fund, a company): at most 20 sources.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    #[schema(value_type = Vec<Text<300>>, max_items = 20)]
    pub funding_sources: List<Text<300>, 0, 20>,
    /// Ids of policy instruments of this region the practice relates to. When the record is
    /// written at its origin, each must name a live policy instrument of that region (a
    /// published one when the case study is published); records received from peers are not
    /// checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_instruments: Vec<RecordId>,
    /// Who to ask about the practice. Personal data: shown only to editors of the origin node,
    /// never federated (a peer's record that carries it is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Title and summary in other languages, by ISO 639-1 code (an English one for records
    /// written in another language); searchable too. At most 10 languages, not including the
    /// record's own `language`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Translations)]
    pub translations: TranslationMap,
}

impl CaseStudy {
    /// Every rule the content breaks, with its field path; references to other records are
    /// checked by the node, not here.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new("content");
        check_period(&mut e, &self.period, "period");
        check_translations(&mut e, &self.translations, &self.language);
        e.into_result()
    }
}
