//! Action plans, monitoring, region profiles and how practices travel between regions.

use crate::support::peer::pin;
use crate::support::samples::{case_study, policy_instrument, published};
use crate::support::{Backend, TestNode};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

pub fn plan(instrument: &str, cites: &[&[&str]]) -> Value {
    let actions: Vec<Value> = cites
        .iter()
        .enumerate()
        .map(|(i, ids)| {
            json!({
                "number": i + 1, "title": format!("Działanie {}", i + 1), "description": "Adapting a partner's practice.",
                "inspired_by": ids, "players": ["Mazovia Development Agency"],
                "timeframe": {"start": "2025-01-01", "end": "2026-12-31"}, "costs": {"amount": "100000", "currency": "PLN"},
                "funding_sources": ["ERDF"], "improvement_type": "new-projects",
                "indicators": [{"name": format!("Firms reached {}", i + 1), "unit": "firms", "baseline": 0, "target": 20}]
            })
        })
        .collect();
    json!({"title": "Plan działania Mazowsze 4.0", "policy_instrument": instrument, "summary": "Mazovia improves its ERDF programme.",
        "language": "pl", "actions": actions})
}

async fn post(node: &TestNode, path: &str, body: &Value) -> Value {
    let res = node.client().post(path, Some(&node.editor), body).await;
    res.expect(201);
    res.json()
}

async fn sync(node: &TestNode) {
    let out = node.smarty_async(&["sync"]).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

/// Three regions, fully meshed: Tuscany and Leeds publish practices; Mazovia cites them.
async fn three_regions() -> (TestNode, TestNode, TestNode, String, String) {
    let tuscany = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    let leeds = TestNode::start_with(Backend::Sqlite, "leeds", &[]).await;
    let mazovia = TestNode::start_with(Backend::Sqlite, "mazovia", &[]).await;
    for a in [&tuscany, &leeds, &mazovia] {
        for b in [&tuscany, &leeds, &mazovia] {
            if a.region != b.region {
                pin(a, b, true);
            }
        }
    }
    let mut prato = case_study("Manutenzione predittiva a Prato");
    prato["themes"] = json!(["predictive-maintenance"]);
    let p_tuscany = post(&tuscany, "/api/v1/case-studies", &published(prato)).await["id"].as_str().unwrap().to_string();
    let mut mills = case_study("Smart logistics for Leeds mills");
    mills["themes"] = json!(["smart-logistics"]);
    let p_leeds = post(&leeds, "/api/v1/case-studies", &published(mills)).await["id"].as_str().unwrap().to_string();
    sync(&mazovia).await;
    (tuscany, leeds, mazovia, p_tuscany, p_leeds)
}

#[tokio::test]
async fn lineage_withdrawal_and_monitoring_across_three_nodes() {
    let (tuscany, leeds, mazovia, p_tuscany, p_leeds) = three_regions().await;
    let instrument = post(&mazovia, "/api/v1/policy-instruments", &published(policy_instrument("RPO WM"))).await;
    let instrument = instrument["id"].as_str().unwrap();
    let created =
        post(&mazovia, "/api/v1/action-plans", &published(plan(instrument, &[&[&p_tuscany], &[&p_tuscany, &p_leeds]])))
            .await;
    let plan_id = created["id"].as_str().unwrap().to_string();
    let plan_url = format!("/api/v1/action-plans/{plan_id}");

    // Monitoring: reports kept in period order, each a new version; a period only once.
    let report = |period: &str| {
        json!({"period": period, "indicators": [{"name": "Firms reached 1", "value": 5}],
        "narrative": "First firms reached.", "actions": [{"number": 1, "status": "on-track"}, {"number": 2, "status": "delayed"}]})
    };
    let c = mazovia.client();
    let res = c
        .send(
            reqwest::Method::POST,
            &format!("{plan_url}/monitoring"),
            Some(&mazovia.editor),
            &[("if-match", "\"1\"")],
            Some(("application/json", report("2026-S1").to_string().into_bytes())),
        )
        .await;
    res.expect(201);
    assert_eq!(res.header("etag").as_deref(), Some("\"2\""));
    let res = c
        .send(
            reqwest::Method::POST,
            &format!("{plan_url}/monitoring"),
            Some(&mazovia.editor),
            &[("if-match", "\"2\"")],
            Some(("application/json", report("2025-S2").to_string().into_bytes())),
        )
        .await;
    res.expect(201);
    let stored = c.get(&plan_url, None).await.json();
    let periods: Vec<&str> =
        stored["content"]["monitoring"].as_array().unwrap().iter().map(|m| m["period"].as_str().unwrap()).collect();
    assert_eq!(periods, ["2025-S2", "2026-S1"]);
    assert_eq!(stored["version"], 3);
    let again = c
        .send(
            reqwest::Method::POST,
            &format!("{plan_url}/monitoring"),
            Some(&mazovia.editor),
            &[("if-match", "\"3\"")],
            Some(("application/json", report("2025-S2").to_string().into_bytes())),
        )
        .await;
    again.expect_problem(409, "conflict");
    let stale = c
        .send(
            reqwest::Method::POST,
            &format!("{plan_url}/monitoring"),
            Some(&mazovia.editor),
            &[("if-match", "\"1\"")],
            Some(("application/json", report("2027-S1").to_string().into_bytes())),
        )
        .await;
    stale.expect_problem(412, "precondition-failed");

    // Lineage, seen from Tuscany after a round (Leeds syncs too: every node has every record).
    sync(&tuscany).await;
    sync(&leeds).await;
    let influence = tuscany.get(&format!("/api/v1/catalogue/records/{p_tuscany}/influence"), None).await.json();
    assert_eq!(influence["record_id"], p_tuscany.as_str());
    let items = influence["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i["region"] == "mazovia" && i["action_plan_id"] == plan_id.as_str()));
    let numbers: Vec<u64> = items.iter().map(|i| i["action_number"].as_u64().unwrap()).collect();
    assert!(numbers.contains(&1) && numbers.contains(&2));
    let transfers = tuscany.get("/api/v1/catalogue/transfers", None).await.json();
    let regions: Vec<&str> = transfers["regions"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    let at = |r: &str| regions.iter().position(|x| *x == r).unwrap();
    assert_eq!(transfers["matrix"][at("tuscany")][at("mazovia")], 2);
    assert_eq!(transfers["matrix"][at("leeds")][at("mazovia")], 1);
    assert_eq!(transfers["matrix"][at("mazovia")][at("tuscany")], 0);
    assert_eq!(transfers["by_theme"]["predictive-maintenance"][at("tuscany")][at("mazovia")], 2);
    assert_eq!(transfers["by_theme"]["smart-logistics"][at("leeds")][at("mazovia")], 1);
    // The monitoring history travelled with the plan, in order.
    let copy = tuscany.get(&format!("/api/v1/catalogue/records/{plan_id}"), None).await.json();
    assert_eq!(copy["version"], 3);
    let periods: Vec<&str> =
        copy["content"]["monitoring"].as_array().unwrap().iter().map(|m| m["period"].as_str().unwrap()).collect();
    assert_eq!(periods, ["2025-S2", "2026-S1"]);
    // Practices cited most come first when asked.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let r = tuscany.get("/api/v1/catalogue/search?kind=case_study&sort=inspired", None).await.json();
        if r["total"] == 2 {
            assert_eq!(r["hits"][0]["id"], p_tuscany.as_str());
            break;
        }
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Tuscany withdraws its practice: the citing actions stay readable, the practice marked.
    let withdrawn = json!({"status": "withdrawn", "content": case_study("Manutenzione predittiva a Prato")});
    tuscany
        .client()
        .put(&format!("/api/v1/case-studies/{p_tuscany}"), Some(&tuscany.editor), Some("\"1\""), &withdrawn)
        .await
        .expect(200);
    sync(&mazovia).await;
    sync(&leeds).await;
    for node in [&mazovia, &leeds] {
        let record = node.get(&format!("/api/v1/catalogue/records/{plan_id}"), None).await.json();
        // Citations are part of the contract: a generated client reads them.
        crate::support::conforms::assert_conforms("CatalogueRecord", &record);
        let citations = &record["content"]["actions"][1]["citations"];
        let prato = citations.as_array().unwrap().iter().find(|c| c["id"] == p_tuscany.as_str()).unwrap();
        assert_eq!(prato["status"], "withdrawn", "{}: {citations}", node.region);
        assert_eq!(prato["title"], "Manutenzione predittiva a Prato");
        assert_eq!(prato["origin"], "tuscany");
        let mills = citations.as_array().unwrap().iter().find(|c| c["id"] == p_leeds.as_str()).unwrap();
        assert_eq!(mills["status"], "available");
        let transfers = node.get("/api/v1/catalogue/transfers", None).await.json();
        assert_eq!(transfers["matrix"][at("tuscany")][at("mazovia")], 2, "withdrawn practices still count");
        assert_eq!(transfers["by_theme"]["predictive-maintenance"][at("tuscany")][at("mazovia")], 2);
    }
    // The record page shows what a practice inspired, and the transfers page the matrix.
    let page = leeds.get(&format!("/records/{p_leeds}"), None).await;
    assert!(page.text.contains("Actions it inspired") && page.text.contains("Działanie 2"));
    let page = leeds.get("/transfers", None).await;
    page.expect(200);
    assert!(page.text.contains("Mazovia"));
    // Each non-zero cell links to the actions behind it; its own-region cell is marked.
    assert!(
        page.text.contains(
            "<a href=\"/transfers/tuscany/mazovia\" aria-label=\"2 actions of Mazovia inspired by Tuscany\">2</a>"
        ),
        "{}",
        page.text
    );
    assert!(!page.text.contains("href=\"/transfers/mazovia/tuscany\""), "a zero cell links nowhere");
    assert!(page.text.contains("class=\"shade-0 own\""));
    let cell = leeds.get("/transfers/tuscany/mazovia", None).await;
    cell.expect(200);
    let linked: Vec<&str> = cell
        .text
        .match_indices(&format!("href=\"/records/{plan_id}?origin=mazovia\""))
        .map(|(i, _)| &cell.text[i..])
        .collect();
    assert_eq!(linked.len(), 2, "the two Mazovian actions citing Tuscany's practice: {}", cell.text);
    let cell = leeds.get("/transfers/leeds/mazovia", None).await;
    assert_eq!(cell.text.matches(&format!("href=\"/records/{plan_id}?origin=mazovia\"")).count(), 1, "{}", cell.text);
    let none = leeds.get("/transfers/mazovia/tuscany", None).await;
    assert!(none.text.contains("No action of Tuscany cites a practice of Mazovia yet."), "{}", none.text);
    leeds.get("/transfers/atlantis/mazovia", None).await.expect(404);
}

#[tokio::test]
async fn a_receiving_node_accepts_citations_it_does_not_hold() {
    let (_tuscany, _leeds, mazovia, p_tuscany, _) = three_regions().await;
    let instrument = post(&mazovia, "/api/v1/policy-instruments", &published(policy_instrument("RPO WM"))).await;
    let created =
        post(&mazovia, "/api/v1/action-plans", &published(plan(instrument["id"].as_str().unwrap(), &[&[&p_tuscany]])))
            .await;
    let lapland = TestNode::start_with(Backend::Sqlite, "lapland", &[]).await;
    pin(&lapland, &mazovia, true);
    pin(&mazovia, &lapland, false);
    sync(&lapland).await;
    let record = lapland.get(&format!("/api/v1/catalogue/records/{}", created["id"].as_str().unwrap()), None).await;
    record.expect(200);
    assert_eq!(record.json()["content"]["actions"][0]["citations"][0]["status"], "unknown");
}

#[tokio::test]
async fn every_action_plan_and_profile_rule_names_its_field() {
    let (_tuscany, _leeds, mazovia, p_tuscany, _) = three_regions().await;
    let instrument = post(&mazovia, "/api/v1/policy-instruments", &published(policy_instrument("RPO WM"))).await;
    let instrument = instrument["id"].as_str().unwrap().to_string();
    let valid = plan(&instrument, &[&[&p_tuscany], &[]]);
    type Case = (Box<dyn Fn(&mut Value)>, &'static str);
    let cases: Vec<Case> = vec![
        (Box::new(|p| p["title"] = json!("")), "content.title"),
        (Box::new(|p| p["summary"] = json!("")), "content.summary"),
        (Box::new(|p| p["language"] = json!("polish")), "content.language"),
        (
            Box::new(|p| p["policy_instrument"] = json!("0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60")),
            "content.policy_instrument",
        ),
        (Box::new(|p| p["actions"] = json!([])), "content.actions"),
        (Box::new(|p| p["actions"][1]["number"] = json!(1)), "content.actions[1].number"),
        (Box::new(|p| p["actions"][0]["title"] = json!("")), "content.actions[0].title"),
        (
            Box::new(|p| p["actions"][0]["inspired_by"] = json!(["0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"])),
            "content.actions[0].inspired_by[0]",
        ),
        (Box::new(|p| p["actions"][0]["inspired_by"] = json!(["nope"])), "content.actions[0].inspired_by[0]"),
        (Box::new(|p| p["actions"][0]["timeframe"]["end"] = json!("2024-01-01")), "content.actions[0].timeframe.end"),
        (Box::new(|p| p["actions"][0]["costs"]["currency"] = json!("ZLOTY")), "content.actions[0].costs.currency"),
        (Box::new(|p| p["actions"][0]["improvement_type"] = json!("magic")), "content.actions[0].improvement_type"),
        (
            Box::new(|p| p["actions"][1]["indicators"][0]["name"] = json!("Firms reached 1")),
            "content.actions[1].indicators[0].name",
        ),
        (Box::new(|p| p["actions"][0]["indicators"][0]["unit"] = json!("")), "content.actions[0].indicators[0].unit"),
        (
            Box::new(|p| p["monitoring"] = json!([{"period": "2025-H1", "narrative": "n"}])),
            "content.monitoring[0].period",
        ),
        (
            Box::new(|p| {
                p["monitoring"] =
                    json!([{"period": "2025-S1", "narrative": "n", "actions": [{"number": 1, "status": "abandoned"}]}]);
            }),
            "content.monitoring[0].actions[0].reason",
        ),
        (
            Box::new(|p| {
                p["monitoring"] =
                    json!([{"period": "2025-S2", "narrative": "n"}, {"period": "2025-S1", "narrative": "n"}]);
            }),
            "content.monitoring[1].period",
        ),
        (
            Box::new(|p| {
                p["monitoring"] =
                    json!([{"period": "2025-S1", "narrative": "n", "indicators": [{"name": "Unknown", "value": 1}]}]);
            }),
            "content.monitoring[0].indicators[0].name",
        ),
        (
            Box::new(|p| {
                p["monitoring"] =
                    json!([{"period": "2025-S1", "narrative": "n", "actions": [{"number": 9, "status": "on-track"}]}]);
            }),
            "content.monitoring[0].actions[0].number",
        ),
        (
            Box::new(|p| {
                p["monitoring"] =
                    json!([{"period": "2025-S1", "narrative": "n", "actions": [{"number": 1, "status": "late"}]}]);
            }),
            "content.monitoring[0].actions[0].status",
        ),
    ];
    for (i, (breaks, field)) in cases.iter().enumerate() {
        let mut content = valid.clone();
        breaks(&mut content);
        let res = mazovia.client().post("/api/v1/action-plans", Some(&mazovia.editor), &published(content)).await;
        assert_eq!(res.field_errors(), [*field], "case {i}: {}", res.text);
    }
    let created = post(&mazovia, "/api/v1/action-plans", &published(valid)).await;
    let url = format!("/api/v1/action-plans/{}/monitoring", created["id"].as_str().unwrap());
    for (report, field) in [
        (json!({"period": "2025", "narrative": "n"}), "period"),
        (json!({"period": "2025-S1", "narrative": ""}), "narrative"),
        (
            json!({"period": "2025-S1", "narrative": "n", "actions": [{"number": 2, "status": "abandoned", "reason": " "}]}),
            "actions[0].reason",
        ),
    ] {
        let res = mazovia
            .client()
            .send(
                reqwest::Method::POST,
                &url,
                Some(&mazovia.editor),
                &[("if-match", "\"1\"")],
                Some(("application/json", report.to_string().into_bytes())),
            )
            .await;
        assert_eq!(res.field_errors(), [field], "{report}");
    }

    // Region profiles: one per node, validated like the rest.
    let profile = json!({"title": "Mazowsze: kontekst Przemysłu 4.0", "summary": "Metalworking around Radom.", "language": "pl",
        "key_sectors": ["metalworking"], "manufacturing_smes": 21000, "support_programmes": ["Bony na innowacje"],
        "mapping_reports": ["https://example.org/mapping.pdf"], "stakeholders": [{"organisation": "MARR", "role": "regional development agency"}]});
    post(&mazovia, "/api/v1/region-profiles", &published(profile.clone())).await;
    let second =
        mazovia.client().post("/api/v1/region-profiles", Some(&mazovia.editor), &published(profile.clone())).await;
    second.expect_problem(409, "conflict");
    for (key, value, field) in [
        ("mapping_reports", json!(["ftp://x"]), "content.mapping_reports[0]"),
        ("stakeholders", json!([{"organisation": "", "role": "r"}]), "content.stakeholders[0].organisation"),
        (
            "stakeholders",
            json!([{"organisation": "o", "role": "r", "email": "a@b.c"}]),
            "content.stakeholders[0].email",
        ),
    ] {
        let mut p = profile.clone();
        p[key] = value;
        let res = mazovia.client().post("/api/v1/region-profiles", Some(&mazovia.editor), &published(p)).await;
        assert_eq!(res.field_errors(), [field]);
    }
}
