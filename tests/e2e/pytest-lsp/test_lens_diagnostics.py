"""Code lenses (the client command treaty.showPositions) and
publishDiagnostics (versions, related information, contested hints)."""

from __future__ import annotations

from lsprotocol import types
from lsprotocol.converters import get_converter

from helpers import DRAFT_16, DRAFT_REV1, MICROSOFT, TECH_ACCORD, CSIS, tdi

CONVERTER = get_converter()


async def lenses(s, rel):
    result = await s.client.text_document_code_lens_async(types.CodeLensParams(text_document=tdi(s, rel)))
    assert result is not None
    return result


def show_positions(s, lens: types.CodeLens) -> list[types.Location]:
    """What the client does with the lens's command: read its arguments as
    [uri, position, locations] and list the locations."""
    cmd = lens.command
    assert cmd is not None and cmd.command == "treaty.showPositions"
    uri, position, locations = cmd.arguments
    assert isinstance(uri, str)
    position = CONVERTER.structure(position, types.Position)
    locations = CONVERTER.structure(locations, list[types.Location])
    return uri, position, locations


async def test_code_lenses_on_draft_16(s):
    result = await lenses(s, DRAFT_16)
    doc = s.doc(DRAFT_16)
    by_article = {doc.slice(lens.range): lens for lens in result}
    assert "Article 5" in by_article and "Article 40" in by_article
    for lens in result:
        doc.valid_range(lens.range)
        uri, position, locations = show_positions(s, lens)
        assert uri == s.uri(DRAFT_16)
        assert position == lens.range.start
        assert locations, lens.command.title
        for loc in locations:
            assert loc.uri == s.uri(MICROSOFT)
            m = s.doc(MICROSOFT)
            assert m.line(loc.range.start.line).startswith("target = "), "a position's target"
            assert m.slice(loc.range).startswith('"')
        assert lens.command.title.endswith("— Microsoft")
    assert by_article["Article 5"].command.title == "1 amend — Microsoft"
    assert by_article["Article 40"].command.title == "4 amend · 2 delete — Microsoft"
    _, _, locs = show_positions(s, by_article["Article 40"])
    assert len(locs) == 6


async def test_code_lens_with_two_stakeholders(s):
    result = await lenses(s, DRAFT_REV1)
    doc = s.doc(DRAFT_REV1)
    by_article = {doc.slice(lens.range): lens for lens in result}
    lens = by_article["Article 9"]
    assert lens.command.title.endswith("— CSIS, Cybersecurity Tech Accord"), lens.command.title
    _, _, locs = show_positions(s, lens)
    assert {loc.uri for loc in locs} == {s.uri(TECH_ACCORD), s.uri(CSIS)}


async def test_no_lenses_outside_drafts(s):
    assert not list(await lenses(s, MICROSOFT))


def diagnostics_checks(s, uri, diags):
    doc = s.doc(uri)
    related = s.cap("text_document.publish_diagnostics.related_information", False)
    tags = s.cap("text_document.publish_diagnostics.tag_support")
    descriptions = s.cap("text_document.publish_diagnostics.code_description_support", False)
    for d in diags:
        doc.valid_range(d.range)
        if not related:
            assert d.related_information is None, f"relatedInformation sent to {s.name}: {d}"
        if d.tags:
            assert tags is not None and set(d.tags) <= set(tags.value_set)
        if d.code_description is not None:
            assert descriptions


async def test_initial_diagnostics_respect_the_client(s):
    for rel in [DRAFT_16, DRAFT_REV1, MICROSOFT, TECH_ACCORD, CSIS]:
        diagnostics_checks(s, s.uri(rel), s.client.diagnostics[s.uri(rel)])
    draft = s.client.diagnostics[s.uri(DRAFT_16)]
    codes = {d.code for d in draft}
    assert codes == {"numbering-gap", "contested"}, codes
    contested = [d for d in draft if d.code == "contested"]
    assert all(d.severity == types.DiagnosticSeverity.Hint for d in contested)
    doc = s.doc(DRAFT_16)
    assert any(doc.slice(d.range).startswith("1. States Parties") or "Article 5" in d.message for d in contested)
    # the worked example's positions files are clean
    for rel in [MICROSOFT, TECH_ACCORD, CSIS]:
        assert not s.client.diagnostics[s.uri(rel)], rel


async def test_versions_and_related_information_after_edits(s):
    """Open the draft (version 1), break Article 40(5) (version 2): the
    draft's diagnostics carry version 2, and the positions file gets a
    stale-change warning whose related information (only for clients that
    declare relatedInformation) points back at Article 40(5)."""
    await s.settle()
    original = s.doc(DRAFT_16).text
    n0 = len(s.client.published)
    s.open(DRAFT_16, original, version=1)
    await s.wait_for(
        lambda: any(p.uri == s.uri(DRAFT_16) and p.version == 1 for p in s.client.published),
        what="diagnostics of version 1",
    )
    doc = s.doc(DRAFT_16)
    start = doc.find("coordinating their actions")
    rng = doc.range(start, start + len("coordinating their actions"))
    s.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=s.uri(DRAFT_16), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=rng, text="coordinating action"),
            ],
        )
    )
    from lspdoc import TextDoc

    s.opened[s.uri(DRAFT_16)] = TextDoc(original.replace("coordinating their actions", "coordinating action"), s.encoding)
    await s.wait_for(
        lambda: any(p.uri == s.uri(DRAFT_16) and p.version == 2 for p in s.client.published),
        what="diagnostics of version 2",
    )
    await s.wait_for(
        lambda: any(d.code == "stale-change" for d in s.client.diagnostics.get(s.uri(MICROSOFT), [])),
        what="the stale-change warning in Microsoft's positions file",
    )
    versions = [p.version for p in s.client.published[n0:] if p.uri == s.uri(DRAFT_16)]
    assert versions == sorted(versions), f"a version older than one already published: {versions}"
    assert all(v is not None for v in versions), "the open draft's diagnostics carry its version"
    stale = [d for d in s.client.diagnostics[s.uri(MICROSOFT)] if d.code == "stale-change"]
    assert len(stale) == 1
    d = stale[0]
    assert d.severity == types.DiagnosticSeverity.Warning
    assert s.doc(MICROSOFT).slice(d.range) == 'find = "coordinating their actions"'[7:] or "coordinating their actions" in s.doc(MICROSOFT).slice(d.range)
    diagnostics_checks(s, s.uri(MICROSOFT), stale)
    if s.cap("text_document.publish_diagnostics.related_information", False):
        assert d.related_information and len(d.related_information) == 1
        rel = d.related_information[0]
        assert rel.location.uri == s.uri(DRAFT_16)
        assert s.doc(DRAFT_16).slice(rel.location.range) == "5."
        assert rel.message == "Article 40(5) in A/AC.291/16"
    else:
        assert d.related_information is None


async def test_diagnostics_of_an_opened_document_follow_its_text(s):
    text = "### Article 1\n\n1. See Article 9.\n\n### Article 2\n\nText.\n"
    uri = s.uri("drafts/zz-dangling.treaty.md")
    s.open("drafts/zz-dangling.treaty.md", text, version=7)
    await s.wait_for(lambda: any(p.uri == uri and p.version == 7 for p in s.client.published), what="v7")
    diags = s.client.diagnostics[uri]
    assert [d.code for d in diags] == ["dangling-reference"]
    doc = s.doc(uri)
    assert doc.slice(diags[0].range) == "9"
    assert diags[0].severity == types.DiagnosticSeverity.Error
    s.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=8),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text.replace("Article 9", "Article 2"))],
        )
    )
    await s.wait_for(lambda: any(p.uri == uri and p.version == 8 for p in s.client.published), what="v8")
    assert list(s.client.diagnostics[uri]) == []
