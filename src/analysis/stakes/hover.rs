//! The positions part of a hover: on an element's heading, in its body or
//! on bracketed words, who says what (a tally, then each position with the
//! stakeholder's own words and links to the submission's line and the
//! position), and where submissions mention the element. A list that wraps
//! in any editor, or a table for clients that render tables well.

use super::super::base::diff::word_diff;
use super::super::base::links::{join_relative, same_file};
use super::super::base::text::{
    body_of, find_all, safe_link, sentence_around, shorten_at_sentence, table_cell,
};
use super::super::base::{DocId, Entry, FileKind, FilePosition, Hover, Resolution, Workspace};
use super::edits::change_edits;
use super::index::{draft_entries, positions_within, tally};
use super::status::{status, Status};
use crate::align::CERTAIN;
use crate::positions::{Position, PositionsFile};
use crate::syntax::{NodeId, NodeKind, Span};

/// How a hover sets out positions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// One item per position: wraps cleanly in a narrow window, and reads
    /// the same where Markdown is shown as text (Neovim).
    #[default]
    List,
    /// One row per position, for clients that render tables (VS Code).
    Table,
}

/// The stakeholder's own words in a hover, up to a sentence end before
/// this many characters.
const QUOTE_CHARS: usize = 160;

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

/// Hover in the body of an element: the positions on it (or, in square
/// brackets, on the bracketed words), `history` (what the element was in
/// the previous version) when given, and where submissions mention it.
pub fn in_body(
    ws: &Workspace,
    pos: FilePosition,
    layout: Layout,
    history: Option<(NodeId, String)>,
) -> Option<Hover> {
    let file = ws.files.get(pos.doc.0)?;
    if !file.is_draft() {
        return None;
    }
    let doc = &file.doc;
    if let Some(hover) = on_brackets(ws, pos, layout) {
        return Some(hover);
    }
    let node = doc.node_at(pos.offset);
    if node == NodeId::ROOT {
        return None;
    }
    let history = history.filter(|(n, _)| *n == node).map(|(_, md)| md);
    let sections: Vec<String> = [positions_markdown(ws, pos.doc, node, layout), history]
        .into_iter()
        .flatten()
        .chain(mentions_markdown(ws, pos.doc, node))
        .collect();
    if sections.is_empty() {
        return None;
    }
    let mut md = format!("**{}**", doc.display_name(node));
    for s in sections {
        md.push_str("\n\n");
        md.push_str(&s);
    }
    Some(Hover {
        markdown: md,
        span: doc.node(node).span.clone(),
    })
}

/// In square brackets: what they are, and who proposes to change the words
/// in the innermost one around the cursor.
fn on_brackets(ws: &Workspace, pos: FilePosition, layout: Layout) -> Option<Hover> {
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
        let here = doc.node_at(pos.offset);
        md.push_str(&positions_block(ws, &rows, here, layout));
    }
    Some(Hover {
        markdown: md,
        span: b.span.clone(),
    })
}

/// The positions on an element and its parts: a tally, then each one (the
/// first few, and how many more), and those the words overtook; `None`
/// when there are none.
pub fn positions_markdown(
    ws: &Workspace,
    draft: DocId,
    node: NodeId,
    layout: Layout,
) -> Option<String> {
    let entries = positions_within(ws, draft, node);
    if entries.is_empty() {
        return None;
    }
    // the tally counts what surely stands here; the list shows all
    let certain: Vec<&Entry> = entries.iter().copied().filter(|e| e.certain()).collect();
    let others = entries.len() - certain.len();
    let mut tally = tally(ws, &certain);
    if others > 0 {
        let sep = if tally.is_empty() { "" } else { " · " };
        tally.push_str(&format!("{sep}{others} uncertain or without counterpart"));
    }
    let mut md = format!("**Positions**: {}\n\n", tally);
    md.push_str(&positions_block(ws, &entries, node, layout));
    md.push_str(&overtaken_markdown(ws, &entries));
    Some(md)
}

/// `**Mentioned in**` and the sentences of submissions that cite the
/// element or its parts (but not the lines a position on it links to);
/// `None` when none does.
pub fn mentions_markdown(ws: &Workspace, draft: DocId, node: NodeId) -> Option<String> {
    let linked: Vec<(String, Option<usize>)> = positions_within(ws, draft, node)
        .iter()
        .filter_map(|e| submission_line(ws, e))
        .collect();
    let mut mentions = mentions(ws, draft, node);
    // the same file however its name is spelt (`UK, x.md`, `UK%2C%20x.md`)
    mentions.retain(|m| {
        let name = &ws.file(m.file).name;
        !linked
            .iter()
            .any(|(t, l)| *l == Some(m.line) && same_file(t, name))
    });
    if mentions.is_empty() {
        return None;
    }
    let mut md = String::from("**Mentioned in**");
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
    Some(md)
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

/// Each position in the layout asked for, the first few of them, and
/// where to find the rest.
fn positions_block(ws: &Workspace, rows: &[&Entry], here: NodeId, layout: Layout) -> String {
    let max = match layout {
        Layout::List => 8,
        Layout::Table => 15,
    };
    // what stands and is still to decide first; applied, overtaken and
    // doubtful ones after
    let mut rows: Vec<&Entry> = rows.to_vec();
    rows.sort_by_key(|e| !(e.certain() && status(ws, e) == Status::Open));
    let shown = &rows[..rows.len().min(max)];
    let mut md = match layout {
        Layout::List => shown
            .iter()
            .filter_map(|e| list_item(ws, e, here))
            .collect::<Vec<_>>()
            .join("\n"),
        Layout::Table => positions_table(ws, shown, here),
    };
    if rows.len() > max {
        md.push_str(&more_note(ws, rows[0].draft, here, rows.len() - max));
    }
    md
}

/// `- **Microsoft** (industry) · *amend* · Article 2(1): drop the
/// qualifier`, then the stakeholder's words and the links on a second line.
fn list_item(ws: &Workspace, e: &Entry, here: NodeId) -> Option<String> {
    let (pf, p) = ws.position(e)?;
    let mut md = format!("- **{}**", table_cell(pf.stakeholder()));
    if let Some(g) = &pf.source.group {
        md.push_str(&format!(" ({})", g.value.name()));
    }
    md.push_str(&format!(" · *{}*", stance_label(ws, e, p)));
    if let Some(on) = on_label(ws, e, here) {
        md.push_str(&format!(" · {}", table_cell(&on)));
    }
    md.push_str(&format!(": {}", table_cell(&p.summary.value)));
    md.push_str("\n  ");
    md.push_str(&words_and_sources(ws, e, pf, p));
    Some(md)
}

/// One row per position: stakeholder, stance, the part it is on, summary
/// and words, and links to the submission line and the position.
fn positions_table(ws: &Workspace, rows: &[&Entry], here: NodeId) -> String {
    let mut md =
        String::from("| Stakeholder | Stance | On | Proposal | Source |\n|---|---|---|---|---|");
    for e in rows {
        let Some((pf, p)) = ws.position(e) else {
            continue;
        };
        let mut who = format!("**{}**", table_cell(pf.stakeholder()));
        if let Some(g) = &pf.source.group {
            who.push_str(&format!(" ({})", g.value.name()));
        }
        let (words, sources) = quote_and_sources(ws, e, pf, p);
        let proposal = match words {
            Some(w) => format!("{} — {}", table_cell(&p.summary.value), w),
            None => table_cell(&p.summary.value),
        };
        md.push_str(&format!(
            "\n| {} | {} | {} | {} | {} |",
            who,
            stance_label(ws, e, p),
            table_cell(&on_label(ws, e, here).unwrap_or_default()),
            proposal,
            sources.join(" · ")
        ));
    }
    md
}

/// `amend`, or `amend, applied` for a position no longer open.
fn stance_label(ws: &Workspace, e: &Entry, p: &Position) -> String {
    match status(ws, e) {
        Status::Open => p.stance.value.name().to_string(),
        s => format!("{}, {}", p.stance.value.name(), s.name()),
    }
}

/// The element a position is on, unless it is the hovered one and was
/// written against it.
fn on_label(ws: &Workspace, e: &Entry, here: NodeId) -> Option<String> {
    let plain = e.carried.is_none() && ws.position(e).is_some_and(|(_, p)| p.original.is_none());
    (e.node != here || !plain).then(|| on_cell(ws, e))
}

/// The stakeholder's words (shortened at a sentence), then the links.
fn words_and_sources(ws: &Workspace, e: &Entry, pf: &PositionsFile, p: &Position) -> String {
    let (words, sources) = quote_and_sources(ws, e, pf, p);
    match words {
        Some(w) => format!("{w} — {}", sources.join(" · ")),
        None => sources.join(" · "),
    }
}

/// `“The words…”` as a cell's safe text, when the position quotes them, and
/// the links: to the rest of the words when they were shortened.
fn quote_and_sources(
    ws: &Workspace,
    e: &Entry,
    pf: &PositionsFile,
    p: &Position,
) -> (Option<String>, Vec<String>) {
    let Some(q) = p.quote.as_ref().filter(|q| !q.value.trim().is_empty()) else {
        return (None, sources(ws, e, pf, false));
    };
    let (words, cut) = shorten_at_sentence(&q.value, QUOTE_CHARS);
    // a cut at a sentence says there is more; a cut at a word ends in `…`
    let more = if cut && !words.ends_with('…') {
        " …"
    } else {
        ""
    };
    let words = format!("“{}”{more}", table_cell(&words));
    (Some(words), sources(ws, e, pf, cut))
}

/// `*… and 7 more: the lens above Article 2 and the positions report list
/// them all.*`
fn more_note(ws: &Workspace, draft: DocId, here: NodeId, more: usize) -> String {
    let doc = &ws.file(draft).doc;
    let article = doc
        .ancestors(here)
        .find(|&n| doc.node(n).kind == NodeKind::Article);
    let where_all = match article {
        Some(a) => format!(
            "the lens above {} and the positions report list them all",
            doc.display_name(a)
        ),
        None => "the positions report lists them all".to_string(),
    };
    format!(
        "\n\n*… and {more} more position{}: {where_all}.*",
        if more == 1 { "" } else { "s" }
    )
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
/// its words, when known) or its published link, and the position itself;
/// the first says it holds the rest of words that were `cut`.
fn sources(ws: &Workspace, e: &Entry, pf: &PositionsFile, cut: bool) -> Vec<String> {
    let pfile = ws.file(e.file);
    let Some(p) = pf.positions.get(e.position) else {
        return vec![];
    };
    let rest = if cut { "the rest: " } else { "" };
    let mut out = Vec::new();
    if let Some((target, line)) = submission_line(ws, e) {
        out.push(match line {
            Some(l) => safe_link(
                &format!("{rest}submission, line {l}"),
                &format!("{}#L{l}", link_url(&target)),
            ),
            None => safe_link(&format!("{rest}submission"), &link_url(&target)),
        });
    } else if let Some(link) = &pf.source.link {
        out.push(safe_link(&format!("{rest}submission"), link));
    }
    let rest = if cut && out.is_empty() { rest } else { "" };
    let pline = pfile.line_number(p.span.start.min(pfile.text.len()));
    out.push(format!("[{rest}position]({}#L{})", pfile.name, pline));
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
        let sid = ws
            .all_ids()
            .find(|&i| same_file(&ws.file(i).name, &target))?;
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

/// A file's name as a Markdown link target: the spaces and parentheses a
/// file name may hold (`UK, comments (2024).md`) percent-encoded.
fn link_url(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

/// The last part of a path or URI.
fn short_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}
