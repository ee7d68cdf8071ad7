//! Table cells of several paragraphs (issue 12): a cell written as a YAML list of strings is
//! one paragraph per string in the DOCX and in the PDF, and a "- " item hangs. Read back from
//! the real files of `data/examples/bang-nhom.yaml`.

use crate::common;

use common::{CellText, W, attr, needs, render, tables, tool, vanban, zip_part};

const EXAMPLE: &str = "data/examples/bang-nhom.yaml";

/// The paragraphs (`w:p`) of the cell whose text starts with `start`, in the first table
/// that has one: each paragraph's text and its hanging indent (twips) if any.
fn cell_paragraphs(xml: &str, start: &str) -> Vec<(String, Option<u32>)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let tc = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tc")))
        .find(|tc| {
            let text: String = tc
                .descendants()
                .filter(|d| d.has_tag_name((W, "t")))
                .filter_map(|d| d.text())
                .collect();
            text.starts_with(start)
        })
        .unwrap_or_else(|| panic!("no cell starting {start:?}"));
    tc.children()
        .filter(|p| p.has_tag_name((W, "p")))
        .map(|p| {
            let text = p
                .descendants()
                .filter(|d| d.has_tag_name((W, "t")))
                .filter_map(|d| d.text())
                .collect();
            let hanging = p
                .descendants()
                .find(|d| d.has_tag_name((W, "ind")))
                .and_then(|i| attr(i, "hanging"))
                .and_then(|h| h.parse().ok());
            (text, hanging)
        })
        .collect()
}

#[test]
fn list_cell_is_one_docx_paragraph_per_string_and_dash_items_hang() {
    let (_d, out) = render(EXAMPLE, "docx");
    let xml = zip_part(&out.with_extension("docx"), "word/document.xml").unwrap();
    let ps = cell_paragraphs(&xml, "Đã rà soát 42");
    let texts: Vec<&str> = ps.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert_eq!(texts[0], "Đã rà soát 42 thủ tục hành chính.");
    assert_eq!(texts[1], "Đề xuất đơn giản hóa:");
    assert!(texts[2].starts_with("- 05 thủ tục cắt giảm"), "{texts:?}");
    assert!(texts[3].starts_with("- 02 thủ tục bỏ yêu cầu"), "{texts:?}");
    // Plain paragraphs do not hang; "- " items do, by about the width of "- " at 13 pt.
    assert_eq!(ps[0].1, None);
    assert_eq!(ps[1].1, None);
    for (t, h) in &ps[2..] {
        let h = h.unwrap_or_else(|| panic!("{t:?} does not hang"));
        assert!((100..200).contains(&h), "{t:?} hangs {h} twips");
    }
    // A one-string cell stays one paragraph; the old blank line in ">-" stays a line break
    // inside one paragraph.
    assert_eq!(
        cell_paragraphs(&xml, "Đã rà soát 18").len(),
        1,
        "single-text cell"
    );
    let t = tables(&roxmltree::Document::parse(&xml).unwrap(), CellText::Lines);
    let annex = t.iter().find(|t| t.len() > 5).expect("the annex table");
    let last = annex.last().unwrap();
    assert_eq!(
        last[2],
        "Hoàn thành kết nối, chia sẻ dữ liệu với Cổng dịch vụ công quốc gia.\n\
         Ô viết bằng dòng trống trong khối >- vẫn xuống dòng như trước."
    );
    assert_eq!(cell_paragraphs(&xml, "Hoàn thành kết nối").len(), 1);
}

#[test]
fn list_cell_paragraphs_start_their_own_lines_in_the_pdf() {
    if !needs(&["pdftotext"]) {
        return;
    }
    let (_d, out) = render(EXAMPLE, "pdf");
    let pdf = out.with_extension("pdf");
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let lines: Vec<&str> = text.lines().collect();
    // Each paragraph starts a line of its own, at the cell's left edge; the wrapped line of
    // a dash item starts further right (the hanging indent).
    let column_of = |start: &str| -> usize {
        let l = lines
            .iter()
            .find(|l| l.contains(start))
            .unwrap_or_else(|| panic!("{start:?} not in\n{text}"));
        // In characters: the lines hold multi-byte letters.
        l[..l.find(start).unwrap()].chars().count()
    };
    let edge = column_of("Đã rà soát 42 thủ tục hành chính.");
    assert_eq!(column_of("Đề xuất đơn giản hóa:"), edge);
    assert_eq!(column_of("- 05 thủ tục cắt giảm"), edge);
    assert_eq!(column_of("- 02 thủ tục bỏ yêu cầu"), edge);
    assert_eq!(column_of("- Phường Hà Lam: 48.200 trang;"), edge);
    assert_eq!(column_of("- Xã Tân Lập: 36.900 trang;"), edge);
    // The wrapped lines of the dash items start under their text, right of the "- ".
    assert!(column_of("03 ngày làm việc, giảm thành phần") > edge);
    assert!(column_of("quốc gia về dân cư.") > edge);
}

#[test]
fn a_list_in_a_number_column_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(common::root().join(EXAMPLE)).unwrap();
    let bad = src.replace("          - 3\n", "          - [3, 4]\n");
    assert_ne!(bad, src);
    let yaml = dir.path().join("bang.yaml");
    std::fs::write(&yaml, &bad).unwrap();
    let (code, _, err) = vanban(&["render", "bang.yaml"], dir.path());
    assert_eq!(code, 1, "{err}");
    let line = bad.lines().position(|l| l.contains("[3, 4]")).unwrap() + 1;
    assert!(err.contains(&format!("bang.yaml:{line}:")), "{err}");
    assert!(err.contains("sai-kieu"), "{err}");
    assert!(err.contains("Số văn bản"), "{err}");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "bang.yaml")
        .collect();
    assert!(written.is_empty(), "{written:?}");
}
