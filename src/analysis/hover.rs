//! Hover content, as Markdown: what a reference cites, what a term means,
//! what an element holds and who cites it. On an element's heading the
//! facade puts the positions stakeholders take on it (`stakes::hover`) and
//! its history (`compare`) between its name and what it holds.

use super::base::names::symbol_name;
use super::base::text::{body_of, excerpt, quote};
use super::base::{DocId, FilePosition, Hover, Resolution, Subject, Workspace};
use crate::syntax::{NodeId, NodeKind};

/// The hover for a reference or a term under the cursor; `None` in plain
/// text and on an element's heading (see [`declaration_title`]).
pub fn hover(ws: &Workspace, pos: FilePosition) -> Option<Hover> {
    match &ws.subject_at(pos)? {
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
            let markdown = match ws.resolve(pos.doc, reference, target, *depth) {
                Resolution::Node { doc, node } => {
                    let mut md = element_markdown(ws, doc, node);
                    if doc != pos.doc {
                        md.push_str(&format!("\n\n*in {}*", ws.file(doc).name));
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
            let file = ws.file(pos.doc);
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
        Subject::Declaration(_) => None,
    }
}

/// On an element's label or heading: its name, over the label and heading.
pub fn declaration_title(ws: &Workspace, doc: DocId, node: NodeId) -> Hover {
    let d = &ws.file(doc).doc;
    let n = d.node(node);
    let span = n.label_span.start
        ..n.heading_span
            .as_ref()
            .map_or(n.label_span.end, |h| h.end.max(n.label_span.end));
    let mut markdown = format!("**{}**", symbol_name(d, node));
    let container = d.container(node);
    if container != NodeId::ROOT && container != node {
        markdown.push_str(&format!(" ({})", symbol_name(d, container)));
    }
    Hover { markdown, span }
}

/// Below an element's name: what it holds and what cites it; for the
/// draft itself, also which draft it is and its versions.
pub fn declaration_details(ws: &Workspace, doc: DocId, node: NodeId) -> String {
    let mut md = String::new();
    if node == NodeId::ROOT {
        if let Some(id) = ws.draft_identity(doc) {
            md.push_str(&format!("*{}*\n\n", id));
        }
        if let Some(versions) = ws.lineage_label(doc) {
            md.push_str(&format!("Versions: {}\n\n", versions));
        }
    }
    md.push_str(&parts_count(ws, doc, node));
    md.push_str(&cited_by(ws, doc, node));
    md
}

/// An element's name and text, truncated.
pub fn element_markdown(ws: &Workspace, doc: DocId, node: NodeId) -> String {
    let file = ws.file(doc);
    let d = &file.doc;
    let n = d.node(node);
    let mut title = d.display_name(node);
    if let Some(h) = &n.heading {
        if !title.contains(&**h) {
            title = format!("{} — {}", title, h);
        }
    }
    let body = body_of(&file.text, d, node);
    let body = excerpt(body, 0, body.len());
    if body.is_empty() {
        format!("**{}**", title)
    } else {
        format!("**{}**\n\n{}", title, quote(&body))
    }
}

/// `2 paragraphs, 2 subparagraphs`: the numbered parts of an element.
fn parts_count(ws: &Workspace, doc: DocId, node: NodeId) -> String {
    let d = &ws.file(doc).doc;
    let mut counts: Vec<(NodeKind, usize)> = Vec::new();
    let mut stack: Vec<NodeId> = d.node(node).children.clone();
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
        "No numbered parts".to_string()
    } else {
        parts.join(", ")
    }
}

/// `Cited 3 times:` and where, in drafts (positions and submissions have
/// sections of their own).
fn cited_by(ws: &Workspace, doc: DocId, node: NodeId) -> String {
    let cites: Vec<_> = ws
        .citations(doc, node)
        .into_iter()
        .filter(|c| ws.file(c.doc).is_draft())
        .collect();
    let mut md = format!(
        " · cited {} time{}",
        cites.len(),
        if cites.len() == 1 { "" } else { "s" }
    );
    if cites.is_empty() {
        return md;
    }
    md.push(':');
    for c in cites.iter().take(12) {
        let f = ws.file(c.doc);
        let at = f.doc.node_at(c.span.start);
        let line = f.line_number(c.span.start);
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
    md
}
