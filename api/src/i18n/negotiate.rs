//! Which of the seven languages a page is written in: the `lang` query parameter (the
//! switcher's links), else the `lang` cookie those links leave, else the browser's
//! `Accept-Language` with its q-values, else the node's own language.

use super::Lang;
use actix_web::HttpRequest;
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

/// The cookie that keeps a reader's chosen language across pages.
pub const LANG_COOKIE: &str = "smarty_lang";

/// The cookie that keeps `lang`: a preference, not a credential, so sent on links from other
/// sites too (Lax), for a year.
pub fn cookie(lang: Lang, secure: bool) -> actix_web::cookie::Cookie<'static> {
    actix_web::cookie::Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .same_site(actix_web::cookie::SameSite::Lax)
        .secure(secure)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish()
}

/// The `lang` query parameter's language, when it names one of the seven.
pub fn from_query(query: &str) -> Option<Lang> {
    form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "lang").and_then(|(_, v)| Lang::parse(&v))
}

/// The reader's language for `req`, `default` when nothing the request says names one of the
/// seven.
pub fn choose(req: &HttpRequest, default: Lang) -> Lang {
    from_query(req.query_string())
        .or_else(|| req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
        .or_else(|| {
            let header = req.headers().get(actix_web::http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            from_accept_language(header)
        })
        .unwrap_or(default)
}

/// The best of the seven for an `Accept-Language` header (RFC 9110 §12.5.4): ranges in
/// q-value order, `q=0` meaning "not this one"; none when the header names none of them.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut ranges: Vec<(f32, usize, LanguageIdentifier)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0 && tag != "*").then(|| tag.parse().ok().map(|id| (q, i, id)))?
        })
        .collect();
    // Highest q first; equal q keep the header's order.
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let requested: Vec<LanguageIdentifier> = ranges.into_iter().map(|(_, _, id)| id).collect();
    let available: Vec<LanguageIdentifier> = Lang::ALL.iter().map(|l| l.langid().clone()).collect();
    let chosen = negotiate_languages(&requested, &available, None, NegotiationStrategy::Lookup);
    chosen.first().and_then(|id| Lang::parse(&id.to_string()))
}

/// The language a node speaks by default: its region's first configured language that is
/// one of the seven (Mazovia's node speaks Polish), else English.
pub fn node_default(languages: &[String]) -> Lang {
    languages.iter().find_map(|l| Lang::parse(l)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_is_read_by_q_value() {
        assert_eq!(from_accept_language("pl-PL,pl;q=0.9,en;q=0.5"), Some(Lang::Pl));
        assert_eq!(from_accept_language("en;q=0.5, fi"), Some(Lang::Fi));
        assert_eq!(from_accept_language("de-DE, fr;q=0.9, ca;q=0.2"), Some(Lang::Ca));
        assert_eq!(from_accept_language("sl;q=0, es;q=0.1"), Some(Lang::Es), "q=0 means not acceptable");
        assert_eq!(from_accept_language("de, *;q=0.1"), None);
        assert_eq!(from_accept_language("garbage;;q=x,,"), None);
        assert_eq!(from_query("q=telai&lang=fi"), Some(Lang::Fi));
        assert_eq!(from_query("lang=xx"), None);
        assert_eq!(node_default(&["ca".into(), "es".into()]), Lang::Ca);
        assert_eq!(node_default(&["de".into()]), Lang::En);
        for (i, lang) in Lang::ALL.iter().enumerate() {
            assert_eq!((lang.index(), lang.langid().to_string()), (i, lang.code().to_string()));
        }
    }
}
