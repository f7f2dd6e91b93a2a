//! The workspace: every file the user works with, each parsed once, and
//! the values features answer with (positions, spans, edits).

use super::resolve;
use super::terms;
use crate::project::Role;
use crate::syntax::lines::{line_number, split_lines, Line};
use crate::syntax::{self, Document, Span};
use std::sync::{Arc, OnceLock};

/// A document's index in its workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct DocId(pub usize);

/// What a file of the workspace is.
#[derive(Debug)]
pub enum FileKind {
    /// A negotiating text (or any instrument): parsed for its structure.
    Draft,
    /// A `*.positions.toml` file. Its document holds no structure; its
    /// references are the positions' targets, with spans in the file, so
    /// definition, hover and find-references work on them as on a draft.
    Positions {
        file: Box<crate::positions::PositionsFile>,
        /// For each reference of the document, the position it targets for.
        owner: Vec<usize>,
    },
    /// A stakeholder's submission: prose whose references cite a draft.
    Submission,
    /// A correspondence table between two versions of a draft.
    Correspondence(Box<crate::positions::CorrespondenceFile>),
}

/// One parsed file.
#[derive(Debug)]
pub struct SourceFile {
    /// A path or URI, as the caller names the file.
    pub name: String,
    pub text: Arc<str>,
    pub kind: FileKind,
    pub doc: Document,
    /// Shared with the file's parse before an edit that left its outline
    /// as it was.
    pub index: Arc<resolve::Index>,
    /// Where defined terms are used, found on first use.
    terms: OnceLock<Vec<terms::Occurrence>>,
    /// Line starts and ends, as LSP counts lines, found on first use.
    lines: OnceLock<Vec<Line>>,
    /// The outline's fingerprint, found on first use.
    fingerprint: OnceLock<u64>,
    /// The numbering checks' diagnostics, found on first use
    /// (`analysis::diagnostics`), or carried over an edit that changed
    /// nothing they read.
    pub(crate) numbering: OnceLock<Vec<super::answers::Diagnostic>>,
    /// A file that was closed or deleted keeps its id but no content.
    pub removed: bool,
}

/// How a draft is parsed.
enum Parse<'a> {
    Whole,
    /// a long one on two threads ([`syntax::parse_in_parallel`])
    InParallel,
    /// from its parse before an edit
    After(&'a SourceFile),
}

impl SourceFile {
    /// A file, read as its name says ([`Role::of_named`]): a positions
    /// file (`*.positions.toml`), else a draft.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        let name = name.into();
        let role = Role::of_named(&name);
        SourceFile::with_role(name, text, role)
    }

    pub fn with_role(name: impl Into<String>, text: impl Into<Arc<str>>, role: Role) -> SourceFile {
        SourceFile::read(name, text, role, Parse::Whole)
    }

    /// The file `before` after an edit to `text`: a draft is read again
    /// from its parse before the edit ([`syntax::incremental`]), the same
    /// document a whole parse gives; any other file is read afresh.
    pub fn edited(before: &SourceFile, text: impl Into<Arc<str>>, role: Role) -> SourceFile {
        let how = if before.is_draft() {
            Parse::After(before)
        } else {
            Parse::InParallel
        };
        SourceFile::read(before.name.clone(), text, role, how)
    }

    /// [`SourceFile::with_role`], a long draft parsed on two threads
    /// ([`syntax::parse_in_parallel`]).
    pub fn with_role_in_parallel(
        name: impl Into<String>,
        text: impl Into<Arc<str>>,
        role: Role,
    ) -> SourceFile {
        SourceFile::read(name, text, role, Parse::InParallel)
    }

    /// [`SourceFile::with_role`], a draft parsed as `how` says.
    fn read(
        name: impl Into<String>,
        text: impl Into<Arc<str>>,
        role: Role,
        how: Parse,
    ) -> SourceFile {
        let text: Arc<str> = text.into();
        let mut before = None;
        let (kind, mut doc) = match role {
            Role::Draft => (
                FileKind::Draft,
                match how {
                    Parse::Whole => syntax::parse(&text),
                    Parse::InParallel => syntax::parse_in_parallel(&text),
                    Parse::After(old) => {
                        let (doc, edit) = syntax::incremental::reparsed(&old.text, &old.doc, &text);
                        before = Some((old, edit));
                        doc
                    }
                },
            ),
            Role::Submission => (FileKind::Submission, syntax::parse_prose(&text)),
            Role::Positions => super::targets::read_file(&text),
            Role::Correspondence => {
                let table = crate::positions::read_correspondence(&text);
                let mut doc = syntax::parse_prose("");
                doc.nodes[0].span = 0..text.len();
                (FileKind::Correspondence(Box::new(table)), doc)
            }
        };
        doc.shrink_to_fit();
        let mut file = SourceFile {
            name: name.into(),
            text,
            kind,
            index: Arc::default(),
            doc,
            terms: OnceLock::new(),
            lines: OnceLock::new(),
            fingerprint: OnceLock::new(),
            numbering: OnceLock::new(),
            removed: false,
        };
        // the line table is split again only around the edit
        if let Some((old, edit)) = &before {
            if let Some(old_lines) = old.lines.get() {
                let lines = syntax::lines::split_after_edit(old_lines, &file.text, edit);
                let _ = file.lines.set(lines);
            }
        }
        match before {
            Some((old, edit)) if syntax::incremental::outline_unchanged(&old.doc, &file.doc) => {
                file.carry_outline(old, &edit)
            }
            _ => file.index = Arc::new(resolve::Index::new(&file.doc)),
        }
        file
    }

    /// Takes over from the file's parse before `edit` what depends on the
    /// outline alone, which the edit left as it was: the lookup tables,
    /// the fingerprint, and the numbering checks unless the edit touched
    /// a line they read or an amendment.
    fn carry_outline(&mut self, old: &SourceFile, edit: &syntax::incremental::Edit) {
        self.index = old.index.clone();
        if let Some(&f) = old.fingerprint.get() {
            let _ = self.fingerprint.set(f);
        }
        let carried = old
            .numbering
            .get()
            .filter(|_| numbering_unaffected(old, self, edit))
            .and_then(|diags| diags.iter().map(|d| d.moved(edit)).collect());
        if let Some(diags) = carried {
            let _ = self.numbering.set(diags);
        }
    }

    pub fn is_draft(&self) -> bool {
        matches!(self.kind, FileKind::Draft)
    }

    /// The positions, when this is a positions file.
    pub fn positions(&self) -> Option<&crate::positions::PositionsFile> {
        match &self.kind {
            FileKind::Positions { file, .. } => Some(file),
            _ => None,
        }
    }

    /// The lines of the text (LF, CRLF and CR end a line).
    pub fn line_table(&self) -> &[Line] {
        self.lines.get_or_init(|| split_lines(&self.text))
    }

    /// The 1-based number of the line holding `offset`, as LSP counts
    /// lines (a lone CR ends one too).
    pub fn line_number(&self, offset: usize) -> usize {
        line_number(self.line_table(), offset)
    }

    /// A fingerprint of what references from other files into this one
    /// depend on: its names (title, front matter, instrument headings) and
    /// its elements' kinds, numbers, headings and places. While it stays
    /// the same, no reference from elsewhere resolves differently: an edit
    /// inside a paragraph leaves it unchanged.
    pub fn outline_fingerprint(&self) -> u64 {
        *self.fingerprint.get_or_init(|| self.fingerprint_now())
    }

    fn fingerprint_now(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.removed.hash(&mut h);
        self.doc.title.hash(&mut h);
        if let Some(fm) = &self.doc.front_matter {
            let supersedes = fm.supersedes.as_ref().map(|(s, _)| s);
            (&fm.id, &fm.title, &fm.aliases, supersedes).hash(&mut h);
        }
        for n in &self.doc.nodes {
            (n.kind, &n.key, &n.label, n.parent, &n.heading).hash(&mut h);
        }
        h.finish()
    }

    /// Uses of this file's defined terms (and their definitions).
    pub fn term_occurrences(&self) -> &[terms::Occurrence] {
        self.terms
            .get_or_init(|| terms::occurrences(&self.text, &self.doc))
    }
}

/// Whether the numbering checks of `new`, whose outline is `old`'s, read
/// what they read in `old`: the same amendments (moved by the edit), and
/// around the edit, before it and after it, nothing that may open a run of
/// provisions numbered on their own ([`syntax::alternatives::may_open_run`]),
/// read from each line's start and from where an element starts inside
/// one after a heading's `#`s (and no element starting after other text).
fn numbering_unaffected(
    old: &SourceFile,
    new: &SourceFile,
    edit: &syntax::incremental::Edit,
) -> bool {
    let (a, b) = (&old.doc.amendments, &new.doc.amendments);
    let same_amendments = a.len() == b.len()
        && a.iter().zip(b).all(|(o, n)| {
            edit.same_offset(o.span.start, n.span.start) && edit.same_offset(o.span.end, n.span.end)
        });
    let quiet = |file: &SourceFile, end: usize| {
        let text = &file.text;
        let around = syntax::lines::lines_around(text, edit.start..end);
        let runs = syntax::alternatives::may_open_run;
        // an element starting inside a line: the checks read the line from
        // there too (after a Markdown heading's `#`s, the heading's text),
        // and after other text, more than whole lines show
        let elements_fine = file.doc.nodes.iter().all(|n| {
            let at = n.span.start;
            if !around.contains(&at) {
                return true;
            }
            let before = &text[syntax::lines::line_start(text, at)..at];
            before.is_empty()
                || (before.bytes().all(|b| matches!(b, b' ' | b'\t' | b'#'))
                    && !runs(&text[at..syntax::lines::line_end(text, at)]))
        });
        elements_fine && !runs(&text[around])
    };
    same_amendments && quiet(old, edit.old_end) && quiet(new, edit.new_end)
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
    /// What the change is, for an editor that shows it before making it.
    pub label: Option<ChangeLabel>,
}

/// What a change is, as an editor's preview names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeLabel {
    /// `Microsoft’s amendment to Article 5(1)`.
    pub label: String,
    /// The change in full: the words deleted and inserted.
    pub description: String,
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
    /// The versions of each negotiating text, oldest first, by file name
    /// (from `treaty.toml`, for drafts whose front matter does not say
    /// what they supersede).
    pub(super) versions: Arc<Vec<Vec<String>>>,
    /// Alignments of versions, kept across states of the workspace.
    pub(super) alignments: Arc<super::versions::AlignmentCache>,
    /// Words that changes propose to delete, seen in their element while
    /// this workspace lives: gone later, the deletion was made.
    seen: Arc<std::sync::Mutex<std::collections::HashSet<SeenWords>>>,
    /// What is worked out from all the files together (which draft each
    /// positions file means, what each position targets), on first use.
    pub(super) derived: Arc<Derived>,
    /// Only these stakeholders' positions show in a draft (hover, lenses,
    /// hints, quick fixes), as [`stakeholder_key`]s; empty: everyone's.
    stakeholder_filter: Arc<Vec<String>>,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Adds a file, or replaces the one with this name; returns its id. A
    /// `*.positions.toml` file is read as positions, anything else as a draft.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> DocId {
        let name = name.into();
        let file = SourceFile::new(name.clone(), text);
        self.insert(file)
    }

    /// Adds a file read in the given role.
    pub fn add_as(
        &mut self,
        name: impl Into<String>,
        text: impl Into<Arc<str>>,
        role: Role,
    ) -> DocId {
        self.insert(SourceFile::with_role(name, text, role))
    }

    pub fn set_aliases(&mut self, aliases: std::collections::HashMap<String, Vec<String>>) {
        self.aliases = Arc::new(aliases);
        self.derived = Arc::default();
    }

    /// The versions of each negotiating text, oldest first (file names).
    pub fn set_versions(&mut self, versions: Vec<Vec<String>>) {
        self.versions = Arc::new(versions);
        self.derived = Arc::default();
    }

    /// Shows only these stakeholders' positions in drafts (empty: all).
    /// Positions files keep all their diagnostics.
    pub fn set_stakeholder_filter(&mut self, names: &[String]) {
        let names = names
            .iter()
            .map(|n| stakeholder_key(n))
            .filter(|n| !n.is_empty())
            .collect();
        self.stakeholder_filter = Arc::new(names);
    }

    /// Notes that `words` (which a change in positions file `file`
    /// proposes to delete) stand in draft `draft`, or asks whether they
    /// were seen there before.
    pub(crate) fn words_seen(
        &self,
        file: DocId,
        (draft, node): (DocId, crate::syntax::NodeId),
        words: &str,
        now: bool,
    ) -> bool {
        // the element by its name: a node's id moves when one is inserted
        let f = self.file(draft);
        let key = (
            self.file(file).name.clone(),
            f.name.clone(),
            f.doc.display_name(node),
            words.to_string(),
        );
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if now {
            seen.insert(key);
            true
        } else {
            seen.contains(&key)
        }
    }

    /// Whether the stakeholder filter lets this stakeholder's positions show.
    pub(crate) fn shows_stakeholder(&self, name: &str) -> bool {
        self.stakeholder_filter.is_empty()
            || self.stakeholder_filter.contains(&stakeholder_key(name))
    }

    /// Works out now what the files derive together in this state (links
    /// between files, the drafts' lineage, what each position targets, who
    /// cites what), so that later answers find it made: a server makes
    /// it in its pool, and answers where requests arrive only once it is
    /// ([`Workspace::is_prepared`]).
    pub fn prepare(&self) {
        let _ = self.links();
        let _ = self.lineage();
        let _ = self.entries_of(DocId(0), 0);
        let _ = self.target_nodes();
        // each draft aligned with the version before it (the history in
        // hovers, positions carried)
        for id in self.all_ids() {
            if let Some(before) = self.predecessor(id) {
                let _ = self.alignment(before, id);
            }
        }
    }

    /// Whether [`Workspace::prepare`] has nothing left to do.
    pub fn is_prepared(&self) -> bool {
        let d = &self.derived;
        d.links.get().is_some()
            && d.lineage.get().is_some()
            && d.targets.get().is_some()
            && d.entries_by_position.get().is_some()
            && d.target_nodes.get().is_some()
            && self
                .all_ids()
                .all(|id| self.predecessor(id).is_none_or(|b| self.aligned(b, id)))
    }

    /// Adds a file read elsewhere (or replaces the one of its name).
    pub fn put(&mut self, file: SourceFile) -> DocId {
        self.insert(file)
    }

    fn insert(&mut self, file: SourceFile) -> DocId {
        self.derived = Arc::default();
        let name = file.name.clone();
        let file = Arc::new(file);
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
            self.derived = Arc::default();
            let mut empty = SourceFile::new(name, "");
            empty.removed = true;
            self.files[id.0] = Arc::new(empty);
        }
    }

    pub(crate) fn aliases_of(&self, id: DocId) -> &[String] {
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

    /// The ids of the drafts present (not removed).
    pub fn ids(&self) -> impl Iterator<Item = DocId> + '_ {
        (0..self.files.len())
            .filter(|&i| !self.files[i].removed && self.files[i].is_draft())
            .map(DocId)
    }

    /// The ids of every file present: drafts, positions files, submissions.
    pub fn all_ids(&self) -> impl Iterator<Item = DocId> + '_ {
        (0..self.files.len())
            .filter(|&i| !self.files[i].removed)
            .map(DocId)
    }
}

/// What is worked out from all files together, once per workspace state
/// (any change starts a new one): which draft each positions file and
/// submission refers to, and what each position targets.
#[derive(Debug, Default)]
pub(super) struct Derived {
    pub(super) links: OnceLock<super::links::Links>,
    pub(super) lineage: OnceLock<super::lineage::Lineage>,
    pub(super) targets: OnceLock<Vec<super::targets::Entry>>,
    /// For each (positions file, position), the indices of its entries in
    /// `targets`: one pass, so that asking every position is linear.
    pub(super) entries_by_position: OnceLock<std::collections::HashMap<(DocId, usize), Vec<usize>>>,
    /// Instruments looked up by name from a document: a text of many
    /// instruments cites them by the same few names thousands of times.
    pub(super) instruments_named: std::sync::Mutex<InstrumentLookups>,
    /// Where every reference's targets lead (`citations`).
    pub(super) target_nodes: OnceLock<super::citations::TargetNodes>,
    /// The alignments of consecutive versions this state has looked up.
    pub(super) steps:
        std::sync::Mutex<std::collections::HashMap<(DocId, DocId), Arc<crate::align::Alignment>>>,
}

pub(super) type InstrumentLookups =
    std::collections::HashMap<(DocId, String), Arc<super::resolve::InstrumentLookup>>;

/// Words seen in an element: (positions file, draft, element, words).
type SeenWords = (String, String, String, String);

/// A stakeholder's name as compared: `Microsoft`, ` microsoft ` are one.
pub fn stakeholder_key(name: &str) -> String {
    name.trim().to_lowercase()
}
