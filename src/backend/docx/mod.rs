//! DOCX backend: lays out an [`ir::Document`] as a WordprocessingML package.
//!
//! vanban writes the parts that carry the document itself (document.xml, footnotes.xml when
//! there are footnotes, settings.xml, the headers, styles, document properties, content
//! types and the document's relationships) with its own small XML writer, every element
//! once and its children in schema (`CT_*`) order; docx-rs writes the package
//! relationships, the font table and the custom properties. No part goes unreferenced
//! (no comments or numbering parts nothing uses). Nothing is patched after it is written.
//!
//! Module jobs: `writer` the part buffer, paragraph and run properties; `body`
//! document.xml and the pictures it refers to; `paragraph` paragraphs, runs, footnote
//! marks, rules, spacers, images, page breaks; `styles` the paragraph styles (headings,
//! body text) and what a paragraph leaves to its style; `table` tables; `section` section
//! properties and the page-number headers; `package` the other parts and the zip.

mod body;
mod package;
mod paragraph;
mod rels;
mod section;
mod styles;
mod table;
mod writer;

use std::fmt;

use crate::ir;

/// Why a DOCX could not be produced.
#[derive(Debug)]
pub enum DocxError {
    /// The document has no section to lay out.
    NoSections,
    /// Packing the zip failed.
    Package(String),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::NoSections => write!(f, "Văn bản không có phần nào để trình bày"),
            DocxError::Package(e) => write!(f, "Không đóng gói được tệp DOCX: {e}"),
        }
    }
}

impl std::error::Error for DocxError {}

/// Lay out `doc` and return the bytes of the .docx file. The same document always gives the
/// same bytes.
pub fn write_docx(doc: &ir::Document) -> Result<Vec<u8>, DocxError> {
    if doc.sections.is_empty() {
        return Err(DocxError::NoSections);
    }
    let font = if doc.page.font_family.is_empty() {
        "Times New Roman"
    } else {
        doc.page.font_family.as_str()
    };
    let font = crate::xml::escape(font);
    let styles = styles::StyleSheet::of(doc);
    let body = body::document(doc, &font, &styles);
    package::pack(doc, &font, &styles, body)
}
