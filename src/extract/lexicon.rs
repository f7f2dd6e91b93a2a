//! The words extraction knows: proposal verbs and their families, the
//! cues that make a sentence a proposal, and the nouns for an element or
//! for the words of one.

/// Words that say the stakeholder proposes what follows.
pub const CUES: &[&str] = &[
    "propose",
    "proposes",
    "recommend",
    "recommends",
    "suggest",
    "suggests",
    "urge",
    "urges",
    "encourage",
    "encourages",
    "ask",
    "asks",
    "should",
    "must",
    "request",
    "requests",
    "calls",
    "call",
    "need",
    "needs",
    "advocate",
    "advocates",
    "invite",
    "invites",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Delete,
    Amend,
    Insert,
    Unbracket,
    Support,
    Oppose,
}

/// A proposal verb: its family and whether it says plainly what it wants.
pub fn verb(w: &str) -> Option<(Family, bool)> {
    use Family::*;
    Some(match w {
        "delete" | "deletes" | "deleting" | "deleted" | "deletion" | "remove" | "removing"
        | "removed" | "removal" => (Delete, true),
        "strike" | "striking" | "omit" | "omitting" | "drop" | "dropping" => (Delete, false),
        "replace" | "replacing" | "replaced" | "replacement" | "amend" | "amending" | "amended"
        | "amendment" => (Amend, true),
        "align" | "aligning" | "aligned" | "revise" | "revising" | "revised" | "revision"
        | "strengthen" | "strengthening" | "streamline" | "streamlining" | "modify"
        | "modifying" | "narrow" | "narrowing" | "limit" | "limiting" | "limited" | "restrict"
        | "restricting" | "clarify" | "clarifying" | "specify" | "specifying" | "articulate"
        | "exempt" | "exempting" | "rephrase" | "reword" | "redraft" | "rename" | "renaming"
        | "tighten" | "tightening" | "scoping" => (Amend, false),
        "add" | "adding" | "added" | "addition" | "introduce" | "introducing" | "introduced"
        | "insert" | "inserting" | "inserted" | "insertion" | "reintroduce" | "reintroducing" => {
            (Insert, true)
        }
        "include" | "including" | "included" | "inclusion" => (Insert, false),
        "un-bracket" | "unbracket" | "unbracketing" | "un-bracketing" => (Unbracket, true),
        "support" | "supports" | "welcome" | "welcomes" | "endorse" | "endorses" => (Support, true),
        "oppose" | "opposes" | "reject" | "rejects" | "object" | "objects" => (Oppose, true),
        "concern" | "concerned" | "concerning" => (Oppose, false),
        _ => return None,
    })
}

/// Nouns for the words of an element rather than the element.
pub const WORDS_NOUNS: &[&str] = &[
    "term",
    "terms",
    "qualifier",
    "word",
    "words",
    "phrase",
    "phrases",
    "language",
    "text",
    "sentence",
    "reference",
    "references",
    "brackets",
    "bracket",
    "wording",
    "expression",
];

pub fn element_noun(w: &str) -> Option<&'static str> {
    Some(match w {
        "article" | "articles" => "article",
        "paragraph" | "paragraphs" => "paragraph",
        "subparagraph" | "subparagraphs" | "sub-paragraph" | "sub-paragraphs" => "subparagraph",
        "provision" | "provisions" | "clause" | "safeguard" => "provision",
        _ => return None,
    })
}
