//! Semantic tokens in LSP's relative encoding, and their legend.

use super::line_map;
use crate::analysis::semantic_tokens::{Token, TokenKind, DECLARATION, UNAGREED};
use crate::analysis::SourceFile;
use crate::server::position::Encoding;
use tower_lsp_server::ls_types::{SemanticToken, SemanticTokenModifier, SemanticTokenType};

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

impl super::Conv<'_> {
    pub fn semantic_tokens(
        &self,
        doc: crate::analysis::DocId,
        tokens: &[Token],
    ) -> tower_lsp_server::ls_types::SemanticTokens {
        tower_lsp_server::ls_types::SemanticTokens {
            result_id: None,
            data: semantic_tokens(self.ws().file(doc), tokens, self.enc),
        }
    }
}
