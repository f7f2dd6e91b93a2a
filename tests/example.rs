//! The worked example (`examples/cybercrime-convention/`) through the real
//! binary: its positions files load clean, the hover on Article 5 shows who
//! wants what, and every quick fix the server offers on the two drafts is
//! applied and its result checked against a reviewed snapshot.
//!
//! The example's submissions live in `../shared/corpus/submissions/`: with
//! `CI` set a missing corpus fails; otherwise the test says loudly that it
//! did not run.

mod support {
    pub mod client;
    pub mod corpus;
    pub mod edits;
}

use serde_json::{json, Value};
use std::path::PathBuf;
use support::client::Client;

const BIN: &str = env!("CARGO_BIN_EXE_treaty-lsp");

fn example_dir() -> Option<PathBuf> {
    support::corpus::dir("submissions", "example tests")?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    Some(
        root.join("examples/cybercrime-convention")
            .canonicalize()
            .expect("the example folder"),
    )
}

fn caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "hover": {"contentFormat": ["markdown"]},
            "publishDiagnostics": {"relatedInformation": true},
            "codeAction": {"disabledSupport": true, "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}
        },
        "workspace": {"workspaceEdit": {"documentChanges": true}},
        "window": {"workDoneProgress": true}
    })
}

/// The start of every element's label: article headings and the labels
/// that begin paragraphs and subparagraphs.
fn element_starts(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (line, l) in text.split('\n').enumerate() {
        let t = l.trim_start();
        let indent = l.len() - t.len();
        let numbered = t.split_once(' ').is_some_and(|(label, _)| {
            let label = label.trim_end_matches('.');
            label.chars().all(|c| c.is_ascii_digit()) && !label.is_empty()
                || label.starts_with('(') && label.ends_with(')')
        });
        if let Some(rest) = t.strip_prefix("### ") {
            if rest.starts_with("Article") {
                out.push((line, indent + 4));
            }
        } else if numbered {
            out.push((line, indent));
        }
    }
    out
}

/// Every quick fix the example's README names in italics (`*Apply ...*`,
/// the start of a title) is offered on the drafts, and is disabled
/// exactly when the rest of the README's sentence says so.
fn readme_names_the_fixes_as_offered(readme: &str, offered: &[(String, bool)]) {
    let text = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut named = 0;
    for (i, span) in text.split('*').enumerate() {
        if i % 2 == 0 || !span.starts_with("Apply ") {
            continue;
        }
        named += 1;
        let title = span.replace('\'', "’");
        let after = text.split(&format!("*{span}*")).nth(1).unwrap_or("");
        let sentence = after.split(". ").next().unwrap_or("");
        let said_disabled = sentence.contains("disabled");
        let matching: Vec<bool> = offered
            .iter()
            .filter(|(t, _)| t.starts_with(&title))
            .map(|&(_, disabled)| disabled)
            .collect();
        assert!(
            !matching.is_empty(),
            "the README names a fix not offered: {span}"
        );
        assert!(
            matching.iter().all(|&d| d == said_disabled),
            "the README says {span} is {}: the server disagrees",
            if said_disabled { "disabled" } else { "offered" }
        );
    }
    assert!(named >= 3, "the README names its quick fixes in italics");
}

#[test]
fn the_worked_example_through_the_server() {
    let Some(dir) = example_dir() else { return };
    let root = format!("file://{}", dir.display());
    let mut c = Client::start(BIN);
    c.initialize(caps(), Some(&root), json!({"diagnosticsDelayMs": 10}));
    c.wait_for("$/progress", |p| p["value"]["kind"] == "end");

    // every positions file loads with no problem: no error, nothing stale
    for name in [
        "microsoft-ahc4-2023",
        "tech-accord-ahc7-2024",
        "csis-analysis-2023",
    ] {
        let uri = format!("{root}/positions/{name}.positions.toml");
        let d = c.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
        });
        assert_eq!(d["params"]["diagnostics"], json!([]), "{uri}");
    }

    let draft_16 = std::fs::read_to_string(dir.join("drafts/A-AC.291-16.treaty.md")).unwrap();
    let uri_16 = format!("{root}/drafts/A-AC.291-16.treaty.md");
    c.open(&uri_16, &draft_16);

    // the hover on Article 5: Microsoft's amendment first, with its words
    // and a link to the submission's line (which is not listed again as a
    // mention), then what the article holds
    let line = draft_16
        .split('\n')
        .position(|l| l == "### Article 5")
        .unwrap();
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri_16}, "position": {"line": line, "character": 12}}),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.starts_with("**Article 5**\n\n**Positions**: 1 amend\n\n"),
        "{md}"
    );
    assert!(
        md.contains("- **Microsoft** (industry) · *amend* · Article 5(1): Delete the qualifier"),
        "{md}"
    );
    assert!(
        md.contains("\n  “Delete the qualifier \"applicable\", as it opens"),
        "{md}"
    );
    assert!(md.contains("[the rest: submission, line 49]("), "{md}");
    assert!(md.contains("microsoft-ahc4-2023.md#L49)"), "{md}");
    assert!(!md.contains("**Mentioned in**"), "{md}");
    assert!(md.ends_with("1 paragraph · cited 0 times"), "{md}");
    assert!(!md.contains("Consolidated negotiating document"), "{md}");

    // a lens above each article with positions; Article 5's gives its tally
    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri_16}}),
    );
    let lenses = lenses.as_array().unwrap();
    assert!(lenses.len() >= 20, "{lenses:?}");
    let on_5 = lenses
        .iter()
        .find(|l| l["range"]["start"]["line"] == line)
        .expect("a lens on Article 5");
    assert_eq!(on_5["command"]["title"], "1 amend — Microsoft");
    assert_eq!(on_5["command"]["command"], "treaty.showPositions");

    // every quick fix on both drafts, applied
    let mut report = String::new();
    let mut conflicts = 0;
    let mut offered = Vec::new();
    for name in ["A-AC.291-16", "A-AC.291-22-Rev.1"] {
        let text = std::fs::read_to_string(dir.join(format!("drafts/{name}.treaty.md"))).unwrap();
        let uri = format!("{root}/drafts/{name}.treaty.md");
        if name != "A-AC.291-16" {
            c.open(&uri, &text);
        }
        report.push_str(&format!("# {name}\n"));
        let mut seen = std::collections::BTreeSet::new();
        for (line, character) in element_starts(&text) {
            let at = json!({"line": line, "character": character});
            let actions = c.request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
            );
            for a in actions.as_array().unwrap() {
                let title = a["title"].as_str().unwrap().to_string();
                if !seen.insert(title.clone()) {
                    continue;
                }
                report.push_str(&format!("## {title}\n"));
                offered.push((title.clone(), a["disabled"].is_object()));
                if let Some(reason) = a["disabled"]["reason"].as_str() {
                    assert!(
                        title.starts_with("Apply all"),
                        "a single position's change does not apply: {title}: {reason}"
                    );
                    assert!(reason.starts_with("conflict:"), "{title}: {reason}");
                    conflicts += 1;
                    report.push_str(&format!("  disabled: {reason}\n"));
                    continue;
                }
                let edits = &a["edit"]["documentChanges"][0];
                assert_eq!(edits["textDocument"]["uri"], uri.as_str());
                let after = support::edits::apply(&text, &edits["edits"]);
                assert_ne!(after, text, "{title} changes nothing");
                report.push_str(&support::edits::line_diff(&text, &after, "  "));
            }
        }
    }
    // conflicts are named in the report (the conflicting pair itself is
    // tested in lsp_positions.rs)
    report.push_str(&format!("\n{conflicts} disabled by conflicts\n"));
    expect_test::expect_file!["snapshots/example-amendments.txt"].assert_eq(&report);
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    readme_names_the_fixes_as_offered(&readme, &offered);

    // Rev.1 follows A/AC.291/16: Microsoft's positions on the clause on
    // illegal access and on conditions and safeguards (Article 42 then,
    // Article 24 now, as the correspondence table says) are there, marked
    // with where they were made
    let rev1 = std::fs::read_to_string(dir.join("drafts/A-AC.291-22-Rev.1.treaty.md")).unwrap();
    let uri_rev1 = format!("{root}/drafts/A-AC.291-22-Rev.1.treaty.md");
    let hover_on = |c: &mut Client, heading: &str| {
        let line = rev1.split('\n').position(|l| l == heading).unwrap();
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri_rev1}, "position": {"line": line, "character": 5}}),
        );
        h["contents"]["value"].as_str().unwrap().to_string()
    };
    let md = hover_on(&mut c, "### Article 6");
    assert!(md.contains("**Was** Article 6 in A/AC.291/16"), "{md}");
    assert!(
        md.contains(
            "- **Microsoft** (industry) · *insert* · Article 6 · on A/AC.291/16, Article 6: "
        ),
        "{md}"
    );
    let md = hover_on(&mut c, "### Article 24");
    assert!(md.contains("**Was** Article 42 in A/AC.291/16"), "{md}");
    assert!(md.contains("on A/AC.291/16, Article 42(2)"), "{md}");
    let table = format!("{root}/drafts/A-AC.291-16--A-AC.291-22-Rev.1.correspondence.toml");
    let d = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == table.as_str()
    });
    assert_eq!(d["params"]["diagnostics"], json!([]), "{table}");
    assert!(c.shutdown());
}
