//! Stakeholders' changes as plain text edits on a draft.
//!
//! Words to find are matched whatever the line breaks and runs of spaces
//! in the draft (drafts are hard-wrapped, submissions are not) and whatever
//! the quote style (`"` and `“”`, `'` and `’`). An edit replaces exactly
//! the matched characters; a deleted word takes one neighbouring space
//! with it, so no double space is left. New elements are numbered and
//! formatted like their siblings.

use super::super::base::text::find_all;
use super::super::base::{DocId, SourceFile, TextEdit, Workspace};
use crate::positions::{short_quote, Change, Edit, ElementLevel, Place};
use crate::syntax::lines::{line_breaks, line_start, lines_of, newline_of};
use crate::syntax::number::{next_letter, normalise_key, ordinal_in_style, split_suffix, to_roman};
use crate::syntax::{Document, LabelStyle, NodeId, NodeKind, Span};

/// The edits that make `change` to element `node` of `draft`, or why it
/// cannot be made.
pub fn change_edits(
    ws: &Workspace,
    draft: DocId,
    node: NodeId,
    change: &Change,
) -> Result<Vec<TextEdit>, String> {
    let d = Draft::new(ws, draft);
    let find = |words: &str| d.locate(node, change, words);
    // a stakeholder's words never unbalance the draft's brackets
    let edit = |span: Span, new_text: &str| TextEdit {
        span,
        new_text: balanced(new_text),
    };
    match &change.edit {
        Edit::Replace { find: f, with } => {
            let span = find(&f.value)?;
            // replacing with nothing is deleting: no double space left
            let span = if with.is_empty() {
                widen_deletion(d.text, span)
            } else {
                span
            };
            Ok(vec![edit(span, with)])
        }
        Edit::DeleteText { find: f } => Ok(vec![edit(widen_deletion(d.text, find(&f.value)?), "")]),
        Edit::InsertText { text, place } => {
            let at = match place {
                Place::Before(f) => find(&f.value)?.start,
                Place::After(f) => find(&f.value)?.end,
                Place::Start => d.body_start(node),
                Place::End => d.body_end(node),
            };
            Ok(vec![edit(at..at, text)])
        }
        Edit::Delete => Ok(vec![edit(element_extent(d.text, d.doc, node), "")]),
        Edit::Unbracket { find: f } => d.unbracket(node, find(&f.value)?, &f.value),
        Edit::Choose { find: f } => d.choose(node, find(&f.value)?, &f.value),
        Edit::InsertElement {
            element,
            number,
            heading,
            text: body,
        } => {
            let number = number.as_ref().map(|n| n.value.trim());
            let (heading, body) = (heading.as_deref().map(balanced), balanced(body));
            match element {
                ElementLevel::Article => d.insert_article(node, number, heading.as_deref(), &body),
                level => d.insert_subdivision(node, *level, number, &body),
            }
        }
    }
}

/// Words to write into a draft with every square bracket that has no
/// partner escaped (`\[`, a literal bracket to the parser): a proposal's
/// `[` never opens language "not agreed" to the end of the draft, and its
/// own bracketed alternatives (`[shall][may]`) stay brackets.
pub fn balanced(words: &str) -> String {
    let mut open: Vec<usize> = Vec::new();
    let mut lone: Vec<usize> = Vec::new();
    let mut escaped = false;
    for (i, c) in words.char_indices() {
        match c {
            '[' if !escaped => open.push(i),
            // (the guard pops the `[` a `]` closes)
            ']' if !escaped && open.pop().is_none() => lone.push(i),
            _ => {}
        }
        escaped = c == '\\' && !escaped;
    }
    lone.extend(open);
    if lone.is_empty() {
        return words.to_string();
    }
    lone.sort_unstable();
    let mut out = String::with_capacity(words.len() + lone.len());
    let mut from = 0;
    for at in lone {
        out.push_str(&words[from..at]);
        out.push('\\');
        from = at;
    }
    out.push_str(&words[from..]);
    out
}

/// A draft being changed: its file, text and tree.
struct Draft<'w> {
    ws: &'w Workspace,
    id: DocId,
    file: &'w SourceFile,
    text: &'w str,
    doc: &'w Document,
}

impl<'w> Draft<'w> {
    fn new(ws: &'w Workspace, id: DocId) -> Self {
        let file = ws.file(id);
        Draft {
            ws,
            id,
            file,
            text: &file.text,
            doc: &file.doc,
        }
    }

    /// The one match of a change's words in an element, or why not.
    fn locate(&self, node: NodeId, change: &Change, needle: &str) -> Result<Span, String> {
        let found = find_all(self.text, self.doc.node(node).span.clone(), needle);
        let name = self.doc.display_name(node);
        match (found.len(), change.occurrence) {
            (0, _) => Err(format!(
                "stale: {} is not in {} of {} (the draft may have moved on)",
                short_quote(needle),
                name,
                self.ws.draft_label(self.id)
            )),
            (k, Some(o)) if o as usize > k => Err(format!(
                "{} occurs {} time{} in {}, not {}",
                short_quote(needle),
                k,
                if k == 1 { "" } else { "s" },
                name,
                o
            )),
            (_, Some(o)) => Ok(found[o as usize - 1].clone()),
            (1, None) => Ok(found[0].clone()),
            (k, None) => Err(format!(
                "{} occurs {} times in {}; say which with `occurrence`",
                short_quote(needle),
                k,
                name
            )),
        }
    }

    /// Where an element's text starts: its first word after the label and
    /// heading.
    fn body_start(&self, node: NodeId) -> usize {
        let n = self.doc.node(node);
        let after = n
            .heading_span
            .as_ref()
            .map_or(n.label_span.end, |h| h.end.max(n.label_span.end));
        let b = after.clamp(n.span.start, n.span.end);
        b + (self.text[b..].len() - self.text[b..].trim_start().len())
    }

    /// Where an element's text ends: after its last character.
    fn body_end(&self, node: NodeId) -> usize {
        let n = self.doc.node(node);
        n.span.start + self.text[n.span.clone()].trim_end().len()
    }

    /// Removes the square brackets around the words at `span`.
    fn unbracket(&self, node: NodeId, span: Span, words: &str) -> Result<Vec<TextEdit>, String> {
        let b = bracket_around(self.text, self.doc, &span).ok_or_else(|| {
            format!(
                "{} is not in square brackets in {} (agreed already?)",
                short_quote(words),
                self.doc.display_name(node)
            )
        })?;
        let s = &self.doc.brackets[b].span;
        let delete = |span: Span| TextEdit {
            span,
            new_text: String::new(),
        };
        Ok(vec![delete(s.start..s.start + 1), delete(s.end - 1..s.end)])
    }

    /// Keeps the bracketed alternative at `span`, dropping its group.
    fn choose(&self, node: NodeId, span: Span, words: &str) -> Result<Vec<TextEdit>, String> {
        let doc = self.doc;
        let b = bracket_around(self.text, doc, &span).ok_or_else(|| {
            format!(
                "{} is not a bracketed alternative in {}",
                short_quote(words),
                doc.display_name(node)
            )
        })?;
        let bracket = &doc.brackets[b];
        let Some(group) = bracket.alternatives else {
            return Err(format!(
                "{} has no alternatives beside it; to keep it, remove its brackets (`unbracket`)",
                short_quote(words)
            ));
        };
        let all = doc
            .brackets
            .iter()
            .filter(|x| x.alternatives == Some(group) && x.depth == bracket.depth);
        let start = all.clone().map(|x| x.span.start).min();
        let end = all.map(|x| x.span.end).max();
        Ok(vec![TextEdit {
            span: start.unwrap_or(bracket.span.start)..end.unwrap_or(bracket.span.end),
            new_text: self.text[span].to_string(),
        }])
    }
}

/// Where a new subdivision goes among its siblings.
struct Slot {
    /// Its number as written (`c`, `4`).
    written: String,
    /// The sibling it follows; `None`: it goes first.
    after: Option<NodeId>,
}

impl Draft<'_> {
    /// A new paragraph, subparagraph or item in `parent`.
    fn insert_subdivision(
        &self,
        parent: NodeId,
        level: ElementLevel,
        number: Option<&str>,
        body: &str,
    ) -> Result<Vec<TextEdit>, String> {
        let (text, doc) = (self.text, self.doc);
        check_fits(doc, parent, level)?;
        let kind = match level {
            ElementLevel::Paragraph => NodeKind::Paragraph,
            ElementLevel::Subparagraph => NodeKind::Subparagraph,
            _ => NodeKind::Item,
        };
        let siblings: Vec<NodeId> = doc
            .node(parent)
            .children
            .iter()
            .copied()
            .filter(|&c| doc.node(c).kind == kind)
            .collect();
        let slot = self.slot(&siblings, level, number)?;
        let (indent, label) = self.label_like(
            slot.after.or(siblings.first().copied()),
            level,
            &slot.written,
        );
        let nl = newline_of(text);
        let sep = if self.blank_between(&siblings) {
            format!("{nl}{nl}")
        } else {
            nl.to_string()
        };
        let element = format!("{}{} {}", indent, label, in_lines_of(body, text));
        let insert = |at: usize, new_text: String| {
            Ok(vec![TextEdit {
                span: at..at,
                new_text,
            }])
        };
        match (slot.after, siblings.first()) {
            (Some(a), _) => insert(doc.node(a).span.end, format!("{}{}", sep, element)),
            (None, Some(&first)) => insert(
                line_start(text, doc.node(first).span.start),
                format!("{}{}", element, sep),
            ),
            (None, None) => insert(self.body_end(parent), format!("{}{}", sep, element)),
        }
    }

    /// The number a new sibling takes and the sibling it follows: the one
    /// asked for, in number order, or the next after the last.
    fn slot(
        &self,
        siblings: &[NodeId],
        level: ElementLevel,
        number: Option<&str>,
    ) -> Result<Slot, String> {
        let doc = self.doc;
        let style = siblings.first().and_then(|&s| doc.node(s).style);
        let ord = |key: &str| ordinal_in_style(key, style);
        let Some(num) = number else {
            let last = siblings.last().copied();
            let written = match last {
                Some(l) => next_number(&doc.node(l).key, doc.node(l).style).ok_or_else(|| {
                    format!("say which number the new {} takes (`number`)", level.name())
                })?,
                None => match level {
                    ElementLevel::Paragraph => "1".to_string(),
                    ElementLevel::Subparagraph => "a".to_string(),
                    _ => "i".to_string(),
                },
            };
            return Ok(Slot {
                written,
                after: last,
            });
        };
        let key = normalise_key(num);
        if let Some(&same) = siblings.iter().find(|&&s| doc.node(s).key == key) {
            return Err(format!("{} already exists", doc.display_name(same)));
        }
        let want = ord(&key);
        let after = siblings
            .iter()
            .copied()
            .rfind(|&s| match (ord(&doc.node(s).key), &want) {
                (Some(a), Some(w)) => a < *w,
                _ => true,
            });
        Ok(Slot {
            written: num.to_string(),
            after,
        })
    }

    /// The indent and label of a new element written like `template`
    /// (`   (c)` after `   (b)`), or in the default style.
    fn label_like(
        &self,
        template: Option<NodeId>,
        level: ElementLevel,
        written: &str,
    ) -> (String, String) {
        let text = self.text;
        let Some(t) = template else {
            return (String::new(), default_label(level, written));
        };
        let n = self.doc.node(t);
        let prefix = &text[line_start(text, n.label_span.start)..n.label_span.start];
        let indent = if is_indent(prefix) {
            prefix.to_string()
        } else {
            String::new()
        };
        let label = match &n.number_span {
            Some(ns) => format!(
                "{}{}{}",
                &text[n.label_span.start..ns.start],
                written,
                &text[ns.end..n.label_span.end]
            ),
            None => default_label(level, written),
        };
        (indent, label)
    }

    /// Whether the draft puts a blank line between these siblings.
    fn blank_between(&self, siblings: &[NodeId]) -> bool {
        let (text, doc) = (self.text, self.doc);
        match siblings {
            [a, b, ..] => line_breaks(&text[doc.node(*a).span.end..doc.node(*b).span.start]) >= 2,
            [only] => {
                let before = line_start(text, doc.node(*only).span.start);
                let nl = newline_of(text);
                text[..before].ends_with(&format!("{nl}{nl}")) || text[..before].ends_with("\n\n")
            }
            [] => true,
        }
    }

    /// A new article after `target` (or after the last article of the
    /// division `target`), numbered next (`41 bis` when 42 is taken) and
    /// laid out like the article it follows.
    fn insert_article(
        &self,
        target: NodeId,
        number: Option<&str>,
        heading: Option<&str>,
        body: &str,
    ) -> Result<Vec<TextEdit>, String> {
        let (text, doc) = (self.text, self.doc);
        // after the target article, or after the last article of a division
        let after = match doc.node(target).kind {
            NodeKind::Article => target,
            _ => doc
                .articles()
                .filter(|&a| doc.ancestors(a).any(|x| x == target))
                .last()
                .ok_or_else(|| {
                    format!(
                        "{} has no article to put a new one after",
                        doc.display_name(target)
                    )
                })?,
        };
        let written = self.article_number(after, number)?;
        let nl = newline_of(text);
        let mut block = self.article_label_like(after, &written);
        if let Some(h) = heading {
            block.push_str(&self.heading_like(after, h));
        }
        block.push_str(nl);
        block.push_str(nl);
        block.push_str(&in_lines_of(body, text));
        let at = doc.node(after).span.end;
        Ok(vec![TextEdit {
            span: at..at,
            new_text: format!("{nl}{nl}{block}"),
        }])
    }

    /// The number of a new article after `after`: the one asked for, when
    /// free; else the next, when free; else a Latin suffix (`41 bis`).
    fn article_number(&self, after: NodeId, number: Option<&str>) -> Result<String, String> {
        let doc = self.doc;
        let container = doc.container(after);
        let index = &self.file.index;
        let taken = |key: &str| index.article(container, key).is_some();
        if let Some(n) = number {
            if let Some(same) = index.article(container, &normalise_key(n)) {
                return Err(format!("{} already exists", doc.display_name(same)));
            }
            return Ok(n.to_string());
        }
        let key = &doc.node(after).key;
        if let Some(k) = next_number(key, None).filter(|k| !taken(k)) {
            return Ok(k);
        }
        let (base, _) = split_suffix(key);
        crate::syntax::number::LATIN_SUFFIXES
            .iter()
            .map(|s| format!("{} {}", base, s))
            .find(|k| !taken(&normalise_key(k)))
            .ok_or_else(|| "no free number after this article; give `number`".to_string())
    }

    /// The label line of a new article, written like that of `like`.
    fn article_label_like(&self, like: NodeId, written: &str) -> String {
        let text = self.text;
        let a = self.doc.node(like);
        let ls = line_start(text, a.label_span.start);
        match &a.number_span {
            Some(ns) => format!(
                "{}{}{}",
                &text[ls..ns.start],
                written,
                &text[ns.end..a.label_span.end]
            ),
            None => format!("Article {}", written),
        }
    }

    /// A new article's heading, placed as that of `like` is: on the label's
    /// line (`Article 5. Title`) or on a line of its own (`#### Title`).
    fn heading_like(&self, like: NodeId, heading: &str) -> String {
        let text = self.text;
        let a = self.doc.node(like);
        match &a.heading_span {
            Some(hs) if line_breaks(&text[a.label_span.end..hs.start]) == 0 => {
                format!("{}{}", &text[a.label_span.end..hs.start], heading)
            }
            Some(hs) => {
                let hls = line_start(text, hs.start);
                // the line breaks the article it follows has there
                let gap: String = text[a.label_span.end..hls]
                    .chars()
                    .filter(|c| matches!(c, '\n' | '\r'))
                    .collect();
                format!("{}{}{}", gap, &text[hls..hs.start], heading)
            }
            None => format!("{}{}", newline_of(text), heading),
        }
    }
}

/// Whether a new element of `level` can go into `parent`.
fn check_fits(doc: &Document, parent: NodeId, level: ElementLevel) -> Result<(), String> {
    let kind = doc.node(parent).kind;
    let (fits, into) = match level {
        ElementLevel::Paragraph => (kind == NodeKind::Article, "an article"),
        ElementLevel::Subparagraph => (
            matches!(kind, NodeKind::Article | NodeKind::Paragraph),
            "an article or a paragraph",
        ),
        _ => (
            matches!(kind, NodeKind::Paragraph | NodeKind::Subparagraph),
            "a paragraph or a subparagraph",
        ),
    };
    if fits {
        return Ok(());
    }
    Err(format!(
        "a new {} goes into {}, not into {}: make the target its parent",
        level.name(),
        into,
        doc.display_name(parent)
    ))
}

/// The bracket whose content is exactly `span` (give or take spaces).
fn bracket_around(text: &str, doc: &Document, span: &Span) -> Option<usize> {
    doc.brackets.iter().position(|b| {
        b.span.start < span.start
            && span.end < b.span.end
            && text[b.span.start + 1..span.start].trim().is_empty()
            && text[span.end..b.span.end - 1].trim().is_empty()
    })
}

/// Widens a deleted run of words so that no double space (or space before
/// punctuation) is left.
fn widen_deletion(text: &str, span: Span) -> Span {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    match (before, after) {
        (Some(' '), Some(' ')) => span.start..span.end + 1,
        (Some(' '), Some(c)) if ",.;:)".contains(c) => span.start - 1..span.end,
        (None | Some('\n' | '(' | '\r'), Some(' ')) => span.start..span.end + 1,
        _ => span,
    }
}

/// A whole element as a deletion: its lines, and the blank line after it
/// (or, for the last element, the one before), so the neighbours keep
/// their usual spacing.
fn element_extent(text: &str, doc: &Document, node: NodeId) -> Span {
    let n = doc.node(node);
    // from the start of its line, unless something else starts that line
    // (`1. (a) text`: the paragraph's label stays)
    let ls = line_start(text, n.span.start);
    let start = if is_indent(&text[ls..n.span.start]) {
        ls
    } else {
        n.span.start
    };
    let rest = &text[n.span.end..];
    let next = n.span.end + (rest.len() - rest.trim_start().len());
    if next < text.len() {
        // up to the line where the next element starts
        start..line_start(text, next).max(n.span.end)
    } else {
        // the last thing in the text: take the blank lines before instead
        text[..start].trim_end().len()..n.span.end
    }
}

/// Spaces and list, quote or heading markers before a label (`- `, `### `).
fn is_indent(prefix: &str) -> bool {
    prefix
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '*' | '>' | '+' | '#'))
}

fn default_label(level: ElementLevel, number: &str) -> String {
    match level {
        ElementLevel::Paragraph => format!("{}.", number),
        _ => format!("({})", number),
    }
}

/// The number after `key` in its style: `4` -> `5`, `b` -> `c`, `iii` -> `iv`.
fn next_number(key: &str, style: Option<LabelStyle>) -> Option<String> {
    let (base, _) = split_suffix(key);
    match style {
        Some(LabelStyle::LowerRoman) => {
            ordinal_in_style(base, style).map(|(n, ..)| to_roman(n + 1).to_lowercase())
        }
        Some(LabelStyle::UpperRoman) => {
            ordinal_in_style(base, style).map(|(n, ..)| to_roman(n + 1))
        }
        Some(LabelStyle::LowerAlpha | LabelStyle::UpperAlpha | LabelStyle::DoubleAlpha) => {
            next_letter(base)
        }
        _ => {
            if let Ok(n) = base.parse::<u32>() {
                Some((n + 1).to_string())
            } else {
                next_letter(base)
            }
        }
    }
}

/// A stakeholder's words for a new element, trimmed, their lines ended as
/// the draft ends its own (a positions file's multi-line text has LFs; a
/// CRLF draft keeps CRLF throughout).
fn in_lines_of(body: &str, draft: &str) -> String {
    lines_of(body.trim())
        .collect::<Vec<_>>()
        .join(newline_of(draft))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposals_lone_brackets_are_escaped_its_pairs_kept() {
        assert_eq!(balanced("[shall][may] act"), "[shall][may] act");
        assert_eq!(balanced("see [note"), "see \\[note");
        assert_eq!(balanced("a] b [c] d ["), "a\\] b [c] d \\[");
        assert_eq!(balanced("already \\[ escaped"), "already \\[ escaped");
        assert_eq!(balanced("« é [ ü »"), "« é \\[ ü »");
    }

    /// A heading with a lone bracket, applied as a quick fix: the draft
    /// still reads with its brackets balanced.
    #[test]
    fn a_new_heading_with_a_lone_bracket_leaves_the_drafts_brackets_balanced() {
        let draft = "---\nid: D/1\n---\n\n### Article 1\n\n1. The [agreed] text.\n";
        let positions = "[source]\nstakeholder = \"S\"\ndraft = \"D/1\"\n\n[[position]]\ntarget = \"Article 1\"\n\
             stance = \"insert\"\nsummary = \"s\"\n[[position.change]]\naction = \"insert-element\"\n\
             element = \"article\"\nheading = \"Scope [of\"\ntext = \"Words.\"\n";
        let mut ws = Workspace::new();
        let d = ws.add("d.treaty.md", draft);
        ws.add("s.positions.toml", positions);
        let e = ws.positions_within(d, NodeId::ROOT)[0].clone();
        let (_, p) = ws.position(&e).unwrap();
        let edits = change_edits(&ws, d, e.node, &p.changes[0]).unwrap();
        let after = crate::analysis::base::apply_edits(draft, &edits);
        assert!(after.contains("Scope \\[of"), "{after}");
        let parsed = crate::syntax::parse(&after);
        assert_eq!(parsed.brackets.len(), 1, "{after}");
        assert!(
            !ws_diagnostics(&after).iter().any(|c| c.contains("bracket")),
            "{:?}",
            ws_diagnostics(&after)
        );
    }

    fn ws_diagnostics(text: &str) -> Vec<String> {
        let mut ws = Workspace::new();
        let id = ws.add("x.treaty.md", text.to_string());
        ws.diagnostics(id)
            .into_iter()
            .map(|d| d.code.to_string())
            .collect()
    }

    /// New articles and paragraphs written from a positions file's
    /// multi-line text take the draft's CRLF line breaks.
    #[test]
    fn new_elements_take_the_drafts_line_breaks() {
        let draft = "---\r\nid: D/1\r\n---\r\n\r\n### Article 1\r\n\r\n1. Text.\r\n";
        for element in ["article", "paragraph"] {
            let positions = format!(
                "[source]\nstakeholder = \"S\"\ndraft = \"D/1\"\n\n[[position]]\ntarget = \"Article 1\"\n\
                 stance = \"insert\"\nsummary = \"s\"\n[[position.change]]\naction = \"insert-element\"\n\
                 element = \"{element}\"\ntext = \"\"\"First line.\nSecond line.\"\"\"\n"
            );
            let mut ws = Workspace::new();
            let d = ws.add("d.treaty.md", draft);
            ws.add("s.positions.toml", positions);
            let e = ws
                .position_entries()
                .iter()
                .find(|e| e.draft == d)
                .expect("the position");
            let (_, p) = ws.position(e).unwrap();
            let edits = change_edits(&ws, d, e.node, &p.changes[0]).unwrap();
            let text = &edits[0].new_text;
            assert!(
                text.contains("First line.\r\nSecond line."),
                "{element}: {text:?}"
            );
            let lone_lf = text
                .match_indices('\n')
                .any(|(i, _)| !text[..i].ends_with('\r'));
            assert!(!lone_lf, "{element}: {text:?}");
        }
    }
}
