//! How elements are named in the editor: `Article 6 - Illegal access`,
//! `Chapter II - Criminalization`, a paragraph's label; and the part of an
//! element that stands for it (its label, else its heading, else its
//! first line).

use crate::syntax::lines::line_end;
use crate::syntax::{Document, NodeId, NodeKind, Span};

/// `Article 6 - Illegal access`; a paragraph's label as written.
pub fn symbol_name(doc: &Document, id: NodeId) -> String {
    let n = doc.node(id);
    let base = match n.kind {
        NodeKind::Document => doc.title.clone().unwrap_or_else(|| "Document".into()),
        NodeKind::Preamble => "Preamble".into(),
        NodeKind::Testimonium => "Final clause".into(),
        NodeKind::Heading | NodeKind::Instrument => {
            return n
                .heading
                .as_deref()
                .map_or_else(|| n.label.to_string(), str::to_string);
        }
        // `second subparagraph` of a paragraph, `second paragraph` of an article
        NodeKind::Alinea => {
            let of_article = doc
                .parent(id)
                .is_some_and(|p| doc.node(p).kind == NodeKind::Article);
            let word = if of_article {
                "paragraph"
            } else {
                "subparagraph"
            };
            let ordinal = n.key.parse().unwrap_or(0);
            return format!("{} {word}", crate::syntax::ordinal_name(ordinal));
        }
        k if k.is_subdivision() => return n.label.trim().to_string(),
        NodeKind::Article => format!(
            "Article {}",
            n.label
                .split_whitespace()
                .skip(1)
                .collect::<Vec<_>>()
                .join(" ")
        ),
        _ => capitalised_label(&n.label),
    };
    match &n.heading {
        Some(h) if !n.kind.is_subdivision() => format!("{} - {}", base, h),
        _ => base,
    }
}

/// `CHAPTER II` -> `Chapter II`
fn capitalised_label(label: &str) -> String {
    let mut words = label.split_whitespace();
    let word = words.next().unwrap_or("");
    let mut w = word.to_lowercase();
    if let Some(f) = w.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    std::iter::once(w)
        .chain(words.map(String::from))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The part of an element to show as its name: its label, else its
/// heading, else its first line.
pub fn focus_span(text: &str, doc: &Document, node: NodeId) -> Span {
    let n = doc.node(node);
    if !n.label_span.is_empty() {
        return n.label_span.clone();
    }
    if let Some(h) = &n.heading_span {
        return h.clone();
    }
    n.span.start..line_end(text, n.span.start).min(n.span.end)
}
