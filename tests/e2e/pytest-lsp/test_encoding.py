"""Positions in the negotiated encoding, on a CRLF document with characters
outside the BMP (2 UTF-16 units, 4 UTF-8 bytes each) and a ZWJ sequence,
opened with didOpen (never saved)."""

from __future__ import annotations

from lsprotocol import types

from helpers import DRAFT_16, MICROSOFT, action_edit, code_actions, crlf, tdi
from lspdoc import units

ENC_DOC = "drafts/zz-encoding.treaty.md"
ENC_TEXT = "\r\n".join(
    [
        "---",
        "id: TEST/ENCODING",
        "title: Encoding test 𝔗𝔯𝔢𝔞𝔱𝔶",
        "---",
        "",
        "### Article 1",
        "",
        "#### Use of terms 😀",
        "",
        "1. For the purposes of this Convention, 𝒜ny 🇺🇳 record counts.",
        "",
        "2. The 𝓟arties 😀😀 shall apply Article 2, paragraph 1, and Article 3.",
        "",
        "### Article 2",
        "",
        "1. 👩‍⚖️ Judges shall apply paragraph 2 of Article 1 to 𝒟ata.",
        "",
        "### Article 3",
        "",
        "Each State Party shall act.",
        "",
    ]
)

# line 11, the reference; line 15, its target (Article 2, paragraph 1)
REF_LINE = "2. The 𝓟arties 😀😀 shall apply Article 2, paragraph 1, and Article 3."
TARGET_LINE = "1. 👩‍⚖️ Judges shall apply paragraph 2 of Article 1 to 𝒟ata."


def expected_column(text_before: str, encoding: str) -> int:
    return {"utf-8": len(text_before.encode()), "utf-16": len(text_before.encode("utf-16-le")) // 2, "utf-32": len(text_before)}[encoding]


def test_document_really_has_crlf_and_non_bmp():
    assert "\r\n" in ENC_TEXT and "\n" not in ENC_TEXT.replace("\r\n", "")
    # the columns differ in every encoding, so a wrong one cannot pass
    before = REF_LINE[: REF_LINE.index("paragraph 1") + 10]
    cols = {e: expected_column(before, e) for e in ("utf-8", "utf-16", "utf-32")}
    assert len(set(cols.values())) == 3, cols


async def open_enc_doc(s):
    doc = s.open(ENC_DOC, ENC_TEXT, version=3)
    uri = s.uri(ENC_DOC)
    await s.wait_for(lambda: uri in s.client.diagnostics, what="diagnostics of the opened document")
    return doc


async def test_hover_range_in_code_units(s):
    doc = await open_enc_doc(s)
    assert doc.line(11) == REF_LINE
    col = expected_column(REF_LINE[: REF_LINE.index("paragraph 1") + 10], s.encoding)
    pos = types.Position(line=11, character=col)
    assert doc.pos_of("paragraph 1", delta=10) == pos

    h = await s.client.text_document_hover_async(
        types.HoverParams(text_document=tdi(s, ENC_DOC), position=pos)
    )
    assert h is not None, "no hover on the `1` of `paragraph 1`"
    # the hover names the cited element and quotes it, non-BMP text intact
    _, text = (h.contents.kind.value, h.contents.value)
    assert "Article 2(1)" in text and "👩‍⚖️ Judges" in text
    assert h.range is not None
    assert h.range.start == pos, f"hover range starts at {h.range.start}, expected {pos} ({s.encoding})"
    assert h.range.end == types.Position(line=11, character=col + 1)
    assert doc.slice(h.range) == "1"


async def test_definition_ranges_in_code_units(s):
    doc = await open_enc_doc(s)
    pos = doc.pos_of("paragraph 1", delta=10)
    result = await s.client.text_document_definition_async(
        types.DefinitionParams(text_document=tdi(s, ENC_DOC), position=pos)
    )
    assert result, "no definition for `paragraph 1`"
    target_line_end = expected_column(TARGET_LINE, s.encoding)
    assert doc.line(15) == TARGET_LINE
    first = result[0] if isinstance(result, list) else result
    if isinstance(first, types.LocationLink):
        assert first.target_uri == s.uri(ENC_DOC)
        assert first.target_range == types.Range(
            start=types.Position(line=15, character=0),
            end=types.Position(line=15, character=target_line_end),
        ), f"target range in the wrong encoding (expected {s.encoding})"
        assert doc.slice(first.target_range) == TARGET_LINE
        assert doc.slice(first.target_selection_range) == "1."
        assert first.origin_selection_range is not None
        assert doc.slice(first.origin_selection_range) == "1"
        assert first.origin_selection_range.start == pos
    else:
        assert isinstance(first, types.Location)
        assert first.uri == s.uri(ENC_DOC)
        assert first.range.start == types.Position(line=15, character=0)
        assert doc.slice(first.range) in ("1.", TARGET_LINE)


async def test_positions_past_the_emoji_reach_the_right_reference(s):
    """`Article 3` at the end of the line: its column is only right when
    every emoji before it is counted in the negotiated encoding."""
    doc = await open_enc_doc(s)
    pos = doc.pos_of("Article 3.", delta=8)
    result = await s.client.text_document_definition_async(
        types.DefinitionParams(text_document=tdi(s, ENC_DOC), position=pos)
    )
    assert result
    first = result[0]
    rng = first.target_selection_range if isinstance(first, types.LocationLink) else first.range
    assert rng.start.line == 17, f"went to line {rng.start.line}, not Article 3's heading"
    assert doc.slice(rng) == "Article 3"


async def test_quick_fix_edit_on_crlf_non_bmp_draft(s):
    """Microsoft's amendment to Article 5(1), on the draft opened with CRLF
    line breaks and non-BMP characters before the words it changes: applied
    in the negotiated encoding, it gives exactly the amended text."""
    original = s.doc(DRAFT_16).text
    old = "1. States Parties shall ensure that the implementation of its obligations under this Convention is in accordance with applicable international human rights law."
    assert old in original
    emoji = "1. States Parties 🇺🇳 shall ensure that the 𝒾mplementation of its obligations under this Convention is in accordance with applicable international human rights law."
    text = crlf(original.replace(old, emoji))
    doc = s.open(DRAFT_16, text, version=5)
    await s.wait_for(
        lambda: any(p.uri == s.uri(DRAFT_16) and p.version == 5 for p in s.client.published),
        what="diagnostics of version 5",
    )
    actions = await code_actions(s, DRAFT_16, doc.pos_of("applicable international"))
    fixes = [a for a in actions or [] if getattr(a, "title", "").startswith("Apply Microsoft’s amendment to Article 5(1)")]
    assert len(fixes) == 1, [getattr(a, "title", a) for a in actions or []]
    fix = fixes[0]
    from lspdoc import workspace_edit_files

    files = workspace_edit_files(await action_edit(s, fix))
    assert list(files) == [s.uri(DRAFT_16)]
    new_text = doc.apply(files[s.uri(DRAFT_16)])
    amended = "1. States Parties 🇺🇳 shall ensure that the 𝒾mplementation of its obligations under this Convention is in accordance with international human rights law, including, but not limited to, the International Covenant on Civil and Political Rights."
    assert new_text == text.replace(emoji, amended)
    # the edit's columns are code units of the negotiated encoding
    line = next(i for i in range(doc.line_count) if doc.line(i) == emoji)
    delete = next(e for e in files[s.uri(DRAFT_16)] if e.new_text == "")
    assert delete.range.start.line == line
    assert delete.range.start.character == units(emoji[: emoji.index("applicable")], s.encoding)
