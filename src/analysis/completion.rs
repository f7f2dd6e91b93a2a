//! Completion of numbers after `Article `, `Articles 6 to `, `paragraph `,
//! `Article 6, paragraph `, `subparagraph (`: the elements that exist, with
//! their headings.

use super::base::names::symbol_name;
use super::base::{FilePosition, Workspace};
use crate::syntax::lines::{floor_char_boundary, line_start};
use crate::syntax::number::normalise_key;
use crate::syntax::{Document, NodeId, NodeKind, Span};
use regex::{Match, Regex};
use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    /// `6`, `(a)`
    pub label: String,
    pub insert_text: String,
    /// The heading, or the first words.
    pub detail: Option<String>,
    /// The text the item replaces: what is typed of the number so far.
    pub replace: Span,
    pub sort_text: String,
}

static ARTICLE_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:articles?|arts?\.)\s+(?:[0-9][\w.()]*\s*(?:,|\band\b|\bor\b|\bto\b|\bthrough\b|-|–)\s*)*(?P<typed>[0-9]*[a-z]*)$").unwrap()
});
static PARAGRAPH_OF_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\barticle\s+(?P<article>[0-9]+(?:\s?[a-z]+)?),?\s+paragraphs?\s+(?:[0-9]+\s*(?:,|\band\b|\bor\b|\bto\b)\s*)*(?P<typed>[0-9]*)$").unwrap()
});
static PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bparagraphs?\s+(?:[0-9]+\s*(?:,|\band\b|\bor\b|\bto\b)\s*)*(?P<typed>[0-9]*)$",
    )
    .unwrap()
});
static POINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sub-?paragraphs?|points?)\s+\(?(?P<typed>[a-z]*)$").unwrap()
});

pub fn completions(ws: &Workspace, pos: FilePosition) -> Vec<CompletionItem> {
    let Some(file) = ws.files.get(pos.doc.0) else {
        return vec![];
    };
    let (text, doc) = (&file.text, &file.doc);
    let offset = floor_char_boundary(text, pos.offset.min(text.len()));
    // look back a little further than the line: references wrap
    let line_start = line_start(text, offset);
    let from = line_start
        .saturating_sub(80)
        .max(offset.saturating_sub(200));
    let from = floor_char_boundary(text, from);
    let before = &text[from..offset];
    let ctx = doc.node_at(offset);
    let at = Typing {
        text,
        doc,
        from,
        offset,
    };
    if let Some(c) = PARAGRAPH_OF_ARTICLE.captures(before) {
        let key = normalise_key(&c["article"]);
        let article = file.index.article(doc.instrument(ctx), &key);
        return at.children(article, c.name("typed"), false);
    }
    if let Some(c) = ARTICLE_CONTEXT.captures(before) {
        return at.articles(ctx, c.name("typed"));
    }
    if let Some(c) = PARAGRAPH.captures(before) {
        let article = doc.enclosing(ctx, NodeKind::Article);
        return at.children(article, c.name("typed"), false);
    }
    if let Some(c) = POINT.captures(before) {
        let typed = c.name("typed");
        let parent = doc
            .enclosing(ctx, NodeKind::Paragraph)
            .or_else(|| doc.enclosing(ctx, NodeKind::Article));
        let paren = typed.is_some_and(|t| before[..t.start()].ends_with('('));
        return at.children(parent, typed, !paren);
    }
    vec![]
}

/// Where a number is being typed: the text looked at ends at `offset`
/// and starts at `from`.
struct Typing<'a> {
    text: &'a str,
    doc: &'a Document,
    from: usize,
    offset: usize,
}

impl Typing<'_> {
    /// The number typed so far and the text a completion replaces.
    fn typed<'t>(&self, typed: Option<Match<'t>>) -> (&'t str, Span) {
        match typed {
            Some(t) => (t.as_str(), self.from + t.start()..self.offset),
            None => ("", self.offset..self.offset),
        }
    }

    /// The articles of the instrument the cursor is in (from an annex,
    /// the instrument's).
    fn articles(&self, ctx: NodeId, typed: Option<Match>) -> Vec<CompletionItem> {
        let doc = self.doc;
        let container = doc.container(ctx);
        let container = if doc.node(container).kind.is_annex() {
            doc.instrument(container)
        } else {
            container
        };
        let (typed, replace) = self.typed(typed);
        let typed = typed.to_lowercase();
        doc.articles()
            .filter(|&a| doc.container(a) == container)
            .filter(|&a| doc.node(a).key.to_lowercase().starts_with(&typed))
            .enumerate()
            .map(|(i, a)| {
                let n = doc.node(a);
                CompletionItem {
                    label: format!("Article {}", n.key),
                    insert_text: n.key.to_string(),
                    detail: n.heading.as_deref().map(str::to_string),
                    replace: replace.clone(),
                    sort_text: format!("{:05}", i),
                }
            })
            .collect()
    }

    /// The numbered parts of `parent` (none when there is no such parent);
    /// letters with both parentheses when `parens`, else with the closing one.
    fn children(
        &self,
        parent: Option<NodeId>,
        typed: Option<Match>,
        parens: bool,
    ) -> Vec<CompletionItem> {
        let (text, doc) = (self.text, self.doc);
        let Some(parent) = parent else {
            return vec![];
        };
        let (typed, replace) = self.typed(typed);
        doc.node(parent)
            .children
            .iter()
            .filter(|&&c| doc.node(c).kind.is_subdivision())
            .filter(|&&c| doc.node(c).key.starts_with(typed))
            .enumerate()
            .map(|(i, &c)| {
                let n = doc.node(c);
                let letter = n.kind != NodeKind::Paragraph;
                let body_start = n.label_span.end.min(n.span.end);
                let detail: String = text[body_start..n.span.end]
                    .split_whitespace()
                    .take(10)
                    .collect::<Vec<_>>()
                    .join(" ");
                CompletionItem {
                    label: if letter {
                        format!("({})", n.key)
                    } else {
                        n.key.to_string()
                    },
                    insert_text: if letter && parens {
                        format!("({})", n.key)
                    } else if letter {
                        format!("{})", n.key)
                    } else {
                        n.key.to_string()
                    },
                    detail: Some(format!("{} — {}…", symbol_name(doc, c), detail)),
                    replace: replace.clone(),
                    sort_text: format!("{:05}", i),
                }
            })
            .collect()
    }
}
