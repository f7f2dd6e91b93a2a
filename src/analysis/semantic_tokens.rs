//! Semantic tokens: numbers, headings, references (by how they resolve),
//! defined terms and unagreed (bracketed) text, flattened so that tokens
//! never overlap and never cross a line break, as LSP requires.

use super::base::{DocId, Resolution, Workspace};
use crate::syntax::lines::line_end;
use crate::syntax::Span;
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TokenKind {
    /// `[...]`: not yet agreed. Lowest priority: what is inside keeps its own kind.
    Bracket,
    Heading,
    /// `Article 5`, `CHAPTER II`
    ArticleNumber,
    /// `1.`, `(a)`, `(ii)`
    ParagraphNumber,
    DefinedTerm,
    Reference,
    ExternalReference,
    DanglingReference,
}

impl TokenKind {
    pub const ALL: [TokenKind; 8] = [
        TokenKind::Bracket,
        TokenKind::Heading,
        TokenKind::ArticleNumber,
        TokenKind::ParagraphNumber,
        TokenKind::DefinedTerm,
        TokenKind::Reference,
        TokenKind::ExternalReference,
        TokenKind::DanglingReference,
    ];
}

/// Modifier bits.
pub const DECLARATION: u32 = 1;
/// Inside square brackets.
pub const UNAGREED: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub modifiers: u32,
}

/// Tokens of a file, in order, within `range` if given.
pub fn semantic_tokens(ws: &Workspace, id: DocId, range: Option<Span>) -> Vec<Token> {
    let file = ws.file(id);
    let doc = &file.doc;
    let text = &file.text;
    let mut raw: Vec<Token> = Vec::new();
    let keep = |s: &Span| {
        range
            .as_ref()
            .is_none_or(|r| s.start < r.end && s.end > r.start)
    };
    for b in &doc.brackets {
        raw.push(Token {
            span: b.span.clone(),
            kind: TokenKind::Bracket,
            modifiers: 0,
        });
    }
    for n in doc.nodes.iter().skip(1) {
        if !n.label_span.is_empty() {
            let kind = if n.kind.is_subdivision() {
                TokenKind::ParagraphNumber
            } else {
                TokenKind::ArticleNumber
            };
            raw.push(Token {
                span: n.label_span.clone(),
                kind,
                modifiers: DECLARATION,
            });
        }
        if let Some(h) = &n.heading_span {
            raw.push(Token {
                span: h.clone(),
                kind: TokenKind::Heading,
                modifiers: DECLARATION,
            });
        }
    }
    for o in file.term_occurrences() {
        raw.push(Token {
            span: o.span.clone(),
            kind: TokenKind::DefinedTerm,
            modifiers: if o.is_definition { DECLARATION } else { 0 },
        });
    }
    for r in &doc.references {
        if !keep(&r.span) {
            continue;
        }
        let mut whole = TokenKind::Reference;
        for t in &r.targets {
            match ws.resolve(id, r, t, t.path.len()) {
                Resolution::Node { .. } => {}
                Resolution::External { .. } => whole = whole.max(TokenKind::ExternalReference),
                Resolution::Dangling { .. } => {
                    raw.push(Token {
                        span: t.span.clone(),
                        kind: TokenKind::DanglingReference,
                        modifiers: 0,
                    });
                }
            }
        }
        raw.push(Token {
            span: r.span.clone(),
            kind: whole,
            modifiers: 0,
        });
    }
    raw.retain(|t| keep(&t.span) && !t.span.is_empty());
    let mut tokens = flatten(&raw);
    if let Some(r) = &range {
        tokens.retain(|t| t.span.start < r.end && t.span.end > r.start);
    }
    split_lines(text, tokens)
}

/// Where tokens overlap the one of higher kind wins; text inside a bracket
/// keeps its kind and gains `UNAGREED`.
fn flatten(raw: &[Token]) -> Vec<Token> {
    let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(raw.len() * 2);
    for (i, t) in raw.iter().enumerate() {
        events.push((t.span.start, true, i));
        events.push((t.span.end, false, i));
    }
    events.sort_by_key(|&(pos, start, i)| (pos, start, i));
    let mut active: BTreeSet<(TokenKind, usize)> = BTreeSet::new();
    let mut out: Vec<Token> = Vec::new();
    let mut last_pos = 0;
    for (pos, start, i) in events {
        if pos > last_pos {
            if let Some(&(kind, top)) = active.iter().next_back() {
                let in_bracket = kind != TokenKind::Bracket
                    && active.iter().any(|(k, _)| *k == TokenKind::Bracket);
                let modifiers = raw[top].modifiers | if in_bracket { UNAGREED } else { 0 };
                match out.last_mut() {
                    Some(prev)
                        if prev.span.end == last_pos
                            && prev.kind == kind
                            && prev.modifiers == modifiers =>
                    {
                        prev.span.end = pos;
                    }
                    _ => out.push(Token {
                        span: last_pos..pos,
                        kind,
                        modifiers,
                    }),
                }
            }
            last_pos = pos;
        }
        let key = (raw[i].kind, i);
        if start {
            active.insert(key);
        } else {
            active.remove(&key);
        }
    }
    out
}

/// Cuts tokens at line breaks, leaving the breaks out.
fn split_lines(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let mut start = t.span.start;
        while start < t.span.end {
            let end = line_end(text, start).min(t.span.end);
            if end > start {
                out.push(Token {
                    span: start..end,
                    ..t.clone()
                });
            }
            // past the line break (both bytes of a CRLF)
            start = end
                + if text[end..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
        }
    }
    out
}
