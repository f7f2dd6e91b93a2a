//! The server's documents and the analysis snapshot built from them.
//!
//! Ordering by design: edits are applied to the document store by the
//! thread that reads messages (`direct`), as each is read, before the next
//! message is read. A snapshot is made from the store when a request is
//! answered, so it always sees every edit that arrived before the request.
//!
//! Files are parsed outside the lock, one at a time and the shortest
//! first, by the first snapshot that needs them; another snapshot that
//! needs the same file waits for that parse (condition variable), one that
//! does not goes on. A request about one document needs that document and
//! every changed file shorter than [`LONG_FILE`]; a longer file another
//! thread is parsing, or that no one has asked for yet, is read as last
//! parsed: a request on one document does not wait for a long draft's
//! parse. Diagnostics, workspace-wide requests and answers that edit files
//! need every file. A snapshot waits for the changes received before it,
//! never for later ones.

use super::position::{rope_char, Encoding};
use crate::analysis::{Role, SourceFile, Workspace};
use dashmap::DashMap;
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

/// Drops `files` on a thread kept for that (started on first use); if it
/// cannot be started, here.
fn free_elsewhere(files: Vec<Arc<SourceFile>>) {
    use std::sync::mpsc::{channel, Sender};
    static FREER: OnceLock<Option<Sender<Vec<Arc<SourceFile>>>>> = OnceLock::new();
    if files.is_empty() {
        return;
    }
    let freer = FREER.get_or_init(|| {
        let (tx, rx) = channel::<Vec<Arc<SourceFile>>>();
        std::thread::Builder::new()
            .name("treaty-lsp-free".into())
            .spawn(move || rx.into_iter().for_each(drop))
            .ok()
            .map(|_| tx)
    });
    if let Some(tx) = freer {
        let _ = tx.send(files);
    }
}

pub struct OpenDoc {
    pub rope: Rope,
    pub version: i32,
}

/// A consistent view for one request: the workspace and the version of
/// each open document it was built from.
#[derive(Clone)]
pub struct Snapshot {
    pub ws: Workspace,
    pub versions: Arc<HashMap<String, i32>>,
    /// Counts the workspaces made: a later snapshot has a larger number
    /// (answers from an older one must not replace a newer one's).
    pub generation: u64,
}

/// Above this many bytes a changed file is not parsed for a request about
/// another document (a 2 MB draft parses in about 20 ms).
pub const LONG_FILE: usize = 2 << 20;

#[derive(Default)]
struct Cache {
    ws: Workspace,
    versions: Arc<HashMap<String, i32>>,
    /// Changed since last parsed, and not being parsed (a file whose last
    /// change is not parsed and that is not here is being parsed).
    dirty: HashSet<String>,
    /// Per file, the number of its last change (`tick` then), and of the
    /// change its parse in `ws` reflects.
    changed: HashMap<String, u64>,
    parsed: HashMap<String, u64>,
    tick: u64,
    generation: u64,
}

/// A file as it is now, taken from the stores under the lock and parsed
/// outside it.
struct Job {
    uri: String,
    change: u64,
    role: Role,
    input: Input,
    /// the file as last parsed, which a draft's parse resumes from
    before: Option<Arc<SourceFile>>,
}

enum Input {
    Open(Rope, i32),
    Disk(Arc<str>),
    Gone,
}

pub struct State {
    encoding: AtomicU8,
    /// Documents open in the editor, by URI.
    pub open: DashMap<String, OpenDoc>,
    /// Workspace files read from disk and not open, by URI.
    pub disk: DashMap<String, Arc<str>>,
    /// How to read each file, when its name does not say (submissions).
    roles: DashMap<String, Role>,
    cache: Mutex<Cache>,
    /// Signalled when parsed files are installed in the cache.
    installed: Condvar,
}

impl Default for State {
    fn default() -> Self {
        State {
            encoding: AtomicU8::new(1),
            open: DashMap::new(),
            disk: DashMap::new(),
            roles: DashMap::new(),
            cache: Mutex::new(Cache::default()),
            installed: Condvar::new(),
        }
    }
}

impl State {
    pub fn encoding(&self) -> Encoding {
        match self.encoding.load(Ordering::Acquire) {
            0 => Encoding::Utf8,
            2 => Encoding::Utf32,
            _ => Encoding::Utf16,
        }
    }

    pub fn set_encoding(&self, e: Encoding) {
        let v = match e {
            Encoding::Utf8 => 0,
            Encoding::Utf16 => 1,
            Encoding::Utf32 => 2,
        };
        self.encoding.store(v, Ordering::Release);
    }

    fn cache(&self) -> MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn mark_dirty(&self, uri: &str) {
        let mut cache = self.cache();
        cache.tick += 1;
        let tick = cache.tick;
        cache.changed.insert(uri.to_string(), tick);
        cache.dirty.insert(uri.to_string());
    }

    /// The role of a document, as the workspace scan or its name says.
    pub fn role(&self, uri: &str, language: Option<&str>) -> Option<Role> {
        self.roles
            .get(uri)
            .map(|r| *r)
            .or_else(|| Role::of(uri, language))
    }

    /// Files the workspace scan found, with their roles.
    pub fn set_role(&self, uri: &str, role: Role) {
        self.roles.insert(uri.to_string(), role);
    }

    pub fn did_open(&self, p: &DidOpenTextDocumentParams) -> bool {
        let uri = p.text_document.uri.as_str();
        let Some(role) = self.role(uri, Some(&p.text_document.language_id)) else {
            return false;
        };
        self.roles.insert(uri.to_string(), role);
        self.open.insert(
            uri.to_string(),
            OpenDoc {
                rope: Rope::from_str(&p.text_document.text),
                version: p.text_document.version,
            },
        );
        self.mark_dirty(uri);
        true
    }

    /// Applies the changes in order. A change to a document that is not
    /// open is ignored (and reported by the caller).
    pub fn did_change(&self, p: &DidChangeTextDocumentParams) -> bool {
        let uri = p.text_document.uri.as_str();
        let encoding = self.encoding();
        let Some(mut doc) = self.open.get_mut(uri) else {
            return false;
        };
        for change in &p.content_changes {
            match change.range {
                Some(range) => {
                    let a = rope_char(&doc.rope, range.start, encoding);
                    let b = rope_char(&doc.rope, range.end, encoding);
                    let (a, b) = (a.min(b), a.max(b));
                    doc.rope.remove(a..b);
                    doc.rope.insert(a, &change.text);
                }
                None => doc.rope = Rope::from_str(&change.text),
            }
        }
        doc.version = p.text_document.version;
        drop(doc);
        self.mark_dirty(uri);
        true
    }

    pub fn did_close(&self, p: &DidCloseTextDocumentParams) {
        let uri = p.text_document.uri.as_str();
        if self.open.remove(uri).is_some() {
            self.mark_dirty(uri);
        }
    }

    /// A workspace file read from disk (or gone from it: `None`).
    pub fn set_disk(&self, uri: &str, text: Option<Arc<str>>) {
        match text {
            Some(t) => {
                self.disk.insert(uri.to_string(), t);
            }
            None => {
                self.disk.remove(uri);
            }
        }
        if !self.open.contains_key(uri) {
            self.mark_dirty(uri);
        }
    }

    /// The workspace as of now: every file reflects every change received
    /// before this call (files changed since are parsed again, only those).
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot_of(None)
    }

    /// The workspace for a request about `uri`: that document, and every
    /// changed file shorter than [`LONG_FILE`], as of now; a longer one as
    /// last parsed (see the module's comment).
    pub fn snapshot_for(&self, uri: &str) -> Snapshot {
        self.snapshot_of(Some(uri))
    }

    /// [`State::snapshot_for`] (`Some(uri)`) or [`State::snapshot`] (`None`).
    pub fn snapshot_of(&self, only: Option<&str>) -> Snapshot {
        self.snapshot_where(|u| self.needs(only, u), true)
            .expect("a waiting snapshot is always made")
    }

    /// [`State::snapshot_of`] when nothing it needs is left to parse, so
    /// that no thread is needed to answer; else `None`.
    pub fn snapshot_now(&self, only: Option<&str>) -> Option<Snapshot> {
        self.snapshot_where(|u| self.needs(only, u), false)
    }

    /// Whether a snapshot for a request about `only` (every file: `None`)
    /// needs file `uri` as of now.
    fn needs(&self, only: Option<&str>, uri: &str) -> bool {
        only.is_none_or(|o| o == uri || self.len_of(uri) < LONG_FILE)
    }

    fn len_of(&self, uri: &str) -> usize {
        match self.open.get(uri) {
            Some(d) => d.rope.len_bytes(),
            None => self.disk.get(uri).map_or(0, |t| t.len()),
        }
    }

    /// The workspace with every `needed` file's changes received so far.
    /// `wait`: parse them here, or wait for the thread parsing them;
    /// otherwise `None` when one is not parsed yet.
    fn snapshot_where(&self, needed: impl Fn(&str) -> bool, wait: bool) -> Option<Snapshot> {
        let mut cache = self.cache();
        // the changes this snapshot must reflect: those received so far
        let wanted: Vec<(String, u64)> = cache
            .changed
            .iter()
            .filter(|(u, &c)| cache.parsed.get(*u).is_none_or(|&p| p < c) && needed(u))
            .map(|(u, &c)| (u.clone(), c))
            .collect();
        loop {
            // a later change than the wanted one is not waited for: a file
            // edited while it is parsed does not hold the snapshot back
            let todo: Vec<&String> = wanted
                .iter()
                .filter(|(u, w)| cache.parsed.get(u).is_none_or(|p| p < w))
                .map(|(u, _)| u)
                .collect();
            if todo.is_empty() {
                break;
            }
            if !wait {
                return None;
            }
            // one file at a time, the shortest first, so that a request
            // needing a short one takes it rather than wait for a batch
            let next = todo
                .into_iter()
                .filter(|u| cache.dirty.contains(*u))
                .min_by_key(|u| self.len_of(u))
                .cloned();
            let Some(uri) = next else {
                // another thread is parsing what is left
                cache = self
                    .installed
                    .wait(cache)
                    .unwrap_or_else(|e| e.into_inner());
                continue;
            };
            let job = self.take(&mut cache, uri);
            drop(cache);
            let file = parse_job(&job);
            cache = self.cache();
            let unused = install(&mut cache, job, file);
            self.installed.notify_all();
            drop(cache);
            // a parse overtaken by a later one, freed outside the lock
            drop(unused);
            cache = self.cache();
        }
        Some(Snapshot {
            ws: cache.ws.clone(),
            versions: cache.versions.clone(),
            generation: cache.generation,
        })
    }

    /// Takes a changed file out of `dirty` to be parsed by this thread.
    fn take(&self, cache: &mut Cache, uri: String) -> Job {
        cache.dirty.remove(&uri);
        let change = cache.changed.get(&uri).copied().unwrap_or(0);
        let input = match self.open.get(&uri) {
            Some(d) => Input::Open(d.rope.clone(), d.version),
            None => match self.disk.get(&uri) {
                Some(t) => Input::Disk(t.clone()),
                None => Input::Gone,
            },
        };
        let role = self.role(&uri, None).unwrap_or(Role::Draft);
        let before = cache.ws.find(&uri).map(|id| cache.ws.files[id.0].clone());
        Job {
            uri,
            change,
            role,
            input,
            before,
        }
    }

    /// The version of an open document now (not in a snapshot).
    pub fn current_version(&self, uri: &str) -> Option<i32> {
        self.open.get(uri).map(|d| d.version)
    }
}

impl State {
    /// What `treaty.toml` says of the files: more names for their
    /// instruments, and the versions of each negotiating text in order.
    pub fn set_project(&self, aliases: HashMap<String, Vec<String>>, versions: Vec<Vec<String>>) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.ws.set_aliases(aliases);
        cache.ws.set_versions(versions);
        cache.generation += 1;
    }

    /// Shows only these stakeholders' positions in drafts (empty: all).
    pub fn set_stakeholder_filter(&self, names: &[String]) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.ws.set_stakeholder_filter(names);
        cache.generation += 1;
    }
}

/// Parses a job's file (None: the file is gone). A panic in the parser
/// (a bug) leaves the file as it was, rather than every later snapshot
/// waiting for a parse that will never come.
fn parse_job(job: &Job) -> Option<SourceFile> {
    let (text, open) = match &job.input {
        Input::Open(rope, _) => (text_of(rope), true),
        Input::Disk(text) => (text.clone(), false),
        Input::Gone => return None,
    };
    let catch = |read: &dyn Fn() -> SourceFile| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).ok()
    };
    // the server answers while it parses: a long draft's change reaches
    // its diagnostics sooner on two threads
    let whole = || SourceFile::with_role_in_parallel(job.uri.clone(), text.clone(), job.role);
    // an open draft's change is read from its parse before it; a file not
    // open in the editor is read whole, and keeps nothing for edits
    let file = match &job.before {
        Some(before) if open => catch(&|| SourceFile::edited(before, text.clone(), job.role))
            .or_else(|| {
                tracing::error!(
                    "parsing {} from its last parse failed; parsing it whole",
                    job.uri
                );
                catch(&whole)
            }),
        _ => catch(&|| {
            let mut file = whole();
            if !open {
                crate::syntax::incremental::forget(&mut file.doc);
            }
            file
        }),
    };
    if file.is_none() {
        tracing::error!("parsing {} failed; it is read as it was", job.uri);
    }
    file
}

/// Puts a parsed file in the cache's workspace, unless a later change of
/// it is already there (then gives the job and file back, to be freed
/// outside the lock). The file replaced is freed on another thread, as
/// freeing a treaty's tree takes a good part of a millisecond.
fn install(
    cache: &mut Cache,
    job: Job,
    file: Option<SourceFile>,
) -> Option<(Job, Option<SourceFile>)> {
    if cache.parsed.get(&job.uri).is_some_and(|&p| p >= job.change) {
        return Some((job, file));
    }
    cache.parsed.insert(job.uri.clone(), job.change);
    cache.generation += 1;
    let replaced = cache
        .ws
        .find(&job.uri)
        .map(|id| cache.ws.files[id.0].clone());
    match (job.input, file) {
        (Input::Open(_, version), Some(file)) => {
            cache.ws.put(file);
            Arc::make_mut(&mut cache.versions).insert(job.uri, version);
        }
        (Input::Disk(_), Some(file)) => {
            cache.ws.put(file);
            Arc::make_mut(&mut cache.versions).remove(&job.uri);
        }
        (Input::Gone, _) => {
            cache.ws.remove(&job.uri);
            Arc::make_mut(&mut cache.versions).remove(&job.uri);
        }
        // the parser failed: the file stays as it was
        (_, None) => {}
    }
    // the parse resumed from is the file replaced, or one before it
    free_elsewhere(replaced.into_iter().chain(job.before).collect());
    None
}

/// A rope's text, copied once (`to_string().into()` copies it twice, and
/// holds both copies at once: 200 MB for a 100 MB draft).
fn text_of(rope: &Rope) -> Arc<str> {
    let mut bytes = Arc::<[u8]>::new_uninit_slice(rope.len_bytes());
    let slots = Arc::get_mut(&mut bytes).expect("a new Arc is unique");
    let mut at = 0;
    for chunk in rope.chunks() {
        for (slot, &b) in slots[at..at + chunk.len()].iter_mut().zip(chunk.as_bytes()) {
            slot.write(b);
        }
        at += chunk.len();
    }
    assert_eq!(at, slots.len(), "a rope's chunks add up to its length");
    // SAFETY: the rope's chunks fill the slice exactly (`len_bytes` is
    // their total length), so every byte was written
    let bytes = unsafe { bytes.assume_init() };
    // SAFETY: the chunks of a rope are `str`s, and so is their concatenation;
    // `Arc<[u8]>` and `Arc<str>` have the same layout
    unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of a rope built from many chunks, with multi-byte and
    /// non-BMP characters across chunk boundaries, edited: byte for byte
    /// the rope's `to_string`.
    #[test]
    fn text_of_a_rope_is_its_string() {
        let line = "Article 5 — l’État partie 𝒜 shall\r\n";
        let mut rope = Rope::from_str(&line.repeat(5000));
        rope.insert(12_345, "[inserted é]");
        rope.remove(100..2_000);
        let text = text_of(&rope);
        assert_eq!(&*text, rope.to_string().as_str());
        assert_eq!(&*text_of(&Rope::new()), "");
    }

    fn open(state: &State, uri: &str, text: &str) {
        let p: DidOpenTextDocumentParams = serde_json::from_value(serde_json::json!({
            "textDocument": {"uri": uri, "languageId": "treaty", "version": 1, "text": text}
        }))
        .unwrap();
        assert!(state.did_open(&p));
    }

    /// Once an edit's parse is installed, nothing keeps the parse before it
    /// (it is freed on the freeing thread): one parsed copy of a document.
    #[test]
    fn the_parse_before_an_edit_is_freed_once_its_successor_is_in() {
        let state = State::default();
        let uri = "file:///a.treaty.md";
        open(&state, uri, "### Article 1\n\nText.\n");
        let snap = state.snapshot();
        let first = Arc::downgrade(&snap.ws.files[snap.ws.find(uri).unwrap().0]);
        drop(snap);
        let change: DidChangeTextDocumentParams = serde_json::from_value(serde_json::json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": "### Article 1\n\nText, changed.\n"}]
        }))
        .unwrap();
        assert!(state.did_change(&change));
        let snap = state.snapshot();
        assert!(snap
            .ws
            .file(snap.ws.find(uri).unwrap())
            .text
            .contains("changed"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while first.upgrade().is_some() {
            assert!(
                std::time::Instant::now() < deadline,
                "the old parse is kept"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// A request about a short document parses it and every short changed
    /// file, and leaves a long changed draft to whoever needs it; a
    /// workspace-wide snapshot parses that too.
    #[test]
    fn a_request_about_one_document_leaves_a_long_draft_unparsed() {
        let state = State::default();
        let (short, long) = ("file:///a.treaty.md", "file:///long.treaty.md");
        let other = "file:///b.treaty.md";
        open(&state, short, "### Article 1\n\nText.\n");
        open(&state, other, "### Article 2\n\nText.\n");
        open(
            &state,
            long,
            &"### Article 1\n\nText.\n".repeat(LONG_FILE / 20 + 1),
        );
        let snap = state.snapshot_for(short);
        assert!(snap.ws.find(short).is_some() && snap.ws.find(other).is_some());
        assert!(snap.ws.find(long).is_none(), "the long draft was parsed");
        assert!(state.snapshot_now(Some(short)).is_some());
        assert!(state.snapshot_now(None).is_none());
        assert!(state.snapshot().ws.find(long).is_some());
        assert!(state.snapshot_now(None).is_some());
    }
}
