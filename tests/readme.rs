//! The commands the READMEs show, run: every ```console block of a README
//! (`$ treaty-lsp ...`, then what it prints, `? N` for an exit status
//! other than 0, `...` and `[..]` for what the example leaves out) is
//! run from the repository's root with the binary just built, and must
//! print what the README says (trycmd).

mod support {
    pub mod corpus;
}

/// Every Markdown file of the repository a person reads (not those that
/// npm puts in `node_modules`).
const DOCUMENTS: &[&str] = &[
    "*.md",
    "docs/*.md",
    "editors/*.md",
    "editors/*/README.md",
    "grammar/*.md",
    "fuzz/*.md",
    "examples/*/README.md",
];

/// The documents whose commands read the shared corpus too: the worked
/// example's `treaty.toml` names its submissions there.
const ON_THE_CORPUS: &[&str] = &["README.md", "examples/cybercrime-convention/README.md"];

#[test]
fn readme_commands_print_what_the_readmes_say() {
    let cases = trycmd::TestCases::new();
    cases.register_bin("treaty-lsp", trycmd::cargo::cargo_bin("treaty-lsp"));
    let corpus = support::corpus::dir("submissions", "the README commands on the worked example");
    let mut documents = 0;
    for pattern in DOCUMENTS {
        for path in glob::glob(pattern).unwrap().map(Result::unwrap) {
            documents += 1;
            // only the documents that show commands: trycmd says a line
            // for each document it is given, even one it has nothing to run in
            let text = std::fs::read_to_string(&path).unwrap();
            let on_the_corpus = ON_THE_CORPUS
                .iter()
                .any(|c| path == std::path::Path::new(c));
            if text.contains("```console") && (corpus.is_some() || !on_the_corpus) {
                cases.case(path);
            }
        }
    }
    assert!(
        documents > 10,
        "the patterns find the documents ({documents})"
    );
}
