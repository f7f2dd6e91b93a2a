//! scratch: not committed
use std::time::Instant;
use treaty_lsp::syntax::{incremental::reparse, parse};
fn main() {
    let text = std::fs::read_to_string("../shared/corpus/treaties/unclos.md").unwrap();
    let doc = parse(&text);
    let n = 400;
    let news: Vec<String> = (0..n).map(|k| {
        let mut at = text.len() * (k + 1) / (n + 2);
        while !text.is_char_boundary(at) { at += 1; }
        format!("{}x{}", &text[..at], &text[at..])
    }).collect();
    let t = Instant::now();
    for new in &news { std::hint::black_box(reparse(&text, &doc, new)); }
    println!("reparse {:.3} ms", t.elapsed().as_secs_f64() / n as f64 * 1e3);
}
