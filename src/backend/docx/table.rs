//! Tables: fixed grid, borders or none, merged cells, repeated header rows.

use docx_rs::{
    BorderType, BuildXML, TableAlignmentType, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellBorderPosition, TableCellBorders, TableCellMargins, TableLayoutType,
    TableRow, VAlignType, VMergeType, WidthType,
};

use std::ops::Range;

use super::{Ctx, order, paragraph};
use crate::ir::{self, Align, Block, Inline, VAlign, twips};

/// Text of the one paragraph of a placeholder row. Such a row stands for a range of body
/// rows ([`TableMeta::deferred`]) whose XML `package` writes in place of the whole
/// placeholder row. Private-use characters so it can never be real text.
pub(crate) const ROWS_MARKER: &str = "\u{E001}vanban-rows\u{E001}";

/// Whether a row's XML can be written on its own, outside docx-rs's tree: docx-rs has to see images
/// (media parts, relationships) and footnotes (footnotes.xml) in the document tree.
fn self_contained(row: &ir::Row) -> bool {
    fn plain(blocks: &[Block]) -> bool {
        blocks.iter().all(|b| match b {
            Block::Paragraph(p) => !p.runs.iter().any(|r| matches!(r, Inline::FootnoteRef(_))),
            Block::Image(_) | Block::Table(_) => false,
            Block::Rule(_) | Block::Spacer(_) | Block::PageBreak => true,
        })
    }
    row.cells.iter().all(|c| plain(&c.blocks))
}

fn placeholder_row() -> TableRow {
    TableRow::new(vec![TableCell::new().add_paragraph(
        docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(ROWS_MARKER)),
    )])
}

/// What the post-processing needs to know about an emitted table (docx-rs cannot write
/// `w:tblHeader`).
#[derive(Debug, Clone)]
pub(crate) struct TableMeta {
    /// The first `header_rows` rows repeat on each page.
    pub header_rows: usize,
    /// Rows left out of docx-rs's tree, one range per placeholder row (see [`ROWS_MARKER`]).
    pub deferred: Vec<Range<usize>>,
}

fn tw(pt: f32) -> usize {
    twips(pt).max(0) as usize
}

fn valign(v: VAlign) -> VAlignType {
    match v {
        VAlign::Top => VAlignType::Top,
        VAlign::Center => VAlignType::Center,
        VAlign::Bottom => VAlignType::Bottom,
    }
}

/// No lines on any side of a cell (layout tables must not show Word's default grid).
fn no_cell_borders() -> TableCellBorders {
    TableCellBorders::with_empty()
        .clear(TableCellBorderPosition::Top)
        .clear(TableCellBorderPosition::Left)
        .clear(TableCellBorderPosition::Bottom)
        .clear(TableCellBorderPosition::Right)
}

fn table_borders(t: &ir::Table) -> TableBorders {
    if !t.borders {
        return TableBorders::with_empty().clear_all();
    }
    let sz = paragraph::eighths(t.border_width);
    let mut b = TableBorders::with_empty();
    for pos in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        b = b.set(
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(sz)
                .color("000000"),
        );
    }
    b
}

/// One grid slot of a row as emitted: a real cell, the continuation of a vertical merge from
/// above, or an empty filler for a row with too few cells.
enum Slot<'a> {
    Cell(&'a ir::Cell, ir::GridCell),
    Continue { colspan: usize, valign: VAlign },
    Filler,
}

fn cell_paragraphs(
    blocks: &[Block],
    inner: f32,
    keep_next: bool,
    ctx: &mut Ctx,
) -> Vec<docx_rs::Paragraph> {
    let mut out = Vec::new();
    for b in blocks {
        let p = match b {
            Block::Paragraph(p) => paragraph::paragraph(p, ctx),
            Block::Rule(r) => paragraph::rule(r, inner, ctx),
            Block::Spacer(h) => paragraph::spacer(*h, ctx),
            Block::Image(img) => paragraph::image(img, ctx),
            // Tables do not nest and page breaks make no sense in a cell.
            Block::Table(_) | Block::PageBreak => continue,
        };
        out.push(p);
    }
    if out.is_empty() {
        out.push(paragraph::spacer(0.0, ctx));
    }
    if keep_next {
        out = out.into_iter().map(|p| p.keep_next(true)).collect();
    }
    out
}

/// Builds the rows of one table. Each row's slots are taken when the row is built.
pub(crate) struct Rows<'a> {
    t: &'a ir::Table,
    slots: Vec<Vec<Option<Slot<'a>>>>,
}

impl<'a> Rows<'a> {
    pub(crate) fn new(t: &'a ir::Table) -> Self {
        let ncols = t.columns.len();
        let grid = ir::grid(t);
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
            }
        }
        Rows { t, slots }
    }

    /// Row `r` (built once).
    fn row(&mut self, r: usize, ctx: &mut Ctx) -> TableRow {
        let t = self.t;
        let ncols = t.columns.len();
        let nrows = t.rows.len();
        let span_width =
            |col: usize, span: usize| -> f32 { t.columns[col..col + span].iter().sum() };
        let layout = !t.borders;
        let keep_next = t.keep_with_previous && r + 1 < nrows;
        let mut cells = Vec::new();
        let mut col = 0;
        let mut row_slots = std::mem::take(&mut self.slots[r])
            .into_iter()
            .map(|s| s.unwrap_or(Slot::Filler));
        while col < ncols {
            let slot = row_slots.next().unwrap_or(Slot::Filler);
            let (mut cell, span) = match slot {
                Slot::Cell(c, g) => {
                    let inner = span_width(g.col, g.colspan) - 2.0 * t.cell_padding_x;
                    let mut cell = TableCell::new().vertical_align(valign(c.valign));
                    for p in cell_paragraphs(&c.blocks, inner, keep_next, ctx) {
                        cell = cell.add_paragraph(p);
                    }
                    if g.rowspan > 1 {
                        cell = cell.vertical_merge(VMergeType::Restart);
                    }
                    (cell, g.colspan)
                }
                Slot::Continue { colspan, valign: v } => {
                    let cell = TableCell::new()
                        .vertical_align(valign(v))
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(paragraph::spacer(0.0, ctx));
                    (cell, colspan)
                }
                Slot::Filler => (
                    TableCell::new().add_paragraph(paragraph::spacer(0.0, ctx)),
                    1,
                ),
            };
            if span > 1 {
                cell = cell.grid_span(span);
            }
            cell = cell.width(tw(span_width(col, span)), WidthType::Dxa);
            if layout {
                cell = cell.set_borders(no_cell_borders());
            }
            cells.push(cell);
            // Skip the grid slots this cell spans.
            for _ in 1..span {
                row_slots.next();
            }
            col += span;
        }
        let mut row = TableRow::new(cells);
        if t.rows[r].cant_split || t.keep_with_previous {
            row = row.cant_split();
        }
        row
    }

    /// The XML of row `r` (built once), children of property elements in schema order.
    pub(crate) fn xml(&mut self, r: usize, ctx: &mut Ctx) -> String {
        let xml = String::from_utf8(self.row(r, ctx).build()).expect("docx-rs writes UTF-8");
        order::canonicalize(xml)
    }
}

pub(crate) fn table(t: &ir::Table, ctx: &mut Ctx) -> docx_rs::Table {
    let nrows = t.rows.len();
    let header_rows = t.header_rows.min(nrows);
    let mut builder = Rows::new(t);
    let mut rows = Vec::with_capacity(nrows);
    // Body rows without images or footnotes are built only when document.xml is assembled
    // (`package`), one at a time, so that docx-rs's large per-cell structures for a long
    // table are never all alive at once. A placeholder row stands for each run of them.
    let mut deferred: Vec<Range<usize>> = Vec::new();
    for r in 0..nrows {
        if r >= header_rows && self_contained(&t.rows[r]) {
            match deferred.last_mut() {
                Some(d) if d.end == r => d.end = r + 1,
                _ => {
                    deferred.push(r..r + 1);
                    rows.push(placeholder_row());
                }
            }
        } else {
            rows.push(builder.row(r, ctx));
        }
    }

    ctx.tables.push(TableMeta {
        header_rows,
        deferred,
    });

    let align = match t.align {
        Align::Center => TableAlignmentType::Center,
        Align::Right => TableAlignmentType::Right,
        Align::Left | Align::Justify => TableAlignmentType::Left,
    };
    let pad_x = tw(t.cell_padding_x);
    let pad_y = tw(t.cell_padding_y);
    docx_rs::Table::without_borders(rows)
        .set_grid(t.columns.iter().map(|c| tw(*c)).collect())
        .layout(TableLayoutType::Fixed)
        .width(tw(t.width()), WidthType::Dxa)
        .align(align)
        .margins(TableCellMargins::new().margin(pad_y, pad_x, pad_y, pad_x))
        .set_borders(table_borders(t))
}
