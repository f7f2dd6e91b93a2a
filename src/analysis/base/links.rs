//! Which draft each positions file and each submission refers to, and the
//! names drafts go by. A positions file names its draft (`draft =
//! "A/AC.291/16"`, matched against front-matter ids, aliases and titles);
//! a submission is about the draft of the positions file made from it.

use super::workspace::{DocId, FileKind, Workspace};
use crate::positions::PositionsFile;
use crate::syntax;
use std::collections::HashMap;

/// For each positions file and submission, its draft or why there is none.
pub(super) type Links = HashMap<DocId, Result<DocId, String>>;

/// `A/AC.291/16`, `a/ac.291/16 ` and `A/AC.291/16 ` name the same draft.
fn same_id(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// `file:///a/b/x.toml` + `../c/d.md` -> `file:///a/c/d.md`; plain paths alike.
pub fn join_relative(base: &str, rel: &str) -> String {
    if rel.contains("://") {
        return rel.to_string();
    }
    let (prefix, path) = match base.find("://") {
        Some(i) => {
            let rest = &base[i + 3..];
            let slash = rest.find('/').map_or(rest.len(), |s| s);
            (&base[..i + 3 + slash], &rest[slash..])
        }
        None => ("", base),
    };
    // an absolute path, under the base's scheme (`file:///abs/x.md`)
    if rel.starts_with('/') {
        return format!("{prefix}{rel}");
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop(); // the file name
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.len() > 1 || parts.first().is_some_and(|p| !p.is_empty()) {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
    }
    format!("{}{}", prefix, parts.join("/"))
}

/// Names compared as files: percent-escapes decoded, `file://` dropped.
pub(crate) fn same_file(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> String {
        let s = s.strip_prefix("file://").unwrap_or(s);
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                if let Some(Ok(v)) = s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16)) {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    norm(a) == norm(b)
}

impl Workspace {
    pub(super) fn links(&self) -> &Links {
        self.derived.links.get_or_init(|| {
            let mut out = HashMap::new();
            for id in self.all_ids() {
                if let Some(p) = self.file(id).positions() {
                    out.insert(id, self.draft_named(p));
                }
            }
            for id in self.all_ids() {
                if !matches!(self.file(id).kind, FileKind::Submission) {
                    continue;
                }
                let name = &self.file(id).name;
                // the draft of a positions file made from this submission
                let via_positions = out.iter().find_map(|(pid, draft)| {
                    let p = self.file(*pid).positions()?;
                    let sub = p.source.submission.as_ref()?;
                    let path = join_relative(&self.file(*pid).name, &sub.value);
                    (same_file(&path, name)).then(|| draft.clone())
                });
                let found = via_positions.unwrap_or_else(|| self.only_draft());
                out.insert(id, found);
            }
            out
        })
    }

    /// The draft a positions file names (`draft = "A/AC.291/16"`), matched
    /// against drafts' front-matter ids, aliases and titles.
    fn draft_named(&self, p: &PositionsFile) -> Result<DocId, String> {
        let Some(want) = &p.source.draft else {
            return self
                .only_draft()
                .map_err(|e| format!("{e}; say which with `draft = \"…\"` in [source]"));
        };
        let want = &want.value;
        if let Some(id) = self.ids().find(|&id| self.is_named(id, want)) {
            return Ok(id);
        }
        let known: Vec<String> = self
            .ids()
            .filter_map(|id| {
                let fm = self.file(id).doc.front_matter.as_ref()?;
                fm.id.clone()
            })
            .collect();
        Err(if known.is_empty() {
            format!(
                "no draft `{}` in the workspace (no draft declares an `id:` in its front matter)",
                want
            )
        } else {
            format!(
                "no draft `{}` in the workspace; drafts here: {}",
                want,
                known.join(", ")
            )
        })
    }

    /// Whether a draft goes by `name`: its id, an alias or its title.
    pub(super) fn is_named(&self, id: DocId, name: &str) -> bool {
        let doc = &self.file(id).doc;
        let fm = doc.front_matter.as_ref();
        // a compilation of proposals is never the draft a file names
        if fm.is_some_and(|f| f.other.iter().any(|(k, _)| k == "compilation")) {
            return false;
        }
        fm.is_some_and(|f| {
            f.id.as_deref().is_some_and(|i| same_id(i, name))
                || f.aliases.iter().any(|a| same_id(a, name))
        }) || self.aliases_of(id).iter().any(|a| same_id(a, name))
            || doc.title.as_deref().is_some_and(|t| same_id(t, name))
    }

    fn only_draft(&self) -> Result<DocId, String> {
        let drafts: Vec<DocId> = self.ids().collect();
        match drafts.as_slice() {
            [one] => Ok(*one),
            [] => Err("no draft in the workspace".to_string()),
            _ => Err(format!(
                "{} drafts in the workspace and none is named",
                drafts.len()
            )),
        }
    }

    /// The draft that a positions file or a submission refers to; `None`
    /// for a draft itself.
    pub(crate) fn draft_of(&self, id: DocId) -> Option<Result<DocId, String>> {
        if self.file(id).is_draft() {
            return None;
        }
        Some(
            self.links()
                .get(&id)
                .cloned()
                .unwrap_or_else(|| Err("not linked to a draft".to_string())),
        )
    }

    /// The drafts that cite another instrument (`Article 2 of the Budapest
    /// Convention`): when any file changes, appears or goes, their
    /// references into it may start or stop resolving, or point at what
    /// is no longer there.
    pub fn drafts_citing_instruments(&self) -> Vec<DocId> {
        self.all_ids()
            .filter(|&id| {
                let file = self.file(id);
                file.is_draft()
                    && file
                        .doc
                        .references
                        .iter()
                        .any(|r| matches!(r.scope, syntax::Scope::External(_)))
            })
            .collect()
    }

    /// The files whose diagnostics change when `id` changes: a draft's
    /// positions files and submissions, a positions file's draft.
    pub fn dependents(&self, id: DocId) -> Vec<DocId> {
        if self.file(id).is_draft() {
            self.links()
                .iter()
                .filter(|(f, d)| {
                    matches!(d, Ok(d) if *d == id) && self.file(**f).positions().is_some()
                })
                .map(|(f, _)| *f)
                .collect()
        } else {
            match self.draft_of(id) {
                Some(Ok(d)) => vec![d],
                _ => vec![],
            }
        }
    }

    /// The draft's label when it names this draft and no other (what a
    /// positions file's `draft` can say).
    pub(crate) fn unique_label(&self, draft: DocId) -> Option<String> {
        let label = self.draft_label(draft);
        let mut named = self.ids().filter(|&d| self.is_named(d, &label));
        (named.next() == Some(draft) && named.next().is_none()).then_some(label)
    }

    /// `A/AC.291/16`, else the draft's title, else its file name.
    pub(crate) fn draft_label(&self, draft: DocId) -> String {
        let f = self.file(draft);
        f.doc
            .front_matter
            .as_ref()
            .and_then(|fm| fm.id.clone())
            .or_else(|| f.doc.title.clone())
            .unwrap_or_else(|| f.name.rsplit('/').next().unwrap_or(&f.name).to_string())
    }

    /// The draft's identity as one line: `A/AC.291/16 — Consolidated
    /// negotiating document (2022-11-07)`, when its front matter says.
    pub(crate) fn draft_identity(&self, draft: DocId) -> Option<String> {
        let fm = self.file(draft).doc.front_matter.as_ref()?;
        let mut s = fm.id.clone().unwrap_or_default();
        if let Some(t) = &fm.title {
            if !s.is_empty() {
                s.push_str(" — ");
            }
            s.push_str(t);
        }
        if let Some(d) = &fm.date {
            s.push_str(&format!(" ({})", d));
        }
        (!s.is_empty()).then_some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::join_relative;

    #[test]
    fn submission_paths_join_the_positions_files_folder() {
        let base = "file:///ws/positions/ms.positions.toml";
        assert_eq!(
            join_relative(base, "../submissions/ms.md"),
            "file:///ws/submissions/ms.md"
        );
        assert_eq!(join_relative(base, "/abs/ms.md"), "file:///abs/ms.md");
        assert_eq!(
            join_relative(base, "https://example.org/ms.pdf"),
            "https://example.org/ms.pdf"
        );
        assert_eq!(
            join_relative("positions/ms.toml", "/abs/ms.md"),
            "/abs/ms.md"
        );
        assert_eq!(
            join_relative("positions/ms.toml", "ms.md"),
            "positions/ms.md"
        );
    }
}
