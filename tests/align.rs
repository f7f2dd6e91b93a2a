//! The aligner against correspondence tables labelled by reading real
//! versions of a negotiating text (the Paris Agreement drafts of 2015, in
//! `tests/data/paris/`, named `*.truth.toml` so that no workspace takes
//! them for correspondence tables), and against versions made from the corpus
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
        let Some(stem) = name.strip_suffix(".truth.toml") else {
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

// ---------------------------------------------------------------- synthetic

/// A small random source, the same for a seed on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// An article of a synthetic version: where it comes from in the original
/// (none: new), its heading line and its paragraphs, each with where it
/// comes from.
#[derive(Clone)]
struct Art {
    from: Vec<NodeId>,
    heading: String,
    paragraphs: Vec<(Option<NodeId>, String)>,
}

/// The articles of a treaty's main body that have numbered paragraphs or
/// text, as editable pieces.
fn articles_of(text: &str, doc: &Document) -> Vec<Art> {
    doc.articles()
        .filter(|&a| doc.instrument(a) == NodeId::ROOT && doc.container(a) == doc.container(a))
        .map(|a| {
            let n = doc.node(a);
            let heading = n.heading.as_deref().unwrap_or_default().to_string();
            let paragraphs: Vec<(Option<NodeId>, String)> = n
                .children
                .iter()
                .filter(|&&c| doc.node(c).kind == NodeKind::Paragraph)
                .map(|&c| {
                    let p = doc.node(c);
                    let body = &text[p.label_span.end.min(p.span.end)..p.span.end];
                    (Some(c), body.trim().to_string())
                })
                .collect();
            let paragraphs = if paragraphs.is_empty() {
                let body_start = n.heading_span.as_ref().map_or(n.label_span.end, |h| h.end);
                vec![(
                    None,
                    text[body_start.min(n.span.end)..n.span.end]
                        .trim()
                        .to_string(),
                )]
            } else {
                paragraphs
            };
            Art {
                from: vec![a],
                heading,
                paragraphs,
            }
        })
        .collect()
}

/// Replaces about one word in `every` of `text` with another word.
fn reword(text: &str, every: usize, rng: &mut Rng) -> String {
    const OTHER: &[&str] = &[
        "appropriate",
        "relevant",
        "effective",
        "national",
        "such",
        "further",
    ];
    text.split(' ')
        .map(|w| {
            if w.len() > 3 && rng.below(every) == 0 {
                OTHER[rng.below(OTHER.len())].to_string()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the truth says an original element became: the elements of the
/// new version made from it.
type Truth = Vec<(NodeId, Vec<(usize, Option<usize>)>)>;

/// A new version of the articles: some deleted, some inserted, some moved,
/// reworded, split or with a paragraph deleted; then numbered again.
fn mutate(arts: &[Art], rng: &mut Rng, filler: &[String]) -> Vec<Art> {
    let mut out: Vec<Art> = arts.to_vec();
    for _ in 0..(2 + rng.below(5)) {
        let k = rng.below(out.len());
        match rng.below(6) {
            0 if out.len() > 3 => {
                out.remove(k);
            }
            1 => out.insert(
                k,
                Art {
                    from: vec![],
                    heading: "Inserted provision".into(),
                    paragraphs: vec![(None, filler[rng.below(filler.len())].clone())],
                },
            ),
            2 => {
                let a = out.remove(k);
                let to = rng.below(out.len() + 1);
                out.insert(to, a);
            }
            3 => {
                for p in &mut out[k].paragraphs {
                    p.1 = reword(&p.1, 8, rng);
                }
            }
            4 if out[k].paragraphs.len() >= 4 => {
                let half = out[k].paragraphs.len() / 2;
                let tail = out[k].paragraphs.split_off(half);
                let mut second = out[k].clone();
                second.paragraphs = tail;
                out.insert(k + 1, second);
            }
            _ if out[k].paragraphs.len() >= 3 => {
                let p = rng.below(out[k].paragraphs.len());
                out[k].paragraphs.remove(p);
            }
            _ => {}
        }
    }
    out
}

/// The text of a version, articles and paragraphs numbered in order.
fn render(arts: &[Art]) -> String {
    let mut s = String::from("# A version for testing\n\n");
    for (i, a) in arts.iter().enumerate() {
        s.push_str(&format!("### Article {}\n", i + 1));
        if !a.heading.is_empty() {
            s.push_str(&format!("#### {}\n", a.heading));
        }
        s.push('\n');
        let numbered = a.paragraphs.len() > 1 || a.paragraphs.iter().any(|p| p.0.is_some());
        for (j, (_, body)) in a.paragraphs.iter().enumerate() {
            if numbered {
                s.push_str(&format!("{}. {}\n\n", j + 1, body));
            } else {
                s.push_str(&format!("{body}\n\n"));
            }
        }
    }
    s
}

/// Elements of the new version by where they come from: an original
/// article's new articles; an original paragraph's new (article, paragraph).
fn truth_of(arts: &[Art]) -> (Truth, Truth) {
    let (mut articles, mut paragraphs): (Truth, Truth) = (vec![], vec![]);
    for (i, a) in arts.iter().enumerate() {
        for &o in &a.from {
            match articles.iter_mut().find(|(x, _)| *x == o) {
                Some((_, v)) => v.push((i, None)),
                None => articles.push((o, vec![(i, None)])),
            }
        }
        for (j, (from, _)) in a.paragraphs.iter().enumerate() {
            if let Some(p) = from {
                paragraphs.push((*p, vec![(i, Some(j))]));
            }
        }
    }
    (articles, paragraphs)
}

#[test]
fn synthetic_versions_of_the_corpus_treaties_align_with_their_truth() {
    let Some(dir) = support::corpus::dir("treaties", "the synthetic alignment test") else {
        return;
    };
    let filler: Vec<String> = [
        "Each Party shall designate a national focal point for the purposes of this provision and inform the secretariat of its designation.",
        "The Meeting of the Parties shall review the functioning of the arrangements under this provision at its third session.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (mut total, mut right, mut certain_wrong) = (0, 0, Vec::new());
    for name in [
        "budapest-convention-ets185",
        "uncac",
        "untoc",
        "vclt",
        "un-charter",
        "iccpr",
        "rome-statute",
    ] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.md"))).unwrap();
        let doc = syntax::parse(&text);
        let original = articles_of(&text, &doc);
        let old_text = render(&original);
        let old_doc = syntax::parse(&old_text);
        for seed in 1..=6u64 {
            let mut rng = Rng(seed * 0x9E37_79B9 + name.len() as u64);
            let arts = mutate(&original, &mut rng, &filler);
            let new_text = render(&arts);
            let new_doc = syntax::parse(&new_text);
            let a = align(
                Version {
                    text: &old_text,
                    doc: &old_doc,
                },
                Version {
                    text: &new_text,
                    doc: &new_doc,
                },
                &[],
            );
            let (t, r, w) = check_synthetic(&original, &arts, (&old_doc, &new_doc), &a);
            total += t;
            right += r;
            certain_wrong.extend(w.into_iter().map(|w| format!("{name} #{seed}: {w}")));
        }
    }
    println!(
        "synthetic: {right}/{total} right, {} certain and wrong",
        certain_wrong.len()
    );
    assert!(total > 3000, "{total}");
    assert!(
        right as f64 >= 0.99 * total as f64,
        "{right}/{total}\n{}",
        certain_wrong.join("\n")
    );
    assert!(certain_wrong.is_empty(), "{}", certain_wrong.join("\n"));
}

/// Counts the elements of the original version, those whose best
/// counterpart is right, and those shown as certain on a wrong element.
fn check_synthetic(
    original: &[Art],
    arts: &[Art],
    (old_doc, new_doc): (&Document, &Document),
    a: &Alignment,
) -> (usize, usize, Vec<String>) {
    // the rendered old version numbers the original articles 1..n
    let old_articles: Vec<NodeId> = old_doc.articles().collect();
    let new_articles: Vec<NodeId> = new_doc.articles().collect();
    let index_of = |orig: NodeId| original.iter().position(|x| x.from[0] == orig);
    let old_para = |ai: usize, pi: usize| {
        let c = &old_doc.node(old_articles[ai]).children;
        c.iter()
            .copied()
            .filter(|&n| old_doc.node(n).kind == NodeKind::Paragraph)
            .nth(pi)
    };
    let new_node = |ai: usize, pi: Option<usize>| match pi {
        None => Some(new_articles[ai]),
        Some(pi) => new_doc
            .node(new_articles[ai])
            .children
            .iter()
            .copied()
            .filter(|&n| new_doc.node(n).kind == NodeKind::Paragraph)
            .nth(pi),
    };
    let (articles, paragraphs) = truth_of(arts);
    let mut checks: Vec<(NodeId, Vec<NodeId>)> = Vec::new();
    for (i, orig) in original.iter().enumerate() {
        let truth = articles.iter().find(|(o, _)| *o == orig.from[0]);
        let news = truth.map_or(vec![], |(_, v)| {
            v.iter().filter_map(|&(ai, _)| new_node(ai, None)).collect()
        });
        checks.push((old_articles[i], news));
        for (pi, (p, _)) in orig.paragraphs.iter().enumerate() {
            let (Some(p), Some(old)) = (p, old_para(i, pi)) else {
                continue;
            };
            let truth = paragraphs.iter().find(|(o, _)| o == p);
            let news = truth.map_or(vec![], |(_, v)| {
                v.iter().filter_map(|&(ai, pj)| new_node(ai, pj)).collect()
            });
            checks.push((old, news));
        }
    }
    let _ = index_of;
    let (mut right, mut wrong) = (0, Vec::new());
    for (old, truth) in &checks {
        let best = a
            .of_old(*old)
            .filter_map(|l| Some((l.new?, l.score)))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        let ok = match best {
            None => truth.is_empty(),
            Some((_, s)) if truth.is_empty() => s < CERTAIN,
            Some((n, _)) => truth.contains(&n),
        };
        if ok {
            right += 1;
        } else if let Some((n, s)) = best.filter(|b| b.1 >= CERTAIN) {
            wrong.push(format!(
                "{} -> {} ({s:.2}), truth {:?}",
                old_doc.display_name(*old),
                new_doc.display_name(n),
                truth
                    .iter()
                    .map(|&t| new_doc.display_name(t))
                    .collect::<Vec<_>>()
            ));
        }
    }
    (checks.len(), right, wrong)
}

/// A treaty's name and its articles.
type Treaty = (String, Vec<Art>);

/// The corpus treaties the property test mutates, read once.
fn corpus_versions() -> Option<&'static [Treaty]> {
    static TEXTS: std::sync::OnceLock<Option<Vec<Treaty>>> = std::sync::OnceLock::new();
    TEXTS
        .get_or_init(|| {
            let dir = support::corpus::dir("treaties", "the alignment property test")?;
            let names = [
                "budapest-convention-ets185",
                "untoc",
                "vclt",
                "un-charter",
                "iccpr",
            ];
            let read = |name: &str| {
                let text = std::fs::read_to_string(dir.join(format!("{name}.md"))).ok()?;
                let doc = syntax::parse(&text);
                Some((name.to_string(), articles_of(&text, &doc)))
            };
            names.iter().map(|n| read(n)).collect()
        })
        .as_deref()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Any mutation of a treaty (articles inserted, deleted, moved,
    /// reworded, split, paragraphs deleted, everything renumbered): nothing
    /// certain and wrong, and nearly everything right.
    #[test]
    fn any_synthetic_version_aligns_with_its_truth(seed in proptest::prelude::any::<u64>(), which in 0usize..5) {
        let Some(all) = corpus_versions() else { return Ok(()) };
        let (name, original) = &all[which];
        let filler = vec!["The Parties shall meet at regular intervals to review the implementation of this provision.".to_string()];
        let old_text = render(original);
        let old_doc = syntax::parse(&old_text);
        let mut rng = Rng(seed | 1);
        let arts = mutate(original, &mut rng, &filler);
        let new_text = render(&arts);
        let new_doc = syntax::parse(&new_text);
        let a = align(
            Version { text: &old_text, doc: &old_doc },
            Version { text: &new_text, doc: &new_doc },
            &[],
        );
        let (total, right, certain_wrong) = check_synthetic(original, &arts, (&old_doc, &new_doc), &a);
        proptest::prop_assert!(certain_wrong.is_empty(), "{name}, seed {seed}: {}", certain_wrong.join("\n"));
        proptest::prop_assert!(right as f64 >= 0.95 * total as f64, "{name}, seed {seed}: {right}/{total}");
    }
}
