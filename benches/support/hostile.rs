//! The hostile shapes of issue 14 and what the checker does with them,
//! with an allocator that counts the peak of live heap bytes: shared by
//! `benches/hostile.rs` (figures) and `tests/linear.rs` (the bound).
#![allow(dead_code)] // each binary uses a part

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use treaty_lsp::analysis::Workspace;
use treaty_lsp::syntax::lines::LineIndex;

/// The system allocator, counting live bytes and their peak.
pub struct Counting;

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

/// The time and the peak of live heap bytes of one run of `run` on `text`.
pub fn cost(run: fn(&str), text: &str) -> (Duration, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t = Instant::now();
    run(std::hint::black_box(text));
    (t.elapsed(), PEAK.load(Ordering::Relaxed) - base)
}

/// A shape: its name, a text of about `bytes`, what checking it costs,
/// and the size from which a quadratic stage of it would show (where the
/// work done once per item outweighs the rest): `tests/linear.rs` starts
/// there.
pub type Shape = (&'static str, fn(usize) -> String, fn(&str), usize);

pub const SHAPES: [Shape; 10] = [
    ("nested labels", nested_labels, check_draft, 64 << 10),
    (
        "one line of references",
        reference_line,
        check_draft,
        64 << 10,
    ),
    (
        "chained definitions",
        chained_definitions,
        check_draft,
        64 << 10,
    ),
    ("positions file", positions_file, check_positions, 64 << 10),
    ("many instruments", many_instruments, check_draft, 64 << 10),
    ("one line of brackets", bracket_line, check_draft, 64 << 10),
    ("one line of quote marks", quote_line, check_draft, 64 << 10),
    (
        "one line of unclosed names",
        unclosed_names,
        check_draft,
        64 << 10,
    ),
    // one lookup per position among all positions' entries: 1 MB in 50 ms
    (
        "positions file, quick fixes",
        positions_file,
        fix_positions,
        1 << 20,
    ),
    (
        "positions file, migrated",
        positions_file,
        migrate_positions,
        512 << 10,
    ),
];

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

fn repeated(unit: &str, bytes: usize) -> String {
    format!("### Article 1\n\n{}\n", unit.repeat(bytes / unit.len()))
}

/// One line of references, as a pasted table might be.
fn reference_line(bytes: usize) -> String {
    repeated("See Article 1, paragraph 2 and Article 3(4)(a); ", bytes)
}

/// A line of footnote markers glued to a word and to each other, then a
/// line of numbered alternatives side by side.
fn bracket_line(bytes: usize) -> String {
    let n = bytes / 6;
    format!(
        "### Article 1\n\nw{}\n\n{}\n",
        "[1]".repeat(n),
        "[2]".repeat(n)
    )
}

/// `>` after `>` on one line: a block quote's marker is looked for from
/// each, once per line.
fn quote_line(bytes: usize) -> String {
    repeated("a>", bytes)
}

/// Openings of quoted names and terms on one line, closed only at its
/// end: each opening's name or term is too long, and so is every one begun
/// within it (each was once searched to the line's end).
fn unclosed_names(bytes: usize) -> String {
    let unit = "“A hereinafter “the A means ";
    let names = unit.repeat(bytes / unit.len());
    format!("### Article 1\n\n{names}” means The Convention.\n")
}

/// `"a" means "b" means ...` on one line.
fn chained_definitions(bytes: usize) -> String {
    repeated("\"a\" means \"b\" means ", bytes)
}

/// Protocol after protocol, each citing the convention by name.
fn many_instruments(bytes: usize) -> String {
    let mut text = String::from("# Convention on Examples\n\n### Article 1\n\nText.\n");
    let mut k = 1;
    while text.len() < bytes {
        text.push_str(&format!(
            "\n# Optional Protocol {k} to the Convention\n\n### Article 1\n\nAs in article 1 of the Convention.\n"
        ));
        k += 1;
    }
    text
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
fn check_draft(text: &str) {
    let mut ws = Workspace::new();
    let id = ws.add("bench.treaty.md", text);
    for r in &ws.file(id).doc.references {
        std::hint::black_box(ws.resolve_reference(id, r));
    }
    let lines = LineIndex::new(text);
    for d in ws.diagnostics(id) {
        std::hint::black_box(lines.line_col(text, d.span.start));
    }
}

const LATER_DRAFT: &str = "---\nid: B/2\nsupersedes: B/1\n---\n\n### Article 1\n\n1. Take measures.\n\n### Article 2\n\nText.\n\n### Article 3\n\nText.\n";

/// What a positions file's quick fixes cost: every fix on `measures`.
fn fix_positions(text: &str) {
    let mut ws = Workspace::new();
    let draft = ws.add("draft.treaty.md", DRAFT);
    ws.add("bench.positions.toml", text);
    let at = DRAFT.find("measures").unwrap_or(0);
    let fixes = ws.amendments_at(draft, at);
    assert!(
        !fixes.is_empty(),
        "no quick fix: the shape measures nothing"
    );
}

/// What migrating a positions file to the next version costs.
fn migrate_positions(text: &str) {
    let mut ws = Workspace::new();
    ws.add("draft.treaty.md", DRAFT);
    let later = ws.add("later.treaty.md", LATER_DRAFT);
    let id = ws.add("bench.positions.toml", text);
    let migrated = ws.migrate(id, later);
    assert!(
        migrated.as_ref().is_ok_and(|m| !m.moved.is_empty()),
        "nothing migrated: {:?}",
        migrated.map(|m| m.set_aside)
    );
}

/// What a positions file costs: read beside its draft, diagnosed.
fn check_positions(text: &str) {
    let mut ws = Workspace::new();
    ws.add("draft.treaty.md", DRAFT);
    let id = ws.add("bench.positions.toml", text);
    std::hint::black_box(ws.positions_diagnostics(id));
}
