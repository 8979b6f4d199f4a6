//! The node holds at its edges: drafts never leak through side doors, one read policy for
//! every page, private files, error bodies without internals, neutralised CSV, CSRF bound to
//! the session, security headers everywhere, request budgets and slow-client deadlines.

use crate::pages::form_csrf;
use crate::plans::plan;
use crate::support::peer::{Identity, pin};
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::{Backend, TestNode, search_until};
use serde_json::{Value, json};
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

async fn create(node: &TestNode, path: &str, body: &Value) -> String {
    let res = node.client().post(path, Some(&node.editor), body).await;
    res.expect(201);
    res.json()["id"].as_str().unwrap().to_string()
}

async fn put(node: &TestNode, path: &str, version: i64, body: &Value) {
    node.client().put(path, Some(&node.editor), Some(&format!("\"{version}\"")), body).await.expect(200);
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn page(node: &TestNode, path: &str) -> (u16, String) {
    let res = http().get(node.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_never_leak_through_references_or_citations() {
    let node = TestNode::start(Backend::Sqlite).await;
    // A published record may not name this region's draft.
    let instrument =
        create(&node, "/api/v1/policy-instruments", &json!({"content": policy_instrument("Secret draft scheme")}))
            .await;
    let mut practice = case_study("Sensor retrofits");
    practice["policy_instruments"] = json!([instrument]);
    let res = node.client().post("/api/v1/case-studies", Some(&node.editor), &published(practice.clone())).await;
    assert_eq!(res.field_errors(), vec!["content.policy_instruments[0]"]);
    assert!(res.text.contains("publish it first"), "{}", res.text);
    // As a draft it may; and once the instrument is published, so may the published practice.
    let practice_id = create(&node, "/api/v1/case-studies", &json!({"content": practice.clone()})).await;
    put(&node, &format!("/api/v1/policy-instruments/{instrument}"), 1, &published(policy_instrument("Open scheme")))
        .await;
    put(&node, &format!("/api/v1/case-studies/{practice_id}"), 1, &published(practice)).await;
    let (status, html) = page(&node, &format!("/records/{practice_id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Open scheme"), "the published instrument is listed");
    // Back to draft with a new name: the practice's page no longer names it.
    let draft = json!({"status": "draft", "content": policy_instrument("Renamed secret scheme")});
    put(&node, &format!("/api/v1/policy-instruments/{instrument}"), 2, &draft).await;
    let (_, html) = page(&node, &format!("/records/{practice_id}")).await;
    assert!(!html.contains("Renamed secret scheme") && !html.contains("Open scheme"), "draft reference leaked");

    // A cited practice turned back to draft with a new title: the plan shows no title of it.
    let scheme = create(&node, "/api/v1/policy-instruments", &published(policy_instrument("ERDF"))).await;
    let cited = create(&node, "/api/v1/case-studies", &published(case_study("Cited practice"))).await;
    let plan_id = create(&node, "/api/v1/action-plans", &published(plan(&scheme, &[&[&cited]]))).await;
    put(
        &node,
        &format!("/api/v1/case-studies/{cited}"),
        1,
        &json!({"status": "draft", "content": case_study("Draft title")}),
    )
    .await;
    let record = node.get(&format!("/api/v1/catalogue/records/{plan_id}"), None).await;
    record.expect(200);
    let citation = &record.json()["content"]["actions"][0]["citations"][0];
    assert_eq!(citation["id"], cited.as_str());
    assert_ne!(citation["status"], "available");
    assert!(!record.text.contains("Draft title") && !record.text.contains("Cited practice"), "{}", record.text);
    let (_, html) = page(&node, &format!("/records/{plan_id}")).await;
    assert!(!html.contains("Draft title"), "the plan's page shows the draft's title");
    node.get(&format!("/api/v1/catalogue/records/{cited}"), None).await.expect(404);
    // Publishing it again is fine: the citation is available again.
    let again = published(case_study("Cited practice, again"));
    put(&node, &format!("/api/v1/case-studies/{cited}"), 2, &again).await;
    let record = node.get(&format!("/api/v1/catalogue/records/{plan_id}"), None).await.json();
    assert_eq!(record["content"]["actions"][0]["citations"][0]["status"], "available");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn index_lag_never_serves_a_draft_byte() {
    let node = TestNode::start(Backend::Sqlite).await;
    let mut content = case_study("Zebra looms");
    content["summary"] = json!("Published words about zebra looms.");
    let id = create(&node, "/api/v1/case-studies", &published(content.clone())).await;
    let path = format!("/api/v1/case-studies/{id}");
    let mut version = 1;
    for round in 0..8 {
        search_until(&node, "q=zebra", |b| b["total"] == 1).await;
        // Back to draft with secret text, then read at once, before the indexer has caught up.
        let mut draft = content.clone();
        draft["summary"] = json!(format!("DRAFTSECRET{round} zebra"));
        draft["description"] = json!(format!("DRAFTSECRET{round} zebra description"));
        put(&node, &path, version, &json!({"status": "draft", "content": draft})).await;
        version += 1;
        let anonymous = http();
        let reads = [
            "/api/v1/catalogue/search?q=zebra".to_string(),
            "/api/v1/catalogue/export?format=csv&q=zebra".to_string(),
            "/api/v1/catalogue/export?format=json&q=zebra".to_string(),
            "/?q=zebra".to_string(),
        ];
        for read in &reads {
            let body = anonymous.get(node.url(read)).send().await.unwrap().text().await.unwrap();
            assert!(!body.contains("DRAFTSECRET"), "round {round}: {read} served draft text: {body}");
        }
        put(&node, &path, version, &published(content.clone())).await;
        version += 1;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_public_reads_every_page_asks_to_sign_in() {
    let node = TestNode::start_configured(Backend::Sqlite, "leeds", &[], "public_read = false").await;
    let id = create(&node, "/api/v1/case-studies", &published(case_study("Members only"))).await;
    for path in ["/", "/regions", "/transfers", "/?q=members"] {
        let (status, body) = page(&node, path).await;
        assert_eq!(status, 303, "{path} is readable without signing in: {body}");
    }
    let (status, body) = page(&node, &format!("/records/{id}")).await;
    assert_eq!(status, 404);
    assert!(!body.contains("Members only"));
    for path in ["/api/v1/catalogue/transfers", "/api/v1/catalogue/search"] {
        node.get(path, None).await.expect_problem(401, "unauthorized");
    }
    // Signed in, the same pages are there.
    let cookie = format!("smarty_token={}", node.editor);
    for path in ["/", "/regions", "/transfers", &format!("/records/{id}")] {
        let res = http().get(node.url(path)).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
    }
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file under `dir` is 0600 and every folder 0700.
fn assert_private(dir: &std::path::Path) {
    assert_eq!(mode(dir), 0o700, "{}", dir.display());
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            assert_private(&path);
        } else {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_files_are_private_whatever_the_umask() {
    // The usual umask of a login shell; the node must not depend on it.
    unsafe { libc::umask(0o022) };
    let mut node = TestNode::start(Backend::Sqlite).await;
    create(&node, "/api/v1/case-studies", &published(case_study("Mode check"))).await;
    search_until(&node, "q=mode", |b| b["total"] == 1).await;
    assert!(node.dir.path().join("smarty.db-wal").exists() && node.dir.path().join("index").is_dir());
    assert_private(node.dir.path());

    // Loosened by hand, tightened again when the node starts.
    node.stop();
    std::fs::set_permissions(node.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&node.config, std::fs::Permissions::from_mode(0o644)).unwrap();
    node.start_again();
    assert_private(node.dir.path());

    // `init` into an existing, open folder says it tightened it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().to_str().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let recovery = recovery.path().join("recovery.key");
    let out = crate::support::node::cli(&[
        "init",
        "--region",
        "leeds",
        "--data-dir",
        data,
        "--listen",
        "127.0.0.1:0",
        "--recovery-key",
        recovery.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tightened"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_private(dir.path());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_bodies_name_no_internals() {
    let node = TestNode::start(Backend::Postgres).await;
    node.get("/readyz", None).await.expect(200);
    crate::support::postgres::drop_database(&node.database_url);
    let name = node.database_url.rsplit('/').next().unwrap().to_string();
    let (ready, list) = tokio::join!(node.get("/readyz", None), node.get("/api/v1/case-studies", Some(&node.editor)));
    for res in [ready, list] {
        let problem = res.expect_problem(503, "unavailable");
        let text = res.text.to_lowercase();
        for internal in [name.as_str(), "fatal", "postgres", "127.0.0.1", "connection", "r2d2"] {
            assert!(!text.contains(internal), "the body names {internal:?}: {problem}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_cells_are_neutralised_and_the_file_has_a_bom() {
    let node = TestNode::start(Backend::Sqlite).await;
    let mut content = case_study("=HYPERLINK(\"http://evil.example\",\"Click\")");
    content["summary"] = json!("+SUM(A1:A9) Łódź, Catalunya, Ljubljana: čšž");
    create(&node, "/api/v1/case-studies", &published(content)).await;
    let mut second = case_study("@cmd Zażółć gęślą jaźń");
    second["summary"] = json!("-2+3 plain");
    create(&node, "/api/v1/case-studies", &published(second)).await;
    search_until(&node, "", |b| b["total"] == 2).await;
    let bytes =
        http().get(node.url("/api/v1/catalogue/export?format=csv")).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "no UTF-8 byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells: Vec<String> =
        rows.iter().flat_map(|r| [r[col("title")].to_string(), r[col("summary")].to_string()]).collect();
    for formula in ["=HYPERLINK", "+SUM", "@cmd", "-2+3"] {
        let cell = cells.iter().find(|c| c.contains(formula)).unwrap();
        assert!(cell.starts_with('\''), "{cell:?} would run as a formula");
    }
    assert!(cells.iter().any(|c| c.contains("Zażółć gęślą jaźń")), "letters lost: {cells:?}");
    assert!(cells.iter().any(|c| c.contains("čšž")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_from_another_site_are_refused() {
    let node = TestNode::start(Backend::Sqlite).await;
    let c = http();
    let first = c.get(node.url("/sign-in")).send().await.unwrap();
    let cookie = first.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let csrf = form_csrf(&first.text().await.unwrap());
    let sign_in = |headers: Vec<(&'static str, &'static str)>| {
        let mut req = c.post(node.url("/sign-in")).header("cookie", &cookie);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        req.form(&[("csrf", csrf.as_str()), ("token", node.editor.as_str())]).send()
    };
    assert_eq!(sign_in(vec![("origin", "http://evil.example")]).await.unwrap().status(), 403);
    assert_eq!(sign_in(vec![("sec-fetch-site", "cross-site")]).await.unwrap().status(), 403);
    // The same post from this site signs in.
    let ok = sign_in(vec![("sec-fetch-site", "same-origin")]).await.unwrap();
    assert_eq!(ok.status(), 303);
    // A CSRF value made for another browser's cookie is refused.
    let other = c.get(node.url("/sign-in")).send().await.unwrap();
    let other_csrf = form_csrf(&other.text().await.unwrap());
    let res = c
        .post(node.url("/sign-in"))
        .header("cookie", &cookie)
        .form(&[("csrf", other_csrf.as_str()), ("token", node.editor.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_on_every_response_and_docs_can_be_turned_off() {
    let node = TestNode::start(Backend::Sqlite).await;
    let c = http();
    for path in ["/api/v1/case-studies", "/openapi.json", "/docs/", "/nope", "/healthz"] {
        let res = c.get(node.url(path)).send().await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        if path == "/docs/" {
            assert_eq!(res.status(), 200);
            assert!(csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe"), "{csp}");
            // Its own assets are all served from here: no inline script in the page.
            let html = res.text().await.unwrap();
            assert!(!html.contains("<script>"), "an inline script the CSP would block");
        }
    }
    let off = TestNode::start_configured(Backend::Sqlite, "leeds", &[], "docs = false").await;
    assert_eq!(c.get(off.url("/docs/")).send().await.unwrap().status(), 404);
    let doc = c.get(off.url("/openapi.json")).send().await.unwrap();
    assert_eq!(doc.status(), 200);
    let served: Value = doc.json().await.unwrap();
    assert_eq!(served, serde_json::from_str::<Value>(crate::openapi::COMMITTED).unwrap());
}

const TIGHT: &str = "[limits]\nsign_in = { per_minute = 1, burst = 5 }\nauth_failures = { per_minute = 1, burst = 8 }\n\
                     search = { per_minute = 1, burst = 15 }\nfederation = { per_minute = 1, burst = 4 }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abuse_is_throttled_and_valid_credentials_keep_their_own_budget() {
    let node = TestNode::start_configured(Backend::Sqlite, "leeds", &[], TIGHT).await;
    let peer = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&node, &peer, false);
    let c = http();

    // Wrong sign-ins: refused, then throttled with Retry-After.
    let first = c.get(node.url("/sign-in")).send().await.unwrap();
    let cookie = first.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let csrf = form_csrf(&first.text().await.unwrap());
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let res = c
            .post(node.url("/sign-in"))
            .header("cookie", &cookie)
            .form(&[("csrf", csrf.as_str()), ("token", "wrong-token")])
            .send()
            .await
            .unwrap();
        if res.status() == 429 {
            let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
            assert!(retry >= 1);
            assert_eq!(res.headers()["content-type"], "application/problem+json");
        }
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses[..5], [401; 5], "{statuses:?}");
    assert_eq!(statuses[5..], [429; 2], "{statuses:?}");

    // Anonymous searches: the burst, then 429; a partner system with a token is unaffected.
    let mut throttled = None;
    for i in 0..20 {
        let res = node.get("/api/v1/catalogue/search?q=x", None).await;
        if res.status == 429 {
            throttled = Some(i);
            let body = res.expect_problem(429, "too-many-requests");
            assert!(res.header("retry-after").is_some(), "{body}");
            break;
        }
        res.expect(200);
    }
    assert_eq!(throttled, Some(15), "the search budget is 15");
    node.get("/api/v1/catalogue/search?q=x", Some(&node.reader)).await.expect(200);

    // Anonymous hammering of the federation routes does not stop a valid peer.
    let feed = "/federation/v1/changes";
    let mut codes = Vec::new();
    for _ in 0..10 {
        codes.push(node.get(feed, Some("not-a-jwt")).await.status);
    }
    assert!(codes.contains(&429), "{codes:?}");
    let me = Identity::of(&peer);
    for _ in 0..3 {
        node.get(feed, Some(&me.token(&node, feed))).await.expect(200);
    }
    // Refused API tokens are budgeted by address too.
    let mut codes = Vec::new();
    for _ in 0..10 {
        codes.push(node.get("/api/v1/peers", Some("wrong-token")).await.status);
    }
    assert!(codes.contains(&429), "{codes:?}");
    node.get("/api/v1/peers", Some(&node.admin)).await.expect(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_body_is_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let node = TestNode::start_configured(Backend::Sqlite, "leeds", &[], "[limits]\nrequest_timeout_secs = 2").await;
    let addr = node.base.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/v1/case-studies HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n",
        node.editor
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (mut read, mut write) = socket.into_split();
    // One byte every half second, far slower than any real client.
    let trickle = tokio::spawn(async move {
        for _ in 0..40 {
            if write.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    });
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(15), read.read_to_end(&mut answer)).await;
    trickle.abort();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "the slow client held the connection for {took:?}");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_eq!(node.get("/api/v1/case-studies", Some(&node.editor)).await.json()["items"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_exports_are_capped_lower() {
    let node = TestNode::start_configured(Backend::Sqlite, "leeds", &[], "export_max_anonymous = 1").await;
    for title in ["First practice", "Second practice"] {
        create(&node, "/api/v1/case-studies", &published(case_study(title))).await;
    }
    search_until(&node, "", |b| b["total"] == 2).await;
    let res = node.get("/api/v1/catalogue/export?format=json", None).await;
    let problem = res.expect_problem(422, "unprocessable");
    assert!(problem["detail"].as_str().unwrap().contains("token"), "{problem}");
    let res = node.get("/api/v1/catalogue/export?format=json", Some(&node.reader)).await;
    res.expect(200);
    assert_eq!(res.json().as_array().unwrap().len(), 2);
}

/// A person's browser, as it asks for pages.
async fn browse(node: &TestNode, path: &str) -> (u16, String, String) {
    let res = http()
        .get(node.url(path))
        .header("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .send()
        .await
        .unwrap();
    let kind = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (res.status().as_u16(), kind, res.text().await.unwrap())
}

#[tokio::test]
async fn a_browser_gets_pages_for_tracking_links_mangled_links_and_errors() {
    let node = TestNode::start(Backend::Sqlite).await;
    create(&node, "/api/v1/case-studies", &published(case_study("Sensor retrofits for Huddersfield mills"))).await;
    search_until(&node, "q=retrofits", |r| r["total"] == 1).await;
    // A shared link with tracking parameters searches as if they were not there.
    let (status, kind, html) = browse(&node, "/?q=retrofits&utm_source=newsletter&fbclid=IwAR0x").await;
    assert_eq!((status, kind.starts_with("text/html")), (200, true), "{html}");
    assert!(html.contains("Sensor retrofits for Huddersfield mills"), "{html}");
    // A value the search cannot take is left out, and the page says which and why.
    let (status, _, html) = browse(&node, "/?q=retrofits&year_from=last-year&theme=nonsense").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("could not be used") && html.contains("year_from") && html.contains("theme"), "{html}");
    assert!(html.contains("Sensor retrofits for Huddersfield mills"), "the rest of the search still runs: {html}");
    // A mistyped address is a page with a way back; the API still answers machines.
    let (status, kind, html) = browse(&node, "/no-such-page").await;
    assert_eq!((status, kind.starts_with("text/html")), (404, true), "{html}");
    assert!(html.contains("Page not found") && html.contains("href=\"/\""), "{html}");
    let (status, kind, _) = browse(&node, "/api/v1/no-such-route").await;
    assert_eq!((status, kind.as_str()), (404, "application/problem+json"));
    let res = http().get(node.url("/no-such-page")).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/problem+json", "a client not asking for HTML");
    // A wrong method on a page's address, too.
    let res = http().delete(node.url("/regions")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 405);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(res.headers()["allow"], "GET, HEAD", "the status's own header is kept");
    assert_eq!(res.headers()["vary"], "Accept");
    assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    assert!(res.text().await.unwrap().contains("Not possible here"));
}

#[tokio::test]
async fn a_browser_over_its_budget_gets_a_page_that_says_when_to_come_back() {
    let node =
        TestNode::start_configured(Backend::Sqlite, "leeds", &[], "[limits.search]\nper_minute = 1\nburst = 1").await;
    let (status, _, _) = browse(&node, "/").await;
    assert_eq!(status, 200);
    let res = http().get(node.url("/?q=again")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(res.headers().contains_key("retry-after"));
    let html = res.text().await.unwrap();
    assert!(html.contains("Too many requests") && html.contains("href=\"/\""), "{html}");
}

#[tokio::test]
async fn a_record_page_leads_back_to_its_search_and_reads_like_a_page() {
    let node = TestNode::start(Backend::Sqlite).await;
    let older = create(&node, "/api/v1/case-studies", &published(case_study("Older practice on looms"))).await;
    let newer = create(&node, "/api/v1/case-studies", &published(case_study("Newer practice on looms"))).await;
    search_until(&node, "q=looms", |r| r["total"] == 2).await;
    // Without words, the newest first.
    let (_, _, html) = browse(&node, "/").await;
    let (at_newer, at_older) = (html.find("Newer practice").unwrap(), html.find("Older practice").unwrap());
    assert!(at_newer < at_older, "newest first without a query");
    // A result links to its record with the search it came from; the record links back.
    let (_, _, html) = browse(&node, "/?q=looms&theme=predictive-maintenance").await;
    let href = format!("/records/{older}?origin=leeds&#38;from=q%3Dlooms%26theme%3Dpredictive-maintenance");
    assert!(html.contains(&href), "{html}");
    let (status, _, page) =
        browse(&node, &format!("/records/{older}?origin=leeds&from=q%3Dlooms%26theme%3Dpredictive-maintenance")).await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/?q=looms&#38;theme=predictive-maintenance\">Back to the results"), "{page}");
    // Whatever `from` holds, the way back is this node's search page.
    let (_, _, page) = browse(&node, &format!("/records/{newer}?from=%2F%2Fevil.example")).await;
    assert!(page.contains("href=\"/?%2F%2Fevil.example=\""), "{page}");
    // Dates as a reader writes them, never the stored form.
    let today = chrono::Utc::now().format("%-d %B %Y").to_string();
    assert!(page.contains(&today), "{page}");
    let stored = node.get(&format!("/api/v1/case-studies/{newer}"), None).await.json();
    assert!(!page.contains(stored["updated_at"].as_str().unwrap()), "{page}");
    // Sign-in speaks to an officer, with no command to type.
    let (_, _, sign_in) = browse(&node, "/sign-in").await;
    assert!(sign_in.contains("access key your node administrator gave you") && !sign_in.contains("smarty token"));
}
