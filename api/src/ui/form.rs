//! The record forms: every field of a kind's content, turned into the API's JSON and back,
//! with the API's validation messages placed beside the fields they concern.

use serde_json::{Map, Value};
use smarty_schema::vocab::THEMES;
use smarty_schema::{AnyContent, FieldError};
use std::collections::BTreeMap;

#[derive(Clone, Copy, PartialEq)]
pub enum Control {
    Text,
    TextArea,
    Date,
    Email,
    Url,
    /// One item per line, a JSON list.
    Lines,
    Select(&'static [(&'static str, &'static str)]),
    Themes,
    /// This region's policy instruments, as checkboxes.
    Instruments,
}

pub struct FieldDef {
    /// The content member's dotted path, also the form field's name: the form posts the
    /// API's body, which the API's typed reading checks.
    pub name: &'static str,
    pub label: &'static str,
    pub control: Control,
    pub required: bool,
    pub hint: &'static str,
    /// The field's values in typed content (none when the content is of another kind, or
    /// has no value there).
    pub read: Read,
}

/// Reads a form field's values from typed content.
pub type Read = fn(&AnyContent) -> Vec<String>;

const fn f(name: &'static str, label: &'static str, control: Control, required: bool, hint: &'static str) -> FieldDef {
    FieldDef { name, label, control, required, hint, read: |_| Vec::new() }
}

impl FieldDef {
    /// The same field, read from content by `read`.
    const fn reads(self, read: Read) -> FieldDef {
        FieldDef { read, ..self }
    }
}

/// A reader of case studies' (`cs!`) or policy instruments' (`pi!`) content.
macro_rules! cs {
    (|$c:ident| $e:expr) => {
        |any: &AnyContent| match any {
            AnyContent::CaseStudy($c) => $e,
            _ => Vec::new(),
        }
    };
}
macro_rules! pi {
    (|$c:ident| $e:expr) => {
        |any: &AnyContent| match any {
            AnyContent::PolicyInstrument($c) => $e,
            _ => Vec::new(),
        }
    };
}

/// One value, as text.
fn one(value: impl ToString) -> Vec<String> {
    vec![value.to_string()]
}

/// A value if there is one.
fn opt<T: ToString>(value: Option<T>) -> Vec<String> {
    value.iter().map(ToString::to_string).collect()
}

/// Items one per line, as a textarea holds them.
fn lines<T: ToString>(items: &[T]) -> Vec<String> {
    if items.is_empty() {
        Vec::new()
    } else {
        one(items.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    }
}

/// An enumerated value's wire name (what the form's select posts).
fn wire<T: serde::Serialize>(value: &T) -> Vec<String> {
    opt(Some(super::wire_name(value)).filter(|name| !name.is_empty()))
}

/// The English translation's title and summary, of any kind.
fn english(any: &AnyContent, title: bool) -> Vec<String> {
    opt(any.translation("en").map(|t| if title { t.title.to_string() } else { t.summary.to_string() }))
}

const INTERVENTIONS: &[(&str, &str)] = &[("direct", "Direct intervention"), ("policy", "Policy intervention")];
const INSTRUMENT_TYPES: &[(&str, &str)] = &[
    ("erdf-programme", "ERDF programme"),
    ("etc-programme", "ETC (Interreg) programme"),
    ("regional-strategy", "Regional strategy"),
    ("national-strategy", "National strategy"),
    ("law", "Law"),
    ("funding-scheme", "Funding scheme"),
    ("other", "Other"),
];
pub const STATUSES: &[(&str, &str)] =
    &[("draft", "Draft (only editors see it)"), ("published", "Published"), ("withdrawn", "Withdrawn")];

const LANGUAGE_HINT: &str = "ISO 639-1 code of the text's language: it, pl, fi, en, sl, es, ca…";
const LINES: &str = "One per line.";

pub const CASE_STUDY: &[FieldDef] = &[
    f("title", "Title", Control::Text, true, "Up to 200 characters.").reads(cs!(|c| one(&c.title))),
    f("summary", "Summary", Control::TextArea, true, "Up to 1,000 characters.").reads(cs!(|c| one(&c.summary))),
    f("description", "Description", Control::TextArea, true, "").reads(cs!(|c| one(&c.description))),
    f("intervention", "Intervention", Control::Select(INTERVENTIONS), true, "").reads(cs!(|c| wire(&c.intervention))),
    f("themes", "Themes", Control::Themes, true, "").reads(cs!(|c| c
        .themes
        .iter()
        .map(|t| t.as_str().to_string())
        .collect())),
    f("language", "Language", Control::Text, true, LANGUAGE_HINT).reads(cs!(|c| one(&c.language))),
    f("main_institution", "Main institution", Control::Text, true, "").reads(cs!(|c| one(&c.main_institution))),
    f("location.name", "Location", Control::Text, true, "Town or area.").reads(cs!(|c| one(&c.location.name))),
    f(
        "location.nuts",
        "NUTS code of the location",
        Control::Text,
        true,
        "Two capital letters, then up to three digits or capital letters, e.g. ITI15.",
    )
    .reads(cs!(|c| one(&c.location.nuts))),
    f("period.start", "Start date", Control::Date, true, "").reads(cs!(|c| one(&c.period.start))),
    f("period.end", "End date", Control::Date, false, "Leave empty while ongoing.")
        .reads(cs!(|c| opt(c.period.end.as_ref()))),
    f("resources_needed", "Resources needed", Control::TextArea, false, "")
        .reads(cs!(|c| opt(c.resources_needed.as_ref()))),
    f("evidence_of_success", "Evidence of success", Control::TextArea, false, "")
        .reads(cs!(|c| opt(c.evidence_of_success.as_ref()))),
    f("difficulties", "Difficulties encountered", Control::TextArea, false, "")
        .reads(cs!(|c| opt(c.difficulties.as_ref()))),
    f("transfer_potential", "Potential for learning or transfer", Control::TextArea, false, "")
        .reads(cs!(|c| opt(c.transfer_potential.as_ref()))),
    f("keywords", "Keywords", Control::Lines, false, LINES).reads(cs!(|c| lines(&c.keywords))),
    f("links", "Links", Control::Lines, false, "One http or https address per line.").reads(cs!(|c| lines(&c.links))),
    f("budget.amount", "Budget amount", Control::Text, false, "A number, e.g. 250000 or 1250.50.")
        .reads(cs!(|c| opt(c.budget.as_ref().map(|b| &b.amount)))),
    f("budget.currency", "Budget currency", Control::Text, false, "ISO 4217 code, e.g. EUR.")
        .reads(cs!(|c| opt(c.budget.as_ref().map(|b| &b.currency)))),
    f("funding_sources", "Funding sources", Control::Lines, false, LINES).reads(cs!(|c| lines(&c.funding_sources))),
    f("policy_instruments", "Related policy instruments", Control::Instruments, false, "").reads(cs!(|c| c
        .policy_instruments
        .iter()
        .map(ToString::to_string)
        .collect())),
    f(
        "contact.name",
        "Contact name",
        Control::Text,
        false,
        "Personal data: shown to this region's editors only, never shared.",
    )
    .reads(cs!(|c| opt(c.contact.as_ref().map(|x| &x.name)))),
    f("contact.email", "Contact email", Control::Email, false, "")
        .reads(cs!(|c| opt(c.contact.as_ref().map(|x| &x.email)))),
    f("translations.en.title", "Title in English", Control::Text, false, "For records written in another language.")
        .reads(|c| english(c, true)),
    f("translations.en.summary", "Summary in English", Control::TextArea, false, "").reads(|c| english(c, false)),
];

pub const POLICY_INSTRUMENT: &[FieldDef] = &[
    f("name", "Name", Control::Text, true, "Up to 200 characters.").reads(pi!(|c| one(&c.name))),
    f("description", "Description", Control::TextArea, true, "").reads(pi!(|c| one(&c.description))),
    f("instrument_type", "Type of instrument", Control::Select(INSTRUMENT_TYPES), true, "")
        .reads(pi!(|c| wire(&c.instrument_type))),
    f("managing_authority", "Managing authority", Control::Text, true, "").reads(pi!(|c| one(&c.managing_authority))),
    f("territory", "Territory (NUTS code)", Control::Text, true, "e.g. ITI1.").reads(pi!(|c| one(&c.territory))),
    f("period.start", "Start date", Control::Date, true, "").reads(pi!(|c| one(&c.period.start))),
    f("period.end", "End date", Control::Date, false, "").reads(pi!(|c| opt(c.period.end.as_ref()))),
    f("language", "Language", Control::Text, true, LANGUAGE_HINT).reads(pi!(|c| one(&c.language))),
    f("budget.amount", "Budget amount", Control::Text, false, "")
        .reads(pi!(|c| opt(c.budget.as_ref().map(|b| &b.amount)))),
    f("budget.currency", "Budget currency", Control::Text, false, "")
        .reads(pi!(|c| opt(c.budget.as_ref().map(|b| &b.currency)))),
    f("themes", "Themes", Control::Themes, false, "").reads(pi!(|c| c
        .themes
        .iter()
        .map(|t| t.as_str().to_string())
        .collect())),
    f("url", "Web page", Control::Url, false, "").reads(pi!(|c| opt(c.url.as_ref()))),
    f("translations.en.title", "Name in English", Control::Text, false, "").reads(|c| english(c, true)),
    f("translations.en.summary", "Summary in English", Control::TextArea, false, "").reads(|c| english(c, false)),
];

pub fn defs(kind: &str) -> &'static [FieldDef] {
    if kind == "policy_instrument" { POLICY_INSTRUMENT } else { CASE_STUDY }
}

/// Form values: each field's values (several for checkboxes).
pub type Values = BTreeMap<String, Vec<String>>;

pub fn values_from_pairs(pairs: &[(String, String)]) -> Values {
    let mut out = Values::new();
    for (k, v) in pairs {
        out.entry(k.clone()).or_default().push(v.clone());
    }
    out
}

/// The content JSON a filled-in form stands for. Empty optional fields are left out.
pub fn to_content(kind: &str, values: &Values) -> Value {
    let one = |name: &str| values.get(name).and_then(|v| v.first()).map(|s| s.trim().to_string()).unwrap_or_default();
    let mut content = Map::new();
    for def in defs(kind) {
        let value = match def.control {
            Control::Themes | Control::Instruments => {
                let chosen: Vec<Value> =
                    values.get(def.name).cloned().unwrap_or_default().into_iter().map(Value::String).collect();
                if chosen.is_empty() && !def.required { continue } else { Value::Array(chosen) }
            }
            Control::Lines => {
                let items: Vec<Value> = one(def.name)
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| Value::String(l.into()))
                    .collect();
                if items.is_empty() { continue } else { Value::Array(items) }
            }
            _ => {
                let v = one(def.name);
                if v.is_empty() && !def.required { continue } else { Value::String(v) }
            }
        };
        set(&mut content, def.name, value);
    }
    Value::Object(content)
}

fn set(obj: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            obj.insert(path.into(), value);
        }
        Some((head, rest)) => {
            let child = obj.entry(head.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = child {
                set(m, rest, value);
            }
        }
    }
}

/// The form values of stored content, read from its typed fields.
pub fn from_content(content: &AnyContent) -> Values {
    let kind = content.kind().as_str();
    defs(kind)
        .iter()
        .filter_map(|def| {
            let values = (def.read)(content);
            (!values.is_empty()).then(|| (def.name.to_string(), values))
        })
        .collect()
}

/// The form field an API field error concerns (`content.links[2]` → `links`), if any.
pub fn field_of(kind: &str, error: &FieldError) -> Option<&'static str> {
    let path = error.field.strip_prefix("content.").unwrap_or(&error.field);
    let path = path.split('[').next().unwrap_or(path);
    let defs = defs(kind);
    // The field itself, else the first field inside the member the error names.
    defs.iter()
        .find(|d| d.name == path)
        .or_else(|| defs.iter().find(|d| d.name.starts_with(&format!("{path}."))))
        .map(|d| d.name)
}

/// One field as the template draws it.
pub struct FieldView {
    pub id: String,
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub required: bool,
    /// `text`, `date`, `email`, `url`, `textarea`, `select` or `checkboxes`.
    pub control: &'static str,
    pub value: String,
    pub options: Vec<(String, String, bool)>,
    pub error: Option<String>,
}

pub fn views(
    kind: &str,
    values: &Values,
    errors: &BTreeMap<&'static str, String>,
    instruments: &[(String, String)],
) -> Vec<FieldView> {
    defs(kind)
        .iter()
        .map(|d| {
            let current = values.get(d.name).cloned().unwrap_or_default();
            let first = current.first().cloned().unwrap_or_default();
            let (control, options) = match d.control {
                Control::Text => ("text", Vec::new()),
                Control::TextArea | Control::Lines => ("textarea", Vec::new()),
                Control::Date => ("date", Vec::new()),
                Control::Email => ("email", Vec::new()),
                Control::Url => ("url", Vec::new()),
                Control::Select(choices) => {
                    ("select", choices.iter().map(|(v, l)| (v.to_string(), l.to_string(), first == *v)).collect())
                }
                Control::Themes => (
                    "checkboxes",
                    THEMES
                        .iter()
                        .map(|t| {
                            (t.code.to_string(), t.label.to_string(), current.iter().any(|c| c == t.code.as_str()))
                        })
                        .collect(),
                ),
                Control::Instruments => (
                    "checkboxes",
                    instruments.iter().map(|(id, name)| (id.clone(), name.clone(), current.contains(id))).collect(),
                ),
            };
            FieldView {
                id: format!("f-{}", d.name.replace('.', "-")),
                name: d.name,
                label: d.label,
                hint: d.hint,
                required: d.required,
                control,
                value: first,
                options,
                error: errors.get(d.name).cloned(),
            }
        })
        .filter(|v| !(v.control == "checkboxes" && v.options.is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use smarty_schema::CaseStudy;

    #[test]
    fn form_values_round_trip_through_content() {
        let mut values = Values::new();
        for (k, v) in [
            ("title", "T"),
            ("themes", "vr-simulation"),
            ("themes", "smart-logistics"),
            ("links", "https://a.example\n\n https://b.example "),
            ("location.nuts", "UKE4"),
            ("budget.amount", ""),
        ] {
            values.entry(k.to_string()).or_default().push(v.to_string());
        }
        let content = to_content("case_study", &values);
        assert_eq!(content["themes"], serde_json::json!(["vr-simulation", "smart-logistics"]));
        assert_eq!(content["links"], serde_json::json!(["https://a.example", "https://b.example"]));
        assert_eq!(content["location"]["nuts"], "UKE4");
        assert!(content.get("budget").is_none(), "empty optional fields are left out");
        let typed: CaseStudy = serde_json::from_value(serde_json::json!({
            "title": "T", "summary": "S", "description": "D", "intervention": "direct",
            "themes": ["vr-simulation", "smart-logistics"], "language": "en", "main_institution": "I",
            "location": {"nuts": "UKE4", "name": "Leeds"}, "period": {"start": "2024-01-01"},
            "links": ["https://a.example", "https://b.example"]
        }))
        .unwrap();
        let back = from_content(&AnyContent::CaseStudy(typed));
        assert_eq!(back["links"], vec!["https://a.example\nhttps://b.example".to_string()]);
        assert_eq!(back["themes"], ["vr-simulation", "smart-logistics"]);
        assert_eq!(back["intervention"], ["direct"]);
        assert!(!back.contains_key("period.end") && !back.contains_key("budget.amount"), "no value, no field");
        let error = FieldError::new("content.links[1]", "m");
        assert_eq!(field_of("case_study", &error), Some("links"));
        let error = FieldError::new("content.location.nuts", "m");
        assert_eq!(field_of("case_study", &error), Some("location.nuts"));
        let error = FieldError::new("content.translations.en", "m");
        assert_eq!(field_of("case_study", &error), Some("translations.en.title"));
    }
}
