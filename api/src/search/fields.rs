//! The index schema and its analysers: per-language stemming where a Snowball stemmer
//! exists, accent and case folding everywhere.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};

/// Bump when the schema or analysis changes: an index built by another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

/// ISO 639-1 codes with a Snowball stemmer. Every other language is folded but not stemmed.
const STEMMED: [(&str, Language); 18] = [
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("en", Language::English),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nl", Language::Dutch),
    ("no", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The analyser name for text not stemmed.
const PLAIN: &str = "plain";

/// Text fields of one analyser: title (boosted at query time) and body.
#[derive(Clone, Copy)]
pub struct TextPair {
    pub title: Field,
    pub body: Field,
}

#[derive(Clone)]
pub struct Fields {
    /// `origin/id`: what a record is in the index, to replace or remove it by.
    pub key: Field,
    pub id: Field,
    /// The UUIDv7 id as two numbers, for tie-breaking in id order without string reads.
    pub id_hi: Field,
    pub id_lo: Field,
    pub kind: Field,
    pub origin: Field,
    pub intervention: Field,
    pub language: Field,
    pub theme: Field,
    pub year: Field,
    /// Microseconds since the epoch.
    pub updated: Field,
    pub title: Field,
    pub updated_at: Field,
    /// (analyser name, fields) for every analyser, `plain` last.
    pub text: Vec<(&'static str, TextPair)>,
    /// All text, folded and unstemmed: for one-edit typo tolerance.
    pub folded: Field,
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text_options = |analyser: &str, positions: bool| {
            let option = if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::Basic };
            TextOptions::default()
                .set_indexing_options(TextFieldIndexing::default().set_tokenizer(analyser).set_index_option(option))
        };
        let key = b.add_text_field("key", STRING);
        let id = b.add_text_field("id", STRING | STORED);
        let id_hi = b.add_u64_field("id_hi", FAST);
        let id_lo = b.add_u64_field("id_lo", FAST);
        let kind = b.add_text_field("kind", STRING | STORED | FAST);
        let origin = b.add_text_field("origin", STRING | STORED | FAST);
        let intervention = b.add_text_field("intervention", STRING | FAST);
        let language = b.add_text_field("language", STRING | STORED | FAST);
        let theme = b.add_text_field("theme", STRING | STORED | FAST);
        let year = b.add_u64_field("year", FAST | INDEXED);
        let updated = b.add_i64_field("updated", FAST);
        let title = b.add_text_field("title", STORED);
        let updated_at = b.add_text_field("updated_at", STORED);
        let mut text = Vec::new();
        for name in STEMMED.iter().map(|(code, _)| *code).chain([PLAIN]) {
            let title = b.add_text_field(&format!("title_{name}"), text_options(name, true));
            let body = b.add_text_field(&format!("body_{name}"), text_options(name, true));
            text.push((name, TextPair { title, body }));
        }
        let folded = b.add_text_field("folded", text_options(PLAIN, false));
        let fields = Fields {
            key,
            id,
            id_hi,
            id_lo,
            kind,
            origin,
            intervention,
            language,
            theme,
            year,
            updated,
            title,
            updated_at,
            text,
            folded,
        };
        (b.build(), fields)
    }

    /// The text fields a record in `language` is indexed into.
    pub fn for_language(&self, language: &str) -> TextPair {
        let name = STEMMED.iter().find(|(code, _)| *code == language).map_or(PLAIN, |(code, _)| code);
        self.text.iter().find(|(n, _)| *n == name).map(|(_, pair)| *pair).expect("every analyser has fields")
    }
}

/// Registers every analyser on the index.
pub fn register_analysers(index: &Index) {
    let base = || {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(60))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
    };
    for (code, language) in STEMMED {
        index.tokenizers().register(code, base().filter(Stemmer::new(language)).build());
    }
    index.tokenizers().register(PLAIN, base().build());
}
