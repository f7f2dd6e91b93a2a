//! Patterns whose lengths are held in code, not by bounded repetitions.
//!
//! `[^"”’\n]{1,60}` copies the automaton of a Unicode class sixty times:
//! a few such repetitions made up most of the memory of all the parser's
//! regular expressions (compiled, and one search cache per thread). A
//! pattern with `[^"”’\n]+` instead finds the same places when what the run
//! may hold is forced by the text (it runs to the first character it
//! cannot hold), provided a match whose run is too long is refused and the
//! search goes on from the character after its start, as it would have
//! with the bounded pattern, which could not match there.

use regex::{Captures, Regex};

/// `re`'s matches in `text` that `accept` keeps, in order. `accept` gives
/// what to keep and where the match ends (a match whose last run is held
/// in code may end later than the pattern's); `None` refuses the match.
pub(crate) fn matches_kept<T>(
    re: &Regex,
    text: &str,
    mut accept: impl FnMut(&Captures) -> Option<(T, usize)>,
) -> Vec<T> {
    let mut kept = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some(c) = re.captures_at(text, at) else {
            break;
        };
        let whole = c.get(0).expect("group 0 of a match");
        match accept(&c) {
            Some((value, end)) => {
                kept.push(value);
                at = end.max(whole.start() + 1);
            }
            None => at = whole.start() + 1,
        }
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    kept
}

/// The number of characters of a group, 0 when it did not take part.
pub(crate) fn chars(c: &Captures, group: &str) -> usize {
    c.name(group).map_or(0, |m| m.as_str().chars().count())
}
