//! What became of a position in the text now in front of the user: still
//! open (its words are there: the quick fix applies), applied (the draft
//! already reads as proposed), overtaken (the words changed otherwise), or
//! without counterpart (its element was dropped in a later version). The
//! same in a position's own draft and in later versions: a quick fix just
//! applied makes its position applied, not stale.

use super::super::base::text::find_all;
use super::super::base::{DocId, Entry, Workspace};
use super::edits::change_edits;
use crate::positions::{Change, Edit, Place};
use crate::syntax::NodeId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Open,
    Applied,
    Overtaken,
    NoCounterpart,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Applied => "applied",
            Status::Overtaken => "overtaken",
            Status::NoCounterpart => "no counterpart",
        }
    }
}

/// The status of the position an entry stands for, on its element.
pub fn status(ws: &Workspace, e: &Entry) -> Status {
    let Some((_, p)) = ws.position(e) else {
        return Status::Open;
    };
    let lost = e.carried.as_ref().is_some_and(|c| c.lost);
    let each: Vec<Status> = p
        .changes
        .iter()
        .map(|c| match (lost, &c.edit) {
            (true, Edit::Delete) => Status::Applied,
            (true, _) => Status::NoCounterpart,
            (false, _) => change_status(ws, e, c),
        })
        .collect();
    if each.is_empty() {
        return if lost {
            Status::NoCounterpart
        } else {
            Status::Open
        };
    }
    if each.iter().all(|s| *s == Status::Applied) {
        Status::Applied
    } else if each.contains(&Status::Open) {
        Status::Open
    } else if each.contains(&Status::NoCounterpart) {
        Status::NoCounterpart
    } else {
        Status::Overtaken
    }
}

/// One change's status on the entry's element.
pub fn change_status(ws: &Workspace, e: &Entry, c: &Change) -> Status {
    if applied(ws, e, c) {
        Status::Applied
    } else if change_edits(ws, e.draft, e.node, c).is_ok() {
        Status::Open
    } else {
        Status::Overtaken
    }
}

/// Whether `words` stand in element `node` of `draft`.
fn has(ws: &Workspace, draft: DocId, node: NodeId, words: &str) -> bool {
    let file = ws.file(draft);
    let span = file.doc.node(node).span.clone();
    !words.trim().is_empty() && !find_all(&file.text, span, words).is_empty()
}

/// Whether the element already reads as the change proposes. Words to
/// delete or replace count as gone only if they were there: in the element
/// the position was written against (in an earlier version, also for a
/// migrated position), or seen in this one before (the quick fix was
/// applied); words never there make a
/// stale change, not an applied one. A replacement that the old words
/// contain ("law" for "applicable law") says nothing by being present.
fn applied(ws: &Workspace, e: &Entry, c: &Change) -> bool {
    let (draft, node) = (e.draft, e.node);
    let here = |words: &str| has(ws, draft, node, words);
    let gone = |words: &str| {
        if here(words) {
            ws.words_seen(e.file, (draft, node), words, true);
            return false;
        }
        match &e.carried {
            Some(from) => has(ws, from.draft, from.node, words),
            None => {
                let original = ws.original_element(e);
                ws.words_seen(e.file, (draft, node), words, false)
                    || original.is_some_and(|(d, n)| has(ws, d, n, words))
            }
        }
    };
    match &c.edit {
        Edit::Replace { find, with } if with.trim().is_empty() => gone(&find.value),
        Edit::Replace { find, with } if with.contains(find.value.as_str()) => here(with),
        Edit::Replace { find, with } => {
            let was_there = gone(&find.value);
            here(with) && (was_there || (!here(&find.value) && !find.value.contains(with.trim())))
        }
        Edit::DeleteText { find } => gone(&find.value),
        Edit::InsertText { text, place } => inserted(&here, text, place),
        Edit::Delete => false,
        Edit::InsertElement { text, .. } => here(text),
        Edit::Unbracket { find } | Edit::Choose { find } => {
            let file = ws.file(draft);
            let found = find_all(&file.text, file.doc.node(node).span.clone(), &find.value);
            !found.is_empty() && !in_brackets(&file.doc, &found)
        }
    }
}

/// Whether `text` stands where the insertion puts it: beside its anchor
/// words, or anywhere in the element for the start or the end.
fn inserted(here: &dyn Fn(&str) -> bool, text: &str, place: &Place) -> bool {
    let (text, joined) = (text.trim(), |a: &str, b: &str| {
        here(&format!("{a} {b}")) || here(&format!("{a}{b}"))
    });
    match place {
        Place::Before(anchor) => joined(text, anchor.value.trim()),
        Place::After(anchor) => joined(anchor.value.trim(), text),
        Place::Start | Place::End => here(text),
    }
}

/// Whether any of these spans stands inside square brackets.
fn in_brackets(doc: &crate::syntax::Document, spans: &[crate::syntax::Span]) -> bool {
    spans.iter().any(|s| {
        doc.brackets
            .iter()
            .any(|b| b.span.start < s.start && s.end < b.span.end)
    })
}
