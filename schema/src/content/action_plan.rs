//! An action plan: how a region improves one of its policy instruments with what it learnt
//! from partners' practices, and the monitoring of it.

use super::common::*;
use crate::validation::{Errors, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// How an action improves the policy instrument (Interreg Europe's three ways).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(example = "new-projects")]
pub enum ImprovementType {
    NewProjects,
    Management,
    StrategicFocus,
}

/// A measure of an action's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "SMEs with sensors installed", "unit": "firms", "baseline": 0, "target": 40}))]
pub struct Indicator {
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
}

/// When an action runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"start": "2025-03-01", "end": "2026-12-31"}))]
pub struct Timeframe {
    #[schema(format = Date)]
    pub start: String,
    #[schema(format = Date)]
    pub end: String,
}

/// One action of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"number": 1, "title": "Retrofit vouchers for metalworking SMEs", "description": "Adapting Leeds' shared retrofit service…",
    "inspired_by": ["01900004-0000-7000-8000-000000000005"], "players": ["Mazovia Development Agency"],
    "timeframe": {"start": "2025-03-01", "end": "2026-12-31"}, "costs": {"amount": "450000", "currency": "PLN"},
    "funding_sources": ["ERDF"], "improvement_type": "new-projects",
    "indicators": [{"name": "SMEs with sensors installed", "unit": "firms", "baseline": 0, "target": 40}]}))]
pub struct Action {
    pub number: u32,
    pub title: String,
    pub description: String,
    /// Ids of the case studies (of any region) that inspired the action.
    #[serde(default)]
    pub inspired_by: Vec<String>,
    #[serde(default)]
    pub players: Vec<String>,
    pub timeframe: Timeframe,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<Budget>,
    #[serde(default)]
    pub funding_sources: Vec<String>,
    pub improvement_type: ImprovementType,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// Where an action stands in a monitoring report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(example = "on-track")]
pub enum ActionStatus {
    NotStarted,
    OnTrack,
    Delayed,
    Completed,
    Abandoned,
}

/// An indicator's value at a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "SMEs with sensors installed", "value": 12}))]
pub struct IndicatorValue {
    pub name: String,
    pub value: f64,
}

/// An action's progress at a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"number": 1, "status": "on-track"}))]
pub struct ActionProgress {
    pub number: u32,
    pub status: ActionStatus,
    /// Required when the action is abandoned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A half-yearly monitoring report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"period": "2025-S2", "indicators": [{"name": "SMEs with sensors installed", "value": 12}],
    "narrative": "Twelve firms equipped; the second call opens in March.", "actions": [{"number": 1, "status": "on-track"}]}))]
pub struct MonitoringReport {
    /// `YYYY-S1` or `YYYY-S2`.
    pub period: String,
    #[serde(default)]
    pub indicators: Vec<IndicatorValue>,
    pub narrative: String,
    #[serde(default)]
    pub actions: Vec<ActionProgress>,
}

/// An action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Plan działania Mazowsze 4.0", "policy_instrument": "01900002-0000-7000-8000-000000000001",
    "summary": "Mazovia adds a retrofit voucher line to its ERDF programme.", "language": "pl", "actions": []}))]
pub struct ActionPlan {
    pub title: String,
    /// Id of the policy instrument of this region the plan improves.
    pub policy_instrument: String,
    /// In English.
    pub summary: String,
    /// ISO 639-1 code of the plan's text.
    pub language: String,
    /// 1 to 50 actions, numbered uniquely.
    pub actions: Vec<Action>,
    /// Monitoring reports in period order; appended with `POST …/monitoring`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub monitoring: Vec<MonitoringReport>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
}

impl ActionPlan {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new("content");
        e.text(&self.title, "title", 1, 200);
        e.text(&self.summary, "summary", 1, 2000);
        check_language(&mut e, &self.language, "language");
        e.check(uuid::Uuid::parse_str(&self.policy_instrument).is_ok(), "policy_instrument", "must be a record id");
        if self.actions.is_empty() || self.actions.len() > 50 {
            e.add("actions", "must have 1 to 50 actions");
        }
        let mut numbers = Vec::new();
        let mut indicator_names = Vec::new();
        for (i, a) in self.actions.iter().enumerate() {
            let f = |name: &str| format!("actions[{i}].{name}");
            e.check(
                a.number >= 1 && !numbers.contains(&a.number),
                &f("number"),
                "must be a positive number, unique in the plan",
            );
            numbers.push(a.number);
            e.text(&a.title, &f("title"), 1, 300);
            e.text(&a.description, &f("description"), 1, 10_000);
            if a.inspired_by.len() > 20 {
                e.add(&f("inspired_by"), "must have at most 20 items");
            }
            for (j, id) in a.inspired_by.iter().enumerate() {
                e.check(uuid::Uuid::parse_str(id).is_ok(), &f(&format!("inspired_by[{j}]")), "must be a record id");
            }
            check_list(&mut e, &a.players, &f("players"), 30, 300);
            check_period(
                &mut e,
                &Period { start: a.timeframe.start.clone(), end: Some(a.timeframe.end.clone()) },
                &f("timeframe"),
            );
            if let Some(c) = &a.costs {
                check_budget(&mut e, c, &f("costs"));
            }
            check_list(&mut e, &a.funding_sources, &f("funding_sources"), 20, 300);
            for (j, ind) in a.indicators.iter().enumerate() {
                let g = |name: &str| format!("actions[{i}].indicators[{j}].{name}");
                e.text(&ind.name, &g("name"), 1, 200);
                e.check(!indicator_names.contains(&ind.name), &g("name"), "is used twice in the plan");
                indicator_names.push(ind.name.clone());
                e.text(&ind.unit, &g("unit"), 1, 50);
                e.check(ind.baseline.is_finite() && ind.target.is_finite(), &g("target"), "must be numbers");
            }
        }
        let mut previous: Option<&str> = None;
        for (i, report) in self.monitoring.iter().enumerate() {
            check_report(&mut e, report, &format!("monitoring[{i}]"), &numbers, &indicator_names);
            if previous.is_some_and(|p| p >= report.period.as_str()) {
                e.add(&format!("monitoring[{i}].period"), "reports must be in period order, each period once");
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
        let names: Vec<String> =
            self.actions.iter().flat_map(|a| a.indicators.iter().map(|i| i.name.clone())).collect();
        check_report(&mut e, report, "", &numbers, &names);
        e.into_result()
    }
}

fn check_report(e: &mut Errors, r: &MonitoringReport, prefix: &str, numbers: &[u32], indicators: &[String]) {
    let f = |name: &str| if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
    let period_ok = r.period.len() == 7
        && r.period[..4].parse::<u16>().is_ok_and(|y| (2000..=2100).contains(&y))
        && matches!(&r.period[4..], "-S1" | "-S2");
    e.check(period_ok, &f("period"), "must be YYYY-S1 or YYYY-S2");
    e.text(&r.narrative, &f("narrative"), 1, 5000);
    for (j, v) in r.indicators.iter().enumerate() {
        e.check(indicators.contains(&v.name), &f(&format!("indicators[{j}].name")), "is not an indicator of the plan");
        e.check(v.value.is_finite(), &f(&format!("indicators[{j}].value")), "must be a number");
    }
    for (j, a) in r.actions.iter().enumerate() {
        e.check(numbers.contains(&a.number), &f(&format!("actions[{j}].number")), "is not an action of the plan");
        let abandoned_without_reason =
            a.status == ActionStatus::Abandoned && a.reason.as_deref().is_none_or(|r| r.trim().is_empty());
        e.check(
            !abandoned_without_reason,
            &f(&format!("actions[{j}].reason")),
            "is required when an action is abandoned",
        );
    }
}
