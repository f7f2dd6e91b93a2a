//! The requests answered from a snapshot alone, each as one function from
//! a snapshot to its answer: the reader thread calls it when the snapshot
//! is current (`direct`), the pool's handler after making the snapshot
//! (`backend`). Both time it, so that a request that was slow last time
//! on a document goes to the pool the next time.

use super::backend::Backend;
use super::convert;
use super::state::Snapshot;
use crate::analysis::{DocId, FilePosition};
use serde::{de::DeserializeOwned, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::*;

/// A request answered from a snapshot alone.
pub(super) trait SnapshotRequest: DeserializeOwned {
    const METHOD: &'static str;
    /// Whether the answer edits files: then every file must be current
    /// (its offsets must be the texts'), not only the document's.
    const EVERYWHERE: bool = false;
    type Answer: Serialize;
    /// The document the request is about.
    fn document(&self) -> &TextDocumentIdentifier;
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer;
}

/// Above this, a request's last answer on a document was slow: the next
/// one goes to the pool, so the reader never waits behind it.
pub(super) const DIRECT_BUDGET: Duration = Duration::from_millis(1);

/// How long each kind of request last took on each document (the answer,
/// not the wait for a snapshot), and in which workspace (its generation).
#[derive(Default)]
pub(super) struct Costs(Mutex<HashMap<CostKey, (Duration, u64)>>);

/// A request's method and the document it is about.
type CostKey = (&'static str, String);

impl Costs {
    /// Runs `f`, and records its time for `method` on `uri` in workspace
    /// `generation`.
    pub(super) fn timed<R>(
        &self,
        method: &'static str,
        uri: &str,
        generation: u64,
        f: impl FnOnce() -> R,
    ) -> R {
        let start = Instant::now();
        let r = f();
        let cost = (start.elapsed(), generation);
        let mut costs = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match costs.get_mut(&(method, uri.to_string())) {
            Some(c) => *c = cost,
            None => {
                costs.insert((method, uri.to_string()), cost);
            }
        }
        r
    }

    /// Whether `method` on `uri` answered within the budget last time, in
    /// workspace `generation`. Never asked, or asked of another workspace:
    /// not known to, so no. (A new workspace rebuilds what its files derive,
    /// positions and alignments, on first use: the first request after a
    /// change pays for it, in the pool.)
    pub(super) fn cheap(&self, method: &'static str, uri: &str, generation: u64) -> bool {
        let costs = self.0.lock().unwrap_or_else(|e| e.into_inner());
        costs
            .get(&(method, uri.to_string()))
            .is_some_and(|&(c, g)| c <= DIRECT_BUDGET && g == generation)
    }

    /// Forgets a document (closed).
    pub(super) fn forget(&self, uri: &str) {
        let mut costs = self.0.lock().unwrap_or_else(|e| e.into_inner());
        costs.retain(|(_, u), _| u != uri);
    }
}

impl Backend {
    /// The answer to `p` from a snapshot made for it (on a blocking thread
    /// when a file it needs is left to parse).
    pub(super) async fn answer<P: SnapshotRequest>(&self, p: &P) -> P::Answer {
        let uri = p.document().uri.as_str();
        let snap = self.snapshot_of((!P::EVERYWHERE).then_some(uri)).await;
        let costs = self.costs();
        let answer = costs.timed(P::METHOD, uri, snap.generation, || p.answer(self, &snap));
        // what the reader will need, made here and not there; after the
        // answer, on a blocking thread, so that the answer does not wait
        if !snap.ws.is_prepared() {
            let ws = snap.ws.clone();
            drop(tokio::task::spawn_blocking(move || ws.prepare()));
        }
        answer
    }

    /// The answer to `p` as JSON text now, when a current snapshot needs no
    /// parse and the request was quick on this document in this workspace
    /// last time; else `None`. Timed with its JSON, which is made here too.
    pub(super) fn answer_now<P: SnapshotRequest>(&self, p: &P) -> Option<String> {
        let uri = p.document().uri.as_str();
        let snap = self.state().snapshot_now((!P::EVERYWHERE).then_some(uri))?;
        // nothing the files derive together is made here (see `prepare`)
        if !snap.ws.is_prepared() || !self.costs().cheap(P::METHOD, uri, snap.generation) {
            return None;
        }
        let answer = || serde_json::to_string(&p.answer(self, &snap)).ok();
        self.costs().timed(P::METHOD, uri, snap.generation, answer)
    }

    /// The document a request is about in `snap`, if it is known.
    pub(super) fn doc_in(&self, snap: &Snapshot, doc: &TextDocumentIdentifier) -> Option<DocId> {
        snap.ws.find(doc.uri.as_str())
    }

    /// The place a request is about in `snap`, if the document is known.
    pub(super) fn at_in(
        &self,
        snap: &Snapshot,
        doc: &TextDocumentIdentifier,
        at: Position,
    ) -> Option<FilePosition> {
        let id = snap.ws.find(doc.uri.as_str())?;
        let offset = convert::offset(&snap.ws, id, self.enc(), at);
        Some(FilePosition { doc: id, offset })
    }

    /// [`Backend::at_in`] for a document and a position.
    fn place_in(&self, snap: &Snapshot, p: &TextDocumentPositionParams) -> Option<FilePosition> {
        self.at_in(snap, &p.text_document, p.position)
    }
}

impl SnapshotRequest for HoverParams {
    const METHOD: &'static str = "textDocument/hover";
    type Answer = Option<Hover>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document_position_params.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let pos = b.place_in(snap, &self.text_document_position_params)?;
        let caps = b.caps();
        let layout = b
            .settings()
            .hover_layout(caps.markdown_hover && caps.markdown_tables);
        let hover = snap.ws.hover_with(pos, layout)?;
        Some(b.conv(snap, |c| c.hover(pos.doc, hover)))
    }
}

impl SnapshotRequest for GotoDefinitionParams {
    const METHOD: &'static str = "textDocument/definition";
    type Answer = Option<GotoDefinitionResponse>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document_position_params.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let pos = b.place_in(snap, &self.text_document_position_params)?;
        let targets = snap.ws.definition(pos);
        if targets.is_empty() {
            return None;
        }
        let origin = snap.ws.definition_origin(pos);
        Some(b.conv(snap, |c| c.definition(pos.doc, &targets, origin)))
    }
}

impl SnapshotRequest for ReferenceParams {
    const METHOD: &'static str = "textDocument/references";
    type Answer = Option<Vec<Location>>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document_position.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let pos = b.place_in(snap, &self.text_document_position)?;
        let refs = snap.ws.references(pos, self.context.include_declaration);
        Some(b.conv(snap, |c| c.locations(&refs)))
    }
}

impl SnapshotRequest for FoldingRangeParams {
    const METHOD: &'static str = "textDocument/foldingRange";
    type Answer = Option<Vec<FoldingRange>>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let id = b.doc_in(snap, &self.text_document)?;
        let folds = snap.ws.folding_ranges(id);
        Some(b.conv(snap, |c| c.folds(id, &folds)))
    }
}

impl SnapshotRequest for SelectionRangeParams {
    const METHOD: &'static str = "textDocument/selectionRange";
    type Answer = Option<Vec<SelectionRange>>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let id = b.doc_in(snap, &self.text_document)?;
        Some(b.conv(snap, |c| {
            let at = |position| {
                let offset = convert::offset(&snap.ws, id, c.enc, position);
                let spans = snap.ws.selection_ranges(FilePosition { doc: id, offset });
                c.selection(id, position, &spans)
            };
            self.positions
                .iter()
                .map(|&position| at(position))
                .collect()
        }))
    }
}

impl SnapshotRequest for SemanticTokensParams {
    const METHOD: &'static str = "textDocument/semanticTokens/full";
    type Answer = Option<SemanticTokensResult>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let id = b.doc_in(snap, &self.text_document)?;
        let tokens = snap.ws.semantic_tokens(id, None);
        let data = b.conv(snap, |c| c.semantic_tokens(id, &tokens));
        Some(SemanticTokensResult::Tokens(data))
    }
}

impl SnapshotRequest for SemanticTokensRangeParams {
    const METHOD: &'static str = "textDocument/semanticTokens/range";
    type Answer = Option<SemanticTokensRangeResult>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let id = b.doc_in(snap, &self.text_document)?;
        let data = b.conv(snap, |c| {
            let span = c.span(id, self.range);
            c.semantic_tokens(id, &snap.ws.semantic_tokens(id, Some(span)))
        });
        Some(SemanticTokensRangeResult::Tokens(data))
    }
}

impl SnapshotRequest for CodeLensParams {
    const METHOD: &'static str = "textDocument/codeLens";
    type Answer = Option<Vec<CodeLens>>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let doc = b.doc_in(snap, &self.text_document);
        let Some(doc) = doc.filter(|d| snap.ws.file(*d).is_draft() && b.settings().code_lens())
        else {
            return Some(vec![]);
        };
        let lenses = snap.ws.position_lenses(doc);
        let uri = &self.text_document.uri;
        Some(b.conv(snap, |c| c.code_lenses(doc, uri, lenses)))
    }
}

impl SnapshotRequest for CodeActionParams {
    const METHOD: &'static str = "textDocument/codeAction";
    // a quick fix edits files
    const EVERYWHERE: bool = true;
    type Answer = Option<CodeActionResponse>;
    fn document(&self) -> &TextDocumentIdentifier {
        &self.text_document
    }
    fn answer(&self, b: &Backend, snap: &Snapshot) -> Self::Answer {
        let wants_quickfix = self.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
        });
        let found = b.at_in(snap, &self.text_document, self.range.start);
        let Some(pos) = found.filter(|_| wants_quickfix) else {
            return Some(vec![]);
        };
        let fixes = snap.ws.amendments_at(pos.doc, pos.offset);
        Some(b.conv(snap, |c| c.quick_fixes(fixes)))
    }
}
