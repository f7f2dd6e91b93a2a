//! Property tests: no text, random or a mutated real treaty, makes the
//! parser, the resolver or the diagnostics panic, and the document the
//! parser returns is well formed: every span lies inside the text on
//! character boundaries, children lie inside their parents, nodes are in
//! pre-order, and every id points at something that exists.
//!
//! `PROPTEST_CASES=20000 cargo test --release --test never_panics` for a
//! longer hunt. The corpus (`../shared/corpus/treaties/`, beside the
//! clone) is read at test time: missing, the corpus tests warn and pass,
//! unless `CI` is set, then they fail.

mod support {
    pub mod corpus;
}

use proptest::prelude::*;
use proptest::test_runner::{TestError, TestRunner};
use std::path::PathBuf;
use treaty_lsp::analysis::{FilePosition, Resolution, Workspace};
use treaty_lsp::positions::ACTIONS;
use treaty_lsp::syntax::{Document, NodeId, Scope, Span};

/// Treaty syntax, its separators, and text that trips byte/char confusion.
const FRAGMENTS: &[&str] = &[
    // element labels and reference words
    "Article ",
    "ARTICLE ",
    "Art. ",
    "Articles ",
    "article ",
    "paragraph ",
    "paragraphs ",
    "paragraph",
    "point ",
    "points ",
    "subparagraph ",
    "(a)",
    "a)",
    "a.",
    "(b)",
    "(i)",
    "(ii)",
    "(iv)",
    "(1)",
    "1.",
    "2.",
    "1 -",
    "(aa)",
    "(A)",
    "(c bis)",
    " bis",
    "bis",
    " ter",
    "quater",
    "0",
    "5",
    "12",
    "48",
    "93bis",
    "99999999999999999999999",
    "I",
    "IV",
    "XI",
    "XLIX",
    "MMMCMXCIX",
    "iii",
    "Annex III",
    "ANNEX",
    "ANNEX I",
    "CHAPTER II",
    "Chapter ",
    "PART XI",
    "SECTION 2",
    "Preamble",
    "IN WITNESS WHEREOF",
    "DONE at ",
    "Optional Protocol to the X",
    // reference glue
    ", ",
    " and ",
    " or ",
    " to ",
    " through ",
    "-",
    "–",
    " of this article",
    " of this Article",
    " of this Annex",
    " of this Convention",
    " of the present Protocol",
    " of the Charter",
    " of the Budapest Convention",
    " of that article",
    "this Article",
    "the preceding paragraph",
    "the following article",
    " means ",
    "\u{201c}",
    "\u{201d}",
    "\"",
    // brackets, Markdown, front matter, comments
    "[",
    "]",
    "[shall][should]",
    "[Alt 1: ",
    "[Option A: ",
    "](http://x)",
    "[^1]",
    "```",
    "``",
    "`",
    "~~~",
    "# ",
    "### ",
    "#### ",
    "---\n",
    "id: X\n",
    "title: T\n",
    "<!--",
    "-->",
    "*",
    "_",
    "\\",
    "|",
    // line breaks and spaces
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\r\r",
    " ",
    "\t",
    "\u{a0}",
    "\u{2003}",
    "\u{3000}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{feff}",
    "\u{200b}",
    // multi-byte, non-BMP, combining marks
    "é",
    "e\u{301}",
    "\u{301}",
    "\u{301}\u{308}\u{20dd}",
    "😀",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "𝔄",
    "\u{10ffff}",
    "ﬁ",
    "İ",
    "ß",
    "Ⅻ",
    "٣",
    "\u{0}",
];

fn treaty_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(FRAGMENTS).prop_map(String::from),
            1 => any::<String>(),
            1 => "[a-z ]{0,12}",
            1 => "[0-9]{1,3}",
            1 => "[ivxlcIVXLC]{1,4}",
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

/// `PROPTEST_CASES` raises the count for a longer hunt.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn check_span(text: &str, s: &Span, what: &dyn Fn() -> String) {
    assert!(
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end),
        "{} {s:?} is not a span of the text (len {}) on char boundaries",
        what(),
        text.len()
    );
}

fn within(inner: &Span, outer: &Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The structural invariants of a parsed document.
fn check_document(text: &str, doc: &Document) {
    let n = doc.nodes.len();
    assert!(n > 0, "no root node");
    assert!(doc.nodes[0].parent.is_none(), "the root has a parent");
    let mut children: Vec<Vec<NodeId>> = vec![Vec::new(); n];
    for (i, node) in doc.nodes.iter().enumerate() {
        check_span(text, &node.span, &|| format!("node {i} span"));
        check_span(text, &node.label_span, &|| format!("node {i} label_span"));
        assert!(
            within(&node.label_span, &node.span),
            "node {i}: label_span {:?} outside span {:?}",
            node.label_span,
            node.span
        );
        if let Some(s) = &node.number_span {
            check_span(text, s, &|| format!("node {i} number_span"));
            assert!(
                within(s, &node.label_span),
                "node {i}: number_span {s:?} outside label_span {:?}",
                node.label_span
            );
        }
        if let Some(s) = &node.heading_span {
            check_span(text, s, &|| format!("node {i} heading_span"));
        }
        if i == 0 {
            continue;
        }
        // pre-order: the parent comes earlier and is an ancestor-or-self of
        // the node just before, so every subtree is one contiguous run
        let p = node
            .parent
            .unwrap_or_else(|| panic!("node {i} has no parent"));
        assert!(p.index() < i, "node {i} has a later parent {}", p.index());
        assert!(
            doc.ancestors(NodeId(i as u32 - 1)).any(|a| a == p),
            "nodes not in pre-order at {i}: parent {} is not an ancestor of node {}",
            p.index(),
            i - 1
        );
        assert!(
            doc.nodes[i - 1].span.start <= node.span.start,
            "node {i} starts before node {}",
            i - 1
        );
        let ps = &doc.nodes[p.index()].span;
        assert!(
            within(&node.span, ps),
            "node {i} {:?} outside its parent {} {ps:?}",
            node.span,
            p.index()
        );
        children[p.index()].push(NodeId(i as u32));
    }
    for (i, node) in doc.nodes.iter().enumerate() {
        assert_eq!(
            node.children, children[i],
            "children of node {i} disagree with the parents"
        );
    }
    for (k, r) in doc.references.iter().enumerate() {
        check_span(text, &r.span, &|| format!("reference {k} span"));
        assert!(r.context.index() < n, "reference {k}: context out of range");
        if let Scope::External(named) = &r.scope {
            let span = &named.span;
            check_span(text, span, &|| format!("reference {k} instrument name"));
        }
        for (j, t) in r.targets.iter().enumerate() {
            check_span(text, &t.span, &|| format!("reference {k} target {j} span"));
            for (m, piece) in t.path.iter().enumerate() {
                check_span(text, &piece.span, &|| {
                    format!("reference {k} target {j} piece {m} span")
                });
            }
        }
    }
    for (k, b) in doc.brackets.iter().enumerate() {
        check_span(text, &b.span, &|| format!("bracket {k} span"));
        if let Some(p) = b.parent {
            assert!(p < k, "bracket {k}: parent {p} is not before it");
            assert!(
                within(&b.span, &doc.brackets[p].span),
                "bracket {k} outside its parent bracket {p}"
            );
        }
    }
    for (k, d) in doc.definitions.iter().enumerate() {
        check_span(text, &d.term_span, &|| format!("definition {k} term_span"));
        assert!(d.node.index() < n, "definition {k}: node out of range");
    }
    for (k, issue) in doc.issues.iter().enumerate() {
        check_span(text, &issue.span, &|| format!("issue {k} span"));
    }
    if let Some(fm) = &doc.front_matter {
        check_span(text, &fm.span, &|| "front matter span".into());
    }
}

/// Parses, resolves every reference, diagnoses, asks every editor query
/// at a few places, and checks the invariants.
fn exercise(text: &str) {
    let mut ws = Workspace::new();
    let id = ws.add("t", text);
    let doc: &Document = &ws.file(id).doc;
    check_document(text, doc);
    for r in &doc.references {
        for resolved in ws.resolve_reference(id, r) {
            if let Resolution::Node { doc: d, node } = resolved.resolution {
                assert!(
                    node.index() < ws.file(d).doc.nodes.len(),
                    "a reference resolves to a node that does not exist"
                );
            }
        }
    }
    for (k, d) in ws.diagnostics(id).iter().enumerate() {
        check_span(text, &d.span, &|| format!("diagnostic {k} ({})", d.code));
        for r in &d.related {
            check_span(text, &r.span, &|| format!("diagnostic {k} related"));
        }
    }
    let _ = ws.document_symbols(id);
    let _ = ws.folding_ranges(id);
    let _ = ws.semantic_tokens(id, None);
    for offset in [0, text.len() / 3, text.len() / 2, text.len()] {
        let pos = FilePosition { doc: id, offset };
        let _ = ws.hover(pos);
        let _ = ws.definition(pos);
        let _ = ws.references(pos, true);
        let _ = ws.completions(pos);
        let _ = ws.selection_ranges(pos);
        if let Ok(change) = ws.rename(pos, "7") {
            for (_, edits) in change.edits {
                for e in edits {
                    check_span(text, &e.span, &|| "rename edit".into());
                }
            }
        }
    }
}

/// A positions file on `draft` with targets and words drawn from its
/// text, and every positions query at a few places of the draft.
fn exercise_positions(draft: &str, picks: &[(usize, usize, u8)]) {
    let quote = |s: &str| format!("{:?}", s); // a TOML basic string is a Rust-escaped one, for these
    let mut toml = String::from("[source]\nstakeholder = \"P\"\n");
    for &(a, len, k) in picks {
        let start = floor(draft, a % (draft.len() + 1));
        let end = floor(draft, (start + len % 40).min(draft.len()));
        let words = &draft[start..end];
        let target = [
            "Article 1",
            "Article 2(1)",
            "Articles 1 to 3",
            "Article 1 (a)",
            words,
        ][k as usize % 5];
        let action = ACTIONS[k as usize % ACTIONS.len()];
        toml.push_str(&format!(
            "[[position]]\ntarget = {}\nstance = \"amend\"\nsummary = \"s\"\n[[position.change]]\naction = \"{}\"\n",
            quote(target),
            action
        ));
        match action {
            "replace" => toml.push_str(&format!("find = {}\nwith = \"x\"\n", quote(words))),
            "insert-text" => toml.push_str(&format!("text = \"x\"\nafter = {}\n", quote(words))),
            "insert-element" => toml.push_str(&format!(
                "element = \"{}\"\ntext = \"x\"\n",
                ["article", "paragraph", "subparagraph", "item"][k as usize % 4]
            )),
            "delete" => {}
            _ => toml.push_str(&format!("find = {}\n", quote(words))),
        }
    }
    let mut ws = Workspace::new();
    let id = ws.add("d.treaty.md", draft);
    let p = ws.add("p.positions.toml", toml.as_str());
    for d in ws.diagnostics(p) {
        check_span(&toml, &d.span, &|| {
            format!("positions diagnostic {}", d.code)
        });
    }
    let _ = ws.contested_diagnostics(id);
    let _ = ws.position_lenses(id);
    for offset in [0, draft.len() / 3, draft.len() / 2, draft.len()] {
        let _ = ws.hover(FilePosition { doc: id, offset });
        for a in ws.amendments_at(id, offset) {
            for (_, edits) in &a.change.edits {
                let mut last = 0;
                for e in edits {
                    check_span(draft, &e.span, &|| format!("edit of {}", a.title));
                    assert!(e.span.start >= last, "overlapping edits in {}", a.title);
                    last = e.span.end;
                }
                let _ = treaty_lsp::analysis::apply_edits(draft, edits);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1500), ..ProptestConfig::default() })]

    #[test]
    fn random_positions_on_random_drafts_never_panic(
        draft in treaty_like(),
        picks in prop::collection::vec((any::<usize>(), any::<usize>(), any::<u8>()), 0..6),
    ) {
        exercise_positions(&draft, &picks);
    }

    #[test]
    fn arbitrary_text_as_a_positions_file_never_panics(text in any::<String>()) {
        let mut ws = Workspace::new();
        ws.add("d.treaty.md", "### Article 1\n\n1. Text.\n");
        let p = ws.add("p.positions.toml", text.as_str());
        for d in ws.diagnostics(p) {
            check_span(&text, &d.span, &|| format!("positions diagnostic {}", d.code));
        }
    }

    #[test]
    fn random_text_never_panics(text in treaty_like()) {
        exercise(&text);
    }

    /// Two random drafts as versions of one text, a position on the first
    /// and a table between them: aligned, carried, hovered, compared and
    /// migrated, never a panic; every link within its documents.
    #[test]
    fn random_versions_never_panic(old in treaty_like(), new in treaty_like(), at in any::<usize>()) {
        exercise_versions(&old, &new, at);
    }

    #[test]
    fn arbitrary_text_as_a_correspondence_table_never_panics(text in any::<String>()) {
        let mut ws = Workspace::new();
        ws.add("a.treaty.md", "---\nid: A\n---\n### Article 1\n\n1. Text.\n");
        ws.add("b.treaty.md", "---\nid: B\nsupersedes: A\n---\n### Article 1\n\n1. Text.\n");
        let t = ws.add("x.correspondence.toml", text.as_str());
        for d in ws.diagnostics(t) {
            check_span(&text, &d.span, &|| format!("table diagnostic {}", d.code));
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        exercise(&text);
    }
}

fn exercise_versions(old: &str, new: &str, at: usize) {
    use treaty_lsp::align::{align, Version};
    let (a, b) = (
        treaty_lsp::syntax::parse(old),
        treaty_lsp::syntax::parse(new),
    );
    let alignment = align(
        Version { text: old, doc: &a },
        Version { text: new, doc: &b },
        &[],
    );
    for l in &alignment.links {
        assert!(
            l.old.is_none_or(|n| (n.0 as usize) < a.nodes.len())
                && l.new.is_none_or(|n| (n.0 as usize) < b.nodes.len())
        );
        assert!((0.0..=1.0).contains(&l.score), "{l:?}");
    }
    let mut ws = Workspace::new();
    let v1 = ws.add("v1.treaty.md", format!("---\nid: V1\n---\n{old}"));
    let v2 = ws.add(
        "v2.treaty.md",
        format!("---\nid: V2\nsupersedes: V1\n---\n{new}"),
    );
    let p = ws.add(
        "p.positions.toml",
        "[source]\nstakeholder = \"S\"\ndraft = \"V1\"\n[[position]]\ntarget = \"Article 1\"\nstance = \"amend\"\nsummary = \"s\"\n[[position.change]]\naction = \"delete-text\"\nfind = \"the\"\n",
    );
    ws.add("t.correspondence.toml", "[versions]\nold = \"V1\"\nnew = \"V2\"\n[[pair]]\nold = \"Article 1\"\nnew = \"Article 2\"\n");
    let text = ws.file(v2).text.clone();
    let offset = floor(&text, at % (text.len() + 1));
    let pos = FilePosition { doc: v2, offset };
    let _ = ws.hover(pos);
    let _ = ws.amendments_at(v2, offset);
    let _ = ws.position_lenses(v2);
    let _ = ws.document_symbols(v2);
    let _ = ws.previous_version(pos, false);
    let _ = ws.previous_version(pos, true);
    for d in ws.diagnostics(v2) {
        check_span(&text, &d.span, &|| format!("draft diagnostic {}", d.code));
    }
    if let Ok(m) = ws.migrate(p, v2) {
        let mut again = Workspace::new();
        again.add("p.positions.toml", m.text);
    }
    let _ = v1;
}

/// Lines that are blank only by Unicode's reckoning (an em space, an
/// ideographic space) in every place a line is read: once found by the
/// random hunt, they crossed a trimmed span.
#[test]
fn unicode_blank_lines_never_panic() {
    for blank in [
        "\u{2003}",
        "\u{3000}",
        "\u{a0}\u{2003}",
        "\u{85}",
        "\u{2028}",
    ] {
        for text in [
            format!("{blank}\n"),
            format!("# {blank}\n"),
            format!("### Article 1\n{blank}\n1. Text.\n"),
            format!("Article 1\n{blank}\n\n(a){blank}\n"),
            format!("**{blank}**\n_{blank}_\n"),
            format!("CHAPTER I\n{blank}\nArticle 2\r\n{blank}\r\n"),
        ] {
            exercise(&text);
        }
    }
}

/// The real treaties, or none (with a loud warning) when the corpus is
/// missing; with `CI` set a missing corpus fails the test.
fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/treaties");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    if texts.is_empty() {
        support::corpus::missing(&format!("*.md in {}", dir.display()), "corpus tests");
    }
    texts
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
    Swap(usize, usize, usize),
}

/// The char boundary at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let n = text.len().max(1);
    match m {
        Mutation::Delete(a, len) => {
            let a = floor(text, a % n);
            let b = floor(text, a + len % 200);
            format!("{}{}", &text[..a], &text[b..])
        }
        Mutation::Insert(a, s) => {
            let a = floor(text, a % n);
            format!("{}{}{}", &text[..a], s, &text[a..])
        }
        Mutation::Duplicate(a, len) => {
            let a = floor(text, a % n);
            let b = floor(text, a + len % 400);
            format!("{}{}{}", &text[..b], &text[a..b], &text[b..])
        }
        Mutation::Swap(a, b, len) => {
            let (a, b) = (floor(text, a % n), floor(text, b % n));
            let (a, b) = (a.min(b), a.max(b));
            let a2 = floor(text, (a + len % 100).min(b));
            let b2 = floor(text, b + len % 100);
            format!(
                "{}{}{}{}{}",
                &text[..a],
                &text[b..b2],
                &text[a2..b],
                &text[a..a2],
                &text[b2..]
            )
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Mutation::Delete(a, l)),
        (any::<usize>(), prop::sample::select(FRAGMENTS))
            .prop_map(|(a, s)| Mutation::Insert(a, s.to_string())),
        (any::<usize>(), treaty_like()).prop_map(|(a, s)| Mutation::Insert(a, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Mutation::Duplicate(a, l)),
        (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(a, b, l)| Mutation::Swap(a, b, l)),
    ]
}

/// A window of a few KB of one treaty, then the mutations.
fn mutated(texts: &[(String, String)], file: usize, start: usize, ms: &[Mutation]) -> String {
    let text = &texts[file].1;
    let a = floor(text, start % text.len().max(1));
    let b = floor(text, a + 6000);
    let mut t = text[a..b].to_string();
    for m in ms {
        t = apply(&t, m);
    }
    t
}

#[test]
fn mutated_corpus_text_never_panics() {
    let texts = corpus();
    if texts.is_empty() {
        return;
    }
    let mut runner = TestRunner::new(ProptestConfig {
        cases: cases(500),
        ..ProptestConfig::default()
    });
    let strategy = (
        0..texts.len(),
        any::<usize>(),
        prop::collection::vec(mutation(), 1..8),
    );
    let result = runner.run(&strategy, |(file, start, ms)| {
        exercise(&mutated(&texts, file, start, &ms));
        Ok(())
    });
    if let Err(TestError::Fail(reason, (file, start, ms))) = result {
        let text = mutated(&texts, file, start, &ms);
        panic!(
            "{reason}\n{} from {start}, mutations {ms:?}\nminimal failing text ({} bytes):\n{text:?}",
            texts[file].0,
            text.len()
        );
    } else if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn whole_corpus_files_pass_the_checks() {
    for (name, text) in corpus() {
        let r = std::panic::catch_unwind(|| exercise(&text));
        assert!(r.is_ok(), "{name}: see the panic above");
    }
}
