//! Section content, section properties (page size, margins, numbering restart) and the
//! page-number headers.

use docx_rs::{AlignmentType, FieldCharType, Header, InstrPAGE, InstrText, LineSpacing, Run};

use super::{Ctx, paragraph, table};
use crate::ir::{self, Block, Orientation, twips};

/// A body-level element of a section, before it is handed to docx-rs.
pub(crate) enum Child {
    Paragraph(Box<docx_rs::Paragraph>),
    Table(Box<docx_rs::Table>),
}

/// Convert a section's blocks; `width` is the text width of the section.
pub(crate) fn section_children(blocks: &[Block], width: f32, ctx: &mut Ctx) -> Vec<Child> {
    let mut out: Vec<Child> = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                out.push(Child::Paragraph(Box::new(paragraph::paragraph(p, ctx))))
            }
            Block::Rule(r) => out.push(Child::Paragraph(Box::new(paragraph::rule(r, width, ctx)))),
            Block::Spacer(h) => out.push(Child::Paragraph(Box::new(paragraph::spacer(*h, ctx)))),
            Block::Image(img) => out.push(Child::Paragraph(Box::new(paragraph::image(img, ctx)))),
            Block::PageBreak => out.push(Child::Paragraph(Box::new(paragraph::page_break(ctx)))),
            Block::Table(t) => {
                if t.keep_with_previous {
                    // Word keeps a table with what precedes it only through keepNext on the
                    // previous paragraph.
                    if let Some(Child::Paragraph(p)) = out.last_mut() {
                        let prev = std::mem::take(&mut **p);
                        **p = prev.keep_next(true);
                    }
                }
                out.push(Child::Table(Box::new(table::table(t, ctx))));
            }
        }
    }
    out
}

/// The header of every page but the first of a section: the centred page number.
pub(crate) fn page_number_header(page: &ir::PageSetup, ctx: &Ctx) -> Header {
    let run = || {
        Run::new()
            .size(paragraph::half_points(page.page_number_size))
            .fonts(ctx.fonts())
    };
    let p = docx_rs::Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0))
        .size(paragraph::half_points(page.page_number_size))
        .fonts(ctx.fonts())
        .add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("2"))
        .add_run(run().add_field_char(FieldCharType::End, false));
    Header::new().add_paragraph(p)
}

/// The first-page header: empty (Decree 30 shows no number on page 1 of each section).
pub(crate) fn empty_header(page: &ir::PageSetup, ctx: &Ctx) -> Header {
    Header::new().add_paragraph(
        docx_rs::Paragraph::new()
            .line_spacing(LineSpacing::new().before(0).after(0))
            .size(paragraph::half_points(page.page_number_size))
            .fonts(ctx.fonts()),
    )
}

/// Relationship ids of the two header parts, shared by all sections.
pub(crate) struct HeaderIds {
    pub default: String,
    pub first: String,
}

/// The complete `w:sectPr` of a section, children in schema order. Every section starts on
/// a new page, restarts numbering at 1 and hides the number on its first page (titlePg).
pub(crate) fn sect_pr(page: &ir::PageSetup, o: Orientation, ids: &HeaderIds) -> String {
    let (w, h) = page.size(o);
    let orient = match o {
        Orientation::Portrait => "",
        Orientation::Landscape => r#" w:orient="landscape""#,
    };
    format!(
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
        hd = ids.default,
        hf = ids.first,
        w = twips(w),
        h = twips(h),
        orient = orient,
        top = twips(page.margin_top),
        right = twips(page.margin_right),
        bottom = twips(page.margin_bottom),
        left = twips(page.margin_left),
        header = twips(page.header_distance),
        footer = twips(page.footer_distance),
    )
}
