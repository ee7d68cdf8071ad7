//! `vanban kiem-tra`: checks DOCX and PDF files written by anyone against Decree 30 with
//! the `vanban-kiem-tra` crate, prints the findings (or JSON) and writes the corrected
//! copy of `--sua`. Files are checked in parallel; the output keeps the input order.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use kiem_tra::{Finding, Report};
use rayon::prelude::*;

/// What one file gave: its report, or why it could not be read.
pub type Outcome = Result<Report, String>;

/// Checks every file's bytes (or passes on why they could not be read), in parallel.
pub fn check_files(inputs: Vec<Result<Vec<u8>, String>>) -> Vec<Outcome> {
    inputs
        .into_par_iter()
        .map(|bytes| kiem_tra::check(&bytes?).map_err(|e| e.to_string()))
        .collect()
}

/// One finding as printed: severity, rule, place, excerpt, what was found, what the decree
/// requires and where it says so.
pub fn finding_line(file: &Path, f: &Finding) -> String {
    let mut s = format!(
        "{}: {} [{}] {}",
        file.display(),
        f.severity.label(),
        f.rule.id(),
        f.place
    );
    if !f.excerpt.is_empty() {
        let _ = write!(s, " «{}»", f.excerpt);
    }
    let _ = write!(
        s,
        ": {}; cần: {} ({})",
        f.found,
        f.expected,
        f.rule.reference()
    );
    if f.fixable {
        s.push_str(" [sửa được bằng --sua]");
    }
    s
}

/// The line that ends each file.
pub fn summary_line(file: &Path, r: &Report) -> String {
    let kind = r
        .kind
        .map_or("không nhận ra loại văn bản".to_string(), |k| {
            k.name.to_string()
        });
    match (r.errors(), r.notes()) {
        (0, 0) => format!("{}: {kind}: đạt, không có lỗi thể thức", file.display()),
        (0, n) => format!("{}: {kind}: không có lỗi, {n} lưu ý", file.display()),
        (e, n) => format!("{}: {kind}: {e} lỗi, {n} lưu ý", file.display()),
    }
}

/// The reports as JSON (`--json`).
pub fn json(files: &[PathBuf], outcomes: &[Outcome]) -> String {
    let list: Vec<serde_json::Value> = files
        .iter()
        .zip(outcomes)
        .map(|(file, o)| match o {
            Ok(r) => serde_json::json!({
                "tep": file.display().to_string(),
                "loai": r.kind.map(|k| k.name),
                "loi": r.errors(),
                "luu_y": r.notes(),
                "ket_qua": r.findings.iter().map(|f| serde_json::json!({
                    "muc_do": f.severity.id(),
                    "quy_tac": f.rule.id(),
                    "ten_quy_tac": f.rule.title(),
                    "vi_tri": f.place,
                    "trich": f.excerpt,
                    "thuc_te": f.found,
                    "yeu_cau": f.expected,
                    "can_cu": f.rule.reference(),
                    "sua_duoc": f.fixable,
                })).collect::<Vec<_>>(),
            }),
            Err(e) => serde_json::json!({"tep": file.display().to_string(), "khong_doc_duoc": e}),
        })
        .collect();
    let mut s =
        serde_json::to_string_pretty(&serde_json::json!({ "tep": list })).unwrap_or_default();
    s.push('\n');
    s
}
