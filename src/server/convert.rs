//! Analysis results -> LSP types. Every span goes through the text of the
//! snapshot it came from, in the negotiated encoding.

use super::position::{Encoding, LineMap};
use crate::analysis::semantic_tokens::{Token, TokenKind, DECLARATION, UNAGREED};
use crate::analysis::symbols::Symbol;
use crate::analysis::{self, DocId, SourceFile, Workspace};
use crate::syntax::{NodeKind, Severity};
use std::str::FromStr;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, Location,
    NumberOrString, SemanticToken, SemanticTokenModifier, SemanticTokenType, SymbolKind, Uri,
};

pub fn line_map(file: &SourceFile, encoding: Encoding) -> LineMap<'_> {
    LineMap {
        text: &file.text,
        lines: file.line_table(),
        encoding,
    }
}

pub fn uri(ws: &Workspace, doc: DocId) -> Option<Uri> {
    Uri::from_str(&ws.file(doc).name).ok()
}

pub fn location(
    ws: &Workspace,
    doc: DocId,
    span: &std::ops::Range<usize>,
    enc: Encoding,
) -> Option<Location> {
    Some(Location {
        uri: uri(ws, doc)?,
        range: line_map(ws.file(doc), enc).range(span),
    })
}

pub fn symbol_kind(kind: NodeKind) -> SymbolKind {
    match kind {
        NodeKind::Document | NodeKind::Instrument => SymbolKind::PACKAGE,
        NodeKind::Annex => SymbolKind::MODULE,
        NodeKind::Article => SymbolKind::CLASS,
        NodeKind::Paragraph => SymbolKind::FIELD,
        NodeKind::Subparagraph => SymbolKind::ENUM_MEMBER,
        NodeKind::Item | NodeKind::Subitem => SymbolKind::CONSTANT,
        NodeKind::Preamble | NodeKind::Testimonium => SymbolKind::STRING,
        _ => SymbolKind::NAMESPACE,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the type
pub fn document_symbol(file: &SourceFile, s: &Symbol, enc: Encoding) -> DocumentSymbol {
    let map = line_map(file, enc);
    let range = map.range(&s.span);
    let mut selection = map.range(&s.focus);
    // the selection range must lie inside the range
    if selection.start < range.start || selection.end > range.end {
        selection = range;
    }
    DocumentSymbol {
        name: if s.name.is_empty() {
            "(untitled)".into()
        } else {
            s.name.clone()
        },
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        // a leaf has no `children` (optional in LSP): 2,000 fewer `[]`
        children: (!s.children.is_empty()).then(|| {
            s.children
                .iter()
                .map(|c| document_symbol(file, c, enc))
                .collect()
        }),
    }
}

pub fn diagnostic(
    ws: &Workspace,
    doc: DocId,
    d: &analysis::Diagnostic,
    enc: Encoding,
) -> lsp::Diagnostic {
    let map = line_map(ws.file(doc), enc);
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: location(ws, r.file.unwrap_or(doc), &r.span, enc)?,
                message: r.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: map.range(&d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Information => DiagnosticSeverity::INFORMATION,
            Severity::Hint => DiagnosticSeverity::HINT,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: None,
        source: Some("treaty-lsp".into()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The legend: token types in `TokenKind` order, then modifiers by bit.
pub fn token_types() -> Vec<SemanticTokenType> {
    TokenKind::ALL
        .iter()
        .map(|k| {
            SemanticTokenType::new(match k {
                TokenKind::Bracket => "unagreedText",
                TokenKind::Heading => "heading",
                TokenKind::ArticleNumber => "articleNumber",
                TokenKind::ParagraphNumber => "paragraphNumber",
                TokenKind::DefinedTerm => "definedTerm",
                TokenKind::Reference => "reference",
                TokenKind::ExternalReference => "externalReference",
                TokenKind::DanglingReference => "danglingReference",
            })
        })
        .collect()
}

pub fn token_modifiers() -> Vec<SemanticTokenModifier> {
    // bit 0: DECLARATION, bit 1: UNAGREED
    vec![
        SemanticTokenModifier::DECLARATION,
        SemanticTokenModifier::new("unagreed"),
    ]
}

/// Tokens (sorted, single-line, non-overlapping) to the relative encoding.
pub fn semantic_tokens(file: &SourceFile, tokens: &[Token], enc: Encoding) -> Vec<SemanticToken> {
    let map = line_map(file, enc);
    let mut out = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_start) = (0, 0);
    for t in tokens {
        let start = map.position(t.span.start);
        let end = map.position(t.span.end);
        if end.line != start.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - prev_line;
        let delta_start = if delta_line == 0 {
            start.character - prev_start
        } else {
            start.character
        };
        let kind = TokenKind::ALL
            .iter()
            .position(|k| *k == t.kind)
            .unwrap_or(0) as u32;
        let mut mods = 0;
        if t.modifiers & DECLARATION != 0 {
            mods |= 1;
        }
        if t.modifiers & UNAGREED != 0 {
            mods |= 2;
        }
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: kind,
            token_modifiers_bitset: mods,
        });
        prev_line = start.line;
        prev_start = start.character;
    }
    out
}
