//! The record forms: every field of a kind's content, turned into the API's JSON and back,
//! with the API's validation messages placed beside the fields they concern.

use crate::i18n::Lang;
use crate::i18n::format::capitalise;
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
    /// One of a list: (value, message id of its label).
    Select(&'static [(&'static str, &'static str)]),
    /// A language, by ISO 639-1 code.
    Language,
    Themes,
    /// This region's policy instruments, as checkboxes.
    Instruments,
}

pub struct FieldDef {
    /// The content member's dotted path, also the form field's name: the form posts the
    /// API's body, which the API's typed reading checks.
    pub name: &'static str,
    /// Message ids of the label and the hint (none when empty).
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

/// A reader of the English translation's text `$member`, of any kind of content: a required
/// member (`title`, `summary`) or an optional one.
macro_rules! en {
    ($member:ident) => {
        |any: &AnyContent| opt(any.translation("en").map(|t| t.$member.to_string()))
    };
    (optional $member:ident) => {
        |any: &AnyContent| opt(any.translation("en").and_then(|t| t.$member.as_ref()))
    };
}

/// A select's choices: (value, message id of its label).
const INTERVENTIONS: &[(&str, &str)] = &[("direct", "intervention-direct"), ("policy", "intervention-policy")];
const INSTRUMENT_TYPES: &[(&str, &str)] = &[
    ("erdf-programme", "instrument-erdf-programme"),
    ("etc-programme", "instrument-etc-programme"),
    ("regional-strategy", "instrument-regional-strategy"),
    ("national-strategy", "instrument-national-strategy"),
    ("law", "instrument-law"),
    ("funding-scheme", "instrument-funding-scheme"),
    ("other", "instrument-other"),
];
pub const STATUSES: &[(&str, &str)] =
    &[("draft", "status-draft-hint"), ("published", "status-published"), ("withdrawn", "status-withdrawn")];

/// The languages the form offers: the partnership's seven first, then the EU's other
/// official and co-official languages.
const LANGUAGES: [&str; 29] = [
    "it", "pl", "fi", "en", "sl", "es", "ca", "bg", "cs", "da", "de", "el", "et", "eu", "fr", "ga", "gl", "hr", "hu",
    "lt", "lv", "mt", "nl", "pt", "ro", "sk", "sv", "no", "is",
];

const LINES: &str = "hint-lines";

pub const CASE_STUDY: &[FieldDef] = &[
    f("title", "field-title", Control::Text, true, "hint-title").reads(cs!(|c| one(&c.title))),
    f("summary", "field-summary", Control::TextArea, true, "hint-summary").reads(cs!(|c| one(&c.summary))),
    f("description", "field-description", Control::TextArea, true, "").reads(cs!(|c| one(&c.description))),
    f("intervention", "field-intervention", Control::Select(INTERVENTIONS), true, "")
        .reads(cs!(|c| wire(&c.intervention))),
    f("themes", "field-themes", Control::Themes, true, "").reads(cs!(|c| c
        .themes
        .iter()
        .map(|t| t.as_str().to_string())
        .collect())),
    f("language", "field-language", Control::Language, true, "").reads(cs!(|c| one(&c.language))),
    f("main_institution", "field-main-institution", Control::Text, true, "").reads(cs!(|c| one(&c.main_institution))),
    f("location.name", "field-location", Control::Text, true, "hint-location").reads(cs!(|c| one(&c.location.name))),
    f("location.nuts", "field-nuts", Control::Text, true, "hint-nuts").reads(cs!(|c| one(&c.location.nuts))),
    f("period.start", "field-start", Control::Date, true, "").reads(cs!(|c| one(&c.period.start))),
    f("period.end", "field-end", Control::Date, false, "hint-end").reads(cs!(|c| opt(c.period.end.as_ref()))),
    f("resources_needed", "field-resources", Control::TextArea, false, "")
        .reads(cs!(|c| opt(c.resources_needed.as_ref()))),
    f("evidence_of_success", "field-evidence", Control::TextArea, false, "")
        .reads(cs!(|c| opt(c.evidence_of_success.as_ref()))),
    f("difficulties", "field-difficulties", Control::TextArea, false, "").reads(cs!(|c| opt(c.difficulties.as_ref()))),
    f("transfer_potential", "field-transfer", Control::TextArea, false, "")
        .reads(cs!(|c| opt(c.transfer_potential.as_ref()))),
    f("keywords", "field-keywords", Control::Lines, false, LINES).reads(cs!(|c| lines(&c.keywords))),
    f("links", "field-links", Control::Lines, false, "hint-links").reads(cs!(|c| lines(&c.links))),
    f("budget.amount", "field-budget-amount", Control::Text, false, "hint-amount")
        .reads(cs!(|c| opt(c.budget.as_ref().map(|b| &b.amount)))),
    f("budget.currency", "field-budget-currency", Control::Text, false, "hint-currency")
        .reads(cs!(|c| opt(c.budget.as_ref().map(|b| &b.currency)))),
    f("funding_sources", "field-funding", Control::Lines, false, LINES).reads(cs!(|c| lines(&c.funding_sources))),
    f("policy_instruments", "field-instruments", Control::Instruments, false, "").reads(cs!(|c| c
        .policy_instruments
        .iter()
        .map(ToString::to_string)
        .collect())),
    f("contact.name", "field-contact-name", Control::Text, false, "hint-contact")
        .reads(cs!(|c| opt(c.contact.as_ref().map(|x| &x.name)))),
    f("contact.email", "field-contact-email", Control::Email, false, "")
        .reads(cs!(|c| opt(c.contact.as_ref().map(|x| &x.email)))),
    f("translations.en.title", "field-title-en", Control::Text, false, "hint-title-en").reads(en!(title)),
    f("translations.en.summary", "field-summary-en", Control::TextArea, false, "").reads(en!(summary)),
    f("translations.en.description", "field-description-en", Control::TextArea, false, "")
        .reads(en!(optional description)),
    // Every text the record page shows in English is in the form: a saved form keeps them all.
    f("translations.en.resources_needed", "field-resources-en", Control::TextArea, false, "")
        .reads(en!(optional resources_needed)),
    f("translations.en.evidence_of_success", "field-evidence-en", Control::TextArea, false, "")
        .reads(en!(optional evidence_of_success)),
    f("translations.en.difficulties", "field-difficulties-en", Control::TextArea, false, "")
        .reads(en!(optional difficulties)),
    f("translations.en.transfer_potential", "field-transfer-en", Control::TextArea, false, "")
        .reads(en!(optional transfer_potential)),
];

pub const POLICY_INSTRUMENT: &[FieldDef] = &[
    f("name", "field-name", Control::Text, true, "hint-title").reads(pi!(|c| one(&c.name))),
    f("description", "field-description", Control::TextArea, true, "").reads(pi!(|c| one(&c.description))),
    f("instrument_type", "field-instrument-type", Control::Select(INSTRUMENT_TYPES), true, "")
        .reads(pi!(|c| wire(&c.instrument_type))),
    f("managing_authority", "field-managing-authority", Control::Text, true, "")
        .reads(pi!(|c| one(&c.managing_authority))),
    f("territory", "field-territory", Control::Text, true, "hint-territory").reads(pi!(|c| one(&c.territory))),
    f("period.start", "field-start", Control::Date, true, "").reads(pi!(|c| one(&c.period.start))),
    f("period.end", "field-end", Control::Date, false, "").reads(pi!(|c| opt(c.period.end.as_ref()))),
    f("language", "field-language", Control::Language, true, "").reads(pi!(|c| one(&c.language))),
    f("budget.amount", "field-budget-amount", Control::Text, false, "")
        .reads(pi!(|c| opt(c.budget.as_ref().map(|b| &b.amount)))),
    f("budget.currency", "field-budget-currency", Control::Text, false, "")
        .reads(pi!(|c| opt(c.budget.as_ref().map(|b| &b.currency)))),
    f("themes", "field-themes", Control::Themes, false, "").reads(pi!(|c| c
        .themes
        .iter()
        .map(|t| t.as_str().to_string())
        .collect())),
    f("url", "field-url", Control::Url, false, "").reads(pi!(|c| opt(c.url.as_ref()))),
    f("translations.en.title", "field-name-en", Control::Text, false, "").reads(en!(title)),
    f("translations.en.summary", "field-summary-en", Control::TextArea, false, "").reads(en!(summary)),
    f("translations.en.description", "field-description-en", Control::TextArea, false, "")
        .reads(en!(optional description)),
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

/// One field as the template draws it, in the reader's language.
pub struct FieldView {
    pub id: String,
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub required: bool,
    /// `text`, `date`, `email`, `url`, `textarea`, `select` or `checkboxes`.
    pub control: &'static str,
    pub value: String,
    pub options: Vec<(String, String, bool)>,
    pub error: Option<String>,
}

/// A group of fields, drawn as a `fieldset` with its `legend`.
pub struct SectionView {
    pub legend: String,
    pub fields: Vec<FieldView>,
}

/// The section a field is shown in (a message id), in the order sections are shown.
fn section(kind: &str, name: &str) -> &'static str {
    let about = if kind == "policy_instrument" { "form-section-instrument" } else { "form-section-about" };
    match name {
        "status" | "title" | "name" | "summary" | "intervention" | "instrument_type" | "themes" | "language" => about,
        "location.name" | "location.nuts" | "territory" | "period.start" | "period.end" => "form-section-where",
        "budget.amount" | "budget.currency" | "funding_sources" => "form-section-money",
        "links" | "policy_instruments" | "url" => "form-section-links",
        "contact.name" | "contact.email" => "form-section-contact",
        n if n.starts_with("translations.en.") => "form-section-english",
        _ => "form-section-what",
    }
}

const SECTIONS: [&str; 8] = [
    "form-section-about",
    "form-section-instrument",
    "form-section-what",
    "form-section-where",
    "form-section-money",
    "form-section-links",
    "form-section-contact",
    "form-section-english",
];

/// The fields of `kind`'s form with their values and messages, grouped in sections; `first`
/// goes before every other field.
pub fn views(
    lang: Lang,
    kind: &str,
    values: &Values,
    errors: &BTreeMap<&'static str, String>,
    instruments: &[(String, String)],
    first: FieldView,
) -> Vec<SectionView> {
    let said = |id: &str| if id.is_empty() { String::new() } else { lang.t(id) };
    let fields = defs(kind).iter().map(|d| {
        let current = values.get(d.name).cloned().unwrap_or_default();
        let value = current.first().cloned().unwrap_or_default();
        let (control, options) = match d.control {
            Control::Text => ("text", Vec::new()),
            Control::TextArea | Control::Lines => ("textarea", Vec::new()),
            Control::Date => ("date", Vec::new()),
            Control::Email => ("email", Vec::new()),
            Control::Url => ("url", Vec::new()),
            Control::Select(choices) => {
                ("select", choices.iter().map(|(v, l)| (v.to_string(), lang.t(l), value == *v)).collect())
            }
            Control::Language => ("select", language_options(lang, &value)),
            Control::Themes => (
                "checkboxes",
                THEMES
                    .iter()
                    .map(|t| {
                        let code = t.code.as_str();
                        (code.to_string(), lang.theme(code), current.iter().any(|c| c == code))
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
            label: said(d.label),
            hint: said(d.hint),
            required: d.required,
            control,
            value,
            options,
            error: errors.get(d.name).cloned(),
        }
    });
    let all: Vec<FieldView> =
        std::iter::once(first).chain(fields).filter(|v| !(v.control == "checkboxes" && v.options.is_empty())).collect();
    let mut sections: Vec<SectionView> = Vec::new();
    for legend in SECTIONS {
        let fields: Vec<FieldView> = Vec::new();
        sections.push(SectionView { legend: legend.to_string(), fields });
    }
    for field in all {
        let at = SECTIONS.iter().position(|s| *s == section(kind, field.name)).unwrap_or(2);
        sections[at].fields.push(field);
    }
    sections
        .into_iter()
        .filter(|s| !s.fields.is_empty())
        .map(|s| SectionView { legend: lang.t(&s.legend), fields: s.fields })
        .collect()
}

/// The language select's choices: the seven, then the others by name, each named in the
/// reader's language; a stored code outside the list is kept as a choice.
fn language_options(lang: Lang, value: &str) -> Vec<(String, String, bool)> {
    let name = |code: &str| capitalise(&lang.language(code));
    let (seven, others) = LANGUAGES.split_at(7);
    let mut rest: Vec<&str> = others.to_vec();
    if !value.is_empty() && !LANGUAGES.contains(&value) {
        rest.push(value);
    }
    crate::i18n::format::sort_by_name(lang, &mut rest, |code| name(code));
    let mut out = vec![(String::new(), lang.t("invalid-language"), value.is_empty())];
    out.extend(seven.iter().chain(&rest).map(|code| (code.to_string(), name(code), *code == value)));
    out
}

/// What is wrong with a field, in the reader's language. The API's messages are English;
/// the field tells which rule it breaks, and its message's number (a length, a count) the
/// limit.
pub fn message(lang: Lang, kind: &str, name: &str, english: &str) -> String {
    let limit = english
        .split(|c: char| !c.is_ascii_digit())
        .rfind(|n| !n.is_empty())
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(1);
    let has = |words: &str| english.contains(words);
    let control = defs(kind).iter().find(|d| d.name == name).map(|d| d.control);
    if has("is required") || has("must not be empty") || has("must not be blank") || has("missing field") {
        return lang.t("invalid-required");
    }
    if has("before start") {
        return lang.t("invalid-end-before-start");
    }
    if has("own language") {
        return lang.t("invalid-own-language");
    }
    match (name, control) {
        ("budget.amount", _) => lang.t("invalid-amount"),
        ("budget.currency", _) => lang.t("invalid-currency"),
        ("location.nuts" | "territory", _) => lang.t("invalid-nuts"),
        ("language", _) => lang.t("invalid-language"),
        (_, Some(Control::Date)) => lang.t("invalid-date"),
        (_, Some(Control::Url)) | ("links", _) if has("URL") || has("url") => lang.t("invalid-url"),
        (_, Some(Control::Email)) => lang.t("invalid-email"),
        (_, Some(Control::Instruments)) => lang.t("invalid-instrument"),
        _ if has("twice") || has("once") => lang.t("invalid-twice"),
        _ if has("at least") => lang.count("invalid-at-least", limit, &[]),
        _ if has("at most") && has("item") => lang.count("invalid-at-most", limit, &[]),
        (_, Some(Control::Text | Control::TextArea | Control::Lines)) if has("characters") => {
            lang.with("invalid-text-length", "max", &crate::i18n::format::number(lang, limit))
        }
        _ => lang.t("invalid-other"),
    }
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
        // Every English text the record has is in the form: saving it keeps them all.
        let mut full: CaseStudy = serde_json::from_value(serde_json::json!({
            "title": "T", "summary": "S", "description": "D", "intervention": "direct",
            "themes": ["vr-simulation"], "language": "it", "main_institution": "I",
            "location": {"nuts": "ITI17", "name": "Prato"}, "period": {"start": "2024-01-01"},
            "translations": {"en": {"title": "T", "summary": "S", "description": "D", "resources_needed": "R",
                "evidence_of_success": "E", "difficulties": "F", "transfer_potential": "P"}}
        }))
        .unwrap();
        let english = serde_json::to_value(&full.translations).unwrap();
        let saved = to_content("case_study", &from_content(&AnyContent::CaseStudy(full.clone())));
        assert_eq!(saved["translations"], english, "nothing of the translation is lost");
        full.translations.clear();
        assert!(to_content("case_study", &from_content(&AnyContent::CaseStudy(full))).get("translations").is_none());
        let error = FieldError::new("content.links[1]", "m");
        assert_eq!(field_of("case_study", &error), Some("links"));
        let error = FieldError::new("content.location.nuts", "m");
        assert_eq!(field_of("case_study", &error), Some("location.nuts"));
        let error = FieldError::new("content.translations.en", "m");
        assert_eq!(field_of("case_study", &error), Some("translations.en.title"));
    }
}
