//! Prints what the parser makes of a file: `cargo run --example dump FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let doc = treaty_lsp::syntax::parse(&text);
    for r in &doc.references {
        println!("{:?} {:?}", &text[r.span.clone()], r.scope);
        for t in &r.targets {
            let path: Vec<String> = t
                .path
                .iter()
                .map(|p| format!("{:?}:{}", p.level, p.key))
                .collect();
            println!(
                "    {:?} {:?} {:?} {}",
                &text[t.span.clone()],
                t.anchor,
                t.role,
                path.join(" ")
            );
        }
    }
}
