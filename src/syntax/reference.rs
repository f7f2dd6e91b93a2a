//! Cross-references: `Article 6(1)(a)`, `article 23, paragraph 1 (a) (i) or
//! (ii)`, `points (a) and (b) of Article 9(2)`, `Articles 6 to 16`,
//! `paragraph 2 of this article`, `Article 19 of the International Covenant
//! on Civil and Political Rights`.
//!
//! A fast regex finds the trigger words; from each, a small tokenizer and a
//! recursive-descent reader take the longest reference that starts there.
//! Every number becomes a piece with its own span, and every cited element
//! its own target, so a cursor on any number finds exactly what it names.

mod resume;

pub(crate) use resume::{read_after_edit, OldReading};

use super::incremental::Edit;
use super::number::{is_latin_suffix, normalise_to_key, roman_value};
use super::tree::*;
use regex::Regex;
use std::sync::LazyLock;

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(?:art|arts|articles?|paras?|paragraphs?|sub-?paragraphs?|points?|letters?|items?|sub-?items?|chapters?|parts?|sections?|sub-?sections?|annex|annexes|appendix|appendices|schedules?|titles?|this|that|present|preceding|previous|following|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)(?:\b|[0-9])",
    )
    .unwrap()
});

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Head nouns of instrument names: `the ... Convention`, `the Charter`.
pub(crate) const INSTRUMENT_NOUNS: &[&str] = &[
    "convention",
    "covenant",
    "charter",
    "statute",
    "statutes",
    "treaty",
    "protocol",
    "agreement",
    "regulation",
    "directive",
    "decision",
    "act",
    "code",
    "constitution",
    "declaration",
    "rules",
    "pact",
    "accord",
    "instrument",
    "report",
    "resolution",
    "recommendation",
    // `Articles 10 to 14 of Regulations (EU) No 1093/2010, (EU) No
    // 1094/2010 and (EU) No 1095/2010`
    "regulations",
    "directives",
    "decisions",
    "conventions",
    "protocols",
    "treaties",
    "agreements",
];

/// Lower-case words allowed inside an instrument name.
pub(crate) const NAME_CONNECTORS: &[&str] = &[
    "of",
    "on",
    "the",
    "and",
    "for",
    "against",
    "to",
    "in",
    "relating",
    "concerning",
    "between",
    "with",
    "regarding",
    "de",
    "la",
    "le",
    "du",
    "des",
];

/// A word in lower case, on the stack when short (every word the reader
/// looks for is): asking what a token says costs no allocation.
struct Lower {
    buf: [u8; 24],
    len: usize,
    long: Option<String>,
}

impl Lower {
    /// ASCII lower case (`str::to_ascii_lowercase`).
    fn ascii(s: &str) -> Lower {
        let mut l = Lower {
            buf: [0; 24],
            len: s.len(),
            long: None,
        };
        if s.len() <= l.buf.len() {
            l.buf[..s.len()].copy_from_slice(s.as_bytes());
            l.buf[..s.len()].make_ascii_lowercase();
        } else {
            l.long = Some(s.to_ascii_lowercase());
        }
        l
    }

    /// Unicode lower case (`str::to_lowercase`).
    fn unicode(s: &str) -> Lower {
        if s.is_ascii() {
            Lower::ascii(s)
        } else {
            Lower {
                buf: [0; 24],
                len: 0,
                long: Some(s.to_lowercase()),
            }
        }
    }

    fn as_str(&self) -> &str {
        match &self.long {
            Some(l) => l,
            // SAFETY: `buf[..len]` is a whole `&str` lower-cased as ASCII,
            // which keeps UTF-8 valid
            None => unsafe { std::str::from_utf8_unchecked(&self.buf[..self.len]) },
        }
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tk {
    Word,
    Num,
    Punct(char),
    /// `][` between bracketed alternatives (`Article [3][4]`); a `|` is
    /// punctuation, never this
    Alternative,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Tk,
    start: usize,
    end: usize,
    /// whitespace (or a line break) separates it from the previous token
    space: bool,
    /// an opening square bracket stands just before it: `Article [3`
    bracket: bool,
}

/// Scans the whole text for references. `opaque` spans (code fences, front
/// matter) are skipped.
pub fn scan(text: &str, doc: &Document, opaque: &[Span]) -> Vec<Reference> {
    scan_candidates(text, doc, opaque, &candidates(text))
}

/// Where a reference may start: a trigger word followed by what can begin
/// one. A function of the text alone, so that it can be found while the
/// structure is read (see `syntax::parse_in_parallel`).
pub fn candidates(text: &str) -> Vec<(usize, usize)> {
    TRIGGER
        .find_iter(text)
        .filter(|m| may_start_reference(text, m.start(), m.end()))
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// [`candidates`] of `new`, `old` edited by `edit`, from the old text's:
/// only the lines around the edit are searched again. A trigger and the
/// test of what follows it read no line break (and no line after the first
/// word that follows), so from the line before the edit holding such a word
/// to the line after the edit the candidates are found again; outside it
/// they are the old ones, moved by the edit after it.
pub(crate) fn candidates_after(
    old: &[(usize, usize)],
    new: &str,
    edit: &Edit,
) -> Vec<(usize, usize)> {
    let from = context_start(new, edit.start);
    let to = super::lines::next_line_start(new, edit.new_end);
    let old_to = edit.old_offset(to);
    let keep = old.partition_point(|&(s, _)| s < from);
    let after = old.partition_point(|&(s, _)| s < old_to);
    let mut out = Vec::with_capacity(old.len() + 8);
    out.extend_from_slice(&old[..keep]);
    out.extend(
        TRIGGER
            .find_iter(&new[from..to])
            .map(|m| (from + m.start(), from + m.end()))
            .filter(|&(s, e)| may_start_reference(new, s, e)),
    );
    out.extend(
        old[after..]
            .iter()
            .map(|&(s, e)| (s - old_to + to, e - old_to + to)),
    );
    out
}

/// Where the candidates a change at `at` may alter start: the last line
/// before `at`'s with a character [`may_start_reference`] does not pass
/// over, which a trigger before it reads at most up to.
fn context_start(text: &str, at: usize) -> usize {
    let mut line = super::lines::line_start(text, at);
    while line > 0 {
        let prev = super::lines::line_start(text, line - 1);
        let has_word = text[prev..line].chars().any(|c| !is_passed_over(c));
        line = prev;
        if has_word {
            break;
        }
    }
    line
}

/// What [`may_start_reference`] passes over after a trigger.
fn is_passed_over(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{a0}' | '\u{202f}' | '*' | '_' | '.' | '['
    )
}

/// [`scan`], given the [`candidates`] of `text`.
pub fn scan_candidates(
    text: &str,
    doc: &Document,
    opaque: &[Span],
    candidates: &[(usize, usize)],
) -> Vec<Reference> {
    read_candidates(text, doc, opaque, candidates).references
}

/// How far from where it starts the reading of a reference may look:
/// ahead, the lexer's 600 bytes, then 60 characters (`announces_new_text`)
/// and a byte or two of a token's lookahead; behind, an instrument named
/// up to 460 bytes back (`named_before`), and a few words over runs of
/// spaces that are cut at 64 bytes. The incremental reading
/// ([`read_after_edit`]) relies on these bounds; a reading that looks
/// farther must raise them.
pub(crate) const READ_AHEAD: usize = 1024;
pub(crate) const READ_BEHIND: usize = 1024;

/// What a reading of references keeps for the next one after an edit.
#[derive(Clone, Default, Debug, PartialEq, Eq)]
pub(crate) struct ReadKept {
    /// for each reference, the candidate it was read from
    pub read_from: Vec<usize>,
    /// the spans the reader skipped (opaque spans and code spans)
    pub verbatim: Vec<Span>,
    /// references whose context or scope a later pass changed (footnotes,
    /// amendments): their index and what the reader gave
    pub raw_contexts: Vec<(usize, NodeId)>,
    pub raw_scopes: Vec<(usize, Scope)>,
}

/// References read, and for each the candidate it was read from.
pub(crate) struct Read {
    pub references: Vec<Reference>,
    pub read_from: Vec<usize>,
}

/// [`scan_candidates`], with where each reference was read from.
pub(crate) fn read_candidates(
    text: &str,
    doc: &Document,
    opaque: &[Span],
    candidates: &[(usize, usize)],
) -> Read {
    let mut scan = Scan::new(text, doc, opaque);
    for &(start, _) in candidates {
        scan.read(start);
    }
    scan.done()
}

/// The reading of references from candidates, in text order.
struct Scan<'a> {
    text: &'a str,
    doc: &'a Document,
    opaque: &'a [Span],
    labels: Vec<Span>,
    stops: Vec<usize>,
    refs: Vec<Reference>,
    read_from: Vec<usize>,
    /// where the last reference ends: a candidate before it is inside it
    covered: usize,
    toks: std::cell::RefCell<Vec<Tok>>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, doc: &'a Document, opaque: &'a [Span]) -> Scan<'a> {
        // heading labels are declarations, not references; and a reference
        // never runs on into the label of the next element
        let mut labels: Vec<Span> = doc
            .nodes
            .iter()
            .skip(1)
            .filter(|n| !n.label_span.is_empty())
            .map(|n| n.label_span.clone())
            .collect();
        labels.sort_by_key(|s| s.start);
        let mut stops: Vec<usize> = labels.iter().map(|s| s.start).collect();
        stops.extend(opaque.iter().map(|s| s.start));
        stops.sort_unstable();
        Scan {
            text,
            doc,
            opaque,
            labels,
            stops,
            refs: Vec::new(),
            read_from: Vec::new(),
            covered: 0,
            toks: std::cell::RefCell::new(Vec::with_capacity(64)),
        }
    }

    /// Reads the references that start at a candidate, if any.
    fn read(&mut self, start: usize) {
        let text = self.text;
        if start < self.covered || inside(self.opaque, start) || inside(&self.labels, start) {
            return;
        }
        let limit = self
            .stops
            .get(self.stops.partition_point(|&s| s <= start))
            .copied()
            .unwrap_or(text.len())
            .min(start + 600);
        let lexer = std::cell::RefCell::new(Lexer::new(text, start, limit));
        self.toks.borrow_mut().clear();
        let mut r = Reader {
            text,
            toks: &self.toks,
            lexer: &lexer,
            i: 0,
            prev: prev_for(text, &self.refs, start),
            earlier_group: None,
        };
        let found = r.reference();
        for mut reference in found {
            self.covered = reference.span.end;
            reference.context = self.doc.node_at(reference.span.start);
            self.refs.push(reference);
            self.read_from.push(start);
        }
    }

    fn done(self) -> Read {
        Read {
            references: self.refs,
            read_from: self.read_from,
        }
    }
}

/// The reference just before `start` a reader may lean on (`of that
/// article`): the last one, when near and in the same paragraph.
fn prev_for<'r>(text: &str, refs: &'r [Reference], start: usize) -> Option<&'r Reference> {
    refs.last().filter(|r| {
        start.saturating_sub(r.span.end) < 400 && !text[r.span.end..start].contains("\n\n")
    })
}

/// A cheap look at what follows a trigger word, so that the common words
/// that start no reference (`this Convention`, `parts of`, `articles of
/// association`) cost no tokenizing.
fn may_start_reference(text: &str, start: usize, end: usize) -> bool {
    let word = &text.as_bytes()[start..end];
    let rest = text[end..].trim_start_matches(is_passed_over);
    let next = rest.as_bytes().first().copied();
    let lower = |w: &[u8], s: &str| w.eq_ignore_ascii_case(s.as_bytes());
    if std::str::from_utf8(word).is_ok_and(|w| ordinal_word(w).is_some()) {
        // `the second subparagraph`, `first paragraph`
        let n = rest
            .bytes()
            .take_while(|c| c.is_ascii_alphabetic() || *c == b'-')
            .count();
        return alinea_word(&Lower::ascii(&rest[..n])).is_some();
    }
    if [
        "this",
        "that",
        "present",
        "preceding",
        "previous",
        "following",
    ]
    .iter()
    .any(|w| lower(word, w))
    {
        // `this article`, `the preceding paragraph`: a level or division word follows
        let n = rest
            .bytes()
            .take_while(|c| c.is_ascii_alphabetic() || *c == b'-')
            .count();
        return this_kind_of(&rest[..n]).is_some();
    }
    // a number, a parenthesis or a Roman numeral follows every other trigger
    match next {
        Some(b) if b.is_ascii_digit() || b == b'(' => true,
        Some(b'I' | b'V' | b'X' | b'L' | b'C' | b'A'..=b'Z') => true,
        Some(b'a'..=b'z') => {
            // `paragraph 1 a)`, `sub-paragraphs d.`: a lone letter label
            let r = rest.as_bytes();
            r.len() >= 2 && matches!(r[1], b')' | b'.' | b',')
                || r.starts_with(b"i") && r.iter().take(6).all(|c| b"ivx).,".contains(c))
        }
        _ => false,
    }
}

/// Whether the word before `pos` is `the` (looking back only a little).
fn preceded_by_the(text: &str, pos: usize) -> bool {
    let before = trimmed_before(text, pos).as_bytes();
    before.len() >= 3
        && before[before.len() - 3..].eq_ignore_ascii_case(b"the")
        && (before.len() == 3 || !before[before.len() - 4].is_ascii_alphanumeric())
}

/// The text before `pos` without the whitespace that ends it; after more
/// than 64 bytes of whitespace, the text before `pos` as it is (nothing
/// stands just before), so that no reading looks back over a long run of
/// spaces ([`READ_BEHIND`]).
fn trimmed_before(text: &str, pos: usize) -> &str {
    let from = super::lines::floor_char_boundary(text, pos.saturating_sub(64));
    let trimmed = text[from..pos].trim_end();
    if trimmed.is_empty() && from > 0 {
        &text[..pos]
    } else {
        &text[..from + trimmed.len()]
    }
}

fn inside(spans: &[Span], pos: usize) -> bool {
    let i = spans.partition_point(|s| s.start <= pos);
    i > 0 && spans[i - 1].end > pos
}

/// Tokens from `start` up to `limit` or a blank line, made on demand: most
/// references are a few tokens long.
struct Lexer<'a> {
    text: &'a str,
    i: usize,
    limit: usize,
    space: bool,
    bracket: bool,
    newlines: u32,
    count: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str, start: usize, limit: usize) -> Lexer<'a> {
        Lexer {
            text,
            i: start,
            limit,
            space: false,
            bracket: false,
            newlines: 0,
            count: 0,
        }
    }

    fn next_tok(&mut self) -> Option<Tok> {
        let text = self.text;
        let bytes = text.as_bytes();
        let limit = self.limit;
        if self.count >= 120 {
            return None;
        }
        while self.i < limit {
            let i = self.i;
            let c = text[i..].chars().next()?;
            let len = c.len_utf8();
            if c == '\n' || c == '\r' {
                if c == '\n' || bytes.get(i + 1) != Some(&b'\n') {
                    self.newlines += 1;
                }
                if self.newlines >= 2 {
                    self.i = limit;
                    return None;
                }
                self.space = true;
                self.i += len;
                continue;
            }
            if c.is_whitespace() {
                self.space = true;
                self.i += len;
                continue;
            }
            self.newlines = 0;
            // emphasis and escapes are transparent: `*(b)*`, `\\(a\\)`
            if c == '*' || c == '_' || c == '\\' {
                self.i += len;
                continue;
            }
            // bracketed alternatives: `Article [3, paragraph 2][2 bis]`
            if c == ']' && bytes.get(i + 1) == Some(&b'[') && bytes.get(i + 2) != Some(&b'^') {
                self.i += 2;
                self.count += 1;
                self.bracket = true;
                let space = std::mem::replace(&mut self.space, false);
                return Some(Tok {
                    kind: Tk::Alternative,
                    start: i,
                    end: i + 2,
                    space,
                    bracket: false,
                });
            }
            // so are the square brackets of unagreed text inside a
            // reference (`Article [3, paragraph 14]`, `paragraphs 3[ and
            // 5][, 5 and 9], of the Convention`), but not a footnote `[^1]`
            if (c == '[' && bytes.get(i + 1) != Some(&b'^')) || c == ']' {
                self.bracket = c == '[';
                self.i += len;
                continue;
            }
            let space = std::mem::replace(&mut self.space, false);
            let bracket = std::mem::replace(&mut self.bracket, false);
            self.count += 1;
            if c.is_ascii_digit() {
                let s = i;
                let mut j = i;
                while j < limit && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                self.i = j;
                return Some(Tok {
                    kind: Tk::Num,
                    start: s,
                    end: j,
                    space,
                    bracket,
                });
            }
            if c.is_alphabetic() {
                let s = i;
                let mut j = i;
                while j < limit {
                    let Some(d) = text[j..].chars().next() else {
                        break;
                    };
                    // letters, and a hyphen or apostrophe inside a word (`sub-paragraph`)
                    let joiner = (d == '-' || d == '\'' || d == '’')
                        && j + d.len_utf8() < limit
                        && text[j + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(|e| e.is_alphabetic());
                    if d.is_alphabetic() || joiner {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                self.i = j;
                return Some(Tok {
                    kind: Tk::Word,
                    start: s,
                    end: j,
                    space,
                    bracket,
                });
            }
            self.i += len;
            return Some(Tok {
                kind: Tk::Punct(c),
                start: i,
                end: i + len,
                space,
                bracket,
            });
        }
        None
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    List,
    Range,
}

struct Reader<'a> {
    text: &'a str,
    toks: &'a std::cell::RefCell<Vec<Tok>>,
    lexer: &'a std::cell::RefCell<Lexer<'a>>,
    i: usize,
    /// the reference just before, for `of that article`
    prev: Option<&'a Reference>,
    /// the last target of the groups before the last in this reference
    /// (`Article 1, paragraph 1, and subparagraph (b) of that article`)
    earlier_group: Option<Target>,
}

/// A list of targets; `group` is where the last group of it starts when a
/// level word restarts it (`article 170 and article 12 of this Annex`): a
/// tail applies to that group only.
struct List {
    targets: Vec<Target>,
    group: usize,
}

impl List {
    /// The list read; a group that starts past its end is the whole list.
    fn new(targets: Vec<Target>, group: usize) -> Option<List> {
        let group = if group >= targets.len() { 0 } else { group };
        Some(List { targets, group })
    }
}

/// The role of the item before a separator, and (in `role`) of the next:
/// `6 to 9` makes 6 a range's start and 9 its end.
fn next_role(sep: Sep, role: &mut RangeRole) -> RangeRole {
    if sep == Sep::Range {
        let r = if *role == RangeRole::To {
            RangeRole::Single
        } else {
            RangeRole::From
        };
        *role = RangeRole::To;
        r
    } else {
        std::mem::replace(role, RangeRole::Single)
    }
}

/// What one part of a reference's tail did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Read: another part may follow.
    More,
    /// Read: the reference ends here.
    End,
    /// Not a tail after all: go back to before it, and end.
    Undo,
    /// Not this kind of tail: try the next.
    Pass,
}

/// A target that is a division with no number (`the Preamble`, `the
/// Annex`), to put before the targets of a tail.
fn division_prefix(kind: NodeKind, word: Tok) -> Target {
    Target {
        span: word.start..word.end,
        anchor: Anchor::Absolute,
        path: vec![Piece {
            level: Level::Division(kind),
            key: Key::default(),
            span: word.start..word.end,
        }],
        role: RangeRole::Single,
    }
}

/// What a level word (`article`, `paragraphs`, `point`) sets.
fn level_word(w: &str) -> Option<Level> {
    Some(match w {
        "article" | "articles" | "art" | "arts" => Level::Article,
        "paragraph" | "paragraphs" | "para" | "paras" => Level::Sub(1),
        "subparagraph" | "subparagraphs" | "sub-paragraph" | "sub-paragraphs" | "point"
        | "points" | "letter" | "letters" => Level::Sub(2),
        "item" | "items" => Level::Sub(3),
        "subitem" | "subitems" | "sub-item" | "sub-items" => Level::Sub(4),
        _ => return None,
    })
}

/// `subparagraph` (an unnumbered block of a paragraph: depth 1) or
/// `paragraph` (of an article: depth 0) after an ordinal.
fn alinea_word(w: &str) -> Option<u8> {
    match w {
        "subparagraph" | "sub-paragraph" => Some(1),
        "paragraph" => Some(0),
        _ => None,
    }
}

fn division_word(w: &str) -> Option<NodeKind> {
    Some(match w {
        "chapter" | "chapters" => NodeKind::Chapter,
        "part" | "parts" => NodeKind::Part,
        "section" | "sections" => NodeKind::Section,
        "subsection" | "subsections" | "sub-section" | "sub-sections" => NodeKind::Subsection,
        "annex" | "annexes" | "schedule" | "schedules" => NodeKind::Annex,
        "appendix" | "appendices" => NodeKind::Appendix,
        "title" | "titles" => NodeKind::Title,
        _ => return None,
    })
}

/// The kind `this <word>` names, as written: `this Title` (EU) only
/// capitalised, for `this title` is more often a heading's words.
fn this_kind_of(word: &str) -> Option<NodeKind> {
    let lower = Lower::ascii(word);
    Some(match &*lower {
        "title" => return word.starts_with('T').then_some(NodeKind::Title),
        "article" => NodeKind::Article,
        "paragraph" => NodeKind::Paragraph,
        "subparagraph" | "sub-paragraph" | "point" => NodeKind::Subparagraph,
        w => return division_word(w).filter(|k| *k != NodeKind::Title),
    })
}

impl<'a> Reader<'a> {
    fn tok(&self, i: usize) -> Option<Tok> {
        let mut toks = self.toks.borrow_mut();
        while toks.len() <= i {
            match self.lexer.borrow_mut().next_tok() {
                Some(t) => toks.push(t),
                None => return None,
            }
        }
        Some(toks[i])
    }
    fn peek(&self) -> Option<Tok> {
        self.tok(self.i)
    }
    fn s(&self, t: Tok) -> &'a str {
        &self.text[t.start..t.end]
    }
    fn lower(&self, t: Tok) -> Lower {
        Lower::ascii(self.s(t))
    }
    fn is_word(&self, i: usize, words: &[&str]) -> bool {
        self.tok(i).is_some_and(|t| {
            t.kind == Tk::Word && words.iter().any(|w| self.s(t).eq_ignore_ascii_case(w))
        })
    }
    fn is_punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Tk::Punct(c))
    }
    fn end(&self) -> usize {
        self.tok(self.i.saturating_sub(1)).map_or(0, |t| t.end)
    }

    fn reference(&mut self) -> Vec<Reference> {
        let Some(first) = self.peek() else {
            return vec![];
        };
        let w = self.lower(first);
        let start = first.start;
        if w == "this" || w == "present" || w == "preceding" || w == "previous" || w == "following"
        {
            return self.demonstrative(&w).into_iter().collect();
        }
        if w == "that" {
            return self.that_element().into_iter().collect();
        }
        let list = if ordinal_word(&w).is_some() {
            let Some(piece) = self.alinea_piece() else {
                return vec![];
            };
            List {
                targets: vec![make_target(&[piece], RangeRole::Single)],
                group: 0,
            }
        } else if let Some(kind) = division_word(&w) {
            self.i += 1;
            let Some(list) = self.division_list(kind) else {
                return vec![];
            };
            self.division_chain(kind, list)
        } else {
            let Some(level) = level_word(&w) else {
                return vec![];
            };
            self.i += 1;
            if (w == "art" || w == "arts" || w == "para" || w == "paras")
                && self.is_punct(self.i, '.')
            {
                self.i += 1;
            }
            match self.list(level, true) {
                Some(l) => l,
                None => return vec![],
            }
        };
        let List { mut targets, group } = list;
        let mut out = Vec::new();
        if group > 0 {
            // the groups before the last stand on their own
            let head: Vec<Target> = targets.drain(..group).collect();
            let end = head
                .iter()
                .flat_map(|t| t.path.iter().map(|p| p.span.end))
                .max()
                .unwrap_or(start);
            self.earlier_group = head.last().cloned();
            out.push(Reference {
                span: start..end,
                scope: Scope::Implicit,
                targets: head,
                context: NodeId::ROOT,
            });
        }
        let tail_start = targets
            .iter()
            .flat_map(|t| t.path.iter().map(|p| p.span.start))
            .min()
            .unwrap_or(start);
        let mut reference = Reference {
            span: if group > 0 {
                self.word_before(tail_start)
            } else {
                start
            }..self.end(),
            scope: Scope::Implicit,
            targets,
            context: NodeId::ROOT,
        };
        self.tail(&mut reference);
        if reference.scope == Scope::Implicit {
            if let Some(scope) = named_before(self.text, start) {
                reference.scope = scope;
            } else {
                self.named_after(start, &mut reference);
            }
        }
        reference.span.end = self.end();
        // `Article 4, paragraph 2 d), and Article 7, paragraph 2 a), of the
        // Convention`: the instrument named at the end is the earlier
        // articles' too
        if reference.scope != Scope::Implicit {
            for head in &mut out {
                let absolute = head.targets.iter().all(|t| {
                    t.path
                        .first()
                        .is_some_and(|p| matches!(p.level, Level::Article | Level::Division(_)))
                });
                if absolute {
                    head.scope = reference.scope.clone();
                }
            }
        }
        out.push(reference);
        out
    }

    /// The start of the level word in front of a piece (`article` in
    /// `and article 12`).
    fn word_before(&self, piece_start: usize) -> usize {
        let toks = self.toks.borrow();
        let i = toks
            .iter()
            .position(|t| t.start == piece_start)
            .unwrap_or(0);
        (0..i)
            .rev()
            .find(|&j| toks[j].kind == Tk::Word && level_word(&self.lower(toks[j])).is_some())
            .map_or(piece_start, |j| toks[j].start)
    }

    /// `this article`, `the present article`, `the preceding paragraph`.
    fn demonstrative(&mut self, w: &str) -> Option<Reference> {
        let first = self.peek()?;
        let noun = self.tok(1).filter(|t| t.kind == Tk::Word)?;
        let kind = this_kind_of(self.s(noun))?;
        let anchor = match w {
            "this" => Anchor::This { kind },
            "present" => {
                // `the present article`; `present` alone is an adjective
                if !preceded_by_the(self.text, first.start) {
                    return None;
                }
                Anchor::This { kind }
            }
            _ => {
                if !preceded_by_the(self.text, first.start) {
                    return None;
                }
                if !matches!(
                    kind,
                    NodeKind::Article | NodeKind::Paragraph | NodeKind::Subparagraph
                ) {
                    return None;
                }
                // `The following Article shall be added ...:`, `the following
                // paragraph is inserted:` announce new text; they cite nothing
                if w == "following" && announces_new_text(&self.text[noun.end..]) {
                    return None;
                }
                Anchor::Sibling {
                    kind,
                    offset: if w == "following" { 1 } else { -1 },
                }
            }
        };
        let start = if matches!(w, "present" | "preceding" | "previous" | "following") {
            // include `the`
            trimmed_before(self.text, first.start).len() - 3
        } else {
            first.start
        };
        self.i = 2;
        let span = start..noun.end;
        Some(Reference {
            span: span.clone(),
            scope: Scope::Implicit,
            targets: vec![Target {
                span,
                anchor,
                path: vec![],
                role: RangeRole::Single,
            }],
            context: NodeId::ROOT,
        })
    }

    /// `that Article`, `that paragraph` standing alone: the element of that
    /// kind the reference just before cited (`Article 5(2) ... under that
    /// Article`). Not `that paragraph 2 applies`, which the level word reads.
    fn that_element(&mut self) -> Option<Reference> {
        let first = self.peek()?;
        let noun = self.tok(1).filter(|t| t.kind == Tk::Word)?;
        let kind = this_kind_of(self.s(noun))?;
        let labelled = self.tok(2).is_some_and(|n| {
            matches!(n.kind, Tk::Num | Tk::Punct('('))
                || n.kind == Tk::Word && roman_value(self.s(n)).is_some()
        });
        if labelled {
            return None;
        }
        let span = first.start..noun.end;
        let mut r = Reference {
            span: span.clone(),
            scope: Scope::Implicit,
            targets: vec![make_target(&[], RangeRole::Single)],
            context: NodeId::ROOT,
        };
        r.targets[0].span = span;
        if !self.anaphora(&mut r, kind) {
            return None;
        }
        self.i = 2;
        Some(r)
    }

    /// What follows a list of divisions: `Annex III, article 4, paragraph
    /// 4`; `Chapter V, Section II`.
    fn division_chain(&mut self, kind: NodeKind, mut list: List) -> List {
        // `Annex III, article 4, paragraph 4`; `Chapter V, Section II`
        let save = self.i;
        if self.is_punct(self.i, ',') {
            self.i += 1;
        }
        let deeper = self
            .peek()
            .and_then(|t| division_word(&self.lower(t)))
            .filter(|&k| Level::Division(k) > Level::Division(kind) && k != NodeKind::Title);
        if let Some(inner_kind) = deeper {
            self.i += 1;
            // `Chapters III, IV and V, Section I`: the last one's section
            match (self.division_list(inner_kind), list.targets.pop()) {
                (Some(inner), Some(last)) => {
                    list.targets.extend(combine(&[last], &inner.targets));
                    list.group = 0;
                }
                (_, last) => {
                    list.targets.extend(last);
                    self.i = save;
                }
            }
        } else if self.is_word(self.i, &["article", "articles", "art"]) {
            self.i += 1;
            if self.is_punct(self.i, '.') {
                self.i += 1;
            }
            match self.list(Level::Article, true) {
                Some(inner) => {
                    list.targets = combine(&list.targets, &inner.targets);
                    list.group = 0;
                }
                None => self.i = save,
            }
        } else {
            self.i = save;
        }
        list
    }

    /// `Chapter V`, `Annexes I and II`, `Part XI`.
    fn division_list(&mut self, kind: NodeKind) -> Option<List> {
        let mut targets = Vec::new();
        let mut role = RangeRole::Single;
        loop {
            let t = self.peek()?;
            let key = match t.kind {
                Tk::Num => self.s(t),
                Tk::Word => {
                    let s = self.s(t);
                    let roman =
                        roman_value(s).is_some() && s.chars().all(|c| c.is_ascii_uppercase());
                    let letter = s.len() == 1 && s.chars().all(|c| c.is_ascii_uppercase());
                    // `Annex IVA`: a lettered part run into its number
                    let lettered_part = kind.is_annex()
                        && s.len() >= 2
                        && s.chars().all(|c| c.is_ascii_uppercase())
                        && roman_value(&s[..s.len() - 1]).is_some();
                    if !(roman || letter || lettered_part) {
                        if targets.is_empty() {
                            return None;
                        }
                        break;
                    }
                    s
                }
                _ => {
                    if targets.is_empty() {
                        return None;
                    }
                    break;
                }
            };
            self.i += 1;
            let mut end = t.end;
            let mut key = Key::from(key);
            // `Part XI bis`
            if let Some(n) = self.peek() {
                if n.kind == Tk::Word && is_latin_suffix(self.s(n)) {
                    // a Latin suffix is ASCII: ASCII lower case is lower case
                    push_ascii_lowercase(&mut key, self.s(n));
                    end = n.end;
                    self.i += 1;
                } else if kind.is_annex() && self.annex_letter(n) {
                    // `Annex V A,`: a lettered part of a numbered annex
                    key.push_str(self.s(n));
                    end = n.end;
                    self.i += 1;
                }
            }
            let piece = Piece {
                level: Level::Division(kind),
                key: normalise_to_key(&key),
                span: t.start..end,
            };
            targets.push(Target {
                span: piece.span.clone(),
                anchor: Anchor::Absolute,
                path: vec![piece],
                role,
            });
            role = RangeRole::Single;
            let save = self.i;
            match self.separator() {
                Some(sep) => {
                    let next = self.peek();
                    // `Annexes A and B`: letters after a letter
                    let after_letter =
                        targets.last().and_then(|t| t.path.last()).is_some_and(|p| {
                            p.key.len() == 1 && p.key.as_bytes()[0].is_ascii_alphabetic()
                        });
                    let ok = next.is_some_and(|n| {
                        let w = self.s(n);
                        let upper = w.chars().all(|c| c.is_ascii_uppercase());
                        n.kind == Tk::Num
                            || (n.kind == Tk::Word
                                && upper
                                && (roman_value(w).is_some() || after_letter && w.len() == 1))
                    });
                    if !ok {
                        self.i = save;
                        break;
                    }
                    if sep == Sep::Range {
                        if let Some(last) = targets.last_mut() {
                            last.role = RangeRole::From;
                        }
                        role = RangeRole::To;
                    }
                }
                None => break,
            }
        }
        Some(List { targets, group: 0 })
    }

    /// Reads `, `, `and`, `or`, `to`, `through`, `-`; returns what it was.
    fn separator(&mut self) -> Option<Sep> {
        let save = self.i;
        let mut sep = None;
        while let Some(t) = self.peek() {
            match t.kind {
                Tk::Punct(',') if sep.is_none() || sep == Some(Sep::List) => {
                    sep = Some(Sep::List);
                    self.i += 1;
                }
                Tk::Punct('-' | '–' | '—') if sep.is_none() => {
                    sep = Some(Sep::Range);
                    self.i += 1;
                }
                Tk::Word => {
                    let w = self.lower(t);
                    match w.as_str() {
                        "and" | "or" | "and/or" => {
                            sep = Some(Sep::List);
                            self.i += 1;
                        }
                        "to" | "through" | "until" => {
                            sep = Some(Sep::Range);
                            self.i += 1;
                        }
                        _ => break,
                    }
                }
                Tk::Punct('/') if sep == Some(Sep::List) => {
                    // `and/or`
                    self.i += 1;
                }
                _ => break,
            }
        }
        if sep.is_none() {
            self.i = save;
        }
        sep
    }

    /// The level of a label (`a`, `ii`, `1`) in the light of the piece
    /// before it: `(i)` after `(a)` is a Roman item, after `(h)` the letter i.
    fn label_level(&self, key: &str, prev: Option<&Piece>, ctx: Level) -> Option<Level> {
        if key.chars().next()?.is_ascii_digit() {
            return Some(Level::Sub(1));
        }
        let (base, _) = super::number::split_suffix(key);
        let lower = base.chars().all(|c| c.is_ascii_lowercase());
        if !lower && !base.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        // `(A)`, `(IV)`, `(AA)`; not an acronym in parentheses: `Article 12
        // (CMA)`, `Article 2bis (NDMCC)`
        if !lower {
            let roman = roman_value(base).is_some();
            let doubled = base.len() == 2 && base.as_bytes()[0] == base.as_bytes()[1];
            return (base.len() == 1 || roman || doubled).then_some(Level::Sub(4));
        }
        let is_roman =
            roman_value(base).is_some() && base.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
        let prev_level = prev.map(|p| p.level);
        if is_roman {
            if base.len() > 1 {
                return Some(Level::Sub(3));
            }
            match prev_level {
                Some(Level::Sub(2)) => {
                    // `(h) or (i)`: a letter; `(a)(i)`: an item
                    let pk = &prev.unwrap().key;
                    if super::number::next_letter(pk).as_deref() == Some(base)
                        && ctx == Level::Sub(2)
                    {
                        return Some(Level::Sub(2));
                    }
                    return Some(Level::Sub(3));
                }
                Some(Level::Sub(3)) => return Some(Level::Sub(3)),
                _ => {
                    if ctx == Level::Sub(3) {
                        return Some(Level::Sub(3));
                    }
                }
            }
        }
        if base.len() > 2 {
            return None;
        }
        Some(Level::Sub(2))
    }

    /// One piece at the cursor: `5`, `93bis`, `48 bis`, `(1)`, `(c bis)`,
    /// `a)`, `a.`, bare `e` in a list of letters.
    fn piece(
        &mut self,
        ctx: Level,
        num_level: Level,
        prev: Option<&Piece>,
        bare_letters: bool,
    ) -> Option<Piece> {
        let t = self.peek()?;
        match t.kind {
            Tk::Num => self.number_piece(t, num_level),
            Tk::Punct('(') => self.parenthesised_piece(t, ctx, prev),
            Tk::Word => self.letter_piece(t, ctx, num_level, prev, bare_letters),
            _ => None,
        }
    }

    /// `6`, `93bis`, `5a`, `48 bis`.
    fn number_piece(&mut self, t: Tok, num_level: Level) -> Option<Piece> {
        if self.s(t).len() > 4 {
            return None;
        }
        self.i += 1;
        let mut key = Key::from(self.s(t));
        let mut end = t.end;
        // `Art 2.bis`: a Latin suffix glued on with a full stop
        let dotted = self.is_punct(self.i, '.')
            && self
                .tok(self.i + 1)
                .is_some_and(|n| n.kind == Tk::Word && !n.space && is_latin_suffix(self.s(n)))
            && self.peek().is_some_and(|d| !d.space);
        if dotted {
            self.i += 1;
        }
        // `93bis`, `5a`, `48 bis`
        if let Some(n) = self.peek() {
            let w = self.s(n);
            if n.kind == Tk::Word && is_latin_suffix(w) {
                push_ascii_lowercase(&mut key, w);
                end = n.end;
                self.i += 1;
            } else if n.kind == Tk::Word
                && !n.space
                && w.len() == 1
                && w.chars().all(|c| c.is_ascii_alphabetic())
                && num_level == Level::Article
            {
                key.push_str(w);
                end = n.end;
                self.i += 1;
            }
        }
        Some(Piece {
            level: num_level,
            key,
            span: t.start..end,
        })
    }

    /// `(a)`, `(iv)`, `(2)`, `(k) quinquies`.
    fn parenthesised_piece(&mut self, t: Tok, ctx: Level, prev: Option<&Piece>) -> Option<Piece> {
        let save = self.i;
        self.i += 1;
        let inner = self.peek();
        let mut key = Key::default();
        while let Some(x) = self.peek() {
            match x.kind {
                Tk::Word | Tk::Num if key.len() < 20 => {
                    key.push_str(self.s(x));
                    self.i += 1;
                }
                Tk::Punct(')') => break,
                _ => {
                    self.i = save;
                    return None;
                }
            }
        }
        let close = self.peek().filter(|x| x.kind == Tk::Punct(')'));
        let (Some(close), Some(_)) = (close, inner) else {
            self.i = save;
            return None;
        };
        self.i += 1;
        let key = normalise_to_key(&key);
        let level = match self.label_level(&key, prev, ctx) {
            Some(l) => l,
            None => {
                self.i = save;
                return None;
            }
        };
        let mut piece = Piece {
            level,
            key,
            span: t.start..close.end,
        };
        self.suffix(&mut piece);
        Some(piece)
    }

    /// `Article IV`; `a)`, `a.` (CoE), bare `e` in `sub-paragraphs d. and e`.
    fn letter_piece(
        &mut self,
        t: Tok,
        ctx: Level,
        num_level: Level,
        prev: Option<&Piece>,
        bare_letters: bool,
    ) -> Option<Piece> {
        let w = self.s(t);
        if w.len() > 5 {
            return None;
        }
        // `a)`, `a.` (CoE), bare `e` in `sub-paragraphs d. and e`
        let next = self.tok(self.i + 1);
        let closes =
            next.is_some_and(|n| !n.space && matches!(n.kind, Tk::Punct(')') | Tk::Punct('.')));
        let upper_roman = roman_value(w).is_some() && w.chars().all(|c| c.is_ascii_uppercase());
        // `Articles III, IV and V`: a Roman list goes on in Roman
        let roman_list = |p: &Piece| {
            p.level == Level::Article
                && roman_value(&p.key).is_some()
                && p.key.chars().all(|c| c.is_ascii_uppercase())
        };
        if num_level == Level::Article && upper_roman && prev.is_none_or(roman_list) {
            // `Article IV`
            self.i += 1;
            return Some(Piece {
                level: Level::Article,
                key: Key::from(w),
                span: t.start..t.end,
            });
        }
        if !closes && !bare_letters {
            return None;
        }
        // `i.e.`, `e.g.`: abbreviations, not item (i) or point (e)
        let abbreviation = |second: &str| {
            let (dot, word, end) = (
                self.tok(self.i + 1),
                self.tok(self.i + 2),
                self.tok(self.i + 3),
            );
            dot.is_some_and(|d| d.kind == Tk::Punct('.'))
                && word.is_some_and(|x| !x.space && self.s(x) == second)
                && end.is_some_and(|e| !e.space && e.kind == Tk::Punct('.'))
        };
        if (w == "i" && abbreviation("e")) || (w == "e" && abbreviation("g")) {
            return None;
        }
        if !w.chars().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
        let level = self.label_level(w, prev, ctx)?;
        if level == Level::Sub(1) {
            return None;
        }
        self.i += 1;
        let mut end = t.end;
        if next.is_some_and(|n| !n.space && n.kind == Tk::Punct(')')) {
            end = next.unwrap().end;
            self.i += 1;
        } else if next.is_some_and(|n| !n.space && n.kind == Tk::Punct('.')) {
            // `a.ii`: the dot joins; `d.` at a list end is punctuation
            // of the label and taken too
            end = next.unwrap().end;
            self.i += 1;
            if self.peek().is_some_and(|n| !n.space && n.kind == Tk::Word) {
                // leave `.ii` to `component`
                end = t.end;
                self.i -= 1;
            }
        }
        let mut piece = Piece {
            level,
            key: Key::from(w),
            span: t.start..end,
        };
        self.suffix(&mut piece);
        Some(piece)
    }

    /// `(k) quinquies`: a Latin suffix after a label belongs to it.
    fn suffix(&mut self, piece: &mut Piece) {
        if let Some(n) = self.peek() {
            if n.kind == Tk::Word && is_latin_suffix(self.s(n)) {
                push_ascii_lowercase(&mut piece.key, self.s(n));
                piece.span.end = n.end;
                self.i += 1;
            }
        }
    }

    /// Components that continue a piece without a separator: `.2` in
    /// `35.2`, `(1)` and `(a)` in `6(1)(a)`, `a)` in `paragraph 1 a)`.
    fn component(&mut self, path: &[Piece], ctx: Level) -> Option<Piece> {
        let last = path.last()?;
        let t = self.peek()?;
        let save = self.i;
        if t.kind == Tk::Punct('.') && !t.space {
            let n = self.tok(self.i + 1)?;
            if n.space {
                return None;
            }
            self.i += 1;
            match n.kind {
                Tk::Num => {
                    let level = match last.level {
                        Level::Article => Level::Sub(1),
                        Level::Sub(k) => Level::Sub(k + 1),
                        Level::Division(_) | Level::Alinea(..) => return self.reset(save),
                    };
                    let p = self.piece(ctx, level, Some(last), false);
                    return p.or_else(|| self.reset(save));
                }
                Tk::Word => {
                    let p = self.piece(ctx, Level::Sub(1), Some(last), true);
                    return match p {
                        Some(p) if p.level > last.level => Some(p),
                        _ => self.reset(save),
                    };
                }
                _ => return self.reset(save),
            }
        }
        if matches!(last.level, Level::Division(_)) {
            return None;
        }
        if t.kind == Tk::Punct('(') || t.kind == Tk::Word {
            if t.kind == Tk::Word
                && !t.space
                && last.span.end == t.start
                && last.level == Level::Article
            {
                return None;
            }
            let p = self.piece(ctx, Level::Sub(1), Some(last), false)?;
            if p.level > last.level || (p.level == Level::Sub(1) && last.level == Level::Article) {
                return Some(p);
            }
            return self.reset(save);
        }
        None
    }

    fn reset(&mut self, save: usize) -> Option<Piece> {
        self.i = save;
        None
    }

    /// A list of pieces from a level word on, with descents (`, paragraph
    /// 2`), components, separators and ranges.
    fn list(&mut self, start: Level, restarts: bool) -> Option<List> {
        let outer_num = if start == Level::Article {
            Level::Article
        } else {
            Level::Sub(1)
        };
        let mut ctx = start;
        let mut num_level = outer_num;
        let mut path: Vec<Piece> = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        let mut role = RangeRole::Single;
        // bare letters (`e` in `sub-paragraphs d. and e`) only after the first
        let mut bare = false;
        // a singular level word (`, paragraph 2`) names one number: the
        // list then goes on at the outer level (`Articles 6, paragraph 1, 7`)
        let mut singular_descent = false;
        let mut group = 0;
        // the item before a separator, kept until the item after it reads:
        // (target, position before the separator, whether a level word
        // restarted the list)
        let mut pending: Option<(Target, usize, bool)> = None;
        // where a bracketed alternative opened: (path above it, ctx, num
        // level), for `Article [3, paragraph 2][2 bis]`
        let mut alternative: Option<(Vec<Piece>, Level, Level)> = None;
        loop {
            let prev = path.last().cloned();
            let opens_bracket = self.peek().is_some_and(|t| t.bracket);
            let piece = match self.piece(ctx, num_level, prev.as_ref(), bare) {
                Some(p) => p,
                None => {
                    // `Article 6(1) and more.`: the separator was not ours
                    if let Some((t, save, _)) = pending.take() {
                        self.i = save;
                        targets.push(t);
                        return List::new(targets, group);
                    }
                    break;
                }
            };
            if let Some((t, _, restarted)) = pending.take() {
                targets.push(t);
                if restarted {
                    group = targets.len();
                }
            }
            if start == Level::Sub(2)
                && targets.is_empty()
                && path.is_empty()
                && piece.level == Level::Sub(1)
                && ctx == Level::Sub(2)
                && !self.text[piece.span.clone()].starts_with('(')
            {
                // `point 3`: not a lettered point; but `point (6)` is a
                // numbered one (EU: `point (6) of Annex I`)
                return None;
            }
            path.retain(|p| p.level < piece.level);
            if opens_bracket {
                alternative = Some((path.clone(), ctx, num_level));
            }
            path.push(piece);
            while let Some(c) = self.component(&path, ctx) {
                path.retain(|p| p.level < c.level);
                path.push(c);
            }
            self.alinea_descent(&mut path);
            if let Some((l, singular)) = self.descent(path[path.len() - 1].level, restarts) {
                ctx = l;
                if l == Level::Sub(1) {
                    num_level = Level::Sub(1);
                }
                bare = false;
                singular_descent = singular;
                continue;
            }
            // a separator, then a new item (maybe after a level word)
            let save = self.i;
            let Some((sep, switch)) = self.list_separator(alternative.is_some()) else {
                self.i = save;
                break;
            };
            // after a singular descent the list goes on at the outer level;
            // `[3, paragraph 2][2 bis]`: the next alternative at the level
            // the first one opened at
            let reopened = alternative.as_ref().filter(|_| switch);
            let next = match (reopened, singular_descent) {
                (Some((_, alt_ctx, alt_num)), _) => (*alt_ctx, *alt_num, false),
                (None, true) => (start, outer_num, false),
                (None, false) => (ctx, num_level, ctx >= Level::Sub(2)),
            };
            let Some(((next_ctx, next_num, next_bare), restarted)) = self.next_item(next, restarts)
            else {
                self.i = save;
                break;
            };
            let target_role = next_role(sep, &mut role);
            pending = Some((make_target(&path, target_role), save, restarted));
            if let Some((above, _, _)) = reopened {
                path = above.clone();
            } else if restarted && next_ctx != Level::Article {
                // `Article 5(1) and paragraph 3`: a paragraph named after a
                // level word stands on its own (this article's)
                path.clear();
            }
            singular_descent = false;
            ctx = next_ctx;
            num_level = next_num;
            bare = next_bare;
        }
        if path.is_empty() {
            return None;
        }
        targets.push(make_target(&path, role));
        roman_pairs(&mut targets);
        List::new(targets, group)
    }

    /// The separator after an item, and whether it was `][`: the next
    /// alternative where a bracket opened the list (`Article [3][4]`,
    /// `bracketed`); elsewhere (`3[ and 5][, 5 and 9]`, `[Article 1][7]`,
    /// a Markdown link) `][` is read through.
    fn list_separator(&mut self, bracketed: bool) -> Option<(Sep, bool)> {
        let switch = self.peek().is_some_and(|t| t.kind == Tk::Alternative);
        if switch {
            self.i += 1;
        }
        match self.separator() {
            Some(sep) => Some((sep, switch)),
            None if switch && bracketed => Some((Sep::List, true)),
            None => None,
        }
    }

    /// After a separator: the (context, number level, bare letters) the
    /// next item reads with, and whether a level word restarted the list
    /// (`Article 5(1) and paragraph 3`); `None` when no item of ours
    /// follows (or a level word follows where the list may not restart:
    /// `of paragraph 2 and points (a) ...` is a new reference).
    fn next_item(
        &mut self,
        next: (Level, Level, bool),
        restarts: bool,
    ) -> Option<((Level, Level, bool), bool)> {
        let word = self.peek().filter(|t| t.kind == Tk::Word);
        let mut out = (next, false);
        if let Some(l) = word.and_then(|w| level_word(&self.lower(w))) {
            if !restarts {
                return None;
            }
            self.i += if self.is_punct(self.i + 1, '.') { 2 } else { 1 };
            out = ((l, l.min(Level::Sub(1)), false), true);
        }
        let ((_, num, bare), _) = out;
        self.item_can_start(num, bare).then_some(out)
    }

    /// `paragraph 1, second subparagraph, point (a)`: an unnumbered block
    /// of the last piece, added to `path`.
    fn alinea_descent(&mut self, path: &mut Vec<Piece>) {
        if !self.is_punct(self.i, ',') {
            return;
        }
        let save = self.i;
        self.i += 1;
        match self.alinea_piece() {
            Some(a) if path.last().is_some_and(|p| a.level > p.level) => path.push(a),
            _ => self.i = save,
        }
    }

    /// `, paragraph 2`, `, point (a)`: a level word below the last piece
    /// that opens a descent into it (not in the article of a tail: `of
    /// Article 6(1), points (a) and (b) of ...` starts a new reference).
    /// Its level, and whether the word is singular (it names one number).
    fn descent(&mut self, last: Level, restarts: bool) -> Option<(Level, bool)> {
        let save = self.i;
        let comma = self.is_punct(self.i, ',');
        let at = if comma { self.i + 1 } else { self.i };
        let w = self.tok(at).filter(|t| t.kind == Tk::Word)?;
        let lw = self.lower(w);
        // `point (d), point (iv)`: a Roman point below a lettered one is an item
        let roman_below = |l: Level| {
            l == Level::Sub(2)
                && last == Level::Sub(2)
                && self.is_punct(at + 1, '(')
                && self.tok(at + 2).is_some_and(|k| {
                    let k = self.s(k);
                    k.len() > 1
                        && roman_value(k).is_some()
                        && k.bytes().all(|b| b.is_ascii_lowercase())
                })
        };
        let l = level_word(&lw)
            .map(|l| if roman_below(l) { Level::Sub(3) } else { l })
            .filter(|&l| l > last && (restarts || !comma))?;
        self.i = at + 1;
        if self.is_punct(self.i, '.') {
            self.i += 1;
        }
        if self
            .peek()
            .is_some_and(|t| matches!(t.kind, Tk::Num | Tk::Word | Tk::Punct('(')))
        {
            return Some((l, !lw.ends_with('s')));
        }
        self.i = save;
        None
    }

    /// Whether the next token can start an item of a list: a short number,
    /// a parenthesis, a letter or Roman numeral as a label.
    fn item_can_start(&self, next_num: Level, next_bare: bool) -> bool {
        self.peek().is_some_and(|t| match t.kind {
            Tk::Num => self.s(t).len() <= 4,
            Tk::Punct('(') => true,
            Tk::Word => {
                let s = self.s(t);
                let closes = self
                    .tok(self.i + 1)
                    .is_some_and(|n| !n.space && matches!(n.kind, Tk::Punct(')') | Tk::Punct('.')));
                let upper_roman = next_num == Level::Article
                    && roman_value(s).is_some()
                    && s.chars().all(|c| c.is_ascii_uppercase());
                let roman = s.len() <= 5 && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
                upper_roman
                    || ((closes || (next_bare && s.chars().count() == 1))
                        && (s.len() <= 2 || roman)
                        && s.chars().all(|c| c.is_ascii_lowercase()))
            }
            _ => false,
        })
    }

    /// Whether `n`, after an annex number, is a capital letter that is part
    /// of it (`Annex V A, to state`, `Annex I B.`): alone, and followed by
    /// punctuation or the end, not by the words of a sentence it starts.
    fn annex_letter(&self, n: Tok) -> bool {
        let s = self.s(n);
        if n.kind != Tk::Word || s.len() != 1 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
            return false;
        }
        // a few spaces looked over, not a long run ([`READ_AHEAD`])
        let end = super::lines::floor_char_boundary(self.text, n.end + 64);
        let after = self.text[n.end..end].trim_start_matches([' ', '\t']);
        (after.is_empty() && end == self.text.len())
            || after.starts_with([',', '.', ';', ':', ')', '\n', '\r'])
    }

    /// `second subparagraph`, `first paragraph`, `last subparagraph` at the
    /// reader: an unnumbered subdivision by its ordinal.
    fn alinea_piece(&mut self) -> Option<Piece> {
        let ord = self.peek().filter(|t| t.kind == Tk::Word)?;
        let n = ordinal_word(self.s(ord))?;
        let word = self.tok(self.i + 1).filter(|t| t.kind == Tk::Word)?;
        let depth = alinea_word(&self.lower(word))?;
        self.i += 2;
        Some(Piece {
            level: Level::Alinea(depth, n),
            key: Key::from(n.to_string()),
            span: ord.start..word.end,
        })
    }

    /// `of this article`, `of Article 28`, `, of this Convention`, `of the
    /// Budapest Convention`, `of Annex III`, `of that article`.
    fn tail(&mut self, r: &mut Reference) {
        while self.tail_part(r) {}
    }

    /// What may follow a reference with no instrument named: an acronym
    /// naming one (`Article 16 TFEU`, `Article 6(3) TEU`), or `thereof`
    /// leaning on what was named before in the sentence (`the Treaty on
    /// ..., and in particular Article 114 thereof`; `Article 5 and
    /// paragraph 2 thereof`). `start` is where the reference starts.
    fn named_after(&mut self, start: usize, r: &mut Reference) {
        let Some(t) = self.peek().filter(|t| t.kind == Tk::Word) else {
            return;
        };
        let word = self.s(t);
        let same_line = !self.text[self.end()..t.start].contains(['\n', '\r']);
        if is_acronym(word) && same_line && !is_acronym(first_word_from(self.text, start)) {
            self.i += 1;
            r.scope = Scope::external(word.to_string(), t.start..t.end);
            return;
        }
        if !word.eq_ignore_ascii_case("thereof") {
            return;
        }
        self.i += 1;
        let below_article = r
            .targets
            .iter()
            .all(|t| t.path.first().is_some_and(|p| p.level > Level::Article));
        if below_article && self.anaphora(r, NodeKind::Article) {
            return;
        }
        let name = super::short_names::instrument_named_before(self.text, start)
            .unwrap_or("the instrument named before");
        r.scope = Scope::external(name.to_string(), t.start..t.end);
    }

    /// One `of ...`: true when another may follow. What is not a tail is
    /// left unread.
    fn tail_part(&mut self, r: &mut Reference) -> bool {
        let save = self.i;
        if self.is_punct(self.i, ',') {
            self.i += 1;
        }
        // `points (c) and (e), respectively, of that Regulation`
        if self.is_word(self.i, &["respectively"]) && self.is_punct(self.i + 1, ',') {
            self.i += 2;
        }
        // `paragraph 37(g), option 1 of the decision`: an option of the
        // provision, then whose it is
        if self.is_word(self.i, &["option", "alternative"])
            && self.tok(self.i + 1).is_some_and(|t| t.kind == Tk::Num)
            && self.is_word(self.i + 2, &["of"])
        {
            self.i += 2;
        }
        // `Annex I to Directive 2013/36/EU`, `Annex II to this Directive`
        let annexes = r.targets.iter().all(|t| {
            t.path
                .first()
                .is_some_and(|p| matches!(p.level, Level::Division(k) if k.is_annex()))
        });
        if annexes && self.is_word(self.i, &["to"]) {
            self.i += 1;
            let Some(t) = self.peek() else {
                self.i = save;
                return false;
            };
            let w = self.lower(t);
            let step = match self.demonstrative_tail(r, false, t, &w) {
                // `Appendix 1 to Annex 2`
                Step::Pass if matches!(&*w, "annex" | "schedule") => self.element_tail(r, &w),
                Step::Pass => match self.external_scope() {
                    Some(scope) => {
                        r.scope = scope;
                        Step::End
                    }
                    None => Step::Undo,
                },
                step => step,
            };
            if matches!(step, Step::Undo | Step::Pass) {
                self.i = save;
            }
            return step == Step::More;
        }
        if !self.is_word(self.i, &["of", "in", "under"]) {
            self.i = save;
            return false;
        }
        let of = self.lower(self.peek().unwrap()).as_str() == "of";
        self.i += 1;
        let Some(t) = self.peek() else {
            self.i = save;
            return false;
        };
        let w = self.lower(t);
        let mut step = self.demonstrative_tail(r, of, t, &w);
        if step == Step::Pass {
            step = if of { self.the_tail(r, &w) } else { Step::Undo };
        }
        if step == Step::Pass {
            step = self.element_tail(r, &w);
        }
        if step == Step::Pass {
            step = match self.dated_text().or_else(|| self.external_scope()) {
                Some(scope) => {
                    r.scope = scope;
                    Step::End
                }
                None => Step::Undo,
            };
        }
        match step {
            Step::More => true,
            Step::End => false,
            Step::Undo | Step::Pass => {
                self.i = save;
                false
            }
        }
    }

    /// `of this article`, `of the present Convention`, `of that article`,
    /// `of the same article` (the one just cited), `of that Convention`.
    fn demonstrative_tail(&mut self, r: &mut Reference, of: bool, t: Tok, w: &Lower) -> Step {
        let this = *w == "this" || (*w == "the" && self.is_word(self.i + 1, &["present"]));
        let that = *w == "that" || (*w == "the" && self.is_word(self.i + 1, &["same", "said"]));
        if !(this || that) {
            return Step::Pass;
        }
        let noun_i = if *w == "this" || *w == "that" {
            self.i + 1
        } else {
            self.i + 2
        };
        let Some(noun) = self.tok(noun_i).filter(|t| t.kind == Tk::Word) else {
            return Step::Undo;
        };
        let nw = self.lower(noun);
        if INSTRUMENT_NOUNS.contains(&nw.as_str()) {
            self.i = noun_i + 1;
            r.scope = if this {
                Scope::ThisInstrument
            } else {
                Scope::external(self.text[t.start..noun.end].to_string(), t.start..noun.end)
            };
            return Step::End;
        }
        let Some(kind) = this_kind_of(self.s(noun)).filter(|_| of) else {
            return Step::Undo;
        };
        self.i = noun_i + 1;
        if that {
            return if self.anaphora(r, kind) {
                Step::More
            } else {
                Step::Undo
            };
        }
        for target in &mut r.targets {
            let absolute = target.anchor == Anchor::Absolute;
            if kind.is_annex() {
                // `article 1 of this Annex`
                if absolute || target.anchor == Anchor::Enclosing {
                    target.anchor = Anchor::This { kind };
                }
            } else if !absolute {
                target.anchor = Anchor::This { kind };
            }
        }
        Step::More
    }

    /// `of the Preamble`; `of the Annex` (one with no number), maybe `to
    /// the Vienna Convention ...`.
    fn the_tail(&mut self, r: &mut Reference, w: &Lower) -> Step {
        // `point (g) of the first subparagraph of paragraph 1`
        if *w == "the" {
            let save = self.i;
            self.i += 1;
            if let Some(a) = self.alinea_piece() {
                let prefix = make_target(&[a], RangeRole::Single);
                r.targets = combine(&[prefix], &r.targets);
                return Step::More;
            }
            self.i = save;
        }
        if *w == "the" && self.is_word(self.i + 1, &["preamble"]) {
            let p = self.tok(self.i + 1).unwrap();
            self.i += 2;
            r.targets = combine(&[division_prefix(NodeKind::Preamble, p)], &r.targets);
            return Step::More;
        }
        if *w != "the" || !self.is_word(self.i + 1, &["annex", "appendix", "schedule"]) {
            return Step::Pass;
        }
        let a = self.tok(self.i + 1).unwrap();
        let numbered = self.tok(self.i + 2).is_some_and(|n| {
            n.kind == Tk::Num || (n.kind == Tk::Word && roman_value(self.s(n)).is_some())
        });
        if numbered {
            return Step::Pass;
        }
        self.i += 2;
        let kind = division_word(&self.lower(a)).unwrap_or(NodeKind::Annex);
        r.targets = combine(&[division_prefix(kind, a)], &r.targets);
        if self.is_word(self.i, &["to", "of"]) {
            let save = self.i;
            self.i += 1;
            match self.external_scope() {
                Some(scope) => {
                    r.scope = scope;
                    return Step::End;
                }
                None => self.i = save,
            }
        }
        Step::More
    }

    /// `of Article 28`, `of paragraph 2`, `of Annex III`, `of Chapter II`:
    /// the element the targets are parts of.
    fn element_tail(&mut self, r: &mut Reference, w: &Lower) -> Step {
        if let Some(level) = level_word(w) {
            let first_level = |r: &Reference| {
                r.targets
                    .iter()
                    .filter_map(|t| t.path.first())
                    .map(|p| p.level)
                    .min()
            };
            // `points (i) and (ii) of point (k)`: Roman points of a point are items
            if first_level(r) == Some(level) && level == Level::Sub(2) && self.all_roman(r) {
                for t in &mut r.targets {
                    if let Some(p) = t.path.first_mut() {
                        p.level = Level::Sub(3);
                    }
                }
            }
            if first_level(r).is_some_and(|l| l > level) {
                self.i += if self.is_punct(self.i + 1, '.') { 2 } else { 1 };
                if let Some(prefix) = self.list(level, false) {
                    r.targets = combine(&prefix.targets, &r.targets);
                    return Step::More;
                }
            }
            return Step::Undo;
        }
        if let Some(kind) = division_word(w) {
            self.i += 1;
            if let Some(prefix) = self.division_list(kind) {
                r.targets = combine(&prefix.targets, &r.targets);
                return Step::More;
            }
            return Step::Undo;
        }
        Step::Pass
    }

    /// Whether every target's first piece is a Roman numeral of two letters
    /// or more, or `i` (`(i)`, `(ii)`, `(iv)`).
    fn all_roman(&self, r: &Reference) -> bool {
        r.targets.iter().all(|t| {
            t.path.first().is_some_and(|p| {
                (p.key.len() > 1 || p.key == "i")
                    && roman_value(&p.key).is_some()
                    && p.key.bytes().all(|b| b.is_ascii_lowercase())
            })
        }) && r
            .targets
            .iter()
            .any(|t| t.path.first().is_some_and(|p| p.key.len() > 1))
    }

    /// `subparagraph (h) of that article`: the article the previous
    /// reference cited. False when there is none to lean on.
    fn anaphora(&self, r: &mut Reference, kind: NodeKind) -> bool {
        // an earlier group of this reference, else the reference before
        let (last, scope) = match (&self.earlier_group, self.prev) {
            (Some(t), _) => (t, Scope::Implicit),
            (None, Some(prev)) => match prev.targets.last() {
                Some(t) => (t, prev.scope.clone()),
                None => return false,
            },
            (None, None) => return false,
        };
        let keep = |p: &Piece| match kind {
            NodeKind::Article => p.level <= Level::Article,
            NodeKind::Paragraph => p.level <= Level::Sub(1),
            NodeKind::Subparagraph => p.level <= Level::Sub(2),
            k => p.level <= Level::Division(k),
        };
        let path: Vec<Piece> = last.path.iter().filter(|p| keep(p)).cloned().collect();
        if path.is_empty() {
            return false;
        }
        let prefix = Target {
            span: last.span.clone(),
            anchor: last.anchor.clone(),
            path,
            role: RangeRole::Single,
        };
        if !matches!(prefix.anchor, Anchor::Absolute | Anchor::Enclosing) {
            return false;
        }
        r.targets = combine(&[prefix], &r.targets);
        if r.scope == Scope::Implicit {
            r.scope = scope;
        }
        true
    }

    /// The scope `of <instrument name>` gives, its words normalised.
    /// `the text of 5 October`, `the draft of October 5th, 2015`: another
    /// version of a text, named by its date.
    fn dated_text(&mut self) -> Option<Scope> {
        const NOUNS: &[&str] = &[
            "text",
            "draft",
            "version",
            "document",
            "note",
            "non-paper",
            "compilation",
        ];
        let first = self.peek()?;
        let i = self.i;
        if !(self.is_word(i, &["the"])
            && self.is_word(i + 1, NOUNS)
            && self.is_word(i + 2, &["of"]))
        {
            return None;
        }
        let num = |j| {
            self.tok(j)
                .is_some_and(|t| t.kind == Tk::Num && t.end - t.start <= 2)
        };
        let month = |j| self.is_word(j, MONTHS);
        let mut j = match (month(i + 3), num(i + 3)) {
            (true, _) if num(i + 4) => i + 5,
            (_, true) if month(i + 4) => i + 5,
            (_, true) if self.is_word(i + 4, &["st", "nd", "rd", "th"]) && month(i + 5) => i + 6,
            _ => return None,
        };
        // `5th`, `5^th^`, a year
        while self.is_punct(j, '^') || self.is_word(j, &["st", "nd", "rd", "th"]) {
            j += 1;
        }
        let year = |j| {
            self.tok(j)
                .is_some_and(|t| t.kind == Tk::Num && t.end - t.start == 4)
        };
        if year(j) {
            j += 1;
        } else if self.is_punct(j, ',') && year(j + 1) {
            j += 2;
        }
        let end = self.tok(j - 1)?.end;
        self.i = j;
        Some(Scope::external(
            self.text[first.start..end].to_string(),
            first.start..end,
        ))
    }

    fn external_scope(&mut self) -> Option<Scope> {
        let span = self.instrument_name()?;
        let name = self.text[span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Some(Scope::external(name, span))
    }

    /// `the International Covenant on Civil and Political Rights`, `the
    /// Charter`, `Protocol No. 1`, `Regulation (EU) 2016/679`.
    fn instrument_name(&mut self) -> Option<Span> {
        let first = self.peek()?;
        let mut i = self.i;
        if self.is_word(i, &["the", "that"]) {
            i += 1;
        }
        let mut last_good: Option<usize> = None; // index of the last token of a name ending well
        let mut has_noun = false;
        let mut j = i;
        while let Some(t) = self.tok(j) {
            match t.kind {
                Tk::Word => {
                    let s = self.s(t);
                    let lw = Lower::unicode(s);
                    let capital = s.chars().next().is_some_and(|c| c.is_uppercase());
                    if capital {
                        // a new reference starts: `... Rights and Article 10`
                        if level_word(&lw).is_some() && j > i {
                            break;
                        }
                        if INSTRUMENT_NOUNS.contains(&lw.as_str()) {
                            has_noun = true;
                        }
                        last_good = Some(j);
                    } else if NAME_CONNECTORS.contains(&lw.as_str()) {
                        // `... Rights and Article 10`, `... Treaties and the Annex`
                        if lw == "and"
                            && self.tok(j + 1).is_some_and(|n| {
                                let w = self.lower(n);
                                level_word(&w).is_some()
                                    || w == "the"
                                    || division_word(&w).is_some()
                            })
                        {
                            break;
                        }
                    } else if lw == "no" {
                        last_good = Some(j);
                    } else if INSTRUMENT_NOUNS.contains(&lw.as_str()) {
                        // `the report of the International Law Commission`
                        has_noun = true;
                        last_good = Some(j);
                    } else {
                        break;
                    }
                }
                Tk::Num => {
                    if j == i {
                        break;
                    }
                    last_good = Some(j);
                }
                Tk::Punct('.') if self.is_word(j.wrapping_sub(1), &["no"]) => {}
                Tk::Punct('/') if self.tok(j + 1).is_some_and(|n| n.kind == Tk::Num) => {}
                // `Directive 95/46/EC`, `Decision 2008/615/JHA`
                Tk::Punct('/')
                    if self.tok(j + 1).is_some_and(|n| {
                        n.kind == Tk::Word && !n.space && is_acronym(self.s(n))
                    }) =>
                {
                    j += 1;
                    last_good = Some(j);
                }
                Tk::Punct('(') if self.tok(j + 2).is_some_and(|n| n.kind == Tk::Punct(')')) => {
                    j += 2;
                    last_good = Some(j);
                }
                _ => break,
            }
            j += 1;
            if j - i > 24 {
                break;
            }
        }
        // `the TEU`, `the ICCPR`: an acronym names an instrument
        if !has_noun && i > self.i {
            let t = self.tok(i)?;
            let w = self.s(t);
            if t.kind == Tk::Word
                && (2..=7).contains(&w.len())
                && w.chars().all(|c| c.is_ascii_uppercase())
            {
                self.i = i + 1;
                return Some(first.start..t.end);
            }
        }
        let last = last_good?;
        if !has_noun {
            return None;
        }
        // the name must start with a capital word
        let head = self.s(self.tok(i)?);
        let capital = head.chars().next().is_some_and(|c| c.is_uppercase());
        if !capital && !INSTRUMENT_NOUNS.contains(&Lower::unicode(head).as_str()) {
            return None;
        }
        self.i = last + 1;
        Some(first.start..self.tok(last)?.end)
    }
}

static DESIGNATION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:decision|resolution|regulation|directive|recommendation)[ \t]+(?:\((?:EU|EC|EEC|Euratom)\)[ \t]+)?(?:No\.?[ \t]+)?[0-9]{1,4}/[0-9A-Za-z.]{1,12}(?:/[A-Z]{2,6})?,?[ \t]*$").unwrap()
});

/// An instrument named just before a reference: `its Article 3` (the
/// instrument named before in the sentence: `the Convention, in particular
/// its Article 3`), `decision 2/CP.17, paragraph 83`.
fn named_before(text: &str, start: usize) -> Option<Scope> {
    let from = super::lines::floor_char_boundary(text, start.saturating_sub(60));
    let head = &text[from..start];
    if head.trim_end().to_ascii_lowercase().ends_with(" its") {
        let name = super::short_names::instrument_named_before(text, start)?;
        let at = name.as_ptr() as usize - text.as_ptr() as usize;
        return Some(Scope::external(name.to_string(), at..at + name.len()));
    }
    // `the Convention, in particular Article 4`, `the Convention [as set
    // out in Articles 2, 3 and 4]`: the instrument just named
    if let Some(scope) = linked_to_name_before(text, from, head) {
        return Some(scope);
    }
    if let Some(scope) = noun_just_before(text, from, head) {
        return Some(scope);
    }
    let m = DESIGNATION_BEFORE.find(head)?;
    let name = m.as_str().trim_end().trim_end_matches(',');
    Some(Scope::external(
        name.to_string(),
        from + m.start()..from + m.start() + name.len(),
    ))
}

/// `Convention Article 4`, `decision paragraph 45`: an instrument noun
/// written just before the reference, on its line, names whose it is
/// (`this Convention Article 4` is left alone).
fn noun_just_before(text: &str, from: usize, head: &str) -> Option<Scope> {
    const NOUNS: &[&str] = &[
        "convention",
        "covenant",
        "charter",
        "statute",
        "treaty",
        "protocol",
        "agreement",
        "decision",
        "regulation",
        "directive",
    ];
    let before = head
        .strip_suffix([' ', '\t'])?
        .trim_end_matches([' ', '\t']);
    let word_at = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_at..];
    if !NOUNS.iter().any(|n| word.eq_ignore_ascii_case(n)) {
        return None;
    }
    let preceding = before[..word_at].trim_end();
    if !before[..word_at].ends_with([' ', '\t']) && !preceding.is_empty() {
        return None;
    }
    let last = preceding.rsplit([' ', '\t']).next().unwrap_or("");
    if ["this", "present", "draft"]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let end = from + before.len();
    let named = super::short_names::instrument_named_before(text, end)
        .filter(|n| n.as_ptr() as usize - text.as_ptr() as usize + n.len() == end);
    let name = named.unwrap_or(word);
    let at = name.as_ptr() as usize - text.as_ptr() as usize;
    Some(Scope::external(name.to_string(), at..at + name.len()))
}

/// Words that tie a reference to the instrument named just before them;
/// `true` where a comma must stand between (`the Convention, in
/// particular Article 4`, but `the objective of the Convention in
/// particular` would lean on more than the name).
const LINKS_TO_NAME: &[(&str, bool)] = &[
    ("in particular", true),
    ("as set out in", false),
    ("as contained in", false),
    ("as defined in", false),
    ("as referred to in", false),
    ("as provided for in", false),
    ("as provided in", false),
    ("as reflected in", false),
    ("as enshrined in", false),
    ("as laid down in", false),
    ("as specified in", false),
];

/// The instrument named just before a linking phrase that ends `head`
/// (which starts at `from`), with only punctuation between.
fn linked_to_name_before(text: &str, from: usize, head: &str) -> Option<Scope> {
    let lower = head.trim_end().to_ascii_lowercase();
    let (before, comma) = LINKS_TO_NAME.iter().find_map(|&(link, comma)| {
        let before = lower.strip_suffix(link)?;
        before
            .ends_with(|c: char| c.is_whitespace() || c == '[' || c == '(' || c == ',')
            .then_some((before, comma))
    })?;
    let before = before.trim_end().trim_end_matches("and").trim_end();
    let before = before.trim_end_matches(['[', '(']).trim_end();
    if comma && !before.ends_with(',') {
        return None;
    }
    let end = from + before.trim_end_matches(',').len();
    let name = super::short_names::instrument_named_before(text, end)?;
    let at = name.as_ptr() as usize - text.as_ptr() as usize;
    // `this Agreement, as set out in Article 2` is this instrument's
    let before = trimmed_before(text, at);
    let this = ["this", "present"].iter().any(|w| {
        before.len() >= w.len()
            && before.is_char_boundary(before.len() - w.len())
            && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
    });
    (!this && text[at + name.len()..end].trim().is_empty())
        .then(|| Scope::external(name.to_string(), at..at + name.len()))
}

/// `points (i) and (ii)`: the `(ii)` after it makes `(i)` a Roman item too,
/// not a lettered point holding `(ii)`.
fn roman_pairs(targets: &mut [Target]) {
    for k in 1..targets.len() {
        let (before, after) = targets.split_at_mut(k);
        let (prev, next) = (&mut before[k - 1], &mut after[0]);
        let Some(last) = prev.path.last() else {
            continue;
        };
        let single = last.level == Level::Sub(2) && matches!(last.key.as_str(), "i" | "v" | "x");
        let n = next.path.len();
        if single
            && n >= 2
            && next.path[n - 2].level == Level::Sub(2)
            && next.path[n - 2].key == last.key
            && next.path[n - 1].level == Level::Sub(3)
        {
            prev.path.last_mut().unwrap().level = Level::Sub(3);
            next.path.remove(n - 2);
        }
    }
}

/// Whether the words after `the following article` announce text to come
/// (`shall be added`, `is inserted`, `:`) rather than cite the next one.
fn announces_new_text(rest: &str) -> bool {
    let head: String = rest
        .chars()
        .take(60)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with(':')
        || ["shall be ", "is ", "are ", "will be ", "should be "]
            .iter()
            .filter_map(|v| head.strip_prefix(v))
            .any(|rest| {
                ["added", "inserted", "substituted", "included"]
                    .iter()
                    .any(|w| rest.trim_start().starts_with(w))
            })
}

/// The text from `start` to the next space, or its first 9 bytes and a
/// little more if longer: [`is_acronym`] tells the two apart as well (an
/// acronym is at most 8 bytes), reading no farther.
fn first_word_from(text: &str, start: usize) -> &str {
    let end = super::lines::ceil_char_boundary(text, start + 9);
    text[start..end].split(' ').next().unwrap_or("")
}

/// An acronym that names an instrument: `TFEU`, `TEU`, `ECHR`, `GDPR`; two
/// to eight capitals, not a word of text set in capitals.
fn is_acronym(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "AND", "OR", "OF", "THE", "TO", "IN", "ON", "BY", "AS", "IS", "AT", "AN", "IT", "BE", "NO",
        "NOT", "FOR", "ARE", "SHALL", "MAY", "WITH", "THIS", "THAT",
    ];
    (2..=8).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && !WORDS.contains(&word)
}

fn make_target(path: &[Piece], role: RangeRole) -> Target {
    let anchor = match path.first().map(|p| p.level) {
        Some(Level::Article) | Some(Level::Division(_)) => Anchor::Absolute,
        _ => Anchor::Enclosing,
    };
    Target {
        span: path.last().map_or(0..0, |p| p.span.clone()),
        anchor,
        path: path.to_vec(),
        role,
    }
}

/// A relative path read inside `base`: the pieces of `base` above the
/// relative path's first level, then the relative path (`point (a)` in
/// `Article 9(2)` is `9(2)(a)`; `article 4` in `Annex III` is `Annex III,
/// article 4`). The one rule for reading a relative reference in another:
/// the reader's tails and `of that article`, and extraction's bullets.
pub fn path_within(base: &[Piece], rel: &[Piece]) -> Vec<Piece> {
    let first = rel.first().map(|x| x.level);
    let mut path: Vec<Piece> = base
        .iter()
        .filter(|x| first.is_none_or(|f| x.level < f))
        .cloned()
        .collect();
    path.extend(rel.iter().cloned());
    path
}

/// `points (a) and (b)` + `of Article 9(2)` -> `9(2)(a)`, `9(2)(b)`;
/// `article 4` + `of Annex III` -> `Annex III, article 4`.
fn combine(prefix: &[Target], targets: &[Target]) -> Vec<Target> {
    let mut out = Vec::new();
    for p in prefix {
        for t in targets {
            if !matches!(t.anchor, Anchor::Absolute | Anchor::Enclosing) {
                out.push(t.clone());
                continue;
            }
            let path = path_within(&p.path, &t.path);
            let mut nt = make_target(&path, t.role);
            nt.span = t.span.clone();
            out.push(nt);
        }
    }
    out
}
