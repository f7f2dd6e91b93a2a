//! Who says what about each element of a draft: the positions on it (as
//! the stakeholder filter lets them show), counted by stance.

use super::super::base::{DocId, Entry, Workspace};
use crate::positions::Stance;
use crate::syntax::NodeId;

/// The positions on the elements of a draft that the stakeholder filter
/// lets through, in draft order.
pub fn draft_entries(ws: &Workspace, draft: DocId) -> impl Iterator<Item = &Entry> {
    ws.position_entries().iter().filter(move |e| {
        e.draft == draft
            && ws
                .position(e)
                .is_some_and(|(pf, _)| ws.shows_stakeholder(pf.stakeholder()))
    })
}

/// The positions on `node` and on its parts, in draft order.
pub fn positions_within(ws: &Workspace, draft: DocId, node: NodeId) -> Vec<&Entry> {
    let doc = &ws.file(draft).doc;
    let span = doc.node(node).span.clone();
    draft_entries(ws, draft)
        .filter(|e| {
            let s = &doc.node(e.node).span;
            e.node == node || (s.start >= span.start && s.end <= span.end && e.node > node)
        })
        .collect()
}

/// The stances of some entries.
pub fn stances<'w>(ws: &'w Workspace, entries: &[&'w Entry]) -> Vec<Stance> {
    entries
        .iter()
        .filter_map(|e| ws.position(e).map(|(_, p)| p.stance.value))
        .collect()
}

/// A count of positions by stance: `2 delete · 1 amend · 1 support`.
pub fn tally(stances: impl IntoIterator<Item = Stance>) -> String {
    let mut counts: Vec<(Stance, usize)> = Vec::new();
    for s in stances {
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .iter()
        .map(|(s, n)| format!("{} {}", n, s.name()))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The stakeholders of some entries, each once, in order of appearance.
pub fn stakeholders(ws: &Workspace, entries: &[&Entry]) -> Vec<String> {
    let mut who: Vec<String> = Vec::new();
    for e in entries {
        if let Some((f, _)) = ws.position(e) {
            let s = f.stakeholder().to_string();
            if !who.contains(&s) {
                who.push(s);
            }
        }
    }
    who
}
