//! Resolving a table's cells to grid positions, shared by both backends so that merged cells
//! land in the same place in DOCX and PDF.

use super::{Cell, Table};

/// A cell with its position in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridCell {
    /// Index of the cell's row in `table.rows`.
    pub row: usize,
    /// The first grid column the cell covers.
    pub col: usize,
    /// Number of columns it covers, clipped to the table's last column.
    pub colspan: usize,
    /// Number of rows it covers, clipped to the table's last row.
    pub rowspan: usize,
    /// Index of the cell in `table.rows[row].cells`.
    pub index: usize,
}

/// Place every cell of `table` on the grid, skipping positions covered by row spans from
/// above. Returns one list per row. Cells that would run past the last column are clipped;
/// the validation stage reports such tables before they reach here.
pub fn grid(table: &Table) -> Vec<Vec<GridCell>> {
    let ncols = table.columns.len();
    // Remaining rows each column is still covered for by a rowspan from above.
    let mut covered = vec![0usize; ncols];
    let mut out = Vec::with_capacity(table.rows.len());
    for (r, row) in table.rows.iter().enumerate() {
        let mut placed = Vec::with_capacity(row.cells.len());
        let mut col = 0;
        for (i, cell) in row.cells.iter().enumerate() {
            while col < ncols && covered[col] > 0 {
                col += 1;
            }
            if col >= ncols {
                break;
            }
            let colspan = cell.colspan.max(1).min(ncols - col);
            let rowspan = cell.rowspan.max(1).min(table.rows.len() - r);
            placed.push(GridCell {
                row: r,
                col,
                colspan,
                rowspan,
                index: i,
            });
            for c in &mut covered[col..col + colspan] {
                *c = (*c).max(rowspan);
            }
            col += colspan;
        }
        out.push(placed);
        for c in covered.iter_mut() {
            *c = c.saturating_sub(1);
        }
    }
    out
}

impl Table {
    /// The table's width: the sum of its column widths, in points.
    pub fn width(&self) -> f32 {
        self.columns.iter().sum()
    }

    /// The cell a grid position (from [`grid`] on this table) refers to.
    pub fn cell(&self, g: &GridCell) -> &Cell {
        &self.rows[g.row].cells[g.index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Row, RowKind};

    fn cell(colspan: usize, rowspan: usize) -> Cell {
        Cell {
            colspan,
            rowspan,
            ..Cell::new(vec![])
        }
    }

    #[test]
    fn rowspan_skips_covered_columns() {
        // | A (2 rows) | B (2 cols)      |
        // |            | C      | D      |
        let t = Table {
            columns: vec![10.0, 10.0, 10.0],
            rows: vec![
                Row {
                    kind: RowKind::Header,
                    cells: vec![cell(1, 2), cell(2, 1)],
                    cant_split: true,
                },
                Row {
                    kind: RowKind::Header,
                    cells: vec![cell(1, 1), cell(1, 1)],
                    cant_split: true,
                },
            ],
            header_rows: 2,
            borders: true,
            border_width: 0.5,
            cell_padding_x: 5.4,
            cell_padding_y: 0.0,
            align: crate::ir::Align::Center,
            keep_with_previous: false,
        };
        let g = grid(&t);
        assert_eq!(g[0][0].col, 0);
        assert_eq!(g[0][0].rowspan, 2);
        assert_eq!(g[0][1].col, 1);
        assert_eq!(g[0][1].colspan, 2);
        assert_eq!(g[1][0].col, 1);
        assert_eq!(g[1][1].col, 2);
    }
}
