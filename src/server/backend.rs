//! The LSP handlers. Each request takes a snapshot, asks the analysis
//! layer, and converts the answer; none of them fails on bad input: an
//! unknown document or an out-of-range position gives an empty answer or a
//! clamped position.

use super::convert::{self, line_map, location, uri};
use super::position::Encoding;
use super::state::{Snapshot, State};
use crate::analysis::folding::FoldKind;
use crate::analysis::{DocId, FilePosition};
use crate::project::discover as scan;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

#[derive(Default, Clone)]
struct ClientCaps {
    hierarchical_symbols: bool,
    definition_links: bool,
    markdown_hover: bool,
    document_changes: bool,
    watch_registration: bool,
    work_done_progress: bool,
    related_information: bool,
    /// Code actions may be sent disabled, with a reason.
    disabled_actions: bool,
    /// The client can be asked to ask for code lenses again.
    code_lens_refresh: bool,
    /// The client takes `CodeAction` literals (else only `Command`s).
    code_action_literals: bool,
    /// The client calls `prepareRename` (else `renameProvider` is `true`).
    prepare_rename: bool,
    /// The client shows a document link's tooltip.
    link_tooltips: bool,
    /// The symbol kinds the client knows (none said: File to Array).
    symbol_kinds: Option<Vec<SymbolKind>>,
    workspace_symbol_kinds: Option<Vec<SymbolKind>>,
}

/// The commands the server runs (`workspace/executeCommand`).
const LIST_STAKEHOLDERS: &str = "treaty-lsp.listStakeholders";
const APPLY_STAKEHOLDER_AMENDMENTS: &str = "treaty-lsp.applyStakeholderAmendments";
/// A quick fix as a command, for clients without code action literals:
/// the server sends the edit back with `workspace/applyEdit`.
const APPLY_EDIT: &str = "treaty-lsp.applyEdit";
/// A quick fix that cannot apply, as a command: running it says why.
const CANNOT_APPLY: &str = "treaty-lsp.cannotApply";

pub struct Inner {
    client: Client,
    state: Arc<State>,
    caps: RwLock<ClientCaps>,
    roots: RwLock<Vec<std::path::PathBuf>>,
    /// What was last published per document.
    published: tokio::sync::Mutex<HashMap<String, Published>>,
    /// The outline fingerprint of each file when its diagnostics were last
    /// published (see `Backend::publish`).
    outlines: std::sync::Mutex<HashMap<String, u64>>,
    delay_ms: AtomicU64,
    /// Hints on the elements stakeholders take positions on.
    contested_hints: AtomicBool,
    /// Code lenses above articles with positions.
    code_lens: AtomicBool,
    /// Between `initialize` and `shutdown`: requests may be answered.
    ready: AtomicBool,
    /// The last outline answered, as JSON, with the file it was made from
    /// (held, so its address cannot be reused), the encoding and the form:
    /// the same request on an unchanged file is a copy of bytes.
    symbols: std::sync::Mutex<Option<SymbolsCache>>,
}

struct SymbolsCache {
    file: Arc<crate::analysis::SourceFile>,
    encoding: Encoding,
    hierarchical: bool,
    symbol_kinds: Option<Vec<SymbolKind>>,
    json: Arc<str>,
}

/// Diagnostics last published for a document.
struct Published {
    version: Option<i32>,
    /// Of the snapshot they were worked out from.
    generation: u64,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Clone)]
pub struct Backend(Arc<Inner>);

const DEFAULT_DIAGNOSTICS_DELAY_MS: u64 = 150;

impl Backend {
    pub fn new(client: Client, state: Arc<State>) -> Backend {
        Backend(Arc::new(Inner {
            client,
            state,
            caps: RwLock::new(ClientCaps::default()),
            roots: RwLock::new(Vec::new()),
            published: tokio::sync::Mutex::new(HashMap::new()),
            outlines: std::sync::Mutex::new(HashMap::new()),
            delay_ms: AtomicU64::new(DEFAULT_DIAGNOSTICS_DELAY_MS),
            contested_hints: AtomicBool::new(true),
            code_lens: AtomicBool::new(true),
            ready: AtomicBool::new(false),
            symbols: std::sync::Mutex::new(None),
        }))
    }

    fn caps(&self) -> ClientCaps {
        self.0
            .caps
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn enc(&self) -> Encoding {
        self.0.state.encoding()
    }

    fn snapshot(&self) -> Snapshot {
        self.0.state.snapshot()
    }

    /// The document and offset of a client position, if the document is known.
    fn locate(snap: &Snapshot, uri: &Uri, pos: Position, enc: Encoding) -> Option<FilePosition> {
        let doc = snap.ws.find(uri.as_str())?;
        let offset = line_map(snap.ws.file(doc), enc).offset(pos);
        Some(FilePosition { doc, offset })
    }

    /// Takes the settings the client sends as initialization options or in
    /// `workspace/didChangeConfiguration` (there under `treaty`, or bare);
    /// a key left out keeps its value. Returns whether any changed.
    fn apply_settings(&self, settings: &serde_json::Value) -> bool {
        let s = settings.get("treaty").unwrap_or(settings);
        let mut changed = false;
        if let Some(delay) = s.get("diagnosticsDelayMs").and_then(|v| v.as_u64()) {
            self.0.delay_ms.store(delay, Ordering::Relaxed);
        }
        for (key, flag) in [
            ("contestedDiagnostics", &self.0.contested_hints),
            ("codeLens", &self.0.code_lens),
        ] {
            if let Some(on) = s.get(key).and_then(|v| v.as_bool()) {
                changed |= flag.swap(on, Ordering::Relaxed) != on;
            }
        }
        if let Some(list) = s.get("stakeholders").and_then(|v| v.as_array()) {
            let names: Vec<String> = list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            self.0.state.set_stakeholder_filter(&names);
            changed = true;
        }
        changed
    }

    /// Publishes diagnostics after the debounce delay, unless the document
    /// changed again meanwhile (that change schedules its own).
    fn schedule_diagnostics(&self, uri: String) {
        let this = self.clone();
        let version = self.0.state.current_version(&uri);
        let delay = Duration::from_millis(self.0.delay_ms.load(Ordering::Relaxed));
        tokio::spawn(async move {
            // no delay, no timer: tokio rounds a timer up to its next
            // millisecond tick
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if this.0.state.current_version(&uri) != version {
                return;
            }
            this.publish(&uri).await;
        });
    }

    /// Publishes a document's diagnostics, then those of the documents
    /// that depend on it: a draft's positions files (their changes may
    /// have gone stale), a positions file's draft (what is contested), and,
    /// when its outline changed, the drafts citing other instruments.
    async fn publish(&self, uri: &str) {
        let snap = self.snapshot();
        self.publish_one(&snap, uri, false).await;
        let mut done = vec![uri.to_string()];
        let id = snap.ws.find(uri);
        if let Some(id) = id {
            for other in snap.ws.dependents(id) {
                let name = snap.ws.file(other).name.clone();
                self.publish_one(&snap, &name, false).await;
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
    fn outline_changed(&self, uri: &str, outline: Option<u64>) -> bool {
        let mut seen = self.0.outlines.lock().unwrap_or_else(|e| e.into_inner());
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
    async fn publish_citing(&self, snap: &Snapshot, done: &[String]) {
        for id in snap.ws.drafts_citing_instruments() {
            let name = &snap.ws.file(id).name;
            if !done.contains(name) {
                self.publish_one(snap, name, true).await;
            }
        }
    }

    /// Publishes a document's diagnostics; `if_changed`: only when they
    /// differ from those last published for it.
    async fn publish_one(&self, snap: &Snapshot, uri: &str, if_changed: bool) {
        let enc = self.enc();
        let Ok(lsp_uri) = Uri::from_str(uri) else {
            return;
        };
        let (diags, version) = match snap.ws.find(uri) {
            Some(id) => {
                let mut all = snap.ws.diagnostics(id);
                if snap.ws.file(id).is_draft() && self.0.contested_hints.load(Ordering::Relaxed) {
                    all.extend(snap.ws.contested_diagnostics(id));
                }
                let mut d: Vec<Diagnostic> = all
                    .iter()
                    .map(|d| convert::diagnostic(&snap.ws, id, d, enc))
                    .collect();
                if !self.caps().related_information {
                    d.iter_mut().for_each(|d| d.related_information = None);
                }
                (d, snap.versions.get(uri).copied())
            }
            None => (vec![], None),
        };
        // never publish for a version older than one already published, or
        // from an older workspace (another file's older text)
        let mut published = self.0.published.lock().await;
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
        published.insert(
            uri.to_string(),
            Published {
                version,
                generation: snap.generation,
                diagnostics: diags.clone(),
            },
        );
        self.0
            .client
            .publish_diagnostics(lsp_uri, diags, version)
            .await;
    }

    /// Reads the workspace folders' drafts and `treaty.toml`, reporting
    /// progress, then publishes their diagnostics.
    async fn index_workspace(&self) {
        let roots = self
            .0
            .roots
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let progress = if self.caps().work_done_progress {
            let token = NumberOrString::String("treaty-lsp/index".into());
            match self.0.client.create_work_done_progress(token.clone()).await {
                Ok(()) => Some(
                    self.0
                        .client
                        .progress(token, "Indexing treaty drafts")
                        .with_percentage(0)
                        .begin()
                        .await,
                ),
                Err(_) => None,
            }
        } else {
            None
        };
        let mut files: Vec<(std::path::PathBuf, crate::analysis::Role)> = Vec::new();
        let mut aliases = HashMap::new();
        for root in &roots {
            let (f, a, err) = scan::workspace_files(root);
            if let Some(e) = err {
                self.0.client.show_message(MessageType::WARNING, e).await;
            }
            files.extend(f);
            for (path, names) in a {
                if let Some(u) = Uri::from_file_path(&path) {
                    aliases.insert(u.as_str().to_string(), names);
                }
            }
        }
        self.0.state.set_aliases(aliases);
        let total = files.len().max(1);
        let mut uris = Vec::new();
        for (i, (path, role)) in files.iter().enumerate() {
            let Some(u) = Uri::from_file_path(path) else {
                continue;
            };
            self.0.state.set_role(u.as_str(), *role);
            match std::fs::read(path).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    self.0.state.set_disk(u.as_str(), Some(text.into()));
                    uris.push(u.as_str().to_string());
                }
                _ => tracing::warn!("cannot read {} as UTF-8 text", path.display()),
            }
            if let Some(p) = &progress {
                if i % 16 == 0 {
                    p.report_with_message(
                        format!("{}/{}", i + 1, total),
                        ((i + 1) * 100 / total) as u32,
                    )
                    .await;
                }
            }
        }
        // parse everything once, off the request path
        let _ = self.snapshot();
        if let Some(p) = progress {
            p.finish_with_message(format!("{} files", uris.len())).await;
        }
        // one snapshot for all: every file is published here, so none needs
        // publishing again for another's sake
        let snap = self.snapshot();
        for u in uris {
            if !self.0.state.open.contains_key(&u) {
                self.publish_one(&snap, &u, false).await;
            }
        }
        // documents opened before indexing ended were answered without the
        // positions files: their hints and lenses now change
        self.refresh_open().await;
    }

    /// Publishes the open documents' diagnostics again and asks the client
    /// for new code lenses: what positions and settings show has changed.
    async fn refresh_open(&self) {
        let open: Vec<String> = self.0.state.open.iter().map(|d| d.key().clone()).collect();
        let snap = self.snapshot();
        for u in open {
            self.publish_one(&snap, &u, false).await;
        }
        if self.caps().code_lens_refresh {
            if let Err(e) = self.0.client.code_lens_refresh().await {
                tracing::debug!("codeLens/refresh: {}", e.message);
            }
        }
    }

    /// A workspace edit, versioned when the client takes document changes.
    fn workspace_edit(
        &self,
        snap: &Snapshot,
        change: &crate::analysis::SourceChange,
        enc: Encoding,
    ) -> WorkspaceEdit {
        if self.caps().document_changes {
            let edits = change
                .edits
                .iter()
                .filter_map(|(doc, edits)| {
                    let u = uri(&snap.ws, *doc)?;
                    let version = snap.versions.get(u.as_str()).copied();
                    Some(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier { uri: u, version },
                        edits: Self::text_edits(snap, *doc, edits, enc)
                            .into_iter()
                            .map(OneOf::Left)
                            .collect(),
                    })
                })
                .collect();
            return WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(edits)),
                ..Default::default()
            };
        }
        let mut changes = HashMap::new();
        for (doc, edits) in &change.edits {
            if let Some(u) = uri(&snap.ws, *doc) {
                changes.insert(u, Self::text_edits(snap, *doc, edits, enc));
            }
        }
        WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }
    }

    fn text_edits(
        snap: &Snapshot,
        doc: DocId,
        edits: &[crate::analysis::TextEdit],
        enc: Encoding,
    ) -> Vec<TextEdit> {
        let map = line_map(snap.ws.file(doc), enc);
        edits
            .iter()
            .map(|e| TextEdit {
                range: map.range(&e.span),
                new_text: e.new_text.clone(),
            })
            .collect()
    }

    /// Whether requests are answered now (after `initialize`, before
    /// `shutdown`); before and after, the transport's router answers.
    pub fn ready(&self) -> bool {
        self.0.ready.load(Ordering::Acquire)
    }

    /// The result of `textDocument/documentSymbol` as JSON text, made once
    /// per version of a file (and encoding and form) and then copied: the
    /// outline of a long treaty is thousands of nested symbols, and turning
    /// them into a `serde_json::Value` tree (as the transport does with a
    /// handler's answer), writing and freeing it cost ten times more than
    /// writing them straight to text.
    pub fn document_symbol_json(&self, p: &DocumentSymbolParams) -> Arc<str> {
        let snap = self.snapshot();
        let enc = self.enc();
        let Some(id) = snap.ws.find(p.text_document.uri.as_str()) else {
            return Arc::from("null");
        };
        let file = &snap.ws.files[id.0];
        let caps = self.caps();
        {
            let cache = self.0.symbols.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(c) = cache.as_ref().filter(|c| {
                Arc::ptr_eq(&c.file, file)
                    && c.encoding == enc
                    && c.hierarchical == caps.hierarchical_symbols
                    && c.symbol_kinds == caps.symbol_kinds
            }) {
                return c.json.clone();
            }
        }
        let response = Self::outline(&snap, id, enc, &caps);
        let json: Arc<str> = serde_json::to_string(&response)
            .unwrap_or_else(|_| "null".into())
            .into();
        *self.0.symbols.lock().unwrap_or_else(|e| e.into_inner()) = Some(SymbolsCache {
            file: file.clone(),
            encoding: enc,
            hierarchical: caps.hierarchical_symbols,
            symbol_kinds: caps.symbol_kinds.clone(),
            json: json.clone(),
        });
        json
    }

    /// The outline of a file as LSP symbols, nested or flat.
    fn outline(
        snap: &Snapshot,
        id: DocId,
        enc: Encoding,
        caps: &ClientCaps,
    ) -> DocumentSymbolResponse {
        let file = snap.ws.file(id);
        let symbols = snap.ws.document_symbols(id);
        if caps.hierarchical_symbols {
            return DocumentSymbolResponse::Nested(
                symbols
                    .iter()
                    .map(|s| {
                        let mut d = convert::document_symbol(file, s, enc);
                        convert::fit_symbol_kinds(&mut d, caps.symbol_kinds.as_deref());
                        d
                    })
                    .collect(),
            );
        }
        // flat, for clients without hierarchical support
        let mut flat = Vec::new();
        fn walk(
            s: &crate::analysis::symbols::Symbol,
            container: Option<&str>,
            out: &mut Vec<(crate::analysis::symbols::Symbol, Option<String>)>,
        ) {
            out.push((s.clone(), container.map(String::from)));
            for c in &s.children {
                walk(c, Some(&s.name), out);
            }
        }
        for s in &symbols {
            walk(s, None, &mut flat);
        }
        #[allow(deprecated)]
        let infos = flat
            .into_iter()
            .filter_map(|(s, container)| {
                Some(SymbolInformation {
                    name: s.name.clone(),
                    kind: convert::fit_kind(
                        convert::symbol_kind(s.kind),
                        caps.symbol_kinds.as_deref(),
                    ),
                    tags: None,
                    deprecated: None,
                    location: location(&snap.ws, id, &s.span, enc)?,
                    container_name: container,
                })
            })
            .collect();
        DocumentSymbolResponse::Flat(infos)
    }
}

fn request_failed(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into().into(),
        data: None,
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let c = &params.capabilities;
        let td = c.text_document.as_ref();
        let caps = ClientCaps {
            hierarchical_symbols: td
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            definition_links: td
                .and_then(|t| t.definition.as_ref())
                .and_then(|d| d.link_support)
                .unwrap_or(false),
            markdown_hover: td
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_none_or(|f| f.contains(&MarkupKind::Markdown)),
            document_changes: c
                .workspace
                .as_ref()
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch_registration: c
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            work_done_progress: c
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            related_information: td
                .and_then(|t| t.publish_diagnostics.as_ref())
                .and_then(|p| p.related_information)
                .unwrap_or(false),
            disabled_actions: td
                .and_then(|t| t.code_action.as_ref())
                .and_then(|c| c.disabled_support)
                .unwrap_or(false),
            code_lens_refresh: c
                .workspace
                .as_ref()
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|l| l.refresh_support)
                .unwrap_or(false),
            code_action_literals: td
                .and_then(|t| t.code_action.as_ref())
                .is_some_and(|c| c.code_action_literal_support.is_some()),
            prepare_rename: td
                .and_then(|t| t.rename.as_ref())
                .and_then(|r| r.prepare_support)
                .unwrap_or(false),
            link_tooltips: td
                .and_then(|t| t.document_link.as_ref())
                .and_then(|l| l.tooltip_support)
                .unwrap_or(false),
            symbol_kinds: td
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.symbol_kind.as_ref())
                .and_then(|k| k.value_set.clone()),
            workspace_symbol_kinds: c
                .workspace
                .as_ref()
                .and_then(|w| w.symbol.as_ref())
                .and_then(|s| s.symbol_kind.as_ref())
                .and_then(|k| k.value_set.clone()),
        };
        let prepare_rename = caps.prepare_rename;
        *self.0.caps.write().unwrap_or_else(|e| e.into_inner()) = caps;
        let enc = Encoding::negotiate(
            c.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.0.state.set_encoding(enc);
        if let Some(options) = &params.initialization_options {
            self.apply_settings(options);
        }
        let mut roots = Vec::new();
        for f in params.workspace_folders.iter().flatten() {
            if let Some(p) = f.uri.to_file_path() {
                roots.push(p.into_owned());
            }
        }
        #[allow(deprecated)]
        if roots.is_empty() {
            if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
                roots.push(p.into_owned());
            }
        }
        *self.0.roots.write().unwrap_or_else(|e| e.into_inner()) = roots;

        self.0.ready.store(true, Ordering::Release);
        Ok(InitializeResult {
            offset_encoding: None,
            server_info: Some(ServerInfo {
                name: "treaty-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: Default::default(),
                }),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![" ".into(), "(".into()]),
                    ..Default::default()
                }),
                // `RenameOptions` only for a client that says it prepares
                rename_provider: Some(if prepare_rename {
                    OneOf::Right(RenameOptions {
                        prepare_provider: Some(true),
                        work_done_progress_options: Default::default(),
                    })
                } else {
                    OneOf::Left(true)
                }),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: SemanticTokensLegend {
                                token_types: convert::token_types(),
                                token_modifiers: convert::token_modifiers(),
                            },
                            range: Some(true),
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            work_done_progress_options: Default::default(),
                        },
                    ),
                ),
                code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![
                        LIST_STAKEHOLDERS.into(),
                        APPLY_STAKEHOLDER_AMENDMENTS.into(),
                        APPLY_EDIT.into(),
                        CANNOT_APPLY.into(),
                    ],
                    work_done_progress_options: Default::default(),
                }),
                ..Default::default()
            },
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.caps().watch_registration {
            let watchers = [
                "**/*.treaty",
                "**/*.treaty.md",
                "**/*.positions.toml",
                "**/submissions/**/*.{md,txt}",
                "**/treaty.toml",
            ]
            .into_iter()
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String(g.into()),
                kind: None,
            })
            .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "treaty-lsp/watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.0.client.register_capability(vec![registration]).await {
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

    // The document store is updated in `Sequenced::call`, in arrival order;
    // these handlers only schedule the diagnostics.
    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let uri = p.text_document.uri.as_str();
        if self.0.state.open.contains_key(uri) {
            self.schedule_diagnostics(uri.to_string());
        }
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri.as_str();
        if self.0.state.open.contains_key(uri) {
            self.schedule_diagnostics(uri.to_string());
        }
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        let uri = p.text_document.uri.as_str().to_string();
        // a workspace file keeps its diagnostics from disk; others are cleared
        if self.0.state.disk.contains_key(&uri) {
            self.publish(&uri).await;
        } else {
            self.0.published.lock().await.remove(&uri);
            self.0
                .client
                .publish_diagnostics(p.text_document.uri, vec![], None)
                .await;
            // references into it from other drafts no longer resolve
            self.outline_changed(&uri, None);
            let snap = self.snapshot();
            self.publish_citing(&snap, &[uri]).await;
        }
    }

    async fn did_change_watched_files(&self, p: DidChangeWatchedFilesParams) {
        let mut changed = Vec::new();
        for change in p.changes {
            let u = change.uri.as_str().to_string();
            if u.ends_with("treaty.toml") {
                let this = self.clone();
                tokio::spawn(async move { this.index_workspace().await });
                continue;
            }
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if self.0.state.role(&u, None).is_none() {
                continue;
            }
            if change.typ == FileChangeType::DELETED {
                self.0.state.set_disk(&u, None);
            } else if let Ok(Ok(text)) = std::fs::read(&path).map(String::from_utf8) {
                self.0.state.set_disk(&u, Some(text.into()));
            }
            changed.push(u);
        }
        for u in changed {
            if !self.0.state.open.contains_key(&u) {
                self.publish(&u).await;
            }
        }
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let tdp = &p.text_document_position_params;
        let Some(pos) = Self::locate(&snap, &tdp.text_document.uri, tdp.position, enc) else {
            return Ok(None);
        };
        let Some(h) = snap.ws.hover(pos) else {
            return Ok(None);
        };
        let (kind, value) = if self.caps().markdown_hover {
            (MarkupKind::Markdown, h.markdown)
        } else {
            (
                MarkupKind::PlainText,
                convert::markdown_to_plain(&h.markdown),
            )
        };
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind, value }),
            range: Some(line_map(snap.ws.file(pos.doc), enc).range(&h.span)),
        }))
    }

    async fn goto_definition(
        &self,
        p: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let tdp = &p.text_document_position_params;
        let Some(pos) = Self::locate(&snap, &tdp.text_document.uri, tdp.position, enc) else {
            return Ok(None);
        };
        let targets = snap.ws.definition(pos);
        if targets.is_empty() {
            return Ok(None);
        }
        if self.caps().definition_links {
            let origin = snap.ws.definition_origin(pos);
            let origin_map = line_map(snap.ws.file(pos.doc), enc);
            let links = targets
                .iter()
                .filter_map(|t| {
                    let map = line_map(snap.ws.file(t.doc), enc);
                    Some(LocationLink {
                        origin_selection_range: origin.as_ref().map(|o| origin_map.range(o)),
                        target_uri: uri(&snap.ws, t.doc)?,
                        target_range: map.range(&t.full),
                        target_selection_range: map.range(&t.focus),
                    })
                })
                .collect();
            return Ok(Some(GotoDefinitionResponse::Link(links)));
        }
        let locs: Vec<Location> = targets
            .iter()
            .filter_map(|t| location(&snap.ws, t.doc, &t.focus, enc))
            .collect();
        Ok(Some(GotoDefinitionResponse::Array(locs)))
    }

    async fn references(&self, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let tdp = &p.text_document_position;
        let Some(pos) = Self::locate(&snap, &tdp.text_document.uri, tdp.position, enc) else {
            return Ok(None);
        };
        let refs = snap.ws.references(pos, p.context.include_declaration);
        Ok(Some(
            refs.iter()
                .filter_map(|r| location(&snap.ws, r.doc, &r.span, enc))
                .collect(),
        ))
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        // normally answered by `document_symbol_json` (see `server::Sequenced`)
        let snap = self.snapshot();
        let Some(id) = snap.ws.find(p.text_document.uri.as_str()) else {
            return Ok(None);
        };
        Ok(Some(Self::outline(&snap, id, self.enc(), &self.caps())))
    }

    async fn symbol(&self, p: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let kinds = self.caps().workspace_symbol_kinds;
        #[allow(deprecated)]
        let infos = snap
            .ws
            .workspace_symbols(&p.query, 200)
            .into_iter()
            .filter_map(|(doc, s)| {
                Some(SymbolInformation {
                    name: s.name.clone(),
                    kind: convert::fit_kind(convert::symbol_kind(s.kind), kinds.as_deref()),
                    tags: None,
                    deprecated: None,
                    location: location(&snap.ws, doc, &s.focus, enc)?,
                    container_name: s.detail.clone(),
                })
            })
            .collect();
        Ok(Some(WorkspaceSymbolResponse::Flat(infos)))
    }

    async fn folding_range(&self, p: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let Some(id) = snap.ws.find(p.text_document.uri.as_str()) else {
            return Ok(None);
        };
        let map = line_map(snap.ws.file(id), enc);
        let ranges = snap
            .ws
            .folding_ranges(id)
            .into_iter()
            .filter_map(|f| {
                let r = map.range(&f.span);
                (r.end.line > r.start.line).then_some(FoldingRange {
                    start_line: r.start.line,
                    start_character: None,
                    end_line: r.end.line,
                    end_character: None,
                    kind: Some(match f.kind {
                        FoldKind::FrontMatter => FoldingRangeKind::Comment,
                        _ => FoldingRangeKind::Region,
                    }),
                    collapsed_text: None,
                })
            })
            .collect();
        Ok(Some(ranges))
    }

    async fn selection_range(
        &self,
        p: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let Some(id) = snap.ws.find(p.text_document.uri.as_str()) else {
            return Ok(None);
        };
        let map = line_map(snap.ws.file(id), enc);
        let mut out = Vec::new();
        for position in p.positions {
            let offset = map.offset(position);
            let spans = snap.ws.selection_ranges(FilePosition { doc: id, offset });
            let mut range: Option<SelectionRange> = None;
            for s in spans.iter().rev() {
                range = Some(SelectionRange {
                    range: map.range(s),
                    parent: range.map(Box::new),
                });
            }
            out.push(range.unwrap_or(SelectionRange {
                range: Range::new(position, position),
                parent: None,
            }));
        }
        Ok(Some(out))
    }

    async fn semantic_tokens_full(
        &self,
        p: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let snap = self.snapshot();
        let Some(id) = snap.ws.find(p.text_document.uri.as_str()) else {
            return Ok(None);
        };
        let tokens = snap.ws.semantic_tokens(id, None);
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data: convert::semantic_tokens(snap.ws.file(id), &tokens, self.enc()),
        })))
    }

    async fn semantic_tokens_range(
        &self,
        p: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let Some(id) = snap.ws.find(p.text_document.uri.as_str()) else {
            return Ok(None);
        };
        let map = line_map(snap.ws.file(id), enc);
        let span = map.offset(p.range.start)..map.offset(p.range.end);
        let tokens = snap.ws.semantic_tokens(id, Some(span));
        Ok(Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
            result_id: None,
            data: convert::semantic_tokens(snap.ws.file(id), &tokens, enc),
        })))
    }

    async fn document_link(&self, p: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let Some(id) = snap.ws.find(p.text_document.uri.as_str()) else {
            return Ok(Some(vec![]));
        };
        let file = snap.ws.file(id);
        let map = line_map(file, enc);
        let tooltips = self.caps().link_tooltips;
        let mut links = Vec::new();
        for l in snap.ws.document_links(id) {
            let target = snap.ws.file(l.doc);
            let Ok(uri) = Uri::from_str(&format!("{}#L{}", target.name, l.line)) else {
                continue;
            };
            links.push(DocumentLink {
                range: map.range(&l.span),
                target: Some(uri),
                tooltip: tooltips.then_some(l.tooltip),
                data: None,
            });
        }
        Ok(Some(links))
    }

    async fn completion(&self, p: CompletionParams) -> Result<Option<CompletionResponse>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let tdp = &p.text_document_position;
        let Some(pos) = Self::locate(&snap, &tdp.text_document.uri, tdp.position, enc) else {
            return Ok(None);
        };
        let map = line_map(snap.ws.file(pos.doc), enc);
        let items: Vec<CompletionItem> = snap
            .ws
            .completions(pos)
            .into_iter()
            .map(|c| CompletionItem {
                label: c.label.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail: c.detail.clone(),
                sort_text: Some(c.sort_text.clone()),
                filter_text: Some(c.insert_text.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: map.range(&c.replace),
                    new_text: c.insert_text.clone(),
                })),
                ..Default::default()
            })
            .collect();
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn prepare_rename(
        &self,
        p: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let Some(pos) = Self::locate(&snap, &p.text_document.uri, p.position, enc) else {
            return Ok(None);
        };
        match snap.ws.prepare_rename(pos) {
            Ok(r) => Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: line_map(snap.ws.file(pos.doc), enc).range(&r.span),
                placeholder: r.placeholder,
            })),
            Err(message) => Err(request_failed(message)),
        }
    }

    async fn rename(&self, p: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let tdp = &p.text_document_position;
        let Some(pos) = Self::locate(&snap, &tdp.text_document.uri, tdp.position, enc) else {
            return Ok(None);
        };
        let change = snap.ws.rename(pos, &p.new_name).map_err(request_failed)?;
        Ok(Some(self.workspace_edit(&snap, &change, enc)))
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let Some(pos) = Self::locate(&snap, &p.text_document.uri, p.range.start, enc) else {
            return Ok(Some(vec![]));
        };
        let wants_quickfix = p.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
        });
        if !wants_quickfix {
            return Ok(Some(vec![]));
        }
        let caps = self.caps();
        let mut out = Vec::new();
        for a in snap.ws.amendments_at(pos.doc, pos.offset) {
            if !caps.code_action_literals {
                // commands the server runs: the edit, or why there is none
                out.push(CodeActionOrCommand::Command(match a.disabled {
                    None => Command {
                        title: a.title,
                        command: APPLY_EDIT.into(),
                        arguments: Some(vec![serde_json::json!(
                            self.workspace_edit(&snap, &a.change, enc)
                        )]),
                    },
                    Some(reason) => Command {
                        title: format!("{} (cannot apply: {})", a.title, reason),
                        command: CANNOT_APPLY.into(),
                        arguments: Some(vec![serde_json::json!(reason)]),
                    },
                }));
                continue;
            }
            let action = match a.disabled {
                Some(reason) if caps.disabled_actions => CodeAction {
                    title: a.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    disabled: Some(CodeActionDisabled { reason }),
                    ..Default::default()
                },
                // a client that cannot show a disabled action still sees why
                Some(reason) => CodeAction {
                    title: format!("{} (cannot apply: {})", a.title, reason),
                    kind: Some(CodeActionKind::QUICKFIX),
                    ..Default::default()
                },
                None => CodeAction {
                    title: a.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(self.workspace_edit(&snap, &a.change, enc)),
                    is_preferred: a.preferred.then_some(true),
                    ..Default::default()
                },
            };
            out.push(CodeActionOrCommand::CodeAction(action));
        }
        Ok(Some(out))
    }

    async fn code_lens(&self, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let snap = self.snapshot();
        let enc = self.enc();
        let Some(doc) = snap.ws.find(p.text_document.uri.as_str()) else {
            return Ok(Some(vec![]));
        };
        if !snap.ws.file(doc).is_draft() || !self.0.code_lens.load(Ordering::Relaxed) {
            return Ok(Some(vec![]));
        }
        let map = line_map(snap.ws.file(doc), enc);
        let lenses = snap
            .ws
            .position_lenses(doc)
            .into_iter()
            .map(|l| {
                let range = map.range(&l.span);
                let locations: Vec<Location> = l
                    .positions
                    .iter()
                    .filter_map(|f| location(&snap.ws, f.doc, &f.span, enc))
                    .collect();
                CodeLens {
                    range,
                    command: Some(Command {
                        title: l.title,
                        command: "treaty.showPositions".into(),
                        arguments: Some(vec![
                            serde_json::json!(p.text_document.uri.as_str()),
                            serde_json::json!(range.start),
                            serde_json::json!(locations),
                        ]),
                    }),
                    data: None,
                }
            })
            .collect();
        Ok(Some(lenses))
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        if !self.apply_settings(&p.settings) {
            return;
        }
        // what the settings change shows: hints, lenses
        self.refresh_open().await;
    }

    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let arg = |i: usize| p.arguments.get(i).and_then(|v| v.as_str());
        let snap = self.snapshot();
        let draft = |uri: Option<&str>| -> Result<DocId> {
            let uri = uri.ok_or_else(|| {
                Error::invalid_params(format!(
                    "{}: the first argument is the draft's URI",
                    p.command
                ))
            })?;
            snap.ws
                .find(uri)
                .filter(|&d| snap.ws.file(d).is_draft())
                .ok_or_else(|| {
                    Error::invalid_params(format!("{uri} is not a draft the server knows"))
                })
        };
        match p.command.as_str() {
            LIST_STAKEHOLDERS => {
                let doc = draft(arg(0))?;
                Ok(serde_json::to_value(snap.ws.stakeholders(doc)).ok())
            }
            APPLY_STAKEHOLDER_AMENDMENTS => {
                let doc = draft(arg(0))?;
                let who = arg(1).ok_or_else(|| {
                    Error::invalid_params(format!(
                        "{}: the second argument is the stakeholder",
                        p.command
                    ))
                })?;
                let all = snap.ws.stakeholder_amendments(doc, who);
                if all.applied > 0 {
                    let edit = self.workspace_edit(&snap, &all.change, self.enc());
                    let params = ApplyWorkspaceEditParams {
                        label: Some(format!("Apply all amendments from {}", who.trim())),
                        edit,
                    };
                    let answer = self
                        .0
                        .client
                        .send_request::<request::ApplyWorkspaceEdit>(params)
                        .await?;
                    if !answer.applied {
                        let why = answer.failure_reason.unwrap_or_default();
                        return Err(request_failed(format!(
                            "the editor did not apply the amendments: {why}"
                        )));
                    }
                }
                Ok(Some(serde_json::json!({
                    "applied": all.applied,
                    "skipped": all.skipped,
                })))
            }
            APPLY_EDIT => {
                let edit: WorkspaceEdit = p
                    .arguments
                    .first()
                    .and_then(|v| serde_json::from_value(v.clone()).ok())
                    .ok_or_else(|| {
                        Error::invalid_params(format!(
                            "{APPLY_EDIT}: the argument is a WorkspaceEdit"
                        ))
                    })?;
                let answer = self.0.client.apply_edit(edit).await?;
                if !answer.applied {
                    let why = answer.failure_reason.unwrap_or_default();
                    return Err(request_failed(format!(
                        "the editor did not apply the edit: {why}"
                    )));
                }
                Ok(None)
            }
            CANNOT_APPLY => Err(request_failed(
                arg(0)
                    .unwrap_or("this change cannot be applied")
                    .to_string(),
            )),
            other => Err(Error::invalid_params(format!("unknown command {other}"))),
        }
    }
}
