//! Page size, orientation, margins and page numbers, section by section.

use super::{Findings, mm, pt};
use crate::docx::{Document, Section};
use crate::elements::Elements;
use crate::finding::Severity::{Error, Note};
use crate::rule::Rule;

/// A4 in twips, and the tolerance of a page size (1 mm).
pub const A4: (i32, i32) = (11906, 16838);
const SIZE_SLACK: i32 = 57;
/// Margin ranges in twips (top, right, bottom, left): 20–25, 15–20, 20–25, 30–35 mm, with
/// a quarter of a millimetre for rounding.
pub const MARGINS: [(i32, i32); 4] = [(1134, 1417), (850, 1134), (1134, 1417), (1701, 1984)];
const MARGIN_SLACK: i32 = 14;
const SIDES: [&str; 4] = ["trên", "phải", "dưới", "trái"];

pub fn check(doc: &Document, e: &Elements, f: &mut Findings) {
    for (i, s) in doc.sections.iter().enumerate() {
        let place = format!("mục {}", i + 1);
        let (w, h) = if s.landscape {
            (s.height, s.width)
        } else {
            (s.width, s.height)
        };
        if (w - A4.0).abs() > SIZE_SLACK || (h - A4.1).abs() > SIZE_SLACK {
            f.whole(
                Error,
                Rule::PaperSize,
                place.clone(),
                format!("khổ giấy {} × {}", mm(s.width), mm(s.height)),
                "khổ A4 (210 × 297 mm)",
                true,
            );
        }
        for (k, (lo, hi)) in MARGINS.iter().enumerate() {
            let m = s.margins[k];
            if m < lo - MARGIN_SLACK || m > hi + MARGIN_SLACK {
                f.whole(
                    Error,
                    Rule::Margins,
                    place.clone(),
                    format!("lề {} {}", SIDES[k], mm(m)),
                    format!("lề {} từ {} đến {}", SIDES[k], mm(*lo), mm(*hi)),
                    true,
                );
            }
        }
        if s.landscape && !s.has_table {
            f.whole(
                Note,
                Rule::Orientation,
                place.clone(),
                "trang nằm ngang không có bảng",
                "trang đứng; trang nằm ngang chỉ dùng cho bảng rộng (thường ở phụ lục)",
                false,
            );
        }
    }
    page_numbers(doc, e, f);
}

/// Page numbers: in the header, centred, 13–14 pt, not on the first page; each annex
/// numbered on its own from 1.
fn page_numbers(doc: &Document, e: &Elements, f: &mut Findings) {
    let annex_sections: Vec<usize> = e
        .annexes
        .iter()
        .map(|a| doc.paragraphs[a.heading].section)
        .collect();
    // Sections that start a numbering: the first, and each annex's.
    let mut starts = vec![0];
    starts.extend(annex_sections.iter().copied().filter(|&s| s > 0));
    let text_len: usize = doc.paragraphs.iter().map(|p| p.text.chars().count()).sum();
    for (i, s) in doc.sections.iter().enumerate() {
        let place = format!("mục {}", i + 1);
        let header = s.header_default.as_ref().and_then(|h| doc.headers.get(h));
        match header {
            Some(h) if h.page_field => {
                if !h.centered {
                    f.whole(
                        Error,
                        Rule::PageNumber,
                        place.clone(),
                        "số trang không căn giữa",
                        "số trang căn giữa ở đầu trang (phần header)",
                        false,
                    );
                }
                if let Some(size) = h.size.filter(|sz| !(26..=28).contains(sz)) {
                    f.whole(
                        Error,
                        Rule::PageNumber,
                        place.clone(),
                        format!("số trang cỡ {}", pt(size)),
                        "số trang cỡ 13–14 pt",
                        true,
                    );
                }
            }
            // LibreOffice writes a first page without number as a section of its own,
            // followed by the numbered section.
            _ if starts.contains(&i) && numbered(doc, i + 1) => continue,
            _ => {
                // A one-page document needs no number; a short one is probably one page.
                let severity = if text_len < 2500 && doc.sections.len() == 1 {
                    Note
                } else {
                    Error
                };
                f.whole(
                    severity,
                    Rule::PageNumber,
                    place.clone(),
                    "không có số trang ở đầu trang",
                    "số trang bằng chữ số Ả Rập, căn giữa ở đầu trang, từ trang 2",
                    true,
                );
                continue;
            }
        }
        if starts.contains(&i) {
            first_page_unnumbered(doc, s, &place, f);
        }
        if i > 0 && annex_sections.contains(&i) && s.page_start != Some(1) {
            f.whole(
                Error,
                Rule::PageNumber,
                place.clone(),
                "phụ lục không đánh số trang lại từ 1",
                "mỗi phụ lục đánh số trang riêng, bắt đầu từ 1",
                false,
            );
        }
    }
}

/// Section `i` exists and shows a page number.
fn numbered(doc: &Document, i: usize) -> bool {
    doc.sections
        .get(i)
        .and_then(|s| s.header_default.as_ref())
        .and_then(|h| doc.headers.get(h))
        .is_some_and(|h| h.page_field)
}

fn first_page_unnumbered(doc: &Document, s: &Section, place: &str, f: &mut Findings) {
    let first = s.header_first.as_ref().and_then(|h| doc.headers.get(h));
    if !s.title_page || first.is_some_and(|h| h.page_field) {
        f.whole(
            Error,
            Rule::PageNumber,
            place.to_string(),
            "trang đầu có số trang",
            "trang đầu không đánh số; số trang bắt đầu từ trang 2",
            true,
        );
    }
}
