//! Markdown list indentation: where a list item's content starts, and the
//! level an ordered list nested by indentation stands for.
//!
//! Markdown nests a list by indenting it under an item's content, whatever
//! its numbers: `1. ... including by:` then `    1. Holding ...` is the
//! first point of paragraph 1, published as `(a)`. The structure parser
//! keeps one [`ListIndent`] per element to tell such a nested item from a
//! second paragraph 1.

use super::number::{ordinal, to_roman};
use super::tree::{Key, LabelStyle, NodeKind};

/// How a label line was indented, for elements opened by one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ListIndent {
    /// The label line is a Markdown list item (`1.`, `1)`, a bullet): lines
    /// indented to its content belong to it.
    pub list_item: bool,
    /// Column of the label (its bullet, when it has one).
    pub marker: usize,
    /// Column where the item's content starts (tabs count to the next
    /// multiple of four, as CommonMark counts them).
    pub content: usize,
    /// The element is one level below its parent because of its indentation,
    /// not because of its label style.
    pub by_indent: bool,
}

/// The column of byte `at` in `line` (which starts at a line start).
pub(crate) fn column(line: &str, at: usize) -> usize {
    let mut col = 0;
    for b in line.as_bytes().iter().take(at) {
        col = if *b == b'\t' {
            col + 4 - col % 4
        } else {
            col + 1
        };
    }
    col
}

/// The indentation of `line` in columns.
pub(crate) fn indentation(line: &str) -> usize {
    let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
    column(line, lead)
}

/// Whether a label line is a Markdown list item: an ordered-list marker
/// (`1.`, `1)`: one to nine digits) or a bullet (`-`, `+`, `*`) before the
/// label. `(1)`, `(a)` and `a.` are text to a Markdown renderer.
pub(crate) fn is_list_item(line_from_label: &str, written_label: &str) -> bool {
    let b = line_from_label.as_bytes();
    let bullet = matches!(b.first(), Some(b'-' | b'+' | b'*')) && matches!(b.get(1), Some(b' '));
    let digits = written_label.trim_end_matches(['.', ')']);
    let ordered = written_label.len() == digits.len() + 1
        && (1..=9).contains(&digits.len())
        && digits.bytes().all(|c| c.is_ascii_digit());
    bullet || ordered
}

/// Where the content of a list item starts: the first character after the
/// label, or one column past the label when nothing follows it (CommonMark:
/// an item that begins blank, or with five spaces or more, counts one).
pub(crate) fn content_column(line: &str, label_end: usize) -> usize {
    let rest = &line[label_end.min(line.len())..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let end_col = column(line, label_end);
    if rest.trim().is_empty() || column(line, label_end + gap) - end_col > 4 {
        end_col + 1
    } else {
        column(line, label_end + gap)
    }
}

/// The level below `parent` for an item nested in it by indentation.
pub(crate) fn kind_below(parent: NodeKind) -> NodeKind {
    match parent {
        NodeKind::Paragraph => NodeKind::Subparagraph,
        NodeKind::Subparagraph => NodeKind::Item,
        NodeKind::Item | NodeKind::Subitem => NodeKind::Subitem,
        _ => NodeKind::Paragraph,
    }
}

/// The label style of `kind` as treaties print it: points `(a)`, items
/// `(i)`, subitems `(A)`.
pub(crate) fn style_of(kind: NodeKind) -> LabelStyle {
    match kind {
        NodeKind::Subparagraph => LabelStyle::LowerAlpha,
        NodeKind::Item => LabelStyle::LowerRoman,
        NodeKind::Subitem => LabelStyle::UpperAlpha,
        _ => LabelStyle::Decimal,
    }
}

/// The key a nested item gets at `kind`: its written number in that level's
/// style (`2.` nested in a paragraph is point `b`, in a point item `ii`); a
/// key already written in letters is kept.
pub(crate) fn nested_key(written: &str, kind: NodeKind) -> Key {
    let Some((n, 0, letter)) = ordinal(written) else {
        return written.into();
    };
    if !letter.is_empty() || !written.bytes().all(|c| c.is_ascii_digit()) || n == 0 {
        return written.into();
    }
    match kind {
        NodeKind::Subparagraph => letters(n, b'a'),
        NodeKind::Item => to_roman(n).into(),
        NodeKind::Subitem => letters(n, b'A'),
        _ => written.into(),
    }
}

/// `1` -> `a`, `26` -> `z`, `27` -> `aa`: letters as lettered lists run on.
fn letters(n: u32, a: u8) -> Key {
    let letter = (a + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_tabs_to_the_next_stop() {
        assert_eq!(indentation("    1. x"), 4);
        assert_eq!(indentation("\t1. x"), 4);
        assert_eq!(indentation("  \t1. x"), 4);
        assert_eq!(indentation("1. x"), 0);
    }

    #[test]
    fn list_items_are_what_markdown_lists() {
        assert!(is_list_item("1. Holding", "1."));
        assert!(is_list_item("12) Holding", "12)"));
        assert!(is_list_item("- (a) text", "(a)"));
        assert!(is_list_item("* a. text", "a."));
        assert!(!is_list_item("(1) text", "(1)"));
        assert!(!is_list_item("a. text", "a."));
        assert!(!is_list_item("1 - text", "1 -"));
    }

    #[test]
    fn content_starts_after_the_marker() {
        assert_eq!(content_column("1. Holding", 2), 3);
        assert_eq!(content_column("10.  Holding", 3), 5);
        assert_eq!(content_column("1.", 2), 3);
        assert_eq!(content_column("1.      code", 2), 3);
    }

    #[test]
    fn nested_keys_follow_the_level() {
        assert_eq!(nested_key("1", NodeKind::Subparagraph), "a");
        assert_eq!(nested_key("3", NodeKind::Subparagraph), "c");
        assert_eq!(nested_key("27", NodeKind::Subparagraph), "aa");
        assert_eq!(nested_key("4", NodeKind::Item), "iv");
        assert_eq!(nested_key("2", NodeKind::Subitem), "B");
        assert_eq!(nested_key("b", NodeKind::Item), "b");
        assert_eq!(nested_key("5a", NodeKind::Subparagraph), "5a");
    }
}
