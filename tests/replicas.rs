//! Several `smarty serve` replicas of one node on one PostgreSQL: the sync of a peer is leased
//! through the store, so two replicas never pull the same peer at once, and when the replica
//! holding the lease dies (SIGKILL, mid-sync) another takes the sync over (at once on demand,
//! within `takeover_secs` on schedule), with nothing applied twice. Writes on one replica are
//! read, and found, on the others, and the feed is one sequence whichever replica serves it.

use crate::support::fake_peer::FakePeer;
use crate::support::peer::Identity;
use crate::support::samples::{case_study, published};
use crate::support::{Backend, TestNode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::Signer;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

const SYNC: &str = "[sync]\nschedule = \"off\"\nretries = 1\nbackoff_ms = 10\nread_timeout_secs = 30";

/// One record of `by`'s region, signed as its origin would sign it.
fn signed_record(by: &Identity, title: &str) -> Value {
    let mut change = json!({
        "id": uuid::Uuid::now_v7().to_string(), "kind": "case_study", "origin": by.region, "version": 1,
        "status": "published", "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-02T00:00:00.000000Z",
        "content": {
            "title": title, "summary": "s", "description": "d", "intervention": "direct", "themes": ["vr-simulation"],
            "language": "pl", "main_institution": "Politechnika", "location": {"nuts": "PL92", "name": "Radom"},
            "period": {"start": "2022-01-01"}
        }
    });
    let bytes = serde_jcs::to_vec(&change).unwrap();
    let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    change["hash"] = json!(format!("sha256:{hex}"));
    change["signature"] =
        json!({"alg": "EdDSA", "kid": by.kid, "value": URL_SAFE_NO_PAD.encode(by.key.sign(&bytes).to_bytes())});
    change
}

async fn sync(client: &crate::support::http::Client, admin: &str) -> crate::support::http::Response {
    client.send(reqwest::Method::POST, "/api/v1/peers/mazovia/sync", Some(admin), &[], None).await
}

/// Waits for the replica to record a successful pull from Mazovia, which applied its one record
/// once.
async fn synced_once(replica: &crate::support::node::Replica, admin: &str) {
    let status = until("the sync to finish", async || {
        let peers = replica.client().get("/api/v1/peers", Some(admin)).await.json();
        let peer = peers["items"].as_array().unwrap().iter().find(|p| p["region"] == "mazovia").cloned().unwrap();
        peer["last_success_at"].is_string().then_some(peer)
    })
    .await;
    assert_eq!(status["records_received"], 1, "applied once: {status}");
}

async fn until<T>(what: &str, mut probe: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(done) = probe().await {
            return done;
        }
        assert!(Instant::now() < deadline, "{what} never happened");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_is_synced_by_one_replica_at_a_time_and_taken_over_when_it_dies() {
    let node = TestNode::start_configured(Backend::Postgres, "leeds", &[], SYNC).await;
    let mut first = node.replica("first");
    let second = node.replica("second");
    let fake = FakePeer::start().await;
    let mazovia = Identity::generate("mazovia", 9);
    let jwks = mazovia.jwks_file(node.dir.path());
    let out = node.smarty(&["peers", "add", "--region", "mazovia", "--url", &fake.url, "--jwks", &jwks]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // A write on one replica is read on every other at once (the store is the truth), and
    // found by each one's own index.
    let created = first
        .client()
        .post("/api/v1/case-studies", Some(&node.editor), &published(case_study("Written on the first")))
        .await;
    let id = created.json()["id"].as_str().unwrap().to_string();
    second.client().get(&format!("/api/v1/case-studies/{id}"), Some(&node.editor)).await.expect(200);
    for replica in [&first, &second] {
        until("the write in every replica's index", async || {
            let res = replica.client().get("/api/v1/catalogue/search?q=written", Some(&node.reader)).await;
            (res.json()["total"] == 1).then_some(())
        })
        .await;
    }

    // Concurrent writes on all three processes of the node share one change sequence: every
    // replica's index finds all of them, and a peer reading the feed a page at a time, from
    // each replica in turn, gets every record once, with no gap and no duplicate.
    let processes = [node.client(), first.client(), second.client()];
    let editor = node.editor.as_str();
    let writes = processes.iter().enumerate().flat_map(|(p, client)| {
        (0..10).map(move |i| {
            let body = published(case_study(&format!("Concurrent {p}-{i}")));
            async move {
                client.post("/api/v1/case-studies", Some(editor), &body).await.json()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            }
        })
    });
    let mut written: Vec<String> = futures_util::future::join_all(writes).await;
    written.push(id.clone());
    for replica in &processes {
        until("every write in every replica's index", async || {
            let res = replica.get("/api/v1/catalogue/search?q=concurrent&limit=50", Some(&node.reader)).await;
            (res.json()["total"] == 30).then_some(())
        })
        .await;
    }
    let tuscany = Identity::generate("tuscany", 3);
    let pinned = tuscany.jwks_file(node.dir.path());
    assert!(node.smarty(&["peers", "add", "--region", "tuscany", "--jwks", &pinned]).status.success());
    let bases = [node.base.clone(), first.base.clone(), second.base.clone()];
    let (mut seen, mut since, mut turn) = (Vec::new(), None::<String>, 0);
    loop {
        let base = &bases[turn % 3];
        let path = "/federation/v1/changes";
        let now = chrono::Utc::now().timestamp();
        let claims = json!({"iss": "tuscany", "aud": "leeds", "iat": now, "exp": now + 120,
            "jti": uuid::Uuid::new_v4().to_string(), "htm": "GET", "htu": format!("{base}{path}")});
        let token = tuscany.sign(&tuscany.header(), &claims);
        let query = since.as_ref().map_or(format!("{path}?limit=7"), |s| format!("{path}?limit=7&since={s}"));
        let page = crate::support::http::Client::new(base).get(&query, Some(&token)).await;
        let page = page.json();
        seen.extend(page["changes"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()));
        since = page["next"].as_str().map(str::to_string);
        turn += 1;
        if page["more"] != true {
            break;
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "a record came twice across the replicas' feeds");
    written.sort();
    assert_eq!(unique, written, "the feed across the replicas has a gap");

    // The first replica starts pulling from a peer that never answers: it holds the lease.
    fake.go_silent();
    sync(&first.client(), &node.admin).await.expect(202);
    until("the first replica asking the peer", async || (fake.requests() >= 1).then_some(())).await;
    // Any replica refuses to start a second pull of the same peer meanwhile.
    sync(&second.client(), &node.admin).await.expect_problem(409, "conflict");
    sync(&first.client(), &node.admin).await.expect_problem(409, "conflict");

    // The holder dies mid-sync; its lease goes with its connections, and the second replica
    // takes the sync over as soon as it asks.
    first.kill();
    let record = signed_record(&mazovia, "Pulled after the takeover");
    fake.answer(200, json!({"changes": [record], "next": "MQ", "more": false}).to_string().as_bytes());
    until("the second replica taking the sync over", async || {
        let res = sync(&second.client(), &node.admin).await;
        (res.status == 202).then_some(())
    })
    .await;
    synced_once(&second, &node.admin).await;
    let held = second
        .client()
        .get(&format!("/api/v1/catalogue/records/{}", record["id"].as_str().unwrap()), Some(&node.reader))
        .await;
    held.expect(200);
    // And the node's first process (which never synced) reads it from the same store.
    node.client()
        .get(&format!("/api/v1/catalogue/records/{}", record["id"].as_str().unwrap()), Some(&node.reader))
        .await
        .expect(200);
}

/// The local TCP ports of the sockets a process holds open.
fn local_ports(pid: u32) -> Vec<u16> {
    let inodes: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|fds| fds.flatten().filter_map(|fd| std::fs::read_link(fd.path()).ok()).collect::<Vec<_>>())
        .unwrap_or_default()
        .iter()
        .filter_map(|l| l.to_str()?.strip_prefix("socket:[")?.strip_suffix(']').map(str::to_string))
        .collect();
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default()
        + &std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let port = u16::from_str_radix(cols.get(1)?.rsplit(':').next()?, 16).ok()?;
            inodes.contains(&cols.get(9)?.to_string()).then_some(port)
        })
        .collect()
}

/// The client port of the PostgreSQL session that holds a granted advisory lock (a lease).
fn lease_holder_port(database_url: &str) -> Option<u16> {
    use smarty_schema::diesel::sql_types::{Integer, Nullable};
    use smarty_schema::diesel::{self, Connection, RunQueryDsl};
    let mut c = diesel::PgConnection::establish(database_url).unwrap();
    let holder = "(SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
                  WHERE l.locktype = 'advisory' AND l.granted LIMIT 1)";
    let port: Option<i32> = diesel::select(diesel::dsl::sql::<Nullable<Integer>>(holder)).get_result(&mut c).unwrap();
    port.and_then(|p| u16::try_from(p).ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_sync_whose_replica_dies_is_taken_over() {
    // Two replicas run the same schedule; the node's first process is stopped, so they are the
    // only ones.
    let sync = "[sync]\nschedule = \"off\"\njitter_minutes = 0\ntakeover_secs = 1\nretries = 0\nread_timeout_secs = 60";
    let mut node = TestNode::start_configured(Backend::Postgres, "leeds", &[], sync).await;
    let fake = FakePeer::start().await;
    let mazovia = Identity::generate("mazovia", 11);
    let jwks = mazovia.jwks_file(node.dir.path());
    let out = node.smarty(&["peers", "add", "--region", "mazovia", "--url", &fake.url, "--jwks", &jwks]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    fake.go_silent();
    node.stop();
    // The round is due a few seconds after the replicas start (time to start both, even on a
    // busy machine).
    let at = (chrono::Utc::now() + chrono::Duration::seconds(6)).format("%H:%M:%S").to_string();
    let text = std::fs::read_to_string(&node.config).unwrap();
    std::fs::write(&node.config, text.replace("schedule = \"off\"", &format!("schedule = \"{at}\""))).unwrap();
    let mut replicas = [node.replica("a"), node.replica("b")];

    // At the scheduled time one replica takes the lease and waits on the silent peer.
    until("the scheduled round asking the peer", async || (fake.requests() >= 1).then_some(())).await;
    let port = until("a lease held", async || lease_holder_port(&node.database_url)).await;
    let holder = replicas
        .iter()
        .position(|r| r.pid().is_some_and(|pid| local_ports(pid).contains(&port)))
        .expect("the lease's session belongs to one of the replicas");
    assert_eq!(fake.requests(), 1, "the other replica did not pull the same peer meanwhile");

    // It dies mid-sync; the other, which found the peer leased, takes the sync over.
    let record = signed_record(&mazovia, "Pulled by the replica that took over");
    fake.answer(200, json!({"changes": [record], "next": "MQ", "more": false}).to_string().as_bytes());
    replicas[holder].kill();
    let other = &replicas[1 - holder];
    synced_once(other, &node.admin).await;
    let id = record["id"].as_str().unwrap();
    other.client().get(&format!("/api/v1/catalogue/records/{id}"), Some(&node.reader)).await.expect(200);
}
