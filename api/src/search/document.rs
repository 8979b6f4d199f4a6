//! A record as an index document.

use super::fields::Fields;
use smarty_schema::store::StoredRecord;
use tantivy::TantivyDocument;
use tantivy::schema::OwnedValue;

/// The document for a live, published record; `None` for anything else.
/// A record's identity in the index: origin and id (another origin's record of the same id
/// is another document).
pub fn key(origin: &str, id: &str) -> String {
    format!("{origin}/{id}")
}

pub fn of_record(fields: &Fields, record: &StoredRecord) -> Option<TantivyDocument> {
    let content = record.content.as_ref().filter(|_| record.is_public())?;
    let title = content.title();
    let language = content.language();
    let body = content.body_text();

    // Every way in checks ids (the API, peers' pages, imports): one that is not a UUID is a
    // corrupt row, said so, and left out of the index.
    let Ok(uuid) = uuid::Uuid::parse_str(&record.id).map(|u| u.as_u128()) else {
        tracing::warn!(id = %record.id, "a stored record's id is not a UUID: not indexed");
        return None;
    };
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.key, key(&record.origin, &record.id));
    doc.add_text(fields.id, &record.id);
    doc.add_u64(fields.id_hi, (uuid >> 64) as u64);
    doc.add_u64(fields.id_lo, uuid as u64);
    doc.add_text(fields.kind, record.kind.as_str());
    doc.add_text(fields.origin, &record.origin);
    if let Some(i) = content.intervention() {
        doc.add_text(fields.intervention, i.as_str());
    }
    doc.add_text(fields.language, language);
    for theme in content.themes() {
        doc.add_text(fields.theme, theme.as_str());
    }
    if let Some(year) = content.start_year().and_then(|y| u64::try_from(y).ok()) {
        doc.add_u64(fields.year, year);
    }
    let updated = chrono::DateTime::parse_from_rfc3339(&record.updated_at).map_or(0, |t| t.timestamp_micros());
    doc.add_i64(fields.updated, updated);
    doc.add_text(fields.title, title);
    doc.add_text(fields.updated_at, &record.updated_at);

    let pair = fields.for_language(language);
    doc.add_text(pair.title, title);
    for b in &body {
        doc.add_text(pair.body, b);
    }
    doc.add_text(fields.folded, title);
    for b in &body {
        doc.add_text(fields.folded, b);
    }
    // An English translation is searchable in English too.
    if let Some(en) = content.translation("en") {
        let english = fields.for_language("en");
        doc.add_text(english.title, en.title.as_str());
        for text in en.texts().into_iter().skip(1) {
            doc.add_text(english.body, text);
        }
        for text in en.texts() {
            doc.add_text(fields.folded, text);
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
