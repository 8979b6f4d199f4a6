//! Content of any kind: what the store, the catalogue, the index and the pages hold when the
//! kind is known only at run time. Built in one place, from a kind and JSON.

use super::{
    ActionPlan, CaseStudy, Intervention, Period, PolicyInstrument, Private, RecordContent, RegionProfile, Translation,
};
use crate::fields::{RecordId, Text};
use crate::record::Kind;
use crate::vocab::{LanguageCode, NutsCode, ThemeCode};
use serde::Serialize;

/// The content of a record of any kind.
// Case studies are the bulk of every store: boxing them would add an allocation to nearly
// every record read, to save a few hundred bytes on the rarer kinds.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum AnyContent {
    /// A case study's content.
    CaseStudy(CaseStudy),
    /// A policy instrument's content.
    PolicyInstrument(PolicyInstrument),
    /// An action plan's content.
    ActionPlan(ActionPlan),
    /// A region profile's content.
    RegionProfile(RegionProfile),
}

impl AnyContent {
    /// Reads content of `kind` from JSON text, by that kind's schema.
    pub fn from_json(kind: Kind, text: &str) -> Result<AnyContent, serde_json::Error> {
        fn read<C: RecordContent>(text: &str) -> Result<AnyContent, serde_json::Error> {
            serde_json::from_str::<C>(text).map(RecordContent::into_any)
        }
        match kind {
            Kind::CaseStudy => read::<CaseStudy>(text),
            Kind::PolicyInstrument => read::<PolicyInstrument>(text),
            Kind::ActionPlan => read::<ActionPlan>(text),
            Kind::RegionProfile => read::<RegionProfile>(text),
        }
    }

    /// Puts personal data stored apart back into the content, for the origin's editors.
    pub fn restore_private(&mut self, private: Private) {
        match self {
            AnyContent::CaseStudy(c) => c.restore_private(private),
            AnyContent::PolicyInstrument(c) => c.restore_private(private),
            AnyContent::ActionPlan(c) => c.restore_private(private),
            AnyContent::RegionProfile(c) => c.restore_private(private),
        }
    }

    /// The kind of record that holds this content.
    pub fn kind(&self) -> Kind {
        match self {
            AnyContent::CaseStudy(_) => Kind::CaseStudy,
            AnyContent::PolicyInstrument(_) => Kind::PolicyInstrument,
            AnyContent::ActionPlan(_) => Kind::ActionPlan,
            AnyContent::RegionProfile(_) => Kind::RegionProfile,
        }
    }

    /// The record's title (a policy instrument's `name`), in its own language.
    pub fn title(&self) -> &str {
        match self {
            AnyContent::CaseStudy(c) => &c.title,
            AnyContent::PolicyInstrument(c) => &c.name,
            AnyContent::ActionPlan(c) => &c.title,
            AnyContent::RegionProfile(c) => &c.title,
        }
    }

    /// A short text about the record: its summary (a policy instrument's description).
    pub fn summary(&self) -> &str {
        match self {
            AnyContent::CaseStudy(c) => &c.summary,
            AnyContent::PolicyInstrument(c) => &c.description,
            AnyContent::ActionPlan(c) => &c.summary,
            AnyContent::RegionProfile(c) => &c.summary,
        }
    }

    /// The language the content is written in.
    pub fn language(&self) -> &LanguageCode {
        match self {
            AnyContent::CaseStudy(c) => &c.language,
            AnyContent::PolicyInstrument(c) => &c.language,
            AnyContent::ActionPlan(c) => &c.language,
            AnyContent::RegionProfile(c) => &c.language,
        }
    }

    /// Theme codes (case studies and policy instruments have them).
    pub fn themes(&self) -> &[ThemeCode] {
        match self {
            AnyContent::CaseStudy(c) => c.themes(),
            AnyContent::PolicyInstrument(c) => c.themes(),
            AnyContent::ActionPlan(c) => c.themes(),
            AnyContent::RegionProfile(c) => c.themes(),
        }
    }

    /// The translation into `language`, if the content has one.
    pub fn translation(&self, language: &str) -> Option<&Translation> {
        let translations = match self {
            AnyContent::CaseStudy(c) => &c.translations,
            AnyContent::PolicyInstrument(c) => &c.translations,
            AnyContent::ActionPlan(c) => &c.translations,
            AnyContent::RegionProfile(c) => &c.translations,
        };
        translations.get(language)
    }

    /// When the initiative runs, if the content says.
    pub fn period(&self) -> Option<&Period> {
        match self {
            AnyContent::CaseStudy(c) => Some(&c.period),
            AnyContent::PolicyInstrument(c) => Some(&c.period),
            AnyContent::ActionPlan(_) | AnyContent::RegionProfile(_) => None,
        }
    }

    /// The year the initiative started, when the content has a period.
    pub fn start_year(&self) -> Option<i32> {
        Some(self.period()?.start.year())
    }

    /// NUTS code of the territory: a case study's location, a policy instrument's territory.
    pub fn nuts(&self) -> Option<&NutsCode> {
        match self {
            AnyContent::CaseStudy(c) => Some(&c.location.nuts),
            AnyContent::PolicyInstrument(c) => Some(&c.territory),
            AnyContent::ActionPlan(_) | AnyContent::RegionProfile(_) => None,
        }
    }

    /// A case study's kind of intervention.
    pub fn intervention(&self) -> Option<Intervention> {
        match self {
            AnyContent::CaseStudy(c) => Some(c.intervention),
            _ => None,
        }
    }

    /// The longer text about the record, besides its summary: a case study's description.
    pub fn description(&self) -> Option<&str> {
        match self {
            AnyContent::CaseStudy(c) => Some(&c.description),
            _ => None,
        }
    }

    /// Every text searched besides the title, in the content's language.
    pub fn body_text(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        match self {
            AnyContent::CaseStudy(c) => {
                out.extend([c.summary.as_str(), &c.description, &c.main_institution, &c.location.name]);
                for optional in [&c.resources_needed, &c.evidence_of_success, &c.difficulties, &c.transfer_potential] {
                    out.extend(optional.as_ref().map(Text::as_str));
                }
                out.extend(c.keywords.iter().map(Text::as_str));
                out.extend(c.funding_sources.iter().map(Text::as_str));
            }
            AnyContent::PolicyInstrument(c) => out.extend([c.description.as_str(), &c.managing_authority]),
            AnyContent::ActionPlan(c) => {
                out.push(&c.summary);
                for a in &c.actions {
                    out.extend([a.title.as_str(), &a.description]);
                }
            }
            AnyContent::RegionProfile(c) => {
                out.push(&c.summary);
                out.extend(c.key_sectors.iter().map(Text::as_str));
                out.extend(c.support_programmes.iter().map(Text::as_str));
                out.extend(c.stakeholders.iter().map(|s| s.organisation.as_str()));
            }
        }
        out
    }

    /// Ids of the policy instruments the content relates to.
    pub fn instruments(&self) -> Vec<&str> {
        match self {
            AnyContent::CaseStudy(c) => c.policy_instruments.iter().map(RecordId::as_str).collect(),
            AnyContent::ActionPlan(p) => vec![p.policy_instrument.as_str()],
            _ => Vec::new(),
        }
    }
}
