//! The officers' web pages, in a real browser (headless Chromium), and their security.

use crate::support::browser::Browser;
use crate::support::peer::pin;
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::{Backend, TestNode, search_until};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::json;
use std::time::{Duration, Instant};

/// Clicks and waits (bounded) until the browser is at a URL containing `expect`.
async fn click_to(b: &Browser, locator: Locator<'_>, expect: &str) {
    let before = b.client.current_url().await.unwrap();
    b.client.find(locator).await.unwrap().click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = b.client.current_url().await.unwrap();
        let state = b.client.execute("return document.readyState", vec![]).await.unwrap();
        if (now != before || expect.is_empty()) && now.as_str().contains(expect) && state == "complete" {
            return;
        }
        assert!(Instant::now() < deadline, "never got to {expect} (at {now})");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn text_of(b: &Browser, css: &str) -> String {
    match b.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await {
        Ok(e) => e.text().await.unwrap(),
        Err(e) => {
            let url = b.client.current_url().await.unwrap();
            let source = b.client.source().await.unwrap();
            panic!("{css} not found on {url}: {e}\n{}", &source[..source.len().min(3000)])
        }
    }
}

async fn assert_accessible(b: &Browser, page: &str) {
    let violations = b.accessibility_violations().await;
    assert!(violations.is_empty(), "{page}: serious or critical accessibility violations:\n{}", violations.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_searches_filters_pages_and_reads() {
    let leeds = TestNode::start(Backend::Sqlite).await;
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&leeds, &tuscany, true);
    pin(&tuscany, &leeds, false);
    let mut prato = case_study("Telai intelligenti nel distretto di Prato");
    prato["language"] = json!("it");
    prato["summary"] = json!("Sensori su quaranta telai <b>tessili</b> & manutenzione predittiva.");
    prato["translations"] =
        json!({"en": {"title": "Smart looms in the Prato district", "summary": "Sensors on forty looms."}});
    let instrument = tuscany
        .client()
        .post("/api/v1/policy-instruments", Some(&tuscany.editor), &published(policy_instrument("Programma FESR")))
        .await
        .json();
    prato["policy_instruments"] = json!([instrument["id"]]);
    tuscany.client().post("/api/v1/case-studies", Some(&tuscany.editor), &published(prato)).await.expect(201);
    for i in 0..12 {
        let body = published(case_study(&format!("Leeds practice {i:02}")));
        leeds.client().post("/api/v1/case-studies", Some(&leeds.editor), &body).await.expect(201);
    }
    assert!(leeds.smarty_async(&["sync"]).await.status.success());
    search_until(&leeds, "limit=1", |r| r["total"] == 14).await;

    let b = Browser::start().await;
    b.client.goto(&leeds.url("/")).await.unwrap();
    assert!(b.client.find(Locator::Css("title")).await.is_ok());
    // Keyboard: the first Tab stop is the skip link, the second the search box.
    let tab = || {
        KeyActions::new("keys".into())
            .then(KeyAction::Down { value: '\u{E004}' })
            .then(KeyAction::Up { value: '\u{E004}' })
    };
    b.client.perform_actions(tab()).await.unwrap();
    assert_eq!(b.client.active_element().await.unwrap().attr("class").await.unwrap().as_deref(), Some("skip"));
    b.client.perform_actions(tab()).await.unwrap();
    assert_eq!(b.client.active_element().await.unwrap().attr("id").await.unwrap().as_deref(), Some("site-q"));
    assert_accessible(&b, "search").await;

    // Search for another region's practice and open it.
    let search_box = b.client.find(Locator::Id("site-q")).await.unwrap();
    search_box.send_keys("telai").await.unwrap();
    click_to(&b, Locator::Css("form.search button"), "q=telai").await;
    assert!(text_of(&b, "#results-heading").await.starts_with("1 result"));
    let snippet = b.client.find(Locator::Css(".results p[lang=it]")).await.unwrap();
    assert!(snippet.html(false).await.unwrap().contains("<mark>"), "matches are marked");
    assert!(b.client.current_url().await.unwrap().as_str().contains("q=telai"), "the search has its own URL");
    b.screenshot("search").await;
    click_to(&b, Locator::LinkText("Telai intelligenti nel distretto di Prato"), "/records/").await;
    let heading = b.client.find(Locator::Css("h1")).await.unwrap();
    assert_eq!(heading.text().await.unwrap(), "Telai intelligenti nel distretto di Prato");
    assert_eq!(heading.attr("lang").await.unwrap().as_deref(), Some("it"));
    let english = text_of(&b, "aside.translation").await;
    assert!(english.contains("Smart looms in the Prato district"));
    let page = b.client.source().await.unwrap();
    assert!(page.contains("&lt;b&gt;tessili&lt;/b&gt; &amp;"), "record text is escaped");
    assert!(page.contains("Last received from its origin") && page.contains("Tuscany"));
    assert!(!page.contains("r.okafor@example.org"), "no contact on a public page");
    b.client.find(Locator::LinkText("Programma FESR")).await.unwrap();
    b.screenshot("record").await;
    assert_accessible(&b, "record").await;

    // A facet changes the counts; its URL is bookmarkable.
    b.client.goto(&leeds.url("/")).await.unwrap();
    assert!(text_of(&b, "#results-heading").await.starts_with("14 results"));
    b.client.find(Locator::Id("f-origin-tuscany")).await.unwrap().click().await.unwrap();
    click_to(&b, Locator::Css("form.facets button[type=submit]"), "origin=tuscany").await;
    assert!(text_of(&b, "#results-heading").await.starts_with("2 results"));
    assert!(b.client.current_url().await.unwrap().as_str().contains("origin=tuscany"));
    assert_eq!(
        b.client.find(Locator::Id("f-origin-leeds")).await.unwrap().prop("checked").await.unwrap().as_deref(),
        Some("false")
    );
    let kind_counts = text_of(&b, "form.facets").await.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(kind_counts.contains("Case study 1") && kind_counts.contains("Policy instrument 1"), "{kind_counts}");

    // Page through the results.
    b.client.goto(&leeds.url("/?sort=updated")).await.unwrap();
    let first_page = text_of(&b, ".results").await;
    click_to(&b, Locator::LinkText("Next page"), "offset=10").await;
    let second_page = text_of(&b, ".results").await;
    assert!(text_of(&b, "#results-heading").await.contains("showing 11 to 14"));
    assert_ne!(first_page, second_page);
    click_to(&b, Locator::LinkText("Previous page"), "sort=updated").await;
    assert_eq!(text_of(&b, ".results").await, first_page);

    b.client.goto(&leeds.url("/regions")).await.unwrap();
    let regions = text_of(&b, "table").await.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(regions.contains("Tuscany Italy 2"), "{regions}");
    assert_accessible(&b, "regions").await;
    b.client.goto(&leeds.url("/transfers")).await.unwrap();
    assert!(text_of(&b, "table caption").await.contains("Actions inspired"));
    assert_accessible(&b, "transfers").await;
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_signs_in_fixes_a_mistake_and_publishes() {
    let node = TestNode::start(Backend::Sqlite).await;
    let b = Browser::start().await;
    b.client.goto(&node.url("/sign-in")).await.unwrap();
    assert_accessible(&b, "sign-in").await;
    b.client.find(Locator::Id("token")).await.unwrap().send_keys("smt_wrong").await.unwrap();
    b.client.find(Locator::Css("main form button")).await.unwrap().click().await.unwrap();
    b.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Id("token-error")).await.unwrap();
    assert!(text_of(&b, "#token-error").await.contains("not known here"));
    b.client.find(Locator::Id("token")).await.unwrap().send_keys(&node.editor).await.unwrap();
    click_to(&b, Locator::Css("main form button"), "/manage").await;
    click_to(&b, Locator::LinkText("New case study"), "/manage/new").await;
    assert_accessible(&b, "new record form").await;
    let fill = |id: &'static str, value: &'static str| {
        let client = b.client.clone();
        async move {
            let field = client.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("{id}: {e}"));
            field.clear().await.unwrap();
            field.send_keys(value).await.unwrap();
        }
    };
    fill("f-title", "Shared 3D printing for Bradford engineering").await;
    fill("f-summary", "A shared additive manufacturing cell for small engineering firms.").await;
    fill("f-description", "Bradford College runs the cell; firms book hours online.").await;
    fill("f-main_institution", "Bradford College").await;
    fill("f-location-name", "Bradford").await;
    fill("f-location-nuts", "bradford").await; // not a NUTS code
    b.client.execute("document.getElementById('f-period-start').value = '2023-04-01';", vec![]).await.unwrap();
    b.client.find(Locator::Css("input[name=themes][value=vr-simulation]")).await.unwrap().click().await.unwrap();
    b.client.find(Locator::Css("main form.record-form > button")).await.unwrap().click().await.unwrap();

    // The message stands beside the field; the values are kept.
    let message = text_of(&b, "#f-location-nuts-error").await;
    assert!(message.contains("NUTS"), "{message}");
    let nuts = b.client.find(Locator::Id("f-location-nuts")).await.unwrap();
    assert_eq!(nuts.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    assert_eq!(nuts.attr("aria-describedby").await.unwrap().as_deref(), Some("f-location-nuts-error"));
    assert_eq!(
        b.client.find(Locator::Id("f-title")).await.unwrap().prop("value").await.unwrap().as_deref(),
        Some("Shared 3D printing for Bradford engineering")
    );
    assert!(text_of(&b, ".error-summary").await.contains("NUTS code of the location"));
    b.screenshot("form-error").await;
    assert_accessible(&b, "form with errors").await;
    assert_eq!(node.get("/api/v1/case-studies", Some(&node.editor)).await.json()["items"], json!([]), "nothing saved");

    fill("f-location-nuts", "UKE41").await;
    let status = b.client.find(Locator::Id("f-status")).await.unwrap();
    status.select_by_value("published").await.unwrap();
    b.client.find(Locator::Css("main form.record-form > button")).await.unwrap().click().await.unwrap();
    assert!(text_of(&b, ".notice").await.contains("Saved"));

    // Found in the catalogue, from the search box.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        b.client.goto(&node.url("/?q=additive+bradford")).await.unwrap();
        if text_of(&b, "#results-heading").await.starts_with("1 result") {
            break;
        }
        assert!(Instant::now() < deadline, "the new record never appeared in search");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    b.client
        .find(Locator::LinkText("Shared 3D printing for Bradford engineering"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.client.find(Locator::LinkText("Edit this record")).await.unwrap();
    b.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn forms_need_their_csrf_token_and_pages_send_security_headers() {
    let node = TestNode::start(Backend::Sqlite).await;
    let c = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = c.get(node.url("/")).send().await.unwrap();
    let headers = page.headers().clone();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("referrer-policy"));
    let cookie = headers["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let csrf = cookie.split(';').next().unwrap().to_string();
    let cookie_value = csrf.split_once('=').unwrap().1.to_string();
    // The form's value is the server's HMAC of the cookie's, read from a page's form.
    let sign_in = c.get(node.url("/sign-in")).header("cookie", &csrf).send().await.unwrap().text().await.unwrap();
    let csrf_value = form_csrf(&sign_in);
    assert_ne!(csrf_value, cookie_value, "the form value is bound to the cookie, not equal to it");

    // Signed in, but posting without the CSRF token (or with another) changes nothing.
    let session = format!("{csrf}; smarty_token={}", node.editor);
    let form = [
        ("kind", "policy_instrument"),
        ("status", "published"),
        ("name", "Forged"),
        ("description", "d"),
        ("instrument_type", "law"),
        ("managing_authority", "m"),
        ("territory", "UKE4"),
        ("period.start", "2020-01-01"),
        ("language", "en"),
    ];
    // Double submission of the cookie's own value (the old scheme) is refused too: a value
    // planted in the cookie is useless without the server's key.
    for token in [None, Some("not-the-cookie-value-but-long-enough-0000000"), Some(cookie_value.as_str())] {
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        if let Some(t) = token {
            fields.push(("csrf", t));
        }
        let res = c.post(node.url("/manage/new")).header("cookie", &session).form(&fields).send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    assert_eq!(node.get("/api/v1/policy-instruments", Some(&node.editor)).await.json()["items"], json!([]));
    // With it, the same post is saved.
    let mut fields: Vec<(&str, &str)> = form.to_vec();
    fields.push(("csrf", &csrf_value));
    let res = c.post(node.url("/manage/new")).header("cookie", &session).form(&fields).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(node.get("/api/v1/policy-instruments", None).await.json()["items"].as_array().unwrap().len(), 1);
    // Sign-in is protected the same way, and pages for editors send others to sign in.
    let res = c.post(node.url("/sign-in")).form(&[("token", node.editor.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res = c.get(node.url("/manage")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/sign-in");
    // Drafts are not shown to the public.
    let draft = node
        .client()
        .post("/api/v1/case-studies", Some(&node.editor), &json!({"content": case_study("Secret draft")}))
        .await
        .json();
    let res = c.get(node.url(&format!("/records/{}", draft["id"].as_str().unwrap()))).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let res = c
        .get(node.url(&format!("/records/{}", draft["id"].as_str().unwrap())))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let css = c.get(node.url("/static/app.css")).send().await.unwrap();
    assert!(css.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
}

/// The value of a page's hidden `csrf` field.
pub fn form_csrf(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a form with a csrf field") + "name=\"csrf\" value=\"".len();
    html[at..].split('"').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_browser_runs_under_its_content_security_policy() {
    let node = TestNode::start(Backend::Sqlite).await;
    let b = Browser::start().await;
    b.client.goto(&node.url("/docs/")).await.unwrap();
    // Swagger UI draws the document's title with its scripts, from /openapi.json: if the CSP
    // blocked its scripts, its styles or its fetch of the contract, the title never appears.
    let title = text_of(&b, ".swagger-ui .info .title").await;
    assert!(title.contains("Smarty Exchange node API"), "{title}");
    let operations = b.client.find_all(Locator::Css(".opblock")).await.unwrap();
    assert!(operations.len() >= 20, "only {} operations drawn", operations.len());
    b.screenshot("api-browser").await;
    b.client.clone().close().await.unwrap();
}
