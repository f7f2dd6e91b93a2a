//! Who says what about each element of a draft: the positions on it (as
//! the stakeholder filter lets them show), counted by stance.

use super::super::base::{DocId, Entry, Workspace};
use super::status::{status, Status};
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

/// A count of positions by stance, with the ones the draft already reads
/// as counted apart: `2 delete · 1 amend · 1 applied`.
pub fn tally(ws: &Workspace, entries: &[&Entry]) -> String {
    // `None`: applied, whatever the stance
    let mut counts: Vec<(Option<Stance>, usize)> = Vec::new();
    for e in entries {
        let Some((_, p)) = ws.position(e) else {
            continue;
        };
        let key = (status(ws, e) != Status::Applied).then_some(p.stance.value);
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    // the most first; applied last among equals
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.is_none().cmp(&b.0.is_none()))
            .then(a.0.cmp(&b.0))
    });
    counts
        .iter()
        .map(|(s, n)| format!("{} {}", n, s.map_or("applied", Stance::name)))
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
