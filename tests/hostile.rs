//! Hostile input through the real binary: what a bad file in the
//! workspace, or a pasted monster, must not do to the server or the CLI.

mod support {
    pub mod client;
    pub mod long_draft;
}

use serde_json::{json, Value};
use std::process::Command;
use support::client::Client;
use support::long_draft::long_draft;

const BIN: &str = env!("CARGO_BIN_EXE_treaty-lsp");

/// The deepest tree the parser builds (`MAX_TREE_DEPTH`, the root counted).
const MAX_DEPTH: usize = 48;

/// A draft whose labels each open one level deeper than the one before:
/// `1.` then `(a)` then `(i)` then `(A)`, again and again, `levels` times.
fn nested_labels(levels: usize) -> String {
    let mut text = String::from("### Article 1\n\n");
    for i in 0..levels {
        text.push_str(["1.", "(a)", "(i)", "(A)"][i % 4]);
        text.push_str(" x\n\n");
    }
    text
}

/// How deep a tree of `children` arrays goes, without recursing.
fn depth(roots: &Value, children: &str) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&Value, usize)> = vec![(roots, 1)];
    while let Some((nodes, d)) = stack.pop() {
        for n in nodes.as_array().into_iter().flatten() {
            deepest = deepest.max(d);
            if let Some(c) = n.get(children) {
                stack.push((c, d + 1));
            }
        }
    }
    deepest
}

#[test]
fn a_hundred_thousand_nested_levels_answer_every_tree_request() {
    let text = nested_labels(100_000);
    let uri = "file:///tmp/treaty-lsp-hostile/deep.treaty.md";
    let mut c = Client::start(BIN);
    // a debug build on a small machine: slow, but it must answer
    c.timeout = std::time::Duration::from_secs(120);
    c.initialize(
        json!({"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}}),
        None,
        json!({"outline": {"depth": "points"}}),
    );
    c.open(uri, &text);
    let doc = json!({"textDocument": {"uri": uri}});
    // the test client reads JSON with serde_json's 128-level limit, as
    // some editors do
    let symbols = c.request("textDocument/documentSymbol", doc.clone());
    let d = depth(&symbols, "children");
    assert!((10..=MAX_DEPTH).contains(&d), "outline depth {d}");
    let last_line = text.lines().count() - 2;
    let selection = c.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": uri}, "positions": [{"line": last_line, "character": 1}]}),
    );
    // a selection range is a chain of parents: count its links
    let mut links = 0;
    let mut cur = &selection[0];
    while cur.is_object() {
        links += 1;
        cur = &cur["parent"];
    }
    assert!(
        (2..=MAX_DEPTH + 2).contains(&links),
        "selection chain {links}"
    );
    let folds = c.request("textDocument/foldingRange", doc.clone());
    assert!(folds.as_array().is_some_and(|f| !f.is_empty()));
    c.request("textDocument/semanticTokens/full", doc);
    // still alive and answering
    assert!(c.shutdown(), "clean exit");
}

#[test]
fn a_hundred_thousand_nested_levels_check_as_json_with_a_warning() {
    let dir = std::env::temp_dir().join(format!("treaty-lsp-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("deep.treaty.md");
    std::fs::write(&file, nested_labels(100_000)).unwrap();
    let out = Command::new(BIN)
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let outline = &json["files"][0]["outline"];
    let d = depth(outline, "children");
    assert!((10..=MAX_DEPTH).contains(&d), "outline depth {d}");
    let said = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "nesting-too-deep");
    assert!(said, "a warning says the nesting was flattened");
    // indented only so deep: the spaces do not outgrow the content
    let compact = serde_json::to_vec(&json).unwrap().len();
    assert!(
        out.stdout.len() < 2 * compact,
        "{} bytes of JSON for {compact} of content",
        out.stdout.len()
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A folder holding a good draft and the traps: a draft that is a symlink
/// to `/dev/zero`, a FIFO named as a draft, a symlink loop with no drafts
/// in it, and a draft over a 1 MB cap.
#[cfg(unix)]
fn trapped_folder(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("treaty-lsp-traps-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("loop/inner")).unwrap();
    std::fs::write(
        dir.join("good.treaty.md"),
        "# Good\n\n### Article 1\n\nText.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.treaty.md")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(dir.join("fifo.treaty.md"))
        .status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink(dir.join("loop"), dir.join("loop/inner/back")).unwrap();
    std::os::unix::fs::symlink(dir.join("loop"), dir.join("loop/inner/again")).unwrap();
    let big = "### Article 1\n\nText.\n".repeat(60_000);
    std::fs::write(dir.join("big.treaty.md"), big).unwrap();
    dir
}

/// Runs the binary with `args`, failing the test if it takes over 60 s.
fn run_bounded(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().ok();
            panic!("treaty-lsp {args:?} did not finish in 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn check_reads_only_regular_files_under_the_cap_and_walks_loops_once() {
    let dir = trapped_folder("check");
    let out = run_bounded(&[
        "--max-file-size".as_ref(),
        "1".as_ref(),
        "check".as_ref(),
        dir.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("good.treaty.md: Good"), "{stdout}");
    assert!(
        stderr.contains("zero.treaty.md: not followed: a link to the system file /dev/zero"),
        "{stderr}"
    );
    assert!(
        stderr.contains("fifo.treaty.md: not a regular file (a FIFO)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("big.treaty.md: 1.2 MB is over the limit of 1.0 MB"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn the_server_indexes_a_trapped_workspace_and_says_what_it_left_out() {
    let dir = trapped_folder("server");
    let root = format!("file://{}", dir.display());
    let mut c = Client::start(BIN);
    c.initialize(
        json!({"window": {"workDoneProgress": true}}),
        Some(&root),
        json!({"maxFileSize": 1, "diagnosticsDelayMs": 10}),
    );
    let said = c.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("did not read"))
    });
    let msg = said["params"]["message"].as_str().unwrap();
    // the FIFO and the big file; the link to /dev/zero leads out: not followed
    assert!(msg.contains("(and 1 more; see the log)"), "{msg}");
    let good = format!("{root}/good.treaty.md");
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == good.as_str()
    });
    assert!(c.shutdown(), "clean exit");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_terabyte_content_length_is_answered_and_the_next_message_read() {
    let mut c = Client::start(BIN);
    c.initialize(json!({}), None, json!({}));
    // a hostile header, a short body, then a real request right after it
    let next = r#"{"jsonrpc":"2.0","id":77,"method":"workspace/symbol","params":{"query":"x"}}"#;
    let bytes = format!(
        "Content-Length: 1000000000000\r\n\r\n{{}}Content-Length: {}\r\n\r\n{next}",
        next.len()
    );
    c.send_raw_bytes(bytes.as_bytes());
    let err = c.error_without_id();
    assert_eq!(err["code"], -32700, "{err}");
    let answer = c.response(77);
    assert!(answer.get("result").is_some(), "{answer}");
    assert!(c.shutdown(), "clean exit");
}

#[test]
fn exit_without_shutdown_exits_with_status_1() {
    let mut child = Command::new(BIN)
        .arg("serve")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
    let mut stdin = child.stdin.take().unwrap();
    use std::io::Write;
    write!(stdin, "Content-Length: {}\r\n\r\n{exit}", exit.len()).unwrap();
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[cfg(unix)]
#[test]
fn the_workspace_stays_inside_its_folders() {
    let base = std::env::temp_dir().join(format!("treaty-lsp-contain-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (ws, outside) = (base.join("ws"), base.join("outside"));
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        ws.join("good.treaty.md"),
        "# Good\n\n### Article 1\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        outside.join("secret.treaty.md"),
        "# Secret\n\n### Article 1\n\nX.\n",
    )
    .unwrap();
    std::fs::write(
        outside.join("listed.md"),
        "# Listed\n\n### Article 1\n\nY.\n",
    )
    .unwrap();
    // a symlink out of the workspace, one to the process's environment
    std::os::unix::fs::symlink(outside.join("secret.treaty.md"), ws.join("link.treaty.md"))
        .unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", ws.join("env.treaty.md")).unwrap();
    std::fs::write(
        ws.join("treaty.toml"),
        "files = [\"../outside/listed.md\", \"/proc/self/environ\"]\n",
    )
    .unwrap();
    let root = format!("file://{}", ws.display());
    let mut c = Client::start(BIN);
    c.initialize(
        json!({}),
        Some(&root),
        json!({"workspaceTrusted": false, "diagnosticsDelayMs": 10}),
    );
    c.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("treaty.toml"))
    });
    let good = format!("{root}/good.treaty.md");
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == good.as_str()
    });
    // what was indexed: only the workspace's own file
    let symbols = c.request("workspace/symbol", json!({"query": "Article"}));
    let files: std::collections::BTreeSet<String> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["location"]["uri"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), [good], "{symbols}");
    assert!(c.shutdown(), "clean exit");
    std::fs::remove_dir_all(&base).ok();
}

/// Finding 5: while a long draft is parsed again after an edit, a request
/// on another document is answered at once, not after that parse (it read
/// the long draft as last parsed), even behind a request on the long draft
/// that waits for it. Timed against the long draft's own
/// change-to-diagnostics, so a slow machine slows both.
#[test]
fn a_request_on_another_document_does_not_wait_for_a_long_drafts_parse() {
    let long = long_draft(12 << 20);
    let (big, small) = (
        "file:///tmp/treaty-lsp-hostile/long.treaty.md",
        "file:///tmp/treaty-lsp-hostile/short.treaty.md",
    );
    let mut c = Client::start(BIN);
    c.timeout = std::time::Duration::from_secs(300);
    c.initialize(json!({}), None, json!({"diagnosticsDelayMs": 0}));
    c.open(small, &long_draft(2000));
    c.open(big, &long);
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == big && p["version"] == 1
    });
    let (mut waited, mut parsed) = (vec![], vec![]);
    for v in 2..=3 {
        let t = std::time::Instant::now();
        let at = json!({"line": 0, "character": 0});
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": big, "version": v},
                   "contentChanges": [{"range": {"start": at, "end": at}, "text": " "}]}),
        );
        // an editor asks for the edited document's folding ranges (which
        // wait for its parse) before the user hovers elsewhere
        c.send_request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": big}}),
        );
        // `Article 1` in the short draft's first paragraph
        let hover = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": small}, "position": {"line": 2, "character": 38}}),
        );
        waited.push(t.elapsed());
        assert!(!hover.is_null(), "no hover in the short draft");
        c.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == big && p["version"] == v
        });
        parsed.push(t.elapsed());
        c.notifications.clear();
    }
    let (w, p) = (waited.iter().min().unwrap(), parsed.iter().min().unwrap());
    assert!(
        w.as_secs_f64() < p.as_secs_f64() / 5.0,
        "the hover in the short draft took {w:?}, the long draft's edit to its diagnostics {p:?}"
    );
    assert!(c.shutdown());
}
