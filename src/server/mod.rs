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
use std::sync::Arc;
use std::task::{Context, Poll};
use tower::Service;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
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
        let (service, socket) = LspService::build({
            let state = state.clone();
            move |client| backend::Backend::new(client, state)
        })
        .finish();
        let service = Sequenced {
            inner: service,
            state,
        };
        Server::new(checked_stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
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

/// Applies document edits in the order messages arrive.
///
/// The transport calls `call` once per incoming message, in order, and then
/// runs the returned futures concurrently. Changing a document inside
/// `call` (not in the handler's future) means every later request sees the
/// change, whatever order the futures run in.
struct Sequenced<S> {
    inner: S,
    state: Arc<State>,
}

impl<S> Service<Request> for Sequenced<S>
where
    S: Service<Request, Response = Option<Response>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

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
            _ => {}
        }
        self.inner.call(req)
    }
}
