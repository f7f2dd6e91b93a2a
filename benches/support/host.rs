//! What the benches say about the machine they ran on, and the percentiles
//! they report.
#![allow(dead_code)] // not every bench uses every helper

use std::time::Duration;

/// The `p` quantile (0 to 1) of sorted samples.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The CPU time stolen from this (virtual) machine so far, and all CPU
/// time, in clock ticks (Linux's /proc/stat); None elsewhere.
pub fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    Some((*fields.get(7)?, fields.iter().take(8).sum()))
}

/// The share of CPU time the host took between two readings of
/// [`cpu_ticks`], in percent.
pub fn steal_percent(before: Option<(u64, u64)>) -> Option<f64> {
    let ((s0, t0), (s1, t1)) = (before?, cpu_ticks()?);
    Some(100.0 * (s1 - s0) as f64 / (t1 - t0).max(1) as f64)
}

/// The load averages over 1, 5 and 15 minutes, as /proc/loadavg says.
pub fn load_average() -> Option<String> {
    let load = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A process's peak and current resident memory (VmHWM, VmRSS; Linux), in
/// bytes.
pub fn memory(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

/// Each thread's time on a CPU and time waiting for one while ready to run,
/// in all so far (Linux's schedstat), by thread id: of process `pid`, only
/// those named `thread` when given. None when no thread could be read.
pub fn cpu_times(pid: u32, thread: Option<&str>) -> Option<ThreadTimes> {
    let mut times = ThreadTimes::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .flatten()
    {
        let dir = task.path();
        if let Some(name) = thread {
            let comm = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
            if comm.trim_end() != name {
                continue;
            }
        }
        // a thread that ended between the listing and now is skipped
        let Ok(stat) = std::fs::read_to_string(dir.join("schedstat")) else {
            continue;
        };
        let mut fields = stat.split_whitespace().map(|f| f.parse::<u64>().ok());
        let (Some(Some(ran)), Some(Some(waited))) = (fields.next(), fields.next()) else {
            continue;
        };
        let tid = task.file_name().to_string_lossy().into_owned();
        let ns = Duration::from_nanos;
        times.insert(tid, (ns(ran), ns(waited)));
    }
    (!times.is_empty()).then_some(times)
}

/// Threads' (time on a CPU, time waiting for one), by thread id.
pub type ThreadTimes = std::collections::HashMap<String, (Duration, Duration)>;

/// The time on a CPU and the wait for one between two readings of
/// [`cpu_times`], summed over the threads: a thread started meanwhile
/// counts from its start; one that ended meanwhile is lost.
pub fn cpu_times_since(before: &ThreadTimes, now: &ThreadTimes) -> (Duration, Duration) {
    let mut sum = (Duration::ZERO, Duration::ZERO);
    for (tid, &(ran, waited)) in now {
        let (ran0, waited0) = before.get(tid).copied().unwrap_or_default();
        sum.0 += ran.saturating_sub(ran0);
        sum.1 += waited.saturating_sub(waited0);
    }
    sum
}
