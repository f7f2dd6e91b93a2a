//! Parse + reference resolution throughput, next to a bare line scan of
//! the same bytes (memchr counting `\n`, the floor any text tool pays): on
//! `unclos.md` (482 KB, real, from `../shared/corpus/treaties/`) and a
//! generated 10 MB draft. Criterion prints MB/s for each.
//!
//! `cargo bench --bench parse` (a couple of minutes on 2 cores).
//!
//! Target: 100 MB/s (UNCLOS in under 5 ms on one core).
//!
//! `unclos-edit`: a character typed in the middle of UNCLOS, then the
//! document of the edited text by a whole parse and by a parse resumed
//! from the one before the edit (`syntax::incremental::reparse`), in the
//! same run.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/draft.rs"]
mod draft;
use draft::generated_draft;

#[path = "support/work.rs"]
mod work;
use work::parse_and_resolve;

fn line_scan(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
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

/// One character typed at several places of `text` (a tenth, the middle,
/// nine tenths): a whole parse of the edited text against one resumed.
fn edit_group(c: &mut Criterion, name: &str, text: &str) {
    use treaty_lsp::syntax::{incremental::reparse, parse};
    let before = parse(text);
    let edited: Vec<String> = [10, 50, 90]
        .iter()
        .map(|pc| {
            let at = treaty_lsp::syntax::lines::line_start(text, text.len() * pc / 100);
            format!("{}x{}", &text[..at], &text[at..])
        })
        .collect();
    let mut g = c.benchmark_group(name);
    g.sample_size(20);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(4));
    g.bench_function("whole parse (3 edits)", |b| {
        b.iter(|| {
            edited
                .iter()
                .map(|t| parse(black_box(t)).nodes.len())
                .sum::<usize>()
        })
    });
    g.bench_function("resumed parse (3 edits)", |b| {
        b.iter(|| {
            edited
                .iter()
                .map(|t| reparse(text, &before, black_box(t)).nodes.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/treaties/unclos.md"
    );
    match std::fs::read_to_string(path) {
        Ok(text) => {
            group(c, "unclos", &text);
            edit_group(c, "unclos-edit", &text);
        }
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
