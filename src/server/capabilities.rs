//! What the client can do (read once from `initialize`) and what the
//! server offers in return.

use super::convert::tokens::{token_modifiers, token_types};
use super::position::Encoding;
use tower_lsp_server::ls_types::*;

/// The commands the server runs (`workspace/executeCommand`).
pub const LIST_STAKEHOLDERS: &str = "treaty-lsp.listStakeholders";
pub const APPLY_STAKEHOLDER_AMENDMENTS: &str = "treaty-lsp.applyStakeholderAmendments";
/// A quick fix as a command, for clients without code action literals:
/// the server sends the edit back with `workspace/applyEdit`.
pub const APPLY_EDIT: &str = "treaty-lsp.applyEdit";
/// A quick fix that cannot apply, as a command: running it says why.
pub const CANNOT_APPLY: &str = "treaty-lsp.cannotApply";
/// The element at a position (or the whole draft) and its text in the
/// previous version, for the editor's side-by-side diff.
pub const PREVIOUS_VERSION: &str = "treaty-lsp.previousVersion";
/// The positions report of a draft (`[draftUri, "html" | "md"]`), as
/// `treaty-lsp report` makes it, from the texts open in the editor.
pub const REPORT: &str = "treaty-lsp.report";
/// A positions file drafted from a submission (`[submissionUri,
/// {stakeholder, group?, draft?}]`): its proposed URI and text, for the
/// editor to open unsaved.
pub const EXTRACT: &str = "treaty-lsp.extract";

/// What the client said it supports, as the handlers need it.
#[derive(Default, Clone)]
pub struct ClientCaps {
    pub hierarchical_symbols: bool,
    pub definition_links: bool,
    pub markdown_hover: bool,
    /// The client's Markdown renders tables (it names a parser that does:
    /// VS Code's `marked`, `markdown-it`).
    pub markdown_tables: bool,
    pub document_changes: bool,
    /// Edits may carry change annotations (a label the preview shows).
    pub change_annotations: bool,
    pub watch_registration: bool,
    pub work_done_progress: bool,
    pub related_information: bool,
    /// Code actions may be sent disabled, with a reason.
    pub disabled_actions: bool,
    /// The client can be asked to ask for code lenses again.
    pub code_lens_refresh: bool,
    /// The client takes `CodeAction` literals (else only `Command`s).
    pub code_action_literals: bool,
    /// The client calls `prepareRename` (else `renameProvider` is `true`).
    pub prepare_rename: bool,
    /// The client shows a document link's tooltip.
    pub link_tooltips: bool,
    /// The symbol kinds the client knows (none said: File to Array).
    pub symbol_kinds: Option<Vec<SymbolKind>>,
    pub workspace_symbol_kinds: Option<Vec<SymbolKind>>,
}

impl ClientCaps {
    pub fn new(c: &ClientCapabilities) -> ClientCaps {
        // a flag the client sets under `textDocument` or `workspace`;
        // left out, it is not set
        let doc = |f: fn(&TextDocumentClientCapabilities) -> Option<bool>| {
            c.text_document.as_ref().and_then(f).unwrap_or(false)
        };
        let ws = |f: fn(&WorkspaceClientCapabilities) -> Option<bool>| {
            c.workspace.as_ref().and_then(f).unwrap_or(false)
        };
        let td = c.text_document.as_ref();
        ClientCaps {
            hierarchical_symbols: doc(|t| {
                t.document_symbol
                    .as_ref()?
                    .hierarchical_document_symbol_support
            }),
            definition_links: doc(|t| t.definition.as_ref()?.link_support),
            markdown_hover: td
                .and_then(|t| t.hover.as_ref()?.content_format.as_ref())
                .is_none_or(|f| f.contains(&MarkupKind::Markdown)),
            markdown_tables: c
                .general
                .as_ref()
                .and_then(|g| g.markdown.as_ref())
                .is_some_and(|m| {
                    matches!(
                        m.parser.to_ascii_lowercase().as_str(),
                        "marked" | "markdown-it"
                    )
                }),
            document_changes: ws(|w| w.workspace_edit.as_ref()?.document_changes),
            change_annotations: ws(|w| {
                Some(
                    w.workspace_edit
                        .as_ref()?
                        .change_annotation_support
                        .is_some(),
                )
            }),
            watch_registration: ws(|w| w.did_change_watched_files.as_ref()?.dynamic_registration),
            work_done_progress: c.window.as_ref().and_then(|w| w.work_done_progress) == Some(true),
            related_information: doc(|t| t.publish_diagnostics.as_ref()?.related_information),
            disabled_actions: doc(|t| t.code_action.as_ref()?.disabled_support),
            code_lens_refresh: ws(|w| w.code_lens.as_ref()?.refresh_support),
            code_action_literals: doc(|t| {
                Some(
                    t.code_action
                        .as_ref()?
                        .code_action_literal_support
                        .is_some(),
                )
            }),
            prepare_rename: doc(|t| t.rename.as_ref()?.prepare_support),
            link_tooltips: doc(|t| t.document_link.as_ref()?.tooltip_support),
            symbol_kinds: td.and_then(|t| {
                t.document_symbol
                    .as_ref()?
                    .symbol_kind
                    .as_ref()?
                    .value_set
                    .clone()
            }),
            workspace_symbol_kinds: c
                .workspace
                .as_ref()
                .and_then(|w| w.symbol.as_ref()?.symbol_kind.as_ref()?.value_set.clone()),
        }
    }
}

/// The position encoding the client offers that the server prefers.
pub fn encoding(c: &ClientCapabilities) -> Encoding {
    Encoding::negotiate(
        c.general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    )
}

/// Everything the server offers, for a client with `caps`.
pub fn server_capabilities(enc: Encoding, caps: &ClientCaps) -> ServerCapabilities {
    ServerCapabilities {
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
        rename_provider: Some(if caps.prepare_rename {
            OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })
        } else {
            OneOf::Left(true)
        }),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: SemanticTokensLegend {
                    token_types: token_types(),
                    token_modifiers: token_modifiers(),
                },
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                work_done_progress_options: Default::default(),
            },
        )),
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
                PREVIOUS_VERSION.into(),
                REPORT.into(),
                EXTRACT.into(),
            ],
            work_done_progress_options: Default::default(),
        }),
        ..Default::default()
    }
}

/// The registration that asks the client to report changes to the files
/// a project is made of (see `project::roles::WATCHED`).
pub fn watch_registration() -> Registration {
    let watchers = crate::project::roles::WATCHED
        .iter()
        .map(|g| FileSystemWatcher {
            glob_pattern: GlobPattern::String(g.to_string()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    Registration {
        id: "treaty-lsp/watch".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    }
}
