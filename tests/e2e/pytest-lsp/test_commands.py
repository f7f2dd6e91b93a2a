"""workspace/executeCommand: treaty-lsp.listStakeholders and
treaty-lsp.applyStakeholderAmendments, with the server -> client
workspace/applyEdit round trip."""

from __future__ import annotations

import pytest
from lsprotocol import types

from helpers import DRAFT_16, DRAFT_REV1, MICROSOFT
from lspdoc import workspace_edit_files

LIST = "treaty-lsp.listStakeholders"
APPLY = "treaty-lsp.applyStakeholderAmendments"


async def execute(s, command, *arguments):
    return await s.client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command, arguments=list(arguments))
    )


def test_commands_are_advertised(s):
    provider = s.init.capabilities.execute_command_provider
    assert provider is not None, "no executeCommandProvider"
    assert {LIST, APPLY} <= set(provider.commands)
    assert "treaty.showPositions" not in provider.commands, "the client's command, not the server's"


async def test_list_stakeholders(s):
    assert await execute(s, LIST, s.uri(DRAFT_16)) == [
        {"stakeholder": "Microsoft", "group": "industry", "positions": 33, "amendments": 27}
    ]
    # Rev.1 follows A/AC.291/16: Microsoft's positions on the clauses whose
    # counterparts are certain (Article 6, and Article 42, now 24, by the
    # example's correspondence table) are carried into it
    rev1 = await execute(s, LIST, s.uri(DRAFT_REV1))
    assert sorted(rev1, key=lambda x: x["stakeholder"]) == [
        {"stakeholder": "CSIS", "group": "academia", "positions": 6, "amendments": 0},
        {"stakeholder": "Cybersecurity Tech Accord", "group": "industry", "positions": 19, "amendments": 3},
        {"stakeholder": "Microsoft", "group": "industry", "positions": 2, "amendments": 2},
    ]


async def test_bad_arguments_are_errors(s):
    with pytest.raises(Exception, match="not a draft"):
        await execute(s, LIST, s.uri(MICROSOFT))
    with pytest.raises(Exception, match="stakeholder"):
        await execute(s, APPLY, s.uri(DRAFT_16))
    with pytest.raises(Exception, match="unknown command"):
        await execute(s, "treaty-lsp.noSuchCommand", s.uri(DRAFT_16))


async def test_apply_all_of_microsofts_amendments(s):
    before = s.doc(DRAFT_16).text
    result = await execute(s, APPLY, s.uri(DRAFT_16), "Microsoft")
    assert result == {"applied": 27, "skipped": []}
    assert len(s.applied_edits) == 1, "one workspace/applyEdit"
    params = s.applied_edits[0]
    assert params.label == "Apply all amendments from Microsoft"
    edit = params.edit
    if s.cap("workspace.workspace_edit.document_changes", False):
        assert edit.document_changes and edit.changes is None
    else:
        assert edit.changes and edit.document_changes is None
    assert list(workspace_edit_files(edit)) == [s.uri(DRAFT_16)]
    # the client applied it (conftest's handler): check the amended draft
    after = s.doc(DRAFT_16).text
    assert after != before
    for old, new in [
        ("from such crime", "from such serious crime"),
        ("provide practical measures to enhance", "provide practical support to enhance"),
        ("in accordance with applicable international human rights law.",
         "in accordance with international human rights law, including, but not limited to, "
         "the International Covenant on Civil and Political Rights."),
        ("5. … coordinating their actions …", "5. … determining the most appropriate jurisdiction for prosecution …"),
    ]:
        assert old in before and old not in after and new in after, (old, new)
    for gone in ["### Article 23\n", "### Article 26\n", "### Article 30\n", "### Article 34\n", "1. … detection …"]:
        assert gone in before and gone not in after, gone
    assert "### Article 46\n\nThe scope of application of all procedural measures" in after
    assert "2. Nothing in this convention shall be interpreted as criminalizing" in after
    # the brackets around [serious crimes] are gone, the words kept
    assert "[serious crimes]" in before and "[serious crimes]" not in after


async def test_apply_for_a_stakeholder_without_amendments(s):
    result = await execute(s, APPLY, s.uri(DRAFT_REV1), "CSIS")
    assert result == {"applied": 0, "skipped": []}
    assert s.applied_edits == [], "no applyEdit when there is nothing to apply"


async def test_stale_amendments_are_skipped_with_the_reason(s):
    text = s.doc(DRAFT_16).text.replace("coordinating their actions", "coordinating action")
    s.open(DRAFT_16, text, version=2)
    await s.wait_for(
        lambda: any(p.uri == s.uri(DRAFT_16) and p.version == 2 for p in s.client.published),
        what="diagnostics of the edited draft",
    )
    result = await execute(s, APPLY, s.uri(DRAFT_16), "Microsoft")
    assert result["applied"] == 26
    assert len(result["skipped"]) == 1, result
    skipped = result["skipped"][0]
    assert skipped["reason"].startswith("stale: “coordinating their actions” is not in Article 40(5)")
    # the edit names the version it was computed for
    edit = s.applied_edits[0].edit
    if edit.document_changes:
        assert edit.document_changes[0].text_document.version == 2
    assert "what" in skipped and "Article 40" in skipped["what"], skipped
