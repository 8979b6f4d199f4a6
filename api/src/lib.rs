//! The Smarty Exchange region node: REST API, federation, catalogue, harvesting protocols
//! and the CLI.

pub mod auth;
pub mod catalogue;
pub mod cli;
pub mod config;
pub mod error;
pub mod federation;
pub mod files;
pub mod harvest;
pub mod health;
pub mod http;
pub mod i18n;
pub mod keys;
pub mod openapi;
pub mod records;
pub mod search;
pub mod server;
pub mod state;
pub mod telemetry;
pub mod ui;
pub mod vocab;
pub mod webhooks;
pub mod xml;
