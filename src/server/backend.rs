//! The LSP handlers. Each takes a snapshot, asks the analysis facade, and
//! converts the answer (`convert`); none fails on bad input: an unknown
//! document or an out-of-range position gives an empty answer or a
//! clamped position. Publishing, indexing and commands are `impl Backend`
//! blocks of their own modules.

use super::answers::Costs;
use super::capabilities::{self, ClientCaps};
use super::commands::request_failed;
use super::convert::Conv;
use super::outlines::{OutlineForm, Outlines};
use super::position::Encoding;
use super::publish::Ledger;
use super::settings::Settings;
use super::state::{Snapshot, State};
use crate::analysis::{DocId, FilePosition};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub struct Inner {
    client: Client,
    state: Arc<State>,
    caps: RwLock<ClientCaps>,
    roots: RwLock<Vec<PathBuf>>,
    settings: Settings,
    ledger: Ledger,
    /// Between `initialize` and `shutdown`: requests may be answered.
    ready: AtomicBool,
    /// The outlines answered, as JSON, per parse and form: the same
    /// request on an unchanged file is a copy of bytes.
    outlines: Outlines,
    /// How long each snapshot-only request last took, per document.
    costs: Costs,
    /// Settings changed what the editor shows: the configuration handler
    /// publishes again.
    refresh_pending: AtomicBool,
}

#[derive(Clone)]
pub struct Backend(Arc<Inner>);

impl Backend {
    pub fn new(client: Client, state: Arc<State>) -> Backend {
        Backend(Arc::new(Inner {
            client,
            state,
            caps: RwLock::new(ClientCaps::default()),
            roots: RwLock::new(Vec::new()),
            settings: Settings::default(),
            ledger: Ledger::default(),
            ready: AtomicBool::new(false),
            outlines: Outlines::default(),
            costs: Costs::default(),
            refresh_pending: AtomicBool::new(false),
        }))
    }

    pub fn client(&self) -> &Client {
        &self.0.client
    }

    pub fn state(&self) -> &State {
        &self.0.state
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    pub(super) fn costs(&self) -> &Costs {
        &self.0.costs
    }

    pub fn ledger(&self) -> &Ledger {
        &self.0.ledger
    }

    pub fn caps(&self) -> ClientCaps {
        self.0
            .caps
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        self.0
            .roots
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn enc(&self) -> Encoding {
        self.0.state.encoding()
    }

    pub fn snapshot(&self) -> Snapshot {
        self.0.state.snapshot()
    }

    /// Runs `f` with the converter for `snap` and this client (the
    /// capabilities are read, not copied: they change only at `initialize`).
    pub fn conv<R>(&self, snap: &Snapshot, f: impl FnOnce(&Conv) -> R) -> R {
        let caps = self.0.caps.read().unwrap_or_else(|e| e.into_inner());
        f(&Conv {
            snap,
            enc: self.enc(),
            caps: &caps,
        })
    }

    /// A snapshot for a request about `uri` (every file current for
    /// `None`; see `state`): at once when nothing it needs is left to
    /// parse, else made on a blocking thread, so that the loop that reads
    /// and answers messages never waits for a parse.
    pub(super) async fn snapshot_of(&self, only: Option<&str>) -> Snapshot {
        if let Some(snap) = self.0.state.snapshot_now(only) {
            return snap;
        }
        let (state, uri) = (self.0.state.clone(), only.map(str::to_string));
        let make = move || state.snapshot_of(uri.as_deref());
        match tokio::task::spawn_blocking(make).await {
            Ok(snap) => snap,
            // no blocking thread to be had (the runtime shutting down)
            Err(_) => self.0.state.snapshot_of(only),
        }
    }

    /// A snapshot and the document a request is about, if it is known:
    /// that document as of now, a long draft it does not need as last
    /// parsed (see `state`).
    async fn doc(&self, doc: &TextDocumentIdentifier) -> Option<(Snapshot, DocId)> {
        let snap = self.snapshot_of(Some(doc.uri.as_str())).await;
        let id = self.doc_in(&snap, doc)?;
        Some((snap, id))
    }

    /// A snapshot and the place a request is about, if the document is
    /// known; `everywhere`: every file current, for an answer that edits
    /// files (a rename, a quick fix), whose offsets must be the texts'.
    async fn at(
        &self,
        doc: &TextDocumentIdentifier,
        at: Position,
        everywhere: bool,
    ) -> Option<(Snapshot, FilePosition)> {
        let only = (!everywhere).then_some(doc.uri.as_str());
        let snap = self.snapshot_of(only).await;
        let pos = self.at_in(&snap, doc, at)?;
        Some((snap, pos))
    }

    /// Applies new settings (`workspace/didChangeConfiguration`) as the
    /// message is read, before any later request is answered, by the
    /// reader or the pool; the handler then shows what they change.
    pub(super) fn apply_settings(&self, p: &DidChangeConfigurationParams) {
        if self.settings().apply(&p.settings, self.state()) {
            self.0.refresh_pending.store(true, Ordering::Release);
        }
    }

    /// Whether requests are answered now (after `initialize`, before
    /// `shutdown`); before and after, the transport's router answers.
    pub fn ready(&self) -> bool {
        self.0.ready.load(Ordering::Acquire)
    }

    /// What an outline answered now depends on besides the file.
    fn outline_form(&self, snap: &Snapshot) -> OutlineForm {
        let caps = self.0.caps.read().unwrap_or_else(|e| e.into_inner());
        OutlineForm {
            generation: snap.generation,
            depth: self.settings().outline_depth(),
            encoding: self.enc(),
            hierarchical: caps.hierarchical_symbols,
            symbol_kinds: caps.symbol_kinds.clone(),
        }
    }

    /// The outline of `id` as JSON text, if it was made for this version
    /// of the file, this depth, encoding and client's form.
    fn cached_outline(&self, snap: &Snapshot, id: DocId) -> Option<Arc<str>> {
        self.0
            .outlines
            .get(&snap.ws.files[id.0], &self.outline_form(snap))
    }

    /// The outline as JSON text now, if it is cached for the document as
    /// it is now (see `direct`); else `None`.
    pub(super) fn document_symbol_cached(&self, p: &DocumentSymbolParams) -> Option<Arc<str>> {
        let uri = p.text_document.uri.as_str();
        let snap = self.0.state.snapshot_now(Some(uri))?;
        let id = snap.ws.find(uri)?;
        self.cached_outline(&snap, id)
    }

    /// The result of `textDocument/documentSymbol` as JSON text, made once
    /// per version of a file (and encoding and form) and then copied: the
    /// outline of a long treaty is thousands of nested symbols, and turning
    /// them into a `serde_json::Value` tree (as the transport does with a
    /// handler's answer), writing and freeing it cost ten times more than
    /// writing them straight to text.
    pub fn document_symbol_json(&self, p: &DocumentSymbolParams) -> Arc<str> {
        // on a worker of its own (see `Sequenced`): it may wait here
        let uri = p.text_document.uri.as_str();
        let snap = self.0.state.snapshot_for(uri);
        let Some(id) = snap.ws.find(uri) else {
            return Arc::from("null");
        };
        if let Some(json) = self.cached_outline(&snap, id) {
            return json;
        }
        let form = self.outline_form(&snap);
        let symbols = snap.ws.outline_to(id, form.depth);
        let response = self.conv(&snap, |c| c.outline(id, &symbols));
        let json: Arc<str> = serde_json::to_string(&response)
            .unwrap_or_else(|_| "null".into())
            .into();
        self.0
            .outlines
            .put(&snap.ws.files[id.0], form, json.clone());
        json
    }
}

/// The folders to index: the workspace folders, else the root.
fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    #[allow(deprecated)]
    if roots.is_empty() {
        if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
            roots.push(p.into_owned());
        }
    }
    roots
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = ClientCaps::new(&params.capabilities);
        let enc = capabilities::encoding(&params.capabilities);
        let capabilities = capabilities::server_capabilities(enc, &caps);
        *self.0.caps.write().unwrap_or_else(|e| e.into_inner()) = caps;
        self.0.state.set_encoding(enc);
        if let Some(options) = &params.initialization_options {
            self.0.settings.apply(options, &self.0.state);
        }
        *self.0.roots.write().unwrap_or_else(|e| e.into_inner()) = workspace_roots(&params);
        self.0.ready.store(true, Ordering::Release);
        Ok(InitializeResult {
            offset_encoding: None,
            server_info: Some(ServerInfo {
                name: "treaty-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.caps().watch_registration {
            let registration = capabilities::watch_registration();
            if let Err(e) = self.client().register_capability(vec![registration]).await {
                tracing::warn!("file watching not registered: {}", e.message);
            }
        }
        let this = self.clone();
        tokio::spawn(async move { this.index_workspace().await });
    }

    async fn shutdown(&self) -> Result<()> {
        self.0.ready.store(false, Ordering::Release);
        Ok(())
    }

    // The document store is updated by the reader (`direct`), in arrival order;
    // these handlers only schedule the diagnostics.
    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let uri = p.text_document.uri.as_str();
        if self.state().open.contains_key(uri) {
            self.schedule_diagnostics(uri.to_string());
        }
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri.as_str();
        if self.state().open.contains_key(uri) {
            self.schedule_diagnostics(uri.to_string());
        }
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        let uri = p.text_document.uri.as_str().to_string();
        // a workspace file keeps its diagnostics from disk; others are cleared
        if self.state().disk.contains_key(&uri) {
            return self.publish(&uri).await;
        }
        self.clear(p.text_document.uri).await;
        // references into it from other drafts no longer resolve
        self.outline_changed(&uri, None);
        self.publish_citing(&self.snapshot_of(None).await, &[uri])
            .await;
    }

    async fn did_change_watched_files(&self, p: DidChangeWatchedFilesParams) {
        self.reread_watched(p.changes).await;
    }

    async fn did_change_configuration(&self, _: DidChangeConfigurationParams) {
        // the settings were applied where the message was read
        // (`apply_settings`); what they change shows again: hints, lenses
        if self.0.refresh_pending.swap(false, Ordering::AcqRel) {
            self.refresh_open().await;
        }
    }

    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        self.run_command(p).await
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        Ok(self.answer(&p).await)
    }

    async fn goto_definition(
        &self,
        p: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        Ok(self.answer(&p).await)
    }

    async fn references(&self, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(self.answer(&p).await)
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        // normally answered by `document_symbol_json` (see `server::Sequenced`)
        let Some((snap, id)) = self.doc(&p.text_document).await else {
            return Ok(None);
        };
        let symbols = snap.ws.outline_to(id, self.settings().outline_depth());
        Ok(Some(self.conv(&snap, |c| c.outline(id, &symbols))))
    }

    async fn symbol(&self, p: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let snap = self.snapshot_of(None).await;
        let found = snap.ws.workspace_symbols(&p.query, 200);
        Ok(Some(self.conv(&snap, |c| c.workspace_symbols(&found))))
    }

    async fn folding_range(&self, p: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(self.answer(&p).await)
    }

    async fn selection_range(
        &self,
        p: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        Ok(self.answer(&p).await)
    }

    async fn semantic_tokens_full(
        &self,
        p: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(self.answer(&p).await)
    }

    async fn semantic_tokens_range(
        &self,
        p: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        Ok(self.answer(&p).await)
    }

    async fn document_link(&self, p: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let Some((snap, id)) = self.doc(&p.text_document).await else {
            return Ok(Some(vec![]));
        };
        let links = snap.ws.document_links(id);
        Ok(Some(self.conv(&snap, |c| c.links(id, links))))
    }

    async fn completion(&self, p: CompletionParams) -> Result<Option<CompletionResponse>> {
        let tdp = &p.text_document_position;
        let Some((snap, pos)) = self.at(&tdp.text_document, tdp.position, false).await else {
            return Ok(None);
        };
        let items = snap.ws.completions(pos);
        Ok(Some(self.conv(&snap, |c| c.completions(pos.doc, items))))
    }

    async fn prepare_rename(
        &self,
        p: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some((snap, pos)) = self.at(&p.text_document, p.position, false).await else {
            return Ok(None);
        };
        let r = snap.ws.prepare_rename(pos).map_err(request_failed)?;
        Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: self.conv(&snap, |c| c.range(pos.doc, &r.span)),
            placeholder: r.placeholder,
        }))
    }

    async fn rename(&self, p: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let tdp = &p.text_document_position;
        let Some((snap, pos)) = self.at(&tdp.text_document, tdp.position, true).await else {
            return Ok(None);
        };
        let change = snap.ws.rename(pos, &p.new_name).map_err(request_failed)?;
        Ok(Some(self.conv(&snap, |c| c.workspace_edit(&change))))
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(self.answer(&p).await)
    }

    async fn code_lens(&self, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        Ok(self.answer(&p).await)
    }
}
