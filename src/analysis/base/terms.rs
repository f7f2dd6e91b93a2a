//! Where defined terms are used: every occurrence of a term defined in the
//! document (`computer system`, `computer systems`), linked to its definition.

use crate::syntax::{Document, Span};
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
    let mut terms: Vec<&str> = by_term.keys().map(String::as_str).collect();
    terms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let Some(re) = matcher(&terms) else {
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

/// The pattern that finds `terms` (longest first), compiled once for as
/// long as the terms stay the same: an edit rarely changes what a draft
/// defines, and compiling the pattern costs more than running it (a few
/// milliseconds for a long treaty's hundred terms). A few sets are kept,
/// for the several drafts of a workspace.
fn matcher(terms: &[&str]) -> Option<Arc<Regex>> {
    const KEPT: usize = 8;
    static RECENT: Mutex<Vec<(Vec<String>, Arc<Regex>)>> = Mutex::new(Vec::new());
    let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = recent.iter().position(|(t, _)| t.iter().eq(terms.iter())) {
        let hit = recent.remove(i);
        let re = hit.1.clone();
        recent.insert(0, hit);
        return Some(re);
    }
    // compiled without the lock held: another file's terms need not wait
    drop(recent);
    let alternation: Vec<String> = terms.iter().map(|t| regex::escape(t)).collect();
    // ASCII word boundaries keep the fast DFA engine (Unicode ones do not)
    let pattern = format!(r"(?-u:\b)(?:{})(?:s|es)?(?-u:\b)", alternation.join("|"));
    // shared, not cloned: a clone would start with cold caches
    let re = Arc::new(
        RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .size_limit(1 << 24)
            .build()
            .ok()?,
    );
    let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
    recent.insert(
        0,
        (terms.iter().map(|t| t.to_string()).collect(), re.clone()),
    );
    recent.truncate(KEPT);
    Some(re)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let doc = crate::syntax::parse(text);
        occurrences(text, &doc)
            .into_iter()
            .map(|o| &text[o.span])
            .collect()
    }

    #[test]
    fn each_document_is_searched_for_its_own_terms() {
        let a = "### Article 1\n\n\"Computer system\" means any device.\n\nEvery computer systems and service provider.\n";
        let b = "### Article 1\n\n\"Service provider\" means any entity.\n\nA computer system of a Service Providers.\n";
        // alternating, so that a pattern kept from one is never used for
        // the other
        for _ in 0..2 {
            assert_eq!(found(a), ["Computer system", "computer systems"]);
            assert_eq!(found(b), ["Service provider", "Service Providers"]);
        }
        // a new term in an edited version is found
        let a2 = a.replace(
            "any device.",
            "any device. \"Data\" means facts.\n\nThe data.",
        );
        assert_eq!(
            found(&a2),
            ["Computer system", "Data", "data", "computer systems"]
        );
    }
}
