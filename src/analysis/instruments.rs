//! Naming instruments: `the Covenant`, `the Budapest Convention`, `the
//! Vienna Convention on the Law of Treaties` against titles and aliases.

use crate::syntax::reference::INSTRUMENT_NOUNS;
use crate::syntax::{Document, NodeId, NodeKind};

const STOPWORDS: &[&str] = &[
    "the", "of", "on", "and", "for", "to", "in", "a", "an", "this", "that", "present",
];

/// Lowercase words without stopwords and punctuation.
pub fn normalise_name(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// The first instrument noun in a title: `Optional Protocol to the
/// International Covenant ...` -> `protocol`.
pub fn head_noun(title: &str) -> Option<String> {
    normalise_name(title)
        .into_iter()
        .find(|w| INSTRUMENT_NOUNS.contains(&w.as_str()))
}

/// How well `name` (as cited) names an instrument with this title and
/// these aliases: 2 exact or alias, 1 by head noun alone (`the Covenant`),
/// 0 not at all.
pub fn name_score(name: &str, title: &str, aliases: &[String]) -> u8 {
    let cited = normalise_name(name);
    if cited.is_empty() {
        return 0;
    }
    if cited == normalise_name(title) || aliases.iter().any(|a| normalise_name(a) == cited) {
        return 2;
    }
    // `resolution II of the Third United Nations Conference ...` cites the
    // instrument labelled `Resolution II`
    if aliases.iter().any(|a| {
        let a = normalise_name(a);
        a.len() >= 2 && cited.starts_with(&a)
    }) {
        return 2;
    }
    if cited.len() == 1 && head_noun(title).as_deref() == Some(cited[0].as_str()) {
        return 1;
    }
    0
}

/// The instruments of a document: its root (titled by the document title
/// and front matter) and each further `Instrument` node.
pub fn instruments(doc: &Document, extra: &[String]) -> Vec<(NodeId, String, Vec<String>)> {
    let ids: Vec<NodeId> = doc
        .ids()
        .filter(|&id| doc.node(id).kind == NodeKind::Instrument)
        .collect();
    instruments_among(doc, extra, &ids)
}

/// [`instruments`], given the `Instrument` nodes (in document order), as a
/// document's index keeps them: no walk over every node.
fn instruments_among(
    doc: &Document,
    extra: &[String],
    ids: &[NodeId],
) -> Vec<(NodeId, String, Vec<String>)> {
    let mut out = Vec::new();
    let aliases = doc
        .front_matter
        .as_ref()
        .map(|f| f.aliases.clone())
        .unwrap_or_default();
    let mut root_aliases = aliases;
    root_aliases.extend(extra.iter().cloned());
    if let Some(id) = doc.front_matter.as_ref().and_then(|f| f.id.clone()) {
        root_aliases.push(id);
    }
    out.push((
        NodeId::ROOT,
        doc.title.clone().unwrap_or_default(),
        root_aliases,
    ));
    for &id in ids {
        let n = doc.node(id);
        let title = n.heading.clone().unwrap_or_else(|| n.label.clone());
        // `Resolution II` is cited by its label
        let aliases = if n.label != title {
            vec![n.label.clone()]
        } else {
            vec![]
        };
        out.push((id, title, aliases));
    }
    out
}

/// The instrument in `doc` that `name` cites, preferring `near` (the
/// instrument the reference stands in) on a tie.
pub fn find_in_document(
    doc: &Document,
    extra_aliases: &[String],
    name: &str,
    near: Option<NodeId>,
) -> Option<(NodeId, u8)> {
    best_instrument(instruments(doc, extra_aliases), name, near)
}

/// [`find_in_document`] with the document's `Instrument` nodes known (from
/// its index).
pub fn find_among(
    doc: &Document,
    instrument_nodes: &[NodeId],
    extra_aliases: &[String],
    name: &str,
    near: Option<NodeId>,
) -> Option<(NodeId, u8)> {
    best_instrument(
        instruments_among(doc, extra_aliases, instrument_nodes),
        name,
        near,
    )
}

fn best_instrument(
    candidates: Vec<(NodeId, String, Vec<String>)>,
    name: &str,
    near: Option<NodeId>,
) -> Option<(NodeId, u8)> {
    let mut best: Option<(NodeId, u8)> = None;
    for (id, title, aliases) in candidates {
        let score = name_score(name, &title, &aliases);
        if score == 0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((b, s)) => score > s || (score == s && Some(id) == near && Some(b) != near),
        };
        if better {
            best = Some((id, score));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            name_score(
                "the Vienna Convention on the Law of Treaties",
                "Vienna Convention of the law of treaties",
                &[]
            ),
            2
        );
        assert_eq!(
            name_score(
                "the Covenant",
                "International Covenant on Civil and Political Rights",
                &[]
            ),
            1
        );
        assert_eq!(
            name_score(
                "the Covenant",
                "Optional Protocol to the International Covenant on Civil and Political Rights",
                &[]
            ),
            0
        );
        assert_eq!(
            name_score(
                "the Budapest Convention",
                "Convention on Cybercrime",
                &["Budapest Convention".into()]
            ),
            2
        );
        assert_eq!(
            name_score("the Charter", "Convention on Cybercrime", &[]),
            0
        );
    }
}
