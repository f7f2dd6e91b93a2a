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
    let mut defs = Vec::new();
    // only the text just before a definitional verb can hold a definition
    let mut windows: Vec<Span> = Vec::new();
    for v in VERB.find_iter(text) {
        // the line's start within the window only: a scan to the start of a
        // megabyte-long line for every verb on it would be quadratic
        let from = crate::syntax::lines::floor_char_boundary(text, v.start().saturating_sub(240));
        let line_start = text[from..v.start()]
            .rfind('\n')
            .map_or(from, |p| from + p + 1);
        let mut start = v.start().saturating_sub(240).max(line_start);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let end = (v.end() + 16).min(text.len());
        let end = crate::syntax::lines::floor_char_boundary(text, end);
        match windows.last_mut() {
            Some(w) if w.end >= start => w.end = end,
            _ => windows.push(start..end),
        }
    }
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
                node,
            });
        }
    }
    defs
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
