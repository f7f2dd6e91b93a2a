//! Go to definition and find references: the element a reference cites,
//! a term's definition, and every place that cites what is under the
//! cursor.

use super::base::names::focus_span;
use super::base::{DocId, FilePosition, FileSpan, Subject, Workspace};
use crate::syntax::{NodeId, Span};

/// A place to go: the whole element and the part to put the cursor on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavTarget {
    pub doc: DocId,
    pub node: Option<NodeId>,
    pub full: Span,
    pub focus: Span,
}

/// An element as a place to go.
pub fn nav_target(ws: &Workspace, doc: DocId, node: NodeId) -> NavTarget {
    let file = ws.file(doc);
    NavTarget {
        doc,
        node: Some(node),
        full: file.doc.node(node).span.clone(),
        focus: focus_span(&file.text, &file.doc, node),
    }
}

/// Go to definition: the cited element, or a term's definition.
pub fn definition(ws: &Workspace, pos: FilePosition) -> Vec<NavTarget> {
    let Some(subject) = ws.subject_at(pos) else {
        return vec![];
    };
    if let Subject::Term(o) = subject {
        let file = ws.file(pos.doc);
        let d = &file.doc.definitions[o.definition];
        return vec![NavTarget {
            doc: pos.doc,
            node: Some(d.node),
            full: file.doc.node(d.node).span.clone(),
            focus: d.term_span.clone(),
        }];
    }
    match ws.subject_node(pos, &subject) {
        Some((doc, node)) => vec![nav_target(ws, doc, node)],
        None => vec![],
    }
}

/// The text under the cursor that leads to its definition (the piece of a
/// reference, the term, the label), if anything there has one.
pub fn definition_origin(ws: &Workspace, pos: FilePosition) -> Option<Span> {
    ws.subject_at(pos).map(|s| s.span(ws, pos.doc))
}

/// Every place that cites what is under the cursor (and, with
/// `include_declaration`, where it is declared).
pub fn references(ws: &Workspace, pos: FilePosition, include_declaration: bool) -> Vec<FileSpan> {
    let Some(subject) = ws.subject_at(pos) else {
        return vec![];
    };
    if let Subject::Term(o) = subject {
        let file = ws.file(pos.doc);
        let def = o.definition;
        return file
            .term_occurrences()
            .iter()
            .filter(|x| x.definition == def && (include_declaration || !x.is_definition))
            .map(|x| FileSpan {
                doc: pos.doc,
                span: x.span.clone(),
            })
            .collect();
    }
    let Some((doc, node)) = ws.subject_node(pos, &subject) else {
        return vec![];
    };
    let mut out = Vec::new();
    if include_declaration {
        let file = ws.file(doc);
        out.push(FileSpan {
            doc,
            span: focus_span(&file.text, &file.doc, node),
        });
    }
    out.extend(ws.citations(doc, node));
    out
}
