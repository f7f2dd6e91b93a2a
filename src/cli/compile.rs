//! `treaty-lsp compile DRAFT`: the compilation of proposals
//! (`analysis::stakes::compile`), the draft's project read as `report`
//! reads it.

use std::path::Path;
use std::process::ExitCode;

pub fn run(draft: &Path, output: Option<&Path>) -> ExitCode {
    if draft.is_dir() {
        eprintln!(
            "error: {} is a folder: compile takes one draft",
            draft.display()
        );
        return ExitCode::from(2);
    }
    let (ws, ids, errors) = super::report::load(&[draft.to_path_buf()]);
    for e in &errors {
        eprintln!("error: {e}");
    }
    let Some(&id) = ids.first() else {
        return ExitCode::from(2);
    };
    let c = ws.compile(id);
    let written = match output {
        Some(path) => std::fs::write(path, &c.text)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => super::write_stdout(&c.text),
    };
    match written {
        Ok(()) => {
            let proposals = super::check::plural(c.placed, "proposal", "proposals");
            eprintln!(
                "{proposals} placed in the compilation of {}",
                draft.display()
            );
            // a positions file that could not be read is missing from it
            ExitCode::from(u8::from(!errors.is_empty()))
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
