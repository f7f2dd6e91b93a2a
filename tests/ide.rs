//! The editor features on the analysis layer. Navigation and hover on
//! inline fixtures (`$0` the cursor, carets under the expected ranges: see
//! `support/fixture.rs`); the outline, folds, selection, tokens,
//! completion and renumbering on one small draft (`DRAFT`, the cursor
//! placed with `at`), their answers rendered as text and compared with
//! snapshots.

mod support {
    pub mod fixture;
}

use expect_test::{expect, Expect};
use support::fixture::{check_definition, check_hover, check_references};
use treaty_lsp::analysis::{apply_edits, DocId, FilePosition, Workspace};

const DRAFT: &str = r#"---
id: A/AC.291/TEST
title: Draft convention on testing
---

# Draft convention on testing

### CHAPTER I

#### General provisions

### Article 1

#### Use of terms

For the purposes of this Convention:

(a) "Computer system" means any device that processes data;

(b) "Service provider" means any entity that offers a computer system to users.

### Article 2

#### Scope

1. This Convention applies to the offences in Articles 3 to 5.

2. Paragraph 1 does not apply to a computer system of a State; see Article 3, paragraph 2 (b).

### CHAPTER II

#### Offences

### Article 3

#### Illegal access

1. Each State Party shall criminalize access [without right][unlawfully].

2. A State Party may require that the offence be committed:

(a) by infringing security measures; or

(b) with dishonest intent, as referred to in paragraph 1 of this article.

### Article 4

#### Illegal interception

Each State Party shall criminalize interception, subject to Article 2, paragraph 1, and Article 9.

### Article 5

#### Misuse of devices

Article 19 of the International Covenant on Civil and Political Rights applies.
"#;

/// The draft with `$0` put at the first occurrence of `needle` (plus
/// `shift` bytes), parsed into a workspace.
fn at(needle: &str, shift: usize) -> (Workspace, FilePosition) {
    let offset = DRAFT
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the draft"))
        + shift;
    let mut ws = Workspace::new();
    let doc = ws.add("draft.treaty.md", DRAFT);
    (ws, FilePosition { doc, offset })
}

fn line_of(offset: usize) -> usize {
    DRAFT[..offset].matches('\n').count() + 1
}

fn check(actual: String, expect: Expect) {
    expect.assert_eq(&actual);
}

/// An outline as indented lines: name, kind, detail.
fn render_outline(out: &mut String, syms: &[treaty_lsp::analysis::symbols::Symbol], depth: usize) {
    for s in syms {
        out.push_str(&format!(
            "{}{} [{}]",
            "  ".repeat(depth),
            s.name,
            s.kind.name()
        ));
        if let Some(d) = &s.detail {
            out.push_str(&format!(" — {}", d));
        }
        out.push('\n');
        render_outline(out, &s.children, depth + 1);
    }
}

#[test]
fn document_symbols_are_a_tree_of_chapters_articles_and_paragraphs() {
    let (ws, _) = at("", 0);
    let mut out = String::new();
    render_outline(&mut out, &ws.document_symbols(DocId(0)), 0);
    check(
        out,
        expect![[r#"
            A/AC.291/TEST — Draft convention on testing [document] — draft
            Chapter I - General provisions [chapter]
              Article 1 - Use of terms [article]
                (a) [subparagraph] — "Computer system" means any device that processes data;
                (b) [subparagraph] — "Service provider" means any entity that offers a computer…
              Article 2 - Scope [article]
                1. [paragraph] — This Convention applies to the offences in Articles 3 to 5.
                2. [paragraph] — Paragraph 1 does not apply to a computer system of a State;…
            Chapter II - Offences [chapter]
              Article 3 - Illegal access [article]
                1. [paragraph] — Each State Party shall criminalize access [without…
                2. [paragraph] — A State Party may require that the offence be committed: (a)…
                  (a) [subparagraph] — by infringing security measures; or
                  (b) [subparagraph] — with dishonest intent, as referred to in paragraph 1 of this…
              Article 4 - Illegal interception [article]
              Article 5 - Misuse of devices [article]
        "#]],
    );
}

#[test]
fn the_outline_goes_to_the_depth_asked_and_untitled_articles_say_their_first_words() {
    use treaty_lsp::analysis::symbols::OutlineDepth;
    let (ws, _) = at("", 0);
    let outline = |ws: &Workspace, depth| {
        let mut out = String::new();
        render_outline(&mut out, &ws.outline_to(DocId(0), depth), 0);
        out
    };
    check(
        outline(&ws, OutlineDepth::Articles),
        expect![[r#"
            A/AC.291/TEST — Draft convention on testing [document] — draft
            Chapter I - General provisions [chapter]
              Article 1 - Use of terms [article]
              Article 2 - Scope [article]
            Chapter II - Offences [chapter]
              Article 3 - Illegal access [article]
              Article 4 - Illegal interception [article]
              Article 5 - Misuse of devices [article]
        "#]],
    );
    // the paragraphs, and an article's first points, but no points of a
    // paragraph
    check(
        outline(&ws, OutlineDepth::Paragraphs),
        expect![[r#"
            A/AC.291/TEST — Draft convention on testing [document] — draft
            Chapter I - General provisions [chapter]
              Article 1 - Use of terms [article]
                (a) [subparagraph] — "Computer system" means any device that processes data;
                (b) [subparagraph] — "Service provider" means any entity that offers a computer…
              Article 2 - Scope [article]
                1. [paragraph] — This Convention applies to the offences in Articles 3 to 5.
                2. [paragraph] — Paragraph 1 does not apply to a computer system of a State;…
            Chapter II - Offences [chapter]
              Article 3 - Illegal access [article]
                1. [paragraph] — Each State Party shall criminalize access [without…
                2. [paragraph] — A State Party may require that the offence be committed: (a)…
              Article 4 - Illegal interception [article]
              Article 5 - Misuse of devices [article]
        "#]],
    );
    let mut ws = Workspace::new();
    ws.add(
        "file:///paris.treaty.md",
        "### Article 2\n\n1. This Agreement, in enhancing the implementation of the Convention, aims to strengthen the response.\n\n### Article 3\n\nAs nationally determined contributions to the global response, all Parties are to undertake efforts.\n",
    );
    check(
        outline(&ws, OutlineDepth::Articles),
        expect![[r#"
            Article 2 [article] — This Agreement, in enhancing the implementation of the…
            Article 3 [article] — As nationally determined contributions to the global…
        "#]],
    );
    // an article's own words come before its parts'; with its parts shown,
    // an article without words of its own says nothing they do not
    let mut ws = Workspace::new();
    ws.add(
        "file:///lead-in.treaty.md",
        "### Article 3\n\nThe Parties shall cooperate closely.\n\nThey shall report annually.\n\n### Article 4\n\nFor the purposes of this Agreement:\n\n(a) \"Party\" means a Party to this Agreement;\n",
    );
    check(
        outline(&ws, OutlineDepth::Articles),
        expect![[r#"
            Article 3 [article] — The Parties shall cooperate closely.
            Article 4 [article] — For the purposes of this Agreement:
        "#]],
    );
    check(
        outline(&ws, OutlineDepth::Points),
        expect![[r#"
            Article 3 [article] — The Parties shall cooperate closely.
              second paragraph [alinea] — They shall report annually.
            Article 4 [article] — For the purposes of this Agreement:
              (a) [subparagraph] — "Party" means a Party to this Agreement;
        "#]],
    );
    // the rest of a heading line (markup) and comments are not words
    let mut ws = Workspace::new();
    ws.add(
        "file:///markup.treaty.md",
        "### [Article 5]\n\n1. Each Party shall report.\n\n### **Article 6**\n\n<!-- moved from Article 9 -->\nThe Parties shall meet.\n\n### Article 7.\n\n<!-- none yet -->\n",
    );
    check(
        outline(&ws, OutlineDepth::Articles),
        expect![[r#"
            Article 5 [article] — Each Party shall report.
            Article 6 [article] — The Parties shall meet.
            Article 7 [article]
        "#]],
    );
}

#[test]
fn workspace_symbols_match_words_fuzzily() {
    let (ws, _) = at("", 0);
    let names = |q: &str| {
        ws.workspace_symbols(q, 10)
            .into_iter()
            .map(|(_, s)| s.name)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    check(
        format!(
            "art 3: {}\nillegal: {}\nchap: {}\nart 30: {}",
            names("art 3"),
            names("illegal"),
            names("chap"),
            names("art 30")
        ),
        expect![[r#"
            art 3: Article 3 - Illegal access
            illegal: Article 3 - Illegal access | Article 4 - Illegal interception
            chap: Chapter I - General provisions | Chapter II - Offences
            art 30: "#]],
    );
}

#[test]
fn definition_on_a_paragraph_number_goes_to_the_paragraph() {
    check_definition(
        r#"
        ### Article 2

        2. Paragraph 1 does not apply; see Article 3, paragraph $02 (b).

        ### Article 3

        1. Each State Party shall criminalize access.

        2. A State Party may require that the offence be committed:
        ^^

        (b) with dishonest intent.
        "#,
    );
}

#[test]
fn definition_on_an_unnumbered_subparagraph_goes_to_its_text() {
    check_definition(
        r#"
        ### Article 49

        1. A transfer shall take place only if:

        (a) the data subject has consented.

        Where a transfer could not be based on a provision, it may take place.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

        2. As set out in the $0second subparagraph of paragraph 1.
        "#,
    );
}

#[test]
fn definition_on_the_article_and_the_point_of_a_reference() {
    check_definition(
        r#"
        See Article $03, paragraph 2 (b).

        ### Article 3
            ^^^^^^^^^

        2. A State Party may require:

        (b) dishonest intent.
        "#,
    );
    check_definition(
        r#"
        See Article 3, paragraph 2 $0(b).

        ### Article 3

        2. A State Party may require:

        (b) dishonest intent.
        ^^^
        "#,
    );
}

#[test]
fn definition_crosses_to_the_one_file_an_instruments_head_noun_names() {
    // D16: `the Charter` names the only file whose title's head noun is
    // `Charter`; with two such files it stays external
    let charter = r#"
        //- protocol.treaty.md
        # Protocol on testing

        ### Article 1

        As in Article $02 of the Charter.

        //- charter.md
        # Charter of the United Nations

        ### Article 2
            ^^^^^^^^^

        The Organization is based on the principle of sovereign equality.
        "#;
    check_definition(charter);
    let two_charters = charter.replace("^^^^^^^^^", "").to_string()
        + "\n        //- other-charter.md\n        # European Social Charter\n\n        ### Article 2\n\n        Work.\n";
    check_definition(&two_charters);
}

#[test]
fn definition_on_the_end_of_a_range_and_on_relative_references() {
    check_definition(
        r#"
        This Convention applies to the offences in Articles 1 to $05.

        ### Article 5
            ^^^^^^^^^
        "#,
    );
    check_definition(
        r#"
        ### Article 3

        1. Each State Party shall criminalize access.
        ^^

        2. With dishonest intent, as referred to in paragraph $01 of this article.
        "#,
    );
    check_definition(
        r#"
        ### Article 2

        1. This Convention applies.
        ^^

        2. Paragraph $01 does not apply to a State.
        "#,
    );
}

#[test]
fn definition_goes_nowhere_from_a_dangling_or_external_reference() {
    check_definition("### Article 4\n\nSubject to Article $09.\n");
    check_definition(
        "### Article 5\n\nArticle $019 of the International Covenant on Civil and Political Rights applies.\n",
    );
}

#[test]
fn definition_of_a_defined_term() {
    check_definition(
        r#"
        For the purposes of this Convention:

        (a) "Computer system" means any device that processes data;
             ^^^^^^^^^^^^^^^

        (b) Paragraph 1 does not apply to a com$0puter system of a State.
        "#,
    );
}

#[test]
fn references_include_ranges_that_cover_the_element() {
    check_references(
        r#"
        ### Article 2

        1. This Convention applies to the offences in Articles 3 to 5.
                                                               ^^^^^^

        ### Article 3

        Each State Party shall criminalize access.

        ### Article $04
            ^^^^^^^^^^^

        Each State Party shall criminalize interception.

        ### Article 5

        Misuse of devices.
        "#,
        true,
    );
}

#[test]
fn references_to_a_paragraph_and_to_a_term() {
    check_references(
        r#"
        ### Article 2

        1. This Convention applies.

        2. Paragraph $01 does not apply to a computer system of a State.
                     ^^^

        ### Article 4

        Each State Party, subject to Article 2, paragraph 1, and Article 9.
                                                          ^
        "#,
        false,
    );
    check_references(
        r#"
        (a) "Computer system$0" means any device that processes data;

        (b) "Service provider" means any entity that offers a computer system to users.
                                                              ^^^^^^^^^^^^^^^

        2. Paragraph 1 does not apply to a computer system of a State.
                                           ^^^^^^^^^^^^^^^
        "#,
        false,
    );
}

#[test]
fn hover_on_a_reference_shows_the_cited_text() {
    check_hover(
        r#"
        ### Article 2

        2. See Article 3, paragraph 2 $0(b).
                                      ^^^^^

        ### Article 3

        2. A State Party may require that the offence be committed:

        (b) with dishonest intent, as referred to in paragraph 1 of this article.
        "#,
        expect![[r#"
            **Article 3(2)(b)**

            > with dishonest intent, as referred to in paragraph 1 of this article."#]],
    );
}

#[test]
fn hover_on_an_article_heading_shows_its_outline_and_citations() {
    check_hover(
        r#"
        ---
        id: A/AC.291/TEST
        title: Draft convention on testing
        ---

        ### Article 2

        1. This Convention applies to the offences in Articles 3 to 5.

        2. See Article 3, paragraph 2 (b).

        ### Art$0icle 3
            ^^^^^^^^^^^
        #### Illegal access
             ^^^^^^^^^^^^^^

        1. Each State Party shall criminalize access [without right][unlawfully].

        2. A State Party may require that the offence be committed:

        (a) by infringing security measures; or

        (b) with dishonest intent, as referred to in paragraph 1 of this article.

        ### Article 5

        Text.
        "#,
        expect![[r#"
            **Article 3 - Illegal access**

            2 paragraphs, 2 subparagraphs · cited 3 times:
            - Article 2(1) — `3` (line 8)
            - Article 2(2) — `3` (line 10)
            - Article 3(2)(b) — `1` (line 21)"#]],
    );
}

#[test]
fn hover_on_a_term_an_external_and_a_dangling_reference() {
    check_hover(
        r#"
        ### Article 1

        (a) "Computer system" means any device that processes data;

        (b) Paragraph 1 does not apply to a com$0puter system of a State.
                                            ^^^^^^^^^^^^^^^^^
        "#,
        expect![[r#"
            **“Computer system”** — defined in Article 1(a)

            > (a) "Computer system" means any device that processes data;"#]],
    );
    check_hover(
        r#"
        ### Article 5

        Article 1$09 of the International Covenant on Civil and Political Rights applies.
                ^^^^
        "#,
        expect![[r#"
            **Article 19** of *the International Covenant on Civil and Political Rights*

            Another instrument, not open in this workspace."#]],
    );
    check_hover(
        r#"
        # Draft convention on testing

        ### Article 4

        Subject to Article $09.
                           ^^^
        "#,
        expect!["**Dangling reference**: Article 9 does not exist in Draft convention on testing"],
    );
}

#[test]
fn folding_ranges_cover_multi_line_elements() {
    let (ws, _) = at("", 0);
    let folds: Vec<String> = ws
        .folding_ranges(DocId(0))
        .iter()
        .map(|f| {
            format!(
                "{}-{} {:?}",
                line_of(f.span.start),
                line_of(f.span.end),
                f.kind
            )
        })
        .collect();
    check(
        folds.join("\n"),
        expect![[r#"
        1-4 FrontMatter
        8-28 Element
        12-20 Element
        22-28 Element
        30-56 Element
        34-44 Element
        40-44 Element
        46-50 Element
        52-56 Element"#]],
    );
}

#[test]
fn selection_grows_from_the_number_to_the_article() {
    let (ws, pos) = at("paragraph 2 (b)", 10);
    let spans: Vec<String> = ws
        .selection_ranges(pos)
        .iter()
        .map(|s| {
            let t = &DRAFT[s.clone()];
            if t.len() > 50 {
                format!(
                    "{:?}…{:?} ({} bytes)",
                    &t[..20],
                    &t[t.len() - 10..],
                    t.len()
                )
            } else {
                format!("{:?}", t)
            }
        })
        .collect();
    check(
        spans.join("\n"),
        expect![[r#"
        "2"
        "Article 3, paragraph 2 (b)"
        "2. Paragraph 1 does "…"aph 2 (b)." (94 bytes)
        "Article 2\n\n#### Scop"…"aph 2 (b)." (181 bytes)
        "CHAPTER I\n\n#### Gene"…"aph 2 (b)." (435 bytes)
        "---\nid: A/AC.291/TES"…"s applies." (1113 bytes)"#]],
    );
}

#[test]
fn semantic_tokens_never_overlap_and_mark_unagreed_text() {
    let (ws, _) = at("", 0);
    let tokens = ws.semantic_tokens(DocId(0), None);
    for w in tokens.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "overlap: {:?}", w);
    }
    let article3 = DRAFT.find("### Article 3").unwrap();
    let article4 = DRAFT.find("### Article 4").unwrap();
    let rendered: Vec<String> = tokens
        .iter()
        .filter(|t| t.span.start >= article3 && t.span.end <= article4)
        .map(|t| format!("{:?} {:?} m{}", &DRAFT[t.span.clone()], t.kind, t.modifiers))
        .collect();
    check(
        rendered.join("\n"),
        expect![[r#"
        "Article 3" ArticleNumber m1
        "Illegal access" Heading m1
        "1." ParagraphNumber m1
        "[without right][unlawfully]" Bracket m0
        "2." ParagraphNumber m1
        "(a)" ParagraphNumber m1
        "(b)" ParagraphNumber m1
        "paragraph 1 of this article" Reference m0"#]],
    );
}

#[test]
fn completion_offers_existing_numbers() {
    let render = |needle: &str, shift: usize| {
        let (ws, pos) = at(needle, shift);
        ws.completions(pos)
            .iter()
            .map(|c| format!("{} ({})", c.label, c.detail.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    check(
        format!(
            "after `Articles 3 to `: {}\nafter `Article 3, paragraph `: {}\nafter `paragraph ` in Article 3: {}",
            render("Articles 3 to 5", 14),
            render("Article 3, paragraph 2", 21),
            render("paragraph 1 of this article", 10),
        ),
        expect![[r#"
            after `Articles 3 to `: Article 1 (Use of terms), Article 2 (Scope), Article 3 (Illegal access), Article 4 (Illegal interception), Article 5 (Misuse of devices)
            after `Article 3, paragraph `: 1 (1. — Each State Party shall criminalize access [without right][unlawfully].…), 2 (2. — A State Party may require that the offence be committed:…)
            after `paragraph ` in Article 3: 1 (1. — Each State Party shall criminalize access [without right][unlawfully].…), 2 (2. — A State Party may require that the offence be committed:…)"#]],
    );
}

#[test]
fn renumbering_an_article_updates_every_reference() {
    let (ws, pos) = at("### Article 3", 12);
    assert_eq!(ws.prepare_rename(pos).unwrap().placeholder, "3");
    let change = ws.rename(pos, "3 bis").unwrap();
    let edits = &change.edits[0].1;
    let after = apply_edits(DRAFT, edits);
    let changed: Vec<&str> = after.lines().filter(|l| l.contains("3 bis")).collect();
    check(
        changed.join("\n"),
        expect![[r#"
        1. This Convention applies to the offences in Articles 3 bis to 5.
        2. Paragraph 1 does not apply to a computer system of a State; see Article 3 bis, paragraph 2 (b).
        ### Article 3 bis"#]],
    );
}

#[test]
fn renumbering_refuses_a_taken_number_and_a_wrong_kind() {
    let (ws, pos) = at("### Article 3", 12);
    let taken = ws.rename(pos, "4").unwrap_err();
    let (ws2, pos2) = at("2. A State Party may", 0);
    let wrong = ws2.rename(pos2, "b").unwrap_err();
    check(
        format!("{}\n{}", taken, wrong),
        expect![[r#"
        Article 4 already exists (line 46): renumber it first or choose another number
        `b` is not a number of the same kind as `2`"#]],
    );
}

#[test]
fn renumbering_a_paragraph_from_a_reference() {
    let (ws, pos) = at("paragraph 1 of this article", 10);
    let change = ws.rename(pos, "3").unwrap();
    let after = apply_edits(DRAFT, &change.edits[0].1);
    let a3 = after.find("### Article 3").unwrap();
    let a4 = after.find("### Article 4").unwrap();
    check(
        after[a3..a4].trim().to_string(),
        expect![[r#"
        ### Article 3

        #### Illegal access

        3. Each State Party shall criminalize access [without right][unlawfully].

        2. A State Party may require that the offence be committed:

        (a) by infringing security measures; or

        (b) with dishonest intent, as referred to in paragraph 3 of this article."#]],
    );
}

#[test]
fn the_outline_fingerprint_changes_only_with_what_other_files_cite() {
    let text = "# Convention on Examples\n\n### Article 1\n\n1. Text.\n\n### Article 2\n\nMore.\n";
    let fingerprint = |text: &str| {
        let mut ws = Workspace::new();
        let id = ws.add("file:///a.treaty.md", text.to_string());
        ws.file(id).outline_fingerprint()
    };
    let before = fingerprint(text);
    // an edit inside a paragraph: other files' references resolve as before
    assert_eq!(fingerprint(&text.replace("Text.", "Other words.")), before);
    // a new article, a new paragraph, a renumbering, a new title: not
    for changed in [
        text.replace("More.", "More.\n\n### Article 3\n\nNew."),
        text.replace("More.", "1. More."),
        text.replace("Article 2", "Article 4"),
        text.replace("Convention on Examples", "Convention on Samples"),
    ] {
        assert_ne!(fingerprint(&changed), before, "{changed}");
    }
}

/// Citations of an element are looked for in every file; a reference that
/// resolves into another draft must never be taken for a node of this one
/// (the other draft has more nodes: this once indexed out of bounds).
#[test]
fn hover_on_a_heading_with_references_into_a_longer_draft() {
    let long: String = (1..=30)
        .map(|n| format!("### Article {n}\n\n1. Text.\n\n2. More text.\n\n"))
        .collect();
    let long = format!("---\nid: LONG/1\n---\n\n{long}");
    let short = "### Article 1\n\nShort.\n";
    let positions =
        "[source]\nstakeholder = \"X\"\ndraft = \"LONG/1\"\n\n[[position]]\ntarget = \"Article 29, paragraph 2\"\nstance = \"support\"\nsummary = \"yes\"\n";
    let mut ws = Workspace::new();
    let short_id = ws.add("short.treaty.md", short);
    ws.add("long.treaty.md", long);
    ws.add("x.positions.toml", positions);
    let hover = ws.hover(FilePosition {
        doc: short_id,
        offset: 5,
    });
    let md = hover.expect("hover on the heading").markdown;
    assert!(md.contains("cited 0 times"), "{md}");
}

/// Diagnostics of `text`, one per line: line, severity, code, message.
fn diagnostics(text: &str) -> String {
    let mut ws = Workspace::new();
    let id = ws.add("draft.treaty.md", text);
    ws.diagnostics(id)
        .iter()
        .map(|d| {
            let line = text[..d.span.start].matches('\n').count() + 1;
            format!("{line}: {:?} {} {}\n", d.severity, d.code, d.message)
        })
        .collect()
}

#[test]
fn a_dangling_reference_is_an_error_only_where_it_surely_points_into_the_draft() {
    // a draft that cites no other instrument: a bare reference is its own
    check(
        diagnostics("### Article 1\n\nSee Article 9.\n"),
        expect![[r#"
            3: Error dangling-reference dangling reference: Article 9 does not exist in document
        "#]],
    );
    // one that cites another: only `of this Agreement`, `this article` and
    // siblings are sure; a bare `Annex I` may be the Convention's
    check(
        diagnostics(
            "### Article 1\n\nParties included in Annex I, under Article 4 of the Convention, see Article 9 of this Agreement.\n\n### Article 2\n\n1. As in paragraph 3 of this article and the following paragraph.\n",
        ),
        expect![[r#"
            3: Information unresolved-reference unresolved reference: Annex I does not exist in document; this text cites other instruments, and this reference names none, so it may be to one of them
            3: Error dangling-reference dangling reference: Article 9 does not exist in document
            7: Error dangling-reference dangling reference: Article 2 has no paragraph 3
            7: Error dangling-reference dangling reference: there is no following paragraph after Article 2(1)
        "#]],
    );
}

#[test]
fn options_of_a_negotiating_text_are_numbered_on_their_own() {
    check(
        diagnostics(
            "### Article 3\n\n**Option 1:**\n\n1. Text.\n\n2. Text.\n\n**Option 2:**\n\n1. Text.\n\n### Article 4\n\n**Proposed Mechanism 1**\n\n1. A.\n\n2. B.\n\n**Proposed Mechanism 2**\n\n1. C.\n\n1. D, a true duplicate.\n",
        ),
        expect![[r#"
            25: Error duplicate-number paragraph 1. is numbered twice
        "#]],
    );
}

#[test]
fn gap_messages_name_the_missing_inserted_numbers() {
    // grammar/README.md D18
    check(
        diagnostics("### Article 10\n\nA.\n\n### Article 10 quinquies\n\nB.\n\n### Article 11\n\nC.\n\n### Article 12 ter\n\nD.\n"),
        expect![[r#"
            5: Warning numbering-gap Article 10quinquies follows Article 10: 10 bis, 10 ter and 10 quater are missing
            13: Warning numbering-gap Article 12ter follows Article 11: 12 and 12 bis are missing
        "#]],
    );
}
