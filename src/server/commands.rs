//! The commands the server runs (`workspace/executeCommand`): the
//! stakeholders of a draft, all of one stakeholder's amendments, an
//! element beside its previous version, and the quick fixes sent as
//! commands to clients without code action literals.

use super::backend::Backend;
use super::capabilities::{
    APPLY_EDIT, APPLY_STAKEHOLDER_AMENDMENTS, CANNOT_APPLY, EXTRACT, LIST_STAKEHOLDERS,
    PREVIOUS_VERSION, REPORT,
};
use super::convert;
use super::state::Snapshot;
use crate::analysis::{DocId, FilePosition};
use std::path::Path;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    request, ApplyWorkspaceEditParams, ExecuteCommandParams, LSPAny, Position, Uri, WorkspaceEdit,
};

/// The error LSP names for a request that could not be carried out.
pub fn request_failed(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into().into(),
        data: None,
    }
}

impl Backend {
    pub async fn run_command(&self, p: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let arg = |i: usize| p.arguments.get(i).and_then(|v| v.as_str());
        let snap = self.snapshot_of(None).await;
        match p.command.as_str() {
            LIST_STAKEHOLDERS => {
                let doc = draft_arg(&snap, &p.command, arg(0))?;
                Ok(serde_json::to_value(snap.ws.stakeholders(doc)).ok())
            }
            APPLY_STAKEHOLDER_AMENDMENTS => {
                let doc = draft_arg(&snap, &p.command, arg(0))?;
                let who = arg(1).ok_or_else(|| {
                    let message = format!("{}: the second argument is the stakeholder", p.command);
                    Error::invalid_params(message)
                })?;
                self.apply_stakeholder_amendments(&snap, doc, who).await
            }
            APPLY_EDIT => {
                let edit: WorkspaceEdit = p
                    .arguments
                    .first()
                    .and_then(|v| serde_json::from_value(v.clone()).ok())
                    .ok_or_else(|| {
                        let message = format!("{APPLY_EDIT}: the argument is a WorkspaceEdit");
                        Error::invalid_params(message)
                    })?;
                let answer = self.client().apply_edit(edit).await?;
                if !answer.applied {
                    let why = answer.failure_reason.unwrap_or_default();
                    let message = format!("the editor did not apply the edit: {why}");
                    return Err(request_failed(message));
                }
                Ok(None)
            }
            REPORT => {
                let doc = draft_arg(&snap, &p.command, arg(0))?;
                let report = snap.ws.report(doc);
                // the files' names are their URIs: links as they are
                let text = match arg(1) {
                    Some("md") => crate::analysis::stakes::report::markdown::document(&[report]),
                    _ => crate::analysis::stakes::report::html::page(&[report], &|f| f.to_string()),
                };
                Ok(Some(LSPAny::String(text)))
            }
            PREVIOUS_VERSION => {
                let doc = draft_arg(&snap, &p.command, arg(0))?;
                let at: Option<Position> = p
                    .arguments
                    .get(1)
                    .and_then(|v| serde_json::from_value(v.clone()).ok());
                let whole =
                    at.is_none() || p.arguments.get(2).and_then(|v| v.as_bool()) == Some(true);
                let offset = at.map_or(0, |at| convert::offset(&snap.ws, doc, self.enc(), at));
                let pos = FilePosition { doc, offset };
                let c = snap
                    .ws
                    .previous_version(pos, whole)
                    .map_err(request_failed)?;
                Ok(Some(serde_json::json!({
                    "title": c.title,
                    "old": {"name": c.old_name, "text": c.old_text},
                    "new": {"name": c.new_name, "text": c.new_text},
                })))
            }
            EXTRACT => extract(&snap, &self.roots(), arg(0), p.arguments.get(1)).map(Some),
            CANNOT_APPLY => Err(request_failed(
                arg(0).unwrap_or("this change cannot be applied"),
            )),
            other => Err(Error::invalid_params(format!("unknown command {other}"))),
        }
    }

    /// Sends all of a stakeholder's applicable amendments to the editor as
    /// one edit; answers how many were applied and which were skipped.
    async fn apply_stakeholder_amendments(
        &self,
        snap: &Snapshot,
        doc: DocId,
        who: &str,
    ) -> Result<Option<LSPAny>> {
        let all = snap.ws.stakeholder_amendments(doc, who);
        if all.applied > 0 {
            let edit = self.conv(snap, |c| c.workspace_edit(&all.change));
            let params = ApplyWorkspaceEditParams {
                label: Some(format!("Apply all amendments from {}", who.trim())),
                edit,
            };
            let answer = self
                .client()
                .send_request::<request::ApplyWorkspaceEdit>(params)
                .await?;
            if !answer.applied {
                let why = answer.failure_reason.unwrap_or_default();
                let message = format!("the editor did not apply the amendments: {why}");
                return Err(request_failed(message));
            }
        }
        Ok(Some(serde_json::json!({
            "applied": all.applied,
            "skipped": all.skipped,
        })))
    }
}

/// A positions file drafted from the submission `uri`, with the options
/// `{stakeholder, group?, draft?}`: `{uri, text, draft, positions,
/// review}`, the URI beside the workspace's positions files (else beside
/// the submission), never one that exists.
fn extract(
    snap: &Snapshot,
    roots: &[std::path::PathBuf],
    uri: Option<&str>,
    options: Option<&LSPAny>,
) -> Result<LSPAny> {
    let invalid = |m: &str| Error::invalid_params(format!("{EXTRACT}: {m}"));
    let uri = uri.ok_or_else(|| invalid("the first argument is the submission's URI"))?;
    let path_of = |u: &str| {
        u.parse::<Uri>()
            .ok()?
            .to_file_path()
            .map(|p| p.into_owned())
    };
    // clients spell URIs differently (`,` or `%2C`) and some resolve
    // symbolic links: the same file is the same real path
    let real = |u: &str| path_of(u).map(|p| std::fs::canonicalize(&p).unwrap_or(p));
    let doc = snap
        .ws
        .find(uri)
        .or_else(|| {
            let path = real(uri)?;
            snap.ws
                .all_ids()
                .find(|&d| real(&snap.ws.file(d).name).as_ref() == Some(&path))
        })
        .ok_or_else(|| invalid(&format!("{uri} is not a file the server knows")))?;
    let option = |k: &str| options.and_then(|o| o.get(k)).and_then(|v| v.as_str());
    let stakeholder = option("stakeholder")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| invalid("the options name the stakeholder"))?;
    let group = match option("group").filter(|g| !g.is_empty()) {
        None => None,
        Some(g) => Some(
            crate::positions::Group::from_name(g)
                .ok_or_else(|| invalid(&format!("`{g}` is not a group")))?,
        ),
    };
    let drafted = snap
        .ws
        .draft_positions(doc, option("draft"))
        .map_err(request_failed)?;
    // named as the workspace names it, so its path relative to the new
    // file is the one the workspace reads
    let submission =
        path_of(&snap.ws.file(doc).name).ok_or_else(|| invalid("the submission is not a file"))?;
    let folder = drafted
        .beside
        .and_then(|d| {
            path_of(&snap.ws.file(d).name)?
                .parent()
                .map(Path::to_path_buf)
        })
        // beside the submission when it is in the workspace, else at the
        // workspace's root: saved there, the file is read
        .or_else(|| {
            let beside = submission.parent()?;
            let inside = roots.is_empty() || roots.iter().any(|r| beside.starts_with(r));
            Some(if inside { beside } else { roots.first()? }.to_path_buf())
        })
        .ok_or_else(|| invalid("the submission is not in a folder"))?;
    let stem = submission
        .file_stem()
        .map_or("submission".into(), |s| s.to_string_lossy().into_owned());
    let known = |p: &Path| {
        p.exists() || Uri::from_file_path(p).is_some_and(|u| snap.ws.find(u.as_str()).is_some())
    };
    let target = (1..)
        .map(|n| match n {
            1 => folder.join(format!("{stem}.positions.toml")),
            n => folder.join(format!("{stem}-{n}.positions.toml")),
        })
        .find(|p| !known(p))
        .unwrap_or_default();
    let options = crate::extract::Options {
        stakeholder,
        group,
        draft: &drafted.draft,
        submission: &crate::project::paths::relative(&target, &submission)
            .unwrap_or_else(|| submission.display().to_string()),
    };
    let found = &drafted.extraction.proposals;
    Ok(serde_json::json!({
        "uri": Uri::from_file_path(&target).map(|u| u.as_str().to_string()),
        "text": crate::extract::to_toml(&drafted.extraction, &options),
        "draft": drafted.draft,
        "positions": found.len(),
        "review": found.iter().filter(|p| !p.checks.is_empty()).count(),
    }))
}

/// The draft a command's first argument names.
fn draft_arg(snap: &Snapshot, command: &str, uri: Option<&str>) -> Result<DocId> {
    let uri = uri.ok_or_else(|| {
        Error::invalid_params(format!("{command}: the first argument is the draft's URI"))
    })?;
    snap.ws
        .find(uri)
        .filter(|&d| snap.ws.file(d).is_draft())
        .ok_or_else(|| Error::invalid_params(format!("{uri} is not a draft the server knows")))
}
