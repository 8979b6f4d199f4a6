//! The shared catalogue: ranking, facets, languages, typos, snippets, paging, federation,
//! rebuilding, and exports.

use crate::support::peer::pin;
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::search_until;
use crate::support::{Backend, TestNode};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

async fn search(node: &TestNode, query: &str) -> Value {
    let res = node.get(&format!("/api/v1/catalogue/search?{query}"), None).await;
    res.expect(200);
    res.json()
}

fn titles(result: &Value) -> Vec<String> {
    result["hits"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_string()).collect()
}

fn practice(title: &str, language: &str, description: &str, themes: &[&str], intervention: &str, start: &str) -> Value {
    let mut c = case_study(title);
    c["language"] = json!(language);
    c["summary"] = json!(format!("{title}."));
    c["description"] = json!(description);
    c["themes"] = json!(themes);
    c["intervention"] = json!(intervention);
    c["period"] = json!({"start": start});
    for key in [
        "resources_needed",
        "evidence_of_success",
        "difficulties",
        "transfer_potential",
        "keywords",
        "main_institution",
        "funding_sources",
    ] {
        c.as_object_mut().unwrap().remove(key);
    }
    c["main_institution"] = json!("Agency");
    c["location"]["name"] = json!("Somewhere");
    published(c)
}

async fn post(node: &TestNode, body: &Value) -> String {
    let path =
        if body["content"].get("name").is_some() { "/api/v1/policy-instruments" } else { "/api/v1/case-studies" };
    let res = node.client().post(path, Some(&node.editor), body).await;
    res.expect(201);
    res.json()["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn ranking_languages_typos_and_snippets() {
    let node = TestNode::start(Backend::Sqlite).await;
    post(
        &node,
        &practice(
            "Forklift routing",
            "en",
            "Maintenance of the fleet is planned with sensors.",
            &["smart-logistics"],
            "direct",
            "2020-01-01",
        ),
    )
    .await;
    post(
        &node,
        &practice(
            "Maintenance dashboards",
            "en",
            "Dashboards for shop floors.",
            &["production-monitoring"],
            "direct",
            "2021-01-01",
        ),
    )
    .await;
    post(
        &node,
        &practice(
            "Corridoio logistico di Castilla y León",
            "es",
            "Coordinación de proveedores.",
            &["smart-logistics"],
            "policy",
            "2019-05-01",
        ),
    )
    .await;
    post(
        &node,
        &practice(
            "Manutenção preditiva em Braga",
            "pt",
            "Sensores nas máquinas.",
            &["predictive-maintenance"],
            "direct",
            "2022-01-01",
        ),
    )
    .await;
    post(
        &node,
        &practice(
            "Macchina monitorata",
            "it",
            "Le macchine tessili di Prato sono monitorate.",
            &["production-monitoring"],
            "direct",
            "2018-01-01",
        ),
    )
    .await;
    post(
        &node,
        &practice(
            "Escaping <script>alert(1)</script>",
            "en",
            "Beware <b>bold</b> & \"quotes\" in valves.",
            &["vr-simulation"],
            "direct",
            "2017-01-01",
        ),
    )
    .await;
    let mut catalan = practice(
        "Bessó digital a Martorell",
        "ca",
        "Simulació de la línia de muntatge.",
        &["vr-simulation"],
        "direct",
        "2023-01-01",
    );
    catalan["content"]["translations"] =
        json!({"en": {"title": "Digital twin in Martorell", "summary": "Simulating the assembly line."}});
    post(&node, &catalan).await;
    search_until(&node, "", |r| r["total"] == 7).await;
    // Catalan is not stemmed but folded; its English translation is searchable in English.
    assert_eq!(titles(&search(&node, "q=besso").await), ["Bessó digital a Martorell"]);
    assert_eq!(titles(&search(&node, "q=twins+assembly").await), ["Bessó digital a Martorell"]);

    // A title match ranks above a description-only match.
    let r = search(&node, "q=maintenance").await;
    assert_eq!(titles(&r), ["Maintenance dashboards", "Forklift routing"]);
    assert!(r["hits"][0]["score"].as_f64() > r["hits"][1]["score"].as_f64());

    // Accents and case fold everywhere.
    assert_eq!(titles(&search(&node, "q=castilla+y+leon").await), ["Corridoio logistico di Castilla y León"]);
    assert_eq!(titles(&search(&node, "q=MANUTENCAO").await), ["Manutenção preditiva em Braga"]);
    // Stemming in the record's language: English and Italian.
    assert_eq!(titles(&search(&node, "q=dashboard").await), ["Maintenance dashboards"]);
    assert_eq!(titles(&search(&node, "q=planning+sensor").await), ["Forklift routing"]);
    assert_eq!(titles(&search(&node, "q=macchine+monitorate").await), ["Macchina monitorata"]);
    assert_eq!(titles(&search(&node, "q=tessile").await), ["Macchina monitorata"]);
    // One edit away, for words of five letters or more, only when nothing matches exactly.
    assert_eq!(titles(&search(&node, "q=dashbaords").await), ["Maintenance dashboards"]);
    assert_eq!(search(&node, "q=bolx").await["total"], 0, "four-letter words get no typo tolerance");
    assert_eq!(search(&node, "q=bold").await["total"], 1);

    // Snippets escape the record's text and mark matches.
    let r = search(&node, "q=bold").await;
    let snippet = r["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>bold</mark>"), "{snippet}");
    assert!(snippet.contains("&lt;b&gt;") && snippet.contains("&amp;") && !snippet.contains("<b>"), "{snippet}");
    let r = search(&node, "q=escaping").await;
    assert!(!r["hits"][0]["snippet"].as_str().unwrap().contains("<script>"));

    // Whatever is typed, no 500: syntax is searched as words.
    for q in ["%22unbalanced", "title%3A(", "a+AND+OR+NOT", "*", "%5C%5C", "%E2%9C%93"] {
        node.get(&format!("/api/v1/catalogue/search?q={q}"), None).await.expect(200);
    }
    let bad = node.get("/api/v1/catalogue/search?limit=101", None).await;
    assert_eq!(bad.field_errors(), ["limit"]);
    assert_eq!(node.get("/api/v1/catalogue/search?limit=0", None).await.field_errors(), ["limit"]);
    assert_eq!(node.get("/api/v1/catalogue/search?sort=best", None).await.field_errors(), ["sort"]);
    assert_eq!(node.get("/api/v1/catalogue/search?colour=red", None).await.field_errors(), ["colour"]);
}

/// A query skips the fields of languages the index holds no text in: a language that arrives
/// later is searched as soon as it is indexed.
#[tokio::test]
async fn a_language_indexed_after_a_search_is_searched() {
    let node = TestNode::start(Backend::Sqlite).await;
    let en = practice("Forklift routing", "en", "Fleet sensors.", &["smart-logistics"], "direct", "2020-01-01");
    post(&node, &en).await;
    search_until(&node, "q=forklift", |r| r["total"] == 1).await;
    assert_eq!(search(&node, "q=tessili").await["total"], 0);
    let it = practice(
        "Telai monitorati",
        "it",
        "Le macchine tessili di Prato.",
        &["smart-logistics"],
        "direct",
        "2021-01-01",
    );
    post(&node, &it).await;
    // Only Italian stemming finds "monitorati" for "monitorare" (two edits apart: no typo
    // tolerance reaches it).
    let found = search_until(&node, "q=monitorare", |r| r["total"] == 1).await;
    assert_eq!(found["hits"][0]["language"], "it", "{found}");
}

#[tokio::test]
async fn facets_filter_and_count_disjunctively() {
    let node = TestNode::start(Backend::Sqlite).await;
    let rows = [
        ("A", "en", &["smart-logistics"][..], "direct", "2020-01-01"),
        ("B", "en", &["smart-logistics", "vr-simulation"][..], "policy", "2021-01-01"),
        ("C", "it", &["vr-simulation"][..], "direct", "2021-06-01"),
        ("D", "es", &["production-monitoring"][..], "policy", "2022-01-01"),
    ];
    for (title, lang, themes, intervention, start) in rows {
        post(&node, &practice(&format!("Practice {title}"), lang, "Text.", themes, intervention, start)).await;
    }
    post(&node, &published(policy_instrument("Programme P"))).await;
    let all = search_until(&node, "", |r| r["total"] == 5).await;
    let f = &all["facets"];
    assert_eq!(f["theme"], json!({"production-monitoring": 2, "smart-logistics": 2, "vr-simulation": 2}));
    assert_eq!(f["kind"], json!({"case_study": 4, "policy_instrument": 1}));
    assert_eq!(f["intervention"], json!({"direct": 2, "policy": 2}));
    assert_eq!(f["language"], json!({"en": 3, "es": 1, "it": 1}));
    assert_eq!(f["year"], json!({"2020": 1, "2021": 3, "2022": 1}));
    assert_eq!(f["origin"], json!({"leeds": 5}));

    // One theme: the theme facet still shows the alternatives; the others narrow.
    let r = search(&node, "theme=smart-logistics").await;
    assert_eq!(r["total"], 2);
    assert_eq!(r["facets"]["theme"], json!({"production-monitoring": 2, "smart-logistics": 2, "vr-simulation": 2}));
    assert_eq!(r["facets"]["intervention"], json!({"direct": 1, "policy": 1}));
    assert_eq!(r["facets"]["language"], json!({"en": 2}));
    // OR within a facet, AND across facets.
    let r = search(&node, "theme=smart-logistics&theme=vr-simulation").await;
    assert_eq!(r["total"], 3);
    let r = search(&node, "theme=smart-logistics&theme=vr-simulation&intervention=direct").await;
    assert_eq!(titles(&r).len(), 2);
    assert_eq!(r["facets"]["intervention"], json!({"direct": 2, "policy": 1}));
    assert_eq!(r["facets"]["theme"], json!({"smart-logistics": 1, "vr-simulation": 1}));
    for (query, expected) in [
        ("kind=policy_instrument", 1),
        ("language=it", 1),
        ("origin=leeds", 5),
        ("origin=tuscany", 0),
        ("year_from=2021", 4),
        ("year_from=2021&year_to=2021", 3),
        ("year_to=2020", 1),
        ("language=en&language=es&year_from=2022", 1),
    ] {
        assert_eq!(search(&node, query).await["total"], expected, "{query}");
    }
    let r = search(&node, "year_from=2022").await;
    assert_eq!(r["facets"]["year"], json!({"2020": 1, "2021": 3, "2022": 1}), "the year facet ignores its own filter");
    // A well-formed code nobody has matches nothing; a value outside the vocabulary is refused,
    // as the contract's schema says.
    assert_eq!(search(&node, "language=fi&origin=lapland").await["total"], 0);
    for bad in ["theme=smart-things", "kind=case-study", "intervention=both", "language=english", "origin=Leeds"] {
        let res = node.get(&format!("/api/v1/catalogue/search?{bad}"), None).await;
        res.expect_problem(400, "validation");
        let field = bad.split('=').next().unwrap();
        assert_eq!(res.json()["errors"][0]["field"], field, "{bad}: {}", res.text);
    }
}

#[tokio::test]
async fn paging_never_repeats_or_skips() {
    let node = TestNode::start(Backend::Sqlite).await;
    for i in 0..7 {
        post(&node, &published(case_study(&format!("Same words {i}")))).await;
    }
    search_until(&node, "", |r| r["total"] == 7).await;
    for sort in ["updated", "relevance"] {
        let mut seen = Vec::new();
        for offset in (0..7).step_by(3) {
            let r = search(&node, &format!("q=same+words&sort={sort}&limit=3&offset={offset}")).await;
            assert_eq!(r["total"], 7);
            seen.extend(titles(&r));
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 7, "{sort}: {seen:?}");
        if sort == "updated" {
            assert_eq!(seen[0], "Same words 6", "newest first");
        }
    }
    assert_eq!(search(&node, "offset=50").await["hits"], json!([]));
}

#[tokio::test]
async fn peers_records_come_and_go_and_the_index_rebuilds() {
    let mut a = TestNode::start(Backend::Sqlite).await;
    let b = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&a, &b, true);
    pin(&b, &a, false);
    let mut content = case_study("Distretto tessile di Prato");
    content["language"] = json!("it");
    let id = post(&b, &published(content)).await;
    post(&b, &json!({"content": case_study("A Tuscan draft")})).await;
    assert!(a.smarty_async(&["sync"]).await.status.success());
    let r = search_until(&a, "q=prato", |r| r["total"] == 1).await;
    assert_eq!(r["hits"][0]["origin"], "tuscany");
    assert_eq!(search(&a, "q=draft").await["total"], 0, "drafts never reach the catalogue");

    let record = a.get(&format!("/api/v1/catalogue/records/{id}"), None).await;
    record.expect(200);
    assert_eq!(record.json()["origin_name"], "Tuscany");
    crate::support::conforms::assert_conforms("CatalogueRecord", &record.json());
    assert!(record.json()["content"].get("contact").is_none());
    a.get("/api/v1/catalogue/records/0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", None)
        .await
        .expect_problem(404, "not-found");

    // The index is a derived view: delete it, and the node rebuilds it from the store.
    a.stop();
    std::fs::remove_dir_all(a.dir.path().join("index")).unwrap();
    a.start_again();
    search_until(&a, "q=prato", |r| r["total"] == 1).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while a.get("/readyz", None).await.status != 200 {
        assert!(Instant::now() < deadline, "never ready after the rebuild");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // A corrupt index, and one built by an older index schema, are rebuilt the same way.
    for damage in ["corrupt", "older"] {
        a.stop();
        let meta = a.dir.path().join("index/meta.json");
        let text = std::fs::read_to_string(&meta).unwrap();
        let damaged = if damage == "corrupt" {
            "{ not json".to_string()
        } else {
            let mut v: Value = serde_json::from_str(&text).unwrap();
            let mut payload: Value = serde_json::from_str(v["payload"].as_str().unwrap()).unwrap();
            payload["schema_version"] = json!(0);
            v["payload"] = json!(payload.to_string());
            v.to_string()
        };
        std::fs::write(&meta, damaged).unwrap();
        a.start_again();
        search_until(&a, "q=prato", |r| r["total"] == 1).await;
    }

    // Deleted at the origin: gone from the catalogue after the next round.
    b.client().delete(&format!("/api/v1/case-studies/{id}"), Some(&b.editor), Some("\"1\"")).await.expect(204);
    assert!(a.smarty_async(&["sync"]).await.status.success());
    search_until(&a, "q=prato", |r| r["total"] == 0).await;
    a.get(&format!("/api/v1/catalogue/records/{id}"), None).await.expect_problem(404, "not-found");

    // Offline rebuild refuses while the node runs, and works once it is stopped.
    let out = a.smarty(&["reindex"]);
    assert!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("in use"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    a.stop();
    let out = a.smarty(&["reindex"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = a.smarty(&["search", "--json", "tessile"]);
    assert!(out.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["total"], 0);
}

#[tokio::test]
async fn exports_hold_every_matching_record() {
    let node = TestNode::start_configured(Backend::Sqlite, "leeds", &[], "export_max = 30").await;
    for i in 0..25 {
        let mut c = case_study(&format!("Export, \"quoted\" {i}"));
        c["summary"] = json!(format!("Line one\nline two; with, commas {i}"));
        post(&node, &published(c)).await;
    }
    post(&node, &published(policy_instrument("Not a case study"))).await;
    search_until(&node, "", |r| r["total"] == 26).await;

    let res = node.get("/api/v1/catalogue/export?format=csv&kind=case_study", None).await;
    res.expect(200);
    assert!(res.header("content-type").unwrap().starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(res.text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "id",
            "kind",
            "origin",
            "origin_name",
            "title",
            "summary",
            "themes",
            "intervention",
            "language",
            "nuts",
            "start",
            "end",
            "updated_at",
            "url"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 25);
    let mut titles: Vec<&str> = rows.iter().map(|r| &r[4]).collect();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), 25);
    assert!(
        rows.iter().all(|r| r[6] == *"predictive-maintenance;production-monitoring" && &r[3] == "Leeds City Region")
    );
    assert!(rows[0][5].contains('\n'), "multi-line fields survive quoting");

    let json = node.get("/api/v1/catalogue/export?format=json&q=quoted", None).await;
    json.expect(200);
    let records = json.json();
    assert_eq!(records.as_array().unwrap().len(), 25);
    assert!(records[0]["content"]["title"].as_str().unwrap().starts_with("Export"));
    let empty = node.get("/api/v1/catalogue/export?format=json&q=nothingmatches", None).await;
    assert_eq!(empty.json(), json!([]));

    let too_many = node.get("/api/v1/catalogue/export?format=csv&limit=5&q=", None).await;
    assert_eq!(too_many.status, 400, "export has no paging: {}", too_many.text);
    node.get("/api/v1/catalogue/export?format=xml", None).await.expect_problem(400, "validation");
    for i in 25..31 {
        post(&node, &published(case_study(&format!("More {i}")))).await;
    }
    search_until(&node, "", |r| r["total"] == 32).await;
    let refused = node.get("/api/v1/catalogue/export?format=csv", None).await;
    let problem = refused.expect_problem(422, "unprocessable");
    assert!(problem["detail"].as_str().unwrap().contains("at most 30"));
}

/// A practice in `language` with an English translation.
fn translated(title: &str, language: &str, description: &str, english: (&str, &str)) -> Value {
    let mut p = practice(title, language, description, &["vr-simulation"], "direct", "2022-01-01");
    p["content"]["translations"] = json!({"en": {"title": english.0, "summary": english.1}});
    p
}

#[tokio::test]
async fn practices_like_this_come_from_other_regions_across_languages() {
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    let mazovia = TestNode::start_with(Backend::Sqlite, "mazovia", &[]).await;
    pin(&tuscany, &mazovia, true);
    pin(&mazovia, &tuscany, false);
    let prato = post(
        &tuscany,
        &translated(
            "Gemelli digitali per le fabbriche tessili di Prato",
            "it",
            "Un gemello digitale simula le linee di produzione dei telai prima di ogni modifica.",
            (
                "Digital twins for Prato textile factories",
                "A digital twin simulates production lines before each change to the looms.",
            ),
        ),
    )
    .await;
    post(
        &tuscany,
        &translated(
            "Gemello digitale per la ceramica di Sesto",
            "it",
            "Il gemello digitale della linea di produzione della ceramica.",
            ("A digital twin for ceramics in Sesto", "The digital twin of a ceramics production line."),
        ),
    )
    .await;
    let radom = post(
        &mazovia,
        &translated(
            "Cyfrowe bliźniaki w zakładach obróbki metali w Radomiu",
            "pl",
            "Cyfrowy bliźniak symuluje linie produkcyjne przed każdą zmianą.",
            (
                "Digital twins in Radom metalworking plants",
                "A digital twin simulates production lines before each change.",
            ),
        ),
    )
    .await;
    post(
        &mazovia,
        &translated(
            "Szkolenia kierowców magazynowych",
            "pl",
            "Kursy dla kierowców wózków widłowych w magazynach.",
            ("Training for warehouse forklift drivers", "Courses for forklift drivers in warehouses."),
        ),
    )
    .await;
    // A policy instrument of the same words is not a practice.
    let mut instrument = policy_instrument("Cyfrowe bliźniaki: program wsparcia");
    instrument["description"] = json!("Cyfrowy bliźniak symuluje linie produkcyjne przed każdą zmianą.");
    instrument["language"] = json!("pl");
    instrument["translations"] = json!({"en": {"title": "Digital twins programme", "summary": "A digital twin simulates production lines before each change."}});
    let instrument = post(&mazovia, &published(instrument)).await;
    let out = tuscany.smarty_async(&["sync"]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    search_until(&tuscany, "origin=mazovia", |r| r["total"] == 3).await;

    let similar = tuscany.get(&format!("/api/v1/catalogue/records/{prato}/similar"), None).await;
    let similar = similar.expect(200).json();
    crate::support::conforms::assert_conforms("Similar", &similar);
    let items = similar["items"].as_array().unwrap();
    assert_eq!(items[0]["id"], radom.as_str(), "the Polish digital twin, through the translations: {similar}");
    assert!(items.iter().all(|i| i["origin"] == "mazovia"), "nothing from its own region: {similar}");
    assert!(items.iter().all(|i| i["id"] != instrument.as_str()), "practices only: {similar}");
    // The record page lists it, linked by origin.
    let page = tuscany.get(&format!("/records/{prato}"), None).await;
    assert!(page.text.contains(&format!("/records/{radom}?origin=mazovia")), "{}", page.text);
    tuscany
        .get(&format!("/api/v1/catalogue/records/{prato}/similar?origin=mazovia"), None)
        .await
        .expect_problem(404, "not-found");
}
