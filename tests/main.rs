//! Black-box tests: each starts real `smarty` nodes on loopback ports, with their own SQLite
//! files or PostgreSQL databases, and talks to them over HTTP and through the CLI.
//!
//! One test binary (one link step) with a module per capability.

// Test code: a failed unwrap is a failed test, with its location.
#![allow(clippy::unwrap_used)]

mod support;

mod auth;
mod backup;
mod boundaries;
mod catalogue;
mod cli;
mod completeness;
mod concurrency;
mod contract;
mod dcat;
mod demo;
mod federation;
mod feeds;
mod harvest;
mod hostile;
mod key_chain;
mod languages;
mod logging;
mod metrics;
mod openapi;
mod origin_identity;
mod pages;
mod peer_tokens;
mod plans;
mod portable;
mod python_peer;
mod readme;
mod records;
mod replicas;
mod sample_data;
mod snapshot;
mod validation;
mod webhooks;
