//! Stakeholders' changes as plain text edits on a draft, and the quick
//! fixes that apply them.
//!
//! Words to find are matched whatever the line breaks and runs of spaces
//! in the draft (drafts are hard-wrapped, submissions are not) and whatever
//! the quote style (`"` and `“”`, `'` and `’`). An edit replaces exactly
//! the matched characters; a deleted word takes one neighbouring space
//! with it, so no double space is left.

use super::{DocId, SourceChange, TextEdit, Workspace};
use crate::positions::{Change, Edit, ElementLevel, Place, Stance};
use crate::syntax::number::{next_letter, normalise_key, ordinal_in_style, to_roman};
use crate::syntax::{Document, LabelStyle, NodeId, NodeKind, Span};

/// One change's edits, ready to combine with others.
struct Planned {
    label: String,
    edits: Vec<TextEdit>,
    /// For a new element: its level, which orders insertions at one point
    /// (a new subparagraph of the last paragraph, then a new paragraph, then
    /// a new article).
    inserts: Option<ElementLevel>,
    /// A new element's own number, which orders new siblings at one point
    /// (`(c)` before `(d)`).
    number: Option<(u32, usize, String)>,
}

/// A stakeholder, the plans of their changes to an article, how many positions.
type ByStakeholder = (String, Vec<Result<Planned, String>>, usize);

fn insert_rank(level: Option<ElementLevel>) -> u8 {
    match level {
        None | Some(ElementLevel::Item) => 0,
        Some(ElementLevel::Subparagraph) => 1,
        Some(ElementLevel::Paragraph) => 2,
        Some(ElementLevel::Article) => 3,
    }
}

/// A quick fix: a stakeholder's change to an element, or all of a
/// stakeholder's changes to an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    pub title: String,
    /// Empty when disabled.
    pub change: SourceChange,
    /// Why it cannot be applied (stale text, a conflict), when it cannot.
    pub disabled: Option<String>,
    /// The one to offer first: the position on the innermost element.
    pub preferred: bool,
}

fn norm_char(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '–' | '—' => '-',
        c => c,
    }
}

/// Where `needle` matches at `start` of `hay`: the end of the match.
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

/// The body of an element: after its label and heading.
fn body_start(doc: &Document, node: NodeId) -> usize {
    let n = doc.node(node);
    let after = n
        .heading_span
        .as_ref()
        .map_or(n.label_span.end, |h| h.end.max(n.label_span.end));
    after.clamp(n.span.start, n.span.end)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

impl Workspace {
    /// The one match of a change's words in an element, or why not.
    fn locate(
        &self,
        draft: DocId,
        node: NodeId,
        change: &Change,
        needle: &str,
    ) -> Result<Span, String> {
        let file = self.file(draft);
        let n = file.doc.node(node);
        let found = find_all(&file.text, n.span.clone(), needle);
        let name = file.doc.display_name(node);
        match (found.len(), change.occurrence) {
            (0, _) => Err(format!(
                "stale: {} is not in {} of {} (the draft may have moved on)",
                crate::positions::short_quote(needle),
                name,
                self.draft_label(draft)
            )),
            (k, Some(o)) if o as usize > k => Err(format!(
                "{} occurs {} time{} in {}, not {}",
                crate::positions::short_quote(needle),
                k,
                if k == 1 { "" } else { "s" },
                name,
                o
            )),
            (_, Some(o)) => Ok(found[o as usize - 1].clone()),
            (1, None) => Ok(found[0].clone()),
            (k, None) => Err(format!(
                "{} occurs {} times in {}; say which with `occurrence`",
                crate::positions::short_quote(needle),
                k,
                name
            )),
        }
    }

    /// The edits that make `change` to element `node` of `draft`, or why
    /// it cannot be made.
    pub fn change_edits(
        &self,
        draft: DocId,
        node: NodeId,
        change: &Change,
    ) -> Result<Vec<TextEdit>, String> {
        let file = self.file(draft);
        let text: &str = &file.text;
        let doc = &file.doc;
        match &change.edit {
            Edit::Replace { find, with } => {
                let span = self.locate(draft, node, change, &find.value)?;
                // replacing with nothing is deleting: no double space left
                let span = if with.is_empty() {
                    widen_deletion(text, span)
                } else {
                    span
                };
                Ok(vec![TextEdit {
                    span,
                    new_text: with.clone(),
                }])
            }
            Edit::DeleteText { find } => {
                let span = self.locate(draft, node, change, &find.value)?;
                Ok(vec![TextEdit {
                    span: widen_deletion(text, span),
                    new_text: String::new(),
                }])
            }
            Edit::InsertText { text: new, place } => {
                let at = match place {
                    Place::Before(f) => self.locate(draft, node, change, &f.value)?.start,
                    Place::After(f) => self.locate(draft, node, change, &f.value)?.end,
                    Place::Start => {
                        let b = body_start(doc, node);
                        b + (text[b..].len() - text[b..].trim_start().len())
                    }
                    Place::End => {
                        let n = doc.node(node);
                        n.span.start + text[n.span.clone()].trim_end().len()
                    }
                };
                Ok(vec![TextEdit {
                    span: at..at,
                    new_text: new.clone(),
                }])
            }
            Edit::Delete => Ok(vec![TextEdit {
                span: element_extent(text, doc, node),
                new_text: String::new(),
            }]),
            Edit::Unbracket { find } => {
                let span = self.locate(draft, node, change, &find.value)?;
                let b = bracket_around(text, doc, &span).ok_or_else(|| {
                    format!(
                        "{} is not in square brackets in {} (agreed already?)",
                        crate::positions::short_quote(&find.value),
                        doc.display_name(node)
                    )
                })?;
                let s = &doc.brackets[b].span;
                Ok(vec![
                    TextEdit {
                        span: s.start..s.start + 1,
                        new_text: String::new(),
                    },
                    TextEdit {
                        span: s.end - 1..s.end,
                        new_text: String::new(),
                    },
                ])
            }
            Edit::Choose { find } => {
                let span = self.locate(draft, node, change, &find.value)?;
                let b = bracket_around(text, doc, &span).ok_or_else(|| {
                    format!(
                        "{} is not a bracketed alternative in {}",
                        crate::positions::short_quote(&find.value),
                        doc.display_name(node)
                    )
                })?;
                let bracket = &doc.brackets[b];
                let Some(group) = bracket.alternatives else {
                    return Err(format!(
                        "{} has no alternatives beside it; to keep it, remove its brackets (`unbracket`)",
                        crate::positions::short_quote(&find.value)
                    ));
                };
                let all: Vec<&Span> = doc
                    .brackets
                    .iter()
                    .filter(|x| x.alternatives == Some(group) && x.depth == bracket.depth)
                    .map(|x| &x.span)
                    .collect();
                let start = all
                    .iter()
                    .map(|s| s.start)
                    .min()
                    .unwrap_or(bracket.span.start);
                let end = all.iter().map(|s| s.end).max().unwrap_or(bracket.span.end);
                Ok(vec![TextEdit {
                    span: start..end,
                    new_text: text[span].to_string(),
                }])
            }
            Edit::InsertElement {
                element,
                number,
                heading,
                text: body,
            } => {
                let number = number.as_ref().map(|n| n.value.trim());
                match element {
                    ElementLevel::Article => {
                        self.insert_article(draft, node, number, heading.as_deref(), body)
                    }
                    level => self.insert_subdivision(draft, node, *level, number, body),
                }
            }
        }
    }

    fn insert_subdivision(
        &self,
        draft: DocId,
        parent: NodeId,
        level: ElementLevel,
        number: Option<&str>,
        body: &str,
    ) -> Result<Vec<TextEdit>, String> {
        let file = self.file(draft);
        let (text, doc): (&str, _) = (&file.text, &file.doc);
        let kind = match level {
            ElementLevel::Paragraph => NodeKind::Paragraph,
            ElementLevel::Subparagraph => NodeKind::Subparagraph,
            _ => NodeKind::Item,
        };
        let p = doc.node(parent);
        let fits = match level {
            ElementLevel::Paragraph => p.kind == NodeKind::Article,
            ElementLevel::Subparagraph => {
                matches!(p.kind, NodeKind::Article | NodeKind::Paragraph)
            }
            _ => matches!(p.kind, NodeKind::Paragraph | NodeKind::Subparagraph),
        };
        if !fits {
            let into = match level {
                ElementLevel::Paragraph => "an article",
                ElementLevel::Subparagraph => "an article or a paragraph",
                _ => "a paragraph or a subparagraph",
            };
            return Err(format!(
                "a new {} goes into {}, not into {}: make the target its parent",
                level.name(),
                into,
                doc.display_name(parent)
            ));
        }
        let siblings: Vec<NodeId> = p
            .children
            .iter()
            .copied()
            .filter(|&c| doc.node(c).kind == kind)
            .collect();
        let style = siblings.first().and_then(|&s| doc.node(s).style);
        let ord = |key: &str| ordinal_in_style(key, style);
        // the number, and the sibling it follows (None: it goes first)
        let (written, after) = match number {
            Some(num) => {
                let key = normalise_key(num);
                if let Some(&same) = siblings.iter().find(|&&s| doc.node(s).key == key) {
                    return Err(format!("{} already exists", doc.display_name(same)));
                }
                let want = ord(&key);
                let after =
                    siblings
                        .iter()
                        .copied()
                        .rfind(|&s| match (ord(&doc.node(s).key), &want) {
                            (Some(a), Some(w)) => a < *w,
                            _ => true,
                        });
                (num.to_string(), after)
            }
            None => {
                let last = siblings.last().copied();
                let next = match last {
                    Some(l) => {
                        next_number(&doc.node(l).key, doc.node(l).style).ok_or_else(|| {
                            format!("say which number the new {} takes (`number`)", level.name())
                        })?
                    }
                    None => match level {
                        ElementLevel::Paragraph => "1".to_string(),
                        ElementLevel::Subparagraph => "a".to_string(),
                        _ => "i".to_string(),
                    },
                };
                (next, last)
            }
        };
        let nl = newline_of(text);
        let template = after.or(siblings.first().copied());
        let (indent, label) = match template {
            Some(t) => {
                let n = doc.node(t);
                let ls = line_start(text, n.label_span.start);
                let prefix = &text[ls..n.label_span.start];
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
                    None => default_label(level, &written),
                };
                (indent, label)
            }
            None => (String::new(), default_label(level, &written)),
        };
        // a blank line between siblings when the draft has one
        let blank = match siblings.as_slice() {
            [a, b, ..] => {
                text[doc.node(*a).span.end..doc.node(*b).span.start]
                    .matches('\n')
                    .count()
                    >= 2
            }
            [only] => {
                let before = line_start(text, doc.node(*only).span.start);
                text[..before].ends_with(&format!("{nl}{nl}")) || text[..before].ends_with("\n\n")
            }
            [] => true,
        };
        let sep = if blank {
            format!("{nl}{nl}")
        } else {
            nl.to_string()
        };
        let element = format!("{}{} {}", indent, label, body.trim());
        Ok(vec![match after {
            Some(a) => {
                let at = doc.node(a).span.end;
                TextEdit {
                    span: at..at,
                    new_text: format!("{}{}", sep, element),
                }
            }
            None => match siblings.first() {
                Some(&first) => {
                    let at = line_start(text, doc.node(first).span.start);
                    TextEdit {
                        span: at..at,
                        new_text: format!("{}{}", element, sep),
                    }
                }
                None => {
                    let n = doc.node(parent);
                    let at = n.span.start + text[n.span.clone()].trim_end().len();
                    TextEdit {
                        span: at..at,
                        new_text: format!("{}{}", sep, element),
                    }
                }
            },
        }])
    }

    fn insert_article(
        &self,
        draft: DocId,
        target: NodeId,
        number: Option<&str>,
        heading: Option<&str>,
        body: &str,
    ) -> Result<Vec<TextEdit>, String> {
        let file = self.file(draft);
        let (text, doc): (&str, _) = (&file.text, &file.doc);
        let t = doc.node(target);
        // after the target article, or after the last article of a division
        let after = match t.kind {
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
        let a = doc.node(after);
        let container = doc.container(after);
        let taken = |key: &str| file.index.article(container, key).is_some();
        let written = match number {
            Some(n) => {
                if let Some(same) = file.index.article(container, &normalise_key(n)) {
                    return Err(format!("{} already exists", doc.display_name(same)));
                }
                n.to_string()
            }
            None => {
                // the next number when free, else a Latin suffix: 41 bis
                let next = next_number(&a.key, None).filter(|k| !taken(k));
                match next {
                    Some(k) => k,
                    None => {
                        let (base, _) = crate::syntax::number::split_suffix(&a.key);
                        crate::syntax::number::LATIN_SUFFIXES
                            .iter()
                            .map(|s| format!("{} {}", base, s))
                            .find(|k| !taken(&normalise_key(k)))
                            .ok_or("no free number after this article; give `number`")?
                    }
                }
            }
        };
        let nl = newline_of(text);
        let ls = line_start(text, a.label_span.start);
        let label_line = match &a.number_span {
            Some(ns) => format!(
                "{}{}{}",
                &text[ls..ns.start],
                written,
                &text[ns.end..a.label_span.end]
            ),
            None => format!("Article {}", written),
        };
        let mut block = label_line;
        if let Some(h) = heading {
            match &a.heading_span {
                // `Article 5. Title` / `Article 5 - Title`: on the label's line
                Some(hs) if !text[a.label_span.end..hs.start].contains('\n') => {
                    block.push_str(&text[a.label_span.end..hs.start]);
                    block.push_str(h);
                }
                // `#### Title` on a line of its own
                Some(hs) => {
                    let hls = line_start(text, hs.start);
                    let gap = &text[a.label_span.end..hls];
                    let gap: String = gap.chars().filter(|c| *c == '\n' || *c == '\r').collect();
                    block.push_str(&gap);
                    block.push_str(&text[hls..hs.start]);
                    block.push_str(h);
                }
                None => {
                    block.push_str(nl);
                    block.push_str(h);
                }
            }
        }
        block.push_str(nl);
        block.push_str(nl);
        block.push_str(body.trim());
        let at = a.span.end;
        Ok(vec![TextEdit {
            span: at..at,
            new_text: format!("{nl}{nl}{block}"),
        }])
    }

    fn plan(
        &self,
        draft: DocId,
        node: NodeId,
        c: &Change,
        label: String,
    ) -> Result<Planned, String> {
        Ok(Planned {
            label,
            edits: self.change_edits(draft, node, c)?,
            inserts: match &c.edit {
                Edit::InsertElement { element, .. } => Some(*element),
                _ => None,
            },
            number: match &c.edit {
                Edit::InsertElement {
                    element,
                    number: Some(n),
                    ..
                } => {
                    let style = match element {
                        ElementLevel::Subparagraph => Some(LabelStyle::LowerAlpha),
                        ElementLevel::Item => Some(LabelStyle::LowerRoman),
                        _ => None,
                    };
                    ordinal_in_style(&normalise_key(&n.value.to_lowercase()), style)
                }
                _ => None,
            },
        })
    }

    /// Quick fixes at `offset` of a draft: each stakeholder position on the
    /// elements around the cursor, innermost first (and, for a position on
    /// several elements, on all of them at once), then for each
    /// stakeholder all their changes to the article.
    pub fn amendments_at(&self, draft: DocId, offset: usize) -> Vec<Amendment> {
        let file = self.file(draft);
        if !file.is_draft() {
            return vec![];
        }
        let doc = &file.doc;
        let here = doc.node_at(offset);
        let around: Vec<NodeId> = doc.ancestors(here).filter(|&n| n != NodeId::ROOT).collect();
        let mut out = Vec::new();
        let mut several = Vec::new();
        for (depth, &node) in around.iter().enumerate() {
            for e in self.draft_entries(draft).filter(|e| e.node == node) {
                let Some((pf, p)) = self.position(e) else {
                    continue;
                };
                if p.changes.is_empty() {
                    continue;
                }
                let what = p
                    .changes
                    .iter()
                    .map(|c| self.describe_change(draft, node, c))
                    .collect::<Vec<_>>()
                    .join("; ");
                let title = format!(
                    "Apply {}’s amendment to {}: {}",
                    pf.stakeholder(),
                    doc.display_name(node),
                    what
                );
                let planned: Result<Vec<Planned>, String> = p
                    .changes
                    .iter()
                    .map(|c| self.plan(draft, node, c, c.describe()))
                    .collect();
                out.push(amendment(&file.text, draft, title, planned, depth == 0));
                let all = self.entries_of(e.file, e.position);
                if all.len() > 1 && !several.contains(&(e.file, e.position)) {
                    several.push((e.file, e.position));
                    let title = format!(
                        "Apply {}’s amendment to all {} elements of {}: {}",
                        pf.stakeholder(),
                        all.len(),
                        p.target.value,
                        p.changes
                            .iter()
                            .map(|c| c.describe())
                            .collect::<Vec<_>>()
                            .join("; ")
                    );
                    let planned = self.plan_position(draft, e.file, e.position);
                    out.push(amendment(&file.text, draft, title, planned, false));
                }
            }
        }
        // all of one stakeholder's changes to the article
        if let Some(article) = doc.enclosing(here, NodeKind::Article) {
            let mut by_who: Vec<ByStakeholder> = Vec::new();
            for e in self.positions_within(draft, article) {
                let Some((pf, p)) = self.position(e) else {
                    continue;
                };
                if !applies(p) {
                    continue;
                }
                let who = pf.stakeholder().to_string();
                let i = match by_who.iter().position(|(w, ..)| *w == who) {
                    Some(i) => i,
                    None => {
                        by_who.push((who, Vec::new(), 0));
                        by_who.len() - 1
                    }
                };
                by_who[i].2 += 1;
                for c in &p.changes {
                    let label = format!("{} ({})", c.describe(), doc.display_name(e.node));
                    let planned = self.plan(draft, e.node, c, label);
                    by_who[i].1.push(planned);
                }
            }
            for (who, planned, positions) in by_who {
                if positions < 2 {
                    continue;
                }
                let title = format!(
                    "Apply all {} amendments from {} to {}",
                    positions,
                    who,
                    doc.display_name(article)
                );
                let planned: Result<Vec<Planned>, String> = planned.into_iter().collect();
                out.push(amendment(&file.text, draft, title, planned, false));
            }
        }
        out
    }

    /// The stakeholders with positions on a draft (the filter applied), in
    /// the order their files were added.
    pub fn stakeholders(&self, draft: DocId) -> Vec<StakeholderSummary> {
        let mut out: Vec<StakeholderSummary> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for e in self.draft_entries(draft) {
            if !seen.insert((e.file, e.position)) {
                continue;
            }
            let Some((pf, p)) = self.position(e) else {
                continue;
            };
            let key = super::positions::stakeholder_key(pf.stakeholder());
            let i = match out
                .iter()
                .position(|s| super::positions::stakeholder_key(&s.stakeholder) == key)
            {
                Some(i) => i,
                None => {
                    out.push(StakeholderSummary {
                        stakeholder: pf.stakeholder().to_string(),
                        group: pf.source.group.as_ref().map(|g| g.value.name()),
                        positions: 0,
                        amendments: 0,
                    });
                    out.len() - 1
                }
            };
            out[i].positions += 1;
            if applies(p) && self.plan_position(draft, e.file, e.position).is_ok() {
                out[i].amendments += 1;
            }
        }
        out
    }

    /// Every change one stakeholder proposes for a draft, as one edit:
    /// their positions in the order of their files, each taken whole or
    /// skipped (stale, or in conflict with one taken before it).
    pub fn stakeholder_amendments(&self, draft: DocId, stakeholder: &str) -> StakeholderAmendments {
        let who = super::positions::stakeholder_key(stakeholder);
        let mut positions: Vec<(DocId, usize)> = self
            .draft_entries(draft)
            .filter(|e| {
                self.position(e).is_some_and(|(pf, p)| {
                    super::positions::stakeholder_key(pf.stakeholder()) == who && applies(p)
                })
            })
            .map(|e| (e.file, e.position))
            .collect();
        positions.sort();
        positions.dedup();
        let mut taken: Vec<Planned> = Vec::new();
        let mut applied = 0;
        let mut skipped = Vec::new();
        for (file, position) in positions {
            let Some(p) = self
                .file(file)
                .positions()
                .and_then(|pf| pf.positions.get(position))
            else {
                continue;
            };
            let what = format!("{}: {}", p.target.value, p.summary.value);
            match self.plan_position(draft, file, position) {
                Err(reason) => skipped.push(Skipped { what, reason }),
                Ok(planned) => {
                    let before = taken.len();
                    taken.extend(planned);
                    match conflict(&taken) {
                        Some(reason) => {
                            taken.truncate(before);
                            skipped.push(Skipped { what, reason });
                        }
                        None => applied += 1,
                    }
                }
            }
        }
        let title = format!("Apply all amendments from {}", stakeholder.trim());
        StakeholderAmendments {
            change: amendment(&self.file(draft).text, draft, title, Ok(taken), false).change,
            applied,
            skipped,
        }
    }

    /// The plans of all of a position's changes on all the elements it
    /// targets in `draft`.
    fn plan_position(
        &self,
        draft: DocId,
        file: DocId,
        position: usize,
    ) -> Result<Vec<Planned>, String> {
        let doc = &self.file(draft).doc;
        let p = self
            .file(file)
            .positions()
            .and_then(|pf| pf.positions.get(position))
            .ok_or_else(|| "the position is no longer in its file".to_string())?;
        self.entries_of(file, position)
            .iter()
            .filter(|e| e.draft == draft)
            .flat_map(|e| {
                p.changes.iter().map(|c| {
                    let label = format!("{} ({})", c.describe(), doc.display_name(e.node));
                    self.plan(draft, e.node, c, label)
                })
            })
            .collect()
    }

    /// `delete “applicable”`, `delete Article 41(2)(b)`, `insert paragraph 3`.
    pub fn describe_change(&self, draft: DocId, node: NodeId, c: &Change) -> String {
        match &c.edit {
            Edit::Delete => format!("delete {}", self.file(draft).doc.display_name(node)),
            _ => c.describe(),
        }
    }
}

/// Whether a position proposes changes to apply (comments only report).
fn applies(p: &crate::positions::Position) -> bool {
    !p.changes.is_empty() && !matches!(p.stance.value, Stance::Comment)
}

/// A stakeholder with positions on a draft.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StakeholderSummary {
    pub stakeholder: String,
    pub group: Option<&'static str>,
    /// Positions on elements of the draft.
    pub positions: usize,
    /// Of those, the ones with changes that apply as the draft stands.
    pub amendments: usize,
}

/// All of a stakeholder's applicable changes to a draft, as one edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StakeholderAmendments {
    pub change: SourceChange,
    /// Positions whose changes are in `change`.
    pub applied: usize,
    pub skipped: Vec<Skipped>,
}

/// A position left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Its target and summary.
    pub what: String,
    pub reason: String,
}

fn amendment(
    text: &str,
    draft: DocId,
    title: String,
    planned: Result<Vec<Planned>, String>,
    preferred: bool,
) -> Amendment {
    let disabled = match &planned {
        Err(reason) => Some(reason.clone()),
        Ok(p) => conflict(p),
    };
    let change = match planned {
        Ok(planned) if disabled.is_none() => {
            type Order = (u8, Option<(u32, usize, String)>);
            let mut all: Vec<(Order, TextEdit)> = planned
                .into_iter()
                .flat_map(|p| {
                    let order = (insert_rank(p.inserts), p.number);
                    p.edits.into_iter().map(move |e| (order.clone(), e))
                })
                .collect();
            // at one point, inner insertions first, then by number (LSP
            // keeps the array's order for inserts at one position)
            all.sort_by(|(a, x), (b, y)| {
                (x.span.start, x.span.end, a).cmp(&(y.span.start, y.span.end, b))
            });
            // deletions that overlap or touch (neighbouring elements
            // deleted together) become one
            let mut edits: Vec<TextEdit> = Vec::with_capacity(all.len());
            for (_, e) in all {
                if let Some(last) = edits.last_mut() {
                    if is_deletion(last) && is_deletion(&e) && e.span.start <= last.span.end {
                        last.span.end = last.span.end.max(e.span.end);
                        continue;
                    }
                }
                edits.push(e);
            }
            // a deletion that now runs to the end takes the blank lines
            // before it instead, as the deletion of a last element does
            if let Some(last) = edits.last_mut().filter(|e| is_deletion(e)) {
                if text
                    .get(last.span.end..)
                    .is_some_and(|t| t.trim().is_empty())
                {
                    last.span.start = text[..last.span.start].trim_end().len();
                }
            }
            SourceChange {
                edits: vec![(draft, edits)],
            }
        }
        _ => SourceChange::default(),
    };
    Amendment {
        title,
        change,
        disabled,
        preferred,
    }
}

fn is_deletion(e: &TextEdit) -> bool {
    e.new_text.is_empty() && !e.span.is_empty()
}

/// Two changes whose edits touch the same text, named; never applied
/// together. Insertions at one point conflict unless they are new
/// elements of different levels, which have a natural order.
fn conflict(planned: &[Planned]) -> Option<String> {
    for (i, a) in planned.iter().enumerate() {
        for b in &planned[i + 1..] {
            // new elements of different levels, or numbered apart, have an order
            let ordered = match (a.inserts, b.inserts) {
                (Some(x), Some(y)) if x != y => true,
                (Some(_), Some(_)) => {
                    matches!((&a.number, &b.number), (Some(m), Some(n)) if m != n)
                }
                _ => false,
            };
            let clash = a.edits.iter().any(|x| {
                b.edits.iter().any(|y| {
                    // two deletions of overlapping text delete their union
                    let both_delete = is_deletion(x) && is_deletion(y);
                    (x.span.start < y.span.end && y.span.start < x.span.end && !both_delete)
                        || (x.span.start == y.span.start
                            && (x.span.is_empty() || y.span.is_empty())
                            && !ordered)
                })
            });
            if clash {
                return Some(format!(
                    "conflict: {} and {} change the same text",
                    a.label, b.label
                ));
            }
        }
    }
    None
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
    let (base, _) = crate::syntax::number::split_suffix(key);
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
