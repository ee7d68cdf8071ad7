//! The layouts particular to the short forms (issue 12): Giấy giới thiệu (`gioi_thieu`),
//! Giấy nghỉ phép (`nghi_phep`), Phiếu gửi (`phieu_gui`, with its receipt below the
//! signature) and Phiếu chuyển (`phieu_chuyen`), each read back from the DOCX and the PDF
//! of its starter, and the errors of their keys.

use crate::common;

use std::path::Path;

/// The DOCX's paragraph texts in document order, whitespace squashed.
fn docx_texts(out: &Path) -> Vec<String> {
    let xml = common::zip_part(&out.with_extension("docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    common::paragraphs(&doc)
        .into_iter()
        .map(|p| squash(&p.text))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The PDF's text with whitespace squashed (lines joined), or `None` without poppler.
fn pdf_text(out: &Path) -> Option<String> {
    if !common::needs(&["pdftotext"]) {
        return None;
    }
    let text = common::tool(
        "pdftotext",
        &[out.with_extension("pdf").to_str().unwrap(), "-"],
    );
    Some(squash(&text))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Index of the paragraph containing `needle`; panics with the texts when there is none.
fn at(texts: &[String], needle: &str) -> usize {
    texts
        .iter()
        .position(|t| t.contains(needle))
        .unwrap_or_else(|| panic!("no paragraph with {needle:?} in {texts:#?}"))
}

/// Render `yaml` written in a fresh directory; returns (exit code, stderr, dir).
fn render_text(yaml: &str) -> (i32, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vb.yaml"), yaml).unwrap();
    let (code, _, err) = common::vanban(&["render", "vb.yaml", "-o", "out"], dir.path());
    (code, err, dir)
}

fn starter(kind: &str) -> String {
    std::fs::read_to_string(common::root().join(format!("templates/init/{kind}.yaml"))).unwrap()
}

#[test]
fn giay_gioi_thieu_prints_the_form_of_mau_1_8() {
    let (_d, out) = common::render("templates/init/giay-gioi-thieu.yaml", "docx,pdf");
    let texts = docx_texts(&out);
    let lines = [
        "Sở Nội vụ tỉnh Hà Lam trân trọng giới thiệu:",
        "Ông (bà): Phạm Thị Lan",
        "Chức vụ: Chánh Văn phòng Sở Nội vụ",
        "Được cử đến: Trung tâm Lưu trữ quốc gia I",
        "Về việc: liên hệ sao tài liệu lưu trữ",
        "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ.",
        "Giấy này có giá trị đến hết ngày 31 tháng 12 năm 2025./.",
    ];
    let positions: Vec<usize> = lines.iter().map(|l| at(&texts, l)).collect();
    assert!(positions.is_sorted(), "{positions:?} {texts:#?}");
    if let Some(pdf) = pdf_text(&out) {
        for l in lines {
            assert!(pdf.contains(l), "PDF lacks {l:?}: {pdf}");
        }
    }
}

#[test]
fn giay_nghi_phep_counts_working_days_and_confirms_below_the_signature() {
    let (_d, out) = common::render("templates/init/giay-nghi-phep.yaml", "docx,pdf");
    let texts = docx_texts(&out);
    // 01/12/2025 (Monday) to 12/12/2025 (Friday): two working weeks.
    let leave = "Được nghỉ phép năm 2025 trong thời gian 10 ngày, kể từ ngày 01 tháng 12 năm 2025 \
                 đến hết ngày 12 tháng 12 năm 2025, tại xã Hòa Bình, tỉnh Hà Lam.";
    let order = [
        at(
            &texts,
            "Xét Đơn đề nghị nghỉ phép ngày 10 tháng 11 năm 2025 của ông (bà) Hoàng Thị Nga,",
        ),
        at(&texts, "Giám đốc Sở Nội vụ tỉnh Hà Lam cấp cho:"),
        at(&texts, "Ông (bà): Hoàng Thị Nga"),
        at(
            &texts,
            "Đơn vị công tác: Phòng Công chức, viên chức, Sở Nội vụ",
        ),
        at(&texts, leave),
        at(&texts, "Nguyễn Văn An"),
        at(
            &texts,
            "Xác nhận của cơ quan, tổ chức hoặc chính quyền địa phương nơi nghỉ phép",
        ),
        at(&texts, "(Ký tên, đóng dấu)"),
    ];
    assert!(order.is_sorted(), "{order:?} {texts:#?}");
    if let Some(pdf) = pdf_text(&out) {
        assert!(pdf.contains(leave), "{pdf}");
        let signer = pdf.find("Nguyễn Văn An").unwrap();
        let confirm = pdf.find("Xác nhận của cơ quan, tổ chức").unwrap();
        assert!(signer < confirm, "{pdf}");
    }
}

#[test]
fn so_ngay_as_written_wins_over_the_count() {
    let yaml = starter("giay-nghi-phep").replace(
        "  noi_nghi: xã Hòa Bình, tỉnh Hà Lam",
        "  noi_nghi: xã Hòa Bình, tỉnh Hà Lam\n  so_ngay: 12\n  hinh_thuc: nghỉ việc riêng",
    );
    let (code, err, dir) = render_text(&yaml);
    assert_eq!(code, 0, "{err}");
    let texts = docx_texts(&dir.path().join("out/vb"));
    at(
        &texts,
        "Được nghỉ việc riêng trong thời gian 12 ngày, kể từ ngày 01 tháng 12 năm 2025",
    );
}

#[test]
fn phieu_gui_numbers_the_documents_and_adds_the_receipt() {
    let (_d, out) = common::render("templates/init/phieu-gui.yaml", "docx,pdf");
    let texts = docx_texts(&out);
    let order = [
        at(
            &texts,
            "Sở Nội vụ tỉnh Hà Lam gửi kèm theo phiếu này các văn bản, tài liệu sau:",
        ),
        at(
            &texts,
            "1. Tài liệu hướng dẫn nghiệp vụ văn thư, lưu trữ (01 bộ);",
        ),
        at(&texts, "2. Danh mục hồ sơ mẫu năm 2026 (01 bản)."),
        at(&texts, "Phạm Thị Lan"),
        at(&texts, "PHẦN KÝ NHẬN"),
        at(
            &texts,
            "Ủy ban nhân dân xã Hòa Bình đã nhận đủ các văn bản, tài liệu ghi trong phiếu này.",
        ),
        at(&texts, "NGƯỜI NHẬN"),
        at(&texts, "gửi lại phiếu này cho Sở Nội vụ tỉnh Hà Lam.)"),
    ];
    assert!(order.is_sorted(), "{order:?} {texts:#?}");
    if let Some(pdf) = pdf_text(&out) {
        let signer = pdf.find("Phạm Thị Lan").unwrap();
        let receipt = pdf.find("PHẦN KÝ NHẬN").unwrap();
        assert!(signer < receipt, "{pdf}");
        assert!(
            pdf.contains("2. Danh mục hồ sơ mẫu năm 2026 (01 bản)."),
            "{pdf}"
        );
    }

    // ky_nhan: false leaves the receipt out, in both formats.
    let yaml = starter("phieu-gui").replace("  # ky_nhan: false ", "  ky_nhan: false #");
    let (code, err, dir) = render_text(&yaml);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out/vb");
    assert!(!docx_texts(&out).iter().any(|t| t.contains("KÝ NHẬN")));
    if let Some(pdf) = pdf_text(&out) {
        assert!(!pdf.contains("KÝ NHẬN"), "{pdf}");
    }
}

#[test]
fn phieu_chuyen_names_the_document_and_the_action() {
    let (_d, out) = common::render("templates/init/phieu-chuyen.yaml", "docx,pdf");
    let sentence = "Sở Nội vụ tỉnh Hà Lam chuyển đến Quý cơ quan đơn kiến nghị của ông Lê Văn Tâm \
                    (kèm theo) để xem xét, giải quyết theo thẩm quyền và trả lời công dân./.";
    let texts = docx_texts(&out);
    assert!(at(&texts, "Ngày 12 tháng 11 năm 2025") < at(&texts, sentence));
    if let Some(pdf) = pdf_text(&out) {
        assert!(pdf.contains(sentence), "{pdf}");
    }
}

#[test]
fn a_form_key_on_another_kind_is_an_error_at_its_position() {
    let yaml =
        starter("giay-gioi-thieu").replace("loai: giay-gioi-thieu ", "loai: thong-bao       ");
    let (code, err, dir) = render_text(&yaml);
    assert_eq!(code, 1, "{err}");
    let line = yaml
        .lines()
        .position(|l| l.starts_with("gioi_thieu:"))
        .unwrap()
        + 2;
    common::assert_code(&err, &format!("lỗi: vb.yaml:{line}:"), "xung-dot");
    assert!(err.contains("chỉ dùng cho loai: giay-gioi-thieu"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn leave_dates_are_checked() {
    let yaml = starter("giay-nghi-phep").replace("den_ngay: 12/12/2025", "den_ngay: 28/11/2025");
    let (code, err, _d) = render_text(&yaml);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nghi_phep.den_ngay (28/11/2025) trước tu_ngay (01/12/2025)"),
        "{err}"
    );

    let yaml = starter("giay-nghi-phep").replace("tu_ngay: 01/12/2025", "tu_ngay: 31/11/2025");
    let (code, err, _d) = render_text(&yaml);
    assert_eq!(code, 1, "{err}");
    let line = yaml
        .lines()
        .position(|l| l.contains("tu_ngay: 31/11/2025"))
        .unwrap()
        + 1;
    common::assert_code(&err, &format!("lỗi: vb.yaml:{line}:"), "ngay-sai");

    // A year the holiday file does not have: the count cannot be made, so say how to write it.
    let yaml = starter("giay-nghi-phep")
        .replace("01/12/2025", "01/12/2031")
        .replace("12/12/2025", "12/12/2031");
    let (code, err, _d) = render_text(&yaml);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("nghi_phep.so_ngay"), "{err}");
}
