"""What the server negotiates with each client at `initialize`."""

from __future__ import annotations

import pytest
from lsprotocol import types


def test_position_encoding_is_one_the_client_offered(s):
    offered = s.cap("general.position_encodings")
    negotiated = s.init.capabilities.position_encoding
    if not offered:
        # LSP 3.17: without positionEncodings only utf-16 may be used
        assert negotiated in (None, types.PositionEncodingKind.Utf16), negotiated
        assert s.encoding == "utf-16"
    else:
        assert negotiated in offered, f"{negotiated} not among {offered}"
        # the server prefers UTF-8 (README: "UTF-8 preferred")
        if types.PositionEncodingKind.Utf8 in offered:
            assert negotiated == types.PositionEncodingKind.Utf8


def test_expected_encoding_per_client(s):
    expected = {
        "visual-studio-code": "utf-16",  # 1.65 offers nothing
        "neovim": "utf-8",  # offers utf-8, utf-16, utf-32
        "emacs": "utf-8",  # offers utf-32, utf-8, utf-16
        "minimal": "utf-16",
    }[s.name]
    assert s.encoding == expected


def test_server_info_and_sync(s):
    assert s.init.server_info is not None and s.init.server_info.name == "treaty-lsp"
    sync = s.init.capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.open_close is True
    assert sync.change == types.TextDocumentSyncKind.Incremental


def test_rename_options_only_with_prepare_support(s):
    """LSP 3.17, ServerCapabilities.renameProvider: "RenameOptions may only be
    specified if the client states that it supports `prepareSupport`"."""
    provider = s.init.capabilities.rename_provider
    assert provider, "rename is a feature of the server"
    if not s.cap("text_document.rename.prepare_support", False):
        assert provider is True, (
            f"{s.name} does not declare rename.prepareSupport, "
            f"yet the server sends renameProvider = {provider!r}"
        )
    else:
        assert isinstance(provider, types.RenameOptions) and provider.prepare_provider


def test_code_action_options_only_with_literal_support(s):
    """LSP 3.17, ServerCapabilities.codeActionProvider: "CodeActionOptions may
    only be specified if the client states that it supports
    `codeActionLiteralSupport`"."""
    provider = s.init.capabilities.code_action_provider
    assert provider
    if s.cap("text_document.code_action.code_action_literal_support") is None:
        assert provider is True


def test_semantic_tokens_legend_and_requests(s):
    st = s.init.capabilities.semantic_tokens_provider
    assert isinstance(st, types.SemanticTokensOptions)
    legend = st.legend
    assert legend.token_types, "empty legend"
    assert len(set(legend.token_types)) == len(legend.token_types)
    assert len(set(legend.token_modifiers)) == len(legend.token_modifiers)
    assert {"articleNumber", "reference", "heading"} <= set(legend.token_types)


def test_dynamic_registration_only_when_declared(s):
    """The server registers file watching only with a client that declares
    didChangeWatchedFiles.dynamicRegistration (VS Code, Emacs)."""
    methods = [r.method for r in s.registrations]
    if s.cap("workspace.did_change_watched_files.dynamic_registration", False):
        assert types.WORKSPACE_DID_CHANGE_WATCHED_FILES in methods
        reg = next(r for r in s.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
        globs = [w["globPattern"] for w in reg.register_options["watchers"]]
        assert "**/*.positions.toml" in globs and "**/treaty.toml" in globs
    else:
        assert methods == []


def test_progress_only_when_declared(s):
    if s.cap("window.work_done_progress", False):
        assert "treaty-lsp/index" in s.client.progress_reports
        reports = s.client.progress_reports["treaty-lsp/index"]
        assert isinstance(reports[0], types.WorkDoneProgressBegin)
        assert isinstance(reports[-1], types.WorkDoneProgressEnd)
    else:
        assert s.client.progress_reports == {}
