//! The page-number field: a centred PAGE field in the header of every page but the first.

use std::collections::BTreeMap;

use super::edits::Edits;
use crate::checks::fonts::FONT;
use crate::docx::Document;

const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEADER_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";

fn header_xml(page_field: bool) -> String {
    let field = if page_field {
        format!(
            concat!(
                r#"<w:r><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>"#,
                r#"<w:r><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
                r#"<w:r><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>"#,
                r#"<w:r><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>2</w:t></w:r>"#,
                r#"<w:r><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>"#
            ),
            f = FONT
        )
    } else {
        String::new()
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{}</w:p></w:hdr>"#
        ),
        field
    )
}

/// Adds a numbered header and an empty first-page header, referenced from every section.
pub fn page_numbers(
    doc: &Document,
    ed: &mut Edits,
    parts: &mut BTreeMap<String, Vec<u8>>,
    changes: &mut Vec<String>,
) {
    let free = |k: usize| format!("word/header{k}.xml");
    let mut k = 1;
    while doc.parts.contains_key(&free(k)) {
        k += 1;
    }
    let (numbered, empty) = (free(k), free(k + 1));
    parts.insert(numbered.clone(), header_xml(true).into_bytes());
    parts.insert(empty.clone(), header_xml(false).into_bytes());
    let rels_name = "word/_rels/document.xml.rels";
    let rels = doc.parts.get(rels_name).map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_else(|| {
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#.to_string()
    });
    let (id_num, id_first) = ("rIdKiemTraSoTrang", "rIdKiemTraTrangDau");
    let add = format!(
        r#"<Relationship Id="{id_num}" Type="{R}/header" Target="header{k}.xml"/><Relationship Id="{id_first}" Type="{R}/header" Target="header{}.xml"/>"#,
        k + 1
    );
    if let Some(at) = rels.rfind("</Relationships>") {
        parts.insert(
            rels_name.into(),
            format!("{}{add}{}", &rels[..at], &rels[at..]).into_bytes(),
        );
    }
    if let Some(ct) = doc.parts.get("[Content_Types].xml") {
        let ct = String::from_utf8_lossy(ct);
        if let Some(at) = ct.rfind("</Types>") {
            let add = format!(
                r#"<Override PartName="/{numbered}" ContentType="{HEADER_TYPE}"/><Override PartName="/{empty}" ContentType="{HEADER_TYPE}"/>"#
            );
            parts.insert(
                "[Content_Types].xml".into(),
                format!("{}{add}{}", &ct[..at], &ct[at..]).into_bytes(),
            );
        }
    }
    for (i, s) in doc.sections.iter().enumerate() {
        let Some(range) = s.range.clone() else {
            continue;
        };
        let src = &doc.xml[range.clone()];
        let open_end = range.start + src.find('>').map_or(0, |e| e + 1);
        // Existing header references of the same types are replaced.
        let mut from = range.start;
        while let Some(at) = doc.xml[from..range.end].find("<w:headerReference") {
            let start = from + at;
            let end = start + doc.xml[start..].find("/>").map_or(0, |e| e + 2);
            let tag = &doc.xml[start..end];
            if !tag.contains("w:type=\"even\"") && (i == 0 || !tag.contains("w:type=\"first\"")) {
                ed.replace(start..end, String::new());
            }
            from = end;
        }
        let mut refs =
            format!(r#"<w:headerReference xmlns:r="{R}" w:type="default" r:id="{id_num}"/>"#);
        if i == 0 {
            refs.push_str(&format!(
                r#"<w:headerReference xmlns:r="{R}" w:type="first" r:id="{id_first}"/>"#
            ));
            if !src.contains("<w:titlePg") {
                let later = [
                    "<w:textDirection",
                    "<w:bidi",
                    "<w:rtlGutter",
                    "<w:docGrid",
                    "<w:printerSettings",
                    "<w:sectPrChange",
                    "</w:sectPr>",
                ];
                if let Some(at) = later.iter().filter_map(|t| src.find(t)).min() {
                    ed.insert(range.start + at, "<w:titlePg/>".into());
                }
            }
        }
        ed.insert(open_end, refs);
    }
    changes.push("thêm số trang căn giữa ở đầu trang, từ trang 2 (trường PAGE, 14 pt)".into());
}
