//! Hover content, as Markdown: what a reference cites, what a term means,
//! what an article holds and who cites it.

use super::navigation::Subject;
use super::resolve::Resolution;
use super::symbols::symbol_name;
use super::{DocId, FilePosition, Workspace};
use crate::syntax::{NodeId, NodeKind, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    /// What the hover is about (the reference piece, the term, the heading).
    pub span: Span,
}

/// At most this many characters of an element's text.
const MAX_CHARS: usize = 900;
const MAX_LINES: usize = 14;

impl Workspace {
    pub fn hover(&self, pos: FilePosition) -> Option<Hover> {
        let Some(subject) = self.subject_at(pos) else {
            return self.hover_body(pos);
        };
        match &subject {
            Subject::Reference {
                reference,
                target,
                depth,
            } => {
                let span = if *depth > 0 {
                    target.path[*depth - 1].span.clone()
                } else {
                    target.span.clone()
                };
                let markdown = match self.resolve(pos.doc, reference, target, *depth) {
                    Resolution::Node { doc, node } => {
                        let mut md = self.element_markdown(doc, node);
                        if doc != pos.doc {
                            md.push_str(&format!("\n\n*in {}*", self.file(doc).name));
                        }
                        md
                    }
                    Resolution::External { instrument } => format!(
                        "**{}** of *{}*\n\nAnother instrument, not open in this workspace.",
                        crate::syntax::path_display(&target.path[..*depth]),
                        instrument
                    ),
                    Resolution::Dangling { reason } => {
                        format!("**Dangling reference**: {}", reason)
                    }
                };
                Some(Hover { markdown, span })
            }
            Subject::Term(o) => {
                let file = self.file(pos.doc);
                let d = &file.doc.definitions[o.definition];
                let n = file.doc.node(d.node);
                let text = excerpt(&file.text, n.span.start, n.span.end);
                Some(Hover {
                    markdown: format!(
                        "**“{}”** — defined in {}\n\n{}",
                        d.term,
                        file.doc.display_name(d.node),
                        quote(&text)
                    ),
                    span: o.span.clone(),
                })
            }
            Subject::Declaration(node) => {
                let file = self.file(pos.doc);
                let n = file.doc.node(*node);
                let span = n.label_span.start
                    ..n.heading_span
                        .as_ref()
                        .map_or(n.label_span.end, |h| h.end.max(n.label_span.end));
                let mut markdown = String::new();
                if let Some(id) = self.draft_identity(pos.doc) {
                    markdown.push_str(&format!("*{}*\n\n", id));
                }
                markdown.push_str(&self.outline_markdown(pos.doc, *node));
                markdown.push_str(&self.stakes_markdown(pos.doc, *node));
                Some(Hover { markdown, span })
            }
        }
    }

    /// An element's name and text, truncated.
    pub fn element_markdown(&self, doc: DocId, node: NodeId) -> String {
        let file = self.file(doc);
        let d = &file.doc;
        let n = d.node(node);
        let mut title = d.display_name(node);
        if let Some(h) = &n.heading {
            if !title.contains(h.as_str()) {
                title = format!("{} — {}", title, h);
            }
        }
        // the body: after the heading (or after the label of a paragraph)
        let body_start = match (&n.heading_span, n.kind.is_subdivision()) {
            (Some(h), _) => h.end,
            (None, true) => n.label_span.end,
            (None, false) => n.label_span.end,
        }
        .clamp(n.span.start, n.span.end);
        let body = excerpt(&file.text, body_start, n.span.end);
        if body.is_empty() {
            format!("**{}**", title)
        } else {
            format!("**{}**\n\n{}", title, quote(&body))
        }
    }

    /// For a heading: what the element holds and what cites it.
    fn outline_markdown(&self, doc: DocId, node: NodeId) -> String {
        let file = self.file(doc);
        let d = &file.doc;
        let n = d.node(node);
        let mut md = format!("**{}**", symbol_name(d, node));
        let container = d.container(node);
        if container != NodeId::ROOT && container != node {
            md.push_str(&format!(" ({})", symbol_name(d, container)));
        }
        md.push_str("\n\n");
        let mut counts: Vec<(NodeKind, usize)> = Vec::new();
        let mut stack: Vec<NodeId> = n.children.clone();
        while let Some(c) = stack.pop() {
            let k = d.node(c).kind;
            match counts.iter_mut().find(|(x, _)| *x == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
            stack.extend(d.node(c).children.iter().copied());
        }
        counts.sort_by_key(|(k, _)| *k);
        let parts: Vec<String> = counts
            .iter()
            .map(|(k, c)| format!("{} {}{}", c, k.name(), if *c == 1 { "" } else { "s" }))
            .collect();
        if parts.is_empty() {
            md.push_str("No numbered parts.");
        } else {
            md.push_str(&parts.join(", "));
        }
        // drafts only: positions and submissions have their own sections
        let cites: Vec<_> = self
            .citations(doc, node)
            .into_iter()
            .filter(|c| self.file(c.doc).is_draft())
            .collect();
        md.push_str(&format!(
            "\n\nCited {} time{}",
            cites.len(),
            if cites.len() == 1 { "" } else { "s" }
        ));
        if !cites.is_empty() {
            md.push(':');
            for c in cites.iter().take(12) {
                let f = self.file(c.doc);
                let at = f.doc.node_at(c.span.start);
                let line = f.text[..c.span.start].matches('\n').count() + 1;
                let place = if c.doc == doc {
                    format!("line {}", line)
                } else {
                    format!("{}, line {}", f.name, line)
                };
                md.push_str(&format!(
                    "\n- {} — `{}` ({})",
                    f.doc.display_name(at),
                    &f.text[c.span.clone()],
                    place
                ));
            }
            if cites.len() > 12 {
                md.push_str(&format!("\n- … and {} more", cites.len() - 12));
            }
        }
        md
    }
}

impl Workspace {
    /// Hover in the body of an element: the positions on it (or, in square
    /// brackets, on the bracketed words) and where submissions mention it.
    fn hover_body(&self, pos: FilePosition) -> Option<Hover> {
        let file = self.files.get(pos.doc.0)?;
        if !file.is_draft() {
            return None;
        }
        let doc = &file.doc;
        // innermost bracket around the cursor
        if let Some(b) = doc
            .brackets
            .iter()
            .filter(|b| b.span.start <= pos.offset && pos.offset < b.span.end)
            .max_by_key(|b| b.depth)
        {
            let rows = self.bracket_positions(pos.doc, &b.span);
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
                md.push_str(&self.positions_table(&rows));
            }
            return Some(Hover {
                markdown: md,
                span: b.span.clone(),
            });
        }
        let node = doc.node_at(pos.offset);
        if node == NodeId::ROOT {
            return None;
        }
        let stakes = self.stakes_markdown(pos.doc, node);
        if stakes.is_empty() {
            return None;
        }
        let mut md = String::new();
        if let Some(id) = self.draft_identity(pos.doc) {
            md.push_str(&format!("*{}*\n\n", id));
        }
        md.push_str(&format!("**{}**", doc.display_name(node)));
        md.push_str(&stakes);
        Some(Hover {
            markdown: md,
            span: doc.node(node).span.clone(),
        })
    }

    /// The positions on an element and its parts (a table with a tally) and
    /// the submissions that mention it; empty when there are none.
    pub fn stakes_markdown(&self, draft: DocId, node: NodeId) -> String {
        let entries = self.positions_within(draft, node);
        let mut md = String::new();
        if !entries.is_empty() {
            let stances = entries
                .iter()
                .filter_map(|e| self.position(e).map(|(_, p)| p.stance.value));
            md.push_str(&format!(
                "\n\n**Positions**: {}\n\n",
                super::positions::tally(stances)
            ));
            let rows: Vec<(&super::positions::Entry, Option<usize>)> =
                entries.into_iter().map(|e| (e, None)).collect();
            md.push_str(&self.positions_table(&rows));
        }
        let mentions = self.mentions(draft, node);
        if !mentions.is_empty() {
            md.push_str("\n\n**Mentioned in**");
            for m in mentions.iter().take(10) {
                let f = self.file(m.file);
                md.push_str(&format!(
                    "\n- [{}, line {}]({}#L{}): {}",
                    short_name(&f.name),
                    m.line,
                    f.name,
                    m.line,
                    cell(&m.sentence)
                ));
            }
            if mentions.len() > 10 {
                md.push_str(&format!("\n- … and {} more", mentions.len() - 10));
            }
        }
        md
    }

    /// Positions whose changes touch the words inside a bracket.
    fn bracket_positions(
        &self,
        draft: DocId,
        bracket: &Span,
    ) -> Vec<(&super::positions::Entry, Option<usize>)> {
        let doc = &self.file(draft).doc;
        let mut rows = Vec::new();
        for e in self.draft_entries(draft) {
            let ns = &doc.node(e.node).span;
            if ns.start > bracket.start || ns.end < bracket.end {
                continue;
            }
            let Some((_, p)) = self.position(e) else {
                continue;
            };
            for (ci, c) in p.changes.iter().enumerate() {
                let Ok(edits) = self.change_edits(draft, e.node, c) else {
                    continue;
                };
                // the change touches the bracketed words (a choice spans the group)
                if edits
                    .iter()
                    .any(|x| x.span.start < bracket.end && bracket.start < x.span.end)
                {
                    rows.push((e, Some(ci)));
                    break;
                }
            }
        }
        rows
    }

    /// One row per position: stakeholder, group, stance, the part it is
    /// on, summary, and links to the submission line and the position.
    fn positions_table(&self, rows: &[(&super::positions::Entry, Option<usize>)]) -> String {
        let mut md = String::from(
            "| Stakeholder | Group | Stance | On | Summary | Source |\n|---|---|---|---|---|---|",
        );
        const MAX_ROWS: usize = 25;
        for (e, _) in rows.iter().take(MAX_ROWS) {
            let Some((pf, p)) = self.position(e) else {
                continue;
            };
            let draft = &self.file(e.draft).doc;
            let pfile = self.file(e.file);
            let pline = pfile.text[..p.span.start.min(pfile.text.len())]
                .matches('\n')
                .count()
                + 1;
            let mut source = Vec::new();
            let line = p.line.map(|l| l as usize).or_else(|| {
                // the line of the quote in the submission, when it is there
                let sub = pf.source.submission.as_ref()?;
                let q = p.quote.as_ref()?;
                let name = super::positions::join_relative(&pfile.name, &sub.value);
                let sid = self.all_ids().find(|&i| self.file(i).name == name)?;
                let t = &self.file(sid).text;
                let at = super::amend::find_all(t, 0..t.len(), &q.value)
                    .first()?
                    .start;
                Some(t[..at].matches('\n').count() + 1)
            });
            if let Some(sub) = &pf.source.submission {
                let target = super::positions::join_relative(&pfile.name, &sub.value);
                match line {
                    Some(l) => source.push(format!("[submission, line {}]({}#L{})", l, target, l)),
                    None => source.push(format!("[submission]({})", target)),
                }
            } else if let Some(link) = &pf.source.link {
                source.push(format!("[submission]({})", link));
            }
            source.push(format!("[position]({}#L{})", pfile.name, pline));
            let group = pf.source.group.as_ref().map_or("", |g| g.value.name());
            md.push_str(&format!(
                "\n| {} | {} | {} | {} | {} | {} |",
                cell(pf.stakeholder()),
                group,
                p.stance.value.name(),
                cell(&draft.display_name(e.node)),
                cell(&p.summary.value),
                source.join(" · ")
            ));
        }
        if rows.len() > MAX_ROWS {
            md.push_str(&format!("\n\n… and {} more", rows.len() - MAX_ROWS));
        }
        md
    }
}

/// Text made safe for one Markdown table cell.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The last part of a path or URI.
fn short_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The text from `start` to `end`, cut at a word boundary after
/// `MAX_CHARS` characters or `MAX_LINES` non-blank lines.
pub fn excerpt(text: &str, start: usize, end: usize) -> String {
    let body = text[start..end].trim();
    let mut out = String::new();
    let mut chars = 0;
    let mut lines = 0;
    for line in body.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        if lines > MAX_LINES {
            out.push_str("\n…");
            return out;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for word in line.split_inclusive(' ') {
            chars += word.chars().count();
            if chars > MAX_CHARS {
                out.push('…');
                return out;
            }
            out.push_str(word);
        }
    }
    out
}

/// A Markdown block quote (each line, so paragraphs keep their breaks).
fn quote(text: &str) -> String {
    text.lines()
        .map(|l| format!("> {}", l))
        .collect::<Vec<_>>()
        .join("\n>\n")
}
