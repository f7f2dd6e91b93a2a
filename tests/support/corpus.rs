//! The shared corpus (`../shared/corpus/`, beside the clone, never copied
//! into the repository). A test that needs it fails when `CI` is set and
//! it is missing; otherwise it says loudly that it did not run.

#![allow(dead_code)] // each test binary uses a part

use std::path::PathBuf;

/// `../shared/corpus/<sub>` if it is there. `what` names the tests that
/// are skipped without it.
pub fn dir(sub: &str, what: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    missing(&dir.display().to_string(), what);
    None
}

/// The text of `../shared/corpus/<file>` if it is there (see [`dir`]).
pub fn read(file: &str, what: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(file);
    let text = std::fs::read_to_string(&path).ok();
    if text.is_none() {
        missing(&path.display().to_string(), what);
    }
    text
}

/// Fails under CI, else warns where a passing test's output is seen.
pub fn missing(place: &str, what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("corpus missing: {place} does not exist; CI must run with ../shared/corpus beside the clone");
    }
    // straight to the process's stderr: `eprintln!` in a passing test is
    // captured by the test harness and never shown
    use std::io::Write;
    let _ = write!(
        std::io::stderr(),
        "\n!!!!!!!!\n!!! {what} SKIPPED: {place} not found (clone without ../shared).\n!!! Nothing was checked; with CI set this fails.\n!!!!!!!!\n"
    );
}
