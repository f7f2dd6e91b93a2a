//! The report as Markdown, to paste into a brief: a summary, the matrix
//! as a table of letters, and per article its positions with the
//! stakeholders' words and their changes (~~struck~~, **inserted**).

use super::{legend, letter, tally};
use super::{ChangeItem, PositionItem, Report, Row};

/// Every report, one after the other.
pub fn document(reports: &[Report]) -> String {
    reports.iter().map(one).collect::<Vec<_>>().join("\n")
}

fn one(r: &Report) -> String {
    let mut md = format!("# Positions on {}\n\n", title(r));
    md += &format!(
        "{} by {} on {}.\n",
        count(r.positions, "position", "positions"),
        count(r.stakeholders.len(), "stakeholder", "stakeholders"),
        count(r.rows.len(), "element", "elements")
    );
    if r.rows.is_empty() {
        return md;
    }
    if !r.most_contested.is_empty() {
        md += "\n## Most contested\n\n";
        for (n, &i) in r.most_contested.iter().take(10).enumerate() {
            let row = &r.rows[i];
            let who = takers(r, row).join(", ");
            let flag = if row.contested {
                " (stakeholders disagree)"
            } else {
                ""
            };
            md += &format!(
                "{}. {}: {} ({}){flag}\n",
                n + 1,
                row.element,
                tally(row),
                who
            );
        }
    }
    md += &format!("\n## Matrix\n\n{}\n\n", legend());
    md += &matrix(r);
    for row in &r.rows {
        md += &article(row);
    }
    md
}

fn title(r: &Report) -> String {
    match (&r.title, &r.id) {
        (Some(t), Some(id)) if !t.contains(id.as_str()) => format!("{t} ({id})"),
        (Some(t), _) => t.clone(),
        (None, Some(id)) => id.clone(),
        (None, None) => r.file.clone(),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The stakeholders taking a position on a row.
fn takers<'r>(r: &'r Report, row: &Row) -> Vec<&'r str> {
    row.cells
        .iter()
        .zip(&r.stakeholders)
        .filter(|(c, _)| !c.is_empty())
        .map(|(_, s)| s.name.as_str())
        .collect()
}

fn matrix(r: &Report) -> String {
    let mut md = String::from("| Element |");
    for s in &r.stakeholders {
        md += &format!(" {} ({}) |", cell_text(&s.name), s.group);
    }
    md += " Tally |\n|---|";
    md += &"---|".repeat(r.stakeholders.len() + 1);
    md.push('\n');
    for row in &r.rows {
        md += &matrix_line(&row.element, &row.cells, &tally(row));
        for part in &row.parts {
            md += &matrix_line(&format!("  {}", part.element), &part.cells, "");
        }
    }
    md
}

fn matrix_line(element: &str, cells: &[Vec<crate::positions::Stance>], tally: &str) -> String {
    let mut line = format!("| {} |", cell_text(element));
    for c in cells {
        let letters: Vec<&str> = c.iter().map(|s| letter(*s)).collect();
        line += &format!(" {} |", letters.join(" "));
    }
    line + &format!(" {tally} |\n")
}

fn article(row: &Row) -> String {
    let heading = row
        .heading
        .as_deref()
        .map(|h| format!(" — {}", plain(h)))
        .unwrap_or_default();
    let mut md = format!(
        "\n## {}{heading}\n\n{} (line {})\n\n",
        plain(&row.element),
        tally(row),
        row.line
    );
    for p in &row.positions {
        md += &position(p);
    }
    md
}

fn position(p: &PositionItem) -> String {
    let status = if p.status == "open" {
        String::new()
    } else {
        format!(", {}", p.status)
    };
    let mut md = format!(
        "- **{}** ({}), {}{status}, {}: {}\n",
        plain(&p.stakeholder),
        p.group,
        p.stance.name(),
        plain(&p.on),
        plain(&p.summary)
    );
    if let Some(q) = &p.quote {
        md += &format!(
            "  > {}\n",
            plain(&q.split_whitespace().collect::<Vec<_>>().join(" "))
        );
    }
    for c in &p.changes {
        md += &format!("  - {}\n", change(c));
    }
    if let Some(s) = &p.submission {
        let line = s.line.map(|l| format!(", line {l}")).unwrap_or_default();
        md += &format!("  - Source: {}{line}\n", plain(&s.file));
    }
    md
}

fn change(c: &ChangeItem) -> String {
    if let Some(problem) = &c.problem {
        return format!("{} ({}: {problem})", c.description, c.status);
    }
    if c.diff.is_empty() {
        return format!("{} ({})", c.description, c.status);
    }
    let words: String = c
        .diff
        .iter()
        .map(|p| {
            // the marks hug the words; the spaces around them stay outside
            let space = |s: &str| if s.is_empty() { "" } else { " " };
            let core = plain(&p.text.split_whitespace().collect::<Vec<_>>().join(" "));
            let lead = space(&p.text[..p.text.len() - p.text.trim_start().len()]);
            let trail = space(&p.text[p.text.trim_end().len()..]);
            match (p.kind, core.is_empty()) {
                (_, true) => lead.to_string(),
                ("deleted", _) => format!("{lead}~~{core}~~{trail}"),
                ("inserted", _) => format!("{lead}**{core}**{trail}"),
                _ => format!("{lead}{core}{trail}"),
            }
        })
        .collect();
    format!("{}: {}", c.description, words.trim())
}

/// Words from a positions file or the draft as plain text: no raw HTML
/// and no link (`<script>`, `[x](javascript:...)`) gets into the brief;
/// the stakeholders' emphasis stays.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text in a table cell: no pipe or line break ends the cell early.
fn cell_text(s: &str) -> String {
    plain(s).replace('|', "\\|").replace('\n', " ")
}
