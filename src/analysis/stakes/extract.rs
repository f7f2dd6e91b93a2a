//! A positions file drafted from a submission the workspace holds, for the
//! editors' extract command: the submission's text through
//! `crate::extract`, against the draft the user names, else the one the
//! submission names by its id, else the latest, to be saved beside the
//! positions files the workspace has.

use super::super::base::{DocId, FileKind, Workspace};
use crate::extract::{extract, Extraction};

/// What extraction found, and where it belongs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drafted {
    pub extraction: Extraction,
    /// The draft the positions are on: its id (or label).
    pub draft: String,
    /// A positions file of the workspace: the new one goes in its folder.
    pub beside: Option<DocId>,
}

/// The positions a submission takes, against `draft` (the id of a draft of
/// the workspace), else the draft it names, else the latest.
pub fn draft_positions(
    ws: &Workspace,
    submission: DocId,
    draft: Option<&str>,
) -> Result<Drafted, String> {
    let file = ws.file(submission);
    // a Markdown file not listed as a submission may be taken for a draft:
    // only what surely is no prose is refused
    if matches!(
        file.kind,
        FileKind::Positions { .. } | FileKind::Correspondence(_)
    ) {
        return Err(format!(
            "{} is not a submission: extract reads a stakeholder's prose",
            short(&file.name)
        ));
    }
    let drafts: Vec<DocId> = ws
        .all_ids()
        .filter(|&d| d != submission && ws.file(d).is_draft())
        .collect();
    let draft = match draft.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => {
            let known = drafts.iter().any(|&x| ws.draft_label(x) == d);
            if !known {
                let labels: Vec<String> = drafts.iter().map(|&x| ws.draft_label(x)).collect();
                return Err(format!("no draft {d} in the workspace; its drafts: {}", labels.join(", ")));
            }
            d.to_string()
        }
        // the draft the submission names, else the latest
        None => named_in(ws, &file.text, &drafts)
            .or_else(|| latest_draft(ws, submission))
            .map(|d| ws.draft_label(d))
            .ok_or(
                "no draft in the workspace: open the draft the submission comments on, or name its id",
            )?,
    };
    let beside = ws
        .all_ids()
        .filter(|&d| ws.file(d).positions().is_some())
        .min_by(|&a, &b| ws.file(a).name.cmp(&ws.file(b).name));
    Ok(Drafted {
        extraction: extract(&file.text),
        draft,
        beside,
    })
}

/// The draft a submission names by its id (`A/AC.291/16`), the latest of
/// them when it names several.
fn named_in(ws: &Workspace, text: &str, drafts: &[DocId]) -> Option<DocId> {
    let named: Vec<DocId> = drafts
        .iter()
        .copied()
        .filter(|&d| {
            let id = ws
                .file(d)
                .doc
                .front_matter
                .as_ref()
                .and_then(|f| f.id.clone());
            id.is_some_and(|id| id.len() >= 3 && mentions(text, &id))
        })
        .collect();
    // of those, the one no other named one follows
    let followed: Vec<DocId> = named.iter().filter_map(|&d| ws.predecessor(d)).collect();
    named.iter().copied().rev().find(|d| !followed.contains(d))
}

/// Whether `id` stands in `text` as a whole (`A/AC.291/16` is not in
/// `A/AC.291/16/Rev.1`... nor in `A/AC.291/160`).
fn mentions(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let next = text[at + id.len()..].chars().next();
        let prev = text[..at].chars().next_back();
        next.is_none_or(|c| !(c.is_alphanumeric() || c == '/'))
            && prev.is_none_or(|c| !(c.is_alphanumeric() || c == '/'))
    })
}

/// The draft no other draft follows, the latest dated among several (then
/// the last by name), other than `except` (the submission, when it was
/// taken for a draft): what a submission written today comments on.
pub fn latest_draft(ws: &Workspace, except: DocId) -> Option<DocId> {
    let drafts: Vec<DocId> = ws
        .all_ids()
        .filter(|&d| ws.file(d).is_draft() && d != except)
        .collect();
    let followed: Vec<DocId> = drafts.iter().filter_map(|&d| ws.predecessor(d)).collect();
    drafts
        .into_iter()
        .filter(|d| !followed.contains(d))
        .max_by(|&a, &b| {
            let date = |d: DocId| {
                let fm = ws.file(d).doc.front_matter.as_ref();
                fm.and_then(|f| f.date.clone())
            };
            date(a)
                .cmp(&date(b))
                .then_with(|| ws.file(a).name.cmp(&ws.file(b).name))
        })
}

fn short(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_draft_is_the_one_no_other_follows() {
        let mut ws = Workspace::new();
        ws.add(
            "v1.treaty.md",
            "---\nid: V/1\ndate: 2024-05-01\n---\n\n### Article 1\n\nA.\n",
        );
        ws.add(
            "v2.treaty.md",
            "---\nid: V/2\ndate: 2023-01-01\nsupersedes: V/1\n---\n\n### Article 1\n\nB.\n",
        );
        let sub = ws.add_as(
            "s.md",
            "We propose to delete Article 1.\n",
            crate::project::Role::Submission,
        );
        let d = draft_positions(&ws, sub, None).expect("drafted");
        // V/2 follows V/1: it is the latest, whatever the dates say
        assert_eq!(d.draft, "V/2");
        assert_eq!(d.extraction.proposals.len(), 1);
        assert_eq!(draft_positions(&ws, sub, Some("V/1")).unwrap().draft, "V/1");
        let err = draft_positions(&ws, sub, Some("V/9")).unwrap_err();
        assert_eq!(err, "no draft V/9 in the workspace; its drafts: V/1, V/2");
        // a submission on V/1 (not on V/1/Rev.1, not on V/10) drafts against it
        let on_v1 = ws.add_as(
            "t.md",
            "Comments on V/1, and on V/10.\n\nDelete Article 1.\n",
            crate::project::Role::Submission,
        );
        assert_eq!(draft_positions(&ws, on_v1, None).unwrap().draft, "V/1");
        let p = ws.add("p.positions.toml", "[source]\nstakeholder = \"X\"\n");
        assert!(draft_positions(&ws, p, None).is_err());
    }

    #[test]
    fn without_a_draft_the_user_is_told_to_name_one() {
        let mut ws = Workspace::new();
        let sub = ws.add_as(
            "s.md",
            "Delete Article 1.\n",
            crate::project::Role::Submission,
        );
        let err = draft_positions(&ws, sub, None).unwrap_err();
        assert!(err.starts_with("no draft in the workspace"), "{err}");
    }
}
