//! Every catalogue search has an Atom feed twin, read back by `feedparser`, the feed reader
//! most aggregators and newsletter tools build on.

use crate::support::samples::{case_study, published};
use crate::support::tools::venv_bin;
use crate::support::{Backend, TestNode, search_until};
use serde_json::{Value, json};
use std::process::Command;

/// What feedparser reads from `url`: its own account of the feed, as JSON.
fn feedparser(url: &str) -> Value {
    let script = r#"
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": d.bozo, "bozo_exception": str(d.get("bozo_exception", "")), "version": d.version,
    "title": d.feed.get("title"), "id": d.feed.get("id"), "language": d.feed.get("language"),
    "links": [{"rel": l.get("rel"), "type": l.get("type"), "href": l.get("href")} for l in d.feed.get("links", [])],
    "entries": [{
        "id": e.get("id"), "title": e.get("title"), "link": e.get("link"), "updated": e.get("updated"),
        "updated_parsed": list(e.updated_parsed[:6]) if e.get("updated_parsed") else None,
        "summary": e.get("summary"), "language": e.get("title_detail", {}).get("language"),
        "author": e.get("author"), "tags": [{"term": t.get("term"), "scheme": t.get("scheme"), "label": t.get("label")} for t in e.get("tags", [])],
        "content": [{"type": c.get("type"), "language": c.get("language"), "value": c.get("value")} for c in e.get("content", [])],
    } for e in d.entries],
}))
"#;
    let out = Command::new(venv_bin("python")).arg("-c").arg(script).arg(url).output().unwrap();
    assert!(out.status.success(), "feedparser failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn a_search_s_feed_is_valid_atom_newest_first_with_stable_ids_and_conditional_get() {
    let node = TestNode::start(Backend::Sqlite).await;
    let client = node.client();
    let mut italian = case_study("Telai intelligenti a Prato");
    italian["language"] = json!("it");
    italian["summary"] = json!("Sensori su quaranta telai & manutenzione <predittiva>.");
    italian["themes"] = json!(["predictive-maintenance"]);
    italian["translations"] = json!({"en": {"title": "Smart looms in Prato", "summary": "Sensors on forty looms."}});
    let first = client.post("/api/v1/case-studies", Some(&node.editor), &published(italian)).await.expect(201).json();
    let second = client
        .post("/api/v1/case-studies", Some(&node.editor), &published(case_study("Sensor retrofits for mills")))
        .await
        .expect(201)
        .json();
    let mut logistics = case_study("Shared logistics for SMEs");
    logistics["themes"] = json!(["smart-logistics"]);
    client.post("/api/v1/case-studies", Some(&node.editor), &published(logistics)).await.expect(201);
    search_until(&node, "", |r| r["total"] == 3).await;

    // The feed of a filtered search: its matches only, newest first, as feedparser reads them.
    let url = node.url("/api/v1/catalogue/feed.atom?theme=predictive-maintenance");
    let feed = feedparser(&url);
    assert_eq!(feed["bozo"], false, "well-formed: {}", feed["bozo_exception"]);
    assert_eq!(feed["version"], "atom10");
    assert_eq!(feed["id"], url.as_str());
    assert!(feed["links"].as_array().unwrap().iter().any(|l| l["rel"] == "self" && l["href"] == url.as_str()));
    let entries = feed["entries"].as_array().unwrap();
    let titles: Vec<&str> = entries.iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Sensor retrofits for mills", "Telai intelligenti a Prato"], "newest first, filtered");
    let prato = &entries[1];
    let page = node.url(&format!("/records/{}?origin=leeds", first["id"].as_str().unwrap()));
    assert_eq!(prato["id"], page.as_str(), "the record's page address, its stable id");
    assert_eq!(prato["link"], page.as_str());
    assert_eq!(prato["language"], "it");
    assert_eq!(
        prato["summary"], "Sensori su quaranta telai & manutenzione <predittiva>.",
        "text, escaped and read back"
    );
    assert_eq!(prato["author"], "Leeds City Region");
    let updated = first["updated_at"].as_str().unwrap();
    assert_eq!(prato["updated"], updated);
    assert!(prato["updated_parsed"].is_array(), "an RFC 3339 date feedparser reads");
    let tags = prato["tags"].as_array().unwrap();
    assert!(
        tags.iter()
            .any(|t| t["term"] == "predictive-maintenance" && t["label"] == "Predictive modelling and maintenance")
    );
    assert!(tags.iter().any(|t| t["term"] == "leeds" && t["label"] == "Leeds City Region"));
    let english = &prato["content"][0];
    assert_eq!(english["language"], "en");
    assert!(english["value"].as_str().unwrap().contains("Smart looms in Prato"), "{english}");
    assert!(entries[0]["content"].as_array().unwrap().is_empty(), "an English record has no translation to add");

    // The same search in words; the feed's title in the language asked for.
    let feed = feedparser(&node.url("/api/v1/catalogue/feed.atom?q=prato&lang=pl"));
    assert_eq!(feed["entries"].as_array().unwrap().len(), 1);
    assert_eq!(feed["entries"][0]["id"], page.as_str());
    assert!(feed["title"].as_str().unwrap().starts_with("Wyszukiwanie: prato"), "{}", feed["title"]);
    assert_eq!(
        feed["id"],
        node.url("/api/v1/catalogue/feed.atom?lang=pl&q=prato"),
        "its own address, language included"
    );
    assert_eq!(feed["language"], "pl");
    let mills = node.url(&format!("/records/{}?origin=leeds", second["id"].as_str().unwrap()));
    assert_eq!(entries[0]["id"], mills.as_str());

    // Conditional GET: unchanged, a 304 without a body; after a change, the new feed.
    let http = reqwest::Client::new();
    let res = http.get(&url).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/atom+xml; charset=utf-8");
    let tag = res.headers()["etag"].to_str().unwrap().to_string();
    let again = http.get(&url).header("if-none-match", &tag).send().await.unwrap();
    assert_eq!(again.status().as_u16(), 304);
    assert_eq!(again.headers()["etag"], tag.as_str());
    assert!(again.bytes().await.unwrap().is_empty());
    let weak = http.get(&url).header("if-none-match", format!("W/{tag}")).send().await.unwrap();
    assert_eq!(weak.status().as_u16(), 304, "compared weakly, as a compressing proxy marks it");
    let mut newer = case_study("Vibration sensors in a foundry");
    newer["themes"] = json!(["predictive-maintenance"]);
    client.post("/api/v1/case-studies", Some(&node.editor), &published(newer)).await.expect(201);
    search_until(&node, "theme=predictive-maintenance", |r| r["total"] == 3).await;
    // Text XML cannot carry (a control character from a word processor) leaves the feed
    // well-formed.
    let mut odd = case_study("Sensori\u{b}di vibrazione");
    odd["themes"] = json!(["vr-simulation"]);
    client.post("/api/v1/case-studies", Some(&node.editor), &published(odd)).await.expect(201);
    search_until(&node, "theme=vr-simulation", |r| r["total"] == 1).await;
    let odd_feed = feedparser(&node.url("/api/v1/catalogue/feed.atom?theme=vr-simulation&q=%0C"));
    assert_eq!(odd_feed["bozo"], false, "{}", odd_feed["bozo_exception"]);
    let odd_feed = feedparser(&node.url("/api/v1/catalogue/feed.atom?theme=vr-simulation"));
    assert_eq!(odd_feed["bozo"], false, "{}", odd_feed["bozo_exception"]);
    assert_eq!(odd_feed["entries"][0]["title"], "Sensori\u{fffd}di vibrazione");
    let changed = http.get(&url).header("if-none-match", &tag).send().await.unwrap();
    assert_eq!(changed.status().as_u16(), 200);
    assert_ne!(changed.headers()["etag"], tag.as_str());
    assert_eq!(feedparser(&url)["entries"][0]["title"], "Vibration sensors in a foundry");

    // A feed is not paged and always newest first; a bad parameter is a problem document.
    for bad in ["offset=10", "sort=relevance", "lang=xx", "theme=nonsense", "limit=0", "colour=blue"] {
        let res = http.get(node.url(&format!("/api/v1/catalogue/feed.atom?{bad}"))).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 400, "{bad}");
        assert_eq!(res.headers()["content-type"], "application/problem+json", "{bad}");
    }
    let two = feedparser(&node.url("/api/v1/catalogue/feed.atom?limit=2"));
    assert_eq!(two["entries"].as_array().unwrap().len(), 2);

    // The search page links its feed, for feed readers and for people.
    let html = http.get(node.url("/?theme=predictive-maintenance")).send().await.unwrap().text().await.unwrap();
    // (`&` written `&#38;`, as the pages escape it.)
    let feed_link = "/api/v1/catalogue/feed.atom?lang=en&#38;theme=predictive-maintenance";
    assert!(
        html.contains(&format!("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{feed_link}\"")),
        "{html}"
    );
    assert!(html.contains("Follow this search"));
}
