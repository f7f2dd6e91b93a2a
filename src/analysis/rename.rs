//! Renumbering: give an article or paragraph a new number and update every
//! reference to it across the workspace.

use super::base::{
    DocId, FileKind, FilePosition, Resolution, SourceChange, Subject, TextEdit, Workspace,
};
use crate::syntax::number::{label_styles, normalise_key, ordinal};
use crate::syntax::{path_display, NodeId, NodeKind, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrepareRename {
    /// The number under the cursor.
    pub span: Span,
    pub placeholder: String,
}

/// The characters of a piece that are its number: `6` in `(6)`, `c bis`
/// in `(c bis)`, `a` in `a.`.
fn number_part(text: &str, span: &Span) -> Span {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start_matches(['(', ' ', '*', '_']).len();
    let trail = s.len() - s.trim_end_matches([')', '.', ' ', '*', '_']).len();
    if lead + trail >= s.len() {
        return span.clone();
    }
    span.start + lead..span.end - trail
}

/// The element a rename at `pos` renumbers, and the span of the number
/// under the cursor.
fn rename_subject(ws: &Workspace, pos: FilePosition) -> Result<(DocId, NodeId, Span), String> {
    let file = ws.files.get(pos.doc.0).ok_or("no such document")?;
    let subject = ws
        .subject_at(pos)
        .ok_or("place the cursor on an article or paragraph number")?;
    let (doc, node, span) = match &subject {
        Subject::Declaration(node) => {
            let n = file.doc.node(*node);
            let span = n
                .number_span
                .clone()
                .ok_or("this heading has no number to change")?;
            (pos.doc, *node, span)
        }
        Subject::Reference { target, depth, .. } => {
            let (doc, node) = ws.subject_node(pos, &subject).ok_or(
                "this reference cites nothing in the workspace, so there is nothing to renumber",
            )?;
            let piece = target
                .path
                .get(depth.saturating_sub(1))
                .ok_or("no number here")?;
            (doc, node, number_part(&file.text, &piece.span))
        }
        Subject::Term(_) => return Err("a defined term has no number to change".into()),
    };
    let kind = ws.file(doc).doc.node(node).kind;
    if kind != NodeKind::Article && !kind.is_subdivision() {
        return Err(format!(
            "only articles and their paragraphs can be renumbered, not a {}",
            kind.name()
        ));
    }
    Ok((doc, node, span))
}

pub fn prepare_rename(ws: &Workspace, pos: FilePosition) -> Result<PrepareRename, String> {
    let (_, _, span) = rename_subject(ws, pos)?;
    let text = &ws.file(pos.doc).text;
    Ok(PrepareRename {
        placeholder: text[span.clone()].to_string(),
        span,
    })
}

/// Renumbers the element under the cursor to `new_number` and updates
/// every reference to it. Refuses a number that is taken or that does
/// not fit the element (a letter for a paragraph, say).
pub fn rename(ws: &Workspace, pos: FilePosition, new_number: &str) -> Result<SourceChange, String> {
    let (doc_id, node, _) = rename_subject(ws, pos)?;
    let file = ws.file(doc_id);
    let doc = &file.doc;
    let n = doc.node(node);
    let written = new_number
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(['.', ')'])
        .trim();
    let key = normalise_key(written);
    if key.is_empty() {
        return Err("give the new number".into());
    }
    let fits = match n.style {
        Some(style) => label_styles(&key, n.label.starts_with('(')).contains(&style),
        None => ordinal(&key).is_some(),
    };
    if !fits {
        return Err(format!(
            "`{}` is not a number of the same kind as `{}`",
            written, n.key
        ));
    }
    if key == n.key {
        return Ok(SourceChange::default());
    }
    // the number must be free where the element stands
    let taken = if n.kind == NodeKind::Article {
        file.index
            .articles_with_key(doc.container(node), &key)
            .iter()
            .copied()
            .find(|&a| a != node)
    } else {
        n.parent.and_then(|p| {
            doc.node(p)
                .children
                .iter()
                .copied()
                .find(|&c| c != node && doc.node(c).key == key && doc.node(c).style == n.style)
        })
    };
    if let Some(other) = taken {
        let line = file.line_number(doc.node(other).span.start);
        let mut path = crate::syntax::Piece {
            level: crate::syntax::Level::Article,
            key: key.as_str().into(),
            span: 0..0,
        };
        if n.kind != NodeKind::Article {
            path.level = crate::syntax::Level::Sub(1);
        }
        return Err(format!(
            "{} already exists (line {}): renumber it first or choose another number",
            if n.kind == NodeKind::Article {
                path_display(&[path])
            } else {
                doc.display_name(other)
            },
            line
        ));
    }
    let mut change: Vec<(DocId, Vec<TextEdit>)> = Vec::new();
    let mut push = |d: DocId, span: Span| match change.iter_mut().find(|(x, _)| *x == d) {
        Some((_, edits)) => edits.push(TextEdit {
            span,
            new_text: written.to_string(),
        }),
        None => change.push((
            d,
            vec![TextEdit {
                span,
                new_text: written.to_string(),
            }],
        )),
    };
    if let Some(span) = n.number_span.clone() {
        push(doc_id, span);
    }
    let wanted = Resolution::Node { doc: doc_id, node };
    for id in ws.all_ids() {
        let f = ws.file(id);
        // a submission is what the stakeholder wrote: never rewritten
        if matches!(f.kind, FileKind::Submission) {
            continue;
        }
        for r in &f.doc.references {
            for t in &r.targets {
                for depth in 1..=t.path.len() {
                    let span = &t.path[depth - 1].span;
                    // a target string with escapes maps only as a whole
                    if f.positions().is_some() && f.text[span.clone()].starts_with(['"', '\'']) {
                        continue;
                    }
                    if ws.resolve(id, r, t, depth) == wanted {
                        push(id, number_part(&f.text, &t.path[depth - 1].span));
                    }
                }
            }
        }
    }
    for (_, edits) in &mut change {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits.dedup();
    }
    change.sort_by_key(|(d, _)| *d);
    Ok(SourceChange {
        edits: change,
        label: None,
    })
}
