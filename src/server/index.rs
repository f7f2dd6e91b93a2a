//! Indexing a workspace: the files `project::discover` finds under the
//! workspace folders (and what `treaty.toml` lists), read from disk with
//! progress reported, then their diagnostics published; and files changed
//! on disk read again.

use super::backend::Backend;
use crate::project::{discover, read, roles, Role};
use std::collections::HashMap;
use std::path::PathBuf;
use tower_lsp_server::ls_types::{FileChangeType, FileEvent, MessageType, NumberOrString, Uri};
use tower_lsp_server::{Bounded, NotCancellable, OngoingProgress};

impl Backend {
    /// Reads the workspace folders' files and `treaty.toml`, reporting
    /// progress, then publishes their diagnostics.
    pub async fn index_workspace(&self) {
        let progress = self.begin_progress().await;
        let files = self.discover_files().await;
        let total = files.len().max(1);
        let mut uris = Vec::new();
        let mut refused = Vec::new();
        let limit = self.settings().max_file_bytes();
        for (i, (path, role)) in files.iter().enumerate() {
            let Some(u) = Uri::from_file_path(path) else {
                continue;
            };
            self.state().set_role(u.as_str(), *role);
            match read::read_text_file(path, limit) {
                Ok(text) => {
                    self.state().set_disk(u.as_str(), Some(text.into()));
                    uris.push(u.as_str().to_string());
                }
                Err(e) => {
                    tracing::warn!("not read: {}: {}", path.display(), e);
                    refused.push(format!("{}: {}", path.display(), e));
                }
            }
            if let Some(p) = progress.as_ref().filter(|_| i % 16 == 0) {
                let percent = ((i + 1) * 100 / total) as u32;
                p.report_with_message(format!("{}/{}", i + 1, total), percent)
                    .await;
            }
        }
        // parse everything once, off the request path
        let _ = self.snapshot();
        if let Some(p) = progress {
            p.finish_with_message(format!("{} files", uris.len())).await;
        }
        if let Some(first) = refused.first() {
            let more = match refused.len() {
                1 => String::new(),
                n => format!(" (and {} more; see the log)", n - 1),
            };
            let msg = format!("treaty-lsp did not read {first}{more}");
            self.client().show_message(MessageType::WARNING, msg).await;
        }
        // one snapshot for all: every file is published here, so none needs
        // publishing again for another's sake
        let snap = self.snapshot();
        for u in uris {
            if !self.state().open.contains_key(&u) {
                self.publish_one(&snap, &u, false).await;
            }
        }
        // documents opened before indexing ended were answered without the
        // positions files: their hints and lenses now change
        self.refresh_open().await;
    }

    /// The files of every workspace folder with their roles; the aliases
    /// `treaty.toml` gives go to the workspace, its errors to the user.
    async fn discover_files(&self) -> Vec<(PathBuf, Role)> {
        let mut files = Vec::new();
        let mut aliases = HashMap::new();
        let mut versions = Vec::new();
        let uri = |p: &std::path::Path| Uri::from_file_path(p).map(|u| u.as_str().to_string());
        for root in self.roots() {
            let project = discover::workspace_files(&root, self.settings().workspace_trusted());
            if let Some(e) = project.error {
                self.client().show_message(MessageType::WARNING, e).await;
            }
            if let Some(first) = project.unreadable.first() {
                let msg = format!("treaty-lsp: {first}");
                self.client().show_message(MessageType::WARNING, msg).await;
            }
            if project.truncated {
                let msg = format!(
                    "treaty-lsp indexed the first {} files of {} and stopped there; list \
                     the folders that matter in treaty.toml",
                    discover::MAX_WORKSPACE_FILES,
                    root.display()
                );
                tracing::warn!("{msg}");
                self.client().show_message(MessageType::WARNING, msg).await;
            }
            files.extend(project.files);
            for (path, names) in project.aliases {
                if let Some(u) = uri(&path) {
                    aliases.insert(u, names);
                }
            }
            versions.push(project.versions.iter().filter_map(|p| uri(p)).collect());
        }
        self.state().set_project(aliases, versions);
        files
    }

    /// A progress report, when the client takes them.
    async fn begin_progress(&self) -> Option<OngoingProgress<Bounded, NotCancellable>> {
        if !self.caps().work_done_progress {
            return None;
        }
        let token = NumberOrString::String("treaty-lsp/index".into());
        self.client()
            .create_work_done_progress(token.clone())
            .await
            .ok()?;
        let progress = self.client().progress(token, "Indexing treaty drafts");
        Some(progress.with_percentage(0).begin().await)
    }

    /// Files changed on disk: read again (or dropped), then published
    /// unless they are open; a changed `treaty.toml` indexes again.
    pub async fn reread_watched(&self, changes: Vec<FileEvent>) {
        let mut changed = Vec::new();
        for change in changes {
            let u = change.uri.as_str().to_string();
            if roles::is_project_settings(&u) {
                // on a task of its own: indexing waits on the client
                // (progress), which must not hold the reader back
                let this = self.clone();
                tokio::spawn(async move { this.index_workspace().await });
                continue;
            }
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if self.state().role(&u, None).is_none() {
                continue;
            }
            if change.typ == FileChangeType::DELETED {
                self.state().set_disk(&u, None);
            } else {
                match read::read_text_file(&path, self.settings().max_file_bytes()) {
                    Ok(text) => self.state().set_disk(&u, Some(text.into())),
                    Err(e) => tracing::warn!("not read: {}: {}", path.display(), e),
                }
            }
            changed.push(u);
        }
        // published on a task of its own: the handler's end lets the reader
        // answer again (`direct::settles_later`), the files now in the store
        let this = self.clone();
        tokio::spawn(async move {
            for u in changed {
                if !this.state().open.contains_key(&u) {
                    this.publish(&u).await;
                }
            }
        });
    }
}
