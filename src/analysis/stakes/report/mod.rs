//! The overview a delegation prepares a session with: who takes a
//! position on which article, with what words. A value (serialised, it is
//! the JSON of `treaty-lsp report`; `docs/report-json.md` is its schema);
//! the command line renders it as HTML or Markdown.
//!
//! Rows are the articles (or, for a position on a chapter or the
//! preamble, that element) with positions on them or on their parts;
//! columns are the stakeholders, grouped as their positions files say
//! (states first, then industry, civil society, ...).

use super::super::base::{DocId, Entry, Workspace};
use super::edits::change_edits;
use super::hover::{on_cell, submission_line};
use super::index::draft_entries;
use super::status::{change_status, status, Status};
use crate::positions::{Group, Stance};
use crate::syntax::{NodeId, NodeKind};
use serde::Serialize;

pub mod html;
pub mod markdown;

/// The report on one draft.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The draft's file, as the workspace names it.
    pub file: String,
    pub title: Option<String>,
    /// Its front-matter `id` (`A/AC.291/16`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The matrix's columns, in order: grouped, then by name.
    pub stakeholders: Vec<Column>,
    /// Every row, in draft order.
    pub rows: Vec<Row>,
    /// The rows' indices, most contested first (see [`Row::contested`]).
    pub most_contested: Vec<usize>,
    pub positions: usize,
}

/// A stakeholder: one column of the matrix.
#[derive(Debug, Serialize, Clone)]
pub struct Column {
    pub name: String,
    /// `state`, `industry`, `civil-society`, ... (`other` when the
    /// positions file does not say).
    pub group: &'static str,
}

/// An element with positions on it or its parts: an article, or what a
/// position outside any article is on (a chapter, the preamble).
#[derive(Debug, Serialize)]
pub struct Row {
    /// `Article 5`, `CHAPTER III`.
    pub element: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The 1-based line of its label in the draft.
    pub line: usize,
    /// One per column, in the columns' order: the stances that
    /// stakeholder takes here (on the element or its parts).
    pub cells: Vec<Vec<Stance>>,
    /// How many positions take each stance, most first.
    pub tally: Vec<Count>,
    /// Stakeholders disagree here: one wants the element kept as it is,
    /// changed (amend, insert) or removed (oppose, delete), and another
    /// wants another of the three.
    pub contested: bool,
    /// The parts (paragraphs, points) with positions, each with its cells.
    pub parts: Vec<Part>,
    pub positions: Vec<PositionItem>,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub stance: Stance,
    pub count: usize,
}

/// A part of a row's element that positions are on.
#[derive(Debug, Serialize)]
pub struct Part {
    /// `Article 5(1)`.
    pub element: String,
    pub line: usize,
    pub cells: Vec<Vec<Stance>>,
}

/// One position, as a reader of the report needs it.
#[derive(Debug, Serialize)]
pub struct PositionItem {
    /// Which position of which positions file.
    #[serde(skip)]
    key: (DocId, usize),
    pub stakeholder: String,
    pub group: &'static str,
    pub stance: Stance,
    /// `open`, `applied`, `overtaken` or `no counterpart`, against
    /// the draft's text now.
    pub status: &'static str,
    /// The element it is on, said as `on Article 5(1)`; for a position
    /// carried from an earlier version, where it was made too (`on Article
    /// 24(2) · on A/AC.291/16, Article 42(2)`).
    pub on: String,
    pub summary: String,
    /// The stakeholder's own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The submission's file and the line of its words there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission: Option<Source>,
    /// The positions file and the line of the position.
    pub position: Source,
    pub changes: Vec<ChangeItem>,
}

#[derive(Debug, Serialize)]
pub struct Source {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// A proposed change: what it does in words, and the text it makes, as
/// words kept, struck and inserted.
#[derive(Debug, Serialize)]
pub struct ChangeItem {
    pub description: String,
    pub status: &'static str,
    /// Empty when the change no longer applies to the text (see `problem`).
    pub diff: Vec<Piece>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// A run of words in a change's diff.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Piece {
    /// `same`, `deleted` or `inserted`.
    pub kind: &'static str,
    pub text: String,
}

/// The report on `draft`: every position the stakeholder filter lets
/// through, written against it or carried into it from an earlier version.
pub fn report(ws: &Workspace, draft: DocId) -> Report {
    let file = ws.file(draft);
    let doc = &file.doc;
    let entries: Vec<&Entry> = draft_entries(ws, draft).collect();
    let stakeholders = columns(ws, &entries);
    // one row per element, in draft order
    let mut rows: std::collections::BTreeMap<(usize, NodeId), Row> = Default::default();
    for e in &entries {
        let at = row_node(ws, draft, e.node);
        let key = (doc.node(at).span.start, at);
        let row = rows
            .entry(key)
            .or_insert_with(|| empty_row(ws, draft, at, stakeholders.len()));
        add_position(ws, row, &stakeholders, at, e);
    }
    let rows: Vec<Row> = rows.into_values().map(finish_row).collect();
    // a position on several elements is one position
    let mut positions: Vec<(DocId, usize)> = entries.iter().map(|e| (e.file, e.position)).collect();
    positions.sort();
    positions.dedup();
    Report {
        file: file.name.clone(),
        title: doc.title.clone(),
        id: doc.front_matter.as_ref().and_then(|f| f.id.clone()),
        most_contested: most_contested(&rows),
        positions: positions.len(),
        stakeholders,
        rows,
    }
}

/// The stakeholders of the positions, grouped in the order of [`Group::ALL`]
/// (positions files that name no group last), by name within a group.
fn columns(ws: &Workspace, entries: &[&Entry]) -> Vec<Column> {
    let mut out: Vec<(usize, Column)> = Vec::new();
    for e in entries {
        let Some((pf, _)) = ws.position(e) else {
            continue;
        };
        let group = pf.source.group.as_ref().map(|g| g.value);
        let rank = group.map_or(Group::ALL.len(), |g| {
            Group::ALL.iter().position(|(_, x)| *x == g).unwrap_or(0)
        });
        let name = pf.stakeholder().to_string();
        if !out.iter().any(|(_, c)| c.name == name) {
            let group = group.map_or("other", |g| g.name());
            out.push((rank, Column { name, group }));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    out.into_iter().map(|(_, c)| c).collect()
}

/// The element a position's row is: its article, or itself when it is in
/// no article.
fn row_node(ws: &Workspace, draft: DocId, node: NodeId) -> NodeId {
    let doc = &ws.file(draft).doc;
    doc.enclosing(node, NodeKind::Article).unwrap_or(node)
}

fn empty_row(ws: &Workspace, draft: DocId, node: NodeId, columns: usize) -> Row {
    let file = ws.file(draft);
    let n = file.doc.node(node);
    // positions whose element has no counterpart here stand on the draft
    let (element, heading) = match n.kind {
        NodeKind::Document => ("The whole draft".to_string(), None),
        _ => (
            file.doc.display_name(node),
            n.heading.as_deref().map(str::to_string),
        ),
    };
    Row {
        element,
        heading,
        line: file.line_number(n.span.start),
        cells: vec![Vec::new(); columns],
        tally: Vec::new(),
        contested: false,
        parts: Vec::new(),
        positions: Vec::new(),
    }
}

/// Puts one position in its row: its cell, its part's cell, its item.
fn add_position(ws: &Workspace, row: &mut Row, columns: &[Column], at: NodeId, e: &Entry) {
    let Some((pf, p)) = ws.position(e) else {
        return;
    };
    let column = columns.iter().position(|c| c.name == pf.stakeholder());
    let Some(column) = column else { return };
    let stance = p.stance.value;
    push_once(&mut row.cells[column], stance);
    let draft = ws.file(e.draft);
    if e.node != at {
        let element = draft.doc.display_name(e.node);
        let i = match row.parts.iter().position(|x| x.element == element) {
            Some(i) => i,
            None => {
                row.parts.push(Part {
                    element,
                    line: draft.line_number(draft.doc.node(e.node).span.start),
                    cells: vec![Vec::new(); columns.len()],
                });
                row.parts.len() - 1
            }
        };
        push_once(&mut row.parts[i].cells[column], stance);
    }
    // a position on two parts of one article is listed once, on both
    let on = on_element(ws, e);
    let same = |p: &&mut PositionItem| p.key == (e.file, e.position);
    match row.positions.iter_mut().find(same) {
        Some(p) => p.on = format!("{}; {}", p.on, on.trim_start_matches("on ")),
        None => row
            .positions
            .push(position_item(ws, e, columns[column].group)),
    }
}

/// `on Article 5(1)`, and where a carried position was made.
fn on_element(ws: &Workspace, e: &Entry) -> String {
    let on = on_cell(ws, e);
    match on.starts_with("on ") {
        true => on,
        false => format!("on {on}"),
    }
}

fn push_once(cell: &mut Vec<Stance>, stance: Stance) {
    if let Err(i) = cell.binary_search(&stance) {
        cell.insert(i, stance);
    }
}

fn position_item(ws: &Workspace, e: &Entry, group: &'static str) -> PositionItem {
    let (pf, p) = ws.position(e).expect("an entry's position exists");
    let pfile = ws.file(e.file);
    let submission = submission_line(ws, e).map(|(file, line)| Source { file, line });
    PositionItem {
        key: (e.file, e.position),
        stakeholder: pf.stakeholder().to_string(),
        group,
        stance: p.stance.value,
        status: status(ws, e).name(),
        on: on_element(ws, e),
        summary: p.summary.value.clone(),
        quote: p.quote.as_ref().map(|q| q.value.clone()),
        submission,
        position: Source {
            file: pfile.name.clone(),
            line: Some(pfile.line_number(p.span.start.min(pfile.text.len()))),
        },
        changes: p.changes.iter().map(|c| change_item(ws, e, c)).collect(),
    }
}

/// Words of context kept on either side of a change in its diff.
const CONTEXT_WORDS: usize = 8;

/// A change with its diff: the words around each edit it makes (`…`
/// where the element's words go on), the words it strikes and those it
/// inserts.
fn change_item(ws: &Workspace, e: &Entry, c: &crate::positions::Change) -> ChangeItem {
    let description = c.describe();
    let lost = e.carried.as_ref().is_some_and(|k| k.lost);
    // where it stands here is a guess, or its element is gone: the words
    // of the element it is listed on are not the words it changes
    let (status, edits) = if lost || !e.certain() {
        let why = if lost {
            "its element has no counterpart here"
        } else {
            "its place here is uncertain"
        };
        (super::status::status(ws, e), Err(why.to_string()))
    } else {
        let status = change_status(ws, e, c);
        match status {
            Status::Applied => (status, Ok(Vec::new())),
            _ => (status, change_edits(ws, e.draft, e.node, c)),
        }
    };
    let edits = match edits {
        Ok(edits) => edits,
        Err(problem) => {
            return ChangeItem {
                description,
                status: status.name(),
                diff: Vec::new(),
                problem: Some(problem),
            }
        }
    };
    let file = ws.file(e.draft);
    let element = file.doc.node(e.node).span.clone();
    let mut diff = Vec::new();
    let mut edits = edits;
    edits.sort_by_key(|x| x.span.start);
    let mut from = None;
    for x in &edits {
        let before_start = from.unwrap_or(element.start).min(x.span.start);
        let before = &file.text[before_start..x.span.start];
        match from {
            Some(_) => push_piece(&mut diff, "same", before),
            None => {
                let kept = last_words(before, CONTEXT_WORDS);
                let cut = if kept.len() < before.trim_start().len() {
                    "…"
                } else {
                    ""
                };
                push_piece(&mut diff, "same", &format!("{cut}{kept}"));
            }
        }
        push_piece(&mut diff, "deleted", &file.text[x.span.clone()]);
        push_piece(&mut diff, "inserted", &x.new_text);
        from = Some(x.span.end);
    }
    if let Some(end) = from {
        let after = &file.text[end..element.end.max(end)];
        let kept = first_words(after, CONTEXT_WORDS);
        let cut = if kept.len() < after.trim_end().len() {
            "…"
        } else {
            ""
        };
        push_piece(&mut diff, "same", &format!("{kept}{cut}"));
    }
    ChangeItem {
        description,
        status: status.name(),
        diff,
        problem: None,
    }
}

fn push_piece(diff: &mut Vec<Piece>, kind: &'static str, text: &str) {
    if !text.is_empty() {
        diff.push(Piece {
            kind,
            text: text.to_string(),
        });
    }
}

/// The last `n` words of `text`, and the space after them.
fn last_words(text: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut in_word = false;
    for (i, ch) in text.char_indices().rev() {
        let word = !ch.is_whitespace();
        if word && !in_word {
            seen += 1;
        }
        if !word && in_word && seen == n {
            return &text[i + ch.len_utf8()..];
        }
        in_word = word;
    }
    text
}

/// The first `n` words of `text`, and the space before them.
fn first_words(text: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut in_word = false;
    for (i, ch) in text.char_indices() {
        let word = !ch.is_whitespace();
        if word && !in_word {
            seen += 1;
        }
        if !word && in_word && seen == n {
            return &text[..i];
        }
        in_word = word;
    }
    text
}

/// The tally and whether stakeholders disagree, once every position is in.
fn finish_row(mut row: Row) -> Row {
    let mut counts: Vec<Count> = Vec::new();
    for p in &row.positions {
        match counts.iter_mut().find(|c| c.stance == p.stance) {
            Some(c) => c.count += 1,
            None => counts.push(Count {
                stance: p.stance,
                count: 1,
            }),
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.stance.cmp(&b.stance)));
    row.tally = counts;
    row.contested = contested(&row);
    row
}

/// What a stance wants of the element: kept as it is, changed, or
/// removed; a comment or a reservation wants none of these.
fn aim(s: Stance) -> Option<u8> {
    match s {
        Stance::Support => Some(0),
        Stance::Amend | Stance::Insert => Some(1),
        Stance::Oppose | Stance::Delete => Some(2),
        Stance::Comment | Stance::Reservation => None,
    }
}

/// Stakeholders disagree on a row: one wants the element kept as it is,
/// changed or removed, and another wants something else of those three.
fn contested(row: &Row) -> bool {
    let mut aims = row
        .cells
        .iter()
        .map(|c| {
            c.iter()
                .filter_map(|s| aim(*s))
                .collect::<std::collections::BTreeSet<u8>>()
        })
        .filter(|a| !a.is_empty());
    let Some(first) = aims.next() else {
        return false;
    };
    aims.any(|a| a != first)
}

/// The rows' indices, the most contested first: rows where stakeholders
/// disagree before the others, then by how many stakeholders take a
/// position, then by how many positions, then in draft order. Rows with a
/// single stakeholder are left out: nothing is contested there.
fn most_contested(rows: &[Row]) -> Vec<usize> {
    let takers = |r: &Row| r.cells.iter().filter(|c| !c.is_empty()).count();
    let mut order: Vec<usize> = (0..rows.len()).filter(|&i| takers(&rows[i]) > 1).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&rows[a], &rows[b]);
        rb.contested
            .cmp(&ra.contested)
            .then(takers(rb).cmp(&takers(ra)))
            .then(rb.positions.len().cmp(&ra.positions.len()))
            .then(a.cmp(&b))
    });
    order
}

/// A stance as one letter, so the matrix reads without colour.
pub fn letter(s: Stance) -> &'static str {
    match s {
        Stance::Support => "S",
        Stance::Oppose => "O",
        Stance::Amend => "A",
        Stance::Delete => "D",
        Stance::Insert => "I",
        Stance::Reservation => "R",
        Stance::Comment => "C",
    }
}

/// `S support · O oppose · ...`: what the letters mean.
pub fn legend() -> String {
    Stance::ALL
        .iter()
        .map(|(name, s)| format!("{} {name}", letter(*s)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `2 amend · 1 delete`.
pub fn tally(row: &Row) -> String {
    row.tally
        .iter()
        .map(|c| format!("{} {}", c.count, c.stance.name()))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stakeholders_disagree_when_they_want_different_things_of_it() {
        let row = |cells: Vec<Vec<Stance>>| Row {
            element: String::new(),
            heading: None,
            line: 1,
            cells,
            tally: vec![],
            contested: false,
            parts: vec![],
            positions: vec![],
        };
        use Stance::*;
        assert!(!contested(&row(vec![vec![Amend], vec![Insert], vec![]])));
        assert!(!contested(&row(vec![vec![Insert], vec![Amend, Insert]])));
        assert!(contested(&row(vec![vec![Amend], vec![Delete]])));
        assert!(contested(&row(vec![vec![Support], vec![Amend, Comment]])));
        assert!(!contested(&row(vec![vec![Delete], vec![Oppose, Comment]])));
        assert!(!contested(&row(vec![vec![Comment], vec![Support]])));
    }

    #[test]
    fn context_keeps_whole_words_at_either_end() {
        assert_eq!(last_words("one two three four", 2), "three four");
        assert_eq!(last_words("one two ", 5), "one two ");
        assert_eq!(first_words(" one two three", 2), " one two");
        assert_eq!(first_words("é ü", 9), "é ü");
    }
}
