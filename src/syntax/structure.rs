//! The structure parser: lines -> a tree of instruments, divisions,
//! articles and their numbered subdivisions.
//!
//! It never refuses input. Every line lands somewhere: a line that is not a
//! heading or a label is text of the innermost open element. Headings are
//! recognised by shape (Markdown `###` or a plain line) but a plain line
//! only counts as a heading where a heading can start: after a blank line,
//! after another heading, or at the top. That is what keeps a hard-wrapped
//! line starting `Article 113(3), point (a), ...` in its paragraph.

use super::indent::{self, ListIndent};
use super::lines::{Line, LinesFrom};
use super::number::{is_next_letter, label_styles, normalise_key, normalise_to_key, roman_value};
use super::tree::*;
use regex::Regex;
use std::cell::Cell;
use std::sync::LazyLock;

mod resume;
pub(crate) use resume::{reparse_structure, Resume, Resumed};

/// A Markdown heading's opening at the start of `t`, as the regex
/// `^ {0,3}(#{1,6})(?:[ \t]+|$)` reads it: its level and where its content
/// starts. By hand: it was asked on every line that starts with `#`.
fn md_heading(t: &str) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    let indent = b.iter().take(4).take_while(|&&c| c == b' ').count();
    if indent > 3 {
        return None;
    }
    let level = b[indent..].iter().take_while(|&&c| c == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = indent + level;
    let blanks = b[after..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    if blanks == 0 && after < b.len() {
        return None;
    }
    Some((level, after + blanks))
}

const SUFFIX_ALT: &str = "bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies|undecies|duodecies|terdecies|quaterdecies|quindecies|sexdecies|septdecies|octodecies|novodecies|vicies";

static ARTICLE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<word>(?i:article)|ART\.|Art\.|ART|Art)[ \t]*(?P<num>\d+(?:[a-zA-Z]\b)?(?:[ \t\-]?(?i:{SUFFIX_ALT})\b)?|[IVXLC]+\b)"
    ))
    .unwrap()
});

static DIVISION_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<word>(?i:part|chapter|section|sub-?section|title|book|annexes|appendices|schedules|annex|appendix|schedule))\b\.?[ \t]*(?P<num>(?:\d+[A-Za-z]?|[IVXLC]+|[A-Z]|(?i:one|two|three|four|five|six|seven|eight|nine|ten))\b)?",
    )
    .unwrap()
});

/// `ARTICLE_HEAD` on a line that passed [`starts_with_heading_word`]: the
/// number's span. The groups are read off the match's end by hand, which
/// costs a tenth of asking the regex for captures (the word is the line's
/// leading ASCII word, and `(?i:article)` folds no other character).
fn article_head(text: &str) -> Option<Span> {
    let end = ARTICLE_HEAD.find(text)?.end();
    let b = text.as_bytes();
    let word_end = if b
        .get(..7)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"article"))
    {
        7
    } else if b.get(3) == Some(&b'.') {
        4 // `ART.`, `Art.`
    } else {
        3 // `ART`
    };
    let start = word_end
        + b[word_end..end]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
    Some(start..end)
}

/// `DIVISION_HEAD` on a line that passed [`starts_with_heading_word`]:
/// the word's span, the number's (if any) and the match's end. As for
/// [`article_head`], the groups are read off the match by hand: the word
/// is the line's leading run of ASCII letters and hyphens (`sub-section`),
/// then `\.?[ \t]*` and, if the match goes on, the number.
fn division_head(text: &str) -> Option<(Span, Option<Span>, usize)> {
    let end = DIVISION_HEAD.find(text)?.end();
    let b = text.as_bytes();
    let word_end = b[..end]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic() || **c == b'-')
        .count();
    let mut p = word_end;
    if b.get(p) == Some(&b'.') && p < end {
        p += 1;
    }
    p += b[p..end]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    Some((0..word_end, (p < end).then_some(p..end), end))
}

static INSTRUMENT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:(?i:first|second|third|optional|additional)[ \t]+)+(?i:protocol)\b|(?i:protocol)\b|(?i:final act)\b|(?P<res>(?i:resolution))[ \t]+(?P<num>[IVXLC]+|\d+)\b)",
    )
    .unwrap()
});

/// The title of an instrument: it names one by its head noun.
static INSTRUMENT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:convention|covenant|protocol|agreement|treaty|charter|statute|final act|declaration|resolution|regulation|directive)\b").unwrap()
});

static PREAMBLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:preamble)\b").unwrap());

static TESTIMONIUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:IN WITNESS WHEREOF|IN FAITH WHEREOF|In witness whereof|In faith whereof|DONE (?:at|in)\b|Done (?:at|in)\b)")
        .unwrap()
});

/// `PREAMBLE.is_match`, asking the regex only when the line can match:
/// it starts with the ASCII letters of `preamble` (no other character
/// folds to one of them).
fn is_preamble(t: &str) -> bool {
    t.as_bytes()
        .get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"preamble"))
        && PREAMBLE.is_match(t)
}

/// `TESTIMONIUM.is_match`, asking the regex only when the line can match.
fn is_testimonium(t: &str) -> bool {
    (t.starts_with("IN ")
        || t.starts_with("In ")
        || t.starts_with("DONE ")
        || t.starts_with("Done "))
        && TESTIMONIUM.is_match(t)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeadKind {
    Article,
    Division(NodeKind),
    Annex,
}

struct HeadMatch {
    kind: HeadKind,
    /// `Article 5`, `CHAPTER II` (absolute)
    label: Span,
    number: Option<Span>,
    key: String,
    title: Option<Span>,
}

struct LabelMatch {
    label: Span,
    number: Span,
    key: Key,
    parenthesised: bool,
    /// a Markdown list item (`1.`, a bullet), and where its content starts
    list_item: bool,
    content_col: usize,
}

pub(crate) struct Structure {
    pub title: Option<String>,
    pub front_matter: Option<FrontMatter>,
    pub nodes: Vec<Node>,
    /// Spans the reference scanner must not read: code fences, front matter.
    pub opaque: Vec<Span>,
    pub issues: Vec<SyntaxIssue>,
    /// What a later parse of an edited text resumes from.
    pub resume: Resume,
    /// Of a parse resumed after an edit: what it read again, and where
    /// it took up the old parse (see [`Resumed`]).
    pub resumed: Option<Resumed>,
}

struct Parser<'t> {
    text: &'t str,
    lines: LinesFrom<'t>,
    nodes: Vec<Node>,
    stack: Vec<NodeId>,
    opaque: Vec<Span>,
    issues: Vec<SyntaxIssue>,
    title: Option<String>,
    front_matter: Option<FrontMatter>,
    /// division kinds seen in the current container, with their depth
    division_depths: Vec<(NodeKind, usize)>,
    /// a heading whose title may be on the next non-blank line
    pending_title: Option<NodeId>,
    prev_blank: bool,
    prev_heading: bool,
    /// last character of the previous non-blank line
    prev_last: Option<char>,
    prev_ends_with_conjunction: bool,
    /// index of the line being read
    line_no: usize,
    /// per element of `stack`: what the parser keeps about it while open
    open: Vec<Open>,
    /// the indentation of the line being read, in columns
    col: usize,
    /// the last non-blank line read
    prev_line: Span,
    /// the last line of quoted provisions being read (D20), and how far
    /// the search for a closing quote has looked in vain
    quote_until: Option<usize>,
    quote_scanned: usize,
    /// whether [`MAX_TREE_DEPTH`] has flattened an element (said once)
    flattened: bool,
    /// how far into the text anything has been read (lookahead included):
    /// a later parse may resume only where nothing read lies in its edit
    read_to: Cell<usize>,
    /// where a later parse of an edited text may resume
    checkpoints: Vec<resume::Checkpoint>,
    /// how many nodes there were at the last checkpoint
    checkpointed: usize,
}

/// What the parser keeps about an open element, beside its node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Open {
    /// how its label line was indented (Markdown lists)
    indent: ListIndent,
    /// whether text of its own has been read (a label line with words
    /// after the label counts)
    has_text: bool,
    /// the Markdown level of a titled block or annex heading, 0 otherwise
    heading_level: usize,
}

/// Where a label goes: its style, the open list it continues (a stack
/// position), or the kind it takes one level below the innermost open
/// element when Markdown indentation nests it there.
struct Placement {
    style: LabelStyle,
    sibling: Option<usize>,
    /// (stack position of the parent, kind)
    nested: Option<(usize, NodeKind)>,
}

pub(crate) fn parse_structure(text: &str) -> Structure {
    let mut p = Parser {
        text,
        lines: LinesFrom::new(text, 0, 0),
        // its end grows as lines are read (checkpoints hold it), and is the
        // text's end once all are
        nodes: vec![Node::root(0)],
        stack: vec![NodeId::ROOT],
        opaque: vec![],
        issues: vec![],
        title: None,
        front_matter: None,
        division_depths: vec![],
        pending_title: None,
        prev_blank: true,
        prev_heading: true,
        prev_last: None,
        prev_ends_with_conjunction: false,
        line_no: 0,
        open: vec![Open::default()],
        col: 0,
        prev_line: 0..0,
        quote_until: None,
        quote_scanned: 0,
        flattened: false,
        read_to: Cell::new(0),
        checkpoints: vec![],
        checkpointed: 1,
    };
    let first = p.front_matter();
    p.run(first, &mut |_, _| false);
    p.finish()
}

/// Trims spaces and surrounding Markdown emphasis (`**x**`, `*x*`, `_x_`).
fn trim_emphasis(text: &str, span: Span) -> Span {
    let (mut s, mut e) = (span.start, span.end);
    loop {
        let t = &text[s..e];
        let lead = t.len() - t.trim_start().len();
        // an all-blank span trims to its start, never past its end
        let trail = (t.len() - lead) - t[lead..].trim_end().len();
        s += lead;
        e -= trail;
        let t = &text[s..e];
        let mut changed = lead > 0 || trail > 0;
        for m in ["**", "__", "*", "_"] {
            let t = &text[s..e];
            if t.len() >= 2 * m.len() && t.starts_with(m) && t.ends_with(m) {
                s += m.len();
                e -= m.len();
                changed = true;
                break;
            }
        }
        if !changed || t.is_empty() {
            break;
        }
    }
    s..e
}

fn strip_leading_emphasis(text: &str, mut s: usize, e: usize) -> usize {
    while s < e && matches!(text.as_bytes()[s], b'*' | b'_' | b' ' | b'\t') {
        s += 1;
    }
    s
}

impl<'t> Parser<'t> {
    /// Reads the lines from `i` to the end, or to the first checkpoint
    /// `stop` accepts (true then).
    fn run(
        &mut self,
        mut i: usize,
        stop: &mut dyn FnMut(&Self, &resume::Checkpoint) -> bool,
    ) -> bool {
        let mut fence: Option<(u8, usize, usize)> = None; // (char, len, start)
        while let Some(line) = self.lines.get(i) {
            // the first line read is a checkpoint too: an edit before the
            // first heading need not read the text from the top
            if fence.is_none()
                && (self.checkpoints.is_empty()
                    || (self.opened_heading() && self.worth_keeping(line)))
            {
                let c = self.checkpoint(i, line.start);
                let stops = stop(self, &c);
                self.checkpoints.push(c);
                if stops {
                    return true;
                }
            }
            self.saw(line);
            let raw = &self.text[line.start..line.end];
            let trimmed = raw.trim_start();
            // Markdown code fences: opaque to everything
            if let Some((ch, len, start)) = fence {
                self.attach(line.end);
                // CommonMark: a closing fence is at least as long as the
                // opening one, indented by at most three spaces
                let t = trimmed.as_bytes();
                let run = t.iter().take_while(|&&b| b == ch).count();
                if run >= len && raw.len() - trimmed.len() <= 3 && trimmed[run..].trim().is_empty()
                {
                    self.opaque.push(start..line.end);
                    fence = None;
                }
                i += 1;
                continue;
            }
            // an HTML comment (editors' notes): opaque, like code
            if trimmed.starts_with("<!--") {
                let from = line.start + (raw.len() - trimmed.len());
                let end = match self.text[from..].find("-->") {
                    Some(e) => from + e + 3,
                    None => self.text.len(),
                };
                self.saw_to(end);
                self.opaque.push(from..end);
                while self.lines.get(i).is_some_and(|l| l.start < end) {
                    i += 1;
                }
                self.prev_blank = true;
                continue;
            }
            if raw.len() - trimmed.len() <= 3 {
                let t = trimmed.as_bytes();
                for ch in [b'`', b'~'] {
                    let n = t.iter().take_while(|&&b| b == ch).count();
                    if n >= 3 {
                        fence = Some((ch, n, line.start));
                        break;
                    }
                }
                if fence.is_some() {
                    self.text_line(line);
                    i += 1;
                    continue;
                }
            }
            if trimmed.trim_end().is_empty() {
                self.prev_blank = true;
                i += 1;
                continue;
            }
            self.line_no = i;
            let next_blank = self.lines.get(i + 1).is_none_or(|l| {
                self.saw(l);
                self.text[l.start..l.end].trim().is_empty()
            });
            if self.in_quoted_provisions(i, trimmed) {
                // the amended act's text: prose of the instruction quoting it
                self.text_line(line);
            } else {
                self.line(line, next_blank);
            }
            self.prev_line = line.start..line.end;
            let content = raw.trim_end();
            self.prev_last = content.chars().last();
            self.prev_ends_with_conjunction = content.ends_with(" and")
                || content.ends_with(" or")
                || content.ends_with(" and/or");
            self.prev_blank = false;
            i += 1;
        }
        if let Some((_, _, start)) = fence {
            self.opaque.push(start..self.text.len());
            self.issues.push(SyntaxIssue {
                severity: Severity::Warning,
                code: "unclosed-fence",
                message: "code fence is never closed; the rest of the file is read as code".into(),
                span: start..start + 3,
            });
        }
        false
    }

    /// Closes what is open and gives the structure read.
    fn finish(mut self) -> Structure {
        while self.stack.len() > 1 {
            self.pop();
        }
        self.into_structure()
    }

    /// The structure read, all elements closed.
    fn into_structure(mut self) -> Structure {
        self.nodes[0].span = 0..self.text.len();
        let resume = Resume {
            checkpoints: self.checkpoints,
            issues: self.issues.clone(),
            opaque: self.opaque.clone(),
            title: self.title.clone(),
        };
        if self.title.is_none() {
            self.title = self.front_matter.as_ref().and_then(|f| f.title.clone());
        }
        Structure {
            title: self.title,
            front_matter: self.front_matter,
            nodes: self.nodes,
            opaque: self.opaque,
            issues: self.issues,
            resume,
            resumed: None,
        }
    }

    /// Whether a heading (article, division, annex, instrument) opened
    /// since the last checkpoint: the next line is a place to keep one
    /// (the parse finds the same state after an edit there more often
    /// than anywhere else).
    fn opened_heading(&mut self) -> bool {
        if self.nodes.len() <= self.checkpointed {
            return false;
        }
        self.checkpointed = self.nodes.len();
        let last = self.nodes[self.nodes.len() - 1].kind;
        last == NodeKind::Article || last.is_division() || last.is_container()
    }

    /// Whether to keep a checkpoint at `line`, after a heading: after about
    /// one heading in four, chosen by the heading's text (so that a parse
    /// after an edit chooses the same ones past it, where it looks for the
    /// old parse's state), or when the last is far behind. A checkpoint
    /// after every heading cost half the text's size in memory.
    fn worth_keeping(&self, line: Line) -> bool {
        let heading = self.text[self.prev_line.clone()].bytes();
        let hash = heading.fold(0u64, |h, b| {
            (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95)
        });
        let last = self.checkpoints.last().map_or(0, |c| c.offset());
        hash >> 62 == 0 || line.start - last >= CHECKPOINT_REACH
    }

    /// Notes that `line` (and its line break) has been read.
    fn saw(&self, line: Line) {
        self.saw_to(line.next);
    }

    fn saw_to(&self, offset: usize) {
        if offset > self.read_to.get() {
            self.read_to.set(offset);
        }
    }

    /// Whether line `i` (`trimmed`) is quoted text of another act: a
    /// block opening with a quotation mark after `is replaced by the
    /// following:` (or another amending phrase), to the line that closes
    /// the quotation, if one does within [`QUOTE_REACH`] lines and before
    /// a Markdown heading.
    fn in_quoted_provisions(&mut self, i: usize, trimmed: &str) -> bool {
        if let Some(end) = self.quote_until {
            if i >= end {
                self.quote_until = None;
            }
            return true;
        }
        let opens = trimmed.starts_with(['‘', '“', '«', '\'', '"'])
            && self.prev_blank
            && super::amendments::announces_quotation(&self.text[self.prev_line.clone()]);
        if !opens {
            return false;
        }
        // each line is looked at once by the searches together
        let from = i.max(self.quote_scanned);
        let reach = self.lines.count_to(i + QUOTE_REACH);
        // a Markdown heading is the draft's own structure: the search stops
        let line = |j: usize| self.lines.get(j).map_or("", |l| &self.text[l.start..l.end]);
        let stop = (from..reach)
            .find(|&j| line(j).trim_start().starts_with('#') || closes_quotation(line(j)));
        if let Some(last) = stop.or(reach.checked_sub(1)).filter(|&j| j >= from) {
            self.lines.get(last).inspect(|&l| self.saw(l));
        }
        match stop {
            Some(end) if end > i && !line(end).trim_start().starts_with('#') => {
                self.quote_until = Some(end);
                true
            }
            Some(_) => false,
            None => {
                self.quote_scanned = reach;
                false
            }
        }
    }

    /// A `---` block of `key: value` lines at the very top.
    fn front_matter(&mut self) -> usize {
        let Some(first) = self.lines.get(0) else {
            return 0;
        };
        // read whatever it is: an edit there may make it an opener
        self.saw(first);
        let opener = self.text[first.start..first.end].trim_end();
        let opener = opener.trim_start_matches('\u{feff}');
        if opener != "---" {
            return 0;
        }
        let mut fm = FrontMatter::default();
        for (i, line) in (1..=200).map_while(|i| Some((i, self.lines.get(i)?))) {
            self.saw(line);
            let t = self.text[line.start..line.end].trim_end();
            if t == "---" || t == "..." {
                fm.span = 0..line.end;
                self.opaque.push(0..line.end);
                if let Some(id) = &fm.id {
                    self.nodes[0].label = id.as_str().into();
                }
                self.front_matter = Some(fm);
                return i + 1;
            }
            let Some((k, v)) = t.split_once(':') else {
                continue;
            };
            let key = k.trim().to_ascii_lowercase();
            let value = v.trim().trim_matches('"').trim_matches('\'').to_string();
            // where the value is written, for diagnostics on it
            let raw = v.trim();
            let at = line.start + k.len() + 1 + (v.len() - v.trim_start().len());
            let start = at + (raw.len() - raw.trim_start_matches(['"', '\'']).len());
            let value_span = start..(at + raw.trim_end_matches(['"', '\'']).len()).max(start);
            match key.as_str() {
                "id" | "symbol" | "document" => fm.id = Some(value),
                "title" => fm.title = Some(value),
                "date" => fm.date = Some(value),
                "supersedes" | "follows" | "previous" => fm.supersedes = Some((value, value_span)),
                "aliases" | "alias" => {
                    let list = value.trim_start_matches('[').trim_end_matches(']');
                    fm.aliases.extend(
                        list.split(',')
                            .map(|a| a.trim().trim_matches('"').trim_matches('\'').to_string())
                            .filter(|a| !a.is_empty()),
                    );
                }
                _ => fm.other.push((k.trim().to_string(), value)),
            }
        }
        0 // no closing line: not front matter
    }

    fn line(&mut self, line: Line, next_blank: bool) {
        let raw = &self.text[line.start..line.end];
        let indent = raw.len() - raw.trim_start().len();
        let start = line.start + indent;
        let end = line.start + raw.trim_end().len();
        let block_start = self.prev_blank || self.prev_heading;
        self.col = indent::indentation(raw);
        if self.prev_blank {
            self.close_by_indent();
        }

        let md = if self.text.as_bytes().get(start) == Some(&b'#') {
            md_heading(&self.text[start..end])
        } else {
            None
        };
        if let Some((level, content_start)) = md {
            if indent <= 3 {
                let mut content = start + content_start..end;
                // closing hashes
                let t = &self.text[content.clone()];
                let t2 = t.trim_end_matches('#');
                if t2.len() < t.len() && (t2.is_empty() || t2.ends_with(' ')) {
                    content.end = content.start + t2.trim_end().len();
                }
                let content = trim_emphasis(self.text, content);
                self.markdown_heading(level, content, line);
                self.prev_heading = true;
                return;
            }
        }

        let content = trim_emphasis(self.text, start..end);

        // a title line after a heading
        if let Some(id) = self.pending_title.take() {
            if self.title_candidate(content.clone(), next_blank)
                && self.structural(content.clone(), false).is_none()
            {
                self.set_heading(id, content.clone(), line.end);
                self.prev_heading = true;
                return;
            }
        }

        if block_start || self.prev_ends_sentence() {
            if let Some(h) = self.structural(content.clone(), false) {
                if self.accept_plain_heading(&h, block_start) {
                    self.open_heading(h, None, line.end);
                    self.prev_heading = true;
                    return;
                }
            }
        }
        self.prev_heading = false;

        let body_start = strip_leading_emphasis(self.text, start, end);
        if block_start && is_preamble(&self.text[body_start..end]) && self.in_front_of_body() {
            let word = body_start..body_start + "preamble".len();
            self.open_preamble(word.clone(), line.end);
            let rest = self.text[word.end..end].trim();
            if rest.is_empty() {
                self.prev_heading = true;
            }
            return;
        }
        if block_start && is_testimonium(&self.text[body_start..end]) {
            self.open_testimonium(line);
            return;
        }
        // `OPTIONAL PROTOCOL TO THE CONVENTION ...` or `Resolution I` on a
        // plain line of its own, once the body has begun (a plain text
        // with a protocol after the convention): a further instrument, as
        // its Markdown heading would be
        if block_start && next_blank {
            if let Some(number) = self
                .plain_instrument(content.clone())
                .filter(|_| !self.in_front_of_body())
            {
                let label_end = number.as_ref().map_or(content.end, |n| n.end);
                self.open_instrument(content.start..label_end, number, content, line.end);
                self.prev_heading = true;
                return;
            }
        }
        if self.title.is_none()
            && self.nodes.len() == 1
            && block_start
            && next_blank
            && is_publication_noise(&self.text[content.clone()])
        {
            self.prev_heading = true;
            return;
        }
        if self.title.is_none()
            && self.nodes.len() == 1
            && block_start
            && next_blank
            && content.len() <= 200
            && !self.text[content.clone()].ends_with(['.', ',', ';', ':'])
            && scan_label(&self.text[start..end]).is_none()
        {
            self.title = Some(self.text[content].to_string());
            self.prev_heading = true;
            return;
        }
        if let Some(m) = self.label(start, end) {
            if self.accept_label(&m, block_start) {
                self.open_label(m, line.end);
                return;
            }
        }
        if self.prev_blank && starts_alinea(&self.text[start..end]) {
            if let Some(holder) = self.alinea_holder() {
                self.open_alinea(holder, start, line.end);
                return;
            }
        }
        self.text_line(line);
    }

    /// The element a new block of text is a further subdivision of: the
    /// article or numbered paragraph (or unnumbered block) whose text it
    /// follows, or, once a list of points has ended with a full stop, the
    /// paragraph or article that holds the list. A stack position.
    fn alinea_holder(&self) -> Option<usize> {
        let top = self.stack.len() - 1;
        let kind = |j: usize| self.nodes[self.stack[j].index()].kind;
        let holder = match kind(top) {
            NodeKind::Article | NodeKind::Paragraph => top,
            NodeKind::Alinea => top - 1,
            NodeKind::Subparagraph | NodeKind::Item | NodeKind::Subitem
                if self.prev_last == Some('.') =>
            {
                (0..top)
                    .rev()
                    .find(|&j| matches!(kind(j), NodeKind::Article | NodeKind::Paragraph))?
            }
            _ => return None,
        };
        let in_article = self.stack[..=holder]
            .iter()
            .any(|id| self.nodes[id.index()].kind == NodeKind::Article);
        let has_text = self.open[holder].has_text;
        (has_text && (in_article || kind(holder) == NodeKind::Paragraph)).then_some(holder)
    }

    /// A block of text after the first of `holder` (a stack position): its
    /// unnumbered subdivision, numbered by its place (the first is the
    /// holder itself).
    fn open_alinea(&mut self, holder: usize, start: usize, line_end: usize) {
        while self.stack.len() > holder + 1 {
            self.pop();
        }
        self.pending_title = None;
        let parent = self.stack[holder];
        let ordinal = 2 + self.nodes[parent.index()]
            .children
            .iter()
            .filter(|c| self.nodes[c.index()].kind == NodeKind::Alinea)
            .count();
        self.push(Node {
            kind: NodeKind::Alinea,
            label: Key::default(),
            key: ordinal.to_string().into(),
            heading: None,
            span: start..line_end,
            label_span: start..start,
            number_span: None,
            heading_span: None,
            style: None,
            parent: None,
            children: vec![],
        });
        self.open.last_mut().unwrap().has_text = true;
    }

    /// A plain line that names a further instrument: it starts as an
    /// instrument heading does (`Optional Protocol`, `Protocol`, `Final
    /// Act`, `Resolution I`), is no sentence (no end punctuation, at most
    /// 300 bytes), and is set as a heading: all in capitals, or with the
    /// words of that start capitalised (`Optional Protocol to the ...`,
    /// `Final Act of ...`), a numbered one (`Resolution I`) then alone on
    /// its line. Gives the number's span for a numbered one.
    fn plain_instrument(&self, content: Span) -> Option<Option<Span>> {
        let t = &self.text[content.clone()];
        if t.len() > 300 || t.ends_with(['.', ',', ';', ':']) {
            return None;
        }
        let c = INSTRUMENT_HEAD.captures(t)?;
        let number = c
            .name("num")
            .map(|m| content.start + m.start()..content.start + m.end());
        let head = c.get(0)?.as_str();
        let capitals = !t.chars().any(|ch| ch.is_lowercase());
        let capitalised = head
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let numbered_alone = number.is_some() && t.len() == head.len();
        (capitals || (capitalised && (numbered_alone || number.is_none()))).then_some(number)
    }

    /// The innermost container is a resolution or decision (`Resolution
    /// I`, `# Resolution on ...`).
    fn in_resolution(&self) -> bool {
        self.stack
            .iter()
            .rev()
            .map(|id| &self.nodes[id.index()])
            .find(|n| n.kind.is_container())
            .is_some_and(|n| {
                n.kind == NodeKind::Instrument && {
                    let label = n.label.to_ascii_lowercase();
                    label.contains("resolution") || label.contains("decision")
                }
            })
    }

    fn prev_ends_sentence(&self) -> bool {
        matches!(self.prev_last, Some('.' | ';' | ':'))
    }

    /// Before any article or division of the current instrument.
    fn in_front_of_body(&self) -> bool {
        let container = *self
            .stack
            .iter()
            .rev()
            .find(|&&id| self.nodes[id.index()].kind.is_container())
            .unwrap_or(&NodeId::ROOT);
        matches!(
            self.nodes[container.index()].kind,
            NodeKind::Document | NodeKind::Instrument
        ) && self.nodes[container.index()]
            .children
            .iter()
            .all(|c| matches!(self.nodes[c.index()].kind, NodeKind::Preamble))
    }

    fn markdown_heading(&mut self, level: usize, content: Span, line: Line) {
        let text = &self.text[content.clone()];
        if let Some(id) = self.pending_title.take() {
            let numbered_instrument = INSTRUMENT_HEAD
                .captures(text)
                .is_some_and(|c| c.name("num").is_some());
            let bare_number = text.bytes().all(|b| b.is_ascii_digit());
            // `### Article XVI` then `#### Appendix III and Amendments
            // thereto`: an article holds no annex or division, so one
            // written under its heading is its title
            let structural = self.structural(content.clone(), true);
            let article_title = self.nodes[id.index()].kind == NodeKind::Article
                && structural
                    .as_ref()
                    .is_some_and(|h| h.kind != HeadKind::Article && h.title.is_some());
            if !text.is_empty()
                && !numbered_instrument
                && !bare_number
                && (structural.is_none() || article_title)
            {
                self.set_heading(id, content, line.end);
                return;
            }
        }
        if let Some(h) = self.structural(content.clone(), true) {
            self.open_heading(h, Some(level), line.end);
            return;
        }
        if is_preamble(text) && self.in_front_of_body() {
            let word = content.start..content.start + "preamble".len();
            self.open_preamble(word, line.end);
            return;
        }
        // nothing read yet but prose in front (an editor's note, which reads
        // as an unmarked preamble)
        let before_body = self.nodes[1..]
            .iter()
            .all(|n| n.kind == NodeKind::Preamble && n.label.is_empty());
        let first_heading = before_body && self.title.is_none();
        // the first heading is the title when it is a top one or names an
        // instrument (`#### Basel Convention on ...` before any article)
        if first_heading && (level <= 2 || INSTRUMENT_TITLE.is_match(text)) {
            self.title = Some(text.to_string());
            self.nodes[0].heading = Some(text.into());
            self.nodes[0].heading_span = Some(content);
            return;
        }
        if let Some(c) = INSTRUMENT_HEAD.captures(text) {
            let number = c
                .name("num")
                .map(|m| content.start + m.start()..content.start + m.end());
            let label_end = number.as_ref().map_or(content.end, |n| n.end);
            self.open_instrument(content.start..label_end, number, content.clone(), line.end);
            return;
        }
        // a top-level heading naming an instrument starts one (`# Protocol
        // ...`, `## Agreement on ...`); any other is a titled block
        if level <= 2 && INSTRUMENT_TITLE.is_match(text) {
            self.open_instrument(content.clone(), None, content.clone(), line.end);
            return;
        }
        // `### 1`: a numbered paragraph written as a heading
        if !text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()) {
            // operative paragraphs close the preamble of a resolution
            self.pop_while(|k| {
                k == NodeKind::Preamble || k.is_subdivision() || k == NodeKind::Testimonium
            });
            let m = LabelMatch {
                label: content.clone(),
                number: content.clone(),
                key: text.into(),
                parenthesised: false,
                list_item: false,
                content_col: 0,
            };
            self.open_label(m, line.end);
            return;
        }
        // another Markdown heading outside an article: a titled block that
        // groups what follows (declarations in a final act, say)
        let in_article = self
            .stack
            .iter()
            .any(|id| self.nodes[id.index()].kind == NodeKind::Article);
        if !text.is_empty() && !in_article {
            self.open_titled_block(level, content, line.end);
            return;
        }
        self.text_line(line);
    }

    fn open_titled_block(&mut self, level: usize, content: Span, line_end: usize) {
        self.pop_while(|k| !k.is_division() && !k.is_container());
        // a block closes the blocks of its level and deeper
        while self.top_kind() == NodeKind::Heading
            && self.open.last().unwrap().heading_level >= level
        {
            self.pop();
        }
        let text = self.text[content.clone()].to_string();
        self.push(Node {
            kind: NodeKind::Heading,
            label: text.as_str().into(),
            key: Key::default(),
            heading: Some(text.into()),
            span: content.start..line_end,
            label_span: content.start..content.start,
            number_span: None,
            heading_span: Some(content),
            style: None,
            parent: None,
            children: vec![],
        });
        self.open.last_mut().unwrap().heading_level = level;
    }

    /// Matches an article, division or annex heading in `content`.
    fn structural(&self, content: Span, markdown: bool) -> Option<HeadMatch> {
        let mut s = content.start;
        // a heading bracketed as not yet agreed: `[Article 5`
        if self.text[s..content.end].starts_with('[') {
            s += 1;
            s = strip_leading_emphasis(self.text, s, content.end);
        }
        let text = &self.text[s..content.end];
        if !starts_with_heading_word(text) {
            return None;
        }
        if let Some(num) = article_head(text) {
            // the rest of the line (the regex stops at the number: the line
            // holds no `\n`, so a trailing `(.*)$` could only ever match
            // all of the rest, and reading it cost more than the match)
            let rest = num.end..text.len();
            // plain lines need a capital (`article 5 applies` is prose); a
            // Markdown heading says it is a heading
            if !markdown && !text.starts_with('A') {
                return None;
            }
            let title = self.heading_rest(s + rest.start..s + rest.end, markdown)?;
            return Some(HeadMatch {
                kind: HeadKind::Article,
                label: s..s + num.end,
                number: Some(s + num.start..s + num.end),
                key: normalise_key(&text[num]),
                title,
            });
        }
        if let Some((word, num, end)) = division_head(text) {
            let word = &text[word];
            let num = num.map(|n| (n.clone(), &text[n]));
            if !markdown && !word.starts_with(|ch: char| ch.is_uppercase()) {
                return None;
            }
            let lw = word.to_ascii_lowercase();
            let kind = match lw.as_str() {
                "part" => HeadKind::Division(NodeKind::Part),
                "chapter" => HeadKind::Division(NodeKind::Chapter),
                "section" => HeadKind::Division(NodeKind::Section),
                "subsection" | "sub-section" => HeadKind::Division(NodeKind::Subsection),
                "title" => HeadKind::Division(NodeKind::Title),
                "book" => HeadKind::Division(NodeKind::Book),
                _ => HeadKind::Annex,
            };
            let mut rest = end..text.len();
            let mut num = num;
            // `Appendices I, II and III`: one heading for several; the
            // label holds them all (the index files it under each)
            if matches!(lw.as_str(), "annexes" | "appendices" | "schedules") {
                // `ANNEXES` alone is a title (`CHAPTER XX` / `ANNEXES`)
                num.as_ref()?;
                let list = plural_numbers(&text[rest.clone()]);
                rest.start += list;
            }
            // `ANNEX V A`, `Annex I B`: a capital letter alone after the
            // number is part of it
            if let Some((n, written)) = &num {
                let r = &text[rest.clone()];
                let letter = r.trim();
                if r.starts_with(' ')
                    && letter.len() == 1
                    && letter.bytes().all(|b| b.is_ascii_uppercase())
                    && kind == HeadKind::Annex
                {
                    let _ = written;
                    let whole = n.start..rest.start + r.find(letter).unwrap_or(0) + 1;
                    rest = whole.end..text.len();
                    num = Some((whole.clone(), &text[whole]));
                }
            }
            if num.is_none() {
                // an unnumbered division is only an annex (`ANNEX`, `Annex`)
                if kind != HeadKind::Annex {
                    return None;
                }
                let r = text[rest.clone()].trim();
                // `ANNEX TO THE CONVENTION` but not `Annex to this Convention applies ...`
                let all_caps = !r.chars().any(|ch| ch.is_lowercase());
                if !r.is_empty() && !markdown && !all_caps {
                    return None;
                }
            }
            let label_end = if rest.start > end {
                rest.start
            } else {
                num.as_ref().map_or(word.len(), |(n, _)| n.end)
            };
            let title = match num {
                Some(_) => self.heading_rest(s + rest.start..s + rest.end, markdown)?,
                None => {
                    let r = trim_emphasis(self.text, s + rest.start..s + rest.end);
                    let r = self.strip_separator(r);
                    (!r.is_empty()).then_some(r)
                }
            };
            // `Title` as a division needs a number: `Title 1`, `TITLE I`
            return Some(HeadMatch {
                kind,
                label: s..s + label_end,
                number: num.as_ref().map(|(n, _)| s + n.start..s + n.end),
                key: num.map_or(String::new(), |(_, n)| {
                    normalise_key(n).to_uppercase_roman()
                }),
                title,
            });
        }
        None
    }

    fn strip_separator(&self, mut r: Span) -> Span {
        let t = &self.text[r.clone()];
        let t2 = t.trim_start_matches(['.', ':', '-', '–', '—', ' ', '\t']);
        r.start += t.len() - t2.len();
        r
    }

    /// What follows a heading's number: nothing, or a title after a
    /// separator. `None` when the rest shows the line is prose, not a heading.
    fn heading_rest(&self, rest: Span, markdown: bool) -> Option<Option<Span>> {
        // `**Article 1** - **Scope**`: the emphasis that closes the label
        // is not part of what follows it (D7)
        let t = &self.text[rest.clone()];
        let rest = rest.start + (t.len() - t.trim_start_matches(['*', '_']).len())..rest.end;
        let t = &self.text[rest.clone()];
        let trimmed = t.trim();
        if trimmed.is_empty() || trimmed == "]" || trimmed == "." {
            return Some(None);
        }
        let has_separator = t.starts_with(['.', ':', '-', '–', '—'])
            || t.trim_start().starts_with(['-', '–', '—', ':']);
        let title = trim_emphasis(self.text, self.strip_separator(rest));
        // what is left of an emphasis split by the separator: `**Scope`
        let tt = &self.text[title.clone()];
        let title = title.start + (tt.len() - tt.trim_start_matches(['*', '_']).len())
            ..title.end - (tt.len() - tt.trim_end_matches(['*', '_']).len());
        let title = if title.start > title.end {
            title.start..title.start
        } else {
            title
        };
        if markdown {
            return Some((!title.is_empty()).then_some(title));
        }
        if !has_separator && !t.starts_with([' ', '\t']) {
            return None; // `Article 113(3)`, `Article 5,`
        }
        let tt = &self.text[title.clone()];
        let first_upper = tt
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '[');
        let words = tt.split_whitespace().count();
        let prose = tt.contains(" shall ")
            || tt.contains(" may ")
            || tt.ends_with([',', ';'])
            || words > 15
            || tt.len() > 150
            || tt.starts_with("of ");
        if !first_upper || prose {
            return None;
        }
        Some(Some(title))
    }

    fn accept_plain_heading(&self, h: &HeadMatch, block_start: bool) -> bool {
        // After a sentence-ending line a bare `Article 5` still heads a new
        // article (texts without blank lines), but a heading with words after
        // the number must start a block.
        block_start || h.title.is_none()
    }

    fn title_candidate(&self, content: Span, next_blank: bool) -> bool {
        let t = &self.text[content.clone()];
        if t.is_empty() || t.len() > 150 {
            return false;
        }
        if !next_blank {
            // texts without blank lines: a short line is a title when the
            // next line starts a sentence or a label, and it does not end
            // the way a wrapped line does (`Nothing in this Convention` /
            // `shall prejudice ...`)
            let next = self
                .lines
                .get(self.line_no + 1)
                .map(|l| self.text[l.start..l.end].trim_start());
            let starts_sentence = next.is_some_and(|n| {
                n.starts_with(|c: char| {
                    c.is_uppercase() || c == '(' || c.is_ascii_digit() || c == '#'
                })
            });
            let last_word = t.rsplit(' ').next().unwrap_or("").to_lowercase();
            let dangling_word = matches!(
                last_word.as_str(),
                "of" | "the"
                    | "and"
                    | "or"
                    | "in"
                    | "to"
                    | "a"
                    | "an"
                    | "for"
                    | "with"
                    | "by"
                    | "on"
                    | "that"
                    | "which"
            );
            if t.len() > 80 || t.ends_with('.') || !starts_sentence || dangling_word {
                return false;
            }
        }
        if t.ends_with([',', ';', ':']) || t.contains(" shall ") || t.contains(" may ") {
            return false;
        }
        // a one-sentence article body is not its title: titles do not end
        // with a full stop
        if t.ends_with('.') {
            return false;
        }
        if scan_label(t).is_some() || is_testimonium(t) {
            return false;
        }
        t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '[' || c == '(')
    }

    fn label(&self, start: usize, end: usize) -> Option<LabelMatch> {
        let text = &self.text[start..end];
        let l = scan_label(text)?;
        let line_start = super::lines::line_start(self.text, start);
        let line = &self.text[line_start..end];
        // what follows the label: a space or the end; or, in texts that
        // glue it (`a)A sentence`, `a.promoting`), a letter, but not the
        // `e.g.` of prose
        let after = &text[l.end..];
        let mut chars = after.chars();
        match chars.next() {
            None | Some(' ' | '\t') => {}
            Some(ch) if ch.is_alphabetic() || ch == '[' || ch == '"' || ch == '“' => {
                let written = &text[l.label.clone()];
                let glued_ok = written.ends_with(')')
                    || (written.ends_with('.')
                        && l.form == Form::Letter
                        && chars.next() != Some('.'))
                    || (written.ends_with('.') && l.form == Form::Number && ch.is_uppercase());
                if !glued_ok {
                    return None;
                }
            }
            _ => return None,
        }
        Some(LabelMatch {
            label: start + l.label.start..start + l.label.end,
            number: start + l.number.start..start + l.number.end,
            key: match &l.suffix {
                Some(sfx) => {
                    let mut written = Key::from(&text[l.number.clone()]);
                    written.push_str(&text[sfx.clone()]);
                    normalise_to_key(&written)
                }
                None => normalise_to_key(&text[l.number.clone()]),
            },
            parenthesised: l.parenthesised,
            list_item: indent::is_list_item(text, &text[l.label.clone()]),
            content_col: indent::content_column(line, start - line_start + l.end),
        })
    }

    /// Where the label goes: its style and the stack position of the open
    /// sibling list of that style, if any, unless Markdown indentation
    /// nests it.
    fn place_label(&self, m: &LabelMatch) -> Option<Placement> {
        let styles = label_styles(&m.key, m.parenthesised);
        if styles.is_empty() {
            return None;
        }
        let base = self
            .stack
            .iter()
            .rposition(|id| !self.nodes[id.index()].kind.is_subdivision())
            .unwrap_or(0);
        // `a.` and `a)` are one style, but a list of one form nested in a
        // list of the other (`a) (i) a. b. b)`) is told apart by the form
        let dotted = |label: &str| label.ends_with('.') && !label.starts_with('(');
        let this_dotted = dotted(&self.text[m.label.clone()]);
        let open = |style: LabelStyle| {
            let same = |j: usize| self.nodes[self.stack[j].index()].style == Some(style);
            (base + 1..self.stack.len())
                .rev()
                .find(|&j| {
                    same(j) && dotted(&self.nodes[self.stack[j].index()].label) == this_dotted
                })
                .or_else(|| {
                    (base + 1..self.stack.len()).rev().find(|&j| {
                        same(j)
                            && is_successor(style, &self.nodes[self.stack[j].index()].key, &m.key)
                    })
                })
        };
        let expected = |style: LabelStyle, j: usize| -> bool {
            let prev = &self.nodes[self.stack[j].index()].key;
            is_successor(style, prev, &m.key)
        };
        let style = if styles.len() == 1 {
            styles[0]
        } else {
            let (alpha, roman) = (styles[0], styles[1]);
            // `(h) ... means: (i) ... (ii) ...`: the next label decides
            let next = self.next_label_key();
            let next_is_roman = next.as_deref().is_some_and(|k| {
                k.len() > 1 && roman_value(k).is_some() && is_successor(roman, &m.key, k)
            });
            let next_is_letter = next.as_deref().is_some_and(|k| is_next_letter(&m.key, k));
            match (open(alpha), open(roman)) {
                _ if next_is_roman && !next_is_letter => roman,
                (Some(j), _) if expected(alpha, j) => alpha,
                (_, Some(j)) if expected(roman, j) => roman,
                (Some(_), None) if m.key.eq_ignore_ascii_case("i") => roman,
                (None, Some(_)) => roman,
                (Some(a), Some(r)) => {
                    if r > a {
                        roman
                    } else {
                        alpha
                    }
                }
                _ => alpha,
            }
        };
        // `b) (i) a) b)`: a list that starts afresh under a deeper element
        // of another style nests there; it is not a second `a)` beside `b)`
        let sibling = open(style).filter(|&j| {
            let restarts = is_first(style, &m.key)
                && !is_successor(style, &self.nodes[self.stack[j].index()].key, &m.key);
            !(restarts && j + 1 < self.stack.len())
        });
        Some(Placement {
            style,
            sibling,
            nested: self.nested_by_indent(m, style, sibling),
        })
    }

    /// A Markdown list item indented under the content of an open list item
    /// is inside it, whatever its number: `1. ... including by:` then
    /// `    1. Holding ...` is a point of paragraph 1 (published `(a)`), not
    /// a second paragraph 1. When its label style would put it beside or
    /// above that item, or at a level no deeper than where it stands, it
    /// takes the level below the innermost open element.
    fn nested_by_indent(
        &self,
        m: &LabelMatch,
        style: LabelStyle,
        sibling: Option<usize>,
    ) -> Option<(usize, NodeKind)> {
        if !m.list_item {
            return None;
        }
        // the next number of a list nested by indentation, at its indentation
        let nested = (1..self.stack.len())
            .rev()
            .find(|&j| self.open[j].indent.by_indent);
        if let Some(j) = nested {
            let node = &self.nodes[self.stack[j].index()];
            let key = indent::nested_key(&m.key, node.kind);
            if self.col < self.open[j].indent.content
                && is_successor(indent::style_of(node.kind), &node.key, &key)
            {
                return Some((j - 1, node.kind));
            }
        }
        // inside an item: indented to its content, or (a list that starts
        // afresh, `7. ... the following:` then ` 1. A national inventory`)
        // indented past its marker
        let restarts = m.key.as_str() == "1";
        let holder = (1..self.stack.len()).rev().find(|&j| {
            let ind = self.open[j].indent;
            self.nodes[self.stack[j].index()].kind.is_subdivision()
                && ind.list_item
                && (self.col >= ind.content || (restarts && self.col > ind.marker))
        })?;
        let top = self.stack.len() - 1;
        // an unnumbered block stands at the level of what holds it
        let top_kind = (0..=top)
            .rev()
            .map(|j| self.nodes[self.stack[j].index()].kind)
            .find(|&k| k != NodeKind::Alinea)
            .unwrap_or(NodeKind::Document);
        let too_shallow = match sibling {
            Some(j) => j <= holder,
            None => style_kind(style).subdivision_depth() <= top_kind.subdivision_depth(),
        };
        too_shallow.then(|| (top, indent::kind_below(top_kind)))
    }

    /// Closes the elements nested by indentation that a line indented less
    /// than their list item's content leaves (after a blank line, or at a
    /// new label).
    fn close_by_indent(&mut self) {
        let leaves = (1..self.stack.len()).find(|&j| {
            let ind = self.open[j].indent;
            ind.by_indent
                && self
                    .parent_content(j)
                    .is_none_or(|c| self.col < c.min(ind.marker))
        });
        if let Some(j) = leaves {
            while self.stack.len() > j {
                self.pop();
            }
        }
    }

    /// Where the content of the list item holding the element at stack
    /// position `j` starts (its parent is the element below it).
    fn parent_content(&self, j: usize) -> Option<usize> {
        let ind = self.open[j.checked_sub(1)?].indent;
        ind.list_item.then_some(ind.content)
    }

    /// The key of the next label line within a few lines.
    fn next_label_key(&self) -> Option<Key> {
        let after = self.line_no + 1;
        for line in (after..after + 40).map_while(|j| self.lines.get(j)) {
            self.saw(line);
            let raw = &self.text[line.start..line.end];
            let t = raw.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with('#') {
                return None;
            }
            let start = line.start + (raw.len() - raw.trim_start().len());
            if let Some(m) = self.label(start, start + t.len()) {
                return Some(m.key);
            }
        }
        None
    }

    fn accept_label(&self, m: &LabelMatch, block_start: bool) -> bool {
        let Some(Placement {
            style,
            sibling,
            nested,
        }) = self.place_label(m)
        else {
            return false;
        };
        if block_start || self.prev_ends_sentence() || self.prev_ends_with_conjunction {
            return true;
        }
        // after an unfinished line: only the next label of an open list, or
        // the first of a new one
        if let Some((parent, kind)) = nested {
            let key = indent::nested_key(&m.key, kind);
            return is_first(indent::style_of(kind), &key)
                || self.nodes[self.stack[parent].index()]
                    .children
                    .last()
                    .is_some_and(|&c| {
                        is_successor(indent::style_of(kind), &self.nodes[c.index()].key, &key)
                    });
        }
        match sibling {
            Some(j) => is_successor(style, &self.nodes[self.stack[j].index()].key, &m.key),
            None => is_first(style, &m.key),
        }
    }

    fn open_label(&mut self, m: LabelMatch, line_end: usize) {
        self.close_by_indent();
        let Some(Placement {
            style,
            sibling,
            nested,
        }) = self.place_label(&m)
        else {
            return;
        };
        self.pending_title = None;
        let indent = ListIndent {
            list_item: m.list_item,
            marker: self.col,
            content: m.content_col,
            by_indent: nested.is_some(),
        };
        if let Some((parent, kind)) = nested {
            while self.stack.len() > parent + 1 {
                self.pop();
            }
            let key = indent::nested_key(&m.key, kind);
            self.push_label(kind, indent::style_of(kind), key, &m, line_end);
            self.open.last_mut().unwrap().indent = indent;
            return;
        }
        // labels never open inside a heading-only node of another kind
        match sibling {
            Some(j) => {
                while self.stack.len() > j {
                    self.pop();
                }
            }
            None => {
                // pop testimonium: labelled text after it belongs to the container
                if self.top_kind() == NodeKind::Testimonium {
                    self.pop();
                }
                // a resolution's recitals are not numbered and it has no
                // articles: its first numbered paragraph is operative
                if self.top_kind() == NodeKind::Preamble
                    && matches!(style, LabelStyle::Decimal | LabelStyle::ParenDecimal)
                    && is_first(style, &m.key)
                    && self.in_resolution()
                {
                    self.pop();
                }
            }
        }
        let key = m.key.clone();
        self.push_label(style_kind(style), style, key, &m, line_end);
        self.open.last_mut().unwrap().indent = indent;
    }

    fn push_label(
        &mut self,
        kind: NodeKind,
        style: LabelStyle,
        key: Key,
        m: &LabelMatch,
        line_end: usize,
    ) {
        let has_text = !self.text[m.label.end..line_end].trim().is_empty();
        self.push(Node {
            kind,
            label: self.text[m.label.clone()].into(),
            key,
            heading: None,
            span: m.label.start..line_end,
            label_span: m.label.clone(),
            number_span: Some(m.number.clone()),
            heading_span: None,
            style: Some(style),
            parent: None,
            children: vec![],
        });
        self.open.last_mut().unwrap().has_text = has_text;
    }

    /// Opens the element `h` heads; `md_level` is its Markdown heading
    /// level, `None` on a plain line.
    fn open_heading(&mut self, h: HeadMatch, md_level: Option<usize>, line_end: usize) {
        let kind = match h.kind {
            HeadKind::Article => NodeKind::Article,
            HeadKind::Division(k) => k,
            HeadKind::Annex => annex_kind(&self.text[h.label.clone()]),
        };
        match h.kind {
            HeadKind::Article => {
                self.pop_while(|k| !k.is_division() && !k.is_container());
            }
            HeadKind::Division(k) => {
                self.pop_while(|k| !k.is_division() && !k.is_container());
                let depth = self.division_depth();
                match self.division_depths.iter().find(|(dk, _)| *dk == k) {
                    Some(&(_, d)) => {
                        let mut cur = depth;
                        while cur >= d && self.top_kind().is_division() {
                            self.pop();
                            cur -= 1;
                        }
                    }
                    None => self.division_depths.push((k, depth + 1)),
                }
            }
            HeadKind::Annex => {
                // an appendix inside an annex or schedule nests in it (unless
                // its Markdown heading is shallower); an annex or schedule
                // closes whatever annex or appendix is open
                let open_annex = (0..self.stack.len()).rposition(|j| {
                    let annex_level = self.open[j].heading_level;
                    self.nodes[self.stack[j].index()].kind == NodeKind::Annex
                        && !md_level.is_some_and(|l| annex_level > 0 && l < annex_level)
                });
                match open_annex {
                    Some(j) if kind == NodeKind::Appendix => {
                        while self.stack.len() > j + 1 {
                            self.pop();
                        }
                    }
                    _ => {
                        self.pop_while(|k| !matches!(k, NodeKind::Document | NodeKind::Instrument))
                    }
                }
                self.division_depths.clear();
            }
        }
        let node = Node {
            kind,
            label: self.text[h.label.clone()].into(),
            key: h.key.into(),
            heading: h.title.clone().map(|t| self.text[t].into()),
            span: h.label.start..line_end,
            label_span: h.label.clone(),
            number_span: h.number,
            heading_span: h.title.clone(),
            style: None,
            parent: None,
            children: vec![],
        };
        let id = self.push(node);
        if let (Some(level), true) = (md_level, kind.is_annex()) {
            self.open.last_mut().unwrap().heading_level = level;
        }
        if h.title.is_none() {
            self.pending_title = Some(id);
        }
    }

    fn open_instrument(&mut self, label: Span, number: Option<Span>, title: Span, line_end: usize) {
        self.pop_while(|k| k != NodeKind::Document);
        self.division_depths.clear();
        let key = number.clone().map_or(String::new(), |n| {
            normalise_key(&self.text[n]).to_uppercase_roman()
        });
        let heading = (title != label).then(|| self.text[title.clone()].to_string());
        let id = self.push(Node {
            kind: NodeKind::Instrument,
            label: self.text[label.clone()].into(),
            key: key.into(),
            heading: Some(
                heading
                    .as_deref()
                    .unwrap_or(&self.text[title.clone()])
                    .into(),
            ),
            span: label.start..line_end,
            label_span: label.clone(),
            number_span: number,
            heading_span: Some(title),
            style: None,
            parent: None,
            children: vec![],
        });
        if heading.is_none() && self.nodes[id.index()].number_span.is_some() {
            // `Resolution I` then its title on the next heading line
            self.nodes[id.index()].heading = None;
            self.nodes[id.index()].heading_span = None;
            self.pending_title = Some(id);
        }
    }

    fn open_preamble(&mut self, word: Span, line_end: usize) {
        self.pop_while(|k| !k.is_container());
        self.pending_title = None;
        self.push(Node {
            kind: NodeKind::Preamble,
            label: self.text[word.clone()].into(),
            key: Key::default(),
            heading: None,
            span: word.start..line_end,
            label_span: word,
            number_span: None,
            heading_span: None,
            style: None,
            parent: None,
            children: vec![],
        });
    }

    fn open_testimonium(&mut self, line: Line) {
        if self.top_kind() == NodeKind::Testimonium {
            self.attach(line.end);
            return;
        }
        self.pop_while(|k| !k.is_container() && !k.is_division());
        self.pop_while(|k| !k.is_container());
        let start = line.start
            + (self.text[line.start..line.end].len()
                - self.text[line.start..line.end].trim_start().len());
        self.push(Node {
            kind: NodeKind::Testimonium,
            label: Key::default(),
            key: Key::default(),
            heading: None,
            span: start..line.end,
            label_span: start..start,
            number_span: None,
            heading_span: None,
            style: None,
            parent: None,
            children: vec![],
        });
    }

    /// Prose: text of the innermost open element. Prose in front of the
    /// first article of an instrument is its preamble.
    fn text_line(&mut self, line: Line) {
        self.pending_title = None;
        self.prev_heading = false;
        if let Some(top) = self.open.last_mut() {
            top.has_text = true;
        }
        let top = self.top_kind();
        if matches!(top, NodeKind::Document | NodeKind::Instrument) && self.in_front_of_body() {
            let start = line.start
                + (self.text[line.start..line.end].len()
                    - self.text[line.start..line.end].trim_start().len());
            self.open_preamble(start..start, line.end);
            return;
        }
        self.attach(line.end);
    }

    fn set_heading(&mut self, id: NodeId, content: Span, line_end: usize) {
        let node = &mut self.nodes[id.index()];
        node.heading = Some(self.text[content.clone()].into());
        node.heading_span = Some(content);
        self.attach(line_end);
    }

    fn attach(&mut self, end: usize) {
        let top = *self.stack.last().unwrap();
        let node = &mut self.nodes[top.index()];
        if end > node.span.end {
            node.span.end = end;
        }
    }

    fn top_kind(&self) -> NodeKind {
        self.nodes[self.stack.last().unwrap().index()].kind
    }

    fn division_depth(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .take_while(|id| !self.nodes[id.index()].kind.is_container())
            .filter(|id| self.nodes[id.index()].kind.is_division())
            .count()
    }

    fn pop_while(&mut self, f: impl Fn(NodeKind) -> bool) {
        while self.stack.len() > 1 && f(self.top_kind()) {
            self.pop();
        }
    }

    fn pop(&mut self) {
        let id = self.stack.pop().unwrap();
        self.open.pop();
        let end = self.nodes[id.index()].span.end;
        if let Some(&parent) = self.stack.last() {
            let p = &mut self.nodes[parent.index()];
            if end > p.span.end {
                p.span.end = end;
            }
        }
        if self.pending_title == Some(id) {
            self.pending_title = None;
        }
    }

    fn push(&mut self, mut node: Node) -> NodeId {
        // every tree walk downstream recurses: a depth the input sets
        // would let it overflow the stack, so deeper elements are siblings
        if self.stack.len() >= MAX_TREE_DEPTH {
            while self.stack.len() >= MAX_TREE_DEPTH {
                self.pop();
            }
            if !self.flattened {
                self.flattened = true;
                self.issues.push(SyntaxIssue {
                    severity: Severity::Warning,
                    code: "nesting-too-deep",
                    message: format!(
                        "elements nested more than {MAX_TREE_DEPTH} levels deep are read as \
                         siblings at that level"
                    ),
                    span: node.label_span.clone(),
                });
            }
        }
        let id = NodeId(self.nodes.len() as u32);
        let parent = *self.stack.last().unwrap();
        node.parent = Some(parent);
        self.nodes[parent.index()].children.push(id);
        self.nodes.push(node);
        self.open.push(Open::default());
        self.stack.push(id);
        id
    }
}

trait UpperRoman {
    fn to_uppercase_roman(self) -> String;
}

impl UpperRoman for String {
    /// Division numbers compare case-insensitively: `Part xi` is `PART XI`.
    fn to_uppercase_roman(self) -> String {
        if roman_value(&self).is_some() {
            self.to_ascii_uppercase()
        } else {
            self
        }
    }
}

/// Cheap test before the heading regexes, which would otherwise read to the
/// end of every long prose line.
fn starts_with_heading_word(text: &str) -> bool {
    let word: &str = text
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .next()
        .unwrap_or("");
    const WORDS: &[&str] = &[
        "article",
        "art",
        "part",
        "chapter",
        "section",
        "subsection",
        "sub-section",
        "title",
        "book",
        "annex",
        "appendix",
        "schedule",
        "annexes",
        "appendices",
        "schedules",
    ];
    word.len() <= 11 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Number,
    Letter,
}

/// A label found at the start of a line, by byte ranges in that line.
#[derive(Debug)]
struct ScannedLabel {
    /// `(a)`, `1.`, `1 -`
    label: Span,
    /// `a`, `1`, `c bis`
    number: Span,
    /// `quinquies` in `(k) quinquies`
    suffix: Option<Span>,
    parenthesised: bool,
    form: Form,
    /// past the label and any closing emphasis
    end: usize,
}

/// A subdivision label at the start of a line: `1.`, `1 -`, `1)`, `(1)`,
/// `(1).`, `(a)`, `a)`, `a.`, `(ii)`, `(c bis)`, `(A)`, `A)`, optionally
/// after a list bullet or emphasis. Hand-written: it runs on every line.
fn scan_label(text: &str) -> Option<ScannedLabel> {
    let b = text.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+' | b'*')) && matches!(b.get(1), Some(b' ' | b'\t')) {
        i = 1;
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
    }
    for m in ["**", "*", "_"] {
        if text[i..].starts_with(m) {
            i += m.len();
            break;
        }
    }
    let start = i;
    let mut found = match *b.get(i)? {
        b'(' => parenthesised_label(text, i)?,
        c if c.is_ascii_digit() => numbered_label(text, i)?,
        c if c.is_ascii_alphabetic() => lettered_label(text, i)?,
        _ => return None,
    };
    found.label = start..found.end;
    for m in ["**", "*", "_"] {
        if text[found.end..].starts_with(m) {
            found.end += m.len();
            break;
        }
    }
    Some(found)
}

/// How many bytes from `from` on satisfy `f`.
fn run(b: &[u8], from: usize, f: fn(u8) -> bool) -> usize {
    b[from..].iter().take_while(|&&c| f(c)).count()
}

/// `(1)`, `(1).`, `(1a)`, `(a)`, `(ii)`, `(A)`, `(c bis)`, `(k) quinquies`,
/// from the parenthesis at `i`.
fn parenthesised_label(text: &str, i: usize) -> Option<ScannedLabel> {
    let b = text.as_bytes();
    let s = i + 1;
    let digits = run(b, s, |c| c.is_ascii_digit());
    let (e, form) = if digits > 0 {
        if digits > 3 {
            return None;
        }
        let e = s + digits;
        // `(5bis)`, `(5 bis)`: an inserted paragraph
        let gap = usize::from(b.get(e) == Some(&b' '));
        let word = run(b, e + gap, |c| c.is_ascii_lowercase());
        if word > 1
            && super::number::is_latin_suffix(&text[e + gap..e + gap + word])
            && b.get(e + gap + word) == Some(&b')')
        {
            (e + gap + word, Form::Number)
        } else {
            let letter = b.get(e).is_some_and(|c| c.is_ascii_lowercase());
            (e + usize::from(letter), Form::Number)
        }
    } else {
        (parenthesised_letters(text, s)?, Form::Letter)
    };
    if b.get(e) != Some(&b')') {
        return None;
    }
    let mut end = e + 1;
    if b.get(end) == Some(&b'.') {
        end += 1;
    }
    let mut suffix = None;
    // `(k) quinquies`: a Latin suffix written after the parenthesis
    if b.get(end) == Some(&b' ') {
        let word_len = run(b, end + 1, |c| c.is_ascii_alphabetic());
        let word = &text[end + 1..end + 1 + word_len];
        let after = b.get(end + 1 + word_len);
        if word_len > 0
            && super::number::is_latin_suffix(word)
            && matches!(after, None | Some(b' ' | b'\t'))
        {
            suffix = Some(end + 1..end + 1 + word_len);
            end += 1 + word_len;
        }
    }
    Some(ScannedLabel {
        label: 0..0,
        number: s..e,
        suffix,
        parenthesised: true,
        form,
        end,
    })
}

/// The letters of a parenthesised label from `s`: one or two letters, a
/// Roman numeral, maybe with a Latin suffix (`c bis`, `cbis`). Where they
/// end.
fn parenthesised_letters(text: &str, s: usize) -> Option<usize> {
    let b = text.as_bytes();
    let letters = run(b, s, |c| c.is_ascii_alphabetic());
    let word = &text[s..s + letters];
    let lower = word.bytes().all(|c| c.is_ascii_lowercase());
    let upper = word.bytes().all(|c| c.is_ascii_uppercase());
    let roman = word.bytes().all(|c| b"ivxlcIVXLC".contains(&c));
    let ok = (1..=2).contains(&letters) && (lower || upper)
        || (letters <= 6 && roman && (lower || upper));
    let e = s + letters;
    // `(c bis)`, `(cbis)`: a Latin suffix
    let rest = &text[e..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let suffix_len = run(b, e + gap, |c| c.is_ascii_alphabetic());
    let suffix = &text[e + gap..e + gap + suffix_len];
    let (whole_ok, whole_end) =
        if suffix_len > 0 && super::number::is_latin_suffix(suffix) && gap <= 1 {
            (
                (1..=2).contains(&letters) && (lower || upper),
                e + gap + suffix_len,
            )
        } else if super::number::split_suffix(word).1.is_empty() {
            (ok, e)
        } else {
            // `(cbis)` read as one word
            let (base, _) = super::number::split_suffix(word);
            ((1..=2).contains(&base.len()), e)
        };
    whole_ok.then_some(whole_end)
}

/// `1.`, `1)`, `1a.`, `1 -`, from the digit at `i`; not `1.1`.
fn numbered_label(text: &str, i: usize) -> Option<ScannedLabel> {
    let b = text.as_bytes();
    let digits = run(b, i, |c| c.is_ascii_digit());
    if digits > 3 {
        return None;
    }
    let mut e = i + digits;
    if b.get(e).is_some_and(|c| c.is_ascii_lowercase()) && matches!(b.get(e + 1), Some(b'.' | b')'))
    {
        e += 1;
    }
    // `1 bis.`, `8ter.`, `4 *ter*.`: an inserted paragraph
    let mut suffix = None;
    {
        let gap = usize::from(b.get(e) == Some(&b' '));
        let emph = run(b, e + gap, |c| c == b'*' || c == b'_');
        let word = run(b, e + gap + emph, |c| c.is_ascii_lowercase());
        let at = e + gap + emph;
        let close = run(b, at + word, |c| c == b'*' || c == b'_');
        if word > 0
            && close == emph
            && super::number::is_latin_suffix(&text[at..at + word])
            && matches!(b.get(at + word + close), Some(b'.' | b')'))
        {
            suffix = Some(at..at + word);
            e = at + word + close;
        }
    }
    let end = match b.get(e) {
        Some(b'.' | b')') => e + 1,
        Some(b' ' | b'\t') => {
            // `1 -`, `1 –`
            let rest = &text[e..];
            let t = rest.trim_start_matches([' ', '\t']);
            let dash = ['-', '–', '—'].into_iter().find(|d| t.starts_with(*d))?;
            e + (rest.len() - t.len()) + dash.len_utf8()
        }
        _ => return None,
    };
    // `1.1` is a decimal, not a label
    if b.get(end - 1) == Some(&b'.') && b.get(end).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let number_end = suffix.as_ref().map_or(e, |_| i + digits);
    Some(ScannedLabel {
        label: 0..0,
        number: i..number_end,
        suffix,
        parenthesised: false,
        form: Form::Number,
        end,
    })
}

/// `a)`, `a.`, `iv)`, `ii.`, `A)`, `IV)`, from the letter at `i`.
fn lettered_label(text: &str, i: usize) -> Option<ScannedLabel> {
    let b = text.as_bytes();
    let upper = b[i].is_ascii_uppercase();
    let (letters, roman): (usize, &[u8]) = if upper {
        (run(b, i, |c| c.is_ascii_uppercase()), b"IVX")
    } else {
        (run(b, i, |c| c.is_ascii_lowercase()), b"ivx")
    };
    let word = &text[i..i + letters];
    let ok = letters == 1 || (letters <= 5 && word.bytes().all(|c| roman.contains(&c)));
    let closed = match b.get(i + letters) {
        Some(b')') => true,
        Some(b'.') => !upper,
        _ => false,
    };
    if !ok || !closed {
        return None;
    }
    Some(ScannedLabel {
        label: 0..0,
        number: i..i + letters,
        suffix: None,
        parenthesised: false,
        form: Form::Letter,
        end: i + letters + 1,
    })
}

/// Is `next` the label after `prev` in a list of this style?
pub(crate) fn is_successor(style: LabelStyle, prev: &str, next: &str) -> bool {
    use super::number::{ordinal, split_suffix};
    let (pb, _) = split_suffix(prev);
    let (nb, ns) = split_suffix(next);
    // `5bis` after `5`, and `6` after `5bis`
    if !ns.is_empty() && pb == nb {
        return true;
    }
    match style {
        LabelStyle::Decimal | LabelStyle::ParenDecimal => match (ordinal(prev), ordinal(next)) {
            (Some(a), Some(b)) => b.0 == a.0 + 1 || (b.0 == a.0 && b > a),
            _ => false,
        },
        LabelStyle::LowerRoman | LabelStyle::UpperRoman => {
            match (roman_value(pb), roman_value(nb)) {
                (Some(a), Some(b)) => b == a + 1,
                _ => false,
            }
        }
        _ => is_next_letter(pb, nb),
    }
}

/// Whether a line can open a block of text of its own: it starts as a
/// sentence does (a capital, maybe after an opening quote), not as a list
/// item or indent (`-`, `—`, `•`) does.
fn starts_alinea(line: &str) -> bool {
    let t = line.trim_start_matches(['“', '‘', '"', '\'', '«', ' ']);
    t.chars().next().is_some_and(char::is_uppercase)
}

/// The deepest the tree goes (the root is level 1): far beyond any
/// drafting, and shallow enough for every recursive walk of the tree
/// (outline, conversion, serialisation) on any thread's stack, and for
/// clients whose JSON reader stops at 128 levels of nesting (serde_json's
/// default, as in Helix): an outline level is an object and an array.
pub const MAX_TREE_DEPTH: usize = 48;

/// The most text between two checkpoints of the structure parser, but for
/// lack of headings.
const CHECKPOINT_REACH: usize = 32 * 1024;

/// How many lines quoted provisions may run before their closing
/// quotation mark; further, the opening mark is taken for something else.
const QUOTE_REACH: usize = 400;

/// Whether a line ends a quotation: its text ends in a closing mark,
/// maybe followed by `;`, `.`, `,` or `; and` (`(b) second point.’;`).
fn closes_quotation(line: &str) -> bool {
    let mut t = line.trim_end();
    // a footnote after the mark: `...guidelines.”[^1]`
    while let Some(open) = t.strip_suffix(']').and_then(|r| r.rfind("[^")) {
        t = t[..open].trim_end();
    }
    let t = t
        .strip_suffix(" and")
        .or_else(|| t.strip_suffix(" or"))
        .unwrap_or(t)
        .trim_end_matches([';', '.', ',', ' ']);
    t.ends_with(['’', '”', '»', '\'', '"'])
}

/// The kind an annex-family heading opens: `Appendix`, `Appendices I and
/// II` an appendix; `Annex`, `Schedule` an annex.
fn annex_kind(label: &str) -> NodeKind {
    let word = label.split_whitespace().next().unwrap_or("");
    if word.len() >= 8 && word.as_bytes()[..8].eq_ignore_ascii_case(b"appendix")
        || word.eq_ignore_ascii_case("appendices")
    {
        NodeKind::Appendix
    } else {
        NodeKind::Annex
    }
}

/// How much of `rest` (after the first number of `Appendices I`) lists
/// further numbers: `, II and III`.
fn plural_numbers(rest: &str) -> usize {
    static MORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|to|&)[ \t]+)(?:\d+|[IVXLC]+|[A-Z])\b)+")
            .unwrap()
    });
    MORE.find(rest).map_or(0, |m| m.end())
}

/// A line of page furniture above a title: an Official Journal header
/// (`4.5.2016 EN Official Journal of the European Union L 119/1`, `L
/// 119/1`), a date, a page number, a language code, a heading of the
/// journal (`I (Legislative acts)`, `REGULATIONS`).
fn is_publication_noise(line: &str) -> bool {
    static NOISE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:.*official journal.*|[LC][ \t]*\d{1,4}/\d{1,4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,4}|[A-Z]{2}|page[ \t]+\d+(?:[ \t]+of[ \t]+\d+)?|[IVX]{1,4}[ \t]+\((?:legislative|non-legislative)[^)]*\)|regulations|directives|decisions|recommendations)$",
        )
        .unwrap()
    });
    NOISE.is_match(line.trim())
}

/// The kind a label's style gives: `1.` a paragraph, `(a)` a point, `(i)`
/// an item, deeper styles a subitem.
fn style_kind(style: LabelStyle) -> NodeKind {
    match style {
        LabelStyle::Decimal | LabelStyle::ParenDecimal => NodeKind::Paragraph,
        LabelStyle::LowerAlpha => NodeKind::Subparagraph,
        LabelStyle::LowerRoman => NodeKind::Item,
        _ => NodeKind::Subitem,
    }
}

fn is_first(style: LabelStyle, key: &str) -> bool {
    match style {
        LabelStyle::Decimal | LabelStyle::ParenDecimal => key == "1",
        LabelStyle::LowerAlpha | LabelStyle::DoubleAlpha => key == "a" || key == "aa",
        LabelStyle::UpperAlpha => key == "A",
        LabelStyle::LowerRoman => key == "i",
        LabelStyle::UpperRoman => key == "I",
    }
}

#[cfg(test)]
mod tests {
    use super::{
        article_head, division_head, md_heading, scan_label, starts_with_heading_word,
        trim_emphasis, ARTICLE_HEAD, DIVISION_HEAD,
    };

    #[test]
    fn trim_emphasis_of_a_blank_span_is_empty_not_crossed() {
        for (text, want) in [
            ("   ", 3..3),
            ("x \u{2003}\u{3000} y", 9..9),
            (" **a** ", 3..4),
            ("* *", 2..2),
            ("__", 1..1),
            ("", 0..0),
        ] {
            let span = if text.starts_with('x') {
                1..text.len() - 1
            } else {
                0..text.len()
            };
            assert_eq!(trim_emphasis(text, span), want, "{text:?}");
        }
    }

    /// Every combination of heading words, gaps, numbers, suffixes and
    /// what follows: the hand-read groups equal the regexes' captures.
    #[test]
    fn heading_groups_read_as_the_regex_captures_them() {
        let words = [
            "Article",
            "ARTICLE",
            "article",
            "ArTiCle",
            "Art.",
            "ART.",
            "ART",
            "Art",
            "art.",
            "Part",
            "PART",
            "part",
            "Chapter",
            "CHAPTER",
            "Section",
            "SUB-SECTION",
            "Subsection",
            "sub-section",
            "Title",
            "TITLE",
            "Book",
            "Annex",
            "ANNEX",
            "Appendix",
            "Schedule",
        ];
        let gaps = ["", " ", "\t", "  \t ", ".", ". ", "-", " - "];
        let numbers = [
            "",
            "5",
            "48",
            "93bis",
            "3 bis",
            "11ter",
            "7-quater",
            "5a",
            "5ab",
            "12A",
            "IV",
            "XIV",
            "IVa",
            "A",
            "Ab",
            "one",
            "Two",
            "SIX",
            "sixty",
            "0",
            "5_",
            "٣",
            "5٣",
            "Ⅻ",
            "5 biſ",
            "5 terdecies",
            "5 ter2",
            "5é",
            "IC",
        ];
        let tails = [
            "",
            " ",
            ". Title",
            " - Scope",
            " – Scope",
            ":",
            "é",
            "_",
            "(1)",
            "\u{a0}x",
        ];
        let mut n = 0;
        for w in words {
            for g in gaps {
                for num in numbers {
                    for t in tails {
                        let text = format!("{w}{g}{num}{t}");
                        if !starts_with_heading_word(&text) {
                            continue;
                        }
                        n += 1;
                        let want = ARTICLE_HEAD
                            .captures(&text)
                            .map(|c| c.name("num").unwrap().range());
                        assert_eq!(article_head(&text), want, "article {text:?}");
                        if want.is_some() {
                            continue; // the article regex is asked first
                        }
                        let want = DIVISION_HEAD.captures(&text).map(|c| {
                            (
                                c.name("word").unwrap().range(),
                                c.name("num").map(|m| m.range()),
                                c.get(0).unwrap().end(),
                            )
                        });
                        assert_eq!(division_head(&text), want, "division {text:?}");
                    }
                }
            }
        }
        assert!(n > 20_000, "{n} combinations");
    }

    #[test]
    fn md_heading_reads_as_the_regex_did() {
        let re = regex::Regex::new(r"^ {0,3}(#{1,6})(?:[ \t]+|$)").unwrap();
        for t in [
            "# A",
            "## B",
            "###### C",
            "####### D",
            "#",
            "##",
            "#x",
            "#\tT",
            "#  \t T ##",
            "  ## X",
            "    # X",
            "### ",
            "#######",
            "#é",
            "##\u{a0}x",
            "",
        ] {
            let want = re
                .captures(t)
                .map(|c| (c[1].len(), c.get(0).unwrap().end()));
            assert_eq!(md_heading(t), want, "{t:?}");
        }
    }

    fn label(text: &str) -> Option<(String, String, bool)> {
        scan_label(text).map(|l| {
            (
                text[l.label].to_string(),
                text[l.number].to_string(),
                l.parenthesised,
            )
        })
    }

    #[test]
    fn label_forms() {
        let some = |l: &str, n: &str, p: bool| Some((l.to_string(), n.to_string(), p));
        assert_eq!(label("1. Text"), some("1.", "1", false));
        assert_eq!(label("12 - Text"), some("12 -", "12", false));
        assert_eq!(label("3) Text"), some("3)", "3", false));
        assert_eq!(label("(1). Text"), some("(1).", "1", true));
        assert_eq!(label("(a) Text"), some("(a)", "a", true));
        assert_eq!(label("(iv) Text"), some("(iv)", "iv", true));
        assert_eq!(label("(c bis) Text"), some("(c bis)", "c bis", true));
        assert_eq!(
            label("(k) quinquies Text"),
            some("(k) quinquies", "k", true)
        );
        assert_eq!(label("(aa) Text"), some("(aa)", "aa", true));
        assert_eq!(label("(A) Text"), some("(A)", "A", true));
        assert_eq!(label("a) Text"), some("a)", "a", false));
        assert_eq!(label("a.promoting"), some("a.", "a", false));
        assert_eq!(label("ii. Text"), some("ii.", "ii", false));
        assert_eq!(label("B) Text"), some("B)", "B", false));
        assert_eq!(label("- (b) Text"), some("(b)", "b", true));
        assert_eq!(label("**(b)** Text"), some("(b)", "b", true));
        assert_eq!(label("5a. Text"), some("5a.", "5a", false));
        // not labels
        assert_eq!(label("1.1 Text"), None);
        assert_eq!(label("1966 was"), None);
        assert_eq!(label("(the) text"), None);
        assert_eq!(label("Each State"), None);
        assert_eq!(label("No. 5"), None);
        assert_eq!(label("(1234) x"), None);
    }
}
