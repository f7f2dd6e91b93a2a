//! Parsing an edited text from the parse of the text before the edit.
//!
//! The edit is found by comparing the texts (their common start and end),
//! so any number of changes since the last parse count as one. The
//! structure is read again from a checkpoint before the edit to one after
//! it where the two parses agree ([`super::structure`]), where references
//! may start only around the edit, the references themselves from a
//! little before the edit to where their reading agrees with the old one
//! again ([`super::reference`]'s `resume`), and the defined terms and short
//! names around the edit; the other stages (amendments, brackets,
//! footnotes, code spans) read the whole text. The result is the
//! document [`super::parse`] gives for the new text, always: a property
//! test holds them equal on random edits of real texts.

use super::tree::Document;

/// What a parse keeps for the next parse of its file after an edit.
#[derive(Clone, Default)]
pub(crate) struct Kept {
    pub structure: super::structure::Resume,
    /// where references may start ([`super::reference::candidates`])
    pub candidates: Vec<(usize, usize)>,
    /// where each reference was read from, and what the reader skipped
    pub references: super::reference::ReadKept,
    /// of a parse resumed after an edit: every element is the old parse's
    /// in all but its place (see [`outline_unchanged`])
    pub same_nodes: bool,
}

// a cache beside the parse, not part of it: two documents parsed from the
// same text are equal whatever they keep for the next edit
impl PartialEq for Kept {
    fn eq(&self, _: &Kept) -> bool {
        true
    }
}
impl Eq for Kept {}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept")
    }
}

/// Where two texts differ: `old[start..old_end]` became
/// `new[start..new_end]`; before and after, they are the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Edit {
    /// The one edit that turns `old` into `new`: everything between their
    /// longest common start and longest common end (char boundaries both).
    pub fn between(old: &str, new: &str) -> Edit {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut start = common_prefix(a, b);
        while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
            start -= 1;
        }
        let room = a.len().min(b.len()) - start;
        let mut end = common_suffix(&a[a.len() - room..], &b[b.len() - room..]);
        while !old.is_char_boundary(a.len() - end) || !new.is_char_boundary(b.len() - end) {
            end -= 1;
        }
        Edit {
            start,
            old_end: a.len() - end,
            new_end: b.len() - end,
        }
    }

    /// Where an offset at or after the edit in the old text is in the new.
    pub fn moved(&self, old: usize) -> Option<usize> {
        (old >= self.old_end).then(|| old - self.old_end + self.new_end)
    }

    /// Where a span of the old text is in the new: the same before the
    /// edit, moved after it; `None` when it overlaps the edit (an empty
    /// span at its start stays).
    pub fn moved_span(&self, old: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        if old.end <= self.start {
            return Some(old.clone());
        }
        Some(self.moved(old.start)?..self.moved(old.end)?)
    }

    /// Where an offset at or after the edit in the new text was in the old.
    pub fn old_offset(&self, new: usize) -> usize {
        new - self.new_end + self.old_end
    }

    /// Whether `new` is where `old` is after the edit: the same offset
    /// before it, moved by the edit's length after it (an offset inside the
    /// edit is nowhere).
    pub fn same_offset(&self, old: usize, new: usize) -> bool {
        (old <= self.start && new == old) || self.moved(old) == Some(new)
    }
}

/// The document [`super::parse`] gives for `new_text`, from the document
/// it gave for `old_text`.
pub fn reparse(old_text: &str, old: &Document, new_text: &str) -> Document {
    reparsed(old_text, old, new_text).0
}

/// [`reparse`], and the edit between the texts.
pub fn reparsed(old_text: &str, old: &Document, new_text: &str) -> (Document, Edit) {
    let edit = Edit::between(old_text, new_text);
    // a document that kept nothing (read as prose, or let go of what it
    // kept) is parsed whole
    if old.kept.structure.checkpoints.is_empty() {
        return (super::parse(new_text), edit);
    }
    let structure = super::structure::reparse_structure(old_text, old, new_text, &edit)
        .unwrap_or_else(|| super::structure::parse_structure(new_text));
    let candidates = super::reference::candidates_after(&old.kept.candidates, new_text, &edit);
    let before = super::Before {
        text: old_text,
        doc: old,
        edit: &edit,
    };
    let doc = super::assemble_after(new_text, structure, candidates, Some(before));
    (doc, edit)
}

/// Whether `new`, parsed by [`reparse`] from `old`, has the same outline:
/// the same title and front matter, and every element the old one (its
/// kind, label, number, heading, style, parent and children), only moved
/// by the edit. What depends on the outline alone (the lookup tables of
/// resolution, the numbering checks) then holds for `new` as for `old`.
/// False when unsure (a whole parse, a structure read to the end).
pub fn outline_unchanged(old: &Document, new: &Document) -> bool {
    new.kept.same_nodes
        && new.nodes.len() == old.nodes.len()
        && new.title == old.title
        && new.front_matter == old.front_matter
}

/// Lets go of what `doc` keeps for its next edit (a file nobody edits
/// need not hold it); a later [`reparse`] from it parses the whole text.
pub fn forget(doc: &mut Document) {
    doc.kept = Kept::default();
}

/// What two documents keep differently for their next edit, if anything:
/// a test holds a resumed parse's equal to a full parse's, beyond the
/// documents.
#[doc(hidden)]
pub fn resume_difference(a: &Document, b: &Document) -> Option<String> {
    if a.kept.candidates != b.kept.candidates {
        return Some("reference candidates".into());
    }
    if a.kept.references != b.kept.references {
        return Some(format!(
            "what the reference reader kept\n{:?}\nnot\n{:?}",
            a.kept.references, b.kept.references
        ));
    }
    a.kept.structure.difference(&b.kept.structure)
}

/// How many bytes `a` and `b` start with alike; blocks compare as slices
/// (a `memcmp`), the last few byte by byte.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 128;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes `a` and `b` end with alike.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 128;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut k = 0;
    while k + BLOCK <= n && a[n - k - BLOCK..n - k] == b[n - k - BLOCK..n - k] {
        k += BLOCK;
    }
    let (a, b) = (&a[..n - k], &b[..n - k]);
    k + a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}
