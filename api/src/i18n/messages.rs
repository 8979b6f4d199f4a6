//! The pages' messages: one Fluent file per language (`api/locales/<code>/pages.ftl`),
//! compiled into the binary. English is the source every other file translates, and the
//! fallback should an id be missing (a test makes sure none is).

use super::Lang;
use fluent_templates::Loader;
use fluent_templates::fluent_bundle::FluentValue;
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around placeables would land in attributes and in text
        // that tests and screen readers read; the pages mark direction themselves (all seven
        // languages are left to right).
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The message files, for the completeness check.
pub const FILES: [(&str, &str); 7] = [
    ("it", include_str!("../../locales/it/pages.ftl")),
    ("pl", include_str!("../../locales/pl/pages.ftl")),
    ("fi", include_str!("../../locales/fi/pages.ftl")),
    ("en", include_str!("../../locales/en/pages.ftl")),
    ("sl", include_str!("../../locales/sl/pages.ftl")),
    ("es", include_str!("../../locales/es/pages.ftl")),
    ("ca", include_str!("../../locales/ca/pages.ftl")),
];

impl Lang {
    /// Message `id`.
    pub fn t(self, id: &str) -> String {
        LOCALES.lookup(self.langid(), id)
    }

    /// Message `id` with text arguments (`[("title", "…")]`).
    pub fn say(self, id: &str, args: &[(&'static str, &str)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string()))).collect();
        LOCALES.lookup_with_args(self.langid(), id, &args)
    }

    /// Message `id` with one text argument, as templates call it.
    pub fn with(self, id: &str, name: &'static str, value: &str) -> String {
        self.say(id, &[(name, value)])
    }

    /// Message `id` about `count` things: `$count` picks the language's plural form, `$shown`
    /// is the number written in the reader's locale; `args` are further text arguments.
    pub fn count(self, id: &str, count: u64, args: &[(&'static str, &str)]) -> String {
        let mut all: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string()))).collect();
        all.insert(Cow::Borrowed("count"), FluentValue::from(count));
        all.insert(Cow::Borrowed("shown"), FluentValue::from(super::format::number(self, count)));
        LOCALES.lookup_with_args(self.langid(), id, &all)
    }

    /// As [`Lang::count`], with no further arguments (for templates).
    pub fn n(self, id: &str, count: impl std::borrow::Borrow<u64>) -> String {
        self.count(id, *count.borrow(), &[])
    }
}

/// Message `id` if the files define it.
pub(super) fn lookup(lang: Lang, id: &str) -> Option<String> {
    LOCALES.try_lookup(lang.langid(), id)
}

/// The message ids a file defines.
pub fn ids(source: &str) -> Result<Vec<String>, String> {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| format!("{errors:?}"))?;
    Ok(resource
        .body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_file_has_every_id_and_no_other() {
        let english: BTreeSet<String> = ids(FILES[3].1).unwrap().into_iter().collect();
        assert!(english.len() > 200, "the English file has the pages' messages");
        for (code, source) in FILES {
            let list = ids(source).unwrap_or_else(|e| panic!("{code}: not valid Fluent: {e}"));
            let these: BTreeSet<String> = list.iter().cloned().collect();
            assert_eq!(these.len(), list.len(), "{code}: an id is defined twice");
            let missing: Vec<_> = english.difference(&these).collect();
            let extra: Vec<_> = these.difference(&english).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{code}: missing {missing:?}, not in English {extra:?}");
        }
    }

    /// Messages that may read the same as in English: names, and words the language shares.
    fn may_match_english(lang: Lang, id: &str) -> bool {
        let names = ["site-name", "page-title", "similar-item", "csv-id", "csv-nuts"];
        let shared = [(Lang::It, "row-budget"), (Lang::Ca, "nav-regions"), (Lang::Ca, "regions-title")];
        names.contains(&id) || id.starts_with("region-") || shared.contains(&(lang, id))
    }

    /// Each message's pattern (its text and placeables), by id.
    fn patterns(source: &str) -> std::collections::BTreeMap<String, String> {
        let resource = fluent_syntax::parser::parse(source).unwrap();
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some((m.id.name.to_string(), format!("{:?}", m.value))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn no_message_is_left_in_english() {
        let english = patterns(FILES[3].1);
        for (lang, source) in Lang::ALL.into_iter().zip(FILES).filter(|(l, _)| *l != Lang::En) {
            let same: Vec<String> = patterns(source.1)
                .into_iter()
                .filter(|(id, pattern)| english.get(id) == Some(pattern) && !may_match_english(lang, id))
                .map(|(id, _)| id)
                .collect();
            assert!(same.is_empty(), "{}: still in English: {same:?}", lang.code());
        }
    }

    #[test]
    fn plural_forms_follow_each_language() {
        assert_eq!(Lang::En.n("results-count", 1u64), "1 result");
        assert_eq!(Lang::En.n("results-count", 2u64), "2 results");
        assert_eq!(Lang::Pl.n("results-count", 1u64), "1 wynik");
        assert_eq!(Lang::Pl.n("results-count", 2u64), "2 wyniki");
        assert_eq!(Lang::Pl.n("results-count", 5u64), "5 wyników");
        assert_eq!(Lang::Pl.n("results-count", 22u64), "22 wyniki");
        // Polish groups from five digits on (CLDR's minimum grouping of 2).
        assert_eq!(Lang::Pl.n("results-count", 1234u64), "1234 wyniki");
        assert_eq!(Lang::Pl.n("results-count", 12345u64), "12\u{a0}345 wyników");
    }
}
