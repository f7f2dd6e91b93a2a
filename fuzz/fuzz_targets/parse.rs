//! The parser on any UTF-8 input: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let doc = treaty_lsp::syntax::parse(text);
        for n in &doc.nodes {
            assert!(n.span.end <= text.len() && text.is_char_boundary(n.span.start));
        }
    }
});
