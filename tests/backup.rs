//! `smarty backup` while the node serves and writes go on, and `smarty restore` into a node
//! that holds nothing: everything acknowledged before the backup started comes back, readable
//! and searchable (the index is rebuilt from the restored store).

use crate::support::peer::Identity;
use crate::support::samples::{case_study, published};
use crate::support::{Backend, TestNode, search_until};
use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[tokio::test]
async fn a_backup_taken_while_writing_restores_everything_acknowledged_before_it() {
    let mut node = TestNode::start(Backend::Sqlite).await;
    let client = node.client();
    let editor = node.editor.clone();
    let create = |client: crate::support::http::Client, editor: String, title: String| async move {
        let res = client.post("/api/v1/case-studies", Some(&editor), &published(case_study(&title))).await;
        res.expect(201);
        res.json()["id"].as_str().unwrap().to_string()
    };
    // A partner region pinned on the node, which reads its feed.
    let partner = Identity::generate("tuscany", 5);
    let pinned = partner.jwks_file(node.dir.path());
    assert!(node.smarty(&["peers", "add", "--region", "tuscany", "--jwks", &pinned]).status.success());
    let mut before = Vec::new();
    for i in 0..20 {
        before.push(create(client.clone(), editor.clone(), format!("Acknowledged before the backup {i}")).await);
    }

    // Writes go on, acknowledged one after another, while the backup runs.
    let writing = Arc::new(AtomicBool::new(true));
    let writer = {
        let (writing, client, editor) = (writing.clone(), client.clone(), editor.clone());
        tokio::spawn(async move {
            let mut during = 0;
            while writing.load(Ordering::Relaxed) {
                create(client.clone(), editor.clone(), format!("Written during the backup {during}")).await;
                during += 1;
            }
            during
        })
    };
    let file = node.dir.path().join("backups").join("leeds.db");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let out = node.smarty_async(&["backup", "--to", file.to_str().unwrap()]).await;
    assert!(out.status.success(), "backup: {}", String::from_utf8_lossy(&out.stderr));
    writing.store(false, Ordering::Relaxed);
    let during = writer.await.unwrap();
    assert!(during > 0, "the backup ran while the node was writing");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the backup holds contacts: as private as the store");
    // A second backup into the same file is refused: nothing is overwritten.
    let again = node.smarty(&["backup", "--to", file.to_str().unwrap()]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("exists"));

    // One more write after the backup, lost with the store; the partner reads the whole feed
    // before the loss, so its cursor is past the backup.
    create(client.clone(), editor.clone(), "Written after the backup".into()).await;
    let (cursor, _) = feed_from(&node, &partner, "").await;

    // A node that holds records is never overwritten by a restore.
    node.stop();
    let refused = node.smarty(&["restore", "--from", file.to_str().unwrap()]);
    assert!(!refused.status.success(), "a restore over a store in use was accepted");
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("not empty"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );

    // The node's machine is lost but for its configuration and key: the store and the index
    // are gone, and the backup brings the node back.
    for name in ["smarty.db", "smarty.db-wal", "smarty.db-shm"] {
        let _ = std::fs::remove_file(node.dir.path().join(name));
    }
    let out = node.smarty(&["restore", "--from", file.to_str().unwrap()]);
    assert!(out.status.success(), "restore: {}", String::from_utf8_lossy(&out.stderr));
    node.start_again();
    let client = node.client();
    for id in &before {
        client.get(&format!("/api/v1/case-studies/{id}"), Some(&node.editor)).await.expect(200);
    }
    // The index is rebuilt from the restored store: the catalogue finds every one of them.
    let found = search_until(&node, "q=acknowledged&limit=100", |b| b["total"].as_u64() >= Some(20)).await;
    assert_eq!(found["total"], 20, "{found}");

    // The partner, pulling on from where it was, is sent everything the restored node writes,
    // however many writes it makes before the partner's next pull.
    let mut after = Vec::new();
    for i in 0..=during + 1 {
        after.push(create(client.clone(), node.editor.clone(), format!("After the restore {i}")).await);
    }
    let (_, sent) = feed_from(&node, &partner, &cursor).await;
    let missing: Vec<&String> = after.iter().filter(|id| !sent.contains(id)).collect();
    assert!(missing.is_empty(), "writes after the restore never reach a partner past the backup: {missing:?}");
}

/// `node`'s feed after `since` (from the start when empty), read as `reader`: the cursor at
/// its end and the ids it holds.
async fn feed_from(node: &TestNode, reader: &Identity, since: &str) -> (String, Vec<String>) {
    let path = "/federation/v1/changes";
    let (mut since, mut ids) = (since.to_string(), Vec::new());
    loop {
        let query =
            if since.is_empty() { format!("{path}?limit=1000") } else { format!("{path}?limit=1000&since={since}") };
        let page = node.client().get(&query, Some(&reader.token(node, path))).await.json();
        ids.extend(page["changes"].as_array().unwrap().iter().filter_map(|c| c["id"].as_str().map(str::to_string)));
        since = page["next"].as_str().unwrap().to_string();
        if page["more"] != true {
            return (since, ids);
        }
    }
}

#[tokio::test]
async fn a_postgres_node_is_pointed_at_pg_dump() {
    let node = TestNode::start(Backend::Postgres).await;
    let file = node.dir.path().join("leeds.db");
    let out = node.smarty(&["backup", "--to", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("pg_dump") && said.contains("pg_restore"), "{said}");
    assert!(!file.exists(), "nothing was written");
    let out = node.smarty(&["restore", "--from", file.to_str().unwrap()]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("pg_restore"));
}
