//! The positions part of a hover: on an element's heading, in its body or
//! on bracketed words, a table of who says what (with a tally and links to
//! the submission's line and the position) and where submissions mention
//! the element.

use super::super::base::diff::word_diff;
use super::super::base::links::join_relative;
use super::super::base::text::{body_of, find_all, safe_link, sentence_around, table_cell};
use super::super::base::{
    DocId, Entry, FileKind, FilePosition, Hover, Resolution, Subject, Workspace,
};
use super::edits::change_edits;
use super::index::{draft_entries, positions_within, stances, tally};
use super::status::{status, Status};
use crate::align::CERTAIN;
use crate::positions::PositionsFile;
use crate::syntax::{NodeId, Span};

/// A submission's sentence that cites an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub file: DocId,
    /// The citing piece of the reference.
    pub span: Span,
    /// 1-based.
    pub line: usize,
    pub sentence: String,
}

/// A hover on an element's heading, with the positions on the element.
pub fn with_positions(ws: &Workspace, pos: FilePosition, mut hover: Hover) -> Hover {
    if let Some(Subject::Declaration(node)) = ws.subject_at(pos) {
        hover.markdown.push_str(&stakes_markdown(ws, pos.doc, node));
    }
    hover
}

/// Hover in the body of an element: the positions on it (or, in square
/// brackets, on the bracketed words), where submissions mention it, and
/// `history` (what the element was in the previous version) when given.
pub fn in_body(
    ws: &Workspace,
    pos: FilePosition,
    history: Option<(NodeId, String)>,
) -> Option<Hover> {
    let file = ws.files.get(pos.doc.0)?;
    if !file.is_draft() {
        return None;
    }
    let doc = &file.doc;
    if let Some(hover) = on_brackets(ws, pos) {
        return Some(hover);
    }
    let node = doc.node_at(pos.offset);
    if node == NodeId::ROOT {
        return None;
    }
    let mut stakes = stakes_markdown(ws, pos.doc, node);
    if let Some((_, md)) = history.filter(|(n, _)| *n == node) {
        stakes = format!("\n\n{md}{stakes}");
    }
    if stakes.is_empty() {
        return None;
    }
    let mut md = String::new();
    if let Some(id) = ws.draft_identity(pos.doc) {
        md.push_str(&format!("*{}*\n\n", id));
    }
    md.push_str(&format!("**{}**", doc.display_name(node)));
    md.push_str(&stakes);
    Some(Hover {
        markdown: md,
        span: doc.node(node).span.clone(),
    })
}

/// In square brackets: what they are, and who proposes to change the words
/// in the innermost one around the cursor.
fn on_brackets(ws: &Workspace, pos: FilePosition) -> Option<Hover> {
    let doc = &ws.file(pos.doc).doc;
    let b = doc
        .brackets
        .iter()
        .filter(|b| b.span.start <= pos.offset && pos.offset < b.span.end)
        .max_by_key(|b| b.depth)?;
    let rows = bracket_positions(ws, pos.doc, &b.span);
    let mut md = String::from("**Square brackets**: language not yet agreed");
    if let Some(g) = b.alternatives {
        let n = doc
            .brackets
            .iter()
            .filter(|x| x.alternatives == Some(g))
            .count();
        md.push_str(&format!(", one of {} alternatives", n));
    }
    if rows.is_empty() {
        md.push_str(".\n\nNo stakeholder position on these words is known.");
    } else {
        md.push_str(".\n\n");
        md.push_str(&positions_table(ws, &rows));
    }
    Some(Hover {
        markdown: md,
        span: b.span.clone(),
    })
}

/// The positions on an element and its parts (a table with a tally) and
/// the submissions that mention it; empty when there are none.
pub fn stakes_markdown(ws: &Workspace, draft: DocId, node: NodeId) -> String {
    let entries = positions_within(ws, draft, node);
    let mut md = String::new();
    if !entries.is_empty() {
        // the tally counts what surely stands here; the table shows all
        let certain: Vec<&Entry> = entries.iter().copied().filter(|e| e.certain()).collect();
        let others = entries.len() - certain.len();
        let mut tally = tally(stances(ws, &certain));
        if others > 0 {
            let sep = if tally.is_empty() { "" } else { " · " };
            tally.push_str(&format!("{sep}{others} uncertain or without counterpart"));
        }
        md.push_str(&format!("\n\n**Positions**: {}\n\n", tally));
        md.push_str(&positions_table(ws, &entries));
        md.push_str(&overtaken_markdown(ws, &entries));
    }
    let mentions = mentions(ws, draft, node);
    if !mentions.is_empty() {
        md.push_str("\n\n**Mentioned in**");
        for m in mentions.iter().take(10) {
            let f = ws.file(m.file);
            md.push_str(&format!(
                "\n- [{}, line {}]({}#L{}): {}",
                short_name(&f.name),
                m.line,
                f.name,
                m.line,
                table_cell(&m.sentence)
            ));
        }
        if mentions.len() > 10 {
            md.push_str(&format!("\n- … and {} more", mentions.len() - 10));
        }
    }
    md
}

/// Positions whose changes touch the words inside a bracket.
fn bracket_positions<'w>(ws: &'w Workspace, draft: DocId, bracket: &Span) -> Vec<&'w Entry> {
    let doc = &ws.file(draft).doc;
    let touches = |e: &Entry| {
        let Some((_, p)) = ws.position(e) else {
            return false;
        };
        // a choice spans the group: any edit over the bracketed words counts
        p.changes.iter().any(|c| {
            change_edits(ws, draft, e.node, c).is_ok_and(|edits| {
                edits
                    .iter()
                    .any(|x| x.span.start < bracket.end && bracket.start < x.span.end)
            })
        })
    };
    draft_entries(ws, draft)
        .filter(|e| {
            let ns = &doc.node(e.node).span;
            ns.start <= bracket.start && ns.end >= bracket.end && touches(e)
        })
        .collect()
}

/// One row per position: stakeholder, group, stance, the part it is on,
/// summary, and links to the submission line and the position.
fn positions_table(ws: &Workspace, rows: &[&Entry]) -> String {
    const MAX_ROWS: usize = 25;
    let mut md = String::from(
        "| Stakeholder | Group | Stance | On | Summary | Source |\n|---|---|---|---|---|---|",
    );
    for e in rows.iter().take(MAX_ROWS) {
        let Some((pf, p)) = ws.position(e) else {
            continue;
        };
        let group = pf.source.group.as_ref().map_or("", |g| g.value.name());
        let stance = match status(ws, e) {
            Status::Open => p.stance.value.name().to_string(),
            s => format!("{} · {}", p.stance.value.name(), s.name()),
        };
        md.push_str(&format!(
            "\n| {} | {} | {} | {} | {} | {} |",
            table_cell(pf.stakeholder()),
            group,
            stance,
            table_cell(&on_cell(ws, e)),
            table_cell(&p.summary.value),
            sources(ws, e, pf).join(" · ")
        ));
    }
    if rows.len() > MAX_ROWS {
        md.push_str(&format!("\n\n… and {} more", rows.len() - MAX_ROWS));
    }
    md
}

/// The element a position is on; for one carried from an earlier version,
/// where it was made: `Article 24(2) · on A/AC.291/16, Article 42(2)`, and
/// whether its place here is uncertain.
pub fn on_cell(ws: &Workspace, e: &Entry) -> String {
    let here = ws.file(e.draft).doc.display_name(e.node);
    let Some(c) = &e.carried else {
        // a migrated position says where it was first written
        let original = ws.position(e).and_then(|(_, p)| p.original.as_ref());
        return match original {
            Some(o) => format!("{here} · on {}, {}", o.draft.value, o.target.value),
            None => here,
        };
    };
    let made = format!(
        "on {}, {}",
        ws.draft_label(c.draft),
        ws.file(c.draft).doc.display_name(c.node)
    );
    if c.lost {
        format!("{made}, dropped since (listed on {here})")
    } else if c.score < CERTAIN {
        format!("{here}? · {made} (uncertain, {:.2})", c.score)
    } else {
        format!("{here} · {made}")
    }
}

/// For each position the words overtook: what it proposed, and how the
/// element's words changed since the draft it was written against.
fn overtaken_markdown(ws: &Workspace, rows: &[&Entry]) -> String {
    let mut md = String::new();
    for e in rows
        .iter()
        .filter(|e| status(ws, e) == Status::Overtaken)
        .take(5)
    {
        let Some((pf, p)) = ws.position(e) else {
            continue;
        };
        let proposed: Vec<String> = p.changes.iter().map(|c| c.describe()).collect();
        md.push_str(&format!(
            "\n\n**Overtaken**: {} proposed to {}",
            table_cell(pf.stakeholder()),
            table_cell(&proposed.join("; "))
        ));
        let Some(c) = &e.carried else {
            md.push_str(", but those words are not in the text now.");
            continue;
        };
        let (old, new) = (ws.file(c.draft), ws.file(e.draft));
        let then = body_of(&old.text, &old.doc, c.node);
        let now = body_of(&new.text, &new.doc, e.node);
        if let Some(diff) = word_diff(then, now) {
            md.push_str(&format!(
                "; since {} the words read:\n\n{}",
                ws.draft_label(c.draft),
                diff
            ));
        }
    }
    md
}

/// Links to where a position comes from: the submission (at the line of
/// its words, when known) or its published link, and the position itself.
fn sources(ws: &Workspace, e: &Entry, pf: &PositionsFile) -> Vec<String> {
    let pfile = ws.file(e.file);
    let Some(p) = pf.positions.get(e.position) else {
        return vec![];
    };
    let mut out = Vec::new();
    if let Some((target, line)) = submission_line(ws, e) {
        out.push(match line {
            Some(l) => safe_link(&format!("submission, line {l}"), &format!("{target}#L{l}")),
            None => safe_link("submission", &target),
        });
    } else if let Some(link) = &pf.source.link {
        out.push(safe_link("submission", link));
    }
    let pline = pfile.line_number(p.span.start.min(pfile.text.len()));
    out.push(format!("[position]({}#L{})", pfile.name, pline));
    out
}

/// The submission a position comes from (its file name as the workspace
/// knows it) and the line of its words there: the position's `line`, or
/// where its quote stands in the submission when that is read.
pub fn submission_line(ws: &Workspace, e: &Entry) -> Option<(String, Option<usize>)> {
    let (pf, p) = ws.position(e)?;
    let sub = pf.source.submission.as_ref()?;
    let target = join_relative(&ws.file(e.file).name, &sub.value);
    let line = p.line.map(|l| l as usize).or_else(|| {
        let q = p.quote.as_ref()?;
        let sid = ws.all_ids().find(|&i| ws.file(i).name == target)?;
        let s = ws.file(sid);
        let at = find_all(&s.text, 0..s.text.len(), &q.value).first()?.start;
        Some(s.line_number(at))
    });
    Some((target, line))
}

/// Where submissions cite `node` of `draft` or a part of it.
pub fn mentions(ws: &Workspace, draft: DocId, node: NodeId) -> Vec<Mention> {
    let span = ws.file(draft).doc.node(node).span.clone();
    let mut out = Vec::new();
    for id in ws.all_ids() {
        let file = ws.file(id);
        if !matches!(file.kind, FileKind::Submission) {
            continue;
        }
        for r in &file.doc.references {
            for t in &r.targets {
                let Resolution::Node { doc, node: n } = ws.resolve(id, r, t, t.path.len()) else {
                    continue;
                };
                let ns = &ws.file(doc).doc.node(n).span;
                if doc != draft || ns.start < span.start || ns.end > span.end {
                    continue;
                }
                out.push(Mention {
                    file: id,
                    span: t.span.clone(),
                    line: file.line_number(t.span.start),
                    sentence: sentence_around(&file.text, t.span.clone()),
                });
            }
        }
    }
    out.dedup_by(|a, b| a.file == b.file && a.line == b.line);
    out
}

/// The last part of a path or URI.
fn short_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}
