//! Comparison with the previous version of a draft: on an element, what it
//! was there (`Was Article 42(2) in A/AC.291/16`) and the words that
//! changed; the two texts of an element, or of the whole draft, for a
//! side-by-side diff in the editor.

use super::base::diff::word_diff;
use super::base::text::body_of;
use super::base::{DocId, FilePosition, Workspace};
use crate::align::{Kind, CERTAIN};
use crate::syntax::{Document, NodeId, NodeKind};

/// An element, or a whole draft, and its text in the previous version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// `Article 24 — A/AC.291/16 ↔ A/AC.291/22/Rev.1`.
    pub title: String,
    pub old_name: String,
    pub old_text: String,
    pub new_name: String,
    pub new_text: String,
}

/// In the body of an element that changed since the previous version:
/// what it was, and the element.
pub fn in_body(ws: &Workspace, pos: FilePosition) -> Option<(NodeId, String)> {
    let file = ws.files.get(pos.doc.0)?;
    if !file.is_draft() {
        return None;
    }
    let node = file.doc.node_at(pos.offset);
    if node == NodeId::ROOT {
        return None;
    }
    Some((node, history_markdown(ws, pos.doc, node, false)?))
}

/// `**Was** Article 42(2) in A/AC.291/16 (moved)` and the word diff, or
/// `**New** since A/AC.291/16`; `None` in a draft that follows none, and,
/// unless `always`, for an element unchanged under the same number.
pub fn history_markdown(
    ws: &Workspace,
    draft: DocId,
    node: NodeId,
    always: bool,
) -> Option<String> {
    let origin = ws.origin(draft, node)?;
    let previous = ws.draft_label(origin.draft);
    if origin.from.is_empty() {
        return Some(format!("**New** since {previous}."));
    }
    let (names, old_text) = sources(ws, origin.draft, &origin.from, body_of);
    let (_, kind, score) = origin.from[0];
    let mut md = match score < CERTAIN {
        true => format!(
            "**Perhaps was** {} in {previous} (uncertain, {score:.2})",
            names.join(" and ")
        ),
        false => format!("**Was** {} in {previous}", names.join(" and ")),
    };
    if kind != Kind::Same {
        md.push_str(&format!(" ({})", kind.name()));
    }
    let new = ws.file(draft);
    match word_diff(&old_text, body_of(&new.text, &new.doc, node)) {
        Some(diff) => md.push_str(&format!(":\n\n{diff}")),
        None if kind == Kind::Same && !always => return None,
        None => md.push_str(", word for word."),
    }
    Some(md)
}

/// The element at the cursor (its article, in an article) or, with
/// `whole`, the whole draft, beside its text in the previous version.
pub fn previous_version(
    ws: &Workspace,
    pos: FilePosition,
    whole: bool,
) -> Result<Comparison, String> {
    let file = ws.files.get(pos.doc.0).ok_or("no such file")?;
    if !file.is_draft() {
        return Err(format!("{} is not a draft", file.name));
    }
    let Some(previous) = ws.predecessor(pos.doc) else {
        return Err(format!(
            "{} follows no other draft here: give it `supersedes:` in its front matter, or list its versions in treaty.toml",
            ws.draft_label(pos.doc)
        ));
    };
    let (old, doc) = (ws.file(previous), &file.doc);
    let at = doc.node_at(pos.offset.min(file.text.len()));
    let node = doc.enclosing(at, NodeKind::Article).unwrap_or(at);
    let (new_label, old_label) = (ws.draft_label(pos.doc), ws.draft_label(previous));
    if whole || node == NodeId::ROOT {
        return Ok(Comparison {
            title: format!("{old_label} ↔ {new_label}"),
            old_name: old.name.clone(),
            old_text: old.text.to_string(),
            new_name: file.name.clone(),
            new_text: file.text.to_string(),
        });
    }
    let origin = ws.origin(pos.doc, node).map(|o| o.from).unwrap_or_default();
    let name = doc.display_name(node);
    if origin.is_empty() {
        return Err(format!(
            "{name} is new since {old_label}: there is nothing to compare it with"
        ));
    }
    let (old_names, old_text) = sources(ws, previous, &origin, whole_lines);
    Ok(Comparison {
        title: format!(
            "{} ({old_label}) ↔ {name} ({new_label})",
            old_names.join(", ")
        ),
        old_name: format!("{} — {}", old_names.join(", "), old_label),
        old_text,
        new_name: format!("{name} — {new_label}"),
        new_text: whole_lines(&file.text, doc, node).to_string(),
    })
}

/// The names of the elements of `draft` an element comes from, and their
/// texts (as `cut` takes them from each), one after the other.
fn sources<'w>(
    ws: &'w Workspace,
    draft: DocId,
    from: &[(NodeId, Kind, f32)],
    cut: fn(&'w str, &'w Document, NodeId) -> &'w str,
) -> (Vec<String>, String) {
    let old = ws.file(draft);
    let names = from
        .iter()
        .map(|(n, ..)| old.doc.display_name(*n))
        .collect();
    let texts: Vec<&str> = from
        .iter()
        .map(|(n, ..)| cut(&old.text, &old.doc, *n))
        .collect();
    (names, texts.join("\n"))
}

/// An element's text from the start of its first line (`### Article 4`,
/// not `Article 4`), as the editor shows it.
fn whole_lines<'t>(text: &'t str, doc: &Document, node: NodeId) -> &'t str {
    let span = doc.node(node).span.clone();
    let start = crate::syntax::lines::line_start(text, span.start);
    text.get(start..span.end).unwrap_or("")
}
