//! Tasks written the way plans write them, read back from the rendered DOCX and PDF: deadlines
//! printed exactly as written ("Tháng 02/2026", "Từ tháng 02/2023", "Chậm nhất ngày …",
//! "Từ … đến …") with the last day they mean, and the office's own status labels printed as
//! written while counts, sentences, overdue marks and `--where` use their class.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};

const TASKS: &str = include_str!("../data/examples/nhiem-vu-tinh-2026.yaml");
const TRACKING: &str = include_str!("../data/examples/theo-doi-nhiem-vu-tinh.yaml");

/// A scratch directory holding the example and its tasks file (`tasks` replaces the file).
fn scratch(tasks: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nhiem-vu-tinh-2026.yaml"), tasks).unwrap();
    std::fs::write(dir.path().join("theo-doi.yaml"), TRACKING).unwrap();
    dir
}

/// Render the example in `dir` to DOCX and PDF; returns both paths.
fn render_in(dir: &Path, extra: &[&str]) -> (PathBuf, PathBuf) {
    let mut args = vec!["render", "theo-doi.yaml", "-o", "out"];
    args.extend_from_slice(extra);
    let (code, _, err) = vanban(&args, dir);
    assert_eq!(code, 0, "{err}");
    let out = dir.join("out");
    (out.join("theo-doi.docx"), out.join("theo-doi.pdf"))
}

/// The data tables (first row starting "STT") of a DOCX, cells as lines.
fn data_tables(docx: &Path) -> Vec<Vec<Vec<String>>> {
    let xml = zip_part(docx, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    tables(&doc, CellText::Lines)
        .into_iter()
        .filter(|rows| {
            rows.first()
                .is_some_and(|r| r.first().map(String::as_str) == Some("STT"))
        })
        .collect()
}

/// The rows of the progress table (the one with a "Tình trạng" column), by STT.
fn progress_rows(docx: &Path) -> Vec<Vec<String>> {
    let tables = data_tables(docx);
    let t = tables
        .iter()
        .find(|t| t[0].iter().any(|h| h == "Tình trạng"))
        .expect("a progress table");
    t.iter()
        .filter(|r| r.len() == 7 && r[0].parse::<usize>().is_ok())
        .cloned()
        .collect()
}

/// The whole text of a DOCX with whitespace collapsed.
fn docx_text(docx: &Path) -> String {
    let xml = zip_part(docx, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    collapse(
        &ps.iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a PDF in the order it is drawn (cell by cell) with whitespace collapsed, so
/// that a cell's lines join.
fn pdf_text(pdf: &Path) -> String {
    collapse(&tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]))
}

/// The overdue marks "Quá hạn N ngày" in `text`, as N.
fn late_marks(text: &str) -> Vec<u32> {
    text.match_indices("Quá hạn ")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let (n, tail) = rest.split_once(' ')?;
            tail.starts_with("ngày").then(|| n.parse().ok()).flatten()
        })
        .collect()
}

#[test]
fn deadlines_and_labels_are_printed_as_written_in_docx_and_pdf() {
    if !needs(&["pdftotext"]) {
        return;
    }
    let dir = scratch(TASKS);
    let (docx, pdf) = render_in(dir.path(), &[]);
    let rows = progress_rows(&docx);
    assert_eq!(rows.len(), 8);
    // (STT, deadline cell, status cell): deadline column 4, status column 6.
    let expect: &[(&str, &str, &str)] = &[
        ("1", "Tháng 02/2026", "Đã triển khai"),
        (
            "2",
            "Chậm nhất ngày 15/4/2026",
            "Chưa triển khai\nQuá hạn 76 ngày",
        ),
        (
            "3",
            "Sau khi Chính phủ ban hành Nghị định hướng dẫn",
            "Chưa triển khai",
        ),
        ("4", "Từ tháng 02/2023", "Đang triển khai"),
        ("5", "Từ ngày 01/6/2022", "Thực hiện thường xuyên"),
        (
            "6",
            "Từ tháng 3/2026 đến tháng 5/2026",
            "Đang triển khai\nQuá hạn 30 ngày",
        ),
        ("7", "Từ nay đến hết năm 2026", "Đang triển khai"),
        ("8", "Trong tháng 06/2026", "Đã triển khai"),
    ];
    for (r, (stt, han, status)) in rows.iter().zip(expect) {
        assert_eq!(r[0], *stt);
        assert_eq!(r[4], *han, "task {stt}");
        assert_eq!(r[6], *status, "task {stt}");
    }
    let pdf = pdf_text(&pdf);
    for (_, han, status) in expect {
        assert!(pdf.contains(han), "PDF lacks {han:?}");
        assert!(pdf.contains(&collapse(status)), "PDF lacks {status:?}");
    }
    // Nothing is silently rewritten ("Tháng 02/2026" is not "Tháng 2/2026").
    for text in [&pdf, &docx_text(&docx)] {
        assert!(!text.contains("Tháng 2/2026") && !text.contains("tháng 6/2026"));
        assert!(!text.contains("Đang thực hiện") && !text.contains("Chưa hoàn thành"));
    }
    // Overdue only where a last day passed and the class can be late: the start-only
    // deadline (task 4) and the free text (task 3) never are, done tasks neither.
    assert_eq!(late_marks(&pdf), vec![76, 30]);
}

#[test]
fn counts_and_sentences_use_the_class_of_each_label() {
    if !needs(&["pdftotext"]) {
        return;
    }
    let dir = scratch(TASKS);
    let (docx, pdf) = render_in(dir.path(), &[]);
    let tables = data_tables(&docx);
    let summary = tables
        .iter()
        .find(|t| t[0].iter().any(|h| h == "Tổng số"))
        .expect("a summary table");
    // One label per class names its column; thuong_xuyen has none and keeps its own name.
    assert_eq!(
        summary[0][3..7],
        [
            "Đã triển khai",
            "Thực hiện thường xuyên",
            "Đang triển khai",
            "Chưa triển khai"
        ]
    );
    let total = summary.last().unwrap();
    assert_eq!(total[0], "Tổng cộng");
    // Total, the four classes, without status, overdue.
    assert_eq!(total[1..], ["8", "2", "1", "3", "2", "0", "2"]);
    let sentence = "Tổng số 08 nhiệm vụ: 03 nhiệm vụ đã triển khai hoặc thực hiện thường xuyên \
                    (bao gồm nhiệm vụ số 1, 5, 8); 03 nhiệm vụ đang triển khai (bao gồm nhiệm vụ \
                    số 4, 6, 7), trong đó 01 nhiệm vụ quá hạn (nhiệm vụ số 6); 02 nhiệm vụ chưa \
                    triển khai (bao gồm nhiệm vụ số 2, 3), trong đó 01 nhiệm vụ quá hạn (nhiệm \
                    vụ số 2).";
    assert!(docx_text(&docx).contains(sentence));
    let pdf = pdf_text(&pdf);
    assert!(pdf.contains(sentence), "{pdf}");
    assert!(pdf.contains("Tổng cộng 8 2 1 3 2 0 2"), "{pdf}");
}

#[test]
fn where_takes_the_label_or_the_class() {
    if !needs(&["pdftotext"]) {
        return;
    }
    for value in ["Đang triển khai", "đang TRIỂN khai", "dang_thuc_hien"] {
        let dir = scratch(TASKS);
        let arg = format!("trang_thai={value}");
        let (docx, pdf) = render_in(dir.path(), &["--where", &arg]);
        let stt: Vec<String> = progress_rows(&docx).iter().map(|r| r[0].clone()).collect();
        assert_eq!(stt, ["4", "6", "7"], "{value}");
        let pdf = pdf_text(&pdf);
        assert!(pdf.contains("Tổng số 03 nhiệm vụ: tất cả 03 nhiệm vụ đang triển khai"));
        assert_eq!(late_marks(&pdf), vec![30], "{value}");
    }
    let dir = scratch(TASKS);
    let (docx, _) = render_in(dir.path(), &["--where", "trang_thai=Đã triển khai"]);
    let stt: Vec<String> = progress_rows(&docx).iter().map(|r| r[0].clone()).collect();
    assert_eq!(stt, ["1", "8"]);
    assert!(docx_text(&docx).contains("(tình trạng: đã triển khai)"));
}

#[test]
fn an_unknown_label_in_where_is_an_error_with_a_hint() {
    let dir = scratch(TASKS);
    let (code, _, err) = vanban(
        &[
            "render",
            "theo-doi.yaml",
            "-o",
            "out",
            "--where",
            "trang_thai=Dang trien khai",
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("[mã lỗi: dong-lenh]"), "{err}");
    assert!(
        err.contains("có phải ý bạn là \"Đang triển khai\"?"),
        "{err}"
    );
    assert!(!dir.path().join("out").exists());
}

/// Validate the example with its tasks file edited by `edit`; returns (exit code, stderr).
fn validate_with(edit: impl Fn(&str) -> String) -> (i32, String) {
    let dir = scratch(&edit(TASKS));
    let (code, _, err) = vanban(&["validate", "theo-doi.yaml"], dir.path());
    (code, err)
}

/// The line (1-based) of the first line of the tasks file containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn an_unknown_label_in_the_tasks_file_names_its_place_code_and_the_closest_label() {
    let edited = TASKS.replacen(
        "trang_thai: Chưa triển khai",
        "trang_thai: Chưa triễn khai",
        1,
    );
    let (code, err) = validate_with(|_| edited.clone());
    assert_eq!(code, 1);
    let line = line_of(&edited, "Chưa triễn khai");
    assert!(
        err.contains(&format!(
            "nhiem-vu-tinh-2026.yaml:{line}:17: tình trạng \"Chưa triễn khai\""
        )),
        "{err}"
    );
    assert!(err.contains("[mã lỗi: gia-tri-la]"), "{err}");
    assert!(
        err.contains("có phải ý bạn là \"Chưa triển khai\"?"),
        "{err}"
    );
    // A label must name one of the four classes.
    let (code, err) = validate_with(|t| t.replace("loai: hoan_thanh}", "loai: hoan_thnah}"));
    assert_eq!(code, 1);
    assert!(err.contains("nhan_trang_thai: loai"), "{err}");
    assert!(err.contains("có phải ý bạn là \"hoan_thanh\"?"), "{err}");
    // A label written twice.
    let (code, err) = validate_with(|t| {
        t.replace(
            "  - {nhan: Chưa triển khai, loai: chua_hoan_thanh}",
            "  - {nhan: Chưa triển khai, loai: chua_hoan_thanh}\n  - {nhan: chưa triển khai, loai: dang_thuc_hien}",
        )
    });
    assert_eq!(code, 1);
    assert!(err.contains("nhãn \"chưa triển khai\" bị trùng"), "{err}");
    assert!(err.contains("[mã lỗi: trung-lap]"), "{err}");
}

#[test]
fn unknown_deadline_forms_are_errors_unless_free_text() {
    let (code, err) = validate_with(|t| t.replace("han: Từ tháng 02/2023", "han: Từ thang 2023"));
    assert_eq!(code, 1);
    let line = line_of(TASKS, "han: Từ tháng 02/2023");
    assert!(
        err.contains(&format!(
            "nhiem-vu-tinh-2026.yaml:{line}:10: thời hạn \"Từ thang 2023\""
        )),
        "{err}"
    );
    assert!(err.contains("[mã lỗi: ngay-sai]"), "{err}");
    assert!(err.contains("tu_do"), "{err}");
    // A range whose end comes before its start is not a deadline either.
    let (code, err) = validate_with(|t| {
        t.replace(
            "han: Từ tháng 3/2026 đến tháng 5/2026",
            "han: Từ tháng 5/2026 đến tháng 3/2026",
        )
    });
    assert_eq!(code, 1, "{err}");
    // Marked as free text, the same words are accepted.
    let (code, err) =
        validate_with(|t| t.replace("han: Từ tháng 02/2023", "han: {tu_do: \"Từ thang 2023\"}"));
    assert_eq!(code, 0, "{err}");
}
