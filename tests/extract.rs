//! `treaty-lsp extract` measured on the real submissions in
//! `../shared/corpus/submissions/`: its positions are matched against lists
//! of the submissions' proposals written by hand (`tests/extract/*.expected.toml`),
//! and precision and recall are computed per submission.
//!
//! The corpus is not in this repository. Without it these tests fail when
//! `CI` is set and otherwise say loudly that they did not run.

// (by path: `tests/extract/` holds the expected lists, not modules)
#[path = "support/corpus.rs"]
mod corpus;

use serde::Deserialize;
use std::path::PathBuf;
use std::process::Command;
use treaty_lsp::extract::{extract, to_toml, Options};
use treaty_lsp::positions::{self, Edit, Place, PositionsFile, Stance};
use treaty_lsp::syntax::{self, Level, RangeRole};

fn submissions_dir() -> Option<PathBuf> {
    corpus::dir("submissions", "extract corpus tests")
}

#[derive(Deserialize)]
struct ExpectedFile {
    proposal: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    line: u32,
    targets: Vec<String>,
    stance: String,
    #[serde(default = "yes")]
    concrete: bool,
    #[serde(default)]
    changes: Vec<ExpectedChange>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Clone)]
struct ExpectedChange {
    action: String,
    find: Option<String>,
    with: Option<String>,
    text: Option<String>,
    element: Option<String>,
    number: Option<String>,
}

/// Words compared whatever the spacing, quote style and leading or
/// trailing ellipsis and space.
fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            c => c,
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim()
        .trim_start_matches("...")
        .trim_end_matches("...")
        .trim()
        .to_string()
}

/// `6(1)`, `41(2)(b)`, `chapteriii`: one element, spaces and case ignored.
fn norm_elem(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// The elements a target names, as the positions reader's parser reads
/// it; numeric ranges (`Articles 6 to 16`) spelled out.
fn elements(target: &str) -> Vec<String> {
    let doc = syntax::parse_prose(target);
    let mut out = Vec::new();
    for r in &doc.references {
        let mut from: Option<String> = None;
        for t in &r.targets {
            let mut s = String::new();
            for p in &t.path {
                match p.level {
                    Level::Division(k) => s.push_str(&format!("{}{}", k.name(), p.key)),
                    Level::Article => s.push_str(&p.key),
                    Level::Sub(_) => s.push_str(&format!("({})", p.key)),
                    Level::Alinea(..) => s.push_str(&format!("[{}]", p.key)),
                }
            }
            let s = norm_elem(&s);
            match t.role {
                RangeRole::From => from = Some(s.clone()),
                RangeRole::To => {
                    if let (Some(a), Ok(b)) = (
                        from.take().and_then(|f| f.parse::<u32>().ok()),
                        s.parse::<u32>(),
                    ) {
                        out.extend((a..b).map(|n| n.to_string()));
                    }
                }
                RangeRole::Single => {}
            }
            out.push(s);
        }
    }
    out
}

fn stances_agree(a: Stance, b: &str) -> bool {
    let a = a.name();
    a == b || matches!((a, b), ("insert", "amend") | ("amend", "insert"))
}

fn change_matches(c: &positions::Change, e: &ExpectedChange) -> bool {
    let eq = |a: Option<&String>, b: &str| a.is_none_or(|a| norm(a) == norm(b));
    match &c.edit {
        Edit::Replace { find, with } => {
            e.action == "replace" && eq(e.find.as_ref(), &find.value) && eq(e.with.as_ref(), with)
        }
        Edit::DeleteText { find } => e.action == "delete-text" && eq(e.find.as_ref(), &find.value),
        Edit::Delete => e.action == "delete",
        Edit::InsertText { text, place } => {
            let anchor = match place {
                Place::Before(f) | Place::After(f) => Some(&f.value),
                _ => None,
            };
            e.action == "insert-text"
                && eq(e.text.as_ref(), text)
                && (e.find.is_none() || anchor.is_some_and(|a| eq(e.find.as_ref(), a)))
        }
        Edit::InsertElement {
            element,
            number,
            text,
            ..
        } => {
            e.action == "insert-element"
                && eq(e.element.as_ref(), element.name())
                && eq(e.text.as_ref(), text)
                && e.number.as_ref().is_none_or(|n| {
                    number
                        .as_ref()
                        .is_some_and(|m| norm_elem(n) == norm_elem(&m.value))
                })
        }
        Edit::Unbracket { find } => e.action == "unbracket" && eq(e.find.as_ref(), &find.value),
        Edit::Choose { find } => e.action == "choose" && eq(e.find.as_ref(), &find.value),
    }
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    expected: usize,
    concrete: usize,
    extracted: usize,
    matched: usize,
    matched_concrete: usize,
    changes_expected: usize,
    changes_extracted: usize,
    changes_matched: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.matched, self.extracted)
    }
    fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }
    fn recall_concrete(&self) -> f64 {
        ratio(self.matched_concrete, self.concrete)
    }
    fn change_precision(&self) -> f64 {
        ratio(self.changes_matched, self.changes_extracted)
    }
    fn change_recall(&self) -> f64 {
        ratio(self.changes_matched, self.changes_expected)
    }
}

/// Matches positions to expected proposals one to one: a shared element
/// and agreeing stances, on the same line first, then anywhere.
fn score(file: &PositionsFile, expected: &[Expected], report: &mut String) -> Score {
    let mut s = Score {
        expected: expected.len(),
        concrete: expected.iter().filter(|e| e.concrete).count(),
        extracted: file.positions.len(),
        changes_expected: expected.iter().map(|e| e.changes.len()).sum(),
        changes_extracted: file.positions.iter().map(|p| p.changes.len()).sum(),
        ..Default::default()
    };
    let elems: Vec<Vec<String>> = file
        .positions
        .iter()
        .map(|p| elements(&p.target.value))
        .collect();
    let mut taken = vec![false; file.positions.len()];
    let mut pair: Vec<Option<usize>> = vec![None; expected.len()];
    for same_line in [true, false] {
        for (ei, e) in expected.iter().enumerate() {
            if pair[ei].is_some() {
                continue;
            }
            let want: Vec<String> = e.targets.iter().map(|t| norm_elem(t)).collect();
            let found = file.positions.iter().enumerate().position(|(pi, p)| {
                !taken[pi]
                    && (!same_line || p.line == Some(e.line))
                    && elems[pi].iter().any(|x| want.contains(x))
                    && stances_agree(p.stance.value, &e.stance)
            });
            if let Some(pi) = found {
                taken[pi] = true;
                pair[ei] = Some(pi);
            }
        }
    }
    for (ei, e) in expected.iter().enumerate() {
        let Some(pi) = pair[ei] else {
            report.push_str(&format!(
                "  missed: line {} {:?} {}\n",
                e.line, e.targets, e.stance
            ));
            continue;
        };
        s.matched += 1;
        if e.concrete {
            s.matched_concrete += 1;
        }
        let p = &file.positions[pi];
        let mut used = vec![false; p.changes.len()];
        for ec in &e.changes {
            match (0..p.changes.len()).find(|&i| !used[i] && change_matches(&p.changes[i], ec)) {
                Some(i) => {
                    used[i] = true;
                    s.changes_matched += 1;
                }
                None => report.push_str(&format!(
                    "  change missed: line {} {} {:?}\n",
                    e.line,
                    ec.action,
                    ec.find.as_ref().or(ec.text.as_ref())
                )),
            }
        }
        for (i, c) in p.changes.iter().enumerate() {
            if !used[i] {
                report.push_str(&format!(
                    "  change extra: line {} {}\n",
                    e.line,
                    c.describe()
                ));
            }
        }
    }
    for (pi, p) in file.positions.iter().enumerate() {
        if !taken[pi] {
            report.push_str(&format!(
                "  extra: line {:?} `{}` {}\n",
                p.line,
                p.target.value,
                p.stance.value.name()
            ));
            for c in &p.changes {
                report.push_str(&format!("  change extra: {}\n", c.describe()));
            }
        }
    }
    s
}

/// (submission, precision floor for positions, precision floor for changes):
/// each floor a little under what was measured, so a regression fails.
const SUBMISSIONS: &[(&str, f64, f64)] = &[
    ("microsoft-ahc4-2023", 0.93, 0.95),
    ("tech-accord-ahc7-2024", 0.95, 0.95),
    ("csis-analysis-2023", 0.95, 0.95),
];

/// The table's header.
const TABLE: &str = "| submission | expected (concrete) | extracted | matched | precision | recall | recall, concrete | changes expected | changes extracted | changes matched | change precision | change recall |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n";

/// One submission measured against its expected list: its row of the
/// table, the details, and what falls under the floors.
fn measure(stem: &str, text: &str, floors: (f64, f64), out: &mut Measured) {
    let expected_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/extract");
    let exp_path = expected_dir.join(format!("{stem}.expected.toml"));
    let exp: ExpectedFile = toml::from_str(
        &std::fs::read_to_string(&exp_path)
            .unwrap_or_else(|e| panic!("cannot read {}: {}", exp_path.display(), e)),
    )
    .unwrap_or_else(|e| panic!("{}: {}", exp_path.display(), e));
    let drafted = to_toml(
        &extract(text),
        &Options {
            stakeholder: "Test",
            group: None,
            draft: "D",
            submission: &format!("{stem}.md"),
        },
    );
    let file = positions::read(&drafted);
    assert!(
        file.problems.is_empty(),
        "{stem}: the drafted file has problems: {:?}\n{drafted}",
        file.problems
    );
    out.details.push_str(&format!("{stem}:\n"));
    let s = score(&file, &exp.proposal, &mut out.details);
    out.table.push_str(&format!(
        "| {stem} | {} ({}) | {} | {} | {:.2} | {:.2} | {:.2} | {} | {} | {} | {:.2} | {:.2} |\n",
        s.expected,
        s.concrete,
        s.extracted,
        s.matched,
        s.precision(),
        s.recall(),
        s.recall_concrete(),
        s.changes_expected,
        s.changes_extracted,
        s.changes_matched,
        s.change_precision(),
        s.change_recall(),
    ));
    let (floor, change_floor) = floors;
    if s.recall_concrete() < 0.9 {
        out.failures.push(format!(
            "{stem}: recall on concrete amendments {:.2} < 0.90",
            s.recall_concrete()
        ));
    }
    if s.precision() < floor {
        out.failures.push(format!(
            "{stem}: precision {:.2} < floor {floor}",
            s.precision()
        ));
    }
    if s.change_precision() < change_floor {
        out.failures.push(format!(
            "{stem}: change precision {:.2} < floor {change_floor}",
            s.change_precision()
        ));
    }
}

#[derive(Default)]
struct Measured {
    table: String,
    details: String,
    failures: Vec<String>,
}

impl Measured {
    fn report(self) {
        use std::io::Write;
        let _ = write!(
            std::io::stderr(),
            "\n{TABLE}{}\n{}",
            self.table,
            self.details
        );
        assert!(self.failures.is_empty(), "{}", self.failures.join("\n"));
    }
}

#[test]
fn precision_and_recall_on_real_submissions() {
    let Some(dir) = submissions_dir() else {
        return;
    };
    let mut out = Measured::default();
    for &(stem, floor, change_floor) in SUBMISSIONS {
        let path = dir.join(format!("{stem}.md"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {}", path.display(), e));
        measure(stem, &text, (floor, change_floor), &mut out);
    }
    out.report();
}

/// A submission in a State's style, written for these tests (in the
/// repository: it runs without the corpus): `Art. 13 (2)`, `new article
/// 30 bis`, support for another delegation's proposal, brackets to keep
/// and to lift, a reserved position, a request for discussion.
#[test]
fn precision_and_recall_on_a_submission_in_a_states_style() {
    let stem = "examplia-rev1";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/extract/{stem}.md"));
    let text = std::fs::read_to_string(&path).expect("the State-style submission");
    let mut out = Measured::default();
    measure(stem, &text, (1.0, 1.0), &mut out);
    // every proposal, concrete or not, and its stance
    assert!(
        out.table.contains("| 11 | 11 | 1.00 | 1.00 | 1.00 |"),
        "{}",
        out.table
    );
    out.report();
}

#[test]
fn the_binary_drafts_a_file_that_reads_without_problems() {
    let Some(dir) = submissions_dir() else {
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-lsp"))
        .arg("extract")
        .arg(dir.join("microsoft-ahc4-2023.md"))
        .args(["--stakeholder", "Microsoft", "--group", "industry"])
        .args(["--draft", "A/AC.291/16"])
        .output()
        .expect("run treaty-lsp");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(text.starts_with("#:schema "), "{text}");
    let file = positions::read(&text);
    assert!(file.problems.is_empty(), "{:?}\n{text}", file.problems);
    assert_eq!(file.stakeholder(), "Microsoft");
    assert_eq!(
        file.source.draft.as_ref().map(|d| d.value.as_str()),
        Some("A/AC.291/16")
    );
    assert_eq!(
        file.source.group.as_ref().map(|g| g.value.name()),
        Some("industry")
    );
    assert!(file.positions.len() > 10, "{text}");
    // in submission order
    let lines: Vec<u32> = file.positions.iter().filter_map(|p| p.line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}

#[test]
fn output_file_option_writes_the_file() {
    let dir = std::env::temp_dir().join(format!("treaty-lsp-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sub = dir.join("sub.md");
    std::fs::write(
        &sub,
        "# A submission\n\n- **Article 5 (1):** Delete the qualifier \"applicable\".\n",
    )
    .unwrap();
    let target = dir.join("sub.positions.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-lsp"))
        .arg("extract")
        .arg(&sub)
        .args(["--stakeholder", "X", "--draft", "D", "--output"])
        .arg(&target)
        .output()
        .expect("run treaty-lsp");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&target).unwrap();
    let file = positions::read(&text);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(file.positions.len(), 1, "{text}");
    assert_eq!(file.source.title.as_deref(), Some("A submission"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_submission_is_a_one_line_error_with_status_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-lsp"))
        .args(["extract", "no/such/submission.md"])
        .args(["--stakeholder", "X", "--draft", "D"])
        .output()
        .expect("run treaty-lsp");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: cannot read no/such/submission.md"),
        "{err}"
    );
}
