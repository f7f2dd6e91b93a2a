//! The four Paris Agreement negotiating texts of October to December 2015
//! (`../shared/corpus/drafts/paris-agreement/`), checked against a reading
//! of each: its articles, its square brackets, every error the checker
//! reports (each genuine, with why), and labelled references.

mod support {
    pub mod corpus;
}

use treaty_lsp::analysis::{DocId, Resolution, Workspace};
use treaty_lsp::syntax::{NodeKind, Severity};

fn drafts_dir() -> Option<std::path::PathBuf> {
    support::corpus::dir("drafts/paris-agreement", "Paris draft tests")
}

struct Draft {
    file: &'static str,
    /// The article numbers as a reader finds them, in order.
    articles: &'static [&'static str],
    /// Square-bracket pairs found. The reader counts the `[` that open
    /// negotiating text; the difference is explained per draft.
    brackets: usize,
    /// Every error: (line, code, why it is genuine).
    errors: &'static [(usize, &'static str, &'static str)],
}

const ARTICLES_OCT: &[&str] = &[
    "1", "2", "2bis", "3", "3bis", "3ter", "4", "5", "6", "7", "8", "8bis", "9", "10", "11", "12",
    "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26",
];

const DRAFTS: &[Draft] = &[
    Draft {
        file: "paris-agreement-draft-23-oct-2015.md",
        articles: ARTICLES_OCT,
        // the reader counts 1023 opening `[`: 9 are pairs such as `[5][10]`
        // that Markdown reads as reference links, and `[[^9]]` wrappers
        brackets: 1014,
        errors: &[
            (
                24,
                "unbalanced-bracket",
                "`... national circumstances,]]`: the second `]` closes nothing",
            ),
            (
                30,
                "unbalanced-bracket",
                "`... to address climate change,]],`: one `]` too many",
            ),
            (
                869,
                "unbalanced-bracket",
                "`[to [be applied ...] ... [promote compliance]].` leaves `[to` open",
            ),
        ],
    },
    Draft {
        file: "paris-agreement-draft-4-dec-2015.md",
        articles: ARTICLES_OCT,
        // the reader counts 1013 opening `[` (links such as `[x](a)` aside)
        brackets: 1001,
        errors: &[
            (
                25,
                "unbalanced-bracket",
                "`...[sustainable development]],]`: the final `]` closes nothing",
            ),
            (
                39,
                "unbalanced-bracket",
                "`[*Emphasizing*` is closed before `climate change,]`",
            ),
            (
                45,
                "unbalanced-bracket",
                "`...[when managing their lands],]]`: one `]` too many",
            ),
            (
                661,
                "unbalanced-bracket",
                "Article 10(3) has one more `]` than `[` (`INDC19]]`)",
            ),
            (
                741,
                "unbalanced-bracket",
                "Article 17(1) `[A Party to the Convention shall ...` is never closed",
            ),
        ],
    },
    Draft {
        file: "paris-agreement-draft-9-dec-2015.md",
        articles: &[
            "1", "2", "2bis", "3", "3bis", "3ter", "4", "5", "6", "7", "8", "8bis", "9", "10",
            "11", "12", "13", "14", "15", "16", "18", "19", "20", "21", "22", "23", "24", "25",
            "26",
        ],
        // the reader counts 217 opening `[`
        brackets: 214,
        errors: &[
            (
                109,
                "unbalanced-bracket",
                "`... its ###].`: every bracket before is matched",
            ),
            (
                177,
                "unbalanced-bracket",
                "`each party to that agreement] shall`: the `]` closes nothing",
            ),
            (
                228,
                "unbalanced-bracket",
                "`[and ensuring adaptation ...` is never closed",
            ),
        ],
    },
    Draft {
        file: "paris-agreement-draft-12-dec-2015.md",
        articles: &[
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
            "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29",
        ],
        brackets: 0,
        errors: &[],
    },
];

fn load(dir: &std::path::Path, file: &str) -> (Workspace, String) {
    let text = std::fs::read_to_string(dir.join(file))
        .unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let mut ws = Workspace::new();
    ws.add(file, text.clone());
    (ws, text)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

#[test]
fn every_draft_has_the_articles_a_reader_finds() {
    let Some(dir) = drafts_dir() else { return };
    for d in DRAFTS {
        let (ws, _) = load(&dir, d.file);
        let doc = &ws.file(DocId(0)).doc;
        let keys: Vec<&str> = doc
            .ids()
            .filter(|&id| doc.node(id).kind == NodeKind::Article)
            .map(|id| doc.node(id).key.as_str())
            .collect();
        assert_eq!(keys, d.articles, "{}", d.file);
        // the draft's heading is its title, not a further instrument
        assert!(
            !doc.ids()
                .any(|id| doc.node(id).kind == NodeKind::Instrument),
            "{}: a further instrument",
            d.file
        );
    }
}

#[test]
fn brackets_are_counted_as_a_reader_does() {
    let Some(dir) = drafts_dir() else { return };
    for d in DRAFTS {
        let (ws, _) = load(&dir, d.file);
        assert_eq!(
            ws.file(DocId(0)).doc.brackets.len(),
            d.brackets,
            "{}",
            d.file
        );
    }
}

/// No false red squiggle on a negotiating text: every error is one a
/// reader confirms, and the adopted text has none.
#[test]
fn every_error_is_genuine() {
    let Some(dir) = drafts_dir() else { return };
    for d in DRAFTS {
        let (ws, text) = load(&dir, d.file);
        let errors: Vec<(usize, &str)> = ws
            .diagnostics(DocId(0))
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .map(|x| (line_of(&text, x.span.start), x.code))
            .collect();
        let expected: Vec<(usize, &str)> = d.errors.iter().map(|&(l, c, _)| (l, c)).collect();
        assert_eq!(errors, expected, "{}", d.file);
    }
}

/// What a labelled target cites, as a reader says.
#[allow(dead_code)]
enum Cites {
    /// An element of the draft, by the name the tool gives it.
    Internal(&'static str),
    /// Another instrument (the Convention, a COP decision).
    External,
    /// Nothing: a placeholder (`Article X`) or words that cite nothing;
    /// never an element of the draft.
    Nothing,
}

fn what_it_cites(ws: &Workspace, text: &str, line: usize, target: &str) -> Vec<String> {
    let doc = &ws.file(DocId(0)).doc;
    let mut out = Vec::new();
    for r in &doc.references {
        for res in ws.resolve_reference(DocId(0), r) {
            let t = res.target;
            if line_of(text, t.span.start) != line || text[t.span.clone()].trim() != target {
                continue;
            }
            out.push(match res.resolution {
                Resolution::Node { node, .. } => doc.display_name(node),
                Resolution::External { .. } => "external".into(),
                Resolution::Dangling { reason } => format!("dangling: {reason}"),
            });
        }
    }
    out
}

#[test]
fn labelled_references_cite_what_a_reader_says() {
    let Some(dir) = drafts_dir() else { return };
    let mut checked = 0;
    let mut wrong = Vec::new();
    for &(file, line, target, ref cites) in PARIS_REFERENCES {
        let (ws, text) = load(&dir, file);
        let got = what_it_cites(&ws, &text, line, target);
        let right = match cites {
            Cites::Internal(name) => got.iter().any(|g| g == name),
            Cites::External => got.iter().any(|g| g == "external"),
            Cites::Nothing => got
                .iter()
                .all(|g| g == "external" || g.starts_with("dangling")),
        };
        checked += 1;
        if !right
            && !KNOWN_MISSES
                .iter()
                .any(|&(f, l, t, _)| f == file && l == line && t == target)
        {
            wrong.push(format!("{file}:{line} {target:?}: got {got:?}"));
        }
    }
    assert!(checked >= 100, "only {checked} labelled targets");
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Labelled targets the checker still gets wrong, each with why: (file,
/// line, target, reason).
const KNOWN_MISSES: &[(&str, usize, &str, &str)] = &[];

/// (file, line, target as written, what it cites), from reading the drafts.
const PARIS_REFERENCES: &[(&str, usize, &str, Cites)] = &[];
