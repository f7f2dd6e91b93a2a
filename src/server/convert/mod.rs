//! Analysis results -> LSP types: the one place that knows both. Every span
//! goes through the text of the snapshot it came from, in the negotiated
//! encoding, and every answer takes the form the client declared it takes.
//!
//! - `symbols`: the outline (nested or flat, known symbol kinds);
//! - `tokens`: semantic tokens and their legend;
//! - `edits`: workspace edits, quick fixes, code lenses;
//! - `markdown`: hover Markdown as plain text.

pub mod edits;
pub mod markdown;
pub mod symbols;
pub mod tokens;

use super::capabilities::ClientCaps;
use super::position::{Encoding, LineMap};
use super::state::Snapshot;
use crate::analysis::completion::CompletionItem;
use crate::analysis::document_links::DocumentLink;
use crate::analysis::folding::{Fold, FoldKind};
use crate::analysis::navigation::NavTarget;
use crate::analysis::{self, DocId, FileSpan, SourceFile, Workspace};
use crate::syntax::{Severity, Span};
use std::str::FromStr;
use tower_lsp_server::ls_types::{self as lsp, Position, Uri};

pub fn line_map(file: &SourceFile, encoding: Encoding) -> LineMap<'_> {
    LineMap::new(&file.text, file.line_table(), encoding)
}

pub fn uri(ws: &Workspace, doc: DocId) -> Option<Uri> {
    Uri::from_str(&ws.file(doc).name).ok()
}

/// The byte offset of a client's position in a file.
pub fn offset(ws: &Workspace, doc: DocId, enc: Encoding, at: Position) -> usize {
    line_map(ws.file(doc), enc).offset(at)
}

/// A snapshot's answers in the client's terms.
pub struct Conv<'a> {
    pub snap: &'a Snapshot,
    pub enc: Encoding,
    pub caps: &'a ClientCaps,
}

impl Conv<'_> {
    pub fn ws(&self) -> &Workspace {
        &self.snap.ws
    }

    fn map(&self, doc: DocId) -> LineMap<'_> {
        line_map(self.ws().file(doc), self.enc)
    }

    pub fn range(&self, doc: DocId, span: &Span) -> lsp::Range {
        self.map(doc).range(span)
    }

    /// The byte span of a client's range.
    pub fn span(&self, doc: DocId, range: lsp::Range) -> Span {
        let map = self.map(doc);
        map.offset(range.start)..map.offset(range.end)
    }

    pub fn location(&self, doc: DocId, span: &Span) -> Option<lsp::Location> {
        Some(lsp::Location {
            uri: uri(self.ws(), doc)?,
            range: self.range(doc, span),
        })
    }

    pub fn locations(&self, spans: &[FileSpan]) -> Vec<lsp::Location> {
        spans
            .iter()
            .filter_map(|f| self.location(f.doc, &f.span))
            .collect()
    }

    pub fn diagnostics(&self, doc: DocId, all: &[analysis::Diagnostic]) -> Vec<lsp::Diagnostic> {
        all.iter().map(|d| self.diagnostic(doc, d)).collect()
    }

    fn diagnostic(&self, doc: DocId, d: &analysis::Diagnostic) -> lsp::Diagnostic {
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .related
            .iter()
            .filter_map(|r| {
                Some(lsp::DiagnosticRelatedInformation {
                    location: self.location(r.file.unwrap_or(doc), &r.span)?,
                    message: r.message.clone(),
                })
            })
            .collect();
        lsp::Diagnostic {
            range: self.range(doc, &d.span),
            severity: Some(match d.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
                Severity::Hint => lsp::DiagnosticSeverity::HINT,
            }),
            code: Some(lsp::NumberOrString::String(d.code.to_string())),
            code_description: None,
            source: Some("treaty-lsp".into()),
            message: d.message.clone(),
            related_information: (self.caps.related_information && !related.is_empty())
                .then_some(related),
            tags: None,
            data: None,
        }
    }

    /// Markdown, or plain text for a client that takes nothing else.
    pub fn hover(&self, doc: DocId, h: analysis::Hover) -> lsp::Hover {
        let (kind, value) = if self.caps.markdown_hover {
            (lsp::MarkupKind::Markdown, h.markdown)
        } else {
            let plain = markdown::markdown_to_plain(&h.markdown);
            (lsp::MarkupKind::PlainText, plain)
        };
        lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent { kind, value }),
            range: Some(self.range(doc, &h.span)),
        }
    }

    /// Links (with the text they start from) when the client takes them,
    /// else plain locations of the part to show.
    pub fn definition(
        &self,
        from: DocId,
        targets: &[NavTarget],
        origin: Option<Span>,
    ) -> lsp::GotoDefinitionResponse {
        if !self.caps.definition_links {
            let locs = targets
                .iter()
                .filter_map(|t| self.location(t.doc, &t.focus))
                .collect();
            return lsp::GotoDefinitionResponse::Array(locs);
        }
        let links = targets
            .iter()
            .filter_map(|t| {
                Some(lsp::LocationLink {
                    origin_selection_range: origin.as_ref().map(|o| self.range(from, o)),
                    target_uri: uri(self.ws(), t.doc)?,
                    target_range: self.range(t.doc, &t.full),
                    target_selection_range: self.range(t.doc, &t.focus),
                })
            })
            .collect();
        lsp::GotoDefinitionResponse::Link(links)
    }

    /// Folds that cover more than one line.
    pub fn folds(&self, doc: DocId, folds: &[Fold]) -> Vec<lsp::FoldingRange> {
        let map = self.map(doc);
        folds
            .iter()
            .filter_map(|f| {
                let r = map.range(&f.span);
                (r.end.line > r.start.line).then_some(lsp::FoldingRange {
                    start_line: r.start.line,
                    start_character: None,
                    end_line: r.end.line,
                    end_character: None,
                    kind: Some(match f.kind {
                        FoldKind::FrontMatter => lsp::FoldingRangeKind::Comment,
                        _ => lsp::FoldingRangeKind::Region,
                    }),
                    collapsed_text: None,
                })
            })
            .collect()
    }

    /// Nested spans, innermost first, as a chain of parents; an empty
    /// range at the position when there are none.
    pub fn selection(&self, doc: DocId, at: Position, spans: &[Span]) -> lsp::SelectionRange {
        let mut range: Option<lsp::SelectionRange> = None;
        for s in spans.iter().rev() {
            range = Some(lsp::SelectionRange {
                range: self.range(doc, s),
                parent: range.map(Box::new),
            });
        }
        range.unwrap_or(lsp::SelectionRange {
            range: lsp::Range::new(at, at),
            parent: None,
        })
    }

    pub fn links(&self, doc: DocId, links: Vec<DocumentLink>) -> Vec<lsp::DocumentLink> {
        let map = self.map(doc);
        links
            .into_iter()
            .filter_map(|l| {
                let target = self.ws().file(l.doc);
                let uri = Uri::from_str(&format!("{}#L{}", target.name, l.line)).ok()?;
                Some(lsp::DocumentLink {
                    range: map.range(&l.span),
                    target: Some(uri),
                    tooltip: self.caps.link_tooltips.then_some(l.tooltip),
                    data: None,
                })
            })
            .collect()
    }

    pub fn completions(&self, doc: DocId, items: Vec<CompletionItem>) -> lsp::CompletionResponse {
        let map = self.map(doc);
        let items = items
            .into_iter()
            .map(|c| lsp::CompletionItem {
                kind: Some(lsp::CompletionItemKind::REFERENCE),
                sort_text: Some(c.sort_text),
                filter_text: Some(c.insert_text.clone()),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                    range: map.range(&c.replace),
                    new_text: c.insert_text,
                })),
                label: c.label,
                detail: c.detail,
                ..Default::default()
            })
            .collect();
        lsp::CompletionResponse::Array(items)
    }
}
