//! Every Decree 30 kind (Phụ lục III): `vanban init KIND` writes a starter of that kind which
//! validates and renders as a document of its kind (type name, ký hiệu), the kind-specific
//! layouts (the meeting block of a Giấy mời, two signatures side by side) read back from the
//! DOCX and the PDF, the keys they add are checked, and LibreOffice paginates the starters'
//! DOCX like our PDF.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};

use vanban::kinds::KINDS;

/// The kinds of Article 7 of Decree 30: every one must be known.
const DECREE_30: [&str; 29] = [
    "nghi-quyet",
    "quyet-dinh",
    "chi-thi",
    "quy-che",
    "quy-dinh",
    "thong-cao",
    "thong-bao",
    "huong-dan",
    "chuong-trinh",
    "ke-hoach",
    "phuong-an",
    "de-an",
    "du-an",
    "bao-cao",
    "bien-ban",
    "to-trinh",
    "hop-dong",
    "cong-van",
    "cong-dien",
    "ban-ghi-nho",
    "ban-thoa-thuan",
    "giay-uy-quyen",
    "giay-moi",
    "giay-gioi-thieu",
    "giay-nghi-phep",
    "phieu-gui",
    "phieu-chuyen",
    "phieu-bao",
    "thu-cong",
];

/// Text of a DOCX's `document.xml`, one line per paragraph.
fn docx_text(docx: &Path) -> String {
    let xml = zip_part(docx, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    paragraphs(&doc)
        .iter()
        .map(|p| p.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `vanban init KIND` in a fresh directory, then validate and render its first file; returns
/// the directory and the path of the rendered files without extension.
fn init_and_render(kind: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = vanban(&["init", kind], dir.path());
    assert_eq!(code, 0, "init {kind}: {err}");
    let file = out
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("đã ghi "))
        .unwrap_or_else(|| panic!("init {kind} wrote nothing: {out}"))
        .trim_start_matches("./")
        .to_string();
    let (code, _, err) = vanban(&["validate", &file], dir.path());
    assert_eq!(code, 0, "validate {kind}: {err}");
    assert!(err.is_empty(), "validate {kind} warned: {err}");
    let (code, _, err) = vanban(&["render", &file, "-o", "out"], dir.path());
    assert_eq!(code, 0, "render {kind}: {err}");
    let stem = Path::new(&file).file_stem().unwrap().to_str().unwrap();
    let base = dir.path().join("out").join(stem);
    (dir, base)
}

#[test]
fn every_decree_30_kind_is_known_and_listed() {
    for id in DECREE_30 {
        assert!(KINDS.iter().any(|k| k.id == id), "{id} is missing");
    }
    // The 29, the inspection plan (a Kế hoạch) and the annexes sent on their own.
    assert_eq!(KINDS.len(), 31);
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = vanban(&["templates"], dir.path());
    assert_eq!(code, 0);
    for k in KINDS {
        let row = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(k.id))
            .unwrap_or_else(|| panic!("{} not listed: {out}", k.id));
        assert!(row.contains(k.name), "{row}");
        assert!(row.contains(k.abbr.unwrap_or("—")), "{row}");
    }
    for (id, abbr) in [
        ("hop-dong", "HĐ"),
        ("ban-ghi-nho", "BGN"),
        ("ban-thoa-thuan", "BTT"),
        ("giay-uy-quyen", "GUQ"),
        ("giay-gioi-thieu", "GGT"),
        ("giay-nghi-phep", "GNP"),
        ("phieu-gui", "PG"),
        ("phieu-chuyen", "PC"),
        ("phieu-bao", "PB"),
    ] {
        assert_eq!(vanban::kinds::find(id).unwrap().abbr, Some(abbr), "{id}");
    }
    assert_eq!(vanban::kinds::find("thu-cong").unwrap().abbr, None);
}

#[test]
fn every_starter_validates_renders_and_shows_its_kind() {
    for k in KINDS {
        let (_dir, base) = init_and_render(k.id);
        let text = docx_text(&base.with_extension("docx"));
        assert!(base.with_extension("pdf").exists(), "{}", k.id);
        if k.is_annexes_only() {
            assert!(text.contains("Phụ lục"), "{}: {text}", k.id);
            continue;
        }
        let so = text
            .lines()
            .find(|l| l.starts_with("Số:"))
            .unwrap_or_else(|| panic!("{}: no số line in {text}", k.id));
        match k.abbr {
            Some(a) => assert!(so.contains(&format!("/{a}-")), "{}: {so}", k.id),
            // Công văn, Thư công: the agency right after the number.
            None => assert!(
                so.contains("/UBND") || so.contains("/SNV"),
                "{}: {so}",
                k.id
            ),
        }
        let upper = vanban::format::upper(k.name);
        if k.is_cong_van() {
            // No type name: the subject is under the number, after "V/v ".
            assert!(!text.lines().any(|l| l == upper), "{text}");
            let vv = text.lines().find(|l| l.starts_with("V/v ")).unwrap();
            assert!(!vv.contains("Về việc"), "{vv}");
        } else {
            assert!(
                text.lines().any(|l| l == upper),
                "{}: no {upper} in {text}",
                k.id
            );
        }
        // "Như trên" in Nơi nhận names the Kính gửi (or the list after "… điện:" of a
        // Công điện), which must be there.
        if text.contains("- Như trên;") {
            assert!(
                text.contains("Kính gửi: ") || text.contains(" điện:\n"),
                "{}: {text}",
                k.id
            );
        }
    }
}

#[test]
fn starter_defects_of_issue_12_are_gone() {
    let (_d, base) = init_and_render("quyet-dinh");
    let text = docx_text(&base.with_extension("docx"));
    assert!(text.contains("QUYẾT ĐỊNH:"), "{text}");
    for n in 1..=3 {
        assert!(text.contains(&format!("\nĐiều {n}. ")), "{text}");
    }
    assert!(!text.contains("\nI. "), "{text}");

    let (_d, base) = init_and_render("chi-thi");
    let text = docx_text(&base.with_extension("docx"));
    assert!(text.contains("\n1. ") && text.contains("\n3. "), "{text}");
    assert!(!text.contains("\nI. "), "{text}");
    // Issued by the UBND tỉnh, signed by its Chủ tịch; no parent agency above it.
    assert!(
        text.trim_start()
            .starts_with("ỦY BAN NHÂN DÂN\nTỈNH HÀ LAM\n\n"),
        "{text}"
    );
    assert!(text.contains("\nCHỦ TỊCH\n"), "{text}");

    let (_d, base) = init_and_render("to-trinh");
    let text = docx_text(&base.with_extension("docx"));
    assert!(
        text.contains("Kính gửi: Ủy ban nhân dân tỉnh Hà Lam."),
        "{text}"
    );

    // The plan comes with its tasks file, listed in the task annex.
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = vanban(&["init", "ke-hoach"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("nhiem-vu-ke-hoach.yaml"), "{out}");
    let (code, _, err) = vanban(&["render", "ke-hoach.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 0, "{err}");
    let text = docx_text(&dir.path().join("out/ke-hoach.docx"));
    assert!(text.contains("DANH MỤC NHIỆM VỤ"), "{text}");
    assert!(
        text.contains("Công bố danh mục thủ tục hành chính"),
        "{text}"
    );
}

/// The signature table's row holding both names, left then right.
fn signature_row(docx: &Path, left: &str, right: &str) -> bool {
    let xml = zip_part(docx, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    tables(&doc, CellText::Lines).iter().flatten().any(|row| {
        row.len() == 2 && row[0].lines().any(|l| l == left) && row[1].lines().any(|l| l == right)
    })
}

#[test]
fn two_signatures_side_by_side() {
    for (kind, left, right, titles) in [
        (
            "bien-ban",
            "Phạm Thị Lan",
            "Nguyễn Văn An",
            ["THƯ KÝ", "CHỦ TRÌ"],
        ),
        (
            "hop-dong",
            "Nguyễn Văn An",
            "Trần Thị Mai",
            ["ĐẠI DIỆN BÊN A", "ĐẠI DIỆN BÊN B"],
        ),
    ] {
        let (_d, base) = init_and_render(kind);
        let docx = base.with_extension("docx");
        assert!(signature_row(&docx, left, right), "{kind}");
        assert!(signature_row(&docx, titles[0], titles[1]), "{kind}");
        if needs(&["pdftotext"]) {
            let pdf = tool(
                "pdftotext",
                &["-layout", base.with_extension("pdf").to_str().unwrap(), "-"],
            );
            // Both names on one line, the left one first.
            let line = pdf
                .lines()
                .find(|l| {
                    l.replace(left, "").replace(right, "").trim().is_empty() && l.contains(left)
                })
                .unwrap_or_else(|| panic!("{kind}: names not side by side in {pdf}"));
            assert!(line.find(left) < line.find(right), "{line}");
        }
    }
}

#[test]
fn invitation_prints_time_place_and_participants() {
    let (_d, base) = init_and_render("giay-moi");
    let text = docx_text(&base.with_extension("docx"));
    let lines = [
        "Thời gian: 08 giờ 00 phút, thứ Năm, ngày 20 tháng 11 năm 2025.",
        "Địa điểm: Hội trường tầng 3, Sở Nội vụ tỉnh Hà Lam.",
        "Thành phần:",
        "- Lãnh đạo văn phòng các sở, ban, ngành tỉnh;",
    ];
    for l in lines {
        assert!(text.lines().any(|t| t == l), "{l:?} not in {text}");
    }
    // After the opening invitation sentence, before the rest of the body.
    let at = |s: &str| text.find(s).unwrap();
    assert!(at("trân trọng kính mời") < at("Thời gian:"));
    assert!(at("Thành phần:") < at("Tài liệu hội nghị"));
    // The labels are bold.
    let xml = zip_part(&base.with_extension("docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    let p = para(&ps, lines[0]);
    assert!(
        p.runs[0].bold && p.runs[0].text == "Thời gian:",
        "{:?}",
        p.runs
    );
    assert!(!p.runs.last().unwrap().bold);
    if needs(&["pdftotext"]) {
        let pdf = tool(
            "pdftotext",
            &[base.with_extension("pdf").to_str().unwrap(), "-"],
        );
        for l in &lines[..3] {
            assert!(pdf.contains(l), "{l:?} not in {pdf}");
        }
    }
}

/// Write `yaml` as `van-ban.yaml` and validate it; returns (exit code, stderr).
fn validate(yaml: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("van-ban.yaml"), yaml).unwrap();
    let (code, _, err) = vanban(&["validate", "van-ban.yaml"], dir.path());
    (code, err)
}

const INVITATION: &str = "loai: giay-moi
co_quan_ban_hanh: SỞ NỘI VỤ
viet_tat: SNV
dia_danh: Hà Lam
ngay: 2025-11-10
trich_yeu: Dự họp
chu_ky: {chuc_vu: GIÁM ĐỐC, ho_ten: Nguyễn Văn An}
";

#[test]
fn kind_keys_are_checked_at_their_place() {
    // The meeting block belongs to a Giấy mời only.
    let y = INVITATION.replace("giay-moi", "cong-van") + "cuoc_hop:\n  thoi_gian: 08 giờ 00\n";
    let (code, err) = validate(&y);
    assert_eq!(code, 1);
    let line = line_with_code(&err, "lỗi: van-ban.yaml:9:3: ", "xung-dot");
    assert!(
        line.contains("giay-moi") && line.contains("cuoc_hop"),
        "{line}"
    );

    // Blank values, a blank participant, an empty block, an unknown key.
    let y =
        format!("{INVITATION}cuoc_hop:\n  dia_diem: \"  \"\n  thanh_phan: [Lãnh đạo Sở, \"\"]\n");
    let (code, err) = validate(&y);
    assert_eq!(code, 1);
    assert!(
        line_with_code(&err, "lỗi: van-ban.yaml:9:13: ", "de-trong").contains("dia_diem"),
        "{err}"
    );
    assert!(
        line_with_code(&err, "lỗi: van-ban.yaml:10:15: ", "de-trong").contains("thanh_phan"),
        "{err}"
    );
    let (code, err) = validate(&format!("{INVITATION}cuoc_hop: {{}}\n"));
    assert_eq!(code, 1);
    assert!(
        line_with_code(&err, "lỗi: van-ban.yaml:8:11: ", "de-trong").contains("thoi_gian"),
        "{err}"
    );
    let (code, err) = validate(&format!("{INVITATION}cuoc_hop:\n  dia_dem: Hà Lam\n"));
    assert_eq!(code, 1);
    assert!(
        line_with_code(&err, "lỗi: van-ban.yaml:9:3: ", "khoa-la").contains("dia_diem"),
        "{err}"
    );
    // A wrong shape is a type error at the value.
    let (code, err) = validate(&format!("{INVITATION}cuoc_hop:\n  thoi_gian: {{gio: 8}}\n"));
    assert_eq!(code, 1);
    assert!(err.contains("lỗi: van-ban.yaml:9:"), "{err}");

    // The left signature: its required keys, its authority, its image read like the right's.
    let y = format!("{INVITATION}chu_ky_trai:\n  chuc_vu: THƯ KÝ\n");
    let (code, err) = validate(&y);
    assert_eq!(code, 1);
    let line = line_with_code(&err, "lỗi: van-ban.yaml:9:3: ", "thieu-khoa");
    assert!(
        line.contains("ho_ten") && line.contains("chu_ky_trai"),
        "{line}"
    );
    let y = format!(
        "{INVITATION}chu_ky_trai:\n  quyen_han: KT\n  chuc_vu: PHÓ TRƯỞNG BAN\n  ho_ten: A\n  anh_chu_ky: a.png\n"
    );
    let (code, err) = validate(&y);
    assert_eq!(code, 1);
    assert!(
        line_with_code(&err, "lỗi: van-ban.yaml:9:14: ", "thieu-khoa").contains("thay_mat"),
        "{err}"
    );
    assert!(
        err.contains("lỗi: van-ban.yaml:12:15: ")
            && err.contains("không đọc được ảnh chữ ký a.png"),
        "{err}"
    );
    let (code, err) = validate(&format!(
        "{INVITATION}chu_ky_trai: {{chuc_vu: A, ho_tn: B}}\n"
    ));
    assert_eq!(code, 1);
    assert!(
        line_with_code(&err, "lỗi: van-ban.yaml:8:", "khoa-la").contains("ho_ten"),
        "{err}"
    );
}

/// Convert DOCX files with LibreOffice into `dir`, in one run (a private profile, so tests
/// can run beside other soffice processes), as tests/libreoffice.rs does for one file.
fn soffice_pdfs(docx: &[PathBuf], dir: &Path) -> Vec<PathBuf> {
    let profile = dir.join("lo-profile");
    let url = format!("-env:UserInstallation=file://{}", profile.display());
    let mut args = vec![
        url.as_str(),
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir.to_str().unwrap(),
    ];
    args.extend(docx.iter().map(|d| d.to_str().unwrap()));
    tool("soffice", &args);
    docx.iter()
        .map(|d| dir.join(d.file_stem().unwrap()).with_extension("pdf"))
        .collect()
}

/// Every starter's DOCX, converted by LibreOffice, has the pages of our PDF: as many, and
/// of the same sizes (portrait body, landscape annexes).
#[test]
fn starters_paginate_like_libreoffice() {
    if !needs(&["soffice", "pdfinfo"]) {
        return;
    }
    let rendered: Vec<(&str, tempfile::TempDir, PathBuf)> = KINDS
        .iter()
        .map(|k| {
            let (dir, base) = init_and_render(k.id);
            (k.id, dir, base)
        })
        .collect();
    let lo_dir = tempfile::tempdir().unwrap();
    let docx: Vec<PathBuf> = rendered
        .iter()
        .map(|(_, _, b)| b.with_extension("docx"))
        .collect();
    let lo = soffice_pdfs(&docx, lo_dir.path());
    for ((kind, _, base), lo) in rendered.iter().zip(&lo) {
        let ours = page_sizes(&base.with_extension("pdf"));
        let theirs = page_sizes(lo);
        assert_eq!(ours.len(), theirs.len(), "{kind}: page count");
        for (a, b) in ours.iter().zip(&theirs) {
            assert!(
                (a.0 - b.0).abs() < 2.0 && (a.1 - b.1).abs() < 2.0,
                "{kind}: {ours:?} vs {theirs:?}"
            );
        }
    }
}

/// A title that wraps in half the page width does not push its name below the other one.
#[test]
fn two_signatures_keep_names_level_when_a_title_wraps() {
    if !needs(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let y = "loai: ban-ghi-nho
co_quan_ban_hanh: SỞ NỘI VỤ
viet_tat: SNV
dia_danh: Hà Lam
ngay: 2025-11-10
trich_yeu: Hợp tác đào tạo
noi_dung: [Nội dung hợp tác.]
chu_ky_trai: {chuc_vu: [ĐẠI DIỆN SỞ NỘI VỤ, GIÁM ĐỐC], ho_ten: Nguyễn Văn An}
chu_ky: {chuc_vu: [ĐẠI DIỆN TRƯỜNG ĐẠI HỌC HÀ LAM, HIỆU TRƯỞNG], ho_ten: Vũ Quang Huy}
";
    std::fs::write(dir.path().join("van-ban.yaml"), y).unwrap();
    let (code, _, err) = vanban(&["render", "van-ban.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 0, "{err}");
    let pdf = dir.path().join("out/van-ban.pdf");
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(
        text.lines()
            .any(|l| l.contains("Nguyễn Văn An") && l.contains("Vũ Quang Huy")),
        "{text}"
    );
}
