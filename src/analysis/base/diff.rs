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
    let changes: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while i < changes.len() {
        let tag = changes[i].0;
        let run_end = (i..changes.len())
            .find(|&j| changes[j].0 != tag)
            .unwrap_or(changes.len());
        let run: String = changes[i..run_end].iter().map(|(_, v)| *v).collect();
        match tag {
            ChangeTag::Equal => out.push_str(&cut_equal(&run, i == 0, run_end == changes.len())),
            ChangeTag::Delete => out.push_str(&marked(&run, "~~")),
            ChangeTag::Insert => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' '); // between the words struck and their replacement
                }
                out.push_str(&marked(&run, "**"))
            }
        }
        if out.chars().count() > MAX_CHARS {
            out.push_str(" …");
            break;
        }
        i = run_end;
    }
    Some(out.trim().to_string())
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
    fn the_drafts_own_marks_are_escaped() {
        assert_eq!(
            word_diff("a *b* c", "a *b* d").as_deref(),
            Some(r"a \*b\* ~~c~~ **d**")
        );
    }
}
