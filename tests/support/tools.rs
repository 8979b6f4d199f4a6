//! Tools written by others that the contract tests run: npm packages and a Python virtual
//! environment under `target/test-assets/`, which `.ci/run` installs.

use std::path::{Path, PathBuf};

/// The workspace's root (the tests' crate lives in `api/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("api/ has a parent").to_path_buf()
}

fn assets() -> PathBuf {
    root().join("target/test-assets")
}

/// An npm package's executable, or a panic that says how to install it.
pub fn npm_bin(name: &str) -> PathBuf {
    let path = assets().join("node_modules/.bin").join(name);
    assert!(path.exists(), "no {name} in target/test-assets: run `bash .ci/run` (it installs the npm tools once)");
    path
}

/// An executable of the tests' Python virtual environment.
pub fn venv_bin(name: &str) -> PathBuf {
    let path = assets().join("venv/bin").join(name);
    assert!(path.exists(), "no {name} in target/test-assets/venv: run `bash .ci/run` (it creates the environment)");
    path
}
