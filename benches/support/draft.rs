//! The generated draft the throughput benchmark reads (shared with
//! `examples/throughput.rs`, which runs the same work once for profilers).

use std::fmt::Write;

/// A deterministic draft of about `bytes` bytes in the UN style: chapters,
/// articles with headings, numbered paragraphs, lettered subparagraphs,
/// square-bracketed alternatives and many cross-references of every shape
/// (`Article 12, paragraph 2 (b)`, `Articles 6 to 16`, `paragraph 3 of
/// this article`, `points (a) and (b) of Article 9(2)`, `the preceding
/// paragraph`), then annexes with their own articles (`article 1 of this
/// Annex`). Nearly every reference resolves. With `external`, every
/// paragraph also cites another instrument (`article 5(1) of the
/// Covenant`), far more often than real texts do (UNCLOS: 18 of 916).
pub fn generated_draft(bytes: usize, external: bool) -> String {
    const ANNEXES: usize = 5;
    const ANNEX_ARTICLES: usize = 10;
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str(
        "---\nid: BENCH/1\ntitle: Generated convention\n---\n\n# Generated convention\n\n",
    );
    out.push_str("### Preamble\n\n_The States Parties to this Convention_,\n\n_Recalling_ Article 19 of the International Covenant on Civil and Political Rights,\n\n_Have agreed_ as follows:\n\n");
    let annex_bytes = ANNEXES * (ANNEX_ARTICLES * 230 + 60);
    let mut article: usize = 0;
    while out.len() + annex_bytes < bytes {
        if article % 20 == 0 {
            let chapter = article / 20 + 1;
            let _ = write!(
                out,
                "### CHAPTER {chapter}\n\n#### Provisions of group {chapter}\n\n"
            );
        }
        article += 1;
        let _ = write!(
            out,
            "### Article {article}\n\n#### Obligation number {article}\n\n"
        );
        for p in 1..=4 {
            // this or an earlier article, so that the references resolve
            let cited = (article * 7 + p) % article + 1;
            let _ = write!(
                out,
                "{p}. Each State Party [shall][should] adopt such measures as may be necessary, in accordance with Article {cited}, paragraph 2 (b), and Articles {} to {}, subject to paragraph {} of this article",
                cited.saturating_sub(3).max(1),
                cited,
                (p % 4) + 1
            );
            if p > 1 {
                out.push_str(" and the preceding paragraph");
            }
            if external {
                let _ = write!(
                    out,
                    " [, without prejudice to article {cited}(1) of the Covenant]"
                );
            }
            out.push_str(".\n\n");
            for (i, l) in ["a", "b", "c"].iter().enumerate() {
                let _ = write!(
                    out,
                    "({l}) [measures relating to point ({l}) of Article {cited}({})][Alt 2: points (a) and (b) of Article {cited}(1)];\n\n",
                    i + 1
                );
            }
        }
    }
    for annex in 1..=ANNEXES {
        let _ = write!(
            out,
            "### ANNEX {annex}\n\n#### Measures of implementation\n\n"
        );
        for a in 1..=ANNEX_ARTICLES {
            let _ = write!(
                out,
                "### Article {a}\n\n1. The measures referred to in article {} of this Convention.\n\n2. As set out in paragraph 1 of this article and article 1 of this Annex.\n\n",
                (a * 37 + annex) % article.max(1) + 1
            );
        }
    }
    out
}
