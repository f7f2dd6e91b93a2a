//! The positions loader on any input (bytes that are not UTF-8 are
//! replaced): never panics, every problem and position lies inside the
//! text on character boundaries, and the file, beside a small draft, gives
//! diagnostics, hovers, lenses and quick fixes without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty_lsp::analysis::{FilePosition, Workspace};
use treaty_lsp::syntax::Span;

const DRAFT: &str = "---\nid: FUZZ/1\n---\n\n### Article 1\n\n1. Each State Party shall adopt [applicable] measures.\n\n2. [Option A]\n\n### Article 2\n\n(a) text;\n(b) more.\n";

fn ok(text: &str, s: &Span) -> bool {
    s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let file = treaty_lsp::positions::read(text);
    for p in &file.problems {
        assert!(ok(text, &p.span), "problem {:?} at {:?}", p.code, p.span);
    }
    for p in &file.positions {
        assert!(ok(text, &p.span), "position at {:?}", p.span);
    }
    let mut ws = Workspace::new();
    let draft = ws.add("draft.treaty.md", DRAFT);
    let positions = ws.add("fuzz.positions.toml", text);
    for d in ws.positions_diagnostics(positions) {
        assert!(ok(text, &d.span), "diagnostic {:?}", d.span);
    }
    let _ = ws.diagnostics(draft);
    let _ = ws.contested_diagnostics(draft);
    for offset in [DRAFT.find("Article 1").unwrap(), DRAFT.find("applicable").unwrap()] {
        let pos = FilePosition { doc: draft, offset };
        let _ = ws.hover(pos);
        let _ = ws.amendments_at(draft, offset);
    }
    let _ = ws.position_lenses(draft);
    for s in ws.stakeholders(draft) {
        let _ = s;
    }
    let _ = ws.hover(FilePosition { doc: positions, offset: text.len() / 2 });
});
