//! `treaty-lsp check` as a drafting team's CI runs it.

mod support {
    pub mod client;
    pub mod corpus;
    pub mod run;
}

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_treaty-lsp");

fn check(args: &[&str]) -> (i32, String, String) {
    let args: Vec<&str> = ["check"].iter().chain(args).copied().collect();
    support::run::treaty_lsp(&args)
}

#[test]
fn a_clean_draft_passes() {
    let (code, out, _) = check(&["examples/cybercrime-draft.treaty.md"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("15 articles"), "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn a_broken_draft_fails_with_every_problem_located() {
    let (code, out, _) = check(&["examples/broken-draft.treaty.md"]);
    assert_eq!(code, 1);
    let problems: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("error[") || l.contains("warning["))
        .collect();
    assert_eq!(
        problems,
        [
            "examples/broken-draft.treaty.md:14:47: error[dangling-reference]: dangling reference: Article 9 does not exist in Broken draft",
            "examples/broken-draft.treaty.md:20:13: error[duplicate-number]: Article 2 is numbered twice",
            "examples/broken-draft.treaty.md:24:13: warning[numbering-gap]: Article 5 follows Article 2: 3 to 4 are missing",
            "examples/broken-draft.treaty.md:28:13: warning[out-of-order]: Article 4 comes after Article 5",
            "examples/broken-draft.treaty.md:30:16: error[unbalanced-bracket]: opening bracket `[` is never closed",
        ]
    );
    assert!(
        out.contains("  examples/broken-draft.treaty.md:16:13: note: Article 2 first appears here")
    );
    let (_, quiet, _) = check(&["--errors-only", "examples/broken-draft.treaty.md"]);
    assert!(!quiet.contains("warning["), "{quiet}");
}

#[test]
fn json_lists_the_outline_and_every_resolved_reference() {
    let (code, out, _) = check(&["--format", "json", "examples/cybercrime-draft.treaty.md"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let f = &v["files"][0];
    assert_eq!(f["id"], "EXAMPLE/DRAFT/1");
    assert_eq!(f["counts"]["articles"], 15);
    let annex = f["outline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "annex")
        .unwrap();
    assert_eq!(annex["label"], "ANNEX I");
    let r = f["references"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["text"] == "article 2 of Annex I")
        .unwrap();
    assert_eq!(r["targets"][0]["resolution"]["kind"], "resolved");
    assert_eq!(r["targets"][0]["resolution"]["name"], "ANNEX I, Article 2");
}

#[test]
fn unreadable_and_non_utf8_files_get_one_line_errors() {
    let dir = std::env::temp_dir().join(format!("treaty-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("latin1.md");
    std::fs::write(&bad, b"### Article 1\n\nCaf\xe9 text\n").unwrap();
    let (code, out, err) = check(&[bad.to_str().unwrap(), "/nonexistent/draft.md"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].ends_with("latin1.md:3:4: not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("error: cannot read /nonexistent/draft.md:"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unclos_lists_all_445_article_headings_with_annex_scoping() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/treaties/unclos.md"
    );
    if !std::path::Path::new(path).exists() {
        assert!(std::env::var_os("CI").is_none(), "corpus missing: {path}");
        eprintln!("!!! corpus missing: {path}; skipped !!!");
        return;
    }
    let (code, out, _) = check(&["--format", "json", path]);
    assert_eq!(code, 1, "UNCLOS has four references that do not resolve");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    fn walk<'a>(
        nodes: &'a serde_json::Value,
        annex: Option<&'a str>,
        out: &mut Vec<(Option<&'a str>, &'a str)>,
    ) {
        for n in nodes.as_array().into_iter().flatten() {
            let annex = if n["kind"] == "annex" {
                n["label"].as_str()
            } else {
                annex
            };
            if n["kind"] == "article" {
                out.push((annex, n["key"].as_str().unwrap()));
            }
            walk(&n["children"], annex, out);
        }
    }
    let mut articles = Vec::new();
    walk(&v["files"][0]["outline"], None, &mut articles);
    assert_eq!(articles.len(), 445);
    assert_eq!(articles.iter().filter(|a| a.0.is_none()).count(), 320);
    assert_eq!(
        articles.iter().filter(|a| a.0 == Some("ANNEX VI")).count(),
        41
    );
    // in every annex, numbering restarts at 1
    assert!(articles
        .iter()
        .any(|a| a.0 == Some("ANNEX II") && a.1 == "1"));
}

#[test]
fn migrate_prints_the_file_for_the_newer_draft_and_reports_what_moved() {
    let dir = std::env::temp_dir().join(format!("treaty-lsp-migrate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lineage");
    for f in std::fs::read_dir(&data).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join("treaty.toml"), "").unwrap();
    let positions = dir.join("access-now.positions.toml");
    let run = |extra: &[&str]| {
        Command::new(BIN)
            .arg("migrate")
            .arg(&positions)
            .arg("--to")
            .arg(dir.join("v3.treaty.md"))
            .args(extra)
            .output()
            .expect("run treaty-lsp")
    };
    let out = run(&[]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("target = \"Article 4(1)\"\noriginal-draft = \"V/1\""),
        "{stdout}"
    );
    assert!(
        stderr.contains("moved: Article 3, paragraph 1 -> Article 4(1)"),
        "{stderr}"
    );
    let summary = format!(
        "4 positions moved to {}, 2 set aside\n",
        dir.join("v3.treaty.md").display()
    );
    assert!(stderr.ends_with(&summary), "{stderr}");
    let before = std::fs::read_to_string(&positions).unwrap();
    assert!(
        before.contains("draft = \"V/1\""),
        "printing leaves the file alone"
    );
    let out = run(&["--write"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&positions).unwrap(), stdout);
    // from V/3 to V/1 is backwards: a clear error, nothing written
    let out = Command::new(BIN)
        .arg("migrate")
        .arg(&positions)
        .arg("--to")
        .arg(dir.join("v1.treaty.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "error: V/1 is not a later version of V/3: say which draft it follows (`supersedes:` in its front matter, or `versions` in treaty.toml)"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A scratch folder for one test, emptied first.
fn scratch(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("treaty-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The worked example, checked as its folder: both drafts, the three
/// positions files and the correspondence table, clean; its README is no
/// draft.
#[test]
fn the_worked_example_checks_clean_as_a_folder() {
    if support::corpus::dir("submissions", "checking the worked example").is_none() {
        return; // its treaty.toml lists the submissions in the corpus
    }
    let (code, out, err) = check(&["examples/cybercrime-convention"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(err, "");
    let files: Vec<&str> = out
        .lines()
        .filter(|l| l.ends_with(" warnings") || l.ends_with(" warning"))
        .filter_map(|l| l.split(": ").next())
        .filter(|f| f.starts_with("examples/"))
        .collect();
    assert_eq!(
        files,
        [
            "examples/cybercrime-convention/drafts/A-AC.291-16--A-AC.291-22-Rev.1.correspondence.toml",
            "examples/cybercrime-convention/drafts/A-AC.291-16.treaty.md",
            "examples/cybercrime-convention/drafts/A-AC.291-22-Rev.1.treaty.md",
            "examples/cybercrime-convention/positions/csis-analysis-2023.positions.toml",
            "examples/cybercrime-convention/positions/microsoft-ahc4-2023.positions.toml",
            "examples/cybercrime-convention/positions/tech-accord-ahc7-2024.positions.toml",
        ],
        "{out}"
    );
    assert!(
        out.ends_with("6 files checked: 0 errors, 14 warnings\n"),
        "{out}"
    );
    assert!(!out.contains("README"), "{out}");
}

/// At the repository's root, `check .` reads the drafts the server would
/// index there (the examples, the grammar's fixtures), never the
/// documentation, and fails on the example broken on purpose.
#[test]
fn the_repository_root_is_checked_as_a_workspace() {
    let (code, out, _) = check(&["."]);
    assert_eq!(code, 1, "{out}");
    for doc in ["README.md", "ARCHITECTURE.md", "docs/", "CHANGELOG"] {
        assert!(!out.contains(doc), "{doc} read as a draft:\n{out}");
    }
    assert!(out.contains("./examples/broken-draft.treaty.md:20:13: error[duplicate-number]"));
    assert!(out.contains("./examples/cybercrime-convention/positions/microsoft-ahc4-2023.positions.toml: 33 positions"));
    assert!(
        !out.contains("tests/data/paris"),
        "labelled truth is no correspondence table"
    );
}

/// A folder with nothing to check is an error of its own (status 3), which
/// names what it looked for and, when there are Markdown files, how to
/// have them checked; a CI job pointed at the wrong folder fails.
#[test]
fn nothing_to_check_is_an_error_that_says_what_to_do() {
    let empty = scratch("empty");
    let (code, out, err) = check(&[empty.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (3, ""), "{err}");
    assert_eq!(
        err,
        format!(
            "error: nothing to check in {}: no drafts (*.treaty, *.treaty.md), positions files \
             (*.positions.toml) or files its treaty.toml lists\n",
            empty.display()
        )
    );
    let notes = scratch("notes");
    std::fs::write(notes.join("README.md"), "# Notes\n").unwrap();
    std::fs::write(
        notes.join("draft.md"),
        "# Draft\n\n### Article 1\n\nText.\n",
    )
    .unwrap();
    let (code, _, err) = check(&["--format", "json", notes.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    let help = format!(
        "  help: 2 Markdown or text files there are not read as drafts by name ({0}/README.md, \
         {0}/draft.md): name a file to check it (treaty-lsp check {0}/README.md), or list the \
         folder under `files` in {0}/treaty.toml\n",
        notes.display()
    );
    assert!(err.ends_with(&help), "{err}");
    // beside a folder that has drafts, an empty one is only a warning
    let (code, _, err) = check(&[
        empty.to_str().unwrap(),
        "examples/cybercrime-draft.treaty.md",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("warning: nothing to check in"), "{err}");
    for d in [empty, notes] {
        let _ = std::fs::remove_dir_all(d);
    }
}

/// A file named is read whatever its name; a folder's `treaty.toml` adds
/// what it lists (a folder of plain `.md` drafts); one error is "1 error".
#[test]
fn named_files_and_treaty_toml_lists_are_read() {
    let dir = scratch("listed");
    std::fs::create_dir_all(dir.join("texts")).unwrap();
    std::fs::write(
        dir.join("texts/a.md"),
        "# A\n\n### Article 1\n\nSee Article 9.\n",
    )
    .unwrap();
    std::fs::write(dir.join("README.md"), "# About\n\nArticle 7 of nothing.\n").unwrap();
    let (code, out, err) = check(&[dir.to_str().unwrap()]);
    assert_eq!(code, 3, "{out}{err}");
    std::fs::write(dir.join("treaty.toml"), "files = [\"texts/\"]\n").unwrap();
    let (code, out, err) = check(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("texts/a.md: 1 error, 0 warnings"), "{out}");
    assert!(!out.contains("README"), "{out}");
    let readme = dir.join("README.md");
    let (code, out, _) = check(&[readme.to_str().unwrap()]);
    assert_eq!(code, 1, "a file named is read as a draft:\n{out}");
    assert!(out.contains("README.md: 1 error, 0 warnings"), "{out}");
    std::fs::write(dir.join("treaty.toml"), "files = [\"missing/\"]\n").unwrap();
    let (code, _, err) = check(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1, "a broken treaty.toml fails the check");
    assert!(
        err.contains("treaty.toml: `missing/` does not exist"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A Word document named as a draft is refused with how to export it.
#[test]
fn a_word_document_is_named_for_what_it_is() {
    let dir = scratch("docx");
    let docx = dir.join("draft.docx");
    std::fs::write(&docx, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00").unwrap();
    let (code, _, err) = check(&[docx.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        err.lines().next().unwrap_or(""),
        format!(
            "error: cannot read {}: a Word document (.docx), not text: save or export it as \
             plain text or Markdown, UTF-8 (in Word: File > Save As > Plain Text; or `pandoc \
             FILE -t markdown -o FILE.md`)",
            docx.display()
        )
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// What LSP clients pass (`--stdio`) is accepted; `--version` says which.
#[test]
fn stdio_and_version_flags_are_accepted() {
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("treaty-lsp {}\n", env!("CARGO_PKG_VERSION"))
    );
    for args in [&["--stdio"][..], &["serve", "--stdio"]] {
        let mut c = support::client::Client::start_with(BIN, args);
        let id = c.send_request("initialize", serde_json::json!({"capabilities": {}}));
        assert!(
            c.response(id)["result"]["capabilities"].is_object(),
            "{args:?}"
        );
        let log = c.log();
        assert!(c.shutdown(), "shutdown then exit: status 0");
        let said = log.lines();
        assert!(
            !said.iter().any(|l| l.contains("waits for an editor")),
            "the terminal message is not for a client: {said:?}"
        );
    }
}

/// Started in a terminal, the server says on stderr what it is waiting
/// for and how to use the command line (run under `script`, which gives
/// it a terminal; skipped where there is no `script`; util-linux's
/// options).
#[cfg(target_os = "linux")]
#[test]
fn in_a_terminal_the_server_says_it_waits_for_a_client() {
    let script = Command::new("script")
        .args(["-qec", &format!("timeout 3 {BIN} < /dev/tty"), "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output();
    let Ok(out) = script else {
        eprintln!("no `script` here: the terminal message is not checked");
        return;
    };
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("treaty-lsp is a language server: it waits for an editor's LSP client"),
        "{said}"
    );
    assert!(said.contains("treaty-lsp check FILE_OR_FOLDER"), "{said}");
}

/// The review's cases: a project read from inside it (`check .`, a
/// relative root whose `treaty.toml` climbs out of it), a file named
/// beside its folder keeps its own role, and the folder's aliases still
/// name it when it was read first under another spelling.
#[test]
fn relative_roots_and_two_spellings_read_as_one_workspace() {
    let dir = scratch("spellings");
    std::fs::create_dir_all(dir.join("deep/a/proj")).unwrap();
    std::fs::create_dir_all(dir.join("ref")).unwrap();
    std::fs::write(
        dir.join("ref/budapest.md"),
        "# Convention on Cybercrime\n\n### Article 2\n\nB.\n",
    )
    .unwrap();
    let proj = dir.join("deep/a/proj");
    std::fs::write(
        proj.join("main.treaty.md"),
        "# Main\n\n### Article 1\n\nSee Article 2 of the Budapest Convention.\n",
    )
    .unwrap();
    std::fs::write(
        proj.join("treaty.toml"),
        "files = [\"../../../ref/budapest.md\"]\n[aliases]\n\"../../../ref/budapest.md\" = [\"Budapest Convention\"]\n",
    )
    .unwrap();
    let run_in = |cwd: &std::path::Path, args: &[&str]| {
        let out = Command::new(BIN)
            .arg("check")
            .args(args)
            .current_dir(cwd)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code().unwrap_or(-1), text)
    };
    let (code, out) = run_in(&proj, &["."]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("(1 resolved, 0 external, 0 dangling)"),
        "{out}"
    );
    // the aliased file named too, under another spelling, and read first
    let other = format!("{}/../proj/../../../ref/budapest.md", proj.display());
    let (code, out) = run_in(&dir, &[&other, proj.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("(1 resolved, 0 external, 0 dangling)"),
        "{out}"
    );
    // a submission named beside its folder is checked as the draft it is named as
    std::fs::create_dir_all(dir.join("sp/submissions")).unwrap();
    std::fs::write(
        dir.join("sp/submissions/s.md"),
        "# S\n\n### Article 1\n\nText.\n",
    )
    .unwrap();
    let (code, out) = run_in(&dir, &["sp", "sp/submissions/s.md"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("sp/submissions/s.md: S: 1 article"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A folder that cannot be read is an error (status 1) naming it, never
/// "nothing to check" and never a silent pass. Run as an unprivileged user
/// (root reads any folder): `setpriv` drops to `nobody` when the tests run
/// as root.
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_folder_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("locked");
    std::fs::create_dir_all(dir.join("locked")).unwrap();
    std::fs::write(
        dir.join("locked/a.treaty.md"),
        "# A\n\n### Article 1\n\nSee Article 9.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("open.treaty.md"),
        "# B\n\n### Article 1\n\nText.\n",
    )
    .unwrap();
    let mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode(&dir.join("locked"), 0o000);
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    let out = cmd.arg("check").arg(&dir).output();
    mode(&dir.join("locked"), 0o755);
    let Ok(out) = out else {
        eprintln!("no setpriv here: an unreadable folder is not checked");
        return;
    };
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let said = format!("error: cannot read folder {}/locked", dir.display());
    assert!(err.contains(&said), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
