//! A draft of about 100 MB through the real binary (issue 14, finding 5):
//! the time to its first diagnostics and the server's peak memory against
//! the text; then one-character edits in its middle, each timed to the
//! diagnostics of that version, with a hover in another open document and
//! one in the edited document sent right after each edit (the other
//! document's answer must not wait for the large one's work; the edited
//! one's reflects the edit, so it waits for it).
//!
//! The draft is UNCLOS followed by optional protocols that repeat it: one
//! long consolidated text whose references resolve.
//!
//! `cargo bench --bench large_draft` (`LARGE_DRAFT_MB=20` for a smaller one)

#[path = "../tests/support/client.rs"]
mod client;
#[path = "../tests/support/corpus.rs"]
mod corpus;
#[path = "support/host.rs"]
mod host;

use client::Client;
use host::memory;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// UNCLOS, then optional protocols that repeat it, to about `mb` MB: each
/// copy an instrument of its own, so that its references resolve in it
/// and the draft has as few diagnostics as UNCLOS alone (four per copy).
fn large_draft(unclos: &str, mb: usize) -> String {
    let mut out = String::with_capacity((mb << 20) + unclos.len());
    out.push_str(unclos);
    let mut k = 1;
    while out.len() < mb << 20 {
        out.push_str(&format!(
            "\n\n# Optional Protocol {k} to the Convention\n\n"
        ));
        out.push_str(unclos);
        k += 1;
    }
    out
}

fn position_of(text: &str, offset: usize) -> Value {
    let line = memchr_count(&text.as_bytes()[..offset]);
    let start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    json!({"line": line, "character": text[start..offset].encode_utf16().count()})
}

fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let Some(unclos) = corpus::read("treaties/unclos.md", "large_draft benchmark") else {
        return;
    };
    let mb = std::env::var("LARGE_DRAFT_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let text = large_draft(&unclos, mb);
    let (uri, other) = (
        "file:///bench/large.treaty.md",
        "file:///bench/small.treaty.md",
    );
    // `TREATY_LSP_BIN`: another build (an older one, to compare)
    let server =
        std::env::var("TREATY_LSP_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_treaty-lsp").into());
    let mut c = Client::start(&server);
    c.timeout = Duration::from_secs(600);
    c.initialize(
        json!({"general": {"positionEncodings": ["utf-16"]},
               "textDocument": {"hover": {"contentFormat": ["markdown"]}}}),
        None,
        json!({"diagnosticsDelayMs": 0}),
    );
    let (idle, _) = memory(c.pid()).unwrap_or((0, 0));
    c.open(other, &unclos);
    c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == other);
    let t = Instant::now();
    c.open(uri, &text);
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["version"] == 1
    });
    let opened = t.elapsed();
    let after_open = memory(c.pid());

    // a reference in the middle of the text, and one in the small document
    let reference = "article 153, paragraph ";
    let middle = text[text.len() / 2..].find(reference).expect("a reference") + text.len() / 2;
    let small = unclos.find(reference).expect("a reference") + reference.len();
    let hover = |doc: &str, at: Value| json!({"textDocument": {"uri": doc}, "position": at});
    let (mut edits, mut hovers_other, mut hovers_same) = (vec![], vec![], vec![]);
    for v in 2..=6 {
        // an `x` typed, then deleted
        let at = position_of(&text, middle);
        let (end, typed) = match v % 2 {
            0 => (at.clone(), "x"),
            _ => {
                let next = at["character"].as_u64().unwrap_or(0) + 1;
                (json!({"line": at["line"], "character": next}), "")
            }
        };
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": {"start": at, "end": end},
                                       "text": typed}]}),
        );
        let h = Instant::now();
        let id = c.send_request(
            "textDocument/hover",
            hover(other, position_of(&unclos, small)),
        );
        c.response(id);
        hovers_other.push(h.elapsed());
        let h = Instant::now();
        let at = position_of(&text, middle + reference.len());
        let id = c.send_request("textDocument/hover", hover(uri, at));
        c.response(id);
        hovers_same.push(h.elapsed());
        c.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == v
        });
        edits.push(t.elapsed());
        c.notifications.clear();
    }
    let after_edits = memory(c.pid());
    c.shutdown();

    let size = text.len() as f64;
    println!(
        "\nA {:.1} MB draft (UNCLOS and protocols repeating it), release binary, stdio:",
        size / 1e6
    );
    println!("open -> first diagnostics        {}", ms(opened));
    for (name, m) in [
        ("after opening", after_open),
        ("after the edits", after_edits),
    ] {
        if let Some((peak, now)) = m {
            println!(
                "server memory {name:<16} peak {:.0} MB ({:.1}x the text above idle), now {:.0} MB",
                peak as f64 / 1e6,
                (peak - idle) as f64 / size,
                now as f64 / 1e6
            );
        }
    }
    let list = |d: &[Duration]| d.iter().map(|&d| ms(d)).collect::<Vec<_>>().join(", ");
    println!("one-character edit -> diagnostics: {}", list(&edits));
    println!(
        "hover in another document, sent after each edit: {}",
        list(&hovers_other)
    );
    println!(
        "hover in the edited document, sent after each edit: {}",
        list(&hovers_same)
    );
}
