//! The real binary over stdio: negotiation, every feature, ordering,
//! encodings and crash resistance.

mod support {
    pub mod client;
    pub mod long_draft;
}

use serde_json::{json, Value};
use support::client::Client;
use support::long_draft::long_draft;

const BIN: &str = env!("CARGO_BIN_EXE_treaty-lsp");

const DRAFT: &str = "# Draft convention\n\n### Article 1\n\n#### Use of terms\n\n(a) \"Computer system\" means any device;\n\n### Article 2\n\n#### Scope\n\n1. This Convention applies to Articles 1 to 3.\n\n2. Paragraph 1 applies to a computer system; see Article 3, paragraph 2.\n\n### Article 3\n\n#### Illegal access\n\n1. Each State Party shall act.\n\n2. As in paragraph 1 of this article and Article 9.\n";

const URI: &str = "file:///tmp/treaty-lsp-test/draft.treaty.md";

/// Capabilities of a demanding client (like VS Code).
fn full_caps(encodings: &[&str]) -> Value {
    json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "definition": {"linkSupport": false},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true}
        },
        "workspace": {"workspaceEdit": {"documentChanges": true}},
        "window": {"workDoneProgress": true}
    })
}

fn start(encodings: &[&str]) -> Client {
    let mut c = Client::start(BIN);
    c.initialize(
        full_caps(encodings),
        None,
        json!({"diagnosticsDelayMs": 20}),
    );
    c
}

/// Line and UTF-16 character of the first `needle` (plus `shift` chars).
fn pos(text: &str, needle: &str, shift: usize) -> Value {
    let off = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let line = text[..off].matches('\n').count();
    let start = text[..off].rfind('\n').map_or(0, |p| p + 1);
    let character: usize = text[start..off].chars().map(char::len_utf16).sum::<usize>() + shift;
    json!({"line": line, "character": character})
}

fn tdp(uri: &str, p: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": p})
}

#[test]
fn negotiates_the_position_encoding() {
    for (offered, chosen) in [
        (vec!["utf-16", "utf-8"], "utf-8"),
        (vec!["utf-16"], "utf-16"),
        (vec!["utf-32"], "utf-32"),
        (vec![], "utf-16"),
    ] {
        let mut c = Client::start(BIN);
        let r = c.initialize(full_caps(&offered), None, json!({}));
        assert_eq!(
            r["capabilities"]["positionEncoding"], chosen,
            "offered {offered:?}"
        );
        assert_eq!(
            r["capabilities"]["textDocumentSync"]["change"], 2,
            "incremental sync"
        );
        assert!(c.shutdown(), "clean exit");
    }
}

#[test]
fn every_feature_answers() {
    let mut c = start(&["utf-16"]);
    c.open(URI, DRAFT);
    // hover on the `2` of `Article 3, paragraph 2`
    let h = c.request(
        "textDocument/hover",
        tdp(URI, pos(DRAFT, "paragraph 2.", 10)),
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("Article 3(2)"), "{md}");
    assert!(md.contains("As in paragraph 1 of this article"), "{md}");
    // definition: exactly the paragraph
    let d = c.request(
        "textDocument/definition",
        tdp(URI, pos(DRAFT, "paragraph 2.", 10)),
    );
    assert_eq!(d[0]["range"]["start"], pos(DRAFT, "2. As in", 0));
    // references to Article 3: the range `1 to 3`, `Article 3`, and the declaration
    let r = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": URI}, "position": pos(DRAFT, "### Article 3", 12), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(r.as_array().unwrap().len(), 4, "{r}");
    // hierarchical symbols
    let s = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(s[2]["name"], "Article 3 - Illegal access");
    assert_eq!(s[2]["children"][1]["name"], "2.");
    // workspace symbols
    let w = c.request("workspace/symbol", json!({"query": "illegal"}));
    assert_eq!(w[0]["name"], "Article 3 - Illegal access");
    // folding, selection, semantic tokens
    let f = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(f.as_array().unwrap().len() >= 3);
    let sel = c.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": URI}, "positions": [pos(DRAFT, "Article 9", 8)]}),
    );
    assert!(sel[0]["parent"].is_object());
    let t = c.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(t["data"].as_array().unwrap().len() % 5, 0);
    assert!(t["data"].as_array().unwrap().len() > 20);
    let tr = c.request(
        "textDocument/semanticTokens/range",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}}),
    );
    assert!(tr["data"].as_array().unwrap().len() < t["data"].as_array().unwrap().len());
    // completion after `Articles 1 to `
    let comp = c.request(
        "textDocument/completion",
        tdp(URI, pos(DRAFT, "3.\n\n2. Paragraph", 0)),
    );
    let labels: Vec<&str> = comp
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Article 1", "Article 2", "Article 3"]);
    // diagnostics: the dangling Article 9, with the document version
    let diag = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == URI);
    assert_eq!(diag["params"]["version"], 1);
    let msgs: Vec<&str> = diag["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        msgs,
        ["dangling reference: Article 9 does not exist in Draft convention"]
    );
    // prepare rename + rename (document changes with the version)
    let pr = c.request(
        "textDocument/prepareRename",
        tdp(URI, pos(DRAFT, "### Article 3", 12)),
    );
    assert_eq!(pr["placeholder"], "3");
    let edit = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": pos(DRAFT, "### Article 3", 12), "newName": "4"}),
    );
    let edits = &edit["documentChanges"][0];
    assert_eq!(edits["textDocument"]["version"], 1);
    assert_eq!(edits["edits"].as_array().unwrap().len(), 3, "{edits}");
    // refused rename: a number already taken
    let id = c.send_request(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": pos(DRAFT, "### Article 3", 12), "newName": "2"}),
    );
    let err = c.response(id);
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Article 2 already exists"),
        "{err}"
    );
    // capabilities the server has nothing for yet: empty, not MethodNotFound
    for method in [
        "textDocument/codeAction",
        "textDocument/codeLens",
        "textDocument/documentLink",
    ] {
        let params = json!({"textDocument": {"uri": URI},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []}});
        let r = c.request(method, params);
        assert_eq!(r, json!([]), "{method}");
    }
    assert!(c.shutdown());
}

#[test]
fn fixing_an_error_publishes_an_empty_list() {
    let mut c = start(&["utf-16"]);
    c.open(URI, DRAFT);
    let d = c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 1);
    assert_eq!(d["params"]["diagnostics"].as_array().unwrap().len(), 1);
    // replace `Article 9` with `Article 1`
    let start = pos(DRAFT, "Article 9", 8);
    let end = pos(DRAFT, "Article 9", 9);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": start, "end": end}, "text": "1"}]}),
    );
    let d = c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 2);
    assert_eq!(d["params"]["diagnostics"], json!([]));
    assert!(c.shutdown());
}

#[test]
fn diagnostics_are_debounced_and_never_go_back_in_versions() {
    let mut c = Client::start(BIN);
    c.initialize(
        full_caps(&["utf-16"]),
        None,
        json!({"diagnosticsDelayMs": 200}),
    );
    c.open(URI, DRAFT);
    for v in 2..=30 {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": v},
                   "contentChanges": [{"text": format!("{DRAFT}\nArticle {}\n", 100 + v)}]}),
        );
    }
    let last = c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 30);
    assert_eq!(last["params"]["diagnostics"].as_array().unwrap().len(), 2);
    // within the debounce only the last version is published, and nothing older ever after it
    let versions: Vec<i64> = c
        .notifications
        .iter()
        .filter(|n| n["method"] == "textDocument/publishDiagnostics")
        .filter_map(|n| n["params"]["version"].as_i64())
        .collect();
    assert!(
        versions.iter().all(|&v| v == 30),
        "published for stale versions: {versions:?}"
    );
    std::thread::sleep(std::time::Duration::from_millis(400));
    let _ = c.request("workspace/symbol", json!({"query": ""}));
    assert!(c
        .notifications
        .iter()
        .filter(|n| n["method"] == "textDocument/publishDiagnostics")
        .all(|n| n["params"]["version"].as_i64() >= Some(30)));
    assert!(c.shutdown());
}

#[test]
fn a_change_then_a_request_is_answered_on_the_changed_text_1000_times() {
    let mut c = start(&["utf-16"]);
    let base =
        "# T\n\n### Article 1\n\n#### Heading 0\n\nText.\n\n### Article 2\n\nSee Article 1.\n";
    c.open(URI, base);
    let title_line = 4;
    let mut current = "Heading 0".to_string();
    let reference = pos(base, "Article 1.", 8);
    for i in 1..=1000 {
        let next = format!("Heading {i}");
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": i + 1},
                   "contentChanges": [{"range": {"start": {"line": title_line, "character": 5},
                                                 "end": {"line": title_line, "character": 5 + current.len()}},
                                       "text": next}]}),
        );
        let h = c.request("textDocument/hover", tdp(URI, reference.clone()));
        let md = h["contents"]["value"].as_str().unwrap_or_default();
        assert!(
            md.contains(&format!("— {next}**")),
            "iteration {i}: hover shows {md:?}"
        );
        current = next;
        c.notifications.clear();
    }
    assert!(c.shutdown());
}

/// The same, half the requests sent once the change is parsed (its
/// diagnostics published): those the reader answers itself, the others
/// (their snapshot needs a parse) the pool. Either way the answer shows the
/// text as of the change before it.
#[test]
fn requests_answered_by_the_reader_or_the_pool_reflect_every_earlier_change() {
    let mut c = Client::start_logging(BIN, &["serve"], DIRECT_LOG);
    c.initialize(
        full_caps(&["utf-16"]),
        None,
        json!({"diagnosticsDelayMs": 0}),
    );
    let base =
        "# T\n\n### Article 1\n\n#### Heading 0\n\nText.\n\n### Article 2\n\nSee Article 1.\n";
    c.open(URI, base);
    let reference = pos(base, "Article 1.", 8);
    let mut current = "Heading 0".to_string();
    for i in 1..=300 {
        let next = format!("Heading {i}");
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": i + 1},
                   "contentChanges": [{"range": {"start": {"line": 4, "character": 5},
                                                 "end": {"line": 4, "character": 5 + current.len()}},
                                       "text": next}]}),
        );
        if i % 2 == 0 {
            c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == i + 1);
        }
        // each twice: the first made where it was read or in the pool, the
        // second, the same workspace, where it was read
        let methods = ["textDocument/hover", "textDocument/definition"];
        for method in methods.iter().chain(&methods) {
            let answer = c.request(method, tdp(URI, reference.clone()));
            if *method == "textDocument/hover" {
                let md = answer["contents"]["value"].as_str().unwrap_or_default();
                assert!(
                    md.contains(&format!("— {next}**")),
                    "{i}: hover shows {md:?}"
                );
            } else {
                // a location, or a link for a client that takes links
                let target = &answer[0];
                let range = target
                    .get("targetSelectionRange")
                    .unwrap_or(&target["range"]);
                assert_eq!(range["start"]["line"], 2, "{i}: {answer}");
            }
        }
        let symbols = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        );
        let names = symbols.to_string();
        assert!(names.contains(&next), "{i}: outline {names}");
        current = next;
        c.notifications.clear();
    }
    let log = c.log();
    assert!(c.shutdown());
    let here = answered_where_read(&log);
    assert!(here >= 300, "{here} answers given where they were read");
}

/// An edit sent with an id is no notification: it is answered with an
/// error, as the transport answers one, and not applied where it is read.
#[test]
fn an_edit_sent_with_an_id_is_answered_with_an_error() {
    let mut c = Client::start(BIN);
    c.initialize(
        full_caps(&["utf-16"]),
        None,
        json!({"diagnosticsDelayMs": 0}),
    );
    c.send(
        &json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": URI, "languageId": "treaty",
                                               "version": 1, "text": DRAFT}}}),
    );
    let answer = c.response(7);
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(symbols.is_null(), "the draft was opened: {symbols}");
    assert!(c.shutdown());
}

/// The log filter that shows the requests answered where they were read.
const DIRECT_LOG: &str = "warn,treaty_lsp::server::direct=debug";

/// How many requests the server's log says it answered where it read them.
fn answered_where_read(log: &support::client::Log) -> usize {
    let lines = log.lines();
    lines
        .iter()
        .filter(|l| l.contains("answered where it was read"))
        .count()
}

/// Whether the log says more requests were answered where read than
/// `before` (the log is read on a thread of the client's: waited for).
fn logged_more(log: &support::client::Log, before: usize) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(200);
    while answered_where_read(log) <= before {
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    true
}

/// A request that takes long (the whole outline of a long draft, made for
/// the first time) does not hold up a quick one sent right after it (a
/// hover in another document): the quick one's answer comes first.
#[test]
fn a_slow_request_does_not_delay_a_fast_one() {
    let mut c = Client::start_logging(BIN, &["serve"], DIRECT_LOG);
    c.timeout = std::time::Duration::from_secs(120);
    c.initialize(
        full_caps(&["utf-16"]),
        None,
        json!({"diagnosticsDelayMs": 0, "outline": {"depth": "points"}}),
    );
    let long_uri = "file:///tmp/treaty-lsp-test/long.treaty.md";
    c.open(long_uri, &long_draft(3 << 20));
    c.open(URI, DRAFT);
    for uri in [long_uri, URI] {
        c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    }
    let hover = tdp(URI, pos(DRAFT, "Article 3, paragraph 2", 8));
    assert!(c.request("textDocument/hover", hover.clone()).is_object());
    for round in 0..2 {
        // a change makes the long outline new again
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": long_uri, "version": round + 2},
                   "contentChanges": [{"range": {"start": {"line": 2, "character": 0},
                                                 "end": {"line": 2, "character": 0}},
                                       "text": "x"}]}),
        );
        c.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == long_uri && p["version"] == round + 2
        });
        // once known quick in this workspace, and what the files derive
        // together made (in the pool, after its answer), a hover is
        // answered where it is read
        let before = answered_where_read(&c.log());
        let mut tries = 0;
        while !logged_more(&c.log(), before) {
            assert!(tries < 100, "round {round}: none answered where read");
            c.request("textDocument/hover", hover.clone());
            std::thread::sleep(std::time::Duration::from_millis(20));
            tries += 1;
        }
        let slow = c.send_request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": long_uri}}),
        );
        let fast = c.send_request("textDocument/hover", hover.clone());
        let first = c.next_response();
        assert_eq!(first["id"], fast, "round {round}: the outline came first");
        assert!(first["result"]["contents"]["value"].is_string());
        let second = c.next_response();
        assert_eq!(second["id"], slow);
        assert!(second["result"].as_array().is_some_and(|a| a.len() > 1000));
    }
    assert!(c.shutdown());
}

/// A draft whose outline of articles is larger than a hover by far (100
/// to 200 KB of JSON, as UNCLOS's headings are 129 KB) and smaller than
/// what a Unix socket holds on a system left as it came (212 KB).
const OUTLINE_DRAFT_BYTES: usize = 75_000;

/// An outline's JSON: between 100 and 200 KB, and the same every time.
fn check_outline(outline: &Value, first: &mut Option<Value>) {
    let size = outline.to_string().len();
    assert!(
        (100_000..200_000).contains(&size),
        "an outline of {size} bytes"
    );
    let first = first.get_or_insert_with(|| outline.clone());
    assert!(
        outline == first,
        "the outline changed from one answer to the next"
    );
}

/// An outline far larger than a hover is written by the reader itself once
/// stdout, widened at start, holds it whole (here a pipe made 1 MB, as
/// anyone may unless the system's `pipe-user-pages-soft` is spent): it does
/// not cross to the output thread, and reads as the pool wrote it.
#[cfg(target_os = "linux")]
#[test]
fn a_large_outline_is_written_where_it_was_read() {
    let mut c = Client::start_logging(BIN, &["serve"], DIRECT_LOG);
    c.initialize(
        full_caps(&["utf-16"]),
        None,
        json!({"diagnosticsDelayMs": 0, "outline": {"depth": "articles"}}),
    );
    c.open(URI, &long_draft(OUTLINE_DRAFT_BYTES));
    c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == URI);
    let written_here = |log: &support::client::Log| {
        log.lines()
            .iter()
            .filter(|l| l.contains("written there: textDocument/documentSymbol"))
            .count()
    };
    let mut first = None;
    for _ in 0..100 {
        let outline = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        );
        check_outline(&outline, &mut first);
        std::thread::sleep(std::time::Duration::from_millis(20));
        if written_here(&c.log()) > 0 {
            break;
        }
    }
    // one more, to compare the reader's answer with the pool's
    let outline = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    check_outline(&outline, &mut first);
    assert!(
        written_here(&c.log()) > 0,
        "the reader never wrote the outline"
    );
    assert!(c.shutdown());
}

/// The server with sockets for stdin and stdout, as VS Code and Neovim run
/// it (Node and libuv give a child sockets, not pipes): the process, the
/// client's ends (reads fail after a minute) and the server's log.
#[cfg(target_os = "linux")]
fn server_on_sockets() -> (
    std::process::Child,
    std::os::unix::net::UnixStream,
    std::io::BufReader<std::os::unix::net::UnixStream>,
    support::client::Log,
) {
    use std::io::BufReader;
    use std::os::unix::net::UnixStream;
    use std::process::{Command, Stdio};
    let (stdin_ours, stdin_theirs) = UnixStream::pair().unwrap();
    let (stdout_ours, stdout_theirs) = UnixStream::pair().unwrap();
    stdout_ours
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut child = Command::new(BIN)
        .arg("serve")
        .env("TREATY_LSP_LOG", DIRECT_LOG)
        .stdin(Stdio::from(std::os::fd::OwnedFd::from(stdin_theirs)))
        .stdout(Stdio::from(std::os::fd::OwnedFd::from(stdout_theirs)))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = support::client::Log::default();
    let lines = log.clone();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(stderr).map_while(Result::ok) {
            lines.push(line);
        }
    });
    (child, stdin_ours, BufReader::new(stdout_ours), log)
}

/// Over sockets too, an outline of over 100 KB is written whole by the
/// reader once the socket's send buffer (widened at start) holds it.
#[cfg(target_os = "linux")]
#[test]
fn over_sockets_a_large_outline_is_written_where_it_was_read() {
    let (mut child, mut input, mut output, log) = server_on_sockets();
    let text = long_draft(OUTLINE_DRAFT_BYTES);
    // no capabilities that make the server ask the client anything
    let caps =
        json!({"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}});
    let options = json!({"diagnosticsDelayMs": 0, "outline": {"depth": "articles"}});
    let initialize = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                            "params": {"capabilities": caps, "initializationOptions": options}});
    write_message(&mut input, &initialize).unwrap();
    // nothing else is sent before the answer (the protocol says so)
    while read_message(&mut output)["id"] != 0 {}
    for m in [
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
               "params": {"textDocument": {"uri": URI, "languageId": "treaty", "version": 1, "text": text}}}),
    ] {
        write_message(&mut input, &m).unwrap();
    }
    while read_message(&mut output)["method"] != "textDocument/publishDiagnostics" {}
    let written_here = || {
        log.lines()
            .iter()
            .any(|l| l.contains("written there: textDocument/documentSymbol"))
    };
    let mut first = None;
    for id in 1..=100 {
        let outline = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
                             "params": {"textDocument": {"uri": URI}}});
        write_message(&mut input, &outline).unwrap();
        let answer = loop {
            let msg = read_message(&mut output);
            if msg["id"] == id && msg.get("method").is_none() {
                break msg;
            }
        };
        check_outline(&answer["result"], &mut first);
        std::thread::sleep(std::time::Duration::from_millis(20));
        if written_here() {
            break;
        }
    }
    assert!(written_here(), "the reader never wrote the outline");
    // one more, to compare the reader's answer with the pool's
    let outline = json!({"jsonrpc": "2.0", "id": 1000, "method": "textDocument/documentSymbol",
                         "params": {"textDocument": {"uri": URI}}});
    write_message(&mut input, &outline).unwrap();
    loop {
        let msg = read_message(&mut output);
        if msg["id"] == 1000 && msg.get("method").is_none() {
            check_outline(&msg["result"], &mut first);
            break;
        }
    }
    for m in [
        json!({"jsonrpc": "2.0", "id": -1, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ] {
        write_message(&mut input, &m).unwrap();
    }
    assert!(child.wait().unwrap().success());
}

/// Writes one framed message.
#[cfg(target_os = "linux")]
fn write_message(out: &mut impl std::io::Write, body: &Value) -> std::io::Result<()> {
    let body = body.to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

/// Reads one framed message, failing after a minute or at the end of input.
#[cfg(target_os = "linux")]
fn read_message(reader: &mut impl std::io::BufRead) -> Value {
    let mut length = 0;
    loop {
        let mut header = String::new();
        let n = reader
            .read_line(&mut header)
            .expect("a message within a minute");
        assert!(n > 0, "the server ended its output");
        if let Some(v) = header.trim().strip_prefix("Content-Length:") {
            length = v.trim().parse().unwrap();
        }
        if header.trim().is_empty() && length > 0 {
            break;
        }
    }
    let mut body = vec![0; length];
    std::io::Read::read_exact(reader, &mut body).unwrap();
    serde_json::from_slice(&body).expect("whole JSON frames")
}

/// As VS Code and Neovim run it (Node and libuv give a child sockets for
/// stdin and stdout, not pipes): once hovers are answered where they are
/// read, the client writes far more than a socket holds before it reads
/// anything, and the answers are far more than the other socket holds.
/// The server keeps reading meanwhile (it never waits on its output where
/// it reads), so the client's writes end; then every answer comes, whole.
#[cfg(target_os = "linux")]
#[test]
fn over_sockets_the_server_reads_on_while_the_client_is_not_reading() {
    let (mut child, mut input, mut output, log) = server_on_sockets();
    let hover = tdp(URI, pos(DRAFT, "Article 3, paragraph 2", 8));
    let request = move |id: i64| json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": hover.clone()});
    for m in [
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
               "params": {"capabilities": full_caps(&["utf-16"]),
                          "initializationOptions": {"diagnosticsDelayMs": 0}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
               "params": {"textDocument": {"uri": URI, "languageId": "treaty", "version": 1, "text": DRAFT}}}),
        request(1),
        request(2),
    ] {
        write_message(&mut input, &m).unwrap();
    }
    // the first hover in the pool, the second where it was read
    let mut answered = 0;
    while answered < 2 {
        let msg = read_message(&mut output);
        answered += usize::from(msg["id"] == 1 || msg["id"] == 2);
    }
    let flood = 4000;
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for id in 3..3 + flood {
            if write_message(&mut input, &request(id)).is_err() {
                break;
            }
        }
        let _ = done_tx.send(input);
    });
    // if the server stopped reading, the writing would never end
    let input = done_rx.recv_timeout(std::time::Duration::from_secs(60));
    assert!(
        input.is_ok(),
        "the server stopped reading while its output was full"
    );
    let mut ids = std::collections::HashSet::new();
    while ids.len() < flood as usize {
        let msg = read_message(&mut output);
        if msg.get("method").is_none() {
            assert!(msg["result"]["contents"]["value"].is_string(), "{msg}");
            ids.insert(msg["id"].as_i64().unwrap());
        }
    }
    let here = answered_where_read(&log);
    assert!(here > 1, "{here} answered where read");
    drop(input);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn positions_are_right_in_every_encoding_with_emoji_combining_marks_and_crlf() {
    let text = "# T😀\r\n\r\n### Article 1\r\n\r\n1. Caf\u{e9}\u{301} 😀 text.\r\n\r\n### Article 2\r\n\r\nSee 😀 Article 1, paragraph 1.\r\n";
    let line = 8; // `See 😀 Article 1, paragraph 1.`
    let prefix = "See 😀 Article 1, paragraph ";
    for (enc, unit) in [("utf-8", 1usize), ("utf-16", 2), ("utf-32", 3)] {
        let count = |s: &str| -> usize {
            match unit {
                1 => s.len(),
                2 => s.chars().map(char::len_utf16).sum(),
                _ => s.chars().count(),
            }
        };
        let mut c = start(&[enc]);
        c.open(URI, text);
        let p = json!({"line": line, "character": count(prefix)});
        let d = c.request("textDocument/definition", tdp(URI, p));
        // paragraph 1 of Article 1 starts at line 4, character 0
        assert_eq!(
            d[0]["range"]["start"],
            json!({"line": 4, "character": 0}),
            "{enc}"
        );
        let end = d[0]["range"]["end"].clone();
        assert_eq!(end, json!({"line": 4, "character": count("1.")}), "{enc}");
        // hover range covers exactly the `1`
        let h = c.request(
            "textDocument/hover",
            tdp(URI, json!({"line": line, "character": count(prefix)})),
        );
        assert_eq!(h["range"]["start"]["character"], count(prefix), "{enc}");
        assert_eq!(h["range"]["end"]["character"], count(prefix) + 1, "{enc}");
        // an edit after the emoji in this encoding lands where it should
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2},
                   "contentChanges": [{"range": {"start": {"line": line, "character": count("See 😀 ")},
                                                 "end": {"line": line, "character": count("See 😀 ")}},
                                       "text": "(x) "}]}),
        );
        let s = c.request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": URI}}),
        );
        assert!(!s["data"].as_array().unwrap().is_empty());
        let h = c.request(
            "textDocument/hover",
            tdp(
                URI,
                json!({"line": line, "character": count("See 😀 (x) Article 1, paragraph ")}),
            ),
        );
        assert!(
            h["contents"]["value"]
                .as_str()
                .unwrap()
                .contains("Article 1(1)"),
            "{enc}: {h}"
        );
        assert!(c.shutdown());
    }
}

#[test]
fn no_client_input_crashes_the_server() {
    let mut c = start(&["utf-16"]);
    c.open(URI, DRAFT);
    // out-of-range positions and ranges: clamped
    for p in [
        json!({"line": 9999, "character": 9999}),
        json!({"line": 0, "character": 9999}),
    ] {
        let _ = c.request("textDocument/hover", tdp(URI, p.clone()));
        let _ = c.request("textDocument/definition", tdp(URI, p.clone()));
        let _ = c.request("textDocument/completion", tdp(URI, p.clone()));
    }
    let _ = c.request(
        "textDocument/semanticTokens/range",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 500, "character": 3}, "end": {"line": 2, "character": 0}}}),
    );
    // unknown documents: empty answers
    let unknown = "file:///nowhere/x.treaty";
    assert_eq!(
        c.request(
            "textDocument/hover",
            tdp(unknown, json!({"line": 0, "character": 0}))
        ),
        Value::Null
    );
    // edits to a document that is not open, and an edit far out of range
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": unknown, "version": 3}, "contentChanges": [{"text": "x"}]}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 900, "character": 1}, "end": {"line": 1, "character": 0}}, "text": "Z"}]}),
    );
    // malformed params, a wrong type, invalid JSON, an unknown method
    let id = c.send_request("textDocument/hover", json!({"textDocument": 5}));
    assert!(c.response(id).get("error").is_some());
    let id = c.send_request("textDocument/definition", json!(null));
    assert!(c.response(id).get("error").is_some());
    // a response to a request the server never made: ignored
    c.send_raw(r#"{"jsonrpc": "2.0", "id": 99}"#);
    // what is not JSON, and JSON that is not a JSON-RPC message: each
    // answered with JSON-RPC's error for it (id null), and nothing else lost
    for (body, code) in [
        ("{not json", -32700),
        ("", -32700),
        (r#"{"foo": 1}"#, -32600),
        ("[1, 2]", -32600),
        ("42", -32600),
        (r#"{"jsonrpc": "1.0", "method": "initialized"}"#, -32600),
        (
            r#"{"jsonrpc": "2.0", "id": {"x": 1}, "method": "textDocument/hover"}"#,
            -32600,
        ),
    ] {
        c.send_raw(body);
        assert_eq!(c.error_without_id()["code"], code, "{body}");
    }
    // a Content-Length longer than its body swallows what follows (here
    // all of the next frame and the start of the one after: a parse
    // error); reading falls back into step at the third
    c.send_raw_bytes(b"Content-Length: 40\r\n\r\n{}");
    for _ in 0..3 {
        c.send_raw("{}");
    }
    assert_eq!(c.error_without_id()["code"], -32700);
    assert_eq!(c.error_without_id()["code"], -32600);
    let id = c.send_request("treaty/unknown", json!({}));
    assert!(c.response(id).get("error").is_some());
    // still alive and answering
    let s = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(s.as_array().is_some_and(|a| !a.is_empty()));
    assert!(c.alive());
    let log = c.log();
    assert!(c.shutdown());
    // each message dropped is logged once, saying why (the log is read
    // on its own thread: it may come in after the exit)
    let dropped = || log.lines().iter().filter(|l| l.contains("dropped")).count();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while dropped() < 9 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(dropped(), 9, "{:#?}", log.lines());
}

/// A workspace opened through a symlink: `treaty.toml`'s aliases still
/// name its files (they are keyed by the path the walk found them under,
/// not by their real path).
#[cfg(unix)]
#[test]
fn a_workspace_reached_through_a_symlink_keeps_its_aliases() {
    let base = std::env::temp_dir().join(format!("treaty-lsp-wslink-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let dir = base.join("real");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.treaty.md"),
        "# Main draft\n\n### Article 1\n\nSee Article 2 of the Budapest Convention.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("budapest.md"),
        "# Convention on Cybercrime\n\n### Article 2\n\nB.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("treaty.toml"),
        "files = [\"budapest.md\"]\n[aliases]\n\"budapest.md\" = [\"Budapest Convention\"]\n",
    )
    .unwrap();
    let link = base.join("link");
    std::os::unix::fs::symlink(&dir, &link).unwrap();
    let root = format!("file://{}", link.display());
    let main_uri = format!("{root}/main.treaty.md");
    let mut c = Client::start(BIN);
    c.initialize(
        full_caps(&["utf-16"]),
        Some(&root),
        json!({"diagnosticsDelayMs": 10}),
    );
    c.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let text = std::fs::read_to_string(dir.join("main.treaty.md")).unwrap();
    let def = c.request(
        "textDocument/definition",
        tdp(&main_uri, pos(&text, "Article 2 of", 8)),
    );
    assert_eq!(def[0]["uri"], format!("{root}/budapest.md"), "{def}");
    assert!(c.shutdown());
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn indexes_the_workspace_and_links_across_files() {
    let dir = std::env::temp_dir().join(format!("treaty-lsp-ws-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::create_dir_all(dir.join("ref")).unwrap();
    std::fs::write(
        dir.join("drafts/main.treaty.md"),
        "# Main draft\n\n### Article 1\n\nSee Article 2 of the Budapest Convention and Article 7.\n",
    )
    .unwrap();
    std::fs::write(dir.join("ref/budapest.md"), "# Convention on Cybercrime\n\n### Article 1\n\nA.\n\n### Article 2\n\n#### Illegal access\n\nB.\n").unwrap();
    std::fs::write(
        dir.join("treaty.toml"),
        "files = [\"ref/\"]\n[aliases]\n\"ref/budapest.md\" = [\"Budapest Convention\"]\n",
    )
    .unwrap();
    let root = format!("file://{}", dir.display());
    let main_uri = format!("{root}/drafts/main.treaty.md");
    let mut c = Client::start(BIN);
    c.initialize(
        full_caps(&["utf-16"]),
        Some(&root),
        json!({"diagnosticsDelayMs": 10}),
    );
    // indexing reports progress and publishes diagnostics of files not open
    c.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let d = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == main_uri.as_str()
    });
    assert_eq!(
        d["params"]["diagnostics"].as_array().unwrap().len(),
        1,
        "Article 7 dangles: {d}"
    );
    // an external reference resolves into the aliased file, and is a document link
    let text = std::fs::read_to_string(dir.join("drafts/main.treaty.md")).unwrap();
    let def = c.request(
        "textDocument/definition",
        tdp(&main_uri, pos(&text, "Article 2 of", 8)),
    );
    assert!(
        def[0]["uri"].as_str().unwrap().ends_with("ref/budapest.md"),
        "{def}"
    );
    c.open(&main_uri, &text);
    let links = c.request(
        "textDocument/documentLink",
        json!({"textDocument": {"uri": main_uri}}),
    );
    assert_eq!(links.as_array().unwrap().len(), 1, "{links}");
    assert!(links[0]["target"]
        .as_str()
        .unwrap()
        .contains("budapest.md#L"));
    // a file created on disk is picked up
    std::fs::write(
        dir.join("drafts/extra.treaty.md"),
        "# Extra\n\n### Article 1\n\nSee Article 5.\n",
    )
    .unwrap();
    let extra = format!("{root}/drafts/extra.treaty.md");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": extra, "type": 1}]}),
    );
    let d = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == extra.as_str()
    });
    assert_eq!(d["params"]["diagnostics"].as_array().unwrap().len(), 1);
    assert!(c.shutdown());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The real treaties through the server: outlines and definitions.
#[test]
fn corpus_outlines_and_definitions_through_the_server() {
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/treaties");
    if !dir.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "corpus missing: {} (CI must run with ../shared beside the clone)",
                dir.display()
            );
        }
        eprintln!(
            "\n!!! corpus LSP test SKIPPED: {} not found !!!\n",
            dir.display()
        );
        return;
    }
    let expected = [
        ("budapest-convention-ets185.md", 48),
        ("iccpr.md", 67),
        ("rome-statute.md", 128),
        ("un-charter.md", 111),
        ("uncac.md", 71),
        ("unclos.md", 445),
        ("untoc.md", 41),
        ("vclt.md", 85),
    ];
    let mut c = start(&["utf-16"]);
    for (file, articles) in expected {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let uri = format!("file:///corpus/{file}");
        c.open(&uri, &text);
        let symbols = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        fn count(v: &Value) -> usize {
            v.as_array().map_or(0, |a| {
                a.iter()
                    .map(|s| usize::from(s["kind"] == 5) + count(&s["children"]))
                    .sum()
            })
        }
        assert_eq!(count(&symbols), articles, "{file}: articles in the outline");
        // every reference the analysis resolves in this file: the server's
        // definition lands on the same element, in UTF-16 positions
        let mut ws = treaty_lsp::analysis::Workspace::new();
        let id = ws.add(uri.clone(), text.clone());
        let file_ref = ws.file(id);
        let mut checked = 0;
        for r in file_ref.doc.references.iter().step_by(7).take(40) {
            for res in ws.resolve_reference(id, r) {
                let treaty_lsp::analysis::Resolution::Node { node, .. } = res.resolution else {
                    continue;
                };
                let at = res.target.span.start;
                let line = text[..at].matches('\n').count();
                let col: usize = text[text[..at].rfind('\n').map_or(0, |p| p + 1)..at]
                    .encode_utf16()
                    .count();
                let d = c.request(
                    "textDocument/definition",
                    tdp(&uri, json!({"line": line, "character": col})),
                );
                let target = file_ref.doc.node(node).label_span.start;
                let tline = text[..target].matches('\n').count();
                assert_eq!(
                    d[0]["range"]["start"]["line"],
                    tline,
                    "{file}: {:?}",
                    &text[r.span.clone()]
                );
                checked += 1;
            }
        }
        assert!(checked > 0, "{file}: no definition checked");
    }
    // a hand-checked one: Annex II cites `article 76, paragraph 8` of the Convention
    let text = std::fs::read_to_string(dir.join("unclos.md")).unwrap();
    let d = c.request(
        "textDocument/definition",
        tdp(
            "file:///corpus/unclos.md",
            pos(&text, "article 76, paragraph 8", 22),
        ),
    );
    assert_eq!(d[0]["range"]["start"], json!({"line": 855, "character": 0}));
    assert!(c.shutdown());
}

#[test]
fn a_draft_citing_another_is_checked_again_when_the_other_changes() {
    let dir = std::env::temp_dir().join(format!("treaty-lsp-cite-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let main = "# Main draft\n\n### Article 1\n\nSee Article 9 of the Budapest Convention.\n";
    let budapest = "---\naliases: [Budapest Convention]\n---\n# Convention on Cybercrime\n\n### Article 1\n\nA.\n";
    std::fs::write(dir.join("main.treaty.md"), main).unwrap();
    std::fs::write(dir.join("budapest.treaty.md"), budapest).unwrap();
    let root = format!("file://{}", dir.display());
    let main_uri = format!("{root}/main.treaty.md");
    let budapest_uri = format!("{root}/budapest.treaty.md");
    let mut c = Client::start(BIN);
    c.initialize(
        full_caps(&["utf-16"]),
        Some(&root),
        json!({"diagnosticsDelayMs": 0}),
    );
    let errors = |d: &Value| {
        d["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    c.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    let d = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == main_uri.as_str()
    });
    assert_eq!(
        errors(&d),
        ["dangling reference: Article 9 does not exist in Convention on Cybercrime"]
    );
    c.open(&main_uri, main);
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == main_uri.as_str() && p["version"] == 1
    });
    // the cited convention, open and given an Article 9: the open draft
    // citing it is checked again, and its error goes
    c.open(&budapest_uri, budapest);
    c.notifications.clear();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": budapest_uri, "version": 2},
               "contentChanges": [{"text": format!("{budapest}\n### Article 9\n\nB.\n")}]}),
    );
    // (what indexing published before may still be arriving: the first
    // answer with the error gone is the one)
    let d = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == main_uri.as_str() && p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(d["params"]["version"], 1, "the draft's own version: {d}");
    // and back when the article goes again
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": budapest_uri, "version": 3},
               "contentChanges": [{"text": budapest}]}),
    );
    let d = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == main_uri.as_str() && !p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(errors(&d).len(), 1);
    // closed, the workspace file's diagnostics come from disk (no
    // version); reopened, as editors do, at version 1 again after having
    // been at 3: published, not taken for an older version
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": budapest_uri}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": main_uri, "version": 4},
               "contentChanges": [{"text": format!("{main}\nSee Article 7.\n")}]}),
    );
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == main_uri.as_str() && p["version"] == 4
    });
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": main_uri}}),
    );
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == main_uri.as_str() && p["version"].is_null()
    });
    // (what was published before the close, the draft republished at its
    // version 1 when the instrument it cites changed, is not the answer to
    // the reopening: the answer names the new text's Article 8)
    c.open(&main_uri, &format!("{main}\nSee Article 8.\n"));
    let d = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == main_uri.as_str() && p["version"] == 1 && p.to_string().contains("Article 8")
    });
    assert!(errors(&d).iter().any(|e| e.contains("Article 8")), "{d}");
    assert!(c.shutdown());
    let _ = std::fs::remove_dir_all(&dir);
}
