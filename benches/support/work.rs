//! The work the parse bench measures, shared with `examples/throughput.rs`
//! (which runs it under callgrind).
use treaty_lsp::analysis::Workspace;

/// Parses, indexes and resolves every reference: what a file costs before
/// the first diagnostic. Returns the number of resolved targets.
pub fn parse_and_resolve(text: &str) -> usize {
    let mut ws = Workspace::new();
    let id = ws.add("bench", text);
    let file = ws.file(id);
    let mut n = 0;
    for r in &file.doc.references {
        n += ws.resolve_reference(id, r).len();
    }
    n
}
