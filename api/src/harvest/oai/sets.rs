//! The repository's sets: by theme (`theme:predictive-maintenance`), by region
//! (`region:tuscany`) and by kind (`kind:case_study`), each under its parent (`theme`,
//! `region`, `kind`), as OAI-PMH's set hierarchy has it.

use crate::config::Config;
use crate::i18n::Lang;
use smarty_schema::Kind;
use smarty_schema::store::{HarvestFilter, StoredRecord};
use smarty_schema::vocab::ThemeCode;

/// A set as `ListSets` describes it.
pub struct Set {
    pub spec: String,
    pub name: String,
}

/// Every set of the repository, parents first.
pub fn all(config: &Config) -> Vec<Set> {
    let en = Lang::En;
    let set = |spec: String, name: String| Set { spec, name };
    let mut sets = vec![set("theme".into(), "Exchange themes".into())];
    sets.extend(ThemeCode::ALL.iter().map(|t| set(format!("theme:{}", t.as_str()), en.theme(t.as_str()))));
    sets.push(set("region".into(), "Partner regions".into()));
    sets.extend(config.regions.iter().map(|r| set(format!("region:{}", r.code), en.region(&r.code, &r.name))));
    sets.push(set("kind".into(), "Kinds of record".into()));
    sets.extend(Kind::ALL.iter().map(|k| set(format!("kind:{}", k.as_str()), en.kind(k.as_str()))));
    sets
}

/// The selection of the set `spec`; `None` when the repository has no such set.
pub fn filter(config: &Config, spec: &str) -> Option<HarvestFilter> {
    let mut f = HarvestFilter::default();
    match spec.split_once(':') {
        None if spec == "theme" => f.theme = Some(String::new()),
        None if spec == "region" || spec == "kind" => {}
        Some(("theme", code)) => f.theme = Some(ThemeCode::parse(code).ok()?.as_str().to_string()),
        Some(("region", code)) => f.origin = Some(config.regions.iter().find(|r| r.code == code)?.code.clone()),
        Some(("kind", code)) => f.kind = Some(Kind::parse(code)?.as_str().to_string()),
        _ => return None,
    }
    Some(f)
}

/// The sets a record is in, as its header lists them. A record no longer public is listed
/// in its region's and kind's sets only: what it was about is not said once it is gone.
pub fn of(record: &StoredRecord) -> Vec<String> {
    let mut specs = Vec::new();
    if record.is_public()
        && let Some(content) = &record.content
        && !content.themes().is_empty()
    {
        specs.push("theme".to_string());
        specs.extend(content.themes().iter().map(|t| format!("theme:{}", t.as_str())));
    }
    specs.extend(["region".to_string(), format!("region:{}", record.origin)]);
    specs.extend(["kind".to_string(), format!("kind:{}", record.kind.as_str())]);
    specs
}
