//! What one sentence of a submission proposes: its targets, its stance
//! and the changes its quoted words make (a redline, `X rather than Y`,
//! or what its proposal verb does with them), and the bold labels that
//! name the target of a whole bullet.

use super::targets::{elem_key, internal, sentence_targets, Elem, Scene, Targets};
use super::text::{inside_any, strip_ellipsis, words, Line, Quoted};
use super::verbs::{apply_verb, verbs, Outcome, VerbCtx};
use super::NewChange;
use crate::positions::Stance;
use crate::syntax::{Level, RangeRole, Reference, Span};

/// What one sentence proposes.
#[derive(Clone, Debug)]
pub struct Reading {
    pub span: Span,
    pub line: u32,
    pub targets: Targets,
    pub stance: Option<(Stance, bool)>,
    pub changes: Vec<NewChange>,
    pub checks: Vec<String>,
    /// The verb opens the sentence: a proposal in so many words.
    pub imperative: bool,
    pub strong: bool,
    /// The stance comes from the words given, not from a verb.
    pub verbless: bool,
    /// What it proposes in a few words, when a phrasing says it better than
    /// its changes do; `{target}` stands for the target.
    pub summary: Option<String>,
}

/// Labels like `**Subparagraph (c)**` on a sub-bullet of quoted text.
pub fn sub_label(
    text: &str,
    doc_refs: &[Reference],
    line: &Line,
) -> Option<((&'static str, String), usize)> {
    let s = &text[line.content..line.end];
    let inner = s.strip_prefix("**")?;
    let close = inner.find("**")?;
    let bold = &inner[..close];
    let r = doc_refs
        .iter()
        .find(|r| r.span.start >= line.content && r.span.start < line.content + 2 + close)?;
    let t = r.targets.first()?;
    let last = t.path.last()?;
    let el = match last.level {
        Level::Article => "article",
        Level::Sub(1) => "paragraph",
        Level::Sub(2) => "subparagraph",
        Level::Sub(_) => "item",
        Level::Division(_) | Level::Alinea(..) => return None,
    };
    let _ = bold;
    Some(((el, last.key.to_string()), line.content + 2 + close + 2))
}

/// The reference that labels a bullet or a line: bold
/// (`**Article 5 (1):**`) or before a colon (`Art. 13 (2): delete ...`).
pub fn bold_label(text: &str, doc_refs: &[Reference], line: &Line) -> Option<(Targets, usize)> {
    let s = &text[line.content..line.end];
    let (from, to, end) = match s.strip_prefix("**") {
        Some(inner) => {
            let close = inner.find("**")?;
            let from = line.content + 2;
            (from, from + close, from + close + 2)
        }
        None => {
            // a short label: the colon within the first words
            let colon = s.char_indices().take(48).find(|(_, c)| *c == ':')?.0;
            (line.content, line.content + colon, line.content + colon + 1)
        }
    };
    let bold = text[from..to].trim().trim_end_matches(':').trim();
    let refs: Vec<&Reference> = doc_refs
        .iter()
        .filter(|r| r.span.start >= from && r.span.end <= to + 2 && internal(r))
        .collect();
    let first = refs.first()?;
    // the label is the reference, not a sentence that mentions one
    let covered: usize = refs.iter().map(|r| r.span.len()).sum();
    if first.span.start > from + 4 || covered + 6 < bold.len() {
        return None;
    }
    let scene = Scene {
        text,
        label: None,
        chapter: None,
    };
    let mut checks = Vec::new();
    let t = sentence_targets(&scene, &refs, &mut checks, from);
    if t.elems.is_empty() {
        return None;
    }
    let mut after = end;
    let rest = &text[after..line.end];
    let skip = rest.len() - rest.trim_start_matches([':', ' ', '*']).len();
    after += skip;
    Some((t, after))
}

/// A sentence and the quoted words that belong to it.
pub struct SentenceIn<'a> {
    pub span: Span,
    pub quotes: Vec<&'a Quoted>,
    /// Quotes in sub-bullets that the sentence introduces (`... read:`).
    pub attached: Vec<Quoted>,
}

/// What a sentence proposes.
pub fn read_sentence(
    scene: &Scene,
    doc_refs: &[Reference],
    s: &SentenceIn,
    line_quotes: &[Quoted],
    line_no: u32,
) -> Reading {
    let text = scene.text;
    let quoted: Vec<Span> = line_quotes.iter().map(|q| q.outer.clone()).collect();
    let ws = words(text, s.span.clone(), &quoted);
    let refs: Vec<&Reference> = doc_refs
        .iter()
        .filter(|r| {
            r.span.start >= s.span.start
                && r.span.start < s.span.end
                && internal(r)
                && !inside_any(&quoted, r.span.start)
        })
        .collect();
    let mut r = Reading {
        span: s.span.clone(),
        line: line_no,
        targets: Targets::default(),
        stance: None,
        changes: Vec::new(),
        checks: Vec::new(),
        imperative: false,
        strong: false,
        verbless: false,
        summary: None,
    };
    r.targets = sentence_targets(scene, &refs, &mut r.checks, s.span.start);
    let lower = text[s.span.clone()].to_lowercase();
    let all_quotes: Vec<Quoted> = s
        .quotes
        .iter()
        .map(|q| (*q).clone())
        .chain(s.attached.iter().cloned())
        .collect();
    let mut used = vec![false; all_quotes.len()];
    redline(&all_quotes, line_quotes, &mut used, &mut r);
    // where an alternative begins, the first proposal ends
    let alt_at = ["alternatively", " or, "]
        .iter()
        .filter_map(|m| lower.find(m).map(|p| s.span.start + p))
        .min();
    if alt_at.is_some() {
        let check = "the sentence offers an alternative; only the first proposal is recorded";
        r.checks.push(check.into());
    }
    rather_than(text, &all_quotes, &mut used, &mut r);
    let ctx = VerbCtx {
        text,
        span: s.span.clone(),
        ws: &ws,
        quotes: &all_quotes,
        used: &used,
        lower: &lower,
        refs: &refs,
        alt_at,
    };
    let cands = verbs(text, &ws);
    r.imperative = cands.first().is_some_and(|&(vi, _, _)| {
        vi == 0 || (vi <= 8 && text[s.span.start..ws[vi].0].contains(','))
    });
    match chosen_verb(&ctx, &cands) {
        Some(o) => take_outcome(o, &mut used, &mut r),
        None if !r.changes.is_empty() => {
            r.stance = Some((Stance::Amend, false));
            r.verbless = true;
        }
        None => {}
    }
    // quoted words nothing above used: a reading or draft language
    let unused = all_quotes
        .iter()
        .enumerate()
        .any(|(i, q)| !used[i] && q.text.split_whitespace().count() > 8);
    if unused && r.stance.is_some() {
        r.checks.push(
            "quoted text was not turned into a change: it may be a full reading of the element or the draft's own words; compare it with the draft".into(),
        );
    }
    super::phrases::read(text, s.span.clone(), &all_quotes, &mut r);
    new_element_target(text, s, &refs, &lower, &mut r);
    r
}

/// The first verb that gives words to change decides; else the first verb.
fn chosen_verb(ctx: &VerbCtx, cands: &[(usize, super::lexicon::Family, bool)]) -> Option<Outcome> {
    let mut chosen: Option<Outcome> = None;
    for &(vi, fam, strong) in cands {
        let o = apply_verb(ctx, vi, fam, strong);
        let has = !o.changes.is_empty();
        if chosen.as_ref().is_none_or(|c| has && c.changes.is_empty()) {
            chosen = Some(o);
        }
        if has {
            break;
        }
    }
    chosen
}

/// A verb's stance, changes and checks into the sentence's reading.
fn take_outcome(o: Outcome, used: &mut [bool], r: &mut Reading) {
    r.stance = o.stance;
    r.strong = o.strong;
    for c in o.changes {
        if !r.changes.contains(&c) {
            r.changes.push(c);
        }
    }
    for i in o.used {
        used[i] = true;
    }
    r.checks.extend(o.checks);
    if let Some(t) = o.targets {
        r.targets = t;
    }
    if !o.strong {
        r.checks
            .push(format!("stance read from a weak verb (`{}`)", o.word));
    }
}

/// A redline: ~~struck~~ words in a reading are deleted, or replaced by
/// the words after them when those are quoted apart or start a sentence.
fn redline(all_quotes: &[Quoted], line_quotes: &[Quoted], used: &mut [bool], r: &mut Reading) {
    for (qi, q) in all_quotes.iter().enumerate() {
        if !q.text.contains("~~") {
            continue;
        }
        used[qi] = true;
        let parts: Vec<&str> = q.text.split("~~").collect();
        let mut new_words = false;
        for k in (1..parts.len()).step_by(2) {
            let (struck, _) = strip_ellipsis(parts[k].trim());
            if struck.is_empty() {
                continue;
            }
            let (after, _) = strip_ellipsis(parts.get(k + 1).copied().unwrap_or(""));
            let first_after: String = after
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            let quoted_apart = |o: &Quoted| {
                !o.text.contains("~~")
                    && o.text.trim_matches(|c: char| !c.is_alphanumeric()) == first_after
            };
            let named_new = !first_after.is_empty()
                && (all_quotes.iter().any(quoted_apart) || line_quotes.iter().any(quoted_apart));
            let change = if struck.ends_with(['.', ';']) && after.starts_with(char::is_uppercase) {
                NewChange::Replace {
                    find: struck,
                    with: after,
                }
            } else if named_new {
                NewChange::Replace {
                    find: struck,
                    with: first_after,
                }
            } else {
                NewChange::DeleteText { find: struck }
            };
            new_words |= matches!(change, NewChange::Replace { .. });
            r.changes.push(change);
        }
        let plain: Vec<&str> = parts.iter().step_by(2).copied().collect();
        if !new_words && plain.join(" ").split_whitespace().count() > 3 {
            r.checks.push(
                "the submission gives a whole reading with struck words: only the struck words became changes; compare the rest of the reading with the draft for added words".into(),
            );
        }
    }
}

/// `"X" rather than "Y"`: replace Y with X.
fn rather_than(text: &str, all_quotes: &[Quoted], used: &mut [bool], r: &mut Reading) {
    for i in 0..all_quotes.len() {
        for j in i + 1..all_quotes.len() {
            let (a, b) = (&all_quotes[i], &all_quotes[j]);
            if used[i] || used[j] || a.outer.end > b.outer.start {
                continue;
            }
            let gap = text[a.outer.end..b.outer.start].trim().to_lowercase();
            let joins = [
                "rather than",
                "rather than on",
                "instead of",
                "instead of on",
            ];
            if !joins.contains(&gap.as_str()) {
                continue;
            }
            r.changes.push(NewChange::Replace {
                find: strip_ellipsis(&b.text).0,
                with: strip_ellipsis(&a.text).0,
            });
            used[i] = true;
            used[j] = true;
            r.checks.push(format!(
                "read `{}` as: replace the words after it with the words before it; check that they are the draft's words",
                gap
            ));
        }
    }
}

/// A new element's target is its container: `a new paragraph 3 in
/// Article 5` targets Article 5.
fn new_element_target(
    text: &str,
    s: &SentenceIn,
    refs: &[&Reference],
    lower: &str,
    r: &mut Reading,
) {
    const NEW: [&str; 4] = [
        "new paragraph",
        "new subparagraph",
        "new sub-paragraph",
        "new item",
    ];
    let inserts = r
        .changes
        .iter()
        .any(|c| matches!(c, NewChange::InsertElement { .. }));
    let says_new =
        r.stance.is_some_and(|s| s.0 == Stance::Insert) && NEW.iter().any(|m| lower.contains(m));
    if !inserts && !says_new {
        return;
    }
    let numbers: Vec<&String> = r
        .changes
        .iter()
        .filter_map(|c| match c {
            NewChange::InsertElement {
                number: Some(n), ..
            } => Some(n),
            _ => None,
        })
        .collect();
    let new_ref = refs.iter().any(|x| {
        let before = text[s.span.start..x.span.start].to_lowercase();
        let before = before.trim_end();
        ["new", "additional"].iter().any(|m| before.ends_with(m))
            || NEW.iter().any(|m| before.ends_with(m))
    });
    let mut elems: Vec<Elem> = Vec::new();
    let mut changed = false;
    for e in &r.targets.elems {
        let last = e.path.last();
        let is_new = e.path.len() > 1
            && (new_ref || last.is_some_and(|p| numbers.iter().any(|n| p.key == **n)));
        let el = if is_new {
            changed = true;
            Elem {
                path: e.path[..e.path.len() - 1].to_vec(),
                role: RangeRole::Single,
            }
        } else {
            e.clone()
        };
        if !elems.iter().any(|e| elem_key(e) == elem_key(&el)) {
            elems.push(el);
        }
    }
    if changed {
        r.targets.elems = elems;
        r.targets.exact = false;
        r.checks
            .push("a new element: the target is the element it goes into".into());
    }
}

/// Two sentences' stances on one target as one.
pub fn combine(a: Stance, b: Stance) -> Stance {
    use Stance::*;
    match (a, b) {
        (x, y) if x == y => x,
        (Comment, y) | (y, Comment) => y,
        (Support | Oppose, y) | (y, Support | Oppose) => y,
        (Delete, Amend) | (Amend, Delete) => Amend,
        (Insert, Amend) | (Amend, Insert) => Amend,
        (x, _) => x,
    }
}
