//! A record's identity is its origin plus its id: a hostile origin that publishes under an id
//! another region's record has, before that record arrives, neither shadows nor blocks it.
//! Both are held, each verified with its own origin's keys; an address naming the id alone
//! gets the choices, one naming the origin gets that origin's record; a plan cites a practice
//! by origin and id.

use crate::plans::plan;
use crate::support::fake_peer::FakePeer;
use crate::support::forge::{page, record, seal};
use crate::support::origins::{origin, origins};
use crate::support::peer::{Identity, pin};
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::{Backend, TestNode, search_until};
use serde_json::{Value, json};

const MANUAL: &str = "[sync]\nschedule = \"off\"\nretries = 1\nbackoff_ms = 10";

async fn sync(node: &TestNode, peer: &str) {
    let out = node.smarty_async(&["sync", "--peer", peer]).await;
    assert!(out.status.success(), "sync {peer}: {}", String::from_utf8_lossy(&out.stderr));
}

async fn post(node: &TestNode, path: &str, body: &Value) -> Value {
    let res = node.client().post(path, Some(&node.editor), body).await;
    res.expect(201);
    res.json()
}

async fn shadowing_origin_takes_nothing(backend: Backend) {
    let leeds = TestNode::start_configured(backend, "leeds", &[], MANUAL).await;
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&leeds, &tuscany, true);
    pin(&tuscany, &leeds, false);
    let fake = FakePeer::start().await;
    let hostile = Identity::generate("mazovia", 7);
    let file = hostile.jwks_file(leeds.dir.path());
    let out = leeds.smarty(&["peers", "add", "--region", "mazovia", "--url", &fake.url, "--jwks", &file]);
    assert!(out.status.success());

    let mut prato = case_study("Telai intelligenti a Prato");
    prato["themes"] = json!(["predictive-maintenance"]);
    let id = post(&tuscany, "/api/v1/case-studies", &published(prato)).await["id"].as_str().unwrap().to_string();

    // Mazovia, hostile, publishes under Tuscany's id first: its own record, validly signed.
    let mut squat = record("mazovia", "Telai intelligenti a Prato (the real one, honest)", 1);
    squat["id"] = json!(id);
    fake.answer(200, &page(&[seal(squat, &hostile)]));
    sync(&leeds, "mazovia").await;
    sync(&leeds, "tuscany").await;

    // Both are held: neither was refused, and Tuscany's checkpoint proves Leeds holds all of it.
    let peers = leeds.client().get("/api/v1/peers", Some(&leeds.admin)).await.json();
    let status =
        |region: &str| peers["items"].as_array().unwrap().iter().find(|p| p["region"] == region).unwrap().clone();
    assert_eq!(status("mazovia")["records_received"], 1);
    assert_eq!(status("tuscany")["records_received"], 1);
    assert_eq!(status("mazovia")["records_rejected"], 0, "{}", status("mazovia"));
    assert_eq!(status("tuscany")["records_rejected"], 0, "{}", status("tuscany"));
    let all = origins(&leeds).await;
    assert_eq!(origin(&all, "tuscany")["state"], "complete", "{all:?}");

    // The id alone names two records: 300 with both choices; with the origin, each one.
    let c = leeds.client();
    let bare = c.get(&format!("/api/v1/catalogue/records/{id}"), None).await;
    let problem = bare.expect_problem(300, "ambiguous-id");
    let mut choices: Vec<(String, String)> = problem["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ch| (ch["origin"].as_str().unwrap().to_string(), ch["href"].as_str().unwrap().to_string()))
        .collect();
    choices.sort();
    assert_eq!(choices.iter().map(|(o, _)| o.as_str()).collect::<Vec<_>>(), ["mazovia", "tuscany"]);
    for (region, href) in &choices {
        let res = c.get(href, None).await;
        res.expect(200);
        assert_eq!(res.json()["origin"], region.as_str());
    }
    let real = c.get(&format!("/api/v1/catalogue/records/{id}?origin=tuscany"), None).await;
    assert_eq!(real.expect(200).json()["content"]["title"], "Telai intelligenti a Prato");
    c.get(&format!("/api/v1/catalogue/records/{id}?origin=leeds"), None).await.expect_problem(404, "not-found");
    c.get(&format!("/api/v1/catalogue/records/{id}?origin=Leeds"), None).await.expect_problem(400, "validation");

    // The page: a choice of both; with the origin, Tuscany's.
    let page = c.get(&format!("/records/{id}"), None).await;
    page.expect(300);
    assert!(page.text.contains(&format!("/records/{id}?origin=tuscany")), "{}", page.text);
    assert!(page.text.contains(&format!("/records/{id}?origin=mazovia")), "{}", page.text);
    let page = c.get(&format!("/records/{id}?origin=tuscany&utm_source=x"), None).await;
    page.expect(200);
    assert!(page.text.contains("Telai intelligenti a Prato") && !page.text.contains("honest"), "{}", page.text);

    // Search finds both, each linked by origin.
    let found = search_until(&leeds, "q=telai", |r| r["total"] == 2).await;
    let mut hits: Vec<String> =
        found["hits"].as_array().unwrap().iter().map(|h| h["origin"].as_str().unwrap().into()).collect();
    hits.sort();
    assert_eq!(hits, ["mazovia", "tuscany"]);

    // A plan may not cite the id alone now; by origin and id it cites Tuscany's practice.
    let instrument = post(&leeds, "/api/v1/policy-instruments", &published(policy_instrument("WY Plan"))).await;
    let instrument = instrument["id"].as_str().unwrap();
    let refused = c.post("/api/v1/action-plans", Some(&leeds.editor), &published(plan(instrument, &[&[&id]]))).await;
    assert_eq!(refused.field_errors(), ["content.actions[0].inspired_by[0]"]);
    assert!(refused.text.contains("mazovia, tuscany"), "{}", refused.text);
    let mut cited = plan(instrument, &[&[]]);
    cited["actions"][0]["inspired_by"] = json!([{"origin": "tuscany", "id": id}]);
    let created = post(&leeds, "/api/v1/action-plans", &published(cited)).await;
    let plan_id = created["id"].as_str().unwrap();
    let served = c.get(&format!("/api/v1/catalogue/records/{plan_id}"), None).await.expect(200).json();
    let citation = &served["content"]["actions"][0]["citations"][0];
    assert_eq!(citation["origin"], "tuscany", "{citation}");
    assert_eq!(citation["status"], "available", "{citation}");
    assert_eq!(citation["title"], "Telai intelligenti a Prato", "{citation}");

    // Its influence is Tuscany's record's, not the squatter's.
    let influence = |origin: &str| format!("/api/v1/catalogue/records/{id}/influence?origin={origin}");
    assert_eq!(c.get(&influence("tuscany"), None).await.expect(200).json()["items"].as_array().unwrap().len(), 1);
    assert_eq!(c.get(&influence("mazovia"), None).await.expect(200).json()["items"].as_array().unwrap().len(), 0);
    c.get(&format!("/api/v1/catalogue/records/{id}/influence"), None).await.expect_problem(300, "ambiguous-id");
}

async fn a_citation_by_id_alone_is_written_with_its_origin(backend: Backend) {
    let leeds = TestNode::start_configured(backend, "leeds", &[], MANUAL).await;
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&leeds, &tuscany, true);
    pin(&tuscany, &leeds, false);
    let id = post(&tuscany, "/api/v1/case-studies", &published(case_study("Prato"))).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    sync(&leeds, "tuscany").await;
    let instrument = post(&leeds, "/api/v1/policy-instruments", &published(policy_instrument("WY Plan"))).await;
    let created =
        post(&leeds, "/api/v1/action-plans", &published(plan(instrument["id"].as_str().unwrap(), &[&[&id]]))).await;
    assert_eq!(created["content"]["actions"][0]["inspired_by"], json!([{"origin": "tuscany", "id": id}]));
    // As signed and served to peers, too.
    let plan_id = created["id"].as_str().unwrap();
    let own = leeds.client().get(&format!("/api/v1/action-plans/{plan_id}"), None).await.expect(200).json();
    assert_eq!(own["content"]["actions"][0]["inspired_by"], json!([{"origin": "tuscany", "id": id}]));
}

crate::on_both_backends!(shadowing_origin_takes_nothing, a_citation_by_id_alone_is_written_with_its_origin);

/// A plan signed before citations named origins cites by id alone: it resolves to the one
/// practice of that id until another origin squats the id, and then to none (`ambiguous`), so
/// the squatter takes no influence; a squat of this node's own id leaves its record as it was.
#[tokio::test]
async fn a_later_squat_takes_no_citation_and_no_own_record() {
    let leeds = TestNode::start_configured(Backend::Sqlite, "leeds", &[], MANUAL).await;
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&leeds, &tuscany, true);
    pin(&tuscany, &leeds, false);
    let fake = FakePeer::start().await;
    let mazovia = Identity::generate("mazovia", 9);
    let file = mazovia.jwks_file(leeds.dir.path());
    let out = leeds.smarty(&["peers", "add", "--region", "mazovia", "--url", &fake.url, "--jwks", &file]);
    assert!(out.status.success());

    let id = post(&tuscany, "/api/v1/case-studies", &published(case_study("Prato"))).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let own =
        post(&leeds, "/api/v1/case-studies", &published(case_study("Mills"))).await["id"].as_str().unwrap().to_string();
    sync(&leeds, "tuscany").await;
    // Mazovia's plan, in the form signed before citations named their origin.
    let mut old_plan = record("mazovia", "unused", 1);
    old_plan["kind"] = json!("action_plan");
    old_plan["content"] = plan("0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60", &[&[&id]]);
    let plan_id = old_plan["id"].as_str().unwrap().to_string();
    fake.answer(200, &page(&[seal(old_plan, &mazovia)]));
    sync(&leeds, "mazovia").await;

    let c = leeds.client();
    let citation = |served: &Value| served["content"]["actions"][0]["citations"][0].clone();
    let influence = format!("/api/v1/catalogue/records/{id}/influence?origin=tuscany");
    let served = c.get(&format!("/api/v1/catalogue/records/{plan_id}"), None).await.expect(200).json();
    assert_eq!(served["content"]["actions"][0]["inspired_by"], json!([id]), "served as signed");
    assert_eq!(citation(&served)["origin"], "tuscany");
    assert_eq!(citation(&served)["status"], "available");
    assert_eq!(c.get(&influence, None).await.expect(200).json()["items"].as_array().unwrap().len(), 1);
    let bare = c.get(&format!("/api/v1/catalogue/records/{id}/influence"), None).await.expect(200).json();
    assert_eq!((bare["origin"].as_str(), bare["items"].as_array().unwrap().len()), (Some("tuscany"), 1));

    // Mazovia squats Tuscany's id and Leeds's own.
    let squat = |id: &str| {
        let mut r = record("mazovia", "Squatted", 1);
        r["id"] = json!(id);
        seal(r, &mazovia)
    };
    fake.answer(200, &page(&[squat(&id), squat(&own)]));
    sync(&leeds, "mazovia").await;
    let served = c.get(&format!("/api/v1/catalogue/records/{plan_id}"), None).await.expect(200).json();
    assert_eq!(citation(&served)["status"], "ambiguous", "{}", citation(&served));
    assert_eq!(citation(&served)["title"], "", "no guess at which record was meant");
    assert_eq!(c.get(&influence, None).await.expect(200).json()["items"].as_array().unwrap().len(), 0);

    // Leeds's own record: its API and its editors' view are as they were.
    let mine = c.get(&format!("/api/v1/case-studies/{own}"), Some(&leeds.editor)).await.expect(200).json();
    assert_eq!((mine["origin"].as_str(), mine["content"]["title"].as_str()), (Some("leeds"), Some("Mills")));
    let listed = c.get("/api/v1/case-studies", Some(&leeds.editor)).await.expect(200).json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");
    c.get(&format!("/api/v1/catalogue/records/{own}"), None).await.expect_problem(300, "ambiguous-id");
    let at_leeds = c.get(&format!("/api/v1/catalogue/records/{own}?origin=leeds"), None).await.expect(200).json();
    assert_eq!(at_leeds["content"]["title"], "Mills");
    // Neither squat was refused: each is Mazovia's own record, verified with Mazovia's key.
    let peers = c.get("/api/v1/peers", Some(&leeds.admin)).await.json();
    let m = peers["items"].as_array().unwrap().iter().find(|p| p["region"] == "mazovia").unwrap();
    assert_eq!((m["records_received"].as_i64(), m["records_rejected"].as_i64()), (Some(3), Some(0)), "{m}");
}
