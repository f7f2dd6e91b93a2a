//! Cost grows linearly with the input for every hostile shape (issue 14):
//! four times the bytes may cost at most eight times the time (the best of
//! four interleaved runs) and six times the peak heap. A quadratic stage
//! costs sixteen times, and each shape here once was quadratic (one line
//! of references, chained definitions, a positions file) or worse (nested
//! labels). Time and not instructions: the VMs this runs on expose no
//! instruction counter (`perf stat -e instructions` is not supported).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use treaty_lsp::analysis::Workspace;
use treaty_lsp::syntax::lines::LineIndex;

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

fn repeated(unit: &str, bytes: usize) -> String {
    format!("### Article 1\n\n{}\n", unit.repeat(bytes / unit.len()))
}

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

fn positions_file(bytes: usize) -> String {
    let mut text =
        String::from("[source]\nstakeholder = \"B\"\ngroup = \"industry\"\ndraft = \"B/1\"\n");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&format!(
            "\n[[position]]\ntarget = \"Article {}\"\nstance = \"amend\"\nsummary = \"p{i}\"\n\n[[position.change]]\naction = \"replace\"\nfind = \"measures\"\nwith = \"support\"\n",
            i % 3 + 1
        ));
        i += 1;
    }
    text
}

/// What `check` does with a draft: parse, resolve, diagnose, place.
fn check_draft(text: &str) {
    let mut ws = Workspace::new();
    let id = ws.add("t.treaty.md", text);
    for r in &ws.file(id).doc.references {
        std::hint::black_box(ws.resolve_reference(id, r));
    }
    let lines = LineIndex::new(text);
    for d in ws.diagnostics(id) {
        std::hint::black_box(lines.line_col(text, d.span.start));
    }
}

fn check_positions(text: &str) {
    let mut ws = Workspace::new();
    ws.add(
        "d.treaty.md",
        "---\nid: B/1\n---\n\n### Article 1\n\n1. Take measures.\n\n### Article 2\n\nX.\n\n### Article 3\n\nY.\n",
    );
    let id = ws.add("p.positions.toml", text);
    std::hint::black_box(ws.positions_diagnostics(id));
}

/// Best time and peak heap of `run` on `text`.
fn cost(run: fn(&str), text: &str) -> (Duration, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t = Instant::now();
    run(text);
    (t.elapsed(), PEAK.load(Ordering::Relaxed) - base)
}

fn assert_linear(name: &str, make: fn(usize) -> String, run: fn(&str)) {
    let (small, large) = (make(64 << 10), make(256 << 10));
    let (mut ts, mut tl, mut ms, mut ml) = (Duration::MAX, Duration::MAX, 0, 0);
    for _ in 0..4 {
        let (t, m) = cost(run, &small);
        (ts, ms) = (ts.min(t), ms.max(m));
        let (t, m) = cost(run, &large);
        (tl, ml) = (tl.min(t), ml.max(m));
    }
    let time = tl.as_secs_f64() / ts.as_secs_f64().max(1e-6);
    let heap = ml as f64 / ms.max(1) as f64;
    assert!(
        time <= 8.0,
        "{name}: 4x the input took {time:.1}x the time ({ts:?} -> {tl:?})"
    );
    assert!(
        heap <= 6.0,
        "{name}: 4x the input took {heap:.1}x the peak heap ({ms} -> {ml})"
    );
}

#[test]
fn every_hostile_shape_costs_in_proportion_to_its_size() {
    assert_linear("nested labels", nested_labels, check_draft);
    assert_linear(
        "one line of references",
        |n| repeated("See Article 1, paragraph 2 and Article 3(4)(a); ", n),
        check_draft,
    );
    assert_linear(
        "chained definitions",
        |n| repeated("\"a\" means \"b\" means ", n),
        check_draft,
    );
    assert_linear("positions file", positions_file, check_positions);
}
