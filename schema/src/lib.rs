//! The records of Smarty Exchange: domain types, vocabularies, validation and storage.
//!
//! This crate owns every SQL statement of the project (docs/DESIGN.md: "SQL lives only in
//! `schema/`"); the `api` crate talks to the database only through [`store::Store`].

#![warn(missing_docs)]

pub mod content;
pub mod db;
pub mod fields;
pub mod record;
pub mod signing;
pub mod store;
pub mod timestamp;
pub mod validation;
pub mod vocab;

pub use content::{ActionPlan, AnyContent, CaseStudy, PolicyInstrument, RecordContent, RegionProfile};
pub use record::{Kind, Record, Status};
pub use validation::FieldError;

/// Re-exported so tests and tools can open their own connections with the same diesel.
pub use diesel;
