//! `treaty-lsp report DRAFT...`: the positions matrix of each draft, the
//! most contested articles, and every position with the stakeholder's
//! words and its changes as struck and inserted words. HTML (one
//! self-contained file, fine to print), Markdown (to paste into a brief)
//! or JSON (`docs/report-json.md`). The report itself is
//! `analysis::stakes::report`; this module reads the drafts' projects and
//! renders it.

use crate::analysis::stakes::report::{html, markdown, Report};
use crate::analysis::{DocId, Workspace};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The JSON's schema version; bump on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
    Json,
}

pub fn run(drafts: &[PathBuf], format: Option<ReportFormat>, output: Option<&Path>) -> ExitCode {
    let format = format.unwrap_or_else(|| format_of(output));
    let (ws, ids, errors) = load(drafts);
    for e in &errors {
        eprintln!("error: {e}");
    }
    if ids.is_empty() {
        if errors.is_empty() {
            eprintln!("error: no draft to report on among the paths given");
        }
        return ExitCode::from(2);
    }
    let reports: Vec<Report> = ids.iter().map(|&id| ws.report(id)).collect();
    let text = match format {
        ReportFormat::Html => html::page(&reports, &file_href),
        ReportFormat::Md => markdown::document(&reports),
        ReportFormat::Json => json(&reports),
    };
    let written = match output {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => super::write_stdout(&text),
    };
    match written {
        Ok(()) if errors.is_empty() => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The format an output file's name asks for: `.html`, `.json`, else
/// Markdown (also on standard output).
fn format_of(output: Option<&Path>) -> ReportFormat {
    match output.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
        Some("html" | "htm") => ReportFormat::Html,
        Some("json") => ReportFormat::Json,
        _ => ReportFormat::Md,
    }
}

/// Each path's project read into one workspace (its drafts, positions
/// files, submissions and versions, as `check` reads a folder), and the
/// drafts to report on, each once, in the order given: a draft named, or
/// every draft of a folder named. A file named that is no draft (a
/// positions file) is read as what it is, and said.
pub fn load(paths: &[PathBuf]) -> (Workspace, Vec<DocId>, Vec<String>) {
    let mut ws = Workspace::new();
    let mut load = super::load::Loader::default();
    let mut ids = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found = load.add_folder(&mut ws, p);
            ids.extend(found.into_iter().filter(|&id| ws.file(id).is_draft()));
            continue;
        }
        // named first, so that it is reported under the name given
        match load.add_file(&mut ws, p, None) {
            Ok(id) if ws.file(id).is_draft() => ids.push(id),
            Ok(_) => load.errors.push(format!("{} is not a draft", p.display())),
            Err(e) => load.errors.push(e),
        }
        let _ = load.add_folder(&mut ws, &crate::project::discover::project_root(p));
    }
    load.finish(&mut ws);
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    (ws, ids, load.errors)
}

fn json(reports: &[Report]) -> String {
    #[derive(serde::Serialize)]
    struct Json<'r> {
        version: u32,
        reports: &'r [Report],
    }
    let mut out = serde_json::to_string_pretty(&Json {
        version: SCHEMA_VERSION,
        reports,
    })
    .unwrap_or_default();
    out.push('\n');
    out
}

/// A link to a local file: the `file://` URI of its real path when it
/// exists, so the page works wherever it is saved.
fn file_href(name: &str) -> String {
    let path = std::fs::canonicalize(name)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| name.to_string());
    // a `#`, `?`, `%` or space in a name is part of it, not of the link
    let mut href = String::from(if path.starts_with('/') { "file://" } else { "" });
    for c in path.chars() {
        match c {
            ' ' | '#' | '?' | '%' | '"' | '<' | '>' => href += &format!("%{:02X}", c as u32),
            c => href.push(c),
        }
    }
    href
}
