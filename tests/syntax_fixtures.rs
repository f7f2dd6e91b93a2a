//! Every form the parser reads, in small drafts: the exact tree, and the
//! exact target of each reference. Snapshots are checked by hand.

use expect_test::{expect, Expect};
use treaty_lsp::analysis::{Resolution, Workspace};
use treaty_lsp::syntax::{parse, Document, NodeId};

/// The outline: one element per line, indented; `[key]`, the heading, and
/// the first words of its own text.
fn tree(text: &str) -> String {
    let doc = parse(text);
    let mut out = String::new();
    if let Some(t) = &doc.title {
        out.push_str(&format!("title {:?}\n", t));
    }
    fn walk(doc: &Document, text: &str, id: NodeId, depth: usize, out: &mut String) {
        let n = doc.node(id);
        let own_end = n
            .children
            .first()
            .map_or(n.span.end, |&c| doc.node(c).span.start);
        let body_start = n
            .heading_span
            .as_ref()
            .map_or(n.label_span.end, |h| h.end)
            .clamp(n.span.start, own_end);
        let words: Vec<&str> = text[body_start..own_end]
            .split_whitespace()
            .filter(|w| !w.chars().all(|c| c == '#' || c == '*'))
            .take(4)
            .collect();
        out.push_str(&format!(
            "{}{} {:?} [{}]",
            "  ".repeat(depth),
            n.kind.name(),
            n.label,
            n.key
        ));
        if let Some(h) = &n.heading {
            out.push_str(&format!(" — {:?}", h));
        }
        if !words.is_empty() {
            out.push_str(&format!(" | {}", words.join(" ")));
        }
        out.push('\n');
        for &c in &n.children {
            walk(doc, text, c, depth + 1, out);
        }
    }
    for &c in &doc.root().children {
        walk(&doc, text, c, 0, &mut out);
    }
    out
}

/// Every target of every reference: the text naming it -> where it leads.
fn refs(text: &str) -> String {
    let mut ws = Workspace::new();
    let id = ws.add("draft", text);
    let doc = &ws.file(id).doc;
    let mut out = String::new();
    for r in &doc.references {
        out.push_str(&format!("{:?}\n", &text[r.span.clone()]));
        for res in ws.resolve_reference(id, r) {
            let t = res.target;
            let to = match res.resolution {
                Resolution::Node { node, .. } => doc.display_name(node),
                Resolution::External { instrument } => format!("external: {instrument}"),
                Resolution::Dangling { reason } => format!("dangling: {reason}"),
            };
            out.push_str(&format!(
                "  {:?} {:?} -> {}\n",
                &text[t.span.clone()],
                t.role,
                to
            ));
        }
    }
    out
}

fn check_tree(text: &str, e: Expect) {
    e.assert_eq(&tree(text));
}

fn check_refs(text: &str, e: Expect) {
    e.assert_eq(&refs(text));
}

// ---------------------------------------------------------------- structure

#[test]
fn preamble_glued_to_its_word() {
    check_tree(
        "# Convention\n\nPreamble The member States, Considering the need;\n\n### Article 1\n\nText.\n",
        expect![[r#"
            title "Convention"
            preamble "Preamble" [] | The member States, Considering
            article "Article 1" [1] | Text.
        "#]],
    );
}

#[test]
fn chapters_sections_titles_budapest_style() {
    check_tree(
        "### CHAPTER I\n\n#### USE OF TERMS\n\n### Article 1\n\nText.\n\n### CHAPTER II\n\n### SECTION 1\n\n### TITLE 1\n\n### Article 2\n\nA.\n\n### TITLE 2\n\n### Article 3\n\nB.\n\n### SECTION 2\n\n### TITLE 1\n\n### Article 4\n\nC.\n\n### CHAPTER III\n\n### Article 5\n\nD.\n",
        expect![[r#"
            chapter "CHAPTER I" [I] — "USE OF TERMS"
              article "Article 1" [1] | Text.
            chapter "CHAPTER II" [II]
              section "SECTION 1" [1]
                title "TITLE 1" [1]
                  article "Article 2" [2] | A.
                title "TITLE 2" [2]
                  article "Article 3" [3] | B.
              section "SECTION 2" [2]
                title "TITLE 1" [1]
                  article "Article 4" [4] | C.
            chapter "CHAPTER III" [III]
              article "Article 5" [5] | D.
        "#]],
    );
}

#[test]
fn article_number_forms() {
    check_tree(
        "Article 5\n\nA.\n\nARTICLE 6\n\nB.\n\nArt. 7\n\nC.\n\nArticle 3 bis\n\nD.\n\nArticle 93bis\n\nE.\n\nArticle 11ter\n\nF.\n\nArticle 11 quater\n\nG.\n\nArticle 11 quinquies\n\nH.\n\nArt 12\n\nI.\n\nArt 13 applies here.\n",
        expect![[r#"
            article "Article 5" [5] | A.
            article "ARTICLE 6" [6] | B.
            article "Art. 7" [7] | C.
            article "Article 3 bis" [3bis] | D.
            article "Article 93bis" [93bis] | E.
            article "Article 11ter" [11ter] | F.
            article "Article 11 quater" [11quater] | G.
            article "Article 11 quinquies" [11quinquies] | H.
            article "Art 12" [12] | I.
              alinea "" [2] | Art 13 applies here.
        "#]],
    );
}

#[test]
fn headings_on_the_same_line_and_the_next() {
    check_tree(
        "Article 5. Respect for human rights\n\nText one.\n\nArticle 6 - Illegal access\n\nText two.\n\nArticle 7\n\nIllegal interception\n\nText three.\n\n### Article 8\n\n#### Data interference\n\nText four.\n\n**Article 9**\n\n**System interference**\n\nText five.\n",
        expect![[r#"
            article "Article 5" [5] — "Respect for human rights" | Text one.
            article "Article 6" [6] — "Illegal access" | Text two.
            article "Article 7" [7] — "Illegal interception" | Text three.
            article "Article 8" [8] — "Data interference" | Text four.
            article "Article 9" [9] — "System interference" | Text five.
        "#]],
    );
}

#[test]
fn paragraph_label_forms() {
    check_tree(
        "### Article 1\n\n1. One.\n\n2 - Two.\n\n### Article 2\n\n(1) One.\n\n(2). Two.\n\n### Article 3\n\n1) One.\n",
        expect![[r#"
            article "Article 1" [1]
              paragraph "1." [1] | One.
              paragraph "2 -" [2] | Two.
            article "Article 2" [2]
              paragraph "(1)" [1] | One.
              paragraph "(2)." [2] | Two.
            article "Article 3" [3]
              paragraph "1)" [1] | One.
        "#]],
    );
}

#[test]
fn subparagraph_forms_and_a_label_alone_on_its_line() {
    check_tree(
        "### Article 1\n\n1. Chapeau:\n\n(a) one;\n\n(b). two;\n\n2. Second:\n\na) three;\n\nb) four.\n\n3. Third:\n\na. five;\n\nb. six.\n\n4. EU style:\n\n(a)\n\nseven;\n\n(b)\n\neight.\n",
        expect![[r#"
            article "Article 1" [1]
              paragraph "1." [1] | Chapeau:
                subparagraph "(a)" [a] | one;
                subparagraph "(b)." [b] | two;
              paragraph "2." [2] | Second:
                subparagraph "a)" [a] | three;
                subparagraph "b)" [b] | four.
              paragraph "3." [3] | Third:
                subparagraph "a." [a] | five;
                subparagraph "b." [b] | six.
              paragraph "4." [4] | EU style:
                subparagraph "(a)" [a] | seven;
                subparagraph "(b)" [b] | eight.
        "#]],
    );
}

#[test]
fn items_and_the_h_i_ambiguity() {
    check_tree(
        "### Article 1\n\n1. Points:\n\n(g) g;\n\n(h) h means:\n\n(i) first item;\n\n(ii) second item;\n\n(i) the letter i;\n\n(j) j.\n\n2. More:\n\n(a) a:\n\n(i) item;\n\n(A) deeper;\n\n(B) deeper still.\n",
        expect![[r#"
            article "Article 1" [1]
              paragraph "1." [1] | Points:
                subparagraph "(g)" [g] | g;
                subparagraph "(h)" [h] | h means:
                  item "(i)" [i] | first item;
                  item "(ii)" [ii] | second item;
                subparagraph "(i)" [i] | the letter i;
                subparagraph "(j)" [j] | j.
              paragraph "2." [2] | More:
                subparagraph "(a)" [a] | a:
                  item "(i)" [i] | item;
                    subitem "(A)" [A] | deeper;
                    subitem "(B)" [B] | deeper still.
        "#]],
    );
}

#[test]
fn markdown_lists_nested_by_indentation() {
    // the adopted Paris Agreement: items 1-3 under paragraph 1 are its
    // points (a)-(c); a second level nests as items; a list indented past
    // the marker of its parent that starts afresh nests too
    check_tree(
        "### Article 2\n\n1. Aims to strengthen, including by:\n\n    1. Holding the increase;\n    2. Increasing the ability:\n\n        1. first;\n        2. second;\n\n    3. Making finance flows.\n\n2. Will be implemented.\n\n### Article 13\n\n7. Each Party shall provide:\n\n 1. A national inventory;\n\n 2. Information;\n\n8. Each Party should.\n",
        expect![[r#"
            article "Article 2" [2]
              paragraph "1." [1] | Aims to strengthen, including
                subparagraph "1." [a] | Holding the increase;
                subparagraph "2." [b] | Increasing the ability:
                  item "1." [i] | first;
                  item "2." [ii] | second;
                subparagraph "3." [c] | Making finance flows.
              paragraph "2." [2] | Will be implemented.
            article "Article 13" [13]
              paragraph "7." [7] | Each Party shall provide:
                subparagraph "1." [a] | A national inventory;
                subparagraph "2." [b] | Information;
              paragraph "8." [8] | Each Party should.
        "#]],
    );
    // what the nesting means for references
    check_refs(
        "### Article 2\n\n1. Including by:\n\n    1. Holding;\n    2. Increasing.\n\n2. As set out in paragraph 1(b) and Article 2, paragraph 1 (a).\n",
        expect![[r#"
            "paragraph 1(b)"
              "(b)" Single -> Article 2(1)(b)
            "Article 2, paragraph 1 (a)"
              "(a)" Single -> Article 2(1)(a)
        "#]],
    );
}

#[test]
fn labels_that_are_not_list_items_nest_by_style_and_bullets_by_indentation() {
    // `(a)` is text to a Markdown renderer: its style nests it, as before;
    // a bulleted `1.` indented under a bulleted `1.` is its point
    check_tree(
        "### Article 1\n\n1. Text:\n\n    (a) point;\n    (b) point.\n\n2. Text.\n\n### Article 2\n\n- 1. Bulleted paragraph:\n\n    - 1. nested bulleted item.\n\n- 2. Next.\n",
        expect![[r#"
            article "Article 1" [1]
              paragraph "1." [1] | Text:
                subparagraph "(a)" [a] | point;
                subparagraph "(b)" [b] | point.
              paragraph "2." [2] | Text.
            article "Article 2" [2] | -
              paragraph "1." [1] | Bulleted paragraph: -
                subparagraph "1." [a] | nested bulleted item.
              paragraph "2." [2] | Next.
        "#]],
    );
}

#[test]
fn the_documents_short_names_for_other_instruments() {
    // a protocol that calls its convention `the Convention`: what it cites
    // of it is external, its bare `Annex I` too when it has none itself;
    // the instrument named at the end of a list is every article's
    check_refs(
        "# Protocol\n\nBeing Parties to the United Nations Framework Convention on Climate Change, hereinafter referred to as \"the Convention\",\n\n### Article 1\n\n1. \"Montreal Protocol\" means the Montreal Protocol on Substances that Deplete the Ozone Layer.\n\n2. Parties included in Annex I, under Article 4, paragraph 2 (d), and Article 7, paragraph 2 (a), of the Convention, and paragraph 1 of this Article and Annex A.\n\n### ANNEX A\n\nGases.\n",
        expect![[r#"
            "Annex I"
              "I" Single -> external: United Nations Framework Convention on Climate Change
            "Article 4, paragraph 2 (d)"
              "(d)" Single -> external: United Nations Framework Convention on Climate Change
            "Article 7, paragraph 2 (a), of the Convention"
              "(a)" Single -> external: United Nations Framework Convention on Climate Change
            "paragraph 1 of this Article"
              "1" Single -> Article 1(1)
            "Annex A"
              "A" Single -> ANNEX A
        "#]],
    );
}

#[test]
fn a_short_name_resolves_into_the_instrument_in_the_workspace() {
    let mut ws = Workspace::new();
    let convention = ws.add(
        "unfccc",
        "# United Nations Framework Convention on Climate Change\n\n### Article 4\n\n1. Commitments.\n",
    );
    let agreement = ws.add(
        "paris",
        "# Paris Agreement\n\n### Article 1\n\n1. \"Convention\" means the United Nations Framework Convention on Climate Change, adopted in New York on 9 May 1992.\n\n2. As in Article 4, paragraph 1, of the Convention.\n",
    );
    let doc = &ws.file(agreement).doc;
    let r = doc.references.last().unwrap();
    let resolved = ws.resolve_reference(agreement, r);
    match &resolved[0].resolution {
        Resolution::Node { doc, node } => {
            assert_eq!(*doc, convention);
            assert_eq!(ws.file(convention).doc.display_name(*node), "Article 4(1)");
        }
        other => panic!("not resolved into the Convention: {other:?}"),
    }
}

#[test]
fn other_instruments_named_after_the_reference() {
    // an acronym after the reference, `thereof` leaning on the instrument
    // named before in the sentence or on the article just cited, and an
    // annex `to` an instrument
    check_refs(
        "### Article 1\n\nHaving regard to the Treaty on the Functioning of the European Union, and in particular Article 114 thereof, and to Article 16(2) TFEU and Articles 101 and 102 TFEU.\n\n### Article 2\n\n1. See Article 1 and paragraph 2 thereof, Annex I to Directive 2013/36/EU, Annex II to this Directive and point (3) of Annex I to the Convention.\n\n2. TEXT IN CAPITALS: SEE ARTICLE 1 AND ARTICLE 3 ABOVE.\n",
        expect![[r#"
            "Article 114"
              "114" Single -> external: Treaty on the Functioning of the European Union
            "Article 16(2) TFEU"
              "(2)" Single -> external: TFEU
            "Articles 101 and 102 TFEU"
              "101" Single -> external: TFEU
              "102" Single -> external: TFEU
            "Article 1"
              "1" Single -> Article 1
            "paragraph 2 thereof"
              "2" Single -> dangling: Article 1 has no paragraph 2
            "Annex I to Directive 2013/36/EU"
              "I" Single -> external: Directive 2013/36/EU
            "Annex II to this Directive"
              "II" Single -> dangling: Annex II does not exist in document
            "point (3) of Annex I to the Convention"
              "(3)" Single -> external: the Convention
            "ARTICLE 1"
              "1" Single -> Article 1
            "ARTICLE 3"
              "3" Single -> dangling: Article 3 does not exist in document
        "#]],
    );
}

#[test]
fn that_article_leans_on_an_earlier_group_of_the_same_reference() {
    // grammar/README.md D12
    check_refs(
        "### Article 1\n\nText:\n\n(a) one;\n\n(b) two.\n\n### Article 2\n\n1. See Article 1, paragraph 1, and subparagraph (b) of that article.\n",
        expect![[r#"
            "Article 1, paragraph 1"
              "1" Single -> dangling: Article 1 has no paragraph 1
            "subparagraph (b) of that article"
              "(b)" Single -> Article 1(b)
        "#]],
    );
}

#[test]
fn an_article_that_amends_another_act_cites_that_act() {
    // the instructions and the quoted text are the amended act's; an act
    // that names itself (a consolidated protocol) keeps its own
    check_refs(
        "# Regulation on resilience\n\n### Article 1\n\n1. As in Article 2 of this Regulation.\n\n### Article 2\n\nRegulation (EU) No 648/2012 is amended as follows:\n\n(1) in Article 79, paragraphs 1 and 2 are replaced by the following:\n\n‘1. Notwithstanding paragraph 4 of this Article, a trade repository shall ...’;\n\n### Article 3\n\nSee Article 1.\n",
        expect![[r#"
            "Article 2 of this Regulation"
              "2" Single -> Article 2
            "Article 79, paragraphs 1 and 2"
              "1" Single -> external: Regulation (EU) No 648/2012
              "2" Single -> external: Regulation (EU) No 648/2012
            "paragraph 4 of this Article"
              "4" Single -> external: Regulation (EU) No 648/2012
            "Article 1"
              "1" Single -> Article 1
        "#]],
    );
    check_tree(
        "# Regulation on resilience\n\n### Article 2\n\nRegulation (EU) No 648/2012 is amended as follows:\n\n(a) points (a) and (b) are replaced by the following:\n\n‘(a) one;\n\n(b) two’;\n\n(b) point (c) is deleted.\n",
        expect![[r#"
            title "Regulation on resilience"
            article "Article 2" [2] | Regulation (EU) No 648/2012
              subparagraph "(a)" [a] | points (a) and (b)
              subparagraph "(b)" [b] | point (c) is deleted.
        "#]],
    );
    // D20: quoted provisions are the instruction's prose, a quoted article
    // heading too; a quotation that never closes is no quotation, and
    // quotation marks after words that amend nothing are text
    check_tree(
        "### Article 2\n\n(1) the following Article is inserted:\n\n‘Article 7a\n\n1. New text.\n\n2. More.’;\n\n(2) Article 9 is replaced by the following:\n\n‘(a) never closed;\n\n(b) still not\n\n### Article 3\n\nThe following definitions apply:\n\n‘term’ means this;\n\n(a) a point.\n",
        expect![[r#"
            article "Article 2" [2]
              paragraph "(1)" [1] | the following Article is
              paragraph "(2)" [2] | Article 9 is replaced
                subparagraph "(b)" [b] | still not
            article "Article 3" [3] | The following definitions apply:
              subparagraph "(a)" [a] | a point.
        "#]],
    );
    check_refs(
        "# Protocol\n\nThe Parties to this Protocol,\n\n### Article 4B\n\nThe following Article shall be added to the Protocol as Article 4B:\n\n1. Notwithstanding paragraph 1 of this Article.\n",
        expect![[r#"
            "Article 4B"
              "4B" Single -> Article 4B
            "paragraph 1 of this Article"
              "1" Single -> Article 4B(1)
        "#]],
    );
}

#[test]
fn unnumbered_subparagraphs_are_elements_with_an_ordinal() {
    // EU style: a paragraph's later blocks of text are its second, third
    // ... subparagraphs; an article without numbered paragraphs has
    // unnumbered paragraphs; a list of points that ends with a full stop
    // hands the next block back to the paragraph
    let text = "### Article 49\n\n1. A transfer shall take place only on one of the following conditions:\n\n(a) the data subject has consented;\n\n(g) the transfer is made from a register.\n\nWhere a transfer could not be based on a provision, it may take place only if:\n\n(a) it is not repetitive;\n\n(b) it concerns a limited number.\n\n2. A transfer pursuant to point (g) of the first subparagraph of paragraph 1 shall not involve the entire data. As in paragraph 1, second subparagraph, point (a), and the second subparagraph of paragraph 1.\n\n### Article 50\n\nThe Commission shall act.\n\nThe decision referred to in the first paragraph shall be adopted. For the purposes of this paragraph, Article 20, first paragraph, point (a), and Article 49(1), points (a) and (g), apply.\n";
    check_tree(
        text,
        expect![[r#"
            article "Article 49" [49]
              paragraph "1." [1] | A transfer shall take
                subparagraph "(a)" [a] | the data subject has
                subparagraph "(g)" [g] | the transfer is made
                alinea "" [2] | Where a transfer could
                  subparagraph "(a)" [a] | it is not repetitive;
                  subparagraph "(b)" [b] | it concerns a limited
              paragraph "2." [2] | A transfer pursuant to
            article "Article 50" [50] | The Commission shall act.
              alinea "" [2] | The decision referred to
        "#]],
    );
    check_refs(
        text,
        expect![[r#"
            "point (g) of the first subparagraph of paragraph 1"
              "(g)" Single -> Article 49(1)(g)
            "paragraph 1, second subparagraph, point (a)"
              "(a)" Single -> Article 49(1), second subparagraph, (a)
            "second subparagraph of paragraph 1"
              "second subparagraph" Single -> Article 49(1), second subparagraph
            "first paragraph"
              "first paragraph" Single -> Article 50
            "this paragraph"
              "this paragraph" Single -> Article 50, second paragraph
            "Article 20, first paragraph, point (a)"
              "(a)" Single -> dangling: Article 20 does not exist in document
            "Article 49(1), points (a) and (g)"
              "(a)" Single -> Article 49(1)(a)
              "(g)" Single -> Article 49(1)(g)
        "#]],
    );
}

#[test]
fn inserted_paragraphs_and_roman_points_of_points() {
    // `1 bis.`, `8ter.`: inserted paragraphs; `point (d), point (iv)` and
    // `points (i) and (ii) of point (k)`: items of a point; `of this point`
    check_refs(
        "### Article 5\n\n1. Text.\n\n1 bis. Inserted.\n\n8ter. Pursuant to paragraph 1 *bis* above:\n\n(k) a point:\n\n(i) one;\n\n(ii) two, see point (i) of this point.\n\n### Article 6\n\nAs in Article 5(8ter), point (k), point (ii), and points (i) and (ii) of point (k) of Article 5(8ter), respectively, of this Regulation.\n",
        expect![[r#"
            "paragraph 1 *bis"
              "1 *bis" Single -> Article 5(1bis)
            "point (i) of this point"
              "(i)" Single -> Article 5(8ter)(k)(i)
            "Article 5(8ter), point (k), point (ii)"
              "(ii)" Single -> Article 5(8ter)(k)(ii)
            "points (i) and (ii) of point (k) of Article 5(8ter), respectively, of this Regulation"
              "(i)" Single -> Article 5(8ter)(k)(i)
              "(ii)" Single -> Article 5(8ter)(k)(ii)
        "#]],
    );
}

#[test]
fn instruments_named_just_before_and_footnotes_read_where_they_are_marked() {
    // `its Article 3` leans on the instrument named before in the
    // sentence; `decision 2/CP.17, paragraph 83` is the decision's; a
    // footnote's `this Article` is the article its marker stands in; an
    // instrument heading before any provision is the document's title
    let text = "*An editor's note.*\n\n## Draft agreement on testing\n\n### Article 3\n\n1. Under the Convention, in particular its Article 3, paragraphs 1 and 4, and as in decision 2/CP.17, paragraph 83.[^4]\n\n### Article 4\n\nText.\n\n[^4]: This may apply to other parts of this Article.\n";
    check_refs(
        text,
        expect![[r#"
            "Article 3, paragraphs 1 and 4"
              "1" Single -> external: Convention
              "4" Single -> external: Convention
            "paragraph 83"
              "83" Single -> external: decision 2/CP.17
            "this Article"
              "this Article" Single -> Article 3
        "#]],
    );
    assert_eq!(
        parse(text).title.as_deref(),
        Some("Draft agreement on testing")
    );
}

#[test]
fn a_bare_reference_in_an_appendix_is_its_own_where_the_body_has_none() {
    check_refs(
        "### Article 1\n\nDisputes go to arbitration under Article V of the Appendix; see Article 2.\n\n### Article 2\n\nText.\n\n### APPENDIX\n\n### Article I\n\nThe tribunal under Article III and Article 2.\n\n### Article III\n\nAwards.\n\n### Article V\n\nCosts.\n",
        expect![[r#"
            "Article V of the Appendix"
              "V" Single -> APPENDIX, Article V
            "Article 2"
              "2" Single -> Article 2
            "Article III"
              "III" Single -> APPENDIX, Article III
            "Article 2"
              "2" Single -> Article 2
        "#]],
    );
}

#[test]
fn appendices_are_looked_up_in_the_annex_they_belong_to() {
    // D13: `Appendix 1 of Annex 2` is Annex 2's, not the first appendix
    // numbered 1; a bare `Appendix 1` in an annex is that annex's, from
    // the body ambiguous; the only `Appendix 3` is found from anywhere, as
    // is an appendix of the instrument (a shallower Markdown heading)
    let text = "### Article 1\n\nSee Appendix 1 of Annex 2, Appendix 1 to Annex 1, Appendix C, Appendix 3, Appendix 3 of Annex 1 and Appendix 1.\n\n### ANNEX 1\n\nText.\n\n### APPENDIX 1\n\nFirst.\n\n### ANNEX 2\n\nAs in Appendix 1 and Annex 1.\n\n### APPENDIX 1\n\nSecond; not Appendix 2.\n\n### ANNEX 3\n\nNone.\n\n### APPENDIX 3\n\nThird.\n\n## APPENDIX C\n\nOf the agreement.\n";
    check_refs(
        text,
        expect![[r#"
            "Appendix 1 of Annex 2"
              "1" Single -> ANNEX 2, APPENDIX 1
            "Appendix 1 to Annex 1"
              "1" Single -> ANNEX 1, APPENDIX 1
            "Appendix C"
              "C" Single -> APPENDIX C
            "Appendix 3"
              "3" Single -> ANNEX 3, APPENDIX 3
            "Appendix 3 of Annex 1"
              "3" Single -> dangling: ANNEX 1 has no Appendix 3
            "Appendix 1"
              "1" Single -> dangling: Appendix 1 is ambiguous: ANNEX 1 and ANNEX 2 each have one
            "Appendix 1"
              "1" Single -> ANNEX 2, APPENDIX 1
            "Annex 1"
              "1" Single -> ANNEX 1
            "Appendix 2"
              "2" Single -> dangling: Appendix 2 does not exist in document
        "#]],
    );
}

#[test]
fn annex_headings_for_several_lettered_parts_and_article_titles() {
    // `Appendices I, II and III` is each of them; `ANNEX V A` is annex VA;
    // an annex-shaped heading under an article heading is its title
    let text = "### Article XVI\n\n#### Appendix III and Amendments thereto\n\n1. Species in Appendix III and Appendix I, as in Annex V A, and Annex V B.\n\n### Appendices I, II and III\n\nSpecies.\n\n### ANNEX V A\n\nOperations.\n\n### ANNEX V B\n\nMore operations.\n";
    check_tree(
        text,
        expect![[r#"
            article "Article XVI" [XVI] — "Appendix III and Amendments thereto"
              paragraph "1." [1] | Species in Appendix III
            appendix "Appendices I, II and III" [I] | Species.
            annex "ANNEX V A" [VA] | Operations.
            annex "ANNEX V B" [VB] | More operations.
        "#]],
    );
    check_refs(
        text,
        expect![[r#"
            "Appendix III"
              "III" Single -> Appendices I, II and III
            "Appendix III"
              "III" Single -> Appendices I, II and III
            "Appendix I"
              "I" Single -> Appendices I, II and III
            "Annex V A"
              "V A" Single -> ANNEX V A
            "Annex V B"
              "V B" Single -> ANNEX V B
        "#]],
    );
}

#[test]
fn code_spans_longer_closing_fences_and_publication_noise() {
    // grammar/README.md D14: a code span is verbatim; D8: a fence closes
    // with a run at least as long; the title skips the Official Journal's
    // header lines
    let text = "4.5.2016\n\nEN\n\nOfficial Journal of the European Union\n\nL 119/1\n\nREGULATION (EU) 2016/679\n\n### Article 1\n\nThe form `Article 9` is cited; Article 2 is not. A ``public official\" in Article 1, a ``term'' in Article 2.\n\n~~~~\nArticle 7\n~~~~~\n\n### Article 2\n\nText.\n";
    check_refs(
        text,
        expect![[r#"
            "Article 2"
              "2" Single -> Article 2
            "Article 1"
              "1" Single -> Article 1
            "Article 2"
              "2" Single -> Article 2
        "#]],
    );
    assert_eq!(
        parse(text).title.as_deref(),
        Some("REGULATION (EU) 2016/679")
    );
}

#[test]
fn roman_numbered_articles_in_an_appendix() {
    check_tree(
        "### Article 1\n\nThe appendix applies.\n\n### APPENDIX\n\n### Article I\n\nFirst.\n\n### Article II\n\nSecond.\n",
        expect![[r#"
            article "Article 1" [1] | The appendix applies.
            appendix "APPENDIX" []
              article "Article I" [I] | First.
              article "Article II" [II] | Second.
        "#]],
    );
}

#[test]
fn annexes_restart_numbering_and_scope_references() {
    let text = "### Article 1\n\nText.\n\n### Article 2\n\nSee Annex I.\n\n### ANNEX I\n\n#### Conciliation\n\n### Article 1\n\nUnder article 2, and article 2 of this Annex.\n\n### Article 2\n\nSee article 1 of this Annex and article 3.\n";
    check_tree(
        text,
        expect![[r#"
        article "Article 1" [1] | Text.
        article "Article 2" [2] | See Annex I.
        annex "ANNEX I" [I] — "Conciliation"
          article "Article 1" [1] | Under article 2, and
          article "Article 2" [2] | See article 1 of
    "#]],
    );
    check_refs(
        text,
        expect![[r#"
        "Annex I"
          "I" Single -> ANNEX I
        "article 2"
          "2" Single -> Article 2
        "article 2 of this Annex"
          "2" Single -> ANNEX I, Article 2
        "article 1 of this Annex"
          "1" Single -> ANNEX I, Article 1
        "article 3"
          "3" Single -> dangling: Article 3 does not exist in document
    "#]],
    );
}

#[test]
fn a_second_instrument_in_the_same_file() {
    let text = "# International Covenant on Example Rights\n\n### Article 1\n\nA.\n\n### Article 48\n\nB.\n\n#### Optional Protocol to the International Covenant on Example Rights\n\nThe States Parties to the present Protocol,\n\n### Article 1\n\nSubject to article 48 of the Covenant and to article 1.\n";
    check_tree(
        text,
        expect![[r#"
        title "International Covenant on Example Rights"
        article "Article 1" [1] | A.
        article "Article 48" [48] | B.
        instrument "Optional Protocol to the International Covenant on Example Rights" [] — "Optional Protocol to the International Covenant on Example Rights"
          preamble "" [] | The States Parties to
          article "Article 1" [1] | Subject to article 48
    "#]],
    );
    check_refs(
        text,
        expect![[r#"
        "article 48 of the Covenant"
          "48" Single -> Article 48
        "article 1"
          "1" Single -> Optional Protocol to the International Covenant on Example Rights, Article 1
    "#]],
    );
}

#[test]
fn plain_lines_name_further_instruments() {
    // a plain text (no Markdown): the protocol and the resolution after
    // the convention are instruments of their own, their articles
    // numbered afresh; lines that only begin like one are prose
    let text = "CONVENTION ON EXAMPLES\n\nArticle 1\n\nSee article 2.\n\nArticle 2\n\nProtocol negotiations continue.\n\nprotocol of the meeting\n\nDONE at New York.\n\nOPTIONAL PROTOCOL TO THE CONVENTION ON EXAMPLES\n\nArticle 1\n\nSee article 2 of this Protocol and article 1 of the Convention.\n\nArticle 2\n\nText.\n\nResolution I\n\nFollow-up\n\n1. Decides to act.\n";
    check_tree(
        text,
        expect![[r#"
            title "CONVENTION ON EXAMPLES"
            article "Article 1" [1] | See article 2.
            article "Article 2" [2] | Protocol negotiations continue. protocol
            testimonium "" [] | DONE at New York.
            instrument "OPTIONAL PROTOCOL TO THE CONVENTION ON EXAMPLES" [] — "OPTIONAL PROTOCOL TO THE CONVENTION ON EXAMPLES"
              article "Article 1" [1] | See article 2 of
              article "Article 2" [2] | Text.
            instrument "Resolution I" [I] — "Follow-up"
              paragraph "1." [1] | Decides to act.
        "#]],
    );
    check_refs(
        text,
        expect![[r#"
            "article 2"
              "2" Single -> Article 2
            "article 2 of this Protocol"
              "2" Single -> OPTIONAL PROTOCOL TO THE CONVENTION ON EXAMPLES, Article 2
            "article 1 of the Convention"
              "1" Single -> Article 1
        "#]],
    );
}

#[test]
fn a_resolutions_first_numbered_paragraph_ends_its_recitals() {
    // recitals unnumbered, operative paragraphs numbered: `1.` closes the
    // preamble, and `paragraph 1` cites the operative paragraph
    let text = "# Final Act\n\nText.\n\n## Resolution I\n\n#### Follow-up\n\nThe Conference,\n\n*Recalling* its work,\n\n1. Decides to act;\n\n2. Requests a report under paragraph 1.\n";
    check_tree(
        text,
        expect![[r#"
            title "Final Act"
            preamble "" [] | Text.
            instrument "Resolution I" [I] — "Follow-up"
              preamble "" [] | The Conference, *Recalling* its
              paragraph "1." [1] | Decides to act;
              paragraph "2." [2] | Requests a report under
        "#]],
    );
    check_refs(
        text,
        expect![[r#"
            "paragraph 1"
              "1" Single -> Resolution I (1)
        "#]],
    );
}

#[test]
fn a_wrapped_prose_line_is_not_a_heading() {
    check_tree(
        "### Article 1\n\n1. The obligation in\nArticle 113(3), point (a), shall apply, and\nArticle 5 of this Convention shall not.\n\n2. Second.\n",
        expect![[r#"
            article "Article 1" [1]
              paragraph "1." [1] | The obligation in Article
              paragraph "2." [2] | Second.
        "#]],
    );
}

#[test]
fn nothing_inside_a_code_fence_or_a_comment_is_read() {
    let text = "### Article 1\n\n```\n### Article 2\nArticle 9 and [brackets\n```\n\n<!-- Article 3\nand Article 8 -->\n\nText.\n";
    check_tree(
        text,
        expect![[r#"
            article "Article 1" [1] | ``` Article 2 Article
              alinea "" [2] | Text.
        "#]],
    );
    check_refs(text, expect![[r#""#]]);
}

#[test]
fn testimonium_closes_the_articles() {
    check_tree(
        "### Article 1\n\nText.\n\nIN WITNESS WHEREOF the undersigned have signed.\n\nDONE at Vienna.\n",
        expect![[r#"
            article "Article 1" [1] | Text.
            testimonium "" [] | IN WITNESS WHEREOF the
        "#]],
    );
}

#[test]
fn front_matter_names_the_draft() {
    let doc = parse("---\nid: A/AC.291/16\ntitle: Draft convention\ndate: 2023-01-09\naliases: [the draft, \"the text\"]\n---\n\n### Article 1\n\nText.\n");
    let fm = doc.front_matter.unwrap();
    assert_eq!(fm.id.as_deref(), Some("A/AC.291/16"));
    assert_eq!(doc.title.as_deref(), Some("Draft convention"));
    assert_eq!(fm.date.as_deref(), Some("2023-01-09"));
    assert_eq!(fm.aliases, ["the draft", "the text"]);
}

#[test]
fn spans_are_exact_with_crlf_and_non_bmp_characters() {
    let text = "# T😀\r\n\r\n### Article 5 bis\r\n\r\n#### Heading é😀\r\n\r\n1. Text 😀.\r\n";
    let doc = parse(text);
    let a = doc.node(doc.root().children[0]);
    assert_eq!(&text[a.label_span.clone()], "Article 5 bis");
    assert_eq!(&text[a.number_span.clone().unwrap()], "5 bis");
    assert_eq!(&text[a.heading_span.clone().unwrap()], "Heading é😀");
    assert_eq!(a.key, "5bis");
    let p = doc.node(a.children[0]);
    assert_eq!(&text[p.span.clone()], "1. Text 😀.");
}

// ------------------------------------------------------------------ brackets

#[test]
fn brackets_nested_spanning_and_alternatives() {
    let text = "### Article 1\n\n1. States [shall][should] act [in accordance with [their] law\nand practice].\n\n2. [Alt 1: One.] [Alt 2: Two.]\n\n3. See [the guide](https://example.org) and note[^1] and word[3] and notes[4][5][6] and \\[not].\n\n4. Within [30] days, as Article [1][3] says, or [60][90] days.\n\n5. A stray ] one.\n\n6. An [open one.\n";
    let doc = parse(text);
    let rendered: Vec<String> = doc
        .brackets
        .iter()
        .map(|b| {
            format!(
                "{:?} depth {} alt {:?} label {:?}",
                &text[b.span.clone()],
                b.depth,
                b.alternatives,
                b.label
            )
        })
        .collect();
    let issues: Vec<String> = doc
        .issues
        .iter()
        .map(|i| format!("{}: {:?} at {:?}", i.code, i.message, &text[i.span.clone()]))
        .collect();
    expect![[r#"
        "[shall]" depth 0 alt Some(1) label None
        "[should]" depth 0 alt Some(1) label None
        "[in accordance with [their] law\nand practice]" depth 0 alt None label None
        "[their]" depth 1 alt None label None
        "[Alt 1: One.]" depth 0 alt Some(2) label Some("Alt 1")
        "[Alt 2: Two.]" depth 0 alt Some(2) label Some("Alt 2")
        "[30]" depth 0 alt None label None
        "[1]" depth 0 alt Some(3) label None
        "[3]" depth 0 alt Some(3) label None
        "[60]" depth 0 alt Some(4) label None
        "[90]" depth 0 alt Some(4) label None
        unbalanced-bracket: "closing bracket `]` has no opening `[`" at "]"
        unbalanced-bracket: "opening bracket `[` is never closed" at "[""#]]
    .assert_eq(&format!("{}\n{}", rendered.join("\n"), issues.join("\n")));
}

// ------------------------------------------------------------- defined terms

#[test]
fn defined_terms_in_every_quote_style() {
    let text = "### Article 2\n\n(a) \"Computer system\" means a device;\n\n(b) “Electronic data” shall mean facts;\n\n(c) ``Service provider\" means an entity;\n\n(d) ‘Traffic data’ includes metadata;\n\n(e) \"Seizure\" or \"freezing\" means a ban;\n\n(f) “Confiscation”, which includes forfeiture, shall mean deprivation.\n";
    let doc = parse(text);
    let terms: Vec<String> = doc
        .definitions
        .iter()
        .map(|d| format!("{} @ {}", d.term, doc.display_name(d.node)))
        .collect();
    expect![[r#"
        Computer system @ Article 2(a)
        Electronic data @ Article 2(b)
        Service provider @ Article 2(c)
        Traffic data @ Article 2(d)
        Seizure @ Article 2(e)
        freezing @ Article 2(e)
        Confiscation @ Article 2(f)"#]]
    .assert_eq(&terms.join("\n"));
}

// ---------------------------------------------------------------- references

const TARGETS: &str = "### Article 1\n\nText.\n\n### Article 5\n\n1. One.\n\n2. Two.\n\n### Article 6\n\n1. One:\n\n(a) a;\n\n(b) b.\n\n### Article 28\n\n1. One:\n\n(a) a;\n\n(b) b:\n\n(i) one;\n\n(ii) two.\n\n4. Four.\n\n### Article 35\n\n1. One.\n\n2. Two.\n\n### Article 48 bis\n\nA.\n\n### Article 93bis\n\nB.\n\n### Article 53\n\n3. Three:\n\n(k) k;\n\n(k) quinquies k5.\n\n(l) l.\n";

fn with_targets(extra: &str) -> String {
    format!("{TARGETS}\n### Article 99\n\n{extra}\n")
}

#[test]
fn article_reference_forms() {
    check_refs(
        &with_targets("See Article 5, article 5, Art. 5, Article 6(1)(a), Article 35.2, Article 48 bis, Article 93bis, Article 28 (1) *(b)* (i), Article 53.3(k) quinquies."),
        expect![[r#"
            "Article 5, article 5, Art. 5, Article 6(1)(a), Article 35.2, Article 48 bis, Article 93bis, Article 28 (1) *(b)* (i)"
              "5" Single -> Article 5
              "5" Single -> Article 5
              "5" Single -> Article 5
              "(a)" Single -> Article 6(1)(a)
              "2" Single -> Article 35(2)
              "48 bis" Single -> Article 48bis
              "93bis" Single -> Article 93bis
              "(i)" Single -> Article 28(1)(b)(i)
            "Article 53.3(k) quinquies"
              "(k) quinquies" Single -> Article 53(3)(kquinquies)
        "#]],
    );
}

#[test]
fn un_style_references() {
    check_refs(
        &with_targets("As in article 28, paragraph 1 (b) (i) or (ii) or (a), of this Convention, and article 28, paragraph 1 b) (ii), Article 6, paragraph 1 (b), paragraph 4 of Article 28."),
        expect![[r#"
            "article 28, paragraph 1 (b) (i) or (ii) or (a), of this Convention"
              "(i)" Single -> Article 28(1)(b)(i)
              "(ii)" Single -> Article 28(1)(b)(ii)
              "(a)" Single -> Article 28(1)(a)
            "article 28, paragraph 1 b) (ii), Article 6, paragraph 1 (b)"
              "(ii)" Single -> Article 28(1)(b)(ii)
              "(b)" Single -> Article 6(1)(b)
            "paragraph 4 of Article 28"
              "4" Single -> Article 28(4)
        "#]],
    );
}

#[test]
fn council_of_europe_style_references() {
    let text = "### Article 1\n\n1. One:\n\na. first:\n\ni. item one;\n\nii. item two;\n\nb. second;\n\nc. third;\n\nd. fourth.\n\n2. Two:\n\na. a;\n\nb. b;\n\nc. c.\n\n3. See paragraph 1 a.ii of this article, paragraphs 1.b through 1.d of this article, and paragraphs 1, sub-paragraphs d. and a, and 2, sub-paragraphs b. and c.\n";
    check_refs(
        text,
        expect![[r#"
        "paragraph 1 a.ii of this article"
          "ii" Single -> Article 1(1)(a)(ii)
        "paragraphs 1.b through 1.d of this article"
          "b" From -> Article 1(1)(b)
          "d" To -> Article 1(1)(d)
        "paragraphs 1, sub-paragraphs d. and a, and 2, sub-paragraphs b. and c."
          "d." Single -> Article 1(1)(d)
          "a" Single -> Article 1(1)(a)
          "b." Single -> Article 1(2)(b)
          "c." Single -> Article 1(2)(c)
    "#]],
    );
}

#[test]
fn eu_style_references() {
    check_refs(
        &with_targets("Under point (a) of Article 6(1), points (a) and (b) of Article 6(1), and Article 28(1), point (b)."),
        expect![[r#"
            "point (a) of Article 6(1)"
              "(a)" Single -> Article 6(1)(a)
            "points (a) and (b) of Article 6(1)"
              "(a)" Single -> Article 6(1)(a)
              "(b)" Single -> Article 6(1)(b)
            "Article 28(1), point (b)"
              "(b)" Single -> Article 28(1)(b)
        "#]],
    );
}

#[test]
fn ranges_and_lists_give_every_number_its_own_target() {
    check_refs(
        &with_targets("Articles 5 to 28, Articles 5-6, Articles 1 through 6, Articles 1, 5, 6 to 28 and 35 and 53, Articles 28.1, 35.1 and 35.2."),
        expect![[r#"
            "Articles 5 to 28, Articles 5-6, Articles 1 through 6, Articles 1, 5, 6 to 28 and 35 and 53"
              "5" From -> Article 5
              "28" To -> Article 28
              "5" From -> Article 5
              "6" To -> Article 6
              "1" From -> Article 1
              "6" To -> Article 6
              "1" Single -> Article 1
              "5" Single -> Article 5
              "6" From -> Article 6
              "28" To -> Article 28
              "35" Single -> Article 35
              "53" Single -> Article 53
            "Articles 28.1, 35.1 and 35.2"
              "1" Single -> Article 28(1)
              "1" Single -> Article 35(1)
              "2" Single -> Article 35(2)
        "#]],
    );
}

#[test]
fn preceding_and_following_articles_cross_divisions() {
    // articles follow each other through the whole instrument, chapters
    // or not; paragraphs only within their article
    let text = "### CHAPTER I\n\n### Article 1\n\nThe preceding article and the following article.\n\n### Article 2\n\n1. One.\n\n### CHAPTER II\n\n### Article 3\n\n1. The preceding article.\n\n2. The preceding paragraph.\n\n### Article 4\n\n1. The preceding paragraph; the following article.\n";
    check_refs(
        text,
        expect![[r#"
            "The preceding article"
              "The preceding article" Single -> dangling: there is no preceding article before Article 1
            "the following article"
              "the following article" Single -> Article 2
            "The preceding article"
              "The preceding article" Single -> Article 2
            "The preceding paragraph"
              "The preceding paragraph" Single -> Article 3(1)
            "The preceding paragraph"
              "The preceding paragraph" Single -> dangling: there is no preceding paragraph before Article 4(1)
            "the following article"
              "the following article" Single -> dangling: there is no following article after Article 4
        "#]],
    );
}

#[test]
fn schedules_letters_and_subitems_are_cited() {
    // `Schedule` cites a schedule as `Annex` cites an annex; `letter` is a
    // point, `subitem` below an item
    let text = "# Fees Act\n\n### Article 1\n\n1. The fees in Schedule 1 apply; see letter (b) of paragraph 2 of Article 2, letters (a) and (b) of Article 2(2), Schedules 1 and 2, and Article 2, paragraph 2, point (a), item (i), subitem (B).\n\n### Article 2\n\n1. One.\n\n2. Two:\n\n(a) a:\n\n(i) i:\n\n(A) A;\n\n(B) B;\n\n(b) b.\n\n## SCHEDULE 1\n\nFees.\n\n## SCHEDULE 2\n\nOther fees.\n";
    check_refs(
        text,
        expect![[r#"
            "Schedule 1"
              "1" Single -> SCHEDULE 1
            "letter (b) of paragraph 2 of Article 2"
              "(b)" Single -> Article 2(2)(b)
            "letters (a) and (b) of Article 2(2)"
              "(a)" Single -> Article 2(2)(a)
              "(b)" Single -> Article 2(2)(b)
            "Schedules 1 and 2"
              "1" Single -> SCHEDULE 1
              "2" Single -> SCHEDULE 2
            "Article 2, paragraph 2, point (a), item (i), subitem (B)"
              "(B)" Single -> Article 2(2)(a)(i)(B)
        "#]],
    );
}

#[test]
fn relative_references() {
    let text = "### CHAPTER V\n\n### Article 1\n\n1. One:\n\n(a) a;\n\n(b) b;\n\n(c) c.\n\n2. Under paragraph 1 and subparagraph (c) of paragraph 1, this Article, the preceding paragraph, paragraph 1 of this article.\n\n3. See subparagraph (b) of paragraph 1 and chapter V of this Convention.\n\n### Article 2\n\nIn article 1, paragraph 1, and subparagraph (c) of that paragraph; Annex III; Part XI.\n";
    check_refs(
        text,
        expect![[r#"
            "paragraph 1"
              "1" Single -> Article 1(1)
            "subparagraph (c) of paragraph 1"
              "(c)" Single -> Article 1(1)(c)
            "this Article"
              "this Article" Single -> Article 1
            "the preceding paragraph"
              "the preceding paragraph" Single -> Article 1(1)
            "paragraph 1 of this article"
              "1" Single -> Article 1(1)
            "subparagraph (b) of paragraph 1"
              "(b)" Single -> Article 1(1)(b)
            "chapter V of this Convention"
              "V" Single -> CHAPTER V
            "article 1, paragraph 1"
              "1" Single -> Article 1(1)
            "subparagraph (c) of that paragraph"
              "(c)" Single -> Article 1(1)(c)
            "Annex III"
              "III" Single -> dangling: Annex III does not exist in document
            "Part XI"
              "XI" Single -> dangling: Part XI does not exist in document
        "#]],
    );
}

#[test]
fn references_to_other_instruments() {
    let text = "# Draft\n\n### Article 8\n\n1. See Article 19 of the International Covenant on Civil and Political Rights, Article 22 of the Budapest Convention and Article 8(1) of the Charter.\n";
    check_refs(
        text,
        expect![[r#"
        "Article 19 of the International Covenant on Civil and Political Rights"
          "19" Single -> external: the International Covenant on Civil and Political Rights
        "Article 22 of the Budapest Convention"
          "22" Single -> external: the Budapest Convention
        "Article 8(1) of the Charter"
          "(1)" Single -> external: the Charter
    "#]],
    );
    // with the Budapest Convention in the workspace, by its front-matter alias
    let mut ws = Workspace::new();
    let draft = ws.add("draft", text);
    ws.add(
        "budapest",
        "---\ntitle: Convention on Cybercrime\naliases: [Budapest Convention]\n---\n\n### Article 22\n\n#### Jurisdiction\n\nText.\n",
    );
    let doc = &ws.file(draft).doc;
    let r = doc
        .references
        .iter()
        .find(|r| text[r.span.clone()].contains("Budapest"))
        .unwrap();
    let res = ws.resolve_reference(draft, r);
    match &res[0].resolution {
        Resolution::Node { doc: d, node } => {
            assert_eq!(ws.file(*d).name, "budapest");
            assert_eq!(
                ws.file(*d).doc.node(*node).heading.as_deref(),
                Some("Jurisdiction")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_references() {
    check_refs(
        "### Article 1\n\nThe articles of association, part of the territory, a section of society, this Convention, on this point, the present Convention, Articles of incorporation.\n",
        expect![[r#"
            "this point"
              "this point" Single -> dangling: `this subparagraph` stands outside any subparagraph
        "#]],
    );
}

#[test]
fn abbreviations_after_a_reference_are_not_labels() {
    check_refs(
        &with_targets("As in Article 28, i.e. the rule, and Article 6, e.g. the first one, but Article 28, paragraph 1 (b) (i)."),
        expect![[r#"
            "Article 28"
              "28" Single -> Article 28
            "Article 6"
              "6" Single -> Article 6
            "Article 28, paragraph 1 (b) (i)"
              "(i)" Single -> Article 28(1)(b)(i)
        "#]],
    );
}

#[test]
fn appendices_nest_in_annexes_and_numbered_headings_are_not_titles() {
    let text = "# Convention on Examples\n\n### article 3\n\nArticle 1 of that Convention applies.\n\n### ANNEX\n\n#### First annex\n\n### APPENDIX 1\n\nText.\n\n### Annex II - Arbitration\n\nText.\n\n## Resolution II\n\n### 1\n\nOperative.\n";
    check_tree(
        text,
        expect![[r#"
            title "Convention on Examples"
            article "article 3" [3] | Article 1 of that
            annex "ANNEX" [] — "First annex"
              appendix "APPENDIX 1" [1] | Text.
            annex "Annex II" [II] — "Arbitration" | Text.
            instrument "Resolution II" [II]
              paragraph "1" [1] | Operative.
        "#]],
    );
    check_refs(
        text,
        expect![[r#"
        "Article 1 of that Convention"
          "1" Single -> external: that Convention
    "#]],
    );
}

#[test]
fn bracket_depth_counts_closed_ancestors_only() {
    // grammar/README.md D9: the first `[` is never closed
    let doc = parse("### Article 1\n\nText [open [inner] more.\n");
    let inner: Vec<(u32, Option<usize>)> =
        doc.brackets.iter().map(|b| (b.depth, b.parent)).collect();
    assert_eq!(inner, [(0, None)]);
}

#[test]
fn square_brackets_inside_a_reference_and_acronyms_in_parentheses() {
    // unagreed text inside a reference is read through; `(NDMCC)` after a
    // number is an acronym, not a subitem; `the Convention, in particular
    // Article 4` is the Convention's
    check_refs(
        "### Article 2bis\n\nText.\n\n### Article 3\n\n1. Text.\n\n14. Pursuant to Article [3, paragraph 14], as in Article 2bis (NDMCC), and under the Convention, in particular Article 4 [and Article 11], and Article 4, paragraphs 3[ and 5][, 5 and 9], of the Convention.\n",
        expect![[r#"
            "Article [3, paragraph 14"
              "14" Single -> Article 3(14)
            "Article 2bis"
              "2bis" Single -> Article 2bis
            "Article 4 [and Article 11"
              "4" Single -> external: the Convention
              "11" Single -> external: the Convention
            "Article 4, paragraphs 3[ and 5][, 5 and 9], of the Convention"
              "3" Single -> external: the Convention
              "5" Single -> external: the Convention
              "5" Single -> external: the Convention
              "9" Single -> external: the Convention
        "#]],
    );
}

#[test]
fn other_texts_named_around_a_reference() {
    // `as set out in` ties articles to the instrument just named; an
    // instrument noun written before a reference names it; an earlier
    // text named by its date is another text; `2.bis` is `2 bis`; `this
    // section` in a text without sections is the article; an option
    // between a reference and its instrument
    check_refs(
        "# Draft agreement\n\n### Article 2\n\nText.\n\n### Article 2 bis\n\n1. The objective of the Convention [as set out in Articles 2 and 3], and of this Agreement as set out in Article 2; see decision paragraph 45, Convention Article 4.1; this Agreement Article 2; Article 3, paragraph 5, of the text of 5 October.\n\n2. As in Art 2.bis; Article 2 of the draft of October 5th, 2015; nothing in this section; paragraph 46 option 1 of the decision; decision 1/CP.18 paragraph 51.\n",
        expect![[r#"
            "Articles 2 and 3"
              "2" Single -> external: Convention
              "3" Single -> external: Convention
            "Article 2"
              "2" Single -> Article 2
            "paragraph 45"
              "45" Single -> external: decision
            "Article 4.1"
              "1" Single -> external: Convention
            "Article 2"
              "2" Single -> Article 2
            "Article 3, paragraph 5, of the text of 5 October"
              "5" Single -> external: the text of 5 October
            "Art 2.bis"
              "2.bis" Single -> Article 2bis
            "Article 2 of the draft of October 5th, 2015"
              "2" Single -> external: the draft of October 5th, 2015
            "this section"
              "this section" Single -> Article 2bis
            "paragraph 46 option 1 of the decision"
              "46" Single -> external: the decision
            "paragraph 51"
              "51" Single -> external: decision 1/CP.18
        "#]],
    );
}

#[test]
fn eu_and_convention_locators() {
    // `this Title`; a Roman list of articles; `Annex IVA` (part A of
    // Annex IV, where it has no heading of its own); a numbered point of an
    // annex; a section of a chapter (of the last chapter of a list); acts
    // named in the plural; `below` in an annex with articles of its own
    let text = "# Directive on testing\n\n## TITLE I\n\n### Article 1\n\nUnder this Title and Articles III, IV and V; Annex IVA; point (6) of Annex I; Chapters II and V, Section II; Articles 10 to 14 of Regulations (EU) No 1093/2010 and (EU) No 1094/2010.\n\n## CHAPTER II\n\n## SECTION II\n\n### Article III\n\nA.\n\n### Article IV\n\nB.\n\n### Article V\n\nC.\n\n## CHAPTER V\n\n## SECTION I\n\n### Article 10\n\nx.\n\n## SECTION II\n\n### Article 14\n\ny.\n\n## ANNEX I\n\n(1) One.\n\n(6) Six.\n\n## ANNEX IV\n\n### Article 1\n\nUnder Articles 2 and 3 below, and Article 3.\n\n### Article 2\n\nz.\n";
    check_refs(
        text,
        expect![[r#"
            "this Title"
              "this Title" Single -> TITLE I
            "Articles III, IV and V"
              "III" Single -> Article III
              "IV" Single -> Article IV
              "V" Single -> Article V
            "Annex IVA"
              "IVA" Single -> ANNEX IV
            "point (6) of Annex I"
              "(6)" Single -> ANNEX I (6)
            "Chapters II and V, Section II"
              "II" Single -> CHAPTER II
              "II" Single -> SECTION II
            "Articles 10 to 14 of Regulations (EU) No 1093/2010 and (EU) No 1094/2010"
              "10" From -> external: Regulations (EU) No 1093/2010 and (EU) No 1094/2010
              "14" To -> external: Regulations (EU) No 1093/2010 and (EU) No 1094/2010
            "Articles 2 and 3"
              "2" Single -> ANNEX IV, Article 2
              "3" Single -> dangling: Article 3 does not exist in Directive on testing
            "Article 3"
              "3" Single -> dangling: Article 3 does not exist in Directive on testing
        "#]],
    );
    // the section is CHAPTER V's, not the first SECTION II
    let mut ws = Workspace::new();
    let id = ws.add("draft", text);
    let doc = &ws.file(id).doc;
    let chain = doc
        .references
        .iter()
        .find(|r| text[r.span.clone()].starts_with("Chapters"));
    let section = ws.resolve_reference(id, chain.unwrap())[1]
        .resolution
        .clone();
    let Resolution::Node { node, .. } = section else {
        panic!("{section:?}")
    };
    assert_eq!(
        doc.node(doc.parent(node).unwrap()).label.as_str(),
        "CHAPTER V"
    );
}

#[test]
fn pointing_back_letter_lists_and_the_documents_own_designation() {
    // `that article` is the article the reference before cited, but `that
    // paragraph 2 applies` is a paragraph and `that Annex` after a bare
    // paragraph leans on nothing; single-letter annexes in a list; a
    // no-break space; the document's own designation inside an amendment
    let text = "# DIRECTIVE (EU) 2015/2366 OF THE EUROPEAN PARLIAMENT\n\n### Article 1\n\n1. In applying article 5, the zone referred to in that article; provided that paragraph 2 applies; under paragraph\u{a0}2 and that Annex.\n\n2. Substances in Annex A or B.\n\n### Article 5\n\nDirective 2009/110/EC is amended as follows:\n\n(1) Article 3 is replaced by the following: \u{2018}Article 1 of Directive (EU) 2015/2366 and Article 4 apply.\u{2019}\n\n## ANNEX A\n\nx\n\n## ANNEX B\n\ny\n";
    check_refs(
        text,
        expect![[r#"
            "article 5"
              "5" Single -> Article 5
            "that article"
              "that article" Single -> Article 5
            "paragraph 2"
              "2" Single -> Article 1(2)
            "paragraph\u{a0}2"
              "2" Single -> Article 1(2)
            "Annex A or B"
              "A" Single -> ANNEX A
              "B" Single -> ANNEX B
            "Article 3"
              "3" Single -> external: Directive 2009/110/EC
            "Article 1 of Directive (EU) 2015/2366"
              "1" Single -> Article 1
            "Article 4"
              "4" Single -> external: Directive 2009/110/EC
        "#]],
    );
}

#[test]
fn bracketed_alternatives_in_a_reference() {
    // `][` separates alternatives: the next one reads at the level the
    // first opened at; brackets elsewhere stay transparent
    check_refs(
        "# Draft\n\n### Article 2 bis\n\nx\n\n### Article 3\n\n1. a\n\n2. b\n\n3. Under Article [3, paragraph 2][2 bis.] and Article 3, paragraph [1][2]; Article [3][4]; and Article 4, paragraphs 3[ and 5][, 5 and 9], of the Convention.\n\n### Article 4\n\nx\n",
        expect![[r#"
            "Article [3, paragraph 2][2 bis"
              "2" Single -> Article 3(2)
              "2 bis" Single -> Article 2bis
            "Article 3, paragraph [1][2"
              "1" Single -> Article 3(1)
              "2" Single -> Article 3(2)
            "Article [3][4"
              "3" Single -> Article 3
              "4" Single -> Article 4
            "Article 4, paragraphs 3[ and 5][, 5 and 9], of the Convention"
              "3" Single -> external: the Convention
              "5" Single -> external: the Convention
              "5" Single -> external: the Convention
              "9" Single -> external: the Convention
        "#]],
    );
}

#[test]
fn tables_links_and_whole_roman_numbers_are_not_alternatives_or_parts() {
    // a table's `|` separates nothing; `[Article 1][7]` is a Markdown
    // link; `this Agreement as set out in` is this instrument; `Annex VI`
    // is no part of Annex V
    check_refs(
        "# Agreement on testing\n\n| Article 1 | 15 | agreed |\n\nSee [Article 1][7]; this Agreement as set out in Article 1; Annex VI.\n\n### Article 1\n\nx\n\n## ANNEX V\n\ny\n",
        expect![[r#"
            "Article 1"
              "1" Single -> Article 1
            "Article 1"
              "1" Single -> Article 1
            "Article 1"
              "1" Single -> Article 1
            "Annex VI"
              "VI" Single -> dangling: Annex VI does not exist in Agreement on testing
        "#]],
    );
}

#[test]
fn a_first_heading_naming_an_instrument_is_the_title_at_any_level() {
    let doc = parse("#### Basel Convention on Wastes\n\nThe Parties.\n\n### Article 1\n\nUnder Article 2 of the Convention.\n\n#### Scope\n\nText.\n");
    assert_eq!(doc.title.as_deref(), Some("Basel Convention on Wastes"));
    let doc = parse("#### Scope of this text\n\n### Article 1\n\nText.\n");
    assert_eq!(doc.title, None);
}

#[test]
fn block_quotes_belong_to_what_they_quote() {
    check_refs(
        "### Article 1\n\nArticle 2 of the Charter of the United Nations reads:\n\n> 1. The Organization is based on the principle in Article 1.\n> See paragraph 4 of this Article.\n\nSee Article 1 and this article.\n",
        expect![[r#"
            "Article 2 of the Charter of the United Nations"
              "2" Single -> external: the Charter of the United Nations
            "Article 1"
              "1" Single -> external: Charter of the United Nations
            "paragraph 4 of this Article"
              "4" Single -> external: Charter of the United Nations
            "Article 1"
              "1" Single -> Article 1
            "this article"
              "this article" Single -> Article 1
        "#]],
    );
}

#[test]
fn a_plural_annex_word_without_numbers_is_a_title() {
    check_tree(
        "### CHAPTER XX\n\n#### ANNEXES\n\n### Article 90\n\nText.\n\n### CHAPTER XXI\n\n### Article 91\n\nText.\n",
        expect![[r#"
            chapter "CHAPTER XX" [XX] — "ANNEXES"
              article "Article 90" [90] | Text.
            chapter "CHAPTER XXI" [XXI]
              article "Article 91" [91] | Text.
        "#]],
    );
}

#[test]
fn an_emphasised_label_then_an_emphasised_title_is_a_heading() {
    // grammar/README.md D7
    check_tree(
        "**Article 1** - **Scope**\n\nText.\n\n### **Article 2** - **Definitions**\n\nMore.\n\n**Article 3**\n\nLast.\n",
        expect![[r#"
            article "Article 1" [1] — "Scope" | Text.
            article "Article 2" [2] — "Definitions" | More.
            article "Article 3" [3] | Last.
        "#]],
    );
}
