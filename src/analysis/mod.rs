//! Analysis: queries over parsed documents. Pure: no I/O, no LSP types.
//!
//! A [`Workspace`] holds every document the user has; reference resolution
//! and diagnostics work across them (a reference to `Article 22 of the
//! Budapest Convention` resolves into the Budapest file when it is open).
//!
//! Three layers, each importing only those before it:
//! - [`base`]: what every feature shares (files, the resolver, links
//!   between positions files and drafts, terms, text, the cursor's subject);
//! - the features, one module each, free functions over the base, never
//!   importing each other; [`stakes`] is the home of stakeholder positions;
//! - this facade: one method per query the server and the CLI ask, each a
//!   line that calls a feature. It is the list of what analysis offers.

pub mod base;
pub mod compare;
pub mod completion;
pub mod diagnostics;
pub mod document_links;
pub mod folding;
pub mod hover;
pub mod navigation;
pub mod rename;
pub mod selection;
pub mod semantic_tokens;
pub mod stakes;
pub mod symbols;

pub use crate::project::Role;
pub use base::links::join_relative;
pub use base::{
    apply_edits, Diagnostic, DocId, Entry, FileKind, FilePosition, FileSpan, Hover, Related,
    Resolution, Resolved, SourceChange, SourceFile, TextEdit, Workspace,
};

use crate::syntax::{NodeId, Span};

/// Navigation: definitions, references.
impl Workspace {
    pub fn definition(&self, pos: FilePosition) -> Vec<navigation::NavTarget> {
        navigation::definition(self, pos)
    }

    /// The text under the cursor a definition is reached from.
    pub fn definition_origin(&self, pos: FilePosition) -> Option<Span> {
        navigation::definition_origin(self, pos)
    }

    pub fn references(&self, pos: FilePosition, include_declaration: bool) -> Vec<FileSpan> {
        navigation::references(self, pos, include_declaration)
    }

    /// References into other files, as links to the elements they cite.
    pub fn document_links(&self, id: DocId) -> Vec<document_links::DocumentLink> {
        document_links::document_links(self, id)
    }
}

/// What the editor shows of a file: hovers, outline, folds, tokens.
impl Workspace {
    /// What is under the cursor, with the positions stakeholders take on
    /// it, as a list.
    pub fn hover(&self, pos: FilePosition) -> Option<Hover> {
        self.hover_with(pos, stakes::hover::Layout::List)
    }

    /// What is under the cursor, the positions set out as `layout` says.
    pub fn hover_with(&self, pos: FilePosition, layout: stakes::hover::Layout) -> Option<Hover> {
        match self.subject_at(pos) {
            Some(base::Subject::Declaration(node)) => {
                Some(self.declaration_hover(pos.doc, node, layout))
            }
            _ => hover::hover(self, pos)
                .or_else(|| stakes::hover::in_body(self, pos, layout, compare::in_body(self, pos))),
        }
    }

    /// On an element's heading: its name, then who says what about it
    /// (first: it is what a negotiator hovers for), where submissions
    /// mention it, what it was in the previous version, what it holds.
    fn declaration_hover(&self, doc: DocId, node: NodeId, layout: stakes::hover::Layout) -> Hover {
        let mut h = hover::declaration_title(self, doc, node);
        let sections = [
            stakes::hover::positions_markdown(self, doc, node, layout),
            stakes::hover::mentions_markdown(self, doc, node),
            compare::history_markdown(self, doc, node, true).filter(|_| node != NodeId::ROOT),
            Some(hover::declaration_details(self, doc, node)),
        ];
        for section in sections.into_iter().flatten() {
            h.markdown.push_str("\n\n");
            h.markdown.push_str(&section);
        }
        h
    }

    /// The whole outline, every subdivision in it.
    pub fn document_symbols(&self, id: DocId) -> Vec<symbols::Symbol> {
        symbols::document_symbols(self, id, symbols::OutlineDepth::Points)
    }

    /// The outline to `depth`.
    pub fn outline_to(&self, id: DocId, depth: symbols::OutlineDepth) -> Vec<symbols::Symbol> {
        symbols::document_symbols(self, id, depth)
    }

    pub fn workspace_symbols(&self, query: &str, limit: usize) -> Vec<(DocId, symbols::Symbol)> {
        symbols::workspace_symbols(self, query, limit)
    }

    pub fn folding_ranges(&self, id: DocId) -> Vec<folding::Fold> {
        folding::folding_ranges(self, id)
    }

    pub fn selection_ranges(&self, pos: FilePosition) -> Vec<Span> {
        selection::selection_ranges(self, pos)
    }

    pub fn semantic_tokens(&self, id: DocId, range: Option<Span>) -> Vec<semantic_tokens::Token> {
        semantic_tokens::semantic_tokens(self, id, range)
    }
}

/// Editing: completion and renumbering.
impl Workspace {
    pub fn completions(&self, pos: FilePosition) -> Vec<completion::CompletionItem> {
        completion::completions(self, pos)
    }

    pub fn prepare_rename(&self, pos: FilePosition) -> Result<rename::PrepareRename, String> {
        rename::prepare_rename(self, pos)
    }

    pub fn rename(&self, pos: FilePosition, new_number: &str) -> Result<SourceChange, String> {
        rename::rename(self, pos, new_number)
    }
}

/// Diagnostics.
impl Workspace {
    /// Every diagnostic of one file, in text order: a draft's, a positions
    /// file's; none for a submission (the stakeholder's text is theirs).
    pub fn diagnostics(&self, id: DocId) -> Vec<Diagnostic> {
        match self.file(id).kind {
            FileKind::Draft => diagnostics::diagnostics(self, id),
            FileKind::Positions { .. } => stakes::diagnostics::positions_diagnostics(self, id),
            FileKind::Submission => vec![],
            FileKind::Correspondence(_) => self.correspondence_diagnostics(id),
        }
    }

    /// Hints on the elements of a draft that stakeholders take positions on.
    pub fn contested_diagnostics(&self, draft: DocId) -> Vec<Diagnostic> {
        stakes::diagnostics::contested_diagnostics(self, draft)
    }

    pub fn positions_diagnostics(&self, id: DocId) -> Vec<Diagnostic> {
        stakes::diagnostics::positions_diagnostics(self, id)
    }
}

/// Stakeholder positions.
impl Workspace {
    /// The positions on an element and its parts, in draft order.
    pub fn positions_within(&self, draft: DocId, node: NodeId) -> Vec<&Entry> {
        stakes::index::positions_within(self, draft, node)
    }

    pub fn position_lenses(&self, draft: DocId) -> Vec<stakes::lenses::Lens> {
        stakes::lenses::position_lenses(self, draft)
    }

    /// Quick fixes at `offset` of a draft.
    pub fn amendments_at(&self, draft: DocId, offset: usize) -> Vec<stakes::quickfix::Amendment> {
        stakes::quickfix::amendments_at(self, draft, offset)
    }

    pub fn stakeholders(&self, draft: DocId) -> Vec<stakes::quickfix::StakeholderSummary> {
        stakes::quickfix::stakeholders(self, draft)
    }

    pub fn stakeholder_amendments(
        &self,
        draft: DocId,
        stakeholder: &str,
    ) -> stakes::quickfix::StakeholderAmendments {
        stakes::quickfix::stakeholder_amendments(self, draft, stakeholder)
    }
}

/// Versions: what an element was in the previous draft.
impl Workspace {
    /// The element at the cursor (or the whole draft) beside its text in
    /// the previous version, for a side-by-side diff.
    pub fn previous_version(
        &self,
        pos: FilePosition,
        whole: bool,
    ) -> Result<compare::Comparison, String> {
        compare::previous_version(self, pos, whole)
    }

    /// A positions file rewritten for draft `to`, a later version of its
    /// draft: targets renumbered, the original kept in each position.
    /// The compilation of proposals: the draft with every proposal inline.
    pub fn compile(&self, draft: DocId) -> stakes::compile::Compilation {
        stakes::compile::compile(self, draft)
    }

    /// The overview of a draft: the positions matrix and every position.
    pub fn report(&self, draft: DocId) -> stakes::report::Report {
        stakes::report::report(self, draft)
    }

    /// The positions a submission takes, drafted against `draft` (an id)
    /// or the latest draft.
    pub fn draft_positions(
        &self,
        submission: DocId,
        draft: Option<&str>,
    ) -> Result<stakes::extract::Drafted, String> {
        stakes::extract::draft_positions(self, submission, draft)
    }

    pub fn migrate(&self, file: DocId, to: DocId) -> Result<stakes::migrate::Migration, String> {
        stakes::migrate::migrate(self, file, to)
    }
}
