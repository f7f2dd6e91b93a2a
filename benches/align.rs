//! Aligning two versions of a long draft: `unclos.md` (482 KB, real, from
//! `../shared/corpus/treaties/`) and its next version (a new article, every
//! later article renumbered, one deleted, every seventh paragraph
//! reworded: `support/versions.rs`). The alignment alone (both parsed
//! before), and with the two parses.
//!
//! `cargo bench --bench align`
//!
//! Target: under 100 ms on one core for two 500 KB drafts.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;
use treaty_lsp::align::{align, Version};
use treaty_lsp::syntax::parse;

#[path = "../tests/support/corpus.rs"]
mod corpus;
#[path = "support/versions.rs"]
mod versions;

fn bench(c: &mut Criterion) {
    let Some(old) = corpus::read("treaties/unclos.md", "align benchmark") else {
        return;
    };
    let new = versions::next_version(&old);
    let (old, new) = (old.as_str(), new.as_str());
    let (old_doc, new_doc) = (parse(old), parse(new));
    let v = |text, doc| Version { text, doc };
    let mut g = c.benchmark_group("align unclos (482 KB) -> next version");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(6));
    g.bench_function("align", |b| {
        b.iter(|| {
            align(
                black_box(v(old, &old_doc)),
                black_box(v(new, &new_doc)),
                &[],
            )
        })
    });
    g.bench_function("parse both + align", |b| {
        b.iter(|| {
            let (a, b2) = (parse(black_box(old)), parse(black_box(new)));
            align(
                Version { text: old, doc: &a },
                Version {
                    text: new,
                    doc: &b2,
                },
                &[],
            )
            .links
            .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
