//! A submission's text in pieces: lines (with bullets and indents),
//! quoted passages, sentences, words, headings and the title.

use crate::syntax::lines::split_lines;
use crate::syntax::Span;

/// A line of a submission.
#[derive(Clone, Debug)]
pub struct Line {
    /// 1-based.
    pub no: u32,
    pub start: usize,
    pub end: usize,
    pub indent: usize,
    pub bullet: bool,
    /// After the bullet marker.
    pub content: usize,
}

/// The lines of a submission as LSP counts them (a lone CR ends one too),
/// each with its indent and bullet marker.
pub fn lines(text: &str) -> Vec<Line> {
    let line = |(i, l): (usize, &crate::syntax::lines::Line)| {
        let body = &text[l.start..l.end];
        let indent = body.len() - body.trim_start().len();
        let t = body.trim_start();
        let marker = ["- ", "* ", "+ ", "• "]
            .iter()
            .find(|m| t.starts_with(*m))
            .map(|m| m.len());
        let content = l.start + indent + marker.unwrap_or(0);
        let rest = &text[content..l.end];
        Line {
            no: i as u32 + 1,
            start: l.start,
            end: l.end,
            indent,
            bullet: marker.is_some(),
            content: content + rest.len() - rest.trim_start().len(),
        }
    };
    split_lines(text).iter().enumerate().map(line).collect()
}

/// A quoted passage: `“...”`, `"..."`, `*"..."*`.
#[derive(Clone, Debug)]
pub struct Quoted {
    /// Including the quote marks and any emphasis around them.
    pub outer: Span,
    /// The words, emphasis and quote marks removed, redline kept.
    pub text: String,
    /// From a sub-bullet's bold label: (element, number).
    pub label: Option<(&'static str, String)>,
}

pub fn quotes(text: &str, range: Span) -> Vec<Quoted> {
    let s = &text[range.clone()];
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let close = match c {
            '“' => Some('”'),
            '"' => {
                let prev = s[..i].chars().next_back();
                // an opening straight quote follows a space, a bracket or emphasis
                if prev.is_none_or(|p| p.is_whitespace() || "([*_:".contains(p)) {
                    Some('"')
                } else {
                    None
                }
            }
            _ => None,
        };
        let Some(close) = close else {
            i += c.len_utf8();
            continue;
        };
        let open_end = i + c.len_utf8();
        let found = s[open_end..].find(close).map(|e| open_end + e);
        let Some(j) = found else {
            i = open_end;
            continue;
        };
        let inner = &s[open_end..j];
        let mut outer = i..j + close.len_utf8();
        // emphasis around the quote marks: *"..."*
        while outer.start > 0 && matches!(b[outer.start - 1], b'*' | b'_') {
            outer.start -= 1;
        }
        while outer.end < s.len() && matches!(b[outer.end], b'*' | b'_') {
            outer.end += 1;
        }
        let words = clean_quote(inner);
        if !words.is_empty() {
            out.push(Quoted {
                outer: range.start + outer.start..range.start + outer.end,
                text: words,
                label: None,
            });
        }
        i = j + close.len_utf8();
    }
    out
}

/// Emphasis marks and escapes removed, spaces collapsed; redline marks kept.
fn clean_quote(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        if c != '*' && c != '\\' {
            t.push(c);
        }
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_matches(|c: char| c == '_' || c.is_whitespace())
        .to_string()
}

/// Leading and trailing ellipses off; whether there were any.
pub fn strip_ellipsis(s: &str) -> (String, bool) {
    let mut t = s.trim();
    let mut cut = false;
    loop {
        let before = t;
        for e in ["...", "…"] {
            if let Some(r) = t.strip_prefix(e) {
                t = r.trim_start();
                cut = true;
            }
            if let Some(r) = t.strip_suffix(e) {
                t = r.trim_end();
                cut = true;
            }
        }
        if t == before {
            break;
        }
    }
    (t.to_string(), cut)
}

pub fn inside_any(spans: &[Span], pos: usize) -> bool {
    spans.iter().any(|s| s.start <= pos && pos < s.end)
}

/// Sentences of `range`: split after `.`, `?`, `!` followed by a space and
/// a capital (or a quote or emphasis), outside quotes, not after `e.g.`.
pub fn sentences(text: &str, range: Span, quoted: &[Span]) -> Vec<Span> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        // a full stop just inside a closing quote ends the sentence there
        let mut k = k;
        let mut i = i;
        let mut c = c;
        if inside_any(quoted, range.start + i) {
            match chars.get(k + 1) {
                Some(&(j, q @ ('”' | '"')))
                    if quoted
                        .iter()
                        .any(|s| s.end == range.start + j + q.len_utf8()) =>
                {
                    k += 1;
                    i = j;
                    c = q;
                }
                _ => continue,
            }
        }
        let Some(&(_, next)) = chars.get(k + 1) else {
            continue;
        };
        if !next.is_whitespace() {
            continue;
        }
        let after = chars[k + 1..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        if !after.is_some_and(|a| a.is_uppercase() || "*“\"[(_".contains(a)) {
            continue;
        }
        let word: String = s[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect::<String>()
            .chars()
            .rev()
            .collect::<String>()
            .to_ascii_lowercase();
        if [
            "e.g", "i.e", "etc", "art", "arts", "para", "paras", "no", "nos", "cf", "vs", "mr",
            "ms", "dr",
        ]
        .contains(&word.as_str())
            || (word.len() == 1 && word.chars().all(|c| c.is_alphabetic()))
        {
            continue;
        }
        let end = i + c.len_utf8();
        if s[start..end].trim().len() > 1 {
            out.push(range.start + start..range.start + end);
        }
        start = end;
    }
    if !s[start..].trim().is_empty() {
        out.push(range.start + start..range.end);
    }
    // trim spaces
    out.into_iter()
        .map(|r| {
            let t = &text[r.clone()];
            let lead = t.len() - t.trim_start().len();
            r.start + lead..r.start + lead + t[lead..].trim_end().len()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// The words of a span outside quoted passages: (offset, lower-case word).
pub fn words(text: &str, range: Span, quoted: &[Span]) -> Vec<(usize, String)> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let push = |from: usize, to: usize, out: &mut Vec<(usize, String)>| {
        let w = s[from..to].trim_end_matches(['-', '\'', '’']);
        if !w.is_empty() && !inside_any(quoted, range.start + from) {
            out.push((range.start + from, w.to_lowercase()));
        }
    };
    for (i, c) in s.char_indices() {
        let part = c.is_alphabetic() || (cur.is_some() && (c == '-' || c == '\'' || c == '’'));
        match (part, cur) {
            (true, None) => cur = Some(i),
            (false, Some(st)) => {
                push(st, i, &mut out);
                cur = None;
            }
            _ => {}
        }
    }
    if let Some(st) = cur {
        push(st, s.len(), &mut out);
    }
    out
}

/// A line set as a heading: `#`, or short, unbulleted, without end punctuation.
pub fn looks_like_heading(text: &str, line: &Line) -> bool {
    let t = text[line.start..line.end].trim();
    if t.starts_with('#') {
        return true;
    }
    if line.bullet || t.is_empty() {
        return false;
    }
    let plain = t.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    plain.chars().count() < 100
        && !plain.ends_with(['.', ':', ';', '?', '!', '”', '"'])
        && plain.split_whitespace().count() <= 14
}

/// The title: the first heading, else the first line (cut short).
pub fn title(text: &str, ls: &[Line]) -> Option<String> {
    let clean = |s: &str| {
        s.trim()
            .trim_start_matches('#')
            .trim()
            .trim_matches(|c: char| c == '*' || c == '_')
            .trim()
            .to_string()
    };
    let heading = ls
        .iter()
        .map(|l| &text[l.start..l.end])
        .find(|s| s.trim_start().starts_with('#'));
    let first = ls
        .iter()
        .map(|l| &text[l.start..l.end])
        .find(|s| !s.trim().is_empty())?;
    let t = clean(heading.unwrap_or(first));
    if t.chars().count() > 120 {
        let cut: String = t.chars().take(119).collect();
        let cut = cut
            .rsplit_once(' ')
            .map_or(cut.as_str(), |(a, _)| a)
            .to_string();
        Some(format!("{}…", cut))
    } else {
        (!t.is_empty()).then_some(t)
    }
}
