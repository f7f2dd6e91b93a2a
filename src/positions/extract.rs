//! Drafting a positions file from a submission's text: `treaty-lsp extract`.
//!
//! A submission is prose: paragraphs, bullets, sub-bullets with quoted
//! draft language. Each line is split into sentences; a sentence makes a
//! proposal when it has a proposal verb in a proposal context (the verb
//! opens the sentence, as in a list of changes, or a cue such as `we
//! propose`, `recommend` or `should` comes before it) or gives words to
//! change. Its target is the draft reference the verb acts on (references
//! to other instruments and references inside quoted text never are); a
//! bullet that opens with a bold reference (`**Article 5 (1):**`) names
//! the target of all its sentences. Sentences of one line on the same
//! target become one position.
//!
//! What is guessed is said in `# check:` comments above the position, for
//! the person who reviews the file.

use super::{Group, Stance};
use crate::syntax::{self, Level, NodeKind, Piece, RangeRole, Reference, Scope, Span};

/// Who and what the extracted file is about.
#[derive(Clone, Debug)]
pub struct Options<'a> {
    pub stakeholder: &'a str,
    pub group: Option<Group>,
    pub draft: &'a str,
    /// The submission's path as given; written to `[source] submission`.
    pub submission: &'a str,
}

/// What extraction found in a submission.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    pub title: Option<String>,
    pub proposals: Vec<Proposal>,
}

/// One draft position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// A reference as in a draft: `Articles 30, 31, 32, 33 and 34`.
    pub target: String,
    pub stance: Stance,
    pub summary: String,
    /// The sentence(s), verbatim.
    pub quote: String,
    /// 1-based line in the submission.
    pub line: u32,
    pub changes: Vec<NewChange>,
    /// Why a reviewer should look again.
    pub checks: Vec<String>,
}

/// A change in the words of the positions format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewChange {
    Replace {
        find: String,
        with: String,
    },
    DeleteText {
        find: String,
    },
    Delete,
    InsertText {
        text: String,
        place: NewPlace,
    },
    InsertElement {
        element: &'static str,
        number: Option<String>,
        text: String,
    },
    Unbracket {
        find: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewPlace {
    After(String),
    Start,
    End,
}

impl NewChange {
    fn describe(&self) -> String {
        let q = super::short_quote;
        match self {
            NewChange::Replace { find, with } => format!("replace {} with {}", q(find), q(with)),
            NewChange::DeleteText { find } => format!("delete {}", q(find)),
            NewChange::Delete => "delete".into(),
            NewChange::InsertText { text, place } => match place {
                NewPlace::After(a) => format!("insert {} after {}", q(text), q(a)),
                NewPlace::Start => format!("insert {} at the start", q(text)),
                NewPlace::End => format!("add {} at the end", q(text)),
            },
            NewChange::InsertElement {
                element, number, ..
            } => match number {
                Some(n) => format!("insert {} {}", element, n),
                None => format!("insert a new {}", element),
            },
            NewChange::Unbracket { find } => format!("remove the brackets around {}", q(find)),
        }
    }
}

// ---------------------------------------------------------------- words

/// Words that say the stakeholder proposes what follows.
const CUES: &[&str] = &[
    "propose",
    "proposes",
    "recommend",
    "recommends",
    "suggest",
    "suggests",
    "urge",
    "urges",
    "encourage",
    "encourages",
    "ask",
    "asks",
    "should",
    "must",
    "request",
    "requests",
    "calls",
    "call",
    "need",
    "needs",
    "advocate",
    "advocates",
    "invite",
    "invites",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Delete,
    Amend,
    Insert,
    Unbracket,
    Support,
    Oppose,
}

/// A proposal verb: its family and whether it says plainly what it wants.
fn verb(w: &str) -> Option<(Family, bool)> {
    use Family::*;
    Some(match w {
        "delete" | "deletes" | "deleting" | "deleted" | "deletion" | "remove" | "removing"
        | "removed" | "removal" => (Delete, true),
        "strike" | "striking" | "omit" | "omitting" | "drop" | "dropping" => (Delete, false),
        "replace" | "replacing" | "replaced" | "replacement" | "amend" | "amending" | "amended"
        | "amendment" => (Amend, true),
        "align" | "aligning" | "aligned" | "revise" | "revising" | "revised" | "revision"
        | "strengthen" | "strengthening" | "streamline" | "streamlining" | "modify"
        | "modifying" | "narrow" | "narrowing" | "limit" | "limiting" | "limited" | "restrict"
        | "restricting" | "clarify" | "clarifying" | "specify" | "specifying" | "articulate"
        | "exempt" | "exempting" | "rephrase" | "reword" | "redraft" | "rename" | "renaming"
        | "tighten" | "tightening" | "scoping" => (Amend, false),
        "add" | "adding" | "added" | "addition" | "introduce" | "introducing" | "introduced"
        | "insert" | "inserting" | "inserted" | "insertion" | "reintroduce" | "reintroducing" => {
            (Insert, true)
        }
        "include" | "including" | "included" | "inclusion" => (Insert, false),
        "un-bracket" | "unbracket" | "unbracketing" | "un-bracketing" => (Unbracket, true),
        "support" | "supports" | "welcome" | "welcomes" | "endorse" | "endorses" => (Support, true),
        "oppose" | "opposes" | "reject" | "rejects" | "object" | "objects" => (Oppose, true),
        "concern" | "concerned" | "concerning" => (Oppose, false),
        _ => return None,
    })
}

/// Nouns for the words of an element rather than the element.
const WORDS_NOUNS: &[&str] = &[
    "term",
    "terms",
    "qualifier",
    "word",
    "words",
    "phrase",
    "phrases",
    "language",
    "text",
    "sentence",
    "reference",
    "references",
    "brackets",
    "bracket",
    "wording",
    "expression",
];

fn element_noun(w: &str) -> Option<&'static str> {
    Some(match w {
        "article" | "articles" => "article",
        "paragraph" | "paragraphs" => "paragraph",
        "subparagraph" | "subparagraphs" | "sub-paragraph" | "sub-paragraphs" => "subparagraph",
        "provision" | "provisions" | "clause" | "safeguard" => "provision",
        _ => return None,
    })
}

// ---------------------------------------------------------------- text pieces

#[derive(Clone, Debug)]
struct Line {
    no: u32,
    start: usize,
    end: usize,
    indent: usize,
    bullet: bool,
    /// After the bullet marker.
    content: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let body = raw.trim_end_matches(['\n', '\r']);
        let end = start + body.len();
        let indent = body.len() - body.trim_start().len();
        let t = body.trim_start();
        let marker = ["- ", "* ", "+ ", "• "]
            .iter()
            .find(|m| t.starts_with(*m))
            .map(|m| m.len());
        let content = start + indent + marker.unwrap_or(0);
        let content = content + text[content..end].len() - text[content..end].trim_start().len();
        out.push(Line {
            no: i as u32 + 1,
            start,
            end,
            indent,
            bullet: marker.is_some(),
            content,
        });
        start += raw.len();
    }
    out
}

/// A quoted passage: `“...”`, `"..."`, `*"..."*`.
#[derive(Clone, Debug)]
struct Quoted {
    /// Including the quote marks and any emphasis around them.
    outer: Span,
    /// The words, emphasis and quote marks removed, redline kept.
    text: String,
    /// From a sub-bullet's bold label: (element, number).
    label: Option<(&'static str, String)>,
}

fn quotes(text: &str, range: Span) -> Vec<Quoted> {
    let s = &text[range.clone()];
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let close = match c {
            '“' => Some('”'),
            '"' => {
                let prev = s[..i].chars().next_back();
                // an opening straight quote follows a space, a bracket or emphasis
                if prev.is_none_or(|p| p.is_whitespace() || "([*_:".contains(p)) {
                    Some('"')
                } else {
                    None
                }
            }
            _ => None,
        };
        let Some(close) = close else {
            i += c.len_utf8();
            continue;
        };
        let open_end = i + c.len_utf8();
        let found = s[open_end..].find(close).map(|e| open_end + e);
        let Some(j) = found else {
            i = open_end;
            continue;
        };
        let inner = &s[open_end..j];
        let mut outer = i..j + close.len_utf8();
        // emphasis around the quote marks: *"..."*
        while outer.start > 0 && matches!(b[outer.start - 1], b'*' | b'_') {
            outer.start -= 1;
        }
        while outer.end < s.len() && matches!(b[outer.end], b'*' | b'_') {
            outer.end += 1;
        }
        let words = clean_quote(inner);
        if !words.is_empty() {
            out.push(Quoted {
                outer: range.start + outer.start..range.start + outer.end,
                text: words,
                label: None,
            });
        }
        i = j + close.len_utf8();
    }
    out
}

/// Emphasis marks and escapes removed, spaces collapsed; redline marks kept.
fn clean_quote(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        if c != '*' && c != '\\' {
            t.push(c);
        }
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_matches(|c: char| c == '_' || c.is_whitespace())
        .to_string()
}

/// Leading and trailing ellipses off; whether there were any.
fn strip_ellipsis(s: &str) -> (String, bool) {
    let mut t = s.trim();
    let mut cut = false;
    loop {
        let before = t;
        for e in ["...", "…"] {
            if let Some(r) = t.strip_prefix(e) {
                t = r.trim_start();
                cut = true;
            }
            if let Some(r) = t.strip_suffix(e) {
                t = r.trim_end();
                cut = true;
            }
        }
        if t == before {
            break;
        }
    }
    (t.to_string(), cut)
}

fn inside_any(spans: &[Span], pos: usize) -> bool {
    spans.iter().any(|s| s.start <= pos && pos < s.end)
}

/// Sentences of `range`: split after `.`, `?`, `!` followed by a space and
/// a capital (or a quote or emphasis), outside quotes, not after `e.g.`.
fn sentences(text: &str, range: Span, quoted: &[Span]) -> Vec<Span> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        // a full stop just inside a closing quote ends the sentence there
        let mut k = k;
        let mut i = i;
        let mut c = c;
        if inside_any(quoted, range.start + i) {
            match chars.get(k + 1) {
                Some(&(j, q @ ('”' | '"')))
                    if quoted
                        .iter()
                        .any(|s| s.end == range.start + j + q.len_utf8()) =>
                {
                    k += 1;
                    i = j;
                    c = q;
                }
                _ => continue,
            }
        }
        let Some(&(_, next)) = chars.get(k + 1) else {
            continue;
        };
        if !next.is_whitespace() {
            continue;
        }
        let after = chars[k + 1..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        if !after.is_some_and(|a| a.is_uppercase() || "*“\"[(_".contains(a)) {
            continue;
        }
        let word: String = s[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect::<String>()
            .chars()
            .rev()
            .collect::<String>()
            .to_ascii_lowercase();
        if [
            "e.g", "i.e", "etc", "art", "arts", "para", "paras", "no", "nos", "cf", "vs", "mr",
            "ms", "dr",
        ]
        .contains(&word.as_str())
            || (word.len() == 1 && word.chars().all(|c| c.is_alphabetic()))
        {
            continue;
        }
        let end = i + c.len_utf8();
        if s[start..end].trim().len() > 1 {
            out.push(range.start + start..range.start + end);
        }
        start = end;
    }
    if !s[start..].trim().is_empty() {
        out.push(range.start + start..range.end);
    }
    // trim spaces
    out.into_iter()
        .map(|r| {
            let t = &text[r.clone()];
            let lead = t.len() - t.trim_start().len();
            r.start + lead..r.start + lead + t[lead..].trim_end().len()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// The words of a span outside quoted passages: (offset, lower-case word).
fn words(text: &str, range: Span, quoted: &[Span]) -> Vec<(usize, String)> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let push = |from: usize, to: usize, out: &mut Vec<(usize, String)>| {
        let w = s[from..to].trim_end_matches(['-', '\'', '’']);
        if !w.is_empty() && !inside_any(quoted, range.start + from) {
            out.push((range.start + from, w.to_lowercase()));
        }
    };
    for (i, c) in s.char_indices() {
        let part = c.is_alphabetic() || (cur.is_some() && (c == '-' || c == '\'' || c == '’'));
        match (part, cur) {
            (true, None) => cur = Some(i),
            (false, Some(st)) => {
                push(st, i, &mut out);
                cur = None;
            }
            _ => {}
        }
    }
    if let Some(st) = cur {
        push(st, s.len(), &mut out);
    }
    out
}

// ---------------------------------------------------------------- targets

/// An element of the draft a proposal is about: an absolute path.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Elem {
    path: Vec<Piece>,
    role: RangeRole,
}

#[derive(Clone, Debug, Default)]
struct Targets {
    elems: Vec<Elem>,
    /// The references as written, when every target of each is used as is.
    written: Vec<Span>,
    exact: bool,
}

impl Targets {
    fn key(&self) -> Vec<String> {
        self.elems.iter().map(elem_key).collect()
    }
}

fn elem_key(e: &Elem) -> String {
    let role = match e.role {
        RangeRole::Single => "",
        RangeRole::From => " from",
        RangeRole::To => " to",
    };
    format!("{}{}", syntax::path_display(&e.path), role)
}

fn same_path(a: &[Piece], b: &[Piece]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.level == y.level && x.key == y.key)
}

/// Whether a reference is to the draft: not another instrument. In a
/// submission, `the Convention` is the draft.
fn internal(r: &Reference) -> bool {
    match &r.scope {
        Scope::External { name, .. } => {
            let n = name.to_lowercase();
            let n = n.trim_start_matches("the ").trim();
            matches!(
                n,
                "convention" | "treaty" | "draft" | "draft convention" | "draft text" | "text"
            )
        }
        _ => true,
    }
}

/// `paragraph 18.5` in a submission is Article 18, paragraph 5.
fn dotted_paragraph(text: &str, path: &[Piece]) -> Option<Vec<Piece>> {
    if path.len() >= 2
        && path[0].level == Level::Sub(1)
        && text.get(path[0].span.end..path[1].span.start) == Some(".")
        && path[0].key.chars().all(|c| c.is_ascii_digit())
    {
        let mut out = vec![Piece {
            level: Level::Article,
            key: path[0].key.clone(),
            span: path[0].span.clone(),
        }];
        for (i, p) in path[1..].iter().enumerate() {
            out.push(Piece {
                level: Level::Sub(i as u8 + 1),
                key: p.key.clone(),
                span: p.span.clone(),
            });
        }
        return Some(out);
    }
    None
}

/// A relative path (`subparagraph (b)`) read inside an absolute one.
fn within(base: &[Piece], rel: &[Piece]) -> Option<Vec<Piece>> {
    let first = rel.first()?;
    let Level::Sub(d) = first.level else {
        return None;
    };
    let keep: Vec<Piece> = base
        .iter()
        .take_while(|p| match p.level {
            Level::Sub(e) => e < d,
            _ => true,
        })
        .cloned()
        .collect();
    if !keep.iter().any(|p| p.level == Level::Article) {
        return None;
    }
    let mut out = keep;
    out.extend(rel.iter().cloned());
    Some(out)
}

/// Context for reading the references of one sentence.
struct Scene<'a> {
    text: &'a str,
    /// The bullet's bold label target.
    label: Option<&'a Targets>,
    /// The chapter of the section the line is in (`Chapter III` heading).
    chapter: Option<&'a Elem>,
}

/// Words before a reference that make it something other than what the
/// verb acts on: `aligning X with Article 22`, `limited to articles 6-16`.
fn not_object(before: &str) -> bool {
    let b = before.trim_end().to_lowercase();
    let b = b.trim_end_matches(['*', '_', '(', '"', '“']).trim_end();
    [
        " with",
        " than",
        "accordance with",
        "limited to",
        "only to",
        "restricted to",
        "confined to",
        "referring to",
        "refer to",
        "references to",
        "reference to",
        "applies to",
        "apply to",
        "established under",
        "set forth in",
        "except for",
        "renamed as",
        "moved to",
    ]
    .iter()
    .any(|m| b.ends_with(m))
}

/// Words between two references that end the list of what the verb acts
/// on: a new clause or a purpose.
fn breaks_list(gap: &str) -> bool {
    let g = format!(" {} ", gap.to_lowercase());
    [
        " to ",
        " which ",
        " whose ",
        " that ",
        " where ",
        " while ",
        " because ",
        " since ",
        " except ",
        " than ",
        " with ",
        " so ",
        " whereas ",
        " unless ",
        " but ",
        ". ",
    ]
    .iter()
    .any(|m| g.contains(m))
}

/// The targets of a sentence: the first reference to the draft that is
/// not the complement of another word, and the references listed with it.
/// Relative references are read in the bullet's target or the reference
/// before them; `this article` is the bullet's target.
fn sentence_targets(
    scene: &Scene,
    refs: &[&Reference],
    checks: &mut Vec<String>,
    sentence_start: usize,
) -> Targets {
    let text = scene.text;
    let mut t = Targets {
        exact: true,
        ..Default::default()
    };
    let mut last_end: Option<usize> = None;
    let mut base: Option<Vec<Piece>> = scene
        .label
        .and_then(|l| l.elems.first().map(|e| e.path.clone()));
    let mut pending_rel: Vec<(Vec<Piece>, RangeRole)> = Vec::new();
    for r in refs {
        let before = &text[sentence_start.min(r.span.start)..r.span.start];
        match last_end {
            None => {
                if not_object(before) {
                    continue;
                }
            }
            Some(e) => {
                let gap = &text[e.min(r.span.start)..r.span.start];
                if breaks_list(gap) {
                    // a tail like `to Article 45, paragraph 1` places the relative ones
                    if !pending_rel.is_empty() && gap.trim().eq_ignore_ascii_case("to") {
                    } else {
                        break;
                    }
                }
            }
        }
        let mut exact = true;
        let mut got: Vec<Elem> = Vec::new();
        let targets = &r.targets;
        for (k, tg) in targets.iter().enumerate() {
            // `subparagraphs (c) and (d) to Article 45, paragraph 1` read as a range
            let next_is_abs_to = targets
                .get(k + 1)
                .is_some_and(|n| n.role == RangeRole::To && n.anchor == syntax::Anchor::Absolute);
            match &tg.anchor {
                syntax::Anchor::Absolute => {
                    if tg.role == RangeRole::To
                        && k > 0
                        && targets[k - 1].anchor != syntax::Anchor::Absolute
                    {
                        exact = false;
                        let base_path = tg.path.clone();
                        for (rel, _) in pending_rel.drain(..) {
                            if let Some(p) = within(&base_path, &rel) {
                                got.push(Elem {
                                    path: p,
                                    role: RangeRole::Single,
                                });
                            }
                        }
                        base = Some(base_path);
                        continue;
                    }
                    base = Some(tg.path.clone());
                    got.push(Elem {
                        path: tg.path.clone(),
                        role: tg.role,
                    });
                }
                syntax::Anchor::Enclosing => {
                    exact = false;
                    if let Some(p) = dotted_paragraph(text, &tg.path) {
                        base = Some(p.clone());
                        got.push(Elem {
                            path: p,
                            role: tg.role,
                        });
                        continue;
                    }
                    if next_is_abs_to || tg.role == RangeRole::From {
                        pending_rel.push((tg.path.clone(), tg.role));
                        continue;
                    }
                    // a bare tail (`to Article 45, paragraph 1`) may follow
                    let tail_follows = refs
                        .iter()
                        .find(|n| n.span.start >= r.span.end)
                        .is_some_and(|n| {
                            text[r.span.end..n.span.start]
                                .trim()
                                .eq_ignore_ascii_case("to")
                        });
                    if tail_follows {
                        pending_rel.push((tg.path.clone(), RangeRole::Single));
                        continue;
                    }
                    match base.as_ref().and_then(|b| within(b, &tg.path)) {
                        Some(p) => got.push(Elem {
                            path: p,
                            role: tg.role,
                        }),
                        None => continue,
                    }
                }
                syntax::Anchor::This { kind } => {
                    exact = false;
                    if *kind == NodeKind::Chapter {
                        if let Some(c) = scene.chapter {
                            checks.push(format!(
                                "`this chapter` taken as {}, the heading the text stands under",
                                syntax::path_display(&c.path)
                            ));
                            got.push(c.clone());
                        }
                    } else if let Some(l) = scene.label {
                        got.extend(l.elems.iter().cloned());
                    }
                }
                syntax::Anchor::Sibling { .. } => {}
            }
        }
        // a relative tail placed by an absolute reference of its own (`to Article 45, paragraph 1`)
        if !pending_rel.is_empty()
            && r.targets
                .iter()
                .all(|x| x.anchor == syntax::Anchor::Absolute)
        {
            if let Some(b) = r.targets.first() {
                let base_path = b.path.clone();
                for (rel, _) in pending_rel.drain(..) {
                    if let Some(p) = within(&base_path, &rel) {
                        got.push(Elem {
                            path: p,
                            role: RangeRole::Single,
                        });
                    }
                }
                got.retain(|e| !same_path(&e.path, &base_path));
                exact = false;
            }
        }
        if got.is_empty() {
            if last_end.is_none() {
                continue;
            }
            break;
        }
        if !exact {
            t.exact = false;
        }
        for g in got {
            if !t.elems.iter().any(|e| elem_key(e) == elem_key(&g)) {
                t.elems.push(g);
            }
        }
        t.written.push(r.span.clone());
        last_end = Some(r.span.end);
    }
    t
}

/// A target string that the positions reader reads back as `elems`.
fn render_target(text: &str, t: &Targets) -> String {
    let want = t.key();
    if t.exact && !t.written.is_empty() {
        let written = t
            .written
            .iter()
            .map(|s| clean_reference(&text[s.clone()]))
            .collect::<Vec<_>>()
            .join(", ");
        if reread(&written) == want {
            return written;
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < t.elems.len() {
        let e = &t.elems[i];
        if e.role == RangeRole::From {
            if let Some(to) = t.elems.get(i + 1).filter(|n| n.role == RangeRole::To) {
                parts.push(format!(
                    "{} to {}",
                    syntax::path_display(&e.path),
                    syntax::path_display(&to.path)
                ));
                i += 2;
                continue;
            }
        }
        parts.push(syntax::path_display(&e.path));
        i += 1;
    }
    parts.join(", ")
}

fn clean_reference(s: &str) -> String {
    let t: String = s.chars().filter(|c| !"*_\\".contains(*c)).collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a target string names, as the positions reader reads it.
fn reread(target: &str) -> Vec<String> {
    let doc = syntax::parse_prose(target);
    let mut out = Vec::new();
    for r in &doc.references {
        for tg in &r.targets {
            if tg.anchor != syntax::Anchor::Absolute
                || !matches!(r.scope, Scope::Implicit | Scope::ThisInstrument)
            {
                out.push(format!("?{}", syntax::path_display(&tg.path)));
                continue;
            }
            out.push(elem_key(&Elem {
                path: tg.path.clone(),
                role: tg.role,
            }));
        }
    }
    out
}

// ---------------------------------------------------------------- sentences

/// What one sentence proposes.
#[derive(Clone, Debug)]
struct Reading {
    span: Span,
    line: u32,
    targets: Targets,
    stance: Option<(Stance, bool)>,
    changes: Vec<NewChange>,
    checks: Vec<String>,
    /// The verb opens the sentence: a proposal in so many words.
    imperative: bool,
    strong: bool,
    /// The stance comes from the words given, not from a verb.
    verbless: bool,
}

/// The proposal verbs of a sentence, in order: (word index, family,
/// strong). An action verb counts when it opens the sentence (or follows an
/// opening phrase and its comma: `On a related note, remove ...`), when a
/// cue comes before it, or after `by` once another verb counted.
fn verbs(text: &str, ws: &[(usize, String)]) -> Vec<(usize, Family, bool)> {
    let mut out = Vec::new();
    let mut cue = false;
    let mut any_verb_before = false;
    for (i, (at, w)) in ws.iter().enumerate() {
        if CUES.contains(&w.as_str()) {
            cue = true;
            continue;
        }
        let Some((fam, strong)) = verb(w) else {
            continue;
        };
        let prev = i.checked_sub(1).map(|p| ws[p].1.as_str());
        let seen_verb = std::mem::replace(&mut any_verb_before, true);
        // `in addition`, `including, but not limited to`, `data concerning`
        if w == "addition" && prev == Some("in") {
            continue;
        }
        if matches!(w.as_str(), "including" | "concerning" | "included")
            && !matches!(
                prev,
                Some("by" | "is" | "are" | "be" | "propose" | "recommend" | "suggest")
            )
            && !prev.is_some_and(|p| p.ends_with("ly"))
        {
            continue;
        }
        if w == "concern"
            && !matches!(
                prev,
                Some("grave" | "serious" | "deep" | "our" | "particular" | "great")
            )
        {
            continue;
        }
        if fam == Family::Support
            && prev.is_some_and(|p| ["of", "the", "technical", "for", "and", "to"].contains(&p))
            && !cue
        {
            continue;
        }
        let attitude = matches!(fam, Family::Support | Family::Oppose);
        let opens = i == 0;
        let after_opening = i > 0
            && i <= 8
            && !seen_verb
            && text[ws[i - 1].0..*at].contains(',')
            && !ws[..i].iter().any(|(_, w)| CUES.contains(&w.as_str()));
        let by = prev == Some("by") && !out.is_empty();
        if attitude || cue || opens || after_opening || by {
            out.push((i, fam, strong));
        }
    }
    out
}

struct VerbCtx<'a> {
    text: &'a str,
    span: Span,
    ws: &'a [(usize, String)],
    quotes: &'a [Quoted],
    used: &'a [bool],
    lower: &'a str,
    refs: &'a [&'a Reference],
    alt_at: Option<usize>,
}

/// What one verb of a sentence proposes.
struct Outcome {
    stance: Option<(Stance, bool)>,
    strong: bool,
    word: String,
    changes: Vec<NewChange>,
    used: Vec<usize>,
    checks: Vec<String>,
    /// The element the words go in, when the sentence names it apart
    /// (`at the end of Article 40 (1)`).
    targets: Option<Targets>,
}

const ELLIPSIS: &str = "an ellipsis (`...`) in the quoted words: the text is partial";

/// Where the clause of the verb at `from` ends: quoted words after that
/// are not its object (`Deleting Article 28, whose provisions ... "X"`).
fn clause_end(c: &VerbCtx, from: usize) -> usize {
    let rel = from.saturating_sub(c.span.start);
    [
        " which ",
        " whose ",
        " because ",
        " since ",
        " given ",
        " as it ",
        " as that ",
        " as the ",
        " so that ",
    ]
    .iter()
    .filter_map(|m| c.lower.get(rel..).and_then(|l| l.find(m)))
    .min()
    .map_or(c.span.end, |p| c.span.start + rel + p)
}

fn apply_verb(c: &VerbCtx, vi: usize, fam: Family, strong: bool) -> Outcome {
    let text = c.text;
    let ws = c.ws;
    let verb_at = ws[vi].0;
    let mut o = Outcome {
        stance: None,
        strong,
        word: ws[vi].1.clone(),
        changes: Vec::new(),
        used: Vec::new(),
        checks: Vec::new(),
        targets: None,
    };
    let end = clause_end(c, verb_at);
    let open = |limit: bool| -> Vec<usize> {
        (0..c.quotes.len())
            .filter(|&i| !c.used[i])
            .filter(|&i| {
                let q = &c.quotes[i];
                q.label.is_some()
                    || q.outer.start >= c.span.end
                    || (q.outer.start >= verb_at
                        && (!limit
                            || (q.outer.start < end && c.alt_at.is_none_or(|a| q.outer.start < a))))
            })
            .collect()
    };
    let words_after_verb = ws[vi + 1..]
        .iter()
        .take(5)
        .any(|(_, w)| WORDS_NOUNS.contains(&w.as_str()));
    let brackets = ws.iter().any(|(_, w)| w.starts_with("bracket"));
    match fam {
        Family::Delete | Family::Unbracket => {
            let open = open(true);
            if fam == Family::Unbracket || brackets {
                for i in open {
                    let f = c.quotes[i]
                        .text
                        .trim_matches(|c| c == '[' || c == ']')
                        .to_string();
                    let (f, _) = strip_ellipsis(f.trim_end_matches(['.', ',']));
                    o.changes.push(NewChange::Unbracket { find: f });
                    o.used.push(i);
                }
                o.stance = Some((Stance::Amend, true));
            } else if !open.is_empty() || words_after_verb {
                for i in open {
                    let (f, cut) = strip_ellipsis(&c.quotes[i].text);
                    if cut {
                        o.checks.push(ELLIPSIS.into());
                    }
                    let ch = NewChange::DeleteText { find: f };
                    if !o.changes.contains(&ch) {
                        o.changes.push(ch);
                    }
                    o.used.push(i);
                }
                o.stance = Some((Stance::Amend, strong));
            } else {
                o.stance = Some((Stance::Delete, strong));
                if c.lower.contains("except") || c.lower.contains("partial") {
                    o.checks.push(
                        "a partial deletion (`except ...`): no `delete` change; say what is kept"
                            .into(),
                    );
                } else {
                    o.changes.push(NewChange::Delete);
                }
            }
        }
        Family::Amend => {
            o.stance = Some((Stance::Amend, strong));
            // `replace X with Y`
            if ws[vi].1.starts_with("replac") {
                let qs = open(true);
                if qs.len() >= 2 {
                    let (a, b) = (&c.quotes[qs[0]], &c.quotes[qs[1]]);
                    let between =
                        text[a.outer.end.min(b.outer.start)..b.outer.start].to_lowercase();
                    if between.contains("with") || between.contains(" by") {
                        let (find, c1) = strip_ellipsis(&a.text);
                        let (with, c2) = strip_ellipsis(&b.text);
                        o.changes.push(NewChange::Replace { find, with });
                        o.used.extend([qs[0], qs[1]]);
                        if c1 || c2 {
                            o.checks.push(ELLIPSIS.into());
                        }
                    }
                }
            }
        }
        Family::Insert => {
            // the object: the words after the verb, up to where it goes
            let near: Vec<&str> = ws[vi + 1..]
                .iter()
                .take(6)
                .map(|(_, w)| w.as_str())
                .take_while(|w| !["to", "in", "into", "under", "within", "for"].contains(w))
                .collect();
            let element = near.iter().find_map(|w| element_noun(w));
            let new = near
                .iter()
                .any(|w| ["new", "additional", "another", "further"].contains(w));
            let term = near.iter().any(|w| WORDS_NOUNS.contains(w));
            let open = open(false);
            let at_end = c.lower.contains("at the end of");
            let at_start =
                c.lower.contains("at the beginning of") || c.lower.contains("at the start of");
            if (at_end || at_start) && !open.is_empty() {
                let q = &c.quotes[*open.last().unwrap_or(&open[0])];
                let (t, cut) = strip_ellipsis(&q.text);
                if cut {
                    o.checks.push(ELLIPSIS.into());
                }
                o.changes.push(NewChange::InsertText {
                    text: if at_end {
                        format!(" {}", t)
                    } else {
                        format!("{} ", t)
                    },
                    place: if at_end {
                        NewPlace::End
                    } else {
                        NewPlace::Start
                    },
                });
                o.used.extend(open.iter().copied());
                // the place names the element: `at the end of Article 40 (1)`
                let m = if at_end {
                    "at the end of"
                } else if c.lower.contains("at the beginning of") {
                    "at the beginning of"
                } else {
                    "at the start of"
                };
                if let Some(p) = c.lower.find(m) {
                    let from = c.span.start + p;
                    if let Some(r) = c.refs.iter().find(|r| r.span.start >= from) {
                        if let Some(tg) = r
                            .targets
                            .first()
                            .filter(|t| t.anchor == syntax::Anchor::Absolute)
                        {
                            o.targets = Some(Targets {
                                elems: vec![Elem {
                                    path: tg.path.clone(),
                                    role: RangeRole::Single,
                                }],
                                written: vec![r.span.clone()],
                                exact: r.targets.len() == 1,
                            });
                        }
                    }
                }
                o.stance = Some((Stance::Amend, strong));
            } else if term && !open.is_empty() && !(element.is_some() && new) {
                // `Introduce the term "serious" ... to read: "... such serious crime"`
                let term_q = open[0];
                let term_text = strip_ellipsis(&c.quotes[term_q].text).0;
                let reading = open[1..].iter().copied().find(|&i| {
                    c.quotes[i].text.split_whitespace().count() > 3
                        && c.quotes[i].text.contains(&term_text)
                });
                if let Some(ri) = reading {
                    let (rt, _) = strip_ellipsis(&c.quotes[ri].text);
                    if let Some(p) = rt.find(&term_text) {
                        let before: Vec<&str> = rt[..p].split_whitespace().collect();
                        if !before.is_empty() {
                            let anchor = before[before.len().saturating_sub(2)..].join(" ");
                            o.changes.push(NewChange::InsertText {
                                text: format!(" {}", term_text),
                                place: NewPlace::After(anchor),
                            });
                            o.checks.push("where the new word goes was read from the proposed reading; check the words it follows are the draft's".into());
                            o.used.push(ri);
                        }
                    }
                    o.used.push(term_q);
                }
                o.stance = Some((Stance::Amend, strong));
            } else if element.is_some_and(|e| e != "provision") && !open.is_empty() {
                let el = element.unwrap_or("paragraph");
                // numbers given in the sentence: `subparagraphs (c) and (d)`
                let numbers: Vec<String> = c
                    .refs
                    .iter()
                    .flat_map(|r| r.targets.iter())
                    .filter(|t| t.anchor == syntax::Anchor::Enclosing)
                    .filter_map(|t| t.path.last().map(|p| p.key.to_string()))
                    .collect();
                for (k, i) in open.into_iter().enumerate() {
                    let q = &c.quotes[i];
                    let (t, cut) = strip_ellipsis(&q.text);
                    if cut {
                        o.checks.push(ELLIPSIS.into());
                    }
                    let (element, number) = match &q.label {
                        Some((e, n)) => (*e, Some(n.clone())),
                        None => (el, numbers.get(k).cloned().filter(|_| numbers.len() > 1)),
                    };
                    o.changes.push(NewChange::InsertElement {
                        element,
                        number,
                        text: t,
                    });
                    o.used.push(i);
                }
                if c.lower.contains("along the lines") {
                    o.checks.push(
                        "the text is offered `along the lines of`: indicative wording".into(),
                    );
                }
                o.stance = Some((Stance::Insert, strong));
            } else if element.is_some()
                && (new || near.first().is_some_and(|w| *w == "a" || *w == "an"))
            {
                o.stance = Some((Stance::Insert, strong));
            } else {
                o.stance = Some((Stance::Amend, strong));
            }
        }
        Family::Support => o.stance = Some((Stance::Support, strong)),
        Family::Oppose => o.stance = Some((Stance::Oppose, strong)),
    }
    o
}

/// Labels like `**Subparagraph (c)**` on a sub-bullet of quoted text.
fn sub_label(
    text: &str,
    doc_refs: &[Reference],
    line: &Line,
) -> Option<((&'static str, String), usize)> {
    let s = &text[line.content..line.end];
    let inner = s.strip_prefix("**")?;
    let close = inner.find("**")?;
    let bold = &inner[..close];
    let r = doc_refs
        .iter()
        .find(|r| r.span.start >= line.content && r.span.start < line.content + 2 + close)?;
    let t = r.targets.first()?;
    let last = t.path.last()?;
    let el = match last.level {
        Level::Article => "article",
        Level::Sub(1) => "paragraph",
        Level::Sub(2) => "subparagraph",
        Level::Sub(_) => "item",
        Level::Division(_) => return None,
    };
    let _ = bold;
    Some(((el, last.key.to_string()), line.content + 2 + close + 2))
}

/// The bold reference that opens a bullet: `**Article 5 (1):**`.
fn bold_label(text: &str, doc_refs: &[Reference], line: &Line) -> Option<(Targets, usize)> {
    let s = &text[line.content..line.end];
    let inner = s.strip_prefix("**")?;
    let close = inner.find("**")?;
    let bold = inner[..close].trim().trim_end_matches(':').trim();
    let from = line.content + 2;
    let to = from + close;
    let refs: Vec<&Reference> = doc_refs
        .iter()
        .filter(|r| r.span.start >= from && r.span.end <= to + 2 && internal(r))
        .collect();
    let first = refs.first()?;
    // the label is the reference, not a sentence that mentions one
    let covered: usize = refs.iter().map(|r| r.span.len()).sum();
    if first.span.start > from + 4 || covered + 6 < bold.len() {
        return None;
    }
    let scene = Scene {
        text,
        label: None,
        chapter: None,
    };
    let mut checks = Vec::new();
    let t = sentence_targets(&scene, &refs, &mut checks, from);
    if t.elems.is_empty() {
        return None;
    }
    let mut after = to + 2;
    let rest = &text[after..line.end];
    let skip = rest.len() - rest.trim_start_matches([':', ' ', '*']).len();
    after += skip;
    Some((t, after))
}

struct SentenceIn<'a> {
    span: Span,
    quotes: Vec<&'a Quoted>,
    /// Quotes in sub-bullets that the sentence introduces (`... read:`).
    attached: Vec<Quoted>,
}

fn read_sentence(
    scene: &Scene,
    doc_refs: &[Reference],
    s: &SentenceIn,
    line_quotes: &[Quoted],
    line_no: u32,
) -> Reading {
    let text = scene.text;
    let quoted: Vec<Span> = line_quotes.iter().map(|q| q.outer.clone()).collect();
    let ws = words(text, s.span.clone(), &quoted);
    let mut checks = Vec::new();
    let refs: Vec<&Reference> = doc_refs
        .iter()
        .filter(|r| {
            r.span.start >= s.span.start
                && r.span.start < s.span.end
                && internal(r)
                && !inside_any(&quoted, r.span.start)
        })
        .collect();
    let mut targets = sentence_targets(scene, &refs, &mut checks, s.span.start);
    let lower = text[s.span.clone()].to_lowercase();
    let cands = verbs(text, &ws);
    let all_quotes: Vec<Quoted> = s
        .quotes
        .iter()
        .map(|q| (*q).clone())
        .chain(s.attached.iter().cloned())
        .collect();
    let mut changes: Vec<NewChange> = Vec::new();
    let mut used = vec![false; all_quotes.len()];
    let mut stance: Option<(Stance, bool)> = None;

    // a redline: ~~struck~~ words in a reading
    for (qi, q) in all_quotes.iter().enumerate() {
        if !q.text.contains("~~") {
            continue;
        }
        used[qi] = true;
        let parts: Vec<&str> = q.text.split("~~").collect();
        let mut new_words = false;
        for k in (1..parts.len()).step_by(2) {
            let struck = parts[k].trim();
            let (struck, _) = strip_ellipsis(struck);
            if struck.is_empty() {
                continue;
            }
            let after = parts.get(k + 1).copied().unwrap_or("");
            let (after_clean, _) = strip_ellipsis(after);
            let first_after: String = after_clean
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            let named_new = !first_after.is_empty()
                && all_quotes.iter().any(|o| {
                    !o.text.contains("~~")
                        && o.text.trim_matches(|c: char| !c.is_alphanumeric()) == first_after
                })
                || line_quotes.iter().any(|o| {
                    !o.text.contains("~~")
                        && o.text.trim_matches(|c: char| !c.is_alphanumeric()) == first_after
                        && !first_after.is_empty()
                });
            if struck.ends_with(['.', ';']) && after_clean.starts_with(char::is_uppercase) {
                changes.push(NewChange::Replace {
                    find: struck.clone(),
                    with: after_clean.clone(),
                });
                new_words = true;
            } else if named_new {
                changes.push(NewChange::Replace {
                    find: struck.clone(),
                    with: first_after,
                });
                new_words = true;
            } else {
                changes.push(NewChange::DeleteText {
                    find: struck.clone(),
                });
            }
        }
        let plain: String = parts
            .iter()
            .step_by(2)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if !new_words && plain.split_whitespace().count() > 3 {
            checks.push(
                "the submission gives a whole reading with struck words: only the struck words became changes; compare the rest of the reading with the draft for added words".into(),
            );
        }
    }

    // where an alternative begins, the first proposal ends
    let alt_at = ["alternatively", " or, "]
        .iter()
        .filter_map(|m| lower.find(m).map(|p| s.span.start + p))
        .min();
    if alt_at.is_some() {
        checks
            .push("the sentence offers an alternative; only the first proposal is recorded".into());
    }
    // `X rather than (on) Y`
    for i in 0..all_quotes.len() {
        for j in i + 1..all_quotes.len() {
            if used[i] || used[j] {
                continue;
            }
            let (a, b) = (&all_quotes[i], &all_quotes[j]);
            if a.outer.end > b.outer.start {
                continue;
            }
            let gap = text[a.outer.end..b.outer.start].trim().to_lowercase();
            if [
                "rather than",
                "rather than on",
                "instead of",
                "instead of on",
            ]
            .contains(&gap.as_str())
            {
                changes.push(NewChange::Replace {
                    find: strip_ellipsis(&b.text).0,
                    with: strip_ellipsis(&a.text).0,
                });
                used[i] = true;
                used[j] = true;
                checks.push(format!(
                    "read `{}` as: replace the words after it with the words before it; check that they are the draft's words",
                    gap
                ));
            }
        }
    }
    let ctx = VerbCtx {
        text,
        span: s.span.clone(),
        ws: &ws,
        quotes: &all_quotes,
        used: &used,
        lower: &lower,
        refs: &refs,
        alt_at,
    };
    // the first verb that gives words to change decides; else the first verb
    let mut chosen: Option<Outcome> = None;
    for &(vi, fam, strong) in &cands {
        let o = apply_verb(&ctx, vi, fam, strong);
        let has = !o.changes.is_empty();
        if chosen.as_ref().is_none_or(|c| has && c.changes.is_empty()) {
            chosen = Some(o);
        }
        if has {
            break;
        }
    }
    let imperative = cands.first().is_some_and(|&(vi, _, _)| {
        vi == 0 || (vi <= 8 && text[s.span.start..ws[vi].0].contains(','))
    });
    let mut strong_verb = false;
    let mut verbless = false;
    match chosen {
        Some(o) => {
            stance = o.stance;
            strong_verb = o.strong;
            for c in o.changes {
                if !changes.contains(&c) {
                    changes.push(c);
                }
            }
            for i in o.used {
                used[i] = true;
            }
            checks.extend(o.checks);
            if let Some(t) = o.targets {
                targets = t;
            }
            if !o.strong {
                checks.push(format!("stance read from a weak verb (`{}`)", o.word));
            }
        }
        None => {
            if !changes.is_empty() {
                stance = Some((Stance::Amend, false));
                verbless = true;
            }
        }
    }

    // quoted words nothing above used: a reading or draft language
    let unused: Vec<&Quoted> = all_quotes
        .iter()
        .enumerate()
        .filter(|(i, q)| !used[*i] && q.text.split_whitespace().count() > 8)
        .map(|(_, q)| q)
        .collect();
    if !unused.is_empty() && stance.is_some() {
        checks.push(
            "quoted text was not turned into a change: it may be a full reading of the element or the draft's own words; compare it with the draft".into(),
        );
    }

    // a new element's target is its container
    if changes
        .iter()
        .any(|c| matches!(c, NewChange::InsertElement { .. }))
        || (stance.is_some_and(|s| s.0 == Stance::Insert)
            && [
                "new paragraph",
                "new subparagraph",
                "new sub-paragraph",
                "new item",
            ]
            .iter()
            .any(|m| lower.contains(m)))
    {
        let numbers: Vec<String> = changes
            .iter()
            .filter_map(|c| match c {
                NewChange::InsertElement {
                    number: Some(n), ..
                } => Some(n.clone()),
                _ => None,
            })
            .collect();
        let new_ref = refs.iter().any(|r| {
            let before = text[s.span.start..r.span.start].to_lowercase();
            let before = before.trim_end();
            ["new", "additional"].iter().any(|m| before.ends_with(m))
                || [
                    "new paragraph",
                    "new subparagraph",
                    "new sub-paragraph",
                    "new item",
                ]
                .iter()
                .any(|m| before.ends_with(m))
        });
        let mut elems: Vec<Elem> = Vec::new();
        let mut changed = false;
        for e in &targets.elems {
            let last = e.path.last();
            let is_new = e.path.len() > 1
                && (new_ref || last.is_some_and(|p| numbers.iter().any(|n| p.key == *n)));
            let el = if is_new {
                changed = true;
                Elem {
                    path: e.path[..e.path.len() - 1].to_vec(),
                    role: RangeRole::Single,
                }
            } else {
                e.clone()
            };
            if !elems.iter().any(|e| elem_key(e) == elem_key(&el)) {
                elems.push(el);
            }
        }
        if changed {
            targets.elems = elems;
            targets.exact = false;
            checks.push("a new element: the target is the element it goes into".into());
        }
    }

    Reading {
        span: s.span.clone(),
        line: line_no,
        targets,
        stance,
        changes,
        checks,
        imperative,
        strong: strong_verb,
        verbless,
    }
}

fn combine(a: Stance, b: Stance) -> Stance {
    use Stance::*;
    match (a, b) {
        (x, y) if x == y => x,
        (Comment, y) | (y, Comment) => y,
        (Support | Oppose, y) | (y, Support | Oppose) => y,
        (Delete, Amend) | (Amend, Delete) => Amend,
        (Insert, Amend) | (Amend, Insert) => Amend,
        (x, _) => x,
    }
}

fn looks_like_heading(text: &str, line: &Line) -> bool {
    let t = text[line.start..line.end].trim();
    if t.starts_with('#') {
        return true;
    }
    if line.bullet || t.is_empty() {
        return false;
    }
    let plain = t.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    plain.chars().count() < 100
        && !plain.ends_with(['.', ':', ';', '?', '!', '”', '"'])
        && plain.split_whitespace().count() <= 14
}

/// The title: the first heading, else the first line (cut short).
fn title(text: &str, ls: &[Line]) -> Option<String> {
    let clean = |s: &str| {
        s.trim()
            .trim_start_matches('#')
            .trim()
            .trim_matches(|c: char| c == '*' || c == '_')
            .trim()
            .to_string()
    };
    let heading = ls
        .iter()
        .map(|l| &text[l.start..l.end])
        .find(|s| s.trim_start().starts_with('#'));
    let first = ls
        .iter()
        .map(|l| &text[l.start..l.end])
        .find(|s| !s.trim().is_empty())?;
    let t = clean(heading.unwrap_or(first));
    if t.chars().count() > 120 {
        let cut: String = t.chars().take(119).collect();
        let cut = cut
            .rsplit_once(' ')
            .map_or(cut.as_str(), |(a, _)| a)
            .to_string();
        Some(format!("{}…", cut))
    } else {
        (!t.is_empty()).then_some(t)
    }
}

/// Reads a submission and drafts its positions.
pub fn extract(text: &str) -> Extraction {
    let doc = syntax::parse_prose(text);
    let refs = &doc.references;
    let ls = lines(text);
    let mut out = Extraction {
        title: title(text, &ls),
        proposals: Vec::new(),
    };
    let mut chapter: Option<Elem> = None;
    let mut consumed = vec![false; ls.len()];
    // the targets of the last top-level line's last proposal, for sub-bullets
    let mut parent_targets: Option<Targets> = None;
    for li in 0..ls.len() {
        let line = &ls[li];
        if consumed[li] || text[line.start..line.end].trim().is_empty() {
            continue;
        }
        let is_sub = line.bullet && line.indent > 0;
        if !is_sub {
            parent_targets = None;
        }
        // a heading that is a chapter: `Chapter III. – Procedural Measures`
        if looks_like_heading(text, line) {
            if let Some(r) = refs.iter().find(|r| {
                r.span.start >= line.start
                    && r.span.start <= line.start + 6
                    && r.targets.first().is_some_and(|t| {
                        matches!(t.path.first().map(|p| p.level), Some(Level::Division(_)))
                    })
            }) {
                chapter = r.targets.first().map(|t| Elem {
                    path: t.path.clone(),
                    role: RangeRole::Single,
                });
            }
            continue;
        }
        let label = bold_label(text, refs, line);
        let body_start = label.as_ref().map_or(line.content, |(_, a)| *a);
        let line_quotes = quotes(text, line.start..line.end);
        let quoted: Vec<Span> = line_quotes.iter().map(|q| q.outer.clone()).collect();
        let sents = sentences(text, body_start..line.end, &quoted);
        // sub-bullets of quoted text that the last sentence introduces
        let mut attached: Vec<Quoted> = Vec::new();
        if text[line.start..line.end].trim_end().ends_with(':') {
            let mut k = li + 1;
            while k < ls.len() {
                let sub = &ls[k];
                if text[sub.start..sub.end].trim().is_empty() {
                    break;
                }
                if !(sub.bullet && sub.indent > line.indent) {
                    break;
                }
                let sl = sub_label(text, refs, sub);
                let from = sl.as_ref().map_or(sub.content, |(_, a)| *a);
                let qs = quotes(text, from..sub.end);
                let own_refs = refs.iter().any(|r| {
                    r.span.start >= from
                        && r.span.start < sub.end
                        && internal(r)
                        && !inside_any(
                            &qs.iter().map(|q| q.outer.clone()).collect::<Vec<_>>(),
                            r.span.start,
                        )
                });
                let outside: String = {
                    let mut s = text[from..sub.end].to_string();
                    for q in qs.iter().rev() {
                        s.replace_range(q.outer.start - from..q.outer.end - from, "");
                    }
                    s
                };
                let mostly_quote = outside
                    .split_whitespace()
                    .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
                    .count()
                    <= 3;
                if qs.is_empty() || own_refs || !mostly_quote {
                    break;
                }
                for mut q in qs {
                    q.label = sl.as_ref().map(|(l, _)| l.clone());
                    attached.push(q);
                }
                consumed[k] = true;
                k += 1;
            }
        }
        let scene = Scene {
            text,
            label: label.as_ref().map(|(t, _)| t),
            chapter: chapter.as_ref(),
        };
        let n = sents.len();
        let mut readings: Vec<Reading> = Vec::new();
        for (si, sp) in sents.iter().enumerate() {
            let qs: Vec<&Quoted> = line_quotes
                .iter()
                .filter(|q| q.outer.start >= sp.start && q.outer.start < sp.end)
                .collect();
            let sin = SentenceIn {
                span: sp.clone(),
                quotes: qs,
                attached: if si + 1 == n {
                    attached.clone()
                } else {
                    Vec::new()
                },
            };
            readings.push(read_sentence(&scene, refs, &sin, &line_quotes, line.no));
        }
        // give targetless proposals the bullet's, an earlier or a later sentence's target
        let label_t = label.as_ref().map(|(t, _)| t.clone());
        for i in 0..readings.len() {
            if !readings[i].targets.elems.is_empty() {
                continue;
            }
            let proposes = readings[i].stance.is_some() || !readings[i].changes.is_empty();
            if !proposes {
                continue;
            }
            if let Some(l) = &label_t {
                readings[i].targets = l.clone();
                continue;
            }
            let has_words = !readings[i].changes.is_empty();
            // a plain proposal: `Remove the term ...`, `Add the right of ...`
            let plain = readings[i].imperative && readings[i].strong;
            if let Some(prev) = readings[..i]
                .iter()
                .rev()
                .find(|r| !r.targets.elems.is_empty())
            {
                if has_words || (line.bullet && plain) {
                    let t = prev.targets.clone();
                    readings[i].targets = t;
                    readings[i]
                        .checks
                        .push("target taken from an earlier sentence".into());
                    continue;
                }
            }
            if line.bullet && plain && i == 0 {
                if let Some(next) = readings[i + 1..]
                    .iter()
                    .find(|r| !r.targets.elems.is_empty())
                {
                    let t = next.targets.clone();
                    readings[i].targets = t;
                    readings[i]
                        .checks
                        .push("target taken from a later sentence".into());
                    continue;
                }
            }
            if line.bullet {
                if let Some(p) = parent_targets.as_ref().filter(|_| is_sub && has_words) {
                    readings[i].targets = p.clone();
                    readings[i]
                        .checks
                        .push("target taken from the bullet this one is under".into());
                    continue;
                }
            }
            // a new article with no place named: the chapter the text stands under
            let new_article = readings[i].changes.iter().any(|c| {
                matches!(
                    c,
                    NewChange::InsertElement {
                        element: "article",
                        ..
                    }
                )
            });
            if new_article {
                if let Some(c) = &chapter {
                    readings[i].targets = Targets {
                        elems: vec![c.clone()],
                        written: vec![],
                        exact: false,
                    };
                    readings[i].checks.push(format!(
                        "no place named for the new article: taken as {}, the heading the text stands under",
                        syntax::path_display(&c.path)
                    ));
                }
            }
        }
        // sentences that propose, merged when they are on the same target
        let mut props: Vec<Reading> = Vec::new();
        for r in readings.iter() {
            let proposes = r.stance.is_some() || !r.changes.is_empty();
            if !proposes || r.targets.elems.is_empty() {
                continue;
            }
            if let Some(last) = props.last_mut() {
                if last.targets.key() == r.targets.key() {
                    last.span = last.span.start..r.span.end;
                    let s = match (last.stance, r.stance) {
                        (Some(a), Some(b)) => Some((combine(a.0, b.0), a.1 || b.1)),
                        (a, b) => a.or(b),
                    };
                    last.stance = s;
                    last.verbless &= r.verbless;
                    for c in &r.changes {
                        if !last.changes.contains(c) {
                            last.changes.push(c.clone());
                        }
                    }
                    for c in &r.checks {
                        if !last.checks.contains(c) {
                            last.checks.push(c.clone());
                        }
                    }
                    continue;
                }
            }
            props.push(r.clone());
        }
        // a bullet about an element that proposes nothing in so many words
        if props.is_empty() {
            if let (Some(l), Some(first)) = (&label_t, readings.first()) {
                let mut r = first.clone();
                r.targets = l.clone();
                r.stance = Some((Stance::Comment, false));
                r.checks = vec!["no proposal verb: recorded as a comment".into()];
                props.push(r);
            }
        }
        for p in props {
            parent_targets = Some(p.targets.clone());
            out.proposals.push(finish(text, p));
        }
    }
    out
}

fn finish(text: &str, r: Reading) -> Proposal {
    let (stance, _) = r.stance.unwrap_or((Stance::Comment, false));
    let mut changes = r.changes;
    // whole-element deletion goes with a delete stance only
    if stance != Stance::Delete {
        changes.retain(|c| *c != NewChange::Delete);
    }
    let target = render_target(text, &r.targets);
    let quote: String = text[r.span.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (quote, _) = (quote.trim_matches('*').trim().to_string(), ());
    let mut checks = r.checks;
    if r.verbless {
        checks.insert(
            0,
            "no proposal verb: stance taken from the words given".into(),
        );
    }
    if quote.contains("...") || quote.contains('…') {
        let c = "an ellipsis (`...`) in the quoted words: the text is partial".to_string();
        if !checks.contains(&c) {
            checks.push(c);
        }
    }
    checks.dedup();
    let verb = match stance {
        Stance::Support => "Support",
        Stance::Oppose => "Oppose",
        Stance::Amend => "Amend",
        Stance::Delete => "Delete",
        Stance::Insert => "Add to",
        Stance::Reservation => "Reservation on",
        Stance::Comment => "Comment on",
    };
    let mut summary = format!("{} {}", verb, target);
    let described: Vec<String> = changes
        .iter()
        .filter(|c| **c != NewChange::Delete)
        .map(|c| c.describe())
        .collect();
    if !described.is_empty() {
        summary.push_str(": ");
        summary.push_str(&described.join("; "));
    }
    Proposal {
        target,
        stance,
        summary,
        quote,
        line: r.line,
        changes,
        checks,
    }
}

// ---------------------------------------------------------------- output

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The positions file for an extraction.
pub fn to_toml(x: &Extraction, o: &Options) -> String {
    let mut s = String::new();
    s.push_str("#:schema ../../schemas/positions.schema.json\n");
    s.push_str("# The schema is schemas/positions.schema.json in the treaty-lsp repository:\n");
    s.push_str("# point the line above at it, relative to where this file is saved.\n");
    s.push_str("#\n");
    s.push_str("# Drafted by `treaty-lsp extract` for review: check every position against\n");
    s.push_str("# the submission, and above all those with a `# check:` comment.\n\n");
    s.push_str("[source]\n");
    s.push_str(&format!("stakeholder = {}\n", toml_string(o.stakeholder)));
    if let Some(g) = o.group {
        s.push_str(&format!("group = {}\n", toml_string(g.name())));
    }
    if let Some(t) = &x.title {
        s.push_str(&format!("title = {}\n", toml_string(t)));
    }
    s.push_str(&format!("submission = {}\n", toml_string(o.submission)));
    s.push_str(&format!("draft = {}\n", toml_string(o.draft)));
    for p in &x.proposals {
        s.push('\n');
        for c in &p.checks {
            s.push_str(&format!("# check: {}\n", c.replace(['\n', '\r'], " ")));
        }
        s.push_str("[[position]]\n");
        s.push_str(&format!("target = {}\n", toml_string(&p.target)));
        s.push_str(&format!("stance = {}\n", toml_string(p.stance.name())));
        s.push_str(&format!("summary = {}\n", toml_string(&p.summary)));
        s.push_str(&format!("quote = {}\n", toml_string(&p.quote)));
        s.push_str(&format!("line = {}\n", p.line));
        for c in &p.changes {
            s.push_str("\n[[position.change]]\n");
            match c {
                NewChange::Replace { find, with } => {
                    s.push_str("action = \"replace\"\n");
                    s.push_str(&format!("find = {}\n", toml_string(find)));
                    s.push_str(&format!("with = {}\n", toml_string(with)));
                }
                NewChange::DeleteText { find } => {
                    s.push_str("action = \"delete-text\"\n");
                    s.push_str(&format!("find = {}\n", toml_string(find)));
                }
                NewChange::Delete => s.push_str("action = \"delete\"\n"),
                NewChange::InsertText { text, place } => {
                    s.push_str("action = \"insert-text\"\n");
                    s.push_str(&format!("text = {}\n", toml_string(text)));
                    match place {
                        NewPlace::After(a) => s.push_str(&format!("after = {}\n", toml_string(a))),
                        NewPlace::Start => s.push_str("at = \"start\"\n"),
                        NewPlace::End => s.push_str("at = \"end\"\n"),
                    }
                }
                NewChange::InsertElement {
                    element,
                    number,
                    text,
                } => {
                    s.push_str("action = \"insert-element\"\n");
                    s.push_str(&format!("element = {}\n", toml_string(element)));
                    if let Some(n) = number {
                        s.push_str(&format!("number = {}\n", toml_string(n)));
                    }
                    s.push_str(&format!("text = {}\n", toml_string(text)));
                }
                NewChange::Unbracket { find } => {
                    s.push_str("action = \"unbracket\"\n");
                    s.push_str(&format!("find = {}\n", toml_string(find)));
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Proposal {
        let x = extract(text);
        assert_eq!(x.proposals.len(), 1, "{:#?}", x.proposals);
        x.proposals.into_iter().next().unwrap()
    }

    fn none(text: &str) {
        let x = extract(text);
        assert!(x.proposals.is_empty(), "{:#?}", x.proposals);
    }

    #[test]
    fn verbs_give_the_stance() {
        assert_eq!(one("Delete Article 7.").stance, Stance::Delete);
        assert_eq!(
            one("We recommend deleting Article 7.").stance,
            Stance::Delete
        );
        assert_eq!(one("Remove Article 7 (2).").stance, Stance::Delete);
        assert_eq!(one("Amend Article 3 to cover fraud.").stance, Stance::Amend);
        assert_eq!(
            one("We propose to align Article 3 with practice.").stance,
            Stance::Amend
        );
        assert_eq!(
            one("Introduce an additional provision in Article 35 on notice.").stance,
            Stance::Insert
        );
        assert_eq!(one("Add a requirement to Article 9.").stance, Stance::Amend);
        assert_eq!(one("We support Article 12.").stance, Stance::Support);
        assert_eq!(
            one("We welcome Article 12 as drafted.").stance,
            Stance::Support
        );
        assert_eq!(one("We oppose Article 13.").stance, Stance::Oppose);
        assert_eq!(
            one("Article 28(4) is gravely concerning.").stance,
            Stance::Oppose
        );
    }

    #[test]
    fn words_inside_an_article_are_amended_not_the_article_deleted() {
        let p = one("Delete the qualifier \"applicable\" in Article 5 (1).");
        assert_eq!(p.stance, Stance::Amend);
        assert_eq!(
            p.changes,
            vec![NewChange::DeleteText {
                find: "applicable".into()
            }]
        );
        let p = one("Delete paragraph 4 of Article 28.");
        assert_eq!(p.stance, Stance::Delete);
        assert_eq!(p.changes, vec![NewChange::Delete]);
        assert_eq!(p.target, "paragraph 4 of Article 28");
    }

    #[test]
    fn description_without_a_proposal_is_not_a_position() {
        none("In fact, by removing language in Articles 6 to 16, the draft creates uncertainty.");
        none("Article 17 states that any offense included in a treaty becomes a cybercrime.");
        none("It was proposed by one delegation to add Article 48 bis.");
    }

    #[test]
    fn a_weak_verb_is_flagged() {
        let p = one("Article 5 should articulate the protections.");
        assert_eq!(p.stance, Stance::Amend);
        assert!(
            p.checks.iter().any(|c| c.contains("weak verb")),
            "{:?}",
            p.checks
        );
    }

    #[test]
    fn the_target_list_is_taken_as_written() {
        let p = one("We recommend deleting Articles 30, 31, 32, 33 and 34.");
        assert_eq!(p.target, "Articles 30, 31, 32, 33 and 34");
        let p = one("To that end, we recommend deleting Article 45, paragraph 1 (b) and Article 40, paragraph 2 (e).");
        assert_eq!(
            p.target,
            "Article 45, paragraph 1 (b), Article 40, paragraph 2 (e)"
        );
        // the complement of `to limit` is not a target
        let p = one("Amend Article 23 to limit its scope to offences in articles 6 to 16.");
        assert_eq!(p.target, "Article 23");
    }

    #[test]
    fn references_to_other_instruments_are_never_targets() {
        let p = one("We recommend aligning Article 40 with Article 22 of the Budapest Convention.");
        assert_eq!(p.target, "Article 40");
        none("We propose to delete Article 22 of the Budapest Convention.");
        // `the Convention` in a submission is the draft
        let p = one("We propose to delete Article 4 of the Convention.");
        assert_eq!(p.target, "Article 4");
    }

    #[test]
    fn references_inside_proposed_text_are_not_targets() {
        let p = one(
            "Add a new paragraph to Article 43 along the lines of: *“Requests under this Article 9 shall be targeted.”*",
        );
        assert_eq!(p.target, "Article 43");
        assert_eq!(p.stance, Stance::Insert);
        assert_eq!(
            p.changes,
            vec![NewChange::InsertElement {
                element: "paragraph",
                number: None,
                text: "Requests under this Article 9 shall be targeted.".into()
            }]
        );
        assert!(p.checks.iter().any(|c| c.contains("along the lines")));
    }

    #[test]
    fn redline_struck_words_are_deleted() {
        let p = one("- **Article 5 (1):** It would read: *\"States shall act in accordance with ~~applicable~~ international law.\"*");
        assert_eq!(p.target, "Article 5 (1)");
        assert_eq!(
            p.changes,
            vec![NewChange::DeleteText {
                find: "applicable".into()
            }]
        );
    }

    #[test]
    fn redline_struck_and_new_words_are_a_replacement() {
        // the new word is named elsewhere in the bullet
        let p = one("- **Article 1 (c):** Use the term \"support\". It could read: *\"...provide practical ~~measures~~ support to States...\"*.");
        assert!(
            p.changes.contains(&NewChange::Replace {
                find: "measures".into(),
                with: "support".into()
            }),
            "{:?}",
            p.changes
        );
        // a struck sentence followed by a new one
        let p = one("We propose that Article 43 (2) is revised: *“~~A State may renew it.~~ A State could renew it once.”*");
        assert_eq!(
            p.changes,
            vec![NewChange::Replace {
                find: "A State may renew it.".into(),
                with: "A State could renew it once.".into()
            }]
        );
    }

    #[test]
    fn quoted_words_make_changes() {
        let p =
            one("- **Article 1 (c):** Replace the term \"measures\" with the term \"support\".");
        assert_eq!(
            p.changes,
            vec![NewChange::Replace {
                find: "measures".into(),
                with: "support".into()
            }]
        );
        let p = one("Similarly, we propose the deletion of the brackets “[any criminal offences]” and “[serious crimes]”, in Article 41, paragraph 2 (c).");
        assert_eq!(p.stance, Stance::Amend);
        assert_eq!(
            p.changes,
            vec![
                NewChange::Unbracket {
                    find: "any criminal offences".into()
                },
                NewChange::Unbracket {
                    find: "serious crimes".into()
                }
            ]
        );
        let p = one("Streamlining Article 40 (1) by adding the following phrase at the end of Article 40 (1): *“...save where it refuses.”*");
        assert_eq!(
            p.changes,
            vec![NewChange::InsertText {
                text: " save where it refuses.".into(),
                place: NewPlace::End
            }]
        );
        assert!(p.checks.iter().any(|c| c.contains("ellipsis")));
        let p = one("Aligning Article 40, paragraph 5 to place emphasis on *“determining jurisdiction”* rather than on *“coordinating their actions”*.");
        assert_eq!(
            p.changes,
            vec![NewChange::Replace {
                find: "coordinating their actions".into(),
                with: "determining jurisdiction".into()
            }]
        );
    }

    #[test]
    fn quoted_words_after_the_clause_are_not_the_object() {
        let p = one("Deleting Article 28, whose provisions conflict with a convention which criminalizes \"public incitement to commit genocide\" already.");
        assert_eq!(p.stance, Stance::Delete);
        assert_eq!(p.changes, vec![NewChange::Delete]);
    }

    #[test]
    fn bold_target_bullets_name_the_target_of_every_sentence() {
        let p = one("- **Article 3 (1):** Remove the term \"detection\" as it is out of scope. On a related note, remove the term \"suppression\" from the draft.");
        assert_eq!(p.target, "Article 3 (1)");
        assert_eq!(
            p.changes,
            vec![
                NewChange::DeleteText {
                    find: "detection".into()
                },
                NewChange::DeleteText {
                    find: "suppression".into()
                }
            ]
        );
        let p = one(
            "- **Article 3 (3):** We recommend deletion of this article, as it expands the scope.",
        );
        assert_eq!(p.target, "Article 3(3)");
        assert_eq!(p.stance, Stance::Delete);
        // nothing asked for: a comment, flagged
        let p = one("- **Article 4:** Governments must respect sovereignty.");
        assert_eq!(p.stance, Stance::Comment);
        assert!(!p.checks.is_empty());
    }

    #[test]
    fn new_subparagraphs_from_labelled_sub_bullets() {
        let text = "- We propose adding subparagraphs (c) and (d) to Article 45, paragraph 1:\n - **Subparagraph (c)**: *“Users have a right to know.”*\n - **Subparagraph (d)**: *“Secrecy is the exception.”*\n";
        let p = one(text);
        assert_eq!(p.stance, Stance::Insert);
        assert_eq!(p.target, "Article 45(1)");
        assert_eq!(
            p.changes,
            vec![
                NewChange::InsertElement {
                    element: "subparagraph",
                    number: Some("c".into()),
                    text: "Users have a right to know.".into()
                },
                NewChange::InsertElement {
                    element: "subparagraph",
                    number: Some("d".into()),
                    text: "Secrecy is the exception.".into()
                }
            ]
        );
    }

    #[test]
    fn a_new_paragraph_targets_its_article() {
        let p = one("Add new paragraph 18.5 to exempt service providers from liability.");
        assert_eq!(p.stance, Stance::Insert);
        assert_eq!(p.target, "Article 18");
    }

    #[test]
    fn target_from_an_earlier_or_later_sentence_is_flagged() {
        let p = one("- Add the right of custodians to notify users. This provision can be inserted in Article 24.");
        assert_eq!(p.target, "Article 24");
        let x = extract(
            "- Delete Article 41, paragraph 3 (a). Also delete the phrase \"as appropriate\".\n",
        );
        assert_eq!(x.proposals.len(), 1, "{:#?}", x.proposals);
    }

    #[test]
    fn sentences_split_outside_quotes_and_abbreviations() {
        let text = "Scope: the draft covers “core cybercrimes.” We propose to delete Article 17 as drafted, e.g. its catch-all.";
        let p = one(text);
        assert_eq!(p.target, "Article 17");
        assert!(p.quote.starts_with("We propose"), "{}", p.quote);
    }

    #[test]
    fn the_file_reads_back_without_problems() {
        let text = "# Title \"quoted\"\n\n- **Article 5 (1):** Delete the qualifier \"applicable\" \\ here.\n- Delete Articles 6 to 16.\n";
        let x = extract(text);
        assert_eq!(x.title.as_deref(), Some("Title \"quoted\""));
        let toml = to_toml(
            &x,
            &Options {
                stakeholder: "A \"B\"",
                group: Some(Group::Industry),
                draft: "A/AC.291/16",
                submission: "sub.md",
            },
        );
        let f = super::super::read(&toml);
        assert!(f.problems.is_empty(), "{:?}\n{}", f.problems, toml);
        assert_eq!(f.positions.len(), 2, "{toml}");
        assert_eq!(f.positions[1].target.value, "Articles 6 to 16");
        assert_eq!(f.positions[0].line, Some(3));
        assert!(toml.starts_with("#:schema "));
    }
}
