//! Hostile input through the real binary: what a bad file in the
//! workspace, or a pasted monster, must not do to the server or the CLI.

mod support {
    pub mod client;
}

use serde_json::{json, Value};
use std::process::Command;
use support::client::Client;

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
        json!({}),
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
    std::fs::remove_dir_all(&dir).ok();
}
