"""The settings (initializationOptions, and settings.treaty in
workspace/didChangeConfiguration): contestedDiagnostics, codeLens and the
stakeholders filter."""

from __future__ import annotations

import pytest_lsp
from pytest_lsp import LanguageClient
from lsprotocol import types

from conftest import CLIENTS, CONFIG, start_session
from helpers import DRAFT_REV1, code_actions, hover_text, tdi


async def rev1_state(s):
    doc = s.doc(DRAFT_REV1)
    h = await s.client.text_document_hover_async(
        types.HoverParams(text_document=tdi(s, DRAFT_REV1), position=doc.pos_of("### Article 9", delta=12))
    )
    _, text = hover_text(h)
    lenses = await s.client.text_document_code_lens_async(types.CodeLensParams(text_document=tdi(s, DRAFT_REV1)))
    actions = await code_actions(s, DRAFT_REV1, doc.pos_of("located or established in the territory"))
    return text, lenses, actions


@pytest_lsp.fixture(config=CONFIG, params=CLIENTS)
async def filtered(lsp_client: LanguageClient, request, workspace_copy):
    """A server started with every option set away from its default."""
    s = await start_session(
        lsp_client,
        request.param,
        workspace_copy,
        options={"stakeholders": ["CSIS"], "codeLens": False, "contestedDiagnostics": False},
    )
    request.node.stash["filtered"] = s
    yield
    await lsp_client.shutdown_session()


async def test_initialization_options(filtered, request):
    s = request.node.stash["filtered"]
    text, lenses, actions = await rev1_state(s)
    assert "CSIS" in text and "Cybersecurity Tech Accord" not in text
    assert not lenses, "codeLens: false"
    assert not [a for a in actions if "Tech Accord" in a.title], "quick fixes of filtered stakeholders"
    for rel in ("drafts/A-AC.291-16.treaty.md", DRAFT_REV1):
        assert not [d for d in s.client.diagnostics[s.uri(rel)] if d.code == "contested"]


async def test_did_change_configuration(s):
    text, lenses, actions = await rev1_state(s)
    assert "CSIS" in text and "Cybersecurity Tech Accord" in text
    assert lenses
    assert [a for a in actions if "Tech Accord" in a.title]

    s.open(DRAFT_REV1, version=1)
    uri = s.uri(DRAFT_REV1)
    await s.wait_for(lambda: any(p.uri == uri and p.version == 1 for p in s.client.published), what="v1")
    assert [d for d in s.client.diagnostics[uri] if d.code == "contested"]
    await s.settle()
    n = len(s.client.published)
    refreshes = s.client.lens_refreshes
    s.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"treaty": {"stakeholders": ["CSIS"], "codeLens": False, "contestedDiagnostics": False}}
        )
    )
    # open documents are published again without the hints
    await s.wait_for(
        lambda: any(p.uri == uri for p in s.client.published[n:]), what="diagnostics published again"
    )
    assert not [d for d in s.client.diagnostics[uri] if d.code == "contested"]
    text, lenses, actions = await rev1_state(s)
    assert "CSIS" in text and "Cybersecurity Tech Accord" not in text
    assert not lenses
    assert not [a for a in actions if "Tech Accord" in a.title]
    if s.cap("workspace.code_lens.refresh_support", False):
        await s.wait_for(lambda: s.client.lens_refreshes > refreshes, what="workspace/codeLens/refresh")
    else:
        assert s.client.lens_refreshes == refreshes, "codeLens/refresh sent to a client without refreshSupport"
