//! `treaty-lsp compile DRAFT`: the compilation of proposals
//! (`analysis::stakes::compile`), the draft's project read as `report`
//! reads it.

use crate::analysis::stakes::compile::html;
use std::path::Path;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CompileFormat {
    Md,
    Html,
}

pub fn run(draft: &Path, format: Option<CompileFormat>, output: Option<&Path>) -> ExitCode {
    let html_name = output
        .and_then(|p| p.extension())
        .is_some_and(|e| e == "html" || e == "htm");
    let format = format.unwrap_or(if html_name {
        CompileFormat::Html
    } else {
        CompileFormat::Md
    });
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
    let text = match format {
        CompileFormat::Md => c.text.clone(),
        CompileFormat::Html => html::page(&c),
    };
    let written = match output {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => super::write_stdout(&text),
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
