//! Cost grows linearly with the input for every hostile shape (issue 14):
//! four times the bytes may cost at most eight times the time (the best of
//! four interleaved runs) and six times the peak heap. A quadratic stage
//! costs sixteen times, and each shape here once was quadratic (one line
//! of references, chained definitions, a positions file) or worse (nested
//! labels). Time and not instructions: the VMs this runs on expose no
//! instruction counter (`perf stat -e instructions` is not supported).

use std::time::Duration;

#[path = "../benches/support/hostile.rs"]
mod hostile;
use hostile::{cost, SHAPES};

#[test]
fn every_hostile_shape_costs_in_proportion_to_its_size() {
    for (name, make, run, bytes) in SHAPES {
        let (small, large) = (make(bytes), make(4 * bytes));
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
}
