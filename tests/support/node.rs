//! A real `smarty` node: `smarty init`, tokens from `smarty token create`, and `smarty serve`
//! as a child process on a free loopback port.

use super::http::{Client, Response};
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use tempfile::TempDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const BIN: &str = env!("CARGO_BIN_EXE_smarty");

pub struct TestNode {
    pub dir: TempDir,
    /// The node's offline recovery key, outside its data folder.
    pub recovery_key: PathBuf,
    _recovery: TempDir,
    pub config: PathBuf,
    pub base: String,
    pub region: String,
    pub database_url: String,
    pub admin: String,
    pub editor: String,
    pub reader: String,
    pub env: Vec<(String, String)>,
    child: Option<Child>,
}

impl TestNode {
    pub async fn start(backend: Backend) -> TestNode {
        Self::start_with(backend, "leeds", &[]).await
    }

    /// Starts a node of `region` with extra `SMARTY_*` environment for `serve`.
    pub async fn start_with(backend: Backend, region: &str, env: &[(&str, &str)]) -> TestNode {
        Self::start_configured(backend, region, env, "").await
    }

    /// Starts a node with `extra` appended to its `smarty.toml` (e.g. a `[sync]` table).
    pub async fn start_configured(backend: Backend, region: &str, env: &[(&str, &str)], extra: &str) -> TestNode {
        let dir = tempfile::tempdir().expect("temporary directory");
        let database_url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("smarty.db").display()),
            Backend::Postgres => super::postgres::new_database(),
        };
        let data_dir = dir.path().to_str().unwrap().to_string();
        // The recovery key lives outside the data folder, as `init` requires.
        let recovery = tempfile::tempdir().expect("temporary directory");
        let recovery_key = recovery.path().join("recovery.key");
        let out = cli(&[
            "init",
            "--recovery-key",
            recovery_key.to_str().unwrap(),
            "--region",
            region,
            "--data-dir",
            &data_dir,
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            &database_url,
        ]);
        assert!(out.status.success(), "smarty init failed: {}", String::from_utf8_lossy(&out.stderr));
        let config = dir.path().join("smarty.toml");
        if !extra.is_empty() {
            let mut table: toml::Table = toml::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
            merge(&mut table, toml::from_str(extra).expect("extra configuration is TOML"));
            std::fs::write(&config, toml::to_string(&table).unwrap()).unwrap();
        }
        let mut node = TestNode {
            dir,
            recovery_key,
            _recovery: recovery,
            config,
            base: String::new(),
            region: region.to_string(),
            database_url,
            admin: String::new(),
            editor: String::new(),
            reader: String::new(),
            env: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            child: None,
        };
        node.admin = node.create_token("admin", "test-admin");
        node.editor = node.create_token("editor", "test-editor");
        node.reader = node.create_token("reader", "test-reader");
        node.serve();
        node
    }

    /// Runs `smarty ARGS --config <this node>`.
    pub fn smarty(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--config", self.config.to_str().unwrap()]);
        cli(&all)
    }

    /// Runs `smarty ARGS --config <this node>` without blocking the async runtime.
    pub async fn smarty_async(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--config", self.config.to_str().unwrap()]);
        tokio::process::Command::new(BIN).args(&all).env("RUST_LOG", "error").output().await.expect("run smarty")
    }

    /// Creates a token with the CLI; returns it (the last line of stdout).
    pub fn create_token(&self, role: &str, name: &str) -> String {
        let out = self.smarty(&["token", "create", "--role", role, "--name", name]);
        assert!(out.status.success(), "token create: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().lines().last().expect("token line").trim().to_string()
    }

    fn serve(&mut self) {
        let (child, base) = spawn_serve(&self.config, &self.env);
        self.base = base;
        self.child = Some(child);
    }

    /// Another `smarty serve` of this node: the same configuration and store, its own search
    /// index folder and port, as a replica behind a load balancer would be.
    pub fn replica(&self, name: &str) -> Replica {
        let index = self.dir.path().join(format!("index-{name}"));
        let mut env = self.env.clone();
        env.push(("SMARTY_INDEX_DIR".into(), index.to_str().unwrap().into()));
        let (child, base) = spawn_serve(&self.config, &env);
        Replica { base, child: Some(child) }
    }

    /// Stops the node (SIGTERM, then waits) and starts it again, on a new port.
    pub fn restart(&mut self) {
        self.stop();
        self.serve();
    }

    /// SIGKILL: no shutdown, no flush, as in a crash.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the node again after `kill` or `stop`.
    pub fn start_again(&mut self) {
        assert!(self.child.is_none(), "the node is still running");
        self.serve();
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
            let _ = child.wait();
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.client().get(path, token).await
    }
}

impl Drop for TestNode {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts `smarty serve` and reads back the address it listens on.
fn spawn_serve(config: &std::path::Path, env: &[(String, String)]) -> (Child, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--config", config.to_str().unwrap()])
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .env("RUST_LOG", "error")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    // The node dies with the test thread that started it, even if the test aborts.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn smarty serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(url) = line.strip_prefix("smarty: listening on ") {
                    break url.to_string();
                }
            }
            _ => panic!("smarty serve exited before listening (status {:?})", child.wait()),
        }
    };
    // Keep draining stdout so the node never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

/// A second server process of a node (see [`TestNode::replica`]).
pub struct Replica {
    pub base: String,
    child: Option<Child>,
}

impl Replica {
    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// The server process's id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// SIGKILL, as in a crash.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs the `smarty` binary.
pub fn cli(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env_remove("SMARTY_CONFIG").output().expect("run smarty")
}

/// Deep-merges `extra` into `base` (tables merge, other values replace).
fn merge(base: &mut toml::Table, extra: toml::Table) {
    for (key, value) in extra {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(e)) => merge(b, e),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}
