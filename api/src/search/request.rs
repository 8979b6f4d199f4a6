//! Searching the catalogue: query, filters, order and page in; total, hits with snippets and
//! facet counts out.

use super::collector::{FACETS, Filters, SearchCollector, Sort};
use super::document::stored_text;
use super::error::IndexError;
use super::indexer::Catalogue;
use super::query;
use serde::Serialize;
use smarty_schema::AnyContent;
use smarty_schema::store::StoredRecord;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument};
use utoipa::ToSchema;

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub q: String,
    pub filters: Filters,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", "kind": "case_study", "origin": "leeds",
    "title": "Sensor retrofits for Huddersfield textile mills",
    "snippet": "…fitted low-cost <mark>sensors</mark> to older looms…", "themes": ["predictive-maintenance"], "language": "en",
    "score": 7.42, "updated_at": "2026-11-25T09:30:00.000000Z"}))]
pub struct Hit {
    /// The record's id (UUID): `GET /api/v1/catalogue/records/{id}` has the whole record.
    pub id: String,
    /// The record's kind: `case_study` or `policy_instrument`.
    pub kind: String,
    /// Code of the record's origin region.
    pub origin: String,
    /// The record's title, in its own language.
    pub title: String,
    /// An extract of the record's text, HTML-escaped, with matches in `<mark>`.
    pub snippet: String,
    /// The record's theme codes (`GET /api/v1/themes` lists them).
    pub themes: Vec<String>,
    /// ISO 639-1 language of the record's text.
    pub language: String,
    /// Relevance (BM25); higher is better.
    pub score: f32,
    /// When the record last changed at its origin (RFC 3339, UTC).
    pub updated_at: String,
    /// The year its work started, when it has a period.
    #[schema(example = 2021, minimum = 0, maximum = 9999)]
    pub year: Option<i32>,
}

/// A page of results with facet counts.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"total": 1, "hits": [], "facets": {"theme": {"predictive-maintenance": 1}, "origin": {"leeds": 1},
    "kind": {"case_study": 1}, "intervention": {"direct": 1}, "language": {"en": 1}, "year": {"2021": 1}}}))]
pub struct SearchResult {
    /// How many records match (all pages).
    #[schema(maximum = 9_223_372_036_854_775_807_u64)]
    pub total: u64,
    /// This page's hits, in the requested order (at most `limit`, after skipping `offset`).
    pub hits: Vec<Hit>,
    /// Per facet, value → count, each computed with every filter except that facet's own.
    #[schema(value_type = Object)]
    pub facets: BTreeMap<&'static str, BTreeMap<String, u64>>,
}

impl Catalogue {
    /// Runs a search. Snippets come from the store, the truth, for the hits of this page.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResult, IndexError> {
        let searcher = self.reader.searcher();
        let (collected, query) = self.collect(&searcher, req, req.offset + req.limit)?;
        let page: Vec<_> = collected.top.into_iter().skip(req.offset).collect();
        let docs: Vec<TantivyDocument> =
            page.iter().map(|(_, _, addr)| searcher.doc(*addr)).collect::<Result<_, _>>()?;
        let ids: Vec<String> = docs.iter().map(|d| first(d, self.fields.id)).collect();
        // The index lags the store: a hit whose record is no longer published (back to
        // draft, withdrawn, deleted) is dropped here, so not one byte of a draft is served.
        let texts: HashMap<(String, String), (String, Option<i32>)> = self
            .public_by_key(&ids)?
            .into_iter()
            .filter_map(|(key, r)| {
                let content = r.content.as_ref()?;
                Some((key, (snippet_source(content), content.start_year())))
            })
            .collect();
        let mut total = collected.total;
        let mut generators: HashMap<String, Option<SnippetGenerator>> = HashMap::new();
        let mut hits = Vec::with_capacity(page.len());
        for ((_, score, _), doc) in page.iter().zip(&docs) {
            let id = first(doc, self.fields.id);
            let origin = first(doc, self.fields.origin);
            let language = first(doc, self.fields.language);
            let generator = generators.entry(language.clone()).or_insert_with(|| {
                let field = self.fields.for_language(&language).body;
                let mut g = SnippetGenerator::create(&searcher, &*query, field).ok()?;
                g.set_max_num_chars(240);
                Some(g)
            });
            let Some((text, year)) = texts.get(&(origin.clone(), id.clone())) else {
                total = total.saturating_sub(1);
                continue;
            };
            hits.push(Hit {
                snippet: snippet(generator.as_ref(), text),
                kind: first(doc, self.fields.kind),
                origin,
                title: first(doc, self.fields.title),
                themes: stored_text(doc, self.fields.theme),
                language: language.clone(),
                score: *score,
                updated_at: first(doc, self.fields.updated_at),
                year: *year,
                id,
            });
        }
        let facets = FACETS.iter().copied().zip(collected.facets).collect();
        Ok(SearchResult { total, hits, facets })
    }

    /// Ids of every match in order, at most `max + 1` of them (so the caller can tell "more").
    pub fn matching_ids(&self, req: &SearchRequest, max: usize) -> Result<(u64, Vec<(String, String)>), IndexError> {
        let searcher = self.reader.searcher();
        let (collected, _) = self.collect(&searcher, req, max + 1)?;
        let ids = collected
            .top
            .iter()
            .map(|(_, _, addr)| {
                let doc = searcher.doc::<TantivyDocument>(*addr)?;
                Ok((first(&doc, self.fields.origin), first(&doc, self.fields.id)))
            })
            .collect::<Result<_, IndexError>>()?;
        Ok((collected.total, ids))
    }

    /// Of the records held under `ids`, those published now, by (origin, id): the index lags
    /// the store, and a hit whose record is no longer published (back to draft, withdrawn,
    /// deleted) must not be served, not one byte of it.
    pub(super) fn public_by_key(&self, ids: &[String]) -> Result<HashMap<(String, String), StoredRecord>, IndexError> {
        Ok(self
            .store
            .records_by_id(ids)?
            .into_iter()
            .filter(StoredRecord::is_public)
            .map(|r| ((r.origin.clone(), r.id.clone()), r))
            .collect())
    }

    /// Which analysers' fields hold any term in this searcher's segments, in the order of
    /// `fields.text`; worked out once per searcher generation (a commit makes a new one).
    fn held_analysers(&self, searcher: &Searcher) -> Arc<Vec<bool>> {
        let generation = searcher.generation().generation_id();
        let mut cache = self.held.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, held)) = cache.as_ref().filter(|(g, _)| *g == generation) {
            return held.clone();
        }
        let holds = |field| {
            searcher
                .segment_readers()
                .iter()
                .any(|s| s.inverted_index(field).map_or(true, |i| i.terms().num_terms() > 0))
        };
        let held: Arc<Vec<bool>> =
            Arc::new(self.fields.text.iter().map(|(_, pair)| holds(pair.title) || holds(pair.body)).collect());
        *cache = Some((generation, held.clone()));
        held
    }

    /// Exact words first; when they find nothing, words of five letters or more at one edit.
    fn collect(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        keep: usize,
    ) -> Result<(super::collector::Collected, Box<dyn tantivy::query::Query>), IndexError> {
        let inspired = if req.sort == Sort::Inspired {
            Arc::new(super::lineage::inspired_counts(&self.store)?)
        } else {
            Arc::default()
        };
        let collector = SearchCollector {
            filters: Arc::new(req.filters.clone()),
            keep,
            sort: req.sort,
            fields: self.fields.clone(),
            inspired,
        };
        let held = self.held_analysers(searcher);
        let exact = query::build(&self.index, &self.fields, &held, &req.q, false);
        let found = searcher.search(&*exact, &collector)?;
        if found.total > 0 || !query::has_long_word(&req.q) {
            return Ok((found, exact));
        }
        let fuzzy = query::build(&self.index, &self.fields, &held, &req.q, true);
        let found = searcher.search(&*fuzzy, &collector)?;
        Ok((found, fuzzy))
    }
}

fn first(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    stored_text(doc, field).into_iter().next().unwrap_or_default()
}

/// The text snippets are cut from: summary, then description.
fn snippet_source(content: &AnyContent) -> String {
    match content.description() {
        Some(description) => format!("{}\n{description}", content.summary()),
        None => content.summary().to_string(),
    }
}

fn snippet(generator: Option<&SnippetGenerator>, text: &str) -> String {
    if let Some(g) = generator {
        let mut s = g.snippet(text);
        if !s.highlighted().is_empty() {
            s.set_snippet_prefix_postfix("<mark>", "</mark>");
            return s.to_html();
        }
    }
    // No match to show: the beginning of the text, escaped.
    let mut start: String = text.chars().take(240).collect();
    if text.chars().count() > 240 {
        start.push('…');
    }
    escape_html(&start)
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
