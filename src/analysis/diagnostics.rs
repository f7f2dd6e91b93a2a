//! What `check` reports: dangling references, duplicate, out-of-order and
//! missing numbers, unbalanced brackets.

use super::base::{Diagnostic, DocId, Related, Resolution, Workspace};
use crate::syntax::alternatives::AlternativeHeadings;
use crate::syntax::number::{ordinal_in_style, roman_value};
use crate::syntax::{
    Anchor, Document, LabelStyle, NodeId, NodeKind, Reference, Scope, Severity, Target,
};

/// Every diagnostic of a draft, in text order: what the parser found,
/// references that cite nothing, numbering.
pub fn diagnostics(ws: &Workspace, id: DocId) -> Vec<Diagnostic> {
    let doc = &ws.file(id).doc;
    let mut out: Vec<Diagnostic> = doc
        .issues
        .iter()
        .map(|i| Diagnostic {
            severity: i.severity,
            code: i.code,
            message: i.message.clone(),
            span: i.span.clone(),
            related: vec![],
        })
        .collect();
    let cites_others = cites_other_instruments(doc);
    for reference in &doc.references {
        for r in ws.resolve_reference(id, reference) {
            if let Resolution::Dangling { reason } = r.resolution {
                let mut d = dangling(reference, r.target, reason, cites_others);
                // unagreed text may cite what another proposal adds
                if d.severity == Severity::Error && in_brackets(doc, d.span.start) {
                    d.severity = Severity::Warning;
                    d.message.push_str(" (in square-bracketed text)");
                }
                out.push(d);
            }
        }
    }
    out.extend_from_slice(numbering_of(ws.file(id)));
    out.extend(ws.lineage_diagnostics(id));
    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(a.severity.cmp(&b.severity))
    });
    out
}

/// Whether `offset` is in square-bracketed text.
fn in_brackets(doc: &Document, offset: usize) -> bool {
    doc.brackets.iter().any(|b| b.span.contains(&offset))
}

/// Whether the draft cites another instrument anywhere (`of the
/// Convention`, `Article 16 TFEU`, `Directive 95/46/EC`): then a bare
/// `Article 5` that finds nothing may be one of those instruments' articles.
fn cites_other_instruments(doc: &Document) -> bool {
    !doc.short_names.is_empty()
        || doc
            .references
            .iter()
            .any(|r| matches!(r.scope, Scope::External(_)))
}

/// The diagnostic for a target that cites nothing. An error only when the
/// reference surely points into this draft: `of this Convention`, `this
/// article`, `the preceding paragraph`, or a bare reference in a draft
/// that cites no other instrument. Otherwise it may be another
/// instrument's: information, with the reason.
fn dangling(
    reference: &Reference,
    target: &Target,
    reason: String,
    cites_others: bool,
) -> Diagnostic {
    // a relative reference with nothing to stand on (`the preceding
    // paragraph` in an unnumbered preamble) is doubtful, not certainly wrong
    let (severity, code, message) = if reason.contains("stands outside") {
        (
            Severity::Warning,
            "unanchored-reference",
            format!("cannot place this reference: {reason}"),
        )
    } else if reason.contains(" is ambiguous: ") {
        (
            Severity::Warning,
            "ambiguous-reference",
            format!("ambiguous reference: {reason}; say which"),
        )
    } else if surely_internal(reference, target, cites_others) {
        (
            Severity::Error,
            "dangling-reference",
            format!("dangling reference: {reason}"),
        )
    } else {
        (
            Severity::Information,
            "unresolved-reference",
            format!(
                "unresolved reference: {reason}; this text cites other instruments, and this \
                 reference names none, so it may be to one of them"
            ),
        )
    };
    Diagnostic {
        severity,
        code,
        message,
        span: target.span.clone(),
        related: vec![],
    }
}

fn surely_internal(reference: &Reference, target: &Target, cites_others: bool) -> bool {
    match reference.scope {
        // `of this Convention`, or a named instrument found in the workspace
        Scope::ThisInstrument | Scope::External(_) => true,
        Scope::Implicit => match target.anchor {
            Anchor::This { .. } | Anchor::Sibling { .. } => true,
            Anchor::Absolute | Anchor::Enclosing => !cites_others,
        },
    }
}

/// A file's numbering checks, worked out once per parse (or carried over
/// an edit that changed nothing they read: `SourceFile::edited`).
fn numbering_of(file: &crate::analysis::base::workspace::SourceFile) -> &[Diagnostic] {
    file.numbering.get_or_init(|| {
        let mut out = Vec::new();
        numbering(&file.text, &file.doc, &mut out);
        out
    })
}

/// Numbering checks among siblings: articles per container, divisions and
/// subdivisions per parent.
fn numbering(text: &str, doc: &Document, out: &mut Vec<Diagnostic>) {
    let headings = AlternativeHeadings::new(text);
    // articles: in document order per container (they may sit in chapters)
    let mut by_container: Vec<(NodeId, Vec<NodeId>)> = Vec::new();
    let mut slot: std::collections::HashMap<NodeId, usize> = Default::default();
    for a in doc
        .articles()
        .filter(|&a| !doc.in_amendment(doc.node(a).span.start))
    {
        let c = doc.container(a);
        let i = *slot.entry(c).or_insert_with(|| {
            by_container.push((c, vec![]));
            by_container.len() - 1
        });
        by_container[i].1.push(a);
    }
    for (_, articles) in &by_container {
        for run in alternatives(text, &headings, doc, articles) {
            sequence(doc, run, "Article", None, out);
        }
    }
    // divisions and subdivisions: siblings of one kind (and style) per parent
    for id in doc.ids() {
        let node = doc.node(id);
        let mut groups: Vec<(NodeKind, Option<crate::syntax::LabelStyle>, Vec<NodeId>)> =
            Vec::new();
        for &c in &node.children {
            let n = doc.node(c);
            if !(n.kind.is_division() || n.kind.is_subdivision() || n.kind.is_annex())
                || n.key.is_empty()
                // quoted provisions of an amended act are numbered there
                || doc.in_amendment(n.span.start)
            {
                continue;
            }
            match groups
                .iter_mut()
                .find(|(k, s, _)| *k == n.kind && *s == n.style)
            {
                Some((_, _, v)) => v.push(c),
                None => groups.push((n.kind, n.style, vec![c])),
            }
        }
        for (kind, _, nodes) in groups {
            let mut name = kind.name().to_string();
            name[..1].make_ascii_uppercase();
            let style = division_style(doc, &nodes);
            for run in alternatives(text, &headings, doc, &nodes) {
                sequence(doc, run, &name, style, out);
            }
        }
    }
}

/// The inserted numbers missing before `b` (`key`), by name, when `b`
/// carries a Latin suffix: `10` then `10 quinquies` misses `10 bis, 10 ter
/// and 10 quater`; `5` then `6 ter` misses `6, 6 bis`.
fn missing_suffixes(
    a: &(u32, usize, String),
    b: &(u32, usize, String),
    key: &str,
) -> Option<String> {
    use crate::syntax::number::{split_suffix, LATIN_SUFFIXES};
    if b.1 == 0 || b.1 > 8 {
        return None;
    }
    let (base, _) = split_suffix(key);
    let from = if b.0 == a.0 {
        a.1 + 1
    } else if b.0 == a.0 + 1 {
        0
    } else {
        return None;
    };
    let names: Vec<String> = (from..b.1)
        .map(|r| match r {
            0 => base.to_string(),
            r => format!("{base} {}", LATIN_SUFFIXES[r - 1]),
        })
        .collect();
    let (last, rest) = names.split_last()?;
    Some(match rest {
        [] => format!("{last} is missing"),
        _ => format!("{} and {last} are missing", rest.join(", ")),
    })
}

/// Siblings in runs numbered on their own: a negotiating text sets out
/// options (`**Option 1:**` ... `**Option 2:**`), each numbered afresh,
/// and a short sub-heading (`**Proposed Mechanism 2**`, `Method C`) may
/// start the numbering again.
fn alternatives<'n>(
    text: &str,
    headings: &AlternativeHeadings,
    doc: &Document,
    nodes: &'n [NodeId],
) -> Vec<&'n [NodeId]> {
    use crate::syntax::alternatives::has_sub_heading;
    let mut runs = Vec::new();
    let mut from = 0;
    for i in 1..nodes.len() {
        let between = doc.node(nodes[i - 1]).span.start..doc.node(nodes[i]).span.start;
        if text.get(between.clone()).is_none() {
            continue;
        }
        let next = doc.node(nodes[i]);
        let restarts = ordinal_in_style(&next.key, next.style).is_some_and(|o| o.0 == 1);
        if headings.any_in(text, between.clone()) || (restarts && has_sub_heading(&text[between])) {
            runs.push(&nodes[from..i]);
            from = i;
        }
    }
    runs.push(&nodes[from..]);
    runs
}

/// Divisions carry no label style: `Subsection C` is a letter when its
/// siblings include letters that are not Roman numerals (`A`, `B`).
fn division_style(doc: &Document, nodes: &[NodeId]) -> Option<LabelStyle> {
    let first = doc.node(*nodes.first()?);
    if first.style.is_some() {
        return first.style;
    }
    let letters = nodes.iter().any(|&n| {
        let k = &doc.node(n).key;
        k.len() == 1 && k.chars().all(|c| c.is_ascii_alphabetic()) && roman_value(k).is_none()
    });
    letters.then_some(LabelStyle::UpperAlpha)
}

fn sequence(
    doc: &Document,
    nodes: &[NodeId],
    what: &str,
    group_style: Option<LabelStyle>,
    out: &mut Vec<Diagnostic>,
) {
    let label = |id: NodeId| {
        let n = doc.node(id);
        if n.kind.is_subdivision() {
            format!("{} {}", n.kind.name(), n.label.trim())
        } else {
            format!("{} {}", what, n.key)
        }
    };
    let span = |id: NodeId| {
        let n = doc.node(id);
        n.number_span
            .clone()
            .unwrap_or_else(|| n.label_span.clone())
    };
    // the first element with each number (case aside), found by sorting:
    // most groups are a handful of siblings, too few to pay for a hash map
    let keys: Vec<crate::syntax::Key> = nodes
        .iter()
        .map(|&id| crate::syntax::lowercase_key(&doc.node(id).key))
        .collect();
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let mut first = vec![0; nodes.len()];
    for (k, &i) in order.iter().enumerate() {
        first[i] = match k.checked_sub(1).map(|p| order[p]) {
            Some(p) if keys[p] == keys[i] => first[p],
            _ => i,
        };
    }
    let mut previous = None;
    for (i, &id) in nodes.iter().enumerate() {
        let key = &doc.node(id).key;
        if first[i] != i {
            let first = nodes[first[i]];
            out.push(Diagnostic {
                severity: Severity::Error,
                code: "duplicate-number",
                message: format!("{} is numbered twice", label(id)),
                span: span(id),
                related: vec![Related {
                    file: None,
                    span: span(first),
                    message: format!("{} first appears here", label(first)),
                }],
            });
            previous = None; // the next element's predecessor is this one
            continue;
        }
        if i == 0 {
            continue;
        }
        let prev = nodes[i - 1];
        let style = doc.node(id).style.or(group_style);
        // this element's value is the next one's `a`: computed once
        let b = ordinal_in_style(key, style);
        let a = match previous.take() {
            Some((s, a)) if s == style => a,
            _ => ordinal_in_style(&doc.node(prev).key, style),
        };
        previous = Some((style, b.clone()));
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        if b <= a {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: "out-of-order",
                message: format!("{} comes after {}", label(id), label(prev)),
                span: span(id),
                related: vec![Related {
                    file: None,
                    span: span(prev),
                    message: format!("{} is here", label(prev)),
                }],
            });
        } else if is_gap(&a, &b) {
            let numeric = matches!(
                style,
                None | Some(LabelStyle::Decimal | LabelStyle::ParenDecimal)
            );
            let missing = if numeric && b.1 == 0 && b.2.is_empty() && b.0 == a.0 + 2 {
                format!("{} is missing", a.0 + 1)
            } else if numeric && b.1 == 0 && b.2.is_empty() {
                format!("{} to {} are missing", a.0 + 1, b.0 - 1)
            } else if let Some(names) = missing_suffixes(&a, &b, key) {
                names
            } else if b.0 <= a.0 + 2 {
                "one is missing".to_string()
            } else {
                "some are missing".to_string()
            };
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: "numbering-gap",
                message: format!("{} follows {}: {}", label(id), label(prev), missing),
                span: span(id),
                related: vec![],
            });
        }
    }
}

/// Whether `b` skips a number after `a` (`2` -> `5bis`, `6` -> `7bis`,
/// `5` -> `5ter`); inserted numbers (`5bis`, `5a`) after their base are fine.
fn is_gap(a: &(u32, usize, String), b: &(u32, usize, String)) -> bool {
    if b.0 > a.0 + 1 {
        return true;
    }
    if b.0 == a.0 + 1 {
        // `7bis` or `7b` right after `6`: `7` is missing
        return b.1 > 0 || (!b.2.is_empty() && b.2 != "a");
    }
    // same base: `5` -> `5ter` skips `5bis`
    b.0 == a.0 && b.1 > a.1 + 1
}
