//! Positions as the client counts them: line and character in the
//! negotiated encoding (UTF-8 bytes, UTF-16 code units or UTF-32 code
//! points), against byte offsets. Out-of-range positions are clamped, never
//! an error: a line past the end is the end of the text, a character past
//! the end of its line is the end of the line.

use crate::syntax::lines::Line;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// Chooses from what the client offers: UTF-8 when offered (no
    /// conversion at all), else UTF-16 (the default every client supports),
    /// UTF-32 only when it is all the client offers.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or(&[]);
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF16) || offered.is_empty() {
            Encoding::Utf16
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// Code units in `s`, by counting bytes (lines of legal text run to
    /// thousands of characters; this loop vectorises, a `chars()` walk does not).
    fn count(self, s: &str) -> u32 {
        let b = s.as_bytes();
        let n = match self {
            Encoding::Utf8 => b.len(),
            // one unit per character: every byte but continuation bytes
            Encoding::Utf32 => b.iter().filter(|&&x| (x & 0xC0) != 0x80).count(),
            // and one more for characters outside the BMP (4-byte sequences)
            Encoding::Utf16 => b
                .iter()
                .map(|&x| ((x & 0xC0) != 0x80) as usize + (x >= 0xF0) as usize)
                .sum(),
        };
        n as u32
    }

    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// A text and its lines, for converting positions.
pub struct LineMap<'a> {
    pub text: &'a str,
    pub lines: &'a [Line],
    pub encoding: Encoding,
    /// The last position made: (byte offset, line, units from the line's
    /// start). Answers come in text order (diagnostics, tokens), so the
    /// next one on the same line counts from here: a megabyte-long line
    /// costs one pass, not one per position.
    last: std::cell::Cell<(usize, usize, u32)>,
}

impl<'a> LineMap<'a> {
    pub fn new(text: &'a str, lines: &'a [Line], encoding: Encoding) -> LineMap<'a> {
        LineMap {
            text,
            lines,
            encoding,
            last: std::cell::Cell::new((usize::MAX, 0, 0)),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let text = self.text;
        let offset = crate::syntax::lines::floor_char_boundary(text, offset.min(text.len()));
        if self.lines.is_empty() {
            return Position::new(0, 0);
        }
        let i = self
            .lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1);
        let line = self.lines[i];
        if offset >= line.next && line.next > line.end {
            // past the last line break: the empty last line
            return Position::new(i as u32 + 1, 0);
        }
        let end = offset.min(line.end);
        let (at, at_line, units) = self.last.get();
        let units = if at_line == i && at <= end && at >= line.start {
            units + self.encoding.count(&text[at..end])
        } else {
            self.encoding.count(&text[line.start..end])
        };
        self.last.set((end, i, units));
        Position::new(i as u32, units)
    }

    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(l) = self.lines.get(line) else {
            return self.text.len();
        };
        let mut units = 0;
        for (i, c) in self.text[l.start..l.end].char_indices() {
            if units >= pos.character {
                return l.start + i;
            }
            units += self.encoding.units(c);
            if units > pos.character {
                // inside a character (half a surrogate pair): its start
                return l.start + i;
            }
        }
        l.end
    }
}

/// The char index in `rope` of a client position, clamped.
pub fn rope_char(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let mut units = 0;
    for (i, c) in rope.line(line).chars().enumerate() {
        if c == '\n' || c == '\r' || units >= pos.character {
            return start + i;
        }
        units += encoding.units(c);
        if units > pos.character {
            return start + i;
        }
    }
    start + rope.line(line).len_chars()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::lines::split_lines;

    fn map(text: &str, encoding: Encoding) -> (Vec<Line>, Encoding) {
        (split_lines(text), encoding)
    }

    #[test]
    fn round_trips_in_every_encoding() {
        let text = "a😀é\r\nb\u{301}c\rlast\n";
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let (lines, enc) = map(text, enc);
            let m = LineMap::new(text, &lines, enc);
            for (offset, _) in text
                .char_indices()
                .chain(std::iter::once((text.len(), ' ')))
            {
                let p = m.position(offset);
                let back = m.offset(p);
                // offsets inside a line break map to the line end
                let line = &lines[lines
                    .partition_point(|l| l.start <= offset)
                    .saturating_sub(1)];
                if offset <= line.end || offset == text.len() {
                    assert_eq!(back, offset, "{enc:?} {offset} {p:?}");
                }
            }
        }
    }

    #[test]
    fn characters_count_in_the_encoding() {
        let text = "x😀y";
        let lines = split_lines(text);
        let y = text.find('y').unwrap();
        let pos = |e| LineMap::new(text, &lines, e).position(y).character;
        assert_eq!(pos(Encoding::Utf8), 5);
        assert_eq!(pos(Encoding::Utf16), 3);
        assert_eq!(pos(Encoding::Utf32), 2);
        // half a surrogate pair lands on the emoji's start
        let m = LineMap::new(text, &lines, Encoding::Utf16);
        assert_eq!(m.offset(Position::new(0, 2)), 1);
    }

    #[test]
    fn clamps_out_of_range() {
        let text = "ab\ncd";
        let lines = split_lines(text);
        let m = LineMap::new(text, &lines, Encoding::Utf16);
        assert_eq!(m.offset(Position::new(0, 99)), 2);
        assert_eq!(m.offset(Position::new(99, 0)), text.len());
        let rope = Rope::from_str(text);
        assert_eq!(rope_char(&rope, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(rope_char(&rope, Position::new(7, 1), Encoding::Utf16), 5);
    }

    #[test]
    fn rope_lines_break_like_lsp() {
        let rope = Rope::from_str("a\rb\r\nc\u{2028}d");
        // LF, CR and CRLF break lines; U+2028 does not
        assert_eq!(rope.len_lines(), 3);
        assert_eq!(rope_char(&rope, Position::new(2, 2), Encoding::Utf16), 7);
    }
}
