//! `treaty-lsp extract SUBMISSION --stakeholder NAME --draft ID`: a draft
//! positions file from a submission's text, for a person to review.

use crate::extract::{extract, to_toml, Options};
use crate::positions::Group;
use crate::project::paths::relative;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(
    submission: &Path,
    stakeholder: &str,
    draft: &str,
    group: Option<&str>,
    output: Option<&PathBuf>,
) -> ExitCode {
    let group = match group {
        None => None,
        Some(g) => match Group::from_name(g) {
            Some(g) => Some(g),
            None => {
                eprintln!(
                    "error: `{}` is not a group; one of: {}",
                    g,
                    Group::ALL
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return ExitCode::from(2);
            }
        },
    };
    let text = match super::check::read_text(submission) {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("error: {}", msg);
            return ExitCode::from(2);
        }
    };
    // a positions file names its submission relative to itself
    let submission_name = match output.and_then(|o| relative(o, submission)) {
        Some(rel) => rel,
        None => submission.display().to_string(),
    };
    let options = Options {
        stakeholder,
        group,
        draft,
        submission: &submission_name,
    };
    let found = extract(&text);
    let toml = to_toml(&found, &options);
    // the file must read back cleanly; if not, that is a bug here
    let problems = crate::positions::read(&toml).problems;
    for p in &problems {
        eprintln!(
            "warning: the drafted file has a problem (a bug in extract): {}",
            p.message
        );
    }
    let result = match output {
        Some(path) => std::fs::write(path, &toml).map_err(|e| (path.display().to_string(), e)),
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            match out.write_all(toml.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(("standard output".to_string(), e))
                }
                _ => Ok(()),
            }
        }
    };
    if let Err((what, e)) = result {
        eprintln!("error: cannot write {}: {}", what, e);
        return ExitCode::from(2);
    }
    eprintln!(
        "{} positions drafted from {}{}",
        found.proposals.len(),
        submission.display(),
        output.map_or(String::new(), |o| format!(" into {}", o.display()))
    );
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
