//! Stakeholder positions on the analysis layer: reading positions files,
//! resolving targets, diagnostics with exact ranges, hover tables, lenses,
//! and each kind of change applied to a draft, checked to the character.

mod support {
    pub mod edits;
    pub mod fixture;
}

use expect_test::{expect, Expect};
use support::fixture::{check_hover, check_hover_with, Fixture};
use treaty_lsp::analysis::stakes::hover::Layout;
use treaty_lsp::analysis::{apply_edits, DocId, FilePosition, Role, Workspace};
use treaty_lsp::syntax::lines::LineIndex;

const DRAFT: &str = r#"---
id: TEST/1
title: Draft convention for testing
date: 2026-11-23
---

### Article 1
#### Purposes

The purposes of this Convention are:

(a) To promote and strengthen measures to prevent and combat cybercrime;

(b) To provide practical measures to enhance technical
assistance among States parties.

### Article 2
#### Safeguards

1. States Parties shall ensure that the implementation of its obligations
   under this Convention is in accordance with applicable international
   human rights law.

2. Each State Party shall adopt [any criminal offences][serious crimes] measures.

3. Such conditions shall include [judicial supervision].

### Article 3

Text of article 3.

### Article 4

Text of article 4.
"#;

const MICROSOFT: &str = r#"#:schema ../schemas/positions.schema.json
[source]
stakeholder = "Microsoft"
group = "industry"
draft = "TEST/1"

[[position]]
target = "Article 1 (b)"
stance = "amend"
summary = "support instead of measures"
[[position.change]]
action = "replace"
find = "measures"
with = "support"

[[position]]
target = "Article 2, paragraph 1"
stance = "amend"
summary = "drop applicable, cite the ICCPR"
[[position.change]]
action = "delete-text"
find = "applicable"
[[position.change]]
action = "insert-text"
after = "human rights law"
text = ", notably the ICCPR"

[[position]]
target = "Article 2(2)"
stance = "amend"
summary = "serious crimes only"
[[position.change]]
action = "choose"
find = "serious crimes"

[[position]]
target = "Article 2(3)"
stance = "support"
summary = "keep judicial supervision"
[[position.change]]
action = "unbracket"
find = "judicial supervision"

[[position]]
target = "Articles 3 to 4"
stance = "delete"
summary = "out of scope"
[[position.change]]
action = "delete"

[[position]]
target = "Article 1"
stance = "insert"
summary = "a third purpose"
[[position.change]]
action = "insert-element"
element = "subparagraph"
number = "c"
text = "To do more."

[[position]]
target = "Article 1 (a)"
stance = "amend"
summary = "words the draft no longer has"
[[position.change]]
action = "delete-text"
find = "nonexistent words"

[[position]]
target = "Article 2, paragraph 1"
stance = "amend"
summary = "general international law"
[[position.change]]
action = "replace"
find = "applicable international human rights law"
with = "international law"
"#;

const TECH_ACCORD: &str = r#"[source]
stakeholder = "Tech Accord"
group = "industry"
draft = "TEST/1"

[[position]]
target = "Article 2"
stance = "insert"
summary = "a paragraph on redress"
[[position.change]]
action = "insert-element"
element = "paragraph"
text = "Each State Party shall provide redress."

[[position]]
target = "Article 2"
stance = "insert"
summary = "a new article after Article 2"
[[position.change]]
action = "insert-element"
element = "article"
heading = "Security research"
text = "Nothing in this Convention criminalizes lawful security research."

[[position]]
target = "Article 2"
stance = "insert"
summary = "a new paragraph numbered as the second"
[[position.change]]
action = "insert-element"
element = "paragraph"
number = "2"
text = "Taken."
"#;

fn workspace() -> (Workspace, DocId) {
    let mut ws = Workspace::new();
    let draft = ws.add("draft.treaty.md", DRAFT);
    ws.add("microsoft.positions.toml", MICROSOFT);
    ws.add("tech-accord.positions.toml", TECH_ACCORD);
    (ws, draft)
}

fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"))
}

/// Every quick fix at `$0` in a fixture's draft, each with the lines it
/// changes (or why it is disabled).
fn check_fixes(fixture: &str, expect: Expect) {
    let f = Fixture::parse(fixture);
    let (ws, ids) = f.workspace();
    let pos = f.position(&ids);
    let text = &ws.file(pos.doc).text;
    let mut out = String::new();
    for a in ws.amendments_at(pos.doc, pos.offset) {
        out.push_str(&format!("## {}\n", a.title));
        match &a.disabled {
            Some(reason) => out.push_str(&format!("disabled: {}\n", reason)),
            None => {
                assert_eq!(a.change.edits.len(), 1, "edits one file");
                let after = apply_edits(text, &a.change.edits[0].1);
                out.push_str(&support::edits::line_diff(text, &after, ""));
            }
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn replace_words_in_a_subparagraph_and_a_stale_change_beside_it() {
    check_fixes(
        r#"
        //- draft.treaty.md
        ---
        id: FIX/1
        ---

        ### Article 1
        #### Purposes

        (a) To promote and strengthen cooperation;

        (b) To provide $0practical measures to enhance technical
        assistance among States parties.
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        draft = "FIX/1"

        [[position]]
        target = "Article 1 (b)"
        stance = "amend"
        summary = "support rather than measures"
        [[position.change]]
        action = "replace"
        find = "measures"
        with = "support"

        [[position]]
        target = "Article 1"
        stance = "insert"
        summary = "a third purpose"
        [[position.change]]
        action = "insert-element"
        element = "subparagraph"
        number = "c"
        text = "To do more."

        [[position]]
        target = "Article 1 (a)"
        stance = "amend"
        summary = "words no longer in the draft"
        [[position.change]]
        action = "delete-text"
        find = "nonexistent words"
        "#,
        expect![[r#"
            ## Apply Microsoft’s amendment to Article 1(b): replace “measures” with “support”
            -(b) To provide practical measures to enhance technical
            +(b) To provide practical support to enhance technical
            ## Apply Microsoft’s amendment to Article 1: insert subparagraph c: “To do more.”
            +(c) To do more.
            +
            ## Apply all 3 amendments from Microsoft to Article 1
            disabled: stale: “nonexistent words” is not in Article 1(a) of FIX/1 (the draft may have moved on)
        "#]],
    );
}

#[test]
fn a_stale_change_is_offered_disabled_with_the_reason() {
    check_fixes(
        r#"
        //- draft.treaty.md
        ---
        id: FIX/2
        ---

        ### Article 7

        Each State Party shall $0protect personal data.
        //- ngo.positions.toml
        [source]
        stakeholder = "Access Now"
        draft = "FIX/2"

        [[position]]
        target = "Article 7"
        stance = "amend"
        summary = "the words moved"
        [[position.change]]
        action = "replace"
        find = "shall respect"
        with = "shall safeguard"
        "#,
        expect![[r#"
            ## Apply Access Now’s amendment to Article 7: replace “shall respect” with “shall safeguard”
            disabled: stale: “shall respect” is not in Article 7 of FIX/2 (the draft may have moved on)
        "#]],
    );
}

#[test]
fn delete_words_across_a_line_break_and_insert_after_words_and_name_a_conflict() {
    check_fixes(
        r#"
        //- draft.treaty.md
        ---
        id: FIX/3
        ---

        ### Article 2

        1. States Parties $0shall ensure that the implementation of its obligations
           under this Convention is in accordance with applicable international
           human rights law.
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        draft = "FIX/3"

        [[position]]
        target = "Article 2, paragraph 1"
        stance = "amend"
        summary = "no qualifier; the ICCPR by name"
        [[position.change]]
        action = "delete-text"
        find = "applicable"
        [[position.change]]
        action = "insert-text"
        after = "rights law"
        text = ", in particular the ICCPR"

        [[position]]
        target = "Article 2(1)"
        stance = "amend"
        summary = "international law"
        [[position.change]]
        action = "replace"
        find = "applicable international human rights law"
        with = "international law"
        "#,
        expect![[r#"
            ## Apply Microsoft’s amendment to Article 2(1): delete “applicable”; insert “, in particular the ICCPR” after “rights law”
            -   under this Convention is in accordance with applicable international
            -   human rights law.
            +   under this Convention is in accordance with international
            +   human rights law, in particular the ICCPR.
            ## Apply Microsoft’s amendment to Article 2(1): replace “applicable international human rights law” with “international law”
            -   under this Convention is in accordance with applicable international
            -   human rights law.
            +   under this Convention is in accordance with international law.
            ## Apply all 2 amendments from Microsoft to Article 2
            disabled: conflict: delete “applicable” (Article 2(1)) and replace “applicable international human rights…” with “international law” (Article 2(1)) change the same text
        "#]],
    );
}

#[test]
fn new_paragraphs_and_articles_numbered_and_formatted_like_their_siblings() {
    check_fixes(
        r#"
        //- draft.treaty.md
        ---
        id: FIX/4
        ---

        ### Article 2
        #### Safeguards

        1. Conditions shall include judicial review.

        2. Each $0State Party shall keep records.

        3. Records shall be kept for five years.

        ### Article 3

        Entry into force.
        //- accord.positions.toml
        [source]
        stakeholder = "Tech Accord"
        draft = "FIX/4"

        [[position]]
        target = "Article 2"
        stance = "insert"
        summary = "redress"
        [[position.change]]
        action = "insert-element"
        element = "paragraph"
        text = "Each State Party shall provide redress."

        [[position]]
        target = "Article 2"
        stance = "insert"
        summary = "security research"
        [[position.change]]
        action = "insert-element"
        element = "article"
        heading = "Security research"
        text = "Nothing in this Convention criminalizes lawful security research."

        [[position]]
        target = "Article 2"
        stance = "insert"
        summary = "a number already taken"
        [[position.change]]
        action = "insert-element"
        element = "paragraph"
        number = "2"
        text = "Taken."
        "#,
        expect![[r#"
            ## Apply Tech Accord’s amendment to Article 2: insert a new paragraph: “Each State Party shall provide redress.”
            +4. Each State Party shall provide redress.
            +
            ## Apply Tech Accord’s amendment to Article 2: insert a new article: “Nothing in this Convention criminalizes lawful security research.”
            +### Article 2 bis
            +#### Security research
            +
            +Nothing in this Convention criminalizes lawful security research.
            +
            ## Apply Tech Accord’s amendment to Article 2: insert paragraph 2: “Taken.”
            disabled: Article 2(2) already exists
            ## Apply all 3 amendments from Tech Accord to Article 2
            disabled: Article 2(2) already exists
        "#]],
    );
}

#[test]
fn choose_an_alternative() {
    check_fixes(
        r#"
        //- draft.treaty.md
        ---
        id: FIX/5
        ---

        ### Article 2

        2. Each State Party shall $0adopt [any criminal offences][serious crimes] measures.
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        draft = "FIX/5"

        [[position]]
        target = "Article 2(2)"
        stance = "amend"
        summary = "serious crimes only"
        [[position.change]]
        action = "choose"
        find = "serious crimes"
        "#,
        expect![[r#"
            ## Apply Microsoft’s amendment to Article 2(2): keep the alternative “serious crimes”
            -2. Each State Party shall adopt [any criminal offences][serious crimes] measures.
            +2. Each State Party shall adopt serious crimes measures.
        "#]],
    );
}

#[test]
fn remove_brackets() {
    check_fixes(
        r#"
        //- draft.treaty.md
        ---
        id: FIX/6
        ---

        ### Article 5

        3. Such conditions $0shall include [judicial supervision].
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        draft = "FIX/6"

        [[position]]
        target = "Article 5(3)"
        stance = "support"
        summary = "keep the supervision"
        [[position.change]]
        action = "unbracket"
        find = "judicial supervision"
        "#,
        expect![[r#"
            ## Apply Microsoft’s amendment to Article 5(3): remove the brackets around “judicial supervision”
            -3. Such conditions shall include [judicial supervision].
            +3. Such conditions shall include judicial supervision.
        "#]],
    );
}

#[test]
fn delete_a_range_of_articles() {
    check_fixes(
        r#"
        //- draft.treaty.md
        ---
        id: FIX/7
        ---

        ### Article 3

        Text of article 3.

        ### Article 4

        Text of $0article 4.

        ### Article 5

        Text of article 5.
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        draft = "FIX/7"

        [[position]]
        target = "Articles 3 to 5"
        stance = "delete"
        summary = "out of scope"
        [[position.change]]
        action = "delete"
        "#,
        expect![[r#"
            ## Apply Microsoft’s amendment to Article 4: delete Article 4
            -### Article 4
            -
            -Text of article 4.
            -
            ## Apply Microsoft’s amendment to all 3 elements of Articles 3 to 5: delete
            -### Article 3
            -
            -Text of article 3.
            -
            -### Article 4
            -
            -Text of article 4.
            -
            -### Article 5
            -
            -Text of article 5.
            -
        "#]],
    );
}

/// Diagnostics of a positions file, as `line:col-line:col code: message`.
fn check_diagnostics(toml: &str, expect: Expect) {
    let mut ws = Workspace::new();
    ws.add("draft.treaty.md", DRAFT);
    let id = ws.add("x.positions.toml", toml);
    let index = LineIndex::new(toml);
    let mut out = String::new();
    for d in ws.diagnostics(id) {
        let (a, b) = (
            index.line_col(toml, d.span.start),
            index.line_col(toml, d.span.end),
        );
        out.push_str(&format!(
            "{}:{}-{}:{} {}: {} `{}`\n",
            a.0,
            a.1,
            b.0,
            b.1,
            d.code,
            d.message,
            &toml[d.span.clone()]
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn diagnostics_of_a_positions_file_have_exact_ranges() {
    check_diagnostics(
        r#"[source]
stakeholder = "X"
grup = "industry"
draft = "TEST/1"

[[position]]
target = "Article 9"
stance = "amend"
summary = "no such article"

[[position]]
target = "Article 2, paragraph 7"
stance = "amend"
summary = "no such paragraph"

[[position]]
target = "Article 1 (a)"
stance = "ammend"
summary = "misspelt stance"

[[position]]
target = "Article 2(1)"
stance = "amend"
summary = "stale"
[[position.change]]
action = "replace"
find = "applicable regional law"
with = "law"

[[position]]
target = "Article 2(1)"
stance = "amend"
summary = "with key on a delete"
[[position.change]]
action = "delete"
with = "x"
"#,
        expect![[r#"
            3:1-3:5 schema: unknown key `grup` in [source] (did you mean `group`?); expected one of: `stakeholder`, `group`, `title`, `date`, `link`, `submission`, `draft` `grup`
            7:19-7:20 unknown-target: not in TEST/1: Article 9 does not exist in Draft convention for testing `9`
            12:32-12:33 unknown-target: not in TEST/1: Article 2 has no paragraph 7 `7`
            18:10-18:18 schema: `ammend` is not a stance (did you mean `amend`?); one of: `support`, `oppose`, `amend`, `delete`, `insert`, `reservation`, `comment` `"ammend"`
            27:8-27:33 stale-change: stale: “applicable regional law” is not in Article 2(1) of TEST/1 (the draft may have moved on) `"applicable regional law"`
            36:8-36:11 schema: `with` has no meaning for action `delete` `"x"`
        "#]],
    );
}

#[test]
fn broken_toml_is_reported_and_other_files_still_load() {
    let mut ws = Workspace::new();
    let draft = ws.add("draft.treaty.md", DRAFT);
    let broken = ws.add(
        "broken.positions.toml",
        "[source]\nstakeholder = \"Broken\"\n[[position]]\ntarget = \"Article 1\nstance = \"amend\"\n",
    );
    ws.add("microsoft.positions.toml", MICROSOFT);
    let d = ws.diagnostics(broken);
    assert!(
        d.iter().any(|d| d.code == "toml-syntax"),
        "syntax error reported: {d:?}"
    );
    // Microsoft's positions still count
    let article1 = ws.file(draft).doc.articles().next().unwrap();
    assert!(!ws.positions_within(draft, article1).is_empty());
}

#[test]
fn hover_on_an_article_lists_positions_on_it_and_its_parts() {
    check_hover(
        r#"
        //- draft.treaty.md
        ---
        id: HOV/1
        title: Draft for hovers
        date: 2026-11-23
        ---

        ### Art$0icle 2
            ^^^^^^^^^^^
        #### Safeguards
             ^^^^^^^^^^

        1. Each State Party shall ensure respect for applicable human rights law.

        2. Each State Party shall adopt [any offences][serious crimes] measures.

        3. Such conditions shall include [judicial supervision].
        //- accord.positions.toml
        [source]
        stakeholder = "Tech Accord"
        group = "industry"
        draft = "HOV/1"

        [[position]]
        target = "Article 2"
        stance = "insert"
        summary = "a paragraph on redress"
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        group = "industry"
        draft = "HOV/1"

        [[position]]
        target = "Article 2, paragraph 1"
        stance = "amend"
        summary = "drop the qualifier"

        [[position]]
        target = "Article 2(2)"
        stance = "amend"
        summary = "serious crimes only"
        [[position.change]]
        action = "choose"
        find = "serious crimes"

        [[position]]
        target = "Article 2(3)"
        stance = "support"
        summary = "keep the supervision"
        "#,
        expect![[r#"
            **Article 2 - Safeguards**

            **Positions**: 2 amend · 1 support · 1 insert

            - **Tech Accord** (industry) · *insert*: a paragraph on redress
              [position](accord.positions.toml#L6)
            - **Microsoft** (industry) · *amend* · Article 2(1): drop the qualifier
              [position](ms.positions.toml#L6)
            - **Microsoft** (industry) · *amend* · Article 2(2): serious crimes only
              [position](ms.positions.toml#L11)
            - **Microsoft** (industry) · *support* · Article 2(3): keep the supervision
              [position](ms.positions.toml#L19)

            3 paragraphs · cited 0 times"#]],
    );
}

/// For a client whose Markdown renders tables: one row per position, the
/// stakeholder's words beside the summary.
#[test]
fn hover_as_a_table_for_clients_that_render_tables() {
    check_hover_with(
        r#"
        //- draft.treaty.md
        ### Art$0icle 6
            ^^^^^^^^^^^

        1. States Parties shall ensure that the implementation is lawful.
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        group = "industry"

        [[position]]
        target = "Article 6(1)"
        stance = "amend"
        summary = "lawful and proportionate"
        quote = "Add proportionate."
        "#,
        Layout::Table,
        expect![[r#"
            **Article 6**

            **Positions**: 1 amend

            | Stakeholder | Stance | On | Proposal | Source |
            |---|---|---|---|---|
            | **Microsoft** (industry) | amend | Article 6(1) | lawful and proportionate — “Add proportionate.” | [position](ms.positions.toml#L5) |

            1 paragraph · cited 0 times"#]],
    );
}

/// A stakeholder's long words are cut after a sentence (never inside
/// `Art. 13`), with a link to the rest; past eight positions the hover
/// says how many more and where they all are.
#[test]
fn hover_shortens_long_words_and_says_how_many_more_positions() {
    let mut positions = String::from(
        "[source]\nstakeholder = \"State A\"\ngroup = \"state\"\nsubmission = \"a.md\"\n",
    );
    positions.push_str(
        "\n[[position]]\ntarget = \"Article 1(1)\"\nstance = \"delete\"\nsummary = \"delete\"\n\
         quote = \"We cannot accept this paragraph, which repeats Art. 13 of the Budapest \
         Convention word for word. It would, moreover, oblige States to criminalize acts that \
         are lawful in many jurisdictions, and it gives no safeguard for researchers.\"\n",
    );
    for i in 2..=10 {
        positions.push_str(&format!(
            "\n[[position]]\ntarget = \"Article 1(1)\"\nstance = \"support\"\nsummary = \"keep it ({i})\"\n"
        ));
    }
    let draft = "### Article 1\n\n1. Each State Party shall adopt measures.\n";
    let mut ws = treaty_lsp::analysis::Workspace::new();
    let id = ws.add("draft.treaty.md", draft);
    ws.add("a.positions.toml", positions);
    let md = ws
        .hover(treaty_lsp::analysis::FilePosition { doc: id, offset: 5 })
        .expect("hover")
        .markdown;
    assert!(md.contains("**Positions**: 9 support · 1 delete"), "{md}");
    assert!(
        md.contains(
            "\n  “We cannot accept this paragraph, which repeats Art. 13 of the Budapest \
             Convention word for word.” … — [the rest: submission](a.md) · "
        ),
        "{md}"
    );
    assert_eq!(md.matches("\n- **State A**").count(), 8, "{md}");
    assert!(
        md.contains("keep it (8)") && !md.contains("keep it (9)"),
        "{md}"
    );
    assert!(
        md.contains(
            "*… and 2 more positions: the lens above Article 1 and the positions report list them all.*"
        ),
        "{md}"
    );
}

/// A submission whose name has spaces, commas and parentheses (as extract
/// names them): the link works, and the line it points to is not listed
/// again as a mention, however the client spelt the file's URI.
#[test]
fn submission_names_with_spaces_link_and_are_not_mentioned_twice() {
    let draft = "---\nid: S/1\n---\n\n### Article 1\n\n1. The text.\n";
    let positions = "[source]\nstakeholder = \"UK\"\ndraft = \"S/1\"\nsubmission = \"UK, comments (2024).md\"\n\n\
        [[position]]\ntarget = \"Article 1(1)\"\nstance = \"support\"\nsummary = \"keep\"\nquote = \"We support Article 1 (1).\"\n";
    let mut ws = treaty_lsp::analysis::Workspace::new();
    let d = ws.add("d.treaty.md", draft);
    ws.add("uk.positions.toml", positions);
    ws.add_as(
        "UK%2C%20comments%20%282024%29.md",
        "We support Article 1 (1).\n",
        treaty_lsp::analysis::Role::Submission,
    );
    let md = ws
        .hover(treaty_lsp::analysis::FilePosition {
            doc: d,
            offset: draft.find("Article 1").unwrap(),
        })
        .expect("hover")
        .markdown;
    assert!(
        md.contains("[submission, line 1](UK,%20comments%20%282024%29.md#L1)"),
        "{md}"
    );
    assert!(!md.contains("**Mentioned in**"), "{md}");
}

#[test]
fn hover_in_a_paragraph_body() {
    check_hover(
        r#"
        //- draft.treaty.md
        ---
        id: HOV/2
        ---

        ### Article 6

        1. States Parties shall ensure that the $0implementation is lawful.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        group = "industry"
        draft = "HOV/2"

        [[position]]
        target = "Article 6(1)"
        stance = "amend"
        summary = "lawful and proportionate"
        "#,
        expect![[r#"
            **Article 6(1)**

            **Positions**: 1 amend

            - **Microsoft** (industry) · *amend*: lawful and proportionate
              [position](ms.positions.toml#L6)"#]],
    );
}

#[test]
fn hover_text_from_a_positions_file_is_never_a_link_a_command_or_html() {
    check_hover(
        r#"
        //- draft.treaty.md
        ---
        id: HOV/3
        ---

        ### Article 6

        1. States Parties shall ensure that the $0implementation is lawful.
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        //- evil.positions.toml
        [source]
        stakeholder = "Evil <b>Corp</b>"
        group = "industry"
        draft = "HOV/3"
        link = "command:workbench.action.terminal.new"

        [[position]]
        target = "Article 6(1)"
        stance = "amend"
        summary = "see [this](command:evil) and ![x](http://x/y.png) | <script>x</script>"
        "#,
        expect![[r#"
            **Article 6(1)**

            **Positions**: 1 amend

            - **Evil \<b\>Corp\</b\>** (industry) · *amend*: see \[this\](command:evil) and \!\[x\](http://x/y.png) \| \<script\>x\</script\>
              submission: command:workbench.action.terminal.new · [position](evil.positions.toml#L7)"#]],
    );
}

#[test]
fn hover_on_brackets_lists_the_positions_that_change_their_words() {
    check_hover(
        r#"
        //- draft.treaty.md
        ### Article 8

        1. Each State Party shall [criminalize][consider criminalizing] the act.

        2. Each State Party shall adopt [any offences][serious$0 crimes] measures.
                                                      ^^^^^^^^^^^^^^^^^^
        //- ms.positions.toml
        [source]
        stakeholder = "Microsoft"
        group = "industry"

        [[position]]
        target = "Article 8(2)"
        stance = "amend"
        summary = "serious crimes only"
        [[position.change]]
        action = "choose"
        find = "serious crimes"

        [[position]]
        target = "Article 8(1)"
        stance = "amend"
        summary = "only consider"
        [[position.change]]
        action = "choose"
        find = "consider criminalizing"
        "#,
        expect![[r#"
            **Square brackets**: language not yet agreed, one of 2 alternatives.

            - **Microsoft** (industry) · *amend*: serious crimes only
              [position](ms.positions.toml#L5)"#]],
    );
}

#[test]
fn lenses_and_contested_hints() {
    let (ws, draft) = workspace();
    let lenses: Vec<String> = ws
        .position_lenses(draft)
        .iter()
        .map(|l| {
            format!(
                "{} | {} | {} places",
                &DRAFT[l.span.clone()],
                l.title,
                l.positions.len()
            )
        })
        .collect();
    expect![[r#"
        Article 1 | 2 amend · 1 insert — Microsoft | 3 places
        Article 2 | 3 amend · 3 insert · 1 support — Tech Accord, Microsoft | 7 places
        Article 3 | 1 delete — Microsoft | 1 places
        Article 4 | 1 delete — Microsoft | 1 places"#]]
    .assert_eq(&lenses.join("\n"));
    let hints: Vec<String> = ws
        .contested_diagnostics(draft)
        .iter()
        .map(|d| d.message.clone())
        .collect();
    expect![[r#"
        Article 1: 1 insert (Microsoft)
        Article 1(a): 1 amend (Microsoft)
        Article 1(b): 1 amend (Microsoft)
        Article 2: 3 insert (Tech Accord)
        Article 2(1): 2 amend (Microsoft)
        Article 2(2): 1 amend (Microsoft)
        Article 2(3): 1 support (Microsoft)
        Article 3: 1 delete (Microsoft)
        Article 4: 1 delete (Microsoft)"#]]
    .assert_eq(&hints.join("\n"));
}

#[test]
fn definition_and_references_link_positions_and_the_draft() {
    let (ws, draft) = workspace();
    let ms = ws.find("microsoft.positions.toml").unwrap();
    // go to definition from the `1` of `Article 2, paragraph 1`
    let target = at(MICROSOFT, "Article 2, paragraph 1") + "Article 2, paragraph ".len();
    let defs = ws.definition(FilePosition {
        doc: ms,
        offset: target,
    });
    assert_eq!(defs.len(), 1);
    assert_eq!(defs[0].doc, draft);
    assert!(DRAFT[defs[0].full.clone()].starts_with("1. States Parties shall ensure"));
    // find references on Article 3 lists the range `Articles 3 to 4`
    let refs = ws.references(
        FilePosition {
            doc: draft,
            offset: at(DRAFT, "Article 3\n") + "Article ".len(),
        },
        false,
    );
    let in_positions: Vec<&str> = refs
        .iter()
        .filter(|r| r.doc == ms)
        .map(|r| &MICROSOFT[r.span.clone()])
        .collect();
    assert_eq!(in_positions, ["3"]);
}

#[test]
fn renumbering_an_article_updates_the_positions_that_target_it() {
    let (ws, _) = workspace();
    let draft = ws.find("draft.treaty.md").unwrap();
    let change = ws
        .rename(
            FilePosition {
                doc: draft,
                offset: at(DRAFT, "Article 4\n") + "Article ".len(),
            },
            "5",
        )
        .expect("rename");
    let ms = ws.find("microsoft.positions.toml").unwrap();
    let edits = &change
        .edits
        .iter()
        .find(|(d, _)| *d == ms)
        .expect("positions edited")
        .1;
    let after = apply_edits(MICROSOFT, edits);
    assert!(after.contains("target = \"Articles 3 to 5\""), "{after}");
}

#[test]
fn new_siblings_at_one_place_go_in_number_order_and_unnumbered_ones_conflict() {
    let draft =
        "### Article 45\n\n1. Each State Party shall:\n\n   (a) keep records;\n\n   (b) report.\n";
    let positions = |numbers: [&str; 2]| {
        let mut t = String::from("[source]\nstakeholder = \"M\"\n");
        // (d) first in the file: the order comes from the numbers
        for n in numbers.iter().rev() {
            t.push_str("[[position]]\ntarget = \"Article 45, paragraph 1\"\nstance = \"insert\"\nsummary = \"s\"\n[[position.change]]\naction = \"insert-element\"\nelement = \"subparagraph\"\n");
            if !n.is_empty() {
                t.push_str(&format!("number = \"{n}\"\n"));
            }
            t.push_str(&format!("text = \"new {n}.\"\n"));
        }
        t
    };
    let run = |numbers: [&str; 2]| {
        let mut ws = Workspace::new();
        let d = ws.add("d.treaty.md", draft);
        ws.add("m.positions.toml", positions(numbers).as_str());
        let all = ws
            .amendments_at(d, at(draft, "keep"))
            .into_iter()
            .find(|a| a.title.starts_with("Apply all 2"))
            .expect("the combined action");
        match all.disabled {
            Some(reason) => reason,
            None => apply_edits(draft, &all.change.edits[0].1),
        }
    };
    assert_eq!(
        run(["c", "d"]),
        "### Article 45\n\n1. Each State Party shall:\n\n   (a) keep records;\n\n   (b) report.\n\n   (c) new c.\n\n   (d) new d.\n"
    );
    assert_eq!(
        run(["", ""]),
        "conflict: insert a new subparagraph (Article 45(1)) and insert a new subparagraph (Article 45(1)) change the same text"
    );
}

/// Everything one stakeholder proposes for the draft at once: what is
/// applied, what is skipped and why.
fn check_stakeholder(ws: &Workspace, draft: DocId, who: &str, expect: Expect) {
    let all = ws.stakeholder_amendments(draft, who);
    // the label an editor's preview shows, and every word it changes
    // (a change with edits always carries its label)
    assert_eq!(all.change.label.is_some(), !all.change.edits.is_empty());
    if let Some(label) = &all.change.label {
        let first = ["insert “", "delete “", "replace “"];
        assert!(
            first.iter().any(|w| label.description.starts_with(w)),
            "{label:?}"
        );
        assert!(label.label.starts_with("all amendments from "), "{label:?}");
    }
    let mut out = format!("applied {}\n", all.applied);
    for s in &all.skipped {
        out.push_str(&format!("skipped {}: {}\n", s.what, s.reason));
    }
    if let Some((_, edits)) = all.change.edits.first() {
        out.push_str(&support::edits::line_diff(
            DRAFT,
            &apply_edits(DRAFT, edits),
            "",
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn all_of_a_stakeholders_amendments_to_the_draft_and_the_stakeholder_filter() {
    let (mut ws, draft) = workspace();
    let summary: Vec<String> = ws
        .stakeholders(draft)
        .iter()
        .map(|s| {
            format!(
                "{} {:?} {}/{}",
                s.stakeholder, s.group, s.amendments, s.positions
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "Microsoft Some(\"industry\") 7/8",
            "Tech Accord Some(\"industry\") 2/3"
        ]
    );
    check_stakeholder(
        &ws,
        draft,
        "tech accord",
        expect![[r#"
            applied 2
            skipped Article 2: a new paragraph numbered as the second: Article 2(2) already exists
            +4. Each State Party shall provide redress.
            +
            +### Article 2 bis
            +#### Security research
            +
            +Nothing in this Convention criminalizes lawful security research.
            +
        "#]],
    );
    check_stakeholder(
        &ws,
        draft,
        "Microsoft",
        expect![[r#"
            applied 6
            skipped Article 1 (a): words the draft no longer has: stale: “nonexistent words” is not in Article 1(a) of TEST/1 (the draft may have moved on)
            skipped Article 2, paragraph 1: general international law: conflict: delete “applicable” (Article 2(1)) and replace “applicable international human rights…” with “international law” (Article 2(1)) change the same text
            -(b) To provide practical measures to enhance technical
            -assistance among States parties.
            -
            -### Article 2
            -#### Safeguards
            -
            -1. States Parties shall ensure that the implementation of its obligations
            -   under this Convention is in accordance with applicable international
            -   human rights law.
            -
            -2. Each State Party shall adopt [any criminal offences][serious crimes] measures.
            -
            -3. Such conditions shall include [judicial supervision].
            -
            -### Article 3
            -
            -Text of article 3.
            -
            -### Article 4
            -
            -Text of article 4.
            +(b) To provide practical support to enhance technical
            +assistance among States parties.
            +
            +(c) To do more.
            +
            +### Article 2
            +#### Safeguards
            +
            +1. States Parties shall ensure that the implementation of its obligations
            +   under this Convention is in accordance with international
            +   human rights law, notably the ICCPR.
            +
            +2. Each State Party shall adopt serious crimes measures.
            +
            +3. Such conditions shall include judicial supervision.
        "#]],
    );

    // the filter hides the others' positions in the draft, not in their files
    ws.set_stakeholder_filter(&["tech accord".to_string()]);
    assert_eq!(ws.stakeholders(draft).len(), 1);
    assert!(ws.amendments_at(draft, at(DRAFT, "practical")).is_empty());
    let hover = ws.hover(FilePosition {
        doc: draft,
        offset: at(DRAFT, "Article 2"),
    });
    let md = hover.map(|h| h.markdown).unwrap_or_default();
    assert!(
        md.contains("Tech Accord") && !md.contains("Microsoft"),
        "{md}"
    );
    let microsoft = ws.find("microsoft.positions.toml").unwrap();
    assert!(!ws.positions_diagnostics(microsoft).is_empty());
}

/// A text saved with lone CRs (classic Mac OS line ends) has lines as LSP
/// counts them: every "line N" in a hover counts a CR as a line break.
#[test]
fn lines_in_hovers_count_a_lone_cr_as_a_line_break() {
    let draft = "---\rid: CR/1\r---\r\r### Article 1\r\rSee Article 2.\r\r### Article 2\r\rThe words of article 2.\r";
    let positions = "[source]\nstakeholder = \"Microsoft\"\ndraft = \"CR/1\"\nsubmission = \"submission.md\"\n\n[[position]]\ntarget = \"Article 2\"\nstance = \"support\"\nsummary = \"keep it\"\nquote = \"We support Article 2.\"\n";
    let submission = "# Comments\r\rIntro.\r\rWe support Article 2.\r";
    let mut ws = Workspace::new();
    let draft_id = ws.add("draft.treaty.md", draft);
    ws.add("microsoft.positions.toml", positions);
    ws.add_as("submission.md", submission, Role::Submission);
    let md = ws
        .hover(FilePosition {
            doc: draft_id,
            offset: at(draft, "Article 2\r\r"),
        })
        .expect("hover")
        .markdown;
    // cited on line 7 of the draft, quoted on line 5 of the submission
    assert!(md.contains("`2` (line 7)"), "{md}");
    assert!(
        md.contains("[submission, line 5](submission.md#L5)"),
        "{md}"
    );
    // the position links to that line: it is not listed again as a mention
    assert!(!md.contains("**Mentioned in**"), "{md}");
}
