//! Where defined terms are used: every occurrence of a term defined in the
//! document (`computer system`, `computer systems`), linked to its definition.

use crate::syntax::{Document, Span};
use regex::RegexBuilder;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    /// Index into `Document::definitions`.
    pub definition: usize,
    /// The quoted term in its definition itself.
    pub is_definition: bool,
}

pub fn occurrences(text: &str, doc: &Document) -> Vec<Occurrence> {
    if doc.definitions.is_empty() {
        return Vec::new();
    }
    // first definition of each term wins; longest terms first so that
    // `computer data` is not read as `computer`
    let mut by_term: HashMap<String, usize> = HashMap::new();
    for (i, d) in doc.definitions.iter().enumerate() {
        by_term.entry(d.term.to_lowercase()).or_insert(i);
    }
    let mut terms: Vec<&String> = by_term.keys().collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let alternation: Vec<String> = terms.iter().map(|t| regex::escape(t)).collect();
    // ASCII word boundaries keep the fast DFA engine (Unicode ones do not)
    let pattern = format!(r"(?-u:\b)(?:{})(?:s|es)?(?-u:\b)", alternation.join("|"));
    let Ok(re) = RegexBuilder::new(&pattern)
        .case_insensitive(true)
        .size_limit(1 << 24)
        .build()
    else {
        return Vec::new();
    };
    let definition_at: HashMap<usize, usize> = doc
        .definitions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.term_span.start, i))
        .collect();
    let mut out = Vec::new();
    for m in re.find_iter(text) {
        let found = m.as_str().to_lowercase();
        let key = [
            found.as_str(),
            found.strip_suffix("es").unwrap_or(""),
            found.strip_suffix('s').unwrap_or(""),
        ]
        .into_iter()
        .find(|k| !k.is_empty() && by_term.contains_key(*k));
        let Some(key) = key else { continue };
        let definition = by_term[key];
        let own = definition_at.get(&m.start()).copied();
        out.push(Occurrence {
            span: m.range(),
            definition: own.unwrap_or(definition),
            is_definition: own.is_some(),
        });
    }
    out
}
