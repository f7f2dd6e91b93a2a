//! The server's memory through the real binary (Linux: resident set from
//! /proc): editing UNCLOS (482 KB) as an editor does (a change, its
//! diagnostics, then the outline, highlighting and a hover, 200 times), and
//! a workspace of about 30 MB of drafts read from disk and checked. Each
//! figure is the peak resident set (VmHWM) and the set at the end (VmRSS),
//! and their excess over the idle server against the text.
//!
//! `cargo bench --bench memory` (`MEMORY_WORKSPACE_MB=30`);
//! `TREATY_LSP_BIN` measures another build.

#[path = "../tests/support/client.rs"]
mod client;
#[path = "../tests/support/corpus.rs"]
mod corpus;
#[path = "support/host.rs"]
mod host;

use client::Client;
use host::memory;
use serde_json::json;
use std::path::Path;
use std::time::Duration;

fn server(root: Option<&str>) -> Client {
    let binary =
        std::env::var("TREATY_LSP_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_treaty-lsp").into());
    let mut c = Client::start(&binary);
    c.timeout = Duration::from_secs(600);
    c.initialize(
        json!({"general": {"positionEncodings": ["utf-16"]},
               "textDocument": {"hover": {"contentFormat": ["markdown"]},
                                "documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}}),
        root,
        json!({"diagnosticsDelayMs": 0}),
    );
    c
}

fn report(what: &str, text_bytes: usize, idle: u64, m: Option<(u64, u64)>) {
    let Some((peak, now)) = m else {
        println!("{what}: no /proc (not Linux)");
        return;
    };
    let mb = |b: u64| b as f64 / 1e6;
    let over = |b: u64| b.saturating_sub(idle) as f64 / text_bytes as f64;
    println!(
        "{what:<34} peak {:>6.1} MB ({:>5.2}x the text above idle), end {:>6.1} MB ({:>5.2}x); idle {:.1} MB, text {:.1} MB",
        mb(peak),
        over(peak),
        mb(now),
        over(now),
        mb(idle),
        text_bytes as f64 / 1e6
    );
}

/// UNCLOS open, then 200 changes in four places, each followed by its
/// diagnostics and the requests an editor sends after a change.
fn unclos_editing(unclos: &str) {
    let uri = "file:///bench/unclos.treaty.md";
    let mut c = server(None);
    let idle = memory(c.pid()).map_or(0, |m| m.1);
    c.open(uri, unclos);
    c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 1);
    let lines = unclos.matches('\n').count();
    let doc = json!({"uri": uri});
    for v in 2..=201 {
        let line = (v as usize / 2 % 4) * lines / 4 + 2;
        let at = json!({"line": line, "character": 0});
        let end = match v % 2 {
            0 => at.clone(),
            _ => json!({"line": line, "character": 1}),
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": {"start": at, "end": end},
                                       "text": if v % 2 == 0 { "x" } else { "" }}]}),
        );
        c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == v);
        c.request("textDocument/documentSymbol", json!({"textDocument": doc}));
        c.request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc}),
        );
        c.request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": {"line": line, "character": 4}}),
        );
        c.notifications.clear();
    }
    report("UNCLOS, 200 edits", unclos.len(), idle, memory(c.pid()));
    c.shutdown();
}

/// About `mb` MB of drafts on disk (UNCLOS, each copy a draft of its own),
/// indexed and checked by the server.
fn workspace(unclos: &str, mb: usize) {
    let root = std::env::temp_dir().join(format!("treaty-lsp-memory-{}", std::process::id()));
    let drafts = root.join("drafts");
    std::fs::create_dir_all(&drafts).expect("a temporary folder");
    let (mut total, mut n) = (0, 0);
    while total < mb << 20 {
        let text = format!("---\nid: U/{n}\n---\n\n{unclos}");
        let path = drafts.join(format!("unclos-{n}.treaty.md"));
        std::fs::write(&path, &text).expect("a draft written");
        total += text.len();
        n += 1;
    }
    let uri = format!("file://{}", root.display());
    let mut c = server(Some(&uri));
    let idle = memory(c.pid()).map_or(0, |m| m.1);
    let mut published = std::collections::HashSet::new();
    while published.len() < n {
        let p = c.wait_for("textDocument/publishDiagnostics", |_| true);
        published.insert(p["params"]["uri"].as_str().unwrap_or_default().to_string());
    }
    // what stays once the work is done
    std::thread::sleep(Duration::from_millis(500));
    report(
        &format!("workspace of {n} drafts on disk"),
        total,
        idle,
        memory(c.pid()),
    );
    c.shutdown();
    remove(&root);
}

fn remove(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
}

fn main() {
    let Some(unclos) = corpus::read("treaties/unclos.md", "memory benchmark") else {
        return;
    };
    let mb = std::env::var("MEMORY_WORKSPACE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    println!("\nserver memory, release binary, stdio:");
    unclos_editing(&unclos);
    workspace(&unclos, mb);
}
