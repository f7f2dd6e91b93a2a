//! Incremental parsing: a document re-read after an edit from the parse
//! before it is the document a full parse of the edited text gives, and
//! keeps the same for the next edit. Random edits of real texts (the
//! treaties and the Paris drafts), several in a row, each resumed from the
//! last: typing, deleting, pasting a piece of the text elsewhere, and the
//! edits that change structure far from where they are made (a code fence
//! or a comment opened, a heading, a list item, a quotation).
//!
//! `PROPTEST_CASES=2000 cargo test --release --test incremental` for a
//! longer hunt.

mod support {
    pub mod client;
    pub mod corpus;
}

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use treaty_lsp::syntax::incremental::{reparse, resume_difference, Edit};
use treaty_lsp::syntax::{parse, Document};

const TYPED: &[&str] = &[
    "`",
    "``",
    "[^1]",
    "\n[^1]: See Article 3 of the Convention.\n",
    " hereinafter referred to as \"the Convention\"",
    "\"Convention\" means the United Nations Convention",
    " of that article",
    "the preceding article",
    " its Article 3",
    " TFEU",
    " thereof",
    "“computer system” means any device",
    " shall include",
    "\n(b) “data” means",
    "x",
    " ",
    ".",
    ";",
    ":",
    " and",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "é",
    "😀",
    "Article 5\n",
    "\n\nArticle 12 bis\n\n",
    "### Article 3\n",
    "\n## PART II\n\n",
    "# Annex\n",
    "CHAPTER IV\n\n",
    "\nSection 2\n",
    "(a) ",
    "\n(b) ",
    "(i) ",
    "1. ",
    "\n2. ",
    "   1. ",
    "- ",
    "```\n",
    "~~~",
    "<!-- ",
    " -->",
    "“",
    "”",
    "\"",
    " is replaced by the following:\n\n",
    "\nPreamble\n",
    "\nResolution I\n\n",
    "\nOPTIONAL PROTOCOL TO THE CONVENTION\n\n",
    "---\n",
    "[",
    "]",
    "Scope of application\n",
    "IN WITNESS WHEREOF",
];

/// The texts edited: every treaty and draft of the corpus.
fn texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sub in ["treaties", "drafts/paris-agreement"] {
        let Some(dir) = support::corpus::dir(sub, "incremental parsing") else {
            continue;
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("corpus folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).expect("corpus file");
            out.push((f.file_name().unwrap().to_string_lossy().into(), text));
        }
    }
    out
}

/// One edit: where (a fraction of the text), how much to delete, and what
/// to insert (typed, or a piece of the text copied from elsewhere).
#[derive(Clone, Debug)]
struct RandomEdit {
    at: f64,
    delete: usize,
    typed: Option<&'static str>,
    copy_from: f64,
    copy_len: usize,
}

fn random_edit() -> impl Strategy<Value = RandomEdit> {
    (
        0.0..1.0f64,
        prop_oneof![4 => Just(0usize), 3 => 1..4usize, 2 => 4..300usize],
        prop_oneof![3 => prop::sample::select(TYPED).prop_map(Some), 1 => Just(None)],
        0.0..1.0f64,
        prop_oneof![Just(0usize), 1..400usize],
    )
        .prop_map(|(at, delete, typed, copy_from, copy_len)| RandomEdit {
            at,
            delete,
            typed,
            copy_from,
            copy_len,
        })
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl RandomEdit {
    fn apply(&self, text: &str) -> String {
        let start = floor(text, (self.at * text.len() as f64) as usize);
        let end = floor(text, start + self.delete).max(start);
        let inserted = match self.typed {
            Some(t) => t.to_string(),
            None => {
                let from = floor(text, (self.copy_from * text.len() as f64) as usize);
                text[from..floor(text, from + self.copy_len)].to_string()
            }
        };
        format!("{}{}{}", &text[..start], inserted, &text[end..])
    }
}

/// Applies `edits` one after the other, each parse resumed from the last,
/// and compares each with a full parse.
fn check_edits(name: &str, text: &str, edits: &[RandomEdit]) -> Result<(), TestCaseError> {
    let mut text = text.to_string();
    let mut doc: Document = parse(&text);
    for (i, e) in edits.iter().enumerate() {
        let new = e.apply(&text);
        let resumed = reparse(&text, &doc, &new);
        let full = parse(&new);
        let edit = Edit::between(&text, &new);
        let context =
            &new[floor(&new, edit.start.saturating_sub(80))..floor(&new, edit.new_end + 80)];
        prop_assert!(
            resumed == full,
            "{name}, edit {i} ({edit:?}, {e:?}): the resumed parse differs from a full one{}\naround the edit: {context:?}",
            first_difference(&resumed, &full)
        );
        if let Some(d) = resume_difference(&resumed, &full) {
            prop_assert!(
                false,
                "{name}, edit {i} ({edit:?}): the resumed parse keeps another {d}\naround the edit: {context:?}"
            );
        }
        text = new;
        doc = resumed;
    }
    Ok(())
}

/// Where two documents first differ, for the failure message.
fn first_difference(a: &Document, b: &Document) -> String {
    if a.nodes.len() != b.nodes.len() {
        return format!(": {} nodes, not {}", a.nodes.len(), b.nodes.len());
    }
    if let Some((i, (x, y))) = a
        .nodes
        .iter()
        .zip(&b.nodes)
        .enumerate()
        .find(|(_, (x, y))| x != y)
    {
        return format!(": node {i} is\n{x:?}\nnot\n{y:?}");
    }
    if a.issues != b.issues {
        return format!(": issues\n{:?}\nnot\n{:?}", a.issues, b.issues);
    }
    if let Some((i, (x, y))) = a
        .references
        .iter()
        .zip(&b.references)
        .enumerate()
        .find(|(_, (x, y))| x != y)
    {
        return format!(": reference {i} is\n{x:?}\nnot\n{y:?}");
    }
    if a.references.len() != b.references.len() {
        let (n, m) = (a.references.len(), b.references.len());
        return format!(": {n} references, not {m}");
    }
    String::from(" (beyond the tree and references)")
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A stretch of a corpus text (whole lines, up to 60 KB, so a debug build
/// tests many) edited four times in a row.
#[test]
fn a_resumed_parse_is_the_full_parse_on_random_edits_of_real_texts() {
    on_stretches(192, 1..5, check_edits);
}

/// Through the analysis layer: a stretch of a corpus text edited several
/// times, each file read from the last (which shares its lookup tables and
/// numbering checks with it when the edit left the outline alone), gives
/// the diagnostics of the same text read afresh.
#[test]
fn an_edited_file_is_diagnosed_as_the_same_text_read_afresh() {
    on_stretches(48, 1..7, |name, text, edits| {
        use treaty_lsp::analysis::{Role, SourceFile, Workspace};
        let mut text = text.to_string();
        let mut ws = Workspace::new();
        let id = ws.add("draft.md", text.as_str());
        ws.diagnostics(id);
        for (i, e) in edits.iter().enumerate() {
            text = e.apply(&text);
            let edited = SourceFile::edited(ws.file(id), text.as_str(), Role::Draft);
            ws.put(edited);
            let mut fresh = Workspace::new();
            let fresh_id = fresh.add("draft.md", text.as_str());
            prop_assert_eq!(
                ws.diagnostics(id),
                fresh.diagnostics(fresh_id),
                "{}, edit {} ({:?})",
                name,
                i,
                e
            );
        }
        Ok(())
    });
}

/// Runs `check` on `cases` stretches of corpus texts (whole lines, up to
/// 60 KB) with `edits` random edits each.
fn on_stretches(
    cases_by_default: u32,
    edits: std::ops::Range<usize>,
    check: impl Fn(&str, &str, &[RandomEdit]) -> Result<(), TestCaseError>,
) {
    let texts = texts();
    if texts.is_empty() {
        return;
    }
    let mut runner = TestRunner::new(Config {
        cases: cases(cases_by_default),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        0..texts.len(),
        0.0..1.0f64,
        prop::collection::vec(random_edit(), edits),
    );
    runner
        .run(&strategy, |(which, from, edits)| {
            let (name, text) = &texts[which];
            let start =
                treaty_lsp::syntax::lines::line_start(text, (from * text.len() as f64) as usize);
            let end = treaty_lsp::syntax::lines::line_start(text, start + 60_000);
            let end = if end <= start { text.len() } else { end };
            check(name, &text[start..end], &edits)
        })
        .unwrap();
}

/// Whole texts, a few edits each: the structure around an edit is the
/// whole document's (its parts, its instruments, its numbering).
#[test]
fn a_resumed_parse_of_a_whole_treaty_is_its_full_parse() {
    for (name, text) in &texts() {
        // a runner per text: one runner counts its cases over all its runs
        let mut runner = TestRunner::new(Config {
            cases: cases(6),
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&prop::collection::vec(random_edit(), 1..4), |edits| {
                check_edits(name, text, &edits)
            })
            .unwrap();
    }
}

/// Edits that change how text far from them reads, each from a text and
/// to a text, the second resumed from the first.
#[test]
fn edits_that_change_what_follows_them_resume_to_the_full_parse() {
    let cases: &[(&str, &str)] = &[
        // the first line becomes a front matter opener
        (
            "--x\nid: A/1\n---\n\nArticle 1\n\nText.\n",
            "---\nid: A/1\n---\n\nArticle 1\n\nText.\n",
        ),
        // a code fence opened before a heading, then closed
        (
            "Article 1\n\nText.\n\nArticle 2\n\nMore.\n",
            "Article 1\n\n```\nText.\n\nArticle 2\n\nMore.\n",
        ),
        // a comment opened and never closed
        (
            "Article 1\n\n1. One.\n\nArticle 2\n\n1. Two.\n",
            "Article 1\n\n1. One. <!-- \n\nArticle 2\n\n1. Two.\n",
        ),
        // a title line under a heading stops being one
        (
            "Article 1\nScope\n\nText.\n\nArticle 2\n\nMore.\n",
            "Article 1\nScope.\n\nText.\n\nArticle 2\n\nMore.\n",
        ),
        // a lone CR becomes a CRLF
        (
            "Article 1\r\rText.\r\rArticle 2\r\rMore.\r",
            "Article 1\r\n\rText.\r\rArticle 2\r\rMore.\r",
        ),
        // `\r` typed at a heading's end, before its `\n`: the heading and
        // what holds it end where they did
        (
            "ANNEX I\n\nText.\n\nArticle 1\nANNEX II\n",
            "ANNEX I\n\nText.\n\nArticle 1\r\nANNEX II\n",
        ),
        // everything deleted, and everything typed
        ("Article 1\n\nText.\n", ""),
        ("", "Article 1\n\nText.\n"),
    ];
    for (before, after) in cases {
        let resumed = reparse(before, &parse(before), after);
        let full = parse(after);
        assert!(
            resumed == full,
            "{before:?} -> {after:?}: the resumed parse differs{}",
            first_difference(&resumed, &full)
        );
        assert_eq!(
            resume_difference(&resumed, &full),
            None,
            "{before:?} -> {after:?}"
        );
    }
}

/// Edits far from what a later stage reads that still change what it finds
/// (a reviewer's cases): the only verb of a text, which the short names'
/// search asks about before reading any; a short name in capitals; an
/// extra defined term in another element than the first.
#[test]
fn far_edits_that_change_short_names_and_terms_resume_to_the_full_parse() {
    let far = "x ".repeat(1600);
    let near = "x ".repeat(310);
    let short = format!(
        "Article 1\n\n“Convention” refers to the United Nations Framework Convention on \
         Climate Change.\n\nArticle 2\n\nArticle 99 applies.\n\n{far}\n\nArticle 3\n\nText.\n"
    );
    let capitals = format!(
        "Article 1\n\nThe United Nations Framework Convention on Climate Change (HEREINAFTER \
         referred to as “the Convention”).\n\nArticle 2\n\n{far}\n\nArticle 3\n\nText.\n"
    );
    let terms = format!(
        "Article 1\n\n(a) the term includes \"A\"\n(b) or \"B\" means a thing;\n{near}\nText.\n{near}\n"
    );
    let lone_cr =
        format!("Article 1\r\r(a) \"A\"\r(b) or \"B\" means a thing;\r{near}\rText.\r{near}\r");
    let cases = [
        (short.clone(), short.replace("Text.", "Text meanwhile.")),
        (short.replace("Text.", "Text meanwhile."), short.clone()),
        (
            capitals.clone(),
            capitals.replace("Text.", "Text hereinafter."),
        ),
        (terms.clone(), terms.replace("Text.", "Text!")),
        (lone_cr.clone(), lone_cr.replace("Text.", "Text!")),
    ];
    for (before, after) in &cases {
        let resumed = reparse(before, &parse(before), after);
        let full = parse(after);
        assert!(
            resumed == full,
            "{before:?} -> {after:?}: the resumed parse differs{}\nshort names {:?} not {:?}\ndefinitions {:?} not {:?}",
            first_difference(&resumed, &full),
            resumed.short_names,
            full.short_names,
            resumed.definitions,
            full.definitions
        );
    }
}

/// A label's lookahead before the checkpoint where the parses agree reads
/// past the old parse's later checkpoints: those kept must say so, or the
/// next edit, inside what was read, resumes from a state it changes.
#[test]
fn a_second_edit_where_the_first_parse_read_ahead_resumes_before_it() {
    // bodies of one long line: a checkpoint after every heading (they are
    // kept at most 32 KB apart), and a label's lookahead of 40 lines reads
    // across several
    let body = "word ".repeat(7000);
    let articles = |ks: std::ops::Range<u32>| -> String {
        ks.map(|k| format!("Article {k}\n\n{body}\n\n")).collect()
    };
    let t0 = format!(
        "Article 1\n\nText.\n\n{}Article 5\n\n(ii) x\n\n{}",
        articles(2..5),
        articles(6..9)
    );
    let t1 = t0.replace("Text.", "(i) a");
    let t2 = t1.replace("(ii)", "(j)");
    let d1 = reparse(&t0, &parse(&t0), &t1);
    assert!(d1 == parse(&t1));
    assert_eq!(resume_difference(&d1, &parse(&t1)), None);
    let d2 = reparse(&t1, &d1, &t2);
    let full = parse(&t2);
    assert!(d2 == full, "{}", first_difference(&d2, &full));
}

/// Lines of every kind the structure parser tells apart, for small texts
/// in which edits land on headings, labels, quotes, fences and breaks
/// (uniform places in long texts almost never do).
const LINES: &[&str] = &[
    "",
    "",
    "",
    "---",
    "title: T",
    "id: D-1",
    "...",
    "Article 1",
    "Article 2",
    "Article 3 - Scope",
    "ARTICLE 4",
    "Art. 5",
    "### Article 6",
    "#### Article 7",
    "PART I",
    "PART II",
    "Chapter 1",
    "CHAPTER II",
    "Section 1",
    "## PART III",
    "# Annex",
    "ANNEX I",
    "Appendix A",
    "### Appendix 2",
    "Scope of application",
    "Definitions",
    "The Parties",
    "Preamble",
    "IN WITNESS WHEREOF the undersigned",
    "Resolution I",
    "OPTIONAL PROTOCOL TO THE CONVENTION",
    "# Convention on Things",
    "## Protocol on Stuff",
    "### 1",
    "## Declarations",
    "1. The Parties shall act.",
    "2. Each Party may:",
    "(a) first point;",
    "(b) second point; and",
    "(c) third point.",
    "(i) item one;",
    "(ii) item two.",
    "(h) means:",
    "a) lettered",
    "i. roman",
    "   1. nested item",
    "    (a) nested",
    "- (b) bullet",
    "1) paren",
    "This article applies.",
    "See Article 5 of the Convention and the preceding article.",
    "under paragraph 2 of that article, hereinafter referred to as “the Protocol”",
    "“Convention” means the United Nations Convention on Things.",
    "For the purposes of this Convention, “State” includes a territory; and",
    "(c) “vessel” means any ship, and “aircraft” means any craft;",
    "[^1]: See Article 3(2) of the Convention.",
    "Text with a note[^1] and `Article 9` in code.",
    "`unclosed code Article 4",
    "Article 16 TFEU and paragraph 2 thereof",
    "Articles 6 to 16, as set out in Article 2",
    "Article 5 is amended as follows:",
    "> 3. Quoted Article 7(2) text",
    "The Parties shall cooperate in good faith and exchange information on the measures taken under Article 4, with due regard to the needs of developing country Parties and to the principle of common but differentiated responsibilities, in the light of different national circumstances.",
    "The text of paragraph 2 of Article 5 is replaced by the following:",
    "“1. Quoted paragraph.",
    "(a) quoted point.”;",
    "\"Quoted line",
    "closing line.\"",
    "```",
    "~~~",
    "<!-- note",
    "still note -->",
    "<!-- one line -->",
    "Text that goes on and",
    "ends here.",
    "Nothing in this Convention",
    "[Article 10",
    "**Article 12** - **Title**",
    "the first paragraph",
    "paragraph 1 a) of it",
    "é ünïcode 😀 line",
    "\u{feff}---",
    "\t",
    "Article 14 bis",
];

fn small_text() -> impl Strategy<Value = String> {
    text_of_lines(1..40)
}

/// Texts of `lines` lines of the palette, each ended by LF, CRLF or CR.
fn text_of_lines(lines: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(LINES),
            prop_oneof![8 => Just("\n"), 1 => Just("\r\n"), 1 => Just("\r")],
        ),
        lines,
    )
    .prop_map(|lines| lines.into_iter().flat_map(|(l, b)| [l, b]).collect())
}

/// An edit at the start, the end, a line's end (before its break) or
/// anywhere: a line of the palette, a piece of the text, or typing.
fn small_edit() -> impl Strategy<Value = (u8, f64, usize, u8, &'static str, f64)> {
    (
        0..4u8,
        0.0..1.0f64,
        prop_oneof![2 => Just(0usize), 1 => 1..4usize, 1 => 0..400usize],
        0..3u8,
        prop_oneof![prop::sample::select(TYPED), prop::sample::select(LINES)],
        0.0..1.0f64,
    )
}

fn apply_small(
    text: &str,
    (place, at, delete, what, typed, from): (u8, f64, usize, u8, &str, f64),
) -> String {
    let anywhere = floor(text, (at * text.len() as f64) as usize);
    let start = match place {
        0 => 0,
        1 => text.len(),
        2 => treaty_lsp::syntax::lines::line_end(text, anywhere),
        _ => anywhere,
    };
    let end = floor(text, start + delete).max(start);
    let inserted = match what {
        0 => format!("{typed}\n"),
        1 => {
            let a = floor(text, (from * text.len() as f64) as usize);
            text[a..floor(text, a + 60)].to_string()
        }
        _ => typed.to_string(),
    };
    format!("{}{}{}", &text[..start], inserted, &text[end..])
}

#[test]
fn a_resumed_parse_is_the_full_parse_on_small_texts_of_every_kind_of_line() {
    check_texts_of_lines(small_text(), cases(2000));
}

/// Texts long enough (a few to thirty KB) that edits land farther from
/// each other than what a reference's reading looks at, so that the
/// references are read again only around the edit.
#[test]
fn a_resumed_parse_is_the_full_parse_on_longer_texts_of_every_kind_of_line() {
    check_texts_of_lines(text_of_lines(100..600), cases(300));
}

/// Chains of up to six edits of texts from `texts`, each parse resumed from
/// the last and compared with a full one.
fn check_texts_of_lines(texts: impl Strategy<Value = String>, cases: u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(texts, prop::collection::vec(small_edit(), 1..7)),
            |(text, edits)| {
                let mut text = text;
                let mut doc = parse(&text);
                for e in edits {
                    let new = apply_small(&text, e);
                    let resumed = reparse(&text, &doc, &new);
                    let full = parse(&new);
                    prop_assert!(
                        resumed == full,
                        "{text:?} -> {new:?}: the resumed parse differs{}",
                        first_difference(&resumed, &full)
                    );
                    if let Some(d) = resume_difference(&resumed, &full) {
                        prop_assert!(false, "{text:?} -> {new:?}: another {d}");
                    }
                    text = new;
                    doc = resumed;
                }
                Ok(())
            },
        )
        .unwrap();
}

/// Through the binary: a draft edited forty times at random places (each
/// change parsed from the last parse) gives the outline, folding and
/// diagnostics a server that opens the final text gives.
#[test]
fn a_draft_edited_in_the_server_answers_as_the_final_text_opened_afresh() {
    let Some(text) = support::corpus::read("treaties/vclt.md", "incremental parsing in the server")
    else {
        return;
    };
    let uri = "file:///tmp/treaty-lsp-incremental/vclt.treaty.md";
    let start = || {
        let mut c = support::client::Client::start(env!("CARGO_BIN_EXE_treaty-lsp"));
        c.initialize(
            serde_json::json!({"general": {"positionEncodings": ["utf-8"]},
                   "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}}),
            None,
            serde_json::json!({"diagnosticsDelayMs": 0}),
        );
        c
    };
    // a line and byte column (UTF-8 positions) of an offset
    let position = |t: &str, at: usize| {
        let line_start = treaty_lsp::syntax::lines::line_start(t, at);
        let line = treaty_lsp::syntax::lines::line_breaks(&t[..line_start]);
        serde_json::json!({"line": line, "character": at - line_start})
    };
    let answers = |c: &mut support::client::Client, version: i64| {
        let diagnostics = c.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        let doc = serde_json::json!({"textDocument": {"uri": uri}});
        (
            c.request("textDocument/documentSymbol", doc.clone()),
            c.request("textDocument/foldingRange", doc),
            diagnostics["diagnostics"].clone(),
        )
    };
    let mut edited = start();
    edited.open(uri, &text);
    let mut text = text;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    for version in 2..=41 {
        let at = floor(&text, next(text.len()));
        let end = floor(&text, at + [0, 1, 3, 40][next(4)]).max(at);
        let inserted = TYPED[next(TYPED.len())];
        edited.notify(
            "textDocument/didChange",
            serde_json::json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": position(&text, at), "end": position(&text, end)},
                                       "text": inserted}]}),
        );
        text = format!("{}{inserted}{}", &text[..at], &text[end..]);
    }
    let after_edits = answers(&mut edited, 41);
    let mut fresh = start();
    fresh.open(uri, &text);
    let opened = answers(&mut fresh, 1);
    assert!(after_edits.0 == opened.0, "the outlines differ");
    assert!(after_edits.1 == opened.1, "the folding ranges differ");
    assert!(after_edits.2 == opened.2, "the diagnostics differ");
    assert!(edited.shutdown() && fresh.shutdown());
}

/// The edit found by comparing two texts is the smallest on character
/// boundaries.
#[test]
fn the_edit_between_two_texts_is_their_difference() {
    let e = Edit::between("Article 5 applies.", "Article 6 applies.");
    assert_eq!((e.start, e.old_end, e.new_end), (8, 9, 9));
    let e = Edit::between("aaa", "aaaa");
    assert_eq!((e.start, e.old_end, e.new_end), (3, 3, 4));
    // é and è share their first byte: the edit starts at the character
    let e = Edit::between("café", "cafè");
    assert_eq!((e.start, e.old_end, e.new_end), (3, 5, 5));
    let e = Edit::between("aaaa", "aa");
    assert_eq!((e.start, e.old_end, e.new_end), (2, 4, 2));
    // long common parts are compared by blocks
    let long = |mid: &str| format!("{}{mid}{}", "a".repeat(1000), "c".repeat(1000));
    let e = Edit::between(&long("b"), &long("xy"));
    assert_eq!((e.start, e.old_end, e.new_end), (1000, 1001, 1002));
    let e = Edit::between("same", "same");
    assert_eq!((e.start, e.old_end, e.new_end), (4, 4, 4));
}
