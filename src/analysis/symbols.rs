//! The outline: document symbols (a tree) and workspace symbols (a fuzzy
//! search over articles and divisions of every file).

use super::base::names::{focus_span, symbol_name};
use super::base::{DocId, Workspace};
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

/// How deep the outline goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OutlineDepth {
    /// Divisions, articles, annexes and instruments: the headings.
    Articles,
    /// And the paragraphs of articles (and other first subdivisions): the
    /// default, where a breadcrumb says which paragraph the cursor is in.
    #[default]
    Paragraphs,
    /// Every subdivision: subparagraphs, points, items.
    Points,
}

impl OutlineDepth {
    /// `articles`, `paragraphs` or `points`, as the settings say it.
    pub fn from_name(name: &str) -> Option<OutlineDepth> {
        match name {
            "articles" => Some(OutlineDepth::Articles),
            "paragraphs" => Some(OutlineDepth::Paragraphs),
            "points" => Some(OutlineDepth::Points),
            _ => None,
        }
    }

    /// Whether element `id` is in an outline of this depth.
    fn shows(self, doc: &Document, id: NodeId) -> bool {
        let kind = doc.node(id).kind;
        let first_subdivision = || {
            doc.parent(id)
                .is_none_or(|p| !doc.node(p).kind.is_subdivision())
        };
        match self {
            OutlineDepth::Points => true,
            _ if !kind.is_subdivision() => true,
            OutlineDepth::Paragraphs => first_subdivision(),
            OutlineDepth::Articles => false,
        }
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

/// An article's own words: from the line after its heading (whose rest is
/// markup, `**`, `]`) to `end`, HTML comments left out; none unless they
/// hold a letter or digit.
fn own_words(text: &str, heading: usize, end: usize) -> Option<String> {
    let mut from = crate::syntax::lines::next_line_start(text, heading).min(end);
    loop {
        let rest = text[from..end].trim_start();
        let Some(comment) = rest.strip_prefix("<!--") else {
            break;
        };
        let close = comment.find("-->")?;
        from = end - comment.len() + close + 3;
    }
    let words = first_words(text, &(from..end), &(from..from))?;
    words.chars().any(char::is_alphanumeric).then_some(words)
}

/// The outline of a file: its front matter (the draft's identity) and its
/// elements, nested, to `depth`.
pub fn document_symbols(ws: &Workspace, id: DocId, depth: OutlineDepth) -> Vec<Symbol> {
    let file = ws.file(id);
    let doc = &file.doc;
    let mut out: Vec<Symbol> = Vec::new();
    // the draft's identity (`A/AC.291/16 — title (date)`) on its front
    // matter, with its earlier versions and the positions made on them
    // whose elements it dropped
    let earlier: Vec<String> = ws
        .earlier_versions(id)
        .into_iter()
        .map(|d| ws.draft_label(d))
        .collect();
    if let Some(name) = ws.draft_identity(id).or_else(|| ws.lineage_label(id)) {
        let span = doc.front_matter.as_ref().map_or(0..0, |fm| fm.span.clone());
        let detail = match earlier.is_empty() {
            true => "draft".into(),
            false => format!("draft, follows {}", earlier.join(" ← ")),
        };
        out.push(Symbol {
            name,
            detail: Some(detail),
            kind: NodeKind::Document,
            node: NodeId::ROOT,
            span: span.clone(),
            focus: span.clone(),
            children: dropped_positions(ws, id, &span),
        });
    }
    let outline = Outline {
        text: &file.text,
        doc,
        depth,
    };
    out.extend(outline.children(NodeId::ROOT));
    out
}

/// The positions made on earlier versions whose element this draft has
/// no counterpart of, and that stand on the draft as a whole.
fn dropped_positions(ws: &Workspace, id: DocId, span: &Span) -> Vec<Symbol> {
    let lost = ws.position_entries().iter().filter(|e| {
        e.draft == id && e.node == NodeId::ROOT && e.carried.as_ref().is_some_and(|c| c.lost)
    });
    lost.filter_map(|e| {
        let (pf, p) = ws.position(e)?;
        let c = e.carried.as_ref()?;
        let was = ws.file(c.draft).doc.display_name(c.node);
        Some(Symbol {
            name: format!(
                "{}: {} {} of {}",
                pf.stakeholder(),
                p.stance.value.name(),
                was,
                ws.draft_label(c.draft)
            ),
            detail: Some("no counterpart here".into()),
            kind: NodeKind::Document,
            node: NodeId::ROOT,
            span: span.clone(),
            focus: span.clone(),
            children: vec![],
        })
    })
    .collect()
}

/// A document's elements as symbols, to a depth.
struct Outline<'a> {
    text: &'a str,
    doc: &'a Document,
    depth: OutlineDepth,
}

impl Outline<'_> {
    /// The parts of `id` in the outline, as symbols.
    fn children(&self, id: NodeId) -> Vec<Symbol> {
        let children = &self.doc.node(id).children;
        children
            .iter()
            .filter(|&&c| self.depth.shows(self.doc, c))
            .map(|&c| self.symbol(c))
            .collect()
    }

    /// An element and its parts as symbols.
    fn symbol(&self, id: NodeId) -> Symbol {
        let (text, doc) = (self.text, self.doc);
        let n = doc.node(id);
        let children = self.children(id);
        Symbol {
            name: symbol_name(doc, id),
            detail: self.detail(id, &children),
            kind: n.kind,
            node: id,
            span: n.span.clone(),
            focus: focus_span(text, doc, id),
            children,
        }
    }

    /// The first words of an element whose name does not say what it is
    /// about: a subdivision (`1.`, `(a)`), or an article without a title:
    /// its own words before its parts, else its first part's when the
    /// outline does not show that part (which would say them). A titled
    /// element's title says it.
    fn detail(&self, id: NodeId, children: &[Symbol]) -> Option<String> {
        let (text, n) = (self.text, self.doc.node(id));
        if n.kind.is_subdivision() {
            return first_words(text, &n.span, &n.label_span);
        }
        if n.kind != NodeKind::Article || n.heading.is_some() {
            return None;
        }
        let first = n.children.first().map(|&c| self.doc.node(c));
        let own_end = first.map_or(n.span.end, |c| c.span.start);
        let shown = !children.is_empty();
        own_words(text, n.label_span.end, own_end).or_else(|| {
            let first = first.filter(|_| !shown)?;
            first_words(text, &first.span, &first.label_span)
        })
    }
}

/// Articles, divisions, annexes and instruments of every file whose
/// name matches every word of `query` (`art 6`, `illegal access`).
pub fn workspace_symbols(ws: &Workspace, query: &str, limit: usize) -> Vec<(DocId, Symbol)> {
    let words: Vec<String> = query.split_whitespace().map(|w| w.to_lowercase()).collect();
    let mut scored = Vec::new();
    for id in ws.ids() {
        let file = ws.file(id);
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
