//! Quick fixes: a stakeholder's changes applied to the draft. One per
//! position on the elements around the cursor, one per position on several
//! elements, one per stakeholder and article, and all of one stakeholder's
//! changes at once. Stale ones are disabled with the reason; overlapping
//! ones are never combined.

use super::super::base::{
    stakeholder_key, ChangeLabel, DocId, Entry, SourceChange, TextEdit, Workspace,
};
use super::edits::change_edits;
use super::index::{draft_entries, positions_within};
use super::status::{status, Status};
use crate::positions::{quote_up_to, Change, Edit, ElementLevel, Position, Stance};
use crate::syntax::number::{normalise_key, ordinal_in_style};
use crate::syntax::{LabelStyle, NodeId, NodeKind};

/// A quick fix: a stakeholder's change to an element, or all of a
/// stakeholder's changes to an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    pub title: String,
    /// Empty when disabled.
    pub change: SourceChange,
    /// Why it cannot be applied (stale text, a conflict), when it cannot.
    pub disabled: Option<String>,
    /// The one to offer first: the position on the innermost element.
    pub preferred: bool,
}

/// A stakeholder with positions on a draft.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StakeholderSummary {
    pub stakeholder: String,
    pub group: Option<&'static str>,
    /// Positions on elements of the draft.
    pub positions: usize,
    /// Of those, the ones with changes that apply as the draft stands.
    pub amendments: usize,
}

/// All of a stakeholder's applicable changes to a draft, as one edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StakeholderAmendments {
    pub change: SourceChange,
    /// Positions whose changes are in `change`.
    pub applied: usize,
    pub skipped: Vec<Skipped>,
}

/// A position left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Its target and summary.
    pub what: String,
    pub reason: String,
}

/// A stakeholder, the plans of their changes to an article, how many positions.
type ByStakeholder = (String, Vec<Result<Planned, String>>, usize);

/// One change's edits, ready to combine with others.
struct Planned {
    label: String,
    edits: Vec<TextEdit>,
    /// For a new element: its level, which orders insertions at one point
    /// (a new subparagraph of the last paragraph, then a new paragraph, then
    /// a new article).
    inserts: Option<ElementLevel>,
    /// A new element's own number, which orders new siblings at one point
    /// (`(c)` before `(d)`).
    number: Option<(u32, usize, String)>,
}

/// Quick fixes at `offset` of a draft: each stakeholder position on the
/// elements around the cursor, innermost first (and, for a position on
/// several elements, on all of them at once), then for each stakeholder
/// all their changes to the article.
pub fn amendments_at(ws: &Workspace, draft: DocId, offset: usize) -> Vec<Amendment> {
    let file = ws.file(draft);
    if !file.is_draft() {
        return vec![];
    }
    let doc = &file.doc;
    let here = doc.node_at(offset);
    let mut out = Vec::new();
    let mut several = std::collections::HashSet::new();
    let around = doc.ancestors(here).filter(|&n| n != NodeId::ROOT);
    for (depth, node) in around.enumerate() {
        for e in draft_entries(ws, draft).filter(|e| e.node == node && e.certain()) {
            position_fixes(ws, e, depth == 0, &mut several, &mut out);
        }
    }
    if let Some(article) = doc.enclosing(here, NodeKind::Article) {
        out.extend(article_fixes(ws, draft, article));
    }
    out
}

/// The fix for one position on one element, and the first time a position
/// on several elements is met, the fix for all of them.
fn position_fixes(
    ws: &Workspace,
    e: &Entry,
    preferred: bool,
    several: &mut std::collections::HashSet<(DocId, usize)>,
    out: &mut Vec<Amendment>,
) {
    let Some((pf, p)) = ws.position(e) else {
        return;
    };
    if p.changes.is_empty() {
        return;
    }
    let status = status(ws, e);
    if e.carried.is_some() && status == Status::Overtaken {
        return; // its words are gone from this version: hover shows both texts
    }
    let (draft, node) = (e.draft, e.node);
    let doc = &ws.file(draft).doc;
    let what: Vec<String> = p
        .changes
        .iter()
        .map(|c| describe_change(ws, draft, node, c))
        .collect();
    let title = format!(
        "Apply {}’s amendment{} to {}: {}",
        pf.stakeholder(),
        origin(ws, e),
        doc.display_name(node),
        what.join("; ")
    );
    let planned: Result<Vec<Planned>, String> = match status {
        Status::Applied => Err(format!(
            "applied: {} already reads as proposed",
            doc.display_name(node)
        )),
        _ => p
            .changes
            .iter()
            .map(|c| plan(ws, draft, node, c, c.describe()))
            .collect(),
    };
    out.push(amendment(ws, draft, title, planned, preferred));
    let all: Vec<&Entry> = ws
        .entries_of(e.file, e.position)
        .into_iter()
        .filter(|x| x.draft == draft && x.certain())
        .collect();
    if all.len() > 1 && several.insert((e.file, e.position)) {
        let what: Vec<String> = p
            .changes
            .iter()
            .map(|c| c.describe_up_to(TITLE_WORDS))
            .collect();
        let title = format!(
            "Apply {}’s amendment to all {} elements of {}: {}",
            pf.stakeholder(),
            all.len(),
            p.target.value,
            what.join("; ")
        );
        let planned = plan_position(ws, draft, e.file, e.position);
        out.push(amendment(ws, draft, title, planned, false));
    }
}

/// ` (made on A/AC.291/16, Article 42(2))` for a position carried from an
/// earlier version; nothing for one written against this draft.
fn origin(ws: &Workspace, e: &Entry) -> String {
    e.carried.as_ref().map_or(String::new(), |c| {
        let doc = &ws.file(c.draft).doc;
        format!(
            " (made on {}, {})",
            ws.draft_label(c.draft),
            doc.display_name(c.node)
        )
    })
}

/// Whether a position's changes are still to be made here.
fn open(ws: &Workspace, e: &Entry) -> bool {
    e.certain() && status(ws, e) == Status::Open
}

/// For each stakeholder with two or more positions on an article, all of
/// their changes to it at once.
fn article_fixes(ws: &Workspace, draft: DocId, article: NodeId) -> Vec<Amendment> {
    let doc = &ws.file(draft).doc;
    let mut by_who: Vec<ByStakeholder> = Vec::new();
    for e in positions_within(ws, draft, article) {
        let Some((pf, p)) = ws.position(e) else {
            continue;
        };
        let status = status(ws, e);
        let overtaken = e.carried.is_some() && status == Status::Overtaken;
        if !applies(p) || !e.certain() || status == Status::Applied || overtaken {
            continue;
        }
        let who = pf.stakeholder().to_string();
        let i = match by_who.iter().position(|(w, ..)| *w == who) {
            Some(i) => i,
            None => {
                by_who.push((who, Vec::new(), 0));
                by_who.len() - 1
            }
        };
        by_who[i].2 += 1;
        for c in &p.changes {
            let label = format!("{} ({})", c.describe(), doc.display_name(e.node));
            by_who[i].1.push(plan(ws, draft, e.node, c, label));
        }
    }
    by_who
        .into_iter()
        .filter(|(_, _, positions)| *positions >= 2)
        .map(|(who, planned, positions)| {
            let title = format!(
                "Apply all {} amendments from {} to {}",
                positions,
                who,
                doc.display_name(article)
            );
            amendment(ws, draft, title, planned.into_iter().collect(), false)
        })
        .collect()
}

/// The stakeholders with positions on a draft (the filter applied), in the
/// order their files were added.
pub fn stakeholders(ws: &Workspace, draft: DocId) -> Vec<StakeholderSummary> {
    let mut out: Vec<StakeholderSummary> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for e in draft_entries(ws, draft).filter(|e| e.certain()) {
        if !seen.insert((e.file, e.position)) {
            continue;
        }
        let Some((pf, p)) = ws.position(e) else {
            continue;
        };
        let key = stakeholder_key(pf.stakeholder());
        let i = match out
            .iter()
            .position(|s| stakeholder_key(&s.stakeholder) == key)
        {
            Some(i) => i,
            None => {
                out.push(StakeholderSummary {
                    stakeholder: pf.stakeholder().to_string(),
                    group: pf.source.group.as_ref().map(|g| g.value.name()),
                    positions: 0,
                    amendments: 0,
                });
                out.len() - 1
            }
        };
        out[i].positions += 1;
        if applies(p) && open(ws, e) && plan_position(ws, draft, e.file, e.position).is_ok() {
            out[i].amendments += 1;
        }
    }
    out
}

/// Every change one stakeholder proposes for a draft, as one edit: their
/// positions in the order of their files, each taken whole or skipped
/// (stale, or in conflict with one taken before it).
pub fn stakeholder_amendments(
    ws: &Workspace,
    draft: DocId,
    stakeholder: &str,
) -> StakeholderAmendments {
    let who = stakeholder_key(stakeholder);
    let mut positions: Vec<(DocId, usize, bool)> = draft_entries(ws, draft)
        .filter(|e| {
            e.certain()
                && ws
                    .position(e)
                    .is_some_and(|(pf, p)| stakeholder_key(pf.stakeholder()) == who && applies(p))
        })
        .map(|e| (e.file, e.position, status(ws, e) == Status::Applied))
        .collect();
    positions.sort();
    positions.dedup();
    let mut taken: Vec<Planned> = Vec::new();
    let mut applied = 0;
    let mut skipped = Vec::new();
    for (file, position, already) in positions {
        let Some(p) = ws
            .file(file)
            .positions()
            .and_then(|pf| pf.positions.get(position))
        else {
            continue;
        };
        let what = format!("{}: {}", p.target.value, p.summary.value);
        if already {
            let reason = "applied: the draft already reads as proposed".to_string();
            skipped.push(Skipped { what, reason });
            continue;
        }
        let planned = match plan_position(ws, draft, file, position) {
            Err(reason) => {
                skipped.push(Skipped { what, reason });
                continue;
            }
            Ok(planned) => planned,
        };
        let before = taken.len();
        taken.extend(planned);
        match conflict(&taken) {
            Some(reason) => {
                taken.truncate(before);
                skipped.push(Skipped { what, reason });
            }
            None => applied += 1,
        }
    }
    let title = format!("Apply all amendments from {}", stakeholder.trim());
    StakeholderAmendments {
        change: amendment(ws, draft, title, Ok(taken), false).change,
        applied,
        skipped,
    }
}

/// A change's edits, labelled, with how it orders among insertions.
fn plan(
    ws: &Workspace,
    draft: DocId,
    node: NodeId,
    c: &Change,
    label: String,
) -> Result<Planned, String> {
    let (inserts, number) = match &c.edit {
        Edit::InsertElement {
            element, number, ..
        } => {
            let style = match element {
                ElementLevel::Subparagraph => Some(LabelStyle::LowerAlpha),
                ElementLevel::Item => Some(LabelStyle::LowerRoman),
                _ => None,
            };
            let number = number
                .as_ref()
                .and_then(|n| ordinal_in_style(&normalise_key(&n.value.to_lowercase()), style));
            (Some(*element), number)
        }
        _ => (None, None),
    };
    Ok(Planned {
        label,
        edits: change_edits(ws, draft, node, c)?,
        inserts,
        number,
    })
}

/// The plans of all of a position's changes on all the elements it targets
/// in `draft`.
fn plan_position(
    ws: &Workspace,
    draft: DocId,
    file: DocId,
    position: usize,
) -> Result<Vec<Planned>, String> {
    let doc = &ws.file(draft).doc;
    let p = ws
        .file(file)
        .positions()
        .and_then(|pf| pf.positions.get(position))
        .ok_or_else(|| "the position is no longer in its file".to_string())?;
    ws.entries_of(file, position)
        .iter()
        .filter(|e| e.draft == draft && e.certain())
        .flat_map(|e| {
            p.changes.iter().map(|c| {
                let label = format!("{} ({})", c.describe(), doc.display_name(e.node));
                plan(ws, draft, e.node, c, label)
            })
        })
        .collect()
}

/// The words a quick fix's title quotes in full, up to this many
/// characters each (a menu line, not a page).
const TITLE_WORDS: usize = 100;

/// `delete “applicable”`, `delete Article 41(2)(b)`, `insert paragraph 3:
/// “Each State Party…”`, the words in full up to a menu's width.
pub fn describe_change(ws: &Workspace, draft: DocId, node: NodeId, c: &Change) -> String {
    match &c.edit {
        Edit::Delete => format!("delete {}", ws.file(draft).doc.display_name(node)),
        Edit::InsertElement { text, .. } if !text.trim().is_empty() => {
            format!("{}: {}", c.describe(), quote_up_to(text, TITLE_WORDS))
        }
        _ => c.describe_up_to(TITLE_WORDS),
    }
}

/// Whether a position proposes changes to apply (comments only report).
fn applies(p: &Position) -> bool {
    !p.changes.is_empty() && !matches!(p.stance.value, Stance::Comment)
}

/// A quick fix from planned changes: disabled with the reason when a plan
/// failed or two conflict, else their edits combined.
fn amendment(
    ws: &Workspace,
    draft: DocId,
    title: String,
    planned: Result<Vec<Planned>, String>,
    preferred: bool,
) -> Amendment {
    let disabled = match &planned {
        Err(reason) => Some(reason.clone()),
        Ok(p) => conflict(p),
    };
    let change = match planned {
        Ok(planned) if disabled.is_none() => {
            let edits = combine(&ws.file(draft).text, planned);
            SourceChange {
                label: Some(change_label(ws, draft, &title, &edits)),
                edits: vec![(draft, edits)],
            }
        }
        _ => SourceChange::default(),
    };
    Amendment {
        title,
        change,
        disabled,
        preferred,
    }
}

/// What a quick fix does, for the editor's preview: its title, and each
/// edit's words in full.
fn change_label(ws: &Workspace, draft: DocId, title: &str, edits: &[TextEdit]) -> ChangeLabel {
    let file = ws.file(draft);
    let words = |s: &str| quote_up_to(s, 400);
    let each: Vec<String> = edits
        .iter()
        .map(|e| {
            let old = &file.text[e.span.clone()];
            match (old.trim().is_empty(), e.new_text.trim().is_empty()) {
                (true, _) => format!("insert {}", words(&e.new_text)),
                (false, true) => format!("delete {}", words(old)),
                (false, false) => format!("replace {} with {}", words(old), words(&e.new_text)),
            }
        })
        .collect();
    ChangeLabel {
        label: title.strip_prefix("Apply ").unwrap_or(title).to_string(),
        description: each.join("; "),
    }
}

fn insert_rank(level: Option<ElementLevel>) -> u8 {
    match level {
        None | Some(ElementLevel::Item) => 0,
        Some(ElementLevel::Subparagraph) => 1,
        Some(ElementLevel::Paragraph) => 2,
        Some(ElementLevel::Article) => 3,
    }
}

/// The edits of changes that do not conflict, as one sorted list.
fn combine(text: &str, planned: Vec<Planned>) -> Vec<TextEdit> {
    type Order = (u8, Option<(u32, usize, String)>);
    let mut all: Vec<(Order, TextEdit)> = planned
        .into_iter()
        .flat_map(|p| {
            let order = (insert_rank(p.inserts), p.number);
            p.edits.into_iter().map(move |e| (order.clone(), e))
        })
        .collect();
    // at one point, inner insertions first, then by number (LSP keeps the
    // array's order for inserts at one position)
    all.sort_by(|(a, x), (b, y)| (x.span.start, x.span.end, a).cmp(&(y.span.start, y.span.end, b)));
    // deletions that overlap or touch (neighbouring elements deleted
    // together) become one
    let mut edits: Vec<TextEdit> = Vec::with_capacity(all.len());
    for (_, e) in all {
        if let Some(last) = edits.last_mut() {
            if is_deletion(last) && is_deletion(&e) && e.span.start <= last.span.end {
                last.span.end = last.span.end.max(e.span.end);
                continue;
            }
        }
        edits.push(e);
    }
    // a deletion that now runs to the end takes the blank lines before it
    // instead, as the deletion of a last element does
    if let Some(last) = edits.last_mut().filter(|e| is_deletion(e)) {
        if text
            .get(last.span.end..)
            .is_some_and(|t| t.trim().is_empty())
        {
            last.span.start = text[..last.span.start].trim_end().len();
        }
    }
    edits
}

fn is_deletion(e: &TextEdit) -> bool {
    e.new_text.is_empty() && !e.span.is_empty()
}

/// Two changes whose edits touch the same text, named; never applied
/// together. Insertions at one point conflict unless they are new elements
/// of different levels, which have a natural order.
fn conflict(planned: &[Planned]) -> Option<String> {
    for (i, a) in planned.iter().enumerate() {
        for b in &planned[i + 1..] {
            if clash(a, b) {
                return Some(format!(
                    "conflict: {} and {} change the same text",
                    a.label, b.label
                ));
            }
        }
    }
    None
}

fn clash(a: &Planned, b: &Planned) -> bool {
    // new elements of different levels, or numbered apart, have an order
    let ordered = match (a.inserts, b.inserts) {
        (Some(x), Some(y)) if x != y => true,
        (Some(_), Some(_)) => matches!((&a.number, &b.number), (Some(m), Some(n)) if m != n),
        _ => false,
    };
    a.edits.iter().any(|x| {
        b.edits.iter().any(|y| {
            // two deletions of overlapping text delete their union
            let both_delete = is_deletion(x) && is_deletion(y);
            (x.span.start < y.span.end && y.span.start < x.span.end && !both_delete)
                || (x.span.start == y.span.start
                    && (x.span.is_empty() || y.span.is_empty())
                    && !ordered)
        })
    })
}
