//! Turning what an officer typed into a query. There is no query syntax to get wrong: the
//! text is split into words, each word must match (in the title, boosted, or the body) in any
//! language's analysis; with `fuzzy`, words of five or more letters also match at one edit.

use super::fields::Fields;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, Term};

const TITLE_BOOST: f32 = 3.0;
const MAX_WORDS: usize = 16;

/// The words of a query: letters and digits, everything else separates.
pub fn words(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.iter().any(|o| o == w) && out.len() < MAX_WORDS {
            out.push(w.to_string());
        }
    }
    out
}

/// The query for `q`; everything when it has no words. `held` says, in the order of
/// `fields.text`, which analysers' fields hold any term: the others cannot match, and weighing
/// their terms would be most of a query's setup across nineteen analysers.
pub fn build(index: &Index, fields: &Fields, held: &[bool], q: &str, fuzzy: bool) -> Box<dyn Query> {
    let words = words(q);
    if words.is_empty() {
        return Box::new(AllQuery);
    }
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in &words {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for ((analyser, pair), _) in fields.text.iter().zip(held).filter(|(_, held)| **held) {
            for token in analyse(index, analyser, word) {
                let title = TermQuery::new(Term::from_field_text(pair.title, &token), IndexRecordOption::WithFreqs);
                any.push((Occur::Should, Box::new(BoostQuery::new(Box::new(title), TITLE_BOOST))));
                let body = TermQuery::new(Term::from_field_text(pair.body, &token), IndexRecordOption::WithFreqs);
                any.push((Occur::Should, Box::new(body)));
            }
        }
        if fuzzy && word.chars().count() >= 5 {
            for token in analyse(index, "plain", word) {
                let term = Term::from_field_text(fields.folded, &token);
                any.push((Occur::Should, Box::new(FuzzyTermQuery::new(term, 1, true))));
            }
        }
        if !any.is_empty() {
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
    }
    Box::new(BooleanQuery::new(must))
}

/// True when a fuzzy retry could find something the exact query did not.
pub fn has_long_word(q: &str) -> bool {
    words(q).iter().any(|w| w.chars().count() >= 5)
}

fn analyse(index: &Index, analyser: &str, text: &str) -> Vec<String> {
    let Some(mut analyzer) = index.tokenizers().get(analyser) else { return Vec::new() };
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        let t = &stream.token().text;
        if !tokens.contains(t) {
            tokens.push(t.clone());
        }
    }
    tokens
}
