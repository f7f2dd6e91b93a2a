"""Semantic tokens: decoded with the server's legend, inside the text,
single-line and non-overlapping unless the client supports otherwise."""

from __future__ import annotations

from lsprotocol import types

from helpers import DRAFT_16, DRAFT_REV1, tdi


def decode(data, legend, doc):
    assert len(data) % 5 == 0, "data is a multiple of 5 integers"
    tokens = []
    line = char = 0
    for i in range(0, len(data), 5):
        dl, dc, length, ttype, mods = data[i : i + 5]
        line += dl
        char = dc if dl else char + dc
        assert ttype < len(legend.token_types), f"token type {ttype} outside the legend"
        assert mods < (1 << len(legend.token_modifiers)), f"modifier bits {mods:b} outside the legend"
        assert length > 0
        tokens.append(
            (
                line,
                char,
                length,
                legend.token_types[ttype],
                [m for b, m in enumerate(legend.token_modifiers) if mods & (1 << b)],
            )
        )
    return tokens


async def full_tokens(s, rel):
    result = await s.client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=tdi(s, rel))
    )
    assert result is not None and result.data
    legend = s.init.capabilities.semantic_tokens_provider.legend
    return decode(result.data, legend, s.doc(rel))


async def test_tokens_are_valid_for_the_client(s):
    formats = s.cap("text_document.semantic_tokens.formats")
    if formats is not None:
        assert types.TokenFormat.Relative in formats
    multiline = s.cap("text_document.semantic_tokens.multiline_token_support", False)
    overlapping = s.cap("text_document.semantic_tokens.overlapping_token_support", False)
    for rel in (DRAFT_16, DRAFT_REV1):
        doc = s.doc(rel)
        tokens = await full_tokens(s, rel)
        prev_end = (0, 0)
        for line, char, length, ttype, mods in tokens:
            assert line < doc.line_count
            text = doc.line(line)
            start = doc.offset(types.Position(line=line, character=char))
            if not multiline:
                # the token ends inside its line, on a character boundary
                doc.offset(types.Position(line=line, character=char + length))
            if not overlapping:
                assert (line, char) >= prev_end, f"overlapping token at {line}:{char}"
                prev_end = (line, char + length)
            assert text is not None and start >= 0


async def test_token_types_where_expected(s):
    doc = s.doc(DRAFT_16)
    tokens = await full_tokens(s, DRAFT_16)

    def text_of(t):
        line, char, length, *_ = t
        return doc.slice(
            types.Range(
                start=types.Position(line=line, character=char),
                end=types.Position(line=line, character=char + length),
            )
        )

    by_text = {}
    for t in tokens:
        by_text.setdefault(text_of(t), []).append(t[3])
    assert "articleNumber" in by_text["Article 5"]
    assert "heading" in by_text["Illegal access"]
    brackets = [t for t in tokens if t[3] == "unagreedText"]
    assert {text_of(t) for t in brackets} >= {"[any criminal offences]", "[serious crimes]"}


async def test_range_request_is_a_subset_of_full(s):
    if not s.init.capabilities.semantic_tokens_provider.range:
        return
    doc = s.doc(DRAFT_16)
    full = await full_tokens(s, DRAFT_16)
    start = doc.pos_of("### Article 40")
    end = doc.pos_of("### Article 42")
    result = await s.client.text_document_semantic_tokens_range_async(
        types.SemanticTokensRangeParams(text_document=tdi(s, DRAFT_16), range=types.Range(start=start, end=end))
    )
    legend = s.init.capabilities.semantic_tokens_provider.legend
    part = decode(result.data, legend, doc)
    assert part
    assert all(start.line <= t[0] <= end.line for t in part)
    assert all(t in full for t in part)
    expected = [t for t in full if start.line <= t[0] < end.line]
    assert [t for t in part if t[0] < end.line] == expected
