//! A drafted positions file as TOML, with the reviewer's `# check:`
//! comments above the positions they concern.

use super::{Extraction, NewChange, NewPlace, Options};

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The positions file for an extraction.
pub fn to_toml(x: &Extraction, o: &Options) -> String {
    let mut s = String::new();
    s.push_str("#:schema ../../schemas/positions.schema.json\n");
    s.push_str("# The schema is schemas/positions.schema.json in the treaty-lsp repository:\n");
    s.push_str("# point the line above at it, relative to where this file is saved.\n");
    s.push_str("#\n");
    s.push_str("# Drafted by `treaty-lsp extract` for review: check every position against\n");
    s.push_str("# the submission, and above all those with a `# check:` comment.\n\n");
    s.push_str("[source]\n");
    s.push_str(&format!("stakeholder = {}\n", toml_string(o.stakeholder)));
    if let Some(g) = o.group {
        s.push_str(&format!("group = {}\n", toml_string(g.name())));
    }
    if let Some(t) = &x.title {
        s.push_str(&format!("title = {}\n", toml_string(t)));
    }
    s.push_str(&format!("submission = {}\n", toml_string(o.submission)));
    s.push_str(&format!("draft = {}\n", toml_string(o.draft)));
    for p in &x.proposals {
        s.push('\n');
        for c in &p.checks {
            s.push_str(&format!("# check: {}\n", c.replace(['\n', '\r'], " ")));
        }
        s.push_str("[[position]]\n");
        s.push_str(&format!("target = {}\n", toml_string(&p.target)));
        s.push_str(&format!("stance = {}\n", toml_string(p.stance.name())));
        s.push_str(&format!("summary = {}\n", toml_string(&p.summary)));
        s.push_str(&format!("quote = {}\n", toml_string(&p.quote)));
        s.push_str(&format!("line = {}\n", p.line));
        for c in &p.changes {
            s.push_str("\n[[position.change]]\n");
            match c {
                NewChange::Replace { find, with } => {
                    s.push_str("action = \"replace\"\n");
                    s.push_str(&format!("find = {}\n", toml_string(find)));
                    s.push_str(&format!("with = {}\n", toml_string(with)));
                }
                NewChange::DeleteText { find } => {
                    s.push_str("action = \"delete-text\"\n");
                    s.push_str(&format!("find = {}\n", toml_string(find)));
                }
                NewChange::Delete => s.push_str("action = \"delete\"\n"),
                NewChange::InsertText { text, place } => {
                    s.push_str("action = \"insert-text\"\n");
                    s.push_str(&format!("text = {}\n", toml_string(text)));
                    match place {
                        NewPlace::After(a) => s.push_str(&format!("after = {}\n", toml_string(a))),
                        NewPlace::Before(a) => {
                            s.push_str(&format!("before = {}\n", toml_string(a)))
                        }
                        NewPlace::Start => s.push_str("at = \"start\"\n"),
                        NewPlace::End => s.push_str("at = \"end\"\n"),
                    }
                }
                NewChange::InsertElement {
                    element,
                    number,
                    text,
                } => {
                    s.push_str("action = \"insert-element\"\n");
                    s.push_str(&format!("element = {}\n", toml_string(element)));
                    if let Some(n) = number {
                        s.push_str(&format!("number = {}\n", toml_string(n)));
                    }
                    s.push_str(&format!("text = {}\n", toml_string(text)));
                }
                NewChange::Unbracket { find } => {
                    s.push_str("action = \"unbracket\"\n");
                    s.push_str(&format!("find = {}\n", toml_string(find)));
                }
            }
        }
    }
    s
}
