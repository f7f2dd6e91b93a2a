//! Hover Markdown as plain text, for clients that take nothing else.

/// Hover Markdown as plain text, for clients that take nothing else:
/// no emphasis marks or escapes, links as `text <url>`, table rows as
/// `cell | cell` without the outer bars or the rule under the header.
pub fn markdown_to_plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in crate::syntax::lines::lines_of(md) {
        let t = line.trim();
        // a table's header rule: `|---|:--|`
        if t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        // a table row: its cells, without the outer bars
        match t.strip_prefix('|').and_then(|r| r.strip_suffix('|')) {
            Some(cells) => out.push_str(plain_line(cells).trim()),
            None => out.push_str(&plain_line(line)),
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

fn plain_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            // `[text](url)` -> `text <url>`
            '[' => {
                let close = (i + 1..chars.len()).find(|&j| chars[j] == ']');
                let end = close
                    .filter(|&c| chars.get(c + 1) == Some(&'('))
                    .and_then(|c| (c + 2..chars.len()).find(|&j| chars[j] == ')'));
                if let (Some(close), Some(end)) = (close, end) {
                    let text: String = chars[i + 1..close].iter().collect();
                    let url: String = chars[close + 2..end].iter().collect();
                    out.push_str(&plain_line(&text));
                    out.push_str(&format!(" <{url}>"));
                    i = end + 1;
                    continue;
                }
                out.push(c);
            }
            '`' => {}
            // emphasis: a run of `*` or `_` against a word on one side
            // only (not `snake_case`, not `2 * 3`)
            '*' | '_' => {
                let mut j = i;
                while j < chars.len() && chars[j] == c {
                    j += 1;
                }
                let before = i.checked_sub(1).map(|k| chars[k]);
                let after = chars.get(j).copied();
                let word = |x: Option<char>| x.is_some_and(|x| !x.is_whitespace());
                let inner = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
                if !(word(after) || word(before)) || (inner(before) && inner(after)) {
                    out.extend(&chars[i..j]);
                }
                i = j;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_markdown_reads_as_plain_text() {
        let md = "*TEST/1 — Draft*\n\n**Article 5** Respect for *human rights*\n\n\
                  | Stakeholder | Stance |\n|---|---|\n\
                  | Microsoft | [submission, line 3](file:///ws/m.md#L3) |\n\n\
                  snake_case and 2 * 3 and a\\|b";
        assert_eq!(
            markdown_to_plain(md),
            "TEST/1 — Draft\n\nArticle 5 Respect for human rights\n\n\
             Stakeholder | Stance\n\
             Microsoft | submission, line 3 <file:///ws/m.md#L3>\n\n\
             snake_case and 2 * 3 and a|b"
        );
    }
}
