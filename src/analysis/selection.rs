//! Selection ranges: from the word under the cursor outwards, through the
//! reference or bracket it stands in, to each enclosing element.

use super::base::{FilePosition, Workspace};
use crate::syntax::Span;

/// Nested spans around `pos`, innermost first, each containing the one
/// before.
pub fn selection_ranges(ws: &Workspace, pos: FilePosition) -> Vec<Span> {
    let Some(file) = ws.files.get(pos.doc.0) else {
        return vec![];
    };
    let text = &file.text;
    let offset = crate::syntax::lines::floor_char_boundary(text, pos.offset.min(text.len()));
    let mut spans: Vec<Span> = Vec::new();
    // the word
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    if start < end {
        spans.push(start..end);
    }
    let doc = &file.doc;
    // the reference piece and the reference
    if let Some(r) = doc
        .references
        .iter()
        .find(|r| r.span.start <= offset && offset <= r.span.end)
    {
        for t in &r.targets {
            for p in &t.path {
                if p.span.start <= offset && offset <= p.span.end {
                    spans.push(p.span.clone());
                }
            }
        }
        spans.push(r.span.clone());
    }
    // the brackets around it, innermost first
    let mut brackets: Vec<Span> = doc
        .brackets
        .iter()
        .filter(|b| b.span.start <= offset && offset < b.span.end)
        .map(|b| b.span.clone())
        .collect();
    brackets.sort_by_key(|b| b.len());
    spans.extend(brackets);
    // the line
    let line_start = crate::syntax::lines::line_start(text, offset);
    let line_end = crate::syntax::lines::line_end(text, offset);
    spans.push(line_start..line_end);
    // the elements
    for id in doc.ancestors(doc.node_at(offset)) {
        let n = doc.node(id);
        let end = n.span.start + text[n.span.clone()].trim_end().len();
        spans.push(n.span.start..end);
    }
    // keep a chain where each span contains the one before
    let mut chain: Vec<Span> = Vec::new();
    for s in spans {
        if s.start > offset || s.end < offset {
            continue;
        }
        match chain.last() {
            Some(last) if s == *last => {}
            Some(last) if s.start <= last.start && s.end >= last.end => chain.push(s),
            Some(_) => {}
            None => chain.push(s),
        }
    }
    chain
}
