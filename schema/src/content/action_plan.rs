//! An action plan: how a region improves one of its policy instruments with what it learnt
//! from partners' practices, and the monitoring of it.

use super::Cited;
use super::common::*;
use crate::fields::{HalfYear, IsoDate, List, RecordId, Text};
use crate::validation::{Errors, FieldError};
use crate::vocab::LanguageCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// How an action improves the policy instrument (Interreg Europe's three ways).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(example = "new-projects")]
pub enum ImprovementType {
    /// The instrument funds new projects.
    NewProjects,
    /// The instrument's management (governance, selection, monitoring) improves.
    Management,
    /// The instrument's strategic focus changes.
    StrategicFocus,
}

/// A measure of an action's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "SMEs with sensors installed", "unit": "firms", "baseline": 0, "target": 40}))]
pub struct Indicator {
    /// What is measured: unique among the indicators of all the plan's actions (monitoring
    /// reports refer to indicators by name).
    pub name: Text<200>,
    /// The unit of the values (`firms`, `EUR`, `%`).
    pub unit: Text<50>,
    /// The value when the action starts.
    pub baseline: f64,
    /// The value the action aims for.
    pub target: f64,
}

/// When an action runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"start": "2025-03-01", "end": "2026-12-31"}))]
pub struct Timeframe {
    /// First day.
    pub start: IsoDate,
    /// Last day, on or after `start`.
    pub end: IsoDate,
}

/// One action of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"number": 1, "title": "Retrofit vouchers for metalworking SMEs", "description": "Adapting Leeds' shared retrofit service…",
    "inspired_by": [{"origin": "leeds", "id": "01900004-0000-7000-8000-000000000005"}], "players": ["Mazovia Development Agency"],
    "timeframe": {"start": "2025-03-01", "end": "2026-12-31"}, "costs": {"amount": "450000", "currency": "PLN"},
    "funding_sources": ["ERDF"], "improvement_type": "new-projects",
    "indicators": [{"name": "SMEs with sensors installed", "unit": "firms", "baseline": 0, "target": 40}]}))]
pub struct Action {
    /// The action's number, by which monitoring reports refer to it: 1 or more, and unique in
    /// the plan.
    #[schema(minimum = 1, maximum = 4_294_967_295_u64)]
    #[serde(deserialize_with = "integral")]
    pub number: u32,
    /// The action's name.
    pub title: Text<300>,
    /// What the action does, and how.
    pub description: Text<10000>,
    /// The case studies, of any region, that inspired the action, each by origin and id (or,
    /// in plans written before citations named their origin, by id alone): at most 20. When
    /// the plan is written at its origin, each must name a case study in the catalogue that is
    /// published (or was withdrawn after being published), and an id alone is stored as the
    /// origin and id of the one such case study (an id several origins' case studies have is
    /// refused: name the origin); records received from peers are not checked.
    #[serde(default)]
    #[schema(value_type = Vec<Cited>, max_items = 20)]
    pub inspired_by: List<Cited, 0, 20>,
    /// The organisations that carry the action out: at most 30.
    #[serde(default)]
    #[schema(value_type = Vec<Text<300>>, max_items = 30)]
    pub players: List<Text<300>, 0, 30>,
    /// When the action runs.
    pub timeframe: Timeframe,
    /// What the action costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<Budget>,
    /// Where the money comes from: at most 20 sources.
    #[serde(default)]
    #[schema(value_type = Vec<Text<300>>, max_items = 20)]
    pub funding_sources: List<Text<300>, 0, 20>,
    /// How the action improves the policy instrument.
    pub improvement_type: ImprovementType,
    /// How the action's progress is measured. Names are unique across the whole plan.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// The cited practices as the catalogue shows them (`inspired_by`, in order): filled by
    /// the catalogue when it serves the plan; never written by clients (a body that carries
    /// it is refused), never signed.
    #[serde(default, deserialize_with = "refuse_citations", skip_serializing_if = "Option::is_none")]
    #[schema(read_only)]
    pub citations: Option<Vec<Citation>>,
}

/// Refuses `citations` in a body: the catalogue fills them in, nobody writes or signs them.
// Not `skip_deserializing`: the contract would then not show them, though the catalogue serves
// them.
fn refuse_citations<'de, D: serde::Deserializer<'de>>(_: D) -> Result<Option<Vec<Citation>>, D::Error> {
    Err(serde::de::Error::custom("citations are filled in by the catalogue and cannot be written"))
}

/// A practice an action cites, as the catalogue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
// Written only by the node; stated strict like every object of a body (see `citations`).
#[serde(deny_unknown_fields)]
#[schema(example = json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "origin": "leeds",
    "title": "Sensor retrofits for Huddersfield textile mills", "status": "available"}))]
pub struct Citation {
    /// The cited case study's id.
    pub id: String,
    /// Its origin's code; empty when this node does not hold it.
    pub origin: String,
    /// Its title when it is in the catalogue, or a peer's withdrawal; else empty.
    pub title: String,
    /// Whether it can be read here.
    pub status: CitationStatus,
}

/// Where a cited practice stands, seen from this node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = "available")]
#[serde(rename_all = "lowercase")]
pub enum CitationStatus {
    /// In the catalogue.
    Available,
    /// Published once, not any more.
    Withdrawn,
    /// Not held by this node (yet).
    Unknown,
    /// Named by id alone, and several origins' case studies have that id: which one the plan
    /// means cannot be told.
    Ambiguous,
}

/// Where an action stands in a monitoring report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(example = "on-track")]
pub enum ActionStatus {
    /// Work has not begun.
    NotStarted,
    /// Under way, as planned.
    OnTrack,
    /// Under way, behind its timeframe.
    Delayed,
    /// Done.
    Completed,
    /// Given up; the report must say why.
    Abandoned,
}

/// An indicator's value at a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "SMEs with sensors installed", "value": 12}))]
pub struct IndicatorValue {
    /// The name of one of the plan's indicators, exactly as the plan writes it.
    pub name: Text<200>,
    /// The indicator's value at the end of the reported period, in the indicator's unit.
    pub value: f64,
}

/// An action's progress at a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"number": 1, "status": "on-track"}))]
pub struct ActionProgress {
    /// The `number` of one of the plan's actions.
    #[schema(minimum = 1, maximum = 4_294_967_295_u64)]
    #[serde(deserialize_with = "integral")]
    pub number: u32,
    /// Where the action stands.
    pub status: ActionStatus,
    /// Why the action was given up: required when `status` is `abandoned`; optional
    /// otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text<1000>>,
}

/// A half-yearly monitoring report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"period": "2025-S2", "indicators": [{"name": "SMEs with sensors installed", "value": 12}],
    "narrative": "Twelve firms equipped; the second call opens in March.", "actions": [{"number": 1, "status": "on-track"}]}))]
pub struct MonitoringReport {
    /// The half-year reported on. A plan holds at most one report per period.
    pub period: HalfYear,
    /// Values of the plan's indicators at the end of the period; each `name` must be one of
    /// the plan's indicators.
    #[serde(default)]
    pub indicators: Vec<IndicatorValue>,
    /// What happened in the period.
    pub narrative: Text<5000>,
    /// Where the plan's actions stand; each `number` must be one of the plan's actions.
    #[serde(default)]
    pub actions: Vec<ActionProgress>,
}

/// An action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Plan działania Mazowsze 4.0", "policy_instrument": "01900002-0000-7000-8000-000000000001",
    "summary": "Mazovia adds a retrofit voucher line to its ERDF programme.", "language": "pl",
    "actions": [{"number": 1, "title": "Bony na modernizację dla MŚP z branży metalowej",
        "description": "Wspólna usługa modernizacji starszych maszyn, wzorowana na usłudze z Leeds.",
        "inspired_by": [{"origin": "leeds", "id": "01900004-0000-7000-8000-000000000005"}], "players": ["Mazovia Development Agency"],
        "timeframe": {"start": "2025-03-01", "end": "2026-12-31"}, "costs": {"amount": "450000", "currency": "PLN"},
        "funding_sources": ["ERDF"], "improvement_type": "new-projects",
        "indicators": [{"name": "SMEs with sensors installed", "unit": "firms", "baseline": 0, "target": 40}]}],
    "translations": {"en": {"title": "Mazovia 4.0 action plan",
        "summary": "Mazovia adds a retrofit voucher line to its ERDF programme."}}}))]
pub struct ActionPlan {
    /// The plan's name.
    pub title: Text<200>,
    /// Id of the policy instrument the plan improves. When the plan is written at its origin,
    /// it must name a live policy instrument of that region (a published one when the plan is
    /// published); records received from peers are not checked.
    pub policy_instrument: RecordId,
    /// What the plan changes, in English whatever the plan's `language` (not checked).
    pub summary: Text<2000>,
    /// The language of the plan's text.
    pub language: LanguageCode,
    /// The plan's actions: 1 to 50, each with a `number` unique in the plan; indicator names
    /// are unique across all of them.
    #[schema(value_type = Vec<Action>, min_items = 1, max_items = 50)]
    pub actions: List<Action, 1, 50>,
    /// Monitoring reports in period order, each period once; appended with
    /// `POST …/monitoring`. Each report's indicators and actions must be the plan's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub monitoring: Vec<MonitoringReport>,
    /// The title and summary in other languages, by ISO 639-1 code. At most 10 languages, not
    /// including the plan's own `language`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = Translations)]
    pub translations: TranslationMap,
}

impl ActionPlan {
    /// Every rule the content breaks, with its field path; references to other records are
    /// checked by the node, not here.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new("content");
        let mut numbers = Vec::new();
        let mut indicator_names: Vec<&str> = Vec::new();
        for (i, a) in self.actions.iter().enumerate() {
            let f = |name: &str| format!("actions[{i}].{name}");
            e.check(a.number >= 1, &f("number"), "must be a positive number, unique in the plan");
            e.check_rule(
                a.number < 1 || !numbers.contains(&a.number),
                &f("number"),
                "must be a positive number, unique in the plan",
            );
            numbers.push(a.number);
            if a.timeframe.end < a.timeframe.start {
                e.add_rule(&f("timeframe.end"), "must not be before start");
            }
            for (j, ind) in a.indicators.iter().enumerate() {
                let g = |name: &str| format!("actions[{i}].indicators[{j}].{name}");
                e.check_rule(!indicator_names.contains(&ind.name.as_str()), &g("name"), "is used twice in the plan");
                indicator_names.push(&ind.name);
                e.check(ind.baseline.is_finite() && ind.target.is_finite(), &g("target"), "must be numbers");
            }
        }
        let mut previous: Option<&HalfYear> = None;
        for (i, report) in self.monitoring.iter().enumerate() {
            check_report(&mut e, report, &format!("monitoring[{i}]"), &numbers, &indicator_names);
            if previous.is_some_and(|p| p >= &report.period) {
                e.add_rule(&format!("monitoring[{i}].period"), "reports must be in period order, each period once");
            }
            previous = Some(&report.period);
        }
        check_translations(&mut e, &self.translations, &self.language);
        e.into_result()
    }

    /// Checks a report against this plan before it is appended.
    pub fn validate_report(&self, report: &MonitoringReport) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let numbers: Vec<u32> = self.actions.iter().map(|a| a.number).collect();
        let names: Vec<&str> = self.actions.iter().flat_map(|a| a.indicators.iter().map(|i| i.name.as_str())).collect();
        check_report(&mut e, report, "", &numbers, &names);
        e.into_result()
    }
}

fn check_report(e: &mut Errors, r: &MonitoringReport, prefix: &str, numbers: &[u32], indicators: &[&str]) {
    let f = |name: &str| if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
    for (j, v) in r.indicators.iter().enumerate() {
        e.check_rule(
            indicators.contains(&v.name.as_str()),
            &f(&format!("indicators[{j}].name")),
            "is not an indicator of the plan",
        );
        e.check(v.value.is_finite(), &f(&format!("indicators[{j}].value")), "must be a number");
    }
    for (j, a) in r.actions.iter().enumerate() {
        e.check_rule(numbers.contains(&a.number), &f(&format!("actions[{j}].number")), "is not an action of the plan");
        let abandoned_without_reason = a.status == ActionStatus::Abandoned && a.reason.is_none();
        e.check_rule(
            !abandoned_without_reason,
            &f(&format!("actions[{j}].reason")),
            "is required when an action is abandoned",
        );
    }
}
