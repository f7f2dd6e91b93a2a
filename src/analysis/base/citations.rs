//! What cites an element: every reference in the workspace (drafts,
//! positions files' targets, submissions) that resolves to it, to a part
//! of it, or to a range that covers it.

use super::resolve::Resolution;
use super::workspace::{DocId, FileSpan, Workspace};
use crate::syntax::{Document, NodeId, NodeKind, RangeRole, Reference, Span, Target};

impl Workspace {
    /// Every reference in the workspace that cites `node` of `doc`, a part
    /// of it, or a range that covers it (`Articles 6 to 16` cites Article 9).
    pub(crate) fn citations(&self, doc: DocId, node: NodeId) -> Vec<FileSpan> {
        let mut out = Vec::new();
        for id in self.all_ids() {
            for r in &self.file(id).doc.references {
                self.push_citations(id, r, doc, node, &mut out);
            }
        }
        self.push_carried_targets(doc, node, &mut out);
        out.sort_by_key(|f| (f.doc, f.span.start, f.span.end));
        out.dedup();
        out
    }

    /// The targets of positions written against an earlier version that
    /// surely stand on `node` of `doc` or a part of it.
    fn push_carried_targets(&self, doc: DocId, node: NodeId, out: &mut Vec<FileSpan>) {
        let d = &self.file(doc).doc;
        let span = d.node(node).span.clone();
        let carried = self.position_entries().iter().filter(|e| {
            if e.draft != doc || e.carried.is_none() || !e.certain() {
                return false; // a node of another draft, or a direct target
            }
            let s = &d.node(e.node).span;
            e.node == node || (e.node > node && s.start >= span.start && s.end <= span.end)
        });
        for e in carried {
            if let Some((_, p)) = self.position(e) {
                out.push(FileSpan {
                    doc: e.file,
                    span: p.target.span.clone(),
                });
            }
        }
    }

    /// The targets of `r` (in file `id`) that cite `node` of `doc`.
    fn push_citations(
        &self,
        id: DocId,
        r: &Reference,
        doc: DocId,
        node: NodeId,
        out: &mut Vec<FileSpan>,
    ) {
        let target_doc = &self.file(doc).doc;
        let target_span = target_doc.node(node).span.clone();
        let resolved = self.resolutions(id, r);
        for (k, t) in r.targets.iter().enumerate() {
            if let Resolution::Node { doc: d, node: n } = &resolved[k] {
                // `n` is a node of `d`: only compared with `node` when `d` is `doc`
                let within = *d == doc && {
                    let ns = &target_doc.node(*n).span;
                    ns.start >= target_span.start && ns.end <= target_span.end
                };
                if *d == doc && (*n == node || within) {
                    out.push(FileSpan {
                        doc: id,
                        span: self.citing_piece(id, r, t, doc, node),
                    });
                    continue;
                }
            }
            // a range covering the node; an end of it that is the node
            // itself was counted above
            if t.role != RangeRole::From {
                continue;
            }
            if let (
                Some(Resolution::Node {
                    doc: d1,
                    node: from,
                }),
                Some(Resolution::Node { doc: d2, node: to }),
            ) = (resolved.get(k), resolved.get(k + 1))
            {
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
