//! What more than one feature answers with: diagnostics (of drafts and of
//! positions files) and hovers (an element's, and the positions on it).

use super::workspace::DocId;
use crate::syntax::{Severity, Span};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    /// The file the span is in, when not the diagnostic's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<DocId>,
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier: `dangling-reference`, `duplicate-number`, ...
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// This diagnostic of a text before `edit`, where it is after it;
    /// `None` when a span of it (or of what is related) overlaps the edit.
    pub(crate) fn moved(&self, edit: &crate::syntax::incremental::Edit) -> Option<Diagnostic> {
        let span = edit.moved_span(&self.span)?;
        let related = self
            .related
            .iter()
            .map(|r| {
                // a span in another file stays where it is
                let span = match r.file {
                    Some(_) => r.span.clone(),
                    None => edit.moved_span(&r.span)?,
                };
                Some(Related { span, ..r.clone() })
            })
            .collect::<Option<_>>()?;
        Some(Diagnostic {
            span,
            related,
            ..self.clone()
        })
    }

    /// A diagnostic with nothing related.
    pub fn new(severity: Severity, code: &'static str, message: String, span: Span) -> Self {
        Diagnostic {
            severity,
            code,
            message,
            span,
            related: vec![],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    /// What the hover is about (the reference piece, the term, the heading).
    pub span: Span,
}
