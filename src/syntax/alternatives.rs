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
        let t = lines[i]
            .trim()
            .trim_matches(|c| c == '*' || c == '_')
            .trim();
        let t = t
            .strip_suffix(':')
            .unwrap_or(t)
            .trim_end_matches(['*', '_'])
            .trim();
        i > 0
            && blank(i.checked_sub(1))
            && blank(Some(i + 1))
            && (1..=60).contains(&t.len())
            && t.split_whitespace().count() <= 8
            && t.chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with(['.', ';', ','])
            && !t.contains(['[', ']'])
    })
}

/// Whether `text` has a line that opens an alternative of a negotiating
/// text (`**Option 1:**`, `Alternative B`, `Alt 2.`): the provisions after
/// it are one option, numbered afresh.
pub fn has_alternative_heading(text: &str) -> bool {
    ALT_HEADING.is_match(text)
}
