//! Publishing diagnostics: after a debounce delay, never for a version
//! older than one already published or from an older workspace, and for
//! the files whose diagnostics depend on the one that changed (a draft's
//! positions files, a positions file's draft, and, when a file's outline
//! changed, the drafts citing other instruments).

use super::backend::Backend;
use super::state::Snapshot;
use std::collections::HashMap;
use std::str::FromStr;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

/// Diagnostics last published for a document.
pub struct Published {
    version: Option<i32>,
    /// Of the snapshot they were worked out from.
    generation: u64,
    diagnostics: Vec<Diagnostic>,
}

/// What was published, and the outline fingerprint of each file when its
/// diagnostics were last published (see `Backend::publish`).
#[derive(Default)]
pub struct Ledger {
    published: tokio::sync::Mutex<HashMap<String, Published>>,
    outlines: std::sync::Mutex<HashMap<String, u64>>,
}

impl Backend {
    /// Publishes diagnostics after the debounce delay, unless the document
    /// changed again meanwhile (that change schedules its own).
    pub fn schedule_diagnostics(&self, uri: String) {
        let this = self.clone();
        let version = self.state().current_version(&uri);
        let delay = self.settings().delay();
        tokio::spawn(async move {
            // no delay, no timer: tokio rounds a timer up to its next
            // millisecond tick
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if this.state().current_version(&uri) != version {
                return;
            }
            this.publish(&uri).await;
        });
    }

    /// Publishes a document's diagnostics, then those of the documents
    /// that depend on it: a draft's positions files (their changes may
    /// have gone stale), a positions file's draft (what is contested), the
    /// later versions positions are carried into (where they changed),
    /// and, when its outline changed, the drafts citing other instruments.
    pub async fn publish(&self, uri: &str) {
        let snap = self.snapshot_of(None).await;
        self.publish_one(&snap, uri, false).await;
        let mut done = vec![uri.to_string()];
        let id = snap.ws.find(uri);
        for other in id.map(|id| snap.ws.dependents(id)).unwrap_or_default() {
            let name = snap.ws.file(other).name.clone();
            self.publish_one(&snap, &name, false).await;
            done.push(name);
        }
        // later versions of a draft show the positions carried from it
        for later in id.map(|id| snap.ws.carried_into(id)).unwrap_or_default() {
            let name = snap.ws.file(later).name.clone();
            if !done.contains(&name) {
                self.publish_one(&snap, &name, true).await;
                done.push(name);
            }
        }
        // other drafts' references into this file resolve as before while
        // its outline is the same: most edits, which are inside a paragraph
        let outline = id.map(|id| snap.ws.file(id).outline_fingerprint());
        if self.outline_changed(uri, outline) {
            self.publish_citing(&snap, &done).await;
        }
    }

    /// Records the outline fingerprint of a file (None: it is gone) and
    /// says whether it differs from the one recorded before.
    pub fn outline_changed(&self, uri: &str, outline: Option<u64>) -> bool {
        let ledger = self.ledger();
        let mut seen = ledger.outlines.lock().unwrap_or_else(|e| e.into_inner());
        match outline {
            Some(f) => seen.insert(uri.to_string(), f) != Some(f),
            None => {
                seen.remove(uri);
                true
            }
        }
    }

    /// Publishes again the diagnostics of the drafts that cite other
    /// instruments, those not in `done`, where they changed: after a file
    /// changed, appeared or went, a reference into it may now resolve, or
    /// dangle.
    pub async fn publish_citing(&self, snap: &Snapshot, done: &[String]) {
        for id in snap.ws.drafts_citing_instruments() {
            let name = &snap.ws.file(id).name;
            if !done.contains(name) {
                self.publish_one(snap, name, true).await;
            }
        }
    }

    /// Publishes a document's diagnostics; `if_changed`: only when they
    /// differ from those last published for it.
    pub async fn publish_one(&self, snap: &Snapshot, uri: &str, if_changed: bool) {
        let Ok(lsp_uri) = Uri::from_str(uri) else {
            return;
        };
        let (diags, version) = match snap.ws.find(uri) {
            Some(id) => (
                self.diagnostics_of(snap, id),
                snap.versions.get(uri).copied(),
            ),
            None => (vec![], None),
        };
        // never publish for a version older than one already published, or
        // from an older workspace (another file's older text)
        let mut published = self.ledger().published.lock().await;
        let last = published.get(uri);
        if let Some(last) = last {
            if last.generation > snap.generation
                || version.is_some_and(|v| last.version.is_some_and(|p| p > v))
            {
                return;
            }
        }
        if if_changed && last.is_some_and(|l| l.version == version && l.diagnostics == diags) {
            return;
        }
        let entry = Published {
            version,
            generation: snap.generation,
            diagnostics: diags.clone(),
        };
        published.insert(uri.to_string(), entry);
        self.client()
            .publish_diagnostics(lsp_uri, diags, version)
            .await;
    }

    /// A file's diagnostics, with the hints on contested elements when the
    /// settings want them.
    fn diagnostics_of(&self, snap: &Snapshot, id: crate::analysis::DocId) -> Vec<Diagnostic> {
        let mut all = snap.ws.diagnostics(id);
        if snap.ws.file(id).is_draft() && self.settings().contested_hints() {
            all.extend(snap.ws.contested_diagnostics(id));
        }
        self.conv(snap, |c| c.diagnostics(id, &all))
    }

    /// Clears the diagnostics of a document that is gone from the server's
    /// view (closed, and not a workspace file).
    pub async fn clear(&self, uri: Uri) {
        self.ledger().published.lock().await.remove(uri.as_str());
        self.client().publish_diagnostics(uri, vec![], None).await;
    }

    /// Publishes the open documents' diagnostics again and asks the client
    /// for new code lenses: what positions and settings show has changed.
    pub async fn refresh_open(&self) {
        let open: Vec<String> = self.state().open.iter().map(|d| d.key().clone()).collect();
        let snap = self.snapshot_of(None).await;
        for u in open {
            self.publish_one(&snap, &u, false).await;
        }
        if self.caps().code_lens_refresh {
            if let Err(e) = self.client().code_lens_refresh().await {
                tracing::debug!("codeLens/refresh: {}", e.message);
            }
        }
    }
}
