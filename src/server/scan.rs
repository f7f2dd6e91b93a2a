//! Finding a workspace's files: drafts (`*.treaty`, `*.treaty.md`),
//! positions files (`*.positions.toml`) and submissions (`*.md`, `*.txt`
//! in a folder named `submissions`) under the workspace folders, plus what
//! `treaty.toml` lists.
//!
//! `treaty.toml` (at a workspace folder's root), all keys optional:
//!
//! ```toml
//! # more drafts to index, files or folders relative to this file; folders
//! # are searched for *.md, *.txt, *.treaty
//! files = ["../shared/corpus/treaties/unclos.md", "reference-texts/"]
//! # stakeholder submissions (files or folders), read as prose whose
//! # references cite the draft their positions file names
//! submissions = ["../shared/corpus/submissions/"]
//! # more names for the instrument in a file, so that `Article 22 of the
//! # Budapest Convention` resolves into it
//! [aliases]
//! "reference-texts/budapest.md" = ["Budapest Convention"]
//! ```

use crate::analysis::Role;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatyToml {
    #[serde(default)]
    pub files: Vec<String>,
    #[serde(default)]
    pub submissions: Vec<String>,
    #[serde(default)]
    pub aliases: HashMap<String, Vec<String>>,
}

/// Reads `treaty.toml` in `root`, if any; a broken file is an error with
/// its location, so the caller can show it.
pub fn read_config(root: &Path) -> Result<Option<TreatyToml>, String> {
    let path = root.join("treaty.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {}", path.display(), e)),
    };
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| format!("{}: {}", path.display(), e))
}

/// Which files of a folder to take, and as what.
type Keep = fn(&Path) -> Option<Role>;

fn name_of(p: &Path) -> &str {
    p.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// A file found by walking a workspace folder: drafts and positions files
/// by name, and text files in a `submissions` folder.
fn found_in_workspace(p: &Path) -> Option<Role> {
    let name = name_of(p);
    if name.ends_with(".treaty") || name.ends_with(".treaty.md") {
        Some(Role::Draft)
    } else if crate::positions::is_positions_file(name) {
        Some(Role::Positions)
    } else if (name.ends_with(".md") || name.ends_with(".txt"))
        && p.ancestors().skip(1).any(|a| name_of(a) == "submissions")
    {
        Some(Role::Submission)
    } else {
        None
    }
}

/// Any text file in a folder `treaty.toml` lists as drafts.
fn listed_draft(p: &Path) -> Option<Role> {
    let name = name_of(p);
    (name.ends_with(".treaty") || name.ends_with(".md") || name.ends_with(".txt"))
        .then_some(Role::Draft)
}

/// Any text file in a folder `treaty.toml` lists as submissions.
fn listed_submission(p: &Path) -> Option<Role> {
    let name = name_of(p);
    (name.ends_with(".md") || name.ends_with(".txt")).then_some(Role::Submission)
}

/// Walks `dir` (skipping hidden folders, `target` and `node_modules`),
/// keeping the files `keep` accepts. At most `limit` files.
fn walk(dir: &Path, keep: Keep, out: &mut Vec<(PathBuf, Role)>, limit: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if out.len() >= limit {
            return;
        }
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if p.is_dir() {
            walk(&p, keep, out, limit);
        } else if let Some(role) = keep(&p) {
            out.push((p, role));
        }
    }
}

/// The files to index under `root` with their roles, and the aliases
/// `treaty.toml` gives them (by absolute path).
pub type Found = (
    Vec<(PathBuf, Role)>,
    HashMap<PathBuf, Vec<String>>,
    Option<String>,
);

pub fn workspace_files(root: &Path) -> Found {
    let mut files = Vec::new();
    walk(root, found_in_workspace, &mut files, 10_000);
    let mut aliases = HashMap::new();
    let mut error = None;
    match read_config(root) {
        Ok(Some(cfg)) => {
            let lists: [(&[String], Role, Keep); 2] = [
                (&cfg.files, Role::Draft, listed_draft),
                (&cfg.submissions, Role::Submission, listed_submission),
            ];
            for (list, role, keep) in lists {
                for f in list {
                    let p = normalise(&root.join(f));
                    if p.is_dir() {
                        walk(&p, keep, &mut files, 10_000);
                    } else if p.is_file() {
                        let role = if crate::positions::is_positions_file(f) {
                            Role::Positions
                        } else {
                            role
                        };
                        files.push((p, role));
                    } else {
                        error = Some(format!("treaty.toml: `{}` does not exist", f));
                    }
                }
            }
            for (f, names) in cfg.aliases {
                let p = root.join(&f);
                aliases.insert(std::fs::canonicalize(&p).unwrap_or(p), names);
            }
        }
        Ok(None) => {}
        Err(e) => error = Some(e),
    }
    // a file listed twice keeps its first role (what the walk found wins
    // over a folder listing, a listed submission over a walk's draft guess)
    let mut seen = std::collections::HashSet::new();
    files.retain(|(f, _)| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, aliases, error)
}

/// `a/b/../c` -> `a/c`, without touching the file system (so a symlinked
/// folder keeps the name the editor knows it by).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
