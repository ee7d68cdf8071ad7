//! Indicators from a spreadsheet or CSV file (`nguon_chi_tieu`): each row one indicator,
//! joined to the document's `chi_tieu`; what is wrong in a row is reported at its cell.

use crate::common;

use common::*;

const CSV: &str = "Mã,Chỉ tiêu,Đơn vị tính,Kết quả,Chỉ tiêu giao
ho_so,hồ sơ trực tuyến,hồ sơ,12345,10000
ty_le_so_hoa,tỷ lệ hồ sơ được số hóa,%,\"87,5\",
";

/// A report whose text uses one indicator written in YAML and two from `chi-tieu.csv`.
fn report(extra: &str) -> String {
    format!(
        "{REPORT_HEAD}chi_tieu:
  - {{id: can_bo, ten: cán bộ được tập huấn, don_vi: người, gia_tri: 42}}
nguon_chi_tieu:
  - tep: chi-tieu.csv
    cot: {{id: Mã, ten: Chỉ tiêu, don_vi: Đơn vị tính, gia_tri: Kết quả, muc_tieu: Chỉ tiêu giao}}
{extra}noi_dung:
  - Tiếp nhận [[ho_so]], đạt [[ho_so.muc_tieu]]; tỷ lệ số hóa [[ty_le_so_hoa]]; tập huấn [[can_bo]].
{REPORT_TAIL}"
    )
}

/// Write the report and the CSV into a fresh directory and run `vanban args… bc.yaml`.
fn run(yaml: &str, csv: &str, args: &[&str]) -> (tempfile::TempDir, i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bc.yaml"), yaml).unwrap();
    std::fs::write(dir.path().join("chi-tieu.csv"), csv).unwrap();
    let mut all: Vec<&str> = args.to_vec();
    all.push("bc.yaml");
    let (code, _, err) = vanban(&all, dir.path());
    (dir, code, err)
}

#[test]
fn indicators_from_a_csv_file_print_in_both_formats() {
    let (dir, code, err) = run(
        &report(""),
        CSV,
        &["render", "--format", "docx,pdf", "-o", "out"],
    );
    assert_eq!(code, 0, "{err}");
    let xml = zip_part(&dir.path().join("out/bc.docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body: String = paragraphs(&doc)
        .iter()
        .map(|p| p.text.clone())
        .find(|t| t.starts_with("Tiếp nhận"))
        .expect("the sentence with the indicators");
    // Values and the target from the file, the YAML indicator beside them.
    let want = "Tiếp nhận 12.345, đạt 10.000 hồ sơ; tỷ lệ số hóa 87,5; tập huấn 42";
    assert!(body.starts_with(want), "{body}");
    if needs(&["pdftotext"]) {
        let pdf = dir.path().join("out/bc.pdf");
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let body_flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&body_flat), "PDF lacks «{body_flat}»: {flat}");
    }
}

#[test]
fn text_in_a_value_cell_is_reported_at_that_cell_and_nothing_is_written() {
    let csv = CSV.replace("12345", "nhiều");
    let (dir, code, err) = run(&report(""), &csv, &["render", "-o", "out"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("chi-tieu.csv:2:4:"), "{err}");
    assert!(!dir.path().join("out").exists(), "{err}");
}

#[test]
fn an_id_taken_by_chi_tieu_is_a_duplicate_at_its_cell() {
    let csv = CSV.replace("ty_le_so_hoa,", "can_bo,");
    let (_dir, code, err) = run(&report(""), &csv, &["validate"]);
    assert_eq!(code, 1, "{err}");
    assert_code(&err, "lỗi: chi-tieu.csv:3:1:", "trung-lap");
    assert!(err.contains("chi_tieu (dòng"), "{err}");
}

#[test]
fn a_row_without_an_id_and_an_unknown_key_are_refused() {
    let csv = format!("{CSV},mẫu lẻ,hồ sơ,5,\n");
    let (_dir, code, err) = run(&report(""), &csv, &["validate"]);
    assert_eq!(code, 1, "{err}");
    assert_code(&err, "lỗi: chi-tieu.csv:4:1:", "thieu-khoa");
    let yaml = report("").replace(
        "muc_tieu: Chỉ tiêu giao",
        "muc_tieu: Chỉ tiêu giao, thanh_phan: X",
    );
    let (_dir, code, err) = run(&yaml, CSV, &["validate"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("\"thanh_phan\" trong cot"), "{err}");
    assert!(err.contains("bc.yaml:"), "{err}");
}
