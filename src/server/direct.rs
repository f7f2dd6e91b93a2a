//! What the thread reading standard input does with a message before the
//! transport sees it: applies a document's edits and new settings, in
//! arrival order, and answers a snapshot-only request itself when the
//! snapshot is current, what the files derive together is made, and the
//! request was quick in this workspace last time (`answers`). Everything
//! else passes on to the transport and its pool of handlers.
//!
//! Answered here, a request costs no crossing between threads: on an idle
//! machine each crossing wakes a sleeping CPU, which costs more than the
//! answer. The ordering guarantee holds by construction: an edit is in the
//! document store before the next message is read, so a snapshot made for
//! a later request reflects it; a request whose snapshot would need a
//! parse is passed on, and so is one that was slow (over
//! [`super::answers::DIRECT_BUDGET`]) on its document last time: the
//! reader never waits for a parse or a slow answer, nor on stdout (see
//! `transport::write_now`).

use super::answers::SnapshotRequest;
use super::backend::Backend;
use super::state::State;
use super::transport::Outbox;
use serde::Deserialize;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::ls_types::*;

pub(super) struct Direct {
    pub(super) state: Arc<State>,
    /// None if the service was not built (then everything passes on).
    pub(super) backend: Option<Backend>,
    /// `shutdown` was read: no more answers here.
    pub(super) shut_down: Arc<AtomicBool>,
    /// Notifications passed on whose handlers have not finished (see
    /// [`settles_later`]): while there are any, nothing is answered here.
    pub(super) unsettled: Arc<AtomicUsize>,
    pub(super) outbox: Outbox,
}

/// A request answered here: its result as JSON text, or `None` to pass it
/// on.
type Answerer = fn(&Backend, &Value) -> Option<Arc<str>>;

const ANSWERED_HERE: &[(&str, Answerer)] = &[
    (HoverParams::METHOD, now::<HoverParams>),
    (GotoDefinitionParams::METHOD, now::<GotoDefinitionParams>),
    (ReferenceParams::METHOD, now::<ReferenceParams>),
    (FoldingRangeParams::METHOD, now::<FoldingRangeParams>),
    (SelectionRangeParams::METHOD, now::<SelectionRangeParams>),
    (SemanticTokensParams::METHOD, now::<SemanticTokensParams>),
    (
        SemanticTokensRangeParams::METHOD,
        now::<SemanticTokensRangeParams>,
    ),
    (CodeLensParams::METHOD, now::<CodeLensParams>),
    (CodeActionParams::METHOD, now::<CodeActionParams>),
    ("textDocument/documentSymbol", outline_now),
];

fn now<P: SnapshotRequest>(b: &Backend, params: &Value) -> Option<Arc<str>> {
    // params the handler could not read either: the transport answers
    let p = P::deserialize(params).ok()?;
    b.answer_now(&p).map(Arc::from)
}

fn outline_now(b: &Backend, params: &Value) -> Option<Arc<str>> {
    let p = DocumentSymbolParams::deserialize(params).ok()?;
    b.document_symbol_cached(&p)
}

/// A notification whose effect a later answer must show and that its
/// handler, not the reader, brings about: files changed on disk, workspace
/// folders. (Edits and settings are applied by the reader; `initialized`
/// starts the indexing, which no answer waits for, and waits on the client.)
pub(super) fn settles_later(request: &Request) -> bool {
    request.id().is_none()
        && !matches!(
            request.method(),
            "initialized"
                | "workspace/didChangeConfiguration"
                | "textDocument/didOpen"
                | "textDocument/didChange"
                | "textDocument/didClose"
                | "textDocument/didSave"
                | "$/cancelRequest"
                | "$/setTrace"
                | "exit"
        )
}

impl Direct {
    /// [`Direct::take`]; a panic (a bug) passes the message on rather than
    /// end the reading of messages.
    pub(super) fn take_safely(&self, request: Request) -> bool {
        let method = request.method().to_string();
        let take = std::panic::AssertUnwindSafe(|| self.take(request));
        std::panic::catch_unwind(take).unwrap_or_else(|_| {
            tracing::error!("{method} failed where it was read; passed on");
            false
        })
    }

    /// Takes a request or notification as the reader reads it. True when it
    /// was answered here; false when it is to be passed on.
    fn take(&self, request: Request) -> bool {
        match request.method() {
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose" => {
                self.apply(request);
                false
            }
            "workspace/didChangeConfiguration" => {
                let p = request
                    .params()
                    .map(DidChangeConfigurationParams::deserialize);
                if let (Some(b), Some(Ok(p))) = (&self.backend, p) {
                    b.apply_settings(&p);
                }
                false
            }
            // counted first: whatever its name, a notification the pool
            // counts down must be counted up
            _ if settles_later(&request) => {
                self.unsettled.fetch_add(1, Ordering::AcqRel);
                false
            }
            "shutdown" => {
                self.shut_down.store(true, Ordering::Release);
                false
            }
            _ => self.answer(&request),
        }
    }

    /// Applies an edit to the document store (the handler that follows in
    /// the transport schedules the diagnostics).
    fn apply(&self, request: Request) {
        let (method, _, params) = request.into_parts();
        let params = params.unwrap_or_default();
        match &*method {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) {
                    self.state.did_open(&p);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                    if !self.state.did_change(&p) {
                        tracing::warn!(
                            "change to a document that is not open: {}",
                            p.text_document.uri.as_str()
                        );
                    }
                }
            }
            _ => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params) {
                    self.state.did_close(&p);
                    if let Some(b) = &self.backend {
                        b.costs().forget(p.text_document.uri.as_str());
                    }
                }
            }
        }
    }

    /// Answers a snapshot-only request here if it can be answered at once.
    fn answer(&self, request: &Request) -> bool {
        let open = |b: &&Backend| {
            b.ready()
                && !self.shut_down.load(Ordering::Acquire)
                && self.unsettled.load(Ordering::Acquire) == 0
        };
        let Some(backend) = self.backend.as_ref().filter(open) else {
            return false;
        };
        let (Some(id), Some(params)) = (request.id(), request.params()) else {
            return false;
        };
        let Some(&(_, answerer)) = ANSWERED_HERE
            .iter()
            .find(|(method, _)| *method == request.method())
        else {
            return false;
        };
        let Some(result) = answerer(backend, params) else {
            return false;
        };
        tracing::debug!("answered where it was read: {}", request.method());
        let id = serde_json::to_string(id).unwrap_or_else(|_| "null".into());
        if !self.outbox.answer_here(&id, &result) {
            self.outbox.send_result(id, result);
        }
        true
    }
}
