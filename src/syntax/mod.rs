//! Syntax: a draft's text -> a [`Document`] (tree, references, brackets,
//! defined terms). Pure functions of the text; no I/O, no LSP.

pub mod alternatives;
pub mod amendments;
pub mod brackets;
mod footnotes;
mod held;
pub mod incremental;
mod indent;
pub mod lines;
pub mod number;
pub mod reference;
pub mod short_names;
mod structure;
pub mod terms;
pub mod tree;

pub use tree::*;

/// Parses a draft. Never fails: unexpected text becomes prose of the
/// innermost element, and problems are reported in `Document::issues`.
pub fn parse(text: &str) -> Document {
    let structure = structure::parse_structure(text);
    let candidates = reference::candidates(text);
    assemble(text, structure, candidates)
}

/// [`parse`], the same document, with the structure read on this thread
/// while another finds where references may start (a quarter of the work,
/// and independent of the structure). For long texts; short ones, or when
/// no thread can be had, are parsed on this thread.
pub fn parse_in_parallel(text: &str) -> Document {
    if text.len() < 64 * 1024 {
        return parse(text);
    }
    std::thread::scope(|scope| {
        let finder = std::thread::Builder::new()
            .name("treaty-lsp-references".into())
            .spawn_scoped(scope, || reference::candidates(text));
        let structure = structure::parse_structure(text);
        let candidates = finder
            .ok()
            .and_then(|f| f.join().ok())
            .unwrap_or_else(|| reference::candidates(text));
        assemble(text, structure, candidates)
    })
}

pub(crate) fn assemble(
    text: &str,
    structure: structure::Structure,
    candidates: Vec<(usize, usize)>,
) -> Document {
    assemble_after(text, structure, candidates, None)
}

/// The parse of a text before an edit, and the edit.
pub(crate) struct Before<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    pub edit: &'a incremental::Edit,
}

/// [`assemble`], reading references again only around the edit when the
/// parse `before` it is given and the structure was resumed from it.
pub(crate) fn assemble_after(
    text: &str,
    mut structure: structure::Structure,
    candidates: Vec<(usize, usize)>,
    before: Option<Before>,
) -> Document {
    let resumed = structure.resumed.take();
    let mut doc = Document {
        title: structure.title,
        front_matter: structure.front_matter,
        nodes: structure.nodes,
        references: Vec::new(),
        brackets: Vec::new(),
        definitions: Vec::new(),
        short_names: Vec::new(),
        amendments: Vec::new(),
        issues: structure.issues,
        kept: incremental::Kept {
            structure: structure.resume,
            candidates,
            references: Default::default(),
            same_nodes: resumed.as_ref().is_some_and(|r| r.same_nodes),
        },
    };
    let mut opaque = structure.opaque;
    opaque.sort_by_key(|s| s.start);
    let (brackets, bracket_issues) = brackets::scan(text, &opaque);
    doc.brackets = brackets;
    doc.issues.extend(bracket_issues);
    // a code span is verbatim text to the reference reader too
    let verbatim = with_code_spans(text, &opaque);
    let candidates = &doc.kept.candidates;
    let read = match (&before, &resumed) {
        (Some(b), Some(resumed)) => {
            let old = reference::OldReading {
                text: b.text,
                references: &b.doc.references,
                kept: &b.doc.kept.references,
            };
            reference::read_after_edit(text, &doc, &verbatim, candidates, &old, b.edit, resumed)
        }
        _ => None,
    }
    .unwrap_or_else(|| reference::read_candidates(text, &doc, &verbatim, candidates));
    doc.references = read.references;
    // the stages that read around an edit need the old opaque spans
    let around = before.filter(|b| {
        b.doc
            .kept
            .structure
            .same_opaque_after(&doc.kept.structure, b.edit)
    });
    doc.definitions = around
        .as_ref()
        .and_then(|b| terms::after_edit(text, &doc, &opaque, &b.doc.definitions, b.edit))
        .unwrap_or_else(|| terms::scan(text, &doc, &opaque));
    let raw_contexts = footnotes::place_references(text, &mut doc);
    doc.short_names = around
        .as_ref()
        .and_then(|b| short_names::after_edit(b.text, &b.doc.short_names, text, b.edit))
        .unwrap_or_else(|| short_names::scan(text, &opaque));
    doc.amendments = amendments::scan(text, &doc);
    // a block quote inside an amendment is already that act's
    let quotes = amendments::block_quotes(text);
    let quotes: Vec<tree::Amendment> = quotes
        .into_iter()
        .filter(|q| !doc.in_amendment(q.span.start))
        .collect();
    doc.amendments.extend(quotes);
    doc.amendments.sort_by_key(|a| a.span.start);
    let raw_scopes = amendments::scope_references(&mut doc.references, &doc.amendments);
    doc.issues.sort_by_key(|i| i.span.start);
    doc.kept.references = reference::ReadKept {
        read_from: read.read_from,
        verbatim,
        raw_contexts,
        raw_scopes,
    };
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
        short_names: Vec::new(),
        amendments: Vec::new(),
        issues: Vec::new(),
        kept: Default::default(),
    };
    doc.references = reference::scan(text, &doc, &[]);
    doc
}

/// `opaque` and every inline code span (`` `Article 9` ``) outside it, in
/// text order: a span runs from a run of backticks to the next run of the
/// same length within its paragraph, as CommonMark reads them; two
/// backticks open a TeX quote instead.
fn with_code_spans(text: &str, opaque: &[tree::Span]) -> Vec<tree::Span> {
    let mut out = opaque.to_vec();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'`', &bytes[i..]).map(|p| i + p) {
        let run = bytes[p..].iter().take_while(|&&b| b == b'`').count();
        i = p + run;
        // ``` ``term'' ``` is a TeX quote, not code (as for brackets)
        if run == 2 || opaque.iter().any(|s| s.contains(&p)) {
            continue;
        }
        let paragraph_end =
            memchr::memmem::find(&bytes[i..], b"\n\n").map_or(bytes.len(), |e| i + e);
        let mut j = i;
        while let Some(q) = memchr::memchr(b'`', &bytes[j..paragraph_end]).map(|q| j + q) {
            let close = bytes[q..].iter().take_while(|&&b| b == b'`').count();
            if close == run {
                out.push(p..q + close);
                i = q + close;
                break;
            }
            j = q + close;
        }
    }
    out.sort_by_key(|s| s.start);
    out
}
