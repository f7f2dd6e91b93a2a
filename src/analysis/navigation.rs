//! What is under the cursor, where it is defined, and who cites it.

use super::resolve::Resolution;
use super::terms::Occurrence;
use super::{DocId, FilePosition, FileSpan, Workspace};
use crate::syntax::{Document, NodeId, NodeKind, RangeRole, Reference, Span, Target};

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

/// A place to go: the whole element and the part to put the cursor on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavTarget {
    pub doc: DocId,
    pub node: Option<NodeId>,
    pub full: Span,
    pub focus: Span,
}

fn contains(span: &Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end && !span.is_empty()
}

/// The part of an element to show as its name: its label, else its
/// heading, else its first line.
pub fn focus_span(text: &str, doc: &Document, node: NodeId) -> Span {
    let n = doc.node(node);
    if !n.label_span.is_empty() {
        return n.label_span.clone();
    }
    if let Some(h) = &n.heading_span {
        return h.clone();
    }
    let end = text[n.span.clone()]
        .find(['\n', '\r'])
        .map_or(n.span.end, |e| n.span.start + e);
    n.span.start..end
}

impl Workspace {
    pub fn subject_at(&self, pos: FilePosition) -> Option<Subject<'_>> {
        let file = self.files.get(pos.doc.0)?;
        let doc = &file.doc;
        let offset = pos.offset;
        // references are in text order and do not overlap
        let i = doc.references.partition_point(|r| r.span.start <= offset);
        for r in doc.references[..i].iter().rev().take(2) {
            if !contains(&r.span, offset) {
                continue;
            }
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
            // `this Article`, or a word of the reference: the nearest target after
            let t = r
                .targets
                .iter()
                .find(|t| contains(&t.span, offset))
                .or_else(|| r.targets.iter().find(|t| t.span.start >= offset))
                .or(r.targets.last())?;
            return Some(Subject::Reference {
                reference: r,
                target: t,
                depth: t.path.len(),
            });
        }
        let occurrences = file.term_occurrences();
        let j = occurrences.partition_point(|o| o.span.start <= offset);
        if let Some(o) = occurrences[..j]
            .last()
            .filter(|o| contains(&o.span, offset))
        {
            return Some(Subject::Term(o));
        }
        let node = doc.node_at(offset);
        for id in doc.ancestors(node) {
            let n = doc.node(id);
            if contains(&n.label_span, offset)
                || n.heading_span.as_ref().is_some_and(|h| contains(h, offset))
            {
                return Some(Subject::Declaration(id));
            }
        }
        None
    }

    /// The element a subject stands for, if it is one.
    pub fn subject_node(
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

    pub fn nav_target(&self, doc: DocId, node: NodeId) -> NavTarget {
        let file = self.file(doc);
        NavTarget {
            doc,
            node: Some(node),
            full: file.doc.node(node).span.clone(),
            focus: focus_span(&file.text, &file.doc, node),
        }
    }

    /// Go to definition: the cited element, or a term's definition.
    pub fn definition(&self, pos: FilePosition) -> Vec<NavTarget> {
        let Some(subject) = self.subject_at(pos) else {
            return vec![];
        };
        if let Subject::Term(o) = subject {
            let file = self.file(pos.doc);
            let d = &file.doc.definitions[o.definition];
            return vec![NavTarget {
                doc: pos.doc,
                node: Some(d.node),
                full: file.doc.node(d.node).span.clone(),
                focus: d.term_span.clone(),
            }];
        }
        match self.subject_node(pos, &subject) {
            Some((doc, node)) => vec![self.nav_target(doc, node)],
            None => vec![],
        }
    }

    /// Every place that cites what is under the cursor (and, with
    /// `include_declaration`, where it is declared).
    pub fn references(&self, pos: FilePosition, include_declaration: bool) -> Vec<FileSpan> {
        let Some(subject) = self.subject_at(pos) else {
            return vec![];
        };
        if let Subject::Term(o) = subject {
            let file = self.file(pos.doc);
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
        let Some((doc, node)) = self.subject_node(pos, &subject) else {
            return vec![];
        };
        let mut out = Vec::new();
        if include_declaration {
            let file = self.file(doc);
            out.push(FileSpan {
                doc,
                span: focus_span(&file.text, &file.doc, node),
            });
        }
        out.extend(self.citations(doc, node));
        out
    }

    /// Every reference in the workspace that cites `node` of `doc`, a part
    /// of it, or a range that covers it (`Articles 6 to 16` cites Article 9).
    pub fn citations(&self, doc: DocId, node: NodeId) -> Vec<FileSpan> {
        let target_doc = &self.file(doc).doc;
        let target_span = target_doc.node(node).span.clone();
        let mut out = Vec::new();
        // drafts, positions files (their targets) and submissions
        for id in self.all_ids() {
            let file = self.file(id);
            for r in &file.doc.references {
                let resolved: Vec<Resolution> = r
                    .targets
                    .iter()
                    .map(|t| self.resolve(id, r, t, t.path.len()))
                    .collect();
                for (k, t) in r.targets.iter().enumerate() {
                    match &resolved[k] {
                        Resolution::Node { doc: d, node: n } if *d == doc => {
                            let ns = &target_doc.node(*n).span;
                            if *n == node
                                || (ns.start >= target_span.start && ns.end <= target_span.end)
                            {
                                out.push(FileSpan {
                                    doc: id,
                                    span: self.citing_piece(id, r, t, doc, node),
                                });
                                continue;
                            }
                        }
                        _ => {}
                    }
                    // a range covering the node
                    if t.role == RangeRole::From {
                        if let (
                            Some(Resolution::Node {
                                doc: d1,
                                node: from,
                            }),
                            Some(Resolution::Node { doc: d2, node: to }),
                        ) = (resolved.get(k), resolved.get(k + 1))
                        {
                            // an end of the range that is the node itself was counted above
                            if *d1 == doc
                                && *d2 == doc
                                && *from != node
                                && *to != node
                                && covers(target_doc, *from, *to, node)
                            {
                                out.push(FileSpan {
                                    doc: id,
                                    span: t.span.start..r.targets[k + 1].span.end,
                                });
                            }
                        }
                    }
                }
            }
        }
        out.sort_by_key(|f| (f.doc, f.span.start, f.span.end));
        out.dedup();
        out
    }

    /// The piece of `target` that names `node` (the `9` of `Article 9(2)`
    /// when Article 9 is asked for).
    fn citing_piece(&self, id: DocId, r: &Reference, t: &Target, doc: DocId, node: NodeId) -> Span {
        for depth in 1..=t.path.len() {
            if self.resolve(id, r, t, depth) == (Resolution::Node { doc, node }) {
                return t.path[depth - 1].span.clone();
            }
        }
        t.span.clone()
    }
}

/// Whether `node` lies between `from` and `to` (inclusive), all of one kind
/// in one container, in document order.
fn covers(doc: &Document, from: NodeId, to: NodeId, node: NodeId) -> bool {
    let kind = doc.node(node).kind;
    if doc.node(from).kind != kind || doc.node(to).kind != kind {
        return false;
    }
    let same_place = |a: NodeId| match kind {
        NodeKind::Article => doc.container(a) == doc.container(node),
        _ => doc.parent(a) == doc.parent(node),
    };
    same_place(from) && same_place(to) && from <= node && node <= to
}
