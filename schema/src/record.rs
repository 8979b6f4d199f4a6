//! The record envelope, the same JSON shape in every response (docs/DESIGN.md, "Records").

use crate::vocab::RegionCode;
use serde::{Deserialize, Serialize};
use std::fmt;
use utoipa::ToSchema;

/// The kind of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "case_study")]
pub enum Kind {
    /// A good practice: [`crate::CaseStudy`].
    CaseStudy,
    /// A strategy, programme or law: [`crate::PolicyInstrument`].
    PolicyInstrument,
    /// A region's plan to improve a policy instrument: [`crate::ActionPlan`].
    ActionPlan,
    /// A region's Industry 4.0 context: [`crate::RegionProfile`].
    RegionProfile,
}

impl Kind {
    /// Every kind, to go through them all.
    pub const ALL: [Kind; 4] = [Kind::CaseStudy, Kind::PolicyInstrument, Kind::ActionPlan, Kind::RegionProfile];

    /// The kind as serialised and stored (`case_study`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CaseStudy => "case_study",
            Kind::PolicyInstrument => "policy_instrument",
            Kind::ActionPlan => "action_plan",
            Kind::RegionProfile => "region_profile",
        }
    }

    /// The kind serialised as `s`, if any.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a record stands in its life: drafts stay on their node; only published records are
/// public and federate; a withdrawn record is kept at its origin but no longer offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "published")]
pub enum Status {
    /// Work in progress: seen only by the node's editors, never federated.
    #[default]
    Draft,
    /// Public, and offered to peers.
    Published,
    /// Taken back after publication: seen only by the node's editors; peers receive a
    /// tombstone.
    Withdrawn,
}

impl Status {
    /// The status as serialised and stored (`draft`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// The status serialised as `s`, if any.
    pub fn parse(s: &str) -> Option<Status> {
        [Status::Draft, Status::Published, Status::Withdrawn].into_iter().find(|k| k.as_str() == s)
    }
}

/// A record: the envelope the node manages, around kind-specific content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Record<C> {
    /// UUIDv7 assigned by the origin node.
    #[schema(example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", format = Uuid)]
    pub id: String,
    /// What the record is; fixed at creation.
    pub kind: Kind,
    /// Code of the region whose node owns the record; only that node changes it.
    #[schema(value_type = RegionCode)]
    pub origin: String,
    /// 1 on create, +1 on every change.
    #[schema(example = 1, minimum = 1, maximum = 9_223_372_036_854_775_807_i64)]
    pub version: i64,
    /// Where the record stands in its life.
    pub status: Status,
    /// RFC 3339, UTC.
    #[schema(example = "2026-11-25T09:30:00.000000Z", format = DateTime)]
    pub created_at: String,
    /// RFC 3339, UTC.
    #[schema(example = "2026-11-25T09:30:00.000000Z", format = DateTime)]
    pub updated_at: String,
    /// The kind-specific content.
    pub content: C,
}

impl<C> Record<C> {
    /// The same envelope around the content `f` makes of this one, or `f`'s error.
    pub fn try_map_content<D, E>(self, f: impl FnOnce(C) -> Result<D, E>) -> Result<Record<D>, E> {
        Ok(Record {
            content: f(self.content)?,
            id: self.id,
            kind: self.kind,
            origin: self.origin,
            version: self.version,
            status: self.status,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
