//! The commands the server runs (`workspace/executeCommand`): the
//! stakeholders of a draft, all of one stakeholder's amendments, an
//! element beside its previous version, and the quick fixes sent as
//! commands to clients without code action literals.

use super::backend::Backend;
use super::capabilities::{
    APPLY_EDIT, APPLY_STAKEHOLDER_AMENDMENTS, CANNOT_APPLY, LIST_STAKEHOLDERS, PREVIOUS_VERSION,
    REPORT,
};
use super::convert;
use super::state::Snapshot;
use crate::analysis::{DocId, FilePosition};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    request, ApplyWorkspaceEditParams, ExecuteCommandParams, LSPAny, Position, WorkspaceEdit,
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
