//! Section properties (page size, margins, numbering restart), the paragraph that ends a
//! section, and the page-number headers.

use super::writer::{Marks, ParaProps, Part, Spacing};
use crate::ir::{self, Orientation, twips};

/// Relationship id of the header of every page but the first of a section (header1.xml).
pub(crate) const DEFAULT_HEADER_ID: &str = "rIdHeader1";
/// Relationship id of the first-page header (header2.xml).
pub(crate) const FIRST_HEADER_ID: &str = "rIdHeader2";

/// The complete `w:sectPr` of a section, children in schema order. Every section starts on
/// a new page, restarts numbering at 1 and hides the number on its first page (titlePg).
pub(crate) fn sect_pr(out: &mut String, page: &ir::PageSetup, o: Orientation) {
    use std::fmt::Write as _;
    let (w, h) = page.size(o);
    let orient = match o {
        Orientation::Portrait => "",
        Orientation::Landscape => r#" w:orient="landscape""#,
    };
    let _ = write!(
        out,
        concat!(
            r#"<w:sectPr>"#,
            r#"<w:headerReference w:type="default" r:id="{hd}"/>"#,
            r#"<w:headerReference w:type="first" r:id="{hf}"/>"#,
            r#"<w:type w:val="nextPage"/>"#,
            r#"<w:pgSz w:w="{w}" w:h="{h}"{orient}/>"#,
            r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{header}" w:footer="{footer}" w:gutter="0"/>"#,
            r#"<w:pgNumType w:start="1"/>"#,
            r#"<w:cols w:space="720"/>"#,
            r#"<w:titlePg/>"#,
            r#"<w:docGrid w:linePitch="360"/>"#,
            r#"</w:sectPr>"#
        ),
        hd = DEFAULT_HEADER_ID,
        hf = FIRST_HEADER_ID,
        w = twips(w),
        h = twips(h),
        orient = orient,
        top = twips(page.margin_top),
        right = twips(page.margin_right),
        bottom = twips(page.margin_bottom),
        left = twips(page.margin_left),
        header = twips(page.header_distance),
        footer = twips(page.footer_distance),
    );
}

/// The empty paragraph that ends every section but the last and carries its properties. It
/// takes no visible room at the end of the section.
pub(crate) fn section_break(part: &mut Part, page: &ir::PageSetup, o: Orientation) {
    part.open_p();
    part.push(concat!(
        r#"<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#,
        r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>"#
    ));
    sect_pr(&mut part.out, page, o);
    part.push("</w:pPr></w:p>");
}

const HEADER_ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:hdr xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14 wp14">"#
);

/// A header part holding one paragraph, `center`ed or not, in the page-number size; `runs`
/// writes its content.
fn header(font: &str, page: &ir::PageSetup, center: bool, runs: impl FnOnce(&mut Part)) -> String {
    let mut part = Part::new(font, 2048);
    part.push(HEADER_ROOT);
    part.open_paragraph(&ParaProps {
        spacing: Some(Spacing {
            before: 0,
            after: 0,
            line: None,
        }),
        jc: center.then_some("center"),
        mark_size: Some(page.page_number_size),
        ..ParaProps::default()
    });
    runs(&mut part);
    part.push("</w:p></w:hdr>");
    part.into_string()
}

/// header1.xml, the header of every page but the first of a section: the centred page
/// number (a PAGE field).
pub(crate) fn page_number_header(font: &str, page: &ir::PageSetup) -> String {
    let size = Some(page.page_number_size);
    header(font, page, true, |part| {
        for content in [
            r#"<w:fldChar w:fldCharType="begin" w:dirty="false" />"#,
            "<w:instrText>PAGE</w:instrText>",
            r#"<w:fldChar w:fldCharType="separate" w:dirty="false" />"#,
            r#"<w:t xml:space="preserve">2</w:t>"#,
            r#"<w:fldChar w:fldCharType="end" w:dirty="false" />"#,
        ] {
            part.element_run(None, size, Marks::default(), content);
        }
    })
}

/// header2.xml, the first-page header: empty (Decree 30 shows no number on page 1 of each
/// section).
pub(crate) fn empty_header(font: &str, page: &ir::PageSetup) -> String {
    header(font, page, false, |_| {})
}
