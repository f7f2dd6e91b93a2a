//! Inline fixtures with markers, as in rust-analyzer's test-utils:
//!
//! - `$0` is the cursor (taken out of the text);
//! - a line of carets under a line of text marks the characters above
//!   them as the line is written (a `$0` in it counts), with an optional
//!   label after the carets (`^^^ def`); the line of carets is taken out
//!   of the text;
//! - `//- name` starts a file, for features that need several (a draft,
//!   its positions files, a submission); without it the fixture is one
//!   file, `draft.treaty.md`.
//!
//! The fixture is dedented (its common indent and first newline removed),
//! so it can sit indented in a raw string.
//!
//! ```text
//! //- draft.treaty.md
//! ### Article 1
//! ^^^^^^^^^^^^^ target
//! See Article$0 1.
//! ```

#![allow(dead_code)] // each test binary uses a part

use expect_test::Expect;
use treaty_lsp::analysis::stakes::hover::Layout;
use treaty_lsp::analysis::{DocId, FilePosition, Role, Workspace};
use treaty_lsp::syntax::Span;

/// A fixture read: its files, the cursor and the marked ranges.
pub struct Fixture {
    pub files: Vec<File>,
    /// The file and byte offset of `$0`.
    pub cursor: Option<(usize, usize)>,
}

pub struct File {
    pub name: String,
    pub text: String,
    pub marks: Vec<Mark>,
}

/// Characters marked with carets, and the words after the carets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    pub label: String,
}

impl Fixture {
    pub fn parse(fixture: &str) -> Fixture {
        let text = dedent(fixture);
        let mut files: Vec<File> = Vec::new();
        let mut cursor = None;
        let mut name = "draft.treaty.md".to_string();
        let mut body = String::new();
        for line in text.split_inclusive('\n') {
            if let Some(next) = line.strip_prefix("//- ") {
                if !body.is_empty() || !files.is_empty() {
                    files.push(file(&name, &body, files.len(), &mut cursor));
                }
                name = next.trim().to_string();
                body.clear();
                continue;
            }
            body.push_str(line);
        }
        files.push(file(&name, &body, files.len(), &mut cursor));
        Fixture { files, cursor }
    }

    /// Every file in a workspace, read as its name says (`*.positions.toml`,
    /// `submissions/*.md`, else a draft), with their ids in fixture order.
    pub fn workspace(&self) -> (Workspace, Vec<DocId>) {
        let mut ws = Workspace::new();
        let ids = self
            .files
            .iter()
            .map(|f| {
                let role = Role::of(&f.name, None).unwrap_or(Role::of_named(&f.name));
                ws.add_as(f.name.clone(), f.text.clone(), role)
            })
            .collect();
        (ws, ids)
    }

    /// The cursor, in the workspace [`Fixture::workspace`] makes.
    pub fn position(&self, ids: &[DocId]) -> FilePosition {
        let (file, offset) = self.cursor.expect("the fixture has no `$0`");
        FilePosition {
            doc: ids[file],
            offset,
        }
    }

    /// Every mark of every file: (file index, span, label), in order.
    pub fn marks(&self) -> Vec<(usize, Span, String)> {
        let mut out = Vec::new();
        for (i, f) in self.files.iter().enumerate() {
            for m in &f.marks {
                out.push((i, m.span.clone(), m.label.clone()));
            }
        }
        out
    }

    /// A place in a file, as `name:line:column-line:column` (1-based).
    pub fn place(&self, file: usize, span: &Span) -> String {
        let f = &self.files[file];
        let at = |o: usize| {
            let before = &f.text[..o];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("{line}:{col}")
        };
        format!("{}:{}-{}", f.name, at(span.start), at(span.end))
    }
}

// ---------------------------------------------------------------- checks

/// The file of a document of a fixture's workspace.
pub fn file_of(ids: &[DocId], doc: DocId) -> usize {
    ids.iter()
        .position(|&d| d == doc)
        .expect("a file of the fixture")
}

/// Go to definition from `$0` lands on exactly the marked ranges (none
/// marked: nothing to go to).
pub fn check_definition(fixture: &str) {
    let f = Fixture::parse(fixture);
    let (ws, ids) = f.workspace();
    let got: Vec<String> = ws
        .definition(f.position(&ids))
        .iter()
        .map(|t| f.place(file_of(&ids, t.doc), &t.focus))
        .collect();
    let want: Vec<String> = f.marks().iter().map(|(i, s, _)| f.place(*i, s)).collect();
    assert_eq!(got, want, "definition from $0");
}

/// Find references from `$0` finds exactly the marked ranges.
pub fn check_references(fixture: &str, include_declaration: bool) {
    let f = Fixture::parse(fixture);
    let (ws, ids) = f.workspace();
    let mut got: Vec<String> = ws
        .references(f.position(&ids), include_declaration)
        .iter()
        .map(|r| f.place(file_of(&ids, r.doc), &r.span))
        .collect();
    let mut want: Vec<String> = f.marks().iter().map(|(i, s, _)| f.place(*i, s)).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "references from $0");
}

/// The hover at `$0`, its Markdown against `expect`; its range runs from
/// the first marked characters to the last.
pub fn check_hover(fixture: &str, expect: Expect) {
    check_hover_with(fixture, Layout::List, expect)
}

/// As [`check_hover`], the positions set out as `layout` says.
pub fn check_hover_with(fixture: &str, layout: Layout, expect: Expect) {
    let f = Fixture::parse(fixture);
    let (ws, ids) = f.workspace();
    let pos = f.position(&ids);
    let hover = ws.hover_with(pos, layout);
    let markdown = hover
        .as_ref()
        .map_or("nothing".into(), |h| h.markdown.clone());
    expect.assert_eq(&markdown);
    let range = hover.map(|h| f.place(file_of(&ids, pos.doc), &h.span));
    // from the first mark to the last (a heading's label and title)
    let marks = f.marks();
    let marked = marks
        .first()
        .zip(marks.last())
        .map(|((i, a, _), (_, b, _))| f.place(*i, &(a.start..b.end)));
    assert_eq!(range, marked, "the hover's range");
}

// ---------------------------------------------------------------- reading

/// One file's text, its marks taken out and its cursor found.
fn file(name: &str, body: &str, index: usize, cursor: &mut Option<(usize, usize)>) -> File {
    let mut text = String::new();
    let mut marks = Vec::new();
    // the last line of text: where it starts in `text`, as written
    // (with any `$0`), and where the `$0` was in it
    let mut last: Option<(usize, String, Option<usize>)> = None;
    for line in body.split_inclusive('\n') {
        if let Some(carets) = caret_line(line) {
            let (start, written, cut) = last.as_ref().expect("carets under no line of text");
            for (from, to, label) in carets {
                let byte = |col: usize| column_to_byte(written, col, *cut);
                marks.push(Mark {
                    span: start + byte(from)..start + byte(to),
                    label,
                });
            }
            continue;
        }
        let cut = line.find("$0");
        if let Some(at) = cut {
            assert!(cursor.is_none(), "two `$0` in the fixture");
            *cursor = Some((index, text.len() + at));
        }
        last = Some((text.len(), line.to_string(), cut));
        text.push_str(&line.replacen("$0", "", 1));
    }
    File {
        name: name.to_string(),
        text,
        marks,
    }
}

/// The runs of carets on a line of only spaces and carets (and a label
/// after the last run): (first column, column past the last, label).
fn caret_line(line: &str) -> Option<Vec<(usize, usize, String)>> {
    let body = line.trim_end_matches(['\n', '\r']);
    let first = body.find('^')?;
    if !body[..first].chars().all(|c| c == ' ') {
        return None;
    }
    let mut runs = Vec::new();
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '^' => {
                let start = i;
                while i < chars.len() && chars[i] == '^' {
                    i += 1;
                }
                runs.push((start, i, String::new()));
            }
            ' ' => i += 1,
            // the label: the rest of the line, for the last run
            _ => {
                let label: String = chars[i..].iter().collect();
                runs.last_mut()?.2 = label.trim().to_string();
                break;
            }
        }
    }
    Some(runs)
}

/// The byte offset in the text of a character column of `written` (the
/// line as the fixture shows it, `$0` included at byte `cut`).
fn column_to_byte(written: &str, col: usize, cut: Option<usize>) -> usize {
    let byte = written
        .char_indices()
        .nth(col)
        .map_or(written.trim_end_matches('\n').len(), |(b, _)| b);
    match cut {
        Some(c) if byte > c => byte - 2,
        _ => byte,
    }
}

/// The fixture without its first newline and common indent.
fn dedent(fixture: &str) -> String {
    let fixture = fixture.strip_prefix('\n').unwrap_or(fixture);
    let indent = fixture
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    fixture
        .split_inclusive('\n')
        .map(|l| {
            if l.trim().is_empty() {
                l.trim_start_matches(' ')
            } else {
                &l[indent..]
            }
        })
        .collect()
}

#[test]
fn markers_are_read_and_taken_out() {
    let f = Fixture::parse(
        r#"
        //- a.treaty.md
        ### Article 1
            ^^^^^^^ label one
        See Article$0 1 and
        ^^^ ^^^^^^^ two
        //- b.positions.toml
        x = 1
        "#,
    );
    assert_eq!(f.files.len(), 2);
    let a = &f.files[0];
    assert_eq!(a.text, "### Article 1\nSee Article 1 and\n");
    assert_eq!(f.cursor, Some((0, a.text.find(" 1 and").unwrap())));
    let marked: Vec<(&str, &str)> = a
        .marks
        .iter()
        .map(|m| (&a.text[m.span.clone()], m.label.as_str()))
        .collect();
    assert_eq!(
        marked,
        [("Article", "label one"), ("See", ""), ("Article", "two")]
    );
    assert_eq!(f.files[1].text, "x = 1\n");
    assert_eq!(f.place(0, &a.marks[0].span), "a.treaty.md:1:5-1:12");
}

#[test]
fn a_mark_past_the_cursor_counts_without_it() {
    let f = Fixture::parse("Art$0icle 5 here\n       ^^^^^^\n");
    let file = &f.files[0];
    assert_eq!(&file.text[file.marks[0].span.clone()], "le 5 h");
}
