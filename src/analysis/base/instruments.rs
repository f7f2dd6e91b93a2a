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

/// How well `name` (as cited) names an instrument with this title and
/// these aliases: 2 exact or alias, 1 by head noun alone (`the Covenant`),
/// 0 not at all.
pub fn name_score(name: &str, title: &str, aliases: &[String]) -> u8 {
    let names = InstrumentNames::new(NodeId::ROOT, title, aliases);
    names.score(&normalise_name(name), &[])
}

/// An instrument's title and aliases, normalised once (when the document
/// is indexed), not at every reference that names an instrument.
#[derive(Clone, Debug)]
pub struct InstrumentNames {
    pub node: NodeId,
    title: Vec<String>,
    aliases: Vec<Vec<String>>,
}

impl InstrumentNames {
    fn new(node: NodeId, title: &str, aliases: &[String]) -> InstrumentNames {
        InstrumentNames {
            node,
            title: normalise_name(title),
            aliases: aliases.iter().map(|a| normalise_name(a)).collect(),
        }
    }

    /// [`name_score`] of a normalised name; `extra` are further aliases
    /// (the workspace's, for a document's root).
    fn score(&self, cited: &[String], extra: &[Vec<String>]) -> u8 {
        if cited.is_empty() {
            return 0;
        }
        let mut aliases = self.aliases.iter().chain(extra);
        if cited == self.title || aliases.clone().any(|a| a == cited) {
            return 2;
        }
        // `resolution II of the Third United Nations Conference ...` cites
        // the instrument labelled `Resolution II`
        if aliases.any(|a| a.len() >= 2 && cited.starts_with(a)) {
            return 2;
        }
        // `Directive (EU) 2015/2366` cites `DIRECTIVE (EU) 2015/2366 OF THE
        // EUROPEAN PARLIAMENT ...`: a number makes the start of a title a
        // name of its own
        let numbered = cited.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit()));
        if numbered && cited.len() >= 2 && self.title.starts_with(cited) {
            return 2;
        }
        let head_noun = self
            .title
            .iter()
            .find(|w| INSTRUMENT_NOUNS.contains(&w.as_str()));
        if cited.len() == 1 && head_noun == Some(&cited[0]) {
            return 1;
        }
        0
    }
}

/// The instruments of a document, as its index keeps them: its root
/// (titled by the document title and front matter) first, then each
/// further `Instrument` node in document order.
pub fn instrument_names(doc: &Document) -> Vec<InstrumentNames> {
    let mut root_aliases = doc
        .front_matter
        .as_ref()
        .map(|f| f.aliases.clone())
        .unwrap_or_default();
    if let Some(id) = doc.front_matter.as_ref().and_then(|f| f.id.clone()) {
        root_aliases.push(id);
    }
    let mut out = vec![InstrumentNames::new(
        NodeId::ROOT,
        doc.title.as_deref().unwrap_or_default(),
        &root_aliases,
    )];
    for id in doc
        .ids()
        .filter(|&id| doc.node(id).kind == NodeKind::Instrument)
    {
        let n = doc.node(id);
        let title = n.heading.as_deref().unwrap_or(&n.label);
        // `Resolution II` is cited by its label
        let aliases = if n.label != title {
            vec![n.label.to_string()]
        } else {
            vec![]
        };
        out.push(InstrumentNames::new(id, title, &aliases));
    }
    out
}

/// The instrument among a document's `names` that `name` cites, with its
/// score, preferring `near` (the instrument the reference stands in) on a
/// tie. `extra_aliases` name the document's root as well.
pub fn find_among(
    names: &[InstrumentNames],
    extra_aliases: &[String],
    name: &str,
    near: Option<NodeId>,
) -> Option<(NodeId, u8)> {
    best_among(names, extra_aliases, name).map(|best| (best.pick(near), best.score))
}

/// The instruments that a name cites best in one document: the score and
/// every instrument that has it. Which one a citation means depends on
/// where it stands ([`Best::pick`]); finding them does not, so it is done
/// once per name.
#[derive(Clone, Debug)]
pub struct Best {
    pub score: u8,
    /// the first of them in the document
    first: NodeId,
    /// all of them, sorted
    nodes: Vec<NodeId>,
}

impl Best {
    /// `near` when it is one of them, else the first.
    pub fn pick(&self, near: Option<NodeId>) -> NodeId {
        near.filter(|n| self.nodes.binary_search(n).is_ok())
            .unwrap_or(self.first)
    }
}

/// [`Best`] among a document's `names` for `name`; `extra_aliases` name
/// the document's root as well.
pub fn best_among(names: &[InstrumentNames], extra_aliases: &[String], name: &str) -> Option<Best> {
    let cited = normalise_name(name);
    if cited.is_empty() {
        return None;
    }
    let extra: Vec<Vec<String>> = extra_aliases.iter().map(|a| normalise_name(a)).collect();
    let mut best: Option<Best> = None;
    for names in names {
        let root_extra: &[Vec<String>] = if names.node == NodeId::ROOT {
            &extra
        } else {
            &[]
        };
        let score = names.score(&cited, root_extra);
        if score == 0 {
            continue;
        }
        match &mut best {
            Some(b) if score < b.score => {}
            Some(b) if score == b.score => b.nodes.push(names.node),
            _ => {
                best = Some(Best {
                    score,
                    first: names.node,
                    nodes: vec![names.node],
                })
            }
        }
    }
    if let Some(b) = &mut best {
        b.nodes.sort_unstable();
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
