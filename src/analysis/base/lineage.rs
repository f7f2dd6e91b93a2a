//! The versions of one negotiating text: which draft each draft follows.
//! A draft says so in its front matter (`supersedes: A/AC.291/16`, by the
//! other's id, alias or title), or `treaty.toml` lists the versions in
//! order. Positions written against an earlier version are carried into
//! the later ones (`targets`).

use super::answers::Diagnostic;
use super::links::same_file;
use super::workspace::{DocId, Workspace};
use crate::syntax::Severity;
use std::collections::HashMap;

/// For each draft that names the one it follows: that draft, or why it
/// cannot be followed.
pub(super) type Lineage = HashMap<DocId, Result<DocId, Broken>>;

/// Why a draft's predecessor cannot be followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Broken {
    /// It names a draft that is not in the workspace.
    Missing(String),
    /// It names itself.
    Itself,
}

impl Workspace {
    pub(super) fn lineage(&self) -> &Lineage {
        self.derived.lineage.get_or_init(|| {
            let mut out = HashMap::new();
            for id in self.ids() {
                if let Some(step) = self
                    .declared_predecessor(id)
                    .or_else(|| self.listed_predecessor(id))
                {
                    out.insert(id, step);
                }
            }
            out
        })
    }

    /// What the front matter says the draft supersedes.
    fn declared_predecessor(&self, id: DocId) -> Option<Result<DocId, Broken>> {
        let (name, _) = self
            .file(id)
            .doc
            .front_matter
            .as_ref()?
            .supersedes
            .as_ref()?;
        if self.is_named(id, name) {
            return Some(Err(Broken::Itself));
        }
        let found = self.ids().find(|&d| d != id && self.is_named(d, name));
        Some(found.ok_or_else(|| Broken::Missing(name.clone())))
    }

    /// The version before this one in a list of `treaty.toml`.
    fn listed_predecessor(&self, id: DocId) -> Option<Result<DocId, Broken>> {
        let name = &self.file(id).name;
        for list in self.versions.iter() {
            let Some(i) = list.iter().position(|v| same_file(v, name)) else {
                continue;
            };
            let before = list.get(i.checked_sub(1)?)?;
            let found = self.ids().find(|&d| same_file(&self.file(d).name, before));
            return Some(found.ok_or_else(|| Broken::Missing(before.clone())));
        }
        None
    }

    /// The draft this one follows, when there is one in the workspace.
    pub(crate) fn predecessor(&self, draft: DocId) -> Option<DocId> {
        self.lineage().get(&draft)?.clone().ok()
    }

    /// The earlier versions of a draft, nearest first; a lineage that goes
    /// round stops where it would repeat itself.
    pub(crate) fn earlier_versions(&self, draft: DocId) -> Vec<DocId> {
        let mut out = Vec::new();
        let mut at = draft;
        while let Some(p) = self.predecessor(at) {
            if p == draft || out.contains(&p) {
                break;
            }
            out.push(p);
            at = p;
        }
        out
    }

    /// The drafts whose carried positions may change when file `id`
    /// changes: the later versions of a draft, of a positions file's draft,
    /// and of the older draft of a correspondence table (its newer one
    /// among them).
    pub fn carried_into(&self, id: DocId) -> Vec<DocId> {
        let origin = if self.file(id).is_draft() {
            Some(id)
        } else if let Some(Ok(d)) = self.draft_of(id) {
            Some(d)
        } else {
            self.table_versions(id).ok().map(|(old, _)| old)
        };
        let Some(origin) = origin else {
            return vec![];
        };
        self.ids()
            .filter(|&d| d != origin && self.earlier_versions(d).contains(&origin))
            .collect()
    }

    /// Whether following predecessors from `draft` comes back to it (a
    /// circle further back is its own drafts' to report).
    fn goes_round(&self, draft: DocId) -> bool {
        let earlier = self.earlier_versions(draft);
        earlier.last().and_then(|&d| self.predecessor(d)) == Some(draft)
    }

    /// `A/AC.291/22/Rev.1 ← A/AC.291/22 ← A/AC.291/16`, when the draft has
    /// earlier versions.
    pub fn lineage_label(&self, draft: DocId) -> Option<String> {
        let earlier = self.earlier_versions(draft);
        if earlier.is_empty() {
            return None;
        }
        let names: Vec<String> = std::iter::once(draft)
            .chain(earlier)
            .map(|d| self.draft_label(d))
            .collect();
        Some(names.join(" ← "))
    }

    /// What is wrong with a draft's place in its lineage: a predecessor
    /// that is not there, a draft that supersedes itself, a circle.
    pub(crate) fn lineage_diagnostics(&self, draft: DocId) -> Vec<Diagnostic> {
        let doc = &self.file(draft).doc;
        let span = doc
            .front_matter
            .as_ref()
            .and_then(|f| f.supersedes.as_ref())
            .map_or(0..0, |(_, s)| s.clone());
        let mut out = Vec::new();
        match self.lineage().get(&draft) {
            Some(Err(Broken::Missing(name))) => out.push(Diagnostic::new(
                Severity::Warning,
                "missing-predecessor",
                format!(
                    "the draft this one follows, `{name}`, is not in the workspace: positions written against it cannot be carried here (open it, or list it in treaty.toml)"
                ),
                span,
            )),
            Some(Err(Broken::Itself)) => out.push(Diagnostic::new(
                Severity::Error,
                "supersedes-itself",
                "a draft cannot supersede itself: name the draft this one follows".into(),
                span,
            )),
            _ if self.goes_round(draft) => out.push(Diagnostic::new(
                Severity::Error,
                "lineage-cycle",
                format!("the versions go round in a circle: {}", self.circle(draft)),
                span,
            )),
            _ => {}
        }
        out
    }

    /// `A supersedes B supersedes A`, the circle a draft's lineage makes.
    fn circle(&self, draft: DocId) -> String {
        let names: Vec<String> = std::iter::once(draft)
            .chain(self.earlier_versions(draft))
            .chain(std::iter::once(draft))
            .map(|d| self.draft_label(d))
            .collect();
        names.join(" supersedes ")
    }
}
