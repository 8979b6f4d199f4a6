//! "Practices like this": the published case studies of other regions most like a record, by
//! tantivy's more-like-this over the record's own text (in its language's analyser) and its
//! English translation (in English), so an Italian practice finds a Polish one when both have
//! English translations. This is how an officer finds what to transfer.

use super::document::stored_text;
use super::error::IndexError;
use super::indexer::Catalogue;
use serde::Serialize;
use smarty_schema::{AnyContent, Kind};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{TantivyDocument, Term};
use utoipa::ToSchema;

/// The most practices listed.
pub const MAX_SIMILAR: usize = 5;

/// A practice like the one asked about.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f61", "origin": "mazovia",
    "title": "Cyfrowe bliźniaki w zakładach obróbki metali", "language": "pl", "themes": ["vr-simulation"], "score": 4.2}))]
pub struct SimilarItem {
    /// The practice's id: `GET /api/v1/catalogue/records/{id}?origin={origin}` has it whole.
    pub id: String,
    /// Its origin region's code: never the region of the record asked about.
    #[schema(value_type = smarty_schema::vocab::RegionCode)]
    pub origin: String,
    /// Its title, in its own language.
    pub title: String,
    /// ISO 639-1 language of its text.
    #[schema(value_type = smarty_schema::vocab::LanguageCode)]
    pub language: String,
    /// Its theme codes.
    pub themes: Vec<String>,
    /// How alike (more-like-this score); higher is more alike.
    pub score: f32,
}

/// The practices like a record.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"record_id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "origin": "tuscany", "items": []}))]
pub struct Similar {
    /// The id of the record asked about.
    pub record_id: String,
    /// Its origin.
    #[schema(value_type = smarty_schema::vocab::RegionCode)]
    pub origin: String,
    /// Up to five published case studies of other regions, most alike first; empty when none
    /// shares enough words.
    #[schema(max_items = 5)]
    pub items: Vec<SimilarItem>,
}

impl Catalogue {
    /// The published case studies of other regions most like `origin`'s record `id`, whose
    /// content is `content`.
    pub fn similar(&self, origin: &str, id: &str, content: &AnyContent) -> Result<Similar, IndexError> {
        let mut out = Similar { record_id: id.to_string(), origin: origin.to_string(), items: Vec::new() };
        let like = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(30)
            .with_document_fields(self.texts_of(content));
        let text = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
        };
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like) as Box<dyn Query>),
            (Occur::Must, text(self.fields.kind, Kind::CaseStudy.as_str())),
            (Occur::MustNot, text(self.fields.origin, origin)),
        ]);
        let searcher = self.reader.searcher();
        // A few more than listed: the index lags the store, and what is no longer published
        // is dropped below.
        let top = searcher.search(&query, &TopDocs::with_limit(MAX_SIMILAR * 2).order_by_score())?;
        let docs: Vec<(f32, TantivyDocument)> =
            top.into_iter().map(|(score, addr)| Ok((score, searcher.doc(addr)?))).collect::<Result<_, IndexError>>()?;
        let first = |doc: &TantivyDocument, field| stored_text(doc, field).into_iter().next().unwrap_or_default();
        let ids: Vec<String> = docs.iter().map(|(_, d)| first(d, self.fields.id)).collect();
        let public = self.public_by_key(&ids)?;
        for (score, doc) in docs {
            let key = (first(&doc, self.fields.origin), first(&doc, self.fields.id));
            let Some(r) = public.get(&key) else { continue };
            out.items.push(SimilarItem {
                id: r.id.clone(),
                origin: r.origin.clone(),
                title: r.title().to_string(),
                language: r.content.as_ref().map_or_else(String::new, |c| c.language().to_string()),
                themes: r
                    .content
                    .as_ref()
                    .map_or_else(Vec::new, |c| c.themes().iter().map(|t| t.as_str().to_string()).collect()),
                score,
            });
            if out.items.len() == MAX_SIMILAR {
                break;
            }
        }
        Ok(out)
    }

    /// The record's text as the index holds it: its own in its language's fields, its English
    /// translation in the English ones.
    fn texts_of(&self, content: &AnyContent) -> Vec<(tantivy::schema::Field, Vec<OwnedValue>)> {
        let own = self.fields.for_language(content.language());
        let text = |s: &str| OwnedValue::Str(s.to_string());
        let mut fields = vec![
            (own.title, vec![text(content.title())]),
            (own.body, content.body_text().into_iter().map(text).collect()),
        ];
        if let Some(en) = content.translation("en") {
            let english = self.fields.for_language("en");
            fields.push((english.title, vec![text(en.title.as_str())]));
            fields.push((english.body, en.texts().into_iter().skip(1).map(text).collect()));
        }
        fields
    }
}
