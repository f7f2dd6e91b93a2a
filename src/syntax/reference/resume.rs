//! Reading an edited text's references from the old reading.
//!
//! The reading of a candidate depends on the text from [`READ_BEHIND`]
//! bytes before it to [`READ_AHEAD`] after, the spans it must skip (labels,
//! opaque and code spans), and the reference read just before it (what
//! it may lean on, and what it covers). So the references read from
//! candidates far enough before the edit, and before anything the
//! structure or the code spans changed, are the old ones. After the edit,
//! reading stops at the first candidate where all of that is again as it
//! was: past the edit's reach, past where the structure took up the old
//! parse, with the same code spans ahead and the same reference just
//! before. From there on the references are the old ones, moved by the
//! edit.

use super::super::incremental::Edit;
use super::super::structure::Resumed;
use super::*;

/// The reading of the text before the edit.
pub(crate) struct OldReading<'a> {
    pub text: &'a str,
    /// its references, as the document holds them (after the passes that
    /// change contexts and scopes)
    pub references: &'a [Reference],
    pub kept: &'a ReadKept,
}

impl OldReading<'_> {
    /// Reference `i` as the reader gave it, before the later passes.
    fn raw(&self, i: usize) -> Reference {
        let mut r = self.references[i].clone();
        let k = &self.kept;
        if let Ok(j) = k.raw_contexts.binary_search_by_key(&i, |&(at, _)| at) {
            r.context = k.raw_contexts[j].1;
        }
        if let Ok(j) = k.raw_scopes.binary_search_by_key(&i, |(at, _)| *at) {
            r.scope = k.raw_scopes[j].1.clone();
        }
        r
    }

    /// How many references were read from candidates before `at`.
    fn read_before(&self, at: usize) -> usize {
        self.kept.read_from.partition_point(|&s| s < at)
    }
}

/// [`read_candidates`] of `new` (whose structure is `doc`, `verbatim` the
/// spans to skip, `candidates` where references may start), from the
/// reading of the text before `edit`. `None` when the old reading kept
/// nothing to resume from.
pub(crate) fn read_after_edit(
    new: &str,
    doc: &Document,
    verbatim: &[Span],
    candidates: &[(usize, usize)],
    old: &OldReading,
    edit: &Edit,
    resumed: &Resumed,
) -> Option<Read> {
    if old.kept.read_from.len() != old.references.len() {
        return None;
    }
    let mut scan = Scan::new(new, doc, verbatim);
    // before this, every candidate reads as it did (and is where it was:
    // see `candidates_after`)
    let same_until = context_start(new, edit.start)
        .min(resumed.from)
        .min(first_difference(verbatim, &old.kept.verbatim, edit))
        .saturating_sub(READ_AHEAD);
    let kept = old.read_before(same_until);
    scan.refs.extend((0..kept).map(|i| old.raw(i)));
    scan.read_from
        .extend_from_slice(&old.kept.read_from[..kept]);
    scan.covered = scan.refs.last().map_or(0, |r| r.span.end);
    // after this, a candidate may read as it did
    let reach = (edit.new_end + READ_BEHIND)
        .max(super::super::lines::next_line_start(new, edit.new_end))
        .max(resumed.spliced.as_ref().map_or(usize::MAX, |s| s.at));
    let first = candidates.partition_point(|&(s, _)| s < same_until);
    for &(start, _) in &candidates[first..] {
        if start >= reach && reads_as_before(&scan, old, edit, start) {
            take_rest(&mut scan, old, edit, start, resumed);
            break;
        }
        scan.read(start);
    }
    Some(scan.done())
}

/// The start of the first span to skip that the edit changed (not merely
/// moved), or of the first the old text had and the new has not.
fn first_difference(new: &[Span], old: &[Span], edit: &Edit) -> usize {
    let same =
        |n: &Span, o: &Span| edit.same_offset(o.start, n.start) && edit.same_offset(o.end, n.end);
    match new.iter().zip(old).position(|(n, o)| !same(n, o)) {
        Some(i) => new[i].start.min(old[i].start),
        None if new.len() == old.len() => usize::MAX,
        None => new
            .get(old.len())
            .or(old.get(new.len()))
            .map_or(usize::MAX, |s| s.start),
    }
}

/// Whether the candidate at `start` (past the edit's reach) and every one
/// after it read as their old counterparts did: the reference before it
/// and what it covers, and the spans to skip from there on, are the old
/// ones moved.
fn reads_as_before(scan: &Scan, old: &OldReading, edit: &Edit, start: usize) -> bool {
    let was = edit.old_offset(start);
    let k = old.read_before(was);
    let covered = k.checked_sub(1).map_or(0, |i| old.references[i].span.end);
    if scan.covered > start || covered > was {
        return false;
    }
    let before = prev_for(scan.text, &scan.refs, start);
    let before_old = prev_for(old.text, &old.references[..k], was);
    let prev_same = match (before, before_old) {
        (None, None) => true,
        (Some(n), Some(_)) => {
            n.span.start >= edit.new_end && {
                let mut o = old.raw(k - 1);
                move_by(&mut o, edit);
                o.context = n.context;
                *n == o
            }
        }
        _ => false,
    };
    prev_same && same_spans_from(scan.opaque, &old.kept.verbatim, edit, start, was)
}

/// Whether the spans to skip from `start` on (and the one before it, if
/// it reaches that far) are the old ones from `was` on, moved.
fn same_spans_from(new: &[Span], old: &[Span], edit: &Edit, start: usize, was: usize) -> bool {
    let (i, j) = (
        new.partition_point(|s| s.start < start),
        old.partition_point(|s| s.start < was),
    );
    let clear = i.checked_sub(1).is_none_or(|i| new[i].end <= start)
        && j.checked_sub(1).is_none_or(|j| old[j].end <= was);
    clear
        && new.len() - i == old.len() - j
        && new[i..]
            .iter()
            .zip(&old[j..])
            .all(|(n, o)| edit.moved_span(o).as_ref() == Some(n))
}

/// The old references read from the candidate at `start` on, moved.
fn take_rest(scan: &mut Scan, old: &OldReading, edit: &Edit, start: usize, resumed: &Resumed) {
    let from = old.read_before(edit.old_offset(start));
    let spliced = resumed.spliced.as_ref();
    for i in from..old.references.len() {
        let mut r = old.raw(i);
        move_by(&mut r, edit);
        r.context = spliced
            .and_then(|s| s.id(r.context))
            .unwrap_or_else(|| scan.doc.node_at(r.span.start));
        scan.refs.push(r);
        scan.read_from
            .push(old.kept.read_from[i] - edit.old_end + edit.new_end);
    }
}

/// A reference of the old text past the edit, where it is in the new (a
/// span before the edit is no place in the text: a target's empty
/// `0..0`).
fn move_by(r: &mut Reference, edit: &Edit) {
    let by = |s: &mut Span| {
        if let Some(moved) = edit.moved_span(s) {
            *s = moved;
        }
    };
    by(&mut r.span);
    if let Scope::External(named) = &mut r.scope {
        by(&mut named.span);
    }
    for t in &mut r.targets {
        by(&mut t.span);
        for p in &mut t.path {
            by(&mut p.span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "Article 5",
        "article 23, paragraph 1 (a) (i) or (ii)",
        "paragraph 2 of this article",
        "points (a) and (b) of Article 9(2)",
        "Articles 6 to 16",
        " of the Convention",
        " of the International Covenant on Civil and Political Rights",
        "the preceding article",
        "preceding article",
        "present Article",
        "following paragraph",
        "Agreement, as set out in Article 2",
        "the following Article shall be added:",
        "The Parties to the United Nations Framework Convention on Climate Change",
        ", in particular Article 4",
        ", as set out in Article 2",
        "its Article 3",
        "Article 16 TFEU",
        "Annex I B, to state",
        "Annex V A.",
        "and paragraph 2 thereof",
        "decision 2/CP.17, paragraph 83",
        "that Article",
        "this Agreement",
        "the",
        "this",
        "Convention ",
        "[",
        "]",
        "\n",
        "\n\n",
        ". ",
        ", ",
        "The Parties shall cooperate in good faith and exchange information \
         on the measures taken, with due regard to the needs of developing \
         country Parties and to the principle of common but differentiated \
         responsibilities and respective capabilities, in the light of \
         different national circumstances. ",
    ];

    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => prop::sample::select(PIECES).prop_map(String::from),
            1 => (0..1500usize).prop_map(|n| " ".repeat(n)),
            1 => (0..700usize).prop_map(|n| "word ".repeat(n / 5)),
        ];
        prop::collection::vec(piece, 1..60).prop_map(|p| p.concat())
    }

    /// What the reader reads at `start` alone (no reference before it).
    fn read_at(text: &str, start: usize) -> Vec<Reference> {
        let mut doc = crate::syntax::parse_prose(text);
        doc.references.clear();
        let mut scan = Scan::new(text, &doc, &[]);
        scan.read(start);
        scan.done().references
    }

    /// `text` with every character outside `lo..hi` replaced by `filler`
    /// (as many bytes), so offsets stay where they were.
    fn outside_replaced(text: &str, lo: usize, hi: usize, filler: char) -> String {
        text.char_indices()
            .map(|(i, c)| {
                if i >= lo && i + c.len_utf8() <= hi {
                    c.to_string()
                } else {
                    filler.to_string().repeat(c.len_utf8())
                }
            })
            .collect()
    }

    proptest! {
        /// The bounds the incremental reading relies on: what lies farther
        /// than `READ_BEHIND` before a candidate or `READ_AHEAD` after it
        /// changes nothing of what is read there.
        #[test]
        fn a_reading_looks_no_farther_than_its_bounds(text in text()) {
            for (start, _) in candidates(&text) {
                let lo = start.saturating_sub(READ_BEHIND);
                let hi = start + READ_AHEAD;
                let read = read_at(&text, start);
                for filler in ['x', ' ', '\n', '.'] {
                    let other = outside_replaced(&text, lo, hi, filler);
                    prop_assert_eq!(&read, &read_at(&other, start), "at {} with {:?}", start, filler);
                }
            }
        }
    }
}
