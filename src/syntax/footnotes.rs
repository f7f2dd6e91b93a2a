//! Markdown footnotes: a definition (`[^4]: This provision may apply to
//! other parts of this Article`) is read where its marker (`3.x[^4]`)
//! stands, as a renderer attaches it there, not in whatever element
//! happens to precede the definition at the end of the file.

use super::tree::{Document, NodeId, Span};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

static DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^ {0,3}\[\^([^\]\s]{1,40})\]:").unwrap());

/// Gives each reference inside a footnote definition the context of the
/// footnote's first marker; returns the contexts it replaced, with the
/// references' indexes (what an incremental parse starts from).
pub(crate) fn place_references(text: &str, doc: &mut Document) -> Vec<(usize, NodeId)> {
    let mut replaced = Vec::new();
    if memchr::memmem::find(text.as_bytes(), b"[^").is_none() {
        return replaced;
    }
    let definitions: Vec<(String, Span)> = DEFINITION
        .captures_iter(text)
        .map(|c| {
            let whole = c.get(0).unwrap();
            (
                c[1].to_string(),
                whole.start()..definition_end(text, whole.end()),
            )
        })
        .collect();
    if definitions.is_empty() {
        return replaced;
    }
    let markers = markers(text, &definitions);
    let contexts: Vec<Option<NodeId>> = doc
        .references
        .iter()
        .map(|r| {
            let (label, _) = definitions
                .iter()
                .find(|(_, s)| s.contains(&r.span.start))?;
            markers.get(label.as_str()).map(|&at| doc.node_at(at))
        })
        .collect();
    for (i, (r, context)) in doc.references.iter_mut().zip(contexts).enumerate() {
        if let Some(c) = context.filter(|&c| c != r.context) {
            replaced.push((i, r.context));
            r.context = c;
        }
    }
    replaced
}

/// Where a definition ends: at a blank line not followed by an indented
/// continuation, or at the end of the text.
fn definition_end(text: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(p) = text[at..].find("\n\n") {
        let next = at + p + 2;
        let rest = &text[next..];
        if rest.starts_with("    ") || rest.starts_with('\t') {
            at = next;
            continue;
        }
        return at + p;
    }
    text.len()
}

/// The first marker of each defined footnote, outside the definitions.
fn markers<'d>(text: &str, definitions: &'d [(String, Span)]) -> HashMap<&'d str, usize> {
    let mut out = HashMap::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), b"[^") {
        // a definition's own `[^4]:` is no marker
        if definitions
            .iter()
            .any(|(_, s)| s.contains(&at) && at <= s.start + 3)
        {
            continue;
        }
        let rest = &text[at + 2..];
        let Some(close) = rest.find(']').filter(|&c| c <= 40) else {
            continue;
        };
        if rest[close + 1..].starts_with(':') {
            continue;
        }
        let label = &rest[..close];
        if let Some((l, _)) = definitions.iter().find(|(l, _)| l == label) {
            out.entry(l.as_str()).or_insert(at);
        }
    }
    out
}
