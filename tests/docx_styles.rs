//! Paragraph styles in the DOCX: headings use Word's built-in "heading N" styles (the
//! Navigation pane, outline view and a table of contents work), body text "Body Text", and
//! the same headings are the PDF's outline and LibreOffice's Navigator entries.

use crate::common;

use common::{W, attr, needs, render, zip_part};

const REPORT: &str = "data/examples/bao-cao-thang.yaml";

/// `(style id, text)` of every paragraph of document.xml that names a paragraph style.
fn styled_paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .filter_map(|p| {
            let ppr = p.children().find(|c| c.has_tag_name((W, "pPr")))?;
            let style = ppr.children().find(|c| c.has_tag_name((W, "pStyle")))?;
            let text: String = p
                .descendants()
                .filter(|t| t.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect();
            Some((attr(style, "val")?.to_string(), text))
        })
        .collect()
}

/// `(name, outline level)` of paragraph style `id` in styles.xml.
fn style_def(styles: &str, id: &str) -> (String, Option<u8>) {
    let doc = roxmltree::Document::parse(styles).unwrap();
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && attr(*n, "styleId") == Some(id))
        .unwrap_or_else(|| panic!("style {id} is not defined"));
    assert_eq!(attr(style, "type"), Some("paragraph"));
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((W, name)))
            .and_then(|c| attr(c, "val").map(str::to_string))
    };
    let name = child(style, "name").expect("a name");
    let ppr = style.children().find(|c| c.has_tag_name((W, "pPr")));
    let level = ppr
        .and_then(|p| child(p, "outlineLvl"))
        .map(|v| v.parse().unwrap());
    (name, level)
}

/// The headings of the DOCX: `(outline level, text)` of each paragraph whose style has an
/// outline level (0–8), checking that the style is Word's built-in "heading N".
fn docx_headings(docx: &std::path::Path) -> Vec<(u8, String)> {
    let xml = zip_part(docx, "word/document.xml").unwrap();
    let styles = zip_part(docx, "word/styles.xml").unwrap();
    assert!(
        !xml.contains("<w:outlineLvl"),
        "outline levels belong to the styles, not to paragraphs"
    );
    let mut out = Vec::new();
    for (id, text) in styled_paragraphs(&xml) {
        let (name, level) = style_def(&styles, &id);
        match level {
            Some(l) if l < 9 => {
                assert_eq!(id, format!("Heading{}", l + 1), "{text}");
                assert_eq!(name, format!("heading {}", l + 1), "{text}");
                out.push((l, text));
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_reports_headings_use_heading_styles_and_are_the_pdf_outline() {
    let (_d, out) = render(REPORT, "docx,pdf");
    let headings = docx_headings(&out.with_extension("docx"));
    let texts: Vec<&str> = headings.iter().map(|h| h.1.as_str()).collect();
    // Every Roman heading, the numbered sub-headings and each annex.
    for want in [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHÓM NHIỆM VỤ",
        "1.1. Dịch vụ công liên thông",
        "Phụ lục I",
        "Phụ lục III",
    ] {
        assert!(texts.contains(&want), "{want} missing: {texts:?}");
    }
    let level_of = |t: &str| headings.iter().find(|h| h.1 == t).unwrap().0;
    assert!(
        level_of("II. KẾT QUẢ THỰC HIỆN CÁC NHÓM NHIỆM VỤ")
            < level_of("1.1. Dịch vụ công liên thông")
    );

    // The PDF's outline lists the same headings, in the same order.
    let outline = common::pdf_outline(&out.with_extension("pdf"));
    let titles: Vec<String> = outline.iter().map(|e| e.1.clone()).collect();
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let docx: Vec<String> = texts.iter().map(|t| flat(t)).collect();
    let pdf: Vec<String> = titles.iter().map(|t| flat(t)).collect();
    assert_eq!(docx, pdf, "DOCX headings and PDF outline differ");
}

#[test]
fn body_paragraphs_leave_their_formatting_to_the_body_style() {
    let (_d, out) = render(REPORT, "docx");
    let docx = out.with_extension("docx");
    let xml = zip_part(&docx, "word/document.xml").unwrap();
    let styles = zip_part(&docx, "word/styles.xml").unwrap();
    let body: Vec<_> = styled_paragraphs(&xml)
        .into_iter()
        .filter(|(id, _)| id == "BodyText")
        .collect();
    assert!(body.len() >= 10, "{body:?}");
    assert_eq!(style_def(&styles, "BodyText").0, "Body Text");
    // The style carries Decree 30's body format: justified, first-line indent.
    let st = roxmltree::Document::parse(&styles).unwrap();
    let def = st
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && attr(*n, "styleId") == Some("BodyText"))
        .unwrap();
    let ppr = def.children().find(|c| c.has_tag_name((W, "pPr"))).unwrap();
    let get = |name: &str, a: &str| {
        ppr.children()
            .find(|c| c.has_tag_name((W, name)))
            .and_then(|c| attr(c, a))
            .map(str::to_string)
    };
    assert_eq!(get("jc", "val").as_deref(), Some("both"));
    assert!(get("ind", "firstLine").is_some_and(|v| v.parse::<u32>().unwrap() > 0));
    // Most body paragraphs then carry no alignment or indent of their own.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let direct_jc = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "pPr")))
        .filter(|ppr| {
            ppr.children()
                .any(|c| c.has_tag_name((W, "pStyle")) && attr(c, "val") == Some("BodyText"))
        })
        .filter(|ppr| ppr.children().any(|c| c.has_tag_name((W, "jc"))))
        .count();
    assert!(
        direct_jc * 4 < body.len(),
        "{direct_jc} of {} body paragraphs",
        body.len()
    );
}

#[test]
fn libreoffice_navigator_shows_the_same_headings() {
    if !needs(&["soffice"]) {
        return;
    }
    let (d, out) = render(REPORT, "docx");
    let docx = out.with_extension("docx");
    let headings = docx_headings(&docx);
    let odt = common::soffice_convert(&docx, d.path(), "odt");
    let content = zip_part(&odt, "content.xml").expect("content.xml");
    let doc = roxmltree::Document::parse(&content).unwrap();
    const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    // The Navigator's "Headings" are the text:h elements, by their outline level.
    let lo: Vec<(u8, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((TEXT, "h")))
        .map(|h| {
            let level: u8 = h
                .attribute((TEXT, "outline-level"))
                .unwrap()
                .parse()
                .unwrap();
            let text: String = h
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            (level - 1, text)
        })
        .collect();
    assert_eq!(lo, headings);
}
