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
    pub mod corpus;
}

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use treaty_lsp::syntax::incremental::{reparse, resume_difference, Edit};
use treaty_lsp::syntax::{parse, Document};

const TYPED: &[&str] = &[
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
    String::from(" (beyond the tree)")
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
    let texts = texts();
    if texts.is_empty() {
        return;
    }
    let mut runner = TestRunner::new(Config {
        cases: cases(192),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        0..texts.len(),
        0.0..1.0f64,
        prop::collection::vec(random_edit(), 1..5),
    );
    runner
        .run(&strategy, |(which, from, edits)| {
            let (name, text) = &texts[which];
            let start =
                treaty_lsp::syntax::lines::line_start(text, (from * text.len() as f64) as usize);
            let end = treaty_lsp::syntax::lines::line_start(text, start + 60_000);
            let end = if end <= start { text.len() } else { end };
            check_edits(name, &text[start..end], &edits)
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
        assert_eq!(resume_difference(&resumed, &full), None, "{before:?} -> {after:?}");
    }
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
