//! The catalogue's query parameters as documented: one definition of the search filters,
//! shared by search and export. The query strings themselves are parsed by
//! [`super::handlers::parse`] (which allows repeated facets); the enums here are the values it
//! accepts.

use crate::error::ApiError;
use crate::search::collector::{Filters, Sort};
use crate::search::request::SearchRequest;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use smarty_schema::Kind;
use smarty_schema::content::Intervention;
use smarty_schema::validation::Errors;
use smarty_schema::vocab::{LanguageCode, RegionCode, ThemeCode};
use utoipa::{IntoParams, ToSchema};

/// Highest `year_from` and `year_to`.
pub const MAX_YEAR: u64 = 9999;
/// Highest `offset`.
pub const MAX_OFFSET: usize = 100_000;
/// Longest `q`, in characters.
pub const MAX_Q_CHARS: usize = 500;

/// The search filters, shared by search and export. Facet parameters may repeat: OR within
/// a facet, AND across facets. A well-formed value no record has matches nothing (it is not
/// an error); a value outside its vocabulary is.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the parameters; `parse` reads them
pub struct SearchFilters {
    /// Words to look for (no syntax: everything is searched as plain words), at most 500
    /// characters. Empty: everything.
    #[param(max_length = 500, example = "predictive maintenance")]
    q: Option<String>,
    /// Theme code (repeatable; `GET /api/v1/themes` lists them).
    #[param(style = Form, explode, value_type = Option<Vec<ThemeCode>>, example = json!(["smart-logistics"]))]
    theme: Option<Vec<String>>,
    /// Origin region code (repeatable).
    #[param(style = Form, explode, value_type = Option<Vec<RegionCode>>, example = json!(["tuscany"]))]
    origin: Option<Vec<String>>,
    /// Record kind (repeatable).
    #[param(style = Form, explode, value_type = Option<Vec<Kind>>, example = json!(["case_study"]))]
    kind: Option<Vec<String>>,
    /// Kind of intervention of a case study: `policy` or `direct` (repeatable).
    #[param(style = Form, explode, value_type = Option<Vec<Intervention>>, example = json!(["policy"]))]
    intervention: Option<Vec<String>>,
    /// ISO 639-1 language of the record's text (repeatable).
    #[param(style = Form, explode, value_type = Option<Vec<LanguageCode>>, example = json!(["en"]))]
    language: Option<Vec<String>>,
    /// Earliest start year, 0 to 9999.
    #[param(minimum = 0, maximum = 9999, example = 2020)]
    year_from: Option<u64>,
    /// Latest start year, 0 to 9999.
    #[param(minimum = 0, maximum = 9999, example = 2026)]
    year_to: Option<u64>,
}

/// The order of a search's hits (a feed has none to choose: it is newest first).
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the parameter; `parse` reads it
pub struct Sorting {
    /// Order of the hits (default `relevance`); ties by id.
    #[param(inline, example = "updated")]
    sort: Option<SortOrder>,
}

/// Paging of search results.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the parameters; `parse` reads them
pub struct Paging {
    /// Hits to skip, 0 to 100000 (default 0).
    #[param(minimum = 0, maximum = 100_000, default = 0, example = 20)]
    offset: Option<usize>,
    /// Hits per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100, default = 20, example = 20)]
    limit: Option<usize>,
}

/// The format of an export.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the parameter; `parse` reads it
pub struct ExportParams {
    /// `csv` (RFC 4180, UTF-8, a header row) or `json` (one array of full public records).
    #[param(inline, example = "csv")]
    format: ExportFormat,
    /// The language of a CSV export's header row: one of `it`, `pl`, `fi`, `en`, `sl`, `es`,
    /// `ca` (the officers' pages link their own). Without it the header row has the field
    /// names (`id,kind,origin,…`), which scripts read; the rows are the same either way.
    #[param(inline, example = "pl")]
    lang: Option<PageLanguage>,
}

/// `lang` (a language of the pages, for what a response says in words) out of a query string;
/// the rest kept, as the search's.
pub fn take_lang(query: &str) -> Result<(Option<crate::i18n::Lang>, String), ApiError> {
    let mut lang = None;
    let mut rest = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k == "lang" {
            let known = crate::i18n::Lang::parse(&v).filter(|l| l.code() == v);
            lang = Some(known.ok_or_else(|| ApiError::field("lang", "must be one of it, pl, fi, en, sl, es, ca"))?);
        } else {
            rest.append_pair(&k, &v);
        }
    }
    Ok((lang, rest.finish()))
}

/// A language of the officers' pages.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // documents the parameter; the export reads it
pub enum PageLanguage {
    It,
    Pl,
    Fi,
    En,
    Sl,
    Es,
    Ca,
}

/// The order of search hits: `relevance`; `updated`, newest first; `inspired`, the practices
/// most cited by action plans first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    Relevance,
    Updated,
    Inspired,
}

impl From<SortOrder> for Sort {
    fn from(s: SortOrder) -> Sort {
        match s {
            SortOrder::Relevance => Sort::Relevance,
            SortOrder::Updated => Sort::Updated,
            SortOrder::Inspired => Sort::Inspired,
        }
    }
}

/// The format of an export file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The variant of a unit enum named `code` (its serde name, as documented), if any.
pub fn from_code<'de, T: Deserialize<'de>>(code: &'de str) -> Option<T> {
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(code)).ok()
}

/// Parses a catalogue query string; `max_limit` bounds `limit` (search pages; exports have none).
/// The parameters are documented by [`SearchFilters`] and [`Paging`] (and `format` by
/// [`ExportParams`]).
pub fn parse(query: &str, max_limit: Option<usize>) -> Result<(SearchRequest, Option<String>), ApiError> {
    let mut req =
        SearchRequest { q: String::new(), filters: Filters::default(), sort: Sort::Relevance, offset: 0, limit: 20 };
    let mut format = None;
    let mut e = Errors::default();
    let number = |e: &mut Errors, key: &str, v: &str| -> Option<u64> {
        let n = v.parse().ok();
        e.check(n.is_some(), key, "must be a whole number");
        n
    };
    let year = |e: &mut Errors, key: &str, v: &str| -> Option<u64> {
        let n = number(e, key, v)?;
        e.check(n <= MAX_YEAR, key, &format!("must be at most {MAX_YEAR}"));
        (n <= MAX_YEAR).then_some(n)
    };
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let (key, value) = (key.as_ref(), value.into_owned());
        match key {
            "q" => req.q = value,
            "theme" | "origin" | "kind" | "intervention" | "language" => {
                let (facet, known) = match key {
                    "theme" => (0, ThemeCode::parse(&value).is_ok()),
                    "origin" => (1, RegionCode::parse(&value).is_ok()),
                    "kind" => (2, Kind::parse(&value).is_some()),
                    "intervention" => (3, from_code::<Intervention>(&value).is_some()),
                    _ => (4, LanguageCode::parse(&value).is_ok()),
                };
                e.check(known, key, &format!("{value:?} is not a {key} code (see the parameter's schema)"));
                req.filters.values[facet].push(value);
            }
            "year_from" => req.filters.year_from = year(&mut e, key, &value),
            "year_to" => req.filters.year_to = year(&mut e, key, &value),
            "offset" if max_limit.is_some() => req.offset = number(&mut e, key, &value).unwrap_or(0) as usize,
            "limit" if max_limit.is_some() => req.limit = number(&mut e, key, &value).unwrap_or(0) as usize,
            "sort" => match from_code::<SortOrder>(&value) {
                Some(sort) => req.sort = sort.into(),
                None => e.add("sort", "must be relevance, updated or inspired"),
            },
            "format" if max_limit.is_none() => format = Some(value),
            other => e.add(other, "is not a parameter of this address"),
        }
    }
    if let Some(max) = max_limit {
        e.check((1..=max).contains(&req.limit), "limit", &format!("must be 1 to {max}"));
    }
    e.check(req.offset <= MAX_OFFSET, "offset", &format!("must be at most {MAX_OFFSET}"));
    e.check(req.q.chars().count() <= MAX_Q_CHARS, "q", &format!("must be at most {MAX_Q_CHARS} characters"));
    e.into_result().map_err(ApiError::Validation)?;
    Ok((req, format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_documented_names() {
        assert_eq!(from_code("inspired"), Some(SortOrder::Inspired));
        assert_eq!(from_code("json"), Some(ExportFormat::Json));
        assert_eq!(from_code::<SortOrder>("Relevance"), None);
        assert_eq!(from_code::<ExportFormat>("xml"), None);
    }

    #[test]
    fn documented_bounds_are_the_checked_ones() {
        let doc = serde_json::json!([
            SearchFilters::into_params(|| None),
            Sorting::into_params(|| None),
            Paging::into_params(|| None)
        ]);
        let schema = |name: &str| {
            let all = doc.as_array().into_iter().flatten().flat_map(|ps| ps.as_array().into_iter().flatten());
            all.into_iter().find(|p| p["name"] == name).map(|p| p["schema"].clone()).unwrap_or_default()
        };
        assert_eq!(schema("q")["maxLength"], serde_json::json!(MAX_Q_CHARS));
        assert_eq!(schema("year_from")["maximum"], serde_json::json!(MAX_YEAR));
        assert_eq!(schema("year_to")["maximum"], serde_json::json!(MAX_YEAR));
        assert_eq!(schema("offset")["maximum"], serde_json::json!(MAX_OFFSET));
        assert_eq!(schema("sort")["enum"], serde_json::json!(["relevance", "updated", "inspired"]));
    }
}
