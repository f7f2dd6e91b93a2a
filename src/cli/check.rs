//! `treaty-lsp check`: per file, the outline counts and every diagnostic;
//! human-readable or JSON (schema in `docs/check-json.md`).

use super::Format;
use crate::analysis::{Diagnostic, DocId, FileKind, Resolution, SourceFile, Workspace};
use crate::syntax::lines::LineIndex;
use crate::syntax::{Document, NodeId, NodeKind, RangeRole, Reference, Scope, Severity, Span};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The JSON schema version; bump on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// `check`'s exit status when it was given nothing to check.
pub const NOTHING_TO_CHECK: u8 = 3;

pub fn run(paths: &[PathBuf], format: Format, warnings: bool) -> ExitCode {
    let mut ws = Workspace::new();
    let mut load = super::load::Loader::default();
    // the files named first: each is read as its name says, whatever a
    // folder given beside it would make of it
    let (folders, files): (Vec<&PathBuf>, Vec<&PathBuf>) = paths.iter().partition(|p| p.is_dir());
    for p in files {
        if let Err(e) = load.add_file(&mut ws, p, None) {
            load.errors.push(e);
        }
    }
    for p in folders {
        let _ = load.add_folder(&mut ws, p);
    }
    load.finish(&mut ws);
    for w in &load.warnings {
        eprintln!("warning: {w}");
    }
    for e in &load.errors {
        eprintln!("error: {e}");
    }
    let reports: Vec<FileReport> = ws
        .all_ids()
        .filter(|&id| !matches!(ws.file(id).kind, FileKind::Submission))
        .map(|id| report(&ws, id))
        .collect();
    if reports.is_empty() && load.errors.is_empty() {
        for (folder, others) in &load.empty_folders {
            eprint!("{}", nothing_to_check(folder, others, "error"));
        }
        return ExitCode::from(NOTHING_TO_CHECK);
    }
    for (folder, others) in &load.empty_folders {
        eprint!("{}", nothing_to_check(folder, others, "warning"));
    }
    let any_error = reports.iter().any(|r| r.counts.errors > 0);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match format {
        Format::Json => {
            let all = Report {
                version: SCHEMA_VERSION,
                files: reports,
            };
            super::json::write(&mut out, &all).and_then(|_| writeln!(out))
        }
        Format::Human => print_human(&mut out, &reports, warnings),
    };
    if let Err(e) = result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write output: {}", e);
            return ExitCode::from(2);
        }
    }
    if any_error || !load.errors.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `check` says of a folder with nothing to check in it, and how to
/// have it checked: `others` are the Markdown and text files there.
fn nothing_to_check(folder: &Path, others: &[PathBuf], level: &str) -> String {
    let mut msg = format!(
        "{level}: nothing to check in {}: no drafts (*.treaty, *.treaty.md), positions files \
         (*.positions.toml) or files its treaty.toml lists\n",
        folder.display()
    );
    if let Some(first) = others.first() {
        let shown: Vec<String> = others
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        let more = others.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        msg +=
            &format!(
            "  help: {} there {} not read as drafts by name ({}{more}): name a file to check it \
             (treaty-lsp check {}), or list the folder under `files` in {}\n",
            plural(others.len(), "Markdown or text file", "Markdown or text files"),
            if others.len() == 1 { "is" } else { "are" },
            shown.join(", "),
            first.display(),
            folder.join(crate::project::roles::PROJECT_SETTINGS).display(),
        );
    }
    msg
}

/// The cap on a file's size for this run (`--max-file-size`).
static MAX_FILE_BYTES: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(crate::project::read::DEFAULT_MAX_FILE_BYTES);

pub fn set_max_file_bytes(bytes: u64) {
    MAX_FILE_BYTES.store(bytes, std::sync::atomic::Ordering::Relaxed);
}

/// Reads a file as UTF-8 (a regular file under the cap only), with a
/// one-line message naming it on failure.
pub fn read_text(path: &Path) -> Result<String, String> {
    let limit = MAX_FILE_BYTES.load(std::sync::atomic::Ordering::Relaxed);
    crate::project::read::read_text_file(path, limit).map_err(|e| match e {
        // `file:line:col: ...`, as compilers place it
        crate::project::read::ReadError::NotUtf8 { .. } => format!("{}:{}", path.display(), e),
        e => format!("cannot read {}: {}", path.display(), e),
    })
}

#[derive(Serialize)]
struct Report {
    version: u32,
    files: Vec<FileReport>,
}

#[derive(Serialize)]
struct FileReport {
    path: String,
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    counts: Counts,
    outline: Vec<OutlineNode>,
    references: Vec<JsonReference>,
    definitions: Vec<JsonDefinition>,
    brackets: Vec<JsonBracket>,
    diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Serialize, Default)]
struct Counts {
    instruments: usize,
    annexes: usize,
    divisions: usize,
    articles: usize,
    paragraphs: usize,
    subparagraphs: usize,
    references: usize,
    targets: usize,
    resolved: usize,
    external: usize,
    dangling: usize,
    brackets: usize,
    definitions: usize,
    /// In a positions file: its positions and their changes.
    #[serde(skip_serializing_if = "is_zero")]
    positions: usize,
    #[serde(skip_serializing_if = "is_zero")]
    changes: usize,
    /// In a correspondence table: its entries.
    #[serde(skip_serializing_if = "is_zero")]
    pairs: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize, Clone, Copy)]
struct Pos {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Loc {
    start: Pos,
    end: Pos,
    /// byte offsets
    offsets: [usize; 2],
}

#[derive(Serialize)]
struct OutlineNode {
    kind: NodeKind,
    label: String,
    key: String,
    /// The citation form inside its container: `6(1)(a)`.
    path: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<String>,
    location: Loc,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    children: Vec<OutlineNode>,
}

#[derive(Serialize)]
struct JsonReference {
    text: String,
    location: Loc,
    scope: Scope,
    targets: Vec<JsonTarget>,
}

#[derive(Serialize)]
struct JsonTarget {
    text: String,
    location: Loc,
    role: RangeRole,
    /// The cited element as this reference names it: `Article 6(1)(a)`.
    cites: String,
    resolution: JsonResolution,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum JsonResolution {
    Resolved {
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        name: String,
        location: Loc,
    },
    External {
        instrument: String,
    },
    Dangling {
        reason: String,
    },
}

#[derive(Serialize)]
struct JsonDefinition {
    term: String,
    location: Loc,
    defined_in: String,
}

#[derive(Serialize)]
struct JsonBracket {
    location: Loc,
    depth: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternatives: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    severity: Severity,
    code: &'static str,
    message: String,
    location: Loc,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated>,
}

#[derive(Serialize)]
struct JsonRelated {
    message: String,
    /// The file of the location, when not the diagnostic's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    location: Loc,
}

struct Locator<'a> {
    text: &'a str,
    index: LineIndex,
}

impl Locator<'_> {
    fn of(file: &SourceFile) -> Locator<'_> {
        Locator {
            text: &file.text,
            index: LineIndex::new(&file.text),
        }
    }

    fn loc(&self, span: &Span) -> Loc {
        let (l1, c1) = self.index.line_col(self.text, span.start);
        let (l2, c2) = self.index.line_col(self.text, span.end);
        Loc {
            start: Pos {
                line: l1,
                column: c1,
            },
            end: Pos {
                line: l2,
                column: c2,
            },
            offsets: [span.start, span.end],
        }
    }
}

fn outline(doc: &Document, loc: &Locator, id: NodeId) -> OutlineNode {
    let n = doc.node(id);
    OutlineNode {
        kind: n.kind,
        label: n.label.to_string(),
        key: n.key.to_string(),
        path: doc.path_key(id),
        name: doc.display_name(id),
        heading: n.heading.as_deref().map(str::to_string),
        location: loc.loc(&n.span),
        children: n.children.iter().map(|&c| outline(doc, loc, c)).collect(),
    }
}

fn report(ws: &Workspace, id: DocId) -> FileReport {
    let file = ws.file(id);
    let doc = &file.doc;
    let loc = Locator::of(file);
    let mut counts = node_counts(doc);
    let references = doc
        .references
        .iter()
        .map(|r| json_reference(ws, id, &loc, r, &mut counts))
        .collect();
    if let Some(p) = file.positions() {
        counts.positions = p.positions.len();
        counts.changes = p.positions.iter().map(|p| p.changes.len()).sum();
    }
    if let FileKind::Correspondence(table) = &file.kind {
        counts.pairs = table.pairs.len();
    }
    counts.references = doc.references.len();
    counts.brackets = doc.brackets.len();
    counts.definitions = doc.definitions.len();
    let diagnostics: Vec<JsonDiagnostic> = ws
        .diagnostics(id)
        .into_iter()
        .map(|d| json_diagnostic(ws, id, &loc, d, &mut counts))
        .collect();
    FileReport {
        path: file.name.clone(),
        title: doc.title.clone(),
        id: doc.front_matter.as_ref().and_then(|f| f.id.clone()),
        outline: doc
            .root()
            .children
            .iter()
            .map(|&c| outline(doc, &loc, c))
            .collect(),
        references,
        definitions: doc
            .definitions
            .iter()
            .map(|d| JsonDefinition {
                term: d.term.clone(),
                location: loc.loc(&d.term_span),
                defined_in: doc.display_name(d.node),
            })
            .collect(),
        brackets: doc
            .brackets
            .iter()
            .map(|b| JsonBracket {
                location: loc.loc(&b.span),
                depth: b.depth,
                alternatives: b.alternatives,
                label: b.label.clone(),
            })
            .collect(),
        diagnostics,
        counts,
    }
}

/// How many elements of each kind a document has.
fn node_counts(doc: &Document) -> Counts {
    let mut counts = Counts::default();
    for n in &doc.nodes {
        match n.kind {
            NodeKind::Instrument => counts.instruments += 1,
            NodeKind::Annex | NodeKind::Appendix => counts.annexes += 1,
            NodeKind::Article => counts.articles += 1,
            NodeKind::Paragraph => counts.paragraphs += 1,
            NodeKind::Subparagraph => counts.subparagraphs += 1,
            k if k.is_division() => counts.divisions += 1,
            _ => {}
        }
    }
    counts
}

/// A reference with each target's resolution, counted.
fn json_reference(
    ws: &Workspace,
    id: DocId,
    loc: &Locator,
    r: &Reference,
    counts: &mut Counts,
) -> JsonReference {
    let text = &ws.file(id).text;
    let mut targets = Vec::new();
    for res in ws.resolve_reference(id, r) {
        counts.targets += 1;
        let resolution = match &res.resolution {
            Resolution::Node { doc: d, node } => {
                counts.resolved += 1;
                let tf = ws.file(*d);
                let span = &tf.doc.node(*node).span;
                JsonResolution::Resolved {
                    file: (*d != id).then(|| tf.name.clone()),
                    name: tf.doc.display_name(*node),
                    location: if *d == id {
                        loc.loc(span)
                    } else {
                        Locator::of(tf).loc(span)
                    },
                }
            }
            Resolution::External { instrument } => {
                counts.external += 1;
                JsonResolution::External {
                    instrument: instrument.clone(),
                }
            }
            Resolution::Dangling { reason } => {
                counts.dangling += 1;
                JsonResolution::Dangling {
                    reason: reason.clone(),
                }
            }
        };
        targets.push(JsonTarget {
            text: text[res.target.span.clone()].to_string(),
            location: loc.loc(&res.target.span),
            role: res.target.role,
            cites: crate::syntax::path_display(&res.target.path),
            resolution,
        });
    }
    JsonReference {
        text: text[r.span.clone()].to_string(),
        location: loc.loc(&r.span),
        scope: r.scope.clone(),
        targets,
    }
}

/// A diagnostic with its related places, counted.
fn json_diagnostic(
    ws: &Workspace,
    id: DocId,
    loc: &Locator,
    d: Diagnostic,
    counts: &mut Counts,
) -> JsonDiagnostic {
    match d.severity {
        Severity::Error => counts.errors += 1,
        Severity::Warning => counts.warnings += 1,
        _ => {}
    }
    let related = d
        .related
        .into_iter()
        .map(|r| match r.file.filter(|&f| f != id) {
            Some(other) => {
                let f = ws.file(other);
                JsonRelated {
                    message: r.message,
                    file: Some(f.name.clone()),
                    location: Locator::of(f).loc(&r.span),
                }
            }
            None => JsonRelated {
                message: r.message,
                file: None,
                location: loc.loc(&r.span),
            },
        })
        .collect();
    JsonDiagnostic {
        severity: d.severity,
        code: d.code,
        message: d.message,
        location: loc.loc(&d.span),
        related,
    }
}

/// `1 error`, `2 errors`: for every command's messages.
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", n, if n == 1 { one } else { many })
}

fn print_human(
    out: &mut impl Write,
    reports: &[FileReport],
    warnings: bool,
) -> std::io::Result<()> {
    for r in reports {
        let c = &r.counts;
        if crate::project::roles::is_positions_file(&r.path) {
            writeln!(
                out,
                "{}: {}, {}",
                r.path,
                plural(c.positions, "position", "positions"),
                plural(c.changes, "change", "changes")
            )?;
            print_diagnostics(out, r, warnings)?;
            continue;
        }
        if crate::project::roles::is_correspondence_file(&r.path) {
            let pairs = plural(c.pairs, "element", "elements");
            writeln!(out, "{}: a correspondence table of {pairs}", r.path)?;
            print_diagnostics(out, r, warnings)?;
            continue;
        }
        let mut summary = vec![plural(c.articles, "article", "articles")];
        if c.divisions > 0 {
            summary.push(plural(c.divisions, "division", "divisions"));
        }
        if c.annexes > 0 {
            summary.push(plural(c.annexes, "annex", "annexes"));
        }
        if c.instruments > 0 {
            summary.push(plural(
                c.instruments,
                "further instrument",
                "further instruments",
            ));
        }
        summary.push(format!(
            "{} ({} resolved, {} external, {} dangling)",
            plural(c.targets, "cited element", "cited elements"),
            c.resolved,
            c.external,
            c.dangling
        ));
        summary.push(plural(c.brackets, "bracket", "brackets"));
        summary.push(plural(c.definitions, "defined term", "defined terms"));
        writeln!(
            out,
            "{}: {}{}",
            r.path,
            r.title
                .as_deref()
                .map(|t| format!("{}: ", t))
                .unwrap_or_default(),
            summary.join(", ")
        )?;
        print_diagnostics(out, r, warnings)?;
    }
    if reports.len() > 1 {
        let sum = |count: fn(&Counts) -> usize| reports.iter().map(|r| count(&r.counts)).sum();
        writeln!(
            out,
            "{} checked: {}, {}",
            plural(reports.len(), "file", "files"),
            plural(sum(|c| c.errors), "error", "errors"),
            plural(sum(|c| c.warnings), "warning", "warnings")
        )?;
    }
    Ok(())
}

fn print_diagnostics(out: &mut impl Write, r: &FileReport, warnings: bool) -> std::io::Result<()> {
    let c = &r.counts;
    for d in &r.diagnostics {
        if !warnings && d.severity != Severity::Error {
            continue;
        }
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        };
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            r.path, d.location.start.line, d.location.start.column, sev, d.code, d.message
        )?;
        for rel in &d.related {
            writeln!(
                out,
                "  {}:{}:{}: note: {}",
                rel.file.as_deref().unwrap_or(&r.path),
                rel.location.start.line,
                rel.location.start.column,
                rel.message
            )?;
        }
    }
    writeln!(
        out,
        "{}: {}, {}",
        r.path,
        plural(c.errors, "error", "errors"),
        plural(c.warnings, "warning", "warnings")
    )?;
    Ok(())
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
