//! word/document.xml: the sections' blocks in order, each section ended by its properties.

use super::styles::StyleSheet;
use super::writer::Part;
use super::{paragraph, section, table};
use crate::ir::{self, Block};

/// The pictures of the document, one media part per distinct picture file.
#[derive(Default)]
pub(crate) struct Images<'a> {
    /// Pictures placed so far (each gets a drawing id, and its number names a new media
    /// part).
    placed: u32,
    /// `(relationship id, PNG or JPEG file)` of each media part, in order of first use.
    pub media: Vec<(String, &'a [u8])>,
}

impl<'a> Images<'a> {
    /// Place a picture: its relationship id (shared by equal files) and its drawing id.
    pub fn add(&mut self, data: &'a [u8]) -> (String, u32) {
        self.placed += 1;
        if let Some((id, _)) = self.media.iter().find(|(_, p)| *p == data) {
            return (id.clone(), self.placed);
        }
        let id = format!("rIdImage{}", self.placed);
        self.media.push((id.clone(), data));
        (id, self.placed)
    }
}

/// document.xml being written, with what it refers to: the notes for footnotes.xml and the
/// pictures for the media parts and relationships.
pub(crate) struct Doc<'a> {
    pub part: Part<'a>,
    /// The footnotes, in the order of their marks.
    pub footnotes: Vec<&'a ir::Footnote>,
    pub images: Images<'a>,
    /// The paragraph styles top-level paragraphs use.
    pub styles: &'a StyleSheet,
}

const DOCUMENT_ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 wp14">"#,
    r#"<w:body>"#
);

/// Write document.xml; `font` is the document font escaped for an attribute.
pub(crate) fn document<'a>(
    doc: &'a ir::Document,
    font: &'a str,
    styles: &'a StyleSheet,
) -> Doc<'a> {
    let mut d = Doc {
        part: Part::new(font, 64 * 1024),
        footnotes: Vec::new(),
        images: Images::default(),
        styles,
    };
    d.part.push(DOCUMENT_ROOT);
    let last = doc.sections.len().saturating_sub(1);
    for (i, s) in doc.sections.iter().enumerate() {
        blocks(&mut d, &s.blocks, doc.page.text_width(s.orientation));
        if i < last {
            section::section_break(&mut d.part, &doc.page, s.orientation);
        } else {
            section::sect_pr(&mut d.part.out, &doc.page, s.orientation);
        }
    }
    d.part.push("</w:body></w:document>");
    d
}

/// A section's blocks; `width` is its text width.
fn blocks<'a>(d: &mut Doc<'a>, blocks: &'a [Block], width: f32) {
    for (i, b) in blocks.iter().enumerate() {
        // Word keeps a table with what precedes it only through keepNext on the previous
        // paragraph.
        let keep_next = matches!(blocks.get(i + 1), Some(Block::Table(t)) if t.keep_with_previous);
        match b {
            Block::Paragraph(p) => paragraph::paragraph(d, p, keep_next, true),
            Block::Rule(r) => paragraph::rule(&mut d.part, r, width, keep_next),
            Block::Spacer(h) => paragraph::spacer(&mut d.part, *h, keep_next),
            Block::Image(img) => paragraph::image(d, img, keep_next),
            Block::PageBreak => paragraph::page_break(&mut d.part, keep_next),
            Block::Table(t) => table::table(d, t),
        }
    }
}
