//! Document links: a reference into another file of the workspace (another
//! instrument, or a positions file's target in its draft) links to the
//! line of the element it cites.

use super::base::{DocId, Resolution, Workspace};
use crate::syntax::{NodeId, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentLink {
    /// The citing text.
    pub span: Span,
    /// The file and element cited, and the element's first line (1-based).
    pub doc: DocId,
    pub node: NodeId,
    pub line: usize,
    /// The element's name: `Article 22(1)`.
    pub tooltip: String,
}

pub fn document_links(ws: &Workspace, id: DocId) -> Vec<DocumentLink> {
    let mut links = Vec::new();
    for r in &ws.file(id).doc.references {
        for res in ws.resolve_reference(id, r) {
            let Resolution::Node { doc, node } = res.resolution else {
                continue;
            };
            if doc == id {
                continue;
            }
            let target = ws.file(doc);
            links.push(DocumentLink {
                span: res.target.span.clone(),
                doc,
                node,
                line: target.line_number(target.doc.node(node).span.start),
                tooltip: target.doc.display_name(node),
            });
        }
    }
    links
}
