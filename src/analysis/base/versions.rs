//! Following an element from one version of a draft to a later one: the
//! alignment of each draft with its predecessor (`crate::align`), kept
//! while neither outline changes (an edit inside a paragraph leaves every
//! element where it was), and composed along the lineage.

use super::workspace::{DocId, Workspace};
use crate::align::{align, Alignment, Kind, Version};
use crate::syntax::NodeId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Alignments of pairs of versions, by file names, with the outline
/// fingerprints they were made from (and those of the correspondence
/// tables between them). Shared by every state of a workspace: a
/// keystroke makes a new state, not a new alignment.
#[derive(Debug, Default)]
pub struct AlignmentCache {
    kept: Mutex<HashMap<(String, String), Kept>>,
}

#[derive(Debug)]
struct Kept {
    /// The outlines of both versions and the tables between them.
    outlines: (u64, u64, u64),
    alignment: Arc<Alignment>,
}

/// Where an element of an earlier version stands in a later one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counterpart {
    pub node: NodeId,
    /// The weakest link on the way, 0 to 1.
    pub score: f32,
}

impl Workspace {
    /// Whether the alignment of `old` with `new` is made in this state.
    pub(crate) fn aligned(&self, old: DocId, new: DocId) -> bool {
        let steps = self.derived.steps.lock().unwrap_or_else(|e| e.into_inner());
        steps.contains_key(&(old, new))
    }

    /// The alignment of `old` with `new` (a later version).
    pub(crate) fn alignment(&self, old: DocId, new: DocId) -> Arc<Alignment> {
        // looked up once per workspace state: the fingerprints below walk
        // the correspondence tables
        let known = {
            let steps = self.derived.steps.lock().unwrap_or_else(|e| e.into_inner());
            steps.get(&(old, new)).cloned()
        };
        if let Some(a) = known {
            return a;
        }
        let a = self.alignment_kept(old, new);
        let mut steps = self.derived.steps.lock().unwrap_or_else(|e| e.into_inner());
        steps.insert((old, new), a.clone());
        a
    }

    /// The alignment of two versions, from the cache shared by every state
    /// while both outlines and the tables between them are unchanged.
    fn alignment_kept(&self, old: DocId, new: DocId) -> Arc<Alignment> {
        let (o, n) = (self.file(old), self.file(new));
        let key = (o.name.clone(), n.name.clone());
        let outlines = (
            o.outline_fingerprint(),
            n.outline_fingerprint(),
            self.tables_fingerprint(old, new),
        );
        let mut kept = self
            .alignments
            .kept
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(k) = kept.get(&key).filter(|k| k.outlines == outlines) {
            return k.alignment.clone();
        }
        // aligned without the lock held: another pair need not wait
        drop(kept);
        let alignment = Arc::new(align(
            Version {
                text: &o.text,
                doc: &o.doc,
            },
            Version {
                text: &n.text,
                doc: &n.doc,
            },
            &self.given_pairs(old, new),
        ));
        kept = self
            .alignments
            .kept
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        kept.insert(
            key,
            Kept {
                outlines,
                alignment: alignment.clone(),
            },
        );
        alignment
    }

    /// The versions from `from` to `to`, oldest first, when `from` is an
    /// earlier version of `to`.
    pub(crate) fn path_between(&self, from: DocId, to: DocId) -> Option<Vec<DocId>> {
        let earlier = self.earlier_versions(to);
        let at = earlier.iter().position(|&d| d == from)?;
        let mut path: Vec<DocId> = earlier[..=at].to_vec();
        path.reverse();
        path.push(to);
        Some(path)
    }

    /// Where element `node` of `from` stands in `to`, a later version:
    /// every counterpart, with the weakest score on the way; none when it
    /// was dropped on the way.
    pub(crate) fn carry(&self, from: DocId, node: NodeId, to: DocId) -> Vec<Counterpart> {
        let Some(path) = self.path_between(from, to) else {
            return vec![];
        };
        let mut here: HashMap<NodeId, f32> = HashMap::from([(node, 1.0)]);
        for step in path.windows(2) {
            let alignment = self.alignment(step[0], step[1]);
            let mut next: HashMap<NodeId, f32> = HashMap::new();
            for (n, s) in here {
                for l in alignment.of_old(n) {
                    if let Some(m) = l.new {
                        let e = next.entry(m).or_insert(0.0);
                        *e = e.max(s.min(l.score));
                    }
                }
            }
            here = next;
        }
        let mut out: Vec<Counterpart> = here
            .into_iter()
            .map(|(node, score)| Counterpart { node, score })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.node.cmp(&b.node)));
        out
    }
}

/// Where an element of a draft comes from in the draft it follows.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    /// The draft this one follows.
    pub draft: DocId,
    /// The elements of that draft it carries (none: it is new), each with
    /// what became of it and how alike the two are.
    pub from: Vec<(NodeId, Kind, f32)>,
}

impl Workspace {
    /// Where element `node` of `draft` comes from in the previous version;
    /// `None` when the draft follows none.
    pub(crate) fn origin(&self, draft: DocId, node: NodeId) -> Option<Origin> {
        let previous = self.predecessor(draft)?;
        let alignment = self.alignment(previous, draft);
        let from = alignment
            .of_new(node)
            .filter_map(|l| Some((l.old?, l.kind, l.score)))
            .collect();
        Some(Origin {
            draft: previous,
            from,
        })
    }
}
