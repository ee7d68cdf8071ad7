//! A table's rows against its columns: the width of each row (merged cells included), the
//! numbers in number columns, merges that stay inside their block of rows, and group rows.

use serde_saphyr::Spanned;

use super::pos_of;
use crate::error::{Code, Error};
use crate::model::{CellValue, ColumnKind, ColumnSpec, LabelPlace, MergeWalk, RowSpec, TableSpec};

/// Check a table's rows against its columns. (Column kinds, alignments and numbering were
/// read into their types by the loader.)
pub fn check_table(t: &TableSpec, err: &mut impl FnMut(Error)) {
    // Row numbers and computed columns are filled in by vanban: rows leave them out.
    let inputs: Vec<usize> = (0..t.columns.len())
        .filter(|i| {
            let c = &t.columns[*i].value;
            c.kind() != ColumnKind::RowNumber && !c.is_computed()
        })
        .collect();
    let data_cols: Vec<&Spanned<ColumnSpec>> = inputs.iter().map(|i| &t.columns[*i]).collect();
    let names = data_cols
        .iter()
        .map(|c| c.value.name.replace('\n', " "))
        .collect::<Vec<_>>()
        .join(" | ");
    check_group_rows(t, err);
    let mut walk = MergeWalk::new(inputs.len());
    for (i, row) in t.rows.iter().enumerate() {
        let (cells, is_total) = match &row.value {
            RowSpec::Data(c) => (c, false),
            RowSpec::Total(c) => (c, true),
            RowSpec::Group(_) => {
                walk.reset();
                continue;
            }
        };
        if is_total && walk.pending() {
            err(Error::new(
                Code::WrongType,
                "ô gộp dòng (gop_dong) ở dòng trên kéo dài tới dòng tổng; ô gộp chỉ gộp các dòng dữ liệu liền nhau".to_string(),
            )
            .with_pos(pos_of(row)));
            walk.reset();
        }
        let merged_here = cells
            .iter()
            .any(|c| matches!(c.value, CellValue::Merged(..)));
        let covered_above = walk.pending();
        let placed = walk.place(cells);
        if !merged_here && !covered_above {
            if cells.len() != data_cols.len() && !(is_total && cells.len() < data_cols.len()) {
                err(Error::new(
                    Code::WrongType,
                    format!(
                        "dòng {} của bảng có {} ô, cần {} ô theo các cột: {}",
                        i + 1,
                        cells.len(),
                        data_cols.len(),
                        names
                    ),
                )
                .with_pos(pos_of(row)));
                continue;
            }
        } else if placed.overflow {
            err(Error::new(
                Code::WrongType,
                format!(
                    "dòng {} của bảng: ô gộp cột (gop_cot) vượt quá cột cuối của bảng hoặc chồng lên ô đã gộp từ dòng trên (các cột: {names})",
                    i + 1
                ),
            )
            .with_pos(pos_of(row)));
            continue;
        } else if placed.starts.iter().any(Option::is_none) || (placed.empty > 0 && !is_total) {
            let room = data_cols.len() - placed.covered.iter().filter(|c| **c).count();
            err(Error::new(
                Code::WrongType,
                format!(
                    "dòng {} của bảng không khớp các cột khi tính cả ô gộp: còn {} chỗ cho ô (các cột: {}; cột đã có ô gộp từ dòng trên thì bỏ ô đó đi, ô gộp gop_cot: N chiếm N chỗ)",
                    i + 1,
                    room.max(placed.starts.iter().flatten().count()),
                    names
                ),
            )
            .with_pos(pos_of(row)));
            continue;
        }
        for (cell, start) in cells.iter().zip(&placed.starts) {
            let Some(k) = *start else { continue };
            merge_fits(t, &inputs, i, k, cell, is_total, err);
            let col = data_cols[k];
            if matches!(col.value.kind(), ColumnKind::Number | ColumnKind::Percent)
                && let CellValue::Text(s) = cell.value.unmerged()
                && !s.trim().is_empty()
                && let Err(e) = crate::format::check_vn_number(s)
            {
                err(Error::new(
                    Code::BadNumber,
                    format!("ô trong cột số: {}", e.message(s, true)),
                )
                .with_pos(pos_of(cell)));
            }
        }
    }
}

/// A merged cell covers neighbouring input columns only, and data rows only: its rows end
/// before the next group row, total row or the table's end.
fn merge_fits(
    t: &TableSpec,
    inputs: &[usize],
    row: usize,
    start: usize,
    cell: &Spanned<CellValue>,
    is_total: bool,
    err: &mut impl FnMut(Error),
) {
    let CellValue::Merged(_, m) = &cell.value else {
        return;
    };
    let first = inputs[start];
    let across = (1..m.cols).all(|j| inputs.get(start + j) == Some(&(first + j)));
    if !across {
        err(Error::new(
            Code::WrongType,
            format!(
                "ô gộp {} cột (gop_cot) phải nằm trên các cột nhập liệu liền nhau; cột STT, cột công thức và cột thay đổi không gộp được",
                m.cols
            ),
        )
        .with_pos(pos_of(cell)));
    }
    if m.rows > 1 {
        let data_below = t.rows[row + 1..]
            .iter()
            .take_while(|r| matches!(r.value, RowSpec::Data(_)))
            .count();
        if is_total || m.rows - 1 > data_below {
            err(Error::new(
                Code::WrongType,
                format!(
                    "ô gộp {} dòng (gop_dong) nhưng sau dòng này chỉ còn {} dòng dữ liệu liền nhau trước dòng nhóm, dòng tổng hoặc cuối bảng",
                    m.rows,
                    if is_total { 0 } else { data_below }
                ),
            )
            .with_pos(pos_of(cell)));
        }
    }
}

/// Group rows: a label in the STT column needs an STT column.
fn check_group_rows(t: &TableSpec, err: &mut impl FnMut(Error)) {
    let Some(g) = &t.group_rows else { return };
    if let Some(p) = &g.value.place
        && p.value == LabelPlace::RowNumberColumn
        && !t
            .columns
            .iter()
            .any(|c| c.value.kind() == ColumnKind::RowNumber)
    {
        err(Error::new(
            Code::Conflict,
            "dong_nhom.nhan: cot_stt đặt nhãn nhóm ở cột STT, nhưng bảng không có cột loai: stt"
                .to_string(),
        )
        .with_pos(pos_of(p)));
    }
}
