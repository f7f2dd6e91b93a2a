//! The real texts in `../shared/corpus/treaties/`: every article found, no
//! false headings, every internal reference resolved or reported for a
//! reason checked by reading the text.
//!
//! The corpus is not in this repository. Without it these tests fail when
//! `CI` is set and otherwise say loudly that they did not run.

mod support {
    pub mod corpus;
}

use std::path::PathBuf;
use treaty_lsp::analysis::{Resolution, Workspace};
use treaty_lsp::syntax::lines::LineIndex;
use treaty_lsp::syntax::{Document, NodeId, NodeKind};

fn corpus_dir() -> Option<PathBuf> {
    support::corpus::dir("treaties", "corpus tests")
}

struct Expected {
    file: &'static str,
    /// Articles in the whole file (all `### Article` lines of the source).
    articles: usize,
    /// Articles with a title (`#### ...` under the heading in the source).
    titled: usize,
    /// Articles per container other than the main instrument: (label, count).
    containers: &'static [(&'static str, usize)],
    defined_terms: usize,
    /// Every reference that does not resolve: (line, cited text, reason
    /// fragment, why it is right to report it).
    dangling: &'static [(usize, &'static str, &'static str, &'static str)],
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "budapest-convention-ets185.md",
        articles: 48,
        titled: 48,
        containers: &[],
        defined_terms: 7,
        dangling: &[],
    },
    Expected {
        file: "iccpr.md",
        articles: 67,
        titled: 0,
        containers: &[(
            "Optional Protocol to the International Covenant on Civil and Political Rights",
            14,
        )],
        defined_terms: 0,
        dangling: &[],
    },
    Expected {
        file: "rome-statute.md",
        articles: 128,
        titled: 127,
        containers: &[],
        defined_terms: 16,
        dangling: &[(
            316,
            "10",
            "Preamble has no paragraph 10",
            "the source keeps the preamble on one line, so its paragraphs cannot be counted",
        )],
    },
    Expected {
        file: "un-charter.md",
        articles: 111,
        titled: 0,
        containers: &[],
        defined_terms: 0,
        dangling: &[],
    },
    Expected {
        file: "uncac.md",
        articles: 71,
        titled: 71,
        containers: &[],
        defined_terms: 10,
        dangling: &[],
    },
    Expected {
        file: "unclos.md",
        articles: 445,
        titled: 436,
        containers: &[
            ("ANNEX II", 9),
            ("ANNEX III", 22),
            ("ANNEX IV", 13),
            ("ANNEX V", 14),
            ("ANNEX VI", 41),
            ("ANNEX VII", 13),
            ("ANNEX VIII", 5),
            ("ANNEX IX", 8),
        ],
        defined_terms: 32,
        dangling: &[
            (
                2038,
                "(B)",
                "Article 160(2) has no (B)",
                "the source prints `paragraph 2(B)`; article 160(2) has lettered points (a) to (o) only",
            ),
            (
                3838,
                "(n)",
                "Article 13 has no paragraph 1(n)",
                "the source prints `(1)` for the letter `(l)`, which puts `(n)` under a paragraph 1",
            ),
            (
                4078,
                "(1)",
                "Article 6 has no paragraph 1",
                "the source prints `subparagraph (1)` for `(l)`; Annex IV article 6 has points (a) to (o)",
            ),
            (
                5009,
                "the preceding paragraph",
                "stands outside any paragraph",
                "a recital of Resolution II: the preamble is not divided into paragraphs",
            ),
        ],
    },
    Expected {
        file: "untoc.md",
        articles: 41,
        titled: 41,
        containers: &[],
        defined_terms: 12,
        dangling: &[],
    },
    Expected {
        file: "vclt.md",
        articles: 85,
        titled: 85,
        containers: &[],
        defined_terms: 12,
        dangling: &[
            (
                746,
                "2",
                "Article 52 has no paragraph 2",
                "article 69(3): `In cases falling under articles 49, 50, 51 or 52, paragraph 2 does not \
                 apply` means paragraph 2 of article 69; the words also read as `article 52, paragraph 2`, \
                 which does not exist, so the ambiguity is reported",
            ),
            (
                1060,
                "7",
                "ANNEX has no paragraph 7",
                "a resolution in the Final Act's ANNEX says `this Annex` for the Convention's Annex",
            ),
        ],
    },
];

fn load(dir: &std::path::Path, file: &str) -> (Workspace, String) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {}", path.display(), e));
    let mut ws = Workspace::new();
    ws.add(file, text.clone());
    (ws, text)
}

fn line_of(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |p| offset + p);
    &text[start..end]
}

#[test]
fn every_file_in_the_corpus_has_expectations() {
    let Some(dir) = corpus_dir() else { return };
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    files.sort();
    let mut known: Vec<&str> = EXPECTED.iter().map(|e| e.file).collect();
    known.sort();
    assert_eq!(
        files, known,
        "a corpus file has no expectations here (or one went away)"
    );
}

#[test]
fn articles_and_headings_match_the_instruments() {
    let Some(dir) = corpus_dir() else { return };
    for e in EXPECTED {
        let (ws, text) = load(&dir, e.file);
        let doc = &ws.files[0].doc;
        let source_articles = text
            .lines()
            .filter(|l| l.starts_with("### Article"))
            .count();
        let articles: Vec<NodeId> = doc.articles().collect();
        assert_eq!(articles.len(), e.articles, "{}: article count", e.file);
        assert_eq!(
            source_articles, e.articles,
            "{}: `### Article` lines in the source",
            e.file
        );
        let titled = articles
            .iter()
            .filter(|&&a| doc.node(a).heading.is_some())
            .count();
        assert_eq!(titled, e.titled, "{}: articles with a title", e.file);
        // zero false headings: every heading node sits on a `###` line of the source
        for id in doc.ids() {
            let n = doc.node(id);
            if n.kind == NodeKind::Article || n.kind.is_division() || n.kind == NodeKind::Annex {
                let line = line_of(&text, n.label_span.start);
                assert!(
                    line.starts_with("###"),
                    "{}: false heading {:?} on line {:?}",
                    e.file,
                    n.label,
                    line
                );
            }
            if n.kind == NodeKind::Article {
                assert!(
                    line_of(&text, n.label_span.start).starts_with("### Article"),
                    "{}: {:?}",
                    e.file,
                    n.label
                );
                if let Some(h) = &n.heading {
                    let title_line = line_of(&text, n.heading_span.clone().unwrap().start);
                    assert_eq!(
                        title_line,
                        format!("#### {}", h),
                        "{}: title of {}",
                        e.file,
                        n.label
                    );
                }
            }
        }
        // articles per container
        for (label, count) in e.containers {
            let container = doc
                .ids()
                .find(|&id| doc.node(id).kind.is_container() && doc.node(id).label == *label)
                .unwrap_or_else(|| panic!("{}: no container {:?}", e.file, label));
            let n = articles
                .iter()
                .filter(|&&a| doc.container(a) == container)
                .count();
            assert_eq!(n, *count, "{}: articles in {}", e.file, label);
        }
        let main: usize = e.containers.iter().map(|c| c.1).sum();
        let in_root = articles
            .iter()
            .filter(|&&a| doc.container(a) == NodeId::ROOT)
            .count();
        assert_eq!(
            in_root + main,
            e.articles,
            "{}: articles of the main instrument",
            e.file
        );
        assert_eq!(
            doc.definitions.len(),
            e.defined_terms,
            "{}: defined terms",
            e.file
        );
    }
}

#[test]
fn article_numbers_run_in_order_within_each_container() {
    let Some(dir) = corpus_dir() else { return };
    for e in EXPECTED {
        let (ws, _) = load(&dir, e.file);
        let doc: &Document = &ws.files[0].doc;
        let mut last: Vec<(NodeId, u32)> = Vec::new();
        for a in doc.articles() {
            let c = doc.container(a);
            let n: u32 = doc
                .node(a)
                .key
                .parse()
                .unwrap_or_else(|_| panic!("{}: key {}", e.file, doc.node(a).key));
            match last.iter_mut().find(|(k, _)| *k == c) {
                Some((_, prev)) => {
                    assert_eq!(n, *prev + 1, "{}: article {} after {}", e.file, n, prev);
                    *prev = n;
                }
                None => {
                    assert_eq!(n, 1, "{}: first article of a container", e.file);
                    last.push((c, n));
                }
            }
        }
    }
}

#[test]
fn every_internal_reference_resolves_or_is_reported_for_a_checked_reason() {
    let Some(dir) = corpus_dir() else { return };
    for e in EXPECTED {
        let (ws, text) = load(&dir, e.file);
        let file = &ws.files[0];
        let index = LineIndex::new(&text);
        let mut dangling = Vec::new();
        let mut resolved = 0;
        for r in &file.doc.references {
            for res in ws.resolve_reference(treaty_lsp::analysis::DocId(0), r) {
                match res.resolution {
                    Resolution::Dangling { reason } => {
                        let line = index.line(res.target.span.start) + 1;
                        dangling.push((line, text[res.target.span.clone()].to_string(), reason));
                    }
                    Resolution::Node { .. } => resolved += 1,
                    Resolution::External { .. } => {}
                }
            }
        }
        assert!(resolved > 0, "{}: nothing resolved", e.file);
        let got: Vec<String> = dangling
            .iter()
            .map(|(l, t, r)| format!("{}: {} -> {}", l, t, r))
            .collect();
        assert_eq!(
            dangling.len(),
            e.dangling.len(),
            "{}: unresolved references:\n{}",
            e.file,
            got.join("\n")
        );
        for ((line, cited, reason), (el, ec, er, _why)) in dangling.iter().zip(e.dangling) {
            assert_eq!(
                (line, cited.as_str()),
                (el, *ec),
                "{}: {}",
                e.file,
                got.join("\n")
            );
            assert!(
                reason.contains(er),
                "{}:{}: reason {:?} lacks {:?}",
                e.file,
                line,
                reason,
                er
            );
        }
    }
}

#[test]
fn references_to_other_instruments_are_external_not_internal() {
    let Some(dir) = corpus_dir() else { return };
    let (ws, text) = load(&dir, "unclos.md");
    let file = &ws.files[0];
    let mut seen = 0;
    for r in &file.doc.references {
        let t = &text[r.span.clone()];
        if t.contains("of the Charter of the United Nations")
            || t.contains("Statute of the International Court")
        {
            seen += 1;
            for res in ws.resolve_reference(treaty_lsp::analysis::DocId(0), r) {
                assert!(
                    matches!(res.resolution, Resolution::External { .. }),
                    "{:?} resolved to {:?}",
                    t,
                    res.resolution
                );
            }
        }
    }
    assert!(
        seen >= 3,
        "UNCLOS cites the Charter and the ICJ Statute: saw {}",
        seen
    );
}

#[test]
fn unclos_annex_references_are_scoped_to_the_annex() {
    let Some(dir) = corpus_dir() else { return };
    let (ws, text) = load(&dir, "unclos.md");
    let doc = &ws.files[0].doc;
    let mut checked = 0;
    for r in &doc.references {
        let t = &text[r.span.clone()];
        let container = doc.container(r.context);
        if container == NodeId::ROOT || doc.node(container).kind != NodeKind::Annex {
            continue;
        }
        for res in ws.resolve_reference(treaty_lsp::analysis::DocId(0), r) {
            let Resolution::Node { node, .. } = res.resolution else {
                continue;
            };
            let target_container = doc.container(node);
            if t.contains("of this Annex") {
                assert_eq!(
                    target_container, container,
                    "{:?} must stay in its annex",
                    t
                );
            } else if t.to_lowercase().starts_with("article") && !t.contains("Annex") {
                assert_eq!(
                    target_container,
                    NodeId::ROOT,
                    "{:?} in an annex cites the Convention",
                    t
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "checked {}", checked);
}

#[test]
fn numbering_and_brackets_are_clean_in_the_corpus() {
    let Some(dir) = corpus_dir() else { return };
    for e in EXPECTED {
        let (ws, text) = load(&dir, e.file);
        let index = LineIndex::new(&text);
        let other: Vec<String> = ws
            .diagnostics(treaty_lsp::analysis::DocId(0))
            .into_iter()
            .filter(|d| {
                !matches!(
                    d.code,
                    "dangling-reference" | "unanchored-reference" | "unresolved-reference"
                )
            })
            .map(|d| format!("{}: {} {}", index.line(d.span.start) + 1, d.code, d.message))
            .collect();
        assert!(other.is_empty(), "{}:\n{}", e.file, other.join("\n"));
    }
}

/// An error on an adopted treaty is a false red squiggle unless the text
/// really is wrong there: every error is one of the dangling references
/// listed above with why it is genuine; the others are information
/// (`unresolved-reference`: the treaty cites other instruments).
#[test]
fn every_error_in_the_corpus_is_listed_as_genuine() {
    let Some(dir) = corpus_dir() else { return };
    let mut errors = 0;
    for e in EXPECTED {
        let (ws, text) = load(&dir, e.file);
        let index = LineIndex::new(&text);
        for d in ws.diagnostics(treaty_lsp::analysis::DocId(0)) {
            if d.severity != treaty_lsp::syntax::Severity::Error {
                continue;
            }
            let line = index.line(d.span.start) + 1;
            assert!(
                e.dangling.iter().any(|&(l, ..)| l == line),
                "{}:{}: an error not listed as genuine: {} {}",
                e.file,
                line,
                d.code,
                d.message
            );
            errors += 1;
        }
    }
    // the typo in UNCLOS Annex IV and the Final Act's `this Annex` in the VCLT
    assert_eq!(errors, 2, "errors on the corpus");
}

/// The server parses long drafts on two threads: the document must be the
/// one the single-threaded parser makes, on every real treaty.
#[test]
fn parsing_in_parallel_gives_the_same_document() {
    let Some(dir) = corpus_dir() else { return };
    let mut long = 0;
    for e in EXPECTED {
        let text = std::fs::read_to_string(dir.join(e.file)).unwrap();
        long += usize::from(text.len() >= 64 * 1024);
        assert!(
            treaty_lsp::syntax::parse_in_parallel(&text) == treaty_lsp::syntax::parse(&text),
            "{}: the parallel parse differs",
            e.file
        );
    }
    assert!(
        long >= 3,
        "only {long} corpus files are long enough to be parsed in parallel"
    );
}
