//! `treaty-lsp report`: the positions matrix of the worked example, in
//! its three formats, through the binary.

mod support {
    pub mod corpus;
    pub mod run;
}

use serde_json::Value;

const REV1: &str = "examples/cybercrime-convention/drafts/A-AC.291-22-Rev.1.treaty.md";
const CND: &str = "examples/cybercrime-convention/drafts/A-AC.291-16.treaty.md";

fn report(args: &[&str]) -> (i32, String, String) {
    let args: Vec<&str> = ["report"].iter().chain(args).copied().collect();
    support::run::treaty_lsp(&args)
}

/// The positions files of the example, each with its positions' targets.
fn example_positions() -> Vec<(String, usize)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/cybercrime-convention/positions");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let v: toml::Value = toml::from_str(&text).unwrap();
        let who = v["source"]["stakeholder"].as_str().unwrap().to_string();
        let n = v
            .get("position")
            .and_then(|p| p.as_array())
            .map_or(0, |a| a.len());
        out.push((who, n));
    }
    out
}

/// Every position of the example's three files is in Rev.1's report (the
/// Microsoft ones carried from A/AC.291/16), each in its stakeholder's
/// cell of its row, and the JSON says so.
#[test]
fn the_json_report_holds_every_position_in_its_cell() {
    if support::corpus::dir("submissions", "the report on the worked example").is_none() {
        return;
    }
    let (code, out, err) = report(&["--format", "json", REV1]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["version"], 1);
    let r = &v["reports"][0];
    assert_eq!(r["file"], REV1);
    assert_eq!(r["id"], "A/AC.291/22/Rev.1");
    let columns: Vec<&str> = r["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // grouped: industry before academia
    assert_eq!(columns, ["Cybersecurity Tech Accord", "Microsoft", "CSIS"]);
    let total: usize = example_positions().iter().map(|(_, n)| n).sum();
    assert_eq!(r["positions"], total, "every position of the three files");
    let mut listed = std::collections::BTreeSet::new();
    for row in r["rows"].as_array().unwrap() {
        for p in row["positions"].as_array().unwrap() {
            // a position on articles 42.1, 44.1 and 45.1 is in three rows
            listed.insert((
                p["position"]["file"].to_string(),
                p["position"]["line"].to_string(),
            ));
            let column = columns.iter().position(|c| *c == p["stakeholder"]).unwrap();
            let cell = row["cells"][column].as_array().unwrap();
            // a position whose element is gone shows no words struck
            // from the element it is listed on
            if p["status"] == "no counterpart" {
                for c in p["changes"].as_array().unwrap() {
                    assert_eq!(c["diff"], serde_json::json!([]), "{}: {c}", p["summary"]);
                }
            }
            assert!(
                cell.contains(&p["stance"]),
                "{} in its cell: {row}",
                p["summary"]
            );
        }
    }
    assert_eq!(listed.len(), total);
    // the most contested first: Article 6 has all three stakeholders
    let first = r["most_contested"][0].as_u64().unwrap() as usize;
    assert_eq!(r["rows"][first]["element"], "Article 6");
}

/// Markdown: a summary, the matrix of letters with a legend, per article
/// the positions with the stakeholder's words and the change as struck and
/// inserted words.
#[test]
fn the_markdown_report_reads_as_a_brief() {
    if support::corpus::dir("submissions", "the report on the worked example").is_none() {
        return;
    }
    let (code, out, err) = report(&[CND]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# Positions on Consolidated negotiating document (A/AC.291/16): excerpt\n\n33 positions by 1 stakeholder on 23 elements.\n"), "{out}");
    assert!(out.contains(
        "S support · O oppose · A amend · D delete · I insert · R reservation · C comment"
    ));
    assert!(
        out.contains("| Element | Microsoft (industry) | Tally |"),
        "{out}"
    );
    assert!(
        out.contains("| Article 40 | A D | 4 amend · 2 delete |"),
        "{out}"
    );
    assert!(out.contains("|   Article 40(2)(e) | D |  |"), "{out}");
    let article_5 = out.split("\n## Article 5\n").nth(1).unwrap();
    assert!(
        article_5.contains("  > Delete the qualifier \"applicable\", as it opens the doors"),
        "the stakeholder's words: {article_5}"
    );
    assert!(
        article_5.contains("…obligations under this Convention is in accordance with ~~applicable~~ international human rights law."),
        "the deleted word struck: {article_5}"
    );
    assert!(
        article_5.contains("applicable international human rights law**, including, but not limited to, the International Covenant on Civil and Political Rights**."),
        "the inserted words: {article_5}"
    );
    assert!(
        article_5.contains("microsoft-ahc4-2023.md, line 49"),
        "{article_5}"
    );
}

/// HTML: one self-contained page (nothing fetched from the network),
/// every text escaped, the output file's name choosing the format.
#[test]
fn the_html_report_is_one_self_contained_page() {
    let dir = std::env::temp_dir().join(format!("treaty-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("treaty.toml"), "").unwrap();
    std::fs::write(
        dir.join("d.treaty.md"),
        "---\nid: D/1\n---\n# Draft <b>one</b>\n\n### Article 1\n\n1. The Parties shall act.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("x.positions.toml"),
        "[source]\nstakeholder = \"<script>alert(1)</script>\"\ngroup = \"state\"\ndraft = \"D/1\"\n\n\
         [[position]]\ntarget = \"Article 1(1)\"\nstance = \"amend\"\nsummary = \"[x](command:evil) <img src=x>\"\n\
         quote = \"We <i>propose</i>\"\n\n[[position.change]]\naction = \"replace\"\nfind = \"act\"\nwith = \"cooperate\"\n",
    )
    .unwrap();
    let page = dir.join("report.html");
    let draft = dir.join("d.treaty.md");
    let (code, _, err) = report(&[draft.to_str().unwrap(), "-o", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    for remote in ["http://", "https://", "src=\"//"] {
        assert!(!html.contains(remote), "fetches {remote}");
    }
    assert!(
        !html.contains("<script>alert"),
        "a stakeholder's name is text"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img src=x>") && !html.contains("<i>propose"));
    assert!(
        html.contains("<del>act</del><ins>cooperate</ins>"),
        "{html}"
    );
    assert!(html.contains("class=\"stance amend\">A</span>"));
    // the Markdown brief: no raw HTML, no link from a positions file
    let (_, md, _) = report(&[draft.to_str().unwrap()]);
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{md}");
    assert!(
        md.contains("\\[x\\](command:evil) &lt;img src=x&gt;"),
        "{md}"
    );
    assert!(!md.contains("<script>") && !md.contains("<img"), "{md}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A path that is no draft is a clear error, status 2.
#[test]
fn a_missing_draft_is_an_error() {
    let (code, out, err) = report(&["nowhere/d.treaty.md"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("error: cannot read nowhere/d.treaty.md"),
        "{err}"
    );
}
