//! Patterns whose runs are held to their length in code, not by bounded
//! repetitions.
//!
//! `[^"”’\n]{1,60}` copies the automaton of a Unicode class sixty times:
//! a few such repetitions made up most of the memory of all the parser's
//! regular expressions (compiled, and one search cache per thread). A
//! pattern with `[^"”’\n]+` instead, and a count in code, finds the same
//! places when, at each start, the run the pattern prefers is no longer
//! than any other way of matching there would make it (a run that goes on
//! to the first character it cannot hold, after a fixed opening; or, where
//! an optional `the ` moves the run's start, a preference for taking it).
//! A match whose run is too long is then refused: the bounded pattern
//! could not match at that start, and the search goes on after it.
//!
//! Each refusal costs a search to the run's end, so a caller says where
//! the search may go on: the next character, or, past a run too long, the
//! first place a run ending where it ends could be short enough (without
//! which a line of a thousand openings before one long run would be read
//! a thousand times).

use regex::{Captures, Regex};

/// What `accept` makes of a match.
pub(crate) enum Verdict<T> {
    /// Kept, and the search goes on from this end (a match whose last run
    /// is held in code may end later than the pattern's).
    Keep(T, usize),
    /// Refused; no match could start before this place (at least the
    /// character after the match's start) but the bounded pattern's.
    Refuse(usize),
}

/// `re`'s matches in `text` that `accept` keeps, in order.
pub(crate) fn matches_kept<T>(
    re: &Regex,
    text: &str,
    mut accept: impl FnMut(&Captures) -> Verdict<T>,
) -> Vec<T> {
    let mut kept = Vec::new();
    let mut at = 0;
    while let Some(c) = re.captures_at(text, at) {
        let whole = c.get(0).expect("group 0 of a match");
        let next = match accept(&c) {
            Verdict::Keep(value, end) => {
                kept.push(value);
                end
            }
            Verdict::Refuse(resume) => resume,
        };
        at = next.clamp(whole.start() + 1, text.len() + 1);
        while at < text.len() && !text.is_char_boundary(at) {
            at += 1;
        }
        if at > text.len() {
            break;
        }
    }
    kept
}

/// The number of characters of a group, 0 when it did not take part.
pub(crate) fn chars(c: &Captures, group: &str) -> usize {
    c.name(group).map_or(0, |m| m.as_str().chars().count())
}

/// Where the search may go on after refusing a match at `start` whose run
/// ends at `end` (the first character the run cannot hold, which every
/// run begun in it ends at too): the first place a run of at most `max`
/// characters ending there could start, less `before` bytes (the most the
/// pattern matches ahead of its run).
pub(crate) fn past_long_run(
    text: &str,
    start: usize,
    end: usize,
    max: usize,
    before: usize,
) -> usize {
    let earliest = text[..end]
        .char_indices()
        .rev()
        .nth(max.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    earliest.saturating_sub(before).max(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_match_is_searched_again_from_where_its_caller_says() {
        let re = Regex::new(r"a+").unwrap();
        let text = "aaaa b aa";
        // runs of at most two: the long one is refused, and so is each
        // shorter run begun inside it, which the bounded pattern finds
        let refuse_long = |c: &Captures| {
            let m = c.get(0).unwrap();
            if m.len() <= 2 {
                Verdict::Keep(m.range(), m.end())
            } else {
                Verdict::Refuse(m.start() + 1)
            }
        };
        assert_eq!(matches_kept(&re, text, refuse_long), [2..4, 7..9]);
        let skip = |c: &Captures| {
            let m = c.get(0).unwrap();
            if m.len() <= 2 {
                Verdict::Keep(m.range(), m.end())
            } else {
                Verdict::Refuse(past_long_run(text, m.start(), m.end(), 2, 0))
            }
        };
        assert_eq!(matches_kept(&re, text, skip), [2..4, 7..9]);
    }

    #[test]
    fn the_search_goes_on_at_character_boundaries_and_ends_at_the_text_end() {
        let re = Regex::new(r"é|$").unwrap();
        let found = matches_kept(&re, "éé", |c: &Captures| {
            let m = c.get(0).unwrap();
            // an end past the text, or inside a character, is no trouble
            Verdict::Keep(m.range(), m.end() + 7)
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0], 0..2);
        let found = matches_kept(&re, "éé", |c: &Captures| {
            Verdict::Keep(c.get(0).unwrap().range(), 0)
        });
        assert_eq!(found, [0..2, 2..4, 4..4]);
    }

    #[test]
    fn past_a_long_run_is_where_a_short_enough_run_could_start() {
        let text = "xxéééé";
        // the last two characters start at byte 6
        assert_eq!(past_long_run(text, 0, text.len(), 2, 0), 6);
        assert_eq!(past_long_run(text, 0, text.len(), 2, 3), 3);
        // never before the character after the match's start
        assert_eq!(past_long_run(text, 5, text.len(), 9, 0), 6);
    }
}
