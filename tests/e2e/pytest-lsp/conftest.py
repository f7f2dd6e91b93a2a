"""Fixtures: the real treaty-lsp binary, started by pytest-lsp under the
capabilities of real clients, on a copy of the worked example workspace.

Every test that takes ``client`` runs once per client in ``CLIENTS``: the
capabilities pytest-lsp ships for Visual Studio Code, Neovim and Emacs
(eglot), and a synthetic ``minimal`` client that declares almost nothing (no
markdown, no hierarchical symbols, no links, no code action literals, no
document changes, no snippets, no position encodings), so that every
"only if the client supports it" branch is exercised both ways.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig
from pytest_lsp import LanguageClient
from pytest_lsp import client_capabilities

from lspdoc import TextDoc

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
EXAMPLE = REPO / "examples" / "cybercrime-convention"
SUBMISSIONS = (REPO.parent / "shared" / "corpus" / "submissions").resolve()
SERVER = os.environ.get("TREATY_LSP") or str(REPO / "target" / "debug" / "treaty-lsp")

REAL_CLIENTS = ["visual-studio-code", "neovim", "emacs"]
CLIENTS = [*REAL_CLIENTS, "minimal"]

DRAFT_16 = "drafts/A-AC.291-16.treaty.md"
DRAFT_REV1 = "drafts/A-AC.291-22-Rev.1.treaty.md"
POSITIONS = [
    "positions/microsoft-ahc4-2023.positions.toml",
    "positions/tech-accord-ahc7-2024.positions.toml",
    "positions/csis-analysis-2023.positions.toml",
]
WORKSPACE_FILES = [DRAFT_16, DRAFT_REV1, *POSITIONS]


def minimal_capabilities() -> types.ClientCapabilities:
    """A client of LSP 3.0 vintage: plain text everywhere, flat symbols,
    plain locations, commands instead of code action literals, `changes`
    instead of `documentChanges`, no snippets, no encodings offered."""
    return types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            apply_edit=True,
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=False),
            symbol=types.WorkspaceSymbolClientCapabilities(),
            execute_command=types.ExecuteCommandClientCapabilities(),
        ),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.PlainText]),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(snippet_support=False)
            ),
            document_symbol=types.DocumentSymbolClientCapabilities(
                hierarchical_document_symbol_support=False
            ),
            definition=types.DefinitionClientCapabilities(link_support=False),
            code_action=types.CodeActionClientCapabilities(),
            rename=types.RenameClientCapabilities(prepare_support=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                related_information=False, version_support=False
            ),
            folding_range=types.FoldingRangeClientCapabilities(line_folding_only=False),
            semantic_tokens=types.SemanticTokensClientCapabilities(
                requests=types.ClientSemanticTokensRequestOptions(full=True),
                token_types=[],
                token_modifiers=[],
                formats=[types.TokenFormat.Relative],
                overlapping_token_support=False,
                multiline_token_support=False,
            ),
        ),
    )


def capabilities_for(name: str) -> types.ClientCapabilities:
    if name == "minimal":
        return minimal_capabilities()
    return client_capabilities(name)


@dataclass
class Session:
    """What a test needs besides the client: who the client is, the
    workspace, the negotiated encoding, and what the server sent."""

    name: str
    client: LanguageClient
    caps: types.ClientCapabilities
    init: types.InitializeResult
    root: Path
    encoding: str
    applied_edits: list[types.ApplyWorkspaceEditParams] = field(default_factory=list)
    registrations: list[types.Registration] = field(default_factory=list)
    opened: dict[str, TextDoc] = field(default_factory=dict)

    # -- the workspace ---------------------------------------------------
    def uri(self, rel: str) -> str:
        return (self.root / rel).as_uri()

    def doc(self, rel_or_uri: str) -> TextDoc:
        """The text the server has for a file: what we opened, else disk."""
        uri = rel_or_uri if "://" in rel_or_uri else self.uri(rel_or_uri)
        if uri in self.opened:
            return self.opened[uri]
        path = Path(types_uri_to_path(uri))
        return TextDoc(path.read_bytes().decode("utf-8"), self.encoding)

    def open(self, rel: str, text: str | None = None, version: int = 1) -> TextDoc:
        uri = self.uri(rel)
        if text is None:
            text = (self.root / rel).read_bytes().decode("utf-8")
        doc = TextDoc(text, self.encoding)
        self.opened[uri] = doc
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="treaty", version=version, text=text
                )
            )
        )
        return doc

    # -- capabilities ----------------------------------------------------
    def cap(self, path: str, default: Any = None) -> Any:
        """A client capability by dotted path of lsprotocol attribute names."""
        obj: Any = self.caps
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                return default
        return obj

    # -- waiting -----------------------------------------------------------
    async def settle(self, quiet: float = 0.2) -> None:
        """Wait until no diagnostics have been published for `quiet` seconds:
        indexing republishes the dependants of each file for a while after
        every file has been published once."""
        loop = asyncio.get_running_loop()
        since, seen = loop.time(), len(self.client.published)  # type: ignore[attr-defined]
        while loop.time() - since < quiet:
            await asyncio.sleep(0.02)
            if len(self.client.published) != seen:  # type: ignore[attr-defined]
                since, seen = loop.time(), len(self.client.published)  # type: ignore[attr-defined]

    async def wait_for(self, predicate, timeout: float = 15.0, what: str = "condition"):
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out after {timeout}s waiting for {what}")
            await asyncio.sleep(0.02)


def types_uri_to_path(uri: str) -> str:
    from urllib.parse import unquote, urlparse

    return unquote(urlparse(uri).path)


@pytest.fixture(scope="session")
def workspace_copy(tmp_path_factory) -> Path:
    """The worked example, copied; the paths to the submissions rewritten
    so that they still reach the shared corpus beside the clone."""
    if not any(SUBMISSIONS.glob("*.md")):
        pytest.exit(
            f"no submissions in {SUBMISSIONS}: the suite needs the shared corpus beside the clone",
            returncode=1,
        )
    root = tmp_path_factory.mktemp("ws") / "cybercrime-convention"
    shutil.copytree(EXAMPLE, root)

    toml = root / "treaty.toml"
    text = toml.read_text(encoding="utf-8")
    text, n = re.subn(
        r'"(?:\.\./)+shared/corpus/submissions/([^"]+)"',
        lambda m: '"' + (SUBMISSIONS / m.group(1)).as_posix() + '"',
        text,
    )
    assert n == 3, f"expected 3 submissions in treaty.toml, rewrote {n}"
    toml.write_text(text, encoding="utf-8")

    for rel in POSITIONS:
        p = root / rel
        t = p.read_text(encoding="utf-8")
        t, n = re.subn(
            r'^submission = "(?:\.\./)+shared/corpus/submissions/([^"]+)"$',
            # relative to the positions file, as the format intends
            lambda m: 'submission = "'
            + Path(os.path.relpath(SUBMISSIONS / m.group(1), p.parent)).as_posix()
            + '"',
            t,
            flags=re.M,
        )
        assert n == 1, f"{rel}: expected one submission key, rewrote {n}"
        p.write_text(t, encoding="utf-8")
    for name in ["microsoft-ahc4-2023.md", "tech-accord-ahc7-2024.md", "csis-analysis-2023.md"]:
        assert (SUBMISSIONS / name).is_file(), f"missing submission {SUBMISSIONS / name}"
    return root


def make_client() -> LanguageClient:
    """pytest-lsp's test client, plus what an editor does with the server's
    requests: apply edits (to the in-memory texts), accept registrations,
    and keep every publishDiagnostics with its version."""
    from pygls.protocol import default_converter
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES
    from pytest_lsp.client import register_lsp_features

    from lspdoc import apply_workspace_edit

    client = LanguageClient(converter_factory=default_converter)
    client.session = None  # type: ignore[attr-defined]
    client.published = []  # type: ignore[attr-defined]

    def publish_diagnostics(cl: LanguageClient, params: types.PublishDiagnosticsParams):
        cl.diagnostics[params.uri] = params.diagnostics
        cl.published.append(params)  # type: ignore[attr-defined]

    def apply_edit(cl: LanguageClient, params: types.ApplyWorkspaceEditParams):
        s: Session | None = cl.session  # type: ignore[attr-defined]
        assert s is not None
        s.applied_edits.append(params)
        texts = apply_workspace_edit(params.edit, s.doc)
        for uri, text in texts.items():
            s.opened[uri] = TextDoc(text, s.encoding)
        return types.ApplyWorkspaceEditResult(applied=True)

    def register(cl: LanguageClient, params: types.RegistrationParams):
        s: Session | None = cl.session  # type: ignore[attr-defined]
        if s is not None:
            s.registrations.extend(params.registrations)
        else:
            cl.early_registrations.extend(params.registrations)  # type: ignore[attr-defined]
        return None

    client.early_registrations = []  # type: ignore[attr-defined]
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish_diagnostics
    features[types.WORKSPACE_APPLY_EDIT] = apply_edit
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    client.lens_refreshes = 0  # type: ignore[attr-defined]

    def lens_refresh(cl: LanguageClient, params):
        cl.lens_refreshes += 1  # type: ignore[attr-defined]
        return None

    features[types.WORKSPACE_CODE_LENS_REFRESH] = lens_refresh
    features[types.WORKSPACE_SEMANTIC_TOKENS_REFRESH] = lambda cl, params: None
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(
    server_command=[SERVER],
    client_factory=make_client,
    server_env={**os.environ, "TREATY_LSP_LOG": os.environ.get("TREATY_LSP_LOG", "info")},
)


async def start_session(
    client: LanguageClient,
    name: str,
    root: Path,
    options: dict[str, Any] | None = None,
    wait_index: bool = True,
) -> Session:
    caps = capabilities_for(name)
    init_options: dict[str, Any] = {"diagnosticsDelayMs": 0}
    init_options.update(options or {})
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            client_info=types.ClientInfo(name=f"pytest-lsp as {name}"),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options=init_options,
        )
    )
    enc = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16
    enc = enc.value if hasattr(enc, "value") else str(enc)
    s = Session(name=name, client=client, caps=caps, init=result, root=root, encoding=enc)
    s.registrations.extend(client.early_registrations)  # type: ignore[attr-defined]
    client.session = s  # type: ignore[attr-defined]
    if wait_index:
        # indexing publishes every workspace file's diagnostics once parsed
        want = [s.uri(r) for r in WORKSPACE_FILES]
        await s.wait_for(
            lambda: all(u in client.diagnostics for u in want),
            timeout=30,
            what="the workspace to be indexed (diagnostics of every draft and positions file)",
        )
    return s


@pytest_lsp.fixture(config=CONFIG, params=CLIENTS)
async def lsp(lsp_client: LanguageClient, request, workspace_copy):
    """A started, initialized, indexed server; the client as `request.param`."""
    session = await start_session(lsp_client, request.param, workspace_copy)
    request.node.stash[SESSION_KEY] = session
    yield
    await lsp_client.shutdown_session()


SESSION_KEY = pytest.StashKey[Session]()


@pytest.fixture
def s(lsp, request) -> Session:
    """The session of the test's `lsp` fixture."""
    return request.node.stash[SESSION_KEY]


# -- known server bugs --------------------------------------------------------
#
#   @pytest.mark.server_bug(["emacs"], "what the server gets wrong")
#
# marks the test xfail(strict=True) for those clients only: the test still
# runs, fails today, and turns the suite red the day the server is fixed
# (then remove the mark).


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "server_bug(clients, reason): xfail(strict=True) for these clients: a known server bug",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        client = callspec.params.get("lsp") if callspec else None
        for mark in item.iter_markers("server_bug"):
            clients, reason = mark.args
            if client in clients:
                item.add_marker(pytest.mark.xfail(strict=True, reason=f"server bug: {reason}"))
