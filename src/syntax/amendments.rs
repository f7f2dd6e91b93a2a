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

/// How far after its verb an amending phrase may end (with its colon):
/// the phrase is looked for up to here.
const PHRASE_REACH: usize = 160;

/// [`AMENDING`]'s matches in `text`, in order: each is looked for around a
/// verb of [`AMENDING_VERB`], from far enough before it for `shall be
/// hereby` to far enough after it for the colon.
fn amending_phrases(text: &str) -> impl Iterator<Item = regex::Match<'_>> + '_ {
    phrases_of(text, verbs_before_colons(text))
}

/// The phrases found around `verbs` (matches of [`AMENDING_VERB`] in
/// `text`, in order).
fn phrases_of<'t>(
    text: &'t str,
    verbs: impl Iterator<Item = regex::Match<'t>> + 't,
) -> impl Iterator<Item = regex::Match<'t>> + 't {
    let mut done = 0;
    verbs.filter_map(move |verb| {
        if verb.start() < done {
            return None;
        }
        let from = super::lines::floor_char_boundary(text, verb.start().saturating_sub(64));
        let mut to = (verb.end() + PHRASE_REACH).min(text.len());
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

/// The matches of [`AMENDING_VERB`] near a colon, in order: only they can
/// find a phrase, which ends at a colon at most [`PHRASE_REACH`] bytes
/// after its verb and starts at most 64 before it (so the verb may stand
/// after the colon too). Colons are rare, so the verbs are looked for only
/// around each (the verbs' search through a whole text was a fifth of a
/// parse resumed after an edit); a verb found is the one the search of the
/// whole text finds, as each stretch searched ends at an ASCII byte that
/// is no letter, digit or underscore (where the word boundary is the same,
/// and no verb is cut).
fn verbs_before_colons(text: &str) -> impl Iterator<Item = regex::Match<'_>> + '_ {
    // a verb's longest spelling: `substituted`, each letter possibly a
    // character of three bytes that folds to it (`K` for `k`)
    const LONGEST_VERB: usize = 11 * 3;
    // how far a phrase's start may lie before its verb (64, on a character
    // boundary), and its end after (`PHRASE_REACH`, likewise)
    const BEFORE: usize = 64 + 6;
    const AFTER: usize = PHRASE_REACH + 3 + LONGEST_VERB + 4;
    let bytes = text.as_bytes();
    let mut searched = 0;
    memchr::memchr_iter(b':', bytes).flat_map(move |colon| {
        let back = colon.saturating_sub(AFTER);
        let mut at = super::lines::floor_char_boundary(text, back).max(searched);
        // to a byte no verb holds: not a letter, digit, underscore or part
        // of a character that may fold to a letter (where the text already
        // searched ends, at the latest: each byte is looked at once)
        let mut end = (colon + BEFORE + LONGEST_VERB).min(bytes.len()).max(at);
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] >= 0x80)
        {
            end += 1;
        }
        searched = end;
        std::iter::from_fn(move || {
            // `find_at` sees the text before `at`, for the word boundary
            let verb = AMENDING_VERB.find_at(&text[..end], at)?;
            at = verb.end();
            Some(verb)
        })
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
    // the lines whose first character after at most three spaces or tabs
    // is `>`: found from the first `>` of each line, not by reading every
    // line (the line of a later `>` is known: a line of `>`s is read once)
    let mut line_read_to = 0;
    let quoted_lines = memchr::memchr_iter(b'>', text.as_bytes()).filter_map(move |at| {
        if at < line_read_to {
            return None;
        }
        let start = super::lines::line_start(text, at);
        let end = super::lines::line_end(text, at);
        line_read_to = end;
        let indent = &text[start..at];
        (indent.len() <= 3 && indent.bytes().all(|b| b == b' ' || b == b'\t')).then_some(start..end)
    });
    quotes_of(text, quoted_lines)
}

/// The block quotes made of `lines` (the quoted ones, in order): a quote
/// goes on over its lines and the breaks between them.
fn quotes_of(text: &str, lines: impl Iterator<Item = std::ops::Range<usize>>) -> Vec<Amendment> {
    let mut out: Vec<Amendment> = Vec::new();
    for line in lines {
        match out.last_mut() {
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
/// unless they name another instrument. Returns the scopes it replaced,
/// with the references' indexes. `amendments` in text order.
pub fn scope_references(
    references: &mut [Reference],
    amendments: &[Amendment],
) -> Vec<(usize, Scope)> {
    let mut replaced = Vec::new();
    if amendments.is_empty() {
        return replaced;
    }
    // the farthest end of the amendments up to each: the first to
    // contain an offset is the first whose running end passes it
    let reach: Vec<usize> = amendments
        .iter()
        .scan(0, |end, a| {
            *end = a.span.end.max(*end);
            Some(*end)
        })
        .collect();
    for (i, r) in references.iter_mut().enumerate() {
        if matches!(r.scope, Scope::External(_)) {
            continue;
        }
        let at = r.span.start;
        let started = amendments.partition_point(|a| a.span.start <= at);
        let first = reach[..started].partition_point(|&end| end <= at);
        let Some(a) = amendments[..started].get(first) else {
            continue;
        };
        let scope = Scope::external(
            a.act
                .clone()
                .unwrap_or_else(|| "the amended act".to_string()),
            r.span.clone(),
        );
        replaced.push((i, std::mem::replace(&mut r.scope, scope)));
    }
    replaced
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The phrases as found before the search was kept to the stretches
    /// before colons: every verb of the text tried.
    fn phrases_from_every_verb(text: &str) -> Vec<(usize, usize)> {
        phrases_of(text, AMENDING_VERB.find_iter(text))
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// Block quotes as found before: every line read.
    fn block_quotes_reading_every_line(text: &str) -> Vec<Amendment> {
        let quoted = super::super::lines::split_lines(text)
            .into_iter()
            .filter(|line| {
                let raw = &text[line.start..line.end];
                raw.trim_start_matches([' ', '\t']).starts_with('>')
                    && raw.len() - raw.trim_start_matches([' ', '\t']).len() <= 3
            });
        quotes_of(text, quoted.map(|l| l.start..l.end))
    }

    const QUOTE_PIECES: &[&str] = &[
        "> ",
        ">",
        "   >",
        "    >",
        "\t>",
        " \t >",
        ">>",
        "a > b",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "x",
        "Article 2 of the Charter reads:",
        "the Convention",
        " ",
        "ü",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        /// Finding quoted lines from each `>` finds what reading every
        /// line found.
        #[test]
        fn block_quotes_from_each_marker_are_those_of_every_line(
            pieces in prop::collection::vec(prop::sample::select(QUOTE_PIECES), 0..60)
        ) {
            let text = pieces.concat();
            prop_assert_eq!(block_quotes(&text), block_quotes_reading_every_line(&text));
        }
    }

    const PIECES: &[&str] = &[
        "Article 5 is amended as follows:",
        "paragraph 2 is replaced by the following:",
        "shall be inserted",
        "are hereby added as follows",
        "shall read as follows",
        "is worded as follows",
        "is amended",
        "inſerted",
        "ADDED",
        "K",
        "ſ",
        "中文",
        "read",
        " ",
        "   ",
        ":",
        ".",
        "\n",
        "the Parties",
        "ünïcode",
        "x",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        /// Looking for verbs only before colons finds every phrase the
        /// search of every verb finds, and no other.
        #[test]
        fn verbs_before_colons_find_the_phrases_every_verb_finds(
            pieces in prop::collection::vec(
                prop_oneof![
                    4 => prop::sample::select(PIECES).prop_map(String::from),
                    1 => "[a-z ]{0,200}",
                ],
                0..40,
            )
        ) {
            let text = pieces.concat();
            let found: Vec<(usize, usize)> =
                amending_phrases(&text).map(|m| (m.start(), m.end())).collect();
            prop_assert_eq!(found, phrases_from_every_verb(&text));
        }
    }
}
