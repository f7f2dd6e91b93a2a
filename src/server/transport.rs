//! The wire: LSP's framed messages on stdin and stdout, checked on the way
//! in (a message that is not JSON-RPC is answered and dropped, never ends
//! the session) and written whole on the way out by a thread of its own.

use super::direct::{Direct, Taken};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};
use tower_lsp_server::jsonrpc;

/// Standard input, read on a thread of its own, with every message that is
/// not JSON-RPC answered with an error and taken out.
///
/// The transport stops reading for good after a message it cannot decode
/// (its framed reader ends on the first error), so one bad message from a
/// client would leave the server deaf. Here each message is framed and
/// decoded first; a bad one gets the error JSON-RPC prescribes (id null)
/// and the rest pass on. Blocking reads on a plain thread, not tokio's
/// stdin, which hands every read to its blocking pool and back.
pub(super) fn checked_stdin(outbox: Outbox, direct: Direct) -> MessageReader {
    let (tx, rx) = unbounded_channel::<Vec<u8>>();
    // quick requests' analysis runs on this thread: the main thread's
    // stack, not a spawned thread's 2 MB
    let reader = std::thread::Builder::new()
        .name("treaty-lsp-reader".into())
        .stack_size(8 << 20)
        .spawn(move || read_messages(&tx, &outbox, &direct));
    if let Err(e) = reader {
        tracing::error!("no thread to read messages on: {e}");
    }
    MessageReader {
        rx,
        current: Vec::new(),
        read: 0,
    }
}

/// The reader's loop: each message checked, then taken here (`direct`) or
/// passed on through `tx`, until the end of input.
fn read_messages(tx: &UnboundedSender<Vec<u8>>, outbox: &Outbox, direct: &Direct) {
    let mut input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let (mut resumed, mut answered_here) = (false, false);
    let mut awake = StayAwake::default();
    loop {
        // after an answer given here, the next request of a burst is likely
        if answered_here && input.buffer().is_empty() {
            awake.await_input();
        }
        let Some(message) = read_frame(&mut input, MAX_MESSAGE, resumed) else {
            break;
        };
        resumed = matches!(message, Frame::TooLong { resynced: true, .. });
        let reply = match message {
            Frame::Message(body) => match check_message(&body) {
                Ok(request) => {
                    // edits applied, quick answers given, here
                    let taken = request.map_or(Taken::PassOn, |r| direct.take_safely(r));
                    answered_here = matches!(taken, Taken::Answered);
                    let passed = match taken {
                        Taken::Answered => Ok(()),
                        Taken::PassOn => tx.send(framed(&body)),
                        Taken::PassOnAs(lighter) => tx.send(framed(&lighter)),
                    };
                    if passed.is_err() {
                        return;
                    }
                    continue;
                }
                Err(reply) => reply,
            },
            Frame::TooLong { length, .. } => {
                tracing::error!("dropped a message of {length} bytes (the limit is 256 MB)");
                MessageError::Parse
            }
        };
        answered_here = false;
        outbox.send_error(reply);
    }
    // end of input: the transport sees EOF when `tx` goes
}

/// How long the reader stays awake for the next message before it sleeps
/// in a read. An editor's requests come in bursts (a change, then
/// highlighting, code actions, a hover); woken from sleep, an idle CPU
/// takes longer to come back than most answers take.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const STAY_AWAKE: Duration = Duration::from_micros(300);

/// A yield (or a turn of the spin) that kept the reader from its CPU this
/// long is taken to mean that another task ran out its turn there: the
/// machine is busy. (The client woken by an answer often runs on the
/// reader's CPU during the yield too; a client slower than this turns
/// staying awake off for a while, which costs little. The figure fits
/// this kernel's turns of a few milliseconds.)
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const LOST_THE_CPU: Duration = Duration::from_millis(1);

/// How long the reader then sleeps in its reads before it tries staying
/// awake again.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const BUSY_FOR: Duration = Duration::from_millis(100);

/// Staying awake for the next message, on a quiet machine only. On a busy
/// one, a reader that yields loses its CPU to another task and, still
/// runnable, waits out that task's turn (milliseconds) before it can read
/// the next request; one that sleeps in its read usually gets a CPU
/// promptly (`cargo bench --bench compare -- --busy --against-null`: with
/// one CPU kept busy, definition's p99 was 3.8 ms staying awake, 0.06-0.08
/// ms not; against the Markdown server, with Node in the interleave, most
/// runs still had a tail of 3 ms). Busy is judged again at the first answer after [`BUSY_FOR`] (on
/// a machine still busy, that yield is slow again: one request in each
/// such period): a machine goes quiet again, and a slow yield may have
/// been a slow client. Linux only; elsewhere the reader always sleeps in
/// its reads.
#[derive(Default)]
struct StayAwake {
    /// Until when the machine is taken to be busy.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    busy_until: Option<Instant>,
}

impl StayAwake {
    /// Returns when stdin has input, or after a yield and [`STAY_AWAKE`]
    /// (then the read that follows sleeps until input comes), or at once
    /// while the machine is taken to be busy.
    fn await_input(&mut self) {
        #[cfg(target_os = "linux")]
        {
            let start = Instant::now();
            if self.busy_until.is_some_and(|t| start < t) {
                return;
            }
            // the client woken by the answer may have been queued on this
            // CPU (the scheduler puts a wakee near its waker): it goes
            // first, else it would wait out the spin below (a p99 of
            // 0.35 ms, not 0.1)
            // SAFETY: no arguments
            unsafe { libc::sched_yield() };
            let yielded = start.elapsed();
            if yielded > LOST_THE_CPU {
                tracing::debug!(
                    "a yield took {yielded:?}: the reader sleeps in its reads for {BUSY_FOR:?}"
                );
                self.rest();
                return;
            }
            let mut stdin = libc::pollfd {
                fd: 0,
                events: libc::POLLIN,
                revents: 0,
            };
            // counted from the end of the yield, which the client may have
            // spent making the next request
            let awake = Instant::now();
            while awake.elapsed() < STAY_AWAKE {
                // SAFETY: one pollfd, for the duration of the call
                if unsafe { libc::poll(&mut stdin, 1, 0) } != 0 {
                    return;
                }
                std::hint::spin_loop();
            }
            // preempted while spinning
            if awake.elapsed() > STAY_AWAKE + LOST_THE_CPU {
                self.rest();
            }
        }
    }

    /// Takes the machine to be busy for [`BUSY_FOR`] from now.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    fn rest(&mut self) {
        self.busy_until = Some(Instant::now() + BUSY_FOR);
    }
}

/// `body` with its `Content-Length` header, as a message goes on the wire.
fn framed(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The largest message read; a longer one is skipped unread into memory.
const MAX_MESSAGE: usize = 256 << 20;

/// One framed message read from the client.
enum Frame {
    Message(Vec<u8>),
    /// A `Content-Length` over the limit: its body was skipped, to the
    /// length or to the next `Content-Length:` (`resynced`), whichever
    /// came first. Anywhere, not only at a line start: after a wrong
    /// length the client's next header starts right where its real body
    /// ended, after a `}`. (A skipped body that quotes such a header makes
    /// a false start; the frames after it fail to decode, each answered
    /// with an error, until a real header.)
    TooLong {
        length: usize,
        resynced: bool,
    },
}

const NAME: &[u8] = b"content-length:";

/// Reads headers up to a blank line and then the body; `None` at the end
/// of input. Headers without a usable `Content-Length` are skipped, and a
/// `Content-Length` is found even after stray bytes on its line, so that
/// after a body of the wrong length reading falls back into step.
/// `resumed`: the previous frame's skip stopped just after a
/// `Content-Length:`, whose value comes first.
fn read_frame(input: &mut impl std::io::BufRead, max: usize, resumed: bool) -> Option<Frame> {
    let mut length: Option<usize> = None;
    let mut line = Vec::new();
    let mut carry = resumed;
    loop {
        line.clear();
        if std::mem::take(&mut carry) {
            line.extend_from_slice(NAME);
        }
        match input.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        if line.trim_ascii().is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some(at) = line
            .windows(NAME.len())
            .position(|w| w.eq_ignore_ascii_case(NAME))
        {
            length = std::str::from_utf8(&line[at + NAME.len()..])
                .ok()
                .and_then(|v| v.trim().parse().ok());
        }
    }
    let length = length?;
    if length > max {
        let resynced = skip_body(input, length)?;
        return Some(Frame::TooLong { length, resynced });
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).ok()?;
    Some(Frame::Message(body))
}

/// Skips an over-long body: `length` bytes, or up to the next
/// `Content-Length:` (a client's next message after a wrong or hostile
/// length, which starts right where the bytes it counted on end),
/// consumed through its colon: `Some(true)`. `None` at the end of input.
fn skip_body(input: &mut impl std::io::BufRead, mut length: usize) -> Option<bool> {
    // how much of `content-length:` has been seen (its `c` occurs once, so
    // a mismatch restarts the match at this byte)
    let mut matched = 0;
    loop {
        let buf = input.fill_buf().ok()?;
        if buf.is_empty() {
            return None;
        }
        for (i, &b) in buf.iter().enumerate() {
            if length == 0 {
                input.consume(i);
                return Some(false);
            }
            length -= 1;
            let b = b.to_ascii_lowercase();
            matched = if b == NAME[matched] {
                matched + 1
            } else {
                usize::from(b == NAME[0])
            };
            if matched == NAME.len() {
                input.consume(i + 1);
                return Some(true);
            }
        }
        let n = buf.len();
        input.consume(n);
        // the body ended with this chunk: do not wait for more input
        if length == 0 {
            return Some(false);
        }
    }
}

/// Why a message was not passed on: JSON-RPC's two errors for it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MessageError {
    /// Not JSON (-32700).
    Parse,
    /// JSON, but not a request, notification or response (-32600).
    InvalidRequest,
}

/// Whether the transport can decode `body`: a request or notification
/// (given back, decoded), or a response to a request of the server's.
fn check_message(body: &[u8]) -> Result<Option<jsonrpc::Request>, MessageError> {
    let Ok(text) = std::str::from_utf8(body) else {
        tracing::error!("dropped a message that is not UTF-8 ({} bytes)", body.len());
        return Err(MessageError::Parse);
    };
    if let Ok(request) = serde_json::from_str::<jsonrpc::Request>(text) {
        return Ok(Some(request));
    }
    if serde_json::from_str::<jsonrpc::Response>(text).is_ok() {
        return Ok(None);
    }
    if serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
        tracing::error!("dropped a message that is not JSON ({} bytes)", body.len());
        return Err(MessageError::Parse);
    }
    tracing::error!(
        "dropped JSON that is not a JSON-RPC 2.0 message: {}",
        text.chars().take(200).collect::<String>()
    );
    Err(MessageError::InvalidRequest)
}

/// The checked messages as the transport's input.
pub(super) struct MessageReader {
    rx: tokio::sync::mpsc::UnboundedReceiver<Vec<u8>>,
    current: Vec<u8>,
    /// How much of `current` has been read.
    read: usize,
}

impl tokio::io::AsyncRead for MessageReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        while self.read == self.current.len() {
            match self.rx.poll_recv(cx) {
                Poll::Ready(Some(next)) => {
                    self.current = next;
                    self.read = 0;
                }
                Poll::Ready(None) => return Poll::Ready(Ok(())), // EOF
                Poll::Pending => return Poll::Pending,
            }
        }
        let this = &mut *self;
        let n = buf.remaining().min(this.current.len() - this.read);
        buf.put_slice(&this.current[this.read..this.read + n]);
        this.read += n;
        Poll::Ready(Ok(()))
    }
}

/// Standard output, shared by the transport and the answers written
/// straight as text (`Sequenced`). Every write is queued whole and a thread
/// writes the queue in order: the transport writes whole frames at a time,
/// so frames from the two never interleave.
#[derive(Clone)]
pub(super) struct Outbox {
    tx: UnboundedSender<Outgoing>,
    /// Held for each write to stdout: the output thread's and those made
    /// where a request was read (`answer_here`).
    turn: Arc<Mutex<()>>,
}

/// What the output thread writes.
enum Outgoing {
    /// Bytes as they are (the transport's frames).
    Bytes(Vec<u8>),
    /// A response whose result is JSON text shared with a cache (an outline,
    /// made once per version of a file): framed around it as it is written,
    /// so half a megabyte is not copied twice per request.
    Result { id: String, result: Arc<str> },
    /// The server is done: write what came before and stop (the stdin
    /// thread, blocked in a read, may hold a sender to the end).
    End,
}

/// Makes stdout hold a whole outline: a pipe's buffer 1 MB (Linux's limit
/// for anyone) instead of 64 KB, a socket's (what Node and libuv give a
/// child) 1 MB or the system's limit. A large answer is then written at
/// once rather than in turns with the client's reads, and the reader can
/// write one itself (`write_now`). Another system: nothing changes.
fn widen_stdout() {
    #[cfg(target_os = "linux")]
    // SAFETY: fcntl and setsockopt on fd 1 with an int, by pointer for
    // setsockopt; each fails on the other kind of file, which is ignored
    unsafe {
        libc::fcntl(1, libc::F_SETPIPE_SZ, 1 << 20);
        let bytes: libc::c_int = 1 << 20;
        libc::setsockopt(
            1,
            libc::SOL_SOCKET,
            libc::SO_SNDBUF,
            (&bytes as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
}

/// The text around a response's result: the header and the start of the
/// object, and its end.
fn result_frame(id: &str, result: &str) -> (String, String) {
    let tail = format!(",\"id\":{id}}}");
    let prefix = r#"{"jsonrpc":"2.0","result":"#;
    let length = prefix.len() + result.len() + tail.len();
    (format!("Content-Length: {length}\r\n\r\n{prefix}"), tail)
}

/// Writes `parts` to stdout if that cannot wait on the client: a frame
/// that fits whole into a pipe or socket the client has read empty
/// (`room_now`). False when nothing was written. Waiting here would stop
/// the reading of the client's messages, and a client that writes before
/// it reads would then wait on us.
#[cfg(target_os = "linux")]
fn write_now(parts: &[&[u8]]) -> bool {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    if room_now().is_none_or(|room| len > room) {
        return false;
    }
    let mut out = stdout_fd();
    if stdout_kind() == libc::S_IFIFO {
        // an empty pipe takes a small write whole; an error is the
        // client gone, which the output thread will meet too
        let _ = write_all_parts(&mut *out, parts);
        return true;
    }
    // a socket (what Node and libuv give a child): sent without waiting
    let frame = parts.concat();
    // SAFETY: a send on fd 1 from a live buffer of that length
    let sent = unsafe {
        libc::send(
            1,
            frame.as_ptr().cast(),
            frame.len(),
            libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL,
        )
    };
    match usize::try_from(sent) {
        Ok(n) if n == frame.len() => true,
        // part of a frame into an empty Unix socket with room for it (only
        // when the kernel is out of memory): the rest must follow before
        // any other frame
        Ok(n) if n > 0 => {
            let _ = write_all_parts(&mut *out, &[&frame[n..]]);
            true
        }
        _ => false,
    }
}

#[cfg(not(target_os = "linux"))]
fn write_now(_: &[&[u8]]) -> bool {
    false
}

/// How many bytes stdout takes now without waiting, if it is a pipe or
/// socket the client has read everything from, that blocks (a write on a
/// non-blocking one may end half-way): a pipe's size less a page (a pipe
/// holds whole pages), half a socket's send buffer (the kernel counts its
/// own overhead against the buffer). `None` otherwise.
#[cfg(target_os = "linux")]
fn room_now() -> Option<usize> {
    // SAFETY: F_GETFL takes no argument
    let flags = unsafe { libc::fcntl(1, libc::F_GETFL) };
    if flags < 0 || flags & libc::O_NONBLOCK != 0 {
        return None;
    }
    let (request, room) = match stdout_kind() {
        // SAFETY: F_GETPIPE_SZ takes no argument
        libc::S_IFIFO => (
            libc::FIONREAD,
            unsafe { libc::fcntl(1, libc::F_GETPIPE_SZ) } - 4096,
        ),
        // a Unix socket: a TCP one may take part of a send and make the
        // rest wait on the client
        libc::S_IFSOCK if stdout_is_unix_stream() => (libc::TIOCOUTQ, send_buffer()? / 2),
        _ => return None,
    };
    let mut waiting: libc::c_int = 0;
    // SAFETY: FIONREAD and TIOCOUTQ (SIOCOUTQ on a socket) write an int
    let asked = unsafe { libc::ioctl(1, request, &mut waiting) };
    (asked == 0 && waiting == 0).then_some(usize::try_from(room).ok()?)
}

/// Whether stdout is a Unix stream socket, looked up once.
#[cfg(target_os = "linux")]
fn stdout_is_unix_stream() -> bool {
    static UNIX: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *UNIX.get_or_init(|| {
        stdout_socket_option(libc::SO_DOMAIN) == Some(libc::AF_UNIX)
            && stdout_socket_option(libc::SO_TYPE) == Some(libc::SOCK_STREAM)
    })
}

/// Stdout's send buffer, as a socket.
#[cfg(target_os = "linux")]
fn send_buffer() -> Option<libc::c_int> {
    stdout_socket_option(libc::SO_SNDBUF)
}

/// An option of stdout's as a socket (`SO_...`, an int), if it is one.
#[cfg(target_os = "linux")]
fn stdout_socket_option(name: libc::c_int) -> Option<libc::c_int> {
    let mut value: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt writes an int of `len` bytes at the pointer
    let asked = unsafe {
        libc::getsockopt(
            1,
            libc::SOL_SOCKET,
            name,
            (&mut value as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    (asked == 0).then_some(value)
}

/// What stdout is (`S_IFIFO`, `S_IFSOCK`...), looked up once.
#[cfg(target_os = "linux")]
fn stdout_kind() -> libc::mode_t {
    static KIND: std::sync::OnceLock<libc::mode_t> = std::sync::OnceLock::new();
    *KIND.get_or_init(|| {
        let mut stat = std::mem::MaybeUninit::<libc::stat>::zeroed();
        // SAFETY: fstat writes a `stat` into the buffer given
        match unsafe { libc::fstat(1, stat.as_mut_ptr()) } {
            // SAFETY: fstat succeeded, so it filled the buffer
            0 => unsafe { stat.assume_init() }.st_mode & libc::S_IFMT,
            _ => 0,
        }
    })
}

/// Fd 1 as a file, never closed.
#[cfg(unix)]
fn stdout_fd() -> std::mem::ManuallyDrop<std::fs::File> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: fd 1 is open for the life of the process; ManuallyDrop
    // keeps the File from closing it
    std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) })
}

/// Writes every byte of `parts`, in as few system calls as the output takes.
fn write_all_parts(out: &mut impl std::io::Write, parts: &[&[u8]]) -> std::io::Result<()> {
    use std::io::{ErrorKind, IoSlice};
    let mut slices: Vec<IoSlice> = parts.iter().map(|p| IoSlice::new(p)).collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match out.write_vectored(rest) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

impl Outbox {
    /// The outbox, and the task that ends when all is written, after
    /// `Outgoing::End` or when every sender is gone. The writing is a
    /// thread of its own, with blocking writes to stdout: tokio's stdout
    /// would copy each message into its buffer and hop to a blocking thread
    /// for every write, which for a 500 KB outline cost milliseconds.
    pub(super) fn new() -> (Outbox, tokio::task::JoinHandle<()>) {
        let (tx, mut rx) = unbounded_channel::<Outgoing>();
        let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
        let turn = Arc::new(Mutex::new(()));
        let my_turn = turn.clone();
        std::thread::spawn(move || {
            widen_stdout();
            // std's stdout stays locked, so nothing else can write to it;
            // the writes go to the descriptor itself, since std's line
            // buffering would send each frame's header in a write of its own
            let stdout = std::io::stdout();
            let lock = stdout.lock();
            let mut out = RawStdout::new(lock);
            while let Some(message) = rx.blocking_recv() {
                let turn = my_turn.lock().unwrap_or_else(|e| e.into_inner());
                let written = match &message {
                    Outgoing::End => break,
                    Outgoing::Bytes(bytes) => write_all_parts(&mut out, &[bytes]),
                    Outgoing::Result { id, result } => {
                        let (head, tail) = result_frame(id, result);
                        write_all_parts(
                            &mut out,
                            &[head.as_bytes(), result.as_bytes(), tail.as_bytes()],
                        )
                    }
                };
                drop(turn);
                // if the cache has moved on, the old outline is freed here,
                // not on a handler's thread
                drop(message);
                if written.is_err() {
                    break;
                }
                if rx.is_empty() && std::io::Write::flush(&mut out).is_err() {
                    break;
                }
            }
            let _ = std::io::Write::flush(&mut out);
            let _ = done_tx.send(());
        });
        let task = tokio::spawn(async move {
            let _ = done_rx.await;
        });
        (Outbox { tx, turn }, task)
    }

    /// Writes the response `{"jsonrpc":"2.0","result":RESULT,"id":ID}` on
    /// this thread, now, if stdout takes it without waiting (see
    /// `write_now`) and no other write is under way; false when nothing was
    /// written (then queue it: `send_result`).
    pub(super) fn answer_here(&self, id: &str, result: &str) -> bool {
        let Ok(_turn) = self.turn.try_lock() else {
            return false;
        };
        let (head, tail) = result_frame(id, result);
        write_now(&[head.as_bytes(), result.as_bytes(), tail.as_bytes()])
    }

    /// Writes what came before, then stops.
    pub(super) fn end(&self) {
        let _ = self.tx.send(Outgoing::End);
    }

    /// Answers a message that could not be passed on (see `checked_stdin`).
    fn send_error(&self, error: MessageError) {
        let (code, message) = match error {
            MessageError::Parse => (-32700, "Parse error"),
            MessageError::InvalidRequest => (-32600, "Invalid request"),
        };
        let body = serde_json::json!({
            "jsonrpc": "2.0",
            "error": {"code": code, "message": message},
            "id": null,
        })
        .to_string();
        let _ = self.tx.send(Outgoing::Bytes(framed(body.as_bytes())));
    }

    /// Sends the response `{"jsonrpc":"2.0","result":RESULT,"id":ID}`, as
    /// the transport writes one, with `result` already JSON text.
    pub(super) fn send_result(&self, id: String, result: Arc<str>) {
        let _ = self.tx.send(Outgoing::Result { id, result });
    }
}

/// Standard output written without std's line buffering: on Unix the
/// descriptor itself (while std's handle is held locked), elsewhere std's
/// locked handle.
struct RawStdout<'a> {
    #[cfg_attr(unix, allow(dead_code))]
    lock: std::io::StdoutLock<'a>,
    #[cfg(unix)]
    fd: std::mem::ManuallyDrop<std::fs::File>,
}

impl<'a> RawStdout<'a> {
    fn new(lock: std::io::StdoutLock<'a>) -> Self {
        #[cfg(unix)]
        return RawStdout {
            lock,
            fd: stdout_fd(),
        };
        #[cfg(not(unix))]
        RawStdout { lock }
    }
}

impl std::io::Write for RawStdout<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        #[cfg(unix)]
        return (&*self.fd).write(buf);
        #[cfg(not(unix))]
        self.lock.write(buf)
    }

    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        #[cfg(unix)]
        return (&*self.fd).write_vectored(bufs);
        #[cfg(not(unix))]
        self.lock.write_vectored(bufs)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        #[cfg(unix)]
        return Ok(());
        #[cfg(not(unix))]
        self.lock.flush()
    }
}

impl tokio::io::AsyncWrite for Outbox {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        // all of it, always: a frame is never split
        match self.tx.send(Outgoing::Bytes(buf.to_vec())) {
            Ok(()) => Poll::Ready(Ok(buf.len())),
            Err(_) => Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into())),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn frames(input: &[u8]) -> Vec<Result<String, usize>> {
        let mut input = Cursor::new(input);
        let mut resumed = false;
        std::iter::from_fn(|| {
            let f = read_frame(&mut input, 100, resumed)?;
            resumed = matches!(f, Frame::TooLong { resynced: true, .. });
            Some(f)
        })
        .map(|f| match f {
            Frame::Message(body) => Ok(String::from_utf8(body).unwrap()),
            Frame::TooLong { length, .. } => Err(length),
        })
        .collect()
    }

    #[test]
    fn a_hostile_length_loses_only_its_own_message() {
        // a length of a terabyte, then the next message right after: read
        let input = b"Content-Length: 1000000000000\r\n\r\n{\"x\":1}Content-Length: 2\r\n\r\n{}";
        assert_eq!(frames(input), [Err(1_000_000_000_000), Ok("{}".into())]);
        // an over-long message with no header after it: skipped to its end
        let long = format!(
            "Content-Length: 150\r\n\r\n{}Content-Length: 1\r\n\r\n1",
            "a".repeat(150)
        );
        assert_eq!(frames(long.as_bytes()), [Err(150), Ok("1".into())]);
    }

    #[test]
    fn frames_are_read_whatever_the_headers() {
        let input = b"Content-Length: 2\r\n\r\n{}\
                      content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]\
                      Content-Type: x\r\nContent-Length: 1\r\n\r\n1";
        assert_eq!(
            frames(input),
            [Ok("{}".into()), Ok("[1]".into()), Ok("1".into())]
        );
        // the end of input inside a body: nothing half-read is passed on
        assert_eq!(frames(b"Content-Length: 5\r\n\r\n{}"), []);
    }

    #[test]
    fn a_message_over_the_limit_is_skipped_and_the_next_is_read() {
        let mut input = b"Content-Length: 101\r\n\r\n".to_vec();
        input.resize(input.len() + 101, b' ');
        input.extend_from_slice(b"Content-Length: 100\r\n\r\n");
        input.resize(input.len() + 100, b' ');
        assert_eq!(frames(&input), [Err(101), Ok(" ".repeat(100))]);
    }

    #[test]
    fn a_bad_length_loses_only_the_frames_it_overlaps() {
        // `x` is no length; its body is read as headers, and the header
        // glued to its end is still found
        let input = b"Content-Length: x\r\n\r\n{}Content-Length: 2\r\n\r\n[]";
        assert_eq!(frames(input), [Ok("[]".into())]);
    }

    #[test]
    fn only_json_rpc_messages_pass() {
        let ok = [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"initialized"}"#,
            r#"{"jsonrpc":"2.0","id":"a","result":null}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"no"}}"#,
        ];
        for body in ok {
            assert!(check_message(body.as_bytes()).is_ok(), "{body}");
        }
        let bad = [
            (&b"{"[..], MessageError::Parse),
            (b"\xff{}", MessageError::Parse),
            (b"{\"a\":\"\x01\"}", MessageError::Parse),
            (b"{}", MessageError::InvalidRequest),
            (
                br#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#,
                MessageError::InvalidRequest,
            ),
            (
                br#"{"jsonrpc":"2","method":"x"}"#,
                MessageError::InvalidRequest,
            ),
        ];
        for (body, error) in bad {
            assert_eq!(
                check_message(body).err(),
                Some(error),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
