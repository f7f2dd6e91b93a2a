//! The server's documents and the analysis snapshot built from them.
//!
//! Ordering by design: edits are applied to the document store inside
//! `Sequenced::call`, which the transport calls once per message in arrival
//! order, before any handler runs. A request handler builds its snapshot
//! when it runs, so it always sees every edit that arrived before it.

use super::position::{rope_char, Encoding};
use crate::analysis::{Role, SourceFile, Workspace};
use dashmap::DashMap;
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
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

#[derive(Default)]
struct Cache {
    ws: Workspace,
    versions: Arc<HashMap<String, i32>>,
    dirty: HashSet<String>,
    generation: u64,
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
}

impl Default for State {
    fn default() -> Self {
        State {
            encoding: AtomicU8::new(1),
            open: DashMap::new(),
            disk: DashMap::new(),
            roles: DashMap::new(),
            cache: Mutex::new(Cache {
                ws: {
                    // the server answers while it parses: a long draft's
                    // change reaches its diagnostics sooner on two threads
                    let mut ws = Workspace::default();
                    ws.set_parallel_parsing(true);
                    ws
                },
                ..Cache::default()
            }),
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

    fn mark_dirty(&self, uri: &str) {
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .dirty
            .insert(uri.to_string());
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

    /// The workspace as of now: files changed since the last snapshot are
    /// parsed again (only those).
    pub fn snapshot(&self) -> Snapshot {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let dirty: Vec<String> = cache.dirty.drain().collect();
        if !dirty.is_empty() {
            cache.generation += 1;
        }
        // the files replaced here: freed on another thread, as freeing a
        // treaty's tree takes a good part of a millisecond
        let mut replaced = Vec::new();
        for uri in dirty {
            if let Some(id) = cache.ws.find(&uri) {
                replaced.push(cache.ws.files[id.0].clone());
            }
            let open = self.open.get(&uri).map(|d| (d.rope.to_string(), d.version));
            match open {
                Some((text, version)) => {
                    let role = self.role(&uri, None).unwrap_or(Role::Draft);
                    cache.ws.add_as(uri.clone(), text, role);
                    Arc::make_mut(&mut cache.versions).insert(uri, version);
                }
                None => {
                    Arc::make_mut(&mut cache.versions).remove(&uri);
                    match self.disk.get(&uri).map(|t| t.clone()) {
                        Some(text) => {
                            let role = self.role(&uri, None).unwrap_or(Role::Draft);
                            cache.ws.add_as(uri, text, role);
                        }
                        None => cache.ws.remove(&uri),
                    }
                }
            }
        }
        let snapshot = Snapshot {
            ws: cache.ws.clone(),
            versions: cache.versions.clone(),
            generation: cache.generation,
        };
        drop(cache);
        free_elsewhere(replaced);
        snapshot
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
