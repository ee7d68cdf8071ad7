//! Tasks kept in a spreadsheet (`nhiem_vu: {nguon: {tep, trang, cot}}`): each row a task,
//! the group column giving the groups; what is wrong in a cell is reported at that cell.

use crate::common;

use common::*;

const EXAMPLE: &str = "data/examples/theo-doi-bang-tinh.yaml";

#[test]
fn the_example_reads_its_tasks_from_the_workbook_in_both_formats() {
    let (_d, out) = render(EXAMPLE, "docx,pdf");
    let xml = zip_part(&out.with_extension("docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tables = tables(&doc, CellText::Joined);
    let tasks = tables
        .iter()
        .find(|t| {
            t.iter()
                .any(|r| r.iter().any(|c| c.contains("sổ sức khỏe điện tử")))
        })
        .expect("the task table");
    let flat: Vec<String> = tasks.iter().map(|r| r.join(" | ")).collect();
    // The groups of the "Nhóm nhiệm vụ" column, in order of first use, and all 8 rows.
    let group_rows: Vec<&String> = flat.iter().filter(|r| r.contains("NHIỆM VỤ)")).collect();
    assert_eq!(group_rows.len(), 3, "{flat:#?}");
    assert!(
        group_rows[0].contains("VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        "{flat:#?}"
    );
    for text in [
        "Ban hành kế hoạch kiểm tra việc thực hiện Đề án 06",
        "Triển khai sổ sức khỏe điện tử trên ứng dụng VNeID",
        "Đã tái cấu trúc 18/25 dịch vụ.",
    ] {
        assert!(flat.iter().any(|r| r.contains(text)), "{text}: {flat:#?}");
    }
    if needs(&["pdftotext"]) {
        let text = tool(
            "pdftotext",
            &[out.with_extension("pdf").to_str().unwrap(), "-"],
        );
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("Triển khai sổ sức khỏe điện tử"), "{flat}");
        assert!(flat.contains("Tổng số 08 nhiệm vụ"), "{flat}");
    }
}

/// The example with its YAML changed by `edit`, validated in a copy of data/examples.
fn validate_edited(edit: impl Fn(String) -> String) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let ex = root().join("data/examples");
    std::fs::copy(
        ex.join("nhiem-vu-bang-tinh.xlsx"),
        dir.path().join("nhiem-vu-bang-tinh.xlsx"),
    )
    .unwrap();
    let yaml = edit(std::fs::read_to_string(root().join(EXAMPLE)).unwrap());
    std::fs::write(dir.path().join("bt.yaml"), yaml).unwrap();
    std::fs::write(
        dir.path().join("nv.csv"),
        "Mã,Nhóm,Nội dung,Tình trạng,Thời hạn\n\
         A1,Nhóm một,Việc thứ nhất,hoan_thanh,Quý I/2025\n\
         A2,Nhóm một,Việc thứ hai,đang chờ xét,Quý II/2025\n\
         A3,Nhóm hai,Việc thứ ba,dang_thuc_hien,Tháng 13/2025\n",
    )
    .unwrap();
    let (code, _, err) = vanban(&["validate", "bt.yaml"], dir.path());
    (code, err)
}

#[test]
fn a_bad_cell_is_reported_at_its_cell() {
    // Statuses read from the "Kết quả" column: its first cell is no status.
    let (code, err) =
        validate_edited(|y| y.replace("trang_thai: Tình trạng", "trang_thai: Kết quả"));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("lỗi: ")
            && err.contains("nhiem-vu-bang-tinh.xlsx:2:8: ô H2, trang \"Nhiệm vụ 2025\", "),
        "{err}"
    );
    // A CSV file: row and column.
    let (code, err) = validate_edited(|y| {
        let i = y.find("  nguon:").unwrap();
        let j = y.find("  tinh_den:").unwrap();
        format!(
            "{}  nguon:\n    tep: nv.csv\n    cot: {{id: Mã, nhom: Nhóm, noi_dung: Nội dung, trang_thai: Tình trạng, han: Thời hạn}}\n{}",
            &y[..i],
            &y[j..]
        )
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("nv.csv:3:4: "), "the status of row 3: {err}");
    assert!(err.contains("đang chờ xét"), "{err}");
    assert!(err.contains("nv.csv:4:5: "), "the deadline of row 4: {err}");
}

#[test]
fn the_mapping_is_checked_in_the_yaml() {
    let (code, err) =
        validate_edited(|y| y.replace("      han: Thời hạn", "      thoi_han: Thời hạn"));
    assert_eq!(code, 1, "{err}");
    let line = line_with_code(&err, "lỗi: bt.yaml:", "khoa-la");
    assert!(
        line.contains("thoi_han") && line.contains("noi_dung"),
        "{line}"
    );
    let (code, err) =
        validate_edited(|y| y.replace("  tinh_den:", "  tep: nhiem-vu-2025.yaml\n  tinh_den:"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("xung-dot"), "{err}");
    let (code, err) = validate_edited(|y| y.replace("      id: Mã\n", "      id: Mã số\n"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("không có cột \"Mã số\""), "{err}");
}
