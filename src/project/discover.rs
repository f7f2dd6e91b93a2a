//! Finding a project's files: drafts (`*.treaty`, `*.treaty.md`),
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
//! # the versions of one negotiating text, oldest first: positions written
//! # against an older one are carried into the newer ones (for drafts whose
//! # front matter cannot say `supersedes:`)
//! versions = ["drafts/zero-draft.md", "drafts/rev1.md", "drafts/rev2.md"]
//! # more names for the instrument in a file, so that `Article 22 of the
//! # Budapest Convention` resolves into it
//! [aliases]
//! "reference-texts/budapest.md" = ["Budapest Convention"]
//! ```

use super::roles::Role;
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
    pub versions: Vec<String>,
    #[serde(default)]
    pub aliases: HashMap<String, Vec<String>>,
}

/// Reads `treaty.toml` in `root`, if any; a broken file is an error with
/// its location, so the caller can show it.
pub fn read_config(root: &Path) -> Result<Option<TreatyToml>, String> {
    let path = root.join(super::roles::PROJECT_SETTINGS);
    if !path.exists() {
        return Ok(None);
    }
    // a regular file of at most 1 MB, like any file the project reads
    let text = super::read::read_text_file(&path, 1 << 20)
        .map_err(|e| format!("{}: {}", path.display(), e))?;
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| format!("{}: {}", path.display(), e))
}

/// Which files of a folder to take, and as what.
type Keep<'a> = &'a dyn Fn(&Path) -> Option<Role>;

/// A file found by walking a workspace folder: its role by name and place.
fn found_in_workspace(p: &Path) -> Option<Role> {
    Role::of(p.to_str()?, None)
}

/// The most files a workspace folder's walk takes.
pub const MAX_WORKSPACE_FILES: usize = 10_000;

/// A walk of folders: what it keeps, the folders it has been in (so a
/// symlink loop ends), whether it stopped at the file cap, and what it
/// passed by that a user may have expected it to read.
struct Walk<'a> {
    out: &'a mut Vec<(PathBuf, Role)>,
    visited: std::collections::HashSet<FolderId>,
    truncated: bool,
    /// Links not followed, each with why.
    not_followed: Vec<String>,
    /// Markdown and text files left out, as not drafts by their names.
    other_text: Vec<PathBuf>,
    /// Folders that could not be read, each with why.
    unreadable: Vec<String>,
    /// The folder walked, resolved: a symlink out of it is not followed.
    within: Option<PathBuf>,
}

impl<'a> Walk<'a> {
    fn new(out: &'a mut Vec<(PathBuf, Role)>, root: &Path) -> Walk<'a> {
        Walk {
            out,
            visited: Default::default(),
            truncated: false,
            not_followed: Vec::new(),
            other_text: Vec::new(),
            unreadable: Vec::new(),
            within: std::fs::canonicalize(root).ok(),
        }
    }

    /// Whether the link `p` (after symlinks) stays inside the folder
    /// walked and is no system pseudo-file; if not, why it is not followed.
    fn contained(&self, p: &Path) -> Result<(), String> {
        let real = std::fs::canonicalize(p).map_err(|e| format!("a broken link ({e})"))?;
        if is_system_path(&real) {
            return Err(format!("a link to the system file {}", real.display()));
        }
        match &self.within {
            Some(w) if !real.starts_with(w) => Err(format!(
                "a link to {}, outside the folder {}",
                real.display(),
                w.display()
            )),
            _ => Ok(()),
        }
    }
}

/// `/proc`, `/sys`, `/dev`: files that are not documents, whatever they
/// are called.
pub fn is_system_path(real: &Path) -> bool {
    cfg!(unix)
        && ["/proc", "/sys", "/dev"]
            .iter()
            .any(|d| real.starts_with(d))
}

/// A folder's identity whatever path leads to it: device and inode where
/// there are such, else its canonical path.
#[derive(Hash, PartialEq, Eq)]
enum FolderId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

fn folder_id(dir: &Path) -> Option<FolderId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(dir).ok()?;
        Some(FolderId::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(dir).ok().map(FolderId::Path)
    }
}

impl Walk<'_> {
    /// Walks `dir` (skipping hidden folders, `target` and `node_modules`,
    /// and folders already walked), keeping the files `keep` accepts, at
    /// most [`MAX_WORKSPACE_FILES`] in all.
    fn folder(&mut self, dir: &Path, keep: Keep) {
        let Some(id) = folder_id(dir) else { return };
        if !self.visited.insert(id) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                tracing::warn!("cannot read folder {}: {e}", dir.display());
                self.unreadable
                    .push(format!("cannot read folder {}: {e}", dir.display()));
                return;
            }
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            let link = p
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink());
            if link {
                if let Err(why) = self.contained(&p) {
                    tracing::warn!("not followed: {}: {why}", p.display());
                    self.not_followed
                        .push(format!("{}: not followed: {why}", p.display()));
                    continue;
                }
            }
            if p.is_dir() {
                self.folder(&p, keep);
            } else if let Some(role) = keep(&p) {
                if self.out.len() >= MAX_WORKSPACE_FILES {
                    self.truncated = true;
                    return;
                }
                self.out.push((p, role));
            } else if [".md", ".txt"].iter().any(|x| name.ends_with(x)) {
                self.other_text.push(p);
            }
            if self.truncated {
                return;
            }
        }
    }
}

/// What a workspace folder holds: its files with their roles, the aliases
/// `treaty.toml` gives them and the versions it lists (by path), and what
/// is wrong with `treaty.toml`.
#[derive(Debug, Default)]
pub struct Project {
    pub files: Vec<(PathBuf, Role)>,
    pub aliases: HashMap<PathBuf, Vec<String>>,
    /// One negotiating text's versions, oldest first.
    pub versions: Vec<PathBuf>,
    pub error: Option<String>,
    /// Whether the walk stopped at [`MAX_WORKSPACE_FILES`].
    pub truncated: bool,
    /// Links the walk did not follow, each with why.
    pub not_followed: Vec<String>,
    /// Markdown and text files in the folder that are not the project's
    /// by their names (a README, or drafts not named `*.treaty.md`).
    pub other_text: Vec<PathBuf>,
    /// Folders that could not be read, each with why.
    pub unreadable: Vec<String>,
}

/// The files of the workspace folder `root`. `trusted`: the user trusts
/// the workspace (not VS Code's restricted mode), so what `treaty.toml`
/// lists outside the folder is read too.
pub fn workspace_files(root: &Path, trusted: bool) -> Project {
    let mut files = Vec::new();
    let mut walk = Walk::new(&mut files, root);
    walk.folder(root, &found_in_workspace);
    let mut truncated = walk.truncated;
    let mut not_followed = std::mem::take(&mut walk.not_followed);
    let other_text = std::mem::take(&mut walk.other_text);
    let mut unreadable = std::mem::take(&mut walk.unreadable);
    let mut aliases = HashMap::new();
    let mut versions = Vec::new();
    let mut error = None;
    match read_config(root) {
        Ok(Some(cfg)) => {
            let lists: [(&[String], Role); 2] = [
                (&cfg.files, Role::Draft),
                (&cfg.submissions, Role::Submission),
            ];
            for (list, role) in lists {
                for f in list {
                    let p = normalise(&root.join(f));
                    if let Err(e) = listed_allowed(root, &p, f, trusted) {
                        error = Some(e);
                        continue;
                    }
                    if p.is_dir() {
                        let keep = |p: &Path| Role::of_listed(p.to_str()?, role);
                        let mut walk = Walk::new(&mut files, &p);
                        walk.folder(&p, &keep);
                        truncated |= walk.truncated;
                        not_followed.append(&mut walk.not_followed);
                        unreadable.append(&mut walk.unreadable);
                    } else if p.is_file() {
                        let role = if super::roles::is_positions_file(f) {
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
            for f in &cfg.versions {
                let p = normalise(&root.join(f));
                if let Err(e) = listed_allowed(root, &p, f, trusted) {
                    error = Some(e);
                    continue;
                }
                if p.is_file() {
                    files.push((p.clone(), Role::Draft));
                    versions.push(p);
                } else {
                    error = Some(format!("treaty.toml: version `{}` does not exist", f));
                }
            }
        }
        Ok(None) => {}
        Err(e) => error = Some(e),
    }
    // a file listed twice keeps its first role (what the walk found wins
    // over a folder listing, a listed submission over a walk's draft guess)
    let mut seen = std::collections::HashSet::new();
    files.retain(|(f, _)| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    // aliases by the path their file was found under (not its real path:
    // a workspace reached through a symlink names its files through it)
    let found_as: HashMap<PathBuf, PathBuf> = files
        .iter()
        .map(|(f, _)| {
            (
                std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()),
                f.clone(),
            )
        })
        .collect();
    let aliases = aliases
        .into_iter()
        .map(|(real, names)| (found_as.get(&real).cloned().unwrap_or(real), names))
        .collect();
    let other_text = other_text
        .into_iter()
        .filter(|f| !seen.contains(&std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())))
        .collect();
    Project {
        files,
        aliases,
        versions,
        error,
        truncated,
        not_followed,
        other_text,
        unreadable,
    }
}

/// Whether `treaty.toml` may name `p` (written `f`): never a system
/// pseudo-file; outside the workspace folder only when it is trusted.
fn listed_allowed(root: &Path, p: &Path, f: &str, trusted: bool) -> Result<(), String> {
    let Ok(real) = std::fs::canonicalize(p) else {
        return Ok(()); // missing: said where it is looked for
    };
    if is_system_path(&real) {
        return Err(format!("treaty.toml: `{f}` is a system file, never read"));
    }
    let inside = std::fs::canonicalize(root).is_ok_and(|r| real.starts_with(r));
    if !trusted && !inside {
        return Err(format!(
            "treaty.toml: `{f}` is outside the workspace, which is not trusted: not read"
        ));
    }
    Ok(())
}

/// The project a file belongs to: the nearest folder above it with a
/// `treaty.toml` (or, failing that, a `.git`), else its own folder.
pub fn project_root(file: &Path) -> PathBuf {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for marker in [super::roles::PROJECT_SETTINGS, ".git"] {
        if let Some(root) = dir.ancestors().find(|d| d.join(marker).exists()) {
            return root.to_path_buf();
        }
    }
    dir
}

/// `a/b/../c` -> `a/c`, without touching the file system (so a symlinked
/// folder keeps the name the editor knows it by).
fn normalise(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => match out.components().next_back() {
                // a relative path keeps the `..`s that climb above its start
                None | Some(Component::ParentDir) => out.push(".."),
                // `/..` is `/`, as the system reads it
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(_) => {
                    out.pop();
                }
            },
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod normalise_tests {
    use super::normalise;
    use std::path::Path;

    #[test]
    fn dot_dot_never_climbs_above_the_root() {
        let p = normalise(&Path::new("/tmp/ws").join("../../../etc/os-release"));
        assert_eq!(p, Path::new("/etc/os-release"));
        assert_eq!(normalise(Path::new("a/../../b")), Path::new("../b"));
        // a relative root: every `..` above it is kept
        assert_eq!(
            normalise(&Path::new(".").join("../../../shared/x.md")),
            Path::new("../../../shared/x.md")
        );
        assert_eq!(normalise(&Path::new(".").join(".")), Path::new("."));
        assert_eq!(normalise(Path::new("a/..")), Path::new("."));
    }
}
