//! Writes the shared sample IR of the backend tests (tests/common/sample.rs) as DOCX and PDF,
//! for looking at it: `cargo run --example sample_ir -- DIR` writes DIR/sample.docx and
//! DIR/sample.pdf (DIR defaults to the current directory).

#[path = "../tests/common/sample.rs"]
mod sample;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let doc = sample::sample();
    let docx = vanban::backend::docx::write_docx(&doc).expect("DOCX of the sample");
    let pdf =
        vanban::backend::pdf::write_pdf(&doc, vanban::fonts::bundled()).expect("PDF of the sample");
    for (name, bytes) in [("sample.docx", docx), ("sample.pdf", pdf)] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("{}", path.display());
    }
}
