//! The hostile shapes of issue 14 at 1, 2, 4 and 8 MB: how time and
//! memory grow with the input. Each row is the best of three runs of what
//! a file costs the checker (parse, resolve every reference, diagnostics,
//! and the line and column of every diagnostic as `check` prints them; for
//! a positions file, reading it beside a small draft and its
//! diagnostics), with the peak of live heap bytes during the run.
//!
//! `cargo bench --bench hostile` (a minute or two). Linear growth shows as
//! a ratio near 2 from one size to the next; figures in docs/performance.md.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use treaty_lsp::analysis::Workspace;
use treaty_lsp::syntax::lines::LineIndex;

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `1.` in `(a)` in `(i)` in `(A)` ..., each label one level deeper.
fn nested_labels(bytes: usize) -> String {
    let mut text = String::from("### Article 1\n\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(["1.", "(a)", "(i)", "(A)"][i % 4]);
        text.push_str(" x\n\n");
        i += 1;
    }
    text
}

/// One line of references, as a pasted table might be.
fn reference_line(bytes: usize) -> String {
    let unit = "See Article 1, paragraph 2 and Article 3(4)(a); ";
    format!("### Article 1\n\n{}\n", unit.repeat(bytes / unit.len()))
}

/// `"a" means "b" means ...` on one line.
fn chained_definitions(bytes: usize) -> String {
    let unit = "\"a\" means \"b\" means ";
    format!("### Article 1\n\n{}\n", unit.repeat(bytes / unit.len()))
}

/// A positions file of many positions.
fn positions_file(bytes: usize) -> String {
    let mut text =
        String::from("[source]\nstakeholder = \"Bench\"\ngroup = \"industry\"\ndraft = \"B/1\"\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&format!(
            "\n[[position]]\ntarget = \"Article {}\"\nstance = \"amend\"\nsummary = \"position {i}\"\n\n[[position.change]]\naction = \"replace\"\nfind = \"measures\"\nwith = \"support\"\n",
            i % 3 + 1
        ));
        i += 1;
    }
    text
}

const DRAFT: &str = "---\nid: B/1\n---\n\n### Article 1\n\n1. Take measures.\n\n### Article 2\n\nText.\n\n### Article 3\n\nText.\n";

/// What a draft costs `check`: parse, resolve, diagnose, place.
fn check_draft(text: &str) -> usize {
    let mut ws = Workspace::new();
    let id = ws.add("bench.treaty.md", text);
    let mut n = 0;
    for r in &ws.file(id).doc.references {
        n += ws.resolve_reference(id, r).len();
    }
    let lines = LineIndex::new(text);
    for d in ws.diagnostics(id) {
        n += lines.line_col(text, d.span.start).1;
    }
    n
}

/// What a positions file costs: read beside its draft, diagnosed.
fn check_positions(text: &str) -> usize {
    let mut ws = Workspace::new();
    ws.add("draft.treaty.md", DRAFT);
    let id = ws.add("bench.positions.toml", text);
    ws.positions_diagnostics(id).len()
}

fn measure(run: &dyn Fn(&str) -> usize, text: &str) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut peak = 0;
    for _ in 0..3 {
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let t = Instant::now();
        std::hint::black_box(run(std::hint::black_box(text)));
        best = best.min(t.elapsed());
        peak = peak.max(PEAK.load(Ordering::Relaxed) - base);
    }
    (best, peak)
}

type Shape = (&'static str, fn(usize) -> String, fn(&str) -> usize);

fn main() {
    // `cargo bench` passes `--bench`; a filter picks shapes by name
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let shapes: [Shape; 4] = [
        ("nested labels", nested_labels, check_draft),
        ("one line of references", reference_line, check_draft),
        ("chained definitions", chained_definitions, check_draft),
        ("positions file", positions_file, check_positions),
    ];
    println!("| shape | size | time | x prev | peak heap | x prev |");
    println!("|---|---|---|---|---|---|");
    for (name, make, run) in shapes {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let mut prev: Option<(Duration, usize)> = None;
        for mb in [1, 2, 4, 8] {
            let text = make(mb << 20);
            let (t, peak) = measure(&run, &text);
            let ratio = |a: f64, b: f64| format!("{:.2}", a / b);
            let (tr, pr) = match prev {
                Some((pt, pp)) => (
                    ratio(t.as_secs_f64(), pt.as_secs_f64()),
                    ratio(peak as f64, pp as f64),
                ),
                None => ("".into(), "".into()),
            };
            println!(
                "| {name} | {mb} MB | {:.1} ms | {tr} | {:.1} MB | {pr} |",
                t.as_secs_f64() * 1e3,
                peak as f64 / (1 << 20) as f64
            );
            prev = Some((t, peak));
        }
    }
}
