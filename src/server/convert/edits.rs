//! Edits the server proposes: workspace edits (versioned when the client
//! takes document changes), quick fixes as code actions or commands, and
//! the code lenses that list positions.

use super::{uri, Conv};
use crate::analysis::stakes::lenses::Lens;
use crate::analysis::stakes::quickfix::Amendment;
use crate::analysis::{self, DocId, SourceChange};
use crate::server::capabilities::{APPLY_EDIT, CANNOT_APPLY};
use std::collections::HashMap;

/// The one annotation of a change the server proposes.
const ANNOTATION_ID: &str = "treaty-lsp.change";
use tower_lsp_server::ls_types::*;

impl Conv<'_> {
    /// A workspace edit, versioned when the client takes document changes;
    /// its edits annotated with what the change is when the client takes
    /// annotations (VS Code then names it in its preview).
    pub fn workspace_edit(&self, change: &SourceChange) -> WorkspaceEdit {
        if self.caps.document_changes {
            let label = change
                .label
                .as_ref()
                .filter(|_| self.caps.change_annotations);
            let edits = change
                .edits
                .iter()
                .filter_map(|(doc, edits)| {
                    let u = uri(self.ws(), *doc)?;
                    let version = self.snap.versions.get(u.as_str()).copied();
                    Some(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier { uri: u, version },
                        edits: self
                            .text_edits(*doc, edits)
                            .into_iter()
                            .map(|e| match label {
                                Some(_) => OneOf::Right(AnnotatedTextEdit {
                                    text_edit: e,
                                    annotation_id: ANNOTATION_ID.into(),
                                }),
                                None => OneOf::Left(e),
                            })
                            .collect(),
                    })
                })
                .collect();
            let annotations = label.map(|l| {
                let annotation = ChangeAnnotation {
                    label: l.label.clone(),
                    // VS Code would open its preview with every edit
                    // unticked: the user asked for the fix; the preview is
                    // there on request (Ctrl+Enter in the quick-fix menu)
                    needs_confirmation: Some(false),
                    description: Some(l.description.clone()),
                };
                HashMap::from([(ANNOTATION_ID.to_string(), annotation)])
            });
            return WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(edits)),
                change_annotations: annotations,
                ..Default::default()
            };
        }
        let mut changes = HashMap::new();
        for (doc, edits) in &change.edits {
            if let Some(u) = uri(self.ws(), *doc) {
                changes.insert(u, self.text_edits(*doc, edits));
            }
        }
        WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }
    }

    fn text_edits(&self, doc: DocId, edits: &[analysis::TextEdit]) -> Vec<TextEdit> {
        let map = self.map(doc);
        edits
            .iter()
            .map(|e| TextEdit {
                range: map.range(&e.span),
                new_text: e.new_text.clone(),
            })
            .collect()
    }

    /// Quick fixes as the client takes them: code actions (disabled ones
    /// with their reason, or the reason in the title), or commands the
    /// server runs for a client without code action literals.
    pub fn quick_fixes(&self, fixes: Vec<Amendment>) -> Vec<CodeActionOrCommand> {
        fixes
            .into_iter()
            .map(|a| {
                if self.caps.code_action_literals {
                    CodeActionOrCommand::CodeAction(self.code_action(a))
                } else {
                    CodeActionOrCommand::Command(self.fix_command(a))
                }
            })
            .collect()
    }

    fn code_action(&self, a: Amendment) -> CodeAction {
        match a.disabled {
            Some(reason) if self.caps.disabled_actions => CodeAction {
                title: a.title,
                kind: Some(CodeActionKind::QUICKFIX),
                disabled: Some(CodeActionDisabled { reason }),
                ..Default::default()
            },
            // a client that cannot show a disabled action still sees why
            Some(reason) => CodeAction {
                title: format!("{} (cannot apply: {})", a.title, reason),
                kind: Some(CodeActionKind::QUICKFIX),
                ..Default::default()
            },
            None => CodeAction {
                edit: Some(self.workspace_edit(&a.change)),
                title: a.title,
                kind: Some(CodeActionKind::QUICKFIX),
                is_preferred: a.preferred.then_some(true),
                ..Default::default()
            },
        }
    }

    /// A command the server runs: the edit, or why there is none.
    fn fix_command(&self, a: Amendment) -> Command {
        match a.disabled {
            None => Command {
                arguments: Some(vec![serde_json::json!(self.workspace_edit(&a.change))]),
                title: a.title,
                command: APPLY_EDIT.into(),
            },
            Some(reason) => Command {
                title: format!("{} (cannot apply: {})", a.title, reason),
                command: CANNOT_APPLY.into(),
                arguments: Some(vec![serde_json::json!(reason)]),
            },
        }
    }

    /// Lenses that run the editor's `treaty.showPositions` with the places
    /// of the positions.
    pub fn code_lenses(&self, doc: DocId, uri: &Uri, lenses: Vec<Lens>) -> Vec<CodeLens> {
        lenses
            .into_iter()
            .map(|l| {
                let range = self.range(doc, &l.span);
                let locations = self.locations(&l.positions);
                CodeLens {
                    range,
                    command: Some(Command {
                        title: l.title,
                        command: "treaty.showPositions".into(),
                        arguments: Some(vec![
                            serde_json::json!(uri.as_str()),
                            serde_json::json!(range.start),
                            serde_json::json!(locations),
                        ]),
                    }),
                    data: None,
                }
            })
            .collect()
    }
}
