"""Text as an LSP client sees it: lines split at LF, CRLF and lone CR,
columns counted in the negotiated encoding's code units, and edits applied
the way an editor applies them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    pass

_BREAK = re.compile(r"\r\n|\r|\n")


def units(s: str, encoding: str) -> int:
    """Length of `s` in code units of `encoding` (utf-8, utf-16, utf-32)."""
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    if encoding == "utf-32":
        return len(s)
    raise ValueError(f"unknown encoding {encoding!r}")


class TextDoc:
    def __init__(self, text: str, encoding: str):
        self.text = text
        self.encoding = encoding
        # start offset (in str indices) of each line, and its content end
        self.starts: list[int] = [0]
        self.ends: list[int] = []
        for m in _BREAK.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line(self, n: int) -> str:
        return self.text[self.starts[n] : self.ends[n]]

    # -- offsets <-> positions ------------------------------------------
    def position(self, offset: int) -> types.Position:
        """The LSP position of a str index."""
        assert 0 <= offset <= len(self.text), offset
        line = max(i for i, st in enumerate(self.starts) if st <= offset)
        col = offset - self.starts[line]
        assert offset <= self.ends[line], f"offset {offset} inside a line break"
        return types.Position(line=line, character=units(self.line(line)[:col], self.encoding))

    def offset(self, pos: types.Position, strict: bool = True) -> int:
        """The str index of an LSP position; `strict`: the position must be on a
        character boundary inside the line (not clamped)."""
        assert 0 <= pos.line < self.line_count, f"line {pos.line} out of range ({self.line_count} lines)"
        text = self.line(pos.line)
        u = 0
        for i, ch in enumerate(text):
            if u == pos.character:
                return self.starts[pos.line] + i
            u += units(ch, self.encoding)
            if u > pos.character:
                raise AssertionError(
                    f"{pos.line}:{pos.character} is inside the character {ch!r} ({self.encoding})"
                )
        if strict:
            assert u == pos.character, (
                f"{pos.line}:{pos.character} is past the end of the line "
                f"({u} {self.encoding} units): {text!r}"
            )
        return self.ends[pos.line]

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def slice(self, r: types.Range) -> str:
        return self.text[self.offset(r.start) : self.offset(r.end)]

    def find(self, needle: str, nth: int = 1, after: str | None = None) -> int:
        """The str index of the nth occurrence of `needle` (after `after`)."""
        start = self.text.index(after) if after is not None else 0
        i = start - 1
        for _ in range(nth):
            i = self.text.index(needle, i + 1)
        return i

    def pos_of(self, needle: str, nth: int = 1, after: str | None = None, delta: int = 0) -> types.Position:
        return self.position(self.find(needle, nth, after) + delta)

    def valid_range(self, r: types.Range) -> None:
        """A range inside the document, on character boundaries, start <= end."""
        a, b = self.offset(r.start), self.offset(r.end)
        assert a <= b, f"range ends before it starts: {r}"

    # -- edits -----------------------------------------------------------
    def apply(self, edits: list[types.TextEdit]) -> str:
        """Apply edits as a client must: all ranges refer to the original
        text, they must not overlap, and inserts at one place keep their order."""
        spans = []
        for idx, e in enumerate(edits):
            a, b = self.offset(e.range.start), self.offset(e.range.end)
            assert a <= b, f"edit range ends before it starts: {e.range}"
            spans.append((a, b, idx, e.new_text))
        spans.sort(key=lambda t: (t[0], t[1], t[2]))
        for (a1, b1, _, _), (a2, _b2, _, _) in zip(spans, spans[1:]):
            assert b1 <= a2, f"overlapping edits at {a1}..{b1} and {a2}"
        out, pos = [], 0
        for a, b, _, new in spans:
            out.append(self.text[pos:a])
            out.append(new)
            pos = b
        out.append(self.text[pos:])
        return "".join(out)


def workspace_edit_files(edit: types.WorkspaceEdit) -> dict[str, list[types.TextEdit]]:
    """The text edits of a workspace edit per URI, from `changes` or
    `documentChanges` (text document edits only)."""
    out: dict[str, list[types.TextEdit]] = {}
    if edit.document_changes is not None:
        for dc in edit.document_changes:
            assert isinstance(dc, types.TextDocumentEdit), f"unexpected resource operation {dc}"
            out.setdefault(dc.text_document.uri, []).extend(dc.edits)  # type: ignore[arg-type]
    if edit.changes is not None:
        for uri, edits in edit.changes.items():
            out.setdefault(uri, []).extend(edits)
    return out


def apply_workspace_edit(edit: types.WorkspaceEdit, doc_of: Callable[[str], TextDoc]) -> dict[str, str]:
    """The new text of every file a workspace edit touches."""
    return {uri: doc_of(uri).apply(edits) for uri, edits in workspace_edit_files(edit).items()}
