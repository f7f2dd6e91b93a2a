//! LSP round trips against the real binary on `unclos.md` (482 KB):
//! hover, definition, documentSymbol and references, and the time from a
//! `didChange` to the diagnostics of that version (with no debounce delay,
//! so the delay is excluded). Prints p50 and p99 for each, timed to the
//! arrival of the answer's last byte; for documentSymbol also with the
//! client's decoding of its 554 KB of JSON. The client reads each message
//! into one buffer it keeps (a fresh 554 KB buffer per answer costs the
//! client about 2 ms of page faults, which are not the server's).
//!
//! On Linux it also prints how much CPU time the host took from this
//! machine during the run ("steal"): on a shared VM the tails follow it.
//!
//! `cargo bench --bench lsp_latency`

#[path = "../tests/support/client.rs"]
mod client;
#[path = "../tests/support/corpus.rs"]
mod corpus;
#[path = "support/host.rs"]
mod host;
#[path = "support/versions.rs"]
mod versions;

use client::Client;
use host::{cpu_ticks, percentile};
use serde_json::json;
use std::time::{Duration, Instant};

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{:<28} n={:<4} p50 {:>8.3} ms   p99 {:>8.3} ms",
        name,
        samples.len(),
        percentile(&samples, 0.5).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3
    );
}

/// The server measured: this build's, or another named by `TREATY_LSP_BIN`
/// (an older build, to compare before and after a change in one run).
fn server() -> String {
    std::env::var("TREATY_LSP_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_treaty-lsp").into())
}

/// From 200 `didChange`s at the start of `line` (a space inserted, then
/// nothing) to the diagnostics of each version.
fn change_to_diagnostics(c: &mut Client, uri: &str, line: usize) -> Vec<Duration> {
    let mut change = Vec::new();
    for v in 2..=201 {
        let t = Instant::now();
        let at = json!({"line": line, "character": 0});
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": {"start": at, "end": at},
                                       "text": if v % 2 == 0 { " " } else { "" }}]}),
        );
        c.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == v
        });
        change.push(t.elapsed());
        c.notifications.clear();
    }
    change
}

fn main() {
    let ticks_before = cpu_ticks();
    let Some(text) = corpus::read("treaties/unclos.md", "lsp_latency benchmark") else {
        return;
    };
    let uri = "file:///bench/unclos.treaty.md";
    let mut c = Client::start(&server());
    c.initialize(
        json!({"general": {"positionEncodings": ["utf-16"]},
               "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                                "hover": {"contentFormat": ["markdown"]}}}),
        None,
        json!({"diagnosticsDelayMs": 0}),
    );
    c.open(uri, &text);
    c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 1);

    // a reference deep in the text: `article 153, paragraph 2(b)` in Part XI
    let off = text
        .find("article 153, paragraph 2(b)")
        .expect("reference in UNCLOS")
        + "article 153, paragraph ".len();
    let line = text[..off].matches('\n').count();
    let col: usize = text[text[..off].rfind('\n').map_or(0, |p| p + 1)..off]
        .encode_utf16()
        .count();
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col}});
    let heading = text.find("### Article 76").unwrap() + 12;
    let hline = text[..heading].matches('\n').count();
    let at_heading = json!({"textDocument": {"uri": uri}, "position": {"line": hline, "character": 12},
                            "context": {"includeDeclaration": true}});

    // until the answer's last byte has arrived, and until the client has
    // also decoded it into a `serde_json::Value` (for a 554 KB outline the
    // decoding is most of the time, and it is the client's)
    let mut time = |method: &str, params: &serde_json::Value, n: usize| {
        let (mut arrived, mut decoded) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            let t = Instant::now();
            let r = c.request(method, params.clone());
            decoded.push(t.elapsed());
            arrived.push(c.last_arrival.expect("a response").duration_since(t));
            assert!(!r.is_null(), "{method} returned null");
        }
        (arrived, decoded)
    };
    let (hover, _) = time("textDocument/hover", &at, 300);
    let (definition, _) = time("textDocument/definition", &at, 300);
    let (symbols, symbols_decoded) = time(
        "textDocument/documentSymbol",
        &json!({"textDocument": {"uri": uri}}),
        200,
    );
    let (references, _) = time("textDocument/references", &at_heading, 200);

    // change -> diagnostics of that version
    let change = change_to_diagnostics(&mut c, uri, 2);
    println!("\nLSP round trips on unclos.md (482 KB), release binary, stdio:");
    report("hover", hover);
    report("definition", definition);
    report("documentSymbol", symbols);
    report("documentSymbol + client decode", symbols_decoded);
    report("references (Article 76)", references);
    report("didChange -> diagnostics", change);
    c.shutdown();
    lineage(&text);
    if let Some(steal) = host::steal_percent(ticks_before) {
        println!("CPU time stolen by the host during the run: {steal:.1} %");
    }
}

/// Three versions of UNCLOS, each superseding the one before, and a
/// positions file on the first (a position on every seventh article, with
/// words to change): the time until the latest draft's first diagnostics
/// (both alignments made), then from a `didChange` in it to its
/// diagnostics, the carried positions included (the alignments kept: an
/// edit inside a paragraph leaves the outlines as they were).
fn lineage(unclos: &str) {
    let front = |id: &str, follows: Option<&str>| match follows {
        Some(f) => format!("---\nid: {id}\nsupersedes: {f}\n---\n\n"),
        None => format!("---\nid: {id}\n---\n\n"),
    };
    let v2_body = versions::next_version(unclos);
    let v3_body = versions::next_version(&v2_body);
    let drafts = [
        ("file:///bench/v1.treaty.md", front("U/1", None) + unclos),
        (
            "file:///bench/v2.treaty.md",
            front("U/2", Some("U/1")) + &v2_body,
        ),
        (
            "file:///bench/v3.treaty.md",
            front("U/3", Some("U/2")) + &v3_body,
        ),
    ];
    let positions = positions_on(unclos);
    let mut c = Client::start(&server());
    c.initialize(
        json!({"general": {"positionEncodings": ["utf-16"]}}),
        None,
        json!({"diagnosticsDelayMs": 0}),
    );
    let t = Instant::now();
    for (uri, text) in &drafts[..2] {
        c.open(uri, text);
    }
    c.open("file:///bench/p.positions.toml", &positions.0);
    let (uri, v3) = (drafts[2].0, &drafts[2].1);
    c.open(uri, v3);
    let first = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["version"] == 1
    });
    let opened = t.elapsed();
    let carried = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, |d| d.iter().filter(|d| d["code"] == "contested").count());
    // an edit inside a paragraph of Article 200
    let line = v3[..v3.find("### Article 200").unwrap()]
        .matches('\n')
        .count()
        + 2;
    let change = change_to_diagnostics(&mut c, uri, line);
    println!(
        "\nA lineage of three UNCLOS versions, {} positions on the first ({} carried hints on the third):",
        positions.1, carried
    );
    println!(
        "{:<28} {:>8.1} ms",
        "open -> first diagnostics",
        opened.as_secs_f64() * 1e3
    );
    report("didChange -> diagnostics", change);
    c.shutdown();
}

/// A positions file on U/1: on every seventh article, a replacement of
/// the first words of its text.
fn positions_on(unclos: &str) -> (String, usize) {
    let mut out = String::from("[source]\nstakeholder = \"Bench\"\ndraft = \"U/1\"\n");
    let mut n = 0;
    let mut seen = std::collections::HashSet::new();
    let mut lines = unclos.lines().peekable();
    while let Some(l) = lines.next() {
        let Some(k) = l
            .strip_prefix("### Article ")
            .and_then(|k| k.trim().parse::<u32>().ok())
        else {
            continue;
        };
        // (the annexes number their articles again: the Convention's only)
        if k % 7 != 0 || !seen.insert(k) {
            continue;
        }
        let text = lines
            .by_ref()
            .find(|t| !t.trim().is_empty() && !t.starts_with('#'));
        let words: Vec<&str> = text
            .unwrap_or("")
            .split_whitespace()
            .skip(1)
            .take(3)
            .collect();
        if words.len() < 3 || words.iter().any(|w| w.contains(['"', '\\'])) {
            continue;
        }
        let find = words.join(" ");
        out.push_str(&format!(
            "\n[[position]]\ntarget = \"Article {k}\"\nstance = \"amend\"\nsummary = \"s\"\n[[position.change]]\naction = \"replace\"\nfind = \"{find}\"\nwith = \"{find} also\"\n"
        ));
        n += 1;
    }
    (out, n)
}
