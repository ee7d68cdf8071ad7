//! The example report rendered to PDF and read back with poppler (pdftotext, pdffonts,
//! pdfinfo; installed by .ci/run).

use crate::common;

use common::*;
use std::path::Path;

/// Words of one page with their boxes: (text, xMin, yMin, xMax, yMax).
pub fn words(pdf: &Path, page: usize) -> Vec<(String, f32, f32, f32, f32)> {
    let p = page.to_string();
    let xml = tool(
        "pdftotext",
        &["-f", &p, "-l", &p, "-bbox", pdf.to_str().unwrap(), "-"],
    );
    let mut out = Vec::new();
    for line in xml.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let num = |k: &str| -> f32 {
            let i = line.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
            line[i..].split('"').next().unwrap().parse().unwrap()
        };
        let text = line.split('>').nth(1).unwrap().split('<').next().unwrap();
        out.push((
            text.replace("&amp;", "&"),
            num("xMin"),
            num("yMin"),
            num("xMax"),
            num("yMax"),
        ));
    }
    out
}

fn example_pdf() -> (tempfile::TempDir, std::path::PathBuf) {
    let (d, stem) = render("data/examples/bao-cao-thang.yaml", "pdf");
    (d, stem.with_extension("pdf"))
}

/// Number shown in the top margin of a page, if any.
fn page_number(pdf: &Path, page: usize, margin_top: f32) -> Option<String> {
    let w = words(pdf, page);
    let top: Vec<_> = w.iter().filter(|w| w.4 < margin_top).collect();
    assert!(
        top.len() <= 1,
        "more than the page number in the top margin: {top:?}"
    );
    top.first().map(|w| w.0.clone())
}

#[test]
fn fonts_embedded_subset_and_text_intact() {
    if !needs(&["pdffonts", "pdftotext", "pdfinfo"]) {
        return;
    }
    let (_d, pdf) = example_pdf();
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for r in rows {
        let name = r.split_whitespace().next().unwrap();
        assert!(
            name.contains('+') && name.contains("LiberationSerif"),
            "{r}"
        );
        let cols: Vec<&str> = r.split_whitespace().collect();
        // emb sub uni columns.
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{r}");
    }
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    for s in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận:",
        "Hà Lam, ngày 26 tháng 9 năm 2025",
        "Số: 07/BC-TCTĐA06",
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "Trần Minh Khang",
        "- Lưu: VT, KSTTHC.",
        "Phụ lục III",
        "(kèm theo các Phụ lục I, II, III)./.",
    ] {
        assert!(text.contains(s), "missing {s:?}");
    }
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 200 * 1024, "PDF is {size} bytes");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Báo cáo 07/BC-TCTĐA06"), "{info}");
}

#[test]
fn page_numbers_orientation_and_repeated_headers() {
    if !needs(&["pdfinfo", "pdftotext"]) {
        return;
    }
    let (_d, pdf) = example_pdf();
    let sizes = page_sizes(&pdf);
    let margin_top = 20.0 * 72.0 / 25.4;
    // Find where each annex starts.
    let n = sizes.len();
    let starts: Vec<usize> = (1..=n)
        .filter(|p| {
            let w = words(&pdf, *p);
            w.len() > 2 && w[0].0 == "Phụ" && w[1].0 == "lục"
        })
        .collect();
    assert_eq!(starts.len(), 3, "three annexes");
    for p in 1..=n {
        let landscape = sizes[p - 1].0 > sizes[p - 1].1;
        let section_start = starts
            .iter()
            .copied()
            .filter(|s| *s <= p)
            .max()
            .unwrap_or(1);
        assert_eq!(landscape, p >= starts[0], "page {p} orientation");
        let expected = (p > section_start).then(|| (p - section_start + 1).to_string());
        assert_eq!(page_number(&pdf, p, margin_top), expected, "page {p}");
        if p >= starts[0] {
            // Every annex page shows the table header.
            assert!(
                words(&pdf, p).iter().any(|w| w.0 == "STT"),
                "page {p} lacks header"
            );
        }
    }
    // The number is centred over the text (left margin 30 mm, right 15 mm).
    let w = words(&pdf, 2);
    let num = w.iter().find(|w| w.4 < margin_top).unwrap();
    let centre = (num.1 + num.3) / 2.0;
    let text_centre = (30.0 + (210.0 - 15.0)) / 2.0 * 72.0 / 25.4;
    assert!(
        (centre - text_centre).abs() < 1.5,
        "{centre} vs {text_centre}"
    );
}

#[test]
fn body_lines_are_justified() {
    if !needs(&["pdftotext"]) {
        return;
    }
    let (_d, pdf) = example_pdf();
    let right = (210.0 - 15.0) * 72.0 / 25.4;
    // poppler groups lines into blocks (here: paragraphs); in every block of body text,
    // each line but the last reaches the right margin.
    let mut checked = 0;
    for page in [1, 2] {
        let p = page.to_string();
        let xml = tool(
            "pdftotext",
            &[
                "-f",
                &p,
                "-l",
                &p,
                "-bbox-layout",
                pdf.to_str().unwrap(),
                "-",
            ],
        );
        let mut blocks: Vec<Vec<(f32, f32)>> = Vec::new();
        for l in xml.lines().map(str::trim_start) {
            let num = |k: &str| -> f32 {
                let i = l.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                l[i..].split('"').next().unwrap().parse().unwrap()
            };
            if l.starts_with("<block") {
                blocks.push(Vec::new());
            } else if l.starts_with("<line") {
                blocks.last_mut().unwrap().push((num("xMin"), num("xMax")));
            }
        }
        for b in blocks.iter().filter(|b| b.len() >= 2) {
            // Body paragraphs span the text width (not the header or signature columns).
            let left = (30.0 * 72.0 / 25.4) as f32;
            if !b[1..].iter().all(|l| (l.0 - left).abs() < 1.0) {
                continue;
            }
            for l in &b[..b.len() - 1] {
                assert!(
                    (l.1 - right).abs() < 0.6,
                    "page {page}: line ends at {} not {right}",
                    l.1
                );
                checked += 1;
            }
            assert!(b.last().unwrap().1 < right + 0.6);
        }
    }
    assert!(checked >= 20, "only {checked} justified lines checked");
}

#[test]
fn rendering_twice_gives_identical_pdf() {
    let (_d1, a) = example_pdf();
    let (_d2, b) = example_pdf();
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}
