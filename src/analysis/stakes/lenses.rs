//! Code lenses: above each article with positions on it or its parts (and
//! each division or annex with positions on itself), the tally and where
//! the positions are.

use super::super::base::{DocId, Entry, FileSpan, Workspace};
use super::index::{draft_entries, positions_within, stakeholders, stances, tally};
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
        k == NodeKind::Article || k.is_division() || k == NodeKind::Annex
    });
    let mut out = Vec::new();
    for node in lensed {
        // articles with the positions on them and their parts; chapters and
        // other divisions with the positions on themselves only
        let entries: Vec<&Entry> = if doc.node(node).kind == NodeKind::Article {
            positions_within(ws, draft, node)
        } else {
            draft_entries(ws, draft)
                .filter(|e| e.node == node)
                .collect()
        };
        if entries.is_empty() {
            continue;
        }
        let mut places: Vec<FileSpan> = Vec::new();
        for e in &entries {
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
        out.push(Lens {
            node,
            span: doc.node(node).label_span.clone(),
            title: format!(
                "{} — {}",
                tally(stances(ws, &entries)),
                stakeholders(ws, &entries).join(", ")
            ),
            positions: places,
        });
    }
    out
}
