//! The catalogue as an OAI-PMH 2.0 repository, harvested by Sickle and pyoai, two harvester
//! libraries that others wrote, and every kind of response validated against the official
//! OAI-PMH schema.

use crate::on_both_backends;
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::tools::{root, venv_bin};
use crate::support::{Backend, TestNode};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

/// Small pages, so that every list takes several and its tokens are followed; tombstones
/// compacted as soon as `smarty compact` runs.
const CONFIG: &str = "[harvest]\noai_page_size = 3\ncontact_email = \"oai@leeds.example.org\"\n\
    [federation]\ntombstone_retention_days = 0";

/// What `tests/harvesters/oai.py` prints for `args`.
fn harvesters(args: &[&str]) -> Value {
    let script = root().join("tests/harvesters/oai.py");
    let out = Command::new(venv_bin("python")).arg(script).args(args).output().unwrap();
    assert!(out.status.success(), "oai.py {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn identifiers(items: &Value) -> Vec<String> {
    items.as_array().unwrap().iter().map(|i| i["identifier"].as_str().unwrap().to_string()).collect()
}

/// The raw response to `query`, by GET.
async fn oai(node: &TestNode, query: &str) -> String {
    let res = node.get(&format!("/oai?{query}"), None).await;
    res.expect(200);
    assert_eq!(res.header("content-type").as_deref(), Some("text/xml; charset=utf-8"));
    res.text.clone()
}

/// The text of every `<name>` element of a response.
fn elements(xml: &str, name: &str) -> Vec<String> {
    let open = format!("<{name}");
    xml.match_indices(&open)
        .filter_map(|(at, _)| {
            let rest = &xml[at + open.len()..];
            let start = rest.find('>')? + 1;
            if rest[..start].ends_with("/>") {
                return Some(String::new());
            }
            Some(rest[start..start + rest[start..].find(&format!("</{name}>"))?].to_string())
        })
        .collect()
}

fn item(id: &str) -> String {
    format!("oai:smarty:leeds/{id}")
}

async fn create(node: &TestNode, path: &str, body: Value) -> String {
    let res = node.client().post(path, Some(&node.editor), &body).await;
    res.expect(201);
    res.json()["id"].as_str().unwrap().to_string()
}

on_both_backends!(a_harvest_reads_every_record_once_sees_deletions_selects_and_resumes_after_a_restart);

async fn a_harvest_reads_every_record_once_sees_deletions_selects_and_resumes_after_a_restart(backend: Backend) {
    let mut node = TestNode::start_configured(backend, "leeds", &[], CONFIG).await;
    let c = node.client();
    let mut practices = Vec::new();
    for n in 0..6 {
        let mut practice = case_study(&format!("Practice {n}"));
        if n < 2 {
            practice["themes"] = json!(["smart-logistics"]);
        }
        practices.push(create(&node, "/api/v1/case-studies", published(practice)).await);
    }
    let instrument = create(&node, "/api/v1/policy-instruments", published(policy_instrument("ERDF programme"))).await;
    let draft =
        create(&node, "/api/v1/case-studies", json!({"status": "draft", "content": case_study("Secret draft")})).await;
    c.delete(&format!("/api/v1/case-studies/{}", practices[5]), Some(&node.editor), Some("\"1\"")).await.expect(204);
    let withdrawn = json!({"status": "withdrawn", "content": case_study("Practice 4")});
    c.put(&format!("/api/v1/case-studies/{}", practices[4]), Some(&node.editor), Some("\"1\""), &withdrawn)
        .await
        .expect(200);
    // The deleted record's tombstone leaves the store: harvesters are still told of it.
    let compacted = node.smarty(&["compact"]);
    assert!(String::from_utf8_lossy(&compacted.stdout).starts_with("compacted 1 tombstone"), "{compacted:?}");
    let url = node.url("/oai");
    let mut all: BTreeSet<String> = practices.iter().map(|id| item(id)).collect();
    all.insert(item(&instrument));

    // Sickle follows the tokens: every item once, deletions as deleted headers, no draft.
    let records = harvesters(&["sickle", &url, "ListRecords", "metadataPrefix=oai_dc"]);
    let read = identifiers(&records);
    assert_eq!(read.len(), all.len(), "each item once: {read:?}");
    assert_eq!(read.iter().cloned().collect::<BTreeSet<_>>(), all);
    assert!(!read.contains(&item(&draft)), "a draft never published is no item");
    let by_id = |id: &str| records.as_array().unwrap().iter().find(|r| r["identifier"] == item(id)).unwrap().clone();
    for gone in [&practices[4], &practices[5]] {
        let header = by_id(gone);
        assert_eq!(header["deleted"], true, "withdrawn and deleted are deleted: {header}");
        assert!(header.get("metadata").is_none());
        assert_eq!(
            header["sets"],
            json!(["region", "region:leeds", "kind", "kind:case_study"]),
            "nothing it was about"
        );
    }
    let first = by_id(&practices[0]);
    assert_eq!(first["deleted"], false);
    let dc = &first["metadata"];
    assert_eq!(dc["title"], json!(["Practice 0"]));
    assert!(dc["subject"].as_array().unwrap().contains(&json!("Smart logistics and network management")), "{dc}");
    assert_eq!(dc["coverage"], json!(["UKE4", "Leeds City Region"]));
    assert_eq!(dc["type"], json!(["Case study"]));
    assert_eq!(dc["language"], json!(["en"]));
    assert_eq!(dc["identifier"], json!([node.url(&format!("/records/{}?origin=leeds", practices[0]))]));
    assert!(first["sets"].as_array().unwrap().contains(&json!("theme:smart-logistics")));

    // pyoai reads the same repository: Identify, formats, sets, records, one record.
    let p = harvesters(&["pyoai", &url]);
    let identify = &p["identify"];
    assert_eq!(identify["protocolVersion"], "2.0");
    assert_eq!(identify["baseURL"], url.as_str());
    assert_eq!(identify["adminEmails"], json!(["oai@leeds.example.org"]));
    assert_eq!(identify["deletedRecord"], "persistent");
    assert_eq!(identify["granularity"], "YYYY-MM-DDThh:mm:ssZ");
    let prefixes: Vec<&str> = p["formats"].as_array().unwrap().iter().map(|f| f[0].as_str().unwrap()).collect();
    assert_eq!(prefixes, ["oai_dc", "smarty_json"]);
    let sets = p["sets"].as_array().unwrap();
    for set in [
        json!(["theme:smart-logistics", "Smart logistics and network management"]),
        json!(["region:tuscany", "Tuscany"]),
        json!(["kind:policy_instrument", "Policy instrument"]),
    ] {
        assert!(sets.contains(&set), "{set} in {sets:?}");
    }
    assert_eq!(identifiers(&p["records"]).into_iter().collect::<BTreeSet<_>>(), all);
    let deleted: BTreeSet<String> = p["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["deleted"] == true)
        .map(|r| r["identifier"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(deleted, [item(&practices[4]), item(&practices[5])].into_iter().collect());
    assert!(p["getRecord"]["title"].as_array().unwrap()[0].as_str().unwrap().starts_with("Practice"));

    // A selective harvest by set, and by date.
    let logistics =
        harvesters(&["sickle", &url, "ListIdentifiers", "metadataPrefix=oai_dc", "set=theme:smart-logistics"]);
    assert_eq!(
        identifiers(&logistics).into_iter().collect::<BTreeSet<_>>(),
        [item(&practices[0]), item(&practices[1])].into_iter().collect()
    );
    let instruments =
        harvesters(&["sickle", &url, "ListIdentifiers", "metadataPrefix=oai_dc", "set=kind:policy_instrument"]);
    assert_eq!(identifiers(&instruments), [item(&instrument)]);
    let latest =
        records.as_array().unwrap().iter().map(|r| r["datestamp"].as_str().unwrap().to_string()).max().unwrap();
    // Datestamps are to the second: the next batch is written once the clock is past the last.
    let deadline = Instant::now() + Duration::from_secs(3);
    let since = loop {
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        if now > latest {
            break now;
        }
        assert!(Instant::now() < deadline, "the clock never passed {latest}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let later: BTreeSet<String> = [
        item(&create(&node, "/api/v1/case-studies", published(case_study("Later practice A"))).await),
        item(&create(&node, "/api/v1/case-studies", published(case_study("Later practice B"))).await),
    ]
    .into_iter()
    .collect();
    let from = format!("from={since}");
    let recent = harvesters(&["sickle", &url, "ListIdentifiers", "metadataPrefix=oai_dc", &from]);
    assert_eq!(identifiers(&recent).into_iter().collect::<BTreeSet<_>>(), later);
    let until = format!("until={latest}");
    let earlier = harvesters(&["sickle", &url, "ListIdentifiers", "metadataPrefix=oai_dc", &until]);
    assert_eq!(identifiers(&earlier).into_iter().collect::<BTreeSet<_>>(), all);
    let p = harvesters(&["pyoai", &url, &since]);
    assert_eq!(identifiers(&p["records"]).into_iter().collect::<BTreeSet<_>>(), later);
    all.extend(later);

    // A harvest resumed from its token after the node restarted (on another port).
    let page = oai(&node, "verb=ListIdentifiers&metadataPrefix=oai_dc").await;
    let token = elements(&page, "resumptionToken").pop().unwrap();
    assert!(page.contains(&format!("completeListSize=\"{}\" cursor=\"0\"", all.len())), "{page}");
    let mut harvested = elements(&page, "identifier");
    assert_eq!(harvested.len(), 3);
    node.restart();
    let url = node.url("/oai");
    let rest = harvesters(&["sickle", &url, "ListIdentifiers", &format!("resumptionToken={token}")]);
    harvested.extend(identifiers(&rest));
    assert_eq!(harvested.len(), all.len(), "nothing twice: {harvested:?}");
    assert_eq!(harvested.into_iter().collect::<BTreeSet<_>>(), all);

    // The richer format: the record as the catalogue serves it.
    let json_record =
        oai(&node, &format!("verb=GetRecord&metadataPrefix=smarty_json&identifier={}", item(&practices[0]))).await;
    let text = elements(&json_record, "record").into_iter().find(|r| r.trim_start().starts_with('{')).unwrap();
    let unescaped = text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    let served = node.get(&format!("/api/v1/catalogue/records/{}", practices[0]), None).await.json();
    assert_eq!(serde_json::from_str::<Value>(&unescaped).unwrap(), served);

    // Errors, as the harvesters read them.
    for (verb, args, error) in [
        ("ListRecords", vec!["metadataPrefix=marc21"], "CannotDisseminateFormat"),
        ("GetRecord", vec!["identifier=oai:smarty:leeds/nope", "metadataPrefix=oai_dc"], "IdDoesNotExist"),
        ("ListRecords", vec!["metadataPrefix=oai_dc", "set=theme:nothing"], "NoRecordsMatch"),
        ("ListRecords", vec!["resumptionToken=bogus"], "BadResumptionToken"),
        ("ListRecords", vec!["metadataPrefix=oai_dc", "from=2026-12-01", "until=2026-12-02T00:00:00Z"], "BadArgument"),
    ] {
        let mut call = vec!["sickle-error", &url, verb];
        call.extend(args.iter());
        assert_eq!(harvesters(&call)["error"], error, "{verb} {args:?}");
    }
    let bad_verb = oai(&node, "verb=Harvest").await;
    assert!(bad_verb.contains("<error code=\"badVerb\">"), "{bad_verb}");
    assert!(bad_verb.contains(&format!("<request>{url}</request>")), "no arguments echoed: {bad_verb}");
    let repeated = oai(&node, "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc").await;
    assert!(repeated.contains("<error code=\"badArgument\">"), "{repeated}");
    let by_post = c_post_form(&node, "verb=Identify").await;
    assert!(by_post.contains("<repositoryName>"), "{by_post}");
    let json = node.client().post("/oai", None, &json!({"verb": "Identify"})).await;
    json.expect_problem(415, "unsupported-media-type");

    // Every kind of response is valid against the official schema, and none says anything
    // private.
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (n, query) in [
        "verb=Identify".to_string(),
        "verb=ListMetadataFormats".into(),
        format!("verb=ListMetadataFormats&identifier={}", item(&practices[1])),
        "verb=ListSets".into(),
        "verb=ListRecords&metadataPrefix=oai_dc".into(),
        "verb=ListRecords&metadataPrefix=smarty_json".into(),
        format!("verb=ListIdentifiers&resumptionToken={token}"),
        format!("verb=GetRecord&metadataPrefix=oai_dc&identifier={}", item(&practices[5])),
        format!("verb=GetRecord&metadataPrefix=oai_dc&identifier={}", item(&instrument)),
        "verb=Harvest".into(),
        "verb=ListRecords".into(),
        "verb=ListRecords&metadataPrefix=oai_dc&set=region:tuscany".into(),
        // A character XML cannot carry, echoed in the request element.
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:smarty:leeds/%01".into(),
    ]
    .iter()
    .enumerate()
    {
        let body = oai(&node, query).await;
        assert!(!body.contains("r.okafor@example.org") && !body.contains("Secret draft"), "{query}: {body}");
        let file = dir.path().join(format!("{n}.xml"));
        std::fs::write(&file, body).unwrap();
        files.push(file.to_str().unwrap().to_string());
    }
    // The last page of a list that took several ends with an empty token.
    let second = std::fs::read_to_string(&files[6]).unwrap();
    let next = elements(&second, "resumptionToken").pop().unwrap();
    let last = oai(&node, &format!("verb=ListIdentifiers&resumptionToken={next}")).await;
    assert!(last.contains("completeListSize=\"9\" cursor=\"6\""), "{last}");
    assert_eq!(elements(&last, "resumptionToken"), [""], "{last}");
    let file = dir.path().join("last.xml");
    std::fs::write(&file, last).unwrap();
    files.push(file.to_str().unwrap().to_string());
    let xsd = root().join("tests/vendor/oai-pmh/OAI-PMH.xsd");
    let mut validate = vec!["validate", xsd.to_str().unwrap()];
    validate.extend(files.iter().map(String::as_str));
    assert_eq!(harvesters(&validate)["invalid"], json!({}));
}

async fn c_post_form(node: &TestNode, form: &str) -> String {
    let body = Some(("application/x-www-form-urlencoded", form.as_bytes().to_vec()));
    let res = node.client().send(Method::POST, "/oai", None, &[], body).await;
    res.expect(200);
    res.text.clone()
}
