//! `treaty-lsp migrate POSITIONS --to NEW_DRAFT`: a positions file
//! rewritten for a later version of its draft. The project around the
//! positions file (its `treaty.toml`, drafts, correspondence tables) says
//! how the versions follow each other and correspond.

use crate::analysis::{Role, Workspace};
use crate::project::discover::project_root;
use std::path::Path;
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
    let mut ws = Workspace::new();
    let mut load = super::load::Loader::default();
    let _ = load.add_folder(&mut ws, &project_root(positions));
    let file = load.add_file(&mut ws, positions, Some(Role::Positions))?;
    let draft = load.add_file(&mut ws, to, Some(Role::Draft))?;
    load.finish(&mut ws);
    for e in load.warnings.iter().chain(&load.errors) {
        eprintln!("warning: {e}");
    }
    let m = ws.migrate(file, draft)?;
    for line in &m.moved {
        eprintln!("moved: {line}");
    }
    for line in &m.set_aside {
        eprintln!("set aside (commented out): {line}");
    }
    let positions_moved = super::check::plural(m.moved.len(), "position", "positions");
    eprintln!(
        "{positions_moved} moved to {}, {} set aside",
        to.display(),
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
