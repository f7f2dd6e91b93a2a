//! Stakeholder positions in the workspace: which draft each positions file
//! and each submission refers to, which elements each position targets,
//! what is contested where, and what is wrong in a positions file.

use super::resolve::Resolution;
use super::{Diagnostic, Related};
use super::{DocId, FileKind, FileSpan, Workspace};
use crate::positions::{self, PositionsFile, Stance};
use crate::syntax::{self, Document, NodeId, NodeKind, RangeRole, Severity, Span};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Reads a positions file into its model and a document whose references
/// are the targets, with spans in the file.
pub(super) fn read_file(text: &str) -> (FileKind, Document) {
    let file = positions::read(text);
    let mut doc = syntax::parse_prose("");
    doc.nodes[0].span = 0..text.len();
    let mut owner = Vec::new();
    for (i, p) in file.positions.iter().enumerate() {
        let target = syntax::parse_prose(&p.target.value);
        for mut r in target.references {
            // pieces map one to one onto the file when the string holds
            // the target as written; else they all point at the string
            let shift = |s: &mut Span| match p.target_text_start {
                Some(start) => *s = s.start + start..s.end + start,
                None => *s = p.target.span.clone(),
            };
            shift(&mut r.span);
            for t in &mut r.targets {
                shift(&mut t.span);
                for piece in &mut t.path {
                    shift(&mut piece.span);
                }
            }
            if let syntax::Scope::External { span, .. } = &mut r.scope {
                shift(span);
            }
            r.context = NodeId::ROOT;
            doc.references.push(r);
            owner.push(i);
        }
    }
    (
        FileKind::Positions {
            file: Box::new(file),
            owner,
        },
        doc,
    )
}

/// What is worked out from all files together, once per workspace state.
#[derive(Debug, Default)]
pub struct Derived {
    links: OnceLock<HashMap<DocId, Result<DocId, String>>>,
    index: OnceLock<Vec<Entry>>,
}

/// One position on one element of a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The positions file.
    pub file: DocId,
    /// The position's index in the file.
    pub position: usize,
    pub draft: DocId,
    pub node: NodeId,
    /// The part of the target that names this element.
    pub target_span: Span,
}

/// A count of positions by stance: `2 delete · 1 amend · 1 support`.
pub fn tally(stances: impl IntoIterator<Item = Stance>) -> String {
    let mut counts: Vec<(Stance, usize)> = Vec::new();
    for s in stances {
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .iter()
        .map(|(s, n)| format!("{} {}", n, s.name()))
        .collect::<Vec<_>>()
        .join(" · ")
}

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

/// A stakeholder's name as compared: `Microsoft`, ` microsoft ` are one.
pub fn stakeholder_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Names compared as files: percent-escapes decoded, `file://` dropped.
fn same_file(a: &str, b: &str) -> bool {
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
    fn links(&self) -> &HashMap<DocId, Result<DocId, String>> {
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
        for id in self.ids() {
            let doc = &self.file(id).doc;
            let fm = doc.front_matter.as_ref();
            let matches = fm.is_some_and(|f| {
                f.id.as_deref().is_some_and(|i| same_id(i, want))
                    || f.aliases.iter().any(|a| same_id(a, want))
            }) || self.aliases_of(id).iter().any(|a| same_id(a, want))
                || doc.title.as_deref().is_some_and(|t| same_id(t, want));
            if matches {
                return Ok(id);
            }
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
    pub fn draft_of(&self, id: DocId) -> Option<Result<DocId, String>> {
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
                        .any(|r| matches!(r.scope, syntax::Scope::External { .. }))
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

    /// Every position on every element, targets resolved (ranges expanded).
    pub fn position_entries(&self) -> &[Entry] {
        self.derived.index.get_or_init(|| {
            let mut out = Vec::new();
            for id in self.all_ids() {
                let file = self.file(id);
                let FileKind::Positions { owner, .. } = &file.kind else {
                    continue;
                };
                for (ri, r) in file.doc.references.iter().enumerate() {
                    let position = owner[ri];
                    let resolved: Vec<Resolution> = r
                        .targets
                        .iter()
                        .map(|t| self.resolve(id, r, t, t.path.len()))
                        .collect();
                    for (k, t) in r.targets.iter().enumerate() {
                        let Resolution::Node { doc, node } = resolved[k] else {
                            continue;
                        };
                        out.push(Entry {
                            file: id,
                            position,
                            draft: doc,
                            node,
                            target_span: t.span.clone(),
                        });
                        // `Articles 30 to 34`: 31, 32 and 33 too
                        if t.role == RangeRole::From {
                            if let Some(Resolution::Node { doc: d2, node: to }) =
                                resolved.get(k + 1)
                            {
                                if *d2 == doc {
                                    let span = t.span.start..r.targets[k + 1].span.end;
                                    for between in range_between(&self.file(doc).doc, node, *to) {
                                        out.push(Entry {
                                            file: id,
                                            position,
                                            draft: doc,
                                            node: between,
                                            target_span: span.clone(),
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
            out.sort_by_key(|e| (e.draft, e.node, e.file, e.position));
            out.dedup_by(|a, b| {
                (a.draft, a.node, a.file, a.position) == (b.draft, b.node, b.file, b.position)
            });
            out
        })
    }

    /// The positions on the elements of a draft that the stakeholder
    /// filter lets through, in draft order.
    pub fn draft_entries(&self, draft: DocId) -> impl Iterator<Item = &Entry> {
        let filter = &self.stakeholder_filter;
        self.position_entries().iter().filter(move |e| {
            e.draft == draft
                && (filter.is_empty()
                    || self
                        .position(e)
                        .is_some_and(|(pf, _)| filter.contains(&stakeholder_key(pf.stakeholder()))))
        })
    }

    /// The positions on `node` and on its parts, in draft order.
    pub fn positions_within(&self, draft: DocId, node: NodeId) -> Vec<&Entry> {
        let doc = &self.file(draft).doc;
        let span = doc.node(node).span.clone();
        self.draft_entries(draft)
            .filter(|e| {
                let s = &doc.node(e.node).span;
                e.node == node || (s.start >= span.start && s.end <= span.end && e.node > node)
            })
            .collect()
    }

    /// The position an entry stands for.
    pub fn position(&self, e: &Entry) -> Option<(&PositionsFile, &positions::Position)> {
        let p = self.file(e.file).positions()?;
        Some((p, p.positions.get(e.position)?))
    }

    /// The positions that a position of a positions file resolves to.
    pub fn entries_of(&self, file: DocId, position: usize) -> Vec<&Entry> {
        self.position_entries()
            .iter()
            .filter(|e| e.file == file && e.position == position)
            .collect()
    }

    /// Diagnostics of a positions file: TOML and schema errors, a draft that
    /// is not there, targets that do not exist in it, changes whose words
    /// are no longer in their target.
    pub fn positions_diagnostics(&self, id: DocId) -> Vec<Diagnostic> {
        let file = self.file(id);
        let FileKind::Positions { file: p, owner } = &file.kind else {
            return vec![];
        };
        let mut out: Vec<Diagnostic> = p
            .problems
            .iter()
            .map(|pr| Diagnostic {
                severity: pr.severity,
                code: pr.code,
                message: pr.message.clone(),
                span: pr.span.clone(),
                related: vec![],
            })
            .collect();
        let draft = match self.draft_of(id) {
            Some(Ok(d)) => d,
            Some(Err(reason)) => {
                let span = p
                    .source
                    .draft
                    .as_ref()
                    .map_or(p.source.span.start..p.source.span.start, |d| d.span.clone());
                out.push(Diagnostic {
                    severity: Severity::Error,
                    code: "unknown-draft",
                    message: reason,
                    span,
                    related: vec![],
                });
                out.sort_by_key(|d| (d.span.start, d.span.end));
                return out;
            }
            None => return out,
        };
        let draft_name = self.draft_label(draft);
        // targets the parser does not read as a reference at all
        for (i, pos) in p.positions.iter().enumerate() {
            if !owner.contains(&i) {
                out.push(Diagnostic {
                    severity: Severity::Error,
                    code: "unreadable-target",
                    message: format!(
                        "`{}` is not a reference to an element (write it as in a draft: `Article 41, paragraph 2 (b)`)",
                        pos.target.value
                    ),
                    span: pos.target.span.clone(),
                    related: vec![],
                });
            }
        }
        for r in &file.doc.references {
            for t in &r.targets {
                match self.resolve(id, r, t, t.path.len()) {
                    Resolution::Node { .. } => {}
                    Resolution::Dangling { reason } => out.push(Diagnostic {
                        severity: Severity::Error,
                        code: "unknown-target",
                        message: format!("not in {}: {}", draft_name, reason),
                        span: t.span.clone(),
                        related: vec![],
                    }),
                    Resolution::External { instrument } => out.push(Diagnostic {
                        severity: Severity::Warning,
                        code: "external-target",
                        message: format!("targets {}, not the draft {}", instrument, draft_name),
                        span: r.span.clone(),
                        related: vec![],
                    }),
                }
            }
        }
        // changes that no longer apply
        for (i, pos) in p.positions.iter().enumerate() {
            let entries = self.entries_of(id, i);
            for change in &pos.changes {
                for e in &entries {
                    if let Err(reason) = self.change_edits(e.draft, e.node, change) {
                        let span = change
                            .find()
                            .map_or(change.span.clone(), |f| f.span.clone());
                        let d = &self.file(e.draft).doc;
                        out.push(Diagnostic {
                            severity: Severity::Warning,
                            code: "stale-change",
                            message: reason,
                            span,
                            related: vec![Related {
                                file: Some(e.draft),
                                span: d.node(e.node).label_span.clone(),
                                message: format!("{} in {}", d.display_name(e.node), draft_name),
                            }],
                        });
                    }
                }
            }
        }
        out.sort_by_key(|d| (d.span.start, d.span.end));
        out.dedup();
        out
    }

    /// `A/AC.291/16`, else the draft's title, else its file name.
    pub fn draft_label(&self, draft: DocId) -> String {
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
    pub fn draft_identity(&self, draft: DocId) -> Option<String> {
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

    /// Hints on the elements that stakeholders take positions on (the
    /// element's label), with the tally; related entries point at the
    /// positions.
    pub fn contested_diagnostics(&self, draft: DocId) -> Vec<Diagnostic> {
        let doc = &self.file(draft).doc;
        let mut by_node: Vec<(NodeId, Vec<&Entry>)> = Vec::new();
        for e in self.draft_entries(draft) {
            match by_node.last_mut() {
                Some((n, v)) if *n == e.node => v.push(e),
                _ => by_node.push((e.node, vec![e])),
            }
        }
        let mut out = Vec::new();
        for (node, entries) in by_node {
            let stances: Vec<Stance> = entries
                .iter()
                .filter_map(|e| self.position(e).map(|(_, p)| p.stance.value))
                .collect();
            if stances.is_empty() {
                continue;
            }
            let who = stakeholders(self, &entries);
            let n = doc.node(node);
            let span = if n.label_span.is_empty() {
                super::navigation::focus_span(&self.file(draft).text, doc, node)
            } else {
                n.label_span.clone()
            };
            out.push(Diagnostic {
                severity: Severity::Hint,
                code: "contested",
                message: format!(
                    "{}: {} ({})",
                    doc.display_name(node),
                    tally(stances),
                    who.join(", ")
                ),
                span,
                related: vec![],
            });
        }
        out
    }

    /// Code lenses: above each article with positions on it or its parts,
    /// the tally and where the positions are.
    pub fn position_lenses(&self, draft: DocId) -> Vec<Lens> {
        let doc = &self.file(draft).doc;
        let mut out = Vec::new();
        // articles with the positions on them and their parts; chapters and
        // other divisions with the positions on themselves only
        let lensed = doc.ids().filter(|&n| {
            let k = doc.node(n).kind;
            k == NodeKind::Article || k.is_division() || k == NodeKind::Annex
        });
        for article in lensed {
            let entries: Vec<&Entry> = if doc.node(article).kind == NodeKind::Article {
                self.positions_within(draft, article)
            } else {
                self.draft_entries(draft)
                    .filter(|e| e.node == article)
                    .collect()
            };
            if entries.is_empty() {
                continue;
            }
            let stances = entries
                .iter()
                .filter_map(|e| self.position(e).map(|(_, p)| p.stance.value));
            let who = stakeholders(self, &entries);
            let targets = entries
                .iter()
                .filter_map(|e| {
                    let (_, p) = self.position(e)?;
                    Some(FileSpan {
                        doc: e.file,
                        span: p.target.span.clone(),
                    })
                })
                .fold(Vec::new(), |mut v: Vec<FileSpan>, f| {
                    if !v.contains(&f) {
                        v.push(f);
                    }
                    v
                });
            out.push(Lens {
                node: article,
                span: doc.node(article).label_span.clone(),
                title: format!("{} — {}", tally(stances), who.join(", ")),
                positions: targets,
            });
        }
        out
    }
}

/// A submission's sentence that cites an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub file: DocId,
    /// The citing piece of the reference.
    pub span: Span,
    /// 1-based.
    pub line: usize,
    pub sentence: String,
}

impl Workspace {
    /// Where submissions cite `node` of `draft` or a part of it.
    pub fn mentions(&self, draft: DocId, node: NodeId) -> Vec<Mention> {
        let span = self.file(draft).doc.node(node).span.clone();
        let mut out = Vec::new();
        for id in self.all_ids() {
            let file = self.file(id);
            if !matches!(file.kind, FileKind::Submission) {
                continue;
            }
            for r in &file.doc.references {
                for t in &r.targets {
                    let Resolution::Node { doc, node: n } = self.resolve(id, r, t, t.path.len())
                    else {
                        continue;
                    };
                    let ns = &self.file(doc).doc.node(n).span;
                    if doc != draft || ns.start < span.start || ns.end > span.end {
                        continue;
                    }
                    out.push(Mention {
                        file: id,
                        span: t.span.clone(),
                        line: file.text[..t.span.start].matches('\n').count() + 1,
                        sentence: sentence_around(&file.text, t.span.clone()),
                    });
                }
            }
        }
        out.dedup_by(|a, b| a.file == b.file && a.line == b.line);
        out
    }
}

/// The sentence (or list item) that holds `span`, on one line, cut short.
pub fn sentence_around(text: &str, span: Span) -> String {
    let is_end = |s: &str| s.ends_with(". ") || s.ends_with(".\n") || s.ends_with('\n');
    let mut start = span.start;
    while start > 0 && !is_end(&text[..start]) && span.start - start < 400 {
        start = crate::syntax::lines::floor_char_boundary(text, start - 1);
    }
    let mut end = span.end;
    while end < text.len() && end - span.end < 400 {
        let c = text[end..].chars().next().unwrap_or(' ');
        end += c.len_utf8();
        if c == '\n' || (c == '.' && text[end..].starts_with([' ', '\n'])) {
            break;
        }
    }
    let flat: String = text[start..end.min(text.len())]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let flat = flat.trim_start_matches(['-', '*', ' ']).replace("**", "");
    if flat.chars().count() > 300 {
        let cut: String = flat.chars().take(299).collect();
        format!("{}…", cut.trim_end())
    } else {
        flat
    }
}

/// A code lens: a title above an element and the places it lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    pub node: NodeId,
    pub span: Span,
    pub title: String,
    pub positions: Vec<FileSpan>,
}

/// The stakeholders of some entries, each once, in order of appearance.
fn stakeholders(ws: &Workspace, entries: &[&Entry]) -> Vec<String> {
    let mut who: Vec<String> = Vec::new();
    for e in entries {
        if let Some((f, _)) = ws.position(e) {
            let s = f.stakeholder().to_string();
            if !who.contains(&s) {
                who.push(s);
            }
        }
    }
    who
}

/// The elements strictly between `from` and `to` of a range: siblings of
/// one kind in one container (articles) or one parent (paragraphs).
fn range_between(doc: &Document, from: NodeId, to: NodeId) -> Vec<NodeId> {
    let kind = doc.node(from).kind;
    if doc.node(to).kind != kind || to <= from {
        return vec![];
    }
    let same_place = |a: NodeId| match kind {
        NodeKind::Article => doc.container(a) == doc.container(from),
        _ => doc.parent(a) == doc.parent(from),
    };
    if !same_place(to) {
        return vec![];
    }
    (from.0 + 1..to.0)
        .map(NodeId)
        .filter(|&n| doc.node(n).kind == kind && same_place(n))
        .collect()
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
