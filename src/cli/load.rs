//! Reading files into a workspace for the commands: a folder as the
//! server reads a workspace folder (`project::discover`, with its
//! `treaty.toml`), a file named on the command line always.

use crate::analysis::{DocId, Role, Workspace};
use crate::project::discover::workspace_files;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the commands read, and what they have to say about it.
#[derive(Default)]
pub struct Loader {
    aliases: HashMap<String, Vec<String>>,
    versions: Vec<Vec<String>>,
    /// Every file read, by its real path: one named twice is read once.
    seen: HashMap<PathBuf, DocId>,
    /// What the user must fix: a file that cannot be read, a broken
    /// `treaty.toml`.
    pub errors: Vec<String>,
    /// What was passed by: links not followed, the file cap.
    pub warnings: Vec<String>,
    /// Folders with nothing to check in them, each with the Markdown and
    /// text files there that are not drafts by their names.
    pub empty_folders: Vec<(PathBuf, Vec<PathBuf>)>,
}

/// The name a file has in the workspace and in what the commands print:
/// its path as the user gave it or as the walk found it.
fn name(p: &Path) -> String {
    p.display().to_string()
}

fn real(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

impl Loader {
    /// Reads the project in the folder `root` into `ws`, as the language
    /// server reads a workspace folder: drafts, positions files,
    /// correspondence tables and submissions by their names, and what the
    /// folder's `treaty.toml` lists (outside the folder too: the user
    /// named it). Returns the files of the folder that were read (or had
    /// been).
    pub fn add_folder(&mut self, ws: &mut Workspace, root: &Path) -> Vec<DocId> {
        let project = workspace_files(root, true);
        if let Some(e) = project.error {
            self.errors.push(e);
        }
        self.warnings.extend(project.not_followed);
        self.errors.extend(project.unreadable);
        if project.truncated {
            self.warnings.push(format!(
                "{}: only the first {} files were read",
                root.display(),
                crate::project::discover::MAX_WORKSPACE_FILES
            ));
        }
        // each file by the name it was read under (first under another
        // spelling, when it was named on the command line too)
        let mut names = HashMap::new();
        let mut ids = Vec::new();
        for (path, role) in &project.files {
            match self.read(ws, path, *role) {
                Ok(id) => {
                    names.insert(real(path), ws.file(id).name.clone());
                    ids.push(id);
                }
                Err(e) => self.errors.push(e),
            }
        }
        // treaty.toml's paths, by the names their files were read under
        let name_of = |p: &Path| names.get(&real(p)).cloned().unwrap_or_else(|| name(p));
        for (path, aliases) in project.aliases {
            self.aliases.insert(name_of(&path), aliases);
        }
        if !project.versions.is_empty() {
            let versions = project.versions.iter().map(|p| name_of(p)).collect();
            self.versions.push(versions);
        }
        // found, read or not: a file that cannot be read is its own error
        if project
            .files
            .iter()
            .all(|(_, role)| *role == Role::Submission)
        {
            self.empty_folders
                .push((root.to_path_buf(), project.other_text));
        }
        ids
    }

    /// Reads a file named on the command line into `ws` (or finds it
    /// there, read already): as `role`, or by its name a positions file or
    /// a correspondence table, anything else as a draft.
    pub fn add_file(
        &mut self,
        ws: &mut Workspace,
        path: &Path,
        role: Option<Role>,
    ) -> Result<DocId, String> {
        let role = role.unwrap_or_else(|| Role::of_named(&name(path)));
        self.read(ws, path, role)
    }

    /// Reads `path` into `ws` as `role`, once; a file that cannot be read
    /// is an error naming it.
    fn read(&mut self, ws: &mut Workspace, path: &Path, role: Role) -> Result<DocId, String> {
        if let Some(&id) = self.seen.get(&real(path)) {
            return Ok(id);
        }
        let id = ws.add_as(name(path), super::check::read_text(path)?, role);
        self.seen.insert(real(path), id);
        Ok(id)
    }

    /// Gives `ws` the aliases and versions the folders' `treaty.toml`
    /// files list, and reads the submissions its positions files quote
    /// that no folder held (so their lines are known).
    pub fn finish(&mut self, ws: &mut Workspace) {
        ws.set_aliases(std::mem::take(&mut self.aliases));
        ws.set_versions(std::mem::take(&mut self.versions));
        let quoted: Vec<String> = ws
            .all_ids()
            .filter_map(|id| {
                let f = ws.file(id);
                let sub = f.positions()?.source.submission.as_ref()?;
                Some(crate::analysis::join_relative(&f.name, &sub.value))
            })
            .collect();
        for s in quoted {
            let path = Path::new(&s);
            if ws.find(&s).is_none() {
                // a missing submission is the positions file's diagnostic
                let _ = self.read(ws, path, Role::Submission);
            }
        }
    }
}
