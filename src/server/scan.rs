//! Finding a workspace's drafts: `*.treaty` and `*.treaty.md` files under
//! the workspace folders, plus what `treaty.toml` lists.
//!
//! `treaty.toml` (at a workspace folder's root), all keys optional:
//!
//! ```toml
//! # more files or folders to index, relative to this file; folders are
//! # searched for *.md, *.txt, *.treaty
//! files = ["../shared/corpus/treaties/unclos.md", "reference-texts/"]
//! # more names for the instrument in a file, so that `Article 22 of the
//! # Budapest Convention` resolves into it
//! [aliases]
//! "reference-texts/budapest.md" = ["Budapest Convention"]
//! ```

use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatyToml {
    #[serde(default)]
    pub files: Vec<String>,
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

fn is_draft_path(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".treaty") || name.ends_with(".treaty.md")
}

fn is_text_path(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    is_draft_path(p) || name.ends_with(".md") || name.ends_with(".txt")
}

/// Walks `dir` (skipping hidden folders, `target` and `node_modules`),
/// keeping the files `keep` accepts. At most `limit` files.
fn walk(dir: &Path, keep: fn(&Path) -> bool, out: &mut Vec<PathBuf>, limit: usize) {
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
        } else if keep(&p) {
            out.push(p);
        }
    }
}

/// The files to index under `root`, and the aliases `treaty.toml` gives
/// them (by absolute path).
pub fn workspace_files(
    root: &Path,
) -> (Vec<PathBuf>, HashMap<PathBuf, Vec<String>>, Option<String>) {
    let mut files = Vec::new();
    walk(root, is_draft_path, &mut files, 10_000);
    let mut aliases = HashMap::new();
    let mut error = None;
    match read_config(root) {
        Ok(Some(cfg)) => {
            for f in &cfg.files {
                let p = root.join(f);
                if p.is_dir() {
                    walk(&p, is_text_path, &mut files, 10_000);
                } else if p.is_file() {
                    files.push(p);
                } else {
                    error = Some(format!("treaty.toml: `{}` does not exist", f));
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
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, aliases, error)
}
