//! `treaty-lsp check` as a drafting team's CI runs it.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_treaty-lsp");

fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .arg("check")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run treaty-lsp");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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
    assert!(
        stderr.ends_with("4 position(s) moved to ") || stderr.contains("4 position(s) moved to"),
        "{stderr}"
    );
    assert!(stderr.contains("2 set aside"), "{stderr}");
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
