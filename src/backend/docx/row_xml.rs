//! Self-contained table rows (no images, no footnotes) written straight to XML.
//!
//! The bytes are exactly what docx-rs followed by [`super::order::canonicalize`] writes for
//! the same row (the tests below hold the two paths together), at a fraction of the cost:
//! docx-rs builds a tree of owned strings per cell, and its XML then has to be put in schema
//! order. Long annex tables are almost all such rows.

use std::fmt::Write as _;

use super::Ctx;
use super::paragraph::{
    TINY_PT, eighths, half_points, line_twips, rule_indents, spacer_before, tw,
};
use crate::ir::{self, Align, Block, Inline, VAlign, twips};
use crate::xml::push_escaped;

/// Text as docx-rs writes it: XML specials escaped, line feeds and carriage returns dropped.
fn push_text(out: &mut String, text: &str) {
    for ch in text.chars() {
        if ch != '\n' && ch != '\r' {
            push_escaped(out, ch);
        }
    }
}

/// Run properties: the document font on all four slots, then the marks in schema order.
fn run_props(out: &mut String, ctx: &Ctx, size: f32, r: Option<&ir::Run>) {
    let f = &ctx.font_xml;
    let _ = write!(
        out,
        r#"<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}" />"#
    );
    if r.is_some_and(|r| r.bold) {
        out.push_str("<w:b /><w:bCs />");
    }
    if r.is_some_and(|r| r.italic) {
        out.push_str("<w:i /><w:iCs />");
    }
    let hp = half_points(size);
    let _ = write!(out, r#"<w:sz w:val="{hp}" /><w:szCs w:val="{hp}" />"#);
    if r.is_some_and(|r| r.underline) {
        out.push_str(r#"<w:u w:val="single" />"#);
    }
    if r.is_some_and(|r| r.superscript) {
        out.push_str(r#"<w:vertAlign w:val="superscript" />"#);
    }
    out.push_str("</w:rPr>");
}

fn open_paragraph(out: &mut String, keep_next: bool) {
    out.push_str(r#"<w:p w14:paraId="00000000"><w:pPr>"#);
    if keep_next {
        out.push_str("<w:keepNext />");
    }
}

fn spacing(out: &mut String, before: f32, after: f32, multiple: f32) {
    let line = line_twips(multiple);
    let _ = write!(
        out,
        r#"<w:spacing w:before="{}" w:after="{}" w:line="{line}" w:lineRule="auto" />"#,
        tw(before),
        tw(after)
    );
}

fn jc(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "both",
    }
}

/// A paragraph border side.
fn border(out: &mut String, side: &str, space: u32, size: usize) {
    let _ = write!(
        out,
        r#"<w:{side} w:val="single" w:space="{space}" w:sz="{size}" w:color="000000" />"#
    );
}

/// [`super::paragraph::paragraph`] for paragraphs without footnotes.
fn paragraph(out: &mut String, p: &ir::Paragraph, keep_next: bool, ctx: &Ctx) {
    open_paragraph(out, keep_next || p.keep_with_next);
    if p.keep_together {
        out.push_str("<w:keepLines />");
    }
    let _ = write!(
        out,
        r#"<w:widowControl w:val="{}" />"#,
        u8::from(p.widow_control)
    );
    if p.framed {
        out.push_str("<w:pBdr>");
        for side in ["top", "left", "bottom", "right"] {
            border(out, side, 2, 6);
        }
        out.push_str("</w:pBdr>");
    }
    spacing(out, p.space_before, p.space_after, p.line_spacing);
    let _ = write!(
        out,
        r#"<w:ind w:left="{}" w:right="{}""#,
        twips(p.left_indent),
        twips(p.right_indent)
    );
    if p.first_line_indent > 0.0 {
        let _ = write!(out, r#" w:firstLine="{}""#, twips(p.first_line_indent));
    } else if p.first_line_indent < 0.0 {
        let _ = write!(out, r#" w:hanging="{}""#, twips(-p.first_line_indent));
    }
    let _ = write!(out, r#" /><w:jc w:val="{}" />"#, jc(p.align));
    if let Some(level) = p.outline_level {
        let _ = write!(out, r#"<w:outlineLvl w:val="{level}" />"#);
    }
    run_props(out, ctx, p.size, None);
    out.push_str("</w:pPr>");
    for inline in &p.runs {
        match inline {
            Inline::Text(r) => {
                out.push_str("<w:r>");
                run_props(out, ctx, r.size.unwrap_or(p.size), Some(r));
                out.push_str(r#"<w:t xml:space="preserve">"#);
                push_text(out, &r.text);
                out.push_str("</w:t></w:r>");
            }
            Inline::LineBreak => {
                out.push_str("<w:r>");
                run_props(out, ctx, p.size, None);
                out.push_str(r#"<w:br w:type="textWrapping" /></w:r>"#);
            }
            // Rows with footnotes are not self-contained (see `table::self_contained`).
            Inline::FootnoteRef(_) => {}
        }
    }
    out.push_str("</w:p>");
}

/// The tiny empty paragraph of rules and spacers, up to its paragraph properties' end.
fn tiny_close(out: &mut String, ctx: &Ctx) {
    run_props(out, ctx, TINY_PT, None);
    out.push_str("</w:pPr></w:p>");
}

/// [`super::paragraph::rule`].
fn rule(out: &mut String, r: &ir::Rule, avail: f32, keep_next: bool, ctx: &Ctx) {
    let (left, right) = rule_indents(r, avail);
    open_paragraph(out, keep_next);
    out.push_str("<w:pBdr>");
    border(out, "bottom", 0, eighths(r.thickness));
    out.push_str("</w:pBdr>");
    spacing(out, r.space_before, r.space_after, 1.0);
    let _ = write!(
        out,
        r#"<w:ind w:left="{}" w:right="{}" /><w:jc w:val="left" />"#,
        twips(left),
        twips(right)
    );
    tiny_close(out, ctx);
}

/// [`super::paragraph::spacer`].
fn spacer(out: &mut String, h: f32, keep_next: bool, ctx: &Ctx) {
    open_paragraph(out, keep_next);
    spacing(out, spacer_before(h), 0.0, 1.0);
    tiny_close(out, ctx);
}

/// The blocks of a cell ([`super::table`]'s `cell_paragraphs`).
fn cell_blocks(out: &mut String, blocks: &[Block], inner: f32, keep_next: bool, ctx: &Ctx) {
    let mut any = false;
    for b in blocks {
        match b {
            Block::Paragraph(p) => paragraph(out, p, keep_next, ctx),
            Block::Rule(r) => rule(out, r, inner, keep_next, ctx),
            Block::Spacer(h) => spacer(out, *h, keep_next, ctx),
            // Not in self-contained rows; tables do not nest; no page breaks in cells.
            Block::Image(_) | Block::Table(_) | Block::PageBreak => continue,
        }
        any = true;
    }
    if !any {
        spacer(out, 0.0, keep_next, ctx);
    }
}

/// What a grid slot of a row holds (see [`super::table`]).
pub(crate) enum CellXml<'a> {
    Cell {
        cell: &'a ir::Cell,
        inner: f32,
        vmerge_restart: bool,
    },
    Continue(VAlign),
    Filler,
}

fn valign(v: VAlign) -> &'static str {
    match v {
        VAlign::Top => "top",
        VAlign::Center => "center",
        VAlign::Bottom => "bottom",
    }
}

/// One cell of `width` points spanning `span` grid columns.
pub(crate) fn cell(
    out: &mut String,
    slot: CellXml,
    width: f32,
    span: usize,
    layout: bool,
    keep_next: bool,
    ctx: &Ctx,
) {
    let _ = write!(
        out,
        r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa" />"#,
        tw(width)
    );
    if span > 1 {
        let _ = write!(out, r#"<w:gridSpan w:val="{span}" />"#);
    }
    match slot {
        CellXml::Cell {
            vmerge_restart: true,
            ..
        } => out.push_str(r#"<w:vMerge w:val="restart" />"#),
        CellXml::Continue(_) => out.push_str(r#"<w:vMerge w:val="continue" />"#),
        _ => {}
    }
    if layout {
        out.push_str("<w:tcBorders>");
        for side in ["top", "left", "bottom", "right"] {
            let _ = write!(
                out,
                r#"<w:{side} w:val="nil" w:sz="2" w:space="0" w:color="000000" />"#
            );
        }
        out.push_str("</w:tcBorders>");
    }
    match slot {
        CellXml::Cell { cell, inner, .. } => {
            let _ = write!(
                out,
                r#"<w:vAlign w:val="{}" /></w:tcPr>"#,
                valign(cell.valign)
            );
            cell_blocks(out, &cell.blocks, inner, keep_next, ctx);
        }
        CellXml::Continue(v) => {
            let _ = write!(out, r#"<w:vAlign w:val="{}" /></w:tcPr>"#, valign(v));
            spacer(out, 0.0, false, ctx);
        }
        CellXml::Filler => {
            out.push_str("</w:tcPr>");
            spacer(out, 0.0, false, ctx);
        }
    }
    out.push_str("</w:tc>");
}

/// The start of a row.
pub(crate) fn open_row(out: &mut String, cant_split: bool) {
    out.push_str(if cant_split {
        "<w:tr><w:trPr><w:cantSplit /></w:trPr>"
    } else {
        "<w:tr><w:trPr />"
    });
}
