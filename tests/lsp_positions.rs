//! Stakeholder positions through the real binary over stdio: a workspace
//! with a draft, positions files (one with a stale change and a
//! conflicting pair, one broken) and a submission.

mod support {
    pub mod client;
    pub mod edits;
}

use serde_json::{json, Value};
use std::path::PathBuf;
use support::client::Client;

const BIN: &str = env!("CARGO_BIN_EXE_treaty-lsp");

// CRLF line ends and a non-BMP character before the amended words, so
// that positions are checked where clients get them wrong.
const DRAFT: &str = "---\r\nid: TEST/1\r\ntitle: Draft convention for testing\r\n---\r\n\r\n### Article 1\r\n#### Purposes\r\n\r\n(a) To promote 🌐 measures to prevent and combat cybercrime;\r\n\r\n(b) To provide practical measures to enhance technical\r\nassistance.\r\n\r\n### Article 2\r\n\r\n1. States Parties shall ensure that the implementation is in accordance\r\n   with applicable international human rights law.\r\n\r\n2. Each State Party shall adopt [any criminal offences][serious crimes] measures.\r\n\r\n### Article 3\r\n\r\nText of article 3.\r\n";

const POSITIONS: &str = r#"#:schema ../schemas/positions.schema.json
[source]
stakeholder = "Microsoft"
group = "industry"
draft = "TEST/1"
submission = "../submissions/microsoft.md"

[[position]]
target = "Article 1 (b)"
stance = "amend"
summary = "support, not measures"
[[position.change]]
action = "replace"
find = "measures"
with = "support"

[[position]]
target = "Article 2, paragraph 1"
stance = "amend"
summary = "drop applicable"
quote = "Delete the qualifier applicable"
[[position.change]]
action = "delete-text"
find = "applicable"

[[position]]
target = "Article 2, paragraph 1"
stance = "amend"
summary = "international law instead"
[[position.change]]
action = "replace"
find = "applicable international human rights law"
with = "international law"

[[position]]
target = "Article 1 (a)"
stance = "amend"
summary = "words no longer there"
[[position.change]]
action = "delete-text"
find = "strengthen"

[[position]]
target = "Article 3"
stance = "delete"
summary = "out of scope"
[[position.change]]
action = "delete"
"#;

const BROKEN: &str = "[source]\nstakeholder = \"Broken Co\"\ndraft = \"TEST/1\"\n[[position]\ntarget = \"Article 1\"\n";

const SUBMISSION: &str = "Our views.\n\n- **Article 2 (1):** Delete the qualifier applicable, as it is vague.\n- We also like Article 3.\n";

struct Workspace {
    dir: PathBuf,
    root: String,
}

impl Workspace {
    fn new(name: &str) -> Workspace {
        let dir = std::env::temp_dir().join(format!("treaty-lsp-{}-{}", name, std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["drafts", "positions", "submissions"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        std::fs::write(dir.join("drafts/draft.treaty.md"), DRAFT).unwrap();
        std::fs::write(dir.join("positions/microsoft.positions.toml"), POSITIONS).unwrap();
        std::fs::write(dir.join("positions/broken.positions.toml"), BROKEN).unwrap();
        std::fs::write(dir.join("submissions/microsoft.md"), SUBMISSION).unwrap();
        std::fs::write(
            dir.join("positions/elsewhere.positions.toml"),
            "[source]\nstakeholder = \"Elsewhere\"\ndraft = \"A/AC.291/99\"\n",
        )
        .unwrap();
        let root = format!("file://{}", dir.display());
        Workspace { dir, root }
    }

    fn uri(&self, path: &str) -> String {
        format!("{}/{}", self.root, path)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn caps() -> Value {
    json!({
        // as VS Code says: its Markdown renders tables
        "general": {"positionEncodings": ["utf-16"], "markdown": {"parser": "marked", "version": "1.1.0"}},
        "textDocument": {
            "hover": {"contentFormat": ["markdown"]},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
            "codeAction": {"disabledSupport": true, "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}
        },
        "workspace": {"workspaceEdit": {"documentChanges": true, "changeAnnotationSupport": {"groupsOnLabel": true}}},
        "window": {"workDoneProgress": true}
    })
}

/// Line and UTF-16 character of the first `needle`.
fn pos(text: &str, needle: &str) -> Value {
    let off = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let line = text[..off].matches('\n').count();
    let start = text[..off].rfind('\n').map_or(0, |p| p + 1);
    let character: usize = text[start..off].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

fn start(ws: &Workspace, options: Value) -> Client {
    let mut c = Client::start(BIN);
    c.initialize(caps(), Some(&ws.root), options);
    c.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    c
}

fn diagnostics_of(c: &mut Client, uri: &str) -> Vec<Value> {
    let d = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    d["params"]["diagnostics"].as_array().unwrap().clone()
}

fn code_actions(c: &mut Client, uri: &str, at: Value) -> Vec<Value> {
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
    );
    r.as_array().unwrap().clone()
}

/// The edits of an action for one document, applied to `text`.
fn applied(action: &Value, uri: &str, text: &str) -> String {
    let changes = action["edit"]["documentChanges"]
        .as_array()
        .expect("documentChanges");
    let edit = changes
        .iter()
        .find(|c| c["textDocument"]["uri"] == uri)
        .expect("an edit to the draft");
    support::edits::apply(text, &edit["edits"])
}

#[test]
fn positions_files_report_broken_toml_stale_changes_and_unknown_drafts() {
    let ws = Workspace::new("positions-diags");
    let mut c = start(&ws, json!({"diagnosticsDelayMs": 10}));
    let broken = diagnostics_of(&mut c, &ws.uri("positions/broken.positions.toml"));
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert_eq!(broken[0]["code"], "toml-syntax");
    assert_eq!(broken[0]["range"]["start"]["line"], 3);
    let elsewhere = diagnostics_of(&mut c, &ws.uri("positions/elsewhere.positions.toml"));
    assert_eq!(elsewhere[0]["code"], "unknown-draft");
    assert_eq!(
        elsewhere[0]["message"],
        "no draft `A/AC.291/99` in the workspace; drafts here: TEST/1"
    );
    assert_eq!(
        elsewhere[0]["range"]["start"],
        json!({"line": 2, "character": 8})
    );
    let ms = diagnostics_of(&mut c, &ws.uri("positions/microsoft.positions.toml"));
    let stale: Vec<&Value> = ms.iter().filter(|d| d["code"] == "stale-change").collect();
    assert_eq!(stale.len(), 1, "{ms:?}");
    // at the `find` value of the stale change, with the draft element as related information
    assert_eq!(stale[0]["range"]["start"], pos(POSITIONS, "\"strengthen\""));
    let related = &stale[0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], ws.uri("drafts/draft.treaty.md"));
    // the draft is marked where it is contested
    let draft = diagnostics_of(&mut c, &ws.uri("drafts/draft.treaty.md"));
    let hints: Vec<&str> = draft
        .iter()
        .filter(|d| d["code"] == "contested")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        hints.contains(&"Article 2(1): 2 amend (Microsoft)"),
        "{hints:?}"
    );
    assert!(c.shutdown());
}

#[test]
fn contested_hints_can_be_turned_off() {
    let ws = Workspace::new("positions-nohints");
    let mut c = start(
        &ws,
        json!({"diagnosticsDelayMs": 10, "contestedDiagnostics": false}),
    );
    let draft = diagnostics_of(&mut c, &ws.uri("drafts/draft.treaty.md"));
    assert!(draft.iter().all(|d| d["code"] != "contested"), "{draft:?}");
    assert!(c.shutdown());
}

#[test]
fn hover_lens_and_quick_fixes_in_the_draft() {
    let ws = Workspace::new("positions-draft");
    let mut c = start(&ws, json!({"diagnosticsDelayMs": 10}));
    let uri = ws.uri("drafts/draft.treaty.md");
    c.open(&uri, DRAFT);

    // hover on the article heading: the positions on it and its parts
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(DRAFT, "Article 2")}),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    // positions first, in a table for a client that renders tables
    assert!(
        md.starts_with("**Article 2**\n\n**Positions**: 2 amend"),
        "{md}"
    );
    assert!(
        md.contains("| **Microsoft** (industry) | amend | Article 2(1) | drop applicable — “Delete the qualifier applicable” | "),
        "{md}"
    );
    // the submission's line, found from the quote; that line is not listed
    // again as a mention, but a mention no position links to is
    assert!(md.contains("microsoft.md#L3)"), "{md}");
    assert!(!md.contains("**Mentioned in**"), "{md}");
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(DRAFT, "Article 3")}),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("**Mentioned in**\n- [microsoft.md, line 4]("),
        "{md}"
    );

    // a lens above each article with positions
    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "2 amend — Microsoft",
            "2 amend — Microsoft",
            "1 delete — Microsoft"
        ]
    );
    let lens = &lenses[1];
    assert_eq!(lens["range"]["start"], pos(DRAFT, "Article 2"));
    assert_eq!(lens["command"]["command"], "treaty.showPositions");
    assert_eq!(lens["command"]["arguments"][2].as_array().unwrap().len(), 2);

    // the quick fix puts exactly the proposed words in, across the line break
    let actions = code_actions(&mut c, &uri, pos(DRAFT, "States Parties"));
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    let delete = actions
        .iter()
        .find(|a| a["title"] == "Apply Microsoft’s amendment to Article 2(1): delete “applicable”")
        .unwrap_or_else(|| panic!("{titles:?}"));
    assert_eq!(delete["kind"], "quickfix");
    // each edit names the change for the editor's preview; one element
    // changed: no need to ask first
    let edit = &delete["edit"];
    assert_eq!(
        edit["changeAnnotations"]["treaty-lsp.change"],
        json!({
            "label": "Microsoft’s amendment to Article 2(1): delete “applicable”",
            "description": "delete “applicable”",
            "needsConfirmation": false
        })
    );
    assert_eq!(
        edit["documentChanges"][0]["edits"][0]["annotationId"],
        "treaty-lsp.change"
    );
    assert_eq!(
        applied(delete, &uri, DRAFT),
        DRAFT.replace("with applicable international", "with international")
    );
    // the conflicting pair is never applied together
    let all = actions
        .iter()
        .find(|a| a["title"] == "Apply all 2 amendments from Microsoft to Article 2")
        .unwrap_or_else(|| panic!("{titles:?}"));
    assert!(all.get("edit").is_none());
    assert!(all["disabled"]["reason"]
        .as_str()
        .unwrap()
        .starts_with("conflict:"));

    // replace after a non-BMP character on a CRLF line
    let actions = code_actions(&mut c, &uri, pos(DRAFT, "To provide"));
    let replace = &actions[0];
    assert_eq!(
        replace["title"],
        "Apply Microsoft’s amendment to Article 1(b): replace “measures” with “support”"
    );
    assert_eq!(
        applied(replace, &uri, DRAFT),
        DRAFT.replace("practical measures", "practical support")
    );
    // the stale one is disabled with the reason
    let actions = code_actions(&mut c, &uri, pos(DRAFT, "To promote"));
    assert!(actions[0]["disabled"]["reason"]
        .as_str()
        .unwrap()
        .starts_with("stale: “strengthen” is not in Article 1(a)"));
    // deleting a whole article
    let actions = code_actions(&mut c, &uri, pos(DRAFT, "Text of article 3"));
    assert_eq!(
        applied(&actions[0], &uri, DRAFT),
        DRAFT.replace("\r\n\r\n### Article 3\r\n\r\nText of article 3.", "")
    );
    assert!(c.shutdown());
}

/// The drafters accept a deletion: that change reads applied (a hint,
/// never "stale"), and the other change to the same words, which no longer
/// finds them, is stale.
#[test]
fn accepting_a_deletion_makes_it_applied_and_the_change_it_overtakes_stale() {
    let ws = Workspace::new("positions-stale");
    let mut c = start(&ws, json!({"diagnosticsDelayMs": 10}));
    let uri = ws.uri("drafts/draft.treaty.md");
    let positions = ws.uri("positions/microsoft.positions.toml");
    let before = diagnostics_of(&mut c, &positions);
    assert_eq!(
        before
            .iter()
            .filter(|d| d["code"] == "stale-change")
            .count(),
        1
    );
    c.open(&uri, DRAFT);
    // the drafters accept the deletion of "applicable": Microsoft's
    // deletion is applied, its other change to those words is stale
    let at = pos(DRAFT, "applicable ");
    let end = json!({"line": at["line"], "character": at["character"].as_u64().unwrap() + 11});
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": at, "end": end}, "text": ""}]}),
    );
    let count = |d: &[Value], code: &str| d.iter().filter(|d| d["code"] == code).count();
    let after = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == positions.as_str()
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| count(d, "stale-change") == 2 && count(d, "applied") == 1)
    });
    let text = after["params"]["diagnostics"].to_string();
    assert!(
        text.contains("“applicable international human rights…” is not in Article 2(1)"),
        "{text}"
    );
    assert!(
        text.contains("applied: Article 2(1) already reads as proposed"),
        "{text}"
    );
    assert!(c.shutdown());
}

#[test]
fn from_a_positions_file_to_the_draft_and_back() {
    let ws = Workspace::new("positions-nav");
    let mut c = start(&ws, json!({"diagnosticsDelayMs": 10}));
    let positions = ws.uri("positions/microsoft.positions.toml");
    let draft = ws.uri("drafts/draft.treaty.md");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": positions, "languageId": "toml", "version": 1, "text": POSITIONS}}),
    );
    // definition on the `1` of `Article 2, paragraph 1`
    let mut at = pos(POSITIONS, "Article 2, paragraph 1");
    at["character"] = json!(at["character"].as_u64().unwrap() + 21);
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": positions}, "position": at}),
    );
    let loc = if def.is_array() { def[0].clone() } else { def };
    assert_eq!(loc["uri"], draft.as_str());
    assert_eq!(loc["range"]["start"], pos(DRAFT, "1. States Parties"));
    // find references on Article 3 in the draft lists the position on it
    let mut at = pos(DRAFT, "### Article 3");
    at["character"] = json!(12);
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": draft}, "position": at, "context": {"includeDeclaration": false}}),
    );
    let uris: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&positions.as_str()), "{refs}");
    assert!(
        uris.contains(&ws.uri("submissions/microsoft.md").as_str()),
        "{refs}"
    );
    // and from the submission, on the `2` of `Article 2 (1)`, into the draft
    let submission = ws.uri("submissions/microsoft.md");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": submission, "languageId": "markdown", "version": 1, "text": SUBMISSION}}),
    );
    let mut at = pos(SUBMISSION, "Article 2 (1)");
    at["character"] = json!(at["character"].as_u64().unwrap() + 8);
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": submission}, "position": at}),
    );
    let loc = if def.is_array() { def[0].clone() } else { def };
    assert_eq!(loc["uri"], draft.as_str());
    assert_eq!(loc["range"]["start"], pos(DRAFT, "Article 2"));
    assert!(c.shutdown());
}

/// The positions report through `workspace/executeCommand`, from the text
/// open in the editor (an unsaved edit shows), as HTML or Markdown.
#[test]
fn the_positions_report_through_execute_command() {
    let ws = Workspace::new("positions-report");
    let mut c = start(&ws, json!({"diagnosticsDelayMs": 10}));
    let uri = ws.uri("drafts/draft.treaty.md");
    c.open(&uri, DRAFT);
    let md = c.request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.report", "arguments": [uri, "md"]}),
    );
    let md = md.as_str().expect("the report's text");
    assert!(
        md.contains("| Element | Microsoft (industry) | Tally |"),
        "{md}"
    );
    let html = c.request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.report", "arguments": [uri]}),
    );
    let html = html.as_str().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<table class=\"matrix\">"));
    assert!(
        html.contains("positions/microsoft.positions.toml#L"),
        "links to the position"
    );
    let id = c.send_request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.report", "arguments": ["file:///nowhere.treaty.md"]}),
    );
    assert!(c.response(id).get("error").is_some());
    assert!(c.shutdown());
}

/// The editors' extract command: a positions file drafted from a
/// submission, against the latest draft, named beside the positions files
/// without taking an existing name, its submission named relative to it.
#[test]
fn a_positions_file_drafted_from_a_submission_through_execute_command() {
    let ws = Workspace::new("positions-extract");
    let mut c = start(&ws, json!({"diagnosticsDelayMs": 10}));
    let submission = ws.uri("submissions/microsoft.md");
    let options = json!({"stakeholder": "Microsoft", "group": "industry"});
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.extract", "arguments": [submission, options]}),
    );
    // positions/microsoft.positions.toml exists: the next free name
    assert_eq!(r["uri"], ws.uri("positions/microsoft-2.positions.toml"));
    assert_eq!(r["draft"], "TEST/1");
    assert_eq!(r["positions"], 1, "{r}");
    let text = r["text"].as_str().unwrap();
    for want in [
        "stakeholder = \"Microsoft\"",
        "group = \"industry\"",
        "draft = \"TEST/1\"",
        "submission = \"../submissions/microsoft.md\"",
        "target = \"Article 2 (1)\"",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
    // with no positions file yet, a submission outside the workspace gets
    // its file at the workspace's root (saved beside it, it would not be read)
    let away = format!("outside-extract-{}", std::process::id());
    std::fs::create_dir_all(ws.dir.join("..").join(&away)).unwrap();
    let outside = ws.dir.join("..").join(&away).join("s.md");
    std::fs::write(&outside, "We propose to delete Article 3.\n").unwrap();
    for f in ["microsoft", "broken", "elsewhere"] {
        std::fs::remove_file(ws.dir.join(format!("positions/{f}.positions.toml"))).unwrap();
    }
    let toml = format!("submissions = [\"../{away}/s.md\"]\n");
    std::fs::write(ws.dir.join("treaty.toml"), toml).unwrap();
    assert!(c.shutdown());
    let mut c = start(&ws, json!({"diagnosticsDelayMs": 10}));
    let outside_uri = format!("file://{}", outside.canonicalize().unwrap().display());
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.extract", "arguments": [outside_uri, {"stakeholder": "S"}]}),
    );
    let _ = std::fs::remove_dir_all(ws.dir.join("..").join(&away));
    assert_eq!(r["uri"], format!("{}/s.positions.toml", ws.root), "{r}");
    let named = format!("submission = \"../{away}/s.md\"");
    assert!(r["text"].as_str().unwrap().contains(&named), "{r}");
    // no stakeholder, a group that is none: errors that say so
    for bad in [json!({}), json!({"stakeholder": "X", "group": "lobby"})] {
        let id = c.send_request(
            "workspace/executeCommand",
            json!({"command": "treaty-lsp.extract", "arguments": [submission, bad]}),
        );
        let error = c.response(id)["error"]["message"].to_string();
        assert!(
            error.contains("stakeholder") || error.contains("`lobby` is not a group"),
            "{error}"
        );
    }
    assert!(c.shutdown());
}

#[test]
fn all_of_a_stakeholders_amendments_at_once_through_execute_command() {
    let ws = Workspace::new("positions-command");
    let mut c = start(&ws, json!({"diagnosticsDelayMs": 10}));
    let uri = ws.uri("drafts/draft.treaty.md");
    c.open(&uri, DRAFT);
    let commands = &c.request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.listStakeholders", "arguments": [uri]}),
    );
    // the broken file's stakeholder has no positions; the stale one does
    // not count as an amendment
    assert_eq!(
        commands,
        &json!([{"stakeholder": "Microsoft", "group": "industry", "positions": 5, "amendments": 4}])
    );

    let id = c.send_request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.applyStakeholderAmendments", "arguments": [uri, "microsoft"]}),
    );
    let apply = c.wait_for("workspace/applyEdit", |_| true);
    assert_eq!(
        apply["params"]["label"],
        "Apply all amendments from microsoft"
    );
    let edit = &apply["params"]["edit"]["documentChanges"][0];
    assert_eq!(edit["textDocument"]["uri"], uri.as_str());
    assert_eq!(
        support::edits::apply(DRAFT, &edit["edits"]),
        DRAFT
            .replace("practical measures", "practical support")
            .replace("with applicable international", "with international")
            .replace("\r\n\r\n### Article 3\r\n\r\nText of article 3.", "")
    );
    let r = c.response(id);
    assert_eq!(r["result"]["applied"], 3, "{r}");
    let skipped = r["result"]["skipped"].as_array().unwrap();
    let reasons: Vec<&str> = skipped
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    // in the order of the file
    assert!(
        reasons[0].starts_with("conflict: delete “applicable” (Article 2(1)) and replace"),
        "{reasons:?}"
    );
    assert!(reasons[1].starts_with("stale: “strengthen”"), "{reasons:?}");
    assert_eq!(
        skipped[0]["what"],
        "Article 2, paragraph 1: international law instead"
    );

    // bad arguments are errors, not crashes
    let id = c.send_request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.applyStakeholderAmendments", "arguments": [uri]}),
    );
    assert!(c.response(id).get("error").is_some());
    let id = c.send_request(
        "workspace/executeCommand",
        json!({"command": "treaty-lsp.listStakeholders", "arguments": ["file:///nowhere.treaty.md"]}),
    );
    assert!(c.response(id).get("error").is_some());
    assert!(c.shutdown());
}

#[test]
fn settings_filter_stakeholders_and_turn_lenses_off() {
    let ws = Workspace::new("positions-settings");
    let mut c = start(
        &ws,
        json!({"diagnosticsDelayMs": 10, "stakeholders": ["Someone Else"]}),
    );
    let uri = ws.uri("drafts/draft.treaty.md");
    c.open(&uri, DRAFT);
    let hover = |c: &mut Client| {
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(DRAFT, "Article 2")}),
        );
        h["contents"]["value"].as_str().unwrap().to_string()
    };
    let lenses = |c: &mut Client| {
        c.request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .as_array()
        .unwrap()
        .len()
    };
    assert!(!hover(&mut c).contains("Microsoft"));
    assert_eq!(lenses(&mut c), 0);
    assert!(code_actions(&mut c, &uri, pos(DRAFT, "States Parties")).is_empty());

    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"treaty": {"stakeholders": [], "codeLens": false}}}),
    );
    assert!(hover(&mut c).contains("| **Microsoft** (industry) | amend |"));
    // a list, when the user says so, whatever the client renders
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"treaty": {"hoverLayout": "list"}}}),
    );
    let md = hover(&mut c);
    assert!(md.contains("- **Microsoft** (industry) · *amend* · Article 2(1): drop applicable\n  “Delete the qualifier applicable” — "), "{md}");
    assert!(!md.contains("|---|"), "{md}");
    assert_eq!(lenses(&mut c), 0);
    assert!(!code_actions(&mut c, &uri, pos(DRAFT, "States Parties")).is_empty());

    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"treaty": {"codeLens": true, "contestedDiagnostics": false}}}),
    );
    assert_eq!(lenses(&mut c), 3);
    // the hints go at once, without an edit
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str()
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().all(|d| d["code"] != "contested"))
    });
    assert!(c.shutdown());
}

#[test]
fn lenses_are_refreshed_once_indexing_has_read_the_positions() {
    let ws = Workspace::new("positions-refresh");
    let mut c = Client::start(BIN);
    let mut capabilities = caps();
    capabilities["workspace"]["codeLens"] = json!({"refreshSupport": true});
    c.initialize(
        capabilities,
        Some(&ws.root),
        json!({"diagnosticsDelayMs": 10}),
    );
    c.wait_for("workspace/codeLens/refresh", |_| true);
    let uri = ws.uri("drafts/draft.treaty.md");
    c.open(&uri, DRAFT);
    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(lenses.as_array().unwrap().len(), 3);
    assert!(c.shutdown());
}
