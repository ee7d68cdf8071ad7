//! Tables: fixed grid, borders or none, merged cells, repeated header rows.

use docx_rs::{
    BorderType, TableAlignmentType, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellBorderPosition, TableCellBorders, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

use std::ops::Range;

#[cfg(test)]
use super::order;
use super::{Ctx, paragraph, row_xml};
use crate::ir::{self, Align, Block, Inline, VAlign, round_to};

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
    round_to::<usize>(pt * 20.0, "twip")
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

    /// The slots of row `r` (taken: each row is built once) with the grid column each
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

    /// Whether row `r`'s paragraphs keep with the next row (the signature block).
    fn keep_next(&self, r: usize) -> bool {
        self.t.keep_with_previous && r + 1 < self.t.rows.len()
    }

    fn cant_split(&self, r: usize) -> bool {
        self.t.rows[r].cant_split || self.t.keep_with_previous
    }

    /// Row `r` (built once) as docx-rs elements.
    fn row(&mut self, r: usize, ctx: &mut Ctx) -> TableRow {
        let t = self.t;
        let layout = !t.borders;
        let keep_next = self.keep_next(r);
        let mut cells = Vec::new();
        for (slot, col, span) in self.take_slots(r) {
            let mut cell = match slot {
                Slot::Cell(c, g) => {
                    let inner = self.span_width(g.col, g.colspan) - 2.0 * t.cell_padding_x;
                    let mut cell = TableCell::new().vertical_align(valign(c.valign));
                    for p in cell_paragraphs(&c.blocks, inner, keep_next, ctx) {
                        cell = cell.add_paragraph(p);
                    }
                    if g.rowspan > 1 {
                        cell = cell.vertical_merge(VMergeType::Restart);
                    }
                    cell
                }
                Slot::Continue { valign: v, .. } => TableCell::new()
                    .vertical_align(valign(v))
                    .vertical_merge(VMergeType::Continue)
                    .add_paragraph(paragraph::spacer(0.0, ctx)),
                Slot::Filler => TableCell::new().add_paragraph(paragraph::spacer(0.0, ctx)),
            };
            if span > 1 {
                cell = cell.grid_span(span);
            }
            cell = cell.width(tw(self.span_width(col, span)), WidthType::Dxa);
            if layout {
                cell = cell.set_borders(no_cell_borders());
            }
            cells.push(cell);
        }
        let mut row = TableRow::new(cells);
        if self.cant_split(r) {
            row = row.cant_split();
        }
        row
    }

    /// The XML of row `r` (built once), which must be self-contained (no images or
    /// footnotes), written directly ([`row_xml`]).
    pub(crate) fn xml(&mut self, r: usize, ctx: &Ctx) -> String {
        let t = self.t;
        let keep_next = self.keep_next(r);
        let mut out = String::with_capacity(2048);
        row_xml::open_row(&mut out, self.cant_split(r));
        for (slot, col, span) in self.take_slots(r) {
            let slot = match slot {
                Slot::Cell(cell, g) => row_xml::CellXml::Cell {
                    cell,
                    inner: self.span_width(g.col, g.colspan) - 2.0 * t.cell_padding_x,
                    vmerge_restart: g.rowspan > 1,
                },
                Slot::Continue { valign, .. } => row_xml::CellXml::Continue(valign),
                Slot::Filler => row_xml::CellXml::Filler,
            };
            let width = self.span_width(col, span);
            row_xml::cell(&mut out, slot, width, span, !t.borders, keep_next, ctx);
        }
        out.push_str("</w:tr>");
        out
    }

    /// Row `r` through docx-rs, in schema order (what [`Rows::xml`] must equal).
    #[cfg(test)]
    fn docx_rs_xml(&mut self, r: usize, ctx: &mut Ctx) -> String {
        use docx_rs::BuildXML;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Cell, Inline, Paragraph, Row, RowKind, Rule, Run, Table};

    /// Paragraph ids are numbered later, through the whole part.
    fn without_para_ids(xml: &str) -> String {
        let mut out = String::new();
        super::super::package::renumber_values(
            xml,
            super::super::package::PARA_ID_KEY,
            &mut 0,
            &mut out,
            |_, _| {},
        );
        out
    }

    fn cells() -> Vec<Cell> {
        let mut p1 = Paragraph::new(13.0);
        p1.runs = vec![
            Inline::Text(Run {
                text: "A & <b> \"q\" 'a'\nz\r".into(),
                bold: true,
                italic: true,
                underline: true,
                superscript: true,
                size: Some(12.0),
            }),
            Inline::LineBreak,
            Inline::Text(Run::plain(" Tổng số ")),
            Inline::Text(Run {
                text: String::new(),
                italic: true,
                ..Run::default()
            }),
        ];
        p1.align = Align::Justify;
        p1.first_line_indent = 10.0;
        p1.left_indent = 3.0;
        p1.right_indent = 2.5;
        p1.space_before = 6.0;
        p1.space_after = 3.0;
        p1.line_spacing = 1.15;
        p1.keep_with_next = true;
        p1.keep_together = true;
        p1.widow_control = false;
        p1.framed = true;
        p1.outline_level = Some(1);
        let mut p2 = Paragraph::new(12.0);
        p2.runs = vec![Inline::Text(Run::plain("12,5"))];
        p2.first_line_indent = -5.0;
        p2.left_indent = -1.0;
        p2.align = Align::Right;
        let mut p3 = p2.clone();
        p3.align = Align::Center;
        p3.line_spacing = 0.2;
        let rule = |align| {
            Block::Rule(Rule {
                width: 50.0,
                align,
                thickness: 0.5,
                space_before: 1.0,
                space_after: 2.0,
            })
        };
        let mut c1 = Cell::new(vec![
            Block::Paragraph(p1),
            rule(Align::Center),
            rule(Align::Right),
            rule(Align::Left),
            Block::Spacer(4.0),
            Block::Spacer(0.5),
        ]);
        c1.rowspan = 2;
        c1.valign = VAlign::Center;
        let mut c2 = Cell::new(vec![Block::Paragraph(p2), Block::Paragraph(p3)]);
        c2.colspan = 2;
        c2.valign = VAlign::Bottom;
        vec![c1, c2, Cell::new(vec![])]
    }

    #[test]
    fn direct_rows_equal_docx_rs_rows() {
        let c = cells();
        for borders in [true, false] {
            for keep_with_previous in [false, true] {
                for cant_split in [false, true] {
                    let t = Table {
                        columns: vec![80.0, 40.0, 50.0, 20.0],
                        rows: vec![
                            Row {
                                kind: RowKind::Body,
                                cells: c.clone(),
                                cant_split,
                            },
                            Row {
                                kind: RowKind::Body,
                                cells: vec![c[2].clone()],
                                cant_split,
                            },
                            Row {
                                kind: RowKind::Total,
                                cells: vec![c[1].clone(), c[0].clone()],
                                cant_split,
                            },
                        ],
                        header_rows: 0,
                        borders,
                        border_width: 0.5,
                        cell_padding_x: 5.0,
                        cell_padding_y: 1.0,
                        align: Align::Center,
                        keep_with_previous,
                    };
                    let mut ctx = Ctx {
                        font: "Times New Roman".into(),
                        font_xml: "Times New Roman".into(),
                        footnote_size: 12.0,
                        ..Ctx::default()
                    };
                    let (mut direct, mut reference) = (Rows::new(&t), Rows::new(&t));
                    for r in 0..t.rows.len() {
                        assert!(self_contained(&t.rows[r]));
                        let want = without_para_ids(&reference.docx_rs_xml(r, &mut ctx));
                        let got = without_para_ids(&direct.xml(r, &ctx));
                        assert_eq!(got, want, "row {r}, borders {borders}");
                    }
                }
            }
        }
    }
}
