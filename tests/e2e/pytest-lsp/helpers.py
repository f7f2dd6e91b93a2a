"""Small helpers shared by the tests."""

from __future__ import annotations

import re

from lsprotocol import types

from lspdoc import TextDoc

DRAFT_16 = "drafts/A-AC.291-16.treaty.md"
DRAFT_REV1 = "drafts/A-AC.291-22-Rev.1.treaty.md"
MICROSOFT = "positions/microsoft-ahc4-2023.positions.toml"
TECH_ACCORD = "positions/tech-accord-ahc7-2024.positions.toml"
CSIS = "positions/csis-analysis-2023.positions.toml"


def tdi(s, rel: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=s.uri(rel))


def point(p: types.Position) -> types.Range:
    return types.Range(start=p, end=p)


def contains(outer: types.Range, inner: types.Range) -> bool:
    def le(a: types.Position, b: types.Position) -> bool:
        return (a.line, a.character) <= (b.line, b.character)

    return le(outer.start, inner.start) and le(inner.end, outer.end)


MARKDOWN_SYNTAX = re.compile(r"\*\*|\]\(|^\|.*\|$|^> |^#+ |`", re.M)


def hover_text(h: types.Hover) -> tuple[str, str]:
    """(kind, text) of a hover, whatever form its contents take."""
    c = h.contents
    if isinstance(c, types.MarkupContent):
        return (c.kind.value, c.value)
    if isinstance(c, str):
        return ("markedstring", c)
    if isinstance(c, types.MarkedStringWithLanguage):
        return ("markedstring", c.value)
    assert isinstance(c, list), c
    return ("markedstring", "\n".join(x if isinstance(x, str) else x.value for x in c))


async def code_actions(s, rel: str, pos: types.Position, only=None):
    return await s.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=tdi(s, rel),
            range=point(pos),
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def doc_lines(doc: TextDoc) -> list[str]:
    return [doc.line(i) for i in range(doc.line_count)]


async def action_edit(s, action) -> types.WorkspaceEdit:
    """The edit a quick fix makes, as the client gets it: a CodeAction's
    `edit`, or, for a client without code action literals, the edit the
    server sends back (workspace/applyEdit) when the client runs the
    Command."""
    if isinstance(action, types.CodeAction):
        assert action.edit is not None, action.title
        return action.edit
    assert isinstance(action, types.Command), action
    assert action.command == "treaty-lsp.applyEdit", action.command
    before = len(s.applied_edits)
    await s.client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=action.command, arguments=action.arguments)
    )
    assert len(s.applied_edits) == before + 1, "the command sent no workspace/applyEdit"
    return s.applied_edits[-1].edit
