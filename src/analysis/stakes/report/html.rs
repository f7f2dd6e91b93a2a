//! The report as one self-contained HTML page (no network: the style and
//! the one small script are inline; fine to print): a summary, the matrix
//! (a letter and a colour per stance, articles expandable to their
//! paragraphs), and per article every position with the stakeholder's
//! words and its changes struck and inserted. maud escapes every text it
//! is given, so nothing from a positions file becomes markup. Pure: the
//! caller says how a file's name becomes a link (`href`).

use super::{legend, letter, tally};
use super::{ChangeItem, Column, PositionItem, Report, Row, Source};
use crate::positions::Stance;
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLE: &str = include_str!("report.css");
/// Shows and hides an article's paragraph rows (they all show in print).
const SCRIPT: &str = include_str!("report.js");

/// How a file's name (a path or a URI) becomes a link.
pub type Href<'a> = &'a dyn Fn(&str) -> String;

/// The page for every report.
pub fn page(reports: &[Report], href: Href) -> String {
    let title = reports
        .iter()
        .map(|r| {
            r.id.clone()
                .or_else(|| r.title.clone())
                .unwrap_or_else(|| r.file.clone())
        })
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Positions: " (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                @for (i, r) in reports.iter().enumerate() {
                    (report(i, r, href))
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

fn report(n: usize, r: &Report, href: Href) -> Markup {
    html! {
        section.report id=(format!("report-{n}")) {
            h1 { "Positions on " (r.title.as_deref().unwrap_or(&r.file)) }
            p.meta {
                @if let Some(id) = &r.id { (id) " · " }
                (r.file) " · " (r.positions) " positions by "
                (r.stakeholders.len()) " stakeholders on " (r.rows.len()) " elements"
            }
            @if !r.most_contested.is_empty() {
                h2 { "Most contested" }
                ol.contested {
                    @for &i in r.most_contested.iter().take(10) {
                        li {
                            a href=(format!("#r{n}-{i}")) { (r.rows[i].element) }
                            ": " (tally(&r.rows[i]))
                            @if r.rows[i].contested { " " span.disagree { "stakeholders disagree" } }
                        }
                    }
                }
            }
            h2 { "Matrix" }
            p.legend { (legend()) }
            (matrix(n, r))
            h2 { "Positions by article" }
            @for (i, row) in r.rows.iter().enumerate() {
                (article(n, i, row, href))
            }
        }
    }
}

/// Stakeholders grouped: one header cell per group over its names.
fn groups(columns: &[Column]) -> Vec<(&'static str, usize)> {
    let mut out: Vec<(&'static str, usize)> = Vec::new();
    for c in columns {
        match out.last_mut() {
            Some((g, n)) if *g == c.group => *n += 1,
            _ => out.push((c.group, 1)),
        }
    }
    out
}

fn matrix(n: usize, r: &Report) -> Markup {
    html! {
        table.matrix {
            thead {
                tr {
                    th rowspan="2" { "Element" }
                    @for (group, span) in groups(&r.stakeholders) {
                        th.group colspan=(span) { (group) }
                    }
                    th rowspan="2" { "Tally" }
                }
                tr {
                    @for s in &r.stakeholders { th.who { (s.name) } }
                }
            }
            tbody {
                @for (i, row) in r.rows.iter().enumerate() {
                    (matrix_row(n, i, row, &r.stakeholders))
                }
            }
        }
    }
}

fn matrix_row(n: usize, i: usize, row: &Row, columns: &[Column]) -> Markup {
    let id = format!("r{n}-{i}");
    html! {
        tr.article data-line=(row.line) data-parts=(id) {
            th scope="row" {
                @if !row.parts.is_empty() {
                    button.toggle type="button" aria-expanded="false" aria-label="paragraphs" { "▸" }
                }
                a href=(format!("#{id}")) { (row.element) }
            }
            @for (cell, who) in row.cells.iter().zip(columns) {
                (cell_markup(cell, &who.name, &row.element, &id))
            }
            td.tally { (tally(row)) }
        }
        @for part in &row.parts {
            tr.part data-of=(id) data-line=(part.line) {
                th scope="row" { (part.element) }
                @for (cell, who) in part.cells.iter().zip(columns) {
                    (cell_markup(cell, &who.name, &part.element, &id))
                }
                td {}
            }
        }
    }
}

/// A cell: a letter per stance, coloured, with the stakeholder and the
/// stances spelled out for a reader that does not see the colours.
fn cell_markup(stances: &[Stance], who: &str, element: &str, target: &str) -> Markup {
    let names: Vec<&str> = stances.iter().map(|s| s.name()).collect();
    html! {
        @if stances.is_empty() {
            td.empty {}
        } @else {
            td.cell title=(format!("{who} on {element}: {}", names.join(", "))) data-stakeholder=(who) {
                a href=(format!("#{target}")) {
                    @for s in stances {
                        span class=(format!("stance {}", s.name())) { (letter(*s)) }
                    }
                }
            }
        }
    }
}

fn article(n: usize, i: usize, row: &Row, href: Href) -> Markup {
    html! {
        section.article id=(format!("r{n}-{i}")) data-line=(row.line) {
            h3 {
                (row.element)
                @if let Some(h) = &row.heading { " — " (h) }
            }
            p.meta { (tally(row)) " · line " (row.line) }
            @for p in &row.positions { (position(p, href)) }
        }
    }
}

fn position(p: &PositionItem, href: Href) -> Markup {
    html! {
        article.position data-stakeholder=(p.stakeholder) {
            p.head {
                span class=(format!("stance {}", p.stance.name())) { (letter(p.stance)) }
                " " strong { (p.stakeholder) } " (" (p.group) "), " (p.stance.name())
                @if p.status != "open" { ", " em { (p.status) } }
                ", " (p.on) ": " (p.summary)
            }
            @if let Some(q) = &p.quote { blockquote { (q) } }
            @for c in &p.changes { (change(c)) }
            p.sources {
                @if let Some(s) = &p.submission { (link("submission", s, href)) " · " }
                (link("position", &p.position, href))
            }
        }
    }
}

fn change(c: &ChangeItem) -> Markup {
    html! {
        div.change {
            span.what { (c.description) }
            @if let Some(problem) = &c.problem {
                " " em { "(" (c.status) ": " (problem) ")" }
            } @else if c.diff.is_empty() {
                " " em { "(" (c.status) ")" }
            } @else {
                p.diff {
                    @for piece in &c.diff {
                        @match piece.kind {
                            "deleted" => del { (piece.text) },
                            "inserted" => ins { (piece.text) },
                            _ => span { (piece.text) },
                        }
                    }
                }
            }
        }
    }
}

/// A link to a line of a file, labelled with what it is and the line.
fn link(what: &str, s: &Source, href: Href) -> Markup {
    let line = s.line.map(|l| format!("#L{l}")).unwrap_or_default();
    let label = match s.line {
        Some(l) => format!("{what}, line {l}"),
        None => what.to_string(),
    };
    html! { a href=(format!("{}{line}", href(&s.file))) title=(s.file) { (label) } }
}
