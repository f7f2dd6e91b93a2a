//! Analysis: queries over parsed documents. Pure: no I/O, no LSP types.
//!
//! A [`Workspace`] holds every document the user has; reference resolution
//! and diagnostics work across them (a reference to `Article 22 of the
//! Budapest Convention` resolves into the Budapest file when it is open).

pub mod diagnostics;
pub mod instruments;
pub mod resolve;

use crate::syntax::{self, Document};
use std::sync::Arc;

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
        }
    }
}

#[derive(Debug, Default)]
pub struct Workspace {
    pub files: Vec<SourceFile>,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> DocId {
        self.files.push(SourceFile::new(name, text));
        DocId(self.files.len() - 1)
    }

    pub fn file(&self, id: DocId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn ids(&self) -> impl Iterator<Item = DocId> {
        (0..self.files.len()).map(DocId)
    }
}
