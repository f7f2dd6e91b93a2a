//! Text: words of a change found in a draft whatever its line breaks and
//! quote style, excerpts of an element for a hover, the sentence around a
//! citation.

use crate::syntax::lines::{floor_char_boundary, line_end, line_start, lines_of};
use crate::syntax::Span;

/// Quotes and dashes as compared: `“”` are `"`, `’` is `'`, `—` is `-`.
fn norm_char(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '–' | '—' => '-',
        c => c,
    }
}

/// Where `needle` matches at `start` of `hay`: the end of the match. A run
/// of spaces in the needle matches any run of white space, line breaks
/// included (drafts are hard-wrapped, submissions are not).
fn match_at(hay: &str, start: usize, needle: &str) -> Option<usize> {
    let mut h = hay[start..].char_indices().peekable();
    let mut n = needle.chars().peekable();
    loop {
        match n.peek().copied() {
            None => return Some(start + h.peek().map_or(hay.len() - start, |(i, _)| *i)),
            Some(c) if c.is_whitespace() => {
                while n.peek().is_some_and(|c| c.is_whitespace()) {
                    n.next();
                }
                let mut any = false;
                while h.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    h.next();
                    any = true;
                }
                if !any {
                    return None;
                }
            }
            Some(c) => {
                let (_, d) = h.next()?;
                if norm_char(c) != norm_char(d) {
                    return None;
                }
                n.next();
            }
        }
    }
}

/// Every non-overlapping match of `needle` in `text[range]`.
pub fn find_all(text: &str, range: Span, needle: &str) -> Vec<Span> {
    let needle = needle.trim();
    let Some(first) = needle.chars().next() else {
        return vec![];
    };
    let first = norm_char(first);
    let hay = &text[..range.end];
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let Some(c) = hay[i..].chars().next() else {
            break;
        };
        if norm_char(c) == first {
            if let Some(end) = match_at(hay, i, needle) {
                out.push(i..end);
                i = end;
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// At most this many characters of an element's text in a hover.
const MAX_CHARS: usize = 900;
const MAX_LINES: usize = 14;

/// The text from `start` to `end`, cut at a word boundary after
/// `MAX_CHARS` characters or `MAX_LINES` non-blank lines.
pub fn excerpt(text: &str, start: usize, end: usize) -> String {
    let body = text[start..end].trim();
    let mut out = String::new();
    let mut chars = 0;
    let mut lines = 0;
    for line in lines_of(body) {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        if lines > MAX_LINES {
            out.push_str("\n…");
            return out;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for word in line.split_inclusive(' ') {
            chars += word.chars().count();
            if chars > MAX_CHARS {
                out.push('…');
                return out;
            }
            out.push_str(word);
        }
    }
    out
}

/// A Markdown block quote (each line, so paragraphs keep their breaks).
pub fn quote(text: &str) -> String {
    lines_of(text)
        .map(|l| format!("> {}", l))
        .collect::<Vec<_>>()
        .join("\n>\n")
}

/// The sentence (or list item) that holds `span`, on one line, cut short.
pub fn sentence_around(text: &str, span: Span) -> String {
    let first = line_start(text, span.start);
    let mut start = span.start;
    while start > first && !text[..start].ends_with(". ") && span.start - start < 400 {
        start = floor_char_boundary(text, start - 1);
    }
    let last = line_end(text, span.end);
    let mut end = span.end;
    while end < last && end - span.end < 400 {
        let c = text[end..].chars().next().unwrap_or(' ');
        end += c.len_utf8();
        if c == '.' && (end == last || text[end..].starts_with(' ')) {
            break;
        }
    }
    let flat: String = text[start..end.min(text.len())]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let flat = flat.trim_start_matches(['-', '*', ' ']).replace("**", "");
    if flat.chars().count() > 300 {
        let cut: String = flat.chars().take(299).collect();
        format!("{}…", cut.trim_end())
    } else {
        flat
    }
}

/// Someone's words on one line, cut after the last sentence that ends
/// before `max` characters (at a word, with `…`, when none ends early
/// enough); and whether anything was cut.
pub fn shorten_at_sentence(text: &str, max: usize) -> (String, bool) {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((limit, _)) = flat.char_indices().nth(max) else {
        return (flat, false);
    };
    let head = &flat[..limit];
    let sentence_end = head
        .rmatch_indices(['.', ';', '!', '?'])
        .map(|(i, _)| i + 1)
        .find(|&end| ends_sentence(&flat, end) && end >= limit / 3);
    let cut = match sentence_end {
        Some(end) => flat[..end].to_string(),
        None => {
            let word = head.rfind(' ').filter(|&i| i > 0).unwrap_or(limit);
            format!("{}…", head[..word].trim_end_matches([',', ':', ' ']))
        }
    };
    (cut, true)
}

/// Whether a stop at `end` of `text` ends a sentence: a space and more
/// words follow, not in lower case, and it is no abbreviation (`Art. 13`,
/// `para. 2`, `e.g.`) nor the label a text opens with (`1.`, `(a).`).
fn ends_sentence(text: &str, end: usize) -> bool {
    if !text[end..].starts_with(' ') {
        return false;
    }
    if text[..end].ends_with(';') {
        return true;
    }
    let next = text[end..].trim_start().chars().next();
    if next.is_some_and(char::is_lowercase) {
        return false;
    }
    let raw = text[..end - 1].rsplit(' ').next().unwrap_or("");
    let word = raw
        .trim_start_matches(['(', '"', '“', '‘'])
        .to_ascii_lowercase();
    const ABBREVIATIONS: &[&str] = &[
        "art", "arts", "para", "paras", "subpara", "no", "nos", "p", "pp", "vol", "cf", "e.g",
        "i.e", "etc", "mr", "ms", "mrs", "dr", "st", "ch", "sec", "fig", "op", "rev", "doc",
    ];
    let short = word.chars().count() == 1 || word.chars().all(|c| c.is_ascii_digit());
    let opens_the_text = text[..end - 1 - raw.len()].trim().is_empty();
    !(ABBREVIATIONS.contains(&word.as_str()) || short && opens_the_text)
}

/// Text from a file nobody here wrote (a positions file, a submission)
/// made safe for one Markdown table cell: on one line, and every mark
/// Markdown or HTML reads escaped, so it can never become a link, a
/// command, an image or markup.
pub fn table_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            // without `[` and `]` no `(...)` is a link target
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '#'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A link to `url` from a file nobody here wrote: only `http`, `https`,
/// `file` and relative links are links; anything else (`command:`,
/// `javascript:`) is shown as escaped text.
pub fn safe_link(label: &str, url: &str) -> String {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let web = matches!(scheme.as_deref(), Some("http" | "https" | "file"));
    let relative = scheme.is_none() || url.starts_with('/');
    if !(web || relative)
        || url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>'))
    {
        return format!("{label}: {}", table_cell(url));
    }
    format!("[{label}]({url})")
}

/// The text of an element after its label and heading: what its words
/// are, whatever its number.
pub fn body_of<'t>(
    text: &'t str,
    doc: &crate::syntax::Document,
    node: crate::syntax::NodeId,
) -> &'t str {
    let n = doc.node(node);
    let start = match &n.heading_span {
        Some(h) => h.end,
        None => n.label_span.end,
    }
    .clamp(n.span.start, n.span.end);
    text.get(start..n.span.end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::shorten_at_sentence;

    #[test]
    fn words_are_cut_after_a_sentence_not_an_abbreviation() {
        let text = "We propose to delete Art. 13(2) entirely. The paragraph \
                    duplicates Article 12 and\n  risks abuse by authorities.";
        assert_eq!(
            shorten_at_sentence(text, 60),
            (
                "We propose to delete Art. 13(2) entirely.".to_string(),
                true
            )
        );
        // short enough: whole, on one line
        assert_eq!(
            shorten_at_sentence("Keep it.\nPlease.", 60),
            ("Keep it. Please.".to_string(), false)
        );
    }

    #[test]
    fn without_an_early_sentence_end_the_cut_is_at_a_word() {
        let text = "States should consider, e.g. in cooperation with the private sector, \
                    whether such measures are necessary";
        let (cut, shortened) = shorten_at_sentence(text, 40);
        assert!(shortened);
        assert_eq!(cut, "States should consider, e.g. in…");
        // a number ends a sentence, unless the text opens with it
        let text =
            "We propose to delete paragraph 2 of Article 13. The paragraph duplicates Article 12.";
        assert_eq!(
            shorten_at_sentence(text, 60).0,
            "We propose to delete paragraph 2 of Article 13."
        );
        assert_eq!(
            shorten_at_sentence("1. The first point is long enough to cut here.", 30).0,
            "1. The first point is long…"
        );
        // a sentence that ends too early to carry the point is not the cut
        let (cut, _) = shorten_at_sentence("Yes. The words “serious crimes” must stay in", 30);
        assert_eq!(cut, "Yes. The words “serious…");
    }
}
