//! LibreOffice round trip: our DOCX converted by `soffice --headless --convert-to pdf` must
//! show the Decree 30 page furniture, and our own PDF must paginate like it (same page count
//! in the body and in each annex). Needs LibreOffice and poppler (installed by .ci/run).

use crate::common;

use common::*;
use std::path::{Path, PathBuf};

/// What every test here runs: LibreOffice, and poppler to read both PDFs back.
const LO_TOOLS: &[&str] = &["soffice", "pdftotext", "pdfinfo"];

/// Convert a DOCX with LibreOffice into `dir`, with a private profile so tests can run in
/// parallel with other soffice processes.
pub fn soffice_pdf(docx: &Path, dir: &Path) -> PathBuf {
    soffice_convert(docx, dir, "pdf")
}

fn page_texts(pdf: &Path) -> Vec<String> {
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn landscape_pages(pdf: &Path) -> Vec<bool> {
    page_sizes(pdf).iter().map(|(w, h)| w > h).collect()
}

/// Whether a page opens a new section: an annex ("Phụ lục" heading) or an attached document
/// (the plan promulgated by a decision, "KẾ HOẠCH").
fn starts_section(first: &str) -> bool {
    first.starts_with("Phụ lục") || first == "KẾ HOẠCH"
}

/// Page count of each section: the body, then each attachment and annex (a section starts
/// on the page whose first line is its heading).
fn section_pages(pages: &[String]) -> Vec<usize> {
    sections_by(pages, |p| starts_section(first_line(p)))
}

/// Page count of each section, a section starting on every page for which `starts` holds
/// (the first page always starts one).
fn sections_by(pages: &[String], starts: impl Fn(&str) -> bool) -> Vec<usize> {
    let mut counts: Vec<usize> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i == 0 || starts(p) {
            counts.push(0);
        }
        *counts.last_mut().unwrap() += 1;
    }
    counts
}

fn first_line(page: &str) -> &str {
    page.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

/// The checks for one example file.
fn check_example(yaml: &str) {
    let (dir, stem) = render(yaml, "docx,pdf");
    check_pair(yaml, &stem, &dir.path().join("lo"), section_pages);
}

/// Our PDF `stem.pdf` against LibreOffice's conversion of `stem.docx`; `sections` splits
/// pages into sections.
fn check_pair(name: &str, stem: &Path, lo_dir: &Path, sections: fn(&[String]) -> Vec<usize>) {
    let yaml = name;
    let ours = stem.with_extension("pdf");
    let lo = soffice_pdf(&stem.with_extension("docx"), lo_dir);

    let lo_pages = page_texts(&lo);
    let our_pages = page_texts(&ours);
    let lo_sections = sections(&lo_pages);
    assert_eq!(
        sections(&our_pages),
        lo_sections,
        "{yaml}: page count per section differs from LibreOffice's"
    );
    assert_eq!(
        landscape_pages(&ours),
        landscape_pages(&lo),
        "{yaml}: orientations"
    );

    // LibreOffice's rendering of our DOCX: page numbers hidden on the first page of each
    // section, "2", "3", … on the following pages, restarting in every annex.
    let mut page = 0;
    for count in &lo_sections {
        for n in 1..=*count {
            let text = &lo_pages[page];
            let first = first_line(text);
            if n == 1 {
                assert!(
                    first.parse::<u32>().is_err(),
                    "{yaml}: page {} shows a number",
                    page + 1
                );
            } else {
                assert_eq!(first, n.to_string(), "{yaml}: page {} number", page + 1);
            }
            page += 1;
        }
    }
    // Table headers repeat: both renderings show the header ("STT") on the same pages, and
    // in a section whose table starts on its first page, every page up to the last one the
    // table reaches shows it.
    let header_pages =
        |pages: &[String]| -> Vec<bool> { pages.iter().map(|p| p.contains("STT")).collect() };
    assert_eq!(
        header_pages(&our_pages),
        header_pages(&lo_pages),
        "{yaml}: header pages"
    );
    let mut page = 0;
    for count in &lo_sections {
        let shows: Vec<bool> = header_pages(&lo_pages[page..page + count]);
        if shows[0] {
            let last = shows.iter().rposition(|s| *s).unwrap();
            for (i, s) in shows[..=last].iter().enumerate() {
                assert!(*s, "{yaml}: page {} lacks the table header", page + i + 1);
            }
        }
        page += count;
    }
}

#[test]
fn example_report_matches_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    check_example("data/examples/bao-cao-thang.yaml");
    check_example("data/examples/bao-cao-thang-truoc.yaml");
}

#[test]
fn cong_van_matches_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    check_example("data/examples/cong-van.yaml");
}

#[test]
fn example_plan_matches_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    check_example("data/examples/ke-hoach.yaml");
}

#[test]
fn example_decision_with_plan_matches_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    check_example("data/examples/quyet-dinh-ban-hanh-ke-hoach.yaml");
}

#[test]
fn example_progress_table_matches_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    check_example("data/examples/theo-doi-tien-do.yaml");
}

#[test]
fn example_inspection_plan_matches_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    check_example("data/examples/ke-hoach-kiem-tra.yaml");
}

#[test]
fn example_list_cells_match_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    check_example("data/examples/bang-nhom.yaml");
}

#[test]
fn example_merged_cells_match_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    check_example("data/examples/bang-gop-o.yaml");
}

/// The first row number printed on each page.
fn first_row_numbers(pages: &[String]) -> Vec<Option<u32>> {
    pages
        .iter()
        .map(|p| {
            p.lines()
                .filter(|l| l.contains("Nhiệm vụ thứ"))
                .filter_map(|l| l.split_whitespace().next())
                .find_map(|w| w.parse().ok())
        })
        .collect()
}

/// Rows joined by a merged cell move to the next page together, in our PDF and in
/// LibreOffice's rendering of our DOCX alike: 30 agencies, each merged down over three
/// tasks, across four landscape pages.
#[test]
fn merged_rows_break_pages_like_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    let mut yaml = String::from(
        "loai: phu-luc\nso: \"03\"\ntieu_de: Bảng gộp ô nhiều trang\nhuong: ngang\nbang:\n  cot:\n    - {ten: STT, loai: stt, rong: 5}\n    - {ten: Cơ quan, rong: 20}\n    - {ten: Nhiệm vụ, rong: 50}\n    - {ten: Thời hạn, rong: 15}\n  dong:\n",
    );
    for i in 1..=30 {
        yaml.push_str(&format!(
            "    - [{{gia_tri: \"Cơ quan số {i}\", gop_dong: 3}}, \"Nhiệm vụ thứ nhất của cơ quan {i}, có nội dung đủ dài để xuống dòng trong ô của bảng\", Tháng 12/2026]\n    - [\"Nhiệm vụ thứ hai của cơ quan {i}\", Quý IV/2026]\n    - [\"Nhiệm vụ thứ ba của cơ quan {i}\", Thường xuyên]\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gop.yaml"), yaml).unwrap();
    let (code, _, err) = vanban(&["render", "gop.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 0, "{err}");
    let stem = dir.path().join("out/gop");
    check_pair("gop.yaml", &stem, &dir.path().join("lo"), section_pages);
    let ours = first_row_numbers(&page_texts(&stem.with_extension("pdf")));
    let lo = first_row_numbers(&page_texts(&soffice_pdf(
        &stem.with_extension("docx"),
        &dir.path().join("lo"),
    )));
    assert!(ours.len() >= 3, "{ours:?}");
    assert_eq!(ours, lo, "first row of each page");
    // Each page starts with the first task of an agency: rows 1, 4, 7, …
    for n in ours.iter().flatten() {
        assert_eq!(n % 3, 1, "a page starts inside a merged block: {ours:?}");
    }
}

/// A checklist section starts on the page showing its title.
fn checklist_sections(pages: &[String]) -> Vec<usize> {
    sections_by(pages, |p| p.contains("PHIẾU KIỂM TRA"))
}

#[test]
fn checklists_match_libreoffice() {
    if !needs(LO_TOOLS) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("data/examples/ke-hoach-kiem-tra.yaml");
    for mode in ["--checklists", "--combine"] {
        let (code, _, err) = vanban(
            &[
                "render",
                plan.to_str().unwrap(),
                mode,
                "-o",
                dir.path().to_str().unwrap(),
            ],
            &root(),
        );
        assert_eq!(code, 0, "{err}");
    }
    // One office (with extra questions) and one commune, then all 35 in one file.
    for stem in [
        "so-tu-phap",
        "dac-khu-hon-me",
        "ke-hoach-kiem-tra-phieu-kiem-tra",
    ] {
        check_pair(
            stem,
            &dir.path().join(stem),
            &dir.path().join("lo"),
            checklist_sections,
        );
    }
}
