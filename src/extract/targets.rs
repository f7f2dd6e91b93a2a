//! What a proposal targets: the references of a sentence to the draft
//! (never to another instrument, never inside quoted words), relative
//! ones read in the bullet's target or the reference before them, written
//! back as a target string the positions reader reads the same way.

use crate::syntax::reference::path_within;
use crate::syntax::{self, Anchor, Level, NodeKind, Piece, RangeRole, Reference, Scope, Span};

/// An element of the draft a proposal is about: an absolute path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elem {
    pub path: Vec<Piece>,
    pub role: RangeRole,
}

/// The elements a proposal is about.
#[derive(Clone, Debug, Default)]
pub struct Targets {
    pub elems: Vec<Elem>,
    /// The references as written, when every target of each is used as is.
    pub written: Vec<Span>,
    pub exact: bool,
}

impl Targets {
    /// The elements as compared: path and role.
    pub fn key(&self) -> Vec<String> {
        self.elems.iter().map(elem_key).collect()
    }
}

pub fn elem_key(e: &Elem) -> String {
    let role = match e.role {
        RangeRole::Single => "",
        RangeRole::From => " from",
        RangeRole::To => " to",
    };
    format!("{}{}", syntax::path_display(&e.path), role)
}

fn same_path(a: &[Piece], b: &[Piece]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.level == y.level && x.key == y.key)
}

/// Whether a reference is to the draft: not another instrument. In a
/// submission, `the Convention` is the draft.
pub fn internal(r: &Reference) -> bool {
    match &r.scope {
        Scope::External(named) => {
            let n = named.name.to_lowercase();
            let n = n.trim_start_matches("the ").trim();
            matches!(
                n,
                "convention" | "treaty" | "draft" | "draft convention" | "draft text" | "text"
            )
        }
        _ => true,
    }
}

/// `paragraph 18.5` in a submission is Article 18, paragraph 5.
fn dotted_paragraph(text: &str, path: &[Piece]) -> Option<Vec<Piece>> {
    if path.len() >= 2
        && path[0].level == Level::Sub(1)
        && text.get(path[0].span.end..path[1].span.start) == Some(".")
        && path[0].key.chars().all(|c| c.is_ascii_digit())
    {
        let mut out = vec![Piece {
            level: Level::Article,
            key: path[0].key.clone(),
            span: path[0].span.clone(),
        }];
        for (i, p) in path[1..].iter().enumerate() {
            out.push(Piece {
                level: Level::Sub(i as u8 + 1),
                key: p.key.clone(),
                span: p.span.clone(),
            });
        }
        return Some(out);
    }
    None
}

/// A relative path (`subparagraph (b)`) read inside an absolute one, by
/// the reference reader's own rule; only where that gives an article.
fn within(base: &[Piece], rel: &[Piece]) -> Option<Vec<Piece>> {
    if !matches!(rel.first()?.level, Level::Sub(_)) {
        return None;
    }
    let path = path_within(base, rel);
    path.iter()
        .any(|p| p.level == Level::Article)
        .then_some(path)
}

/// Context for reading the references of one sentence.
pub struct Scene<'a> {
    pub text: &'a str,
    /// The bullet's bold label target.
    pub label: Option<&'a Targets>,
    /// The chapter of the section the line is in (`Chapter III` heading).
    pub chapter: Option<&'a Elem>,
}

/// Words before a reference that make it something other than what the
/// verb acts on: `aligning X with Article 22`, `limited to articles 6-16`.
fn not_object(before: &str) -> bool {
    let b = before.trim_end().to_lowercase();
    let b = b.trim_end_matches(['*', '_', '(', '"', '“']).trim_end();
    [
        " with",
        " than",
        "accordance with",
        "limited to",
        "only to",
        "restricted to",
        "confined to",
        "referring to",
        "refer to",
        "references to",
        "reference to",
        "applies to",
        "apply to",
        "established under",
        "set forth in",
        "except for",
        "renamed as",
        "moved to",
    ]
    .iter()
    .any(|m| b.ends_with(m))
}

/// Words between two references that end the list of what the verb acts
/// on: a new clause or a purpose.
fn breaks_list(gap: &str) -> bool {
    let g = format!(" {} ", gap.to_lowercase());
    [
        " to ",
        " which ",
        " whose ",
        " that ",
        " where ",
        " while ",
        " because ",
        " since ",
        " except ",
        " than ",
        " with ",
        " so ",
        " whereas ",
        " unless ",
        " but ",
        ". ",
    ]
    .iter()
    .any(|m| g.contains(m))
}

/// The targets of a sentence: the first reference to the draft that is
/// not the complement of another word, and the references listed with it.
/// Relative references are read in the bullet's target or the reference
/// before them; `this article` is the bullet's target.
pub fn sentence_targets(
    scene: &Scene,
    refs: &[&Reference],
    checks: &mut Vec<String>,
    sentence_start: usize,
) -> Targets {
    let mut reader = TargetReader {
        scene,
        refs,
        checks,
        t: Targets {
            exact: true,
            ..Default::default()
        },
        last_end: None,
        base: scene
            .label
            .and_then(|l| l.elems.first().map(|e| e.path.clone())),
        pending_rel: Vec::new(),
    };
    for r in refs {
        let text = scene.text;
        match reader.last_end {
            None if not_object(&text[sentence_start.min(r.span.start)..r.span.start]) => continue,
            None => {}
            Some(e) => {
                let gap = &text[e.min(r.span.start)..r.span.start];
                // a tail like `to Article 45, paragraph 1` places the relative ones
                let places_pending =
                    !reader.pending_rel.is_empty() && gap.trim().eq_ignore_ascii_case("to");
                if breaks_list(gap) && !places_pending {
                    break;
                }
            }
        }
        if !reader.reference(r) {
            break;
        }
    }
    reader.t
}

/// Reads a sentence's references in turn.
struct TargetReader<'a> {
    scene: &'a Scene<'a>,
    refs: &'a [&'a Reference],
    checks: &'a mut Vec<String>,
    t: Targets,
    /// Where the last reference taken ends.
    last_end: Option<usize>,
    /// The path relative references are read in.
    base: Option<Vec<Piece>>,
    /// Relative references waiting for the absolute one they are in
    /// (`subparagraphs (c) and (d) to Article 45, paragraph 1`).
    pending_rel: Vec<(Vec<Piece>, RangeRole)>,
}

impl TargetReader<'_> {
    /// Takes the targets of `r`; false when the list of targets ends here.
    fn reference(&mut self, r: &Reference) -> bool {
        let mut exact = true;
        let mut got: Vec<Elem> = Vec::new();
        for k in 0..r.targets.len() {
            self.target(r, k, &mut got, &mut exact);
        }
        // a relative tail placed by an absolute reference of its own (`to
        // Article 45, paragraph 1`)
        let all_absolute = r.targets.iter().all(|x| x.anchor == Anchor::Absolute);
        if let Some(b) = r
            .targets
            .first()
            .filter(|_| all_absolute && !self.pending_rel.is_empty())
        {
            let base_path = b.path.clone();
            got.extend(self.place_pending(&base_path));
            got.retain(|e| !same_path(&e.path, &base_path));
            exact = false;
        }
        if got.is_empty() {
            return self.last_end.is_none();
        }
        if !exact {
            self.t.exact = false;
        }
        for g in got {
            if !self.t.elems.iter().any(|e| elem_key(e) == elem_key(&g)) {
                self.t.elems.push(g);
            }
        }
        self.t.written.push(r.span.clone());
        self.last_end = Some(r.span.end);
        true
    }

    /// The elements target `k` of `r` names, read in what came before.
    fn target(&mut self, r: &Reference, k: usize, got: &mut Vec<Elem>, exact: &mut bool) {
        let (targets, tg) = (&r.targets, &r.targets[k]);
        match &tg.anchor {
            Anchor::Absolute => {
                // `subparagraphs (c) and (d) to Article 45, paragraph 1`
                if tg.role == RangeRole::To && k > 0 && targets[k - 1].anchor != Anchor::Absolute {
                    *exact = false;
                    got.extend(self.place_pending(&tg.path));
                    self.base = Some(tg.path.clone());
                    return;
                }
                self.base = Some(tg.path.clone());
                got.push(elem(tg.path.clone(), tg.role));
            }
            Anchor::Enclosing => {
                *exact = false;
                self.relative(r, k, got);
            }
            Anchor::This { kind } => {
                *exact = false;
                if *kind != NodeKind::Chapter {
                    got.extend(
                        self.scene
                            .label
                            .iter()
                            .flat_map(|l| l.elems.iter().cloned()),
                    );
                } else if let Some(c) = self.scene.chapter {
                    self.checks.push(format!(
                        "`this chapter` taken as {}, the heading the text stands under",
                        syntax::path_display(&c.path)
                    ));
                    got.push(c.clone());
                }
            }
            Anchor::Sibling { .. } => {}
        }
    }

    /// A relative target: `paragraph 18.5`, one waiting for the absolute
    /// reference after it, or one read in the reference before.
    fn relative(&mut self, r: &Reference, k: usize, got: &mut Vec<Elem>) {
        let text = self.scene.text;
        let tg = &r.targets[k];
        if let Some(p) = dotted_paragraph(text, &tg.path) {
            self.base = Some(p.clone());
            got.push(elem(p, tg.role));
            return;
        }
        let next_is_abs_to = r
            .targets
            .get(k + 1)
            .is_some_and(|n| n.role == RangeRole::To && n.anchor == Anchor::Absolute);
        if next_is_abs_to || tg.role == RangeRole::From {
            self.pending_rel.push((tg.path.clone(), tg.role));
            return;
        }
        // a bare tail (`to Article 45, paragraph 1`) may follow
        let tail_follows = self
            .refs
            .iter()
            .find(|n| n.span.start >= r.span.end)
            .is_some_and(|n| {
                text[r.span.end..n.span.start]
                    .trim()
                    .eq_ignore_ascii_case("to")
            });
        if tail_follows {
            self.pending_rel.push((tg.path.clone(), RangeRole::Single));
            return;
        }
        if let Some(p) = self.base.as_ref().and_then(|b| within(b, &tg.path)) {
            got.push(elem(p, tg.role));
        }
    }

    /// The waiting relative references, read in `base`.
    fn place_pending(&mut self, base: &[Piece]) -> Vec<Elem> {
        self.pending_rel
            .drain(..)
            .filter_map(|(rel, _)| within(base, &rel))
            .map(|p| elem(p, RangeRole::Single))
            .collect()
    }
}

fn elem(path: Vec<Piece>, role: RangeRole) -> Elem {
    Elem { path, role }
}

/// A target string that the positions reader reads back as `elems`.
pub fn render_target(text: &str, t: &Targets) -> String {
    let want = t.key();
    if t.exact && !t.written.is_empty() {
        let written = t
            .written
            .iter()
            .map(|s| clean_reference(&text[s.clone()]))
            .collect::<Vec<_>>()
            .join(", ");
        if reread(&written) == want {
            return written;
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < t.elems.len() {
        let e = &t.elems[i];
        if e.role == RangeRole::From {
            if let Some(to) = t.elems.get(i + 1).filter(|n| n.role == RangeRole::To) {
                parts.push(format!(
                    "{} to {}",
                    syntax::path_display(&e.path),
                    syntax::path_display(&to.path)
                ));
                i += 2;
                continue;
            }
        }
        parts.push(syntax::path_display(&e.path));
        i += 1;
    }
    parts.join(", ")
}

fn clean_reference(s: &str) -> String {
    let t: String = s.chars().filter(|c| !"*_\\".contains(*c)).collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a target string names, as the positions reader reads it.
fn reread(target: &str) -> Vec<String> {
    let doc = syntax::parse_prose(target);
    let mut out = Vec::new();
    for r in &doc.references {
        for tg in &r.targets {
            if tg.anchor != Anchor::Absolute
                || !matches!(r.scope, Scope::Implicit | Scope::ThisInstrument)
            {
                out.push(format!("?{}", syntax::path_display(&tg.path)));
                continue;
            }
            out.push(elem_key(&Elem {
                path: tg.path.clone(),
                role: tg.role,
            }));
        }
    }
    out
}
