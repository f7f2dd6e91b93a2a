//! The outline: document symbols (a tree) and workspace symbols (a fuzzy
//! search over articles and divisions of every file).

use super::navigation::focus_span;
use super::{DocId, Workspace};
use crate::syntax::{Document, NodeId, NodeKind, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// `Article 6 - Illegal access`, `Chapter II - Criminalization`, `1.`
    pub name: String,
    /// The first words of a paragraph, the container of an article.
    pub detail: Option<String>,
    pub kind: NodeKind,
    pub node: NodeId,
    pub span: Span,
    pub focus: Span,
    pub children: Vec<Symbol>,
}

/// `Article 6 - Illegal access`; a paragraph's label as written.
pub fn symbol_name(doc: &Document, id: NodeId) -> String {
    let n = doc.node(id);
    let base = match n.kind {
        NodeKind::Document => doc.title.clone().unwrap_or_else(|| "Document".into()),
        NodeKind::Preamble => "Preamble".into(),
        NodeKind::Testimonium => "Final clause".into(),
        NodeKind::Heading | NodeKind::Instrument => {
            return n.heading.clone().unwrap_or_else(|| n.label.to_string());
        }
        k if k.is_subdivision() => return n.label.trim().to_string(),
        NodeKind::Article => format!(
            "Article {}",
            n.label
                .split_whitespace()
                .skip(1)
                .collect::<Vec<_>>()
                .join(" ")
        ),
        _ => {
            // `CHAPTER II` -> `Chapter II`
            let mut words = n.label.split_whitespace();
            let word = words.next().unwrap_or("");
            let mut w = word.to_lowercase();
            if let Some(f) = w.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            std::iter::once(w)
                .chain(words.map(String::from))
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    match &n.heading {
        Some(h) if !n.kind.is_subdivision() => format!("{} - {}", base, h),
        _ => base,
    }
}

fn first_words(text: &str, span: &Span, skip: &Span) -> Option<String> {
    let start = skip.end.max(span.start).min(span.end);
    let body = text[start..span.end].trim_start();
    let mut out = String::new();
    for w in body.split_whitespace() {
        if out.len() + w.len() > 60 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    (!out.is_empty()).then_some(out)
}

impl Workspace {
    pub fn document_symbols(&self, id: DocId) -> Vec<Symbol> {
        let file = self.file(id);
        let doc = &file.doc;
        fn build(text: &str, doc: &Document, id: NodeId) -> Symbol {
            let n = doc.node(id);
            Symbol {
                name: symbol_name(doc, id),
                detail: if n.kind.is_subdivision() {
                    first_words(text, &n.span, &n.label_span)
                } else {
                    None
                },
                kind: n.kind,
                node: id,
                span: n.span.clone(),
                focus: focus_span(text, doc, id),
                children: n.children.iter().map(|&c| build(text, doc, c)).collect(),
            }
        }
        let mut out: Vec<Symbol> = Vec::new();
        // the draft's identity (`A/AC.291/16 — title (date)`), on its front matter
        if let (Some(identity), Some(fm)) = (self.draft_identity(id), &doc.front_matter) {
            out.push(Symbol {
                name: identity,
                detail: Some("draft".into()),
                kind: NodeKind::Document,
                node: NodeId::ROOT,
                span: fm.span.clone(),
                focus: fm.span.clone(),
                children: vec![],
            });
        }
        out.extend(
            doc.root()
                .children
                .iter()
                .map(|&c| build(&file.text, doc, c)),
        );
        out
    }

    /// Articles, divisions, annexes and instruments of every file whose
    /// name matches every word of `query` (`art 6`, `illegal access`).
    pub fn workspace_symbols(&self, query: &str, limit: usize) -> Vec<(DocId, Symbol)> {
        let words: Vec<String> = query.split_whitespace().map(|w| w.to_lowercase()).collect();
        let mut scored = Vec::new();
        for id in self.ids() {
            let file = self.file(id);
            let doc = &file.doc;
            for node in doc.ids().skip(1) {
                let n = doc.node(node);
                if n.kind.is_subdivision()
                    || matches!(n.kind, NodeKind::Testimonium | NodeKind::Preamble)
                {
                    continue;
                }
                let name = symbol_name(doc, node);
                let Some(score) = match_score(&name, &words) else {
                    continue;
                };
                let container = doc.container(node);
                scored.push((
                    score,
                    id,
                    Symbol {
                        name,
                        detail: (container != NodeId::ROOT).then(|| symbol_name(doc, container)),
                        kind: n.kind,
                        node,
                        span: n.span.clone(),
                        focus: focus_span(&file.text, doc, node),
                        children: vec![],
                    },
                ));
            }
        }
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.node.cmp(&b.2.node))
        });
        scored
            .into_iter()
            .take(limit)
            .map(|(_, d, s)| (d, s))
            .collect()
    }
}

/// Every query word must start a word of the name (`art` -> `Article`) or,
/// for numbers, equal one (`6` matches `Article 6`, not `Article 60`).
/// Higher is better; `None` when a word does not match.
fn match_score(name: &str, words: &[String]) -> Option<u32> {
    let name_words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut score = 0;
    for q in words {
        let numeric = q.chars().next().is_some_and(|c| c.is_ascii_digit());
        let hit = name_words.iter().position(|w| {
            if numeric {
                w == q
            } else {
                w.starts_with(q.as_str())
            }
        });
        match hit {
            Some(i) => {
                score += 10 - (i as u32).min(9);
                if name_words[i] == *q {
                    score += 5;
                }
            }
            None => {
                // a substring anywhere still counts, a little
                if !numeric && name.to_lowercase().contains(q.as_str()) {
                    score += 1;
                } else {
                    return None;
                }
            }
        }
    }
    Some(score)
}
