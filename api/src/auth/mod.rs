//! Local API tokens and the extractors that say, in a handler's signature, who may call it.

pub mod extract;
pub mod policy;
pub mod token;

pub use extract::{Admin, Caller, Editor, Reader};
