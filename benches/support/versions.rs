//! A next version of a draft, for the alignment benchmarks: a new Article 2
//! (every later article renumbered), Article 100 deleted (so from there on
//! the numbers are the old ones again), every seventh paragraph reworded.
//! What a session's new draft does to a long text, deterministically.

const NEW_ARTICLE: &str = "### Article 2\n\nStates Parties shall cooperate in good faith in the implementation of this Convention, and shall consult each other on any question arising from it.\n\n";

/// The next version of `text` (a draft whose articles are `### Article N`).
pub fn next_version(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 512);
    let mut deleting = false;
    let mut paragraph = 0usize;
    for line in text.split_inclusive('\n') {
        let heading = line
            .strip_prefix("### Article ")
            .and_then(|r| r.trim().parse::<u32>().ok());
        if let Some(n) = heading {
            deleting = n == 100;
            if deleting {
                continue;
            }
            if n == 2 {
                out.push_str(NEW_ARTICLE);
            }
            let now = match n {
                1 => 1,
                2..=99 => n + 1,
                _ => n,
            };
            out.push_str(&format!("### Article {now}\n"));
            continue;
        }
        if deleting {
            continue;
        }
        if line.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            paragraph += 1;
            if paragraph % 7 == 0 {
                out.push_str(
                    &line
                        .replacen(" shall ", " should ", 1)
                        .replacen(" the ", " any ", 1),
                );
                continue;
            }
        }
        out.push_str(line);
    }
    out
}
