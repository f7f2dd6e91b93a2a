//! Syntax: a draft's text -> a [`Document`] (tree, references, brackets,
//! defined terms). Pure functions of the text; no I/O, no LSP.

pub mod brackets;
pub mod lines;
pub mod number;
pub mod reference;
mod structure;
pub mod terms;
pub mod tree;

pub use tree::*;

/// Parses a draft. Never fails: unexpected text becomes prose of the
/// innermost element, and problems are reported in `Document::issues`.
pub fn parse(text: &str) -> Document {
    let structure = structure::parse_structure(text);
    let mut doc = Document {
        title: structure.title,
        front_matter: structure.front_matter,
        nodes: structure.nodes,
        references: Vec::new(),
        brackets: Vec::new(),
        definitions: Vec::new(),
        issues: structure.issues,
    };
    let mut opaque = structure.opaque;
    opaque.sort_by_key(|s| s.start);
    let (brackets, bracket_issues) = brackets::scan(text, &opaque);
    doc.brackets = brackets;
    doc.issues.extend(bracket_issues);
    doc.references = reference::scan(text, &doc, &opaque);
    doc.definitions = terms::scan(text, &doc, &opaque);
    doc.issues.sort_by_key(|i| i.span.start);
    doc
}

/// Reads a text that is not a draft (a submission, a positions file's
/// target) for its references only: no structure, so every reference is
/// prose of the root, and an `Article 5` at a line start is a citation,
/// not a heading.
pub fn parse_prose(text: &str) -> Document {
    let mut doc = Document {
        title: None,
        front_matter: None,
        nodes: vec![Node::root(text.len())],
        references: Vec::new(),
        brackets: Vec::new(),
        definitions: Vec::new(),
        issues: Vec::new(),
    };
    doc.references = reference::scan(text, &doc, &[]);
    doc
}
