//! The compilation of proposals: the draft with every stakeholder's
//! proposal inline where it applies, in the drafting convention of square
//! brackets. The words a proposal would change are set off in brackets
//! and the proposal follows in braces, attributed:
//! `[applicable] {Microsoft: delete}`. New elements are inserted in place
//! and marked; deletions of whole elements are marked, not performed;
//! positions without words are noted under their element's heading. The
//! text stays a draft the parser reads: no bracket is set that would
//! cross one the draft has, and headings and labels keep their lines.

use super::super::base::{DocId, Entry, Workspace};
use super::edits::change_edits;
use super::index::draft_entries;
use super::status::{change_status, Status};
use crate::positions::{Change, Edit, ElementLevel};
use crate::syntax::lines::{line_end, line_start, newline_of, split_lines};
use crate::syntax::{NodeId, NodeKind, Span};

pub mod html;

/// The front-matter line that marks a compilation.
pub const COMPILATION: &str = "compilation: true";

/// A draft with the proposals inline.
#[derive(Debug)]
pub struct Compilation {
    /// The draft compiled: its id, else its title or file name.
    pub draft: String,
    pub text: String,
    /// How many proposals were placed in the text.
    pub placed: usize,
}

/// Something to write into the draft at an offset: a bracket or a note.
struct Insert {
    at: usize,
    /// At one offset: closing brackets (0), notes (1), new elements (2),
    /// opening brackets (3): a note stays with the words it follows.
    order: u8,
    /// Among new elements at one offset, the deeper first: a new point of
    /// the last paragraph before a new article after it.
    rank: u8,
    text: String,
}

/// What the compilation writes: the inserts, and the bracketed spans (a
/// span bracketed once, however many proposals bear on it).
#[derive(Default)]
struct Marks {
    inserts: Vec<Insert>,
    bracketed: Vec<Span>,
    placed: usize,
}

pub fn compile(ws: &Workspace, draft: DocId) -> Compilation {
    let file = ws.file(draft);
    let existing: Vec<Span> = file.doc.brackets.iter().map(|b| b.span.clone()).collect();
    let mut marks = Marks::default();
    for e in draft_entries(ws, draft) {
        mark_position(ws, e, &existing, &mut marks);
    }
    Compilation {
        draft: ws.draft_label(draft),
        text: own_id(
            &render(&file.text, marks.inserts),
            file.doc.front_matter.as_ref().map(|f| &f.span),
            &ws.draft_label(draft),
        ),
        placed: marks.placed,
    }
}

/// The compilation is not the draft: its front matter's `id` says so, it
/// says `compilation: true` (it is then named by nothing, not even its
/// title) and it follows no draft (`supersedes:` dropped), so that
/// positions files never attach to it, nor versions run through it, when
/// it is in a workspace beside the draft. `front` is the draft's front
/// matter, which the compilation holds at the same place (notes come
/// later); a draft without one gets one naming `label`.
fn own_id(text: &str, front: Option<&Span>, label: &str) -> String {
    let nl = newline_of(text);
    let Some(front) = front.filter(|f| f.end <= text.len()) else {
        let id = format!("id: {label} (compilation of proposals)");
        return format!("---{nl}{id}{nl}{COMPILATION}{nl}---{nl}{nl}{text}");
    };
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in split_lines(&text[..front.end]).into_iter().enumerate() {
        if i == 1 {
            out.push_str(COMPILATION);
            out.push_str(nl);
        }
        let words = text[line.start..line.end].trim_start();
        let key = words.split(':').next().unwrap_or("").trim();
        // no other name of the draft, and no draft it follows
        if ["supersedes", "follows", "previous", "aliases"].contains(&key) {
            continue;
        }
        out.push_str(&text[line.start..line.end]);
        if ["id", "symbol", "document"].contains(&key) && words.contains(':') {
            out.push_str(" (compilation of proposals)");
        }
        out.push_str(&text[line.end..line.next]);
    }
    out + &text[front.end..]
}

/// Marks one position: each change where it applies, or a note under the
/// element when it has no words or they no longer apply.
fn mark_position(ws: &Workspace, e: &Entry, existing: &[Span], marks: &mut Marks) {
    let Some((pf, p)) = ws.position(e) else {
        return;
    };
    let who = pf.stakeholder();
    if !e.certain() {
        // where it stands here is a guess, or its element is gone: a note,
        // not an edit
        let lost = e.carried.as_ref().is_some_and(|c| c.lost);
        let place = match lost {
            true => "its element has no counterpart here",
            false => "place uncertain",
        };
        let note = format!("{who}, {place}: {}", p.summary.value);
        return note_under(ws, e.draft, e.node, &note, marks);
    }
    if p.changes.is_empty() {
        let note = format!("{who}: {}: {}", p.stance.value.name(), p.summary.value);
        return note_under(ws, e.draft, e.node, &note, marks);
    }
    for c in &p.changes {
        mark_change(ws, e, who, c, existing, marks);
    }
}

fn mark_change(
    ws: &Workspace,
    e: &Entry,
    who: &str,
    c: &Change,
    existing: &[Span],
    marks: &mut Marks,
) {
    let text = &ws.file(e.draft).text;
    if change_status(ws, e, c) == Status::Applied {
        let note = format!("{who}: {} (the text reads so)", c.describe());
        return note_under(ws, e.draft, e.node, &note, marks);
    }
    let edits = match change_edits(ws, e.draft, e.node, c) {
        Ok(edits) => edits,
        Err(why) => {
            let note = format!("{who}: {} (no longer applies: {why})", c.describe());
            return note_under(ws, e.draft, e.node, &note, marks);
        }
    };
    let last = edits.iter().map(|x| x.span.end).max().unwrap_or(0);
    match &c.edit {
        Edit::Replace { with, .. } if !with.is_empty() => {
            let note = format!("{who}: “{}”", one_line(with));
            set_off(text, &edits[0].span, &note, existing, marks);
        }
        Edit::Replace { .. } | Edit::DeleteText { .. } => {
            set_off(
                text,
                &edits[0].span,
                &format!("{who}: delete"),
                existing,
                marks,
            );
        }
        Edit::InsertText { text: words, .. } => {
            let note = format!("{who}: insert “{}”", one_line(words));
            let at = edits[0].span.start;
            if at == 0 || text[..at].ends_with(['\n', '\r']) {
                // at a line's start a note would stand before its label
                let note = format!("{note} at the start");
                return note_under(ws, e.draft, e.node, &note, marks);
            }
            marks.note(at, format!(" {}", tag(&note)));
        }
        Edit::InsertElement { element, .. } => {
            let rank = match element {
                ElementLevel::Item => 0,
                ElementLevel::Subparagraph => 1,
                ElementLevel::Paragraph => 2,
                ElementLevel::Article => 3,
            };
            for x in &edits {
                let new = x.new_text.trim_end();
                let rest = &x.new_text[new.len()..];
                let text = format!("{new} {}{rest}", tag(&format!("{who}: new, proposed")));
                marks.inserts.push(Insert {
                    at: x.span.start,
                    order: 2,
                    rank,
                    text,
                });
            }
            marks.placed += 1;
        }
        Edit::Delete => {
            let name = ws.file(e.draft).doc.display_name(e.node);
            note_under(ws, e.draft, e.node, &format!("{who}: delete {name}"), marks);
        }
        Edit::Unbracket { .. } => {
            let note = tag(&format!("{who}: remove the brackets"));
            marks.note(last, format!(" {note}"));
        }
        Edit::Choose { find } => {
            let note = tag(&format!("{who}: keep “{}”", one_line(&find.value)));
            marks.note(last, format!(" {note}"));
        }
    }
}

impl Marks {
    fn note(&mut self, at: usize, text: String) {
        self.inserts.push(Insert {
            at,
            order: 1,
            rank: 0,
            text,
        });
        self.placed += 1;
    }
}

/// Sets off the words of `span` (its spaces aside) in square brackets with
/// `note` after them; only the note when a bracket there would cross one
/// the draft has or another set off.
fn set_off(text: &str, span: &Span, note: &str, existing: &[Span], marks: &mut Marks) {
    let words = &text[span.clone()];
    let start = span.start + (words.len() - words.trim_start().len());
    let end = span.start + words.trim_end().len();
    let span = start..end.max(start);
    let crosses = |b: &Span| {
        (b.start < span.start && span.start < b.end && b.end < span.end)
            || (span.start < b.start && b.start < span.end && span.end < b.end)
    };
    let free = !existing.iter().chain(&marks.bracketed).any(crosses) && !in_link_text(text, &span);
    if free && !span.is_empty() && !marks.bracketed.contains(&span) {
        marks.inserts.push(Insert {
            at: span.start,
            order: 3,
            rank: 0,
            text: "[".into(),
        });
        marks.inserts.push(Insert {
            at: span.end,
            order: 0,
            rank: 0,
            text: "]".into(),
        });
        marks.bracketed.push(span.clone());
    }
    marks.note(span.end, format!(" {}", tag(note)));
}

/// Whether `span` is in the text of a Markdown link (`[see Article
/// 5](url)`): brackets set there would end the link, and the parser would
/// read its `[` as the draft's.
fn in_link_text(text: &str, span: &Span) -> bool {
    let before = &text[line_start(text, span.start)..span.start];
    let after = &text[span.end..line_end(text, span.end)];
    let opened = before
        .rfind('[')
        .is_some_and(|o| !before[o..].contains(']'));
    let closed = after.find("](").is_some_and(|c| !after[..c].contains('['));
    opened && closed
}

/// A note on an element as a whole: at the end of its own text (before
/// its first part), on the same line, so no line of the draft is split
/// and no new block of text is made; on a line of its own under the label
/// and heading when the element has no text of its own; at the end of the
/// draft for the draft itself.
fn note_under(ws: &Workspace, draft: DocId, node: NodeId, note: &str, marks: &mut Marks) {
    let file = ws.file(draft);
    let (doc, text) = (&file.doc, &file.text);
    let nl = newline_of(text);
    let n = doc.node(node);
    if n.kind == NodeKind::Document {
        return marks.note(text.len(), format!("{nl}{nl}{}{nl}", tag(note)));
    }
    // a part starts at its label, which may follow `### ` on its line
    let own_end = n
        .children
        .first()
        .map_or(n.span.end, |&c| line_start(text, doc.node(c).span.start));
    let own = &text[n.span.start..own_end.max(n.span.start)];
    let own_end = n.span.start + own.trim_end().len();
    let head_end = n.heading_span.as_ref().map_or(n.label_span.end, |h| h.end);
    let head_line_end = line_end(text, head_end.max(n.span.start));
    if own_end > head_end {
        marks.note(own_end, format!(" {}", tag(note)));
    } else {
        marks.note(head_line_end, format!("{nl}{nl}{}", tag(note)));
    }
}

/// A proposal's note as the compilation writes it: in braces, in a code
/// span, so that it stands apart from the draft's words and the
/// references it quotes (`Article 22 of the Budapest Convention`) are not
/// read as the draft's own.
fn tag(note: &str) -> String {
    // a backtick inside would end the code span for the parser's scanners
    format!("`{{{}}}`", one_line(note).replace('`', "'"))
}

/// Words on one line: a note never breaks the draft's lines.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text with every insert written in, in order of offset.
fn render(text: &str, mut inserts: Vec<Insert>) -> String {
    inserts.sort_by_key(|i| (i.at, i.order, i.rank));
    let mut out = String::with_capacity(text.len() + inserts.len() * 32);
    let mut from = 0;
    for i in inserts {
        let at = i.at.min(text.len());
        if at >= from && text.is_char_boundary(at) {
            out.push_str(&text[from..at]);
            from = at;
        }
        out.push_str(&i.text);
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_code_spans_with_no_backtick_inside() {
        assert_eq!(tag("A: delete"), "`{A: delete}`");
        assert_eq!(tag("A: insert “`x` ]”"), "`{A: insert “'x' ]”}`");
        assert_eq!(tag("A:\n  two  lines"), "`{A: two lines}`");
    }

    /// Words in a link's text are noted, not set off: brackets there would
    /// end the link and the parser would read its `[` as the draft's.
    #[test]
    fn words_in_a_links_text_are_not_set_off() {
        let draft = "---\nid: L/1\n---\n\n### Article 1\n\n1. As in [the applicable law](https://example.org/law) and other rules.\n";
        let positions = "[source]\nstakeholder = \"S\"\ndraft = \"L/1\"\n\n[[position]]\ntarget = \"Article 1(1)\"\n\
             stance = \"amend\"\nsummary = \"s\"\n[[position.change]]\naction = \"delete-text\"\nfind = \"applicable\"\n";
        let mut ws = Workspace::new();
        let d = ws.add("d.treaty.md", draft);
        ws.add("s.positions.toml", positions);
        let c = compile(&ws, d);
        assert!(
            c.text
                .contains("[the applicable `{S: delete}` law](https://example.org/law)"),
            "{}",
            c.text
        );
        assert!(
            crate::syntax::parse(&c.text).brackets.is_empty(),
            "{}",
            c.text
        );
        assert!(in_link_text("a [b c](u)", &(5..6)));
        assert!(!in_link_text("a [b] c and d](u)", &(8..9)));
    }

    /// Beside its draft in a workspace, a compilation takes no positions,
    /// even from a draft named only by its title.
    #[test]
    fn a_compilation_is_never_the_draft_positions_name() {
        let draft = "# Convention on tests\n\n### Article 1\n\n1. The applicable text.\n";
        let positions =
            "[source]\nstakeholder = \"S\"\ndraft = \"Convention on tests\"\n\n[[position]]\n\
             target = \"Article 1(1)\"\nstance = \"amend\"\nsummary = \"s\"\n[[position.change]]\n\
             action = \"delete-text\"\nfind = \"applicable\"\n";
        let mut ws = Workspace::new();
        let d = ws.add("d.treaty.md", draft);
        let p = ws.add("s.positions.toml", positions);
        let c = compile(&ws, d);
        let cid = ws.add("c.treaty.md", c.text);
        assert_eq!(ws.positions_within(d, NodeId::ROOT).len(), 1);
        assert!(ws.positions_within(cid, NodeId::ROOT).is_empty());
        let errors: Vec<_> = ws
            .positions_diagnostics(p)
            .into_iter()
            .filter(|d| d.severity == crate::syntax::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn the_compilation_has_an_id_of_its_own() {
        for nl in ["\n", "\r\n"] {
            let text = [
                "---",
                "id: A/1",
                "supersedes: A/0",
                "aliases: [A]",
                "symbol: A/1/x",
                "title: T",
                "---",
                "# T",
                "",
            ]
            .join(nl);
            let doc = crate::syntax::parse(&text);
            let front = doc.front_matter.as_ref().map(|f| &f.span);
            let want = [
                "---",
                "compilation: true",
                "id: A/1 (compilation of proposals)",
                "symbol: A/1/x (compilation of proposals)",
                "title: T",
                "---",
                "# T",
                "",
            ];
            assert_eq!(own_id(&text, front, "A/1"), want.join(nl));
        }
        // without front matter: one naming it, so it is never named by its title
        assert_eq!(
            own_id("# T\nid: x\n", None, "T"),
            "---\nid: T (compilation of proposals)\ncompilation: true\n---\n\n# T\nid: x\n"
        );
    }

    #[test]
    fn inserts_at_one_offset_close_then_note_then_open() {
        let ins = |at, order, text: &str| Insert {
            at,
            order,
            rank: 0,
            text: text.into(),
        };
        let out = render(
            "ab cd",
            vec![
                ins(2, 3, "["),
                ins(2, 2, "\n\nnew"),
                ins(2, 1, " {n}"),
                ins(0, 3, "["),
                ins(2, 0, "]"),
            ],
        );
        assert_eq!(out, "[ab] {n}\n\nnew[ cd");
    }
}
