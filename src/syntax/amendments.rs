//! Text that belongs to another act: an article that amends one
//! (`Regulation (EU) No 648/2012 is amended as follows:`, `In Article 4 of
//! Directive 2002/65/EC, paragraph 5 is replaced by the following:`) and
//! the text it quotes. What it cites (`in Article 79, paragraphs 1 and 2
//! are replaced`, `paragraph 4 of this Article` inside the quotation) is the
//! amended act's: neither resolved here nor reported dangling, and its
//! quoted numbering is not this draft's.

use super::tree::{Amendment, Document, NodeKind, Reference, Scope};
use regex::Regex;
use std::sync::LazyLock;

/// The words that introduce an amendment, before the colon that opens the
/// new text or the list of changes.
static AMENDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:is|are|shall\s+be)\s+(?:hereby\s+)?(?:amended\s+as\s+follows|replaced\s+by\s+the\s+following|(?:added|inserted|substituted)(?:\s+as\s+follows)?|worded\s+as\s+follows)|shall\s+read\s+as\s+follows)[^.:\n]{0,80}:",
    )
    .unwrap()
});

/// The verb at the heart of every amending phrase: rarer than the `is`,
/// `are` and `shall` that [`AMENDING`] starts with, so the text is searched
/// for it and the whole phrase only around each hit.
static AMENDING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:amended|replaced|added|inserted|substituted|worded|read)(?-u:\b)")
        .unwrap()
});

/// [`AMENDING`]'s matches in `text`, in order: each is looked for around a
/// verb of [`AMENDING_VERB`], from far enough before it for `shall be
/// hereby` to far enough after it for the colon.
fn amending_phrases(text: &str) -> impl Iterator<Item = regex::Match<'_>> + '_ {
    let mut done = 0;
    AMENDING_VERB.find_iter(text).filter_map(move |verb| {
        if verb.start() < done {
            return None;
        }
        let from = super::lines::floor_char_boundary(text, verb.start().saturating_sub(64));
        let mut to = (verb.end() + 160).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        // the phrase of this verb, not of a later one
        let m = AMENDING
            .find_at(&text[..to], from.max(done))
            .filter(|m| m.start() <= verb.start())?;
        done = m.end();
        Some(m)
    })
}

/// Whether `line` ends in words that announce quoted text of another act
/// (`paragraph 3 is replaced by the following:`).
pub fn announces_quotation(line: &str) -> bool {
    line.trim_end().ends_with(':') && AMENDING_VERB.is_match(line) && AMENDING.is_match(line)
}

/// Where the text amends another act, in text order; nested amending
/// phrases (`(1) Article 26 is amended as follows:`) are inside the
/// outer one's region.
pub fn scan(text: &str, doc: &Document) -> Vec<Amendment> {
    let mut out: Vec<Amendment> = Vec::new();
    for m in amending_phrases(text) {
        if out.last().is_some_and(|a| a.span.contains(&m.start())) {
            continue;
        }
        let at = doc.node_at(m.start());
        // to the end of the article (or the element) the words stand in
        let region_end = doc
            .enclosing(at, NodeKind::Article)
            .map_or(doc.node(at).span.end, |a| doc.node(a).span.end);
        if at == crate::syntax::NodeId::ROOT || region_end <= m.end() {
            continue;
        }
        let sentence_start = sentence_start(text, m.start());
        // the act named in the sentence, else in the article's heading
        // (`Amendments to Regulation (EC) No 1060/2009`)
        let article_start = doc
            .enclosing(at, NodeKind::Article)
            .map_or(sentence_start, |a| doc.node(a).span.start);
        let named_from = |from: usize, at: usize| {
            super::short_names::instrument_named_before(text, at)
                .filter(|name| name.as_ptr() as usize - text.as_ptr() as usize >= from)
        };
        // `added to the Protocol as Article 4B:`, else before the words
        let act = named_from(m.start(), m.end() - 1)
            .or_else(|| named_from(article_start, m.start()))
            .map(str::to_string);
        // a consolidated text amends itself: `The following Article shall be
        // added to the Protocol as Article 4B:` in the Protocol
        if act
            .as_deref()
            .is_some_and(|a| names_this_document(a, doc, text))
        {
            continue;
        }
        out.push(Amendment {
            span: sentence_start..region_end,
            act,
        });
    }
    out
}

/// Whether `act` is a bare head noun (`Protocol`, `the Convention`) that
/// the document calls itself: in its title, or as `this Protocol`.
fn names_this_document(act: &str, doc: &Document, text: &str) -> bool {
    let act = act.trim_start_matches("the ").trim();
    if act.contains(' ') || act.is_empty() {
        return false;
    }
    let in_title = doc.title.as_deref().is_some_and(|t| {
        t.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(act))
    });
    let this = |word: &str| {
        let needle = format!("{word} {act}");
        memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some()
            || memchr::memmem::find(text.as_bytes(), needle.to_lowercase().as_bytes()).is_some()
    };
    in_title || this("this") || this("present")
}

/// Where the sentence holding `at` starts: after the last line break or
/// sentence end before it.
fn sentence_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    let line = head.rfind(['\n', '\r']).map_or(0, |p| p + 1);
    let sentence = head.rfind(". ").map_or(0, |p| p + 2);
    line.max(sentence)
}

/// Block quotes (`> ...` lines): text quoted from another instrument, the
/// one named last before the quote when there is one. Given as
/// amendments, so that their references are that instrument's.
pub fn block_quotes(text: &str) -> Vec<Amendment> {
    if memchr::memchr(b'>', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut out: Vec<Amendment> = Vec::new();
    for line in super::lines::split_lines(text) {
        let raw = &text[line.start..line.end];
        let quoted = raw.trim_start_matches([' ', '\t']).starts_with('>')
            && raw.len() - raw.trim_start_matches([' ', '\t']).len() <= 3;
        if !quoted {
            continue;
        }
        match out.last_mut() {
            // a quote goes on over its lines (and the breaks between them)
            Some(q) if text[q.span.end..line.start].trim().is_empty() => q.span.end = line.end,
            _ => out.push(Amendment {
                span: line.start..line.end,
                // named in the words that introduce the quote (`Article 2
                // of the Charter reads:`)
                act: super::short_names::instrument_named_before(
                    text,
                    text[..line.start].trim_end().len(),
                )
                .map(str::to_string),
            }),
        }
    }
    for q in &mut out {
        q.act.get_or_insert_with(|| "the quoted text".to_string());
    }
    out
}

/// References inside an amendment cite the amended act, whatever they
/// say (`of this Article` in quoted text is the amended act's article),
/// unless they name another instrument.
pub fn scope_references(references: &mut [Reference], amendments: &[Amendment]) {
    if amendments.is_empty() {
        return;
    }
    for r in references {
        if matches!(r.scope, Scope::External { .. }) {
            continue;
        }
        let Some(a) = amendments.iter().find(|a| a.span.contains(&r.span.start)) else {
            continue;
        };
        r.scope = Scope::External {
            name: a
                .act
                .clone()
                .unwrap_or_else(|| "the amended act".to_string()),
            span: r.span.clone(),
        };
    }
}
