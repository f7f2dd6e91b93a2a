//! The language server: thin glue between LSP and [`crate::analysis`].
//!
//! - this module: the stdio loop, and `Sequenced`, which answers outlines
//!   from the pool as JSON text;
//! - `transport`: framed messages in (checked) and out (a writer thread);
//! - `direct`: on the thread that reads messages, edits applied in arrival
//!   order and quick requests answered (`answers`: what each
//!   snapshot-only request answers, wherever it runs);
//! - `state`: open documents (ropes), files read from disk, and the
//!   analysis snapshot built from them;
//! - `position`: positions in the negotiated encoding;
//! - `capabilities`: what the client supports, what the server offers;
//! - `backend`: the request and notification handlers (a few lines each:
//!   snapshot, query, convert);
//! - `convert`: analysis results to LSP types;
//! - `publish`: diagnostics, debounced, in order, with their dependents;
//! - `index`: the workspace's files read from disk (via `project`);
//! - `outlines`: the outlines answered, as JSON, least recently used
//!   dropped first within a budget;
//! - `commands`: `workspace/executeCommand`;
//! - `settings`: what the client configures.

mod answers;
mod backend;
mod capabilities;
mod commands;
mod convert;
mod direct;
mod index;
mod outlines;
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
use tower_lsp_server::ls_types::DocumentSymbolParams;
use tower_lsp_server::{LspService, Server};
use transport::{checked_stdin, Outbox};

/// Serves LSP on stdin/stdout until `exit` or the end of input. `Ok(true)`
/// when the client asked for `shutdown` first (the exit status is then 0;
/// otherwise 1, as the specification says).
pub fn run_stdio() -> anyhow::Result<bool> {
    tune_allocator();
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
        let unsettled = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let direct = direct::Direct {
            state,
            backend: backend.get().cloned(),
            shut_down: shut_down.clone(),
            unsettled: unsettled.clone(),
            outbox: outbox.clone(),
        };
        let input = checked_stdin(outbox.clone(), direct);
        let service = Sequenced {
            inner: service,
            backend: backend.get().cloned(),
            outbox: outbox.clone(),
            shut_down: shut_down.clone(),
            unsettled,
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

/// Sets glibc's allocator for a server that parses on several threads:
/// one arena, not one per thread (memory freed in one thread's arena is
/// not reused by another's: with two, editing UNCLOS peaked 1 MB higher,
/// and parsing on two threads was no faster), and blocks of 4 MB and more
/// (a long draft's text and lists) mapped apart, so that they go back to
/// the system when freed (glibc's own threshold climbs to 32 MB, and a
/// 105 MB draft being edited then peaked at 10.1x its text instead of
/// 8.4x). Smaller blocks stay in the heap: mapping a treaty's (256 KB and
/// up) apart cost a millisecond per keystroke in page faults. Editing
/// UNCLOS peaked at 29 MB without this, 24 MB with it (`cargo bench
/// --bench memory`). A user's `MALLOC_ARENA_MAX` or
/// `MALLOC_MMAP_THRESHOLD_` wins.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    for (variable, parameter, value) in [
        ("MALLOC_ARENA_MAX", libc::M_ARENA_MAX, 1),
        ("MALLOC_MMAP_THRESHOLD_", libc::M_MMAP_THRESHOLD, 4 << 20),
    ] {
        if std::env::var_os(variable).is_none() {
            // SAFETY: mallopt takes two ints and only sets an allocator
            // parameter; called before the runtime's threads start
            unsafe {
                libc::mallopt(parameter, value);
            }
        }
    }
}

/// Answers `textDocument/documentSymbol` from the pool as JSON text
/// written straight to the output (`Backend::document_symbol_json`): the
/// transport would turn the answer into a `serde_json::Value` tree first,
/// which for a treaty's outline costs far more than the outline. (Edits
/// are applied, and quick requests answered, before the transport sees
/// them: `direct`.)
struct Sequenced<S> {
    inner: S,
    backend: Option<backend::Backend>,
    outbox: Outbox,
    /// `shutdown` was received: from then on the router answers.
    shut_down: Arc<std::sync::atomic::AtomicBool>,
    /// Counts down as the handlers of notifications that settle later
    /// finish (`direct::settles_later`; the reader counted them up).
    unsettled: Arc<std::sync::atomic::AtomicUsize>,
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
        if req.method() == "textDocument/documentSymbol" {
            let backend = self.backend.as_ref().filter(|b| {
                b.ready() && !self.shut_down.load(std::sync::atomic::Ordering::Acquire)
            });
            let params = req.params().cloned().unwrap_or_default();
            let p = serde_json::from_value::<DocumentSymbolParams>(params);
            if let (Some(backend), Some(id), Ok(p)) = (backend, req.id(), p) {
                let (backend, outbox) = (backend.clone(), self.outbox.clone());
                let id = serde_json::to_string(id).unwrap_or_else(|_| "null".into());
                tokio::spawn(async move {
                    outbox.send_result(id, backend.document_symbol_json(&p));
                });
                return Box::pin(std::future::ready(Ok(None)));
            }
        }
        if direct::settles_later(&req) {
            let (handled, unsettled) = (self.inner.call(req), self.unsettled.clone());
            return Box::pin(async move {
                let done = handled.await;
                unsettled.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
                done
            });
        }
        Box::pin(self.inner.call(req))
    }
}
