//! `treaty-lsp compile`: the compilation of proposals on the worked
//! example's drafts, through the binary, read back by the parser.

mod support {
    pub mod corpus;
    pub mod run;
}

use treaty_lsp::syntax::{parse, Document, NodeKind};

const DRAFTS: &[&str] = &[
    "examples/cybercrime-convention/drafts/A-AC.291-16.treaty.md",
    "examples/cybercrime-convention/drafts/A-AC.291-22-Rev.1.treaty.md",
];

fn articles(doc: &Document) -> Vec<String> {
    doc.ids()
        .filter(|&n| doc.node(n).kind == NodeKind::Article)
        .map(|n| doc.display_name(n))
        .collect()
}

/// Every compilation is a draft the parser reads: every article of the
/// original is there (and only the new ones proposed besides), its
/// brackets balance, and every proposal is placed.
#[test]
fn every_compilation_reads_as_a_draft_with_every_article() {
    if support::corpus::dir("submissions", "compiling the worked example").is_none() {
        return;
    }
    for draft in DRAFTS {
        let (code, out, err) = support::run::treaty_lsp(&["compile", draft]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("proposals placed in the compilation of"),
            "{err}"
        );
        let original =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(draft))
                .unwrap();
        let (before, after) = (parse(&original), parse(&out));
        let kept = articles(&after);
        for a in articles(&before) {
            assert!(kept.contains(&a), "{draft}: {a} lost in the compilation");
        }
        assert!(
            after.brackets.len() >= before.brackets.len(),
            "{draft}: brackets lost"
        );
        // no problem the draft did not have: brackets balance, numbers hold
        let codes = |d: &Document| {
            let mut c: Vec<&str> = d.issues.iter().map(|i| i.code).collect();
            c.sort();
            c
        };
        assert_eq!(codes(&after), codes(&before), "{draft}");
        assert!(out.contains("(compilation of proposals)"), "its own id");
        assert!(!out.contains("supersedes:"), "it follows no draft");
    }
}

/// The words a proposal changes are set off in square brackets, with the
/// proposal after them, attributed; new elements are inserted and marked;
/// whole deletions are marked, not performed.
#[test]
fn proposals_are_inline_and_attributed() {
    if support::corpus::dir("submissions", "compiling the worked example").is_none() {
        return;
    }
    let (code, out, err) = support::run::treaty_lsp(&["compile", DRAFTS[0]]);
    assert_eq!(code, 0, "{err}");
    for expected in [
        "in accordance with [applicable] `{Microsoft: delete}` international human rights law `{Microsoft: insert “, including, but not limited to, the International Covenant on Civil and Political Rights”}`.",
        "(c) … provide practical [measures] `{Microsoft: “support”}` to enhance",
        "2. Nothing in this convention shall be interpreted as criminalizing the conduct of persons engaged in lawful cybersecurity work. `{Microsoft: new, proposed}`",
        "`{Microsoft: delete Article 40(2)}`",
        "(c) … [any criminal offences] `{Microsoft: remove the brackets}`",
    ] {
        assert!(out.contains(expected), "missing: {expected}");
    }
    // the deleted paragraph is still there, the note at the end of its words
    assert!(out.contains(
        "\n2. *text elided: not quoted in the submissions* `{Microsoft: delete Article 40(2)}`\n"
    ));
    // a proposed point of the last article stays in it, before a new article
    let doc = parse(&out);
    let article_45 = doc
        .ids()
        .find(|&n| doc.display_name(n) == "Article 45")
        .expect("Article 45");
    let points: Vec<String> = doc
        .ids()
        .filter(|&n| doc.ancestors(n).any(|a| a == article_45) && n != article_45)
        .map(|n| doc.display_name(n))
        .collect();
    assert!(
        points.contains(&"Article 45(1)(d)".to_string()),
        "{points:?}"
    );
}

/// `--format html` (or an output named `.html`): one page to read and
/// print, every placed proposal a marked span naming its stakeholder.
#[test]
fn the_compilation_as_a_page_marks_every_proposal() {
    if support::corpus::dir("submissions", "compiling the worked example").is_none() {
        return;
    }
    let out = std::env::temp_dir().join(format!("treaty-compile-{}.html", std::process::id()));
    let path = out.to_str().unwrap();
    let (code, _, err) = support::run::treaty_lsp(&["compile", DRAFTS[0], "-o", path]);
    assert_eq!(code, 0, "{err}");
    let placed: usize = err.split_whitespace().next().unwrap().parse().unwrap();
    let page = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    // one in the legend, one per proposal
    assert_eq!(page.matches("<span class=\"proposal\"").count(), placed + 1);
    assert!(page.contains(r#"[applicable] <span class="proposal" data-who="Microsoft"><b>Microsoft</b>: delete</span>"#));
    assert!(
        !page.contains("<script") && !page.contains("<!--"),
        "inert, no comments"
    );
    // the same as Markdown, when asked
    let (code, md, _) = support::run::treaty_lsp(&["compile", DRAFTS[0], "--format", "md"]);
    assert_eq!(code, 0);
    assert_eq!(md.matches("`{").count(), placed);
}
