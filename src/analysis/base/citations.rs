//! What cites an element: every reference in the workspace (drafts,
//! positions files' targets, submissions) that resolves to it, to a part
//! of it, or to a range that covers it.

use super::resolve::Resolution;
use super::workspace::{DocId, FileSpan, Workspace};
use crate::syntax::{Document, NodeId, NodeKind, RangeRole, Reference, Span, Target};

/// The element each target of each reference leads to (`None`: none in
/// the workspace), per file, worked out once per workspace state: who
/// cites an element is a question about every reference, asked again and
/// again (references, hovers) while the texts stay as they are.
#[derive(Debug, Default)]
pub(super) struct TargetNodes {
    /// Per file (by id): where each reference's targets start in `leads`,
    /// and every target's element, in order.
    per_file: Vec<(Vec<usize>, Vec<Lead>)>,
}

type Lead = Option<(DocId, NodeId)>;

impl Workspace {
    /// Where every reference's targets lead, in this workspace state.
    pub(super) fn target_nodes(&self) -> &TargetNodes {
        self.derived.target_nodes.get_or_init(|| {
            let mut per_file = vec![Default::default(); self.files.len()];
            for id in self.all_ids() {
                let (starts, leads): &mut (Vec<usize>, Vec<Lead>) = &mut per_file[id.0];
                for r in &self.file(id).doc.references {
                    starts.push(leads.len());
                    leads.extend(self.resolutions(id, r).into_iter().map(|res| match res {
                        Resolution::Node { doc, node } => Some((doc, node)),
                        _ => None,
                    }));
                }
            }
            TargetNodes { per_file }
        })
    }

    /// Every reference in the workspace that cites `node` of `doc`, a part
    /// of it, or a range that covers it (`Articles 6 to 16` cites Article 9).
    pub(crate) fn citations(&self, doc: DocId, node: NodeId) -> Vec<FileSpan> {
        let mut out = Vec::new();
        let nodes = self.target_nodes();
        for id in self.all_ids() {
            let Some((starts, leads)) = nodes.per_file.get(id.0) else {
                continue;
            };
            for (r, &start) in self.file(id).doc.references.iter().zip(starts) {
                let resolved = &leads[start..start + r.targets.len()];
                self.push_citations(id, r, resolved, doc, node, &mut out);
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

    /// The targets of `r` (in file `id`, leading to `resolved`) that cite
    /// `node` of `doc`.
    fn push_citations(
        &self,
        id: DocId,
        r: &Reference,
        resolved: &[Lead],
        doc: DocId,
        node: NodeId,
        out: &mut Vec<FileSpan>,
    ) {
        let target_doc = &self.file(doc).doc;
        let target_span = target_doc.node(node).span.clone();
        for (k, t) in r.targets.iter().enumerate() {
            if let Some((d, n)) = &resolved[k] {
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
            if let (Some(Some((d1, from))), Some(Some((d2, to)))) =
                (resolved.get(k), resolved.get(k + 1))
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
