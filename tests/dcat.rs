//! The node's catalogue in DCAT-AP 3.0, read by rdflib in Turtle and in JSON-LD and
//! validated by pyshacl against the profile's official SHACL shapes.

use crate::support::peer::pin;
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::tools::{root, venv_bin};
use crate::support::{Backend, TestNode, search_until};
use serde_json::{Value, json};
use std::process::Command;

fn read(node: &TestNode) -> Value {
    let script = root().join("tests/harvesters/dcat.py");
    let shapes = root().join("tests/vendor/dcat-ap/dcat-ap-SHACL.ttl");
    let out = Command::new(venv_bin("python"))
        .arg(script)
        .arg(node.url("/dcat/catalog.ttl"))
        .arg(node.url("/dcat/catalog.jsonld"))
        .arg(shapes)
        .output()
        .unwrap();
    assert!(out.status.success(), "dcat.py failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn the_catalogue_is_dcat_ap_with_a_dataset_per_region_and_every_distribution() {
    let leeds = TestNode::start_configured(
        Backend::Sqlite,
        "leeds",
        &[],
        "[harvest]\ncontact_email = \"data@leeds.example.org\"",
    )
    .await;
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&leeds, &tuscany, true);
    pin(&tuscany, &leeds, false);
    let mut logistics = case_study("Shared logistics for SMEs");
    logistics["themes"] = json!(["smart-logistics"]);
    leeds.client().post("/api/v1/case-studies", Some(&leeds.editor), &published(logistics)).await.expect(201);
    leeds
        .client()
        .post("/api/v1/policy-instruments", Some(&leeds.editor), &published(policy_instrument("ERDF programme")))
        .await
        .expect(201);
    let mut prato = case_study("Gemelli digitali a Prato");
    prato["language"] = json!("it");
    prato["themes"] = json!(["vr-simulation"]);
    prato["period"] = json!({"start": "2019-05-01", "end": "2022-12-31"});
    prato["location"] = json!({"nuts": "ITI15", "name": "Prato"});
    tuscany.client().post("/api/v1/case-studies", Some(&tuscany.editor), &published(prato)).await.expect(201);
    assert!(leeds.smarty_async(&["sync"]).await.status.success());
    search_until(&leeds, "", |r| r["total"] == 3).await;

    let dcat = read(&leeds);
    assert_eq!(dcat["violations"], json!([]), "DCAT-AP 3.0 shapes: no violation");
    assert_eq!(dcat["same_in_jsonld"], true, "the JSON-LD holds the same graph as the Turtle");
    let base = &leeds.base;
    let catalog = &dcat["catalog"];
    assert_eq!(catalog["id"], format!("{base}/dcat/catalog"));
    let titles = catalog["titles"].as_object().unwrap();
    assert_eq!(titles.len(), 7, "titled in the seven languages: {titles:?}");
    assert_eq!(titles["en"], "Smarty Exchange: the catalogue of the Leeds City Region node");
    assert_eq!(titles["pl"], "Smarty Exchange: katalog węzła Leeds City Region");
    assert_eq!(catalog["languages"].as_array().unwrap().len(), 7);
    assert_eq!(catalog["license"], "https://creativecommons.org/licenses/by/4.0/");

    let datasets = dcat["datasets"].as_array().unwrap();
    let ids: Vec<&str> = datasets.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [format!("{base}/dcat/catalog#dataset-leeds"), format!("{base}/dcat/catalog#dataset-tuscany")]);
    let (own, tuscan) = (&datasets[0], &datasets[1]);
    assert_eq!(tuscan["titles"]["it"], "Toscana: buone pratiche, strumenti di policy e piani d'azione");
    assert_eq!(tuscan["descriptions"].as_object().unwrap().len(), 7);
    assert_eq!(tuscan["publisher"], "Tuscany");
    assert_eq!(tuscan["spatial"], json!(["http://data.europa.eu/nuts/code/ITI1"]));
    assert_eq!(tuscan["temporal"], json!(["2019-01-01", "2019-12-31"]), "the years its initiatives started");
    let themes = tuscan["themes"].as_array().unwrap();
    for theme in [
        format!("{base}/dcat/themes#vr-simulation"),
        "http://publications.europa.eu/resource/authority/data-theme/TECH".into(),
        "http://publications.europa.eu/resource/authority/data-theme/REGI".into(),
    ] {
        assert!(themes.contains(&json!(theme)), "{theme} in {themes:?}");
    }
    assert!(!themes.contains(&json!(format!("{base}/dcat/themes#smart-logistics"))), "only its own records' themes");
    assert_eq!(own["contact"], json!(["mailto:data@leeds.example.org"]));
    assert_eq!(catalog["modified"], json!(std::cmp::max(own["modified"].as_str(), tuscan["modified"].as_str())));
    assert_eq!(
        dcat["concepts"][format!("{base}/dcat/themes#smart-logistics")]["ca"],
        "Logística intel·ligent i gestió de xarxes"
    );

    // Every distribution: the CSV file, the JSON API, the feed and the OAI-PMH set; each works.
    let accesses: Vec<&str> =
        own["distributions"].as_array().unwrap().iter().map(|d| d["access"].as_str().unwrap()).collect();
    assert_eq!(
        accesses,
        [
            format!("{base}/api/v1/catalogue/export?format=csv&origin=leeds"),
            format!("{base}/api/v1/catalogue/feed.atom?origin=leeds"),
            format!("{base}/api/v1/catalogue/search?origin=leeds"),
            format!("{base}/oai?verb=ListRecords&metadataPrefix=oai_dc&set=region:leeds"),
        ]
    );
    let http = reqwest::Client::new();
    for d in own["distributions"].as_array().unwrap() {
        let res = http.get(d["access"].as_str().unwrap()).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "{d}");
        let media = d["media"].as_str().unwrap().rsplit_once("media-types/").unwrap().1.to_string();
        let served = res.headers()["content-type"].to_str().unwrap().to_string();
        assert!(served.starts_with(&media), "{served} is {media}");
    }
    let api =
        dcat["services"].as_array().unwrap().iter().find(|s| s["id"] == format!("{base}/dcat/catalog#api")).unwrap();
    assert_eq!(api["description"], format!("{base}/openapi.json"));
    assert_eq!(api["serves"].as_array().unwrap().len(), 2);
    let json_distribution = own["distributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["media"].as_str().unwrap().ends_with("/json"))
        .unwrap();
    assert_eq!(json_distribution["service"], api["id"]);
}
