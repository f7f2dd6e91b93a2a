//! Square brackets: language not yet agreed. Nested, spanning lines and
//! paragraphs, and alternatives side by side (`[shall][should]`).
//!
//! Not brackets: Markdown links `[text](url)` and `[text][ref]` (when `ref`
//! is defined), footnote markers `[^1]`, `word[3]` and `word[3][4]`,
//! escaped `\[`, and anything in code. A number in brackets right after a
//! bracket is an alternative (`Article [1][3]`, `[agreed text][12]`): in a
//! negotiating text, side-by-side brackets are the usual form.

use super::tree::{Bracket, Severity, Span, SyntaxIssue};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static LINK_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^ {0,3}\[([^\]\n]+)\]:[ \t]*\S").unwrap());
static ALT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\*{0,2}((?i:alt(?:ernative)?|option|variant)\.?\s*[0-9A-Za-z]{1,3})\*{0,2}\s*[:.\-–—)]").unwrap()
});

pub fn scan(text: &str, opaque: &[Span]) -> (Vec<Bracket>, Vec<SyntaxIssue>) {
    let bytes = text.as_bytes();
    // `[^3]: ...` defines a footnote, not a link: `[text][^3]` is a
    // bracket and its footnote
    let link_defs: HashSet<String> = LINK_DEF
        .captures_iter(text)
        .filter(|c| !c[1].starts_with('^'))
        .map(|c| c[1].to_lowercase())
        .collect();
    let mut brackets: Vec<Bracket> = Vec::new();
    let mut issues = Vec::new();
    // open brackets: (index into `brackets`)
    let mut stack: Vec<usize> = Vec::new();
    // `[` that are not brackets (links), with the position of their `]`
    let mut skip_close: Vec<usize> = Vec::new();
    // the `]` of the last `[` that was not a bracket
    let mut last_skipped: Option<usize> = None;
    let mut opaque_i = 0;
    let mut in_code = false;
    let mut i = 0;
    while let Some(off) = memchr::memchr3(b'[', b']', b'`', &bytes[i..]).map(|o| i + o) {
        // inline code never spans a blank line; reset at paragraph breaks
        if in_code && text[i..off].contains("\n\n") {
            in_code = false;
        }
        i = off + 1;
        while opaque_i < opaque.len() && opaque[opaque_i].end <= off {
            opaque_i += 1;
        }
        if opaque_i < opaque.len() && opaque[opaque_i].start <= off {
            i = opaque[opaque_i].end.max(i);
            continue;
        }
        match bytes[off] {
            b'`' => (i, in_code) = backticks(bytes, off, in_code),
            _ if in_code => {}
            // `\[`: a literal bracket, and so is the `]` that closes it on its line
            _ if off > 0 && bytes[off - 1] == b'\\' => {
                if bytes[off] == b'[' {
                    let line_end =
                        memchr::memchr(b'\n', &bytes[off..]).map_or(bytes.len(), |e| off + e);
                    if let Some(c) = memchr::memchr(b']', &bytes[off..line_end]) {
                        skip_close.push(off + c);
                    }
                }
            }
            b'[' => {
                // footnote markers are glued to a word (`measures[12]`,
                // `text.[3]`) or to one another (`measures[1][2]`); the
                // second of two alternatives (`Article [1][3]`, `[30][60]
                // days`) follows a bracket
                let glued = match text[..off].chars().next_back() {
                    None => false,
                    Some(']') => last_skipped == Some(off - 1),
                    Some(c) => !c.is_whitespace(),
                };
                if let Some(close) = link_like(text, off, &link_defs, glued) {
                    skip_close.push(close);
                    last_skipped = Some(close);
                    continue;
                }
                brackets.push(Bracket {
                    span: off..off + 1,
                    depth: stack.len() as u32,
                    parent: stack.last().copied(),
                    alternatives: None,
                    label: alt_label(text, off),
                });
                stack.push(brackets.len() - 1);
            }
            _ => {
                // `]`
                if let Some(pos) = skip_close.iter().position(|&c| c == off) {
                    skip_close.swap_remove(pos);
                    continue;
                }
                match stack.pop() {
                    Some(b) => brackets[b].span.end = off + 1,
                    None => issues.push(SyntaxIssue {
                        severity: Severity::Error,
                        code: "unbalanced-bracket",
                        message: "closing bracket `]` has no opening `[`".into(),
                        span: off..off + 1,
                    }),
                }
            }
        }
    }
    for b in stack {
        issues.push(SyntaxIssue {
            severity: Severity::Error,
            code: "unbalanced-bracket",
            message: "opening bracket `[` is never closed".into(),
            span: brackets[b].span.start..brackets[b].span.start + 1,
        });
    }
    (closed_only(text, brackets), issues)
}

/// The brackets that were closed, their parents renumbered, grouped into
/// alternatives.
fn closed_only(text: &str, brackets: Vec<Bracket>) -> Vec<Bracket> {
    // drop the unclosed ones (their span is only `[`)
    let closed: Vec<bool> = brackets
        .iter()
        .map(|b| b.span.len() > 1 && text.as_bytes()[b.span.end - 1] == b']')
        .collect();
    let mut remap = vec![None; brackets.len()];
    let mut kept = Vec::new();
    for (i, b) in brackets.into_iter().enumerate() {
        if closed[i] {
            remap[i] = Some(kept.len());
            kept.push(b);
        }
    }
    // depth counts only closed ancestors (parents come before children)
    for i in 0..kept.len() {
        kept[i].parent = kept[i].parent.and_then(|p| remap[p]);
        kept[i].depth = kept[i].parent.map_or(0, |p| kept[p].depth + 1);
    }
    group_alternatives(text, &mut kept);
    kept
}

/// A run of backticks at `off`: where scanning goes on, and whether inline
/// code is open after it. TeX quotes (``x") are not code, and a code span
/// must close before a blank line (looked for in a bounded window: no
/// quadratic rescans).
fn backticks(bytes: &[u8], off: usize, in_code: bool) -> (usize, bool) {
    let run = bytes[off..].iter().take_while(|&&b| b == b'`').count();
    let i = off + run;
    if run == 2 && !in_code {
        return (i, false);
    }
    if in_code {
        return (i, false);
    }
    let window = &bytes[i..(i + 4096).min(bytes.len())];
    let closes = memchr::memchr(b'`', window)
        .is_some_and(|close| memchr::memmem::find(&window[..close], b"\n\n").is_none());
    (i, closes)
}

/// The label of an alternative (`[Alt 1: ...]`, `[Option B. ...]`) at the
/// start of the bracket opened at `off`.
fn alt_label(text: &str, off: usize) -> Option<String> {
    if !alt_label_may_follow(&text.as_bytes()[off + 1..]) {
        return None;
    }
    let end = crate::syntax::lines::floor_char_boundary(text, (off + 40).min(text.len()));
    let head = text[off + 1..end.max(off + 1)]
        .split('\n')
        .next()
        .unwrap_or("");
    ALT_LABEL.captures(head).map(|c| c[1].to_string())
}

/// Whether `ALT_LABEL` can match text starting with `rest`: after spaces,
/// control characters and `*`, its word starts with `a`, `o` or `v` (`Alt`, `Option`,
/// `Variant`; `(?i)` folds no other character to these). Most brackets
/// hold none, and asking the regex for captures costs.
fn alt_label_may_follow(rest: &[u8]) -> bool {
    let first = rest.iter().find(|&&b| b > b' ' && b != b'*');
    match first {
        Some(b) => matches!(b.to_ascii_lowercase(), b'a' | b'o' | b'v') || !b.is_ascii(),
        None => false,
    }
}

/// `[text](url)`, `[text][ref]` with `ref` defined, `[^1]`, and a
/// footnote marker `word[3]` when `glued` (the `[` follows a word, or a
/// marker that does: `word[1][2]`): returns the position of the `]` to
/// skip. Every search stops at the end of the line, so that a long line
/// of brackets costs one pass.
fn link_like(text: &str, open: usize, defs: &HashSet<String>, glued: bool) -> Option<usize> {
    let rest = &text[open + 1..];
    // the first `]` (or `)`) on the line
    let on_line = |s: &str, close: u8| {
        memchr::memchr2(close, b'\n', s.as_bytes()).filter(|&i| s.as_bytes()[i] == close)
    };
    if rest.starts_with('^') {
        return on_line(rest, b']').map(|c| open + 1 + c);
    }
    // the matching `]` on the same line, no nested brackets
    let close = on_line(rest, b']')?;
    if memchr::memchr(b'[', &rest.as_bytes()[..close]).is_some() {
        return None;
    }
    let inner = &rest[..close];
    let after = &rest[close + 1..];
    let close_pos = open + 1 + close;
    if let Some(target) = after.strip_prefix('(') {
        // a link: `](` then a target without spaces (or a closing paren soon)
        let end = on_line(target, b')')?;
        let t = &target[..end];
        if !t.is_empty() && !t.contains(' ') || t.contains("://") {
            return Some(close_pos);
        }
    }
    // reference links, only in texts that define some
    if !defs.is_empty() {
        if let Some(r) = after.strip_prefix('[') {
            if let Some(e) = on_line(r, b']') {
                let label = &r[..e];
                let key = if label.is_empty() { inner } else { label };
                if defs.contains(&key.to_lowercase()) {
                    return Some(close_pos);
                }
            }
        }
        if defs.contains(&inner.to_lowercase()) && !after.starts_with('[') {
            // a shortcut reference link `[ref]`
            return Some(close_pos);
        }
    }
    let number = !inner.is_empty() && inner.len() <= 4 && inner.bytes().all(|b| b.is_ascii_digit());
    (glued && number).then_some(close_pos)
}

/// Brackets side by side at the same depth, with only spaces, `/` or `or`
/// between them, are alternatives of one choice.
fn group_alternatives(text: &str, brackets: &mut [Bracket]) {
    let mut group = 0u32;
    let n = brackets.len();
    for i in 0..n {
        // find the next bracket with the same parent after this one ends
        let Some(j) = (i + 1..n).find(|&j| {
            brackets[j].parent == brackets[i].parent
                && brackets[j].span.start >= brackets[i].span.end
        }) else {
            continue;
        };
        let between = text[brackets[i].span.end..brackets[j].span.start].trim();
        let joins = between.is_empty() || between == "/" || between.eq_ignore_ascii_case("or");
        if joins && !text[brackets[i].span.end..brackets[j].span.start].contains("\n\n") {
            let g = match brackets[i].alternatives {
                Some(g) => g,
                None => {
                    group += 1;
                    brackets[i].alternatives = Some(group);
                    group
                }
            };
            brackets[j].alternatives = Some(g);
        }
    }
}
