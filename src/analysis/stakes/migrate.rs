//! Migrating a positions file to a later version of its draft: each
//! target rewritten to the numbers of the newer draft (through the
//! alignment of the versions between), the original draft and target kept
//! in the position (`original-draft`, `original-target`). A position
//! whose element has no certain counterpart is set aside: commented out,
//! with the reason, so that nothing is lost and nothing lands on a wrong
//! element. The file is rewritten by edits: comments and layout stay.

use super::super::base::{DocId, Entry, TextEdit, Workspace};
use crate::positions::{Position, PositionsFile};
use crate::syntax::lines::{line_start, newline_of};
use crate::syntax::{Document, NodeId, NodeKind};

/// A positions file migrated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// The file's new text.
    pub text: String,
    /// `Article 42, paragraph 2 -> Article 24(2)`, for each position moved.
    pub moved: Vec<String>,
    /// `Article 6: no counterpart in V/3 (dropped)`, for each set aside.
    pub set_aside: Vec<String>,
}

/// Migrates positions file `file` to draft `to`, a later version of the
/// draft it is written against.
pub fn migrate(ws: &Workspace, file: DocId, to: DocId) -> Result<Migration, String> {
    let f = ws.file(file);
    let pf = f
        .positions()
        .ok_or_else(|| format!("{} is not a positions file", f.name))?;
    let from = match ws.draft_of(file) {
        Some(Ok(d)) => d,
        Some(Err(why)) => return Err(format!("{}: {why}", f.name)),
        None => return Err(format!("{} is not a positions file", f.name)),
    };
    if let Some(first) = pf.problems.first() {
        return Err(format!(
            "{} has {} problem(s), the first at line {}: {}; fix them first, so that no position is left behind",
            f.name,
            pf.problems.len(),
            f.line_number(first.span.start),
            first.message
        ));
    }
    let (old, new) = (ws.draft_label(from), ws.draft_label(to));
    let Some(new) = ws.unique_label(to) else {
        return Err(format!(
            "{new} has no name that tells it apart from the other drafts: give it an `id:` in its front matter"
        ));
    };
    if from == to {
        return Err(format!("{} is already written against {new}", f.name));
    }
    if ws.path_between(from, to).is_none() {
        return Err(format!(
            "{new} is not a later version of {old}: say which draft it follows (`supersedes:` in its front matter, or `versions` in treaty.toml)"
        ));
    }
    let nl = newline_of(&f.text);
    let mut edits = Vec::new();
    let mut out = Migration {
        text: String::new(),
        moved: Vec::new(),
        set_aside: Vec::new(),
    };
    if let Some(d) = &pf.source.draft {
        edits.push(TextEdit {
            span: d.span.clone(),
            new_text: quoted(&new),
        });
    }
    for (i, p) in pf.positions.iter().enumerate() {
        let entries: Vec<&Entry> = ws
            .entries_of(file, i)
            .into_iter()
            .filter(|e| e.draft == to)
            .collect();
        match new_target(ws, to, &entries).and_then(|t| checked(ws, to, t, &entries)) {
            Ok(target) => {
                out.moved.push(format!("{} -> {target}", p.target.value));
                edits.extend(moved(&f.text, p, &target, &old, nl));
            }
            Err(why) => {
                out.set_aside.push(format!("{}: {why}", p.target.value));
                edits.extend(set_aside(&f.text, pf, i, &why, nl));
            }
        }
    }
    out.text = super::super::base::apply_edits(&f.text, &edits);
    Ok(out)
}

/// The target naming the entries' elements in `to`, when all of them
/// surely stand there.
fn new_target(ws: &Workspace, to: DocId, entries: &[&Entry]) -> Result<String, String> {
    let label = ws.draft_label(to);
    if entries.is_empty() {
        return Err("its target is not in the draft it was written against".into());
    }
    if let Some(e) = entries.iter().find(|e| !e.certain()) {
        let c = e.carried.as_ref();
        return Err(match c {
            Some(c) if c.lost => format!("no counterpart in {label} (its element was dropped)"),
            Some(c) => format!(
                "its counterpart in {label} is uncertain ({:.2}): perhaps {}",
                c.score,
                ws.file(to).doc.display_name(e.node)
            ),
            None => "not carried".into(),
        });
    }
    let doc = &ws.file(to).doc;
    let mut nodes: Vec<NodeId> = entries.iter().map(|e| e.node).collect();
    nodes.sort();
    nodes.dedup();
    Ok(names(doc, &nodes))
}

/// The target, when it names exactly the entries' elements in `to` (a
/// name that reads as another element is no target).
fn checked(
    ws: &Workspace,
    to: DocId,
    target: String,
    entries: &[&Entry],
) -> Result<String, String> {
    let parsed = crate::syntax::parse_prose(&target);
    let mut named: Vec<NodeId> = Vec::new();
    for r in &parsed.references {
        for t in &r.targets {
            let name = crate::syntax::path_display(&t.path);
            named.push(ws.element_named(to, &name).map_err(|why| {
                format!("cannot name its place in {}: {why}", ws.draft_label(to))
            })?);
        }
    }
    let mut wanted: Vec<NodeId> = entries.iter().map(|e| e.node).collect();
    wanted.sort();
    wanted.dedup();
    named.sort();
    named.dedup();
    if named == wanted {
        Ok(target)
    } else {
        Err(format!(
            "`{target}` would name other elements of {}",
            ws.draft_label(to)
        ))
    }
}

/// How a target names elements: `Article 24(2)`; `Articles 30, 31 and 32`;
/// `Article 4(1) and Article 5`.
fn names(doc: &Document, nodes: &[NodeId]) -> String {
    // `Article 24(2)`; in an annex or a part numbered on its own, with it
    let one = |n: NodeId| {
        let in_body = doc.container(n) == NodeId::ROOT;
        match doc.node(n).kind {
            NodeKind::Article if in_body => format!("Article {}", doc.node(n).key),
            k if in_body && k.is_subdivision() && doc.enclosing(n, NodeKind::Article).is_some() => {
                format!("Article {}", doc.path_key(n))
            }
            _ => doc.display_name(n),
        }
    };
    let in_body =
        |n: &NodeId| doc.node(*n).kind == NodeKind::Article && doc.container(*n) == NodeId::ROOT;
    match nodes {
        [n] => one(*n),
        [.., last] if nodes.iter().all(in_body) => {
            let keys: Vec<&str> = nodes[..nodes.len() - 1]
                .iter()
                .map(|&n| doc.node(n).key.as_str())
                .collect();
            format!("Articles {} and {}", keys.join(", "), doc.node(*last).key)
        }
        _ => nodes
            .iter()
            .map(|&n| one(n))
            .collect::<Vec<_>>()
            .join(" and "),
    }
}

/// The edits of a position moved: its new target, and where it was first
/// written (unless an earlier migration already said so).
fn moved(text: &str, p: &Position, target: &str, old: &str, nl: &str) -> Vec<TextEdit> {
    let mut edits = vec![TextEdit {
        span: p.target.span.clone(),
        new_text: quoted(target),
    }];
    if p.original.is_none() {
        let end = line_end(text, p.target.span.end);
        edits.push(TextEdit {
            span: end..end,
            new_text: format!(
                "{nl}original-draft = {}{nl}original-target = {}",
                quoted(old),
                quoted(&p.target.value)
            ),
        });
    }
    edits
}

/// The edits that comment a position out, from its `[[position]]` line to
/// the next position's (or the end of the file), with the reason above.
fn set_aside(text: &str, pf: &PositionsFile, i: usize, why: &str, nl: &str) -> Vec<TextEdit> {
    let start = line_start(text, pf.positions[i].span.start);
    let end = table_end(text, start, pf.positions.get(i + 1).map(|p| p.span.start));
    let mut edits = vec![TextEdit {
        span: start..start,
        new_text: format!("# set aside by treaty-lsp migrate: {why}{nl}"),
    }];
    let mut at = start;
    while at < end {
        let blank = text[at..line_end(text, at)].trim().is_empty();
        edits.push(TextEdit {
            span: at..at,
            new_text: if blank { "#" } else { "# " }.into(),
        });
        at = next_line(text, at).min(end);
    }
    edits
}

/// Where a `[[position]]` table starting at `start` ends: at the next
/// table header that is not one of its changes, or the next position.
fn table_end(text: &str, start: usize, next: Option<usize>) -> usize {
    let limit = next.map_or(text.len(), |n| line_start(text, n));
    let mut at = next_line(text, start);
    while at < limit {
        let line = text[at..line_end(text, at)].trim_start();
        if line.starts_with('[') && !line.starts_with("[[position.change]]") {
            return at;
        }
        at = next_line(text, at);
    }
    limit
}

/// The end of the line holding `at` (before its line break).
fn line_end(text: &str, at: usize) -> usize {
    crate::syntax::lines::line_end(text, at)
}

/// The start of the line after the one holding `at`.
fn next_line(text: &str, at: usize) -> usize {
    let end = line_end(text, at);
    let rest = &text[end..];
    end + if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(!rest.is_empty())
    }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
