//! Folding: every element that spans more than one line, and bracketed text
//! that does.

use super::base::{DocId, Workspace};
use crate::syntax::lines::line_breaks;
use crate::syntax::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Element,
    Bracket,
    FrontMatter,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

/// Byte spans to fold; the server keeps those covering several lines.
pub fn folding_ranges(ws: &Workspace, id: DocId) -> Vec<Fold> {
    let file = ws.file(id);
    let text = &file.text;
    let multi_line = |s: &Span| line_breaks(text[s.clone()].trim_end()) > 0;
    let mut out: Vec<Fold> = file
        .doc
        .nodes
        .iter()
        .skip(1)
        .map(|n| {
            // without the blank lines at the end
            let end = n.span.start + text[n.span.clone()].trim_end().len();
            n.span.start..end
        })
        .filter(|s| multi_line(s))
        .map(|span| Fold {
            span,
            kind: FoldKind::Element,
        })
        .collect();
    out.extend(
        file.doc
            .brackets
            .iter()
            .filter(|b| multi_line(&b.span))
            .map(|b| Fold {
                span: b.span.clone(),
                kind: FoldKind::Bracket,
            }),
    );
    if let Some(fm) = &file.doc.front_matter {
        if multi_line(&fm.span) {
            out.push(Fold {
                span: fm.span.clone(),
                kind: FoldKind::FrontMatter,
            });
        }
    }
    out.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    out
}
