//! A positions file drafted from a submission the workspace holds, for the
//! editors' extract command: the submission's text through
//! `crate::extract`, against the draft the user names or else the latest
//! one, to be saved beside the positions files the workspace has.

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

/// The positions a submission takes, against `draft` (an id) or the latest
/// draft of the workspace.
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
    let draft = match draft.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => d.to_string(),
        None => {
            let latest = latest_draft(ws, submission).ok_or(
                "no draft in the workspace: open the draft the submission comments on, or name its id",
            )?;
            ws.draft_label(latest)
        }
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
