//! Which file is what, by its name: the one place that says so. Pure (it
//! looks at names, never at the disk), so the analysis layer uses it too
//! when a file is added by name.

/// How a file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A negotiating text (or any instrument): parsed for its structure.
    Draft,
    /// A `*.positions.toml` file: what one stakeholder says, clause by clause.
    Positions,
    /// A stakeholder's submission: prose whose references cite a draft.
    Submission,
    /// A `*.correspondence.toml` file: which element of one version of a
    /// draft became which of the next, by hand.
    Correspondence,
}

/// Globs of the files a project is made of, for editors to watch: its
/// drafts, positions files, submissions and `treaty.toml`.
pub const WATCHED: &[&str] = &[
    "**/*.treaty",
    "**/*.treaty.md",
    "**/*.positions.toml",
    "**/*.correspondence.toml",
    "**/submissions/**/*.{md,txt}",
    "**/treaty.toml",
];

/// The last part of a path or URI.
fn file_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    extensions.iter().any(|e| name.ends_with(e))
}

/// The name of a project's settings file, at a workspace folder's root.
pub const PROJECT_SETTINGS: &str = "treaty.toml";

/// Whether a file is a project's settings (`treaty.toml`).
pub fn is_project_settings(name: &str) -> bool {
    file_name(name) == PROJECT_SETTINGS
}

/// Whether a file name is a positions file's.
pub fn is_positions_file(name: &str) -> bool {
    name.ends_with(".positions.toml")
}

/// Whether a file name is a correspondence table's.
pub fn is_correspondence_file(name: &str) -> bool {
    name.ends_with(".correspondence.toml")
}

/// Whether a file name is a draft's by its own right: `*.treaty`,
/// `*.treaty.md`, or a document whose editor language is `treaty`.
pub fn is_draft(name: &str, language: Option<&str>) -> bool {
    language == Some("treaty") || has_extension(name, &[".treaty", ".treaty.md"])
}

/// Whether a file is a submission by where it is: a Markdown or text file
/// in a folder named `submissions`, at any depth.
fn is_in_submissions(name: &str) -> bool {
    let mut folders = name.split(['/', '\\']).rev().skip(1);
    has_extension(name, &[".md", ".txt"]) && folders.any(|f| f == "submissions")
}

impl Role {
    /// The role a workspace file has by its name and editor language:
    /// positions files, drafts and submissions (see the functions above);
    /// `None` for files the project leaves alone (a README, say).
    pub fn of(name: &str, language: Option<&str>) -> Option<Role> {
        if is_positions_file(name) {
            Some(Role::Positions)
        } else if is_correspondence_file(name) {
            Some(Role::Correspondence)
        } else if is_draft(name, language) {
            Some(Role::Draft)
        } else if is_in_submissions(name) {
            Some(Role::Submission)
        } else {
            None
        }
    }

    /// A file named explicitly (on the command line, or added to a
    /// workspace by name): a positions file or a correspondence table by
    /// its name, else a draft.
    pub fn of_named(name: &str) -> Role {
        if is_positions_file(name) {
            Role::Positions
        } else if is_correspondence_file(name) {
            Role::Correspondence
        } else {
            Role::Draft
        }
    }

    /// A file found in a folder that `treaty.toml` lists under `files`
    /// (any text file is a draft there) or `submissions`.
    pub fn of_listed(name: &str, listed_as: Role) -> Option<Role> {
        let name = file_name(name);
        match listed_as {
            Role::Draft => has_extension(name, &[".treaty", ".md", ".txt"]).then_some(Role::Draft),
            Role::Submission => has_extension(name, &[".md", ".txt"]).then_some(Role::Submission),
            Role::Positions | Role::Correspondence => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_by_name_and_place() {
        let role = |n: &str| Role::of(n, None);
        assert_eq!(role("file:///ws/a.treaty.md"), Some(Role::Draft));
        assert_eq!(role("/ws/a.treaty"), Some(Role::Draft));
        assert_eq!(role("/ws/p/m.positions.toml"), Some(Role::Positions));
        assert_eq!(role("/ws/submissions/ms.md"), Some(Role::Submission));
        assert_eq!(
            role("/ws/a--b.correspondence.toml"),
            Some(Role::Correspondence)
        );
        assert_eq!(
            Role::of_named("a--b.correspondence.toml"),
            Role::Correspondence
        );
        assert_eq!(role("/ws/submissions/2024/ms.txt"), Some(Role::Submission));
        assert_eq!(role("/ws/README.md"), None);
        assert_eq!(role("/ws/submissions.md"), None);
        assert_eq!(Role::of("untitled:1", Some("treaty")), Some(Role::Draft));
        assert_eq!(Role::of_named("notes.md"), Role::Draft);
        assert_eq!(Role::of_named("m.positions.toml"), Role::Positions);
        assert_eq!(Role::of_listed("x/y.md", Role::Draft), Some(Role::Draft));
        assert_eq!(Role::of_listed("x/y.toml", Role::Draft), None);
        assert_eq!(Role::of_listed("x/y.treaty", Role::Submission), None);
        assert_eq!(
            Role::of_listed("x/m.positions.toml", Role::Submission),
            None
        );
    }
}
