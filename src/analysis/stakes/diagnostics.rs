//! Diagnostics of stakeholder positions: what is wrong in a positions file
//! (TOML and schema errors, a draft that is not there, targets that do not
//! exist in it, changes whose words are no longer in their target), and
//! hints on the elements of a draft that stakeholders take positions on.

use super::super::base::names::focus_span;
use super::super::base::{Diagnostic, DocId, FileKind, Related, Resolution, Workspace};
use super::edits::change_edits;
use super::index::{draft_entries, stakeholders, tally};
use super::status::{change_status, Status};
use crate::positions::PositionsFile;
use crate::syntax::{NodeId, Severity};

/// Diagnostics of a positions file, in text order.
pub fn positions_diagnostics(ws: &Workspace, id: DocId) -> Vec<Diagnostic> {
    let FileKind::Positions { file: p, .. } = &ws.file(id).kind else {
        return vec![];
    };
    let mut out: Vec<Diagnostic> = p
        .problems
        .iter()
        .map(|pr| Diagnostic::new(pr.severity, pr.code, pr.message.clone(), pr.span.clone()))
        .collect();
    let draft = match ws.draft_of(id) {
        Some(Ok(draft)) => draft,
        Some(Err(reason)) => {
            let span = p
                .source
                .draft
                .as_ref()
                .map_or(p.source.span.start..p.source.span.start, |d| d.span.clone());
            out.push(Diagnostic::new(
                Severity::Error,
                "unknown-draft",
                reason,
                span,
            ));
            out.sort_by_key(|d| (d.span.start, d.span.end));
            return out;
        }
        None => return out,
    };
    unreadable_targets(ws, id, &mut out);
    unresolved_targets(ws, id, draft, &mut out);
    stale_changes(ws, id, p, draft, &mut out);
    out.sort_by_key(|d| (d.span.start, d.span.end));
    out.dedup();
    out
}

/// Targets the parser does not read as a reference at all.
fn unreadable_targets(ws: &Workspace, id: DocId, out: &mut Vec<Diagnostic>) {
    let FileKind::Positions { file: p, owner } = &ws.file(id).kind else {
        return;
    };
    // one pass over the owners, not one per position
    let mut read = vec![false; p.positions.len()];
    for &i in owner {
        if let Some(r) = read.get_mut(i) {
            *r = true;
        }
    }
    for (i, pos) in p.positions.iter().enumerate() {
        if !read[i] {
            let message = format!(
                "`{}` is not a reference to an element (write it as in a draft: `Article 41, paragraph 2 (b)`)",
                pos.target.value
            );
            let span = pos.target.span.clone();
            out.push(Diagnostic::new(
                Severity::Error,
                "unreadable-target",
                message,
                span,
            ));
        }
    }
}

/// Targets that do not exist in the draft, or that cite another instrument.
fn unresolved_targets(ws: &Workspace, id: DocId, draft: DocId, out: &mut Vec<Diagnostic>) {
    let draft_name = ws.draft_label(draft);
    for r in &ws.file(id).doc.references {
        for t in &r.targets {
            match ws.resolve(id, r, t, t.path.len()) {
                Resolution::Node { .. } => {}
                Resolution::Dangling { reason } => out.push(Diagnostic::new(
                    Severity::Error,
                    "unknown-target",
                    format!("not in {}: {}", draft_name, reason),
                    t.span.clone(),
                )),
                Resolution::External { instrument } => out.push(Diagnostic::new(
                    Severity::Warning,
                    "external-target",
                    format!("targets {}, not the draft {}", instrument, draft_name),
                    r.span.clone(),
                )),
            }
        }
    }
}

/// Changes that no longer apply to the elements they target.
fn stale_changes(
    ws: &Workspace,
    id: DocId,
    p: &PositionsFile,
    draft: DocId,
    out: &mut Vec<Diagnostic>,
) {
    let draft_name = ws.draft_label(draft);
    // each position's entries in the draft it names (later versions show
    // theirs in the draft), grouped in one pass over the workspace's
    let mut by_position: Vec<Vec<&crate::analysis::base::Entry>> =
        vec![Vec::new(); p.positions.len()];
    for e in ws.position_entries() {
        if e.file == id && e.carried.is_none() {
            if let Some(v) = by_position.get_mut(e.position) {
                v.push(e);
            }
        }
    }
    for (pos, entries) in p.positions.iter().zip(&by_position) {
        for change in &pos.changes {
            for e in entries {
                let d = &ws.file(e.draft).doc;
                let (severity, code, message) = match change_status(ws, e, change) {
                    Status::Open | Status::NoCounterpart => continue,
                    Status::Applied => (
                        Severity::Hint,
                        "applied",
                        format!(
                            "applied: {} already reads as proposed",
                            d.display_name(e.node)
                        ),
                    ),
                    Status::Overtaken => {
                        let Err(reason) = change_edits(ws, e.draft, e.node, change) else {
                            continue;
                        };
                        (Severity::Warning, "stale-change", reason)
                    }
                };
                let span = change
                    .find()
                    .map_or(change.span.clone(), |f| f.span.clone());
                out.push(Diagnostic {
                    severity,
                    code,
                    message,
                    span,
                    related: vec![Related {
                        file: Some(e.draft),
                        span: d.node(e.node).label_span.clone(),
                        message: format!("{} in {}", d.display_name(e.node), draft_name),
                    }],
                });
            }
        }
    }
}

/// Hints on the elements that stakeholders take positions on (the
/// element's label), with the tally.
pub fn contested_diagnostics(ws: &Workspace, draft: DocId) -> Vec<Diagnostic> {
    let file = ws.file(draft);
    let doc = &file.doc;
    let mut by_node: Vec<(NodeId, Vec<_>)> = Vec::new();
    for e in draft_entries(ws, draft).filter(|e| e.certain()) {
        match by_node.last_mut() {
            Some((n, v)) if *n == e.node => v.push(e),
            _ => by_node.push((e.node, vec![e])),
        }
    }
    let mut out = Vec::new();
    for (node, entries) in by_node {
        let tally = tally(ws, &entries);
        if tally.is_empty() {
            continue;
        }
        let who = stakeholders(ws, &entries);
        let n = doc.node(node);
        let span = if n.label_span.is_empty() {
            focus_span(&file.text, doc, node)
        } else {
            n.label_span.clone()
        };
        let message = format!("{}: {} ({})", doc.display_name(node), tally, who.join(", "));
        out.push(Diagnostic::new(Severity::Hint, "contested", message, span));
    }
    out
}
