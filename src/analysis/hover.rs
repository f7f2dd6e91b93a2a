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
        let subject = self.subject_at(pos)?;
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
                Some(Hover {
                    markdown: self.outline_markdown(pos.doc, *node),
                    span,
                })
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
        let cites = self.citations(doc, node);
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
