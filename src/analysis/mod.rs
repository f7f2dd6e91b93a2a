//! Analysis: queries over parsed documents. Pure: no I/O, no LSP types.
//!
//! A [`Workspace`] holds every document the user has; reference resolution
//! and diagnostics work across them (a reference to `Article 22 of the
//! Budapest Convention` resolves into the Budapest file when it is open).

pub mod completion;
pub mod diagnostics;
pub mod folding;
pub mod hover;
pub mod instruments;
pub mod navigation;
pub mod rename;
pub mod resolve;
pub mod selection;
pub mod semantic_tokens;
pub mod symbols;
pub mod terms;

use crate::syntax::lines::{split_lines, Line};
use crate::syntax::{self, Document, Span};
use std::sync::{Arc, OnceLock};

pub use diagnostics::{Diagnostic, Related};
pub use resolve::{Resolution, Resolved};

/// A document's index in its workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct DocId(pub usize);

/// One parsed file.
#[derive(Debug)]
pub struct SourceFile {
    /// A path or URI, as the caller names the file.
    pub name: String,
    pub text: Arc<str>,
    pub doc: Document,
    pub index: resolve::Index,
    /// Where defined terms are used, found on first use.
    terms: OnceLock<Vec<terms::Occurrence>>,
    /// Line starts and ends, as LSP counts lines, found on first use.
    lines: OnceLock<Vec<Line>>,
    /// A file that was closed or deleted keeps its id but no content.
    pub removed: bool,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        let text: Arc<str> = text.into();
        let doc = syntax::parse(&text);
        let index = resolve::Index::new(&doc);
        SourceFile {
            name: name.into(),
            text,
            doc,
            index,
            terms: OnceLock::new(),
            lines: OnceLock::new(),
            removed: false,
        }
    }

    /// The lines of the text (LF, CRLF and CR end a line).
    pub fn line_table(&self) -> &[Line] {
        self.lines.get_or_init(|| split_lines(&self.text))
    }

    /// Uses of this file's defined terms (and their definitions).
    pub fn term_occurrences(&self) -> &[terms::Occurrence] {
        self.terms
            .get_or_init(|| terms::occurrences(&self.text, &self.doc))
    }
}

/// A position in a file of the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilePosition {
    pub doc: DocId,
    pub offset: usize,
}

/// A span in a file of the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileSpan {
    pub doc: DocId,
    pub span: Span,
}

/// Replace `span` with `new_text`. Edits are values: the server turns them
/// into LSP edits, tests apply them to strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

/// Edits to several files, each list sorted and non-overlapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceChange {
    pub edits: Vec<(DocId, Vec<TextEdit>)>,
}

/// Applies non-overlapping edits to a text.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.new_text);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// All the documents the user works with. Cheap to clone: a request works
/// on a snapshot while edits make a new one.
#[derive(Debug, Default, Clone)]
pub struct Workspace {
    pub files: Vec<Arc<SourceFile>>,
    /// More names for the instrument of a file (from `treaty.toml`), by
    /// file name.
    pub aliases: Arc<std::collections::HashMap<String, Vec<String>>>,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Adds a file, or replaces the one with this name; returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> DocId {
        let name = name.into();
        let file = Arc::new(SourceFile::new(name.clone(), text));
        match self.find(&name) {
            Some(id) => {
                self.files[id.0] = file;
                id
            }
            None => {
                if let Some(i) = self.files.iter().position(|f| f.removed && f.name == name) {
                    self.files[i] = file;
                    return DocId(i);
                }
                self.files.push(file);
                DocId(self.files.len() - 1)
            }
        }
    }

    /// Drops a file's content; its id stays reserved for its name.
    pub fn remove(&mut self, name: &str) {
        if let Some(id) = self.find(name) {
            let mut empty = SourceFile::new(name, "");
            empty.removed = true;
            self.files[id.0] = Arc::new(empty);
        }
    }

    pub fn aliases_of(&self, id: DocId) -> &[String] {
        self.aliases
            .get(&self.file(id).name)
            .map_or(&[], |v| v.as_slice())
    }

    pub fn find(&self, name: &str) -> Option<DocId> {
        self.files
            .iter()
            .position(|f| !f.removed && f.name == name)
            .map(DocId)
    }

    pub fn file(&self, id: DocId) -> &SourceFile {
        &self.files[id.0]
    }

    /// The ids of the files present (not removed).
    pub fn ids(&self) -> impl Iterator<Item = DocId> + '_ {
        (0..self.files.len())
            .filter(|&i| !self.files[i].removed)
            .map(DocId)
    }
}
