//! Kind-specific record content.

mod action_plan;
mod any;
mod case_study;
mod cited;
pub mod common;
mod policy_instrument;
mod region_profile;

pub use action_plan::{
    Action, ActionPlan, ActionProgress, ActionStatus, Citation, CitationStatus, ImprovementType, Indicator,
    IndicatorValue, MonitoringReport, Timeframe,
};
pub use any::AnyContent;
pub use case_study::{CaseStudy, Intervention};
pub use cited::{Cited, CitedRecord};
pub use common::{Budget, Contact, Location, Period, Private, Translation};
pub use policy_instrument::{InstrumentType, PolicyInstrument};
pub use region_profile::{RegionProfile, Stakeholder};

use crate::record::Kind;
use crate::validation::FieldError;
use crate::vocab::{RegionCode, ThemeCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What every kind of content offers the generic record machinery.
pub trait RecordContent: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {
    /// The kind of record that holds this content.
    const KIND: Kind;

    /// Every rule the content breaks, with its field path (`content.title`).
    fn validate(&self) -> Result<(), Vec<FieldError>>;

    /// Theme codes, for filtering.
    fn themes(&self) -> &[ThemeCode];

    /// Other records the content refers to. Checked only at the origin, when written.
    fn references(&self) -> Vec<Reference> {
        Vec::new()
    }

    /// Takes the personal data out of the content, to be stored apart from it.
    fn take_private(&mut self) -> Option<Private> {
        None
    }

    /// Puts personal data taken by [`RecordContent::take_private`] back, for editors.
    fn restore_private(&mut self, _private: Private) {}

    /// Names the origin of every citation that names an id alone, where `origin_of` knows
    /// it (id → origin): a plan written at its origin cites records by origin and id.
    fn name_origins(&mut self, _origin_of: &std::collections::HashMap<String, String>) {}

    /// The content as content of any kind.
    fn into_any(self) -> AnyContent;

    /// The content, if `any` is of this kind.
    fn from_any(any: AnyContent) -> Option<Self>;
}

/// `into_any` and `from_any` for a content type and its [`AnyContent`] variant.
macro_rules! any_variant {
    ($variant:ident) => {
        fn into_any(self) -> AnyContent {
            AnyContent::$variant(self)
        }
        fn from_any(any: AnyContent) -> Option<Self> {
            match any {
                AnyContent::$variant(c) => Some(c),
                _ => None,
            }
        }
    };
}

impl RecordContent for CaseStudy {
    const KIND: Kind = Kind::CaseStudy;

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        CaseStudy::validate(self)
    }
    fn themes(&self) -> &[ThemeCode] {
        &self.themes
    }
    fn references(&self) -> Vec<Reference> {
        let ids = self.policy_instruments.iter().enumerate();
        ids.map(|(i, id)| Reference::own(format!("content.policy_instruments[{i}]"), id, Kind::PolicyInstrument))
            .collect()
    }
    fn take_private(&mut self) -> Option<Private> {
        self.contact.take().map(|c| Private { contact: Some(c) })
    }
    fn restore_private(&mut self, private: Private) {
        if private.contact.is_some() {
            self.contact = private.contact;
        }
    }
    any_variant!(CaseStudy);
}

/// A reference from one record to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The referring field's path (`content.actions[0].inspired_by[1]`).
    pub field: String,
    /// The id the field names.
    pub id: String,
    /// The kind of record the id must name.
    pub kind: Kind,
    /// Whether the record may be of any region (in the catalogue), or must be this region's.
    pub any_origin: bool,
    /// The region the reference names, when it names one (a citation of origin and id).
    pub origin: Option<String>,
}

impl Reference {
    /// A reference to a record that must be this region's own.
    pub fn own(field: String, id: &str, kind: Kind) -> Reference {
        Reference { field, id: id.to_string(), kind, any_origin: false, origin: None }
    }
}

impl RecordContent for ActionPlan {
    const KIND: Kind = Kind::ActionPlan;
    any_variant!(ActionPlan);

    fn name_origins(&mut self, origin_of: &std::collections::HashMap<String, String>) {
        for action in self.actions.iter_mut() {
            for cited in action.inspired_by.iter_mut() {
                if let Cited::Id(id) = cited
                    && let Some(origin) = origin_of.get(id.as_str()).and_then(|o| RegionCode::parse(o).ok())
                {
                    *cited = Cited::Record(CitedRecord { origin, id: id.clone() });
                }
            }
        }
    }

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        ActionPlan::validate(self)
    }
    fn themes(&self) -> &[ThemeCode] {
        &[]
    }
    fn references(&self) -> Vec<Reference> {
        let mut refs =
            vec![Reference::own("content.policy_instrument".into(), &self.policy_instrument, Kind::PolicyInstrument)];
        for (i, a) in self.actions.iter().enumerate() {
            for (j, cited) in a.inspired_by.iter().enumerate() {
                let field = format!("content.actions[{i}].inspired_by[{j}]");
                let origin = cited.origin().map(String::from);
                refs.push(Reference {
                    field,
                    id: cited.id().to_string(),
                    kind: Kind::CaseStudy,
                    any_origin: true,
                    origin,
                });
            }
        }
        refs
    }
}

impl RecordContent for RegionProfile {
    const KIND: Kind = Kind::RegionProfile;
    any_variant!(RegionProfile);

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        RegionProfile::validate(self)
    }
    fn themes(&self) -> &[ThemeCode] {
        &[]
    }
}

impl RecordContent for PolicyInstrument {
    const KIND: Kind = Kind::PolicyInstrument;
    any_variant!(PolicyInstrument);

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        PolicyInstrument::validate(self)
    }
    fn themes(&self) -> &[ThemeCode] {
        &self.themes
    }
}

/// Reads and validates content of `kind` received from a peer: the same rules as a local
/// write, except references to other records (they may arrive later, or through another peer).
pub fn validate_remote(kind: Kind, content: &serde_json::Value) -> Result<AnyContent, Vec<FieldError>> {
    fn check<C: RecordContent>(content: &serde_json::Value) -> Result<AnyContent, Vec<FieldError>> {
        let mut typed = serde_path_to_error::deserialize::<_, C>(content).map_err(|e| {
            let at = e.path().to_string();
            let field = if at == "." { "content".to_string() } else { format!("content.{at}") };
            vec![FieldError::new(field, e.into_inner().to_string())]
        })?;
        // Taking it out is the test: content that had any is refused whole.
        if typed.take_private().is_some() {
            return Err(vec![FieldError::new("content", "carries personal data")]);
        }
        typed.validate()?;
        Ok(typed.into_any())
    }
    match kind {
        Kind::CaseStudy => check::<CaseStudy>(content),
        Kind::PolicyInstrument => check::<PolicyInstrument>(content),
        Kind::ActionPlan => check::<ActionPlan>(content),
        Kind::RegionProfile => check::<RegionProfile>(content),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::List;
    use serde::de::DeserializeOwned;
    use utoipa::PartialSchema;

    /// The example of a type's OpenAPI schema.
    fn example_json<T: PartialSchema>() -> serde_json::Value {
        serde_json::to_value(T::schema()).unwrap()["example"].clone()
    }

    /// The example of a type's OpenAPI schema, read as that type.
    fn example<T: PartialSchema + DeserializeOwned>() -> T {
        serde_json::from_value(example_json::<T>()).unwrap()
    }

    #[test]
    fn schema_examples_follow_the_rules() {
        let mut case: CaseStudy = example();
        assert_eq!(case.validate(), Ok(()));
        (case.location, case.period, case.budget) = (example(), example(), Some(example()));
        case.contact = Some(example());
        assert_eq!(case.validate(), Ok(()));

        let instrument: PolicyInstrument = example();
        assert_eq!(instrument.validate(), Ok(()));

        let mut profile: RegionProfile = example();
        assert_eq!(profile.validate(), Ok(()));
        profile.stakeholders = List::new(vec![example()]).unwrap();
        assert_eq!(profile.validate(), Ok(()));

        // The plan's example is in Polish: the translations' example (English) fits it.
        let mut plan: ActionPlan = example();
        assert_eq!(plan.validate(), Ok(()));
        let mut action: Action = example();
        (action.number, action.timeframe, action.indicators) = (2, example(), vec![]);
        plan.actions = List::new([plan.actions.into_vec(), vec![action]].concat()).unwrap();
        plan.translations = serde_json::from_value(example_json::<common::Translations>()).unwrap();
        plan.translations.insert(crate::vocab::LanguageCode::parse("it").unwrap(), example());
        let mut report: MonitoringReport = example();
        report.actions.push(example());
        report.indicators.push(example());
        assert_eq!(plan.validate_report(&report), Ok(()));
        plan.monitoring.push(report);
        assert_eq!(plan.validate(), Ok(()));
        let indicator: Indicator = example();
        assert_eq!(indicator.name, plan.actions[0].indicators[0].name);
    }
}
