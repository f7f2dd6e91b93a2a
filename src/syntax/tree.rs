//! The document model: an arena of nodes in document order, plus the
//! references, brackets and defined terms found in the text.

use serde::Serialize;
use std::ops::Range;

/// A byte range into the document text.
pub type Span = Range<usize>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct NodeId(pub u32);

impl NodeId {
    pub const ROOT: NodeId = NodeId(0);
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The whole file; also the first (main) instrument in it.
    Document,
    /// A further instrument in the same file (an optional protocol, a resolution).
    Instrument,
    Preamble,
    /// Annex or schedule: article numbering restarts inside.
    Annex,
    /// An appendix: of the annex it stands in (`Appendix 1 of Annex 2`),
    /// else of its instrument; numbered apart from the annexes.
    Appendix,
    Book,
    Part,
    Title,
    Chapter,
    Section,
    Subsection,
    Article,
    /// Numbered: `1.`, `(1)`, `1 -`.
    Paragraph,
    /// Lettered: `(a)`, `a)`, `a.`.
    Subparagraph,
    /// Roman: `(i)`, `ii)`.
    Item,
    /// Anything deeper: `(A)`, `(aa)`, `(I)`.
    Subitem,
    /// An unnumbered subdivision, cited by its ordinal: the second and later
    /// blocks of text of a paragraph (EU: `the second subparagraph of
    /// paragraph 1`) or of an article without numbered paragraphs (`Article
    /// 20, second paragraph`). The first is the element itself.
    Alinea,
    /// `IN WITNESS WHEREOF ...`, `DONE at ...`.
    Testimonium,
    /// A titled block without a number (a Markdown heading such as `####
    /// Declaration on Universal Participation`): groups what follows.
    Heading,
}

impl NodeKind {
    /// Divisions group articles; they never occur inside an article.
    pub fn is_division(self) -> bool {
        matches!(
            self,
            NodeKind::Book
                | NodeKind::Part
                | NodeKind::Title
                | NodeKind::Chapter
                | NodeKind::Section
                | NodeKind::Subsection
                | NodeKind::Heading
        )
    }

    /// Containers in which article numbering starts afresh.
    pub fn is_container(self) -> bool {
        matches!(
            self,
            NodeKind::Document | NodeKind::Instrument | NodeKind::Annex | NodeKind::Appendix
        )
    }

    /// An annex, schedule or appendix: what `of this Annex` and the annex
    /// headings open.
    pub fn is_annex(self) -> bool {
        matches!(self, NodeKind::Annex | NodeKind::Appendix)
    }

    /// Numbered or lettered subdivisions of an article.
    pub fn is_subdivision(self) -> bool {
        matches!(
            self,
            NodeKind::Paragraph
                | NodeKind::Subparagraph
                | NodeKind::Item
                | NodeKind::Subitem
                | NodeKind::Alinea
        )
    }

    /// 1 for a paragraph ... 4 for a subitem; 0 for anything else.
    pub fn subdivision_depth(self) -> u8 {
        match self {
            NodeKind::Paragraph => 1,
            NodeKind::Subparagraph => 2,
            NodeKind::Item => 3,
            NodeKind::Subitem => 4,
            _ => 0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Document => "document",
            NodeKind::Instrument => "instrument",
            NodeKind::Preamble => "preamble",
            NodeKind::Annex => "annex",
            NodeKind::Appendix => "appendix",
            NodeKind::Book => "book",
            NodeKind::Part => "part",
            NodeKind::Title => "title",
            NodeKind::Chapter => "chapter",
            NodeKind::Section => "section",
            NodeKind::Subsection => "subsection",
            NodeKind::Article => "article",
            NodeKind::Paragraph => "paragraph",
            NodeKind::Subparagraph => "subparagraph",
            NodeKind::Item => "item",
            NodeKind::Subitem => "subitem",
            NodeKind::Alinea => "alinea",
            NodeKind::Testimonium => "testimonium",
            NodeKind::Heading => "heading",
        }
    }
}

/// How a subdivision label is written; labels of one style are siblings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelStyle {
    /// `1.` or `1 -` or `1)`
    Decimal,
    /// `(1)`
    ParenDecimal,
    LowerAlpha,
    LowerRoman,
    UpperAlpha,
    UpperRoman,
    /// `(aa)`, `(bb)`
    DoubleAlpha,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    /// The label as written: `Article 3 bis`, `(a)`, `CHAPTER II`.
    pub label: Key,
    /// The normalised number: `3bis`, `a`, `II`; empty when unnumbered.
    pub key: Key,
    pub heading: Option<Box<str>>,
    /// The whole element, from its label to the end of its last line.
    pub span: Span,
    /// The label (`Article 3 bis`, `(a)`), empty at the span start when none.
    pub label_span: Span,
    /// Only the number inside the label (`3 bis`, `a`).
    pub number_span: Option<Span>,
    pub heading_span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<LabelStyle>,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
}

impl Node {
    /// The document node: the root of every tree, spanning all the text.
    pub fn root(text_len: usize) -> Node {
        Node {
            kind: NodeKind::Document,
            label: Key::default(),
            key: Key::default(),
            heading: None,
            span: 0..text_len,
            label_span: 0..0,
            number_span: None,
            heading_span: None,
            style: None,
            parent: None,
            children: Vec::new(),
        }
    }
}

/// One piece of a reference path: `Article 6`, `(1)`, `Annex III`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub level: Level,
    pub key: Key,
    pub span: Span,
}

/// The key of a reference piece (`5`, `3bis`, `a`, `XIV`): a string kept
/// inline up to 24 bytes, so pieces, paths and targets cost no allocation.
pub type Key = compact_str::CompactString;

/// `s` in lower case as a [`Key`]: ASCII (nearly every key) without
/// going through Unicode's tables.
pub fn lowercase_key(s: &str) -> Key {
    key_in_case(s, str::make_ascii_lowercase, Key::from_str_to_lowercase)
}

/// `s` in upper case as a [`Key`] (see [`lowercase_key`]).
pub fn uppercase_key(s: &str) -> Key {
    key_in_case(s, str::make_ascii_uppercase, Key::from_str_to_uppercase)
}

fn key_in_case(s: &str, ascii: fn(&mut str), unicode: fn(&str) -> Key) -> Key {
    if s.is_ascii() {
        let mut k = Key::from(s);
        ascii(k.as_mut_str());
        k
    } else {
        unicode(s)
    }
}

/// Appends `s` to `key` in ASCII lower case.
pub fn push_ascii_lowercase(key: &mut Key, s: &str) {
    let start = key.len();
    key.push_str(s);
    key.as_mut_str()[start..].make_ascii_lowercase();
}

/// The level a reference piece addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A division or annex, by its kind.
    Division(NodeKind),
    Article,
    /// Depth below the article: 1 paragraph, 2 subparagraph, 3 item, 4 subitem.
    Sub(u8),
    /// An unnumbered subdivision by its ordinal (`the second subparagraph`,
    /// `first paragraph`; [`LAST`] for `the last subparagraph`), of an
    /// element at depth `.0` (0 an article, 1 a paragraph): it stands
    /// between that depth and the next.
    Alinea(u8, u8),
}

/// The ordinal of `the last subparagraph`.
pub const LAST: u8 = u8::MAX;

impl Level {
    /// Outer levels first: divisions, articles, then depth below the
    /// article, an unnumbered block between its holder and the holder's
    /// numbered subdivisions.
    fn rank(self) -> (u8, u8, u8) {
        match self {
            Level::Division(k) => (0, k as u8, 0),
            Level::Article => (1, 0, 0),
            Level::Sub(n) => (2, n.saturating_mul(2), 0),
            Level::Alinea(depth, ordinal) => (2, depth.saturating_mul(2) + 1, ordinal),
        }
    }
}

impl PartialOrd for Level {
    fn partial_cmp(&self, other: &Level) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Level {
    fn cmp(&self, other: &Level) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

/// `first` ... `tenth`, `last`: the ordinal of an unnumbered subdivision.
pub fn ordinal_word(word: &str) -> Option<u8> {
    const WORDS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if word.eq_ignore_ascii_case("last") {
        return Some(LAST);
    }
    WORDS
        .iter()
        .position(|w| w.eq_ignore_ascii_case(word))
        .map(|p| p as u8 + 1)
}

/// The word for an ordinal: `second`, `last`.
pub fn ordinal_name(ordinal: u8) -> String {
    const WORDS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    match ordinal {
        LAST => "last".into(),
        n if (1..=10).contains(&n) => WORDS[n as usize - 1].into(),
        n => format!("{n}th"),
    }
}

/// What a reference path is relative to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Anchor {
    /// The path names its article or division (`Article 5(1)`).
    Absolute,
    /// Bare `paragraph 2`, `subparagraph (c)`: the enclosing article or paragraph.
    Enclosing,
    /// `this article`, `this paragraph`, `this Annex`, `paragraph 2 of this article`.
    This { kind: NodeKind },
    /// `the preceding paragraph` (offset -1), `the following article` (+1).
    Sibling { kind: NodeKind, offset: i8 },
}

/// Which instrument a reference points into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scope {
    /// Nothing said: the instrument the reference stands in.
    Implicit,
    /// `of this Convention`, `of the present Protocol`.
    ThisInstrument,
    /// Another instrument, named: `of the Budapest Convention`, `of the
    /// Charter` (boxed: few references have one, and every reference of
    /// every draft is kept).
    External(Box<Named>),
}

/// The instrument an external reference names, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    pub name: String,
    pub span: Span,
}

impl Scope {
    /// `Scope::External`, named `name` at `span`.
    pub fn external(name: String, span: Span) -> Scope {
        Scope::External(Box::new(Named { name, span }))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeRole {
    Single,
    /// The first end of `Articles 6 to 16`.
    From,
    /// The last end; the target before it is its `From`.
    To,
}

/// One cited element: every number in a list or range is its own target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The text that names this target (the last number, or `this article`).
    pub span: Span,
    pub anchor: Anchor,
    /// From outermost to innermost. Empty for `this article` alone.
    pub path: Vec<Piece>,
    pub role: RangeRole,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The whole reference, from its first word to its last.
    pub span: Span,
    pub scope: Scope,
    pub targets: Vec<Target>,
    /// The innermost element the reference stands in.
    pub context: NodeId,
}

/// Square-bracketed text: language not yet agreed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bracket {
    /// From `[` to `]` inclusive.
    pub span: Span,
    pub depth: u32,
    /// Index of the enclosing bracket in `Document::brackets`.
    pub parent: Option<usize>,
    /// Brackets standing side by side (`[shall][should]`) share a group.
    pub alternatives: Option<u32>,
    /// `Alt 1`, `Option A`, when the bracket starts with such a label.
    pub label: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Definition {
    pub term: String,
    pub term_span: Span,
    /// The element whose text gives the definition.
    pub node: NodeId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

/// A problem found while reading the text (the parser itself never fails).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SyntaxIssue {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub span: Span,
}

/// Metadata from a front-matter block at the top of the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FrontMatter {
    pub span: Span,
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub aliases: Vec<String>,
    /// The draft this one follows in its negotiation (`supersedes:
    /// A/AC.291/16`): its id, alias or title, and where it is written.
    pub supersedes: Option<(String, Span)>,
    /// Every `key: value` line, in order, for fields not named above.
    pub other: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    pub title: Option<String>,
    pub front_matter: Option<FrontMatter>,
    /// `nodes[0]` is the root; nodes are in document order (pre-order).
    pub nodes: Vec<Node>,
    pub references: Vec<Reference>,
    pub brackets: Vec<Bracket>,
    pub definitions: Vec<Definition>,
    /// The document's short names for other instruments (`hereinafter
    /// referred to as "the Convention"`).
    pub short_names: Vec<ShortName>,
    /// Where the text amends another act (and quotes its new text).
    pub amendments: Vec<Amendment>,
    pub issues: Vec<SyntaxIssue>,
    /// What the next parse after an edit resumes from (not part of the
    /// parse: equal documents may keep different ones).
    #[serde(skip)]
    pub(crate) kept: super::incremental::Kept,
}

/// A stretch of text that amends another act: from the sentence that says
/// so to the end of its article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Amendment {
    pub span: Span,
    /// The amended act as the text names it, when it does.
    pub act: Option<String>,
}

/// `the Convention` for `the United Nations Framework Convention on Climate
/// Change`, as the document itself says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ShortName {
    /// Without `the`: `Convention`.
    pub short: String,
    pub long: String,
    /// Where the short name is given.
    pub span: Span,
}

impl Document {
    /// Gives back the room its lists grew into while it was read (a list
    /// doubles as it grows: half a treaty's nodes' room was empty), so that
    /// a workspace of many drafts holds what they need.
    pub fn shrink_to_fit(&mut self) {
        self.nodes.shrink_to_fit();
        for n in &mut self.nodes {
            n.children.shrink_to_fit();
        }
        self.references.shrink_to_fit();
        for r in &mut self.references {
            r.targets.shrink_to_fit();
            for t in &mut r.targets {
                t.path.shrink_to_fit();
            }
        }
        self.brackets.shrink_to_fit();
        self.definitions.shrink_to_fit();
        self.short_names.shrink_to_fit();
        self.amendments.shrink_to_fit();
        self.issues.shrink_to_fit();
    }

    /// The instrument the document calls `cited` (`the Convention`, `that
    /// Convention`), when it gives that short name.
    pub fn short_name(&self, cited: &str) -> Option<&ShortName> {
        let cited = cited.trim();
        let bare = ["the ", "that ", "The ", "That "]
            .iter()
            .find_map(|p| cited.strip_prefix(p))
            .unwrap_or(cited)
            .trim();
        self.short_names
            .iter()
            .rev()
            .find(|s| s.short.eq_ignore_ascii_case(bare))
    }

    /// The instrument the document stands under: the one it calls by a
    /// bare head noun (a protocol's `the Convention`), when there is one.
    pub fn parent_instrument(&self) -> Option<&str> {
        let mut heads = self.short_names.iter().filter(|s| {
            !s.short.contains(' ')
                && crate::syntax::reference::INSTRUMENT_NOUNS
                    .contains(&s.short.to_lowercase().as_str())
        });
        let first = heads.next()?;
        heads
            .all(|s| s.long.eq_ignore_ascii_case(&first.long))
            .then_some(first.long.as_str())
    }

    /// Whether `offset` is in text that amends another act.
    pub fn in_amendment(&self, offset: usize) -> bool {
        self.amendments.iter().any(|a| a.span.contains(&offset))
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    pub fn root(&self) -> &Node {
        &self.nodes[0]
    }

    pub fn ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).parent
    }

    /// `id` itself, then its parent, up to the root.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&n| self.parent(n))
    }

    /// The nearest instrument, annex or the document that holds `id`
    /// (`id` itself when it is one).
    pub fn container(&self, id: NodeId) -> NodeId {
        self.ancestors(id)
            .find(|&n| self.node(n).kind.is_container())
            .unwrap_or(NodeId::ROOT)
    }

    /// The instrument (or the document) that holds `id`, skipping annexes.
    pub fn instrument(&self, id: NodeId) -> NodeId {
        self.ancestors(id)
            .find(|&n| matches!(self.node(n).kind, NodeKind::Document | NodeKind::Instrument))
            .unwrap_or(NodeId::ROOT)
    }

    /// The nearest ancestor-or-self of the given kind.
    pub fn enclosing(&self, id: NodeId, kind: NodeKind) -> Option<NodeId> {
        self.ancestors(id).find(|&n| self.node(n).kind == kind)
    }

    /// The innermost node whose span contains `offset`.
    pub fn node_at(&self, offset: usize) -> NodeId {
        let last = self
            .nodes
            .partition_point(|n| n.span.start <= offset)
            .saturating_sub(1);
        let mut id = NodeId(last as u32);
        while id != NodeId::ROOT && self.node(id).span.end <= offset {
            id = self.parent(id).unwrap_or(NodeId::ROOT);
        }
        id
    }

    /// Articles in document order.
    pub fn articles(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.ids()
            .filter(|&id| self.node(id).kind == NodeKind::Article)
    }

    /// The citation form of a node inside its container: `6(1)(a)`, `3bis`,
    /// `Chapter II`.
    pub fn path_key(&self, id: NodeId) -> String {
        let node = self.node(id);
        if node.kind.is_subdivision() {
            let mut keys = Vec::new();
            let mut head = None;
            for a in self.ancestors(id) {
                let n = self.node(a);
                if n.kind == NodeKind::Alinea {
                    continue;
                }
                if n.kind.is_subdivision() {
                    keys.push(n.key.as_str());
                } else {
                    if n.kind == NodeKind::Article {
                        head = Some(n.key.as_str());
                    }
                    break;
                }
            }
            keys.reverse();
            let mut out = head.unwrap_or("").to_string();
            for k in keys {
                out.push('(');
                out.push_str(k);
                out.push(')');
            }
            out
        } else {
            node.key.to_string()
        }
    }

    /// A human name for a node: `Article 6(1)(a)`, `Annex II, Article 3`.
    pub fn display_name(&self, id: NodeId) -> String {
        let node = self.node(id);
        let own = match node.kind {
            NodeKind::Document => self.title.clone().unwrap_or_else(|| "document".into()),
            NodeKind::Instrument => node
                .heading
                .as_deref()
                .map_or_else(|| node.label.to_string(), str::to_string),
            NodeKind::Preamble => "Preamble".into(),
            NodeKind::Testimonium => "Final clause".into(),
            // `Article 49(1), second subparagraph`
            NodeKind::Alinea => {
                let parent = self.parent(id).unwrap_or(NodeId::ROOT);
                let word = if self.node(parent).kind == NodeKind::Article {
                    "paragraph"
                } else {
                    "subparagraph"
                };
                let n = node.key.parse().unwrap_or(0);
                return format!(
                    "{}, {} {}",
                    self.display_name(parent),
                    ordinal_name(n),
                    word
                );
            }
            // a point of an unnumbered block: `Article 49(1), second
            // subparagraph, (a)`
            k if k.is_subdivision()
                && self
                    .ancestors(id)
                    .skip(1)
                    .any(|a| self.node(a).kind == NodeKind::Alinea) =>
            {
                let block = self
                    .ancestors(id)
                    .find(|&a| self.node(a).kind == NodeKind::Alinea)
                    .unwrap_or(id);
                let mut keys: Vec<&str> = self
                    .ancestors(id)
                    .take_while(|&a| a != block)
                    .map(|a| self.node(a).key.as_str())
                    .collect();
                keys.reverse();
                let inner: String = keys.iter().map(|k| format!("({k})")).collect();
                return format!("{}, {}", self.display_name(block), inner);
            }
            k if k.is_subdivision() => match self.enclosing(id, NodeKind::Article) {
                Some(_) => format!("Article {}", self.path_key(id)),
                // `Preamble (2)`, `Resolution II (1)`, as they are cited
                None => {
                    let holder = self
                        .ancestors(id)
                        .find(|&a| !self.node(a).kind.is_subdivision())
                        .unwrap_or(NodeId::ROOT);
                    let h = self.node(holder);
                    let name = match h.kind {
                        NodeKind::Document => return node.label.to_string(),
                        NodeKind::Preamble => "Preamble".to_string(),
                        NodeKind::Instrument if !h.label.is_empty() => h.label.to_string(),
                        _ => self.display_name(holder),
                    };
                    return format!("{name} {}", self.path_key(id));
                }
            },
            NodeKind::Article => format!("Article {}", node.key),
            _ => node.label.to_string(),
        };
        // `ANNEX 2, APPENDIX 1`
        let container = match node.kind {
            NodeKind::Appendix => self.container(self.parent(id).unwrap_or(NodeId::ROOT)),
            _ => self.container(id),
        };
        if container != NodeId::ROOT && container != id && !node.kind.is_container()
            || self.node(container).kind == NodeKind::Annex && node.kind == NodeKind::Appendix
        {
            format!("{}, {}", self.display_name(container), own)
        } else {
            own
        }
    }
}

fn piece_name(p: &Piece) -> String {
    match p.level {
        Level::Division(k) => {
            let mut n = k.name().to_string();
            n[..1].make_ascii_uppercase();
            // `the Annex`: no number
            if p.key.is_empty() {
                return n;
            }
            format!("{} {}", n, p.key)
        }
        Level::Article => format!("Article {}", p.key),
        Level::Sub(1) => format!("paragraph {}", p.key),
        Level::Sub(2) => format!("subparagraph ({})", p.key),
        Level::Sub(_) => format!("({})", p.key),
        Level::Alinea(depth, n) => format!(
            "{} {}",
            ordinal_name(n),
            if depth == 0 {
                "paragraph"
            } else {
                "subparagraph"
            }
        ),
    }
}

/// A path as a reader writes it: `Article 6(1)(a)`, `Annex III, Article 4`,
/// `paragraph 2(b)` (relative).
pub fn path_display(path: &[Piece]) -> String {
    let mut out = String::new();
    for p in path {
        match p.level {
            Level::Sub(_) if !out.is_empty() => {
                out.push('(');
                out.push_str(&p.key);
                out.push(')');
            }
            _ => {
                if !out.is_empty() {
                    out.push_str(", ");
                }
                out.push_str(&piece_name(p));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{lowercase_key, uppercase_key, Scope};

    /// A boxed external scope reads in JSON as the fields it always had,
    /// beside its kind.
    #[test]
    fn an_external_scope_serializes_flat() {
        let json = serde_json::to_value(Scope::external("the Charter".into(), 4..15)).unwrap();
        let expected = serde_json::json!({"kind": "external", "name": "the Charter",
                                          "span": {"start": 4, "end": 15}});
        assert_eq!(json, expected);
        assert_eq!(
            serde_json::to_value(Scope::ThisInstrument).unwrap(),
            serde_json::json!({"kind": "this_instrument"})
        );
    }

    #[test]
    fn keys_change_case_as_str_does() {
        for s in ["5bis", "XIV", "a", "", "Ⅻ", "İ", "straße", "ΣΑ", "ǅ"] {
            assert_eq!(lowercase_key(s), s.to_lowercase(), "{s}");
            assert_eq!(uppercase_key(s), s.to_uppercase(), "{s}");
        }
    }
}
