//! Cross-references: `Article 6(1)(a)`, `article 23, paragraph 1 (a) (i) or
//! (ii)`, `points (a) and (b) of Article 9(2)`, `Articles 6 to 16`,
//! `paragraph 2 of this article`, `Article 19 of the International Covenant
//! on Civil and Political Rights`.
//!
//! A fast regex finds the trigger words; from each, a small tokenizer and a
//! recursive-descent reader take the longest reference that starts there.
//! Every number becomes a piece with its own span, and every cited element
//! its own target, so a cursor on any number finds exactly what it names.

use super::number::{is_latin_suffix, normalise_key, roman_value};
use super::tree::*;
use regex::Regex;
use std::sync::LazyLock;

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(?:art|arts|articles?|paras?|paragraphs?|sub-?paragraphs?|points?|items?|chapters?|parts?|sections?|sub-?sections?|annex|annexes|appendix|appendices|titles?|this|present|preceding|previous|following)\b",
    )
    .unwrap()
});

/// Head nouns of instrument names: `the ... Convention`, `the Charter`.
const INSTRUMENT_NOUNS: &[&str] = &[
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
];

/// Lower-case words allowed inside an instrument name.
const NAME_CONNECTORS: &[&str] = &[
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tk {
    Word,
    Num,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Tk,
    start: usize,
    end: usize,
    /// whitespace (or a line break) separates it from the previous token
    space: bool,
}

/// Scans the whole text for references. `opaque` spans (code fences, front
/// matter) are skipped.
pub fn scan(text: &str, doc: &Document, opaque: &[Span]) -> Vec<Reference> {
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

    let mut refs = Vec::new();
    let mut covered = 0;
    for m in TRIGGER.find_iter(text) {
        if m.start() < covered || inside(opaque, m.start()) || inside(&labels, m.start()) {
            continue;
        }
        let limit = stops
            .get(stops.partition_point(|&s| s <= m.start()))
            .copied()
            .unwrap_or(text.len())
            .min(m.start() + 600);
        let toks = tokenize(text, m.start(), limit);
        let mut r = Reader {
            text,
            toks: &toks,
            i: 0,
        };
        if let Some(mut reference) = r.reference() {
            covered = reference.span.end;
            reference.context = doc.node_at(reference.span.start);
            refs.push(reference);
        }
    }
    refs
}

fn inside(spans: &[Span], pos: usize) -> bool {
    let i = spans.partition_point(|s| s.start <= pos);
    i > 0 && spans[i - 1].end > pos
}

/// Tokens from `start` up to `limit` or a blank line.
fn tokenize(text: &str, start: usize, limit: usize) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(32);
    let mut i = start;
    let mut space = false;
    let mut newlines = 0;
    while i < limit && toks.len() < 160 {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        if c == '\n' || c == '\r' {
            if c == '\n' || bytes.get(i + 1) != Some(&b'\n') {
                newlines += 1;
            }
            if newlines >= 2 {
                break;
            }
            space = true;
            i += len;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            i += len;
            continue;
        }
        newlines = 0;
        // emphasis and escapes are transparent: `*(b)*`, `\(a\)`
        if c == '*' || c == '_' || c == '\\' {
            i += len;
            continue;
        }
        if c.is_ascii_digit() {
            let s = i;
            while i < limit && bytes[i].is_ascii_digit() {
                i += 1;
            }
            toks.push(Tok {
                kind: Tk::Num,
                start: s,
                end: i,
                space,
            });
        } else if c.is_alphabetic() {
            let s = i;
            while i < limit {
                let Some(d) = text[i..].chars().next() else {
                    break;
                };
                if d.is_alphabetic() {
                    i += d.len_utf8();
                } else if (d == '-' || d == '\'' || d == '’')
                    && i + d.len_utf8() < limit
                    && text[i + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|e| e.is_alphabetic())
                {
                    i += d.len_utf8();
                } else {
                    break;
                }
            }
            toks.push(Tok {
                kind: Tk::Word,
                start: s,
                end: i,
                space,
            });
        } else {
            toks.push(Tok {
                kind: Tk::Punct(c),
                start: i,
                end: i + len,
                space,
            });
            i += len;
        }
        space = false;
    }
    toks
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    List,
    Range,
}

struct Reader<'a> {
    text: &'a str,
    toks: &'a [Tok],
    i: usize,
}

/// What a level word (`article`, `paragraphs`, `point`) sets.
fn level_word(w: &str) -> Option<Level> {
    Some(match w {
        "article" | "articles" | "art" | "arts" => Level::Article,
        "paragraph" | "paragraphs" | "para" | "paras" => Level::Sub(1),
        "subparagraph" | "subparagraphs" | "sub-paragraph" | "sub-paragraphs" | "point"
        | "points" | "letter" | "letters" => Level::Sub(2),
        "item" | "items" | "subitem" | "sub-item" => Level::Sub(3),
        _ => return None,
    })
}

fn division_word(w: &str) -> Option<NodeKind> {
    Some(match w {
        "chapter" | "chapters" => NodeKind::Chapter,
        "part" | "parts" => NodeKind::Part,
        "section" | "sections" => NodeKind::Section,
        "subsection" | "subsections" | "sub-section" | "sub-sections" => NodeKind::Subsection,
        "annex" | "annexes" | "appendix" | "appendices" => NodeKind::Annex,
        "title" | "titles" => NodeKind::Title,
        _ => return None,
    })
}

fn this_kind(w: &str) -> Option<NodeKind> {
    Some(match w {
        "article" => NodeKind::Article,
        "paragraph" => NodeKind::Paragraph,
        "subparagraph" | "sub-paragraph" | "point" => NodeKind::Subparagraph,
        _ => return division_word(w).filter(|k| *k != NodeKind::Title),
    })
}

impl<'a> Reader<'a> {
    fn tok(&self, i: usize) -> Option<Tok> {
        self.toks.get(i).copied()
    }
    fn peek(&self) -> Option<Tok> {
        self.tok(self.i)
    }
    fn s(&self, t: Tok) -> &'a str {
        &self.text[t.start..t.end]
    }
    fn lower(&self, t: Tok) -> String {
        self.s(t).to_lowercase()
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
        self.toks[self.i.saturating_sub(1)].end
    }

    fn reference(&mut self) -> Option<Reference> {
        let first = self.peek()?;
        let w = self.lower(first);
        let start = first.start;
        if w == "this" || w == "present" || w == "preceding" || w == "previous" || w == "following"
        {
            return self.demonstrative(&w);
        }
        let (targets, _) = if let Some(kind) = division_word(&w) {
            self.i += 1;
            self.division_list(kind)?
        } else {
            let level = level_word(&w)?;
            self.i += 1;
            if (w == "art" || w == "arts" || w == "para" || w == "paras")
                && self.is_punct(self.i, '.')
            {
                self.i += 1;
            }
            self.list(level)?
        };
        let mut reference = Reference {
            span: start..self.end(),
            scope: Scope::Implicit,
            targets,
            context: NodeId::ROOT,
        };
        self.tail(&mut reference);
        reference.span.end = self.end();
        Some(reference)
    }

    /// `this article`, `the present article`, `the preceding paragraph`.
    fn demonstrative(&mut self, w: &str) -> Option<Reference> {
        let first = self.peek()?;
        let noun = self.tok(1).filter(|t| t.kind == Tk::Word)?;
        let kind = this_kind(&self.lower(noun))?;
        let anchor = match w {
            "this" => Anchor::This { kind },
            "present" => {
                // `the present article`; `present` alone is an adjective
                let before = &self.text[..first.start];
                if !before.trim_end().to_lowercase().ends_with("the") {
                    return None;
                }
                Anchor::This { kind }
            }
            _ => {
                let before = &self.text[..first.start];
                if !before.trim_end().to_lowercase().ends_with("the") {
                    return None;
                }
                if !matches!(
                    kind,
                    NodeKind::Article | NodeKind::Paragraph | NodeKind::Subparagraph
                ) {
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
            let before = self.text[..first.start].trim_end();
            before.len() - 3
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

    /// `Chapter V`, `Annexes I and II`, `Part XI`.
    fn division_list(&mut self, kind: NodeKind) -> Option<(Vec<Target>, ())> {
        let mut targets = Vec::new();
        let mut role = RangeRole::Single;
        loop {
            let t = self.peek()?;
            let key = match t.kind {
                Tk::Num => self.s(t).to_string(),
                Tk::Word => {
                    let s = self.s(t);
                    let roman =
                        roman_value(s).is_some() && s.chars().all(|c| c.is_ascii_uppercase());
                    let letter = s.len() == 1 && s.chars().all(|c| c.is_ascii_uppercase());
                    if !(roman || letter) {
                        if targets.is_empty() {
                            return None;
                        }
                        break;
                    }
                    s.to_string()
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
            let mut key = key;
            // `Part XI bis`
            if let Some(n) = self.peek() {
                if n.kind == Tk::Word && is_latin_suffix(self.s(n)) {
                    key.push_str(&self.s(n).to_lowercase());
                    end = n.end;
                    self.i += 1;
                }
            }
            let piece = Piece {
                level: Level::Division(kind),
                key: normalise_key(&key),
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
                    let ok = next.is_some_and(|n| {
                        n.kind == Tk::Num
                            || (n.kind == Tk::Word
                                && roman_value(self.s(n)).is_some()
                                && self.s(n).chars().all(|c| c.is_ascii_uppercase()))
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
        Some((targets, ()))
    }

    /// Reads `, `, `and`, `or`, `to`, `through`, `-`; returns what it was.
    fn separator(&mut self) -> Option<Sep> {
        let save = self.i;
        let mut sep = None;
        loop {
            let Some(t) = self.peek() else { break };
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
        if !lower {
            return Some(Level::Sub(4));
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
            Tk::Num => {
                if self.s(t).len() > 4 {
                    return None;
                }
                self.i += 1;
                let mut key = self.s(t).to_string();
                let mut end = t.end;
                // `93bis`, `5a`, `48 bis`
                if let Some(n) = self.peek() {
                    let w = self.s(n);
                    if n.kind == Tk::Word && is_latin_suffix(w) {
                        key.push_str(&w.to_lowercase());
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
            Tk::Punct('(') => {
                let save = self.i;
                self.i += 1;
                let inner = self.peek();
                let mut key = String::new();
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
                let key = normalise_key(&key);
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
            Tk::Word => {
                let w = self.s(t);
                if w.len() > 5 {
                    return None;
                }
                // `a)`, `a.` (CoE), bare `e` in `sub-paragraphs d. and e`
                let next = self.tok(self.i + 1);
                let closes = next
                    .is_some_and(|n| !n.space && matches!(n.kind, Tk::Punct(')') | Tk::Punct('.')));
                let upper_roman =
                    roman_value(w).is_some() && w.chars().all(|c| c.is_ascii_uppercase());
                if num_level == Level::Article && upper_roman && prev.is_none() {
                    // `Article IV`
                    self.i += 1;
                    return Some(Piece {
                        level: Level::Article,
                        key: w.to_string(),
                        span: t.start..t.end,
                    });
                }
                if !closes && !bare_letters {
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
                    key: w.to_string(),
                    span: t.start..end,
                };
                self.suffix(&mut piece);
                Some(piece)
            }
            _ => None,
        }
    }

    /// `(k) quinquies`: a Latin suffix after a label belongs to it.
    fn suffix(&mut self, piece: &mut Piece) {
        if let Some(n) = self.peek() {
            if n.kind == Tk::Word && is_latin_suffix(self.s(n)) {
                piece.key.push_str(&self.s(n).to_lowercase());
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
                        Level::Division(_) => return self.reset(save),
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
    fn list(&mut self, start: Level) -> Option<(Vec<Target>, ())> {
        let mut ctx = start;
        let mut num_level = if start == Level::Article {
            Level::Article
        } else {
            Level::Sub(1)
        };
        let mut path: Vec<Piece> = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        let mut role = RangeRole::Single;
        let mut bare = start == Level::Sub(2);
        loop {
            let prev = path.last().cloned();
            let piece = match self.piece(ctx, num_level, prev.as_ref(), bare) {
                Some(p) => p,
                None => break,
            };
            if ctx == Level::Sub(2)
                && piece.level == Level::Sub(1)
                && start == Level::Sub(2)
                && path.is_empty()
            {
                // `point 3`: not a lettered point
                return None;
            }
            path.retain(|p| p.level < piece.level);
            path.push(piece);
            while let Some(c) = self.component(&path, ctx) {
                path.retain(|p| p.level < c.level);
                path.push(c);
            }
            // `, paragraph 2`, `, point (a)`: a descent into the last piece
            let save = self.i;
            let comma = self.is_punct(self.i, ',');
            let at = if comma { self.i + 1 } else { self.i };
            if let Some(w) = self.tok(at).filter(|t| t.kind == Tk::Word) {
                if let Some(l) = level_word(&self.lower(w)) {
                    if l > path.last().unwrap().level {
                        self.i = at + 1;
                        if self.is_punct(self.i, '.') {
                            self.i += 1;
                        }
                        ctx = l;
                        if l == Level::Sub(1) {
                            num_level = Level::Sub(1);
                        }
                        bare = l >= Level::Sub(2);
                        if self
                            .peek()
                            .is_some_and(|t| matches!(t.kind, Tk::Num | Tk::Word | Tk::Punct('(')))
                        {
                            continue;
                        }
                        self.i = save;
                    }
                }
            }
            // a separator, then a new item (maybe after a level word)
            let save = self.i;
            let Some(sep) = self.separator() else { break };
            let mut next_ctx = ctx;
            let mut next_num = num_level;
            let mut next_bare = bare;
            if let Some(w) = self.peek().filter(|t| t.kind == Tk::Word) {
                if let Some(l) = level_word(&self.lower(w)) {
                    self.i += 1;
                    if self.is_punct(self.i, '.') {
                        self.i += 1;
                    }
                    next_ctx = l;
                    next_num = if l == Level::Article {
                        Level::Article
                    } else {
                        Level::Sub(1)
                    };
                    if l == Level::Article {
                        next_num = Level::Article;
                    }
                    next_bare = l >= Level::Sub(2);
                }
            }
            let can_start = self.peek().is_some_and(|t| match t.kind {
                Tk::Num => self.s(t).len() <= 4,
                Tk::Punct('(') => true,
                Tk::Word => {
                    let s = self.s(t);
                    let closes = self.tok(self.i + 1).is_some_and(|n| {
                        !n.space && matches!(n.kind, Tk::Punct(')') | Tk::Punct('.'))
                    });
                    (closes || next_bare)
                        && s.len() <= 4
                        && s.chars().all(|c| c.is_ascii_lowercase())
                        && !matches!(s, "the" | "in" | "of" | "a" if !closes)
                }
                _ => false,
            });
            if !can_start {
                self.i = save;
                break;
            }
            let mut target_role = role;
            if sep == Sep::Range {
                target_role = if role == RangeRole::To {
                    RangeRole::Single
                } else {
                    RangeRole::From
                };
                role = RangeRole::To;
            } else {
                role = RangeRole::Single;
            }
            targets.push(make_target(&path, target_role));
            ctx = next_ctx;
            num_level = next_num;
            bare = next_bare;
        }
        if path.is_empty() {
            return None;
        }
        targets.push(make_target(&path, role));
        Some((targets, ()))
    }

    /// `of this article`, `of Article 28`, `, of this Convention`, `of the
    /// Budapest Convention`, `of Annex III`.
    fn tail(&mut self, r: &mut Reference) {
        loop {
            let save = self.i;
            if self.is_punct(self.i, ',') {
                self.i += 1;
            }
            if !self.is_word(self.i, &["of", "in", "under"]) {
                self.i = save;
                return;
            }
            let prep = self.lower(self.peek().unwrap());
            self.i += 1;
            let Some(t) = self.peek() else {
                self.i = save;
                return;
            };
            let w = self.lower(t);
            // `of this article`, `of the present Convention`
            let this = w == "this" || (w == "the" && self.is_word(self.i + 1, &["present"]));
            if this {
                let noun_i = if w == "this" { self.i + 1 } else { self.i + 2 };
                let Some(noun) = self.tok(noun_i).filter(|t| t.kind == Tk::Word) else {
                    self.i = save;
                    return;
                };
                let nw = self.lower(noun);
                if INSTRUMENT_NOUNS.contains(&nw.as_str()) {
                    self.i = noun_i + 1;
                    r.scope = Scope::ThisInstrument;
                    return;
                }
                let Some(kind) = this_kind(&nw) else {
                    self.i = save;
                    return;
                };
                if prep != "of" {
                    self.i = save;
                    return;
                }
                self.i = noun_i + 1;
                let piece_kind = kind;
                for target in &mut r.targets {
                    if target.anchor == Anchor::Absolute
                        && target
                            .path
                            .first()
                            .is_some_and(|p| matches!(p.level, Level::Article | Level::Division(_)))
                        && piece_kind != NodeKind::Annex
                    {
                        continue;
                    }
                    match piece_kind {
                        NodeKind::Annex => {
                            if target.anchor == Anchor::Enclosing
                                || target.anchor == Anchor::Absolute
                            {
                                target.anchor = Anchor::This {
                                    kind: NodeKind::Annex,
                                };
                            }
                        }
                        _ => target.anchor = Anchor::This { kind: piece_kind },
                    }
                }
                continue;
            }
            if prep != "of" {
                self.i = save;
                return;
            }
            // `of Article 28`, `of paragraph 2`, `of Annex III`
            if let Some(level) = level_word(&w) {
                let first_level = r
                    .targets
                    .iter()
                    .filter_map(|t| t.path.first())
                    .map(|p| p.level)
                    .min();
                if first_level
                    .is_some_and(|l| l > level || (level == Level::Article && l != Level::Article))
                {
                    self.i += 1;
                    if self.is_punct(self.i, '.') {
                        self.i += 1;
                    }
                    if let Some((prefix, _)) = self.list(level) {
                        r.targets = combine(&prefix, &r.targets);
                        continue;
                    }
                }
                self.i = save;
                return;
            }
            if let Some(kind) = division_word(&w) {
                self.i += 1;
                if let Some((prefix, _)) = self.division_list(kind) {
                    r.targets = combine(&prefix, &r.targets);
                    continue;
                }
                self.i = save;
                return;
            }
            match self.instrument_name() {
                Some(name) => {
                    r.scope = Scope::External {
                        name: self.text[name.clone()]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        span: name,
                    };
                    return;
                }
                None => {
                    self.i = save;
                    return;
                }
            }
        }
    }

    /// `the International Covenant on Civil and Political Rights`, `the
    /// Charter`, `Protocol No. 1`, `Regulation (EU) 2016/679`.
    fn instrument_name(&mut self) -> Option<Span> {
        let start_i = self.i;
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
                    let lw = s.to_lowercase();
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
                        if lw == "and"
                            && self
                                .tok(j + 1)
                                .is_some_and(|n| level_word(&self.lower(n)).is_some())
                        {
                            break;
                        }
                    } else if lw == "no" {
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
        let last = last_good?;
        if !has_noun {
            return None;
        }
        // the name must start with a capital word
        let head = self.tok(i)?;
        if !self
            .s(head)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
        {
            return None;
        }
        let _ = start_i;
        self.i = last + 1;
        Some(first.start..self.toks[last].end)
    }
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
            let first = t.path.first().map(|x| x.level);
            let mut path: Vec<Piece> = p
                .path
                .iter()
                .filter(|x| first.is_none_or(|f| x.level < f))
                .cloned()
                .collect();
            path.extend(t.path.iter().cloned());
            let mut nt = make_target(&path, t.role);
            nt.span = t.span.clone();
            out.push(nt);
        }
    }
    out
}
