"""Definition, references, prepareRename, rename, document links, completion."""

from __future__ import annotations

import warnings

import pytest
from lsprotocol import types

from helpers import DRAFT_16, MICROSOFT, tdi
from lspdoc import workspace_edit_files

NOTE = "drafts/zz-note.treaty.md"
NOTE_TEXT = "\n".join(
    [
        "# Note on the CND",
        "",
        "### Article 1",
        "",
        "1. Parties apply Article 42, paragraph 2 of the CND.",
        "",
        "2. See Article ",
        "",
        "### Article 2",
        "",
        "Nothing.",
        "",
    ]
)


async def open_note(s, version=1):
    doc = s.open(NOTE, NOTE_TEXT, version=version)
    await s.wait_for(
        lambda: any(p.uri == s.uri(NOTE) and p.version == version for p in s.client.published),
        what="diagnostics of the note",
    )
    return doc


async def test_definition_from_a_positions_target_into_the_draft(s):
    m = s.doc(MICROSOFT)
    pos = m.pos_of('target = "Article 5 (1)"', delta=len('target = "Article '))
    result = await s.client.text_document_definition_async(
        types.DefinitionParams(text_document=tdi(s, MICROSOFT), position=pos)
    )
    assert result, "no definition on the target's `5`"
    draft = s.doc(DRAFT_16)
    link_support = s.cap("text_document.definition.link_support", False)
    if isinstance(result, list):
        assert len(result) == 1
        result = result[0]
    if link_support:
        assert isinstance(result, types.LocationLink), "client declares linkSupport"
        assert result.target_uri == s.uri(DRAFT_16)
        draft.valid_range(result.target_range)
        assert draft.slice(result.target_selection_range) == "Article 5"
        assert draft.slice(result.target_range).startswith("Article 5\n\n1. States Parties")
        assert m.slice(result.origin_selection_range) == "5"
    else:
        assert isinstance(result, types.Location), f"{s.name} has no linkSupport, got {type(result).__name__}"
        assert result.uri == s.uri(DRAFT_16)
        assert draft.slice(result.range) == "Article 5"


async def test_references_of_an_article(s):
    draft = s.doc(DRAFT_16)
    pos = draft.pos_of("### Article 42", delta=12)
    refs = await s.client.text_document_references_async(
        types.ReferenceParams(
            text_document=tdi(s, DRAFT_16),
            position=pos,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert refs
    for r in refs:
        assert isinstance(r, types.Location)
        s.doc(r.uri).valid_range(r.range)
    by_uri: dict[str, list[str]] = {}
    for r in refs:
        by_uri.setdefault(r.uri, []).append(s.doc(r.uri).slice(r.range))
    assert by_uri[s.uri(DRAFT_16)] == ["Article 42"], "the declaration"
    assert by_uri[s.uri(MICROSOFT)] == ["42", "42", "42"], "Microsoft's three targets on Article 42"
    subs = [u for u in by_uri if u.endswith("/submissions/microsoft-ahc4-2023.md")]
    assert subs, f"the submission's mentions: {list(by_uri)}"

    without = await s.client.text_document_references_async(
        types.ReferenceParams(
            text_document=tdi(s, DRAFT_16),
            position=pos,
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert len(without) == len(refs) - 1
    assert all(s.doc(r.uri).slice(r.range) != "Article 42" for r in without)


async def test_prepare_rename(s):
    draft = s.doc(DRAFT_16)
    result = await s.client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=tdi(s, DRAFT_16), position=draft.pos_of("### Article 42", delta=13))
    )
    assert result is not None
    if isinstance(result, types.PrepareRenamePlaceholder):
        assert draft.slice(result.range) == "42" and result.placeholder == "42"
    elif isinstance(result, types.Range):
        assert draft.slice(result) == "42"
    else:
        assert isinstance(result, types.PrepareRenameDefaultBehavior)
        assert s.cap("text_document.rename.prepare_support_default_behavior") is not None

    with pytest.raises(Exception, match="."):
        # prose cannot be renamed: an error (or null), never a bogus range
        r = await s.client.text_document_prepare_rename_async(
            types.PrepareRenameParams(text_document=tdi(s, DRAFT_16), position=draft.pos_of("States Parties shall ensure"))
        )
        if r is None:
            raise Exception("null")


async def test_rename_renumbers_the_article_and_the_targets(s):
    draft = s.doc(DRAFT_16)
    pos = draft.pos_of("### Article 42", delta=12)
    edit = await s.client.text_document_rename_async(
        types.RenameParams(text_document=tdi(s, DRAFT_16), position=pos, new_name="42 bis")
    )
    assert edit is not None
    if s.cap("workspace.workspace_edit.document_changes", False):
        assert edit.document_changes and edit.changes is None
        assert all(isinstance(d, types.TextDocumentEdit) for d in edit.document_changes)
    else:
        assert edit.changes and edit.document_changes is None
    files = workspace_edit_files(edit)
    assert set(files) == {s.uri(DRAFT_16), s.uri(MICROSOFT)}, "never the submissions (outside the workspace)"
    new_draft = draft.apply(files[s.uri(DRAFT_16)])
    assert new_draft == draft.text.replace("### Article 42\n", "### Article 42 bis\n")
    m = s.doc(MICROSOFT)
    new_m = m.apply(files[s.uri(MICROSOFT)])
    assert new_m.count('target = "Article 42 bis') == 3
    assert 'target = "Article 42 (' not in new_m and 'target = "Article 42"' not in new_m
    assert new_m.replace("Article 42 bis", "Article 42") == m.text


async def test_rename_refuses_a_number_taken(s):
    draft = s.doc(DRAFT_16)
    with pytest.raises(Exception, match="Article 43 already exists"):
        await s.client.text_document_rename_async(
            types.RenameParams(
                text_document=tdi(s, DRAFT_16), position=draft.pos_of("### Article 42", delta=12), new_name="43"
            )
        )


async def test_rename_of_an_open_document_is_versioned(s):
    doc = await open_note(s, version=4)
    edit = await s.client.text_document_rename_async(
        types.RenameParams(text_document=tdi(s, NOTE), position=doc.pos_of("### Article 2", delta=12), new_name="3")
    )
    files = workspace_edit_files(edit)
    assert list(files) == [s.uri(NOTE)]
    if edit.document_changes:
        assert edit.document_changes[0].text_document.version == 4
    assert doc.apply(files[s.uri(NOTE)]) == NOTE_TEXT.replace("### Article 2", "### Article 3")


async def test_document_links(s):
    doc = await open_note(s)
    with warnings.catch_warnings():
        # the tooltip check is its own test below
        warnings.filterwarnings("ignore", message="Client does not support tooltips")
        links = await s.client.text_document_document_link_async(
            types.DocumentLinkParams(text_document=tdi(s, NOTE))
        )
    assert links, "no link for `Article 42, paragraph 2 of the CND`"
    assert len(links) == 1
    link = links[0]
    doc.valid_range(link.range)
    assert doc.slice(link.range) == "2"
    draft = s.doc(DRAFT_16)
    line = next(i for i in range(draft.line_count) if draft.line(i).startswith("2. Such conditions"))
    assert link.target == f"{s.uri(DRAFT_16)}#L{line + 1}"


async def test_document_link_tooltip_only_with_support(s):
    await open_note(s)
    links = await s.client.text_document_document_link_async(
        types.DocumentLinkParams(text_document=tdi(s, NOTE))
    )
    assert links
    if not s.cap("text_document.document_link.tooltip_support", False):
        assert all(link.tooltip is None for link in links)
    else:
        assert links[0].tooltip == "Article 42(2)"


async def test_completion_of_article_numbers(s):
    doc = await open_note(s)
    pos = types.Position(line=6, character=len("2. See Article "))
    result = await s.client.text_document_completion_async(
        types.CompletionParams(text_document=tdi(s, NOTE), position=pos)
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    assert [i.label for i in items] == ["Article 1", "Article 2"]
    snippets = s.cap("text_document.completion.completion_item.snippet_support", False)
    kinds = s.cap("text_document.completion.completion_item_kind.value_set")
    for i in items:
        if not snippets:
            assert i.insert_text_format in (None, types.InsertTextFormat.PlainText)
        if i.insert_text_format == types.InsertTextFormat.Snippet:
            assert snippets
        assert i.kind is None or i.kind in (kinds or range(1, 19))
        te = i.text_edit
        assert te is not None
        if isinstance(te, types.InsertReplaceEdit):
            assert s.cap("text_document.completion.completion_item.insert_replace_support", False)
            rng = te.insert
        else:
            rng = te.range
        doc.valid_range(rng)
        assert rng.start.line == pos.line == rng.end.line
        assert rng.start.character <= pos.character <= rng.end.character
    new = doc.apply([types.TextEdit(range=items[1].text_edit.range, new_text=items[1].text_edit.new_text)])
    assert new.splitlines()[6] == "2. See Article 2"
