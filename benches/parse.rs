//! Parse + reference resolution throughput, next to a bare line scan of
//! the same bytes (memchr counting `\n`, the floor any text tool pays): on
//! `unclos.md` (482 KB, real, from `../shared/corpus/treaties/`) and a
//! generated 10 MB draft. Criterion prints MB/s for each.
//!
//! `cargo bench --bench parse` (a couple of minutes on 2 cores).
//!
//! Target: 100 MB/s (UNCLOS in under 5 ms on one core).

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};
use treaty_lsp::analysis::Workspace;

/// Parses, indexes and resolves every reference: what a file costs before
/// the first diagnostic. Returns the number of resolved targets.
fn parse_and_resolve(text: &str) -> usize {
    let mut ws = Workspace::new();
    let id = ws.add("bench", text);
    let file = ws.file(id);
    let mut n = 0;
    for r in &file.doc.references {
        n += ws.resolve_reference(id, r).len();
    }
    n
}

fn line_scan(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// A deterministic draft of about `bytes` bytes in the UN style: chapters,
/// articles with headings, numbered paragraphs, lettered subparagraphs,
/// square-bracketed alternatives and many cross-references of every shape
/// (`Article 12, paragraph 2 (b)`, `Articles 6 to 16`, `paragraph 3 of
/// this article`, `points (a) and (b) of Article 9(2)`, `the preceding
/// paragraph`), then annexes with their own articles (`article 1 of this
/// Annex`). Nearly every reference resolves. With `external`, every
/// paragraph also cites another instrument (`article 5(1) of the
/// Covenant`), far more often than real texts do (UNCLOS: 18 of 916).
fn generated_draft(bytes: usize, external: bool) -> String {
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

fn group(c: &mut Criterion, name: &str, text: &str) {
    // one untimed run tells how long a sample takes: slow inputs get a
    // measurement time that fits 10 samples, instead of criterion's warning
    let t = Instant::now();
    black_box(parse_and_resolve(text));
    let once = t.elapsed();
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(text.len() as u64));
    if once > Duration::from_millis(100) {
        g.sampling_mode(SamplingMode::Flat);
    }
    g.measurement_time((once * 12).max(Duration::from_secs(4)));
    g.bench_function("parse+resolve", |b| {
        b.iter(|| parse_and_resolve(black_box(text)))
    });
    g.sampling_mode(SamplingMode::Auto);
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("line-scan", |b| b.iter(|| line_scan(black_box(text))));
    g.finish();
}

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/treaties/unclos.md"
    );
    match std::fs::read_to_string(path) {
        Ok(text) => group(c, "unclos", &text),
        Err(e) => eprintln!(
            "\n!!!!!!!!\n!!! {path}: {e}\n!!! the UNCLOS benchmark is SKIPPED (put ../shared/corpus beside the clone)\n!!!!!!!!\n"
        ),
    }
    for (name, bytes, external) in [
        ("generated-10MB", 10 << 20, false),
        // external references cost more than their share: resolving one
        // lists the instruments of each file, a walk over all its nodes
        ("generated-2MB-external-refs", 2 << 20, true),
    ] {
        let text = generated_draft(bytes, external);
        let refs = treaty_lsp::syntax::parse(&text).references.len();
        eprintln!(
            "{name}: {} bytes, {} lines, {refs} references",
            text.len(),
            line_scan(&text)
        );
        group(c, name, &text);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
