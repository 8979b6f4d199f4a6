//! `smarty import` / `smarty export` (all or nothing, every problem named) and
//! `smarty migrate-store` between SQLite and PostgreSQL.

use crate::support::peer::{Identity, feed, pin};
use crate::support::samples::{case_study, policy_instrument};
use crate::support::{Backend, TestNode};
use serde_json::{Value, json};

#[tokio::test]
async fn import_is_all_or_nothing_and_names_each_problem() {
    let node = TestNode::start(Backend::Sqlite).await;
    let instrument = "01930000-0000-7000-8000-000000000001";
    let mut bad_title = case_study("");
    bad_title["title"] = json!("");
    bad_title["location"]["nuts"] = json!("nowhere");
    let mut cites = case_study("Cites the file's instrument");
    cites["policy_instruments"] = json!([instrument]);
    let mut dangling = case_study("Cites nothing known");
    dangling["policy_instruments"] = json!(["01930000-0000-7000-8000-0000000000ff"]);
    let file = json!([
        {"id": instrument, "kind": "policy_instrument", "status": "published", "content": policy_instrument("ERDF")},
        {"kind": "case_study", "status": "published", "content": bad_title},
        {"kind": "case_study", "status": "published", "content": cites},
        {"kind": "case_study", "status": "published", "content": dangling},
        {"kind": "case_study", "origin": "tuscany", "content": case_study("Not ours")},
        {"kind": "case_study", "content": case_study("x"), "colour": "red"},
    ]);
    let path = node.dir.path().join("import.json");
    std::fs::write(&path, file.to_string()).unwrap();
    let out = node.smarty(&["import", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(errors.contains("record 2") && errors.contains("content.title"), "{errors}");
    assert!(errors.contains("content.location.nuts"), "every problem of a record, not the first: {errors}");
    assert!(errors.contains("record 4") && errors.contains("content.policy_instruments[0]"), "{errors}");
    assert!(errors.contains("record 5") && errors.contains("origin"), "{errors}");
    assert!(errors.contains("record 6") && errors.contains("colour"), "{errors}");
    assert!(!errors.contains("record 1 ") && !errors.contains("record 3 "), "valid records are not blamed: {errors}");
    assert!(errors.contains("nothing was imported"));
    let export = node.smarty(&["export"]);
    assert_eq!(serde_json::from_slice::<Value>(&export.stdout).unwrap(), json!([]), "nothing was written");

    // The valid part imports, and exports as the same JSON; an export imports elsewhere.
    let good = json!([file[0], file[2]]);
    std::fs::write(&path, good.to_string()).unwrap();
    let out = node.smarty(&["import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = node.smarty(&["import", path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"), "ids are not imported twice");
    let exported: Value = serde_json::from_slice(&node.smarty(&["export"]).stdout).unwrap();
    assert_eq!(exported.as_array().unwrap().len(), 2);
    let cs = exported.as_array().unwrap().iter().find(|r| r["kind"] == "case_study").unwrap();
    assert_eq!(cs["content"]["contact"]["email"], "r.okafor@example.org", "exports keep contacts");
    assert_eq!(cs["content"]["policy_instruments"], json!([instrument]));
    let other = TestNode::start(Backend::Sqlite).await;
    let moved = other.dir.path().join("moved.json");
    std::fs::write(&moved, exported.to_string()).unwrap();
    assert!(other.smarty(&["import", moved.to_str().unwrap()]).status.success());
    assert_eq!(serde_json::from_slice::<Value>(&other.smarty(&["export"]).stdout).unwrap(), exported);
    // Imported records are live: searchable and served.
    other.get(&format!("/api/v1/policy-instruments/{instrument}"), None).await.expect(200);
}

#[tokio::test]
async fn migrate_store_sqlite_postgres_sqlite_keeps_everything() {
    let mut a = TestNode::start(Backend::Sqlite).await;
    let b = TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await;
    pin(&a, &b, true);
    pin(&b, &a, false);
    let ed = a.editor.clone();
    for i in 0..5 {
        a.client()
            .post(
                "/api/v1/case-studies",
                Some(&ed),
                &json!({"status": "published", "content": case_study(&format!("A{i}"))}),
            )
            .await
            .expect(201);
    }
    a.client().post("/api/v1/case-studies", Some(&ed), &json!({"content": case_study("A draft")})).await.expect(201);
    b.client()
        .post(
            "/api/v1/policy-instruments",
            Some(&b.editor),
            &json!({"status": "published", "content": policy_instrument("B")}),
        )
        .await
        .expect(201);
    assert!(a.smarty_async(&["sync"]).await.status.success());
    let reader = Identity::of(&b);
    let before_feed = feed(&a, &reader).await;
    let before_peers = a.get("/api/v1/peers", Some(&a.admin)).await.json();
    a.stop();

    let sqlite = a.database_url.clone();
    let postgres = crate::support::postgres::new_database();
    let back = format!("sqlite://{}", a.dir.path().join("migrated.db").display());
    for (from, to) in [(&sqlite, &postgres), (&postgres, &back)] {
        let out = crate::support::node::cli(&["migrate-store", "--from", from, "--to", to]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("copied 7 record(s)") && said.contains("verified"), "{said}");
        assert!(said.contains("1 peer(s), 3 token(s)") && !said.contains(" 0 replay entries"), "{said}");
    }
    let refused = crate::support::node::cli(&["migrate-store", "--from", &sqlite, "--to", &postgres]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not empty"));

    // The node runs on the migrated store as before: records, hashes, cursors, tokens, drafts.
    a.env.push(("SMARTY_DATABASE_URL".into(), back.clone()));
    a.start_again();
    assert_eq!(feed(&a, &reader).await, before_feed);
    let after_peers = a.get("/api/v1/peers", Some(&a.admin)).await.json();
    assert_eq!(after_peers["items"][0]["cursor"], before_peers["items"][0]["cursor"]);
    assert_eq!(after_peers["items"][0]["records_received"], 1);
    let drafts = a.get("/api/v1/case-studies?status=draft", Some(&ed)).await.json();
    assert_eq!(drafts["items"].as_array().unwrap().len(), 1);
    a.client()
        .post(
            "/api/v1/case-studies",
            Some(&ed),
            &json!({"status": "published", "content": case_study("After the move")}),
        )
        .await
        .expect(201);
}
