//! Word-level differences between two texts of an element, as Markdown:
//! deleted words struck through, inserted words in bold, long runs of
//! unchanged words cut to their edges.

use similar::{ChangeTag, TextDiff};

/// Words kept on each side of a change when the unchanged run is long.
const CONTEXT_WORDS: usize = 8;
/// The diff is cut short beyond this many characters.
const MAX_CHARS: usize = 1500;

/// `The Parties ~~shall~~ **may** take measures`, or `None` when the two
/// texts have the same words.
pub fn word_diff(old: &str, new: &str) -> Option<String> {
    let (old, new) = (one_line(old), one_line(new));
    if old == new {
        return None;
    }
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    let runs = hunks(diff.iter_all_changes().map(|c| (c.tag(), c.value())));
    let mut out = String::new();
    for (i, run) in runs.iter().enumerate() {
        match run {
            Run::Same(text) => out.push_str(&cut_equal(text, i == 0, i + 1 == runs.len())),
            Run::Changed(deleted, inserted) => {
                if !deleted.trim().is_empty() {
                    out.push_str(&marked(deleted, "~~"));
                }
                if !inserted.trim().is_empty() {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' '); // between the words struck and their replacement
                    }
                    out.push_str(&marked(inserted, "**"));
                }
            }
        }
        if out.chars().count() > MAX_CHARS {
            out.push_str(" …");
            break;
        }
    }
    Some(out.trim().to_string())
}

/// A stretch of the diff: unchanged words, or words deleted and inserted.
enum Run {
    Same(String),
    Changed(String, String),
}

/// The changes grouped into runs. A word or two left unchanged between
/// two changes joins them (`~~without right of non-public~~ **made by
/// technical means, of**`, not a word-by-word interleaving).
fn hunks<'a>(changes: impl Iterator<Item = (ChangeTag, &'a str)>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (tag, value) in changes {
        match (tag, runs.last_mut()) {
            (ChangeTag::Equal, Some(Run::Same(s))) => s.push_str(value),
            (ChangeTag::Equal, _) => runs.push(Run::Same(value.to_string())),
            (tag, Some(Run::Changed(d, i))) => match tag {
                ChangeTag::Delete => d.push_str(value),
                _ => i.push_str(value),
            },
            (tag, _) => {
                // a short unchanged stretch between two changes joins them
                let joins = matches!(runs.as_slice(),
                    [.., Run::Changed(..), Run::Same(s)] if s.split_whitespace().count() <= 2);
                match runs.pop() {
                    Some(Run::Same(s)) if joins => {
                        if let Some(Run::Changed(d, i)) = runs.last_mut() {
                            d.push_str(&s);
                            i.push_str(&s);
                        }
                    }
                    last => {
                        runs.extend(last);
                        runs.push(Run::Changed(String::new(), String::new()));
                    }
                }
                if let Some(Run::Changed(d, i)) = runs.last_mut() {
                    match tag {
                        ChangeTag::Delete => d.push_str(value),
                        _ => i.push_str(value),
                    }
                }
            }
        }
    }
    runs
}

/// The text on one line, runs of white space made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An unchanged run: whole when short, else its edges beside the changes.
fn cut_equal(run: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = run.split_inclusive(' ').collect();
    let keep = |n: usize| words.len() <= n;
    match (first, last) {
        (true, true) => escaped(run),
        (true, false) if !keep(CONTEXT_WORDS) => {
            format!(
                "… {}",
                escaped(&words[words.len() - CONTEXT_WORDS..].concat())
            )
        }
        (false, true) if !keep(CONTEXT_WORDS) => {
            format!("{}…", escaped(&words[..CONTEXT_WORDS].concat()))
        }
        (false, false) if !keep(2 * CONTEXT_WORDS) => format!(
            "{}… {}",
            escaped(&words[..CONTEXT_WORDS].concat()),
            escaped(&words[words.len() - CONTEXT_WORDS..].concat())
        ),
        _ => escaped(run),
    }
}

/// Changed words between Markdown marks, the spaces around them outside
/// (`**may** `, not `**may **`, which Markdown would not render).
fn marked(run: &str, mark: &str) -> String {
    let body = run.trim();
    if body.is_empty() {
        return run.to_string();
    }
    let lead = &run[..run.len() - run.trim_start().len()];
    let trail = &run[run.trim_end().len()..];
    format!("{lead}{mark}{}{mark}{trail}", escaped(body))
}

/// Markdown's emphasis marks escaped, so the draft's own `*` or `~` do not
/// read as changes.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '~' | '_' | '`' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn a_replaced_word_is_struck_and_its_replacement_bold() {
        assert_eq!(
            word_diff(
                "The Parties shall take\nmeasures",
                "The Parties may take measures"
            )
            .as_deref(),
            Some("The Parties ~~shall~~ **may** take measures")
        );
    }

    #[test]
    fn the_same_words_whatever_the_line_breaks_are_no_difference() {
        assert_eq!(word_diff("a  b\r\nc", "a b c"), None);
    }

    #[test]
    fn long_unchanged_runs_are_cut_to_their_edges() {
        let old = format!("{} end", "word ".repeat(40));
        let new = format!("{} finish", "word ".repeat(40));
        let d = word_diff(&old, &new).unwrap();
        assert!(d.starts_with("… word"), "{d}");
        assert!(d.ends_with("~~end~~ **finish**"), "{d}");
        assert!(d.len() < 120, "{d}");
    }

    #[test]
    fn changes_a_word_apart_are_one_change() {
        assert_eq!(
            word_diff(
                "the interception without right of non-public transmissions of data",
                "the interception, made by technical means, of communications of data"
            )
            .as_deref(),
            Some("the ~~interception without right of non-public transmissions~~ **interception, made by technical means, of communications** of data")
        );
    }

    #[test]
    fn the_drafts_own_marks_are_escaped() {
        assert_eq!(
            word_diff("a *b* c", "a *b* d").as_deref(),
            Some(r"a \*b\* ~~c~~ **d**")
        );
    }
}
