//! What each stakeholder position targets: a positions file's targets are
//! references (read by the reference parser, with spans in the TOML file),
//! resolved here to the elements of the draft the file names, ranges
//! expanded. Worked out once per workspace state.

use super::resolve::Resolution;
use super::workspace::{DocId, FileKind, Workspace};
use crate::positions::{self, PositionsFile};
use crate::syntax::{self, Document, NodeId, NodeKind, RangeRole, Span};
use std::collections::HashMap;

/// Reads a positions file into its model and a document whose references
/// are the targets, with spans in the file.
pub(super) fn read_file(text: &str) -> (FileKind, Document) {
    let file = positions::read(text);
    let mut doc = syntax::parse_prose("");
    doc.nodes[0].span = 0..text.len();
    let mut owner = Vec::new();
    for (i, p) in file.positions.iter().enumerate() {
        let target = syntax::parse_prose(&p.target.value);
        for mut r in target.references {
            // pieces map one to one onto the file when the string holds
            // the target as written; else they all point at the string
            let shift = |s: &mut Span| match p.target_text_start {
                Some(start) => *s = s.start + start..s.end + start,
                None => *s = p.target.span.clone(),
            };
            shift(&mut r.span);
            for t in &mut r.targets {
                shift(&mut t.span);
                for piece in &mut t.path {
                    shift(&mut piece.span);
                }
            }
            if let syntax::Scope::External(named) = &mut r.scope {
                shift(&mut named.span);
            }
            r.context = NodeId::ROOT;
            doc.references.push(r);
            owner.push(i);
        }
    }
    (
        FileKind::Positions {
            file: Box::new(file),
            owner,
        },
        doc,
    )
}

/// Where elements stand in later versions, by (version, element, later
/// version): worked out once per element.
type Carry = HashMap<(DocId, NodeId, DocId), Vec<super::versions::Counterpart>>;

/// One position on one element of a draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The positions file.
    pub file: DocId,
    /// The position's index in the file.
    pub position: usize,
    pub draft: DocId,
    pub node: NodeId,
    /// The part of the target that names this element.
    pub target_span: Span,
    /// For a position written against an earlier version of `draft`:
    /// where it was made, and how sure its place here is.
    pub carried: Option<Carried>,
}

/// Where a position carried into a later version was made.
#[derive(Clone, Debug, PartialEq)]
pub struct Carried {
    /// The draft it was written against, and the element it targets there.
    pub draft: DocId,
    pub node: NodeId,
    /// How sure its place here is (the weakest alignment on the way), 0 to
    /// 1; below `align::CERTAIN`, a candidate.
    pub score: f32,
    /// Its element has no counterpart here: the position stands on the
    /// nearest ancestor that has one.
    pub lost: bool,
}

impl Entry {
    /// Whether the position's place is certain (written against this
    /// draft, or carried into it with a certain alignment).
    pub fn certain(&self) -> bool {
        self.carried
            .as_ref()
            .is_none_or(|c| !c.lost && c.score >= crate::align::CERTAIN)
    }
}

impl Workspace {
    /// Every position on every element, targets resolved (ranges
    /// expanded), in draft order.
    pub(crate) fn position_entries(&self) -> &[Entry] {
        self.derived.targets.get_or_init(|| {
            let mut out = Vec::new();
            for id in self.all_ids() {
                self.push_entries(id, &mut out);
            }
            let carried = self.carried_entries(&out);
            out.extend(carried);
            // of two ways one position reaches an element, the surer is kept
            let score = |e: &Entry| e.carried.as_ref().map_or(2.0, |c| c.score);
            out.sort_by(|a, b| {
                let key = |e: &Entry| (e.draft, e.node, e.file, e.position);
                key(a)
                    .cmp(&key(b))
                    .then(b.certain().cmp(&a.certain()))
                    .then(score(b).total_cmp(&score(a)))
            });
            out.dedup_by(|a, b| {
                (a.draft, a.node, a.file, a.position) == (b.draft, b.node, b.file, b.position)
            });
            out
        })
    }

    /// The entries of one positions file's targets.
    fn push_entries(&self, id: DocId, out: &mut Vec<Entry>) {
        let file = self.file(id);
        let FileKind::Positions { owner, .. } = &file.kind else {
            return;
        };
        for (ri, r) in file.doc.references.iter().enumerate() {
            let position = owner[ri];
            let resolved = self.resolutions(id, r);
            for (k, t) in r.targets.iter().enumerate() {
                let Resolution::Node { doc, node } = resolved[k] else {
                    continue;
                };
                let entry = |node, target_span| Entry {
                    file: id,
                    position,
                    draft: doc,
                    node,
                    target_span,
                    carried: None,
                };
                out.push(entry(node, t.span.clone()));
                // `Articles 30 to 34`: 31, 32 and 33 too
                if t.role != RangeRole::From {
                    continue;
                }
                if let Some(Resolution::Node { doc: d2, node: to }) = resolved.get(k + 1) {
                    if *d2 == doc {
                        let span = t.span.start..r.targets[k + 1].span.end;
                        for between in range_between(&self.file(doc).doc, node, *to) {
                            out.push(entry(between, span.clone()));
                        }
                    }
                }
            }
        }
    }

    /// The positions written against earlier versions of each draft, at
    /// their counterparts in it (or, when their element was dropped, on
    /// the nearest ancestor that has a counterpart).
    fn carried_entries(&self, direct: &[Entry]) -> Vec<Entry> {
        let mut out = Vec::new();
        // many positions stand on one element: each is followed once
        let mut memo: Carry = HashMap::new();
        for to in self.ids() {
            for from in self.earlier_versions(to) {
                for e in direct.iter().filter(|e| e.draft == from) {
                    out.extend(self.carry_entry(e, to, &mut memo));
                }
            }
        }
        out
    }

    /// One position's entries in a later version `to`.
    fn carry_entry(&self, e: &Entry, to: DocId, memo: &mut Carry) -> Vec<Entry> {
        let here = |node, score, lost| Entry {
            draft: to,
            node,
            carried: Some(Carried {
                draft: e.draft,
                node: e.node,
                score,
                lost,
            }),
            ..e.clone()
        };
        let mut carry = |node: NodeId| {
            memo.entry((e.draft, node, to))
                .or_insert_with(|| self.carry(e.draft, node, to))
                .clone()
        };
        let found = carry(e.node);
        if !found.is_empty() {
            return found.iter().map(|c| here(c.node, c.score, false)).collect();
        }
        let doc = &self.file(e.draft).doc;
        for parent in doc.ancestors(e.node).skip(1) {
            if let Some(c) = carry(parent).first() {
                return vec![here(c.node, c.score, true)];
            }
        }
        vec![here(NodeId::ROOT, 0.0, true)]
    }

    /// The position an entry stands for.
    pub(crate) fn position(&self, e: &Entry) -> Option<(&PositionsFile, &positions::Position)> {
        let p = self.file(e.file).positions()?;
        Some((p, p.positions.get(e.position)?))
    }

    /// The entries that a position of a positions file resolves to.
    pub(crate) fn entries_of(&self, file: DocId, position: usize) -> Vec<&Entry> {
        let entries = self.position_entries();
        let by_position = self.derived.entries_by_position.get_or_init(|| {
            let mut map: std::collections::HashMap<(DocId, usize), Vec<usize>> = Default::default();
            for (i, e) in entries.iter().enumerate() {
                map.entry((e.file, e.position)).or_default().push(i);
            }
            map
        });
        by_position
            .get(&(file, position))
            .map_or_else(Vec::new, |ix| ix.iter().map(|&i| &entries[i]).collect())
    }
}

/// The elements strictly between `from` and `to` of a range: siblings of
/// one kind in one container (articles) or one parent (paragraphs).
fn range_between(doc: &Document, from: NodeId, to: NodeId) -> Vec<NodeId> {
    let kind = doc.node(from).kind;
    if doc.node(to).kind != kind || to <= from {
        return vec![];
    }
    let same_place = |a: NodeId| match kind {
        NodeKind::Article => doc.container(a) == doc.container(from),
        _ => doc.parent(a) == doc.parent(from),
    };
    if !same_place(to) {
        return vec![];
    }
    (from.0 + 1..to.0)
        .map(NodeId)
        .filter(|&n| doc.node(n).kind == kind && same_place(n))
        .collect()
}
