//! A record as an index document.

use super::fields::Fields;
use serde_json::Value;
use smarty_schema::store::RecordRow;
use tantivy::TantivyDocument;
use tantivy::schema::OwnedValue;

/// Text members of the content, besides the title, that are searched.
const BODY: [&str; 9] = [
    "summary",
    "description",
    "main_institution",
    "resources_needed",
    "evidence_of_success",
    "difficulties",
    "transfer_potential",
    "managing_authority",
    "keywords",
];

/// The document for a live, published record; `None` for anything else.
pub fn of_row(fields: &Fields, row: &RecordRow) -> Option<TantivyDocument> {
    if row.deleted || row.status != "published" {
        return None;
    }
    let content: Value = match serde_json::from_str(&row.content) {
        Ok(c) => c,
        Err(e) => {
            // A corrupt row is not searchable, and the operator hears of it.
            tracing::error!(record = %row.id, error = %e, "stored content is not JSON; not indexed");
            return None;
        }
    };
    let text = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    };
    let title = content.get("title").or_else(|| content.get("name")).and_then(Value::as_str).unwrap_or("").to_string();
    let language = content.get("language").and_then(Value::as_str).unwrap_or("").to_string();
    let mut body: Vec<String> = BODY.iter().flat_map(|k| content.get(*k).map(text).unwrap_or_default()).collect();
    body.extend(content.get("funding_sources").map(text).unwrap_or_default());
    if let Some(name) = content.pointer("/location/name").and_then(Value::as_str) {
        body.push(name.to_string());
    }
    // Action plans: their actions; region profiles: sectors, programmes, stakeholders.
    for action in content.get("actions").and_then(Value::as_array).into_iter().flatten() {
        body.extend(["title", "description"].iter().filter_map(|k| action.get(*k)?.as_str().map(str::to_string)));
    }
    for key in ["key_sectors", "support_programmes"] {
        body.extend(content.get(key).map(text).unwrap_or_default());
    }
    for s in content.get("stakeholders").and_then(Value::as_array).into_iter().flatten() {
        body.extend(s.get("organisation").and_then(Value::as_str).map(str::to_string));
    }

    let uuid = uuid::Uuid::parse_str(&row.id).ok()?.as_u128();
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &row.id);
    doc.add_u64(fields.id_hi, (uuid >> 64) as u64);
    doc.add_u64(fields.id_lo, uuid as u64);
    doc.add_text(fields.kind, &row.kind);
    doc.add_text(fields.origin, &row.origin);
    if let Some(i) = content.get("intervention").and_then(Value::as_str) {
        doc.add_text(fields.intervention, i);
    }
    doc.add_text(fields.language, &language);
    for theme in content.get("themes").map(text).unwrap_or_default() {
        doc.add_text(fields.theme, &theme);
    }
    if let Some(year) = content.pointer("/period/start").and_then(Value::as_str).and_then(|d| d.get(..4)?.parse().ok())
    {
        doc.add_u64(fields.year, year);
    }
    let updated = chrono::DateTime::parse_from_rfc3339(&row.updated_at).map_or(0, |t| t.timestamp_micros());
    doc.add_i64(fields.updated, updated);
    doc.add_text(fields.title, &title);
    doc.add_text(fields.updated_at, &row.updated_at);

    let pair = fields.for_language(&language);
    doc.add_text(pair.title, &title);
    for b in &body {
        doc.add_text(pair.body, b);
    }
    doc.add_text(fields.folded, &title);
    for b in &body {
        doc.add_text(fields.folded, b);
    }
    // An English translation is searchable in English too.
    if let Some(en) = content.pointer("/translations/en") {
        let english = fields.for_language("en");
        for (key, field) in [("title", english.title), ("summary", english.body)] {
            if let Some(t) = en.get(key).and_then(Value::as_str) {
                doc.add_text(field, t);
                doc.add_text(fields.folded, t);
            }
        }
    }
    Some(doc)
}

/// A stored text value of a document.
pub fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| match OwnedValue::from(v) {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        })
        .collect()
}
