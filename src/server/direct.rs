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

/// What became of a message taken here.
pub(super) enum Taken {
    /// Answered: nothing passes on.
    Answered,
    /// The message passes on as it came.
    PassOn,
    /// Applied here; this lighter message passes on in its place (an
    /// edit's handler needs only which document: a draft's text is not
    /// decoded twice nor held in the transport's buffer).
    PassOnAs(Vec<u8>),
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
    pub(super) fn take_safely(&self, request: Request) -> Taken {
        let method = request.method().to_string();
        let take = std::panic::AssertUnwindSafe(|| self.take(request));
        std::panic::catch_unwind(take).unwrap_or_else(|_| {
            tracing::error!("{method} failed where it was read; passed on");
            Taken::PassOn
        })
    }

    /// Takes a request or notification as the reader reads it.
    fn take(&self, request: Request) -> Taken {
        let pass_on = |answered: bool| match answered {
            true => Taken::Answered,
            false => Taken::PassOn,
        };
        match request.method() {
            // (with an id, not a notification: the transport answers it)
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
                if request.id().is_none() =>
            {
                self.apply(request).map_or(Taken::PassOn, Taken::PassOnAs)
            }
            "workspace/didChangeConfiguration" => {
                let p = request
                    .params()
                    .map(DidChangeConfigurationParams::deserialize);
                if let (Some(b), Some(Ok(p))) = (&self.backend, p) {
                    b.apply_settings(&p);
                }
                Taken::PassOn
            }
            // counted first: whatever its name, a notification the pool
            // counts down must be counted up
            _ if settles_later(&request) => {
                self.unsettled.fetch_add(1, Ordering::AcqRel);
                Taken::PassOn
            }
            "shutdown" => {
                self.shut_down.store(true, Ordering::Release);
                Taken::PassOn
            }
            _ => pass_on(self.answer(&request)),
        }
    }

    /// Applies an edit to the document store (the handler that follows in
    /// the transport schedules the diagnostics) and returns what passes on
    /// in its place: the same notification with no text. `None` when it
    /// passes on as it came: a didClose, which carries no text, or
    /// parameters that do not read (for the transport to say so).
    fn apply(&self, request: Request) -> Option<Vec<u8>> {
        let (method, _, params) = request.into_parts();
        let params = params.unwrap_or_default();
        let lighter = match &*method {
            "textDocument/didOpen" => {
                let p = serde_json::from_value::<DidOpenTextDocumentParams>(params).ok()?;
                self.state.did_open(&p);
                serde_json::to_value(opened_without_text(p))
            }
            "textDocument/didChange" => {
                let p = serde_json::from_value::<DidChangeTextDocumentParams>(params).ok()?;
                if !self.state.did_change(&p) {
                    tracing::warn!(
                        "change to a document that is not open: {}",
                        p.text_document.uri.as_str()
                    );
                }
                serde_json::to_value(changed_without_text(p))
            }
            _ => {
                let p = serde_json::from_value::<DidCloseTextDocumentParams>(params).ok()?;
                self.state.did_close(&p);
                if let Some(b) = &self.backend {
                    b.costs().forget(p.text_document.uri.as_str());
                }
                return None;
            }
        };
        notification(method.into_owned(), lighter.ok()?)
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
        let id = serde_json::to_string(id).unwrap_or_else(|_| "null".into());
        let method = request.method();
        if self.outbox.answer_here(&id, &result) {
            tracing::debug!("answered where it was read, and written there: {method}");
        } else {
            tracing::debug!("answered where it was read, written by the output thread: {method}");
            self.outbox.send_result(id, result);
        }
        true
    }
}

/// A didOpen as its handler in the pool needs it: the text is applied.
fn opened_without_text(p: DidOpenTextDocumentParams) -> DidOpenTextDocumentParams {
    let doc = p.text_document;
    DidOpenTextDocumentParams {
        text_document: TextDocumentItem::new(doc.uri, doc.language_id, doc.version, String::new()),
    }
}

/// A didChange as its handler in the pool needs it: the changes are applied.
fn changed_without_text(p: DidChangeTextDocumentParams) -> DidChangeTextDocumentParams {
    DidChangeTextDocumentParams {
        text_document: p.text_document,
        content_changes: Vec::new(),
    }
}

/// A notification's JSON-RPC message.
fn notification(method: String, params: Value) -> Option<Vec<u8>> {
    serde_json::to_vec(&Request::build(method).params(params).finish()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What passes on in an edit's place reads as the same notification,
    /// about the same document, with nothing of the text.
    #[test]
    fn an_edit_passes_on_without_its_text() {
        let uri: Uri = "file:///d/draft.md".parse().unwrap();
        let text = "Article 1\n".repeat(1000);
        let open = DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(uri.clone(), "treaty".into(), 7, text.clone()),
        };
        let light = serde_json::to_value(opened_without_text(open)).unwrap();
        let bytes = notification("textDocument/didOpen".into(), light).unwrap();
        assert!(bytes.len() < 200, "{}", String::from_utf8_lossy(&bytes));
        let (method, id, params) = serde_json::from_slice::<Request>(&bytes)
            .unwrap()
            .into_parts();
        assert_eq!((&*method, id), ("textDocument/didOpen", None));
        let back: DidOpenTextDocumentParams = serde_json::from_value(params.unwrap()).unwrap();
        assert_eq!(back.text_document.uri, uri);
        assert_eq!(back.text_document.version, 7);
        assert_eq!(back.text_document.language_id, "treaty");

        let change = DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri.clone(), 8),
            content_changes: vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text,
            }],
        };
        let light = serde_json::to_value(changed_without_text(change)).unwrap();
        let bytes = notification("textDocument/didChange".into(), light).unwrap();
        let (method, _, params) = serde_json::from_slice::<Request>(&bytes)
            .unwrap()
            .into_parts();
        assert_eq!(&*method, "textDocument/didChange");
        let back: DidChangeTextDocumentParams = serde_json::from_value(params.unwrap()).unwrap();
        assert_eq!(back.text_document.uri, uri);
        assert_eq!(back.text_document.version, 8);
        assert!(back.content_changes.is_empty());
    }
}
