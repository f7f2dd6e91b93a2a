//! Reading an edited text's structure from where the edit starts.
//!
//! The parser keeps a [`Checkpoint`] at the first line and on the line
//! after about one article, division, annex or instrument heading in four
//! (`Parser::worth_keeping`): everything its further reading depends on,
//! which is small (the open elements and a few flags). After an
//! edit, parsing resumes at the last checkpoint whose reading stopped short
//! of the edit, and runs until a checkpoint past the edit finds the same
//! state the old parse had there. From that point on the old parse is the
//! new one, moved by the edit's length: the same state reading the same text
//! does the same. So an edit inside an article re-reads about that article;
//! an edit that changes what follows (a code fence opened, a list's depth)
//! reads on until the state agrees again, to the end if need be.

use super::super::incremental::Edit;
use super::*;

/// The parser's state at the start of a line, as far as what it does next
/// depends on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Checkpoint {
    /// the line about to be read, and where it starts
    line: usize,
    offset: usize,
    /// how far the parse had read (lookahead included)
    read_to: usize,
    /// how many nodes, issues and opaque spans there were
    nodes: usize,
    issues: usize,
    opaque: usize,
    stack: Vec<OpenAt>,
    /// the stack position of the heading awaiting its title
    pending_title: Option<usize>,
    prev_blank: bool,
    prev_heading: bool,
    prev_last: Option<char>,
    prev_ends_with_conjunction: bool,
    prev_line: Span,
    /// the last line of the quoted provisions being read, from this line
    quote_until: Option<i64>,
    /// how many lines from this one the search for a closing quote has read
    quote_scanned: usize,
    division_depths: Vec<(NodeKind, usize)>,
    flattened: bool,
    titled: bool,
    /// nothing but unlabelled preambles read yet
    before_body: bool,
}

/// An open element at a checkpoint: its node, what the parser keeps about
/// it, and the parts of its node that change while it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
struct OpenAt {
    id: NodeId,
    open: Open,
    end: usize,
    headed: bool,
    children: usize,
}

/// What a parse keeps for the next parse of the same file after an edit:
/// its checkpoints, and its issues and opaque spans in the order found
/// (the document holds them sorted and merged with other stages').
#[derive(Clone, Default, Debug)]
pub(crate) struct Resume {
    pub(crate) checkpoints: Vec<Checkpoint>,
    pub(super) issues: Vec<SyntaxIssue>,
    pub(super) opaque: Vec<Span>,
    /// the title found in the text (before the front matter's stands in)
    pub(super) title: Option<String>,
}

impl Resume {
    /// Whether `new`, a parse of this text after `edit`, found the same
    /// opaque spans (code fences, comments, front matter), moved.
    pub(crate) fn same_opaque_after(&self, new: &Resume, edit: &Edit) -> bool {
        self.opaque.len() == new.opaque.len()
            && self
                .opaque
                .iter()
                .zip(&new.opaque)
                .all(|(o, n)| edit.moved_span(o).as_ref() == Some(n))
    }

    /// `None` when two parses keep the same for the next edit, else the
    /// first difference (tests hold a resumed parse's equal to a whole
    /// one's).
    pub(crate) fn difference(&self, other: &Resume) -> Option<String> {
        let (a, b) = (&self.checkpoints, &other.checkpoints);
        // a resumed parse may keep a farther `read_to` than a whole one
        // (what the old parse read ahead), never a nearer one
        let same = |x: &Checkpoint, y: &Checkpoint| {
            x.read_to >= y.read_to
                && Checkpoint {
                    read_to: y.read_to,
                    ..x.clone()
                } == *y
        };
        if let Some((x, y)) = a.iter().zip(b).find(|(x, y)| !same(x, y)) {
            return Some(format!("checkpoint\n{x:?}\nnot\n{y:?}"));
        }
        if a.windows(2).any(|w| w[1].read_to < w[0].read_to) {
            return Some("checkpoints whose read_to decreases".into());
        }
        if a.len() != b.len() {
            return Some(format!("{} checkpoints, not {}", a.len(), b.len()));
        }
        if self.issues != other.issues || self.opaque != other.opaque {
            return Some("issues or opaque spans".into());
        }
        (self.title != other.title)
            .then(|| format!("title {:?}, not {:?}", self.title, other.title))
    }
}

/// What a resumed parse read again: the structure from `from` on may
/// differ from the old one's; from the offset of `spliced` on, it is the
/// old one moved by the edit.
#[derive(Clone, Debug)]
pub(crate) struct Resumed {
    /// where it started reading: the same offset in both texts, before
    /// the edit
    pub from: usize,
    pub spliced: Option<Spliced>,
    /// every element is the old one, where it was or moved by the edit:
    /// the same kind, label, number, heading, style, parent and children
    pub same_nodes: bool,
}

/// Where a resumed parse took up the old one, and how node ids moved.
#[derive(Clone, Debug)]
pub(crate) struct Spliced {
    /// an offset in the new text, at the start of a line past the edit
    pub at: usize,
    old_nodes: usize,
    new_nodes: usize,
    /// the elements open there, their old ids and new ones
    stack: Vec<(NodeId, NodeId)>,
}

impl Spliced {
    /// The new id of an old node that starts at or after `at`, or is open
    /// there; `None` for any other.
    pub(crate) fn id(&self, old: NodeId) -> Option<NodeId> {
        if old.index() >= self.old_nodes {
            return Some(NodeId(
                (old.index() - self.old_nodes + self.new_nodes) as u32,
            ));
        }
        self.stack.iter().find(|(o, _)| *o == old).map(|&(_, n)| n)
    }
}

impl Checkpoint {
    pub(super) fn offset(&self) -> usize {
        self.offset
    }
}

impl Parser<'_> {
    pub(super) fn checkpoint(&self, line: usize, offset: usize) -> Checkpoint {
        let stack = self
            .stack
            .iter()
            .zip(&self.open)
            .map(|(&id, &open)| {
                let node = &self.nodes[id.index()];
                OpenAt {
                    id,
                    open,
                    end: node.span.end,
                    headed: node.heading_span.is_some(),
                    children: node.children.len(),
                }
            })
            .collect();
        Checkpoint {
            line,
            offset,
            read_to: self.read_to.get(),
            nodes: self.nodes.len(),
            issues: self.issues.len(),
            opaque: self.opaque.len(),
            stack,
            pending_title: self
                .pending_title
                .and_then(|id| self.stack.iter().position(|&s| s == id)),
            prev_blank: self.prev_blank,
            prev_heading: self.prev_heading,
            prev_last: self.prev_last,
            prev_ends_with_conjunction: self.prev_ends_with_conjunction,
            prev_line: self.prev_line.clone(),
            quote_until: self.quote_until.map(|e| e as i64 - line as i64),
            quote_scanned: self.quote_scanned.saturating_sub(line),
            division_depths: self.division_depths.clone(),
            flattened: self.flattened,
            titled: self.title.is_some(),
            before_body: self.nodes[1..]
                .iter()
                .all(|n| n.kind == NodeKind::Preamble && n.label.is_empty()),
        }
    }
}

/// The old parse: its text, nodes, front matter and what it kept.
struct Old<'a> {
    text: &'a str,
    nodes: &'a [Node],
    front_matter: &'a Option<FrontMatter>,
    resume: &'a Resume,
}

/// The structure of `new_text`, `old_text` edited by `edit`, read from
/// the old parse's checkpoint before the edit. `None` when no checkpoint
/// lies before it (the caller parses the whole text).
pub(crate) fn reparse_structure(
    old_text: &str,
    old: &Document,
    new_text: &str,
    edit: &Edit,
) -> Option<Structure> {
    let old = Old {
        text: old_text,
        nodes: &old.nodes,
        front_matter: &old.front_matter,
        resume: &old.kept.structure,
    };
    let at = old
        .resume
        .checkpoints
        .partition_point(|c| c.read_to < edit.start)
        .checked_sub(1)?;
    let mut p = resumed(&old, at, new_text);
    let from = &old.resume.checkpoints[at];
    let mut agrees = None;
    let stopped = p.run(from.line, &mut |p, c| {
        agrees = agreeing(p, c, &old, edit);
        agrees.is_some()
    });
    let (mut structure, spliced) = match (stopped, agrees) {
        (true, Some(j)) => {
            let (structure, spliced) = splice(p, &old, j, edit)?;
            (structure, Some(spliced))
        }
        _ => (p.finish(), None),
    };
    let same_nodes = spliced
        .as_ref()
        .is_some_and(|s| same_nodes(&structure.nodes, old.nodes, from, s));
    structure.resumed = Some(Resumed {
        from: from.offset,
        spliced,
        same_nodes,
    });
    Some(structure)
}

/// A parser of `new_text` in the state of the old parse's checkpoint
/// `at` (before the edit, so its line is where it was).
fn resumed<'t>(old: &Old, at: usize, new_text: &'t str) -> Parser<'t> {
    let c = &old.resume.checkpoints[at];
    // the checkpoint's line and those before it are the old text's
    let lines = LinesFrom::new(new_text, c.line, c.offset);
    // room for the old parse's rest too: a vector that doubles as it
    // grows would hold twice a long text's nodes at its peak
    let mut nodes = Vec::with_capacity(old.nodes.len() + 64);
    nodes.extend_from_slice(&old.nodes[..c.nodes]);
    for o in &c.stack {
        let node = &mut nodes[o.id.index()];
        node.span.end = o.end;
        node.children.truncate(o.children);
        if !o.headed {
            node.heading = None;
            node.heading_span = None;
        }
    }
    let stack: Vec<NodeId> = c.stack.iter().map(|o| o.id).collect();
    Parser {
        text: new_text,
        lines,
        nodes,
        pending_title: c.pending_title.map(|j| stack[j]),
        open: c.stack.iter().map(|o| o.open).collect(),
        stack,
        opaque: old.resume.opaque[..c.opaque].to_vec(),
        issues: old.resume.issues[..c.issues].to_vec(),
        title: if c.titled {
            old.resume.title.clone()
        } else {
            None
        },
        front_matter: old.front_matter.clone(),
        division_depths: c.division_depths.clone(),
        prev_blank: c.prev_blank,
        prev_heading: c.prev_heading,
        prev_last: c.prev_last,
        prev_ends_with_conjunction: c.prev_ends_with_conjunction,
        line_no: c.line,
        col: 0,
        prev_line: c.prev_line.clone(),
        quote_until: c.quote_until.map(|r| (c.line as i64 + r).max(0) as usize),
        quote_scanned: c.line + c.quote_scanned,
        flattened: c.flattened,
        read_to: Cell::new(c.read_to),
        checkpoints: {
            let mut kept = Vec::with_capacity(old.resume.checkpoints.len() + 8);
            kept.extend_from_slice(&old.resume.checkpoints[..=at]);
            kept
        },
        checkpointed: c.nodes,
    }
}

/// The old checkpoint where the old parse was in the state the new one is
/// in at `c`, a checkpoint past the edit: from there on they read alike.
fn agreeing(p: &Parser, c: &Checkpoint, old: &Old, edit: &Edit) -> Option<usize> {
    if c.offset < edit.new_end {
        return None;
    }
    let offset = edit.old_offset(c.offset);
    let checkpoints = &old.resume.checkpoints;
    let j = checkpoints.partition_point(|o| o.offset < offset);
    let o = checkpoints.get(j).filter(|o| o.offset == offset)?;
    let same = c.stack.len() == o.stack.len()
        && c.pending_title == o.pending_title
        && (
            c.prev_blank,
            c.prev_heading,
            c.prev_last,
            c.prev_ends_with_conjunction,
        ) == (
            o.prev_blank,
            o.prev_heading,
            o.prev_last,
            o.prev_ends_with_conjunction,
        )
        && p.text[c.prev_line.clone()] == old.text[o.prev_line.clone()]
        && (c.quote_until, c.quote_scanned) == (o.quote_until, o.quote_scanned)
        && c.division_depths == o.division_depths
        && (c.flattened, c.titled, c.before_body) == (o.flattened, o.titled, o.before_body)
        && (c.nodes == 1) == (o.nodes == 1)
        && (!c.titled || p.title == old.resume.title)
        && c.stack
            .iter()
            .zip(&o.stack)
            .all(|(n, o)| same_open(p, n, old, o, edit));
    same.then_some(j)
}

/// Whether an open element reads on as the old one did.
fn same_open(p: &Parser, n: &OpenAt, old: &Old, o: &OpenAt, edit: &Edit) -> bool {
    let (a, b) = (&p.nodes[n.id.index()], &old.nodes[o.id.index()]);
    n.open == o.open
        && n.headed == o.headed
        && (a.kind, &a.label, &a.key, a.style) == (b.kind, &b.label, &b.key, b.style)
        && (!n.headed || a.heading == b.heading)
        && edit.same_offset(b.span.start, a.span.start)
        && edit.same_offset(o.end, n.end)
        && children_summary(&p.nodes, &a.children[..n.children])
            == children_summary(old.nodes, &b.children[..o.children])
}

/// What the parser reads of an open element's children: how many are
/// unnumbered blocks, whether all are preambles, the last one's kind and
/// number.
fn children_summary<'a>(
    nodes: &'a [Node],
    children: &[NodeId],
) -> (usize, bool, Option<(NodeKind, &'a Key)>) {
    let kind = |c: &NodeId| nodes[c.index()].kind;
    (
        children
            .iter()
            .filter(|c| kind(c) == NodeKind::Alinea)
            .count(),
        children.iter().all(|c| kind(c) == NodeKind::Preamble),
        children.last().map(|c| (kind(c), &nodes[c.index()].key)),
    )
}

/// Whether the nodes of a parse resumed at checkpoint `from` and spliced
/// as `spliced` are the old ones in all but their spans: those the new
/// parse made, and those open at `from` (which it may have given a
/// heading or children); the rest were copied or moved.
fn same_nodes(new: &[Node], old: &[Node], from: &Checkpoint, spliced: &Spliced) -> bool {
    let same = |i: usize| {
        let (a, b) = (&new[i], &old[i]);
        (
            a.kind,
            &a.label,
            &a.key,
            &a.heading,
            a.style,
            a.parent,
            &a.children,
        ) == (
            b.kind,
            &b.label,
            &b.key,
            &b.heading,
            b.style,
            b.parent,
            &b.children,
        )
    };
    spliced.old_nodes == spliced.new_nodes
        && new.len() == old.len()
        && spliced.stack.iter().all(|(o, n)| o == n)
        && (from.nodes..spliced.new_nodes).all(same)
        && from.stack.iter().all(|o| same(o.id.index()))
}

/// The new parse up to its checkpoint that agrees with the old one's `j`,
/// then the old parse from there, moved by the edit; and where they meet.
fn splice(mut p: Parser, old: &Old, j: usize, edit: &Edit) -> Option<(Structure, Spliced)> {
    let new = p.checkpoints.last()?.clone();
    let at = &old.resume.checkpoints[j];
    let moved = Moved {
        edit,
        old: at,
        new: &new,
    };
    for node in &old.nodes[at.nodes..] {
        p.nodes.push(moved.node(node)?);
    }
    // what the open elements gained after the checkpoint
    for (o, n) in at.stack.iter().zip(&new.stack) {
        let was = &old.nodes[o.id.index()];
        let later = &was.children[o.children..];
        let later: Vec<NodeId> = later.iter().map(|&c| moved.id(c)).collect::<Option<_>>()?;
        let node = &mut p.nodes[n.id.index()];
        if was.span.end != o.end {
            node.span.end = moved.end(was.span.end)?;
        }
        if !o.headed && was.heading_span.is_some() {
            node.heading = was.heading.clone();
            node.heading_span = moved.span(was.heading_span.as_ref());
        }
        node.children.extend(later);
    }
    for issue in &old.resume.issues[at.issues..] {
        let span = edit.moved(issue.span.start)?..edit.moved(issue.span.end)?;
        p.issues.push(SyntaxIssue {
            span,
            ..issue.clone()
        });
    }
    for s in &old.resume.opaque[at.opaque..] {
        p.opaque.push(edit.moved(s.start)?..edit.moved(s.end)?);
    }
    for c in &old.resume.checkpoints[j + 1..] {
        p.checkpoints.push(moved.checkpoint(c)?);
    }
    p.title.clone_from(&old.resume.title);
    let spliced = Spliced {
        at: new.offset,
        old_nodes: at.nodes,
        new_nodes: new.nodes,
        stack: at
            .stack
            .iter()
            .zip(&new.stack)
            .map(|(o, n)| (o.id, n.id))
            .collect(),
    };
    Some((p.into_structure(), spliced))
}

/// Moves what the old parse read after the checkpoint where the two
/// agree (`old` there, `new` in the new parse) to where it is now: offsets
/// by the edit's length, node ids by the nodes the new parse added or
/// lost, open elements to the new parse's.
struct Moved<'a> {
    edit: &'a Edit,
    old: &'a Checkpoint,
    new: &'a Checkpoint,
}

impl Moved<'_> {
    fn id(&self, id: NodeId) -> Option<NodeId> {
        if id.index() >= self.old.nodes {
            return Some(NodeId(
                (id.index() - self.old.nodes + self.new.nodes) as u32,
            ));
        }
        let k = self.old.stack.iter().position(|o| o.id == id)?;
        Some(self.new.stack[k].id)
    }

    /// Where an open element of the old parse ends in the new: an end
    /// that an element open at the checkpoint had then (its own, or one a
    /// deeper one passed up when it closed) is that element's end in the
    /// new parse; any later one is past the checkpoint and moves with the
    /// edit. (They differ at an insertion point: `Article 1|` with `\r`
    /// typed before its `\n` ends where it did.)
    fn end(&self, old_end: usize) -> Option<usize> {
        match self.old.stack.iter().position(|s| s.end == old_end) {
            Some(k) => Some(self.new.stack[k].end),
            None => self.edit.moved(old_end),
        }
    }

    fn span(&self, s: Option<&Span>) -> Option<Span> {
        let s = s?;
        Some(self.edit.moved(s.start)?..self.edit.moved(s.end)?)
    }

    fn node(&self, node: &Node) -> Option<Node> {
        Some(Node {
            span: self.span(Some(&node.span))?,
            label_span: self.span(Some(&node.label_span))?,
            number_span: self.span(node.number_span.as_ref()),
            heading_span: self.span(node.heading_span.as_ref()),
            parent: Some(self.id(node.parent?)?),
            children: node
                .children
                .iter()
                .map(|&c| self.id(c))
                .collect::<Option<_>>()?,
            ..node.clone()
        })
    }

    /// A later checkpoint of the old parse, as the new parse would have
    /// kept it.
    fn checkpoint(&self, c: &Checkpoint) -> Option<Checkpoint> {
        let (old, new) = (self.old, self.new);
        let stack = c.stack.iter().map(|o| {
            // an element open where the parses agree: its count of
            // children is the new one's and what it gained since
            let k = old.stack.iter().position(|s| s.id == o.id);
            let end = self.end(o.end)?;
            let children = match k {
                Some(k) => o.children - old.stack[k].children + new.stack[k].children,
                None => o.children,
            };
            Some(OpenAt {
                id: self.id(o.id)?,
                end,
                children,
                ..o.clone()
            })
        });
        Some(Checkpoint {
            line: c.line - old.line + new.line,
            offset: self.edit.moved(c.offset)?,
            // what the new parse read ahead before the checkpoint where
            // they agree counts too (a label's lookahead, a quote's
            // search): at least as far as a whole parse's, never less
            read_to: self.edit.moved(c.read_to)?.max(new.read_to),
            nodes: c.nodes - old.nodes + new.nodes,
            issues: c.issues - old.issues + new.issues,
            opaque: c.opaque - old.opaque + new.opaque,
            stack: stack.collect::<Option<_>>()?,
            prev_line: self.span(Some(&c.prev_line))?,
            ..c.clone()
        })
    }
}
