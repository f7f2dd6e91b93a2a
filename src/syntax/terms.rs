//! Defined terms: `"computer system" means ...`, `“X” shall mean`, TeX
//! quotes ``` ``X" ```, `the term "X" includes`.

use super::tree::{Definition, Document, Span};
use regex::Regex;
use regex_syntax::is_word_character;
use std::sync::LazyLock;

/// An opening quote: straight, curly, or TeX.
const OPEN: &str = r#"(?:``|"|“|‘|')"#;
/// A closing quote.
const CLOSE: &str = r#"(?:''|"|”|’|')"#;
/// The term itself: no quotes, brackets or line breaks.
const TERM: &str = r#"[^"”’'`\n\[\]]{1,80}?"#;

static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"{OPEN}(?P<term>{TERM}){CLOSE}\s*(?:\([^)\n]{{0,60}}\)\s*)?(?:(?:,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+){OPEN}{TERM}{CLOSE}\s*)*(?:,\s*which\s[^,;\n]{{1,60}},\s*)?(?:means|mean|shall mean|shall include|includes|include|refers to|shall refer to|has the meaning|shall have the meaning|is defined as|denotes)(?-u:\b)"#
    ))
    .unwrap()
});

/// A further term in `"X", "Y" or "Z" means`.
static EXTRA_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?:,|\bor\b|\band\b)\s*{OPEN}(?P<term>{TERM}){CLOSE}"#
    ))
    .unwrap()
});

/// The verbs of a definition: only lines with one of them are read closely.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:mean|include|refer to|refers to|has the meaning|have the meaning|is defined as|denotes)").unwrap()
});

/// The `term` group of a `DEFINITION` match, read by hand (captures cost
/// the regex a backtracking pass over an automaton made large by the
/// bounded repetitions): the opening quote, then everything up to the
/// first character a term cannot hold, where the closing quote stands.
fn term_of(m: &str) -> Span {
    let open = if m.starts_with("``") {
        2
    } else {
        m.chars().next().map_or(0, char::len_utf8)
    };
    let len = m[open..]
        .find(['"', '”', '’', '\'', '`', '\n', '[', ']'])
        .unwrap_or(m.len() - open);
    open..open + len
}

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
        DEFINITION
            .find_iter(&text[w.clone()])
            .map(move |m| w.start + m.start()..w.start + m.end())
    });
    for m in matches {
        // the regex's last `\b` is ASCII (a Unicode one makes its fast
        // automaton give up on every non-ASCII window); `meansé` is no verb
        if text[m.end..].chars().next().is_some_and(is_word_character) {
            continue;
        }
        if opaque.iter().any(|o| o.start <= m.start && m.start < o.end) {
            continue;
        }
        let term = term_of(&text[m.clone()]);
        let term_start = m.start + term.start;
        let term_end = m.start + term.end;
        let term = &text[term_start..term_end];
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
        for e in EXTRA_TERM.captures_iter(&text[term_end..head_end.max(term_end)]) {
            let et = e.name("term").unwrap();
            let start = term_end + et.start();
            defs.push(Definition {
                term: et.as_str().trim().to_string(),
                term_span: start..start + et.as_str().trim_end().len(),
                // its own element, as every term's (`"X"` in (a), `or "Y"
                // means` in (b))
                node: doc.node_at(start),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{term_of, DEFINITION};

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
    fn the_term_read_by_hand_is_the_captured_one() {
        let opens = ["``", "\"", "“", "‘", "'", "`"];
        let closes = ["''", "\"", "”", "’", "'", ""];
        let terms = [
            "computer system",
            "x",
            "",
            "State's party",
            "a[b]",
            "é 😀 ü",
            "a\nb",
        ];
        let tails = [
            " means",
            " shall mean",
            " (the \"Y\") includes",
            ", \"Z\" or \"W\" means",
            ", which is long, means",
            " denotes",
            " is",
        ];
        let mut found = 0;
        for o in opens {
            for t in terms {
                for c in closes {
                    for tail in tails {
                        for lead in ["", "The term ", "''", "\"\" "] {
                            let text = format!("{lead}{o}{t}{c}{tail} a thing");
                            for cap in DEFINITION.captures_iter(&text) {
                                let m = cap.get(0).unwrap();
                                let want = cap.name("term").unwrap().range();
                                let got = term_of(m.as_str());
                                let got = m.start() + got.start..m.start() + got.end;
                                assert_eq!(got, want, "{text:?}");
                                found += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(found > 500, "{found} matches");
    }
}
