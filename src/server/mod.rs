//! The language server: thin glue between LSP and [`crate::analysis`].
//!
//! - this module: the stdio loop, and `Sequenced`, which applies edits in
//!   arrival order;
//! - `transport`: framed messages in (checked) and out (a writer thread);
//! - `state`: open documents (ropes), files read from disk, and the
//!   analysis snapshot built from them;
//! - `position`: positions in the negotiated encoding;
//! - `capabilities`: what the client supports, what the server offers;
//! - `backend`: the request and notification handlers (a few lines each:
//!   snapshot, query, convert);
//! - `convert`: analysis results to LSP types;
//! - `publish`: diagnostics, debounced, in order, with their dependents;
//! - `index`: the workspace's files read from disk (via `project`);
//! - `commands`: `workspace/executeCommand`;
//! - `settings`: what the client configures.

mod backend;
mod capabilities;
mod commands;
mod convert;
mod index;
pub mod position;
mod publish;
mod settings;
pub mod state;
mod transport;

use state::State;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use tower::Service;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentSymbolParams,
};
use tower_lsp_server::{LspService, Server};
use transport::{checked_stdin, Outbox};

/// Serves LSP on stdin/stdout until `exit` or the end of input. `Ok(true)`
/// when the client asked for `shutdown` first (the exit status is then 0;
/// otherwise 1, as the specification says).
pub fn run_stdio() -> anyhow::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let shut_down = Arc::new(std::sync::atomic::AtomicBool::new(false));
    runtime.block_on(async {
        let state = Arc::new(State::default());
        let backend = Arc::new(OnceLock::new());
        let (service, socket) = LspService::build({
            let state = state.clone();
            let backend = backend.clone();
            move |client| {
                let b = backend::Backend::new(client, state);
                let _ = backend.set(b.clone());
                b
            }
        })
        .finish();
        let (outbox, output) = Outbox::new();
        let input = checked_stdin(outbox.clone());
        let service = Sequenced {
            inner: service,
            state,
            backend: backend.get().cloned(),
            outbox: outbox.clone(),
            shut_down: shut_down.clone(),
        };
        Server::new(input, outbox.clone(), socket)
            .serve(service)
            .await;
        outbox.end();
        // everything written goes out before the process ends
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), output).await;
    });
    // the stdin reader may still be blocked in a read: do not wait for it
    runtime.shutdown_background();
    Ok(shut_down.load(std::sync::atomic::Ordering::Acquire))
}

/// Applies document edits in the order messages arrive.
///
/// The transport calls `call` once per incoming message, in order, and then
/// runs the returned futures concurrently. Changing a document inside
/// `call` (not in the handler's future) means every later request sees the
/// change, whatever order the futures run in.
///
/// It also answers `textDocument/documentSymbol` itself, as JSON text
/// written straight to the output (`Backend::document_symbol_json`): the
/// transport would turn the answer into a `serde_json::Value` tree first,
/// which for a treaty's outline costs far more than the outline.
struct Sequenced<S> {
    inner: S,
    state: Arc<State>,
    backend: Option<backend::Backend>,
    outbox: Outbox,
    /// `shutdown` was received: from then on the router answers.
    shut_down: Arc<std::sync::atomic::AtomicBool>,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S> Service<Request> for Sequenced<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let params = || req.params().cloned().unwrap_or_default();
        match req.method() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params()) {
                    self.state.did_open(&p);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params()) {
                    if !self.state.did_change(&p) {
                        tracing::warn!(
                            "change to a document that is not open: {}",
                            p.text_document.uri.as_str()
                        );
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params()) {
                    self.state.did_close(&p);
                }
            }
            "shutdown" => self
                .shut_down
                .store(true, std::sync::atomic::Ordering::Release),
            "textDocument/documentSymbol" => {
                let backend = self.backend.as_ref().filter(|b| {
                    b.ready() && !self.shut_down.load(std::sync::atomic::Ordering::Acquire)
                });
                let p = serde_json::from_value::<DocumentSymbolParams>(params());
                if let (Some(backend), Some(id), Ok(p)) = (backend, req.id(), p) {
                    let (backend, outbox) = (backend.clone(), self.outbox.clone());
                    let id = serde_json::to_string(id).unwrap_or_else(|_| "null".into());
                    tokio::spawn(async move {
                        outbox.send_result(id, backend.document_symbol_json(&p));
                    });
                    return Box::pin(std::future::ready(Ok(None)));
                }
            }
            _ => {}
        }
        Box::pin(self.inner.call(req))
    }
}
