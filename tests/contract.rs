//! The contract, checked by the tools integrators use: two OpenAPI linters on the committed
//! document, the schemathesis fuzzer against a live node, and generated clients.

use crate::support::tools::{npm_bin, root};
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
