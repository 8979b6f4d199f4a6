//! The pages in the partnership's seven languages: which language a reader gets
//! ([`negotiate`]), the messages of each ([`messages`], Fluent files in `api/locales/`), and
//! dates, numbers, amounts and language names written as the reader's locale writes them
//! ([`format`], CLDR data compiled in through ICU4X).

pub mod format;
pub mod messages;
pub mod negotiate;
mod vocab;

pub use negotiate::{LANG_COOKIE, choose};

use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// A language the pages are written in, in [`Lang::ALL`]'s order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    It,
    Pl,
    Fi,
    #[default]
    En,
    Sl,
    Es,
    Ca,
}

impl Lang {
    /// Every language, in the partnership's order.
    pub const ALL: [Lang; 7] = [Lang::It, Lang::Pl, Lang::Fi, Lang::En, Lang::Sl, Lang::Es, Lang::Ca];

    /// The ISO 639-1 code (`pl`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::Pl => "pl",
            Lang::Fi => "fi",
            Lang::En => "en",
            Lang::Sl => "sl",
            Lang::Es => "es",
            Lang::Ca => "ca",
        }
    }

    /// The language of a code or language tag (`pl`, `pl-PL`, `PL`), if it is one of the seven.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language's place in [`Lang::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The language's identifier, parsed once: every message lookup names it.
    pub fn langid(self) -> &'static LanguageIdentifier {
        static IDS: OnceLock<[LanguageIdentifier; 7]> = OnceLock::new();
        &IDS.get_or_init(|| Lang::ALL.map(|l| l.code().parse().expect("the seven codes are valid identifiers")))
            [self.index()]
    }

    /// The language's name in itself (`polski`), as the switcher offers it.
    pub fn autonym(self) -> String {
        format::capitalise(&format::language_name(self, self.code()))
    }
}
