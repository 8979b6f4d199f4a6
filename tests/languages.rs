//! The pages in the partnership's seven languages: which language a reader gets, that a
//! Polish page holds no English left over, dates, amounts and plurals in the reader's locale,
//! the vocabularies in the API, and the narrow-screen search page in a real browser.

use crate::pages::form_csrf;
use crate::support::browser::Browser;
use crate::support::samples::{case_study, published};
use crate::support::{Backend, TestNode, search_until};
use fantoccini::Locator;
use serde_json::{Value, json};
use smarty_api::i18n::Lang;
use smarty_api::i18n::messages::FILES;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// A page as a browser asks for it, with extra request headers.
async fn page(node: &TestNode, path: &str, headers: &[(&str, &str)]) -> (u16, reqwest::header::HeaderMap, String) {
    let mut req = http().get(node.url(path)).header("accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let res = req.send().await.unwrap();
    let (status, headers) = (res.status().as_u16(), res.headers().clone());
    (status, headers, res.text().await.unwrap())
}

/// The `lang` of a page's `<html>` element.
fn html_lang(html: &str) -> &str {
    let at = html.find("<html lang=\"").expect("an html element with lang") + "<html lang=\"".len();
    html[at..].split('"').next().unwrap()
}

/// A Polish case study of Mazovia: a budget, a start date and words to search for.
fn polish(title: &str) -> Value {
    let mut c = case_study(title);
    c["language"] = json!("pl");
    c["summary"] = json!("Czujniki drgań na obrabiarkach w małych zakładach pod Radomiem.");
    c["description"] = json!("Mazowiecka agencja wyposażyła zakłady w czujniki i panele do odczytu danych.");
    c["main_institution"] = json!("Mazowiecka Jednostka Wdrażania Programów Unijnych");
    c["location"] = json!({"nuts": "PL92", "name": "Radom"});
    c["period"] = json!({"start": "2021-03-01"});
    c["budget"] = json!({"amount": "310000", "currency": "EUR"});
    c["keywords"] = json!(["obrabiarki"]);
    c["funding_sources"] = json!(["Fundusze Europejskie dla Mazowsza"]);
    for optional in ["resources_needed", "evidence_of_success", "difficulties", "transfer_potential", "contact"] {
        c.as_object_mut().unwrap().remove(optional);
    }
    c
}

/// The words a reader meets on a page: its text and the text of its labelling attributes
/// (`aria-label`, `placeholder`, `title`), entities decoded; markup, classes and addresses
/// left out.
fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        for attribute in ["aria-label=\"", "placeholder=\"", "title=\""] {
            if let Some(at) = tag.find(attribute) {
                out.push_str(tag[at + attribute.len()..].split('"').next().unwrap_or_default());
                out.push(' ');
            }
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    for (entity, text) in
        [("&#38;", "&"), ("&amp;", "&"), ("&#39;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">")]
    {
        out = out.replace(entity, text);
    }
    out
}

/// The literal text pieces of each of a Fluent file's messages (placeables left out).
fn pieces(source: &str) -> BTreeMap<String, Vec<String>> {
    use fluent_syntax::ast::{Entry, Expression, Pattern, PatternElement};
    fn walk(pattern: &Pattern<&str>, out: &mut Vec<String>) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => out.push(value.trim().to_string()),
                PatternElement::Placeable { expression: Expression::Select { variants, .. } } => {
                    variants.iter().for_each(|v| walk(&v.value, out));
                }
                PatternElement::Placeable { .. } => {}
            }
        }
    }
    let resource = fluent_syntax::parser::parse(source).expect("valid Fluent");
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry
            && let Some(pattern) = &m.value
        {
            let mut texts = Vec::new();
            walk(pattern, &mut texts);
            out.insert(m.id.name.to_string(), texts);
        }
    }
    out
}

/// `needle` in `text` as a whole phrase (not inside a longer word or a parameter's name such
/// as `year_from`).
fn has_phrase(text: &str, needle: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !word(c));
        let after = text[at + needle.len()..].chars().next().is_none_or(|c| !word(c));
        before && after
    })
}

/// Messages that are names, the same in every language.
fn is_name(id: &str) -> bool {
    ["site-name", "page-title", "similar-item"].contains(&id) || id.starts_with("region-") || id.starts_with("csv-")
}

/// The English source phrases a page in `code` must not show: every piece of the English
/// messages with a word of four letters or more, except pieces that the language's own
/// translated messages use (a word both languages share, such as "Region" in Polish's
/// "Region pochodzenia") and names every language writes alike ("Smarty Exchange", "Leeds
/// City Region"). Any other message left as its English is no excuse: its pieces stay in.
fn english_phrases(code: &str) -> Vec<String> {
    let source = |c: &str| FILES.iter().find(|(l, _)| *l == c).unwrap().1;
    let english = pieces(source("en"));
    let translated: Vec<String> = pieces(source(code))
        .into_iter()
        .filter(|(id, texts)| english.get(id) != Some(texts) || is_name(id))
        .flat_map(|(_, texts)| texts)
        .collect();
    let phrases: BTreeSet<String> = english.into_values().flatten().collect();
    phrases
        .into_iter()
        .filter(|e| e.split(|c: char| !c.is_alphabetic()).any(|w| w.chars().count() >= 4))
        .filter(|e| !translated.iter().any(|t| has_phrase(t, e)))
        .collect()
}

#[tokio::test]
async fn a_reader_gets_their_language_by_choice_header_or_the_node_s_own() {
    let leeds = TestNode::start(Backend::Sqlite).await;
    let (_, _, html) = page(&leeds, "/", &[]).await;
    assert_eq!(html_lang(&html), "en", "Leeds's node speaks English by default");
    assert!(html.contains("The shared catalogue"));
    let polish_first = [("accept-language", "pl-PL,pl;q=0.9,en;q=0.5")];
    let (_, _, html) = page(&leeds, "/", &polish_first).await;
    assert_eq!(html_lang(&html), "pl", "Accept-Language with q-values");
    assert!(html.contains("Wspólny katalog") || !html.contains("The shared catalogue"), "{html}");
    let (_, _, html) = page(&leeds, "/", &[("accept-language", "de;q=1, it;q=0.4, es;q=0.6")]).await;
    assert_eq!(html_lang(&html), "es", "the highest q of the seven");

    // `?lang=` wins over the header, and a cookie keeps it through navigation.
    let (_, headers, html) = page(&leeds, "/regions?lang=fi", &polish_first).await;
    assert_eq!(html_lang(&html), "fi");
    let cookie = headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("smarty_lang=fi"))
        .expect("the choice is kept in a cookie");
    assert!(cookie.contains("Path=/") && cookie.contains("SameSite=Lax"), "{cookie}");
    let (_, _, html) = page(&leeds, "/transfers", &[polish_first[0], ("cookie", "smarty_lang=fi")]).await;
    assert_eq!(html_lang(&html), "fi", "the chosen language sticks");
    // The switcher: plain links to this page in each language, each marked with its own.
    for lang in Lang::ALL {
        let code = lang.code();
        let link = format!("href=\"/transfers?lang={code}\" lang=\"{code}\" hreflang=\"{code}\"");
        assert!(html.contains(&link), "{link} in {html}");
    }
    assert!(html.contains(">suomi</a>") || html.contains(">Suomi</a>"), "named in itself");
    assert!(html.contains("hreflang=\"fi\" aria-current=\"true\""), "the current language is marked");
    assert!(html.contains("<link rel=\"alternate\" hreflang=\"pl\" href=\"/transfers?lang=pl\">"));

    // Mazovia's node speaks Polish unless the reader asks otherwise.
    let mazovia = TestNode::start_with(Backend::Sqlite, "mazovia", &[]).await;
    let (_, _, html) = page(&mazovia, "/", &[]).await;
    assert_eq!(html_lang(&html), "pl");
    assert!(html.contains("Mazowsze"), "the region's name in Polish: {html}");
    let (_, _, html) = page(&mazovia, "/", &[("accept-language", "en-GB,en;q=0.8")]).await;
    assert_eq!(html_lang(&html), "en");
    assert!(html.contains("Mazovia"));
    // Errors a browser meets are pages in its language too, and keep a language chosen there.
    let (status, _, html) = page(&mazovia, "/no-such-page", &[]).await;
    assert_eq!((status, html_lang(&html)), (404, "pl"));
    assert!(html.contains("href=\"/\""));
    let (status, headers, html) = page(&mazovia, "/no-such-page?lang=sl", &[]).await;
    assert_eq!((status, html_lang(&html)), (404, "sl"));
    assert!(headers.get_all("set-cookie").iter().any(|c| c.to_str().unwrap().starts_with("smarty_lang=sl")));
    // A path a browser would read as another host never reaches the switcher's links.
    for path in ["//evil.example/", "/\\evil.example/"] {
        let (_, _, html) = page(&mazovia, path, &[]).await;
        assert!(!html.contains("href=\"//") && !html.contains("href=\"/\\"), "{path}: {html}");
    }
    // A refused form post says how to mend it.
    let res = http()
        .post(mazovia.url("/manage/new"))
        .header("accept", "text/html")
        .form(&[("kind", "case_study"), ("title", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert!(res.text().await.unwrap().contains(&Lang::Pl.t("error-detail-csrf")));

    // The vocabularies' labels follow Accept-Language; codes do not change.
    let themes = |lang: Option<&'static str>| {
        let mut req = http().get(leeds.url("/api/v1/themes"));
        if let Some(lang) = lang {
            req = req.header("accept-language", lang);
        }
        async move { req.send().await.unwrap() }
    };
    let res = themes(None).await;
    assert_eq!(res.headers()["content-language"], "en");
    let english: Value = res.json().await.unwrap();
    crate::support::conforms::assert_conforms("Items_Theme", &english);
    let res = themes(Some("pl-PL,pl;q=0.9")).await;
    assert_eq!(res.headers()["content-language"], "pl");
    assert_eq!(res.headers()["vary"], "Accept-Language");
    let polish: Value = res.json().await.unwrap();
    for (en, pl) in english["items"].as_array().unwrap().iter().zip(polish["items"].as_array().unwrap()) {
        assert_eq!(en["code"], pl["code"]);
        assert_ne!(en["label"], pl["label"], "{pl}");
        assert_eq!(pl["label"].as_str().unwrap(), Lang::Pl.theme(pl["code"].as_str().unwrap()));
    }
    let regions: Value = http()
        .get(leeds.url("/api/v1/regions"))
        .header("accept-language", "fi")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let lapland = regions["items"].as_array().unwrap().iter().find(|r| r["code"] == "lapland").unwrap();
    assert_eq!(lapland["name"], "Lappi");
    let regions: Value = http().get(leeds.url("/api/v1/regions")).send().await.unwrap().json().await.unwrap();
    let lapland = regions["items"].as_array().unwrap().iter().find(|r| r["code"] == "lapland").unwrap();
    assert_eq!(lapland["name"], "Lapland", "without a language asked for, the configured names");
}

#[tokio::test]
async fn dates_amounts_and_plurals_follow_the_reader_s_locale_and_no_english_is_left_in_polish() {
    let mazovia = TestNode::start_with(Backend::Sqlite, "mazovia", &[]).await;
    let client = mazovia.client();
    let mut ids = Vec::new();
    for (i, title) in
        ["Robotyka w odlewni", "Robotyka spawalnicza", "Robotyka spawalnicza II", "Robotyka", "Robotyka V"]
            .iter()
            .enumerate()
    {
        let mut c = polish(title);
        c["keywords"] = json!([format!("słowo{i}")]);
        let res = client.post("/api/v1/case-studies", Some(&mazovia.editor), &published(c)).await;
        ids.push(res.expect(201).json()["id"].as_str().unwrap().to_string());
    }
    search_until(&mazovia, "q=robotyka", |r| r["total"] == 5).await;

    // Polish plural forms: 1 wynik, 2 wyniki, 5 wyników.
    for (q, said) in [("robotyka", "5 wyników"), ("spawalnicza", "2 wyniki"), ("odlewni", "1 wynik")] {
        let (_, _, html) = page(&mazovia, &format!("/?q={q}"), &[]).await;
        let heading = html.split("id=\"results-heading\">").nth(1).unwrap().split('<').next().unwrap();
        assert!(heading.starts_with(said), "{q}: {heading}");
    }

    // A record's dates and budget in three locales (and English).
    let record = format!("/records/{}?origin=mazovia", ids[0]);
    for (lang, date, budget) in [
        ("pl", "1 marca 2021", "310\u{a0}000\u{a0}€"),
        ("it", "1 marzo 2021", "310.000\u{a0}€"),
        ("fi", "1. maaliskuuta 2021", "310\u{a0}000\u{a0}€"),
        ("en", "1 March 2021", "€310,000"),
    ] {
        let (status, _, html) = page(&mazovia, &format!("{record}&lang={lang}"), &[]).await;
        assert_eq!(status, 200);
        assert!(html.contains(date) && html.contains(budget), "{lang}: {date}, {budget} in {html}");
        assert!(!html.contains("T00:00") && !html.contains("EUR"), "{lang}: no raw timestamp or code");
    }

    // Every page an officer meets, in Polish, holds none of the English source phrases.
    let english = english_phrases("pl");
    assert!(english.len() > 150, "the check has the English phrases to look for ({})", english.len());
    let sign_in = http().get(mazovia.url("/sign-in")).send().await.unwrap();
    let csrf_cookie = sign_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("smarty_csrf="))
        .unwrap();
    let signed_in = format!("{csrf_cookie}; smarty_token={}", mazovia.editor);
    let mut pages: Vec<(String, String)> = Vec::new();
    for path in [
        "/",
        "/?q=robotyka&theme=predictive-maintenance&year_from=2020",
        "/?q=nicniepasuje",
        "/?q=robotyka&year_from=w-zeszlym-roku",
        "/regions",
        "/transfers",
        "/sign-in",
        "/no-such-page",
        &record,
        &format!("/records/{}", uuid::Uuid::now_v7()),
    ] {
        let (_, _, html) = page(&mazovia, path, &[]).await;
        pages.push((path.to_string(), html));
    }
    for path in ["/manage", "/manage/new?kind=case_study", "/manage/new?kind=policy_instrument", "/?q=robotyka"] {
        let (_, _, html) = page(&mazovia, path, &[("cookie", &signed_in)]).await;
        pages.push((format!("{path} (signed in)"), html));
    }
    // A form sent with mistakes: its messages are Polish too.
    let (_, _, form) = page(&mazovia, "/manage/new?kind=case_study", &[("cookie", &signed_in)]).await;
    let res = http()
        .post(mazovia.url("/manage/new"))
        .header("cookie", &signed_in)
        .header("origin", mazovia.url("").trim_end_matches('/'))
        .form(&[
            ("csrf", form_csrf(&form).as_str()),
            ("kind", "case_study"),
            ("status", "published"),
            ("title", " "),
            ("summary", "Krótko."),
            ("language", "pl"),
            ("location.nuts", "mazowsze"),
            ("period.start", "2021-03-01"),
            ("period.end", "2020-01-01"),
            ("links", "nie-adres"),
            ("budget.amount", "dużo"),
            ("budget.currency", "złote"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let html = res.text().await.unwrap();
    assert!(html.contains("error-summary"), "{html}");
    pages.push(("/manage/new (with mistakes)".into(), html));
    for (path, html) in &pages {
        assert_eq!(html_lang(html), "pl", "{path}");
        let text = readable(html);
        let left: Vec<&String> = english.iter().filter(|e| has_phrase(&text, e)).collect();
        assert!(left.is_empty(), "{path}: English left in the Polish page: {left:?}\n{text}");
    }

    // The CSV export's header row in the reader's language; field names without `lang`.
    let csv = |lang: &str| {
        let url = mazovia.url(&format!("/api/v1/catalogue/export?format=csv{lang}"));
        async move { http().get(url).send().await.unwrap().text().await.unwrap() }
    };
    let plain = csv("").await;
    assert!(plain.trim_start_matches('\u{feff}').starts_with("id,kind,origin,origin_name,title"), "{plain}");
    let localised = csv("&lang=pl").await;
    let header = localised.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(header.starts_with("id,") && header.contains(&Lang::Pl.t("csv-title")), "{header}");
    assert_eq!(plain.lines().count(), localised.lines().count(), "the same rows");
    let res = http().get(mazovia.url("/api/v1/catalogue/export?format=csv&lang=xx")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_first_result_is_on_the_first_screen_and_every_language_is_accessible() {
    let node = TestNode::start(Backend::Sqlite).await;
    let client = node.client();
    for title in ["Sensor retrofits for mills", "Digital twins for foundries", "Shared logistics for SMEs"] {
        client.post("/api/v1/case-studies", Some(&node.editor), &published(case_study(title))).await.expect(201);
    }
    search_until(&node, "", |r| r["total"] == 3).await;
    let b = Browser::start().await;

    // A 390 px phone: the search box and the first result come before the filters, which
    // fold into a disclosure; the active ones are chips above the results.
    b.client.set_window_size(390, 844).await.unwrap();
    b.client.goto(&node.url("/?theme=predictive-maintenance&lang=pl")).await.unwrap();
    let first =
        b.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(".results .card")).await.unwrap();
    let (_, top, _, height) = first.rectangle().await.unwrap();
    let screen: f64 = b.client.execute("return window.innerHeight", vec![]).await.unwrap().as_f64().unwrap();
    b.screenshot("search-390-pl").await;
    assert!(top + height.min(80.0) <= screen, "the first result starts at {top} px, below the {screen} px screen");
    assert!(!b.client.find(Locator::Id("f-origin-leeds")).await.unwrap().is_displayed().await.unwrap());
    let summary = b.client.find(Locator::Css("details.filters-narrow > summary")).await.unwrap();
    assert!(summary.is_displayed().await.unwrap());
    let narrow = b.client.find(Locator::Id("n-f-origin-leeds")).await.unwrap();
    assert!(!narrow.is_displayed().await.unwrap(), "folded until asked for");
    summary.click().await.unwrap();
    assert!(narrow.is_displayed().await.unwrap());
    let chip = b.client.find(Locator::Css(".chips a")).await.unwrap();
    assert_eq!(chip.text().await.unwrap().trim_end_matches('×').trim(), Lang::Pl.theme("predictive-maintenance"));
    assert_eq!(chip.attr("href").await.unwrap().as_deref(), Some("/?"), "the search without that filter");
    assert_accessible(&b, "search at 390 px").await;

    // Every language, on a wide screen: the search page and a record page.
    b.client.set_window_size(1280, 1400).await.unwrap();
    let hit = search_until(&node, "q=twins", |r| r["total"] == 1).await;
    let record = format!("/records/{}?origin=leeds", hit["hits"][0]["id"].as_str().unwrap());
    for lang in Lang::ALL {
        for path in ["/?q=sensor", record.as_str()] {
            let sep = if path.contains('?') { '&' } else { '?' };
            b.client.goto(&node.url(&format!("{path}{sep}lang={}", lang.code()))).await.unwrap();
            let html_lang = b.client.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap();
            assert_eq!(html_lang.as_deref(), Some(lang.code()));
            assert_accessible(&b, &format!("{path} in {}", lang.code())).await;
        }
    }
}

async fn assert_accessible(b: &Browser, page: &str) {
    let violations = b.accessibility_violations().await;
    assert!(violations.is_empty(), "{page}: serious or critical accessibility violations:\n{}", violations.join("\n"));
}
