//! What the YAML says is what both formats print: backslashes, unpaired and crossing marks
//! survive into the DOCX and the PDF character for character, and a table of 100 000 rows
//! written in YAML is read like one from CSV.

use crate::common;

use common::*;
use std::path::Path;

/// A small report without its body, which each test appends.
const HEAD: &str = concat!(
    "loai: bao-cao\nco_quan_ban_hanh: UBND XÃ TÂN LẬP\nviet_tat: UBND\ndia_danh: Tân Lập\n",
    "ngay: 2025-10-05\ntrich_yeu: Kết quả tháng 9/2025\n",
    "chu_ky: {chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An}\nnoi_nhan: {gui: [UBND tỉnh]}\n"
);

fn render_yaml(yaml: &str, args: &[&str]) -> (tempfile::TempDir, i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), yaml).unwrap();
    let mut all = vec!["render", "van-ban.yaml", "-o", "out"];
    all.extend(args);
    let (code, _, err) = vanban(&all, dir.path());
    (dir, code, err)
}

/// The body text of the DOCX, paragraph by paragraph.
fn docx_paragraphs(path: &Path) -> Vec<String> {
    let xml = zip_part(path, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    paragraphs(&doc).into_iter().map(|p| p.text).collect()
}

/// The PDF's text with line breaks and runs of spaces folded to one space.
fn pdf_text(path: &Path) -> String {
    let text = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn backslashes_and_unpaired_marks_are_printed_as_typed() {
    // Each line is one paragraph; the expected text is what a reader must see.
    let cases = [
        (
            r"Tệp lưu tại C:\Users\tep.docx trên máy.",
            r"Tệp lưu tại C:\Users\tep.docx trên máy.",
        ),
        (
            r"Thư mục chung \\server\share của phòng.",
            r"Thư mục chung \\server\share của phòng.",
        ),
        (
            "Phép nhân a ** b và 5 * 3 * 2 giữ nguyên.",
            "Phép nhân a ** b và 5 * 3 * 2 giữ nguyên.",
        ),
        (r"Dấu sao \*thật\* vẫn in ra.", "Dấu sao *thật* vẫn in ra."),
        (
            "Dấu chéo *a **b* c** không mất chữ.",
            "Dấu chéo a **b c** không mất chữ.",
        ),
    ];
    let body: String = cases
        .iter()
        .map(|(typed, _)| format!("  - '{}'\n", typed.replace('\'', "''")))
        .collect();
    let yaml = format!("{HEAD}noi_dung:\n{body}");
    let (dir, code, err) = render_yaml(&yaml, &[]);
    assert_eq!(code, 0, "{err}");
    let docx = docx_paragraphs(&dir.path().join("out/van-ban.docx"));
    for (typed, shown) in cases {
        assert!(
            docx.iter().any(|p| p.starts_with(shown)),
            "DOCX lacks {shown:?} (typed {typed:?}): {docx:#?}"
        );
    }
    // The crossing marks: the italic pair is the one that closes.
    let xml = zip_part(&dir.path().join("out/van-ban.docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    let p = ps
        .iter()
        .find(|p| p.text.starts_with("Dấu chéo"))
        .expect("the crossing-marks paragraph");
    let italic: String = p
        .runs
        .iter()
        .filter(|r| r.italic)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(italic, "a **b");

    if !needs(&["pdftotext"]) {
        return;
    }
    let pdf = pdf_text(&dir.path().join("out/van-ban.pdf"));
    for (typed, shown) in cases {
        assert!(
            pdf.contains(shown),
            "PDF lacks {shown:?} (typed {typed:?}): {pdf}"
        );
    }
}

#[test]
fn a_table_of_100_000_rows_can_be_written_in_yaml() {
    let mut yaml = format!(
        "{HEAD}noi_dung: [Số liệu chi tiết tại Phụ lục.]\nphu_luc:\n  - tieu_de: Danh sách hồ sơ\n    bang:\n      cot:\n        - {{ten: STT, loai: stt}}\n        - {{ten: Hồ sơ}}\n        - {{ten: Số trang, loai: so}}\n      dong:\n"
    );
    for i in 0..100_000 {
        yaml.push_str(&format!("        - [Hồ sơ số {i}, {}]\n", i % 97));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), &yaml).unwrap();
    let (code, out, err) = vanban(&["validate", "van-ban.yaml"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("hợp lệ"), "{out}");
}

#[test]
fn text_columns_print_cells_as_typed() {
    // YAML reads these plain scalars as numbers or booleans; a text column prints them as
    // typed, a number column computes with them.
    let yaml = format!(
        "{HEAD}noi_dung:\n  - bang:\n      cot: [{{ten: Mã hồ sơ}}, {{ten: Ghi chú}}, {{ten: Số, loai: so}}]\n      dong:\n        - [007, 1.50, 1500]\n        - [true, 0x1F, \"2.500\"]\n"
    );
    let (dir, code, err) = render_yaml(&yaml, &[]);
    assert_eq!(code, 0, "{err}");
    let docx = dir.path().join("out/van-ban.docx");
    let xml = zip_part(&docx, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let all = tables(&doc, CellText::Joined);
    let rows = all
        .iter()
        .find(|t| {
            t.first()
                .is_some_and(|r| r.first().is_some_and(|c| c == "Mã hồ sơ"))
        })
        .expect("the data table");
    assert_eq!(rows[1], ["007", "1.50", "1.500"]);
    assert_eq!(rows[2], ["true", "0x1F", "2.500"]);
    if !needs(&["pdftotext"]) {
        return;
    }
    let pdf = pdf_text(&dir.path().join("out/van-ban.pdf"));
    for cell in ["007", "1.50", "1.500", "true", "0x1F", "2.500"] {
        assert!(pdf.split(' ').any(|w| w == cell), "{cell} not in {pdf}");
    }
    assert!(!pdf.contains("Có") && !pdf.contains("1,5"), "{pdf}");
}

/// An alignment written with its diacritics ("phải", "giữa") is the alignment printed: it
/// used to pass validation and then be dropped on the way to the markup.
#[test]
fn styled_paragraph_alignment_with_diacritics_is_printed() {
    let yaml = format!(
        "{HEAD}noi_dung:\n  - {{doan: Căn phải có dấu., can: phải}}\n  - {{doan: Căn giữa có dấu., can: giữa}}\n"
    );
    let (dir, code, err) = render_yaml(&yaml, &["--format", "docx"]);
    assert_eq!(code, 0, "{err}");
    let xml = zip_part(&dir.path().join("out/van-ban.docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = paragraphs(&doc);
    let jc = |text: &str| {
        paras
            .iter()
            .find(|p| p.text.starts_with(text))
            .unwrap_or_else(|| panic!("no paragraph {text:?}"))
            .jc
            .clone()
    };
    assert_eq!(jc("Căn phải có dấu.").as_deref(), Some("right"));
    assert_eq!(jc("Căn giữa có dấu.").as_deref(), Some("center"));
}
