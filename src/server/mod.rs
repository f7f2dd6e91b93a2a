//! The language server: thin glue between LSP and [`crate::analysis`].
//!
//! - `state`: open documents (ropes), files read from disk, and the
//!   analysis snapshot built from them;
//! - `position`: positions in the negotiated encoding;
//! - `convert`: analysis results to LSP types;
//! - `scan`: finding the drafts of a workspace and `treaty.toml`;
//! - `backend`: the request and notification handlers.

mod backend;
mod convert;
pub mod position;
pub mod scan;
pub mod state;

use state::State;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};
use tower::Service;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentSymbolParams,
};
use tower_lsp_server::{LspService, Server};

/// Serves LSP on stdin/stdout until the client says `exit`.
pub fn run_stdio() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
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
        let service = Sequenced {
            inner: service,
            state,
            backend: backend.get().cloned(),
            outbox: outbox.clone(),
            shut_down: false,
        };
        Server::new(checked_stdin(), outbox, socket)
            .serve(service)
            .await;
        // everything written goes out before the process ends
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), output).await;
    });
    // the stdin reader may still be blocked in a read: do not wait for it
    runtime.shutdown_background();
    Ok(())
}

/// Standard input with malformed messages taken out.
///
/// The transport stops reading for good after a message that is not JSON
/// (its framed reader ends on the first decoding error), so one bad message
/// from a client would leave the server deaf. Here each message is framed
/// and checked first; a bad one is logged and dropped, the rest pass on.
fn checked_stdin() -> tokio::io::DuplexStream {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    let (mut tx, rx) = tokio::io::duplex(1 << 20);
    tokio::spawn(async move {
        let mut input = BufReader::new(tokio::io::stdin());
        loop {
            // headers up to a blank line
            let mut length: Option<usize> = None;
            let mut line = String::new();
            loop {
                line.clear();
                match input.read_line(&mut line).await {
                    Ok(0) | Err(_) => return, // end of input: the server sees EOF
                    Ok(_) => {}
                }
                let l = line.trim_end();
                if l.is_empty() {
                    if length.is_some() {
                        break;
                    }
                    continue;
                }
                if let Some((name, value)) = l.split_once(':') {
                    if name.trim().eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().ok();
                    }
                }
            }
            let Some(length) = length.filter(|&n| n <= 256 << 20) else {
                continue;
            };
            let mut body = vec![0; length];
            if input.read_exact(&mut body).await.is_err() {
                return;
            }
            if serde_json::from_slice::<serde_json::Value>(&body).is_err() {
                tracing::error!("dropped a message that is not JSON ({} bytes)", length);
                continue;
            }
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if tx.write_all(header.as_bytes()).await.is_err() || tx.write_all(&body).await.is_err()
            {
                return;
            }
        }
    });
    rx
}

/// Standard output, shared by the transport and the answers written
/// straight as text (`Sequenced`). Every write is queued whole and a task
/// writes the queue in order: the transport writes whole frames at a time,
/// so frames from the two never interleave.
#[derive(Clone)]
struct Outbox {
    tx: UnboundedSender<Vec<u8>>,
}

/// When stdout is a pipe (it is, to an editor), makes its buffer hold a
/// whole outline (1 MB, Linux's limit for anyone) instead of 64 KB: a large
/// answer is then written at once rather than in turns with the client's
/// reads. Not a pipe, or another system: nothing changes.
fn widen_stdout_pipe() {
    #[cfg(target_os = "linux")]
    // SAFETY: fcntl on fd 1 with F_SETPIPE_SZ takes an int and touches no
    // memory of ours; on anything but a pipe it fails, and that is ignored
    unsafe {
        libc::fcntl(1, libc::F_SETPIPE_SZ, 1 << 20);
    }
}

impl Outbox {
    /// The outbox, and the task that ends when every sender is gone and all
    /// is written. The writing is a thread of its own, with blocking writes
    /// to stdout: tokio's stdout would copy each message into its buffer
    /// and hop to a blocking thread for every write, which for a 500 KB
    /// outline cost milliseconds.
    fn new() -> (Outbox, tokio::task::JoinHandle<()>) {
        use std::io::Write;
        let (tx, mut rx) = unbounded_channel::<Vec<u8>>();
        let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            widen_stdout_pipe();
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            while let Some(buf) = rx.blocking_recv() {
                if out.write_all(&buf).is_err() {
                    break;
                }
                // more queued: write it before flushing
                if rx.is_empty() && out.flush().is_err() {
                    break;
                }
            }
            let _ = out.flush();
            let _ = done_tx.send(());
        });
        let task = tokio::spawn(async move {
            let _ = done_rx.await;
        });
        (Outbox { tx }, task)
    }

    /// Sends one JSON-RPC message framed with its `Content-Length`.
    fn send_frame(&self, body: &[u8]) {
        let mut buf = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        buf.extend_from_slice(body);
        let _ = self.tx.send(buf);
    }
}

impl tokio::io::AsyncWrite for Outbox {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        // all of it, always: a frame is never split
        match self.tx.send(buf.to_vec()) {
            Ok(()) => Poll::Ready(Ok(buf.len())),
            Err(_) => Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into())),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
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
    shut_down: bool,
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
            "shutdown" => self.shut_down = true,
            "textDocument/documentSymbol" => {
                let backend = self
                    .backend
                    .as_ref()
                    .filter(|b| b.ready() && !self.shut_down);
                let p = serde_json::from_value::<DocumentSymbolParams>(params());
                if let (Some(backend), Some(id), Ok(p)) = (backend, req.id(), p) {
                    let (backend, outbox) = (backend.clone(), self.outbox.clone());
                    let id = serde_json::to_string(id).unwrap_or_else(|_| "null".into());
                    tokio::spawn(async move {
                        let result = backend.document_symbol_json(&p);
                        // as the transport writes a response: jsonrpc, result, id
                        let mut body = String::with_capacity(result.len() + id.len() + 40);
                        body.push_str(r#"{"jsonrpc":"2.0","result":"#);
                        body.push_str(&result);
                        body.push_str(r#","id":"#);
                        body.push_str(&id);
                        body.push('}');
                        outbox.send_frame(body.as_bytes());
                    });
                    return Box::pin(std::future::ready(Ok(None)));
                }
            }
            _ => {}
        }
        Box::pin(self.inner.call(req))
    }
}
