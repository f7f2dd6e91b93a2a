//! Dumps everything observable about files (the parsed document, every
//! resolution, diagnostics, outline, hover and definition at 40 offsets),
//! and about deterministic mutations of them, for diffing the behaviour of
//! two builds: `cargo run --release --example oracle -- FILES... > out.txt`.
//! Two generated drafts are always added.
use std::fmt::Write as _;
use treaty_lsp::analysis::{FilePosition, Workspace};

fn dump(name: &str, text: &str, out: &mut String) {
    let mut ws = Workspace::new();
    let id = ws.add(name, text);
    let f = ws.file(id);
    let _ = writeln!(out, "=== {name} ({} bytes)", text.len());
    let _ = writeln!(out, "{:?}", f.doc);
    for r in &f.doc.references {
        for res in ws.resolve_reference(id, r) {
            let _ = writeln!(out, "R {:?} {:?}", res.target.span, res.resolution);
        }
    }
    let _ = writeln!(out, "D {:?}", ws.diagnostics(id));
    let _ = writeln!(out, "S {:?}", ws.document_symbols(id));
    let step = (text.len() / 40).max(1);
    let mut off = 0;
    while off < text.len() {
        let pos = FilePosition {
            doc: id,
            offset: off,
        };
        let _ = writeln!(out, "H {off} {:?}", ws.hover(pos));
        let _ = writeln!(out, "G {off} {:?}", ws.definition(pos));
        off += step;
    }
}

fn mutate(text: &str, seed: u64) -> String {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut s: Vec<char> = text.chars().collect();
    for _ in 0..(s.len() / 200).max(5) {
        let i = (next() % s.len().max(1) as u64) as usize;
        match next() % 6 {
            0 => {
                s.remove(i.min(s.len().saturating_sub(1)));
            }
            1 => s.insert(
                i,
                ['\n', ' ', '(', ')', '[', ']', ',', '.', 'I', 'a', '1', '*']
                    [(next() % 12) as usize],
            ),
            2 => {
                if let Some(c) = s.get_mut(i) {
                    *c = c.to_ascii_uppercase();
                }
            }
            3 => {
                if let Some(c) = s.get_mut(i) {
                    *c = c.to_ascii_lowercase();
                }
            }
            4 => {
                let w: Vec<char> = [
                    " article 5(1)(a) ",
                    " paragraph 2 of that article ",
                    " Articles 3 to 7 bis ",
                    " Annex II ",
                    " this Annex ",
                    " the preceding paragraph ",
                    " of the Covenant ",
                    "\n\n### Article 9 bis\n\n",
                    "\n(ii) ",
                    " É ",
                    " ΑΒΓ ",
                ][(next() % 11) as usize]
                    .chars()
                    .collect();
                let i = i.min(s.len());
                s.splice(i..i, w);
            }
            _ => {
                let j = (i + (next() % 300) as usize).min(s.len());
                let i = i.min(j);
                s.drain(i..j);
            }
        }
    }
    s.into_iter().collect()
}

#[path = "../benches/support/draft.rs"]
mod draft;

fn main() {
    let mut out = String::new();
    let mut files: Vec<(String, String)> = Vec::new();
    for a in std::env::args().skip(1) {
        files.push((a.clone(), std::fs::read_to_string(&a).unwrap()));
    }
    files.push(("gen".into(), draft::generated_draft(300_000, false)));
    files.push(("genx".into(), draft::generated_draft(300_000, true)));
    for (k, (name, text)) in files.iter().enumerate() {
        dump(name, text, &mut out);
        for seed in 0..6 {
            let mutated = mutate(text, seed + 17 * k as u64);
            dump(&format!("{name}#{seed}"), &mutated, &mut out);
        }
    }
    print!("{out}");
}
