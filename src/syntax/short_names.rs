//! A document's own short names for other instruments: `the United Nations
//! Framework Convention on Climate Change, hereinafter referred to as "the
//! Convention"`, or a definition `"Convention" means the United Nations
//! Framework Convention on Climate Change`. `Article 4 of the Convention`
//! then cites that instrument, never this one.

use super::held::{matches_kept, past_long_run, Verdict};
use super::reference::{INSTRUMENT_NOUNS, NAME_CONNECTORS};
use super::tree::{ShortName, Span};
use regex::Regex;
use std::sync::LazyLock;

// The two patterns below hold a name's length in code (`super::held`);
// the tests keep the bounded patterns they replace, and compare.

/// `hereinafter referred to as "the Convention"`, `(hereinafter "the
/// Charter")`, `hereinafter called the 'Protocol'`: the short name is
/// group 1, of at most [`SHORT_MAX`] characters.
static HEREINAFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?-u:\b)hereinafter(?:[ \t\r\n]{1,64}(?:referred[ \t\r\n]{1,64}to[ \t\r\n]{1,64}as|called|cited[ \t\r\n]{1,64}as|named))?[ \t\r\n]{0,64}[:,]?[ \t\r\n]{0,64}(?:the[ \t\r\n]{1,64})?[*_]{0,8}["“‘'](?:the[ \t\r\n]{1,64})?([^"”’'\n]+)["”’']"#,
    )
    .unwrap()
});

/// `"Convention" means the United Nations Framework Convention ...`: the
/// short name is group 1, of at most [`SHORT_MAX`] characters after its
/// capital; the long one starts at group 2 (a capital and three more
/// characters) and runs on to [`LONG_MAX`] characters after its capital.
static MEANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"["“‘](?:the )?([A-Z][^"”’\n]*)["”’][ \t]{1,64}(?:means|shall[ \t]{1,64}mean|refers[ \t]{1,64}to)[ \t]{1,64}(?:the[ \t]{1,64})?([A-Z][^,;:.()\n]{3})"#,
    )
    .unwrap()
});

/// The most characters of a short name (after the capital, in a
/// definition).
const SHORT_MAX: usize = 60;
/// The most characters of a long name after its capital, in a definition.
const LONG_MAX: usize = 200;

/// A short name given in `text` (`short`) and the match that gives it
/// (`whole`); in a definition, the long name too.
struct Found {
    whole: Span,
    short: Span,
    long: Option<Span>,
}

/// How many bytes [`HEREINAFTER`] may match ahead of its short name:
/// `hereinafter referred to as: the ** "the ` with each run of spaces at
/// its longest (64), and room for letters that fold to two or three bytes.
const HEREINAFTER_AHEAD: usize = 600;
/// How many bytes [`MEANS`] may match ahead of its short name: `“the `.
const MEANS_AHEAD: usize = 7;

/// A group the pattern cannot match without.
fn group<'t>(c: &regex::Captures<'t>, i: usize) -> regex::Match<'t> {
    c.get(i).expect("a group outside any optional part")
}

/// [`HEREINAFTER`]'s matches in `text`.
fn hereinafter(text: &str) -> Vec<Found> {
    matches_kept(&HEREINAFTER, text, |c| {
        let (whole, short) = (group(c, 0), group(c, 1));
        if short.as_str().chars().count() > SHORT_MAX {
            let (from, to) = (whole.start(), short.end());
            return Verdict::Refuse(past_long_run(text, from, to, SHORT_MAX, HEREINAFTER_AHEAD));
        }
        let found = Found {
            whole: whole.range(),
            short: short.range(),
            long: None,
        };
        Verdict::Keep(found, whole.end())
    })
}

/// [`MEANS`]'s matches in `text`, each long name run on to its end.
fn means(text: &str) -> Vec<Found> {
    matches_kept(&MEANS, text, |c| {
        let (whole, short, long) = (group(c, 0), group(c, 1), group(c, 2));
        if short.as_str().chars().count() > 1 + SHORT_MAX {
            let (from, to) = (whole.start(), short.end());
            return Verdict::Refuse(past_long_run(text, from, to, 1 + SHORT_MAX, MEANS_AHEAD));
        }
        // a capital and three characters matched: up to LONG_MAX in all
        let rest = &text[long.end()..];
        let stop = |ch: char| matches!(ch, ',' | ';' | ':' | '.' | '(' | ')' | '\n');
        let more = rest
            .char_indices()
            .take(LONG_MAX - 3)
            .find(|&(_, ch)| stop(ch))
            .or_else(|| rest.char_indices().nth(LONG_MAX - 3))
            .map_or(rest.len(), |(i, _)| i);
        let end = long.end() + more;
        let found = Found {
            whole: whole.start()..end,
            short: short.range(),
            long: Some(long.start()..end),
        };
        Verdict::Keep(found, end)
    })
}

/// How far from an edit a short name may read: its match (runs of
/// spaces are held to 64 bytes, so under 2 KB) and the name before it
/// (`name_before`, 1 KB).
const REACH: usize = 3 * 1024;

/// [`scan`] of `new`, `old` (whose short names are `names`) edited by
/// `edit`, when no short name can have changed: nothing within [`REACH`]
/// of the edit, in either text, matches a short name's pattern, and the
/// opaque spans are the old ones (the caller's to say). `None`: scan.
pub(crate) fn after_edit(
    old: &str,
    names: &[ShortName],
    new: &str,
    edit: &super::incremental::Edit,
) -> Option<Vec<ShortName>> {
    let near = |text: &str, end: usize| {
        let from =
            crate::syntax::lines::floor_char_boundary(text, edit.start.saturating_sub(REACH));
        let to = crate::syntax::lines::floor_char_boundary(text, end + REACH);
        let window = &text[from..to];
        // the patterns find whatever their bounded forms find: a cheap
        // look first, and the lengths only where it finds something
        let here = HEREINAFTER.is_match(window) && !hereinafter(window).is_empty();
        here || MEANS.is_match(window) && !means(window).is_empty()
    };
    if near(old, edit.old_end) || near(new, edit.new_end) {
        return None;
    }
    names
        .iter()
        .map(|n| {
            Some(ShortName {
                span: edit.moved_span(&n.span)?,
                ..n.clone()
            })
        })
        .collect()
}

/// Every short name the text gives another instrument, in text order,
/// outside `opaque` spans.
pub fn scan(text: &str, opaque: &[Span]) -> Vec<ShortName> {
    let outside = |at: usize| !opaque.iter().any(|s| s.contains(&at));
    let mut out = Vec::new();
    // no whole-text gate before either search: a word anywhere would make
    // a short name depend on text far from it (see `after_edit`)
    for f in hereinafter(text) {
        if outside(f.whole.start) {
            if let Some(long) = name_before(text, f.whole.start) {
                push(&mut out, &text[f.short.clone()], long, f.short);
            }
        }
    }
    for f in means(text) {
        if let (true, Some(long)) = (outside(f.short.start), f.long) {
            let short = &text[f.short.clone()];
            push(&mut out, short, name_in(&text[long]), f.short);
        }
    }
    out.sort_by_key(|s| s.span.start);
    out
}

/// Keeps a short name when the long one names an instrument (`the Parties`
/// is no instrument) and differs from the short one.
fn push(out: &mut Vec<ShortName>, short: &str, long: &str, span: Span) {
    let short = short.trim().trim_start_matches("the ").trim();
    let long = long.trim();
    if short.is_empty() || long.is_empty() || short.eq_ignore_ascii_case(long) {
        return;
    }
    let names_instrument = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .any(|w| INSTRUMENT_NOUNS.contains(&w.to_lowercase().as_str()))
    };
    let acronym = short.len() <= 8 && short.chars().all(|c| c.is_ascii_uppercase());
    if names_instrument(long) && (names_instrument(short) || acronym) {
        out.push(ShortName {
            short: short.to_string(),
            long: long.to_string(),
            span,
        });
    }
}

/// The instrument name written just before `at` (`... the United Nations
/// Framework Convention on Climate Change, hereinafter ...`): the run of
/// capitalised words, connectors and numbers ending there.
fn name_before(text: &str, at: usize) -> Option<&str> {
    // a name is read from at most 1 KB before (see `REACH`)
    let from = crate::syntax::lines::floor_char_boundary(text, at.saturating_sub(1024));
    let head =
        text[from..at].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '('));
    let mut start = head.len();
    for (words, (i, word)) in word_starts_backwards(head).enumerate() {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
        let capital = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let connector = NAME_CONNECTORS.contains(&w.to_lowercase().as_str());
        if w.is_empty()
            || !(capital || connector)
            || words >= 24
            || word.ends_with([',', ';', '.']) && words > 0
        {
            break;
        }
        start = i;
    }
    let run = head[start..].trim_start_matches(|c: char| !c.is_alphanumeric());
    // the name starts after the last `the` before its first instrument noun
    // (`Parties to the United Nations Framework Convention`, `Recalling the
    // Charter of the United Nations`), else at the run's first word
    let mut from = 0;
    let mut pos = 0;
    for word in run.split(' ') {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if INSTRUMENT_NOUNS.contains(&w.as_str()) {
            break;
        }
        if w == "the" {
            from = pos + word.len() + 1;
        }
        pos += word.len() + 1;
    }
    let name = run[from.min(run.len())..].trim_start();
    (!name.is_empty()).then_some(name)
}

/// The instrument named last before `at` in the same sentence (`the Treaty
/// on the Functioning of the European Union, and in particular Article 114
/// thereof`): the capitalised name around the last instrument noun, for
/// `thereof`. Looks back at most 400 bytes.
pub fn instrument_named_before(text: &str, at: usize) -> Option<&str> {
    let from = crate::syntax::lines::floor_char_boundary(text, at.saturating_sub(400));
    let window = &text[from..at];
    // the sentence: after the last full stop followed by a space, or a blank line
    let start = window
        .rfind(". ")
        .map(|p| p + 2)
        .into_iter()
        .chain(window.rfind("\n\n").map(|p| p + 2))
        .max()
        .unwrap_or(0);
    let sentence = &window[start..];
    let mut noun_at = None;
    for (i, word) in word_starts_backwards(sentence) {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if capital && INSTRUMENT_NOUNS.contains(&w.to_lowercase().as_str()) {
            noun_at = Some(i);
            break;
        }
    }
    let noun_at = noun_at?;
    // forward from the noun: connectors, capitalised words, numbers
    let end = name_in(&sentence[noun_at..]).len();
    let name_end = noun_at + end;
    let head = name_before(sentence, noun_at).unwrap_or("");
    // `the Treaty on ...`: `name_before` gives the words before the noun
    // only when they belong to the name (`United Nations Framework`)
    let name_start = if head.is_empty() || !sentence[..noun_at].trim_end().ends_with(head) {
        noun_at
    } else {
        sentence[..noun_at].trim_end().len() - head.len()
    };
    let name = sentence[name_start..name_end].trim();
    (!name.is_empty()).then_some(name)
}

/// The words of `s` from the last, with where each starts.
fn word_starts_backwards(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = s.len();
    std::iter::from_fn(move || {
        let t = s[..end].trim_end();
        if t.is_empty() {
            return None;
        }
        // past the whole whitespace character (a no-break space is two bytes)
        let start = t
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(p, c)| p + c.len_utf8());
        end = start;
        Some((start, &t[start..]))
    })
}

/// The name at the start of a definition's text: `United Nations Framework
/// Convention on Climate Change, adopted in New York` -> up to the last
/// capitalised word or number of the leading run.
fn name_in(s: &str) -> &str {
    let mut end = 0;
    let mut pos = 0;
    for word in s.split(' ') {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
        let capital = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        // `Regulation (EU) No 648/2012`
        let connector = NAME_CONNECTORS.contains(&w.to_lowercase().as_str()) || w == "No";
        if w.is_empty() || !(capital || connector) {
            break;
        }
        if capital {
            end = pos + word.trim_end_matches([',', ';', '.', ':']).len();
        }
        // a name ends at its clause: `... Climate Change, adopted in`
        if word.ends_with([',', ';', ':']) {
            break;
        }
        pos += word.len() + 1;
    }
    &s[..end.min(s.len())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The patterns as they were, with bounded repetitions: the matches
    /// `hereinafter` and `means` must give.
    mod bounded {
        use regex::Regex;
        use std::sync::LazyLock;

        pub static HEREINAFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r#"(?i)(?-u:\b)hereinafter(?:[ \t\r\n]{1,64}(?:referred[ \t\r\n]{1,64}to[ \t\r\n]{1,64}as|called|cited[ \t\r\n]{1,64}as|named))?[ \t\r\n]{0,64}[:,]?[ \t\r\n]{0,64}(?:the[ \t\r\n]{1,64})?[*_]{0,8}["“‘'](?:the[ \t\r\n]{1,64})?([^"”’'\n]{1,60})["”’']"#,
            )
            .unwrap()
        });

        pub static MEANS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r#"["“‘](?:the )?([A-Z][^"”’\n]{0,60})["”’][ \t]{1,64}(?:means|shall[ \t]{1,64}mean|refers[ \t]{1,64}to)[ \t]{1,64}(?:the[ \t]{1,64})?([A-Z][^,;:.()\n]{3,200})"#,
            )
            .unwrap()
        });
    }

    type Spans = Vec<(Span, Span, Option<Span>)>;

    fn spans(found: Vec<Found>) -> Spans {
        found
            .into_iter()
            .map(|f| (f.whole, f.short, f.long))
            .collect()
    }

    /// The bounded pattern's matches: whole, group 1 and (if `long`) group 2.
    fn bounded(re: &Regex, text: &str, long: bool) -> Spans {
        re.captures_iter(text)
            .map(|c| {
                let group = |i| c.get(i).unwrap().range();
                (group(0), group(1), long.then(|| group(2)))
            })
            .collect()
    }

    fn agree(text: &str) -> Result<(), TestCaseError> {
        let here = bounded(&bounded::HEREINAFTER, text, false);
        prop_assert_eq!(spans(hereinafter(text)), here, "hereinafter in {:?}", text);
        let means_bounded = bounded(&bounded::MEANS, text, true);
        prop_assert_eq!(spans(means(text)), means_bounded, "means in {:?}", text);
        Ok(())
    }

    /// Pieces of short names, long names, and runs that together reach
    /// the lengths where the bounds fall (60 and 200 characters).
    const PIECES: &[&str] = &[
        "hereinafter",
        "Hereinafter",
        " referred to as ",
        " called ",
        "the ",
        "The ",
        " ",
        "\t",
        "\n",
        ", ",
        ":",
        ".",
        ";",
        "(",
        ")",
        "*",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "Convention",
        "UNFCCC",
        " means ",
        " shall mean ",
        " refers to ",
        "United Nations Framework Convention on Climate Change",
        "é",
        "中文",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "x",
        "Q",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
        /// Names held to their length in code are those the bounded
        /// patterns found, match for match.
        #[test]
        fn lengths_held_in_code_find_what_bounded_patterns_found(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)
        ) {
            agree(&pieces.concat())?;
        }
    }

    #[test]
    fn names_at_the_bounds_are_found_as_the_bounded_patterns_found_them() {
        let spaces = " ".repeat(70);
        for n in [
            58, 59, 60, 61, 62, 174, 175, 176, 196, 197, 198, 199, 200, 201, 202,
        ] {
            let run = "é".repeat(n);
            for text in [
                format!("the Treaty, hereinafter referred to as \"T{run}\" and"),
                // the name starts after `the `, when it may
                format!("the Treaty, hereinafter “the {run}”"),
                format!("the Treaty, hereinafter “the{spaces}{run}”"),
                format!("\"C{run}\" means the United Nations Convention"),
                format!("\"Convention\" means the United Nations Convention {run}, and"),
                format!(
                    "\"Convention\" means the Convention{run}\"Charter\" means the Charter of X"
                ),
            ] {
                agree(&text).unwrap();
            }
        }
    }

    fn names(text: &str) -> Vec<(String, String)> {
        scan(text, &[])
            .into_iter()
            .map(|s| (s.short, s.long))
            .collect()
    }

    #[test]
    fn hereinafter_names_the_instrument_before_it() {
        assert_eq!(
            names("*Being* Parties to the United Nations Framework Convention on Climate Change, hereinafter referred to as \"the Convention\",\n"),
            [("Convention".into(), "United Nations Framework Convention on Climate Change".into())]
        );
        assert_eq!(
            names("Recalling the Charter of the United Nations (hereinafter \"the Charter\"),"),
            [("Charter".into(), "Charter of the United Nations".into())]
        );
    }

    #[test]
    fn a_definition_names_the_instrument_it_means() {
        assert_eq!(
            names("1. \"Convention\" means the United Nations Framework Convention on Climate Change, adopted in New York on 9 May 1992.\n"),
            [("Convention".into(), "United Nations Framework Convention on Climate Change".into())]
        );
    }

    #[test]
    fn the_instrument_named_before_in_the_sentence() {
        let text = "Having regard to the Treaty on the Functioning of the European Union, and in particular Article 114 thereof,";
        let at = text.find("Article").unwrap();
        assert_eq!(
            instrument_named_before(text, at),
            Some("Treaty on the Functioning of the European Union")
        );
        let text = "Regulation (EU) No 648/2012 is amended as follows: in Article 79 thereof";
        let at = text.find("Article").unwrap();
        assert_eq!(
            instrument_named_before(text, at),
            Some("Regulation (EU) No 648/2012")
        );
        let text = "The Parties met. They agreed on Article 5 thereof";
        assert_eq!(
            instrument_named_before(text, text.find("Article").unwrap()),
            None
        );
    }

    #[test]
    fn a_multi_byte_space_before_a_name_is_stepped_over_whole() {
        // U+00A0 is whitespace of two bytes
        let text = "the\u{a0}Convention hereinafter \"the Convention\" and Article 5 thereof";
        let _ = scan(text, &[]);
        let _ = instrument_named_before(text, text.len());
    }

    #[test]
    fn short_names_of_what_is_no_instrument_are_not_kept() {
        assert!(names("the States, hereinafter referred to as \"the Parties\",").is_empty());
        assert!(names("\"Party\" means a Party to this Agreement").is_empty());
        assert!(names("\"Computer system\" means any device").is_empty());
    }
}
