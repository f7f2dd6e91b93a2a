//! A small LSP client over stdio for tests and the latency benchmark: it
//! starts the real `treaty-lsp` binary, frames JSON-RPC messages with
//! `Content-Length`, answers the server's own requests, and keeps the
//! notifications it receives.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The name of the thread that reads the output of the server whose
/// process is `pid` (at most 15 bytes, as Linux keeps them).
pub fn reader_thread(pid: u32) -> String {
    format!("reader-{pid}")
}

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    /// Each message with the moment its last byte was read (before it was
    /// decoded).
    incoming: Receiver<(Instant, Value)>,
    /// When the last response `response` returned arrived in full.
    pub last_arrival: Option<Instant>,
    next_id: i64,
    /// Notifications and server requests seen while waiting for responses.
    pub notifications: VecDeque<Value>,
    pub timeout: Duration,
    /// What the server wrote on stderr (its log), line by line.
    log: Log,
    /// The answer to each request of the server's by method (those not
    /// here are answered with null; `workspace/applyEdit` as applied).
    pub replies: std::collections::HashMap<String, Value>,
}

/// The server's log (its stderr), which outlives the client.
#[derive(Clone, Default)]
pub struct Log(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl Log {
    /// Keeps a line (for a client of a test's own making).
    #[allow(dead_code)] // not every test binary makes its own client
    pub fn push(&self, line: String) {
        self.0.lock().unwrap().push(line);
    }

    /// The lines logged so far.
    #[allow(dead_code)] // not every test binary looks at the log
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// One framed message and the moment its last byte was read; `None` at
/// the end of input or on a frame that is not JSON.
pub fn read_message(reader: &mut impl BufRead, body: &mut Vec<u8>) -> Option<(Instant, Value)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    body.resize(length?, 0);
    reader.read_exact(body).ok()?;
    let arrived = Instant::now();
    Some((arrived, serde_json::from_slice(body).ok()?))
}

impl Client {
    /// Starts the server binary (`serve`).
    pub fn start(binary: &str) -> Client {
        Client::start_with(binary, &["serve"])
    }

    /// Starts the server binary with these arguments.
    pub fn start_with(binary: &str, args: &[&str]) -> Client {
        Client::start_logging(binary, args, "warn")
    }

    /// Starts the server binary with these arguments, logging as `filter`
    /// says (`TREATY_LSP_LOG`).
    pub fn start_logging(binary: &str, args: &[&str], filter: &str) -> Client {
        let mut child = Command::new(binary)
            .args(args)
            // the log level tests see, whatever the environment says
            .env("TREATY_LSP_LOG", filter)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start treaty-lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let log = Log::default();
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let lines = log.clone();
        // the log goes to the test's own output (shown when it fails), and
        // is kept for tests that look at it
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                eprintln!("server: {line}");
                lines.0.lock().unwrap().push(line);
            }
        });
        let (tx, rx) = channel();
        // named, so that a bench can find it among its threads (`benches/compare.rs`)
        let reading = std::thread::Builder::new().name(reader_thread(child.id()));
        let reading = reading.spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut body = Vec::new();
            while let Some(msg) = read_message(&mut reader, &mut body) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        reading.expect("a thread to read the server's output");
        Client {
            child,
            stdin,
            incoming: rx,
            last_arrival: None,
            next_id: 1,
            notifications: VecDeque::new(),
            timeout: Duration::from_secs(20),
            log,
            replies: Default::default(),
        }
    }

    /// The server's log on stderr.
    #[allow(dead_code)] // not every test binary looks at the log
    pub fn log(&self) -> Log {
        self.log.clone()
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes raw bytes as one framed message (for malformed input tests).
    pub fn send_raw(&mut self, body: &str) {
        let msg = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.stdin
            .write_all(msg.as_bytes())
            .expect("write to server");
        self.stdin.flush().unwrap();
    }

    /// Writes bytes as they are, framing and all.
    pub fn send_raw_bytes(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write to server");
        self.stdin.flush().unwrap();
    }

    pub fn send(&mut self, v: &Value) {
        self.send_raw(&v.to_string());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        self.recv_timed(deadline).map(|(_, v)| v)
    }

    fn recv_timed(&mut self, deadline: Instant) -> Option<(Instant, Value)> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Handles a message that is not the awaited response: answers server
    /// requests, keeps notifications.
    fn stash(&mut self, msg: Value) {
        if msg.get("id").is_some() && msg.get("method").is_some() {
            // a request from the server (registerCapability, progress
            // create, applyEdit: kept, to be awaited like a notification)
            let id = msg["id"].clone();
            let method = msg["method"].as_str().unwrap_or_default();
            let result = match self.replies.get(method) {
                Some(reply) => reply.clone(),
                None if method == "workspace/applyEdit" => json!({"applied": true}),
                None => Value::Null,
            };
            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        }
        if msg.get("method").is_some() {
            self.notifications.push_back(msg);
        }
    }

    /// The full response (with `result` or `error`) to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + self.timeout;
        loop {
            let (arrived, msg) = self
                .recv_timed(deadline)
                .unwrap_or_else(|| panic!("no response to request {id} within {:?}", self.timeout));
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                self.last_arrival = Some(arrived);
                return msg;
            }
            self.stash(msg);
        }
    }

    /// The next response to any request, in the order they arrive.
    pub fn next_response(&mut self) -> Value {
        let deadline = Instant::now() + self.timeout;
        loop {
            let msg = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response within {:?}", self.timeout));
            if msg.get("id").is_some() && msg.get("method").is_none() {
                return msg;
            }
            self.stash(msg);
        }
    }

    /// The next error response with id null: the answer to a message the
    /// server could not read as a request.
    pub fn error_without_id(&mut self) -> Value {
        let deadline = Instant::now() + self.timeout;
        loop {
            let (_, msg) = self
                .recv_timed(deadline)
                .unwrap_or_else(|| panic!("no error response within {:?}", self.timeout));
            if msg.get("id") == Some(&Value::Null) && msg.get("error").is_some() {
                return msg["error"].clone();
            }
            self.stash(msg);
        }
    }

    /// Sends a request and returns its `result` (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let r = self.response(id);
        if let Some(e) = r.get("error") {
            panic!("{method} failed: {e}");
        }
        r["result"].clone()
    }

    /// Waits for a notification (or a request from the server, answered)
    /// `method` for which `pred` holds.
    pub fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| n["method"] == method && pred(&n["params"]))
        {
            return self.notifications.remove(i).unwrap();
        }
        let deadline = Instant::now() + self.timeout;
        loop {
            let msg = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no {method} notification within {:?}", self.timeout));
            let wanted = msg["method"] == method && pred(&msg["params"]);
            self.stash(msg);
            if wanted {
                return self.notifications.pop_back().expect("just kept");
            }
        }
    }

    /// `initialize` + `initialized` with the given client capabilities.
    pub fn initialize(&mut self, capabilities: Value, root: Option<&str>, options: Value) -> Value {
        let folders = root
            .map(|r| json!([{"uri": r, "name": "ws"}]))
            .unwrap_or(Value::Null);
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": folders,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "treaty", "version": 1, "text": text}}),
        );
    }

    /// `shutdown` then `exit`; returns whether the process ended cleanly.
    pub fn shutdown(mut self) -> bool {
        let id = self.send_request("shutdown", Value::Null);
        let _ = self.response(id);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        false
    }

    /// Whether the server process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
