//! A document's own short names for other instruments: `the United Nations
//! Framework Convention on Climate Change, hereinafter referred to as "the
//! Convention"`, or a definition `"Convention" means the United Nations
//! Framework Convention on Climate Change`. `Article 4 of the Convention`
//! then cites that instrument, never this one.

use super::reference::{INSTRUMENT_NOUNS, NAME_CONNECTORS};
use super::tree::{ShortName, Span};
use regex::Regex;
use std::sync::LazyLock;

/// `hereinafter referred to as "the Convention"`, `(hereinafter "the
/// Charter")`, `hereinafter called the 'Protocol'`.
static HEREINAFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?-u:\b)hereinafter(?:[ \t\r\n]{1,64}(?:referred[ \t\r\n]{1,64}to[ \t\r\n]{1,64}as|called|cited[ \t\r\n]{1,64}as|named))?[ \t\r\n]{0,64}[:,]?[ \t\r\n]{0,64}(?:the[ \t\r\n]{1,64})?[*_]{0,8}["“‘'](?:the[ \t\r\n]{1,64})?([^"”’'\n]{1,60})["”’']"#,
    )
    .unwrap()
});

/// `"Convention" means the United Nations Framework Convention ...`.
static MEANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"["“‘](?:the )?([A-Z][^"”’\n]{0,60})["”’][ \t]{1,64}(?:means|shall[ \t]{1,64}mean|refers[ \t]{1,64}to)[ \t]{1,64}(?:the[ \t]{1,64})?([A-Z][^,;:.()\n]{3,200})"#,
    )
    .unwrap()
});

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
        HEREINAFTER.is_match(window) || MEANS.is_match(window)
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
    for c in HEREINAFTER.captures_iter(text) {
        let whole = c.get(0).unwrap();
        let short = c.get(1).unwrap();
        if outside(whole.start()) {
            if let Some(long) = name_before(text, whole.start()) {
                push(&mut out, short.as_str(), long, short.range());
            }
        }
    }
    for c in MEANS.captures_iter(text) {
        let (short, long) = (c.get(1).unwrap(), c.get(2).unwrap());
        if outside(short.start()) {
            push(
                &mut out,
                short.as_str(),
                name_in(long.as_str()),
                short.range(),
            );
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
