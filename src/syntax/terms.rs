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

pub fn scan(text: &str, doc: &Document, opaque: &[Span]) -> Vec<Definition> {
    let mut defs = Vec::new();
    for c in DEFINITION.captures_iter(text) {
        let m = c.get(0).unwrap();
        if opaque
            .iter()
            .any(|o| o.start <= m.start() && m.start() < o.end)
        {
            continue;
        }
        let term = c.name("term").unwrap();
        let t = term.as_str().trim();
        if t.is_empty() || !t.chars().next().is_some_and(|ch| ch.is_alphanumeric()) {
            continue;
        }
        let node = doc.node_at(term.start());
        defs.push(Definition {
            term: t.to_string(),
            term_span: term.start()..term.start() + term.as_str().trim_end().len(),
            node,
        });
        let head_end = m
            .as_str()
            .rfind(|ch: char| ch.is_whitespace())
            .map_or(m.end(), |p| m.start() + p);
        for e in EXTRA_TERM.captures_iter(&text[term.end()..head_end]) {
            let et = e.name("term").unwrap();
            let start = term.end() + et.start();
            defs.push(Definition {
                term: et.as_str().trim().to_string(),
                term_span: start..start + et.as_str().trim_end().len(),
                node,
            });
        }
    }
    defs
}
