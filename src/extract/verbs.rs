//! What a proposal verb does in its sentence: which verbs count, and for
//! each family (delete, amend, insert, unbracket, support, oppose) the
//! stance and the changes its quoted words make.

use super::lexicon::{element_noun, verb, Family, CUES, WORDS_NOUNS};
use super::targets::{Elem, Targets};
use super::text::{strip_ellipsis, Quoted};
use super::{NewChange, NewPlace};
use crate::positions::Stance;
use crate::syntax::{Anchor, RangeRole, Reference, Span};

/// The proposal verbs of a sentence, in order: (word index, family,
/// strong). An action verb counts when it opens the sentence (or follows an
/// opening phrase and its comma: `On a related note, remove ...`), when a
/// cue comes before it, or after `by` once another verb counted.
pub fn verbs(text: &str, ws: &[(usize, String)]) -> Vec<(usize, Family, bool)> {
    let mut out = Vec::new();
    let mut cue = false;
    let mut any_verb_before = false;
    for (i, (at, w)) in ws.iter().enumerate() {
        if CUES.contains(&w.as_str()) {
            cue = true;
            continue;
        }
        let Some((fam, strong)) = verb(w) else {
            continue;
        };
        let prev = i.checked_sub(1).map(|p| ws[p].1.as_str());
        let seen_verb = std::mem::replace(&mut any_verb_before, true);
        // `in addition`, `including, but not limited to`, `data concerning`
        if w == "addition" && prev == Some("in") {
            continue;
        }
        if matches!(w.as_str(), "including" | "concerning" | "included")
            && !matches!(
                prev,
                Some("by" | "is" | "are" | "be" | "propose" | "recommend" | "suggest")
            )
            && !prev.is_some_and(|p| p.ends_with("ly"))
        {
            continue;
        }
        if w == "concern"
            && !matches!(
                prev,
                Some("grave" | "serious" | "deep" | "our" | "particular" | "great")
            )
        {
            continue;
        }
        if fam == Family::Support
            && prev.is_some_and(|p| ["of", "the", "technical", "for", "and", "to"].contains(&p))
            && !cue
        {
            continue;
        }
        let attitude = matches!(fam, Family::Support | Family::Oppose);
        let opens = i == 0;
        let after_opening = i > 0
            && i <= 8
            && !seen_verb
            && text[ws[i - 1].0..*at].contains(',')
            && !ws[..i].iter().any(|(_, w)| CUES.contains(&w.as_str()));
        let by = prev == Some("by") && !out.is_empty();
        if attitude || cue || opens || after_opening || by {
            out.push((i, fam, strong));
        }
    }
    out
}

/// A sentence as its verbs read it.
pub struct VerbCtx<'a> {
    pub text: &'a str,
    pub span: Span,
    pub ws: &'a [(usize, String)],
    pub quotes: &'a [Quoted],
    /// Quotes already made into changes.
    pub used: &'a [bool],
    pub lower: &'a str,
    pub refs: &'a [&'a Reference],
    /// Where an alternative proposal begins (`alternatively`, `or, `).
    pub alt_at: Option<usize>,
}

/// What one verb of a sentence proposes.
pub struct Outcome {
    pub stance: Option<(Stance, bool)>,
    pub strong: bool,
    pub word: String,
    pub changes: Vec<NewChange>,
    pub used: Vec<usize>,
    pub checks: Vec<String>,
    /// The element the words go in, when the sentence names it apart
    /// (`at the end of Article 40 (1)`).
    pub targets: Option<Targets>,
}

pub const ELLIPSIS: &str = "an ellipsis (`...`) in the quoted words: the text is partial";

/// Where the clause of the verb at `from` ends: quoted words after that
/// are not its object (`Deleting Article 28, whose provisions ... "X"`).
fn clause_end(c: &VerbCtx, from: usize) -> usize {
    let rel = from.saturating_sub(c.span.start);
    [
        " which ",
        " whose ",
        " because ",
        " since ",
        " given ",
        " as it ",
        " as that ",
        " as the ",
        " so that ",
    ]
    .iter()
    .filter_map(|m| c.lower.get(rel..).and_then(|l| l.find(m)))
    .min()
    .map_or(c.span.end, |p| c.span.start + rel + p)
}

impl VerbCtx<'_> {
    /// The quotes not yet used that the verb at `verb_at` may take: those
    /// in a sub-bullet or after the sentence, and (with `limit`) those of
    /// its own clause before any alternative, else all after it.
    fn open(&self, verb_at: usize, limit: bool) -> Vec<usize> {
        let end = clause_end(self, verb_at);
        (0..self.quotes.len())
            .filter(|&i| !self.used[i])
            .filter(|&i| {
                let q = &self.quotes[i];
                let in_clause =
                    q.outer.start < end && self.alt_at.is_none_or(|a| q.outer.start < a);
                q.label.is_some()
                    || q.outer.start >= self.span.end
                    || (q.outer.start >= verb_at && (!limit || in_clause))
            })
            .collect()
    }
}

/// What the verb at word `vi` proposes.
pub fn apply_verb(c: &VerbCtx, vi: usize, fam: Family, strong: bool) -> Outcome {
    let mut o = Outcome {
        stance: None,
        strong,
        word: c.ws[vi].1.clone(),
        changes: Vec::new(),
        used: Vec::new(),
        checks: Vec::new(),
        targets: None,
    };
    match fam {
        Family::Delete | Family::Unbracket => delete_verb(c, vi, fam, &mut o),
        Family::Amend => amend_verb(c, vi, &mut o),
        Family::Insert => insert_verb(c, vi, &mut o),
        Family::Support => o.stance = Some((Stance::Support, strong)),
        Family::Oppose => o.stance = Some((Stance::Oppose, strong)),
    }
    o
}

/// `delete "X"`, `remove the brackets around "X"`, `delete Article 5`.
fn delete_verb(c: &VerbCtx, vi: usize, fam: Family, o: &mut Outcome) {
    let ws = c.ws;
    let open = c.open(ws[vi].0, true);
    let words_after_verb = ws[vi + 1..]
        .iter()
        .take(5)
        .any(|(_, w)| WORDS_NOUNS.contains(&w.as_str()));
    let brackets = ws.iter().any(|(_, w)| w.starts_with("bracket"));
    if fam == Family::Unbracket || brackets {
        for i in open {
            let f = c.quotes[i].text.trim_matches(|c| c == '[' || c == ']');
            let (f, _) = strip_ellipsis(f.trim_end_matches(['.', ',']));
            o.changes.push(NewChange::Unbracket { find: f });
            o.used.push(i);
        }
        o.stance = Some((Stance::Amend, true));
    } else if !open.is_empty() || words_after_verb {
        for i in open {
            let (f, cut) = strip_ellipsis(&c.quotes[i].text);
            if cut {
                o.checks.push(ELLIPSIS.into());
            }
            let ch = NewChange::DeleteText { find: f };
            if !o.changes.contains(&ch) {
                o.changes.push(ch);
            }
            o.used.push(i);
        }
        o.stance = Some((Stance::Amend, o.strong));
    } else {
        o.stance = Some((Stance::Delete, o.strong));
        if c.lower.contains("except") || c.lower.contains("partial") {
            o.checks.push(
                "a partial deletion (`except ...`): no `delete` change; say what is kept".into(),
            );
        } else {
            o.changes.push(NewChange::Delete);
        }
    }
}

/// `replace "X" with "Y"`; other amending verbs give the stance only.
fn amend_verb(c: &VerbCtx, vi: usize, o: &mut Outcome) {
    o.stance = Some((Stance::Amend, o.strong));
    if !c.ws[vi].1.starts_with("replac") {
        return;
    }
    let qs = c.open(c.ws[vi].0, true);
    if qs.len() < 2 {
        return;
    }
    let (a, b) = (&c.quotes[qs[0]], &c.quotes[qs[1]]);
    let between = c.text[a.outer.end.min(b.outer.start)..b.outer.start].to_lowercase();
    if between.contains("with") || between.contains(" by") {
        let (find, c1) = strip_ellipsis(&a.text);
        let (with, c2) = strip_ellipsis(&b.text);
        o.changes.push(NewChange::Replace { find, with });
        o.used.extend([qs[0], qs[1]]);
        if c1 || c2 {
            o.checks.push(ELLIPSIS.into());
        }
    }
}

/// `add "X" at the end of ...`, `introduce the term "X"`, `add a new
/// paragraph: "..."`, or an insertion without words.
fn insert_verb(c: &VerbCtx, vi: usize, o: &mut Outcome) {
    // the object: the words after the verb, up to where it goes
    let near: Vec<&str> = c.ws[vi + 1..]
        .iter()
        .take(6)
        .map(|(_, w)| w.as_str())
        .take_while(|w| !["to", "in", "into", "under", "within", "for"].contains(w))
        .collect();
    let element = near.iter().find_map(|w| element_noun(w));
    let new = near
        .iter()
        .any(|w| ["new", "additional", "another", "further"].contains(w));
    let term = near.iter().any(|w| WORDS_NOUNS.contains(w));
    let open = c.open(c.ws[vi].0, false);
    let at_end = c.lower.contains("at the end of");
    let at_start = c.lower.contains("at the beginning of") || c.lower.contains("at the start of");
    let strong = o.strong;
    if let Some(change) = insert_beside(c, &open) {
        o.changes.push(change);
        o.used.extend(open.iter().take(2).copied());
        o.stance = Some((Stance::Amend, strong));
    } else if (at_end || at_start) && !open.is_empty() {
        insert_at_place(c, &open, at_end, o);
        o.stance = Some((Stance::Amend, strong));
    } else if term && !open.is_empty() && !(element.is_some() && new) {
        insert_term(c, &open, o);
        o.stance = Some((Stance::Amend, strong));
    } else if element.is_some_and(|e| e != "provision") && !open.is_empty() {
        insert_elements(c, &open, element.unwrap_or("paragraph"), o);
        o.stance = Some((Stance::Insert, strong));
    } else if element.is_some() && (new || near.first().is_some_and(|w| *w == "a" || *w == "an")) {
        o.stance = Some((Stance::Insert, strong));
    } else {
        o.stance = Some((Stance::Amend, strong));
    }
}

/// `insert "X" after "Y"` (or `before`): the new words beside the draft's.
fn insert_beside(c: &VerbCtx, open: &[usize]) -> Option<NewChange> {
    let (new, anchor) = (&c.quotes[*open.first()?], &c.quotes[*open.get(1)?]);
    let between = c
        .text
        .get(new.outer.end..anchor.outer.start)?
        .trim()
        .to_lowercase();
    let between = between
        .trim_start_matches(['“', '"', ',', ' '])
        .trim_end_matches(['”', '"', ' '])
        .trim_start_matches("immediately ")
        .trim_start_matches("directly ");
    let (text, _) = strip_ellipsis(&new.text);
    let (anchor, _) = strip_ellipsis(&anchor.text);
    match between {
        "after" => Some(NewChange::InsertText {
            text: format!(" {text}"),
            place: NewPlace::After(anchor),
        }),
        "before" => Some(NewChange::InsertText {
            text: format!("{text} "),
            place: NewPlace::Before(anchor),
        }),
        _ => None,
    }
}

/// Words added at the end or the start of an element; the place may name
/// the element (`at the end of Article 40 (1)`).
fn insert_at_place(c: &VerbCtx, open: &[usize], at_end: bool, o: &mut Outcome) {
    let q = &c.quotes[*open.last().unwrap_or(&open[0])];
    let (t, cut) = strip_ellipsis(&q.text);
    if cut {
        o.checks.push(ELLIPSIS.into());
    }
    o.changes.push(NewChange::InsertText {
        text: if at_end {
            format!(" {}", t)
        } else {
            format!("{} ", t)
        },
        place: if at_end {
            NewPlace::End
        } else {
            NewPlace::Start
        },
    });
    o.used.extend(open.iter().copied());
    let m = if at_end {
        "at the end of"
    } else if c.lower.contains("at the beginning of") {
        "at the beginning of"
    } else {
        "at the start of"
    };
    let Some(p) = c.lower.find(m) else {
        return;
    };
    let from = c.span.start + p;
    let Some(r) = c.refs.iter().find(|r| r.span.start >= from) else {
        return;
    };
    if let Some(tg) = r.targets.first().filter(|t| t.anchor == Anchor::Absolute) {
        o.targets = Some(Targets {
            elems: vec![Elem {
                path: tg.path.clone(),
                role: RangeRole::Single,
            }],
            written: vec![r.span.clone()],
            exact: r.targets.len() == 1,
        });
    }
}

/// `Introduce the term "serious" ... to read: "... such serious crime"`:
/// the new word goes after the words it follows in the proposed reading.
fn insert_term(c: &VerbCtx, open: &[usize], o: &mut Outcome) {
    let term_q = open[0];
    let term_text = strip_ellipsis(&c.quotes[term_q].text).0;
    let reading = open[1..].iter().copied().find(|&i| {
        c.quotes[i].text.split_whitespace().count() > 3 && c.quotes[i].text.contains(&term_text)
    });
    let Some(ri) = reading else {
        return;
    };
    let (rt, _) = strip_ellipsis(&c.quotes[ri].text);
    if let Some(p) = rt.find(&term_text) {
        let before: Vec<&str> = rt[..p].split_whitespace().collect();
        if !before.is_empty() {
            let anchor = before[before.len().saturating_sub(2)..].join(" ");
            o.changes.push(NewChange::InsertText {
                text: format!(" {}", term_text),
                place: NewPlace::After(anchor),
            });
            o.checks.push("where the new word goes was read from the proposed reading; check the words it follows are the draft's".into());
            o.used.push(ri);
        }
    }
    o.used.push(term_q);
}

/// New elements with their words, numbered as the sentence or the
/// sub-bullets' labels say (`subparagraphs (c) and (d)`).
fn insert_elements(c: &VerbCtx, open: &[usize], el: &'static str, o: &mut Outcome) {
    let numbers: Vec<String> = c
        .refs
        .iter()
        .flat_map(|r| r.targets.iter())
        .filter(|t| t.anchor == Anchor::Enclosing)
        .filter_map(|t| t.path.last().map(|p| p.key.to_string()))
        .collect();
    for (k, &i) in open.iter().enumerate() {
        let q = &c.quotes[i];
        let (t, cut) = strip_ellipsis(&q.text);
        if cut {
            o.checks.push(ELLIPSIS.into());
        }
        let (element, number) = match &q.label {
            Some((e, n)) => (*e, Some(n.clone())),
            None => (el, numbers.get(k).cloned().filter(|_| numbers.len() > 1)),
        };
        o.changes.push(NewChange::InsertElement {
            element,
            number,
            text: t,
        });
        o.used.push(i);
    }
    if c.lower.contains("along the lines") {
        o.checks
            .push("the text is offered `along the lines of`: indicative wording".into());
    }
}
