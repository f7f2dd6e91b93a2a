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

/// The kinds every client knows: File (1) to Array (18).
const BASE_SYMBOL_KINDS: [SymbolKind; 18] = [
    SymbolKind::FILE,
    SymbolKind::MODULE,
    SymbolKind::NAMESPACE,
    SymbolKind::PACKAGE,
    SymbolKind::CLASS,
    SymbolKind::METHOD,
    SymbolKind::PROPERTY,
    SymbolKind::FIELD,
    SymbolKind::CONSTRUCTOR,
    SymbolKind::ENUM,
    SymbolKind::INTERFACE,
    SymbolKind::FUNCTION,
    SymbolKind::VARIABLE,
    SymbolKind::CONSTANT,
    SymbolKind::STRING,
    SymbolKind::NUMBER,
    SymbolKind::BOOLEAN,
    SymbolKind::ARRAY,
];

/// A symbol kind the client knows: `kind` itself, or the nearest
/// stand-in (a subparagraph is an enum member, else a field).
pub fn fit_kind(kind: SymbolKind, known: Option<&[SymbolKind]>) -> SymbolKind {
    let ok = |k: SymbolKind| known.unwrap_or(&BASE_SYMBOL_KINDS).contains(&k);
    [
        kind,
        SymbolKind::FIELD,
        SymbolKind::CONSTANT,
        SymbolKind::STRING,
    ]
    .into_iter()
    .find(|&k| ok(k))
    .unwrap_or(SymbolKind::FILE)
}

/// [`fit_kind`] on a symbol and its children.
pub fn fit_symbol_kinds(s: &mut DocumentSymbol, known: Option<&[SymbolKind]>) {
    s.kind = fit_kind(s.kind, known);
    for c in s.children.iter_mut().flatten() {
        fit_symbol_kinds(c, known);
    }
}

/// Hover Markdown as plain text, for clients that take nothing else:
/// no emphasis marks or escapes, links as `text <url>`, table rows as
/// `cell | cell` without the outer bars or the rule under the header.
pub fn markdown_to_plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.split('\n') {
        let t = line.trim();
        // a table's header rule: `|---|:--|`
        if t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        // a table row: its cells, without the outer bars
        match t.strip_prefix('|').and_then(|r| r.strip_suffix('|')) {
            Some(cells) => out.push_str(plain_line(cells).trim()),
            None => out.push_str(&plain_line(line)),
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

fn plain_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            // `[text](url)` -> `text <url>`
            '[' => {
                let close = (i + 1..chars.len()).find(|&j| chars[j] == ']');
                let end = close
                    .filter(|&c| chars.get(c + 1) == Some(&'('))
                    .and_then(|c| (c + 2..chars.len()).find(|&j| chars[j] == ')'));
                if let (Some(close), Some(end)) = (close, end) {
                    let text: String = chars[i + 1..close].iter().collect();
                    let url: String = chars[close + 2..end].iter().collect();
                    out.push_str(&plain_line(&text));
                    out.push_str(&format!(" <{url}>"));
                    i = end + 1;
                    continue;
                }
                out.push(c);
            }
            '`' => {}
            // emphasis: a run of `*` or `_` against a word on one side
            // only (not `snake_case`, not `2 * 3`)
            '*' | '_' => {
                let mut j = i;
                while j < chars.len() && chars[j] == c {
                    j += 1;
                }
                let before = i.checked_sub(1).map(|k| chars[k]);
                let after = chars.get(j).copied();
                let word = |x: Option<char>| x.is_some_and(|x| !x.is_whitespace());
                let inner = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
                if !(word(after) || word(before)) || (inner(before) && inner(after)) {
                    out.extend(&chars[i..j]);
                }
                i = j;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_markdown_reads_as_plain_text() {
        let md = "*TEST/1 — Draft*\n\n**Article 5** Respect for *human rights*\n\n\
                  | Stakeholder | Stance |\n|---|---|\n\
                  | Microsoft | [submission, line 3](file:///ws/m.md#L3) |\n\n\
                  snake_case and 2 * 3 and a\\|b";
        assert_eq!(
            markdown_to_plain(md),
            "TEST/1 — Draft\n\nArticle 5 Respect for human rights\n\n\
             Stakeholder | Stance\n\
             Microsoft | submission, line 3 <file:///ws/m.md#L3>\n\n\
             snake_case and 2 * 3 and a|b"
        );
    }

    #[test]
    fn symbol_kinds_fit_what_the_client_knows() {
        assert_eq!(fit_kind(SymbolKind::ENUM_MEMBER, None), SymbolKind::FIELD);
        assert_eq!(fit_kind(SymbolKind::CLASS, None), SymbolKind::CLASS);
        let all: Vec<SymbolKind> = (1..=26)
            .map(|k| serde_json::from_value(serde_json::json!(k)).unwrap())
            .collect();
        assert_eq!(
            fit_kind(SymbolKind::ENUM_MEMBER, Some(&all)),
            SymbolKind::ENUM_MEMBER
        );
        assert_eq!(fit_kind(SymbolKind::CLASS, Some(&[])), SymbolKind::FILE);
    }
}
