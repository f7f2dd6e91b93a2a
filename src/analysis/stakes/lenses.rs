//! Code lenses: above each article with positions on it or its parts (and
//! each division or annex with positions on itself), the tally and where
//! the positions are.

use super::super::base::{DocId, Entry, FileSpan, Workspace};
use super::index::{draft_entries, positions_within, stakeholders, tally};
use crate::syntax::{NodeId, NodeKind, Span};

/// A code lens: a title above an element and the places it lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    pub node: NodeId,
    pub span: Span,
    pub title: String,
    pub positions: Vec<FileSpan>,
}

pub fn position_lenses(ws: &Workspace, draft: DocId) -> Vec<Lens> {
    let doc = &ws.file(draft).doc;
    let lensed = doc.ids().filter(|&n| {
        let k = doc.node(n).kind;
        k == NodeKind::Article || k.is_division() || k.is_annex()
    });
    let mut out = Vec::new();
    for node in lensed {
        // articles with the positions on them and their parts; chapters and
        // other divisions with the positions on themselves only
        let all: Vec<&Entry> = if doc.node(node).kind == NodeKind::Article {
            positions_within(ws, draft, node)
        } else {
            draft_entries(ws, draft)
                .filter(|e| e.node == node)
                .collect()
        };
        // positions carried from an earlier version count only when their
        // element surely corresponds; the doubtful ones are named apart
        let shown: Vec<&Entry> = all
            .into_iter()
            .filter(|e| e.carried.as_ref().is_none_or(|c| !c.lost))
            .collect();
        let entries: Vec<&Entry> = shown.iter().copied().filter(|e| e.certain()).collect();
        if shown.is_empty() {
            continue;
        }
        let doubtful = shown.len() - entries.len();
        let places = position_places(ws, &shown);
        out.push(Lens {
            node,
            span: doc.node(node).label_span.clone(),
            title: lens_title(ws, &entries, doubtful),
            positions: places,
        });
    }
    out
}

/// Where the positions of some entries are written, each place once.
fn position_places(ws: &Workspace, entries: &[&Entry]) -> Vec<FileSpan> {
    let mut places: Vec<FileSpan> = Vec::new();
    for e in entries {
        if let Some((_, p)) = ws.position(e) {
            let place = FileSpan {
                doc: e.file,
                span: p.target.span.clone(),
            };
            if !places.contains(&place) {
                places.push(place);
            }
        }
    }
    places
}

/// `2 delete · 1 applied — Microsoft, Access Now (+1 uncertain)`.
fn lens_title(ws: &Workspace, entries: &[&Entry], doubtful: usize) -> String {
    let uncertain = match doubtful {
        0 => String::new(),
        n => format!(" (+{n} uncertain)"),
    };
    if entries.is_empty() {
        return format!("{doubtful} uncertain (carried from an earlier version)");
    }
    format!(
        "{} — {}{uncertain}",
        tally(ws, entries),
        stakeholders(ws, entries).join(", ")
    )
}
