//! Lines that start a run of provisions numbered on their own: the options
//! of a negotiating text (`**Option 1:**`, `Alternative B`) and short
//! sub-headings inside an article (`**Proposed Mechanism 2**`, `Method C`).

use regex::Regex;
use std::sync::LazyLock;

static ALT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*[*_]{0,3}[ \t]*(?i:alt(?:ernative)?|option|variant)\.?[ \t]*[0-9A-Za-z]{1,3}[ \t]*[*_]{0,3}[ \t]*(?:[:.\-–—)]|$)").unwrap()
});

/// Whether `text` has a sub-heading: a short line on its own between
/// blank lines, capitalised or in emphasis, that ends no sentence
/// (`**Proposed Mechanism 2**`, `Method C`, `Part A:`).
pub fn has_sub_heading(text: &str) -> bool {
    let lines: Vec<&str> = super::lines::lines_of(text).collect();
    (0..lines.len()).any(|i| {
        let blank = |j: Option<usize>| {
            j.and_then(|j| lines.get(j))
                .is_none_or(|l| l.trim().is_empty())
        };
        i > 0 && blank(i.checked_sub(1)) && blank(Some(i + 1)) && sub_heading_shape(lines[i])
    })
}

/// Whether a line, blank lines around it, would be a sub-heading.
fn sub_heading_shape(line: &str) -> bool {
    let t = line.trim().trim_matches(|c| c == '*' || c == '_').trim();
    let t = t
        .strip_suffix(':')
        .unwrap_or(t)
        .trim_end_matches(['*', '_'])
        .trim();
    (1..=60).contains(&t.len())
        && t.split_whitespace().count() <= 8
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ';', ','])
        && !t.contains(['[', ']'])
}

/// Whether a stretch of whole lines holds one that may open a run of
/// provisions numbered on their own: an alternative's heading, or a line
/// shaped as a sub-heading (whatever the lines around it). What a line
/// would be cut at an element starting inside it is not looked at.
pub fn may_open_run(lines: &str) -> bool {
    super::lines::lines_of(lines).any(|l| {
        (may_open_alternative(l.as_bytes()) && ALT_HEADING.is_match(l)) || sub_heading_shape(l)
    })
}

/// Whether `text` has a line that opens an alternative of a negotiating
/// text (`**Option 1:**`, `Alternative B`, `Alt 2.`): the provisions after
/// it are one option, numbered afresh.
pub fn has_alternative_heading(text: &str) -> bool {
    ALT_HEADING.is_match(text)
}

/// The lines of a text that may open an alternative, found in one pass,
/// so that asking [`has_alternative_heading`] of many spans of one text
/// (every pair of siblings, at every level) reads each line once, not
/// once per level.
pub struct AlternativeHeadings {
    /// line starts whose first character after blanks and emphasis is
    /// the first letter of `alt`, `option` or `variant`, with the line's
    /// end and whether the whole line opens an alternative
    lines: Vec<(usize, usize, bool)>,
}

impl AlternativeHeadings {
    pub fn new(text: &str) -> AlternativeHeadings {
        let bytes = text.as_bytes();
        let line_starts =
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|p| p + 1));
        let lines = line_starts
            .filter(|&s| may_open_alternative(&bytes[s.min(bytes.len())..]))
            .map(|s| {
                let end = memchr::memchr(b'\n', &bytes[s..]).map_or(bytes.len(), |e| s + e);
                (s, end, ALT_HEADING.is_match(&text[s..end]))
            })
            .collect();
        AlternativeHeadings { lines }
    }

    /// `has_alternative_heading(&text[span])`, exactly: the regex's `^`
    /// holds at the span's start and after each `\n` in it, and a match
    /// never crosses a line; only a line the span cuts is read again.
    pub fn any_in(&self, text: &str, span: std::ops::Range<usize>) -> bool {
        let Some(slice) = text.get(span.clone()) else {
            return false;
        };
        let clipped = |from: usize| {
            let rest = &slice[from - span.start..];
            let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
            may_open_alternative(line.as_bytes()) && ALT_HEADING.is_match(line)
        };
        if clipped(span.start) {
            return true;
        }
        let first = self.lines.partition_point(|&(s, _, _)| s <= span.start);
        self.lines[first..]
            .iter()
            .take_while(|&&(s, _, _)| s < span.end)
            .any(|&(s, end, whole)| if end <= span.end { whole } else { clipped(s) })
    }
}

fn may_open_alternative(line: &[u8]) -> bool {
    line.iter()
        .find(|&&b| !matches!(b, b' ' | b'\t' | b'*' | b'_'))
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'a' | b'o' | b'v'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `any_in` answers as the regex over the span does, for every span
    /// of a text with headings at and between line starts, CRLF, a lone CR
    /// and emphasis.
    #[test]
    fn any_in_is_the_regex_on_the_span() {
        let text = "1. Parties shall\n\n**Option 1:** adopt\r\n(a) x\r\n  _Alt 2._ y\n\
                    Variant B\rOption C - z\nand or via\noption 3 (a) w\nAlternative\n";
        let headings = AlternativeHeadings::new(text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                assert_eq!(
                    headings.any_in(text, a..b),
                    has_alternative_heading(&text[a..b]),
                    "{:?}",
                    &text[a..b]
                );
            }
        }
    }
}
