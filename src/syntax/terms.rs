//! Defined terms: `"computer system" means ...`, `“X” shall mean`, TeX
//! quotes ``` ``X" ```, `the term "X" includes`.

use super::tree::{Definition, Document, Span};
use regex::Regex;
use std::sync::LazyLock;

/// An opening quote: straight, curly, or TeX.
const OPEN: &str = r#"(?:``|"|“|‘|')"#;
/// A closing quote.
const CLOSE: &str = r#"(?:''|"|”|’|')"#;
/// The term itself: no quotes, brackets or line breaks.
const TERM: &str = r#"[^"”’'`\n\[\]]{1,80}?"#;

static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"{OPEN}(?P<term>{TERM}){CLOSE}\s*(?:\([^)\n]{{0,60}}\)\s*)?(?:(?:,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+){OPEN}{TERM}{CLOSE}\s*)*(?:,\s*which\s[^,;\n]{{1,60}},\s*)?(?:means|mean|shall mean|shall include|includes|include|refers to|shall refer to|has the meaning|shall have the meaning|is defined as|denotes)\b"#
    ))
    .unwrap()
});

/// A further term in `"X", "Y" or "Z" means`.
static EXTRA_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?:,|\bor\b|\band\b)\s*{OPEN}(?P<term>{TERM}){CLOSE}"#
    ))
    .unwrap()
});

/// The verbs of a definition: only lines with one of them are read closely.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:mean|include|refer to|refers to|has the meaning|have the meaning|is defined as|denotes)").unwrap()
});

pub fn scan(text: &str, doc: &Document, opaque: &[Span]) -> Vec<Definition> {
    let mut defs = Vec::new();
    // only the text just before a definitional verb can hold a definition
    let mut windows: Vec<Span> = Vec::new();
    for v in VERB.find_iter(text) {
        let line_start = text[..v.start()].rfind('\n').map_or(0, |p| p + 1);
        let mut start = v.start().saturating_sub(240).max(line_start);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let end = (v.end() + 16).min(text.len());
        let end = crate::syntax::lines::floor_char_boundary(text, end);
        match windows.last_mut() {
            Some(w) if w.end >= start => w.end = end,
            _ => windows.push(start..end),
        }
    }
    let matches = windows.iter().flat_map(|w| {
        DEFINITION
            .captures_iter(&text[w.clone()])
            .map(move |c| (w.start, c))
    });
    for (base, c) in matches {
        let m = c.get(0).unwrap();
        let m = base + m.start()..base + m.end();
        if opaque.iter().any(|o| o.start <= m.start && m.start < o.end) {
            continue;
        }
        let term = c.name("term").unwrap();
        let term_start = base + term.start();
        let term_end = base + term.end();
        let t = term.as_str().trim();
        if t.is_empty() || !t.chars().next().is_some_and(|ch| ch.is_alphanumeric()) {
            continue;
        }
        let node = doc.node_at(term_start);
        defs.push(Definition {
            term: t.to_string(),
            term_span: term_start..term_start + term.as_str().trim_end().len(),
            node,
        });
        let whole = &text[m.clone()];
        let head_end = whole
            .rfind(|ch: char| ch.is_whitespace())
            .map_or(m.end, |p| m.start + p);
        for e in EXTRA_TERM.captures_iter(&text[term_end..head_end.max(term_end)]) {
            let et = e.name("term").unwrap();
            let start = term_end + et.start();
            defs.push(Definition {
                term: et.as_str().trim().to_string(),
                term_span: start..start + et.as_str().trim_end().len(),
                node,
            });
        }
    }
    defs
}
