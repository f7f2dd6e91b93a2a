//! Stakeholder positions: what each submission says about each clause;
//! and correspondence tables (`correspondence`), which element of one
//! version of a draft became which of the next.
//!
//! A positions file (`*.positions.toml`, format in `docs/positions.md`,
//! JSON Schema in `schemas/positions.schema.json`) records one submission:
//! its source and a list of positions, each on a target written as a
//! reference in plain words, with a stance and, where the submission gives
//! words, machine-applicable changes.
//!
//! Pure, like `syntax`: this module reads text into a model with byte spans
//! and reports what is wrong with it. It knows nothing of drafts (the
//! analysis layer resolves targets and turns changes into edits) nor of LSP.

mod correspondence;
mod read;

use crate::syntax::{Severity, Span};
use serde::Serialize;

pub use correspondence::{read_correspondence, CorrespondenceFile, Pair, PAIR_KEYS, VERSIONS_KEYS};
pub use read::{read, ACTIONS, CHANGE_KEYS, POSITION_KEYS, SOURCE_KEYS};

/// A value and where it is written in the positions file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

/// Who the stakeholder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    State,
    Industry,
    CivilSociety,
    Academia,
    Secretariat,
    Intergovernmental,
    Other,
}

impl Group {
    pub const ALL: &'static [(&'static str, Group)] = &[
        ("state", Group::State),
        ("industry", Group::Industry),
        ("civil-society", Group::CivilSociety),
        ("academia", Group::Academia),
        ("secretariat", Group::Secretariat),
        ("intergovernmental", Group::Intergovernmental),
        ("other", Group::Other),
    ];

    pub fn name(self) -> &'static str {
        Group::ALL
            .iter()
            .find(|(_, g)| *g == self)
            .map_or("other", |(n, _)| n)
    }

    /// The group of this name (`civil-society`), if it is one.
    pub fn from_name(name: &str) -> Option<Group> {
        Group::ALL.iter().find(|(n, _)| *n == name).map(|(_, g)| *g)
    }
}

/// What the stakeholder wants done with the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    Support,
    Oppose,
    Amend,
    Delete,
    Insert,
    Reservation,
    Comment,
}

impl Stance {
    pub const ALL: &'static [(&'static str, Stance)] = &[
        ("support", Stance::Support),
        ("oppose", Stance::Oppose),
        ("amend", Stance::Amend),
        ("delete", Stance::Delete),
        ("insert", Stance::Insert),
        ("reservation", Stance::Reservation),
        ("comment", Stance::Comment),
    ];

    pub fn name(self) -> &'static str {
        Stance::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("comment", |(n, _)| n)
    }
}

/// The level of a new element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ElementLevel {
    Article,
    Paragraph,
    Subparagraph,
    Item,
}

impl ElementLevel {
    pub const ALL: &'static [(&'static str, ElementLevel)] = &[
        ("article", ElementLevel::Article),
        ("paragraph", ElementLevel::Paragraph),
        ("subparagraph", ElementLevel::Subparagraph),
        ("item", ElementLevel::Item),
    ];

    pub fn name(self) -> &'static str {
        ElementLevel::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("paragraph", |(n, _)| n)
    }
}

/// Where inserted text goes, relative to the target element's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "at", content = "find")]
pub enum Place {
    Before(At<String>),
    After(At<String>),
    /// Before the first word of the element's text (after its label).
    Start,
    /// After the last character of the element's text.
    End,
}

/// A machine-applicable change to the target element(s). Text to find is
/// matched whatever the line breaks and runs of spaces in the draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "action")]
pub enum Edit {
    /// Replace `find` with `with`.
    Replace { find: At<String>, with: String },
    /// Delete `find` (and one space beside it, so no double space is left).
    DeleteText { find: At<String> },
    /// Delete the whole element.
    Delete,
    /// Insert `text` before or after given words, or at the start or end.
    InsertText { text: String, place: Place },
    /// A new element inside the target, numbered and formatted like its
    /// siblings; `number` is the next free one when not given.
    InsertElement {
        element: ElementLevel,
        number: Option<At<String>>,
        heading: Option<String>,
        text: String,
    },
    /// Remove the square brackets around `find`, keeping it.
    Unbracket { find: At<String> },
    /// Keep the alternative `find` of a group (`[shall][should]`), drop the others.
    Choose { find: At<String> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub edit: Edit,
    /// Which match of `find` in the element, from 1, when it occurs more than once.
    pub occurrence: Option<u32>,
    pub span: Span,
}

impl Change {
    /// The words the change looks for in the draft, if any.
    pub fn find(&self) -> Option<&At<String>> {
        match &self.edit {
            Edit::Replace { find, .. }
            | Edit::DeleteText { find }
            | Edit::Unbracket { find }
            | Edit::Choose { find } => Some(find),
            Edit::InsertText {
                place: Place::Before(find) | Place::After(find),
                ..
            } => Some(find),
            _ => None,
        }
    }

    /// A short description: `delete "applicable"`, `replace "measures" with "support"`.
    pub fn describe(&self) -> String {
        self.describe_up_to(SHORT_QUOTE_CHARS)
    }

    /// The description with the words quoted up to `max` characters each.
    pub fn describe_up_to(&self, max: usize) -> String {
        let short_quote = |s: &str| quote_up_to(s, max);
        match &self.edit {
            Edit::Replace { find, with } => {
                format!(
                    "replace {} with {}",
                    short_quote(&find.value),
                    short_quote(with)
                )
            }
            Edit::DeleteText { find } => format!("delete {}", short_quote(&find.value)),
            Edit::Delete => "delete".to_string(),
            Edit::InsertText { text, place } => match place {
                Place::Before(f) => {
                    format!(
                        "insert {} before {}",
                        short_quote(text),
                        short_quote(&f.value)
                    )
                }
                Place::After(f) => {
                    format!(
                        "insert {} after {}",
                        short_quote(text),
                        short_quote(&f.value)
                    )
                }
                Place::Start => format!("insert {} at the start", short_quote(text)),
                Place::End => format!("add {} at the end", short_quote(text)),
            },
            Edit::InsertElement {
                element, number, ..
            } => match number {
                Some(n) => format!("insert {} {}", element.name(), n.value),
                None => format!("insert a new {}", element.name()),
            },
            Edit::Unbracket { find } => {
                format!("remove the brackets around {}", short_quote(&find.value))
            }
            Edit::Choose { find } => format!("keep the alternative {}", short_quote(&find.value)),
        }
    }
}

/// `"applicable"`, or `"as appropriate in view…"` when long.
pub fn short_quote(s: &str) -> String {
    quote_up_to(s, SHORT_QUOTE_CHARS)
}

/// Words quoted in a short description.
const SHORT_QUOTE_CHARS: usize = 40;

/// `“words”` on one line, cut before `max` characters with `…`, at the
/// end of a word when one ends in the second half.
pub fn quote_up_to(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return format!("“{}”", flat);
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    let word = cut.rfind(' ').filter(|&i| i >= cut.len() / 2);
    let cut = word.map_or(cut.as_str(), |i| &cut[..i]);
    format!("“{}…”", cut.trim_end_matches([' ', ',', ';', ':']))
}

/// One position: a stance on a target, maybe with changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// The whole `[[position]]` table.
    pub span: Span,
    /// A reference in plain words: `Article 41, paragraph 2 (b)`.
    pub target: At<String>,
    /// Where the target's characters start in the file when the string
    /// holds them as written (no escapes), so a reference's pieces map
    /// back to exact ranges.
    pub target_text_start: Option<usize>,
    pub stance: At<Stance>,
    pub summary: At<String>,
    pub quote: Option<At<String>>,
    /// The line in the submission the position comes from (1-based).
    pub line: Option<u32>,
    /// For a position migrated to a later draft (`treaty-lsp migrate`):
    /// the draft it was written against and its target there.
    pub original: Option<Original>,
    pub changes: Vec<Change>,
}

/// Where a migrated position was first written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Original {
    pub draft: At<String>,
    pub target: At<String>,
}

/// Where the positions come from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    pub span: Span,
    pub stakeholder: Option<At<String>>,
    pub group: Option<At<Group>>,
    pub title: Option<String>,
    pub date: Option<String>,
    /// Where the submission is published.
    pub link: Option<String>,
    /// The submission's file, relative to the positions file.
    pub submission: Option<At<String>>,
    /// The id of the draft the submission's numbers refer to.
    pub draft: Option<At<String>>,
}

/// Something wrong in a positions file, with its place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub span: Span,
}

/// A positions file as read: whatever could be read, and the problems.
/// A broken position is left out; the others stay.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PositionsFile {
    pub source: Source,
    pub positions: Vec<Position>,
    pub problems: Vec<Problem>,
}

impl PositionsFile {
    /// The stakeholder's name, or a stand-in when the file does not give one.
    pub fn stakeholder(&self) -> &str {
        self.source
            .stakeholder
            .as_ref()
            .map_or("(unnamed stakeholder)", |s| s.value.as_str())
    }
}
