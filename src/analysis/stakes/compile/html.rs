//! The compilation as one self-contained HTML page, to read and to print:
//! the draft's Markdown rendered (pulldown-cmark), each proposal set off
//! and attributed (`{Microsoft: delete}` becomes a marked span naming
//! Microsoft), the draft's own HTML shown as text so the page stays inert
//! and fetches nothing. Pure.

use super::Compilation;
use crate::syntax::lines::{line_end, next_line_start};
use maud::{html, PreEscaped, DOCTYPE};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const STYLE: &str = "
body { font: 15px/1.5 Georgia, 'Times New Roman', serif; max-width: 52em; margin: 2em auto; padding: 0 1em; color: #222; }
header { border-bottom: 1px solid #999; margin-bottom: 1.5em; }
h1 { font-size: 1.4em; } h2, h3, h4 { font-size: 1.1em; margin: 1.4em 0 .4em; }
.proposal { font: .85em/1.4 system-ui, sans-serif; background: #fff4d6; border: 1px solid #e0b84f; border-radius: 3px; padding: 0 .3em; }
.proposal b { color: #7a4b00; }
.legend .proposal { white-space: nowrap; }
@media print { body { margin: 0; max-width: none; } .proposal { background: none; } }
";

/// The page for a compilation.
pub fn page(c: &Compilation) -> String {
    let title = format!("Compilation of proposals: {}", c.draft);
    let proposals = if c.placed == 1 {
        "proposal"
    } else {
        "proposals"
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // nothing loads, nothing runs: the page is the text
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (title) }
                    p.legend {
                        (c.placed) " " (proposals) " placed. Words in square brackets are words a proposal would change; "
                        span.proposal { b { "Stakeholder" } ": proposal" }
                        " follows them. New elements are inserted and marked; deletions are marked, not made."
                    }
                }
                main { (PreEscaped(body_html(&c.text))) }
            }
        }
    }
    .into_string()
}

/// The compilation's Markdown as HTML (without its front matter: the
/// header names the draft), proposals marked.
fn body_html(text: &str) -> String {
    let mut in_comment = false;
    // for each open link: whether it is kept
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(
        without_front_matter(text),
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    // the draft's comments are notes to its editors (a comment block
    // comes a line at a time)
    .filter(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => {
            let opens = h.trim_start().starts_with("<!--");
            let inside = in_comment || opens;
            in_comment = inside && !h.contains("-->");
            !inside
        }
        _ => true,
    })
    // images are their words; a link only to the web or within the page
    .filter(|e| match e {
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => false,
        Event::Start(Tag::Link { dest_url, .. }) => {
            links.push(safe_link(dest_url));
            links.last() == Some(&true)
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false),
        _ => true,
    })
    .map(|e| match e {
        Event::Code(code) => match proposal(&code) {
            Some((who, what)) => Event::InlineHtml(
                html! { span.proposal data-who=(who) { b { (who) } ": " (what) } }
                    .into_string()
                    .into(),
            ),
            None => Event::Code(code),
        },
        // the draft's own markup is shown, never run
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        e => e,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// A link the page keeps: to the web, or within the page or beside it
/// (no `javascript:`, `data:`, `file:` or other scheme).
fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower
        .find(':')
        .filter(|&c| !lower[..c].contains(['/', '?', '#']));
    match scheme {
        Some(c) => matches!(&lower[..c], "http" | "https" | "mailto"),
        None => true,
    }
}

/// The text after a `---` front matter block at its start.
fn without_front_matter(text: &str) -> &str {
    if line_end(text, 0) != 3 || !text.starts_with("---") {
        return text;
    }
    let mut at = next_line_start(text, 0);
    while at < text.len() {
        let end = line_end(text, at);
        if text[at..end].trim_end() == "---" {
            return &text[next_line_start(text, at)..];
        }
        at = next_line_start(text, at);
    }
    text
}

/// `{Microsoft: delete}` as who and what (`Microsoft, its element has no
/// counterpart here: ...` names Microsoft).
fn proposal(code: &str) -> Option<(&str, &str)> {
    let inner = code.strip_prefix('{')?.strip_suffix('}')?;
    let (attribution, what) = inner.split_once(": ")?;
    let who = attribution.split(',').next()?.trim();
    (!who.is_empty()).then_some((who, what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposals_are_marked_and_the_drafts_markup_is_text() {
        let c = Compilation {
            draft: "D/1".into(),
            text: "---\nid: D/1 (compilation)\n---\n\n<!-- a note\non two lines -->\n\n### Article 1\n\n1. The [applicable] `{Microsoft: delete}` law <script>x()</script>.\n\n2. [the annex](javascript:alert(1)) ![logo](https://tracker.example/p.png) [site](https://un.org/x) [Jav](JavaScript:x)\n".into(),
            placed: 1,
        };
        let page = page(&c);
        assert!(
            page.contains(
                r#"<span class="proposal" data-who="Microsoft"><b>Microsoft</b>: delete</span>"#
            ),
            "{page}"
        );
        assert!(page.contains("&lt;script&gt;x()&lt;/script&gt;"), "{page}");
        assert!(!page.contains("<script>"), "{page}");
        assert!(page.contains("<h3>Article 1</h3>"), "{page}");
        // the front matter is not shown as text
        assert!(!page.contains("id: D/1"), "{page}");
        assert!(
            !page.contains("a note") && !page.contains("two lines"),
            "{page}"
        );
        assert!(page.contains("1 proposal placed"), "{page}");
        // no script link, no image fetched: their words stay
        assert!(!page.to_lowercase().contains("javascript:"), "{page}");
        assert!(!page.contains("<img") && page.contains("logo"), "{page}");
        assert!(page.contains("the annex"), "{page}");
        assert!(
            page.contains(r#"<a href="https://un.org/x">site</a>"#),
            "{page}"
        );
        assert!(page.contains("default-src 'none'"), "{page}");
    }
}
