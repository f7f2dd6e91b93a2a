//! Parse, resolve every reference, diagnose, and ask the editor queries at
//! a position taken from the input: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty_lsp::analysis::{FilePosition, Workspace};

fuzz_target!(|data: &[u8]| {
    // the first byte picks the position of the editor queries
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut ws = Workspace::new();
    let id = ws.add("fuzz", text);
    for r in &ws.file(id).doc.references {
        let _ = ws.resolve_reference(id, r);
    }
    for d in ws.diagnostics(id) {
        assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
    }
    // any byte offset, on a char boundary or not: the queries clamp
    let offset = text.len() * pick as usize / 255;
    let pos = FilePosition { doc: id, offset };
    let _ = ws.hover(pos);
    let _ = ws.definition(pos);
    let _ = ws.references(pos, true);
    let _ = ws.completions(pos);
    let _ = ws.selection_ranges(pos);
    let _ = ws.rename(pos, "2");
    let _ = ws.document_symbols(id);
    let _ = ws.folding_ranges(id);
    let _ = ws.semantic_tokens(id, None);
});
