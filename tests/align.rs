//! The aligner against correspondence tables labelled by reading real
//! versions of a negotiating text (the Paris Agreement drafts of 2015, in
//! `tests/data/paris/`), and against versions made from the corpus
//! treaties with known truth (renumbered, with articles inserted and
//! deleted, reworded, split).

mod support {
    pub mod corpus;
}

use serde::Deserialize;
use std::path::{Path, PathBuf};
use treaty_lsp::align::words::{similarity, Shingles};
use treaty_lsp::align::{align, Alignment, Version, CERTAIN};
use treaty_lsp::analysis::base::resolve::{walk, Index};
use treaty_lsp::syntax::{self, Document, NodeId, NodeKind};

#[derive(Deserialize)]
struct Table {
    pair: Vec<Pair>,
}

#[derive(Deserialize)]
struct Pair {
    old: String,
    new: OneOrMany,
    #[serde(default)]
    ambiguous: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The element a reference names in `doc` (one only: a list, a range or
/// an ambiguous number is none). The article is found by its number
/// anywhere in the draft (the Paris drafts keep theirs under a heading),
/// the rest of the path below it.
fn element(doc: &Document, index: &Index, reference: &str) -> Option<NodeId> {
    let parsed = syntax::parse_prose(reference);
    let [r] = parsed.references.as_slice() else {
        return None;
    };
    let [t] = r.targets.as_slice() else {
        return None;
    };
    let (first, rest) = t.path.split_first()?;
    let mut articles = doc
        .articles()
        .filter(|&a| doc.node(a).key.eq_ignore_ascii_case(&first.key));
    let article = articles.next()?;
    if articles.next().is_some() {
        return None;
    }
    walk(doc, index, article, rest).ok()
}

/// How an alignment fares against a table: elements counted, right,
/// and wrong while shown as certain; per level (articles, paragraphs).
#[derive(Default, Debug)]
struct Score {
    articles: (usize, usize),
    paragraphs: (usize, usize),
    certain_wrong: Vec<String>,
    wrong: Vec<String>,
}

fn evaluate(table: &Table, old: (&str, &Document), new: (&str, &Document), a: &Alignment) -> Score {
    let (oi, ni) = (Index::new(old.1), Index::new(new.1));
    let mut score = Score::default();
    for p in table.pair.iter().filter(|p| !p.ambiguous) {
        let Some(o) = element(old.1, &oi, &p.old) else {
            continue;
        };
        let truth: Option<Vec<NodeId>> = match &p.new {
            OneOrMany::One(s) => element(new.1, &ni, s).map(|n| vec![n]),
            OneOrMany::Many(v) => v.iter().map(|s| element(new.1, &ni, s)).collect(),
        };
        let Some(truth) = truth else { continue };
        let found: Vec<(NodeId, f32)> = a
            .of_old(o)
            .filter_map(|l| Some((l.new?, l.score)))
            .collect();
        let best = found.iter().max_by(|x, y| x.1.total_cmp(&y.1));
        // an element labelled dropped is right when nothing is shown as
        // its certain counterpart (a candidate below CERTAIN is shown as
        // uncertain, never as the element); else its best candidate must
        // be one of the labelled counterparts
        let right = match best {
            None => truth.is_empty(),
            Some((_, s)) if truth.is_empty() => *s < CERTAIN,
            Some((n, _)) => truth.contains(n),
        };
        let level = if old.1.node(o).kind == NodeKind::Article {
            &mut score.articles
        } else {
            &mut score.paragraphs
        };
        level.0 += 1;
        level.1 += usize::from(right);
        if !right {
            let said = best.map_or("nothing".to_string(), |(n, s)| {
                format!("{} ({s:.2})", new.1.display_name(*n))
            });
            // how alike the words of the labelled pair are
            let alike: Vec<String> = truth
                .iter()
                .map(|&n| {
                    let (a, b) = (
                        Shingles::of(&old.0[old.1.node(o).span.clone()]),
                        Shingles::of(&new.0[new.1.node(n).span.clone()]),
                    );
                    format!("{:.2}", similarity(a.shared(&b), a.len(), b.len()))
                })
                .collect();
            let line = format!(
                "{} -> {:?} (words alike {}), found {said}",
                p.old,
                p.new_names(),
                alike.join("/")
            );
            if best.is_some_and(|(_, s)| *s >= CERTAIN) {
                score.certain_wrong.push(line.clone());
            }
            score.wrong.push(line);
        }
    }
    score
}

impl Pair {
    fn new_names(&self) -> Vec<&str> {
        match &self.new {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

fn paris(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/drafts/paris-agreement")
        .join(format!("{name}.md"))
}

fn tables() -> Vec<(String, String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/paris");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).expect("tests/data/paris") {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".correspondence.toml") else {
            continue;
        };
        let (old, new) = stem.split_once("--").expect("OLD--NEW");
        out.push((old.to_string(), new.to_string(), p));
    }
    out.sort();
    out
}

#[test]
fn paris_versions_align_as_labelled() {
    if support::corpus::dir("drafts/paris-agreement", "the Paris alignment test").is_none() {
        return;
    }
    let mut report = String::new();
    let (mut articles, mut paragraphs, mut certain_wrong) = ((0, 0), (0, 0), 0);
    for (old, new, table) in tables() {
        let table: Table = toml::from_str(&std::fs::read_to_string(&table).unwrap()).unwrap();
        let (ot, nt) = (
            std::fs::read_to_string(paris(&old)).unwrap(),
            std::fs::read_to_string(paris(&new)).unwrap(),
        );
        let (od, nd) = (syntax::parse(&ot), syntax::parse(&nt));
        let a = align(
            Version {
                text: &ot,
                doc: &od,
            },
            Version {
                text: &nt,
                doc: &nd,
            },
            &[],
        );
        let s = evaluate(&table, (&ot, &od), (&nt, &nd), &a);
        report.push_str(&format!(
            "{old} -> {new}: articles {}/{}, paragraphs {}/{}, certain and wrong {}\n",
            s.articles.1,
            s.articles.0,
            s.paragraphs.1,
            s.paragraphs.0,
            s.certain_wrong.len()
        ));
        for w in &s.wrong {
            report.push_str(&format!("  {w}\n"));
        }
        articles = (articles.0 + s.articles.0, articles.1 + s.articles.1);
        paragraphs = (paragraphs.0 + s.paragraphs.0, paragraphs.1 + s.paragraphs.1);
        certain_wrong += s.certain_wrong.len();
    }
    println!("{report}");
    let rate = |(n, ok): (usize, usize)| ok as f64 / n.max(1) as f64;
    assert!(
        articles.0 > 50 && paragraphs.0 > 100,
        "the tables were read: {report}"
    );
    assert!(rate(articles) >= 0.95, "articles {articles:?}\n{report}");
    assert!(
        rate(paragraphs) >= 0.90,
        "paragraphs {paragraphs:?}\n{report}"
    );
    assert_eq!(certain_wrong, 0, "{report}");
}
