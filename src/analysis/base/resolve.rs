//! Resolving references to the elements they cite.
//!
//! A reference never silently lands on something else: if the cited element
//! does not exist, the result is `Dangling` with the reason, e.g. "Article 6
//! has no paragraph 4".

use super::instruments;
use super::workspace::{DocId, Workspace};
use crate::syntax::{
    lowercase_key, path_display, uppercase_key, Anchor, Document, Key, Level, NodeId, NodeKind,
    Piece, Reference, Scope, Target, LAST,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Per-document lookup tables, built once per parse, so resolution does
/// not scan the tree.
#[derive(Debug, Default)]
pub struct Index {
    /// (container, article key) -> articles, in document order
    articles: HashMap<(NodeId, Key), Vec<NodeId>>,
    /// (scope, kind, key) -> divisions, annexes and preambles, first wins;
    /// the scope of an annex is its instrument, of an appendix the annex
    /// it stands in or else its instrument, of the rest their container
    divisions: HashMap<(NodeId, NodeKind, Key), NodeId>,
    /// (instrument, key) -> its appendices with `key`, in annexes or not,
    /// in document order
    appendices: HashMap<(NodeId, Key), Vec<NodeId>>,
    /// containers that have articles of their own
    with_articles: HashSet<NodeId>,
    /// whether the document has sections (else `this section` is read
    /// loosely)
    has_sections: bool,
    /// the root and the `Instrument` nodes, in document order, named
    instruments: Vec<instruments::InstrumentNames>,
}

impl Index {
    pub fn new(doc: &Document) -> Index {
        let mut articles: HashMap<(NodeId, Key), Vec<NodeId>> = HashMap::new();
        let mut divisions = HashMap::new();
        let mut appendices: HashMap<(NodeId, Key), Vec<NodeId>> = HashMap::new();
        for id in doc.ids() {
            let n = doc.node(id);
            if n.kind == NodeKind::Article {
                articles
                    .entry((doc.container(id), lowercase_key(&n.key)))
                    .or_default()
                    .push(id);
            } else if n.kind.is_division() || n.kind.is_annex() || n.kind == NodeKind::Preamble {
                let parent = doc.parent(id).unwrap_or(NodeId::ROOT);
                let scope = match n.kind {
                    NodeKind::Appendix if doc.node(parent).kind == NodeKind::Annex => parent,
                    NodeKind::Annex | NodeKind::Appendix => doc.instrument(parent),
                    _ => doc.container(parent),
                };
                divisions
                    .entry((scope, n.kind, uppercase_key(&n.key)))
                    .or_insert(id);
                // `Appendices I, II and III`: each of them
                let mut keys = Vec::new();
                if n.kind.is_annex() {
                    keys = plural_keys(&n.label);
                    for key in &keys {
                        divisions.entry((scope, n.kind, key.clone())).or_insert(id);
                    }
                }
                if n.kind == NodeKind::Appendix {
                    keys.push(uppercase_key(&n.key));
                    for key in keys {
                        appendices
                            .entry((doc.instrument(parent), key))
                            .or_default()
                            .push(id);
                    }
                }
            }
        }
        let with_articles = articles.keys().map(|(c, _)| *c).collect();
        Index {
            has_sections: doc.nodes.iter().any(|n| n.kind == NodeKind::Section),
            articles,
            divisions,
            appendices,
            with_articles,
            instruments: instruments::instrument_names(doc),
        }
    }

    /// The first article with `key` in `container`.
    pub fn article(&self, container: NodeId, key: &str) -> Option<NodeId> {
        self.articles
            .get(&(container, lowercase_key(key)))
            .and_then(|v| v.first().copied())
    }

    pub fn articles_with_key(&self, container: NodeId, key: &str) -> &[NodeId] {
        self.articles
            .get(&(container, lowercase_key(key)))
            .map_or(&[], |v| v.as_slice())
    }

    /// Whether `container` has articles of its own.
    pub fn has_articles(&self, container: NodeId) -> bool {
        self.with_articles.contains(&container)
    }

    fn division(&self, scope: NodeId, kind: NodeKind, key: &str) -> Option<NodeId> {
        self.divisions
            .get(&(scope, kind, uppercase_key(key)))
            .copied()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Resolution {
    /// An element of a document in the workspace (maybe this one).
    Node { doc: DocId, node: NodeId },
    /// Another instrument, not in the workspace: fine, not an error.
    External { instrument: String },
    /// The cited element does not exist.
    Dangling { reason: String },
}

/// A target with its resolution.
#[derive(Clone, Debug)]
pub struct Resolved<'d> {
    pub reference: &'d Reference,
    pub target: &'d Target,
    pub resolution: Resolution,
}

impl Workspace {
    /// Resolves every target of `reference` in document `doc`.
    pub fn resolve_reference<'d>(
        &'d self,
        doc: DocId,
        reference: &'d Reference,
    ) -> Vec<Resolved<'d>> {
        reference
            .targets
            .iter()
            .map(|t| Resolved {
                reference,
                target: t,
                resolution: self.resolve(doc, reference, t, t.path.len()),
            })
            .collect()
    }

    /// What each target of `reference` resolves to, in order.
    pub(crate) fn resolutions(&self, doc: DocId, reference: &Reference) -> Vec<Resolution> {
        reference
            .targets
            .iter()
            .map(|t| self.resolve(doc, reference, t, t.path.len()))
            .collect()
    }

    /// Resolves the first `depth` pieces of `target` (the whole path when
    /// `depth == path.len()`): a cursor on `28` in `paragraph 4 of Article
    /// 28` asks for depth 1.
    pub(crate) fn resolve(
        &self,
        doc_id: DocId,
        reference: &Reference,
        target: &Target,
        depth: usize,
    ) -> Resolution {
        let file = self.file(doc_id);
        let doc = &file.doc;
        let ctx = reference.context;
        let path = &target.path[..depth.min(target.path.len())];
        let (rdoc, base) = match self.path_start(doc_id, reference, target) {
            Ok(start) => start,
            Err(answer) => return answer,
        };
        let rfile = self.file(rdoc);
        let rdoc_ref = &rfile.doc;
        let external = rdoc != doc_id || matches!(reference.scope, Scope::External(_));
        let start = match &target.anchor {
            Anchor::Absolute
                if !external
                    && path.first().map(|p| p.level)
                        == Some(Level::Division(NodeKind::Appendix)) =>
            {
                return self.bare_appendix(doc_id, ctx, base, path);
            }
            Anchor::Absolute => base,
            // `sub-paragraph a. of this article`: the lettered point of the
            // paragraph the reference stands in, as for a bare one
            Anchor::This {
                kind: NodeKind::Article,
            } if !external && path.first().is_some_and(|p| p.level > Level::Sub(1)) => {
                return self.resolve_enclosing(doc_id, ctx, path);
            }
            Anchor::This { kind } if !external => {
                match this_element(doc, &file.index, ctx, *kind) {
                    Ok(n) => n,
                    Err(answer) => return answer,
                }
            }
            Anchor::Sibling { kind, offset } if !external => {
                return match doc.enclosing(ctx, *kind) {
                    Some(n) => sibling_of(doc_id, doc, n, *offset),
                    None => Resolution::Dangling {
                        reason: format!("stands outside any {}", kind.name()),
                    },
                };
            }
            Anchor::Enclosing if !external => {
                return self.resolve_enclosing(doc_id, ctx, path);
            }
            _ => base,
        };
        // a bare reference in an annex, appendix or schedule means the
        // instrument's article (UN practice), unless it says `below` or
        // `above` (`Articles 2 to 10 below`): then the annex's own first
        let own_annex = Some(doc.container(ctx)).filter(|&c| {
            !external
                && target.anchor == Anchor::Absolute
                && c != base
                && doc.node(c).kind.is_annex()
        });
        if let Some(annex) = own_annex.filter(|_| says_here(&file.text, reference.span.end)) {
            if let Ok(node) = walk(doc, &file.index, annex, path) {
                return Resolution::Node { doc: doc_id, node };
            }
        }
        match walk(rdoc_ref, &rfile.index, start, path) {
            Ok(node) => Resolution::Node { doc: rdoc, node },
            // a bare `paragraph 3` of another instrument that is not among
            // its top elements: which article it belongs to is not known
            Err(_) if external && target.anchor == Anchor::Enclosing => Resolution::External {
                instrument: rdoc_ref.title.clone().unwrap_or_default(),
            },
            // where the instrument has none of that number and the annex
            // has, the annex's own (`Article III` in an appendix of
            // Roman-numbered articles)
            Err(reason) => match own_annex.map(|annex| walk(doc, &file.index, annex, path)) {
                Some(Ok(node)) => Resolution::Node { doc: doc_id, node },
                _ => Resolution::Dangling { reason },
            },
        }
    }

    /// A bare `Appendix 1 ...`: the annex's own when it stands in one, else
    /// the instrument's; where neither has one, the only appendix with
    /// that number in any annex. Several are an ambiguity, not a guess.
    fn bare_appendix(
        &self,
        doc_id: DocId,
        ctx: NodeId,
        base: NodeId,
        path: &[Piece],
    ) -> Resolution {
        let file = self.file(doc_id);
        let (doc, index) = (&file.doc, &file.index);
        let node = |node| Resolution::Node { doc: doc_id, node };
        let annex = doc.enclosing(ctx, NodeKind::Annex);
        if let Some(Ok(n)) = annex.map(|a| walk(doc, index, a, path)) {
            return node(n);
        }
        let reason = match walk(doc, index, doc.instrument(base), path) {
            Ok(n) => return node(n),
            Err(reason) => reason,
        };
        let key = uppercase_key(&path[0].key);
        let candidates = index.appendices.get(&(doc.instrument(base), key));
        match candidates.map(Vec::as_slice).unwrap_or_default() {
            [one] => match walk(doc, index, *one, &path[1..]) {
                Ok(n) => node(n),
                Err(reason) => Resolution::Dangling { reason },
            },
            [] => Resolution::Dangling { reason },
            several => Resolution::Dangling {
                reason: format!(
                    "{} is ambiguous: {} each have one",
                    path_display(&path[..1]),
                    several
                        .iter()
                        .filter_map(|&a| doc.parent(a))
                        .map(|annex| doc.display_name(annex))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            },
        }
    }

    /// Where the path of `target` starts: the document and the instrument
    /// (or container) of the scope; or the answer when there is no path to
    /// walk (another instrument, not in the workspace).
    fn path_start(
        &self,
        doc_id: DocId,
        reference: &Reference,
        target: &Target,
    ) -> Result<(DocId, NodeId), Resolution> {
        let file = self.file(doc_id);
        let doc = &file.doc;
        let ctx = reference.context;
        Ok(match &reference.scope {
            // `paragraph 3`, `this Article` of another instrument: where it
            // stands there is not known
            Scope::External(named)
                if matches!(target.anchor, Anchor::This { .. } | Anchor::Sibling { .. }) =>
            {
                return Err(Resolution::External {
                    instrument: self
                        .file(doc_id)
                        .doc
                        .short_name(&named.name)
                        .map_or_else(|| named.name.clone(), |s| s.long.clone()),
                });
            }
            Scope::External(named) => self.named_instrument(doc_id, &named.name, ctx)?,
            // `Parties included in Annex I` in a protocol with no Annex I:
            // the annex of the instrument it calls `the Convention`
            Scope::Implicit if self.parent_annex(doc_id, ctx, target) => {
                let parent = doc.parent_instrument().unwrap_or_default();
                self.named_instrument(doc_id, parent, ctx)?
            }
            // a positions file or a submission cites the draft it is about
            Scope::ThisInstrument | Scope::Implicit if !file.is_draft() => {
                match self.draft_of(doc_id) {
                    Some(Ok(d)) => (d, NodeId::ROOT),
                    Some(Err(reason)) => return Err(Resolution::Dangling { reason }),
                    None => (doc_id, NodeId::ROOT),
                }
            }
            Scope::ThisInstrument => (doc_id, doc.instrument(ctx)),
            Scope::Implicit => (doc_id, self.default_container(doc, &file.index, ctx)),
        })
    }

    /// The instrument `name` cites, or the external answer. A short name
    /// the document gives another instrument (`the Convention`) is that
    /// instrument, found elsewhere in the workspace or external, never this
    /// document.
    fn named_instrument(
        &self,
        doc_id: DocId,
        name: &str,
        ctx: NodeId,
    ) -> Result<(DocId, NodeId), Resolution> {
        let doc = &self.file(doc_id).doc;
        if let Some(short) = doc.short_name(name) {
            return self
                .find_instrument(doc_id, &short.long, doc.instrument(ctx))
                .filter(|&(d, _)| d != doc_id)
                .ok_or_else(|| Resolution::External {
                    instrument: short.long.clone(),
                });
        }
        self.find_instrument(doc_id, name, doc.instrument(ctx))
            .ok_or_else(|| Resolution::External {
                instrument: name.to_string(),
            })
    }

    /// Whether a bare `Annex I` cites the annex of the document's parent
    /// instrument: the document names exactly one other instrument by a
    /// short name and has no annex with that number itself.
    fn parent_annex(&self, doc_id: DocId, ctx: NodeId, target: &Target) -> bool {
        let file = self.file(doc_id);
        let doc = &file.doc;
        let Some(first) = target.path.first() else {
            return false;
        };
        target.anchor == Anchor::Absolute
            && first.level == Level::Division(NodeKind::Annex)
            && file.is_draft()
            && doc.parent_instrument().is_some()
            && file
                .index
                .division(doc.instrument(ctx), NodeKind::Annex, &first.key)
                .is_none()
            && file
                .index
                .division(NodeId::ROOT, NodeKind::Annex, &first.key)
                .is_none()
    }

    /// A bare article reference cites the instrument's body: from an
    /// annex, the instrument's articles (UN practice: an annex cites its
    /// own articles as `article 1 of this Annex`); from an instrument with
    /// no articles of its own (a resolution), the main instrument.
    fn default_container(&self, doc: &Document, index: &Index, ctx: NodeId) -> NodeId {
        let inst = doc.instrument(ctx);
        if inst != NodeId::ROOT && !index.has_articles(inst) {
            return NodeId::ROOT;
        }
        inst
    }

    /// `paragraph 2`, `subparagraph (c)`: from the innermost element that
    /// can hold it, outwards to the article.
    fn resolve_enclosing(&self, doc_id: DocId, ctx: NodeId, path: &[Piece]) -> Resolution {
        let found = self.resolve_enclosing_at(doc_id, ctx, path);
        // `subparagraph (i)` may name the Roman item (i) of the point it stands in
        if let (Resolution::Dangling { .. }, Some(first)) = (&found, path.first()) {
            if first.level == Level::Sub(2) && matches!(first.key.as_str(), "i" | "v" | "x") {
                let mut as_item = path.to_vec();
                as_item[0].level = Level::Sub(3);
                if let r @ Resolution::Node { .. } =
                    self.resolve_enclosing_at(doc_id, ctx, &as_item)
                {
                    return r;
                }
            }
        }
        found
    }

    fn resolve_enclosing_at(&self, doc_id: DocId, ctx: NodeId, path: &[Piece]) -> Resolution {
        let file = self.file(doc_id);
        let doc = &file.doc;
        let first = match path.first() {
            Some(p) => p,
            None => {
                return Resolution::Node {
                    doc: doc_id,
                    node: ctx,
                }
            }
        };
        // `the second subparagraph` is a paragraph's; `first paragraph` an
        // article's
        let (level, unnumbered) = match first.level {
            Level::Sub(k) => (k, false),
            Level::Alinea(depth, _) => (depth + 1, true),
            _ => (0, false),
        };
        let mut tried = None;
        for a in doc.ancestors(ctx) {
            let n = doc.node(a);
            if n.kind.is_subdivision() && n.kind.subdivision_depth() >= level
                || unnumbered && n.kind == NodeKind::Alinea
            {
                continue;
            }
            if matches!(n.kind, NodeKind::Document | NodeKind::Instrument) && tried.is_some() {
                break;
            }
            if n.kind.is_division() {
                break;
            }
            tried.get_or_insert(a);
            if let Ok(node) = walk(doc, &file.index, a, path) {
                return Resolution::Node { doc: doc_id, node };
            }
            if matches!(
                n.kind,
                NodeKind::Article | NodeKind::Annex | NodeKind::Appendix | NodeKind::Preamble
            ) {
                break;
            }
        }
        match tried {
            Some(a) if doc.node(a).kind != NodeKind::Document => Resolution::Dangling {
                reason: format!("{} has no {}", doc.display_name(a), path_display(path)),
            },
            _ => Resolution::Dangling {
                reason: format!("{} stands outside any article", path_display(path)),
            },
        }
    }

    /// The instrument that `name` cites: in this file first (another
    /// instrument of it, or the file itself), then in the workspace.
    pub(crate) fn find_instrument(
        &self,
        doc_id: DocId,
        name: &str,
        near: NodeId,
    ) -> Option<(DocId, NodeId)> {
        // `that Convention` points back to an instrument named earlier in
        // the text, never to the one the reference stands in
        if name
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("that"))
        {
            return None;
        }
        let found = self.instrument_lookup(doc_id, name);
        let here = found.here.as_ref().map(|b| (b.pick(Some(near)), b.score));
        if let Some((node, 2)) = here {
            return Some((doc_id, node));
        }
        // another file's only when it cites better than this one
        let best = match (here, found.elsewhere) {
            (Some((_, s)), Some((d, n, o))) if o > s => Some((d, n, o)),
            (Some((n, s)), _) => Some((doc_id, n, s)),
            (None, elsewhere) => elsewhere,
        };
        // a bare head noun (`the Charter`) in another file counts only when
        // this file is not one and no other file is either
        best.filter(|&(d, _, s)| s == 2 || d == doc_id || found.head_noun_files == 1)
            .map(|(d, n, _)| (d, n))
    }

    /// What `name` cites from `doc_id`, found once per workspace state.
    fn instrument_lookup(&self, doc_id: DocId, name: &str) -> Arc<InstrumentLookup> {
        let key = (doc_id, name.to_string());
        let lock = || {
            self.derived
                .instruments_named
                .lock()
                .unwrap_or_else(|e| e.into_inner())
        };
        if let Some(found) = lock().get(&key) {
            return found.clone();
        }
        let found = Arc::new(self.look_up_instrument(doc_id, name));
        lock().insert(key, found.clone());
        found
    }

    fn look_up_instrument(&self, doc_id: DocId, name: &str) -> InstrumentLookup {
        let here = instruments::best_among(
            &self.file(doc_id).index.instruments,
            self.aliases_of(doc_id),
            name,
        );
        let (mut elsewhere, mut head_noun_files) = (None, 0);
        for id in self.ids().filter(|&id| id != doc_id) {
            let file = self.file(id);
            let found =
                instruments::find_among(&file.index.instruments, self.aliases_of(id), name, None);
            if let Some((node, score)) = found {
                head_noun_files += usize::from(score == 1);
                // the first file that cites best
                if elsewhere.is_none_or(|(_, _, s)| score > s) {
                    elsewhere = Some((id, node, score));
                }
            }
        }
        InstrumentLookup {
            here,
            elsewhere,
            head_noun_files,
        }
    }
}

/// The element `offset` places before (-1) or after (+1) `n` among those
/// of its kind: articles and divisions in document order within their
/// instrument or annex (`the preceding article` in the first article of
/// CHAPTER II is the last article of CHAPTER I), subdivisions under the
/// same parent (their numbering restarts in each article).
fn sibling(doc: &Document, n: NodeId, offset: i8) -> Option<NodeId> {
    let kind = doc.node(n).kind;
    let siblings: Vec<NodeId> = if kind == NodeKind::Article || kind.is_division() {
        let container = doc.container(n);
        (0..doc.nodes.len() as u32)
            .map(NodeId)
            .filter(|&c| doc.node(c).kind == kind && doc.container(c) == container)
            .collect()
    } else {
        let parent = doc.parent(n)?;
        doc.node(parent)
            .children
            .iter()
            .copied()
            .filter(|&c| doc.node(c).kind == kind)
            .collect()
    };
    let i = siblings.iter().position(|&c| c == n)? as isize + offset as isize;
    usize::try_from(i)
        .ok()
        .and_then(|i| siblings.get(i).copied())
}

/// What `this <kind>` names where the reference stands. `this section` in
/// a text with no sections: the article (the part of the text it stands
/// in, under its heading).
fn this_element(
    doc: &Document,
    index: &Index,
    ctx: NodeId,
    kind: NodeKind,
) -> Result<NodeId, Resolution> {
    if kind == NodeKind::Section && !index.has_sections {
        return doc
            .enclosing(ctx, NodeKind::Article)
            .or_else(|| doc.enclosing(ctx, NodeKind::Heading))
            .ok_or_else(|| Resolution::Dangling {
                reason: "`this section` stands outside any article, and the text has no sections"
                    .into(),
            });
    }
    enclosing_this(doc, ctx, kind).ok_or_else(|| Resolution::Dangling {
        reason: format!("`this {}` stands outside any {}", kind.name(), kind.name()),
    })
}

/// `the preceding article` from `n`: the sibling `offset` away.
fn sibling_of(doc_id: DocId, doc: &Document, n: NodeId, offset: i8) -> Resolution {
    match sibling(doc, n, offset) {
        Some(node) => Resolution::Node { doc: doc_id, node },
        None => {
            let (which, side) = if offset < 0 {
                ("preceding", "before")
            } else {
                ("following", "after")
            };
            Resolution::Dangling {
                reason: format!(
                    "there is no {which} {} {side} {}",
                    doc.node(n).kind.name(),
                    doc.display_name(n)
                ),
            }
        }
    }
}

/// Whether the words after a reference place it in the text at hand:
/// `Articles 2 to 10 below`, `paragraph 3 above`.
fn says_here(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("").trim_start();
    ["below", "above"].iter().any(|w| {
        rest.get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w))
            && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// The first division of `kind` numbered `key` under the division `from`.
fn division_within(doc: &Document, from: NodeId, kind: NodeKind, key: &str) -> Option<NodeId> {
    let key = uppercase_key(key);
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        let children = &doc.node(n).children;
        let found = children.iter().copied().find(|&c| {
            let child = doc.node(c);
            child.kind == kind && uppercase_key(&child.key) == key
        });
        if found.is_some() {
            return found;
        }
        let divisions = children
            .iter()
            .rev()
            .filter(|&&c| doc.node(c).kind.is_division());
        stack.extend(divisions);
    }
    None
}

/// The numbers a plural annex heading lists (`Appendices I, II and III`),
/// upper case; none for a singular one.
fn plural_keys(label: &str) -> Vec<Key> {
    let mut words = label.split(|c: char| c.is_whitespace() || c == ',' || c == '&');
    let plural = words.next().is_some_and(|w| {
        ["annexes", "appendices", "schedules"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
    });
    if !plural {
        return Vec::new();
    }
    words
        .filter(|w| {
            !w.is_empty() && !w.eq_ignore_ascii_case("and") && !w.eq_ignore_ascii_case("to")
        })
        .map(uppercase_key)
        .collect()
}

/// What `this paragraph` or `this subparagraph` names: the enclosing
/// element of that kind; in a text whose subdivisions are unnumbered
/// blocks (EU style), the block it stands in, else the element holding it
/// (an article's paragraph, a paragraph's subparagraph).
fn enclosing_this(doc: &Document, ctx: NodeId, kind: NodeKind) -> Option<NodeId> {
    doc.enclosing(ctx, kind).or_else(|| {
        let holder = match kind {
            NodeKind::Paragraph => NodeKind::Article,
            NodeKind::Subparagraph => NodeKind::Paragraph,
            _ => return None,
        };
        let block = doc
            .ancestors(ctx)
            .take_while(|&a| doc.node(a).kind != holder)
            .find(|&a| doc.node(a).kind == NodeKind::Alinea);
        // `point (iv) of this point` in a block that goes on from a point
        // (read as the paragraph's next block): that point
        let after_point = block.and_then(|b| {
            let parent = doc.parent(b)?;
            let siblings = &doc.node(parent).children;
            let i = siblings.iter().position(|&c| c == b)?;
            let prev = *siblings.get(i.checked_sub(1)?)?;
            (kind == NodeKind::Subparagraph && doc.node(prev).kind == NodeKind::Subparagraph)
                .then_some(prev)
        });
        after_point.or(block).or_else(|| doc.enclosing(ctx, holder))
    })
}

/// The numbered subdivision `key` of `cur`; in an element whose later
/// blocks are unnumbered subdivisions, theirs too (`Article 20, point (a)`
/// where point (a) is in the second paragraph).
fn numbered_child(doc: &Document, cur: NodeId, key: &str) -> Option<NodeId> {
    let numbered = |c: &NodeId| {
        let n = doc.node(*c);
        n.kind.is_subdivision() && n.kind != NodeKind::Alinea && n.key == key
    };
    let children = &doc.node(cur).children;
    children.iter().copied().find(numbered).or_else(|| {
        children
            .iter()
            .filter(|&&c| doc.node(c).kind == NodeKind::Alinea)
            .find_map(|&a| doc.node(a).children.iter().copied().find(numbered))
    })
}

/// The `n`th unnumbered block of `cur`: the first is `cur` itself, the
/// later ones its `Alinea` children; [`LAST`] the last of them.
fn alinea(doc: &Document, cur: NodeId, n: u8) -> Option<NodeId> {
    let mut alineas = doc
        .node(cur)
        .children
        .iter()
        .copied()
        .filter(|&c| doc.node(c).kind == NodeKind::Alinea);
    match n {
        1 => Some(cur),
        LAST => Some(alineas.next_back().unwrap_or(cur)),
        n => alineas.nth(n as usize - 2),
    }
}

/// Follows `path` down from `start`.
pub fn walk(
    doc: &Document,
    index: &Index,
    start: NodeId,
    path: &[Piece],
) -> Result<NodeId, String> {
    let mut cur = start;
    for (i, piece) in path.iter().enumerate() {
        let found = match piece.level {
            Level::Division(kind) => find_division(doc, index, cur, kind, &piece.key),
            Level::Article => {
                let container = doc.container(cur);
                index
                    .articles_with_key(container, &piece.key)
                    .iter()
                    .copied()
                    .find(|&a| cur == container || doc.ancestors(a).any(|x| x == cur))
            }
            Level::Sub(_) => numbered_child(doc, cur, &piece.key),
            Level::Alinea(_, n) => alinea(doc, cur, n),
        };
        match found {
            Some(n) => cur = n,
            None => {
                let what = path_display(&path[i..=i]);
                return Err(if i == 0 || cur == start && cur == NodeId::ROOT {
                    match piece.level {
                        Level::Article | Level::Division(_) => {
                            let where_ = doc.display_name(doc.container(cur));
                            format!("{} does not exist in {}", what, where_)
                        }
                        _ => format!("{} has no {}", doc.display_name(cur), what),
                    }
                } else {
                    format!("{} has no {}", doc.display_name(cur), what)
                });
            }
        }
    }
    Ok(cur)
}

fn find_division(
    doc: &Document,
    index: &Index,
    from: NodeId,
    kind: NodeKind,
    key: &str,
) -> Option<NodeId> {
    // `Chapter V, Section II`: the section of that chapter
    if doc.node(from).kind.is_division() {
        return division_within(doc, from, kind, key);
    }
    match kind {
        // `Annex IVA` where Annex IV holds its part A under a heading
        NodeKind::Annex => index.division(doc.instrument(from), kind, key).or_else(|| {
            let (number, part) = key.split_at(key.len().checked_sub(1)?);
            // not a Roman numeral whole: `Annex VI` is not part I of Annex V
            let lettered = part.bytes().all(|b| b.is_ascii_uppercase())
                && !number.is_empty()
                && number.bytes().all(|b| b"IVXLC".contains(&b))
                && crate::syntax::number::roman_value(key).is_none();
            lettered.then(|| index.division(doc.instrument(from), kind, number))?
        }),
        // `Appendix 1 of Annex 2`: the annex's
        NodeKind::Appendix => match doc.enclosing(from, NodeKind::Annex) {
            Some(annex) => index.division(annex, kind, key),
            None => index.division(doc.instrument(from), kind, key),
        },
        _ => index.division(doc.container(from), kind, key),
    }
}

/// What a name cites, seen from one document: its instruments that the
/// name cites best, the first other file's that does, and how many other
/// files the name cites only by a head noun (`the Charter`).
#[derive(Debug)]
pub(crate) struct InstrumentLookup {
    here: Option<instruments::Best>,
    elsewhere: Option<(DocId, NodeId, u8)>,
    head_noun_files: usize,
}
