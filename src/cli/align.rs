//! `treaty-lsp align OLD NEW`: the correspondence of two versions of a
//! draft, every element of the older with its counterpart in the newer
//! (or none), what became of it and how alike the two are.

use crate::align::{align, Kind, Link, Version};
use crate::syntax::{parse, Document, NodeId};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The output formats of `align`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AlignFormat {
    Md,
    Json,
    Csv,
}

pub fn run(old: &Path, new: &Path, format: AlignFormat) -> ExitCode {
    let read = |p: &Path| super::check::read_text(p);
    let (old_text, new_text) = match (read(old), read(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (old_doc, new_doc) = (parse(&old_text), parse(&new_text));
    let alignment = align(
        Version {
            text: &old_text,
            doc: &old_doc,
        },
        Version {
            text: &new_text,
            doc: &new_doc,
        },
        &[],
    );
    let rows: Vec<Row> = alignment
        .links
        .iter()
        .map(|l| Row::of(l, &old_doc, &new_doc))
        .collect();
    let out = match format {
        AlignFormat::Md => markdown(&rows, old, new),
        AlignFormat::Csv => csv(&rows),
        AlignFormat::Json => json(&rows, old, new),
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// One line of the table.
#[derive(Serialize)]
struct Row {
    old: Option<String>,
    new: Option<String>,
    kind: Kind,
    score: f32,
    given: bool,
}

impl Row {
    fn of(l: &Link, old: &Document, new: &Document) -> Row {
        let name = |doc: &Document, id: Option<NodeId>| id.map(|id| doc.display_name(id));
        Row {
            old: name(old, l.old),
            new: name(new, l.new),
            kind: l.kind,
            score: (l.score * 100.0).round() / 100.0,
            given: l.given,
        }
    }
}

fn markdown(rows: &[Row], old: &Path, new: &Path) -> String {
    let mut s = format!(
        "# {} → {}\n\n| old | new | what | score |\n|---|---|---|---|\n",
        old.display(),
        new.display()
    );
    for r in rows {
        s.push_str(&format!(
            "| {} | {} | {} | {:.2} |\n",
            r.old.as_deref().unwrap_or("—"),
            r.new.as_deref().unwrap_or("—"),
            r.kind.name(),
            r.score
        ));
    }
    s
}

fn csv(rows: &[Row]) -> String {
    let field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut s = String::from("old,new,kind,score\n");
    for r in rows {
        s.push_str(&format!(
            "{},{},{},{:.2}\n",
            field(r.old.as_deref().unwrap_or("")),
            field(r.new.as_deref().unwrap_or("")),
            r.kind.name(),
            r.score
        ));
    }
    s
}

fn json(rows: &[Row], old: &Path, new: &Path) -> String {
    let v = serde_json::json!({
        "version": 1,
        "old": old.display().to_string(),
        "new": new.display().to_string(),
        "links": rows,
    });
    let mut s = super::json::to_string(&v);
    s.push('\n');
    s
}
