//! Draft versions on the analysis layer: a lineage of three drafts
//! (tests/data/lineage: an article inserted before the others, all of them
//! renumbered, one paragraph's words deleted, one article reworded, one
//! dropped, one rewritten past recognition) and one stakeholder's
//! positions on the first, followed into the later ones with a status
//! each; a correspondence table overriding the aligner; broken lineages
//! and broken tables.

use std::path::Path;
use treaty_lsp::analysis::{DocId, FilePosition, Workspace};

fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/lineage")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Lineage {
    ws: Workspace,
    v1: DocId,
    v2: DocId,
    v3: DocId,
}

/// The three drafts and the positions on the first; with the table that
/// pairs the first two drafts' Article 1 when `table`.
fn lineage(table: bool) -> Lineage {
    let mut ws = Workspace::new();
    let v1 = ws.add("lineage/v1.treaty.md", data("v1.treaty.md"));
    let v2 = ws.add("lineage/v2.treaty.md", data("v2.treaty.md"));
    let v3 = ws.add("lineage/v3.treaty.md", data("v3.treaty.md"));
    ws.add(
        "lineage/access-now.positions.toml",
        data("access-now.positions.toml"),
    );
    if table {
        ws.add(
            "lineage/v1--v2.correspondence.toml",
            data("v1--v2.correspondence.toml"),
        );
    }
    Lineage { ws, v1, v2, v3 }
}

impl Lineage {
    /// The hover on a heading (`### Article 4`) of a draft.
    fn hover(&self, draft: DocId, heading: &str) -> String {
        let text = &self.ws.file(draft).text;
        let offset = text.find(heading).unwrap_or_else(|| panic!("{heading}")) + 5;
        let pos = FilePosition { doc: draft, offset };
        self.ws.hover(pos).map(|h| h.markdown).unwrap_or_default()
    }

    /// The hover inside the text of an element, on `words`.
    fn hover_in(&self, draft: DocId, words: &str) -> String {
        let text = &self.ws.file(draft).text;
        let offset = text.find(words).unwrap_or_else(|| panic!("{words}"));
        let pos = FilePosition { doc: draft, offset };
        self.ws.hover(pos).map(|h| h.markdown).unwrap_or_default()
    }
}

#[test]
fn the_lineage_is_shown_and_every_draft_is_sound() {
    let l = lineage(false);
    assert_eq!(l.ws.lineage_label(l.v3).as_deref(), Some("V/3 ← V/2 ← V/1"));
    assert_eq!(l.ws.lineage_label(l.v1), None);
    for d in [l.v1, l.v2, l.v3] {
        let errors: Vec<_> =
            l.ws.diagnostics(d)
                .into_iter()
                .filter(|d| {
                    d.code.contains("lineage")
                        || d.code.contains("predecessor")
                        || d.code.contains("supersedes")
                })
                .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let outline = l.ws.document_symbols(l.v3);
    assert_eq!(outline[0].name, "V/3 — Revised text");
    assert_eq!(
        outline[0].detail.as_deref(),
        Some("draft, follows V/2 ← V/1")
    );
    // Article 6 of V/1 was dropped: its position is listed in the outline
    let dropped: Vec<&str> = outline[0]
        .children
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert!(
        dropped.contains(&"Access Now: support Article 6 of V/1"),
        "{dropped:?}"
    );
}

#[test]
fn each_carried_position_has_its_place_and_status_in_the_latest_draft() {
    let l = lineage(false);
    // the deletion was made between V/2 and V/3: applied
    let md = l.hover(l.v3, "### Article 4");
    assert!(md.contains("- **Access Now** (civil-society) · *amend, applied* · Article 4(2) · on V/1, Article 3(2): "), "{md}");
    // words still there: open, and its quick fix re-targeted
    assert!(
        md.contains(
            "- **Access Now** (civil-society) · *amend* · Article 4(1) · on V/1, Article 3(1): "
        ),
        "{md}"
    );
    assert!(md.contains("**Positions**: 1 amend · 1 applied"), "{md}");
    let text = &l.ws.file(l.v3).text;
    let at = text.find("without right").unwrap();
    let fixes = l.ws.amendments_at(l.v3, at);
    let fix = fixes
        .iter()
        .find(|a| a.title.contains("without authorization"))
        .expect("a quick fix");
    assert!(
        fix.title.contains("(made on V/1, Article 3(1))"),
        "{}",
        fix.title
    );
    assert!(fix.disabled.is_none());
    let after = treaty_lsp::analysis::apply_edits(text, &fix.change.edits[0].1);
    assert!(
        after.contains("computer system without authorization."),
        "{after}"
    );
    // the words were reworded otherwise: overtaken, with both texts
    let md = l.hover(l.v3, "### Article 5");
    assert!(
        md.contains("*amend, overtaken* · Article 5 · on V/1, Article 4: "),
        "{md}"
    );
    assert!(
        md.contains("**Overtaken**: Access Now proposed to replace"),
        "{md}"
    );
    assert!(md.contains("~~interception without right of non-public transmissions~~ **interception, made by technical means, of communications**"), "{md}");
    assert!(l
        .ws
        .amendments_at(
            l.v3,
            l.ws.file(l.v3).text.find("made by technical").unwrap()
        )
        .iter()
        .all(|a| !a.title.contains("private transmissions")));
    // rewritten past recognition: a candidate, uncertain, not counted
    let md = l.hover(l.v3, "### Article 6");
    assert!(
        md.contains("Article 6? · on V/1, Article 5 (uncertain, 0."),
        "{md}"
    );
    assert!(
        md.contains("**Positions**: 1 uncertain or without counterpart"),
        "{md}"
    );
    let lenses = l.ws.position_lenses(l.v3);
    let titles: Vec<&str> = lenses.iter().map(|l| l.title.as_str()).collect();
    assert!(
        titles.contains(&"1 uncertain (carried from an earlier version)"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"1 amend · 1 applied — Access Now"),
        "{titles:?}"
    );
}

#[test]
fn hover_says_what_an_element_was_with_the_words_that_changed() {
    let l = lineage(false);
    let md = l.hover(l.v2, "### Article 4");
    assert!(md.contains("**Was** Article 3 in V/1 (renumbered)"), "{md}");
    let md = l.hover(l.v3, "### Article 4");
    assert!(md.contains("**Was** Article 4 in V/2"), "{md}");
    assert!(
        md.contains("~~with the intent of obtaining electronic data~~"),
        "{md}"
    );
    let md = l.hover(l.v2, "### Article 2");
    assert!(md.contains("**New** since V/1."), "{md}");
    // in the body of a changed paragraph too; not in an unchanged one
    let md = l.hover_in(l.v3, "or other dishonest intent");
    assert!(
        md.contains("~~with the intent of obtaining electronic data~~"),
        "{md}"
    );
    let md = l.hover_in(l.v3, "protection of systems");
    assert!(!md.contains("**Was**"), "{md}");
}

#[test]
fn a_correspondence_table_overrides_the_aligner() {
    // without the table, V/1's Article 1 has no counterpart: its position
    // stands on the whole draft
    let l = lineage(false);
    assert!(!l.hover(l.v2, "### Article 1").contains("Access Now"));
    // with it, it is Article 1, for sure
    let l = lineage(true);
    let md = l.hover(l.v2, "### Article 1");
    assert!(md.contains("**Was** Article 1 in V/1"), "{md}");
    assert!(
        md.contains(
            "- **Access Now** (civil-society) · *comment* · Article 1 · on V/1, Article 1: "
        ),
        "{md}"
    );
    assert!(md.contains("**Positions**: 1 comment"), "{md}");
    let table = l.ws.find("lineage/v1--v2.correspondence.toml").unwrap();
    assert_eq!(l.ws.diagnostics(table), vec![]);
    let _ = l.v1;
}

#[test]
fn a_bad_correspondence_table_reports_each_problem_where_it_is() {
    let mut l = lineage(false);
    let text = "[versions]\nold = \"V/1\"\nnew = \"V/9\"\n";
    let t = l.ws.add("lineage/a.correspondence.toml", text);
    let d = l.ws.diagnostics(t);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "unknown-draft");
    assert_eq!(&text[d[0].span.clone()], "\"V/9\"");
    let text = "[versions]\nold = \"V/1\"\nnew = \"v2.treaty.md\"\n\n[[pair]]\nold = \"Article 9\"\nnew = [\"Article 1\", \"Article 2, paragraph 7\"]\n\n[[pair]]\nold = \"Article 1\"\nnwe = \"Article 1\"\n";
    let t = l.ws.add("lineage/b.correspondence.toml", text);
    let got: Vec<(String, &str)> =
        l.ws.diagnostics(t)
            .into_iter()
            .map(|d| (format!("{}: {}", d.code, d.message), &text[d.span]))
            .collect();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(
        got[0],
        (
            "unknown-element: not in V/1: no Article 9".to_string(),
            "\"Article 9\""
        ),
        "{got:#?}"
    );
    assert!(
        got[1].0.starts_with("unknown-element: not in V/2: ")
            && got[1].1 == "\"Article 2, paragraph 7\"",
        "{got:#?}"
    );
    assert!(got[2].0.contains("a pair has no `new`"), "{got:#?}");
    assert!(
        got[3].0.contains("did you mean `new`") && got[3].1 == "nwe",
        "{got:#?}"
    );
    // the broken pair is left out; the aligner still runs
    assert!(l
        .hover(l.v2, "### Article 4")
        .contains("**Was** Article 3 in V/1"));
}

#[test]
fn broken_lineages_are_diagnosed_not_followed_forever() {
    let draft = |id: &str, follows: &str| {
        format!("---\nid: {id}\nsupersedes: {follows}\n---\n\n### Article 1\n\nText of {id}.\n")
    };
    let mut ws = Workspace::new();
    let a = ws.add("a.treaty.md", draft("A", "B"));
    let b = ws.add("b.treaty.md", draft("B", "C"));
    let c = ws.add("c.treaty.md", draft("C", "A"));
    let itself = ws.add("d.treaty.md", draft("D", "D"));
    let missing = ws.add("e.treaty.md", draft("E", "Z/99"));
    let codes = |d: DocId| -> Vec<&'static str> {
        ws.diagnostics(d)
            .iter()
            .map(|d| d.code)
            .filter(|c| ["lineage-cycle", "supersedes-itself", "missing-predecessor"].contains(c))
            .collect()
    };
    for d in [a, b, c] {
        assert_eq!(codes(d), vec!["lineage-cycle"]);
    }
    assert_eq!(codes(itself), vec!["supersedes-itself"]);
    assert_eq!(codes(missing), vec!["missing-predecessor"]);
    let msg = ws
        .diagnostics(a)
        .into_iter()
        .find(|d| d.code == "lineage-cycle")
        .unwrap()
        .message;
    assert_eq!(
        msg,
        "the versions go round in a circle: A supersedes B supersedes C supersedes A"
    );
    // hovers and outlines still answer
    assert!(ws
        .hover(FilePosition {
            doc: a,
            offset: ws.file(a).text.find("### Article 1").unwrap() + 5
        })
        .is_some());
    assert_eq!(ws.lineage_label(itself), None);
}

#[test]
fn migrating_a_positions_file_renumbers_its_targets_and_keeps_the_originals() {
    let l = lineage(true);
    let file = l.ws.find("lineage/access-now.positions.toml").unwrap();
    let m = l.ws.migrate(file, l.v3).unwrap();
    assert_eq!(
        m.moved,
        vec![
            "Article 3, paragraph 2 -> Article 4(2)",
            "Article 3, paragraph 1 -> Article 4(1)",
            "Article 4 -> Article 5",
            "Article 1 -> Article 1",
        ]
    );
    assert_eq!(m.set_aside.len(), 2, "{:?}", m.set_aside);
    assert!(m.set_aside[0].starts_with("Article 5: its counterpart in V/3 is uncertain (0."));
    assert_eq!(
        m.set_aside[1],
        "Article 6: no counterpart in V/3 (its element was dropped)"
    );
    assert!(m.text.contains("draft = \"V/3\""));
    assert!(m.text.contains("target = \"Article 4(2)\"\noriginal-draft = \"V/1\"\noriginal-target = \"Article 3, paragraph 2\"\n"));
    assert!(m.text.contains("# set aside by treaty-lsp migrate: no counterpart in V/3 (its element was dropped)\n# [[position]]\n# target = \"Article 6\"\n"));

    // the migrated file, read against V/3 (V/1 open beside it, not as an
    // earlier version): no problem, every position where the carried one
    // stood, saying where it was made, with the same status
    let mut ws = Workspace::new();
    ws.add("v1.treaty.md", data("v1.treaty.md"));
    let v3 = ws.add(
        "v3.treaty.md",
        data("v3.treaty.md").replace("supersedes: V/2\n", ""),
    );
    let migrated = ws.add("access-now.positions.toml", m.text.clone());
    let errors: Vec<_> = ws
        .diagnostics(migrated)
        .into_iter()
        .filter(|d| d.code != "stale-change" && d.code != "applied")
        .collect();
    assert_eq!(errors, vec![]);
    let text = &ws.file(v3).text;
    let at = text.find("### Article 4").unwrap() + 5;
    let md = ws
        .hover(FilePosition {
            doc: v3,
            offset: at,
        })
        .unwrap()
        .markdown;
    assert!(
        md.contains("*amend* · Article 4(1) · on V/1, Article 3, paragraph 1: "),
        "{md}"
    );
    assert!(
        md.contains("*amend, applied* · Article 4(2) · on V/1, Article 3, paragraph 2: "),
        "{md}"
    );

    // migrating again keeps the first originals; the same draft is refused
    let mut again = lineage(true);
    let f = again.ws.add(
        "lineage/migrated.positions.toml",
        m.text.replace("draft = \"V/3\"", "draft = \"V/2\""),
    );
    let m2 = again.ws.migrate(f, again.v3).unwrap();
    assert!(m2
        .text
        .contains("original-target = \"Article 3, paragraph 2\""));
    assert_eq!(m2.text.matches("original-draft").count(), 4);
    assert!(l
        .ws
        .migrate(file, l.v1)
        .unwrap_err()
        .contains("already written against V/1"));
    assert!(l.ws.migrate(file, l.v2).is_ok());
    let _ = again.v2;
}

#[test]
fn migrate_comments_out_only_the_position_it_sets_aside_and_refuses_a_file_with_problems() {
    let mut l = lineage(false);
    // the source after the positions, a change after the one set aside
    let text = "[[position]]\ntarget = \"Article 6\"\nstance = \"support\"\nsummary = \"gone\"\n[[position.change]]\naction = \"delete\"\n\n[source]\nstakeholder = \"Late\"\ndraft = \"V/1\"\n";
    let f = l.ws.add("lineage/late.positions.toml", text);
    let m = l.ws.migrate(f, l.v3).unwrap();
    assert!(
        m.text
            .contains("# [[position.change]]\n# action = \"delete\"\n"),
        "{}",
        m.text
    );
    assert!(
        m.text
            .contains("\n[source]\nstakeholder = \"Late\"\ndraft = \"V/3\"\n"),
        "{}",
        m.text
    );
    // a position the reader could not read would be left behind: refused
    let broken = "[source]\nstakeholder = \"B\"\ndraft = \"V/1\"\n\n[[position]]\ntarget = \"Article 3\"\nstance = \"amend\"\nsumary = \"typo\"\n";
    let f = l.ws.add("lineage/broken.positions.toml", broken);
    let e = l.ws.migrate(f, l.v3).unwrap_err();
    assert!(
        e.contains("has 2 problem(s), the first at line 5: this position has no `summary`"),
        "{e}"
    );
}

#[test]
fn words_seen_in_one_element_do_not_make_another_applied() {
    let mut ws = Workspace::new();
    ws.add("d.treaty.md", "---\nid: D\n---\n\n### Article 1\n\nThe access without right is an offence.\n\n### Article 2\n\nThe interception is an offence.\n");
    let p = ws.add(
        "p.positions.toml",
        "[source]\nstakeholder = \"S\"\ndraft = \"D\"\n\n[[position]]\ntarget = \"Article 1\"\nstance = \"amend\"\nsummary = \"a\"\n[[position.change]]\naction = \"delete-text\"\nfind = \"without right\"\n\n[[position]]\ntarget = \"Article 2\"\nstance = \"amend\"\nsummary = \"b\"\n[[position.change]]\naction = \"delete-text\"\nfind = \"without right\"\n",
    );
    let codes: Vec<&str> = ws.diagnostics(p).iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["stale-change"], "Article 2 never had the words");
}

#[test]
fn the_title_of_a_later_draft_is_not_new() {
    let mut ws = Workspace::new();
    ws.add("v1.treaty.md", data("v1.treaty.md"));
    let v2 = data("v2.treaty.md").replace(
        "---\n\n### Article 1",
        "---\n\n# Consolidated text\n\n### Article 1",
    );
    let v2 = ws.add("v2.treaty.md", v2);
    let at = ws.file(v2).text.find("# Consolidated").unwrap() + 3;
    let md = ws
        .hover(FilePosition {
            doc: v2,
            offset: at,
        })
        .unwrap()
        .markdown;
    assert!(md.contains("Versions: V/2 ← V/1"), "{md}");
    assert!(!md.contains("**New**"), "{md}");
}

#[test]
fn find_references_on_a_later_draft_lists_the_carried_positions() {
    let l = lineage(false);
    let text = &l.ws.file(l.v3).text;
    let at = text.find("### Article 4").unwrap() + 12;
    let refs = l.ws.references(
        FilePosition {
            doc: l.v3,
            offset: at,
        },
        false,
    );
    let positions = l.ws.find("lineage/access-now.positions.toml").unwrap();
    let ptext = &l.ws.file(positions).text;
    let mut cited: Vec<&str> = refs
        .iter()
        .filter(|r| r.doc == positions)
        .map(|r| &ptext[r.span.clone()])
        .collect();
    cited.sort();
    assert_eq!(
        cited,
        vec!["\"Article 3, paragraph 1\"", "\"Article 3, paragraph 2\""]
    );
}
