//! `treaty-lsp migrate POSITIONS --to NEW_DRAFT`: a positions file
//! rewritten for a later version of its draft. The project around the
//! positions file (its `treaty.toml`, drafts, correspondence tables) says
//! how the versions follow each other and correspond.

use crate::analysis::{DocId, Role, Workspace};
use crate::project::discover::{project_root, workspace_files};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(positions: &Path, to: &Path, write: bool) -> ExitCode {
    match migrate(positions, to, write) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn migrate(positions: &Path, to: &Path, write: bool) -> Result<(), String> {
    let root = project_root(positions);
    let mut ws = Workspace::new();
    let project = workspace_files(&root, true);
    if let Some(e) = &project.error {
        eprintln!("warning: {e}");
    }
    let name = |p: &Path| p.display().to_string();
    for (path, role) in &project.files {
        if let Ok(text) = super::check::read_text(path) {
            ws.add_as(name(path), text, *role);
        }
    }
    ws.set_aliases(
        project
            .aliases
            .iter()
            .map(|(p, n)| (name(p), n.clone()))
            .collect(),
    );
    ws.set_versions(vec![project.versions.iter().map(|p| name(p)).collect()]);
    let file = find_or_add(&mut ws, &project.files, positions, Role::Positions)?;
    let draft = find_or_add(&mut ws, &project.files, to, Role::Draft)?;
    let m = ws.migrate(file, draft)?;
    for line in &m.moved {
        eprintln!("moved: {line}");
    }
    for line in &m.set_aside {
        eprintln!("set aside (commented out): {line}");
    }
    eprintln!(
        "{} position(s) moved to {}, {} set aside",
        m.moved.len(),
        ws.file(draft).name,
        m.set_aside.len()
    );
    if write {
        std::fs::write(positions, &m.text)
            .map_err(|e| format!("cannot write {}: {e}", positions.display()))
    } else {
        print!("{}", m.text);
        Ok(())
    }
}

/// The file at `path` in the workspace, read into it when the project
/// walk did not find it.
fn find_or_add(
    ws: &mut Workspace,
    found: &[(PathBuf, Role)],
    path: &Path,
    role: Role,
) -> Result<DocId, String> {
    let wanted = std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let same = |p: &Path| std::fs::canonicalize(p).is_ok_and(|c| c == wanted);
    if let Some((p, _)) = found.iter().find(|(p, _)| same(p)) {
        if let Some(id) = ws.find(&p.display().to_string()) {
            return Ok(id);
        }
    }
    let text = super::check::read_text(path)?;
    Ok(ws.add_as(path.display().to_string(), text, role))
}
