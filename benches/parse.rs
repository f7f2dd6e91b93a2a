//! Parse + reference resolution throughput, next to a bare line scan of
//! the same bytes: on `unclos.md` (482 KB, real) and a generated 10 MB
//! draft. `cargo bench --bench parse`
//!
//! Target: 100 MB/s (UNCLOS in under 5 ms on one core).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;
use treaty_lsp::analysis::Workspace;

/// Parses, indexes and resolves every reference: what a file costs before
/// the first diagnostic.
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

/// A deterministic draft of about `bytes` bytes in the UN style.
fn generated_draft(bytes: usize) -> String {
    let mut out = String::from(
        "---\nid: BENCH/1\ntitle: Generated convention\n---\n\n# Generated convention\n\n",
    );
    let mut article = 0;
    let mut chapter = 0;
    while out.len() < bytes {
        if article % 20 == 0 {
            chapter += 1;
            out.push_str(&format!(
                "### CHAPTER {chapter}\n\n#### Provisions of group {chapter}\n\n"
            ));
        }
        article += 1;
        out.push_str(&format!(
            "### Article {article}\n\n#### Obligation number {article}\n\n"
        ));
        for p in 1..=4 {
            let cited = (article * 7 + p) % article.max(1) + 1;
            out.push_str(&format!(
                "{p}. Each State Party [shall][should] adopt such measures as may be necessary, in accordance with article {cited}, paragraph 2 (b), and Articles {} to {}, subject to paragraph {} of this article and the preceding paragraph.\n\n",
                cited,
                cited + 3,
                (p % 4) + 1
            ));
            for (i, l) in ["a", "b", "c"].iter().enumerate() {
                out.push_str(&format!(
                    "({l}) [measures relating to point ({l}) of Article {}({})];\n\n",
                    cited,
                    i + 1
                ));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse+resolve");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    group.warm_up_time(Duration::from_secs(1));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/treaties/unclos.md"
    );
    let mut inputs = Vec::new();
    match std::fs::read_to_string(path) {
        Ok(t) => inputs.push(("unclos.md", t)),
        Err(e) => eprintln!("\n!!! {path}: {e}; the UNCLOS benchmark is skipped !!!\n"),
    }
    inputs.push(("generated-10MB", generated_draft(10 << 20)));
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("treaty-lsp", name), text, |b, t| {
            b.iter(|| parse_and_resolve(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("line-scan", name), text, |b, t| {
            b.iter(|| line_scan(black_box(t)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
