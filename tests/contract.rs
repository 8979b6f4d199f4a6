//! The contract, checked by the tools integrators use: two OpenAPI linters on the committed
//! document, the schemathesis fuzzer against a live node, and generated clients.

use crate::support::tools::{npm_bin, root, venv_bin};
use crate::support::{Backend, TestNode};
use serde_json::Value;
use std::process::Command;

fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[test]
fn redocly_and_spectral_find_nothing_to_say() {
    let dir = root().join("openapi");
    let out = Command::new(npm_bin("redocly"))
        .args(["lint", "openapi.json", "--config", "redocly.yaml", "--format", "json"])
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .current_dir(&dir)
        .output()
        .expect("run redocly");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("Redocly's report ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    // Warnings do not fail Redocly's exit code, so read its totals: nothing may be reported
    // (the ignore file lists the few operations that have no 4xx answer at all).
    assert_eq!(report["totals"]["errors"], 0, "Redocly: {report:#}");
    assert_eq!(report["totals"]["warnings"], 0, "Redocly: {report:#}");
    let (ok, out) = run(Command::new(npm_bin("spectral"))
        .args(["lint", "openapi.json", "--ruleset", ".spectral.yaml", "--fail-severity", "hint"])
        .current_dir(&dir));
    assert!(ok, "Spectral: {out}");
    assert!(out.contains("No results"), "Spectral: {out}");
}

#[test]
fn a_generated_typescript_client_builds_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let types = dir.path().join("smarty.d.ts");
    let (ok, out) =
        run(Command::new(npm_bin("openapi-typescript")).arg(root().join("openapi/openapi.json")).arg("-o").arg(&types));
    assert!(ok, "openapi-typescript: {out}");
    assert!(!out.contains('⚠'), "openapi-typescript warns: {out}");
    // A partner's code using the generated types, compiled strictly.
    std::fs::copy(root().join("tests/contract/client.ts"), dir.path().join("client.ts")).unwrap();
    let (ok, out) = run(Command::new(npm_bin("tsc"))
        .args(["--noEmit", "--strict", "--target", "es2022", "--moduleResolution", "node", "client.ts", "smarty.d.ts"])
        .current_dir(dir.path()));
    assert!(ok && out.trim().is_empty(), "tsc: {out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_python_client_creates_reads_updates_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let venv = venv_bin("python").parent().unwrap().to_path_buf();
    let path = format!("{}:{}", venv.display(), std::env::var("PATH").unwrap_or_default());
    let out_dir = dir.path().join("client");
    let (ok, out) = run(Command::new(venv_bin("openapi-python-client"))
        .args(["generate", "--path"])
        .arg(root().join("openapi/openapi.json"))
        .arg("--output-path")
        .arg(&out_dir)
        .arg("--config")
        .arg(root().join("tests/contract/python-client.yaml"))
        .env("PATH", &path));
    assert!(ok, "openapi-python-client: {out}");
    assert!(!out.to_lowercase().contains("warning"), "openapi-python-client warns: {out}");

    let node = TestNode::start(Backend::Sqlite).await;
    let (ok, out) = run(Command::new(venv_bin("python"))
        .arg(root().join("tests/contract/python_client.py"))
        .env("PYTHONPATH", &out_dir)
        .env("SMARTY_URL", &node.base)
        .env("SMARTY_TOKEN", &node.editor));
    assert!(ok && out.contains("ok: created, read, updated and deleted"), "the Python client: {out}");
}

/// Every budget lifted: the fuzzer sends thousands of requests from one address.
const FUZZ_LIMITS: &str = "[limits]\nsearch = { per_minute = 100000000, burst = 10000000 }\n\
    export = { per_minute = 100000000, burst = 10000000 }\nfederation = { per_minute = 100000000, burst = 10000000 }\n\
    probes = { per_minute = 100000000, burst = 10000000 }\nauthenticated = { per_minute = 100000000, burst = 10000000 }\n\
    auth_failures = { per_minute = 100000000, burst = 10000000 }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_failure() {
    let node = TestNode::start_configured(Backend::Sqlite, "leeds", &[], FUZZ_LIMITS).await;
    let url = node.url("/openapi.json");
    let auth = format!("Authorization: Bearer {}", node.admin);
    let config = root().join("tests/contract/schemathesis.toml");
    // Its cache and reports go to a folder of the test's own, not into the checkout.
    let scratch = tempfile::tempdir().unwrap();
    let mut cmd = tokio::process::Command::new(venv_bin("schemathesis"));
    cmd.current_dir(scratch.path());
    cmd.arg("--config-file").arg(&config).args(["run", &url, "--checks", "all", "-H", &auth]);
    // Bounded and repeatable: a fixed seed and a fixed number of examples per operation. The
    // federation routes need a peer's token signed for each request, which the peer token
    // tests cover.
    cmd.args(["--seed", "1", "--max-examples", "25", "-w", "2", "--no-color"]);
    for peer_only in
        ["federationChanges", "federationChangesV2", "federationDigest", "federationRecords", "federationSnapshot"]
    {
        cmd.args(["--exclude-operation-id", peer_only]);
    }
    // Registering or changing a subscription resolves the URL it names, and a test message is
    // sent to it: generated URLs would reach beyond loopback. tests/webhooks.rs covers them.
    for outbound in ["createWebhook", "updateWebhook", "testWebhook"] {
        cmd.args(["--exclude-operation-id", outbound]);
    }
    let out = tokio::time::timeout(std::time::Duration::from_secs(600), cmd.output())
        .await
        .expect("schemathesis finished within 10 minutes")
        .expect("run schemathesis");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "schemathesis found failures:\n{text}");
}
