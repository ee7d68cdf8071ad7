//! Tables: fixed grid, borders or none, merged cells, repeated header rows.

use std::fmt::Write as _;

use super::body::Doc;
use super::paragraph;
use super::writer::eighths;
use crate::ir::{self, Align, Block, VAlign, round_to};

/// Points to twips (`dxa`) of a width.
fn dxa(pt: f32) -> usize {
    round_to::<usize>(pt * 20.0, "twip")
}

fn valign(v: VAlign) -> &'static str {
    match v {
        VAlign::Top => "top",
        VAlign::Center => "center",
        VAlign::Bottom => "bottom",
    }
}

/// One grid slot of a row as emitted: a real cell, the continuation of a vertical merge from
/// above, or an empty filler for a row with too few cells.
enum Slot<'a> {
    Cell(&'a ir::Cell, ir::GridCell),
    Continue { colspan: usize, valign: VAlign },
    Filler,
}

/// The rows of one table, each written once; a row's slots are taken when it is written.
struct Rows<'a> {
    t: &'a ir::Table,
    slots: Vec<Vec<Option<Slot<'a>>>>,
    /// Rows a merged cell joins to the next one, and group rows: the layout keeps them with
    /// the next row, and so must Word and LibreOffice (keep-with-next on their paragraphs).
    joined: Vec<bool>,
}

impl<'a> Rows<'a> {
    fn new(t: &'a ir::Table) -> Self {
        let ncols = t.columns.len();
        let grid = ir::grid(t);
        let mut joined = vec![false; t.rows.len()];
        // Slots of each row, by starting column.
        let mut slots: Vec<Vec<Option<Slot>>> = (0..t.rows.len())
            .map(|_| (0..ncols).map(|_| None).collect())
            .collect();
        for row in &grid {
            for g in row {
                let cell = t.cell(g);
                for below in slots.iter_mut().skip(g.row + 1).take(g.rowspan - 1) {
                    below[g.col] = Some(Slot::Continue {
                        colspan: g.colspan,
                        valign: cell.valign,
                    });
                }
                slots[g.row][g.col] = Some(Slot::Cell(cell, *g));
                if g.row >= t.header_rows && t.rows[g.row].kind == ir::RowKind::Group {
                    joined[g.row] = true;
                }
                // Header rows repeat as one block already.
                if g.row >= t.header_rows {
                    for j in &mut joined[g.row..g.row + g.rowspan - 1] {
                        *j = true;
                    }
                }
            }
        }
        Rows { t, slots, joined }
    }

    /// The slots of row `r` (taken: each row is written once) with the grid column each
    /// starts at and how many columns it spans.
    fn take_slots(&mut self, r: usize) -> Vec<(Slot<'a>, usize, usize)> {
        let ncols = self.t.columns.len();
        let mut out = Vec::new();
        let mut col = 0;
        let mut row_slots = std::mem::take(&mut self.slots[r])
            .into_iter()
            .map(|s| s.unwrap_or(Slot::Filler));
        while col < ncols {
            let slot = row_slots.next().unwrap_or(Slot::Filler);
            let span = match &slot {
                Slot::Cell(_, g) => g.colspan,
                Slot::Continue { colspan, .. } => *colspan,
                Slot::Filler => 1,
            };
            // Skip the grid slots this cell spans.
            for _ in 1..span {
                row_slots.next();
            }
            out.push((slot, col, span));
            col += span;
        }
        out
    }

    fn span_width(&self, col: usize, span: usize) -> f32 {
        self.t.columns[col..col + span].iter().sum()
    }

    /// Row `r`; a header row repeats on each page.
    fn row(&mut self, doc: &mut Doc<'a>, r: usize, header: bool) {
        let t = self.t;
        let cant_split = t.rows[r].cant_split || t.keep_with_previous;
        doc.part.push(match (header, cant_split) {
            (true, true) => "<w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>",
            (true, false) => "<w:tr><w:trPr><w:tblHeader /></w:trPr>",
            (false, true) => "<w:tr><w:trPr><w:cantSplit /></w:trPr>",
            (false, false) => "<w:tr><w:trPr />",
        });
        // The signature block's paragraphs keep with the next row.
        let keep_next = (t.keep_with_previous || self.joined[r]) && r + 1 < t.rows.len();
        for (slot, col, span) in self.take_slots(r) {
            let width = self.span_width(col, span);
            self.cell(doc, slot, width, span, keep_next);
        }
        doc.part.push("</w:tr>");
    }

    /// One cell of `width` points spanning `span` grid columns.
    fn cell(&self, doc: &mut Doc<'a>, slot: Slot<'a>, width: f32, span: usize, keep_next: bool) {
        let out = &mut doc.part.out;
        let _ = write!(
            out,
            r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa" />"#,
            dxa(width)
        );
        if span > 1 {
            let _ = write!(out, r#"<w:gridSpan w:val="{span}" />"#);
        }
        match &slot {
            Slot::Cell(_, g) if g.rowspan > 1 => out.push_str(r#"<w:vMerge w:val="restart" />"#),
            Slot::Continue { .. } => out.push_str(r#"<w:vMerge w:val="continue" />"#),
            _ => {}
        }
        if !self.t.borders {
            // Layout tables must not show Word's default grid.
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
            Slot::Cell(cell, g) => {
                let _ = write!(
                    out,
                    r#"<w:vAlign w:val="{}" /></w:tcPr>"#,
                    valign(cell.valign)
                );
                let inner = self.span_width(g.col, g.colspan) - 2.0 * self.t.cell_padding_x;
                cell_blocks(doc, &cell.blocks, inner, keep_next);
            }
            Slot::Continue { valign: v, .. } => {
                let _ = write!(out, r#"<w:vAlign w:val="{}" /></w:tcPr>"#, valign(v));
                paragraph::spacer(&mut doc.part, 0.0, false);
            }
            Slot::Filler => {
                out.push_str("</w:tcPr>");
                paragraph::spacer(&mut doc.part, 0.0, false);
            }
        }
        doc.part.push("</w:tc>");
    }
}

/// The blocks of a cell; a cell holds at least one paragraph.
fn cell_blocks<'a>(doc: &mut Doc<'a>, blocks: &'a [Block], inner: f32, keep_next: bool) {
    let mut any = false;
    for b in blocks {
        match b {
            Block::Paragraph(p) => paragraph::paragraph(doc, p, keep_next, false),
            Block::Rule(r) => paragraph::rule(&mut doc.part, r, inner, keep_next),
            Block::Spacer(h) => paragraph::spacer(&mut doc.part, *h, keep_next),
            Block::Image(img) => paragraph::image(doc, img, keep_next),
            // Tables do not nest and page breaks make no sense in a cell.
            Block::Table(_) | Block::PageBreak => continue,
        }
        any = true;
    }
    if !any {
        paragraph::spacer(&mut doc.part, 0.0, keep_next);
    }
}

/// The table properties: width, alignment, borders, fixed layout, cell margins.
fn table_props(out: &mut String, t: &ir::Table) {
    let align = match t.align {
        Align::Center => "center",
        Align::Right => "right",
        Align::Left | Align::Justify => "left",
    };
    let _ = write!(
        out,
        r#"<w:tblPr><w:tblW w:w="{}" w:type="dxa" /><w:jc w:val="{align}" /><w:tblBorders>"#,
        dxa(t.width())
    );
    let (val, sz) = if t.borders {
        ("single", eighths(t.border_width))
    } else {
        ("nil", 2)
    };
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            r#"<w:{side} w:val="{val}" w:sz="{sz}" w:space="0" w:color="000000" />"#
        );
    }
    let (x, y) = (dxa(t.cell_padding_x), dxa(t.cell_padding_y));
    let _ = write!(
        out,
        concat!(
            r#"</w:tblBorders><w:tblLayout w:type="fixed" /><w:tblCellMar>"#,
            r#"<w:top w:w="{y}" w:type="dxa" /><w:left w:w="{x}" w:type="dxa" />"#,
            r#"<w:bottom w:w="{y}" w:type="dxa" /><w:right w:w="{x}" w:type="dxa" />"#,
            r#"</w:tblCellMar></w:tblPr>"#
        ),
        x = x,
        y = y
    );
}

pub(crate) fn table<'a>(doc: &mut Doc<'a>, t: &'a ir::Table) {
    let out = &mut doc.part.out;
    out.push_str("<w:tbl>");
    table_props(out, t);
    out.push_str("<w:tblGrid>");
    for c in &t.columns {
        let _ = write!(out, r#"<w:gridCol w:w="{}" />"#, dxa(*c));
    }
    out.push_str("</w:tblGrid>");
    let header_rows = t.header_rows.min(t.rows.len());
    let mut rows = Rows::new(t);
    for r in 0..t.rows.len() {
        rows.row(doc, r, r < header_rows);
    }
    doc.part.push("</w:tbl>");
}
