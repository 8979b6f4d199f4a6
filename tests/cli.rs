//! The command line: init, configuration checks and help.

use crate::support::node::cli;
use crate::support::{Backend, TestNode};

#[tokio::test]
async fn init_refuses_to_overwrite_a_node() {
    let node = TestNode::start(Backend::Sqlite).await;
    let before = std::fs::read(&node.config).unwrap();
    let key_before = std::fs::read(node.dir.path().join("node.key")).unwrap();
    let dir = node.dir.path().to_str().unwrap();
    let out = cli(&["init", "--region", "tuscany", "--data-dir", dir]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to overwrite"));
    assert_eq!(std::fs::read(&node.config).unwrap(), before);
    assert_eq!(std::fs::read(node.dir.path().join("node.key")).unwrap(), key_before);
    node.get("/readyz", None).await.expect(200);
}

#[test]
fn init_writes_a_private_key_only_its_owner_reads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("lapland");
    // A recovery key inside the data folder would be taken with the node key: refused.
    let inside = data.join("recovery.key");
    let out = cli(&[
        "init",
        "--region",
        "lapland",
        "--data-dir",
        data.to_str().unwrap(),
        "--recovery-key",
        inside.to_str().unwrap(),
    ]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("outside the data folder"));
    assert!(!data.join("smarty.toml").exists(), "nothing created");
    let out = cli(&["init", "--region", "lapland", "--data-dir", data.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The node key inside, the recovery key beside the data folder: both only for the owner.
    for key in [data.join("node.key"), dir.path().join("lapland-recovery.key")] {
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", key.display());
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("lapland-recovery.key"), "init says where it is");
    let bad = cli(&["init", "--region", "atlantis", "--data-dir", dir.path().join("x").to_str().unwrap()]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("atlantis"));
}

#[test]
fn configuration_errors_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let recovery = tempfile::tempdir().unwrap();
    let recovery = recovery.path().join("recovery.key");
    let init = ["init", "--region", "slovenia", "--data-dir", data, "--recovery-key", recovery.to_str().unwrap()];
    assert!(cli(&init).status.success());
    let config = dir.path().join("smarty.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("public_read = true", "public_read = true\nlisten_port = 9")).unwrap();
    let out = cli(&["token", "list", "--config", config.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("listen_port"), "{}", String::from_utf8_lossy(&out.stderr));

    std::fs::write(&config, &text).unwrap();
    let out = std::process::Command::new(crate::support::node::BIN)
        .args(["token", "list"])
        .env("SMARTY_CONFIG", &config)
        .env("SMARTY_DATABASE_URL", "mysql://nowhere/db")
        .output()
        .unwrap();
    assert!(!out.status.success(), "SMARTY_* overrides the file");
    assert!(String::from_utf8_lossy(&out.stderr).contains("mysql"));

    // Each error says what to do: the key and its line, the valid codes, the file to point at.
    let stderr = |args: &[&str]| {
        let out = cli(args);
        assert!(!out.status.success(), "{args:?} succeeded");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let line = text.lines().position(|l| l.starts_with("pool_size")).unwrap() + 1;
    std::fs::write(&config, text.replace("pool_size = 8", "pool_size = \"eight\"")).unwrap();
    let said = stderr(&["token", "list", "--config", config.to_str().unwrap()]);
    assert!(said.contains(&format!("line {line}")) && said.contains("eight"), "{said}");
    std::fs::write(&config, text.replace("index_memory_mib = 64", "index_memory_mib = 8")).unwrap();
    let said = stderr(&["token", "list", "--config", config.to_str().unwrap()]);
    assert!(said.contains("index_memory_mib must be 32 to 4096"), "{said}");
    std::fs::write(&config, text.replace("region = \"slovenia\"", "region = \"atlantis\"")).unwrap();
    let said = stderr(&["token", "list", "--config", config.to_str().unwrap()]);
    assert!(said.contains("atlantis") && said.contains("tuscany, mazovia"), "{said}");
    let said = stderr(&["token", "list", "--config", data]);
    assert!(said.contains("is a folder") && said.contains("smarty.toml"), "{said}");
    let missing = dir.path().join("nowhere.toml");
    let said = stderr(&["token", "list", "--config", missing.to_str().unwrap()]);
    assert!(said.contains("SMARTY_CONFIG") && said.contains("smarty init"), "{said}");

    // A port in use names the three ways to choose another; --listen picks one for this run.
    std::fs::write(&config, &text).unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().to_string();
    let said = stderr(&["serve", "--config", config.to_str().unwrap(), "--listen", &port]);
    assert!(said.contains(&port) && said.contains("in use"), "{said}");
    assert!(said.contains("`listen`") && said.contains("SMARTY_LISTEN") && said.contains("--listen"), "{said}");
}

#[test]
fn help_documents_every_command() {
    let out = cli(&["--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    for cmd in ["init", "serve", "token", "openapi", "status", "backup", "restore"] {
        assert!(help.contains(cmd), "--help lacks {cmd}");
    }
    // A flag is offered only where it means something: these commands read no node's
    // configuration, the others do (down to their own subcommands).
    let help_of = |args: &[&str]| String::from_utf8(cli(&[args, &["--help"]].concat()).stdout).unwrap();
    for cmd in ["openapi", "init", "demo", "migrate-store"] {
        assert!(!help_of(&[cmd]).contains("--config"), "{cmd} offers --config");
    }
    for cmd in [&["serve"][..], &["status"], &["token", "create"], &["peers", "list"], &["backup"]] {
        assert!(help_of(cmd).contains("--config"), "{cmd:?} does not offer --config");
    }
}

#[tokio::test]
async fn health_vocabularies_and_readiness() {
    let node = TestNode::start(Backend::Sqlite).await;
    let c = node.client();
    assert_eq!(c.get("/healthz", None).await.json()["status"], "ok");
    assert_eq!(c.get("/readyz", None).await.json()["status"], "ok");
    let themes = c.get("/api/v1/themes", None).await.json();
    let codes: Vec<&str> = themes["items"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["production-monitoring", "predictive-maintenance", "vr-simulation", "smart-logistics"]);
    assert!(themes["items"].as_array().unwrap().iter().all(|t| t["label"].is_string() && t["description"].is_string()));
    let regions = c.get("/api/v1/regions", None).await.json();
    let codes: Vec<&str> = regions["items"].as_array().unwrap().iter().map(|t| t["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["tuscany", "mazovia", "lapland", "leeds", "slovenia", "castilla-leon", "catalonia"]);
    assert_eq!(regions["items"][3]["nuts"], "UKE4");
}

#[tokio::test]
async fn search_prints_plain_text() {
    let node = TestNode::start(Backend::Sqlite).await;
    let mut content = crate::support::samples::case_study("Prato's looms & mills");
    content["summary"] = serde_json::json!("The district's \"smart\" looms <tested> on site.");
    let body = crate::support::samples::published(content);
    node.client().post("/api/v1/case-studies", Some(&node.editor), &body).await.expect(201);
    crate::support::search_until(&node, "q=looms", |b| b["total"] == 1).await;
    // Piped (as here), the output is the text itself: no HTML entities, no terminal codes.
    let out = node.smarty_async(&["search", "looms"]).await;
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Prato's looms & mills"), "{text}");
    assert!(text.contains("district's \"smart\" looms <tested>"), "{text}");
    assert!(!text.contains("&#") && !text.contains("&amp;") && !text.contains('\u{1b}'), "{text}");
    let help = String::from_utf8(crate::support::node::cli(&["search", "--help"]).stdout).unwrap();
    assert!(help.contains("action_plan") && help.contains("region_profile"), "{help}");
}

#[tokio::test]
async fn status_says_whether_the_node_is_healthy_and_what_to_do() {
    let mut node = TestNode::start(Backend::Sqlite).await;
    // The node listens on a port it picked: point status at it as an operator's listen would.
    let listen = node.base.trim_start_matches("http://").to_string();
    let status = |node: &TestNode| {
        let out = std::process::Command::new(crate::support::node::BIN)
            .args(["status", "--config", node.config.to_str().unwrap()])
            .env("SMARTY_LISTEN", &listen)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (ok, screen, said) = status(&node);
    assert!(ok, "a fresh node is healthy: {screen}{said}");
    for topic in ["node", "server", "store", "index", "keys", "peers", "files"] {
        assert!(screen.lines().any(|l| l.trim_start().starts_with(topic)), "no {topic} line: {screen}");
    }
    assert!(
        screen.contains("ready") && screen.contains("every migration applied") && screen.ends_with("healthy\n"),
        "{screen}"
    );

    // A file others can read is named, with what to do.
    let config_file = node.config.clone();
    std::fs::set_permissions(&config_file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let (ok, screen, said) = status(&node);
    assert!(!ok, "loose files are not healthy: {screen}");
    assert!(screen.contains(config_file.to_str().unwrap()) && said.contains("chmod"), "{screen}{said}");
    std::fs::set_permissions(&config_file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();

    // A stopped server is noticed; the rest is still read from disk.
    node.stop();
    let (ok, screen, said) = status(&node);
    assert!(!ok && said.contains("not running"), "{screen}{said}");
    assert!(screen.contains("at change"), "the store and index are read with the server down: {screen}");
}

#[test]
fn the_key_can_live_outside_the_data_folder() {
    // Replicas on several machines share one identity through a secret file, not a copy of
    // the data folder: SMARTY_KEY_FILE names it.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("node");
    assert!(cli(&["init", "--region", "leeds", "--data-dir", data.to_str().unwrap()]).status.success());
    let config = data.join("smarty.toml");
    let before = cli(&["keys", "show", "--config", config.to_str().unwrap()]);
    assert!(before.status.success());
    let secrets = dir.path().join("secrets");
    std::fs::create_dir(&secrets).unwrap();
    std::fs::rename(data.join("node.key"), secrets.join("leeds.key")).unwrap();
    let missing = cli(&["keys", "show", "--config", config.to_str().unwrap()]);
    assert!(!missing.status.success() && String::from_utf8_lossy(&missing.stderr).contains("key_file"));
    let moved = std::process::Command::new(crate::support::node::BIN)
        .args(["keys", "show", "--config", config.to_str().unwrap()])
        .env("SMARTY_KEY_FILE", secrets.join("leeds.key"))
        .output()
        .unwrap();
    assert!(moved.status.success(), "{}", String::from_utf8_lossy(&moved.stderr));
    assert_eq!(moved.stdout, before.stdout, "the same identity, read from the named file");
}

#[test]
fn a_node_made_before_recovery_keys_gets_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("node");
    assert!(cli(&["init", "--region", "leeds", "--data-dir", data.to_str().unwrap()]).status.success());
    // As a node of the release before: no recovery key in its configuration.
    let config = data.join("smarty.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let old: String =
        text.lines().filter(|l| !l.starts_with("recovery_public_key")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&config, &old).unwrap();
    let config = config.to_str().unwrap();
    let shown = cli(&["keys", "show", "--config", config]);
    assert!(!String::from_utf8_lossy(&shown.stdout).contains("\"recovery\""));

    let inside = data.join("r.key");
    let refused = cli(&["keys", "create-recovery", "--recovery-key", inside.to_str().unwrap(), "--config", config]);
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("outside the data folder"));
    let file = dir.path().join("offline").join("leeds.key");
    std::fs::create_dir(file.parent().unwrap()).unwrap();
    let made = cli(&["keys", "create-recovery", "--recovery-key", file.to_str().unwrap(), "--config", config]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let shown: serde_json::Value = serde_json::from_slice(&cli(&["keys", "show", "--config", config]).stdout).unwrap();
    assert_eq!(shown["recovery"].as_array().map(Vec::len), Some(1), "{shown}");
    let again = cli(&["keys", "create-recovery", "--recovery-key", file.to_str().unwrap(), "--config", config]);
    assert!(!again.status.success(), "one recovery key");
}
