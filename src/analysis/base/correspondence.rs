//! Correspondence tables (`*.correspondence.toml`): pairs of elements of
//! two versions of a draft, written by hand, that override the aligner.
//! Here they are resolved against the drafts they name; what cannot be
//! resolved is a diagnostic in the table, and is left out of alignment.

use super::answers::Diagnostic;
use super::links::{join_relative, same_file};
use super::resolve::walk;
use super::workspace::{DocId, FileKind, Workspace};
use crate::positions::{At, CorrespondenceFile};
use crate::syntax::{self, NodeId, Severity};

/// A table resolved: its two drafts, and its pairs in their elements.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    pub versions: Option<(DocId, DocId)>,
    pub pairs: Vec<(NodeId, Vec<NodeId>)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    fn table(&self, id: DocId) -> Option<&CorrespondenceFile> {
        match &self.file(id).kind {
            FileKind::Correspondence(t) => Some(t),
            _ => None,
        }
    }

    /// The pairs the tables give for `old` and `new`, in their elements.
    pub(crate) fn given_pairs(&self, old: DocId, new: DocId) -> Vec<(NodeId, Vec<NodeId>)> {
        let mut out: Vec<(NodeId, Vec<NodeId>)> = Vec::new();
        for id in self.all_ids() {
            let r = self.resolve_table(id);
            if r.versions == Some((old, new)) {
                for (o, ns) in r.pairs {
                    if !out.iter().any(|(x, _)| *x == o) {
                        out.push((o, ns));
                    }
                }
            }
        }
        out
    }

    /// A fingerprint of the tables between `old` and `new`: an alignment
    /// is made again when one changes.
    pub(crate) fn tables_fingerprint(&self, old: DocId, new: DocId) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for id in self.all_ids().filter(|&id| self.table(id).is_some()) {
            if self.table_versions(id).ok() == Some((old, new)) {
                self.file(id).text.hash(&mut h);
            }
        }
        h.finish()
    }

    /// The drafts a table names, or why they cannot be found.
    pub(super) fn table_versions(&self, id: DocId) -> Result<(DocId, DocId), Vec<Diagnostic>> {
        let Some(t) = self.table(id) else {
            return Err(vec![]);
        };
        let (Some(old), Some(new)) = (&t.old, &t.new) else {
            return Err(vec![]); // the reader said so
        };
        match (self.version_named(id, old), self.version_named(id, new)) {
            (Ok(o), Ok(n)) => Ok((o, n)),
            (o, n) => Err([o.err(), n.err()].into_iter().flatten().collect()),
        }
    }

    /// The draft a table names: by id, alias or title, or by a file name
    /// relative to the table.
    fn version_named(&self, table: DocId, name: &At<String>) -> Result<DocId, Diagnostic> {
        let path = join_relative(&self.file(table).name, &name.value);
        self.ids()
            .find(|&d| self.is_named(d, &name.value) || same_file(&self.file(d).name, &path))
            .ok_or_else(|| {
                Diagnostic::new(
                    Severity::Warning,
                    "unknown-draft",
                    format!(
                        "no draft named `{}` in the workspace: the table is not used until it is open",
                        name.value
                    ),
                    name.span.clone(),
                )
            })
    }

    /// A table resolved against its drafts.
    pub(crate) fn resolve_table(&self, id: DocId) -> Resolved {
        let mut out = Resolved::default();
        let Some(t) = self.table(id) else {
            return out;
        };
        let (old, new) = match self.table_versions(id) {
            Ok(v) => v,
            Err(d) => {
                out.diagnostics = d;
                return out;
            }
        };
        out.versions = Some((old, new));
        if old == new {
            out.diagnostics.push(Diagnostic::new(
                Severity::Error,
                "same-version",
                "`old` and `new` name the same draft".into(),
                t.new.as_ref().map_or(0..0, |n| n.span.clone()),
            ));
            out.versions = None;
            return out;
        }
        for pair in &t.pairs {
            let o = self.element_in(old, &pair.old, &mut out.diagnostics);
            let ns: Vec<Option<NodeId>> = pair
                .new
                .iter()
                .map(|n| self.element_in(new, n, &mut out.diagnostics))
                .collect();
            if let (Some(o), Some(ns)) = (o, ns.into_iter().collect::<Option<Vec<_>>>()) {
                out.pairs.push((o, ns));
            }
        }
        out
    }

    /// The element a table names in `draft`; a diagnostic when there is
    /// none, or more than one.
    fn element_in(
        &self,
        draft: DocId,
        name: &At<String>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<NodeId> {
        match element_named(self, draft, &name.value) {
            Ok(n) => Some(n),
            Err(why) => {
                out.push(Diagnostic::new(
                    Severity::Error,
                    "unknown-element",
                    format!("not in {}: {}", self.draft_label(draft), why),
                    name.span.clone(),
                ));
                None
            }
        }
    }

    /// Where a migrated position was first written, when that draft is in
    /// the workspace: its element there.
    pub(crate) fn original_element(&self, e: &super::Entry) -> Option<(DocId, NodeId)> {
        let (_, p) = self.position(e)?;
        let o = p.original.as_ref()?;
        let draft = self.ids().find(|&d| self.is_named(d, &o.draft.value))?;
        Some((draft, element_named(self, draft, &o.target.value).ok()?))
    }

    /// The one element `name` stands for in `draft` (see `element_named`).
    pub(crate) fn element_named(&self, draft: DocId, name: &str) -> Result<NodeId, String> {
        element_named(self, draft, name)
    }

    /// What is wrong in a table: what the reader found, drafts not open,
    /// elements that are not in their draft.
    pub(crate) fn correspondence_diagnostics(&self, id: DocId) -> Vec<Diagnostic> {
        let Some(t) = self.table(id) else {
            return vec![];
        };
        let mut out: Vec<Diagnostic> = t
            .problems
            .iter()
            .map(|p| Diagnostic::new(p.severity, p.code, p.message.clone(), p.span.clone()))
            .collect();
        out.extend(self.resolve_table(id).diagnostics);
        out.sort_by_key(|d| (d.span.start, d.span.end));
        out
    }
}

/// The one element `name` (`Article 42`, `Article 40, paragraph 2`,
/// `Annex II`) stands for in `draft`. An article is found by its number
/// anywhere in the draft when it is the only one with that number (some
/// drafts keep their articles under a heading).
fn element_named(ws: &Workspace, draft: DocId, name: &str) -> Result<NodeId, String> {
    let parsed = syntax::parse_prose(name);
    let [r] = parsed.references.as_slice() else {
        return Err(format!(
            "`{name}` is not the name of one element (write it as `Article 6, paragraph 2`)"
        ));
    };
    let [t] = r.targets.as_slice() else {
        return Err(format!(
            "`{name}` names more than one element: one per name"
        ));
    };
    let file = ws.file(draft);
    let (doc, index) = (&file.doc, &file.index);
    if let Ok(found) = walk(doc, index, NodeId::ROOT, &t.path) {
        return Ok(found);
    }
    let Some((first, rest)) = t.path.split_first() else {
        return Err(format!("`{name}` names no element"));
    };
    let articles: Vec<NodeId> = doc
        .articles()
        .filter(|&a| doc.node(a).key.eq_ignore_ascii_case(&first.key))
        .collect();
    match articles.as_slice() {
        [one] if first.level == syntax::Level::Article => walk(doc, index, *one, rest),
        [_, _, ..] => Err(format!("more than one Article {} in the draft", first.key)),
        _ => Err(format!("no {}", syntax::path_display(&t.path))),
    }
}
