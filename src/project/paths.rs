//! Paths between the files of a project: how a positions file names its
//! submission.

use std::path::{Path, PathBuf};

/// `target` relative to the folder of `file`, `/`-separated (`../subs/x.md`).
pub fn relative(file: &Path, target: &Path) -> Option<String> {
    let lexical = |p: &Path| -> Option<PathBuf> {
        let abs = std::path::absolute(p).ok()?;
        let mut out = PathBuf::new();
        for c in abs.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        Some(out)
    };
    let from = lexical(file)?;
    let from = from.parent()?;
    let to = lexical(target)?;
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = from
        .components()
        .skip(common)
        .map(|_| "..".to_string())
        .collect();
    parts.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn the_submission_is_named_relative_to_the_positions_file() {
        assert_eq!(
            relative(
                Path::new("/w/ex/positions/m.positions.toml"),
                Path::new("/w/shared/subs/m.md")
            )
            .as_deref(),
            Some("../../shared/subs/m.md")
        );
        assert_eq!(
            relative(Path::new("/w/a/p.toml"), Path::new("/w/a/b/../s.md")).as_deref(),
            Some("s.md")
        );
    }
}
