//! What is under the cursor: a reference (and how much of its path), a
//! defined term, or the label or heading of an element.

use super::resolve::Resolution;
use super::terms::Occurrence;
use super::workspace::{DocId, FilePosition, Workspace};
use crate::syntax::{NodeId, Reference, Span, Target};

/// The thing the cursor is on.
#[derive(Clone, Debug)]
pub enum Subject<'w> {
    /// A reference; `depth` pieces of the target's path are meant (the
    /// cursor on `28` in `paragraph 4 of Article 28` means Article 28).
    Reference {
        reference: &'w Reference,
        target: &'w Target,
        depth: usize,
    },
    /// The label, number or heading of an element.
    Declaration(NodeId),
    /// A defined term, where it is defined or used.
    Term(&'w Occurrence),
}

/// Whether a non-empty span holds `offset` (its end included).
fn contains(span: &Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end && !span.is_empty()
}

impl Subject<'_> {
    /// The text the subject stands on: the piece of the reference meant,
    /// the term, the element's label.
    pub fn span(&self, ws: &Workspace, doc: DocId) -> Span {
        match self {
            Subject::Reference { target, depth, .. } => target
                .path
                .get(depth.wrapping_sub(1))
                .map_or(target.span.clone(), |p| p.span.clone()),
            Subject::Term(o) => o.span.clone(),
            Subject::Declaration(n) => ws.file(doc).doc.node(*n).label_span.clone(),
        }
    }
}

impl Workspace {
    pub(crate) fn subject_at(&self, pos: FilePosition) -> Option<Subject<'_>> {
        let file = self.files.get(pos.doc.0)?;
        let offset = pos.offset;
        if let Some(s) = reference_at(&file.doc.references, offset) {
            return Some(s);
        }
        let occurrences = file.term_occurrences();
        let j = occurrences.partition_point(|o| o.span.start <= offset);
        if let Some(o) = occurrences[..j]
            .last()
            .filter(|o| contains(&o.span, offset))
        {
            return Some(Subject::Term(o));
        }
        let doc = &file.doc;
        doc.ancestors(doc.node_at(offset))
            .find(|&id| {
                let n = doc.node(id);
                contains(&n.label_span, offset)
                    || n.heading_span.as_ref().is_some_and(|h| contains(h, offset))
            })
            .map(Subject::Declaration)
    }

    /// The element a subject stands for, if it is one.
    pub(crate) fn subject_node(
        &self,
        pos: FilePosition,
        subject: &Subject<'_>,
    ) -> Option<(DocId, NodeId)> {
        match subject {
            Subject::Reference {
                reference,
                target,
                depth,
            } => match self.resolve(pos.doc, reference, target, *depth) {
                Resolution::Node { doc, node } => Some((doc, node)),
                _ => None,
            },
            Subject::Declaration(node) => Some((pos.doc, *node)),
            Subject::Term(_) => None,
        }
    }
}

/// The reference at `offset`: the piece of a target's path under it, else
/// (on `this Article`, or a word of the reference) the nearest target after.
fn reference_at(references: &[Reference], offset: usize) -> Option<Subject<'_>> {
    // references are in text order and do not overlap
    let i = references.partition_point(|r| r.span.start <= offset);
    let r = references[..i]
        .iter()
        .rev()
        .take(2)
        .find(|r| contains(&r.span, offset))?;
    for t in &r.targets {
        if let Some(k) = t
            .path
            .iter()
            .position(|p| contains(&p.span, offset) && p.span.end > p.span.start)
        {
            return Some(Subject::Reference {
                reference: r,
                target: t,
                depth: k + 1,
            });
        }
    }
    let t = r
        .targets
        .iter()
        .find(|t| contains(&t.span, offset))
        .or_else(|| r.targets.iter().find(|t| t.span.start >= offset))
        .or(r.targets.last())?;
    Some(Subject::Reference {
        reference: r,
        target: t,
        depth: t.path.len(),
    })
}
