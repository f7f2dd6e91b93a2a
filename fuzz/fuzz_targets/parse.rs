//! The parser on any input (bytes that are not UTF-8 are replaced, so every
//! input is exercised): never panics, and every span it reports lies inside
//! the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty_lsp::syntax::Span;

fn ok(text: &str, s: &Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let doc = treaty_lsp::syntax::parse(text);
    for (i, n) in doc.nodes.iter().enumerate() {
        assert!(ok(text, &n.span), "node {i} span {:?}", n.span);
        assert!(ok(text, &n.label_span), "node {i} label {:?}", n.label_span);
        for s in n.number_span.iter().chain(n.heading_span.iter()) {
            assert!(ok(text, s), "node {i} number/heading {s:?}");
        }
        if let Some(p) = n.parent {
            let ps = &doc.nodes[p.index()].span;
            assert!(p.index() < i, "node {i}: parent after it");
            assert!(
                ps.start <= n.span.start && n.span.end <= ps.end,
                "node {i} outside its parent"
            );
        }
        if i > 0 {
            assert!(
                doc.nodes[i - 1].span.start <= n.span.start,
                "nodes out of order at {i}"
            );
        }
    }
    for r in &doc.references {
        assert!(ok(text, &r.span), "reference {:?}", r.span);
        for t in &r.targets {
            assert!(ok(text, &t.span), "target {:?}", t.span);
            for p in &t.path {
                assert!(ok(text, &p.span), "piece {:?}", p.span);
            }
        }
    }
    for b in &doc.brackets {
        assert!(ok(text, &b.span), "bracket {:?}", b.span);
    }
    for d in &doc.definitions {
        assert!(ok(text, &d.term_span), "definition {:?}", d.term_span);
    }
    for i in &doc.issues {
        assert!(ok(text, &i.span), "issue {:?}", i.span);
    }
});
