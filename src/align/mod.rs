//! Alignment of two versions of a draft: for every element of the older
//! (articles, their paragraphs and points, divisions and annexes), the
//! element(s) of the newer that carry it, or none, with a score.
//!
//! Pure, like `syntax`: two parsed texts in, a correspondence out. Elements
//! are compared by their words (shingled word pairs, through an inverted
//! index: `words`), their headings, and where they stand (the counterpart
//! of their parent, their number), tier by tier from the outside in, so a
//! paragraph's parent is aligned before the paragraph (`matching`). Pairs
//! given by a correspondence file are taken as they are.
//!
//! What became of each element: the same place, renumbered, moved (out of
//! document order, or into another parent), split (into several), merged
//! (several into one), dropped; and each element of the newer draft with
//! no origin is new.

mod matching;
pub mod words;

use crate::syntax::{Document, NodeId, NodeKind};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// One version: its text and parse.
#[derive(Clone, Copy)]
pub struct Version<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
}

/// What became of an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The same number in the same place.
    Same,
    /// A new number, in the same order among its kind.
    Renumbered,
    /// Out of the order of its kind, or into another parent.
    Moved,
    /// Its words went to several elements.
    Split,
    /// Several elements became this one.
    Merged,
    /// No counterpart in the newer version.
    Dropped,
    /// No origin in the older version.
    New,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Same => "same",
            Kind::Renumbered => "renumbered",
            Kind::Moved => "moved",
            Kind::Split => "split",
            Kind::Merged => "merged",
            Kind::Dropped => "dropped",
            Kind::New => "new",
        }
    }
}

/// One line of the correspondence: an element of the older version and
/// its counterpart in the newer (either may be missing: dropped, new).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    pub old: Option<NodeId>,
    pub new: Option<NodeId>,
    pub kind: Kind,
    /// How alike the two are, 0 to 1 (1 for a pair that was given).
    pub score: f32,
    /// Given by a correspondence file, not found by the aligner.
    pub given: bool,
}

/// Scores from here up are certain; below, a counterpart is a candidate.
pub const CERTAIN: f32 = 0.5;

/// The correspondence of two versions.
#[derive(Clone, Debug, Default)]
pub struct Alignment {
    pub links: Vec<Link>,
    by_old: FxHashMap<NodeId, Vec<usize>>,
    by_new: FxHashMap<NodeId, Vec<usize>>,
}

impl Alignment {
    fn new(links: Vec<Link>) -> Alignment {
        let mut a = Alignment {
            links,
            ..Alignment::default()
        };
        for (i, l) in a.links.iter().enumerate() {
            if let Some(o) = l.old {
                a.by_old.entry(o).or_default().push(i);
            }
            if let Some(n) = l.new {
                a.by_new.entry(n).or_default().push(i);
            }
        }
        a
    }

    /// What an element of the older version became: its links (one with
    /// `new: None` when it was dropped).
    pub fn of_old(&self, old: NodeId) -> impl Iterator<Item = &Link> {
        let ids = self.by_old.get(&old).map_or(&[][..], |v| v.as_slice());
        ids.iter().map(|&i| &self.links[i])
    }

    /// Where an element of the newer version comes from.
    pub fn of_new(&self, new: NodeId) -> impl Iterator<Item = &Link> {
        let ids = self.by_new.get(&new).map_or(&[][..], |v| v.as_slice());
        ids.iter().map(|&i| &self.links[i])
    }
}

/// The kinds of element aligned, in tiers from the outside in: divisions,
/// annexes and the like; articles; then the levels below an article.
pub(crate) fn tier(doc: &Document, id: NodeId) -> Option<usize> {
    let kind = doc.node(id).kind;
    match kind {
        NodeKind::Document => None,
        NodeKind::Article => Some(1),
        k if k.is_subdivision() => {
            let depth = doc
                .ancestors(id)
                .skip(1)
                .take_while(|&a| doc.node(a).kind.is_subdivision())
                .count();
            Some(2 + depth)
        }
        _ => Some(0),
    }
}

/// Aligns two versions. `given` pairs (from a correspondence file: an
/// element of the older and its counterparts, none when dropped) are taken
/// as they are and their elements left out of the search.
pub fn align(old: Version, new: Version, given: &[(NodeId, Vec<NodeId>)]) -> Alignment {
    let mut found = matching::Matcher::new(old, new, given);
    let tiers = |doc: &Document| {
        doc.ids()
            .filter_map(|id| tier(doc, id).map(|t| (t, id)))
            .collect::<Vec<_>>()
    };
    let (old_tiers, new_tiers) = (tiers(old.doc), tiers(new.doc));
    let deepest = old_tiers.iter().chain(&new_tiers).map(|(t, _)| *t).max();
    for t in 0..=deepest.unwrap_or(0) {
        let of = |all: &[(usize, NodeId)]| -> Vec<NodeId> {
            all.iter()
                .filter(|(x, _)| *x == t)
                .map(|(_, id)| *id)
                .collect()
        };
        found.tier(t, &of(&old_tiers), &of(&new_tiers));
    }
    Alignment::new(found.links())
}
