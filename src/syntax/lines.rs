//! Lines as the LSP specification counts them: LF, CRLF and a lone CR all
//! end a line.

use memchr::memchr2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character, before the line break.
    pub end: usize,
    /// Byte offset of the next line (past the line break).
    pub next: usize,
}

/// Splits `text` into lines; a final line without a break is included,
/// an empty text has no lines.
pub fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    while let Some(line) = line_at(text, start) {
        start = line.next;
        lines.push(line);
    }
    // the guess above is for short lines; a draft's are longer, and its
    // lines are kept as long as its parse (given back in place, not copied)
    lines.shrink_to_fit();
    lines
}

/// The lines of `new`, which `edit` made from a text split into `old`:
/// the old lines that end before the edit, the text split again from there
/// until a line starts where an old one did (moved by the edit), and the
/// old lines from that one on, moved. A line depends only on the text
/// from its start, so past the edit an old line start is a sure place to
/// stop.
pub fn split_after_edit(old: &[Line], new: &str, edit: &super::incremental::Edit) -> Vec<Line> {
    // a line whose break touches the edit may change (a CR gaining an LF)
    let kept = old.partition_point(|l| l.next < edit.start);
    let mut lines = Vec::with_capacity(old.len() + 1);
    lines.extend_from_slice(&old[..kept]);
    let mut later = old[kept..].iter().peekable();
    let mut start = lines.last().map_or(0, |l| l.next);
    while let Some(line) = line_at(new, start) {
        if line.start >= edit.new_end {
            let old_start = line.start - edit.new_end + edit.old_end;
            while later.next_if(|l| l.start < old_start).is_some() {}
            if later.peek().is_some_and(|l| l.start == old_start) {
                let moved = |l: &Line| Line {
                    start: l.start - edit.old_end + edit.new_end,
                    end: l.end - edit.old_end + edit.new_end,
                    next: l.next - edit.old_end + edit.new_end,
                };
                lines.extend(later.map(moved));
                return lines;
            }
        }
        start = line.next;
        lines.push(line);
    }
    lines
}

/// The line that starts at `start`, if the text goes on there.
fn line_at(text: &str, start: usize) -> Option<Line> {
    let bytes = text.as_bytes();
    if start >= bytes.len() {
        return None;
    }
    Some(match memchr2(b'\n', b'\r', &bytes[start..]) {
        Some(i) => {
            let end = start + i;
            let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
            Line {
                start,
                end,
                next: end + 1 + usize::from(crlf),
            }
        }
        None => Line {
            start,
            end: bytes.len(),
            next: bytes.len(),
        },
    })
}

/// The lines of a text from one of them on (numbered from the text's
/// start), split as they are asked for: a parse resumed in the middle of a
/// long text, which stops soon after, splits only what it reads.
pub struct LinesFrom<'t> {
    text: &'t str,
    /// the number of the first line kept
    first: usize,
    lines: std::cell::RefCell<Vec<Line>>,
}

impl<'t> LinesFrom<'t> {
    /// The lines of `text` from line number `first`, which starts at
    /// `offset` (a line start).
    pub fn new(text: &'t str, first: usize, offset: usize) -> LinesFrom<'t> {
        let lines = line_at(text, offset).into_iter().collect();
        LinesFrom {
            text,
            first,
            lines: std::cell::RefCell::new(lines),
        }
    }

    /// Line number `i`, if the text has it (and it is not before the first).
    pub fn get(&self, i: usize) -> Option<Line> {
        let k = i.checked_sub(self.first)?;
        if let Some(&line) = self.lines.borrow().get(k) {
            return Some(line);
        }
        let mut lines = self.lines.borrow_mut();
        // a batch at a time: one borrow for many lines
        let target = k.max(lines.len() + 63);
        while lines.len() <= target {
            let Some(line) = lines.last().and_then(|l| line_at(self.text, l.next)) else {
                break;
            };
            lines.push(line);
        }
        lines.get(k).copied()
    }

    /// How many lines there are before line number `upto`: `upto`, or fewer
    /// where the text ends sooner.
    pub fn count_to(&self, upto: usize) -> usize {
        match upto.checked_sub(1) {
            Some(last) if self.get(last).is_none() => self.first + self.lines.borrow().len(),
            _ => upto,
        }
    }
}

/// Where the line holding `at` starts: just past the line break before it.
pub fn line_start(text: &str, at: usize) -> usize {
    let at = floor_char_boundary(text, at);
    memchr::memrchr2(b'\n', b'\r', &text.as_bytes()[..at]).map_or(0, |i| i + 1)
}

/// Where the line after the one holding `at` starts: past its line break
/// (a CRLF whole), or the end of the text.
pub fn next_line_start(text: &str, at: usize) -> usize {
    line_at(text, line_start(text, at)).map_or(text.len(), |l| l.next)
}

/// Where the line holding `at` ends: at the line break after it, or at the
/// end of the text.
pub fn line_end(text: &str, at: usize) -> usize {
    let at = floor_char_boundary(text, at);
    memchr2(b'\n', b'\r', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i)
}

/// The lines holding `span`, with the line before and the line after
/// them: from the start of the one to the end of the other.
pub fn lines_around(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let first = line_start(text, span.start);
    // the previous line's last character, or the first byte of its break
    let from = line_start(text, first.saturating_sub(2));
    let next = next_line_start(text, line_end(text, span.end));
    from..line_end(text, next)
}

/// How many line breaks `text` holds (a CRLF is one).
pub fn line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| !(bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r'))
        .count()
}

/// The 1-based number of the line holding `offset`, as LSP counts lines
/// (past a final line break is the empty line after it).
pub fn line_number(lines: &[Line], offset: usize) -> usize {
    let i = lines.partition_point(|l| l.next <= offset);
    let unbroken_end = i == lines.len() && lines.last().is_some_and(|l| l.next == l.end);
    i - usize::from(unbroken_end) + 1
}

/// The lines of `text`, without their line breaks (LF, CRLF or a lone CR).
pub fn lines_of(text: &str) -> impl Iterator<Item = &str> + '_ {
    split_lines(text)
        .into_iter()
        .map(move |l| &text[l.start..l.end])
}

/// The line break to write more of a text with: CRLF when it has any, a
/// lone CR when it has no LF at all, else LF.
pub fn newline_of(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"\r\n").is_some() {
        "\r\n"
    } else if memchr::memchr(b'\r', bytes).is_some() && memchr::memchr(b'\n', bytes).is_none() {
        "\r"
    } else {
        "\n"
    }
}

/// Maps byte offsets to line and column for messages.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// On lines longer than [`CHECKPOINT`] bytes, every [`CHECKPOINT`]
    /// bytes: (byte offset, characters from its line's start), so a column
    /// costs a bounded count however long the line (a megabyte pasted as
    /// one line would otherwise make every column a scan of it).
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(split_lines(text).iter().map(|l| l.next));
        if starts.last() == Some(&text.len()) && starts.len() > 1 {
            // keep a start for a trailing empty line only when the text ends with a break
            let ends_with_break = text.ends_with('\n') || text.ends_with('\r');
            if !ends_with_break {
                starts.pop();
            }
        }
        let mut checkpoints = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            let (mut at, mut chars) = (start, 0);
            while end - at > CHECKPOINT {
                let next = floor_char_boundary(text, at + CHECKPOINT);
                chars += text[at..next].chars().count();
                at = next;
                checkpoints.push((at, chars));
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Zero-based line of `offset` (clamped to the text).
    pub fn line(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// One-based line and one-based column counted in characters, as editors
    /// and compilers print them.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line(offset);
        let start = self.starts[line].min(offset);
        // the last checkpoint of this line at or before `offset`
        let i = self.checkpoints.partition_point(|&(b, _)| b <= offset);
        let (from, before) = match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((b, chars)) if b > start => (b, chars),
            _ => (start, 0),
        };
        (line + 1, before + text[from..offset].chars().count() + 1)
    }
}

/// The largest char boundary not after `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The first char boundary at or after `offset` (the text's length past
/// its end).
pub fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From any line on, the lines split as asked for are the text's.
    #[test]
    fn lines_from_a_line_are_the_texts_lines() {
        let text = "a\r\nbb\rccc\n\n".to_string() + &"line\n".repeat(200) + "end";
        let all = split_lines(&text);
        for first in [0, 1, 3, 100, all.len() - 1] {
            let lines = LinesFrom::new(&text, first, all[first].start);
            for i in (first..all.len()).rev() {
                assert_eq!(lines.get(i), Some(all[i]), "line {i} from {first}");
            }
            assert_eq!(lines.get(all.len()), None);
            assert_eq!(lines.count_to(all.len() + 10), all.len());
            assert_eq!(lines.count_to(first + 1), first + 1);
        }
        assert_eq!(LinesFrom::new("", 0, 0).get(0), None);
        assert_eq!(LinesFrom::new("ab", 0, 0).count_to(400), 1);
    }

    proptest::proptest! {
        /// Lines split after an edit from the old ones are the new text's
        /// lines split afresh, whatever breaks the edit adds, removes or
        /// joins (a CR meeting an LF).
        #[test]
        fn lines_after_an_edit_are_the_new_texts_lines(
            old in "[ab\r\n]{0,40}",
            insert in "[ab\r\n]{0,6}",
            at in 0usize..41,
            removed in 0usize..8,
        ) {
            let start = at.min(old.len());
            let old_end = (start + removed).min(old.len());
            let new = format!("{}{insert}{}", &old[..start], &old[old_end..]);
            let edit = super::super::incremental::Edit { start, old_end, new_end: start + insert.len() };
            proptest::prop_assert_eq!(split_after_edit(&split_lines(&old), &new, &edit), split_lines(&new));
        }
    }

    #[test]
    fn the_next_line_starts_past_the_break_a_crlf_whole() {
        let text = "ab\r\ncd\ref\n";
        assert_eq!(next_line_start(text, 0), 4);
        assert_eq!(next_line_start(text, 2), 4); // at the CR
        assert_eq!(next_line_start(text, 3), 4); // between CR and LF
        assert_eq!(next_line_start(text, 4), 7);
        assert_eq!(next_line_start(text, 9), 10);
        assert_eq!(next_line_start(text, 10), 10);
        assert_eq!(next_line_start("", 0), 0);
    }

    #[test]
    fn splits_lf_crlf_and_lone_cr() {
        let lines = split_lines("a\r\nb\rc\nd");
        let texts: Vec<(usize, usize, usize)> =
            lines.iter().map(|l| (l.start, l.end, l.next)).collect();
        assert_eq!(texts, vec![(0, 1, 3), (3, 4, 5), (5, 6, 7), (7, 8, 8)]);
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "é\r\nab😀c";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 4), (2, 1));
        assert_eq!(idx.line_col(text, text.len()), (2, 5));
        // inside a multi-byte character: clamped to its start
        assert_eq!(idx.line_col(text, 7), (2, 3));
    }

    #[test]
    fn line_helpers_count_lf_crlf_and_lone_cr() {
        let text = "a\r\nb\rc\nd";
        assert_eq!(line_breaks(text), 3);
        assert_eq!(line_breaks("x"), 0);
        assert_eq!(lines_of(text).collect::<Vec<_>>(), ["a", "b", "c", "d"]);
        let lines = split_lines(text);
        let numbers: Vec<usize> = (0..=text.len()).map(|o| line_number(&lines, o)).collect();
        assert_eq!(numbers, [1, 1, 1, 2, 2, 3, 3, 4, 4]);
        assert_eq!(line_number(&[], 0), 1);
        assert_eq!(line_number(&split_lines("a\n"), 2), 2);
        assert_eq!((line_start(text, 4), line_end(text, 3)), (3, 4));
        assert_eq!((line_start(text, 0), line_end(text, 8)), (0, 8));
        assert_eq!(newline_of(text), "\r\n");
        assert_eq!(newline_of("a\rb"), "\r");
        assert_eq!(newline_of("a\nb\rc"), "\n");
        assert_eq!(newline_of("ab"), "\n");
        // a stray CR before CRLF line ends: CRLF
        assert_eq!(newline_of("Title\rstray\r\nArticle 1\r\n"), "\r\n");
    }
}
