//! A second implementation of the federation protocol, in Python and written from
//! docs/protocol.md alone (tests/peer/smarty_peer.py), interoperates with the node both ways:
//! the node pulls the Python origin's signed feed and checkpoint, and the Python peer pulls
//! the node's feed and snapshot, verifying every record, token and checkpoint itself.

use crate::support::origins::{origin, origins, publish};
use crate::support::samples::case_study;
use crate::support::tools::{root, venv_bin};
use crate::support::{Backend, TestNode};
use tokio::io::AsyncBufReadExt;

fn python(args: &[&str]) -> std::process::Output {
    let out = std::process::Command::new(venv_bin("python"))
        .arg(root().join("tests/peer/smarty_peer.py"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "smarty_peer.py {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_python_peer_written_from_the_protocol_document_interoperates_both_ways() {
    let leeds = TestNode::start_with(Backend::Sqlite, "leeds", &[]).await;
    let dir = leeds.dir.path().to_str().unwrap().to_string();
    python(&["keygen", "--region", "slovenia", "--out", &dir]);
    let (key, jwks) = (format!("{dir}/slovenia.key"), format!("{dir}/slovenia.jwks"));
    let leeds_jwks = format!("{dir}/leeds-own.jwks");
    std::fs::write(&leeds_jwks, leeds.smarty(&["keys", "show"]).stdout).unwrap();
    publish(&leeds, "Kept").await;
    let gone = publish(&leeds, "Deleted").await;
    let path = format!("/api/v1/case-studies/{gone}");
    leeds.client().delete(&path, Some(&leeds.editor), Some("\"1\"")).await.expect(204);

    // The Python origin: four records and a tombstone, in a version 2 feed of its own.
    let mut content = case_study("Ljubljana");
    content.as_object_mut().unwrap().remove("contact");
    let content_file = format!("{dir}/content.json");
    std::fs::write(&content_file, content.to_string()).unwrap();
    let mut origin_peer = tokio::process::Command::new(venv_bin("python"))
        .arg(root().join("tests/peer/smarty_peer.py"))
        .args(["serve", "--region", "slovenia", "--key", &key, "--records", "5", "--content", &content_file])
        .args(["--pin", &format!("leeds={leeds_jwks}")])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut first = String::new();
    let stdout = origin_peer.stdout.take().unwrap();
    tokio::io::BufReader::new(stdout).read_line(&mut first).await.unwrap();
    let url = first.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("{first}")).to_string();

    // The node pulls it, verifying each record and the checkpoint with the pinned key.
    let add = leeds.smarty(&["peers", "add", "--region", "slovenia", "--url", &url, "--jwks", &jwks]);
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let out = leeds.smarty_async(&["sync"]).await;
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success() && said.contains("slovenia: ok, 1 page(s), 5 applied, 0 unchanged, 0 rejected"),
        "{said}"
    );
    let all = origins(&leeds).await;
    let o = origin(&all, "slovenia");
    assert_eq!((o["state"].as_str(), o["held"].as_i64()), (Some("complete"), Some(5)), "{o}");

    // The Python peer pulls the node: its own records and the relayed Python ones, each
    // verified, both checkpoints matched; and it sees replayed and forged tokens refused.
    let slovenia_pin = format!("slovenia={jwks}");
    let leeds_pin = format!("leeds={leeds_jwks}");
    let out = python(&[
        "pull",
        "--region",
        "slovenia",
        "--key",
        &key,
        "--node",
        &leeds.base,
        "--pin",
        &leeds_pin,
        "--pin",
        &slovenia_pin,
    ]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("origin leeds: complete, 2 held, 2 in its checkpoint"), "{said}");
    assert!(said.contains("origin slovenia: complete, 5 held, 5 in its checkpoint"), "{said}");
}
