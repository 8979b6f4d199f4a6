//! Key rotation and revocation chains: a peer follows an origin's rotations from the feed
//! without an operator exchanging files, a node pinning only the newest key verifies what
//! older keys signed, and a revoked key's records come back re-signed while anything new it
//! signs is refused.

use crate::support::fake_peer::FakePeer;
use crate::support::forge::{page, record, seal, signature};
use crate::support::origins::{origin, origins, publish};
use crate::support::peer::{Identity, feed, pin};
use crate::support::{Backend, TestNode};
use serde_json::Value;

/// Runs `smarty sync` on `node`; what it printed.
async fn sync(node: &TestNode) -> String {
    let out = node.smarty_async(&["sync"]).await;
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn rotate(node: &TestNode) {
    let out = node.smarty(&["keys", "rotate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The kid that signed the change of `id` in `node`'s feed, read as `reader`.
async fn signed_by(node: &TestNode, reader: &Identity, id: &str) -> String {
    let all = feed(node, reader).await;
    let change: &Value = all.iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id} not in the feed"));
    change["signature"]["kid"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_rotations_later_a_node_pinning_only_the_newest_key_verifies_every_record() {
    let (tuscany, leeds) = (
        TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await,
        TestNode::start_with(Backend::Sqlite, "leeds", &[]).await,
    );
    pin(&tuscany, &leeds, true);
    pin(&leeds, &tuscany, true);
    let first = Identity::of(&tuscany).kid;
    let mut ids = vec![publish(&tuscany, "Signed by the first key").await];
    assert!(sync(&leeds).await.contains("tuscany: ok, 1 page(s), 1 applied"));

    // Rotated beside the running server: the next record is signed with the new key, and
    // Leeds, which pinned only the first key, follows the rotation from the feed.
    rotate(&tuscany);
    let second = Identity::of(&tuscany).kid;
    ids.push(publish(&tuscany, "Signed by the second key").await);
    assert_eq!(signed_by(&tuscany, &Identity::of(&leeds), &ids[1]).await, second, "no restart needed");
    let said = sync(&leeds).await;
    assert!(said.contains("tuscany: ok, 1 page(s), 1 applied, 0 unchanged, 0 rejected"), "{said}");
    // Tuscany's tokens, now signed with the second key, are accepted by Leeds too.
    let said = sync(&tuscany).await;
    assert!(said.contains("leeds: ok"), "{said}");
    for title in ["Signed by the third key", "Signed by the fourth key"] {
        rotate(&tuscany);
        ids.push(publish(&tuscany, title).await);
    }
    let said = sync(&leeds).await;
    assert!(said.contains("tuscany: ok, 1 page(s), 2 applied, 0 unchanged, 0 rejected"), "{said}");

    // The key set Tuscany publishes leads with its newest key and carries the chain.
    let set = tuscany.get("/.well-known/jwks.json", None).await.json();
    let newest = Identity::of(&tuscany).kid;
    assert_eq!(set["keys"][0]["kid"], newest.as_str());
    assert_eq!(set["rotations"].as_array().unwrap().len(), 3, "{set}");
    assert_eq!(set["rotations"][0]["previous_key"]["kid"], first.as_str());
    crate::support::conforms::assert_conforms("JwkSet", &set);

    // A fresh node pins only the newest key, and verifies every record through the chain.
    let mazovia = TestNode::start_with(Backend::Sqlite, "mazovia", &[]).await;
    pin(&tuscany, &mazovia, false);
    let only_newest = Identity::of(&tuscany).jwks_file(mazovia.dir.path());
    let add = mazovia.smarty(&["peers", "add", "--region", "tuscany", "--url", &tuscany.base, "--jwks", &only_newest]);
    assert!(add.status.success());
    let said = sync(&mazovia).await;
    assert!(said.contains("tuscany: ok, 1 page(s), 4 applied, 0 unchanged, 0 rejected"), "{said}");
    let all = origins(&mazovia).await;
    assert_eq!(origin(&all, "tuscany")["state"], "complete");
    let kids: std::collections::HashSet<String> = {
        let mut kids = std::collections::HashSet::new();
        for id in &ids {
            kids.insert(signed_by(&mazovia, &Identity::of(&tuscany), id).await);
        }
        kids
    };
    assert_eq!(kids.len(), 4, "four records, four keys");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_keys_records_are_signed_again_and_what_it_signs_after_is_refused() {
    let (tuscany, leeds) = (
        TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await,
        TestNode::start_with(Backend::Sqlite, "leeds", &[]).await,
    );
    pin(&tuscany, &leeds, false);
    pin(&leeds, &tuscany, true);
    let ids = [publish(&tuscany, "Prato").await, publish(&tuscany, "Empoli").await];
    assert!(sync(&leeds).await.contains("tuscany: ok, 1 page(s), 2 applied"));
    // The key is about to be revoked: a thief may hold it.
    let stolen = Identity::of(&tuscany);

    let out = tuscany.smarty(&["keys", "revoke", &stolen.kid, "--reason", "compromise"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("re-signed 2 record(s)"), "{said}");
    let new = Identity::of(&tuscany).kid;
    let set = tuscany.get("/.well-known/jwks.json", None).await.json();
    assert_eq!(set["revocations"][0]["kid"], stolen.kid.as_str(), "{set}");
    assert_eq!(set["revocations"][0]["reason"], "compromise");

    // Leeds reads the revocation and the records signed again, and verifies them anew.
    let said = sync(&leeds).await;
    assert!(said.contains("tuscany: ok, 1 page(s), 2 applied, 0 unchanged, 0 rejected"), "{said}");
    for id in &ids {
        assert_eq!(signed_by(&leeds, &Identity::of(&tuscany), id).await, new);
    }
    assert!(sync(&leeds).await.contains("tuscany: ok, 1 page(s), 0 applied"), "nothing more to do");

    // What the stolen key signs now, served by a relay, is refused with the reason.
    let relay = FakePeer::start().await;
    let relay_key = Identity::generate("mazovia", 42);
    let file = relay_key.jwks_file(leeds.dir.path());
    let add = leeds.smarty(&["peers", "add", "--region", "mazovia", "--url", &relay.url, "--jwks", &file]);
    assert!(add.status.success());
    relay.answer(200, &page(&[seal(record("tuscany", "Forged after the revocation", 1), &stolen)]));
    let said = sync(&leeds).await;
    assert!(said.contains("mazovia: ok, 1 page(s), 0 applied, 0 unchanged, 1 rejected"), "{said}");
    let peers = leeds.get("/api/v1/peers", Some(&leeds.admin)).await.json();
    let mazovia = peers["items"].as_array().unwrap().iter().find(|p| p["region"] == "mazovia").unwrap();
    let reason = mazovia["recent_rejections"][0]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("revoked"), "{mazovia}");
}

/// Pins `peer`'s key set as it publishes it (`smarty keys show`: its keys, statements and
/// recovery key) on `node`, pulling from it.
fn pin_published(node: &TestNode, peer: &TestNode) {
    let shown = peer.smarty(&["keys", "show"]);
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    let file = node.dir.path().join(format!("{}-published.jwks", peer.region));
    std::fs::write(&file, &shown.stdout).unwrap();
    let file = file.to_str().unwrap();
    let out = node.smarty(&["peers", "add", "--region", &peer.region, "--url", &peer.base, "--jwks", file]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A rotation of `origin` from `from` to `to`, made by hand (JCS + Ed25519) as a thief
/// holding `from` would make it.
fn forged_rotation(origin: &str, from: &Identity, to: &Identity) -> Value {
    let unsigned = serde_json::json!({"origin": origin, "previous_key": from.jwk(), "new_key": to.jwk(),
        "issued_at": crate::support::now()});
    let mut rotation = unsigned.clone();
    rotation["signature"] = serde_json::json!(signature(&unsigned, from));
    rotation["countersignature"] = serde_json::json!(signature(&unsigned, to));
    rotation
}

/// A revocation of `origin`'s key `kid` signed by `by`, made by hand (JCS + Ed25519).
fn forged_revocation(origin: &str, kid: &str, by: &Identity) -> Value {
    let mut revocation = serde_json::json!({"origin": origin, "kid": kid, "reason": "compromise",
        "revoked_at": crate::support::now(), "signed_by": by.kid});
    revocation["signature"] = serde_json::json!(signature(&revocation, by));
    revocation
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thief_who_forks_the_stolen_key_loses_to_the_recovery_key() {
    let (tuscany, leeds) = (
        TestNode::start_with(Backend::Sqlite, "tuscany", &[]).await,
        TestNode::start_with(Backend::Sqlite, "leeds", &[]).await,
    );
    pin(&tuscany, &leeds, false);
    pin_published(&leeds, &tuscany);
    let ids = [publish(&tuscany, "Prato").await];
    assert!(sync(&leeds).await.contains("tuscany: ok, 1 page(s), 1 applied"));

    // A thief copies Tuscany's live key and, before the owner notices, rotates it to a key of
    // its own, served with a record of "Tuscany" through a relay Leeds trusts.
    let stolen = Identity::of(&tuscany);
    let thief = Identity::generate("tuscany", 66);
    let fork = forged_rotation("tuscany", &stolen, &thief);
    // The thief also revokes the stolen key with its own, first, to hold that revocation's
    // place: once its key leaves the chain, the stolen key would be merely retired, and what
    // it signed dated before the recovery would verify.
    let squatted = forged_revocation("tuscany", &stolen.kid, &thief);
    let relay = FakePeer::start().await;
    let relay_key = Identity::generate("mazovia", 42);
    let file = relay_key.jwks_file(leeds.dir.path());
    let add = leeds.smarty(&["peers", "add", "--region", "mazovia", "--url", &relay.url, "--jwks", &file]);
    assert!(add.status.success());
    let relayed = |changes: Vec<Value>| {
        serde_json::json!({"changes": changes, "next": "Zm9v", "more": false, "checkpoints": [],
            "key_statements": {"rotations": [fork.clone()], "revocations": [squatted.clone()]}})
        .to_string()
        .into_bytes()
    };
    let planted = seal(record("tuscany", "Planted by the thief", 1), &thief);
    let planted_id = planted["id"].as_str().unwrap().to_string();
    relay.answer(200, &relayed(vec![planted]));
    let said = sync(&leeds).await;
    assert!(said.contains("mazovia: ok, 1 page(s), 1 applied, 0 unchanged, 0 rejected"), "the fork works: {said}");

    // The owner answers with the offline recovery key: a new key, the stolen one revoked.
    let out = tuscany.smarty(&["keys", "recover", "--recovery-key", tuscany.recovery_key.to_str().unwrap()]);
    let told = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{told}{}", String::from_utf8_lossy(&out.stderr));
    assert!(told.contains("re-signed 1 record(s)"), "{told}");
    let new = Identity::of(&tuscany).kid;
    assert_ne!(new, stolen.kid);
    let set = tuscany.get("/.well-known/jwks.json", None).await.json();
    crate::support::conforms::assert_conforms("JwkSet", &set);
    assert_eq!(set["recovery"].as_array().unwrap().len(), 1, "{set}");
    let recovery_kid = set["recovery"][0]["kid"].as_str().unwrap();
    let rotation = set["rotations"].as_array().unwrap().last().unwrap();
    assert_eq!(rotation["recovered_by"], recovery_kid, "{rotation}");
    assert_eq!(set["revocations"][0]["signed_by"], recovery_kid, "{set}");

    // Leeds, which saw the thief's fork first, follows the owner: the recovery key's rotation
    // beats the fork, Tuscany's record comes back signed by the new key, and Tuscany's
    // checkpoint retracts what the thief planted.
    let said = sync(&leeds).await;
    assert!(said.contains("tuscany: ok"), "{said}");
    assert_eq!(signed_by(&leeds, &Identity::of(&tuscany), &ids[0]).await, new);
    let all = origins(&leeds).await;
    assert_eq!(origin(&all, "tuscany")["state"], "complete", "{all:?}");
    let held = feed(&leeds, &Identity::of(&tuscany)).await;
    assert!(held.iter().all(|c| c["id"] != planted_id.as_str()), "the planted record is gone: {held:?}");
    let page = leeds.get(&format!("/api/v1/catalogue/records/{planted_id}"), None).await;
    page.expect_problem(404, "not-found");

    // What the thief signs from now on, with its forked key or the stolen one, is refused,
    // though it dates it long before the recovery (2026-01-02).
    let more = vec![
        seal(record("tuscany", "Planted again", 1), &thief),
        seal(record("tuscany", "Signed with the stolen key", 1), &stolen),
    ];
    relay.answer(200, &relayed(more));
    let said = sync(&leeds).await;
    assert!(said.contains("mazovia: ok, 1 page(s), 0 applied, 0 unchanged, 2 rejected"), "{said}");
}
