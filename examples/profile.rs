//! Times the stages of analysis on one file: `cargo run --release --example profile FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/treaties/unclos.md".into());
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    for round in 0..2 {
        let t = Instant::now();
        let structure = treaty_lsp::syntax::parse(&text);
        let parse = t.elapsed();
        let mut ws = treaty_lsp::analysis::Workspace::new();
        let t = Instant::now();
        let id = ws.add("file:///x.md", text.clone());
        let add = t.elapsed();
        let t = Instant::now();
        let d = ws.diagnostics(id);
        let diag = t.elapsed();
        let t = Instant::now();
        let _ = ws.file(id).term_occurrences();
        let terms = t.elapsed();
        let t = Instant::now();
        let _ = ws.document_symbols(id);
        let symbols = t.elapsed();
        println!(
            "round {round}: parse {parse:?} ({} nodes, {} refs), add {add:?}, diagnostics {diag:?} ({}), terms {terms:?}, symbols {symbols:?}",
            structure.nodes.len(),
            structure.references.len(),
            d.len()
        );
    }
}
