//! Draft versions through the real binary over stdio: a project with a
//! lineage of three drafts (tests/data/lineage), one stakeholder's
//! positions on the first, a correspondence table and a broken one. The
//! positions show in the latest draft's hover, lenses and hints, each with
//! its status; an edit that renumbers the latest draft moves them in the
//! next diagnostics; the previous version of an element comes back for a
//! side-by-side diff.

mod support {
    pub mod client;
}

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::client::Client;

const BIN: &str = env!("CARGO_BIN_EXE_treaty-lsp");

struct Project {
    dir: PathBuf,
    root: String,
}

impl Project {
    fn new(name: &str) -> Project {
        let dir = std::env::temp_dir().join(format!("treaty-lsp-{}-{}", name, std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lineage");
        for f in std::fs::read_dir(&data).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
        }
        std::fs::write(
            dir.join("broken.correspondence.toml"),
            "[versions]\nold = \"V/2\"\nnew = \"V/3\"\n\n[[pair]]\nold = \"Article 12\"\nnew = \"Article 1\"\n",
        )
        .unwrap();
        let root = format!("file://{}", dir.display());
        Project { dir, root }
    }

    fn uri(&self, name: &str) -> String {
        format!("{}/{}", self.root, name)
    }

    fn text(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name)).unwrap()
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start(p: &Project) -> Client {
    let mut c = Client::start(BIN);
    let caps = json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {"hover": {"contentFormat": ["markdown"]}},
        "window": {"workDoneProgress": true}
    });
    c.initialize(caps, Some(&p.root), json!({"diagnosticsDelayMs": 10}));
    c.wait_for("$/progress", |v| v["value"]["kind"] == "end");
    c
}

/// Line and character of the first `needle` (ASCII text).
fn pos(text: &str, needle: &str) -> Value {
    let off = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let line = text[..off].matches('\n').count();
    let start = text[..off].rfind('\n').map_or(0, |p| p + 1);
    json!({"line": line, "character": off - start})
}

fn hover(c: &mut Client, uri: &str, at: Value) -> String {
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": at}),
    );
    h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn contested(d: &Value) -> Vec<(u64, String)> {
    d["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "contested")
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn positions_follow_their_clauses_into_the_latest_draft() {
    let p = Project::new("versions-carried");
    let mut c = start(&p);
    let (uri, text) = (p.uri("v3.treaty.md"), p.text("v3.treaty.md"));
    c.open(&uri, &text);

    let md = hover(&mut c, &uri, pos(&text, "Article 4\n#### Illegal"));
    assert!(md.contains("**Was** Article 4 in V/2"), "{md}");
    assert!(
        md.contains("*amend, applied* · Article 4(2) · on V/1, Article 3(2): "),
        "{md}"
    );
    assert!(
        md.contains("*amend* · Article 4(1) · on V/1, Article 3(1): "),
        "{md}"
    );
    let md = hover(&mut c, &uri, pos(&text, "Article 5\n#### Illegal"));
    assert!(md.contains("*amend, overtaken*"), "{md}");
    assert!(
        md.contains("~~interception without right of non-public transmissions~~"),
        "{md}"
    );
    let md = hover(&mut c, &uri, pos(&text, "Article 6\n#### Misuse"));
    assert!(md.contains("(uncertain, 0."), "{md}");

    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["command"]["title"].as_str())
        .collect();
    // the change the draft already reads is counted as applied
    assert!(
        titles.contains(&"1 amend · 1 applied — Access Now"),
        "{titles:?}"
    );

    // the hints name the carried positions; inserting an article before
    // Article 4 moves it down, and the next diagnostics follow it
    let d = c.wait_for("textDocument/publishDiagnostics", |v| {
        v["uri"] == uri.as_str()
    });
    let before = contested(&d);
    let on_4_1 = pos(&text, "1. Each State Party shall adopt such legislative and other measures as may be necessary to establish as a criminal offence under")["line"].as_u64().unwrap();
    let hint = "Article 4(1): 1 amend (Access Now)".to_string();
    assert!(before.contains(&(on_4_1, hint.clone())), "{before:?}");
    let at = pos(&text, "### Article 4");
    let inserted = "### Article 3 bis\n#### Cooperation\n\nStates Parties shall cooperate to the widest extent possible.\n\n";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": at, "end": at}, "text": inserted}]}),
    );
    let d = c.wait_for("textDocument/publishDiagnostics", |v| {
        v["uri"] == uri.as_str() && v["version"] == 2
    });
    let after = contested(&d);
    assert!(
        after.contains(&(on_4_1 + 5, hint)),
        "the carried positions stay on the illegal access article, now 5 lines down: {after:?}"
    );
    assert!(c.shutdown());
}

#[test]
fn a_new_position_on_the_first_draft_shows_in_the_latest_drafts_hints() {
    let p = Project::new("versions-republish");
    let mut c = start(&p);
    let (uri, text) = (p.uri("v3.treaty.md"), p.text("v3.treaty.md"));
    c.open(&uri, &text);
    let d = c.wait_for("textDocument/publishDiagnostics", |v| {
        v["uri"] == uri.as_str()
    });
    let on_3 = pos(&text, "Article 3\n#### Use of terms")["line"]
        .as_u64()
        .unwrap();
    assert!(!contested(&d).iter().any(|(l, _)| *l == on_3), "{d}");
    // a position on V/1's Article 2 (use of terms), typed into the file
    let positions = p.uri("access-now.positions.toml");
    let ptext = p.text("access-now.positions.toml");
    c.open(&positions, &ptext);
    // what indexing publishes last (the open documents again) is over
    // before the change: only the change can publish the hint
    std::thread::sleep(std::time::Duration::from_millis(500));
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    c.notifications.clear();
    let added = format!("{ptext}\n[[position]]\ntarget = \"Article 2\"\nstance = \"support\"\nsummary = \"Keep the definition\"\n");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": positions, "version": 2}, "contentChanges": [{"text": added}]}),
    );
    let d = c.wait_for("textDocument/publishDiagnostics", |v| {
        v["uri"] == uri.as_str()
            && contested(&json!({"params": v}))
                .iter()
                .any(|(l, _)| *l == on_3)
    });
    let hints = contested(&d);
    assert!(
        hints.contains(&(on_3, "Article 3: 1 support (Access Now)".to_string())),
        "{hints:?}"
    );
    assert!(c.shutdown());
}

#[test]
fn the_previous_version_of_an_element_and_of_a_draft() {
    let p = Project::new("versions-previous");
    let mut c = start(&p);
    let (uri, text) = (p.uri("v2.treaty.md"), p.text("v2.treaty.md"));
    c.open(&uri, &text);
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.previousVersion", "arguments": [uri, pos(&text, "without right")]}),
    );
    assert_eq!(r["title"], "Article 3 (V/1) ↔ Article 4 (V/2)");
    assert!(
        r["old"]["text"]
            .as_str()
            .unwrap()
            .starts_with("### Article 3\n#### Illegal access"),
        "{r}"
    );
    assert!(
        r["new"]["text"]
            .as_str()
            .unwrap()
            .starts_with("### Article 4\n#### Illegal access"),
        "{r}"
    );
    assert_eq!(r["old"]["name"], "Article 3 — V/1");
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.previousVersion", "arguments": [uri, pos(&text, "without right"), true]}),
    );
    assert_eq!(r["title"], "V/1 ↔ V/2");
    assert_eq!(r["old"]["text"].as_str().unwrap(), p.text("v1.treaty.md"));
    // an article new in this version: a clear error
    let id = c.send_request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.previousVersion", "arguments": [uri, pos(&text, "sovereign equality")]}),
    );
    let e = c.response(id);
    assert_eq!(
        e["error"]["message"],
        "Article 2 is new since V/1: there is nothing to compare it with"
    );
    // the first version follows none
    let v1 = p.uri("v1.treaty.md");
    let id = c.send_request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.previousVersion", "arguments": [v1]}),
    );
    let e = c.response(id);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("V/1 follows no other draft here"),
        "{e}"
    );
    assert!(c.shutdown());
}

#[test]
fn a_correspondence_table_is_checked_and_overrides_the_aligner() {
    let p = Project::new("versions-table");
    let mut c = start(&p);
    let broken = p.uri("broken.correspondence.toml");
    let d = c.wait_for("textDocument/publishDiagnostics", |v| {
        v["uri"] == broken.as_str()
    });
    let d = &d["params"]["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 1, "{d}");
    assert_eq!(d[0]["code"], "unknown-element");
    assert_eq!(d[0]["message"], "not in V/2: no Article 12");
    assert_eq!(d[0]["range"]["start"], json!({"line": 5, "character": 6}));
    let good = p.uri("v1--v2.correspondence.toml");
    let d = c.wait_for("textDocument/publishDiagnostics", |v| {
        v["uri"] == good.as_str()
    });
    assert_eq!(d["params"]["diagnostics"], json!([]));
    // the table pairs V/1's Article 1 with V/2's, which the aligner alone
    // would not: the comment on it is there
    let (uri, text) = (p.uri("v2.treaty.md"), p.text("v2.treaty.md"));
    c.open(&uri, &text);
    let md = hover(&mut c, &uri, pos(&text, "Article 1\n"));
    assert!(
        md.contains("*comment* · Article 1 · on V/1, Article 1: "),
        "{md}"
    );
    // without the table, it is not
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": good, "type": 3}]}),
    );
    std::fs::remove_file(p.dir.join("v1--v2.correspondence.toml")).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let md = hover(&mut c, &uri, pos(&text, "Article 1\n"));
        if !md.contains("Access Now") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the table's pairs outlive it: {md}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(c.shutdown());
}
