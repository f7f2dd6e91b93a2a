//! The base every feature stands on, and nothing else: features import
//! this and `syntax`, never each other.
//!
//! - `workspace`: the files (parsed once), ids, positions, spans and edits;
//! - `resolve`, `instruments`: the resolver, its per-document index, and
//!   instrument names (`the Budapest Convention`);
//! - `links`: which draft each positions file and submission refers to;
//! - `lineage`: which draft each draft follows (its earlier versions);
//!   `versions`: an element followed from one version to a later one;
//!   `correspondence`: the pairs of hand-written correspondence tables;
//! - `targets`: what each stakeholder position targets;
//! - `terms`: where defined terms are used;
//! - `subject`: what is under the cursor; `citations`: what cites an
//!   element; `names`: how elements are named;
//! - `text`: matching words in a draft, excerpts and sentences; `diff`:
//!   word-level differences between two texts of an element;
//! - `answers`: what more than one feature answers with (diagnostics, hovers).

pub mod answers;
pub mod citations;
pub mod correspondence;
pub mod diff;
pub mod instruments;
pub mod lineage;
pub mod links;
pub mod names;
pub mod resolve;
pub mod subject;
pub mod targets;
pub mod terms;
pub mod text;
pub mod versions;
pub mod workspace;

pub use answers::{Diagnostic, Hover, Related};
pub use resolve::{Resolution, Resolved};
pub use subject::Subject;
pub use targets::Entry;
pub use workspace::{
    apply_edits, stakeholder_key, ChangeLabel, DocId, FileKind, FilePosition, FileSpan,
    SourceChange, SourceFile, TextEdit, Workspace,
};
