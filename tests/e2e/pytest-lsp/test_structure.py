"""Outline, workspace symbols, folding and selection ranges."""

from __future__ import annotations

import pytest
from lsprotocol import types

from helpers import DRAFT_16, DRAFT_REV1, contains, tdi


def walk(symbols, depth=0):
    for sym in symbols:
        yield sym, depth
        yield from walk(sym.children or [], depth + 1)


async def test_document_symbol_shape_follows_the_client(s):
    result = await s.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=tdi(s, DRAFT_16))
    )
    assert result, "no outline"
    doc = s.doc(DRAFT_16)
    if s.cap("text_document.document_symbol.hierarchical_document_symbol_support", False):
        assert all(isinstance(x, types.DocumentSymbol) for x in result), type(result[0])
        syms = list(walk(result))
        for sym, _ in syms:
            doc.valid_range(sym.range)
            doc.valid_range(sym.selection_range)
            assert contains(sym.range, sym.selection_range), (
                f"{sym.name}: selectionRange {sym.selection_range} outside range {sym.range}"
            )
            for child in sym.children or []:
                assert contains(sym.range, child.range), f"{child.name} outside {sym.name}"
        names = {(sym.name, depth) for sym, depth in syms}
        assert ("Chapter I - General provisions", 0) in names
        assert ("Article 5", 1) in names
        assert ("Article 6 - Illegal access", 1) in names
        art5 = next(sym for sym, _ in syms if sym.name == "Article 5")
        assert doc.slice(art5.selection_range) == "Article 5"
        assert [c.name for c in art5.children] == ["1."]
        art40 = next(sym for sym, _ in syms if sym.name == "Article 40")
        assert [c.name for c in art40.children] == ["1.", "2.", "3.", "4.", "5."]
        # the default depth: paragraphs, not their points
        assert not art40.children[1].children, "points in the outline at the default depth"
        # every subdivision when the user asks for points
        s.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"treaty": {"outline": {"depth": "points"}}})
        )
        deep = await s.client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=tdi(s, DRAFT_16))
        )
        s.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"treaty": {"outline": {"depth": "paragraphs"}}})
        )
        art40 = next(sym for sym, _ in walk(deep) if sym.name == "Article 40")
        assert [c.name for c in art40.children[1].children] == ["(a)", "(b)", "(c)", "(d)", "(e)"]
    else:
        assert all(isinstance(x, types.SymbolInformation) for x in result), type(result[0])
        for sym in result:
            assert sym.location.uri == s.uri(DRAFT_16)
            doc.valid_range(sym.location.range)
        art5 = next(x for x in result if x.name == "Article 5")
        assert art5.container_name == "Chapter I - General provisions"
        assert art5.kind == types.SymbolKind.Module or art5.kind is not None
        para = [x for x in result if x.container_name == "Article 40"]
        assert [x.name for x in para] == ["1.", "2.", "3.", "4.", "5."]


async def test_document_symbol_kinds_known_to_the_client(s):
    result = await s.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=tdi(s, DRAFT_16))
    )
    value_set = s.cap("text_document.document_symbol.symbol_kind.value_set")
    kinds = {sym.kind for sym, _ in walk(result)} if isinstance(result[0], types.DocumentSymbol) else {x.kind for x in result}
    allowed = set(value_set) if value_set else set(range(1, 19))  # LSP: 1..18 without a value set
    assert kinds <= allowed, f"symbol kinds {kinds - allowed} not supported by {s.name}"


async def test_workspace_symbol(s):
    result = await s.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="art 5"))
    assert result
    found = {(x.name, x.location.uri) for x in result}
    assert ("Article 5", s.uri(DRAFT_16)) in found
    assert ("Article 5 - Respect for human rights", s.uri(DRAFT_REV1)) in found
    for x in result:
        assert isinstance(x, (types.SymbolInformation, types.WorkspaceSymbol))
        loc = x.location
        assert isinstance(loc, types.Location), "a location without a range needs workspace.symbol.resolveSupport"
        s.doc(loc.uri).valid_range(loc.range)
        assert s.doc(loc.uri).slice(loc.range).startswith("Article 5")
    value_set = s.cap("workspace.symbol.symbol_kind.value_set")
    allowed = set(value_set) if value_set else set(range(1, 19))
    assert {x.kind for x in result} <= allowed

    by_title = await s.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="illegal access"))
    assert [x.name for x in by_title] == ["Article 6 - Illegal access"]


async def test_folding_ranges(s):
    result = await s.client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=tdi(s, DRAFT_16))
    )
    assert result
    doc = s.doc(DRAFT_16)
    line_only = s.cap("text_document.folding_range.line_folding_only", False)
    limit = s.cap("text_document.folding_range.range_limit")
    if limit is not None:
        assert len(result) <= limit
    for f in result:
        assert 0 <= f.start_line < f.end_line < doc.line_count, f
        if line_only:
            assert f.start_character is None and f.end_character is None, (
                f"{s.name} folds whole lines only, got characters in {f}"
            )
        if f.collapsed_text is not None:
            assert s.cap("text_document.folding_range.folding_range.collapsed_text", False)
    starts = {doc.line(f.start_line) for f in result}
    # the front matter, a chapter, articles
    assert "---" in starts
    assert "### CHAPTER III" in starts
    assert "### Article 40" in starts
    fm = next(f for f in result if doc.line(f.start_line) == "---")
    assert fm.kind == types.FoldingRangeKind.Comment and doc.line(fm.end_line) == "---"


async def test_selection_ranges(s):
    doc = s.doc(DRAFT_16)
    pos = doc.pos_of("applicable international")
    result = await s.client.text_document_selection_range_async(
        types.SelectionRangeParams(text_document=tdi(s, DRAFT_16), positions=[pos])
    )
    assert result and len(result) == 1
    chain = []
    sel = result[0]
    while sel is not None:
        doc.valid_range(sel.range)
        chain.append(sel.range)
        sel = sel.parent
    assert contains(chain[0], types.Range(start=pos, end=pos))
    for inner, outer in zip(chain, chain[1:]):
        assert contains(outer, inner) and outer != inner, f"{outer} does not strictly contain {inner}"
    texts = [doc.slice(r) for r in chain]
    assert any(t.startswith("1. States Parties") for t in texts), texts
    assert any(t.startswith("Article 5\n") for t in texts), texts
    assert any(t.startswith("CHAPTER I\n") for t in texts), texts
