//! Applying LSP text edits (UTF-16 positions) to a string, as a client does.

#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;

/// The byte offset of an LSP position (UTF-16 code units) in `text`.
pub fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().expect("line") as usize;
    let character = pos["character"].as_u64().expect("character") as usize;
    let mut start = 0;
    for _ in 0..line {
        start += text[start..].find('\n').expect("line in range") + 1;
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies `edits` (an array of LSP `TextEdit`s on the same original text).
/// Inserts at one position keep their array order, as the spec says.
pub fn apply(text: &str, edits: &Value) -> String {
    let mut spans: Vec<(usize, usize, usize, String)> = edits
        .as_array()
        .expect("edits")
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                i,
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|(a, b, i, _)| (*a, *b, *i));
    let mut out = String::new();
    let mut at = 0;
    for (a, b, _, new) in spans {
        assert!(a >= at, "overlapping edits");
        out.push_str(&text[at..a]);
        out.push_str(&new);
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

/// The lines that differ between two texts (common first and last lines
/// dropped), as `-old` / `+new`, each line after `indent`.
pub fn line_diff(before: &str, after: &str, indent: &str) -> String {
    let a: Vec<&str> = before.split('\n').collect();
    let b: Vec<&str> = after.split('\n').collect();
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = String::new();
    for l in &a[pre..a.len() - suf] {
        out.push_str(&format!("{indent}-{l}\n"));
    }
    for l in &b[pre..b.len() - suf] {
        out.push_str(&format!("{indent}+{l}\n"));
    }
    out
}
