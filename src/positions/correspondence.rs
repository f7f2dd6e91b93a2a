//! Reading a correspondence table (`*.correspondence.toml`): which element
//! of an older version of a draft became which element(s) of a newer one,
//! written by hand where the aligner cannot know (a Table of Origins and
//! Destinations). Its pairs override what the aligner finds. Never fails:
//! what cannot be read is a problem with its range.
//!
//! ```toml
//! [versions]
//! old = "A/AC.291/16"
//! new = "A/AC.291/22/Rev.1"
//!
//! [[pair]]
//! old = "Article 42"
//! new = "Article 24"
//! note = "conditions and safeguards"
//!
//! [[pair]]
//! old = "Article 40, paragraph 2"
//! new = []              # dropped
//! ```

use super::read::Reader;
use super::{At, Problem};
use crate::syntax::Span;
use toml::de::{DeTable, DeValue};

pub const VERSIONS_KEYS: &[&str] = &["old", "new"];
pub const PAIR_KEYS: &[&str] = &["old", "new", "note"];

/// A correspondence table as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorrespondenceFile {
    /// The older and the newer draft, by id, alias, title or file name.
    pub old: Option<At<String>>,
    pub new: Option<At<String>>,
    pub pairs: Vec<Pair>,
    pub problems: Vec<Problem>,
}

/// An element of the older draft and what it became: one element, several
/// (split), or none (dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub old: At<String>,
    pub new: Vec<At<String>>,
    pub note: Option<String>,
    pub span: Span,
}

/// Reads a correspondence table.
pub fn read_correspondence(text: &str) -> CorrespondenceFile {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut r = Reader::new(text);
    for e in &errors {
        r.problem(
            e.span().unwrap_or(0..0),
            "toml-syntax",
            e.message().trim().to_string(),
        );
    }
    let mut file = CorrespondenceFile::default();
    let root_span = root.span();
    let root = root.get_ref();
    r.check_keys(root, &["versions", "pair", "$schema"], "the file");
    match root
        .get("versions")
        .map(|v| (v.get_ref().as_table(), v.span()))
    {
        Some((Some(t), span)) => {
            r.check_keys(t, VERSIONS_KEYS, "[versions]");
            file.old = r.required(t, "old", &span, "[versions]");
            file.new = r.required(t, "new", &span, "[versions]");
        }
        Some((None, span)) => r.problem(span, "schema", "`versions` must be a table: [versions]"),
        None if errors.is_empty() => r.problem(
            root_span.start..root_span.start,
            "schema",
            "no [versions] table: say which draft is the older (`old`) and which the newer (`new`)",
        ),
        None => {}
    }
    match root.get("pair").map(|v| (v.get_ref().as_array(), v.span())) {
        Some((Some(items), _)) => {
            for item in items.iter() {
                match item.get_ref().as_table() {
                    Some(t) => file.pairs.extend(pair(&mut r, t, item.span())),
                    None => r.problem(item.span(), "schema", "each pair must be a table: [[pair]]"),
                }
            }
        }
        Some((None, span)) => r.problem(
            span,
            "schema",
            "`pair` must be an array of tables: [[pair]]",
        ),
        None => {}
    }
    file.problems = r.finish(&errors);
    file
}

fn pair(r: &mut Reader, t: &DeTable, span: Span) -> Option<Pair> {
    r.check_keys(t, PAIR_KEYS, "a pair");
    let old = r.required(t, "old", &span, "a pair");
    let note = r.string(t, "note").map(|n| n.value);
    let new = match t.get("new") {
        None => {
            r.problem(
                r.header(&span),
                "schema",
                "a pair has no `new`: the element it became, a list of them (split), or [] (dropped)",
            );
            None
        }
        Some(v) => elements(r, v.get_ref(), v.span()),
    };
    Some(Pair {
        old: old?,
        new: new?,
        note,
        span,
    })
}

/// `new`: one element's name, or a list of them.
fn elements(r: &mut Reader, v: &DeValue, span: Span) -> Option<Vec<At<String>>> {
    let one = |s: &str, span: Span| At {
        value: s.to_string(),
        span,
    };
    if let Some(s) = v.as_str() {
        if s.trim().is_empty() {
            r.problem(
                span,
                "schema",
                "`new` is empty: name the element, or write [] if it was dropped",
            );
            return None;
        }
        return Some(vec![one(s, span)]);
    }
    let Some(items) = v.as_array() else {
        r.problem(
            span,
            "schema",
            "`new` must be an element's name or a list of names",
        );
        return None;
    };
    let mut out = Vec::new();
    for item in items.iter() {
        match item.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => out.push(one(s, item.span())),
            _ => r.problem(
                item.span(),
                "schema",
                "each element of `new` must be a name, such as \"Article 24\"",
            ),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_its_versions_and_pairs_with_their_ranges() {
        let text = "[versions]\nold = \"A\"\nnew = \"B\"\n\n[[pair]]\nold = \"Article 42\"\nnew = \"Article 24\"\n\n[[pair]]\nold = \"Article 3\"\nnew = []\nnote = \"gone\"\n\n[[pair]]\nold = \"Article 4\"\nnew = [\"Article 5\", \"Article 6\"]\n";
        let f = read_correspondence(text);
        assert_eq!(f.problems, vec![]);
        assert_eq!(f.old.as_ref().unwrap().value, "A");
        assert_eq!(f.pairs.len(), 3);
        let p = &f.pairs[0];
        assert_eq!(&text[p.new[0].span.clone()], "\"Article 24\"");
        assert!(f.pairs[1].new.is_empty());
        assert_eq!(f.pairs[1].note.as_deref(), Some("gone"));
        assert_eq!(f.pairs[2].new.len(), 2);
    }

    #[test]
    fn problems_have_their_ranges_and_other_pairs_stay() {
        let text = "[versions]\nold = \"A\"\n\n[[pair]]\nold = \"Article 1\"\nnwe = \"Article 2\"\n\n[[pair]]\nold = \"Article 3\"\nnew = 4\n\n[[pair]]\nold = \"Article 5\"\nnew = \"Article 6\"\n";
        let f = read_correspondence(text);
        let got: Vec<(String, &str)> = f
            .problems
            .iter()
            .map(|p| (p.message.clone(), &text[p.span.clone()]))
            .collect();
        assert_eq!(f.pairs.len(), 1, "{got:?}");
        assert!(got[0].0.contains("[versions] has no `new`"), "{got:?}");
        assert!(
            got.iter()
                .any(|(m, at)| m.contains("did you mean `new`") && *at == "nwe"),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(m, at)| m.contains("a pair has no `new`") && *at == "[[pair]]"),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(m, at)| m.contains("must be an element's name") && *at == "4"),
            "{got:?}"
        );
    }

    #[test]
    fn broken_toml_is_a_problem_not_a_failure() {
        let f = read_correspondence("[versions\nold = \"A\"\n");
        assert!(f.problems.iter().any(|p| p.code == "toml-syntax"));
    }
}
