//! Dates, numbers, amounts and language and country names as the reader's locale writes
//! them ("1 marca 2021", "310 000 €", "polski"), from the CLDR data ICU4X compiles in.
//! Formatters are made once per language and kept.

use super::Lang;
use fixed_decimal::Decimal;
use icu_calendar::{Date, Iso};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::displaynames::multi::{LanguageDisplayNames, RegionDisplayNames};
use icu_locale_core::Locale;
use icu_locale_core::subtags::{Language, Region};
use std::sync::OnceLock;

/// The language's locale, parsed once. The partnership's English is British ("1 March 2021").
fn locale(lang: Lang) -> &'static Locale {
    static LOCALES: OnceLock<[Locale; 7]> = OnceLock::new();
    let all = LOCALES.get_or_init(|| {
        Lang::ALL.map(|l| {
            let tag = if l == Lang::En { "en-GB" } else { l.code() };
            Locale::try_from_str(tag).expect("the seven tags are valid locales")
        })
    });
    &all[lang.index()]
}

/// One value per language, made on first use.
struct PerLang<T>([OnceLock<Option<T>>; 7]);

impl<T> PerLang<T> {
    const fn new() -> Self {
        PerLang([const { OnceLock::new() }; 7])
    }

    fn get(&self, lang: Lang, make: impl FnOnce(&Locale) -> Option<T>) -> Option<&T> {
        self.0[lang.index()].get_or_init(|| make(locale(lang))).as_ref()
    }
}

static DECIMALS: PerLang<DecimalFormatter> = PerLang::new();
static DATES: PerLang<DateTimeFormatter<YMD>> = PerLang::new();
static LANGUAGES: PerLang<LanguageDisplayNames> = PerLang::new();
static COUNTRIES: PerLang<RegionDisplayNames> = PerLang::new();

/// A whole number with the locale's grouping ("12 345", "12.345", "12,345").
pub fn number(lang: Lang, n: u64) -> String {
    DECIMALS
        .get(lang, |l| DecimalFormatter::try_new(l.into(), Default::default()).ok())
        .map_or_else(|| n.to_string(), |f| f.format(&Decimal::from(n)).to_string())
}

/// A calendar date, long ("1 marca 2021", "1. maaliskuuta 2021", "1 March 2021").
pub fn date(lang: Lang, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let formatted = DATES.get(lang, |l| DateTimeFormatter::try_new(l.into(), YMD::long()).ok()).and_then(|f| {
        let date: Date<Iso> = Date::try_new_iso(day.year(), day.month() as u8, day.day() as u8).ok()?;
        Some(f.format(&date).to_string())
    });
    formatted.unwrap_or_else(|| day.to_string())
}

/// A calendar date (`2021-03-01`) or a timestamp, as a date in the reader's locale: never the
/// stored form with its microseconds. The text as given if it is neither.
pub fn day(lang: Lang, text: &str) -> String {
    let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| t.date_naive()));
    day.map_or_else(|| text.to_string(), |d| date(lang, d))
}

/// An amount of money in a currency ("310 000 €", "310.000 €", "€310,000"), with the amount's
/// own precision: CLDR's currency pattern pads to the currency's minor unit ("310 000,00 €"),
/// which reads oddly for a whole budget, so the pattern is taken from ICU and the number
/// written in it as given. The amount and code as given when either is not one ICU reads.
pub fn amount(lang: Lang, amount: &str, currency: &str) -> String {
    let formatted = (|| {
        let value: Decimal = amount.parse().ok()?;
        let code = CurrencyType::try_from_str(&currency.to_ascii_lowercase()).ok()?;
        let money = CurrencyFormatter::try_new_symbol(locale(lang).into(), code, Default::default()).ok()?;
        let numbers = DECIMALS.get(lang, |l| DecimalFormatter::try_new(l.into(), Default::default()).ok())?;
        let one: Decimal = "1.00".parse().ok()?;
        // "1,00 €": where the number goes in the locale's pattern for this currency.
        let pattern = money.format_fixed_decimal(&one).to_string();
        let placeholder = numbers.format(&one).to_string();
        let written = numbers.format(&value).to_string();
        Some(if pattern.contains(&placeholder) {
            pattern.replacen(&placeholder, &written, 1)
        } else {
            money.format_fixed_decimal(&value).to_string()
        })
    })();
    formatted.unwrap_or_else(|| format!("{amount} {currency}"))
}

/// A language's name in the reader's language (`pl` → "polski" in Polish, "Polish" in
/// English); the code when CLDR has no name for it.
pub fn language_name(lang: Lang, code: &str) -> String {
    let names = LANGUAGES.get(lang, |l| LanguageDisplayNames::try_new(l.into(), Default::default()).ok());
    Language::try_from_str(code)
        .ok()
        .and_then(|c| names.and_then(|n| n.of(c)).map(str::to_string))
        .unwrap_or_else(|| code.to_string())
}

/// A country's name in the reader's language (`IT` → "Italia"); `UK`, the EU's code for the
/// United Kingdom, is read as ISO's `GB`. The code when CLDR has no name for it.
pub fn country_name(lang: Lang, code: &str) -> String {
    let names = COUNTRIES.get(lang, |l| RegionDisplayNames::try_new(l.into(), Default::default()).ok());
    let iso = if code == "UK" { "GB" } else { code };
    Region::try_from_str(iso)
        .ok()
        .and_then(|c| names.and_then(|n| n.of(c)).map(str::to_string))
        .unwrap_or_else(|| code.to_string())
}

/// `texts` in the reader's alphabetical order (Polish "Łotewski" after "Litewski", not after
/// "Węgierski"), by CLDR's collation rules.
pub fn sort_by_name<T>(lang: Lang, items: &mut [T], name: impl Fn(&T) -> String) {
    let collator = icu_collator::Collator::try_new(locale(lang).into(), Default::default()).ok();
    items.sort_by(|a, b| match &collator {
        Some(c) => c.compare(&name(a), &name(b)),
        None => name(a).cmp(&name(b)),
    });
}

/// The text with its first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_numbers_and_amounts_follow_the_locale() {
        let march = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).unwrap();
        assert_eq!(date(Lang::Pl, march), "1 marca 2021");
        assert_eq!(date(Lang::En, march), "1 March 2021");
        assert_eq!(date(Lang::It, march), "1 marzo 2021");
        assert_eq!(day(Lang::Pl, "2021-03-01T10:15:00.123456Z"), "1 marca 2021");
        assert_eq!(amount(Lang::Pl, "310000", "EUR"), "310\u{a0}000\u{a0}€");
        assert_eq!(amount(Lang::It, "310000", "EUR"), "310.000\u{a0}€");
        assert_eq!(amount(Lang::En, "310000", "EUR"), "€310,000");
        assert_eq!(amount(Lang::Fi, "1250.50", "EUR"), "1\u{a0}250,50\u{a0}€");
        assert_eq!(amount(Lang::En, "12", "XYZ1"), "12 XYZ1");
        assert_eq!(number(Lang::Fi, 12345), "12\u{a0}345");
        assert_eq!(language_name(Lang::Pl, "pl"), "polski");
        assert_eq!(language_name(Lang::En, "ca"), "Catalan");
        assert_eq!(language_name(Lang::En, "zz"), "zz");
        assert_eq!(country_name(Lang::It, "UK"), "Regno Unito");
        let mut names = vec!["Węgierski", "Łotewski", "Litewski", "Szwedzki", "Słowacki"];
        sort_by_name(Lang::Pl, &mut names, ToString::to_string);
        assert_eq!(names, ["Litewski", "Łotewski", "Słowacki", "Szwedzki", "Węgierski"]);
    }
}
