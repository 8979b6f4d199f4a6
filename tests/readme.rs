//! The README works as written: every block fenced ```` ```sh walkthrough ```` is pasted, in
//! order, into one bash (errors stop it), with the demo running in the background on its
//! default ports, from a folder that holds the repository's `docs/` as a fresh clone would.
//! The blocks check their own results (`curl -f`, `jq -e`, `grep`). `cargo` lines are left out:
//! the test runs the debug binary this test build made. Needs ports 8080–8086 and 9080–9082.

use crate::support::node::BIN;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The walk-through blocks of the README, in order.
fn walkthroughs(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in readme.lines() {
        match &mut current {
            None if line.trim() == "```sh walkthrough" => current = Some(Vec::new()),
            None => {}
            Some(_) if line.trim() == "```" => blocks.push(current.take().unwrap().join("\n")),
            Some(block) => block.push(line),
        }
    }
    assert!(current.is_none(), "an unclosed walk-through block");
    blocks
}

#[test]
fn every_walkthrough_of_the_readme_runs_as_written() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let blocks = walkthroughs(&readme);
    assert!(blocks.len() >= 4, "the README lost its walk-throughs");
    let script: Vec<String> = std::iter::once("set -euo pipefail".to_string())
        .chain(blocks.iter().flat_map(|b| b.lines().map(str::to_string)))
        .filter(|line| !line.trim_start().starts_with("cargo "))
        .collect();

    // A fresh folder with the repository's docs/, as a new clone has them.
    let here = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(repo.join("docs"), here.path().join("docs")).unwrap();
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());

    // The demo, as `cargo run --release -- demo` starts it, until it says it is ready.
    let mut demo = Command::new(BIN)
        .arg("demo")
        .current_dir(here.path())
        .env_remove("SMARTY_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(demo.stdout.take().unwrap()).lines();
    let mut said = Vec::new();
    for line in lines {
        let line = line.unwrap();
        let ready = line.starts_with("Press Ctrl-C");
        said.push(line);
        if ready {
            break;
        }
    }
    assert!(said.last().is_some_and(|l| l.starts_with("Press Ctrl-C")), "the demo did not start: {said:?}");

    let mut bash = Command::new("bash")
        .arg("-c")
        .arg(script.join("\n"))
        .current_dir(here.path())
        .env("PATH", &path)
        .env_remove("SMARTY_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: a walk-through that hangs fails the test rather than the run.
    let deadline = std::time::Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = bash.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = bash.kill();
            break bash.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = demo.kill();
    let _ = demo.wait();
    let out = bash.wait_with_output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(status.success(), "a README walk-through failed ({status}):\n{stdout}\n{stderr}");
    // What the blocks print that a reader is told to expect.
    assert!(stdout.contains("etag: \"1\"") || stdout.contains("ETag: \"1\""), "the ETag of version 1: {stdout}");
    assert!(stdout.contains("tuscany"), "smarty peers list names the peer: {stdout}");
    assert!(stdout.contains("id,kind,origin,origin_name,title"), "the CSV export's header: {stdout}");
}
