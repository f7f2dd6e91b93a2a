//! The words of an element, as sets of shingles (two consecutive words,
//! hashed) to compare elements by: robust to renumbering, to rewording
//! of a part, to bracketed alternatives dropped when one is agreed, and to
//! line breaks and Markdown marks.

use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// An element's shingles, sorted and without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shingles(pub Vec<u64>);

/// Words of no weight: they make two texts look alike that are not.
const STOPWORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "an", "in", "on", "for", "by", "or", "as", "at", "be", "its",
    "their", "that", "this", "with", "which", "shall", "should", "may", "any", "all", "other",
];

/// Whether a word counts: it has a letter and is not a stopword.
pub fn kept(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// The words of `text`, lower-cased, without numbers, punctuation,
/// brackets and stopwords.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|w| w.trim_matches('-'))
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .map(|w| w.to_lowercase())
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

fn hash(parts: &[&str]) -> u64 {
    let mut h = FxHasher::default();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

impl Shingles {
    /// Pairs of consecutive words; a text of one word is that word.
    pub fn of(text: &str) -> Shingles {
        let w = words(text);
        let mut out: Vec<u64> = match w.len() {
            0 => vec![],
            1 => vec![hash(&[&w[0]])],
            _ => w.windows(2).map(|p| hash(&[&p[0], &p[1]])).collect(),
        };
        out.sort_unstable();
        out.dedup();
        Shingles(out)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many shingles the two share.
    pub fn shared(&self, other: &Shingles) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }
}

/// How alike two texts are, 0 to 1, from how many shingles they share:
/// the Dice coefficient, raised towards the overlap coefficient when one
/// holds most of the other (alternatives dropped, words added), but only
/// as far as their sizes allow (a sentence is not its whole article).
pub fn similarity(shared: usize, a: usize, b: usize) -> f32 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    let shared = shared as f32;
    let (small, large) = (a.min(b) as f32, a.max(b) as f32);
    let dice = 2.0 * shared / (small + large);
    let overlap = shared / small;
    // the smaller must be a fair part of the larger for containment to count
    let ratio = (small / large).sqrt();
    dice.max(overlap * ratio)
}

/// How much of `part` is in `whole`, 0 to 1.
pub fn containment(shared: usize, part: usize) -> f32 {
    if part == 0 {
        0.0
    } else {
        shared as f32 / part as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f32 {
        let (a, b) = (Shingles::of(a), Shingles::of(b));
        similarity(a.shared(&b), a.len(), b.len())
    }

    #[test]
    fn alike_texts_are_alike_and_others_not() {
        let text = "Each State Party shall adopt such legislative measures as may be necessary to establish as criminal offences the access to a computer system without right.";
        assert!(sim(text, text) > 0.99);
        // renumbered, reflowed, with Markdown marks
        assert!(sim(text, &format!("**1.** {}", text.replace(' ', "\n  "))) > 0.99);
        // an agreed alternative: the other is gone
        let bracketed = text.replace("without right", "[without right][unlawfully]");
        assert!(sim(&bracketed, text) > 0.8, "{}", sim(&bracketed, text));
        // reworded in part
        let reworded = text.replace("legislative measures", "legislative and other measures");
        assert!(sim(text, &reworded) > 0.8);
        let other = "The Conference of the Parties shall keep under regular review the implementation of this Convention and take decisions.";
        assert!(sim(text, other) < 0.15, "{}", sim(text, other));
        // a short sentence is not its long article
        let long = format!("{text} {other} {other} {text}");
        assert!(sim("The access to a computer system without right.", &long) < 0.5);
    }
}
