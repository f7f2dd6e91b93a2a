"""Quick fixes: literals vs commands, `disabled` only with disabledSupport,
edits in the form the client takes, and applied edits giving exactly the
amended draft."""

from __future__ import annotations

import pytest
from lsprotocol import types

from helpers import DRAFT_16, action_edit, code_actions
from lspdoc import workspace_edit_files

ART5_OLD = "1. States Parties shall ensure that the implementation of its obligations under this Convention is in accordance with applicable international human rights law."
ART5_NEW = "1. States Parties shall ensure that the implementation of its obligations under this Convention is in accordance with international human rights law, including, but not limited to, the International Covenant on Civil and Political Rights."


def literal_support(s) -> bool:
    return s.cap("text_document.code_action.code_action_literal_support") is not None


def titles(actions) -> list[str]:
    return [a.title for a in actions or []]


async def test_literals_only_with_literal_support(s):
    doc = s.doc(DRAFT_16)
    actions = await code_actions(s, DRAFT_16, doc.pos_of("applicable international"))
    assert actions, "no quick fix at Article 5(1)"
    if literal_support(s):
        assert all(isinstance(a, types.CodeAction) for a in actions)
    else:
        assert all(isinstance(a, types.Command) for a in actions), [type(a).__name__ for a in actions]


async def test_kinds_are_ones_the_client_knows(s):
    doc = s.doc(DRAFT_16)
    actions = await code_actions(s, DRAFT_16, doc.pos_of("as appropriate", after="### Article 42"))
    value_set = s.cap("text_document.code_action.code_action_literal_support.code_action_kind.value_set")
    for a in actions:
        if isinstance(a, types.CodeAction):
            assert a.kind == types.CodeActionKind.QuickFix
            if value_set:
                kind = getattr(a.kind, "value", a.kind)
                known = [getattr(k, "value", k) for k in value_set]
                assert any(kind == k or kind.startswith(k + ".") for k in known if k) or "" in known, (
                    f"{kind} not among {known}"
                )


async def test_only_filter(s):
    doc = s.doc(DRAFT_16)
    pos = doc.pos_of("applicable international")
    refactors = await code_actions(s, DRAFT_16, pos, only=[types.CodeActionKind.Refactor])
    assert not refactors
    quickfixes = await code_actions(s, DRAFT_16, pos, only=[types.CodeActionKind.QuickFix])
    assert titles(quickfixes) == titles(await code_actions(s, DRAFT_16, pos))


async def test_disabled_only_with_disabled_support(s):
    """README, "A stale change": with Article 40(5)'s "coordinating their
    actions" edited away, Microsoft's amendment there is stale. A client with
    disabledSupport gets it `disabled` with the reason; another gets no
    `disabled` and no edit, the reason in the title."""
    text = s.doc(DRAFT_16).text.replace("coordinating their actions", "coordinating action")
    doc = s.open(DRAFT_16, text, version=2)
    await s.wait_for(
        lambda: any(p.uri == s.uri(DRAFT_16) and p.version == 2 for p in s.client.published),
        what="diagnostics of the edited draft",
    )
    actions = await code_actions(s, DRAFT_16, doc.pos_of("coordinating action"))
    stale = [a for a in actions if a.title.startswith("Apply Microsoft’s amendment to Article 40(5)")]
    combined = [a for a in actions if a.title.startswith("Apply all 4 amendments from Microsoft to Article 40")]
    assert len(stale) == 1 and len(combined) == 1, titles(actions)
    for a in stale + combined:
        if s.cap("text_document.code_action.disabled_support", False):
            assert isinstance(a, types.CodeAction)
            assert a.disabled is not None
            assert a.disabled.reason.startswith("stale: “coordinating their actions” is not in Article 40(5)")
            assert a.edit is None
        else:
            assert getattr(a, "disabled", None) is None, f"`disabled` sent to {s.name}"
            assert "(cannot apply: stale: “coordinating their actions” is not in Article 40(5)" in a.title
            assert getattr(a, "edit", None) is None, "a stale change must not be applicable"
    others = [a for a in actions if a not in stale + combined]
    assert others, "the new Article 46 (Chapter III) is still offered"
    for a in others:
        if isinstance(a, types.CodeAction):
            assert a.disabled is None and a.edit is not None, a.title


async def test_edit_form_follows_document_changes_support(s):
    doc = s.doc(DRAFT_16)
    actions = await code_actions(s, DRAFT_16, doc.pos_of("applicable international"))
    edits = [await action_edit(s, a) for a in actions if not (a.title and "(cannot apply" in a.title)]
    assert edits
    for e in edits:
        if s.cap("workspace.workspace_edit.document_changes", False):
            assert e.document_changes and e.changes is None
            for dc in e.document_changes:
                assert isinstance(dc, types.TextDocumentEdit)
                assert dc.text_document.uri == s.uri(DRAFT_16)
                # not open: no version (null)
                assert dc.text_document.version is None
        else:
            assert e.changes and e.document_changes is None
            assert list(e.changes) == [s.uri(DRAFT_16)]
        if not s.cap("workspace.workspace_edit.change_annotation_support"):
            assert e.change_annotations is None


async def test_article_5_amendment_applies_exactly(s):
    doc = s.doc(DRAFT_16)
    actions = await code_actions(s, DRAFT_16, doc.pos_of("applicable international"))
    fix = [a for a in actions if a.title.startswith("Apply Microsoft’s amendment to Article 5(1): delete “applicable”")]
    assert len(fix) == 1, titles(actions)
    if isinstance(fix[0], types.CodeAction):
        assert fix[0].is_preferred is True
    files = workspace_edit_files(await action_edit(s, fix[0]))
    assert list(files) == [s.uri(DRAFT_16)]
    assert doc.apply(files[s.uri(DRAFT_16)]) == doc.text.replace(ART5_OLD, ART5_NEW)


async def test_versioned_edit_on_an_open_draft(s):
    """On an open draft the edit names the version it was computed for."""
    doc = s.open(DRAFT_16, version=9)
    await s.wait_for(
        lambda: any(p.uri == s.uri(DRAFT_16) and p.version == 9 for p in s.client.published),
        what="diagnostics of version 9",
    )
    actions = await code_actions(s, DRAFT_16, doc.pos_of("measures", after="(c)"))
    fix = [a for a in actions if a.title.startswith("Apply Microsoft’s amendment to Article 1(c)")]
    assert len(fix) == 1, titles(actions)
    e = await action_edit(s, fix[0])
    if e.document_changes:
        assert e.document_changes[0].text_document.version == 9
    files = workspace_edit_files(e)
    new = doc.apply(files[s.uri(DRAFT_16)])
    assert new == doc.text.replace(
        "(c) … provide practical measures to enhance", "(c) … provide practical support to enhance"
    )


async def test_new_paragraph_numbered_like_its_neighbours(s):
    doc = s.doc(DRAFT_16)
    actions = await code_actions(s, DRAFT_16, doc.pos_of("as appropriate", after="### Article 42"))
    # the title quotes the new paragraph's first words
    fix = [a for a in actions if a.title.startswith("Apply Microsoft’s amendment to Article 42: insert a new paragraph: “Such conditions")]
    assert len(fix) == 1, titles(actions)
    new = doc.apply(workspace_edit_files(await action_edit(s, fix[0]))[s.uri(DRAFT_16)])
    anchor = "limitation of the scope and the duration of such power or procedure."
    assert new == doc.text.replace(
        anchor,
        anchor
        + "\n\n3. Such conditions and safeguards shall further include a formal mechanism through which "
        "individuals, who believe that their rights may have been violated through the exercise of the "
        "powers set forth in this convention, can seek redress for any such violations.",
        1,
    )
