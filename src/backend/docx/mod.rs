//! DOCX backend: lays out an [`ir::Document`] as a WordprocessingML package.
//!
//! docx-rs builds the bulk of the XML; [`package`] then patches the parts and packs the zip
//! deterministically (section properties per section, repeated header rows, footnote marks,
//! core properties, styles). Body rows of tables without images or footnotes are left out of
//! docx-rs's tree and written one at a time into document.xml by [`package`], so a long table
//! never has all its docx-rs structures in memory at once.
//!
//! Module jobs: [`paragraph`] paragraphs, runs, rules, spacers, images; [`table`] tables;
//! [`section`] section properties and page-number headers; [`package`] zip and XML patches;
//! [`order`] schema order of property elements.

mod order;
mod package;
mod paragraph;
mod row_xml;
mod section;
mod table;

use std::fmt;

use docx_rs::{Docx, RunFonts};

use crate::ir;

/// Why a DOCX could not be produced.
#[derive(Debug)]
pub enum DocxError {
    /// The document has no section to lay out.
    NoSections,
    /// Patching the XML or packing the zip failed.
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

/// Per-document state collected while converting blocks, used by the post-processing.
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    /// Font family written on every run.
    pub font: String,
    /// The same, escaped for an XML attribute.
    pub font_xml: String,
    /// Footnote text size.
    pub footnote_size: f32,
    /// One entry per emitted table, in document order.
    pub tables: Vec<table::TableMeta>,
    /// Images emitted so far (for deterministic relationship ids).
    pub images: usize,
}

impl Ctx {
    pub fn fonts(&self) -> RunFonts {
        RunFonts::new()
            .ascii(&self.font)
            .hi_ansi(&self.font)
            .cs(&self.font)
            .east_asia(&self.font)
    }
}

/// Lay out `doc` and return the bytes of the .docx file. The same document always gives the
/// same bytes.
pub fn write_docx(doc: &ir::Document) -> Result<Vec<u8>, DocxError> {
    if doc.sections.is_empty() {
        return Err(DocxError::NoSections);
    }
    let font = if doc.page.font_family.is_empty() {
        "Times New Roman".to_string()
    } else {
        doc.page.font_family.clone()
    };
    let mut ctx = Ctx {
        font_xml: crate::xml::escape(&font),
        font,
        footnote_size: doc.page.footnote_size,
        ..Ctx::default()
    };

    let mut docx = Docx::new()
        .default_fonts(ctx.fonts())
        .default_size(paragraph::half_points(14.0))
        .header(section::page_number_header(&doc.page, &ctx))
        .first_header(section::empty_header(&doc.page, &ctx));

    let last = doc.sections.len() - 1;
    for (i, s) in doc.sections.iter().enumerate() {
        let width = doc.page.text_width(s.orientation);
        let children = section::section_children(&s.blocks, width, &mut ctx);
        if i < last {
            // A docx-rs section ends with the paragraph holding its sectPr; the section
            // properties themselves are rewritten in `package`.
            let mut sec = docx_rs::Section::new();
            for c in children {
                sec = match c {
                    section::Child::Paragraph(p) => sec.add_paragraph(*p),
                    section::Child::Table(t) => sec.add_table(*t),
                };
            }
            docx = docx.add_section(sec);
        } else {
            for c in children {
                docx = match c {
                    section::Child::Paragraph(p) => docx.add_paragraph(*p),
                    section::Child::Table(t) => docx.add_table(*t),
                };
            }
        }
    }

    // The XML parts themselves, not docx-rs's zip of them: `package` patches them and
    // writes the one zip. docx-rs's document tree is gone once `build` returns.
    let parts = docx.build();
    package::finish(parts, doc, ctx)
}
