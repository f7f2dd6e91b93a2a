//! The rules of ARCHITECTURE.md, checked on the sources. Each rule is a
//! pattern that must not occur in some files (a `grep` a reviewer can run
//! by hand: the command is in ARCHITECTURE.md), plus one measure: no
//! function in `src/` over 120 lines.

use regex::Regex;
use std::path::{Path, PathBuf};

/// A rule: `pattern` must not occur in code lines of the files `applies`
/// selects (paths relative to the crate, `/`-separated).
struct Rule {
    name: &'static str,
    pattern: &'static str,
    applies: fn(&str) -> bool,
}

fn under(path: &str, dirs: &[&str]) -> bool {
    dirs.iter().any(|d| path.starts_with(d))
}

/// Below the server and the CLI: pure layers.
fn pure(p: &str) -> bool {
    under(
        p,
        &[
            "src/syntax/",
            "src/positions/",
            "src/extract/",
            "src/align/",
            "src/analysis/",
        ],
    ) || p == "src/project/roles.rs"
}

/// A feature module of the analysis layer (not the base, not the facade).
fn feature(p: &str) -> bool {
    p.starts_with("src/analysis/")
        && !p.starts_with("src/analysis/base/")
        && p != "src/analysis/mod.rs"
}

const RULES: &[Rule] = &[
    Rule {
        name: "nothing below the server knows LSP types, files or async",
        pattern: r"tower_lsp|ls_types|tokio|std::fs|std::net|async fn|\.await|crate::server|crate::cli|project::discover",
        applies: pure,
    },
    Rule {
        name: "syntax imports nothing of the layers above it",
        pattern: r"crate::(analysis|positions|extract|project|server|cli)\b",
        applies: |p| p.starts_with("src/syntax/"),
    },
    Rule {
        name: "the positions format, extraction and alignment know no analysis",
        pattern: r"crate::(analysis|project|server|cli)\b",
        applies: |p| under(p, &["src/positions/", "src/extract/", "src/align/"]),
    },
    Rule {
        name: "`impl Workspace` only in the facade (analysis/mod.rs) and the base",
        pattern: r"impl Workspace\b",
        applies: |p| p != "src/analysis/mod.rs" && !p.starts_with("src/analysis/base/"),
    },
    Rule {
        name: "a feature module imports the base and syntax, never another feature",
        pattern: r"\bsuper::(super::)?(?:[a-z_]+)\b|crate::analysis::[a-z_]+",
        applies: feature,
    },
    Rule {
        name: "LSP types only in the server",
        pattern: r"tower_lsp_server|ls_types",
        applies: |p| !p.starts_with("src/server/"),
    },
    Rule {
        name: "positions in the client's encoding are converted in server/convert only",
        pattern: r"\bline_map\(|LineMap \{",
        applies: |p| {
            p.starts_with("src/server/")
                && !p.starts_with("src/server/convert/")
                && p != "src/server/position.rs"
        },
    },
    Rule {
        name: "which file is a draft, a positions file or a submission: project/ only",
        pattern: r#""\.positions\.toml"|"\.treaty(\.md)?"|"submissions"|"/submissions/"|"treaty\.toml""#,
        applies: |p| !p.starts_with("src/project/"),
    },
    Rule {
        name: "lines only through syntax::lines (LF, CRLF and a lone CR end a line)",
        pattern: r#"\.lines\(\)|split(_inclusive)?\('\\n'\)|matches\('\\n'\)|r?find\(\['\\n'|contains\(\['\\n'|== b'\\n'"#,
        // the server's ropes break lines as LSP does (ropey's `cr_lines`),
        // and the wire's headers are not text of a document
        applies: |p| {
            p.starts_with("src/")
                && !p.starts_with("src/syntax/")
                && !matches!(
                    p,
                    "src/server/state.rs" | "src/server/position.rs" | "src/server/transport.rs"
                )
        },
    },
];

/// The feature rule allows `super::base` and `crate::analysis::base`, and
/// the submodules of `stakes` may name each other (`super::index`).
fn allowed(rule: &Rule, path: &str, found: &str) -> bool {
    if rule.name.starts_with("a feature module") {
        let base = found.ends_with("::base") || found == "crate::analysis::base";
        let sibling_in_stakes = path.starts_with("src/analysis/stakes/")
            && found.starts_with("super::")
            && !found.starts_with("super::super::");
        return base || sibling_in_stakes;
    }
    false
}

fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Code lines: comments (`//`, `//!`, `///`) left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
}

#[test]
fn the_architecture_rules_hold() {
    let files = sources();
    assert!(files.len() > 40, "the sources were found");
    let mut broken = Vec::new();
    for rule in RULES {
        let re = Regex::new(rule.pattern).unwrap();
        for (path, text) in files.iter().filter(|(p, _)| (rule.applies)(p)) {
            for (line, code) in code_lines(text) {
                for m in re.find_iter(code) {
                    if !allowed(rule, path, m.as_str()) {
                        broken.push(format!("{path}:{line}: {}: `{}`", rule.name, code.trim()));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// Functions and their lengths: from the `fn` line to the closing brace at
/// the same indent (the sources are formatted by rustfmt).
fn functions(text: &str) -> Vec<(usize, String, usize)> {
    let start =
        Regex::new(r"^(\s*)(pub(\([^)]*\))? )?(const )?(async )?(unsafe )?fn (\w+)").unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(c) = start.captures(l) else { continue };
        let indent = &c[1];
        // a declaration without a body (in a trait) ends with `;`
        let Some(open) = (i..lines.len()).find(|&j| lines[j].trim_end().ends_with(['{', ';']))
        else {
            continue;
        };
        if lines[open].trim_end().ends_with(';') {
            continue;
        }
        let close = format!("{indent}}}");
        if let Some(end) = (open + 1..lines.len()).find(|&j| lines[j] == close) {
            out.push((i + 1, c[7].to_string(), end - i + 1));
        }
    }
    out
}

#[test]
fn no_function_in_src_is_over_120_lines() {
    let mut long = Vec::new();
    for (path, text) in sources() {
        for (line, name, len) in functions(&text) {
            if len > 120 {
                long.push(format!("{path}:{line}: `{name}` is {len} lines"));
            }
        }
    }
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}

#[test]
fn the_function_measure_measures() {
    let text = "fn a() {\n    x();\n}\n\n    pub(crate) fn b(\n        y: u8,\n    ) -> u8 {\n        y\n    }\n";
    assert_eq!(
        functions(text),
        [(1, "a".to_string(), 3), (5, "b".to_string(), 5)]
    );
}

#[test]
fn each_rule_finds_what_it_forbids() {
    // a rule that matched nothing would pass for ever
    let samples = [
        "use tokio::sync::Mutex;",
        "use crate::analysis::Workspace;",
        "use crate::analysis::base::Workspace;",
        "impl Workspace {",
        "use super::hover::element_markdown;",
        "use tower_lsp_server::ls_types::Position;",
        "let map = line_map(file, enc);",
        r#"name.ends_with(".positions.toml")"#,
        "for l in text.lines() {",
    ];
    for rule in RULES {
        let re = Regex::new(rule.pattern).unwrap();
        assert!(
            samples.iter().any(|s| re.is_match(s)),
            "rule `{}` matches none of the samples",
            rule.name
        );
    }
    let feature_rule = RULES
        .iter()
        .find(|r| r.name.starts_with("a feature"))
        .unwrap();
    assert!(allowed(
        feature_rule,
        "src/analysis/hover.rs",
        "super::base"
    ));
    assert!(!allowed(
        feature_rule,
        "src/analysis/hover.rs",
        "super::navigation"
    ));
    assert!(allowed(
        feature_rule,
        "src/analysis/stakes/hover.rs",
        "super::index"
    ));
    assert!(!allowed(
        feature_rule,
        "src/analysis/stakes/hover.rs",
        "super::super::hover"
    ));
}
