//! treaty-lsp against VS Code's Markdown language server
//! (`vscode-markdown-languageserver`, from npm) on `unclos.md`: the same
//! requests at the same places, the two servers interleaved round by round
//! (which goes first alternates), each answer timed from sending the request
//! to the arrival of its last byte. Prints p50 and p99 for each server and
//! their ratios (the peer's time over treaty-lsp's), the CPU time the host
//! stole during the run and the load average; then treaty-lsp's time from
//! a `didChange` to the diagnostics of that version.
//!
//! The outline is compared at equal depth: treaty-lsp's `outline.depth` of
//! `articles` gives the headings, as the peer does; the full depth is
//! timed after.
//!
//! The peer is installed with npm under Cargo's target directory the first
//! time (`benches/peers/markdown/package.json`); without Node or npm, or
//! offline, the comparison is skipped with a message saying why. The peer
//! asks its client to parse Markdown (`markdown/parse`): the bench answers
//! with markdown-it's tokens of the text, as VS Code does.
//!
//! The floor of a round trip on the machine is measured too: this bench's
//! own binary run as a server that decodes each request and answers null
//! at once, on the thread that read it (`--null-server`), in turns with the
//! peer on the hover. No server answers faster over the same pipes; the
//! peer's time over the floor's is the largest ratio the machine allows.
//!
//! `cargo bench --bench compare [-- --busy] [-- --rounds N] [-- --waits]
//! [-- --against-null]`:
//! `--busy` keeps one CPU busy in the bench's own process during the run
//! (a busy machine, reproducibly); `--waits` says, for each server's
//! slowest 1% of answers, how long the client's thread reading that
//! server's output and the server's threads waited for a CPU meanwhile,
//! and how long the other server's threads ran (Linux's schedstat): whose
//! wait a slow answer was. The readings between requests make each round
//! trip slower: the times of such a run are not the comparison's.
//! `--against-null` times the null server (below) and treaty-lsp in turns
//! on every probe (no npm needed): the first columns are the floor's, and
//! the ratios treaty-lsp's time over it, under the same load.

#[path = "../tests/support/client.rs"]
mod client;
#[path = "../tests/support/corpus.rs"]
mod corpus;
#[path = "support/host.rs"]
mod host;

use client::Client;
use host::percentile;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TREATY_URI: &str = "file:///bench/unclos.treaty.md";
const PEER_URI: &str = "file:///bench/unclos.md";

/// Where the peer is installed, and its files in the repository.
fn peer_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("peer-markdown")
}

fn peer_sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/markdown")
}

/// Installs the peer (once per version of its package.json); the server's
/// script, or why there is none.
fn install_peer() -> Result<PathBuf, String> {
    let dir = peer_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut fresh = true;
    for name in ["package.json", "package-lock.json", "tokens.mjs"] {
        let src = std::fs::read(peer_sources().join(name)).map_err(|e| format!("{name}: {e}"))?;
        fresh &= std::fs::read(dir.join(name)).is_ok_and(|old| old == src);
        std::fs::write(dir.join(name), src).map_err(|e| format!("{name}: {e}"))?;
    }
    let script = dir.join("node_modules/vscode-markdown-languageserver/dist/node/workerMain.js");
    if fresh && script.is_file() && dir.join("node_modules/markdown-it").is_dir() {
        return Ok(script);
    }
    eprintln!("installing the peer with npm in {}", dir.display());
    // the versions the lock file names, every time
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("npm could not be run ({e}); install Node.js 20 or later"))?;
    if !status.success() || !script.is_file() {
        return Err(format!(
            "npm ci failed in {} ({status}); is the npm registry reachable?",
            dir.display()
        ));
    }
    Ok(script)
}

/// markdown-it's tokens of `text`, as VS Code answers `markdown/parse`.
fn markdown_tokens(text: &str) -> Result<Value, String> {
    use std::io::Write;
    let mut child = Command::new("node")
        .arg(peer_dir().join("tokens.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("node: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let text = text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().map_err(|e| format!("node: {e}"))?;
    let _ = writer.join();
    serde_json::from_slice(&out.stdout).map_err(|e| format!("tokens.mjs: {e}"))
}

/// One server under test, with its document open and read.
struct Server {
    name: &'static str,
    client: Client,
    uri: &'static str,
}

fn treaty_server() -> Server {
    let binary =
        std::env::var("TREATY_LSP_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_treaty-lsp").into());
    // the server's log as the environment asks (warnings only by default)
    let log = std::env::var("TREATY_LSP_LOG").unwrap_or_else(|_| "warn".into());
    let mut client = Client::start_logging(&binary, &["serve"], &log);
    client.initialize(
        capabilities(),
        None,
        json!({"diagnosticsDelayMs": 0, "outline": {"depth": "articles"}}),
    );
    Server {
        name: "treaty-lsp",
        client,
        uri: TREATY_URI,
    }
}

fn peer_server(script: &Path, tokens: Value) -> Server {
    let mut client =
        Client::start_with("node", &[script.to_str().expect("a UTF-8 path"), "--stdio"]);
    client.replies.insert("markdown/parse".into(), tokens);
    client
        .replies
        .insert("markdown/findMarkdownFilesInWorkspace".into(), json!([]));
    client.initialize(capabilities(), None, json!({}));
    Server {
        name: "markdown",
        client,
        uri: PEER_URI,
    }
}

fn capabilities() -> Value {
    json!({"general": {"positionEncodings": ["utf-16"]},
           "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                            "hover": {"contentFormat": ["markdown"]}}})
}

impl Server {
    fn open(&mut self, text: &str, language: &str) {
        self.client.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": self.uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// How long, so far, each of this server's threads has run on a CPU
    /// and waited for one while ready to run.
    fn cpu_times(&self) -> Option<host::ThreadTimes> {
        host::cpu_times(self.client.pid(), None)
    }

    /// The same for the client's thread that reads this server's output.
    fn reader_times(&self) -> Option<host::ThreadTimes> {
        let reader = client::reader_thread(self.client.pid());
        host::cpu_times(std::process::id(), Some(&reader))
    }

    /// One request's round trip, and its answer.
    fn time(&mut self, method: &str, params: &Value) -> (Duration, Value) {
        let mut params = params.clone();
        params["textDocument"]["uri"] = json!(self.uri);
        let t = Instant::now();
        let answer = self.client.request(method, params);
        let arrived = self.client.last_arrival.expect("a response");
        self.client.notifications.clear();
        (arrived.duration_since(t), answer)
    }
}

/// A request compared: its name, method and parameters (the URI is each
/// server's own).
struct Probe {
    name: &'static str,
    method: &'static str,
    params: Value,
}

fn probes(text: &str) -> Vec<Probe> {
    let at = |needle: &str, shift: usize| {
        let off = text.find(needle).expect("the place in UNCLOS") + shift;
        let line = text[..off].matches('\n').count();
        let start = text[..off].rfind('\n').map_or(0, |p| p + 1);
        json!({"line": line, "character": text[start..off].encode_utf16().count()})
    };
    let reference = at(
        "article 153, paragraph 2(b)",
        "article 153, paragraph ".len(),
    );
    let heading = at("### Article 76", 12);
    let doc = json!({"uri": ""});
    vec![
        Probe {
            name: "definition",
            method: "textDocument/definition",
            params: json!({"textDocument": doc, "position": reference}),
        },
        Probe {
            name: "hover",
            method: "textDocument/hover",
            params: json!({"textDocument": doc, "position": reference}),
        },
        Probe {
            name: "references (Article 76)",
            method: "textDocument/references",
            params: json!({"textDocument": doc, "position": heading,
                           "context": {"includeDeclaration": true}}),
        },
        Probe {
            name: "documentSymbol (headings)",
            method: "textDocument/documentSymbol",
            params: json!({"textDocument": doc}),
        },
    ]
}

/// Each server's samples for one probe: back to back, and the first of
/// each turn (after the other server's turn: the server idle meanwhile,
/// its caches cold, as after a pause in typing).
#[derive(Default)]
struct Samples {
    steady: [Vec<Duration>; 2],
    first: [Vec<Duration>; 2],
    /// The steady samples with the waits for a CPU during each (`--waits`).
    waited: [Vec<Waited>; 2],
}

/// A round trip, and the CPU clocks during it.
#[derive(Clone, Copy)]
struct Waited {
    took: Duration,
    during: Clocks,
}

/// How long, during a round trip, the client's thread that reads the
/// server's output and the server's threads waited for a CPU while ready
/// to run, and the other server's threads ran on one (work left over from
/// their turn). None where schedstat could not be read.
#[derive(Clone, Copy)]
struct Clocks {
    client: Option<Duration>,
    server: Option<Duration>,
    other_ran: Option<Duration>,
}

/// The thread clocks a round trip is read between.
struct Readings {
    client: Option<host::ThreadTimes>,
    server: Option<host::ThreadTimes>,
    other: Option<host::ThreadTimes>,
}

impl Readings {
    fn read(server: &Server, other: &Server) -> Readings {
        Readings {
            client: server.reader_times(),
            server: server.cpu_times(),
            other: other.cpu_times(),
        }
    }

    /// What the clocks moved by from `self` to `now`.
    fn until(&self, now: &Readings) -> Clocks {
        let since = |a: &Option<host::ThreadTimes>, b: &Option<host::ThreadTimes>| {
            Some(host::cpu_times_since(a.as_ref()?, b.as_ref()?))
        };
        Clocks {
            client: since(&self.client, &now.client).map(|(_, waited)| waited),
            server: since(&self.server, &now.server).map(|(_, waited)| waited),
            other_ran: since(&self.other, &now.other).map(|(ran, _)| ran),
        }
    }
}

/// Each server's samples for each probe, over `rounds` rounds of a first
/// request and `per` more each, the servers taking turns to go first.
fn interleave(
    servers: &mut [Server; 2],
    probes: &[Probe],
    rounds: usize,
    per: usize,
    waits: bool,
) -> Vec<Samples> {
    let mut samples: Vec<Samples> = probes.iter().map(|_| Samples::default()).collect();
    for round in 0..rounds {
        for (k, probe) in probes.iter().enumerate() {
            for turn in 0..2 {
                let s = (round + turn) % 2;
                let (took, _) = servers[s].time(probe.method, &probe.params);
                samples[k].first[s].push(took);
                for _ in 0..per {
                    let before = waits.then(|| Readings::read(&servers[s], &servers[1 - s]));
                    let (took, _) = servers[s].time(probe.method, &probe.params);
                    samples[k].steady[s].push(took);
                    if let Some(before) = before {
                        let during = before.until(&Readings::read(&servers[s], &servers[1 - s]));
                        samples[k].waited[s].push(Waited { took, during });
                    }
                }
            }
        }
    }
    samples
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Prints a probe's lines: each server's p50 and p99 and the ratios, back
/// to back and for the first request of a turn.
fn print_rows(name: &str, samples: &mut Samples) {
    let q = |s: &[Duration], p| percentile(s, p);
    for (what, [ours, peer]) in [("", &mut samples.steady), (", first", &mut samples.first)] {
        ours.sort();
        peer.sort();
        println!(
            "{:<36} {:>8.3} {:>8.3}   {:>8.3} {:>8.3}   {:>6.1}x {:>6.1}x",
            format!("{name}{what}"),
            ms(q(ours, 0.5)),
            ms(q(ours, 0.99)),
            ms(q(peer, 0.5)),
            ms(q(peer, 0.99)),
            q(peer, 0.5).as_secs_f64() / q(ours, 0.5).as_secs_f64(),
            q(peer, 0.99).as_secs_f64() / q(ours, 0.99).as_secs_f64(),
        );
    }
}

/// The comparison's table: its title, each probe's rows (columns headed
/// `columns`), then the slowest answers' waits (`--waits`).
fn print_table(
    probes: &[Probe],
    samples: &mut [Samples],
    (rounds, busy): (usize, bool),
    servers: &[Server; 2],
    columns: [&str; 2],
) {
    let machine = if busy {
        "busy (one CPU kept busy)"
    } else {
        "quiet"
    };
    println!(
        "\nunclos.md (482 KB), {rounds} rounds, {} requests per server and probe, {machine} machine:",
        rounds * 15,
    );
    println!(
        "{:<36} {:>8} {:>8}   {:>8} {:>8}   {:>7} {:>7}",
        "ms",
        format!("{} p50", columns[0]),
        "p99",
        format!("{} p50", columns[1]),
        "p99",
        "p50",
        "p99"
    );
    for (probe, s) in probes.iter().zip(samples.iter_mut()) {
        print_rows(probe.name, s);
    }
    for (probe, s) in probes.iter().zip(samples.iter_mut()) {
        print_waits(probe.name, s, [servers[0].name, servers[1].name]);
    }
}

/// For each server's slowest 1% of `samples` (`--waits`), the mean round
/// trip, the mean wait for a CPU of the client's reading thread and of the
/// server's threads, and the other server's mean time on a CPU meanwhile.
fn print_waits(name: &str, samples: &mut Samples, servers: [&str; 2]) {
    for (server, waited) in servers.iter().zip(samples.waited.iter_mut()) {
        if waited.is_empty() {
            continue;
        }
        waited.sort_by_key(|w| std::cmp::Reverse(w.took));
        let slow = &waited[..waited.len().div_ceil(100)];
        let mean = |f: fn(&Waited) -> Option<Duration>| {
            let sum: Option<Duration> = slow.iter().map(f).sum();
            sum.map_or("n/a".into(), |s| {
                format!("{:.3} ms", ms(s) / slow.len() as f64)
            })
        };
        println!(
            "{name}, {server}'s slowest {}: {}; waiting for a CPU, the client {}, the server {}; the other server ran {} meanwhile",
            slow.len(),
            mean(|w| Some(w.took)),
            mean(|w| w.during.client),
            mean(|w| w.during.server),
            mean(|w| w.during.other_ran),
        );
    }
}

/// The number of symbols in an outline (nested or flat) and its size as
/// JSON.
fn outline_size(answer: &Value) -> (usize, usize) {
    fn count(v: &Value) -> usize {
        v.as_array()
            .map_or(0, |a| a.iter().map(|s| 1 + count(&s["children"])).sum())
    }
    (count(answer), answer.to_string().len())
}

/// Keeps one CPU busy until `stop` (the `--busy` run).
fn keep_busy(stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut x = 0u64;
        while !stop.load(Ordering::Relaxed) {
            for _ in 0..10_000 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
        }
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--null-server") {
        return null_server();
    }
    let busy = args.iter().any(|a| a == "--busy");
    let waits = args.iter().any(|a| a == "--waits");
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(20);
    let Some(text) = corpus::read("treaties/unclos.md", "compare benchmark") else {
        return;
    };
    if args.iter().any(|a| a == "--against-null") {
        return against_null(&text, rounds, busy, waits);
    }
    let script = match install_peer() {
        Ok(s) => s,
        Err(why) => {
            println!("compare: skipped, the Markdown language server is not installed: {why}");
            return;
        }
    };
    let tokens = match markdown_tokens(&text) {
        Ok(t) => t,
        Err(why) => {
            println!("compare: skipped, markdown-it's tokens were not made: {why}");
            return;
        }
    };
    let mut servers = [treaty_server(), peer_server(&script, tokens)];
    servers[0].open(&text, "treaty");
    servers[0]
        .client
        .wait_for("textDocument/publishDiagnostics", |p| p["version"] == 1);
    servers[1].open(&text, "markdown");
    let probes = probes(&text);
    // each server reads the text and answers once before the timing
    for probe in &probes {
        for server in servers.iter_mut() {
            let (_, answer) = server.time(probe.method, &probe.params);
            if probe.method == "textDocument/documentSymbol" {
                let (n, bytes) = outline_size(&answer);
                println!(
                    "{}: outline of {n} symbols, {bytes} bytes of JSON",
                    server.name
                );
            } else if answer.is_null() {
                println!("{}: {} answers null here", server.name, probe.name);
            }
        }
    }

    let stop = Arc::new(AtomicBool::new(false));
    let spinner = busy.then(|| keep_busy(stop.clone()));
    let ticks = host::cpu_ticks();
    let started = Instant::now();
    let mut samples = interleave(&mut servers, &probes, rounds, 15, waits);
    print_table(
        &probes,
        &mut samples,
        (rounds, busy),
        &servers,
        ["ours", "peer"],
    );
    full_depth_and_changes(&mut servers, &probes, rounds);
    let [ours, peer] = servers;
    let hover = probes
        .iter()
        .find(|p| p.name == "hover")
        .expect("a hover probe");
    let peer = floor(peer, hover, rounds);
    stop.store(true, Ordering::Relaxed);
    if let Some(s) = spinner {
        let _ = s.join();
    }
    let steal = host::steal_percent(ticks).map_or("unknown".into(), |s| format!("{s:.1} %"));
    let load = host::load_average().unwrap_or_else(|| "unknown".into());
    println!(
        "CPU time stolen by the host: {steal}; load average {load}; {:.0} s",
        started.elapsed().as_secs_f64()
    );
    ours.client.shutdown();
    peer.client.shutdown();
}

/// The null server and treaty-lsp in turns on every probe
/// (`--against-null`): the first columns are the null server's, the
/// ratios treaty-lsp's time over the floor's.
fn against_null(text: &str, rounds: usize, busy: bool, waits: bool) {
    let mut servers = [null_server_started(), treaty_server()];
    servers[1].open(text, "treaty");
    servers[1]
        .client
        .wait_for("textDocument/publishDiagnostics", |p| p["version"] == 1);
    let probes = probes(text);
    for probe in &probes {
        if servers[1].time(probe.method, &probe.params).1.is_null() {
            println!("treaty-lsp: {} answers null here", probe.name);
        }
    }
    let stop = Arc::new(AtomicBool::new(false));
    let spinner = busy.then(|| keep_busy(stop.clone()));
    let ticks = host::cpu_ticks();
    let mut samples = interleave(&mut servers, &probes, rounds, 15, waits);
    stop.store(true, Ordering::Relaxed);
    if let Some(s) = spinner {
        let _ = s.join();
    }
    print_table(
        &probes,
        &mut samples,
        (rounds, busy),
        &servers,
        ["null", "ours"],
    );
    let steal = host::steal_percent(ticks).map_or("unknown".into(), |s| format!("{s:.1} %"));
    let load = host::load_average().unwrap_or_else(|| "unknown".into());
    println!("CPU time stolen by the host: {steal}; load average {load}");
    let [null, ours] = servers;
    null.client.shutdown();
    ours.client.shutdown();
}

/// This bench's own binary started as the null server (`--null-server`).
fn null_server_started() -> Server {
    let me = std::env::current_exe().expect("the bench's own path");
    let mut client = Client::start_with(me.to_str().expect("a UTF-8 path"), &["--null-server"]);
    client.initialize(capabilities(), None, json!({}));
    Server {
        name: "null",
        client,
        uri: TREATY_URI,
    }
}

/// The round trip's floor here, in turns with the peer on `probe`: a
/// server that answers every request with null at once (see
/// [`null_server`]). Returns the peer.
fn floor(peer: Server, probe: &Probe, rounds: usize) -> Server {
    let mut pair = [null_server_started(), peer];
    let mut samples = interleave(&mut pair, std::slice::from_ref(probe), rounds, 15, false);
    print_rows(
        &format!("{}: null at once (floor)", probe.name),
        &mut samples[0],
    );
    let [null, peer] = pair;
    null.client.shutdown();
    peer
}

/// `--null-server`: a server that decodes each message and answers each
/// request with null (`initialize` with no capabilities) at once, on the
/// thread that read it, in one write; until `exit` or the end of input.
fn null_server() {
    use std::io::Write;
    let mut input = std::io::stdin().lock();
    // fd 1 written directly: std's line buffering would split a frame
    #[cfg(unix)]
    let mut out = {
        use std::os::fd::FromRawFd;
        // SAFETY: fd 1 is open for the life of the process; never closed
        std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) })
    };
    #[cfg(not(unix))]
    let mut out = std::io::stdout();
    let mut body = Vec::new();
    while let Some((_, message)) = client::read_message(&mut input, &mut body) {
        let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) else {
            if message["method"] == "exit" {
                return;
            }
            continue;
        };
        let result = match method {
            "initialize" => json!({"capabilities": {}}),
            _ => Value::Null,
        };
        let answer = json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{answer}", answer.len());
        if out.write_all(frame.as_bytes()).is_err() {
            return;
        }
    }
}

/// The outline at full depth against the peer's headings, then
/// treaty-lsp's time from a `didChange` to the diagnostics of that version
/// (a space typed and removed at the start of line 2, no debounce).
fn full_depth_and_changes(servers: &mut [Server; 2], probes: &[Probe], rounds: usize) {
    let [ours, _] = servers;
    ours.client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"treaty": {"outline": {"depth": "points"}}}}),
    );
    let outline = probes.iter().rev().take(1).collect::<Vec<_>>()[0];
    let (_, answer) = ours.time(outline.method, &outline.params);
    let (n, bytes) = outline_size(&answer);
    let mut samples = interleave(servers, std::slice::from_ref(outline), rounds, 10, false);
    print_rows(
        &format!("documentSymbol (all: {n}, {} KB)", bytes / 1024),
        &mut samples[0],
    );

    let ours = &mut servers[0];
    let mut change = Vec::new();
    for v in 2..=(rounds * 10 + 1) as i64 {
        // a space typed, then deleted
        let (end, typed) = match v % 2 {
            0 => (0, " "),
            _ => (1, ""),
        };
        let range = json!({"start": {"line": 2, "character": 0},
                           "end": {"line": 2, "character": end}});
        let t = Instant::now();
        ours.client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": ours.uri, "version": v},
                   "contentChanges": [{"range": range, "text": typed}]}),
        );
        ours.client
            .wait_for("textDocument/publishDiagnostics", |p| p["version"] == v);
        change.push(t.elapsed());
        ours.client.notifications.clear();
    }
    change.sort();
    println!(
        "{:<36} {:>8.3} {:>8.3}   (treaty-lsp only: the peer's diagnostics are pulled)",
        "didChange -> diagnostics",
        ms(percentile(&change, 0.5)),
        ms(percentile(&change, 0.99))
    );
}
