//! What States write that no single verb says: a reserved position,
//! brackets to keep or to lift, support for another delegation's proposal
//! (not for the article), a new article numbered `30 bis` with its words,
//! and a request for discussion that proposes nothing. Read after the
//! verbs, so these readings win over what a verb alone gave.

use super::sentence::Reading;
use super::text::Quoted;
use super::NewChange;
use crate::positions::Stance;
use crate::syntax::number::LATIN_SUFFIXES;
use crate::syntax::{Level, Span};
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

static RESERVES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\breserves?\s+(?:its|their|our|her|his|the)\s+(?:right|position)\b|\b(?:enters?|places?|makes?|maintains?)\s+(?:a\s+|its\s+)?reservation\b",
    )
});
static LIFT_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    // the brackets are what goes: `remove the brackets around`, `the
    // brackets around ... be removed` (not `the words in brackets be
    // deleted`: those are words to delete)
    re(
        r"(?i)\b(?:remov|delet|lift|drop)\w*\s+(?:of\s+)?(?:the\s+)?(?:square\s+)?brackets\b|\bbrackets\s+(?:around|on|surrounding|enclosing)\b[^.;]{0,120}?\b(?:be|are|to\s+be)\s+(?:removed|deleted|lifted|dropped)\b",
    )
});
static KEEP_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:retain|keep|maintain|preserv)\w*\s+(?:the\s+)?(?:square\s+)?brackets\b")
});
static OTHERS_PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:supports?|endorses?|backs?|joins?|aligns?\s+(?:itself|ourselves)\s+with)\s+(?:the\s+)?(?:proposals?|amendments?|suggestions?)\s+(?:of|by|from|made\s+by|put\s+forward\s+by|tabled\s+by)\s+(?P<who>[^,.;:()]+?)(?:\s+(?:on|for|to|in|regarding|concerning|with\s+regard\s+to)\s|[,.;:(]|$)|\b(?:supports?|endorses?|backs?)\s+(?:the\s+)?(?P<who2>\p{Lu}[^,.;:()’']*?)[’']s?\s+(?:proposals?|amendments?|suggestions?)\b",
    )
});
static NEW_NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    let suffixes = LATIN_SUFFIXES.join("|");
    re(&format!(
        r"(?i)\bnew\s+(?P<el>article|paragraph|sub-?paragraph|item)\s+(?P<n>\d+(?:\s*(?:{suffixes})\b)?|\([a-z]{{1,4}}\)(?:\s*(?:{suffixes})\b)?)"
    ))
});
static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:would\s+)?(?:welcomes?|requests?|calls?\s+for|seeks?|looks?\s+forward\s+to|invites?)\s+(?:a\s+|the\s+)?(?P<what>(?:further\s+|more\s+|additional\s+)?(?:discussions?|consultations?|consideration|clarifications?|explanations?|reflection|exchanges?\s+of\s+views))\b",
    )
});

/// Reads the sentence `span` of `text` for these phrasings; `quotes` are
/// the quoted words in it.
pub fn read(text: &str, span: Span, quotes: &[Quoted], r: &mut Reading) {
    // the stakeholder's own words: quoted draft language is not read
    // (`"... reserves the right ..."` is a proposed text, not a reservation)
    let masked = without_quotes(text, &span, quotes);
    let s = masked.as_str();
    let after = |at: usize| quotes.iter().find(|q| q.outer.start >= span.start + at);
    if RESERVES.is_match(s) {
        settle(
            r,
            Stance::Reservation,
            "Reserves its position on {target}".into(),
        );
    } else if let Some(m) = LIFT_BRACKETS.find(s) {
        // each quoted group after `brackets` (`around "X" and "Y"`), else
        // the words quoted before (`"X" ... brackets be removed`)
        let lifted = r
            .changes
            .iter()
            .any(|c| matches!(c, NewChange::Unbracket { .. }));
        let mut words: Vec<&Quoted> = quotes
            .iter()
            .filter(|q| q.outer.start >= span.start + m.start())
            .collect();
        if words.is_empty() {
            words.extend(quotes.first());
        }
        if !lifted && !words.is_empty() {
            r.changes = words
                .iter()
                .map(|q| NewChange::Unbracket {
                    find: q.text.trim_matches(['[', ']', ' ']).to_string(),
                })
                .collect();
            settle(r, Stance::Amend, String::new());
        }
    } else if let Some(m) = KEEP_BRACKETS.find(s) {
        let summary = match after(m.end()) {
            Some(q) => format!("Keep the brackets around “{}”: not agreed", q.text),
            None => "Keep the brackets in {target}: not agreed".to_string(),
        };
        r.changes.clear();
        settle(r, Stance::Reservation, summary);
    } else if let Some(who) = OTHERS_PROPOSAL.captures(s).and_then(|c| {
        let who = c.name("who").or(c.name("who2"))?.as_str().trim();
        named_by_name(who).then(|| who.to_string())
    }) {
        r.changes.clear();
        settle(
            r,
            Stance::Comment,
            format!("Supports the proposal of {who} on {{target}}"),
        );
        r.checks.push(format!(
            "supports the proposal of {who}, not the text as it stands: its changes are in {who}'s own positions file"
        ));
    } else if let Some(c) = ASKS.captures(s).filter(|c| {
        r.changes.is_empty() && !other_stance(s, c.get(0).map_or(0..0, |m| m.range()), r)
    }) {
        let what = c.name("what").map_or("discussion", |m| m.as_str());
        settle(r, Stance::Comment, format!("Asks for {what} on {{target}}"));
        r.checks
            .push("unclear: asks for discussion, proposes no change; read it again".into());
    }
    let opposed = r
        .stance
        .is_some_and(|(st, _)| matches!(st, Stance::Oppose | Stance::Delete));
    if let Some(c) = NEW_NUMBERED
        .captures(s)
        .filter(|c| !opposed && proposed_before(s, c))
    {
        new_numbered(c, span.start, quotes, r);
    }
}

/// The sentence with its quoted words blanked out (same length, so the
/// offsets of a match are the sentence's).
fn without_quotes(text: &str, span: &Span, quotes: &[Quoted]) -> String {
    let mut s = text[span.clone()].to_string();
    for q in quotes {
        let (from, to) = (q.outer.start.max(span.start), q.outer.end.min(span.end));
        if from < to && s.is_char_boundary(from - span.start) && s.is_char_boundary(to - span.start)
        {
            s.replace_range(from - span.start..to - span.start, &" ".repeat(to - from));
        }
    }
    s
}

/// Whether `who` names a delegation or an organisation (`the European
/// Union`, `Canada`), not an element (`Article 5 as drafted`).
fn named_by_name(who: &str) -> bool {
    let bare = who.trim_start_matches("the ").trim_start_matches("The ");
    let first = bare.split_whitespace().next().unwrap_or("");
    first.chars().next().is_some_and(char::is_uppercase)
        && ![
            "Article",
            "Articles",
            "Art.",
            "Arts.",
            "Paragraph",
            "Chapter",
            "Section",
            "Annex",
        ]
        .contains(&first)
}

/// Whether the sentence takes a stance elsewhere than in the request for
/// discussion at `asked` (`We oppose Article 7 and call for consultations`).
fn other_stance(s: &str, asked: std::ops::Range<usize>, r: &Reading) -> bool {
    if r.stance.is_none() || !r.strong {
        return false;
    }
    let rest = format!("{} {}", &s[..asked.start], &s[asked.end..]);
    rest.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| {
            matches!(
                super::lexicon::verb(&w.to_lowercase()),
                Some((
                    super::lexicon::Family::Support | super::lexicon::Family::Oppose,
                    _
                ))
            )
        })
}

/// Whether a proposal comes before `new article ...`: a cue (`propose`,
/// `suggest`) or a verb that adds (`insert`, `add`); `the new article
/// proposed by another delegation` is not one.
fn proposed_before(s: &str, c: &regex::Captures) -> bool {
    let before = &s[..c.get(0).map_or(0, |m| m.start())];
    before.split(|ch: char| !ch.is_alphanumeric()).any(|w| {
        let w = w.to_lowercase();
        super::lexicon::CUES.contains(&w.as_str())
            || matches!(
                super::lexicon::verb(&w),
                Some((super::lexicon::Family::Insert, _))
            )
    })
}

/// A stance these phrasings decide, in place of what a verb gave.
fn settle(r: &mut Reading, stance: Stance, summary: String) {
    r.stance = Some((stance, true));
    r.strong = true;
    r.verbless = false;
    r.checks.retain(|c| {
        !c.starts_with("stance read from a weak verb") && !c.starts_with("no proposal verb")
    });
    if !summary.is_empty() {
        r.summary = Some(summary);
    }
}

/// `a new article 30 bis, to read: "..."`: the element with its number and
/// words, after the element it follows (`Article 30`).
fn new_numbered(c: regex::Captures, start: usize, quotes: &[Quoted], r: &mut Reading) {
    let (Some(el), Some(n)) = (c.name("el"), c.name("n")) else {
        return;
    };
    let element = match el.as_str().to_ascii_lowercase().as_str() {
        "article" => "article",
        "item" => "item",
        "paragraph" => "paragraph",
        _ => "subparagraph",
    };
    let number = n.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(words) = quotes.iter().find(|q| q.outer.start >= start + n.end()) else {
        return;
    };
    if r.changes
        .iter()
        .any(|c| matches!(c, NewChange::InsertElement { .. }))
    {
        return;
    }
    r.changes.push(NewChange::InsertElement {
        element,
        number: Some(number.clone()),
        text: words.text.clone(),
    });
    r.checks
        .retain(|c| !c.starts_with("quoted text was not turned into a change"));
    settle(r, Stance::Insert, String::new());
    if element == "article" {
        follow_the_base_article(&number, r);
    }
}

/// A new article `30 bis` goes after Article 30: the target the sentence
/// names (`new article 30 bis`) becomes that one.
fn follow_the_base_article(number: &str, r: &mut Reading) {
    let lower = number.to_ascii_lowercase();
    // the longest suffix first: `terdecies` is not `decies`
    let mut suffixes: Vec<&str> = LATIN_SUFFIXES.to_vec();
    suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let Some(base) = suffixes
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .map(|b| b.trim().to_string())
        .filter(|b| !b.is_empty() && b.chars().all(|c| c.is_ascii_digit()))
    else {
        r.checks
            .push("a new article without `bis`, `ter`...: check the article it follows".into());
        return;
    };
    let key = lower.replace(' ', "");
    for e in &mut r.targets.elems {
        if let Some(p) = e.path.last_mut().filter(|p| p.level == Level::Article) {
            if p.key.replace(' ', "") == key {
                p.key = base.as_str().into();
                r.targets.exact = false;
            }
        }
    }
}
