"""Hover: the content format the client accepts, and the stakeholders."""

from __future__ import annotations

import re

import pytest
from lsprotocol import types

from helpers import DRAFT_16, DRAFT_REV1, MARKDOWN_SYNTAX, MICROSOFT, hover_text, tdi


async def hover(s, rel, pos) -> types.Hover:
    h = await s.client.text_document_hover_async(
        types.HoverParams(text_document=tdi(s, rel), position=pos)
    )
    assert h is not None, f"no hover at {rel}:{pos}"
    if h.range is not None:
        s.doc(rel).valid_range(h.range)
    return h


def accepts_markdown(s) -> bool:
    formats = s.cap("text_document.hover.content_format")
    # without contentFormat a client takes markdown and plaintext alike
    return formats is None or types.MarkupKind.Markdown in formats


async def test_article_hover_kind_follows_the_client(s):
    doc = s.doc(DRAFT_16)
    h = await hover(s, DRAFT_16, doc.pos_of("Article 5", delta=8))
    kind, _text = hover_text(h)
    assert isinstance(h.contents, types.MarkupContent), "MarkedString is deprecated"
    formats = s.cap("text_document.hover.content_format")
    if formats:
        assert h.contents.kind in formats, f"{kind} not in {formats}"
        if accepts_markdown(s):
            # the client's first choice is markdown for all three real clients
            assert kind == "markdown"
    assert kind == ("markdown" if accepts_markdown(s) else "plaintext")


async def test_plaintext_hover_has_no_markdown(s):
    doc = s.doc(DRAFT_16)
    h = await hover(s, DRAFT_16, doc.pos_of("Article 5", delta=8))
    kind, text = hover_text(h)
    if kind == "plaintext":
        found = MARKDOWN_SYNTAX.findall(text)
        assert not found, f"markdown syntax in a plaintext hover: {found[:5]}"
    else:
        assert kind == "markdown"
        assert MARKDOWN_SYNTAX.search(text), "markdown hover without any markup"


async def test_article_hover_lists_the_stakeholders(s):
    doc = s.doc(DRAFT_16)
    h = await hover(s, DRAFT_16, doc.pos_of("Article 5", delta=8))
    _, text = hover_text(h)
    # positions first: the draft's long title is not repeated on every hover
    assert "Consolidated negotiating document" not in text, "the draft's title repeated"
    assert text.index("Positions") < text.index("1 paragraph"), "positions first"
    assert "Article 5" in text
    assert "Microsoft" in text and "industry" in text and "amend" in text
    assert "1 amend" in text, "the tally"
    assert "Delete the qualifier “applicable”" in text
    assert "as it opens the doors" in text, "Microsoft's own words"
    assert "line 49" in text, "the link to the submission's line"
    assert h.range is not None and doc.slice(h.range) == "Article 5"


async def test_hover_with_two_stakeholders(s):
    """Rev.1 Article 9: the Tech Accord (9(1)) and CSIS (Articles 6 to 16)."""
    doc = s.doc(DRAFT_REV1)
    h = await hover(s, DRAFT_REV1, doc.pos_of("### Article 9", delta=12))
    _, text = hover_text(h)
    assert "Cybersecurity Tech Accord" in text and "CSIS" in text
    assert "Microsoft" not in text, "Microsoft's positions are on the other draft"
    tally = re.search(r"(\d+ \w+)( · \d+ \w+)*", text)
    assert tally, text


async def test_markdown_links_are_uris(s):
    if not accepts_markdown(s):
        pytest.skip("links are a markdown matter")
    doc = s.doc(DRAFT_16)
    h = await hover(s, DRAFT_16, doc.pos_of("Article 5", delta=8))
    _, text = hover_text(h)
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links, text
    for link in links:
        assert re.match(r"^[a-z][a-z0-9+.-]*:", link), f"link {link!r} is not a URI"
    assert any(link.startswith("file://") and "/submissions/microsoft-ahc4-2023.md#L49" in link for link in links)
    assert s.uri(MICROSOFT) + "#L" in text


async def test_absolute_submission_path_still_links_a_uri(s):
    if not accepts_markdown(s):
        pytest.skip("links are a markdown matter")
    from conftest import SUBMISSIONS

    text = s.doc(MICROSOFT).text
    text, n = re.subn(
        r'^submission = ".*"$',
        f'submission = "{(SUBMISSIONS / "microsoft-ahc4-2023.md").as_posix()}"',
        text,
        flags=re.M,
    )
    assert n == 1
    s.open(MICROSOFT, text, version=2)
    await s.wait_for(
        lambda: any(p.uri == s.uri(MICROSOFT) and p.version == 2 for p in s.client.published),
        what="diagnostics of the edited positions file",
    )
    assert not s.client.diagnostics[s.uri(MICROSOFT)], s.client.diagnostics[s.uri(MICROSOFT)]
    doc = s.doc(DRAFT_16)
    h = await hover(s, DRAFT_16, doc.pos_of("Article 5", delta=8))
    _, hover_md = hover_text(h)
    links = re.findall(r"\]\(([^)\s]+)\)", hover_md)
    assert any("microsoft-ahc4-2023.md#L49" in link for link in links), links
    for link in links:
        assert re.match(r"^[a-z][a-z0-9+.-]*:", link), f"link {link!r} is not a URI"
