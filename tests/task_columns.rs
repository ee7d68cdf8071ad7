//! Task tables with the office's own columns and extra task fields (issue 12), read back
//! from the real DOCX and PDF of `data/examples/theo-doi-cot-rieng.yaml`: eight named
//! columns, two of them extra fields of the tasks file (`truong`), the agency merged down
//! over its consecutive tasks (`gop: true`), the overdue mark in the last column; filters on
//! an extra field; errors for undeclared fields.

use crate::common;

use common::{CellText, W, attr, needs, root, tables, tool, vanban, zip_part};

const EXAMPLE: &str = "data/examples/theo-doi-cot-rieng.yaml";
const TASKS: &str = "data/examples/nhiem-vu-cot-rieng-2026.yaml";

/// A scratch dir holding the example and its tasks file (the tasks file possibly edited).
fn scratch(tasks: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(EXAMPLE), dir.path().join("theo-doi.yaml")).unwrap();
    std::fs::write(dir.path().join("nhiem-vu-cot-rieng-2026.yaml"), tasks).unwrap();
    dir
}

fn tasks_file() -> String {
    std::fs::read_to_string(root().join(TASKS)).unwrap()
}

/// Render in `dir`; the annex table (the last table) as cell texts, and the DOCX XML.
fn annex(dir: &std::path::Path, extra: &[&str]) -> (Vec<Vec<String>>, String) {
    let mut args = vec!["render", "theo-doi.yaml", "-o", "out"];
    args.extend_from_slice(extra);
    let (code, _, err) = vanban(&args, dir);
    assert_eq!(code, 0, "{err}");
    let xml = zip_part(&dir.join("out/theo-doi.docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let t = tables(&doc, CellText::Lines).pop().unwrap();
    (t, xml)
}

#[test]
fn the_annex_shows_the_named_columns_in_their_order_and_widths() {
    let dir = scratch(&tasks_file());
    let (t, xml) = annex(dir.path(), &[]);
    assert_eq!(
        t[0],
        [
            "TT",
            "Nhiệm vụ được giao",
            "Văn bản của Trung ương",
            "Văn bản triển khai tại địa phương",
            "Cơ quan thực hiện",
            "Thời gian thực hiện",
            "Kết quả thực hiện",
            "Ghi chú"
        ]
    );
    // The grid follows the relative widths 4 : 24 : 15 : 14 : 12 : 11 : 16 : 9.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let grid: Vec<f32> = doc
        .descendants()
        .rfind(|n| n.has_tag_name((W, "tblGrid")))
        .unwrap()
        .children()
        .filter_map(|c| attr(c, "w"))
        .map(|w| w.parse().unwrap())
        .collect();
    let total: f32 = grid.iter().sum();
    let want = [4.0, 24.0, 15.0, 14.0, 12.0, 11.0, 16.0, 9.0];
    for (g, w) in grid.iter().zip(want) {
        assert!((g / total - w / 105.0).abs() < 0.002, "{grid:?}");
    }
    // The extra fields print as written, a list field one line each.
    let row = t.iter().find(|r| r[0] == "3").expect("task 3");
    assert_eq!(
        row[2],
        "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ"
    );
    assert_eq!(
        row[3],
        "Quyết định số 412/QĐ-UBND ngày 15/3/2026\nQuyết định số 598/QĐ-UBND ngày 20/5/2026"
    );
    // Deadlines as written; the office's status label with the overdue mark under it.
    let row2 = t.iter().find(|r| r[0] == "2").expect("task 2");
    assert_eq!(row2[5], "Chậm nhất ngày 30/4/2026");
    assert_eq!(row2[7], "Đang triển khai\nQuá hạn 61 ngày");
}

#[test]
fn the_agency_merges_down_over_its_consecutive_tasks() {
    let dir = scratch(&tasks_file());
    let (t, xml) = annex(dir.path(), &[]);
    // Tasks 1 and 2 (Sở Khoa học và Công nghệ), then 3 (Văn phòng), then in the second
    // group 1 and 2 (Sở Tư pháp), 3 (Sở Khoa học và Công nghệ again: a new run).
    let agency_rows: Vec<&Vec<String>> = t.iter().filter(|r| r.len() == 8).skip(1).collect();
    let agencies: Vec<&str> = agency_rows.iter().map(|r| r[4].as_str()).collect();
    assert_eq!(
        agencies,
        [
            "Sở Khoa học và Công nghệ",
            "",
            "Văn phòng UBND tỉnh",
            "Sở Tư pháp",
            "",
            "Sở Khoa học và Công nghệ"
        ]
    );
    assert_eq!(xml.matches(r#"<w:vMerge w:val="restart" />"#).count(), 2);
    assert_eq!(xml.matches(r#"<w:vMerge w:val="continue" />"#).count(), 2);
}

#[test]
fn the_pdf_prints_the_same_columns_and_the_merged_agency_once() {
    if !needs(&["pdftotext"]) {
        return;
    }
    let dir = scratch(&tasks_file());
    annex(dir.path(), &[]);
    let pdf = dir.path().join("out/theo-doi.pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let annex = &text[text.find("Văn bản của").expect("the annex header")..];
    for h in [
        "Trung ương",
        "Cơ quan thực",
        "Thời gian",
        "Kết quả thực hiện",
        "Ghi chú",
    ] {
        assert!(annex.contains(h), "{h}");
    }
    // "57-NQ/TW" may wrap after its hyphen, as in LibreOffice.
    assert!(annex.contains("NQ/TW ngày"), "{annex}");
    assert!(annex.contains("598/QĐ-UBND"), "{annex}");
    assert_eq!(annex.matches("Sở Tư pháp").count(), 1, "{annex}");
}

#[test]
fn where_filters_on_an_extra_field() {
    let dir = scratch(&tasks_file());
    let (t, _) = annex(
        dir.path(),
        &[
            "--where",
            "van_ban_tw=Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ",
        ],
    );
    let numbers: Vec<&str> = t
        .iter()
        .filter(|r| r.len() == 8)
        .skip(1)
        .map(|r| r[0].as_str())
        .collect();
    // Tasks TC03 and DL01, with the plan's numbers (numbered on through the groups).
    assert_eq!(numbers, ["3", "4"], "{t:?}");
}

#[test]
fn where_on_an_unknown_value_or_field_names_what_exists() {
    let dir = scratch(&tasks_file());
    let (code, _, err) = vanban(
        &[
            "render",
            "theo-doi.yaml",
            "-o",
            "out",
            "--where",
            "van_ban_tw=Nghị quyết 57",
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Văn bản của Trung ương"), "{err}");
    assert!(err.contains("Nghị quyết số 57-NQ/TW"), "{err}");
    let (code, _, err) = vanban(
        &[
            "render",
            "theo-doi.yaml",
            "-o",
            "out",
            "--where",
            "van_ban_t=x",
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("không lọc được theo trường \"van_ban_t\""),
        "{err}"
    );
    assert!(err.contains("van_ban_tw"), "{err}");
    assert!(!dir.path().join("out").exists());
}

/// Line and column (1-based, in characters) of the first `what` in `text`.
fn place(text: &str, what: &str) -> (usize, usize) {
    let (i, l) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(what))
        .unwrap();
    (i + 1, l[..l.find(what).unwrap()].chars().count() + 1)
}

#[test]
fn undeclared_fields_bad_dates_and_unknown_columns_are_refused_at_their_line() {
    let cases: &[(&str, &str, &str, &str)] = &[
        // A task writes a field the file does not declare.
        (
            "      cap_nhat: 25/6/2026\n  - id: TC02",
            "      cap_nhap: 25/6/2026\n  - id: TC02",
            // The message points at the value of the undeclared field.
            "25/6/2026",
            "có phải là \"cap_nhat\"",
        ),
        // A date field that is not a date.
        (
            "      cap_nhat: 20/6/2026",
            "      cap_nhat: 31/6/2026",
            "31/6/2026",
            "ngay-sai",
        ),
        // A field shadowing a built-in one.
        (
            "  - {id: cap_nhat, ten: Ngày cập nhật, loai: ngay}",
            "  - {id: han, ten: Hạn, loai: ngay}",
            "han",
            "xung-dot",
        ),
    ];
    for (from, to, at, says) in cases {
        let edited = tasks_file().replacen(from, to, 1);
        assert_ne!(edited, tasks_file(), "{from}");
        let dir = scratch(&edited);
        let (code, _, err) = vanban(&["render", "theo-doi.yaml", "-o", "out"], dir.path());
        assert_eq!(code, 1, "{err}");
        let (line, col) = place(&edited, at);
        assert!(
            err.contains(&format!("nhiem-vu-cot-rieng-2026.yaml:{line}:{col}:")),
            "{to}\n{err}"
        );
        assert!(err.contains(says), "{to}\n{err}");
        assert!(!dir.path().join("out").exists());
    }
    // A column naming no field, in the document.
    let dir = scratch(&tasks_file());
    let doc = std::fs::read_to_string(root().join(EXAMPLE))
        .unwrap()
        .replace(
            "{truong: van_ban_dp, rong: 14}",
            "{truong: van_ban_dq, rong: 14}",
        );
    std::fs::write(dir.path().join("theo-doi.yaml"), &doc).unwrap();
    let (code, _, err) = vanban(&["render", "theo-doi.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 1, "{err}");
    let (line, col) = place(&doc, "van_ban_dq");
    assert!(
        err.contains(&format!("theo-doi.yaml:{line}:{col}:")),
        "{err}"
    );
    assert!(err.contains("có phải là \"van_ban_dp\""), "{err}");
}

#[test]
fn presets_are_column_lists_and_tong_hop_takes_none() {
    let dir = scratch(&tasks_file());
    let doc = std::fs::read_to_string(root().join(EXAMPLE))
        .unwrap()
        .replace("mau: theo_doi ", "mau: tong_hop ");
    std::fs::write(dir.path().join("theo-doi.yaml"), &doc).unwrap();
    let (code, _, err) = vanban(&["render", "theo-doi.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tong_hop"), "{err}");
}
