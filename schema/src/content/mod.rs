//! Kind-specific record content.

mod case_study;
pub mod common;
mod policy_instrument;

pub use case_study::{CaseStudy, Intervention};
pub use common::{Budget, Contact, Location, Period, Translation};
pub use policy_instrument::{InstrumentType, PolicyInstrument};

use crate::record::Kind;
use crate::validation::FieldError;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What every kind of content offers the generic record machinery.
pub trait RecordContent: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {
    const KIND: Kind;

    /// Every rule the content breaks, with its field path (`content.title`).
    fn validate(&self) -> Result<(), Vec<FieldError>>;

    /// Theme codes, for filtering.
    fn themes(&self) -> &[String];

    /// Ids of other records of this node that the content refers to, with the field that
    /// holds each and the kind it must be. Checked only at the origin.
    fn references(&self) -> Vec<(String, String, Kind)> {
        Vec::new()
    }

    /// Takes the personal data out of the content, to be stored apart from it.
    fn take_private(&mut self) -> Option<serde_json::Value> {
        None
    }

    /// Puts personal data taken by [`RecordContent::take_private`] back, for editors.
    fn restore_private(&mut self, _private: serde_json::Value) {}
}

impl RecordContent for CaseStudy {
    const KIND: Kind = Kind::CaseStudy;

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        CaseStudy::validate(self)
    }
    fn themes(&self) -> &[String] {
        &self.themes
    }
    fn references(&self) -> Vec<(String, String, Kind)> {
        let ids = self.policy_instruments.iter().enumerate();
        ids.map(|(i, id)| (format!("content.policy_instruments[{i}]"), id.clone(), Kind::PolicyInstrument)).collect()
    }
    fn take_private(&mut self) -> Option<serde_json::Value> {
        self.contact.take().map(|c| serde_json::json!({ "contact": c }))
    }
    fn restore_private(&mut self, private: serde_json::Value) {
        if let Some(c) = private.get("contact") {
            self.contact = serde_json::from_value(c.clone()).ok();
        }
    }
}

impl RecordContent for PolicyInstrument {
    const KIND: Kind = Kind::PolicyInstrument;

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        PolicyInstrument::validate(self)
    }
    fn themes(&self) -> &[String] {
        &self.themes
    }
}

/// Validates content of `kind` received from a peer: the same rules as a local write, except
/// references to other records (they may arrive later, or through another peer).
pub fn validate_remote(kind: Kind, content: &serde_json::Value) -> Result<(), Vec<FieldError>> {
    fn check<C: RecordContent>(content: &serde_json::Value) -> Result<(), Vec<FieldError>> {
        let typed = C::deserialize(content)
            .map_err(|e| vec![FieldError { field: "content".into(), message: e.to_string() }])?;
        let mut private = typed.clone();
        if private.take_private().is_some() {
            return Err(vec![FieldError { field: "content".into(), message: "carries personal data".into() }]);
        }
        typed.validate()
    }
    match kind {
        Kind::CaseStudy => check::<CaseStudy>(content),
        Kind::PolicyInstrument => check::<PolicyInstrument>(content),
    }
}
