//! The rules that can be read from a PDF: page size, the fonts (embedded, which faces),
//! the Quốc hiệu and Tiêu ngữ texts, and the date form on the first page.

use lopdf::{Dictionary, Document, Object};

use crate::ReadError;
use crate::checks::header::{MOTTO, NATIONAL_TITLE};
use crate::finding::Severity::{Error, Note};
use crate::finding::{Finding, Report};
use crate::rule::Rule;
use crate::text::{clean, fold, number_after};

/// A4 in points, and the tolerance (1 mm).
const A4: (f32, f32) = (595.28, 841.89);
const SLACK: f32 = 2.9;

/// Faces accepted as Times New Roman: itself, and the metric-compatible faces that
/// LibreOffice and vanban embed in its place.
const TIMES: [&str; 3] = ["timesnewroman", "liberationserif", "tinos"];

pub fn check(bytes: &[u8]) -> Result<Report, ReadError> {
    let doc =
        Document::load_mem(bytes).map_err(|e| ReadError(format!("không đọc được tệp PDF: {e}")))?;
    let mut out = Vec::new();
    let mut faces: Vec<(String, bool)> = Vec::new();
    for (&n, &id) in &doc.get_pages() {
        let place = format!("trang {n}");
        if let Some((w, h)) = media_box(&doc, id) {
            let (w, h) = if w > h { (h, w) } else { (w, h) };
            if (w - A4.0).abs() > SLACK || (h - A4.1).abs() > SLACK {
                out.push(finding(
                    Error,
                    Rule::PaperSize,
                    &place,
                    format!(
                        "khổ giấy {:.0} × {:.0} mm",
                        w / 72.0 * 25.4,
                        h / 72.0 * 25.4
                    ),
                    "khổ A4 (210 × 297 mm)",
                ));
            }
        }
        for font in doc.get_page_fonts(id).unwrap_or_default().values() {
            let name = base_font(font);
            if !faces.iter().any(|(f, _)| *f == name) {
                faces.push((name, embedded(&doc, font)));
            }
        }
    }
    for (name, is_embedded) in &faces {
        let plain: String = name
            .rsplit('+')
            .next()
            .unwrap_or(name)
            .split([',', '-'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        let symbol = plain.contains("symbol") || plain.contains("dingbat");
        if !symbol && !TIMES.iter().any(|t| plain.starts_with(t)) {
            out.push(finding(
                Error,
                Rule::FontFamily,
                "tệp PDF",
                format!("phông {name}"),
                "phông Times New Roman",
            ));
        }
        if !is_embedded {
            out.push(finding(
                Error,
                Rule::FontFamily,
                "tệp PDF",
                format!("phông {name} không được nhúng"),
                "nhúng phông vào tệp PDF",
            ));
        }
    }
    first_page(&doc, &mut out);
    Ok(Report {
        kind: None,
        findings: out,
    })
}

fn finding(
    severity: crate::Severity,
    rule: Rule,
    place: &str,
    found: String,
    expected: &str,
) -> Finding {
    Finding {
        severity,
        rule,
        place: place.to_string(),
        excerpt: String::new(),
        found,
        expected: expected.to_string(),
        fixable: false,
    }
}

/// The page's MediaBox, looked up through the page tree.
fn media_box(doc: &Document, mut id: lopdf::ObjectId) -> Option<(f32, f32)> {
    for _ in 0..32 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(b) = dict
            .get(b"MediaBox")
            .and_then(|b| doc.dereference(b))
            .and_then(|(_, o)| o.as_array())
        {
            let v: Vec<f32> = b
                .iter()
                .filter_map(|o| {
                    o.as_float()
                        .ok()
                        .or_else(|| o.as_i64().ok().map(|i| i as f32))
                })
                .collect();
            if v.len() == 4 {
                return Some(((v[2] - v[0]).abs(), (v[3] - v[1]).abs()));
            }
        }
        id = dict.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

fn base_font(font: &Dictionary) -> String {
    font.get(b"BaseFont")
        .ok()
        .and_then(|n| n.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_else(|| "(không tên)".into())
}

/// A font program is embedded: in its descriptor, or in its descendant's (Type0).
fn embedded(doc: &Document, font: &Dictionary) -> bool {
    let descriptor_has_file = |d: &Dictionary| {
        d.get(b"FontDescriptor")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .is_some_and(|fd| {
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| fd.has(k))
            })
    };
    if font.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Type3") {
        return true;
    }
    if descriptor_has_file(font) {
        return true;
    }
    font.get(b"DescendantFonts")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o): (_, &Object)| o.as_dict().ok())
        .is_some_and(descriptor_has_file)
}

/// The Quốc hiệu, the Tiêu ngữ and the date on page 1.
fn first_page(doc: &Document, out: &mut Vec<Finding>) {
    let Ok(text) = doc.extract_text(&[1]) else {
        return;
    };
    let lines: Vec<String> = text.lines().map(clean).filter(|l| !l.is_empty()).collect();
    let folded = fold(&lines.join(" "));
    if folded.starts_with("phụ lục") {
        return;
    }
    if !folded.contains(&fold(NATIONAL_TITLE)) {
        out.push(finding(
            Error,
            Rule::NationalTitle,
            "trang 1",
            "không thấy Quốc hiệu".into(),
            NATIONAL_TITLE,
        ));
    } else if !lines.iter().any(|l| l.contains(NATIONAL_TITLE)) {
        out.push(finding(
            Note,
            Rule::NationalTitle,
            "trang 1",
            "Quốc hiệu viết khác mẫu".into(),
            NATIONAL_TITLE,
        ));
    }
    if let Some(m) = lines.iter().find(|l| fold(l).contains("độc lập"))
        && !m.contains(MOTTO)
    {
        out.push(finding(
            Error,
            Rule::Motto,
            "trang 1",
            format!("\"{m}\""),
            MOTTO,
        ));
    }
    if let Some(d) = lines.iter().find(|l| crate::elements::is_place_date(l)) {
        let after = |w: &str| number_after(d, w).map(|(_, n)| n);
        if after("ngày").is_some_and(|x| x.len() == 1) {
            out.push(finding(
                Error,
                Rule::PlaceDate,
                "trang 1",
                format!("\"{d}\""),
                "ngày nhỏ hơn 10 ghi thêm số 0",
            ));
        }
        if let Some(m) = after("tháng") {
            let v: u32 = m.parse().unwrap_or(0);
            if (v <= 2 && m.len() == 1) || (v > 2 && m.starts_with('0')) {
                out.push(finding(
                    Error,
                    Rule::PlaceDate,
                    "trang 1",
                    format!("\"{d}\""),
                    "tháng 1, 2 ghi thêm số 0; tháng 3 đến 12 không",
                ));
            }
        }
    }
}
