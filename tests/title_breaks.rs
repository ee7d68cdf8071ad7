//! Long titles break the way secretaries break them: never inside a year range, a document
//! symbol, a date or "Đề án 06", in balanced lines with the shorter one last, and the same
//! lines in our DOCX, our PDF and LibreOffice's rendering of the DOCX.

use crate::common;

use common::*;
use std::path::Path;

const SUBJECT: &str = "Kết quả thực hiện Chỉ thị số 05/CT-TTg và Đề án 06 về phát triển ứng dụng dữ liệu dân cư giai đoạn 2022 - 2025";
const ANNEX_TITLE: &str = "Bảng tổng hợp kết quả thực hiện các nhiệm vụ chuyển đổi số của các sở, ban, ngành giai đoạn 2022 - 2025";

fn yaml() -> String {
    format!(
        "loai: bao-cao
co_quan_chu_quan: UBND TỈNH HÀ LAM
co_quan_ban_hanh: SỞ KHOA HỌC VÀ CÔNG NGHỆ
viet_tat: SKHCN
dia_danh: Hà Lam
ngay: 2025-10-05
so: 12
trich_yeu: {SUBJECT}
noi_dung: [Nội dung báo cáo.]
phu_luc:
  - tieu_de: {ANNEX_TITLE}
    mo_dau: [Nội dung phụ lục.]
{REPORT_TAIL}"
    )
}

/// The lines of the paragraph that holds `start`, split at its `w:br` line breaks.
fn docx_lines(docx: &Path, start: &str) -> Vec<String> {
    let xml = zip_part(docx, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let p = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .find(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .any(|t| t.text().is_some_and(|s| s.starts_with(start)))
        })
        .unwrap_or_else(|| panic!("no paragraph starts with {start}"));
    let mut lines = vec![String::new()];
    for n in p.descendants() {
        if n.has_tag_name((W, "br")) {
            lines.push(String::new());
        } else if n.has_tag_name((W, "t")) {
            lines.last_mut().unwrap().push_str(n.text().unwrap_or(""));
        }
    }
    lines
}

fn assert_well_broken(lines: &[String], whole: &str) {
    assert!(
        lines.len() >= 2,
        "the title should need two lines: {lines:?}"
    );
    assert_eq!(lines.join(" "), whole, "words lost or reordered");
    for l in lines {
        assert!(
            !l.ends_with(" -") && !l.ends_with("2022"),
            "year range split: {lines:?}"
        );
        assert!(
            !l.ends_with("Đề án") && !l.ends_with("số"),
            "number split: {lines:?}"
        );
    }
    let n = lines.len();
    let len = |s: &str| s.chars().count();
    assert!(
        len(&lines[n - 1]) <= len(&lines[n - 2]),
        "last line longer: {lines:?}"
    );
    assert!(
        len(&lines[0]) - len(&lines[n - 1]) < 20,
        "unbalanced lines: {lines:?}"
    );
}

/// The lines of `text` from the first one starting like `lines[0]`, as many as `lines`.
fn pdf_lines(text: &str, lines: &[String]) -> Vec<String> {
    let all: Vec<&str> = text.lines().map(str::trim).collect();
    let i = all.iter().position(|l| *l == lines[0]).unwrap_or_else(|| {
        panic!(
            "first title line {:?} not on its own line in:\n{text}",
            lines[0]
        )
    });
    all[i..i + lines.len()]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn titles_break_in_balanced_lines_alike_in_docx_pdf_and_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("bao-cao.yaml");
    std::fs::write(&src, yaml()).unwrap();
    let out = dir.path().join("out");
    let (code, _, err) = vanban(
        &["render", src.to_str().unwrap(), "-o", out.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let docx = out.join("bao-cao.docx");

    let subject = docx_lines(&docx, "Kết quả thực hiện");
    assert_well_broken(&subject, SUBJECT);
    let annex = docx_lines(&docx, "BẢNG TỔNG HỢP");
    assert_well_broken(&annex, &ANNEX_TITLE.to_uppercase());

    if !needs(&["pdftotext", "soffice"]) {
        return;
    }
    let ours = tool(
        "pdftotext",
        &[out.join("bao-cao.pdf").to_str().unwrap(), "-"],
    );
    assert_eq!(pdf_lines(&ours, &subject), subject);
    assert_eq!(pdf_lines(&ours, &annex), annex);

    let lo = dir.path().join("lo");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        lo.join("profile").display()
    );
    tool(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            lo.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let theirs = tool(
        "pdftotext",
        &[lo.join("bao-cao.pdf").to_str().unwrap(), "-"],
    );
    assert_eq!(
        pdf_lines(&theirs, &subject),
        subject,
        "LibreOffice breaks differently"
    );
    assert_eq!(
        pdf_lines(&theirs, &annex),
        annex,
        "LibreOffice breaks differently"
    );
}
