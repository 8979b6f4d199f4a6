//! A throwaway PostgreSQL cluster for the test run, started from the installed server
//! binaries (or `SMARTY_TEST_DATABASE_URL`), with one fresh database per node.

use smarty_schema::diesel::{self, Connection, RunQueryDsl};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

struct Cluster {
    /// URL of the maintenance database, for CREATE DATABASE.
    admin_url: String,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(0);

/// A URL to a new, empty database. Panics with what to install when no server can be had.
pub fn new_database() -> String {
    let cluster = match CLUSTER.get_or_init(start) {
        Ok(c) => c,
        Err(e) => panic!("PostgreSQL for tests: {e}"),
    };
    let name = format!("smarty_test_{}_{}", std::process::id(), NEXT_DB.fetch_add(1, Ordering::SeqCst));
    let mut admin = diesel::PgConnection::establish(&cluster.admin_url).expect("connect to the test cluster");
    diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).expect("create test database");
    let (base, _) = cluster.admin_url.rsplit_once('/').expect("URL has a database");
    format!("{base}/{name}")
}

/// Drops a database made by [`new_database`] under a running node's feet (its connections
/// are ended), as when a database server goes away.
pub fn drop_database(url: &str) {
    let cluster = CLUSTER.get().and_then(|c| c.as_ref().ok()).expect("the test cluster runs");
    let name = url.rsplit('/').next().unwrap();
    let mut admin = diesel::PgConnection::establish(&cluster.admin_url).expect("connect to the test cluster");
    diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)")).execute(&mut admin).expect("drop test database");
}

fn start() -> Result<Cluster, String> {
    if let Ok(url) = std::env::var("SMARTY_TEST_DATABASE_URL") {
        return Ok(Cluster { admin_url: url });
    }
    let bin = server_binaries().ok_or(
        "no PostgreSQL server binaries (initdb, postgres) found on PATH or in /usr/lib/postgresql/*/bin: \
         install Debian's `postgresql` package (apt-get install postgresql), or set SMARTY_TEST_DATABASE_URL \
         to a database URL whose user may CREATE DATABASE",
    )?;
    let dir = std::env::temp_dir().join(format!("smarty-test-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // PostgreSQL refuses to run as root: when we are root, run it as an unprivileged user.
    let ids = unsafe { libc::geteuid() == 0 }.then(unprivileged_ids).flatten();
    if let Some((uid, gid)) = ids {
        chown(&dir, uid, gid)?;
    }
    let data = dir.join("data");
    let mut initdb = Command::new(bin.join("initdb"));
    initdb.args(["-D", path_str(&data), "-U", "smarty", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    run_as(&mut initdb, ids);
    let out = initdb.output().map_err(|e| format!("cannot run initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!("initdb failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let port = free_port();
    let postgres = bin.join("postgres");
    let args: Vec<String> = [
        "-D",
        path_str(&data),
        "-p",
        &port.to_string(),
        "-k",
        path_str(&dir),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=400",
        "-c",
        "shared_buffers=64MB",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    let log = std::fs::File::create(dir.join("postgres.log")).map_err(|e| e.to_string())?;
    // Spawned from a thread that never ends, so the parent-death signal fires only when the
    // test process itself exits, taking the cluster with it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut cmd = Command::new(postgres);
        cmd.args(&args).stdin(Stdio::null()).stdout(log.try_clone().unwrap()).stderr(log);
        run_as(&mut cmd, ids);
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT);
                Ok(())
            });
        }
        let result = cmd.spawn().map(|_child| ());
        tx.send(result.map_err(|e| format!("cannot start postgres: {e}"))).unwrap();
        loop {
            std::thread::park();
        }
    });
    rx.recv().map_err(|e| e.to_string())??;
    let admin_url = format!("postgres://smarty@127.0.0.1:{port}/postgres");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match diesel::PgConnection::establish(&admin_url) {
            Ok(_) => break,
            Err(e) if Instant::now() > deadline => {
                let log = std::fs::read_to_string(dir.join("postgres.log")).unwrap_or_default();
                return Err(format!("postgres did not accept connections: {e}\n{log}"));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    Ok(Cluster { admin_url })
}

fn server_binaries() -> Option<PathBuf> {
    let has = |d: &Path| d.join("initdb").is_file() && d.join("postgres").is_file();
    let mut candidates: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|r| r.filter_map(std::result::Result::ok).map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    versions.sort();
    versions.reverse();
    candidates.extend(versions);
    candidates.into_iter().find(|d| has(d))
}

fn unprivileged_ids() -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let entry = |name: &str| {
        passwd.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.first() == Some(&name)).then(|| Some((f.get(2)?.parse().ok()?, f.get(3)?.parse().ok()?)))?
        })
    };
    entry("postgres").or_else(|| entry("nobody"))
}

fn run_as(cmd: &mut Command, ids: Option<(u32, u32)>) {
    if let Some((uid, gid)) = ids {
        cmd.uid(uid).gid(gid);
    }
}

fn chown(path: &Path, uid: u32, gid: u32) -> Result<(), String> {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(|e| format!("chown {}: {e}", path.display()))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
