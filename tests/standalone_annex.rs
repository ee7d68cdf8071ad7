//! `loai: phu-luc`: annexes sent on their own (no Quốc hiệu, no signature, pages numbered
//! per Decree 30), and the annex options every document's `phu_luc` entries take (`so`,
//! `nhan`, `cung_dong`, `dong_kem_theo`). Each is read back from the DOCX and the PDF.

use crate::common;

use std::path::{Path, PathBuf};

/// Render `yaml` (written as `name`.yaml in a fresh directory, with `extra` files beside it
/// and `args` after the output) and return the directory and the output stem.
fn render_text(yaml: &str, extra: &[(&str, &str)], args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vb.yaml"), yaml).unwrap();
    for (name, text) in extra {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let mut all = vec!["render", "vb.yaml", "-o", "out"];
    all.extend(args);
    let (code, _, err) = common::vanban(&all, dir.path());
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out/vb");
    (dir, out)
}

/// The DOCX's document.xml of output stem `out`.
fn document_xml(out: &Path) -> String {
    common::zip_part(&out.with_extension("docx"), "word/document.xml").unwrap()
}

/// The non-empty paragraph texts of the DOCX.
fn docx_texts(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    common::paragraphs(&doc)
        .into_iter()
        // Long title lines carry explicit breaks (w:br); read them as the spaces they replace.
        .map(|p| p.text.trim().replace('\n', " "))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The PDF's text, page by page (pdftotext), or `None` without poppler.
fn pdf_pages(out: &Path) -> Option<Vec<String>> {
    if !common::needs(&["pdftotext", "pdfinfo"]) {
        return None;
    }
    let text = common::tool(
        "pdftotext",
        &[out.with_extension("pdf").to_str().unwrap(), "-"],
    );
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

fn first_line(page: &str) -> &str {
    page.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

#[test]
fn the_example_is_annex_01_landscape_without_quoc_hieu_or_signature() {
    let (_d, out) = common::render("data/examples/phu-luc-theo-doi.yaml", "docx,pdf");
    let xml = document_xml(&out);
    assert!(
        !xml.contains("CỘNG HÒA") && !xml.contains("Độc lập"),
        "{xml}"
    );
    assert!(xml.contains(r#"w:orient="landscape""#));
    assert!(!xml.contains(r#"w:orient="portrait""#));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let styles_xml = common::zip_part(&out.with_extension("docx"), "word/styles.xml").unwrap();
    let styles = roxmltree::Document::parse(&styles_xml).unwrap();
    let ps = common::paragraphs_with_styles(&doc, Some(&styles));
    let label = common::para(&ps, "Phụ lục 01");
    assert_eq!(label.jc.as_deref(), Some("center"));
    assert!(common::style(label).0, "the label is bold");
    let texts = docx_texts(&xml);
    assert_eq!(texts[0], "Phụ lục 01", "the label comes first: {texts:?}");
    assert!(texts[1].starts_with("BẢNG THEO DÕI TIẾN ĐỘ"), "{texts:?}");
    assert_eq!(
        texts[3],
        "(Kèm theo Kế hoạch số 15/KH-UBND ngày 10/3/2025 của UBND tỉnh Hà Lam)"
    );
    // No signature block, no Nơi nhận.
    assert!(!texts.iter().any(|t| t.contains("Nơi nhận")), "{texts:?}");
    let Some(pages) = pdf_pages(&out) else { return };
    let all = pages.join("\n");
    assert_eq!(first_line(&pages[0]), "Phụ lục 01");
    assert!(all.contains("BẢNG THEO DÕI TIẾN ĐỘ"));
    assert!(
        !all.contains("CỘNG HÒA") && !all.contains("Độc lập"),
        "{all}"
    );
    for (w, h) in common::page_sizes(&out.with_extension("pdf")) {
        assert!(w > h, "landscape page: {w} × {h}");
    }
}

/// A `phu-luc` document of two annexes, the first long enough for three pages.
fn two_annexes() -> String {
    let rows: String = (1..=70)
        .map(|i| format!("      - [\"Nhiệm vụ số {i} của kế hoạch\", Sở Nội vụ]\n"))
        .collect();
    format!(
        "loai: phu-luc\nso: \"01\"\ntieu_de: Bảng theo dõi tiến độ\nhuong: ngang\n\
         phu_luc:\n  - tieu_de: Danh sách đầu mối\n    so: \"02\"\n    bang:\n      cot:\n\
         \x20       - {{ten: STT, loai: stt, rong: 5}}\n        - {{ten: Nhiệm vụ, rong: 40}}\n\
         \x20       - {{ten: Cơ quan, rong: 20}}\n      dong:\n{rows}"
    )
}

#[test]
fn pages_are_numbered_from_the_second_page_of_each_annex() {
    let (_d, out) = render_text(&two_annexes(), &[], &[]);
    let xml = document_xml(&out);
    // Each annex is its own section: numbering restarts at 1, the first page shows none.
    assert_eq!(xml.matches("<w:sectPr").count(), 2);
    assert_eq!(xml.matches(r#"<w:pgNumType w:start="1"/>"#).count(), 2);
    assert_eq!(xml.matches("<w:titlePg/>").count(), 2);
    // The first annex is landscape, the second portrait.
    assert_eq!(xml.matches(r#"w:orient="landscape""#).count(), 1);
    let Some(pages) = pdf_pages(&out) else { return };
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert_eq!(first_line(&pages[0]), "Phụ lục 01");
    assert_eq!(first_line(&pages[1]), "Phụ lục 02", "annex 01 is one page");
    assert_eq!(
        first_line(&pages[2]),
        "2",
        "the second page of annex 02 shows 2"
    );
    if pages.len() > 3 {
        assert_eq!(first_line(&pages[3]), "3");
    }
}

#[test]
fn label_and_title_on_one_line_and_no_reference_line() {
    let yaml = "loai: phu-luc\nso: 3\nnhan: Phụ lục số\ncung_dong: true\n\
                tieu_de: Bảng tổng hợp\nmo_dau: [Nội dung.]\n";
    let (_d, out) = render_text(yaml, &[], &[]);
    let texts = docx_texts(&document_xml(&out));
    assert_eq!(texts[0], "Phụ lục số 3: BẢNG TỔNG HỢP");
    // Without `ngay` the file carries no date (an empty one would not be a date).
    let core = common::zip_part(&out.with_extension("docx"), "docProps/core.xml").unwrap();
    assert!(!core.contains("dcterms:created"), "{core}");
    assert_eq!(texts[1], "Nội dung.", "no (Kèm theo …) line: {texts:?}");
    let Some(pages) = pdf_pages(&out) else { return };
    assert_eq!(first_line(&pages[0]), "Phụ lục số 3: BẢNG TỔNG HỢP");
    assert!(!pages[0].contains("Kèm theo"));
}

/// Errors: code, line, and nothing written.
fn refused(yaml: &str, code: &str, line: u32) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vb.yaml"), yaml).unwrap();
    let (status, _, err) = common::vanban(&["render", "vb.yaml", "-o", "out"], dir.path());
    assert_eq!(status, 1, "{err}");
    assert!(err.contains(&format!("vb.yaml:{line}:")), "{err}");
    assert!(err.contains(&format!("[mã lỗi: {code}]")), "{err}");
    assert!(!dir.path().join("out").exists(), "nothing is written");
    err
}

#[test]
fn header_keys_and_a_parent_reference_are_refused_by_name() {
    let err = refused(
        "loai: phu-luc\ntieu_de: A\nchu_ky: {chuc_vu: X, ho_ten: Y}\n",
        "xung-dot",
        3,
    );
    assert!(err.contains("chu_ky") && err.contains("chữ ký"), "{err}");
    refused(
        "loai: phu-luc\ntieu_de: A\nco_quan_ban_hanh: SỞ\n",
        "xung-dot",
        3,
    );
    let err = refused(
        "loai: phu-luc\ntieu_de: A\ndong_kem_theo: true\n",
        "xung-dot",
        3,
    );
    assert!(err.contains("dong_kem_theo"), "{err}");
    refused("loai: phu-luc\nso: \"01\"\n", "thieu-khoa", 1);
    refused("loai: phu-luc\ntieu_de: A\nso: \"\"\n", "de-trong", 3);
    let err = refused("loai: phu-luc\ntieu_de: A\nso: 01\n", "sai-kieu", 3);
    assert!(err.contains("so: \"01\""), "{err}");
}

/// A report whose three annexes are numbered "01", "số 2" and by position (III); its own
/// template refers to each.
const REPORT: &str = "loai: bao-cao
mau: rieng
co_quan_ban_hanh: UBND TỈNH HÀ LAM
viet_tat: UBND
so: 7
dia_danh: Hà Lam
ngay: 2025-09-26
trich_yeu: Tình hình thực hiện
noi_dung: [Nội dung báo cáo.]
chu_ky: {chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An}
phu_luc:
  - {tieu_de: Bảng một, so: \"01\", mo_dau: [Một.]}
  - {tieu_de: Bảng hai, so: 2, nhan: Phụ lục số, dong_kem_theo: false, mo_dau: [Hai.]}
  - {tieu_de: Bảng ba, cung_dong: true, dong_kem_theo: Kèm theo Công văn số 5/UBND, mo_dau: [Ba.]}
";

const TEMPLATE: &str = r#"{%- import "_macros.xml" as m -%}
<vanban>
<body>
{{ m::nodes(list=noi_dung) }}
<p>Chi tiết tại <annexref to="phu-luc-1"/>, <annexref to="phu-luc-2"/> và <annexref to="phu-luc-3"/>.</p>
</body>
{{ m::annexes(list=phu_luc) }}
</vanban>
"#;

#[test]
fn annex_numbers_of_a_report_are_printed_in_headings_and_references() {
    let (_d, out) = render_text(
        REPORT,
        &[("mau/rieng.xml", TEMPLATE)],
        &["--templates", "mau"],
    );
    let xml = document_xml(&out);
    let texts = docx_texts(&xml);
    let reference = "Chi tiết tại Phụ lục 01, Phụ lục số 2 và Phụ lục III";
    assert!(
        texts.iter().any(|t| t == &format!("{reference}./.")),
        "{texts:?}"
    );
    let after = |label: &str| {
        let i = texts
            .iter()
            .position(|t| t == label)
            .unwrap_or_else(|| panic!("{label}: {texts:?}"));
        texts[i + 1].clone()
    };
    assert_eq!(after("Phụ lục 01"), "BẢNG MỘT");
    assert_eq!(
        after("BẢNG MỘT"),
        // The issuer's capitals in normal case (no `ten_co_quan` here).
        "(Kèm theo Báo cáo số 07/BC-UBND ngày 26 tháng 9 năm 2025 của UBND tỉnh Hà Lam)"
    );
    assert_eq!(after("Phụ lục số 2"), "BẢNG HAI");
    assert_eq!(after("BẢNG HAI"), "Hai.", "dong_kem_theo: false");
    assert_eq!(
        after("Phụ lục III: BẢNG BA"),
        "(Kèm theo Công văn số 5/UBND)"
    );
    assert!(xml.contains("CỘNG HÒA"), "a report keeps its header");
    let Some(pages) = pdf_pages(&out) else { return };
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat(&pages[0]).contains(reference), "{}", pages[0]);
    let heads: Vec<&str> = pages[1..].iter().map(|p| first_line(p)).collect();
    assert_eq!(
        heads,
        ["Phụ lục 01", "Phụ lục số 2", "Phụ lục III: BẢNG BA"]
    );
}

#[test]
fn init_writes_the_annex_starter_and_it_renders() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = common::vanban(&["init", "phu-luc"], dir.path());
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = common::vanban(&["render", "phu-luc.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 0, "{err}");
    let xml = common::zip_part(&dir.path().join("out/phu-luc.docx"), "word/document.xml").unwrap();
    assert!(xml.contains("Phụ lục 01") && !xml.contains("CỘNG HÒA"));
}
