//! End-to-end checks of the PDF backend on the shared sample IR (tests/common/sample.rs),
//! using the poppler tools (pdftotext, pdffonts, pdfinfo).

use crate::common;

use std::path::PathBuf;

use common::sample::{self, ANNEX, ATTACHMENT, MAIN, sample};
use common::{needs, tool};
use vanban::backend::pdf::write_pdf;
use vanban::fonts::{FontSet, bundled};
use vanban::ir::*;
use vanban::layout::{self, Page};

fn render() -> (Document, Vec<Page>, PathBuf) {
    let doc = sample();
    let fonts: &FontSet = bundled();
    let pages = layout::layout(&doc, fonts);
    let bytes = write_pdf(&doc, fonts).expect("pdf written");
    let path = std::env::temp_dir().join(format!("vanban-pdf-test-{}.pdf", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    (doc, pages, path)
}

/// Text in the top margin (first 20 mm) of a page.
fn top_margin_text(path: &str, page: usize, width: f32) -> String {
    let p = page.to_string();
    let w = (width.ceil() as i32).to_string();
    tool(
        "pdftotext",
        &[
            "-f", &p, "-l", &p, "-x", "0", "-y", "0", "-W", &w, "-H", "55", path, "-",
        ],
    )
    .trim()
    .to_string()
}

#[test]
fn pdf_end_to_end() {
    let (doc, pages, path) = render();
    let path_s = path.to_str().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.len() < 200 * 1024,
        "PDF too large: {} bytes",
        bytes.len()
    );
    assert!(bytes.starts_with(b"%PDF-1.7"));

    // Byte-identical output on a second run.
    assert_eq!(bytes, write_pdf(&doc, bundled()).unwrap());

    if !needs(&["pdffonts", "pdftotext", "pdfinfo"]) {
        return;
    }
    // Fonts embedded and subset.
    let fonts = tool("pdffonts", &[path_s]);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(font_lines.len() >= 3, "{fonts}");
    for l in &font_lines {
        let cols: Vec<&str> = l.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb/sub/uni in: {l}"
        );
        assert!(cols[0].contains('+'), "subset tag in {l}");
    }

    // Text with every diacritic, from every section.
    let text = tool("pdftotext", &[path_s, "-"]);
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-UBND",
        sample::AGENCY,
        sample::SUBHEADING,
        "41 nhiệm vụ",
        "Nơi nhận:",
        "Thanh Hóa, ngày 05 tháng 02 năm 2024",
        "Nguyễn Văn An",
        sample::BEFORE_BREAK,
        sample::AFTER_BREAK,
        "trước ngày 30 tháng 6",
        "Ghi chú cỡ chữ 12.",
        "(Kèm theo Báo cáo số: 05/BC-UBND",
        "Tổng cộng",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }

    // Metadata from the IR, not the clock.
    let info = tool("pdfinfo", &[path_s]);
    assert!(info.contains(sample::TITLE), "{info}");
    assert!(info.contains(sample::AUTHOR), "{info}");
    assert!(info.contains("2024"), "{info}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("PDF version:") && l.ends_with("1.7")),
        "{info}"
    );
    assert!(!info.contains("PDF/X"), "{info}");

    // Page sizes: main and attachment portrait, annex landscape.
    let count = |s: usize| pages.iter().filter(|p| p.section == s).count();
    assert!(count(MAIN) >= 3, "main pages: {}", count(MAIN));
    assert_eq!(count(ATTACHMENT), 2, "the page break makes a second page");
    assert!(count(ANNEX) >= 3, "annex pages: {}", count(ANNEX));
    let last = pages.len().to_string();
    let sizes = tool("pdfinfo", &["-f", "1", "-l", &last, path_s]);
    let size_lines: Vec<&str> = sizes
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .collect();
    assert_eq!(size_lines.len(), pages.len());
    for (i, l) in size_lines.iter().enumerate() {
        let want = if pages[i].section == ANNEX {
            "841.89 x 595.276"
        } else {
            "595.276 x 841.89"
        };
        assert!(l.contains(want), "page {}: {l}", i + 1);
    }

    // Page numbers: none on each section's first page, "2", "3", … after.
    for (i, p) in pages.iter().enumerate() {
        let top = top_margin_text(path_s, i + 1, p.width);
        let want = if p.number == 1 {
            String::new()
        } else {
            p.number.to_string()
        };
        assert_eq!(top, want, "top margin of PDF page {}", i + 1);
    }

    // The annex header repeats on every annex page.
    for i in (0..pages.len()).filter(|&i| pages[i].section == ANNEX) {
        let p = (i + 1).to_string();
        let t = tool("pdftotext", &["-f", &p, "-l", &p, path_s, "-"]);
        assert!(
            t.contains("STT") && t.contains("Kế hoạch") && t.contains("Tỷ lệ (%)"),
            "page {p}"
        );
    }
    std::fs::remove_file(&path).ok();
}

#[test]
fn layout_keeps_rows_signature_and_footnote() {
    let doc = sample();
    let pages = layout::layout(&doc, bundled());
    let texts: Vec<String> = pages.iter().map(|p| p.text()).collect();

    // No annex row is split: the first and last word of each task sit on one page.
    for k in 1..=sample::ANNEX_TASKS {
        let a = format!("NV{k:02}");
        let b = format!("KT{k:02}");
        let pa: Vec<usize> = (0..pages.len())
            .filter(|&i| texts[i].contains(&a))
            .collect();
        let pb: Vec<usize> = (0..pages.len())
            .filter(|&i| texts[i].contains(&b))
            .collect();
        assert_eq!(pa.len(), 1, "{a}");
        assert_eq!(pa, pb, "row {k} split");
    }

    // The signature block shares its page with the end of the body.
    let sig = texts.iter().position(|t| t.contains("Nơi nhận:")).unwrap();
    assert!(texts[sig].contains("./."));
    assert_eq!(pages[sig].section, MAIN);

    // The footnote sits on the page of its reference, below the body text.
    let note = texts
        .iter()
        .position(|t| t.contains("Cục Thống kê tỉnh"))
        .expect("footnote placed");
    assert!(texts[note].contains("Kết quả cụ thể tại Phụ lục"));
    let note_y = pages[note]
        .runs()
        .find(|r| r.text.contains("Cục"))
        .unwrap()
        .y;
    let body_max = pages[note]
        .runs()
        .filter(|r| r.size == 14.0)
        .map(|r| r.y)
        .fold(0.0, f32::max);
    assert!(note_y > body_max);

    // Every section starts on a new page numbered 1, and pages count up within it.
    assert_eq!(pages[0].number, 1);
    for (i, p) in pages.iter().enumerate().skip(1) {
        let prev = &pages[i - 1];
        if p.section == prev.section {
            assert_eq!(p.number, prev.number + 1, "page {}", i + 1);
        } else {
            assert_eq!(
                (p.section, p.number),
                (prev.section + 1, 1),
                "page {}",
                i + 1
            );
        }
    }
    assert_eq!(pages.last().unwrap().section, ANNEX);

    // The page break: the attachment's two paragraphs sit on consecutive pages.
    let before = texts.iter().position(|t| t.contains(sample::BEFORE_BREAK));
    let after = texts.iter().position(|t| t.contains(sample::AFTER_BREAK));
    let before = before.expect("text before the break");
    assert_eq!(after, Some(before + 1));
    assert_eq!(pages[before].section, ATTACHMENT);

    // The annex's total row comes last, after every task.
    let total = texts.iter().position(|t| t.contains("Tổng cộng")).unwrap();
    assert_eq!(total, pages.len() - 1);

    // Nothing runs into the bottom margin (except the truncated space after).
    let s = &doc.page;
    for p in &pages {
        let limit = p.height - s.margin_bottom + 0.5;
        for r in p.runs() {
            assert!(
                r.y <= limit,
                "text below the margin on page {}: {:?}",
                p.number,
                r.text
            );
        }
    }
}
