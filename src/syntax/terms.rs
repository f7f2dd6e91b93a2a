//! Defined terms: `"computer system" means ...`, `“X” shall mean`, TeX
//! quotes ``` ``X" ```, `the term "X" includes`.

use super::held::{chars, matches_kept, past_long_run, Verdict};
use super::tree::{Definition, Document, Span};
use regex::Regex;
use regex_syntax::is_word_character;
use std::sync::LazyLock;

/// An opening quote: straight, curly, or TeX.
const OPEN: &str = r#"(?:``|"|“|‘|')"#;
/// A closing quote.
const CLOSE: &str = r#"(?:''|"|”|’|')"#;
/// The term itself: no quotes, brackets or line breaks; at most
/// [`TERM_MAX`] characters, held in code (`super::held`).
const TERM: &str = r#"[^"”’'`\n\[\]]+?"#;
/// What stands between two terms: `"X", "Y" or "Z"`.
const BETWEEN_TERMS: &str = r#"(?:,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+)"#;

/// The most characters of a term.
const TERM_MAX: usize = 80;
/// The most characters within the brackets after a term: `"X" (the "Y")`.
const ASIDE_MAX: usize = 60;
/// The most characters of a clause `, which ...,` before the verb.
const WHICH_MAX: usize = 60;

/// A definition's head, up to its verb. Groups: `term`, `aside` (within
/// brackets after it), `more` (the further terms, whole) and `which` (a
/// clause before the verb), each held to its length in code
/// ([`within_bounds`]).
static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"{OPEN}(?P<term>{TERM}){CLOSE}\s*(?:\((?P<aside>[^)\n]*)\)\s*)?(?P<more>(?:{BETWEEN_TERMS}{OPEN}{TERM}{CLOSE}\s*)*)(?:,\s*which\s(?P<which>[^,;\n]+),\s*)?(?:means|mean|shall mean|shall include|includes|include|refers to|shall refer to|has the meaning|shall have the meaning|is defined as|denotes)(?-u:\b)"#
    ))
    .unwrap()
});

/// One of the further terms in a [`DEFINITION`]'s `more` group.
static MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"{BETWEEN_TERMS}{OPEN}(?P<term>{TERM}){CLOSE}"#)).unwrap()
});

/// A further term in `"X", "Y" or "Z" means`.
static EXTRA_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?:,|\bor\b|\band\b)\s*{OPEN}(?P<term>{TERM}){CLOSE}"#
    ))
    .unwrap()
});

/// How many bytes an opening quote takes at most (`“`).
const OPEN_BYTES: usize = 3;

/// [`DEFINITION`]'s matches in `text`, each with its term.
fn definitions_in(text: &str) -> Vec<(Span, Span)> {
    matches_kept(&DEFINITION, text, |c| {
        let (whole, term) = whole_and_term(c);
        if chars(c, "term") > TERM_MAX {
            // every term begun within this one runs to its end too
            let (from, to) = (whole.start(), term.end());
            return Verdict::Refuse(past_long_run(text, from, to, TERM_MAX, OPEN_BYTES));
        }
        if !within_bounds(c) {
            return Verdict::Refuse(whole.start() + 1);
        }
        Verdict::Keep((whole.range(), term.range()), whole.end())
    })
}

/// The terms of [`EXTRA_TERM`]'s matches in `head`.
fn extra_terms(head: &str) -> Vec<Span> {
    matches_kept(&EXTRA_TERM, head, |c| {
        let (whole, term) = whole_and_term(c);
        if chars(c, "term") > TERM_MAX {
            return Verdict::Refuse(whole.start() + 1);
        }
        Verdict::Keep(term.range(), whole.end())
    })
}

/// A match, and its term (which it cannot match without).
fn whole_and_term<'t>(c: &regex::Captures<'t>) -> (regex::Match<'t>, regex::Match<'t>) {
    let whole = c.get(0).expect("group 0 of a match");
    (whole, c.name("term").expect("a term in every match"))
}

/// Whether each run of a [`DEFINITION`] match is within its length.
fn within_bounds(c: &regex::Captures) -> bool {
    let more_within = c.name("more").is_none_or(|more| {
        MORE.captures_iter(more.as_str())
            .all(|m| chars(&m, "term") <= TERM_MAX)
    });
    chars(c, "term") <= TERM_MAX
        && chars(c, "aside") <= ASIDE_MAX
        && chars(c, "which") <= WHICH_MAX
        && more_within
}

/// The verbs of a definition: only lines with one of them are read closely.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:mean|include|refer to|refers to|has the meaning|have the meaning|is defined as|denotes)").unwrap()
});

pub fn scan(text: &str, doc: &Document, opaque: &[Span]) -> Vec<Definition> {
    let verbs = VERB.find_iter(text).map(|v| (v.start(), v.end()));
    let mut defs = Vec::new();
    read_windows(text, doc, opaque, &windows(text, verbs), &mut defs);
    defs
}

/// The stretches that may hold a definition: the text just before each
/// definitional verb (`verbs`, in text order), overlapping ones merged.
fn windows(text: &str, verbs: impl Iterator<Item = (usize, usize)>) -> Vec<Span> {
    let mut windows: Vec<Span> = Vec::new();
    for (v_start, v_end) in verbs {
        // the line's start within the window only: a scan to the start of a
        // megabyte-long line for every verb on it would be quadratic
        let from = crate::syntax::lines::floor_char_boundary(text, v_start.saturating_sub(240));
        let line_start = text[from..v_start]
            .rfind('\n')
            .map_or(from, |p| from + p + 1);
        let mut start = v_start.saturating_sub(240).max(line_start);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let end = (v_end + 16).min(text.len());
        let end = crate::syntax::lines::floor_char_boundary(text, end);
        match windows.last_mut() {
            Some(w) if w.end >= start => w.end = end,
            _ => windows.push(start..end),
        }
    }
    windows
}

/// How far around an edit the verbs are looked for again; the windows
/// read again are cut where no window runs, at least `MARGIN` from the
/// edit (farther than a window reaches before or after its verb).
const AROUND: usize = 4096;
const MARGIN: usize = 300;

/// [`scan`] of `new` (`doc` its parse so far), `edit` made to a text whose
/// definitions were `old`: the definitions in the windows around the
/// edit are read again, between two points where no window runs, and
/// the others moved. The opaque spans must be the old ones (the caller's
/// to say). `None` when no such points lie near the edit: scan.
pub(crate) fn after_edit(
    new: &str,
    doc: &Document,
    opaque: &[Span],
    old: &[Definition],
    edit: &super::incremental::Edit,
) -> Option<Vec<Definition>> {
    use crate::syntax::lines::floor_char_boundary;
    let a = floor_char_boundary(new, edit.start.saturating_sub(AROUND));
    let b = floor_char_boundary(new, edit.new_end + AROUND);
    let verbs = VERB
        .find_iter(&new[a..b])
        .map(|v| (a + v.start(), a + v.end()));
    let near = windows(new, verbs);
    // a window holding a point is cut at its start (left) or end (right)
    let around = |x: usize, right: bool| {
        near.iter()
            .find(|w| w.start < x && x < w.end)
            .map_or(x, |w| if right { w.end } else { w.start })
    };
    // at the text's start or end, nothing lies beyond to be cut short
    let left = around(edit.start.saturating_sub(MARGIN), false);
    let right = around((edit.new_end + MARGIN).min(new.len()), true);
    if (a > 0 && left < a + MARGIN) || (b < new.len() && right + MARGIN > b) {
        return None;
    }
    let old_right = edit.old_offset(right);
    let mut defs: Vec<Definition> = old
        .iter()
        .take_while(|d| d.term_span.start < left)
        .cloned()
        .collect();
    let inside: Vec<Span> = near
        .into_iter()
        .filter(|w| w.start >= left && w.end <= right)
        .collect();
    read_windows(new, doc, opaque, &inside, &mut defs);
    for d in old.iter().filter(|d| d.term_span.start >= old_right) {
        let term_span = edit.moved_span(&d.term_span)?;
        defs.push(Definition {
            term_span,
            ..d.clone()
        });
    }
    // the elements may have changed around the edit (a resumed structure)
    for d in &mut defs {
        d.node = doc.node_at(d.term_span.start);
    }
    Some(defs)
}

/// The definitions in `windows`, in text order.
fn read_windows(
    text: &str,
    doc: &Document,
    opaque: &[Span],
    windows: &[Span],
    defs: &mut Vec<Definition>,
) {
    let matches = windows.iter().flat_map(|w| {
        let moved = move |s: Span| w.start + s.start..w.start + s.end;
        definitions_in(&text[w.clone()])
            .into_iter()
            .map(move |(m, term)| (moved(m), moved(term)))
    });
    for (m, term) in matches {
        // the regex's last `\b` is ASCII (a Unicode one makes its fast
        // automaton give up on every non-ASCII window); `meansé` is no verb
        if text[m.end..].chars().next().is_some_and(is_word_character) {
            continue;
        }
        if opaque.iter().any(|o| o.start <= m.start && m.start < o.end) {
            continue;
        }
        let (term_start, term_end) = (term.start, term.end);
        let term = &text[term];
        let t = term.trim();
        if t.is_empty() || !t.chars().next().is_some_and(|ch| ch.is_alphanumeric()) {
            continue;
        }
        let node = doc.node_at(term_start);
        defs.push(Definition {
            term: t.to_string(),
            term_span: term_start..term_start + term.trim_end().len(),
            node,
        });
        let whole = &text[m.clone()];
        let head_end = whole
            .rfind(|ch: char| ch.is_whitespace())
            .map_or(m.end, |p| m.start + p);
        for et in extra_terms(&text[term_end..head_end.max(term_end)]) {
            let start = term_end + et.start;
            let et = &text[term_end + et.start..term_end + et.end];
            defs.push(Definition {
                term: et.trim().to_string(),
                term_span: start..start + et.trim_end().len(),
                // its own element, as every term's (`"X"` in (a), `or "Y"
                // means` in (b))
                node: doc.node_at(start),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{definitions_in, extra_terms, Span, CLOSE, OPEN};
    use proptest::prelude::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The patterns as they were, with bounded repetitions: the matches
    /// `definitions_in` and `extra_terms` must give.
    const BOUNDED_TERM: &str = r#"[^"”’'`\n\[\]]{1,80}?"#;
    static BOUNDED_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r#"{OPEN}(?P<term>{BOUNDED_TERM}){CLOSE}\s*(?:\([^)\n]{{0,60}}\)\s*)?(?:(?:,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+){OPEN}{BOUNDED_TERM}{CLOSE}\s*)*(?:,\s*which\s[^,;\n]{{1,60}},\s*)?(?:means|mean|shall mean|shall include|includes|include|refers to|shall refer to|has the meaning|shall have the meaning|is defined as|denotes)(?-u:\b)"#
        ))
        .unwrap()
    });
    static BOUNDED_EXTRA_TERM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r#"(?:,|\bor\b|\band\b)\s*{OPEN}(?P<term>{BOUNDED_TERM}){CLOSE}"#
        ))
        .unwrap()
    });

    fn agree(text: &str) -> Result<(), TestCaseError> {
        let bounded: Vec<(Span, Span)> = BOUNDED_DEFINITION
            .captures_iter(text)
            .map(|c| (c.get(0).unwrap().range(), c.name("term").unwrap().range()))
            .collect();
        prop_assert_eq!(definitions_in(text), bounded, "definitions in {:?}", text);
        let bounded: Vec<Span> = BOUNDED_EXTRA_TERM
            .captures_iter(text)
            .map(|c| c.name("term").unwrap().range())
            .collect();
        prop_assert_eq!(extra_terms(text), bounded, "further terms in {:?}", text);
        Ok(())
    }

    #[test]
    fn the_verb_ends_at_a_unicode_word_boundary() {
        let terms = |t: &str| -> Vec<String> {
            crate::syntax::parse(t)
                .definitions
                .into_iter()
                .map(|d| d.term)
                .collect()
        };
        assert_eq!(terms("“data” means é facts.\n"), ["data"]);
        assert_eq!(terms("“data” meansé facts.\n"), Vec::<String>::new());
        assert_eq!(terms("“data” means_x facts.\n"), Vec::<String>::new());
        assert_eq!(terms("“data” means, é\n"), ["data"]);
    }

    #[test]
    fn definitions_are_those_the_bounded_pattern_found() {
        let opens = ["``", "\"", "“", "‘", "'", "`"];
        let closes = ["''", "\"", "”", "’", "'", ""];
        let long = |n: usize| "é".repeat(n);
        let terms = [
            "computer system".to_string(),
            "x".into(),
            "".into(),
            "State's party".into(),
            "a[b]".into(),
            "é 😀 ü".into(),
            "a\nb".into(),
            long(80),
            long(81),
        ];
        let tails = [
            " means".to_string(),
            " shall mean".into(),
            " (the \"Y\") includes".into(),
            ", \"Z\" or \"W\" means".into(),
            ", which is long, means".into(),
            " denotes".into(),
            " is".into(),
            format!(" ({}) means", long(60)),
            format!(" ({}) means", long(61)),
            format!(", which {}, means", long(59)),
            format!(", which {}, means", long(60)),
            format!(", which {}, means", long(61)),
            format!(", “{}” or “b” means", long(80)),
            format!(", “{}” or “b” means", long(81)),
        ];
        let mut found = 0;
        for o in opens {
            for t in &terms {
                for c in closes {
                    for tail in &tails {
                        for lead in ["", "The term ", "''", "\"\" "] {
                            let text = format!("{lead}{o}{t}{c}{tail} a thing");
                            agree(&text).unwrap();
                            found += definitions_in(&text).len();
                        }
                    }
                }
            }
        }
        assert!(found > 500, "{found} matches");
    }

    /// Pieces of definitions, and runs that together reach the lengths
    /// where the bounds fall (60 and 80 characters).
    const PIECES: &[&str] = &[
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "``",
        "''",
        "`",
        "[",
        "]",
        "\n",
        " ",
        ", ",
        " or ",
        " and ",
        "or",
        "(",
        ")",
        ", which ",
        "which",
        " means",
        " shall mean",
        " includes",
        " denotes",
        "data",
        "computer system",
        "é",
        "😀",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        /// Terms held to their length in code are those the bounded
        /// patterns found, match for match.
        #[test]
        fn lengths_held_in_code_find_what_bounded_patterns_found(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)
        ) {
            agree(&pieces.concat())?;
        }
    }
}
