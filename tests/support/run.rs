//! Running the binary as a user runs it: from the repository's root, with
//! its exit status, standard output and standard error.

use std::process::Command;

/// `treaty-lsp ARGS...` from the repository's root.
pub fn treaty_lsp(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-lsp"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run treaty-lsp");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
