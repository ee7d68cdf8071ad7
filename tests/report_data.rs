//! Monthly report data: indicator sentences, tables from Excel/CSV with computed columns,
//! group subtotals and totals, changes against the previous report — read back from the
//! rendered DOCX and PDF — and every bad-input case (exit 1, Vietnamese message naming the
//! file and line, nothing written).

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const EXAMPLE: &str = include_str!("../data/examples/bao-cao-thang.yaml");
const PREVIOUS: &str = include_str!("../data/examples/bao-cao-thang-truoc.yaml");

/// A temp dir holding the example's files, with `report` as `bao-cao-thang.yaml`.
fn workspace(report: &str, previous: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("data/examples/dich-vu-cong.xlsx"),
        dir.path().join("dich-vu-cong.xlsx"),
    )
    .unwrap();
    std::fs::copy(
        root().join("data/examples/nhiem-vu-bao-cao-2025.yaml"),
        dir.path().join("nhiem-vu-bao-cao-2025.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("bao-cao-thang-truoc.yaml"), previous).unwrap();
    let yaml = dir.path().join("bao-cao-thang.yaml");
    std::fs::write(&yaml, report).unwrap();
    (dir, yaml)
}

fn run_ok(dir: &Path, args: &[&str]) {
    let (code, _, err) = vanban(args, dir);
    assert_eq!(code, 0, "{err}");
}

/// Body paragraphs and the rows of each table of a rendered DOCX.
fn docx_content(path: &Path) -> (Vec<String>, Vec<Vec<Vec<String>>>) {
    let xml = zip_part(path, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paras = paragraphs(&doc)
        .into_iter()
        .filter(|p| !p.in_table)
        .map(|p| p.text)
        .collect();
    let tables = common::tables(&doc, common::CellText::Joined);
    (paras, tables)
}

fn row<'a>(t: &'a [Vec<String>], first_text: &str) -> &'a Vec<String> {
    t.iter()
        .find(|r| r.iter().any(|c| c == first_text))
        .unwrap_or_else(|| panic!("no row {first_text:?}"))
}

fn has(paras: &[String], s: &str) -> bool {
    paras.iter().any(|p| p.contains(s))
}

/// PDF text with whitespace collapsed (sentences wrap over lines).
fn pdf_text(path: &Path) -> String {
    tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn example_sentences_and_tables_are_computed() {
    let root = root();
    let dir = tempfile::tempdir().unwrap();
    run_ok(
        &root,
        &[
            "render",
            "data/examples/bao-cao-thang.yaml",
            "--previous",
            "data/examples/bao-cao-thang-truoc.yaml",
            "-o",
            dir.path().to_str().unwrap(),
            "--format",
            "docx",
        ],
    );
    let (paras, tables) = docx_content(&dir.path().join("bao-cao-thang.docx"));
    for s in [
        // Increase, with the unit, against last month.
        "5.339.392 lượt (tăng 269.520 lượt so với kỳ báo cáo trước)",
        // Share of a total, and its change in points.
        "đạt tỷ lệ 66,93% (tăng 0,97 điểm phần trăm so với tháng trước)",
        // Values from the workbook's total row; the rate over the total.
        "tiếp nhận 87.926 hồ sơ (tăng 3.509 hồ sơ so với kỳ báo cáo trước), trong đó 75.010 hồ sơ nộp trực tuyến (đạt tỷ lệ 85,31%, tăng 1,77 điểm phần trăm",
        // A rate indicator changes in points; no change reads as such.
        "86,4% (tăng 2,3 điểm phần trăm so với kỳ báo cáo trước)",
        "92,7% (không thay đổi so với kỳ báo cáo trước)",
        // Target, as-of date and parts.
        "(tính đến ngày 15/9/2025)",
        "vượt chỉ tiêu 34.530 hồ sơ (đạt 102,76%)",
        "678/678 cơ sở khám bệnh",
        "trong đó 31.204 người là đối tượng bảo trợ xã hội; 10.666 người là người có công với cách mạng",
        // Present now, absent last month: no change, no error.
        "chưa thông báo lưu trú qua ứng dụng VNeID: 12 cơ sở.",
    ] {
        assert!(has(&paras, s), "missing {s:?}");
    }
    assert!(
        !paras.iter().any(|p| p.contains("[[")),
        "unresolved reference"
    );

    // Phụ lục II from dich-vu-cong.xlsx (sheet "Tháng 9/2025"), Vietnamese text intact.
    let t2 = &tables[3];
    assert_eq!(
        row(t2, "Đăng ký, cấp biển số mô tô, xe gắn máy")[3..6],
        ["5.353", "5.078", "94,86%"]
    );
    assert_eq!(
        row(
            t2,
            "Giảm trừ mức đóng khi gia hạn thẻ bảo hiểm y tế theo hộ gia đình"
        )[8],
        "Phần mềm hoạt động chưa ổn định"
    );
    // Blank stays blank, zero stays zero, 0/0 gives no rate.
    let first = row(
        t2,
        "Xác nhận số chứng minh nhân dân khi đã được cấp thẻ căn cước",
    );
    assert_eq!(first[3..6], ["", "63", ""]);
    assert_eq!(
        row(t2, "Đăng ký dự thi tốt nghiệp trung học phổ thông")[3..6],
        ["0", "0", ""]
    );
    assert_eq!(row(t2, "Đăng ký khai sinh")[5], "100%");

    // Phụ lục III: group rows, subtotals per group, a total row, the change column.
    let t3 = &tables[4];
    let labels: Vec<&str> = t3.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(labels.iter().filter(|l| **l == "Cộng").count(), 5);
    assert_eq!(labels.last(), Some(&"Tổng cộng"));
    let total = t3.last().unwrap();
    assert_eq!(total[2..6], ["2.752", "860", "31,25%", "+52"]);
    let hop_tac_xa = row(t3, "Đăng ký thành lập hợp tác xã và đăng ký thuế");
    assert_eq!(hop_tac_xa[3..7], ["44", "44", "100%", "+7"]);
    // A row absent last month has no change; a blank row has neither rate nor change.
    let xoa_no = row(
        t3,
        "Xóa nợ nghĩa vụ tài chính trên giấy chứng nhận quyền sử dụng đất",
    );
    assert_eq!(xoa_no[3..7], ["0", "0", "", ""]);
    // The subtotal of Sở Tư pháp matches last month's subtotal of the same group.
    let i = t3.iter().position(|r| r[0] == "Sở Tư pháp").unwrap();
    let cong = t3[i..].iter().find(|r| r[0] == "Cộng").unwrap();
    assert_eq!(cong[2..6], ["512", "498", "97,27%", "+28"]);
}

#[test]
fn without_previous_report_no_change_is_written() {
    let y = EXAMPLE.replace("ky_truoc: bao-cao-thang-truoc.yaml\n", "");
    let (dir, yaml) = workspace(&y, PREVIOUS);
    run_ok(
        dir.path(),
        &[
            "render",
            yaml.to_str().unwrap(),
            "-o",
            "out",
            "--format",
            "docx",
        ],
    );
    let (paras, tables) = docx_content(&dir.path().join("out/bao-cao-thang.docx"));
    assert!(has(&paras, "thẻ căn cước: 5.339.392 lượt; trong đó"));
    assert!(!paras.iter().any(|p| p.contains("so với kỳ báo cáo trước")));
    assert_eq!(tables[4].last().unwrap()[5], "");
}

#[test]
fn changing_an_input_number_changes_sentence_and_cells_in_docx_and_pdf() {
    // The lookups and one row of Phụ lục III change; everything computed follows.
    let y = EXAMPLE
        .replace("    gia_tri: 5339392\n", "    gia_tri: 5400000\n")
        .replace(
            "[Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế, Đã kết nối, 512, 498, ~]",
            "[Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế, Đã kết nối, 512, 512, ~]",
        );
    assert_ne!(y, EXAMPLE);
    let (dir, yaml) = workspace(&y, PREVIOUS);
    run_ok(dir.path(), &["render", yaml.to_str().unwrap(), "-o", "out"]);
    let (paras, tables) = docx_content(&dir.path().join("out/bao-cao-thang.docx"));
    let sentence = "5.400.000 lượt (tăng 330.128 lượt so với kỳ báo cáo trước)";
    assert!(has(&paras, sentence));
    // 3.573.541 / 5.400.000 = 66,18 %; last month 65,95 %.
    let rate = "đạt tỷ lệ 66,18% (tăng 0,22 điểm phần trăm so với tháng trước)";
    assert!(has(&paras, rate));
    let t3 = &tables[4];
    let r = row(t3, "Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế");
    assert_eq!(r[3..7], ["512", "512", "100%", "+42"]);
    let total = t3.last().unwrap();
    assert_eq!(total[2..6], ["2.752", "874", "31,76%", "+66"]);

    if !needs(&["pdftotext"]) {
        return;
    }
    let pdf = pdf_text(&dir.path().join("out/bao-cao-thang.pdf"));
    assert!(pdf.contains(sentence), "PDF lacks {sentence:?}");
    assert!(pdf.contains(rate), "PDF lacks {rate:?}");
    assert!(
        pdf.contains("Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế Đã kết nối 512 512 100% +42"),
        "PDF row not updated"
    );
    assert!(
        pdf.contains("Tổng cộng 2.752 874 31,76% +66"),
        "PDF total not updated"
    );
}

/// Phụ lục II read from a CSV file instead of the workbook.
fn csv_report(csv_name: &str) -> String {
    EXAMPLE.replace(
        "        tep: dich-vu-cong.xlsx\n        trang: Tháng 9/2025\n        dong_tieu_de: 3\n",
        &format!("        tep: {csv_name}\n"),
    )
}

const CSV: &str = "\u{feff}Dịch vụ công trực tuyến;Kết nối Cổng DVC quốc gia;Tổng số hồ sơ;Hồ sơ trực tuyến;Đúng hạn;Quá hạn;Khó khăn, vướng mắc\n\
Đăng ký thường trú;Đã kết nối;31.809;31.693;31.693;0;\n\
\"Cấp đổi, cấp lại giấy phép lái xe\";Đã kết nối;1806;582;582;0;Phần mềm chậm\n\
Đăng ký khai sinh;Đã kết nối;;;;;\n\
Liên thông khai sinh - thường trú - bảo hiểm y tế cho trẻ dưới 6 tuổi;Đã kết nối;4227;4227;4227;0;\n\
Liên thông khai tử - xóa thường trú - hỗ trợ mai táng phí;Đã kết nối;381;380;380;0;\n";

#[test]
fn csv_import_with_vietnamese_text_and_total() {
    let (dir, yaml) = workspace(&csv_report("dvc.csv"), PREVIOUS);
    std::fs::write(dir.path().join("dvc.csv"), CSV).unwrap();
    run_ok(
        dir.path(),
        &[
            "render",
            yaml.to_str().unwrap(),
            "-o",
            "out",
            "--format",
            "docx",
        ],
    );
    let (paras, tables) = docx_content(&dir.path().join("out/bao-cao-thang.docx"));
    let t2 = &tables[3];
    // Two header rows, five data rows, the total.
    assert_eq!(t2.len(), 8);
    assert_eq!(
        t2[2][..6],
        [
            "1",
            "Đăng ký thường trú",
            "Đã kết nối",
            "31.809",
            "31.693",
            "99,64%"
        ]
    );
    let gplx = row(t2, "Cấp đổi, cấp lại giấy phép lái xe");
    assert_eq!(gplx[5], "32,23%");
    assert_eq!(gplx[8], "Phần mềm chậm");
    assert_eq!(row(t2, "Đăng ký khai sinh")[3..6], ["", "", ""]);
    assert_eq!(
        row(
            t2,
            "Liên thông khai tử - xóa thường trú - hỗ trợ mai táng phí"
        )[3..6],
        ["381", "380", "99,74%"]
    );
    assert_eq!(t2[7][..5], ["Tổng cộng", "", "38.223", "36.882", "96,49%"]);
    // The body sentences follow the CSV.
    assert!(has(&paras, "tiếp nhận 38.223 hồ sơ"));
    assert!(has(
        &paras,
        "táng: 381 hồ sơ (tăng 15 hồ sơ so với kỳ báo cáo trước)"
    ));
}

// ---- Bad input ----

/// Render and expect exit 1 with `lỗi: <file>:<line>:` ending with error code `code` and
/// every `expect`, writing nothing.
fn assert_rejected(
    dir: &Path,
    yaml: &Path,
    file: &Path,
    line: u64,
    code: &str,
    expect: &[&str],
) -> String {
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let old = out.join("bao-cao-thang.docx");
    std::fs::write(&old, b"old output").unwrap();
    let (exit, _, err) = vanban(
        &[
            "render",
            yaml.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        dir,
    );
    assert_eq!(exit, 1, "stderr: {err}");
    let prefix = format!("lỗi: {}:{line}:", file.display());
    common::assert_code(&err, &prefix, code);
    for e in expect {
        assert!(err.contains(e), "expected {e:?} in: {err}");
    }
    assert_eq!(std::fs::read(&old).unwrap(), b"old output");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1, "files written");
    err
}

fn line_of_exact(text: &str, line: &str) -> u64 {
    text.lines().position(|l| l == line).expect(line) as u64 + 1
}

fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).expect(needle) as u64 + 1
}

#[test]
fn unknown_indicator_in_text_is_located() {
    let y = EXAMPLE.replace(
        "căn cước: [[tra_cuu.ket_qua]]",
        "căn cước: [[tra_cuu_sai.ket_qua]]",
    );
    let (dir, yaml) = workspace(&y, PREVIOUS);
    let line = line_of(&y, "[[tra_cuu_sai");
    let col = y
        .lines()
        .nth(line as usize - 1)
        .unwrap()
        .find("[[tra_cuu_sai")
        .unwrap();
    let col = y.lines().nth(line as usize - 1).unwrap()[..col]
        .chars()
        .count()
        + 1;
    let err = assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line,
        "tham-chieu",
        &["không có chỉ tiêu mã \"tra_cuu_sai\"", "tra_cuu_thanh_cong"],
    );
    assert!(err.contains(&format!(":{line}:{col}:")), "{err}");
    // An unknown way of writing is named too.
    let y = EXAMPLE.replace(
        "căn cước: [[tra_cuu.ket_qua]]",
        "căn cước: [[tra_cuu.tang_giam]]",
    );
    let (dir, yaml) = workspace(&y, PREVIOUS);
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line_of(&y, "[[tra_cuu.tang_giam"),
        "tham-chieu",
        &["không có cách viết \"tang_giam\"", "thay_doi"],
    );
}

#[test]
fn unknown_indicator_in_template_is_located() {
    let (dir, yaml) = workspace(EXAMPLE, PREVIOUS);
    let tpl = dir.path().join("mau");
    std::fs::create_dir_all(&tpl).unwrap();
    let src = vanban::template::BUILTIN
        .iter()
        .find(|(n, _)| *n == "bao-cao.xml")
        .unwrap()
        .1
        .replace(
            "<body>\n",
            "<body>\n<p>Tra cứu: {{ chi_tieu.tra_cuu.ket_qua }}; {{ chi_tieu.khong_co.thay_doi }}</p>\n",
        );
    std::fs::write(tpl.join("bao-cao.xml"), &src).unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            yaml.to_str().unwrap(),
            "-o",
            "out",
            "--templates",
            tpl.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    let line = line_of(&src, "chi_tieu.khong_co");
    // The override is named, not the built-in it replaces.
    let file = tpl.join("bao-cao.xml");
    assert!(
        err.contains(&format!("lỗi: {}:{line}:", file.display())),
        "{err}"
    );
    assert!(err.contains("chỉ tiêu \"khong_co\""), "{err}");
    assert!(!dir.path().join("out").exists());
    // The same template with only known ids renders.
    std::fs::write(
        tpl.join("bao-cao.xml"),
        src.replace("; {{ chi_tieu.khong_co.thay_doi }}", ""),
    )
    .unwrap();
    run_ok(
        dir.path(),
        &[
            "render",
            yaml.to_str().unwrap(),
            "-o",
            "out",
            "--format",
            "docx",
            "--templates",
            tpl.to_str().unwrap(),
        ],
    );
    let (paras, _) = docx_content(&dir.path().join("out/bao-cao-thang.docx"));
    assert!(has(
        &paras,
        "Tra cứu: 5.339.392 lượt (tăng 269.520 lượt so với kỳ báo cáo trước)"
    ));
}

#[test]
fn text_in_numeric_csv_column_names_file_and_row() {
    let (dir, yaml) = workspace(&csv_report("dvc.csv"), PREVIOUS);
    let csv = CSV.replace("1806;582", "1806;khoảng 600");
    let path = dir.path().join("dvc.csv");
    std::fs::write(&path, csv).unwrap();
    assert_rejected(
        dir.path(),
        &yaml,
        &path,
        3,
        "so-sai",
        &["\"khoảng 600\"", "không phải là số", "Trực tuyến"],
    );
}

#[test]
fn missing_workbook_or_sheet() {
    let y = EXAMPLE.replace("tep: dich-vu-cong.xlsx", "tep: khong-co.xlsx");
    let (dir, yaml) = workspace(&y, PREVIOUS);
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line_of(&y, "tep: khong-co.xlsx"),
        "doc-tep",
        &["không tìm thấy tệp dữ liệu \"khong-co.xlsx\""],
    );
    let y = EXAMPLE.replace("trang: Tháng 9/2025", "trang: Tháng 10/2025");
    let (dir, yaml) = workspace(&y, PREVIOUS);
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line_of(&y, "trang: Tháng 10/2025"),
        "tham-chieu",
        &[
            "không có trang tính \"Tháng 10/2025\"",
            "\"Tháng 9/2025\", \"Tháng 8/2025\"",
        ],
    );
    let y = EXAMPLE.replace("truc_tuyen: Hồ sơ trực tuyến", "truc_tuyen: Hồ sơ online");
    let (dir, yaml) = workspace(&y, PREVIOUS);
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line_of(&y, "truc_tuyen: Hồ sơ online") - 3,
        "tham-chieu",
        &["không có cột \"Hồ sơ online\"", "\"Hồ sơ trực tuyến\""],
    );
}

#[test]
fn parts_that_do_not_add_up() {
    let y = EXAMPLE.replace("gia_tri: 31204}", "gia_tri: 31200}");
    let (dir, yaml) = workspace(&y, PREVIOUS);
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line_of(&y, "gia_tri: 41870"),
        "xung-dot",
        &[
            "không cộng lại bằng giá trị",
            "31.200 + 10.666 = 41.866",
            "41.870",
        ],
    );
}

#[test]
fn duplicate_ids() {
    let y = EXAMPLE.replace("  - id: tai_khoan\n", "  - id: tra_cuu\n");
    let (dir, yaml) = workspace(&y, PREVIOUS);
    let first = line_of_exact(&y, "  - id: tra_cuu");
    let second = y
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "  - id: tra_cuu")
        .nth(1)
        .unwrap()
        .0 as u64
        + 1;
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        second,
        "trung-lap",
        &[&format!(
            "mã chỉ tiêu \"tra_cuu\" bị trùng (đã dùng ở dòng {first})"
        )],
    );
    // Duplicate row keys in a table.
    let y = EXAMPLE.replace(
        "[Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế, Đã kết nối, 512, 498, ~]",
        "[Đăng ký thành lập hợp tác xã và đăng ký thuế, Đã kết nối, 512, 498, ~]",
    );
    let (dir, yaml) = workspace(&y, PREVIOUS);
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line_of(
            &y,
            "[Đăng ký thành lập hợp tác xã và đăng ký thuế, Đã kết nối, 512",
        ),
        "trung-lap",
        &["dòng \"Đăng ký thành lập hợp tác xã và đăng ký thuế\" bị trùng"],
    );
}

#[test]
fn unit_mismatch_with_previous_report() {
    let p = PREVIOUS.replace(
        "    don_vi: lượt\n    gia_tri: 5069872\n",
        "    don_vi: lần\n    gia_tri: 5069872\n",
    );
    assert_ne!(p, PREVIOUS);
    let (dir, yaml) = workspace(EXAMPLE, &p);
    let i = EXAMPLE.find("  - id: tra_cuu\n").unwrap();
    let line = EXAMPLE[..i].lines().count() as u64 + 3;
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line,
        "xung-dot",
        &["đơn vị của chỉ tiêu \"tra_cuu\" là \"lượt\"", "là \"lần\""],
    );
}

#[test]
fn missing_previous_report() {
    let y = EXAMPLE.replace(
        "ky_truoc: bao-cao-thang-truoc.yaml",
        "ky_truoc: thang-8.yaml",
    );
    let (dir, yaml) = workspace(&y, PREVIOUS);
    assert_rejected(
        dir.path(),
        &yaml,
        &yaml,
        line_of(&y, "ky_truoc: thang-8.yaml"),
        "doc-tep",
        &["không tìm thấy tệp báo cáo kỳ trước"],
    );
}

#[test]
fn a_previous_file_that_is_not_a_report_is_refused() {
    // A Công văn has no indicators and no tables to compare with.
    let cong_van = std::fs::read_to_string(root().join("data/examples/cong-van.yaml")).unwrap();
    let (dir, yaml) = workspace(EXAMPLE, &cong_van);
    let prev = dir.path().join("bao-cao-thang-truoc.yaml");
    assert_rejected(
        dir.path(),
        &yaml,
        &prev,
        line_of(&cong_van, "loai: cong-van"),
        "tham-chieu",
        &["tệp kỳ trước phải là một báo cáo", "loai: cong-van"],
    );
    // A report with nothing to compare with.
    let bare = "loai: bao-cao\nco_quan_ban_hanh: UBND XÃ HOA MAI\nviet_tat: UBND\n\
                dia_danh: Hoa Mai\nngay: 05/10/2025\ntrich_yeu: Báo cáo\nnoi_dung: [Văn bản.]\n"
        .to_string()
        + REPORT_TAIL;
    let (dir, yaml) = workspace(EXAMPLE, &bare);
    let prev = dir.path().join("bao-cao-thang-truoc.yaml");
    assert_rejected(
        dir.path(),
        &yaml,
        &prev,
        1,
        "tham-chieu",
        &["không có chỉ tiêu hay bảng có id nào"],
    );
}
