use std::time::Instant;
use treaty_lsp::syntax::{incremental::reparse, parse};
fn main() {
    let text = std::fs::read_to_string("../shared/corpus/treaties/unclos.md").unwrap();
    let doc = parse(&text);
    let n = 200;
    let mut total_full = 0.0;
    let mut total_re = 0.0;
    for k in 0..n {
        let at = text.len() * (k + 1) / (n + 2);
        let mut at = at;
        while !text.is_char_boundary(at) { at += 1; }
        let new = format!("{}x{}", &text[..at], &text[at..]);
        let t = Instant::now();
        let full = parse(&new);
        total_full += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let re = reparse(&text, &doc, &new);
        total_re += t.elapsed().as_secs_f64();
        assert!(re == full);
    }
    println!("full {:.3} ms, reparse {:.3} ms", total_full / n as f64 * 1e3, total_re / n as f64 * 1e3);
}
