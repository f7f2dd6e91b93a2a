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

mod lexicon;
mod phrases;
mod sentence;
mod targets;
mod text;
mod toml;
mod verbs;

pub use toml::to_toml;

use crate::positions::{short_quote, Group, Stance};
use crate::syntax::{self, Level, RangeRole, Reference, Span};
use sentence::{bold_label, combine, read_sentence, sub_label, Reading, SentenceIn};
use targets::{internal, render_target, Elem, Scene, Targets};
use text::{inside_any, lines, looks_like_heading, quotes, sentences, title, Line, Quoted};

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
    Before(String),
    Start,
    End,
}

impl NewChange {
    fn describe(&self) -> String {
        let q = short_quote;
        match self {
            NewChange::Replace { find, with } => format!("replace {} with {}", q(find), q(with)),
            NewChange::DeleteText { find } => format!("delete {}", q(find)),
            NewChange::Delete => "delete".into(),
            NewChange::InsertText { text, place } => match place {
                NewPlace::After(a) => format!("insert {} after {}", q(text), q(a)),
                NewPlace::Before(a) => format!("insert {} before {}", q(text), q(a)),
                NewPlace::Start => format!("insert {} at the start", q(text)),
                NewPlace::End => format!("add {} at the end", q(text)),
            },
            NewChange::InsertElement {
                element,
                number,
                text,
            } => {
                let what = match number {
                    Some(n) => format!("insert {} {}", element, n),
                    None => format!("insert a new {}", element),
                };
                match text.trim() {
                    "" => what,
                    words => format!("{what}: {}", q(words)),
                }
            }
            NewChange::Unbracket { find } => format!("remove the brackets around {}", q(find)),
        }
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
    let mut parent: Option<Targets> = None;
    for li in 0..ls.len() {
        let line = &ls[li];
        if consumed[li] || text[line.start..line.end].trim().is_empty() {
            continue;
        }
        let is_sub = line.bullet && line.indent > 0;
        if !is_sub {
            parent = None;
        }
        if looks_like_heading(text, line) {
            chapter = chapter_of_heading(refs, line).or(chapter);
            continue;
        }
        let attached = attached_quotes(text, refs, &ls, li, &mut consumed);
        let at = LineAt {
            text,
            refs,
            line,
            is_sub,
            chapter: chapter.as_ref(),
            parent: parent.as_ref(),
        };
        for p in read_line(&at, attached) {
            parent = Some(p.targets.clone());
            out.proposals.push(finish(text, p));
        }
    }
    out
}

/// A heading that is a chapter: `Chapter III. – Procedural Measures`.
fn chapter_of_heading(refs: &[Reference], line: &Line) -> Option<Elem> {
    let r = refs.iter().find(|r| {
        r.span.start >= line.start
            && r.span.start <= line.start + 6
            && r.targets.first().is_some_and(|t| {
                matches!(t.path.first().map(|p| p.level), Some(Level::Division(_)))
            })
    })?;
    r.targets.first().map(|t| Elem {
        path: t.path.clone(),
        role: RangeRole::Single,
    })
}

/// Quoted words in the sub-bullets that a line ending in `:` introduces
/// (`... to read:`), each with its bullet's label; those lines are then
/// consumed.
fn attached_quotes(
    text: &str,
    refs: &[Reference],
    ls: &[Line],
    li: usize,
    consumed: &mut [bool],
) -> Vec<Quoted> {
    let line = &ls[li];
    let mut attached = Vec::new();
    if !text[line.start..line.end].trim_end().ends_with(':') {
        return attached;
    }
    for k in li + 1..ls.len() {
        let sub = &ls[k];
        if text[sub.start..sub.end].trim().is_empty() || !(sub.bullet && sub.indent > line.indent) {
            break;
        }
        let label = sub_label(text, refs, sub);
        let from = label.as_ref().map_or(sub.content, |(_, a)| *a);
        let qs = quotes(text, from..sub.end);
        if !only_quoted(text, refs, from, sub.end, &qs) {
            break;
        }
        for mut q in qs {
            q.label = label.as_ref().map(|(l, _)| l.clone());
            attached.push(q);
        }
        consumed[k] = true;
    }
    attached
}

/// Whether `text[from..end]` is quoted words with at most three other
/// words and no reference of its own.
fn only_quoted(text: &str, refs: &[Reference], from: usize, end: usize, qs: &[Quoted]) -> bool {
    let quoted: Vec<Span> = qs.iter().map(|q| q.outer.clone()).collect();
    let own_refs = refs.iter().any(|r| {
        r.span.start >= from
            && r.span.start < end
            && internal(r)
            && !inside_any(&quoted, r.span.start)
    });
    let mut outside = text[from..end].to_string();
    for q in qs.iter().rev() {
        outside.replace_range(q.outer.start - from..q.outer.end - from, "");
    }
    let words = outside
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count();
    !qs.is_empty() && !own_refs && words <= 3
}

/// A line and what it is read in.
struct LineAt<'a> {
    text: &'a str,
    refs: &'a [Reference],
    line: &'a Line,
    is_sub: bool,
    /// The chapter heading the line stands under.
    chapter: Option<&'a Elem>,
    /// The target of the bullet a sub-bullet is under.
    parent: Option<&'a Targets>,
}

/// The proposals of one line: its sentences read, targets given to those
/// without, and sentences on one target merged.
fn read_line(at: &LineAt, attached: Vec<Quoted>) -> Vec<Reading> {
    let (text, line) = (at.text, at.line);
    let label = bold_label(text, at.refs, line);
    let body_start = label.as_ref().map_or(line.content, |(_, a)| *a);
    let line_quotes = quotes(text, line.start..line.end);
    let quoted: Vec<Span> = line_quotes.iter().map(|q| q.outer.clone()).collect();
    let sents = sentences(text, body_start..line.end, &quoted);
    let scene = Scene {
        text,
        label: label.as_ref().map(|(t, _)| t),
        chapter: at.chapter,
    };
    let last = sents.len().saturating_sub(1);
    let mut readings: Vec<Reading> = sents
        .iter()
        .enumerate()
        .map(|(si, sp)| {
            let s = SentenceIn {
                span: sp.clone(),
                quotes: line_quotes
                    .iter()
                    .filter(|q| q.outer.start >= sp.start && q.outer.start < sp.end)
                    .collect(),
                attached: if si == last {
                    attached.clone()
                } else {
                    Vec::new()
                },
            };
            read_sentence(&scene, at.refs, &s, &line_quotes, line.no)
        })
        .collect();
    let label = label.map(|(t, _)| t);
    for i in 0..readings.len() {
        give_target(at, label.as_ref(), &mut readings, i);
    }
    let mut props = merge(&readings);
    // a bullet about an element that proposes nothing in so many words
    if let (true, Some(l), Some(first)) = (props.is_empty(), &label, readings.first()) {
        let mut r = first.clone();
        r.targets = l.clone();
        r.stance = Some((Stance::Comment, false));
        r.checks = vec!["no proposal verb: recorded as a comment".into()];
        props.push(r);
    }
    props
}

/// A proposal without a target of its own takes the bullet's, an earlier
/// or a later sentence's, the parent bullet's or (a new article) the
/// chapter's, saying so.
fn give_target(at: &LineAt, label: Option<&Targets>, readings: &mut [Reading], i: usize) {
    let r = &readings[i];
    if !r.targets.elems.is_empty() || (r.stance.is_none() && r.changes.is_empty()) {
        return;
    }
    if let Some(l) = label {
        readings[i].targets = l.clone();
        return;
    }
    let has_words = !r.changes.is_empty();
    // a plain proposal: `Remove the term ...`, `Add the right of ...`
    let plain = r.imperative && r.strong;
    let bullet = at.line.bullet;
    let with_target = |r: &&Reading| !r.targets.elems.is_empty();
    let borrowed = if let Some(prev) = readings[..i].iter().rev().find(with_target) {
        (has_words || (bullet && plain)).then(|| {
            (
                prev.targets.clone(),
                "target taken from an earlier sentence",
            )
        })
    } else {
        None
    };
    let borrowed = borrowed.or_else(|| {
        let next = readings[i + 1..].iter().find(with_target)?;
        (bullet && plain && i == 0)
            .then(|| (next.targets.clone(), "target taken from a later sentence"))
    });
    let borrowed = borrowed.or_else(|| {
        let p = at.parent.filter(|_| bullet && at.is_sub && has_words)?;
        Some((p.clone(), "target taken from the bullet this one is under"))
    });
    if let Some((targets, check)) = borrowed {
        readings[i].targets = targets;
        readings[i].checks.push(check.into());
        return;
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
    if let Some(c) = at.chapter.filter(|_| new_article) {
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

/// Sentences that propose, merged when they follow each other on the same
/// target.
fn merge(readings: &[Reading]) -> Vec<Reading> {
    let mut props: Vec<Reading> = Vec::new();
    for r in readings {
        let proposes = r.stance.is_some() || !r.changes.is_empty();
        if !proposes || r.targets.elems.is_empty() {
            continue;
        }
        let Some(last) = props
            .last_mut()
            .filter(|l| l.targets.key() == r.targets.key())
        else {
            props.push(r.clone());
            continue;
        };
        last.span = last.span.start..r.span.end;
        last.stance = match (last.stance, r.stance) {
            (Some(a), Some(b)) => Some((combine(a.0, b.0), a.1 || b.1)),
            (a, b) => a.or(b),
        };
        last.verbless &= r.verbless;
        last.summary = last.summary.take().or(r.summary.clone());
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
    }
    props
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
    if matches!(stance, Stance::Amend | Stance::Insert) && changes.is_empty() {
        checks.push("no words to change were read: what is proposed is in the quote".into());
    }
    if quote.contains("...") || quote.contains('…') {
        let c = "an ellipsis (`...`) in the quoted words: the text is partial".to_string();
        if !checks.contains(&c) {
            checks.push(c);
        }
    }
    checks.dedup();
    let summary = summary_of(&r.summary, stance, &target, &changes);
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

/// What is proposed: a phrasing's own words, else the changes with their
/// verbs and words (`Replace “measures” with “support”`), else the stance
/// and the target (`Support Article 5`).
fn summary_of(
    phrased: &Option<String>,
    stance: Stance,
    target: &str,
    changes: &[NewChange],
) -> String {
    if let Some(s) = phrased {
        return s.replace("{target}", target);
    }
    let described: Vec<String> = changes
        .iter()
        .filter(|c| **c != NewChange::Delete)
        .map(|c| c.describe())
        .collect();
    if let Some(first) = described.first() {
        let rest = described[1..]
            .iter()
            .map(|d| format!("; {d}"))
            .collect::<String>();
        let mut chars = first.chars();
        let head = chars
            .next()
            .map_or(String::new(), |c| c.to_uppercase().collect());
        return format!("{head}{}{rest}", chars.as_str());
    }
    let verb = match stance {
        Stance::Support => "Support",
        Stance::Oppose => "Oppose",
        Stance::Amend => "Amend",
        Stance::Delete => "Delete",
        Stance::Insert => "Add to",
        Stance::Reservation => "Reservation on",
        Stance::Comment => "Comment on",
    };
    format!("{verb} {target}")
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

    /// States' phrasings, worded otherwise than in the State-style test
    /// submission: the rules read the phrasing, not one sentence.
    #[test]
    fn states_phrasings_are_read_for_what_they_propose() {
        let p = one("Our delegation reserves its right to revert to Article 12 (3).");
        assert_eq!(
            (p.stance, p.summary.as_str()),
            (
                Stance::Reservation,
                "Reserves its position on Article 12 (3)"
            )
        );
        let p = one("We join the amendment put forward by Canada to Art. 4 (b).");
        assert_eq!(p.stance, Stance::Comment);
        assert_eq!(p.summary, "Supports the proposal of Canada on Art. 4 (b)");
        assert!(
            p.checks[0].contains("not the text as it stands"),
            "{:?}",
            p.checks
        );
        let p = one("On Article 9, we support Brazil’s proposal.");
        assert_eq!(
            (p.stance, p.summary.as_str()),
            (
                Stance::Comment,
                "Supports the proposal of Brazil on Article 9"
            )
        );
        let p = one("In Article 17 (1), the square brackets around “[shall]” should be lifted.");
        assert_eq!(
            p.changes,
            vec![NewChange::Unbracket {
                find: "shall".into()
            }]
        );
        assert_eq!(p.summary, "Remove the brackets around “shall”");
        let p = one("We prefer to keep the square brackets in Article 18 for now.");
        assert_eq!(
            (p.stance, p.summary.as_str()),
            (
                Stance::Reservation,
                "Keep the brackets in Article 18: not agreed"
            )
        );
        let p = one("We propose a new paragraph 4 in Article 20: “Each State Party shall publish its data.”");
        assert_eq!(p.stance, Stance::Insert);
        assert_eq!(p.target, "Article 20");
        assert_eq!(
            p.summary,
            "Insert paragraph 4: “Each State Party shall publish its data.”"
        );
        let p = one("Article 8 (2): insert “promptly” before “inform”.");
        assert_eq!(p.summary, "Insert “promptly” before “inform”");
        // and what they are not: words in brackets to delete, a quoted
        // reading that says "reserve", the text of an article, a request
        // beside a stance, a new article someone else proposed
        let p = one("In Article 17 (1), we propose that the words in square brackets, “[serious]”, be deleted.");
        assert!(
            !p.changes
                .iter()
                .any(|c| matches!(c, NewChange::Unbracket { .. })),
            "{p:?}"
        );
        let p = one("In Article 9 (2), replace “may refuse” with “shall refuse”: “Each State Party reserves the right to refuse.”");
        assert_eq!(
            (p.stance, p.summary.as_str()),
            (Stance::Amend, "Replace “may refuse” with “shall refuse”")
        );
        assert_eq!(
            one("We support the text of Article 5 as drafted.").stance,
            Stance::Support
        );
        assert_eq!(
            one("We support Article 6 and would welcome further discussion on its scope.").stance,
            Stance::Support
        );
        assert_eq!(
            one("We oppose Article 7 and call for further consultations.").stance,
            Stance::Oppose
        );
        assert_eq!(
            one("We welcome the information provided in Article 22.").stance,
            Stance::Support
        );
        none("We cannot accept the new article 30 bis proposed by another delegation, which reads: “Each State Party shall share data.”");
        let p = one("We request clarification on Article 25.");
        assert_eq!(
            (p.stance, p.summary.as_str()),
            (Stance::Comment, "Asks for clarification on Article 25")
        );
        assert!(
            p.checks.iter().any(|c| c.starts_with("unclear")),
            "{:?}",
            p.checks
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
        let f = crate::positions::read(&toml);
        assert!(f.problems.is_empty(), "{:?}\n{}", f.problems, toml);
        assert_eq!(f.positions.len(), 2, "{toml}");
        assert_eq!(f.positions[1].target.value, "Articles 6 to 16");
        assert_eq!(f.positions[0].line, Some(3));
        assert!(toml.starts_with("#:schema "));
    }
}
