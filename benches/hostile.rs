//! The hostile shapes of issue 14 at 1, 2, 4 and 8 MB: how time and
//! memory grow with the input. Each row is the best of three runs of what
//! a file costs the checker (parse, resolve every reference, diagnostics,
//! and the line and column of every diagnostic as `check` prints them; for
//! a positions file, reading it beside a small draft and its
//! diagnostics), with the peak of live heap bytes during the run.
//!
//! `cargo bench --bench hostile [SHAPE]` (a minute or two). Linear growth
//! shows as a ratio near 2 from one size to the next; figures in
//! docs/performance.md.

use std::time::Duration;

#[path = "support/hostile.rs"]
mod hostile;
use hostile::{cost, SHAPES};

fn main() {
    // `cargo bench` passes `--bench`; a filter picks shapes by name
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    println!("| shape | size | time | x prev | peak heap | x prev |");
    println!("|---|---|---|---|---|---|");
    for (name, make, run, _) in SHAPES {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let mut prev: Option<(Duration, usize)> = None;
        for mb in [1, 2, 4, 8] {
            let text = make(mb << 20);
            let (mut t, mut peak) = (Duration::MAX, 0);
            for _ in 0..3 {
                let (tt, pp) = cost(run, &text);
                (t, peak) = (t.min(tt), peak.max(pp));
            }
            let ratio = |a: f64, b: f64| format!("{:.2}", a / b);
            let (tr, pr) = match prev {
                Some((pt, pp)) => (
                    ratio(t.as_secs_f64(), pt.as_secs_f64()),
                    ratio(peak as f64, pp as f64),
                ),
                None => (String::new(), String::new()),
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
