//! The outline as LSP symbols: nested or flat, with kinds the client knows.

use super::line_map;
use crate::analysis::symbols::Symbol;
use crate::analysis::{DocId, SourceFile};
use crate::server::position::Encoding;
use crate::syntax::{NodeKind, Span};
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolResponse, SymbolInformation, SymbolKind, WorkspaceSymbolResponse,
};

pub fn symbol_kind(kind: NodeKind) -> SymbolKind {
    match kind {
        NodeKind::Document | NodeKind::Instrument => SymbolKind::PACKAGE,
        NodeKind::Annex | NodeKind::Appendix => SymbolKind::MODULE,
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

impl super::Conv<'_> {
    /// The outline of a file as LSP symbols, nested or flat.
    pub fn outline(&self, id: DocId, symbols: &[Symbol]) -> DocumentSymbolResponse {
        let file = self.ws().file(id);
        let known = self.caps.symbol_kinds.as_deref();
        if self.caps.hierarchical_symbols {
            let nested = symbols
                .iter()
                .map(|s| {
                    let mut d = document_symbol(file, s, self.enc);
                    fit_symbol_kinds(&mut d, known);
                    d
                })
                .collect();
            return DocumentSymbolResponse::Nested(nested);
        }
        // flat, for clients without hierarchical support
        let mut flat = Vec::new();
        for s in symbols {
            flatten(s, None, &mut flat);
        }
        let infos = flat
            .into_iter()
            .filter_map(|(s, container)| {
                self.information(id, s, &s.span, container.cloned(), known)
            })
            .collect();
        DocumentSymbolResponse::Flat(infos)
    }

    /// Symbols found in the workspace, each at the part that names it.
    pub fn workspace_symbols(&self, found: &[(DocId, Symbol)]) -> WorkspaceSymbolResponse {
        let known = self.caps.workspace_symbol_kinds.as_deref();
        let infos = found
            .iter()
            .filter_map(|(doc, s)| self.information(*doc, s, &s.focus, s.detail.clone(), known))
            .collect();
        WorkspaceSymbolResponse::Flat(infos)
    }

    #[allow(deprecated)] // `deprecated` is a required field of the type
    fn information(
        &self,
        doc: DocId,
        s: &Symbol,
        span: &Span,
        container_name: Option<String>,
        known: Option<&[SymbolKind]>,
    ) -> Option<SymbolInformation> {
        Some(SymbolInformation {
            name: s.name.clone(),
            kind: fit_kind(symbol_kind(s.kind), known),
            tags: None,
            deprecated: None,
            location: self.location(doc, span)?,
            container_name,
        })
    }
}

/// A symbol and its parts, each with the name of the one it is in.
fn flatten<'s>(
    s: &'s Symbol,
    container: Option<&'s String>,
    out: &mut Vec<(&'s Symbol, Option<&'s String>)>,
) {
    out.push((s, container));
    for c in &s.children {
        flatten(c, Some(&s.name), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
