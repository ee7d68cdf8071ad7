//! Tables: cell contents, row heights (content + padding, rowspans stretch their last
//! row), borders, vertical alignment. Rows linked by a rowspan, and a group row with the
//! row after it, form one unit that pagination moves as a whole.

use super::Item;
use super::paragraph::layout_paragraph;
use crate::fonts::FontSet;
use crate::ir;

/// A vertical slice of content: a line, a spacing, a rule, an image. Items are relative to
/// the slab's top-left corner at the container's left edge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Slab {
    pub height: f32,
    pub items: Vec<Item>,
    pub footnotes: Vec<ir::Footnote>,
}

/// Lay out the blocks of a cell (or any container without pagination) as slabs.
pub fn layout_blocks(blocks: &[ir::Block], width: f32, fonts: &FontSet) -> Vec<Slab> {
    let mut out = Vec::new();
    let gap = |h: f32| Slab {
        height: h,
        ..Slab::default()
    };
    let before = super::collapsed_before(blocks);
    for (b, before) in blocks.iter().zip(before) {
        match b {
            ir::Block::Paragraph(p) => {
                let pb = layout_paragraph(&super::with_before(p, before), width, fonts);
                if pb.space_before > 0.0 {
                    out.push(gap(pb.space_before));
                }
                for l in pb.lines {
                    out.push(Slab {
                        height: l.height,
                        items: l.items,
                        footnotes: l.footnotes,
                    });
                }
                if pb.space_after > 0.0 {
                    out.push(gap(pb.space_after));
                }
            }
            ir::Block::Rule(r) => out.push(rule_slab(&super::rule_with_before(r, before), width)),
            ir::Block::Image(img) => out.push(image_slab(img, width)),
            ir::Block::Spacer(h) => out.push(gap(*h)),
            // Tables do not nest and page breaks mean nothing inside a cell.
            ir::Block::Table(_) | ir::Block::PageBreak => {}
        }
    }
    out
}

fn aligned_x(align: ir::Align, container: f32, w: f32) -> f32 {
    match align {
        ir::Align::Center => (container - w) / 2.0,
        ir::Align::Right => container - w,
        _ => 0.0,
    }
}

pub fn rule_slab(r: &ir::Rule, width: f32) -> Slab {
    Slab {
        height: r.space_before + ir::RULE_CARRIER + r.thickness + r.space_after,
        items: vec![Item::Rect {
            x: aligned_x(r.align, width, r.width),
            y: r.space_before + ir::RULE_CARRIER,
            w: r.width,
            h: r.thickness,
        }],
        footnotes: Vec::new(),
    }
}

pub fn image_slab(img: &ir::Image, width: f32) -> Slab {
    Slab {
        height: img.height,
        items: vec![Item::Image {
            data: std::sync::Arc::new(img.data.clone()),
            x: aligned_x(img.align, width, img.width),
            y: 0.0,
            w: img.width,
            h: img.height,
        }],
        footnotes: Vec::new(),
    }
}

/// A cell placed in its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct CellBox {
    /// Left edge relative to the table's left edge, and width.
    pub x: f32,
    pub w: f32,
    /// First row (relative to the unit) and number of rows covered.
    pub row: usize,
    pub rowspan: usize,
    pub valign: ir::VAlign,
    pub slabs: Vec<Slab>,
}

impl CellBox {
    fn content_height(&self) -> f32 {
        self.slabs.iter().map(|s| s.height).sum()
    }
}

/// Rows that must stay together: one row, or rows joined by a rowspan.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitBox {
    pub row_heights: Vec<f32>,
    pub cells: Vec<CellBox>,
    pub pad_x: f32,
    pub pad_y: f32,
    /// Border thickness; `None` for borderless layout tables.
    pub border: Option<f32>,
}

impl UnitBox {
    pub fn height(&self) -> f32 {
        self.row_heights.iter().sum()
    }

    pub fn footnotes(&self) -> Vec<ir::Footnote> {
        self.cells
            .iter()
            .flat_map(|c| c.slabs.iter().flat_map(|s| s.footnotes.iter().cloned()))
            .collect()
    }

    /// Hand each item of the unit, with its top-left corner at (x0, y0), to `emit`.
    pub fn render_each(&self, x0: f32, y0: f32, mut emit: impl FnMut(Item)) {
        let mut tops = Vec::with_capacity(self.row_heights.len() + 1);
        let mut y = 0.0;
        for h in &self.row_heights {
            tops.push(y);
            y += h;
        }
        tops.push(y);
        for c in &self.cells {
            let top = tops[c.row];
            let bottom = tops[(c.row + c.rowspan).min(self.row_heights.len())];
            let h = bottom - top;
            let free = h - 2.0 * self.pad_y - c.content_height();
            let offset = match c.valign {
                ir::VAlign::Top => 0.0,
                ir::VAlign::Center => free.max(0.0) / 2.0,
                ir::VAlign::Bottom => free.max(0.0),
            };
            let mut sy = y0 + top + self.pad_y + offset;
            for s in &c.slabs {
                for it in &s.items {
                    emit(it.shifted(x0 + c.x + self.pad_x, sy));
                }
                sy += s.height;
            }
            if let Some(t) = self.border {
                let (x, y) = (x0 + c.x, y0 + top);
                let half = t / 2.0;
                emit(Item::Rect {
                    x: x - half,
                    y: y - half,
                    w: c.w + t,
                    h: t,
                });
                emit(Item::Rect {
                    x: x - half,
                    y: y + h - half,
                    w: c.w + t,
                    h: t,
                });
                emit(Item::Rect {
                    x: x - half,
                    y: y - half,
                    w: t,
                    h: h + t,
                });
                emit(Item::Rect {
                    x: x + c.w - half,
                    y: y - half,
                    w: t,
                    h: h + t,
                });
            }
        }
    }

    /// Split a unit taller than the space left (`avail`) between lines: each cell keeps
    /// the slabs that fit, the rest continue in the second part. Only single-row units
    /// split; `None` when nothing would fit in the first part.
    pub fn split(&self, avail: f32) -> Option<(UnitBox, UnitBox)> {
        if self.row_heights.len() != 1 {
            return None;
        }
        let room = avail - 2.0 * self.pad_y;
        let mut first = self.clone();
        let mut rest = self.clone();
        let mut moved_any = false;
        let mut kept_any = false;
        for (i, c) in self.cells.iter().enumerate() {
            let mut used = 0.0;
            let mut k = 0;
            while k < c.slabs.len() && used + c.slabs[k].height <= room + 0.01 {
                used += c.slabs[k].height;
                k += 1;
            }
            kept_any |= k > 0;
            moved_any |= k < c.slabs.len();
            first.cells[i].slabs = c.slabs[..k].to_vec();
            first.cells[i].valign = ir::VAlign::Top;
            rest.cells[i].slabs = c.slabs[k..].to_vec();
            rest.cells[i].valign = ir::VAlign::Top;
        }
        if !kept_any || !moved_any {
            return None;
        }
        first.row_heights = vec![avail];
        let rest_h = rest
            .cells
            .iter()
            .map(|c| c.content_height())
            .fold(0.0, f32::max);
        rest.row_heights = vec![rest_h + 2.0 * self.pad_y];
        Some((first, rest))
    }
}

/// A laid-out table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBox {
    /// Offset of the table's left edge in its container (table alignment).
    pub x: f32,
    /// The repeated header rows, as one unit.
    pub header: Option<UnitBox>,
    pub units: Vec<UnitBox>,
    pub keep_with_previous: bool,
}

impl TableBox {
    pub fn header_height(&self) -> f32 {
        self.header.as_ref().map_or(0.0, |h| h.height())
    }

    pub fn height(&self) -> f32 {
        self.header_height() + self.units.iter().map(|u| u.height()).sum::<f32>()
    }
}

pub fn layout_table(t: &ir::Table, container: f32, fonts: &FontSet) -> TableBox {
    let grid = ir::grid(t);
    let nrows = t.rows.len();
    let mut col_x = Vec::with_capacity(t.columns.len() + 1);
    let mut x = 0.0;
    for w in &t.columns {
        col_x.push(x);
        x += w;
    }
    col_x.push(x);
    let header_rows = t.header_rows.min(nrows);

    // Lay out every cell; clip rowspans at the header/body boundary so the header stays a
    // unit of its own.
    struct Placed {
        row: usize,
        rowspan: usize,
        cell: CellBox,
    }
    let mut placed = Vec::new();
    for row in &grid {
        for g in row {
            let cell = t.cell(g);
            let w = col_x[g.col + g.colspan] - col_x[g.col];
            let mut rowspan = g.rowspan;
            if g.row < header_rows {
                rowspan = rowspan.min(header_rows - g.row);
            }
            let slabs = layout_blocks(&cell.blocks, (w - 2.0 * t.cell_padding_x).max(1.0), fonts);
            placed.push(Placed {
                row: g.row,
                rowspan,
                cell: CellBox {
                    x: col_x[g.col],
                    w,
                    row: 0,
                    rowspan,
                    valign: cell.valign,
                    slabs,
                },
            });
        }
    }

    // Row heights: content + vertical padding; a rowspan too tall for its rows stretches
    // the last row it covers. As in LibreOffice and Word, a cell's top and bottom borders
    // take room inside the row (one border width per row), so they count like padding.
    let pad_y = t.cell_padding_y + if t.borders { t.border_width / 2.0 } else { 0.0 };
    let mut heights = vec![0.0f32; nrows];
    for p in placed.iter().filter(|p| p.rowspan == 1) {
        heights[p.row] = heights[p.row].max(p.cell.content_height() + 2.0 * pad_y);
    }
    for p in placed.iter().filter(|p| p.rowspan > 1) {
        let need = p.cell.content_height() + 2.0 * pad_y;
        let have: f32 = heights[p.row..p.row + p.rowspan].iter().sum();
        if need > have {
            heights[p.row + p.rowspan - 1] += need - have;
        }
    }

    // Units: the header, then maximal row groups no rowspan crosses.
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut reach = 0;
    // `placed` is in row order, so one cursor walks it alongside the rows.
    let mut next = 0;
    for r in 0..nrows {
        if r == header_rows && start < header_rows {
            bounds.push((start, r));
            start = r;
        }
        while next < placed.len() && placed[next].row == r {
            reach = reach.max(r + placed[next].rowspan);
            next += 1;
        }
        // A group row is never left alone at the foot of a page: it joins the next row.
        if r >= header_rows && t.rows[r].kind == ir::RowKind::Group && r + 1 < nrows {
            reach = reach.max(r + 2);
        }
        if reach <= r + 1 && r + 1 > header_rows {
            bounds.push((start, r + 1));
            start = r + 1;
        }
    }
    if start < nrows {
        bounds.push((start, nrows));
    }
    let border = t.borders.then_some(t.border_width);
    // The bounds partition the rows in order and `placed` is in row order, so each unit
    // takes the next run of cells: moved, not copied, in linear time.
    let mut placed = placed.into_iter().peekable();
    let mut units: Vec<UnitBox> = bounds
        .iter()
        .map(|&(a, b)| {
            let mut cells = Vec::new();
            while let Some(p) = placed.next_if(|p| p.row < b) {
                if p.row >= a {
                    cells.push(CellBox {
                        row: p.row - a,
                        rowspan: p.rowspan.min(b - p.row),
                        ..p.cell
                    });
                }
            }
            UnitBox {
                row_heights: heights[a..b].to_vec(),
                cells,
                pad_x: t.cell_padding_x,
                pad_y,
                border,
            }
        })
        .collect();
    let header = if header_rows > 0 && !units.is_empty() {
        Some(units.remove(0))
    } else {
        None
    };
    TableBox {
        x: aligned_x(t.align, container, t.width()),
        header,
        units,
        keep_with_previous: t.keep_with_previous,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::bundled;
    use crate::ir::{Block, Cell, Paragraph, Row, RowKind, Table};

    fn para(t: &str) -> Block {
        let mut p = Paragraph::new(12.0);
        p.runs = vec![ir::Inline::Text(ir::Run::plain(t))];
        Block::Paragraph(p)
    }

    fn table(rows: Vec<Row>, header_rows: usize) -> Table {
        Table {
            columns: vec![100.0, 100.0, 100.0],
            rows,
            header_rows,
            borders: true,
            border_width: 0.5,
            cell_padding_x: 5.4,
            cell_padding_y: 2.0,
            align: ir::Align::Center,
            keep_with_previous: false,
        }
    }

    fn row(cells: Vec<Cell>) -> Row {
        Row {
            kind: RowKind::Body,
            cells,
            cant_split: true,
        }
    }

    #[test]
    fn row_height_is_tallest_cell_plus_padding() {
        let long = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(4);
        let t = table(
            vec![row(vec![
                Cell::new(vec![para("a")]),
                Cell::new(vec![para(&long)]),
                Cell::new(vec![para("c")]),
            ])],
            0,
        );
        let tb = layout_table(&t, 400.0, bundled());
        let line = bundled().regular.line_height(12.0);
        let h = tb.units[0].height();
        // Padding 2 pt above and below, and one 0.5 pt border.
        assert!(h > 3.0 * line + 4.5 - 0.01);
        assert!(((h - 4.5) / line).fract().abs() < 0.01);
        assert!((tb.x - 50.0).abs() < 0.01);
    }

    #[test]
    fn header_with_spans_is_one_unit() {
        let mut a = Cell::new(vec![para("STT")]);
        a.rowspan = 2;
        let mut b = Cell::new(vec![para("Kết quả")]);
        b.colspan = 2;
        let t = table(
            vec![
                row(vec![a, b]),
                row(vec![Cell::new(vec![para("x")]), Cell::new(vec![para("y")])]),
                row(vec![
                    Cell::new(vec![para("1")]),
                    Cell::new(vec![para("2")]),
                    Cell::new(vec![para("3")]),
                ]),
            ],
            2,
        );
        let tb = layout_table(&t, 300.0, bundled());
        let h = tb.header.as_ref().unwrap();
        assert_eq!(h.row_heights.len(), 2);
        assert_eq!(h.cells.len(), 4);
        assert_eq!(tb.units.len(), 1);
        // The spanning cell covers both header rows.
        assert_eq!(h.cells[0].rowspan, 2);
    }

    #[test]
    fn tall_row_splits_between_lines() {
        let long = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(40);
        let t = table(vec![row(vec![Cell::new(vec![para(&long)])])], 0);
        let tb = layout_table(&t, 300.0, bundled());
        let u = &tb.units[0];
        let (a, b) = u.split(100.0).expect("splits");
        assert!((a.height() - 100.0).abs() < 0.01);
        let lines = |u: &UnitBox| u.cells[0].slabs.len();
        assert_eq!(lines(&a) + lines(&b), lines(u));
    }
}
