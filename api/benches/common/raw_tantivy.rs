//! The raw engine under the catalogue's search: tantivy itself, in-process, over the index the
//! node built (the same corpus, fields and analysers, so stemming cannot skew the hit counts),
//! with tantivy's own query parser over the same text fields and the same title boost, the
//! query's words ANDed, its facet filters as term and range queries; top 20 by score, the
//! total, and terms counts of two facets (theme and origin). No snippets, no disjunctive
//! counts, no typo retry, no HTTP: what the node adds on top is what the ratio measures.

use serde_json::json;
use smarty_api::search::fields::{Fields, register_analysers};
use std::ops::Bound;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, Term};

/// The node's title boost (`search/query.rs`).
const TITLE_BOOST: f32 = 3.0;

pub struct RawSearch {
    reader: IndexReader,
    parser: QueryParser,
    fields: Fields,
    aggregations: Aggregations,
}

impl RawSearch {
    /// Opens the index in `dir` as tantivy opens any index.
    pub fn open(dir: &std::path::Path) -> RawSearch {
        let index = Index::open_in_dir(dir).unwrap();
        register_analysers(&index);
        let (_, fields) = Fields::schema();
        let text: Vec<_> = fields.text.iter().flat_map(|(_, pair)| [pair.title, pair.body]).collect();
        let mut parser = QueryParser::for_index(&index, text);
        parser.set_conjunction_by_default();
        for (_, pair) in &fields.text {
            parser.set_field_boost(pair.title, TITLE_BOOST);
        }
        let aggregations = serde_json::from_value(json!({
            "theme": {"terms": {"field": "theme", "size": 20}},
            "origin": {"terms": {"field": "origin", "size": 20}},
        }))
        .unwrap();
        RawSearch { reader: index.reader().unwrap(), parser, fields, aggregations }
    }

    /// Runs one query of the benchmark's mix (`q=…&theme=…`); returns its total.
    pub fn search(&self, query: &str) -> u64 {
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let term = |field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
        };
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "q" => must.push((Occur::Must, self.parser.parse_query(&value).unwrap())),
                "theme" => must.push((Occur::Must, term(self.fields.theme, &value))),
                "origin" => must.push((Occur::Must, term(self.fields.origin, &value))),
                "intervention" => must.push((Occur::Must, term(self.fields.intervention, &value))),
                "language" => must.push((Occur::Must, term(self.fields.language, &value))),
                "year_from" => {
                    let from = Term::from_field_u64(self.fields.year, value.parse().unwrap());
                    must.push((Occur::Must, Box::new(RangeQuery::new(Bound::Included(from), Bound::Unbounded))));
                }
                other => panic!("the mix has no parameter {other}"),
            }
        }
        let query = BooleanQuery::new(must);
        let collector = (
            TopDocs::with_limit(20).order_by_score(),
            Count,
            AggregationCollector::from_aggs(self.aggregations.clone(), AggContextParams::default()),
        );
        let (top, total, _facets) = self.reader.searcher().search(&query, &collector).unwrap();
        std::hint::black_box(top);
        total as u64
    }
}
