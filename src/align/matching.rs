//! Matching the elements of one tier: candidates from shared shingles (an
//! inverted index over the older version's elements), scored by words,
//! heading, number and parent; taken best first, one to one; then splits
//! and merges where an unmatched element's words sit in a matched one; and
//! what is left is dropped or new.

use super::words::{containment, similarity, Shingles};
use super::{Kind, Link, Version, CERTAIN};
use crate::syntax::{Document, NodeId, NodeKind};
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::Hasher;

/// Below this a pair is not taken at all.
const FLOOR: f32 = 0.2;
/// How much of an element's words must sit in another for a split or merge.
const PART: f32 = 0.5;
/// In a gap between pairs taken, what a pair must score to be taken, and
/// what standing in the same place among equally many adds.
const GAP_FLOOR: f32 = 0.15;
const GAP_PRIOR: f32 = 0.1;
/// A word or word pair more frequent than this (or than a tenth of the
/// elements, if more) is boilerplate.
const BOILERPLATE_FLOOR: usize = 8;
/// How many of the best-sharing elements are scored for each element.
const CANDIDATES: usize = 12;

/// A text's words, hashed, in order, with where each starts.
struct Tokens {
    starts: Vec<usize>,
    hashes: Vec<u64>,
}

impl Tokens {
    fn of(text: &str) -> Tokens {
        let mut t = Tokens {
            starts: Vec::new(),
            hashes: Vec::new(),
        };
        for (start, word) in word_spans(text) {
            if super::words::kept(word) && !is_label(text, start, word) {
                let mut h = FxHasher::default();
                for c in word.chars().flat_map(char::to_lowercase) {
                    h.write_u32(c as u32);
                }
                t.starts.push(start);
                t.hashes.push(h.finish());
            }
        }
        t
    }

    /// The words that start in `span`, as a set.
    fn words(&self, span: std::ops::Range<usize>) -> Shingles {
        let a = self.starts.partition_point(|&s| s < span.start);
        let b = self.starts.partition_point(|&s| s < span.end);
        let mut out = self.hashes[a..b].to_vec();
        out.sort_unstable();
        out.dedup();
        Shingles(out)
    }

    /// The shingles of the words that start in `span`.
    fn shingles(&self, span: std::ops::Range<usize>) -> Shingles {
        let a = self.starts.partition_point(|&s| s < span.start);
        let b = self.starts.partition_point(|&s| s < span.end);
        let w = &self.hashes[a..b];
        let mut out: Vec<u64> = match w.len() {
            0 => vec![],
            1 => vec![w[0]],
            _ => w.windows(2).map(|p| pair(p[0], p[1])).collect(),
        };
        out.sort_unstable();
        out.dedup();
        Shingles(out)
    }

    /// How often each word and each word pair occurs.
    fn count(&self, words: &mut FxHashMap<u64, usize>, pairs: &mut FxHashMap<u64, usize>) {
        for &h in &self.hashes {
            *words.entry(h).or_default() += 1;
        }
        for p in self.hashes.windows(2) {
            *pairs.entry(pair(p[0], p[1])).or_default() += 1;
        }
    }
}

fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(17) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Words and word pairs that occur more often than a tenth of the elements
/// of both versions (a placeholder such as `[Reserved]` or `text elided`,
/// a formula every article repeats) tell no element apart: they are left
/// out of every comparison, so elements that share only those are not
/// alike.
#[derive(Default)]
struct Boilerplate {
    words: FxHashSet<u64>,
    pairs: FxHashSet<u64>,
}

impl Boilerplate {
    fn of(old: (&Tokens, &Document), new: (&Tokens, &Document)) -> Boilerplate {
        let elements = old.1.ids().count() + new.1.ids().count();
        let cap = (elements / 10).max(BOILERPLATE_FLOOR);
        let (mut words, mut pairs) = (FxHashMap::default(), FxHashMap::default());
        old.0.count(&mut words, &mut pairs);
        new.0.count(&mut words, &mut pairs);
        let frequent = |m: FxHashMap<u64, usize>| {
            m.into_iter()
                .filter(|(_, n)| *n > cap)
                .map(|(h, _)| h)
                .collect()
        };
        Boilerplate {
            words: frequent(words),
            pairs: frequent(pairs),
        }
    }

    fn strip(&self, mut shingles: Shingles, of: &FxHashSet<u64>) -> Shingles {
        if !of.is_empty() {
            shingles.0.retain(|h| !of.contains(h));
        }
        shingles
    }
}

/// Whether a word is a list label, not a word of the text: `(b)`, `(ii)`,
/// or `b)`, `ii.` opening a line. Every list has them: they would make
/// any two lists alike.
fn is_label(text: &str, start: usize, word: &str) -> bool {
    let end = start + word.len();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let short = word.chars().count() <= 4;
    let opens_line = text[..start]
        .trim_end_matches([' ', '\t'])
        .ends_with(['\n', '\r'])
        || text[..start].trim().is_empty();
    short
        && ((before == Some('(') && after == Some(')'))
            || (opens_line && matches!(after, Some(')' | '.'))))
}

/// The words of a text with where each starts: runs of letters and digits
/// (hyphens inside), as `words::words` reads them.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || (c == '-' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

/// An element as compared.
struct Unit {
    id: NodeId,
    shingles: Shingles,
    /// Its words, one by one: for rewordings that keep few word pairs.
    words: Shingles,
    heading: Vec<String>,
    key: String,
    /// Its ancestors of outer tiers, nearest first, ending with the root.
    outer: Vec<NodeId>,
}

pub(super) struct Matcher<'a> {
    old: Version<'a>,
    new: Version<'a>,
    old_tokens: Tokens,
    new_tokens: Tokens,
    /// Counterparts found or given so far, and origins.
    forward: FxHashMap<NodeId, Vec<NodeId>>,
    backward: FxHashMap<NodeId, Vec<NodeId>>,
    links: Vec<Link>,
    given_old: FxHashSet<NodeId>,
    given_new: FxHashSet<NodeId>,
    boilerplate: Boilerplate,
}

impl<'a> Matcher<'a> {
    pub(super) fn new(old: Version<'a>, new: Version<'a>, given: &[(NodeId, Vec<NodeId>)]) -> Self {
        let (old_tokens, new_tokens) = (Tokens::of(old.text), Tokens::of(new.text));
        let boilerplate = Boilerplate::of((&old_tokens, old.doc), (&new_tokens, new.doc));
        let mut m = Matcher {
            old,
            new,
            old_tokens,
            new_tokens,
            boilerplate,
            forward: FxHashMap::default(),
            backward: FxHashMap::default(),
            links: Vec::new(),
            given_old: FxHashSet::default(),
            given_new: FxHashSet::default(),
        };
        m.forward.insert(NodeId::ROOT, vec![NodeId::ROOT]);
        m.backward.insert(NodeId::ROOT, vec![NodeId::ROOT]);
        for (o, ns) in given {
            m.given_old.insert(*o);
            m.given_new.extend(ns.iter().copied());
            m.forward.insert(*o, ns.clone());
            for n in ns {
                m.backward.entry(*n).or_default().push(*o);
            }
            let key = |doc: &Document, n: NodeId| doc.node(n).key.to_lowercase();
            let kind = match ns.as_slice() {
                [] => Kind::Dropped,
                [n] if key(old.doc, *o) == key(new.doc, *n) => Kind::Same,
                [_] => Kind::Renumbered,
                _ => Kind::Split,
            };
            if ns.is_empty() {
                m.links.push(link(Some(*o), None, kind, 1.0, true));
            }
            for n in ns {
                m.links.push(link(Some(*o), Some(*n), kind, 1.0, true));
            }
        }
        m
    }

    /// All the links found and given.
    pub(super) fn links(self) -> Vec<Link> {
        self.links
    }

    fn unit(&self, doc: &Document, tokens: &Tokens, id: NodeId, tier: usize) -> Unit {
        let n = doc.node(id);
        Unit {
            id,
            shingles: (self.boilerplate)
                .strip(tokens.shingles(n.span.clone()), &self.boilerplate.pairs),
            words: (self.boilerplate).strip(tokens.words(n.span.clone()), &self.boilerplate.words),
            heading: n
                .heading
                .as_deref()
                .map(super::words::words)
                .unwrap_or_default(),
            key: n.key.to_lowercase().to_string(),
            outer: doc
                .ancestors(id)
                .skip(1)
                .filter(|&a| a == NodeId::ROOT || super::tier(doc, a).is_some_and(|t| t < tier))
                .collect(),
        }
    }

    /// Matches the elements of one tier, `olds` against `news` (both in
    /// document order), given the tiers outside it.
    pub(super) fn tier(&mut self, tier: usize, olds: &[NodeId], news: &[NodeId]) {
        let olds: Vec<Unit> = olds
            .iter()
            .filter(|id| !self.given_old.contains(id))
            .map(|&id| self.unit(self.old.doc, &self.old_tokens, id, tier))
            .collect();
        let news: Vec<Unit> = news
            .iter()
            .filter(|id| !self.given_new.contains(id))
            .map(|&id| self.unit(self.new.doc, &self.new_tokens, id, tier))
            .collect();
        let scored = self.scored_pairs(&olds, &news);
        let mut taken = take_best(&scored, olds.len(), news.len());
        self.fill_gaps(&olds, &news, &mut taken);
        self.doubt(&olds, &news, &scored, &mut taken);
        let mut pairs = self.kinds(&olds, &news, &taken);
        pairs.extend(splits_and_merges(&olds, &news, &scored, &taken));
        doubt_look_alikes(&olds, &news, &taken, &mut pairs);
        mark_splits_and_merges(&mut pairs);
        self.record(&olds, &news, pairs);
    }

    /// Every candidate pair with its score and shared shingles, best first.
    fn scored_pairs(&self, olds: &[Unit], news: &[Unit]) -> Vec<Scored> {
        let index = Index::new(olds);
        let mut by_key: FxHashMap<(&str, NodeId), Vec<usize>> = FxHashMap::default();
        for (i, o) in olds.iter().enumerate() {
            by_key
                .entry((o.key.as_str(), self.old_parent(o)))
                .or_default()
                .push(i);
        }
        let mut out = Vec::new();
        for (j, n) in news.iter().enumerate() {
            let mut cands = index.candidates(&n.shingles);
            // the same number under the counterpart of its parent: for
            // elements with few words
            let parents = self.origins_of(self.new_parent(n));
            for p in parents {
                if let Some(same) = by_key.get(&(n.key.as_str(), p)) {
                    cands.extend(same.iter().copied());
                }
            }
            cands.sort_unstable();
            cands.dedup();
            for i in cands {
                let s = self.score(&olds[i], n);
                if s.score >= FLOOR {
                    out.push(Scored {
                        old: i,
                        new: j,
                        ..s
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.old.cmp(&b.old))
                .then(a.new.cmp(&b.new))
        });
        out
    }

    /// The elements of the older version whose counterpart is `new_parent`.
    fn origins_of(&self, new_parent: NodeId) -> Vec<NodeId> {
        self.backward.get(&new_parent).cloned().unwrap_or_default()
    }

    /// An old element's nearest outer ancestor that has a counterpart (a
    /// heading dropped in the newer version is looked through).
    fn old_parent(&self, o: &Unit) -> NodeId {
        let kept = |a: &&NodeId| self.forward.get(a).is_some_and(|v| !v.is_empty());
        o.outer.iter().find(kept).copied().unwrap_or(NodeId::ROOT)
    }

    /// A new element's nearest outer ancestor that has an origin.
    fn new_parent(&self, n: &Unit) -> NodeId {
        let kept = |a: &&NodeId| self.backward.get(a).is_some_and(|v| !v.is_empty());
        n.outer.iter().find(kept).copied().unwrap_or(NodeId::ROOT)
    }

    fn parents_correspond(&self, o: &Unit, n: &Unit) -> bool {
        let np = self.new_parent(n);
        self.forward
            .get(&self.old_parent(o))
            .is_some_and(|ns| ns.contains(&np))
    }

    fn score(&self, o: &Unit, n: &Unit) -> Scored {
        let shared = o.shingles.shared(&n.shingles);
        let text = similarity(shared, o.shingles.len(), n.shingles.len());
        let heading = if o.heading.is_empty() || n.heading.is_empty() {
            None
        } else {
            let common = o.heading.iter().filter(|w| n.heading.contains(w)).count();
            Some(2.0 * common as f32 / (o.heading.len() + n.heading.len()) as f32)
        };
        let mut score = match heading {
            Some(h) if o.shingles.is_empty() && n.shingles.is_empty() => h,
            Some(h) => 0.85 * text + 0.15 * h,
            None => text,
        };
        if self.parents_correspond(o, n) {
            score += 0.08;
        }
        if o.key == n.key && !o.key.is_empty() {
            score += 0.04;
        }
        let (ko, kn) = (self.old.doc.node(o.id).kind, self.new.doc.node(n.id).kind);
        if ko != kn {
            score -= 0.1;
        }
        Scored {
            old: 0,
            new: 0,
            score: score.clamp(0.0, 1.0),
            shared,
        }
    }

    /// Between two pairs taken under corresponding parents, elements left
    /// over on both sides in equal numbers are each other's: rewritten in
    /// place (a placeholder filled, an article redrafted). Their words may
    /// differ wholly, so such a pair is never certain.
    fn fill_gaps(&self, olds: &[Unit], news: &[Unit], taken: &mut Taken) {
        let mut groups: FxHashMap<(NodeId, NodeId), (Vec<usize>, Vec<usize>)> =
            FxHashMap::default();
        for (i, o) in olds.iter().enumerate() {
            let p = self.old_parent(o);
            for &q in self.forward.get(&p).map_or(&[][..], |v| v.as_slice()) {
                groups.entry((p, q)).or_default().0.push(i);
            }
        }
        for (j, n) in news.iter().enumerate() {
            let q = self.new_parent(n);
            for &p in self.backward.get(&q).map_or(&[][..], |v| v.as_slice()) {
                if let Some(g) = groups.get_mut(&(p, q)) {
                    g.1.push(j);
                }
            }
        }
        let mut keys: Vec<_> = groups.keys().copied().collect();
        keys.sort();
        for key in keys {
            let (o, n) = &groups[&key];
            for (gap_o, gap_n) in gaps(o, n, taken) {
                let same_size = gap_o.len() == gap_n.len();
                let sim = |i: usize, j: usize| {
                    let (o, n) = (&olds[i], &news[j]);
                    let words = similarity(o.words.shared(&n.words), o.words.len(), n.words.len());
                    let prior = if same_size { GAP_PRIOR } else { 0.0 };
                    self.score(o, n).score.max(0.8 * words) + prior
                };
                for (i, j, score) in align_in_order(&gap_o, &gap_n, sim) {
                    taken.pair(i, j, score.clamp(FLOOR, CERTAIN - 0.05));
                }
            }
        }
    }

    /// A pair is not certain when another candidate is nearly as good, or
    /// when it moves an element into another parent on weak words.
    fn doubt(&self, olds: &[Unit], news: &[Unit], scored: &[Scored], taken: &mut Taken) {
        let mut best_other: FxHashMap<(bool, usize), f32> = FxHashMap::default();
        for s in scored {
            for (side, k, partner) in [(true, s.old, s.new), (false, s.new, s.old)] {
                let mine = if side {
                    taken.old_to[k]
                } else {
                    taken.new_from[k]
                };
                if mine != Some(partner) {
                    let e = best_other.entry((side, k)).or_insert(0.0);
                    *e = e.max(s.score);
                }
            }
        }
        for (i, j, score) in taken.pairs_mut() {
            let rival = best_other
                .get(&(true, i))
                .copied()
                .unwrap_or(0.0)
                .max(best_other.get(&(false, j)).copied().unwrap_or(0.0));
            let moved = !self.parents_correspond(&olds[i], &news[j]);
            if rival >= *score - 0.05 || (moved && *score < 0.7) {
                *score = score.min(CERTAIN - 0.01);
            }
        }
    }

    /// The kind of each pair taken: the same, renumbered, or moved (out of
    /// order among its kind, or into another parent).
    fn kinds(&self, olds: &[Unit], news: &[Unit], taken: &Taken) -> Vec<(usize, usize, f32, Kind)> {
        let list: Vec<(usize, usize, f32)> = taken.pairs().collect();
        let order = in_order(&list.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>());
        list.iter()
            .zip(order)
            .map(|(&(i, j, score), in_order)| {
                let (o, n) = (&olds[i], &news[j]);
                let kind = if !in_order || !self.parents_correspond(o, n) {
                    Kind::Moved
                } else if o.key == n.key {
                    Kind::Same
                } else {
                    Kind::Renumbered
                };
                (i, j, score, kind)
            })
            .collect()
    }

    /// The links of a tier; an old element left over whose parent's
    /// counterpart has no elements of this tier (its paragraphs became an
    /// article's unnumbered text) goes to that parent.
    fn record(&mut self, olds: &[Unit], news: &[Unit], pairs: Vec<(usize, usize, f32, Kind)>) {
        let mut pairs = pairs;
        pairs.sort_by_key(|p| (p.0, p.1));
        for &(i, j, score, kind) in &pairs {
            self.link(olds[i].id, news[j].id, kind, score);
        }
        let with_children: FxHashSet<NodeId> = news.iter().map(|n| self.new_parent(n)).collect();
        for (i, o) in olds.iter().enumerate() {
            if pairs.iter().any(|p| p.0 == i) {
                continue;
            }
            let p = self.old_parent(o);
            let into = self.forward.get(&p).and_then(|qs| match qs.as_slice() {
                [q] if self.new.doc.node(*q).kind == NodeKind::Article
                    && !with_children.contains(q) =>
                {
                    Some(*q)
                }
                _ => None,
            });
            // its words must be there: most of them
            let part = into.map_or(0.0, |q| {
                let shingles = self.new_tokens.shingles(self.new.doc.node(q).span.clone());
                containment(o.shingles.shared(&shingles), o.shingles.len())
            });
            match into.filter(|_| part >= PART) {
                Some(q) => self.link(o.id, q, Kind::Merged, part.min(CERTAIN - 0.01)),
                None => self
                    .links
                    .push(link(Some(o.id), None, Kind::Dropped, 0.0, false)),
            }
        }
        for (j, n) in news.iter().enumerate() {
            if !pairs.iter().any(|p| p.1 == j) {
                self.links
                    .push(link(None, Some(n.id), Kind::New, 0.0, false));
            }
        }
    }

    fn link(&mut self, old: NodeId, new: NodeId, kind: Kind, score: f32) {
        self.forward.entry(old).or_default().push(new);
        self.backward.entry(new).or_default().push(old);
        self.links
            .push(link(Some(old), Some(new), kind, score, false));
    }
}

/// An element left over whose words sit in one that was matched: merged
/// into it (old side) or split from it (new side).
fn splits_and_merges(
    olds: &[Unit],
    news: &[Unit],
    scored: &[Scored],
    taken: &Taken,
) -> Vec<(usize, usize, f32, Kind)> {
    let mut out: Vec<(usize, usize, f32, Kind)> = Vec::new();
    for s in scored {
        let (o, n) = (&olds[s.old], &news[s.new]);
        let score = s.score;
        if taken.old_to[s.old].is_none()
            && !out.iter().any(|p| p.0 == s.old)
            && containment(s.shared, o.shingles.len()) >= PART
        {
            out.push((s.old, s.new, score, Kind::Merged));
        } else if taken.new_from[s.new].is_none()
            && !out.iter().any(|p| p.1 == s.new)
            && containment(s.shared, n.shingles.len()) >= PART
            && taken.old_to[s.old].is_some()
        {
            out.push((s.old, s.new, score, Kind::Split));
        }
    }
    out
}

/// A merge or split is evidenced by words the element shares with its
/// new partner that the partner's own counterpart does not explain: an
/// element merely like another (a sibling of the same formula, a deleted
/// copy of a definition) is not certainly there.
fn doubt_look_alikes(
    olds: &[Unit],
    news: &[Unit],
    taken: &Taken,
    pairs: &mut [(usize, usize, f32, Kind)],
) {
    for p in pairs.iter_mut() {
        let (mine, partner, other) = match p.3 {
            Kind::Merged => match taken.new_from[p.1].filter(|&o| o != p.0) {
                Some(o) => (&olds[p.0].shingles, &news[p.1].shingles, &olds[o].shingles),
                None => continue,
            },
            Kind::Split => match taken.old_to[p.0].filter(|&n| n != p.1) {
                Some(n) => (&news[p.1].shingles, &olds[p.0].shingles, &news[n].shingles),
                None => continue,
            },
            _ => continue,
        };
        if containment(novel(mine, partner, other), mine.len()) < PART {
            p.2 = p.2.min(CERTAIN - 0.01);
        }
    }
}

/// How many shingles `a` shares with `b` that `c` does not hold.
fn novel(a: &Shingles, b: &Shingles, c: &Shingles) -> usize {
    a.0.iter()
        .filter(|x| b.0.binary_search(x).is_ok() && c.0.binary_search(x).is_err())
        .count()
}

/// An element whose words went to several is split in all its links;
/// several into one are merged in all of theirs.
fn mark_splits_and_merges(pairs: &mut [(usize, usize, f32, Kind)]) {
    let split: FxHashSet<usize> = pairs
        .iter()
        .filter(|p| p.3 == Kind::Split)
        .map(|p| p.0)
        .collect();
    let merged: FxHashSet<usize> = pairs
        .iter()
        .filter(|p| p.3 == Kind::Merged)
        .map(|p| p.1)
        .collect();
    for p in pairs {
        if split.contains(&p.0) {
            p.3 = Kind::Split;
        } else if merged.contains(&p.1) {
            p.3 = Kind::Merged;
        }
    }
}

/// The pairs of two runs that keep their order and score most in all
/// (each pair scoring `sim - GAP_FLOOR`, only pairs above the floor): a
/// sequence alignment, as a diff aligns lines.
fn align_in_order(
    olds: &[usize],
    news: &[usize],
    sim: impl Fn(usize, usize) -> f32,
) -> Vec<(usize, usize, f32)> {
    let (n, m) = (olds.len(), news.len());
    if n * m > 10_000 {
        return vec![]; // a gap this wide is not one rewrite
    }
    let s: Vec<Vec<f32>> = olds
        .iter()
        .map(|&i| news.iter().map(|&j| sim(i, j)).collect())
        .collect();
    // best[a][b]: the best total for olds[a..] and news[b..]
    let mut best = vec![vec![0f32; m + 1]; n + 1];
    for a in (0..n).rev() {
        for b in (0..m).rev() {
            let take = if s[a][b] >= GAP_FLOOR {
                s[a][b] - GAP_FLOOR + best[a + 1][b + 1]
            } else {
                f32::MIN
            };
            best[a][b] = take.max(best[a + 1][b]).max(best[a][b + 1]);
        }
    }
    let (mut a, mut b, mut out) = (0, 0, Vec::new());
    while a < n && b < m {
        if s[a][b] >= GAP_FLOOR && best[a][b] == s[a][b] - GAP_FLOOR + best[a + 1][b + 1] {
            out.push((olds[a], news[b], s[a][b]));
            a += 1;
            b += 1;
        } else if best[a][b] == best[a + 1][b] {
            a += 1;
        } else {
            b += 1;
        }
    }
    out
}

/// The runs of elements left over between consecutive pairs taken (and
/// before the first and after the last), on both sides: `olds` and `news`
/// are one parent's elements in document order.
fn gaps(olds: &[usize], news: &[usize], taken: &Taken) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut out = Vec::new();
    let (mut a, mut b) = (0, 0);
    let anchors: Vec<(usize, usize)> = olds
        .iter()
        .enumerate()
        .filter_map(|(x, &i)| {
            let j = taken.old_to[i]?;
            news.iter().position(|&n| n == j).map(|y| (x, y))
        })
        .collect();
    let mut last_y = None;
    for (x, y) in anchors
        .into_iter()
        .chain(std::iter::once((olds.len(), news.len())))
    {
        if last_y.is_some_and(|l| y <= l) {
            continue; // out of order: no gap to fill against it
        }
        let gap_o: Vec<usize> = olds[a..x]
            .iter()
            .copied()
            .filter(|&i| taken.old_to[i].is_none())
            .collect();
        let gap_n: Vec<usize> = news[b.min(y)..y]
            .iter()
            .copied()
            .filter(|&j| taken.new_from[j].is_none())
            .collect();
        if !gap_o.is_empty() && !gap_n.is_empty() {
            out.push((gap_o, gap_n));
        }
        a = x + 1;
        b = y + 1;
        last_y = Some(y);
    }
    out
}

fn link(old: Option<NodeId>, new: Option<NodeId>, kind: Kind, score: f32, given: bool) -> Link {
    Link {
        old,
        new,
        kind,
        score,
        given,
    }
}

/// A candidate pair (indexes into a tier's units).
#[derive(Clone, Copy, Debug)]
struct Scored {
    old: usize,
    new: usize,
    score: f32,
    shared: usize,
}

/// The pairs taken in a tier, each element at most once.
struct Taken {
    old_to: Vec<Option<usize>>,
    new_from: Vec<Option<usize>>,
    score: FxHashMap<(usize, usize), f32>,
}

impl Taken {
    fn pair(&mut self, i: usize, j: usize, score: f32) {
        self.old_to[i] = Some(j);
        self.new_from[j] = Some(i);
        self.score.insert((i, j), score);
    }

    /// (old, new, score), by old.
    fn pairs(&self) -> impl Iterator<Item = (usize, usize, f32)> + '_ {
        self.old_to
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (i, j, self.score[&(i, j)])))
    }

    fn pairs_mut(&mut self) -> impl Iterator<Item = (usize, usize, &mut f32)> + '_ {
        self.score.iter_mut().map(|(&(i, j), s)| (i, j, s))
    }
}

/// Pairs taken best first, each element at most once.
fn take_best(scored: &[Scored], olds: usize, news: usize) -> Taken {
    let mut t = Taken {
        old_to: vec![None; olds],
        new_from: vec![None; news],
        score: FxHashMap::default(),
    };
    for s in scored {
        if t.old_to[s.old].is_none() && t.new_from[s.new].is_none() {
            t.pair(s.old, s.new, s.score);
        }
    }
    t
}

/// For pairs (old, new) sorted by old, which keep the order of the new
/// side: the longest increasing run, found by patience sorting.
fn in_order(pairs: &[(usize, usize)]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_key(|&k| pairs[k].0);
    // tails[l]: the index (into `order`) ending the best run of length l+1
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; order.len()];
    for (i, &k) in order.iter().enumerate() {
        let v = pairs[k].1;
        let l = tails.partition_point(|&t| pairs[order[t]].1 < v);
        if l > 0 {
            prev[i] = Some(tails[l - 1]);
        }
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut keep = vec![false; pairs.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[order[i]] = true;
        at = prev[i];
    }
    keep
}

/// The older tier's elements by the shingles they hold, leaving out
/// shingles too common to tell elements apart.
struct Index {
    postings: FxHashMap<u64, Vec<u32>>,
    cap: usize,
}

impl Index {
    fn new(olds: &[Unit]) -> Index {
        let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (i, o) in olds.iter().enumerate() {
            for &s in &o.shingles.0 {
                postings.entry(s).or_default().push(i as u32);
            }
        }
        Index {
            postings,
            cap: (olds.len() / 10).max(16),
        }
    }

    /// The elements sharing the most shingles with `shingles`.
    fn candidates(&self, shingles: &Shingles) -> Vec<usize> {
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        for s in &shingles.0 {
            if let Some(p) = self.postings.get(s).filter(|p| p.len() <= self.cap) {
                for &i in p {
                    *counts.entry(i).or_default() += 1;
                }
            }
        }
        let mut best: Vec<(u32, u32)> = counts.into_iter().collect();
        best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(CANDIDATES);
        best.into_iter().map(|(i, _)| i as usize).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keeps_the_longest_run() {
        // 0->0, 1->2, 2->1, 3->3: one of the middle two is out of order
        let keep = in_order(&[(0, 0), (1, 2), (2, 1), (3, 3)]);
        assert_eq!(keep.iter().filter(|k| **k).count(), 3);
        assert!(keep[0] && keep[3]);
        assert_eq!(in_order(&[]), Vec::<bool>::new());
    }
}
