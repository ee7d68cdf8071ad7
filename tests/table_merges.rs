//! Merged body cells and numbered group rows (issue 12), read back from the real DOCX and
//! PDF of `data/examples/bang-gop-o.yaml`: an agency name merged down over its tasks
//! (`gop_dong`), a result merged across two columns (`gop_cot`), group rows A. / I. with
//! their counts in the STT column, row numbers restarting in each group.

use crate::common;

use common::{W, attr, needs, render, tool, vanban, zip_part};

const EXAMPLE: &str = "data/examples/bang-gop-o.yaml";

/// One cell as the DOCX writes it: text, grid span and vertical merge ("restart",
/// "continue" or none), and whether its paragraphs keep with the next row.
#[derive(Debug, Clone, PartialEq)]
struct DocxCell {
    text: String,
    span: usize,
    vmerge: Option<String>,
    keep_next: bool,
}

fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.descendants().find(|c| c.has_tag_name((W, name)))
}

/// The body rows of the document's last table (the annex table).
fn annex_rows(docx: &std::path::Path) -> Vec<Vec<DocxCell>> {
    let xml = zip_part(docx, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tbl = doc
        .descendants()
        .rfind(|n| n.has_tag_name((W, "tbl")))
        .expect("a table");
    tbl.children()
        .filter(|c| c.has_tag_name((W, "tr")))
        .map(|tr| {
            tr.children()
                .filter(|c| c.has_tag_name((W, "tc")))
                .map(|tc| DocxCell {
                    text: tc
                        .descendants()
                        .filter(|d| d.has_tag_name((W, "t")))
                        .filter_map(|d| d.text())
                        .collect(),
                    span: child(tc, "gridSpan")
                        .and_then(|g| attr(g, "val"))
                        .map_or(1, |v| v.parse().unwrap()),
                    vmerge: child(tc, "vMerge")
                        .map(|v| attr(v, "val").unwrap_or("continue").to_string()),
                    keep_next: tc
                        .descendants()
                        .filter(|p| p.has_tag_name((W, "p")))
                        .all(|p| child(p, "keepNext").is_some()),
                })
                .collect()
        })
        .collect()
}

fn row_starting<'a>(rows: &'a [Vec<DocxCell>], first: &str, nth: usize) -> &'a [DocxCell] {
    rows.iter()
        .filter(|r| r.first().is_some_and(|c| c.text == first))
        .nth(nth)
        .unwrap_or_else(|| panic!("no row {nth} starting {first:?}"))
}

#[test]
fn merged_cells_are_vmerge_and_gridspan_in_the_docx() {
    let (_d, out) = render(EXAMPLE, "docx");
    let rows = annex_rows(&out.with_extension("docx"));
    // Every row covers the six grid columns.
    for r in &rows {
        assert_eq!(r.iter().map(|c| c.span).sum::<usize>(), 6, "{r:?}");
    }
    // The agency merged down over its two tasks: "restart" on the first row, an empty
    // "continue" cell in the same column of the next; the first row keeps with the next.
    let i = rows
        .iter()
        .position(|r| r.iter().any(|c| c.text == "Sở Khoa học và Công nghệ"))
        .expect("the merged agency");
    assert_eq!(rows[i][1].vmerge.as_deref(), Some("restart"));
    assert_eq!(rows[i + 1][1].vmerge.as_deref(), Some("continue"));
    assert_eq!(rows[i + 1][1].text, "");
    assert_eq!(
        rows[i + 1][2].text.split(',').next().unwrap(),
        "Kết nối mạng truyền số liệu chuyên dùng đến 100% xã"
    );
    assert!(rows[i].iter().all(|c| c.keep_next), "{:?}", rows[i]);
    assert!(
        !rows[i + 1].iter().any(|c| c.keep_next),
        "{:?}",
        rows[i + 1]
    );
    let restarts = rows
        .iter()
        .flatten()
        .filter(|c| c.vmerge.as_deref() == Some("restart"));
    assert_eq!(restarts.count(), 3, "three agencies merged down");
    // The result merged across "Kết quả thực hiện" and "Ghi chú".
    let across = rows
        .iter()
        .flatten()
        .find(|c| c.text == "Đạt 68% số giao dịch")
        .expect("the merged result");
    assert_eq!(across.span, 2);
}

#[test]
fn group_rows_carry_their_labels_counts_and_restart_the_numbers() {
    let (_d, out) = render(EXAMPLE, "docx");
    let rows = annex_rows(&out.with_extension("docx"));
    let a = row_starting(&rows, "A.", 0);
    assert_eq!(a.len(), 2);
    assert_eq!(
        a[1].text,
        "NHIỆM VỤ CHUNG CỦA CÁC SỞ, BAN, NGÀNH (05 NHIỆM VỤ)"
    );
    assert_eq!(a[1].span, 5);
    assert_eq!(
        row_starting(&rows, "I.", 0)[1].text,
        "Hạ tầng số (03 NHIỆM VỤ)"
    );
    assert_eq!(
        row_starting(&rows, "II.", 0)[1].text,
        "Dữ liệu số (02 NHIỆM VỤ)"
    );
    assert_eq!(
        row_starting(&rows, "B.", 0)[1].text,
        "NHIỆM VỤ CỦA UBND CÁC XÃ, PHƯỜNG (02 NHIỆM VỤ)"
    );
    // Subgroups restart under each group: B. is followed by I. again.
    assert_eq!(
        row_starting(&rows, "I.", 1)[1].text,
        "Dịch vụ công trực tuyến (02 NHIỆM VỤ)"
    );
    // Row numbers restart in each group (danh_so: theo_nhom): 1 2 3 | 1 2 | 1 2.
    let numbers: Vec<&str> = rows
        .iter()
        .skip(1)
        .map(|r| r[0].text.as_str())
        .filter(|t| t.parse::<u32>().is_ok())
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "1", "2", "1", "2"]);
}

/// Words of a PDF page with their boxes, from `pdftotext -bbox`.
fn words(pdf: &std::path::Path) -> Vec<(String, f32, f32, f32)> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let num = |k: &str| -> f32 {
                let s = &l[l.find(&format!("{k}=\"")).unwrap() + k.len() + 2..];
                s[..s.find('"').unwrap()].parse().unwrap()
            };
            let text = &l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()];
            (text.to_string(), num("xMin"), num("yMin"), num("xMax"))
        })
        .collect()
}

#[test]
fn merged_cells_span_their_rows_and_columns_in_the_pdf() {
    if !needs(&["pdftotext"]) {
        return;
    }
    let (_d, out) = render(EXAMPLE, "pdf");
    let w = words(&out.with_extension("pdf"));
    let first = |t: &str| {
        w.iter()
            .find(|x| x.0 == t)
            .unwrap_or_else(|| panic!("{t:?} not in the PDF"))
            .clone()
    };
    // The agency is printed once, vertically between its two tasks' first lines.
    assert_eq!(w.iter().filter(|x| x.0 == "Khoa").count(), 1);
    let agency = first("Khoa");
    let task1 = first("Nâng");
    let task2 = w
        .iter()
        .find(|x| x.0 == "Kết" && x.2 > task1.2)
        .unwrap()
        .clone();
    assert!(
        agency.2 > task1.2 && agency.2 < task2.2,
        "{agency:?} {task1:?} {task2:?}"
    );
    // The text merged across two columns runs past the left edge of "Ghi chú".
    let notes_x = first("Ghi").1;
    let line_y = first("Hệ").2;
    let right = w
        .iter()
        .filter(|x| (x.2 - line_y).abs() < 1.0)
        .map(|x| x.3)
        .fold(0.0, f32::max);
    assert!(
        right > notes_x + 20.0,
        "merged text ends at {right}, Ghi chú at {notes_x}"
    );
    // The group label sits in the STT column, left of the title's first word.
    let label = first("A.");
    let title = w
        .iter()
        .find(|x| x.0 == "NHIỆM" && (x.2 - label.2).abs() < 1.0)
        .unwrap();
    assert!(label.3 < title.1, "{label:?} {title:?}");
}

/// Write `yaml` into a temp dir as bang.yaml and render it there.
fn render_text(yaml: &str) -> (tempfile::TempDir, i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bang.yaml"), yaml).unwrap();
    let (code, _, err) = vanban(&["render", "bang.yaml", "-o", "out"], dir.path());
    (dir, code, err)
}

const HEAD: &str = "loai: phu-luc\ntieu_de: Bảng thử\nbang:\n  cot:\n    - {ten: STT, loai: stt}\n    - {ten: Cơ quan}\n    - {ten: Nhiệm vụ}\n    - {ten: Kết quả}\n  dong:\n";

#[test]
fn bad_merges_are_refused_with_their_line_and_nothing_is_written() {
    // (rows, what the message says, where: the merged cell, the row or the value)
    let cases: &[(&str, &str, &str)] = &[
        // The merge runs into a group row.
        (
            "    - [{gia_tri: Sở A, gop_dong: 2}, Việc 1, Xong]\n    - nhom: Nhóm 2\n    - [Sở B, Việc 2, Xong]\n",
            "gop_dong",
            "bang.yaml:10:8:",
        ),
        // A row under a merged cell still writes the covered cell.
        (
            "    - [{gia_tri: Sở A, gop_dong: 2}, Việc 1, Xong]\n    - [Sở A, Việc 2, Xong]\n",
            "ô gộp",
            "bang.yaml:11:7:",
        ),
        // Across past the last column.
        (
            "    - [Sở A, Việc 1, {gia_tri: Xong, gop_cot: 2}]\n",
            "ô gộp",
            "bang.yaml:10:7:",
        ),
        // A merge of zero rows.
        (
            "    - [{gia_tri: Sở A, gop_dong: 0}, Việc 1, Xong]\n",
            "gop_dong",
            "bang.yaml:10:34:",
        ),
    ];
    for (rows, says, at) in cases {
        let (dir, code, err) = render_text(&format!("{HEAD}{rows}"));
        assert_eq!(code, 1, "{rows}\n{err}");
        assert!(err.contains(at), "{at}\n{err}");
        assert!(err.contains(says), "{rows}\n{err}");
        assert!(!dir.path().join("out").exists(), "{err}");
    }
}

#[test]
fn a_label_in_the_stt_column_needs_one() {
    let yaml = "loai: phu-luc\ntieu_de: Bảng thử\nbang:\n  dong_nhom: {danh_so: chu, nhan: cot_stt}\n  cot:\n    - {ten: Cơ quan}\n    - {ten: Kết quả}\n  dong:\n    - nhom: Nhóm 1\n    - [Sở A, Xong]\n";
    let (_dir, code, err) = render_text(yaml);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bang.yaml:4:"), "{err}");
    assert!(err.contains("cot_stt"), "{err}");
}

#[test]
fn groups_numbered_without_stt_column_put_the_label_before_the_title() {
    let yaml = "loai: phu-luc\ntieu_de: Bảng thử\nbang:\n  dong_nhom: {danh_so: la_ma, dem: việc}\n  cot:\n    - {ten: Cơ quan}\n    - {ten: Kết quả}\n  dong:\n    - nhom: Nhóm một\n    - [Sở A, Xong]\n    - [Sở B, Xong]\n    - nhom: Nhóm hai\n    - [Sở C, Xong]\n";
    let (dir, code, err) = render_text(yaml);
    assert_eq!(code, 0, "{err}");
    let rows = annex_rows(&dir.path().join("out/bang.docx"));
    assert_eq!(rows[1][0].text, "I. Nhóm một (02 việc)");
    assert_eq!(rows[1][0].span, 2);
    assert_eq!(rows[4][0].text, "II. Nhóm hai (01 việc)");
}
