//! Completion of numbers after `Article `, `Articles 6 to `, `paragraph `,
//! `Article 6, paragraph `, `subparagraph (`: the elements that exist, with
//! their headings.

use super::base::names::symbol_name;
use super::base::{FilePosition, Workspace};
use crate::syntax::{Document, NodeId, NodeKind, Span};
use regex::Regex;
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
    let text = &file.text;
    let doc = &file.doc;
    let offset = crate::syntax::lines::floor_char_boundary(text, pos.offset.min(text.len()));
    let line_start = crate::syntax::lines::line_start(text, offset);
    // look back a little further than the line: references wrap
    let from = crate::syntax::lines::floor_char_boundary(
        text,
        line_start
            .saturating_sub(80)
            .max(offset.saturating_sub(200)),
    );
    let before = &text[from..offset];
    let ctx = doc.node_at(offset);

    if let Some(c) = PARAGRAPH_OF_ARTICLE.captures(before) {
        let typed = c.name("typed").unwrap();
        let key = crate::syntax::number::normalise_key(&c["article"]);
        let container = doc.instrument(ctx);
        return match file.index.article(container, &key) {
            Some(article) => children_items(
                text,
                doc,
                article,
                typed.as_str(),
                from + typed.start()..offset,
                false,
            ),
            None => vec![],
        };
    }
    if let Some(c) = ARTICLE_CONTEXT.captures(before) {
        let typed = c.name("typed").unwrap();
        let container = doc.container(ctx);
        let container = if doc.node(container).kind == NodeKind::Annex {
            doc.instrument(container)
        } else {
            container
        };
        let replace = from + typed.start()..offset;
        return doc
            .articles()
            .filter(|&a| doc.container(a) == container)
            .filter(|&a| {
                doc.node(a)
                    .key
                    .to_lowercase()
                    .starts_with(&typed.as_str().to_lowercase())
            })
            .enumerate()
            .map(|(i, a)| {
                let n = doc.node(a);
                CompletionItem {
                    label: format!("Article {}", n.key),
                    insert_text: n.key.to_string(),
                    detail: n.heading.clone(),
                    replace: replace.clone(),
                    sort_text: format!("{:05}", i),
                }
            })
            .collect();
    }
    if let Some(c) = PARAGRAPH.captures(before) {
        let typed = c.name("typed").unwrap();
        return match doc.enclosing(ctx, NodeKind::Article) {
            Some(article) => children_items(
                text,
                doc,
                article,
                typed.as_str(),
                from + typed.start()..offset,
                false,
            ),
            None => vec![],
        };
    }
    if let Some(c) = POINT.captures(before) {
        let typed = c.name("typed").unwrap();
        let parent = doc
            .enclosing(ctx, NodeKind::Paragraph)
            .or_else(|| doc.enclosing(ctx, NodeKind::Article));
        let paren = before[..typed.start()].ends_with('(');
        return match parent {
            Some(p) => children_items(
                text,
                doc,
                p,
                typed.as_str(),
                from + typed.start()..offset,
                !paren,
            ),
            None => vec![],
        };
    }
    vec![]
}

fn children_items(
    text: &str,
    doc: &Document,
    parent: NodeId,
    typed: &str,
    replace: Span,
    parens: bool,
) -> Vec<CompletionItem> {
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
