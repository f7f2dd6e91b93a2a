//! A long draft for tests of timing and scheduling.

/// A draft of about `bytes` bytes: article after article, each citing the
/// one before, with two paragraphs.
pub fn long_draft(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut n = 1;
    while text.len() < bytes {
        text.push_str(&format!(
            "### Article {n}\n\n1. The Parties shall, as provided in Article {} and \
             paragraph 2 of this article, take measures.\n\n2. Each Party shall report.\n\n",
            n.max(2) - 1
        ));
        n += 1;
    }
    text
}
