//! The test harness: nodes, databases and HTTP helpers.

#![allow(dead_code)]

pub mod browser;
pub mod fake_peer;
pub mod http;
pub mod node;
pub mod peer;
pub mod postgres;
pub mod samples;

pub use node::{Backend, TestNode};

/// Generates one `#[tokio::test]` per backend for each named `async fn(Backend)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::$name($crate::support::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::$name($crate::support::Backend::Postgres).await })*
        }
    };
}
