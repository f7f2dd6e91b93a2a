//! The negotiator's overview of a long draft: `unclos.md` (482 KB, real,
//! from `../shared/corpus/treaties/`) with 20 positions files of 30
//! positions each (600 positions on 276 articles, a third with changes),
//! as `treaty-lsp report` and `treaty-lsp compile` make them once the
//! files are read: the report as a value, the report rendered as HTML,
//! and the compilation of proposals.
//!
//! `cargo bench --bench report`
//!
//! Target: the report of a 500 KB draft with 20 positions files in under
//! 1 s from the command line.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;
use treaty_lsp::analysis::stakes::compile::html as compile_html;
use treaty_lsp::analysis::stakes::report::html;
use treaty_lsp::analysis::Workspace;

#[path = "../tests/support/corpus.rs"]
mod corpus;

/// 20 stakeholders' positions on articles picked by a fixed sequence.
fn positions_files() -> Vec<(String, String)> {
    let groups = ["state", "industry", "civil-society", "academia"];
    let stances = ["amend", "delete", "support", "oppose", "comment", "insert"];
    let mut seed: u64 = 1;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    (0..20)
        .map(|k| {
            let mut text = format!(
                "[source]\nstakeholder = \"Stakeholder {k}\"\ngroup = \"{}\"\ndraft = \"UNCLOS/1\"\n",
                groups[k % 4]
            );
            for j in 0..30 {
                let article = 1 + next(320);
                let stance = stances[next(6) as usize];
                text += &format!(
                    "\n[[position]]\ntarget = \"Article {article}\"\nstance = \"{stance}\"\n\
                     summary = \"Proposal {j} of {k}\"\nquote = \"We propose that Article {article} be changed.\"\n"
                );
                if stance == "amend" || stance == "insert" {
                    text += "\n[[position.change]]\naction = \"insert-text\"\nat = \"end\"\ntext = \" and so on\"\n";
                }
            }
            (format!("s{k}.positions.toml"), text)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let Some(unclos) = corpus::read("treaties/unclos.md", "report benchmark") else {
        return;
    };
    let mut ws = Workspace::new();
    let draft = ws.add(
        "unclos.treaty.md",
        format!("---\nid: UNCLOS/1\n---\n{unclos}"),
    );
    for (name, text) in positions_files() {
        ws.add(name, text);
    }
    assert_eq!(ws.report(draft).positions, 600, "every position attached");
    let mut g = c.benchmark_group("unclos (482 KB), 20 positions files");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("report", |b| b.iter(|| ws.report(black_box(draft))));
    g.bench_function("report as HTML", |b| {
        b.iter(|| html::page(&[ws.report(black_box(draft))], &|f| f.to_string()))
    });
    g.bench_function("compilation", |b| b.iter(|| ws.compile(black_box(draft))));
    g.bench_function("compilation as HTML", |b| {
        b.iter(|| compile_html::page(&ws.compile(black_box(draft))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
