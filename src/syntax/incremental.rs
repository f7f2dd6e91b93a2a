//! Parsing an edited text from the parse of the text before the edit.
//!
//! The edit is found by comparing the texts (their common start and end),
//! so any number of changes since the last parse count as one. The
//! structure is read again from a checkpoint before the edit to one after
//! it where the two parses agree ([`super::structure`]); the result is the
//! document [`super::parse`] gives for the new text, always: a property
//! test holds them equal on random edits of real texts.

use super::tree::Document;

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
        let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
            start -= 1;
        }
        let room = a.len().min(b.len()) - start;
        let mut end = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(room)
            .take_while(|(x, y)| x == y)
            .count();
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
    let edit = Edit::between(old_text, new_text);
    let structure = super::structure::reparse_structure(old_text, old, new_text, &edit)
        .unwrap_or_else(|| super::structure::parse_structure(new_text));
    let candidates = super::reference::candidates(new_text);
    super::assemble(new_text, structure, &candidates)
}

/// What two documents keep differently for their next edit, if anything:
/// a test holds a resumed parse's equal to a full parse's, beyond the
/// documents.
#[doc(hidden)]
pub fn resume_difference(a: &Document, b: &Document) -> Option<String> {
    a.resume.difference(&b.resume)
}
