//! A text column prints what was typed. YAML reads a plain `007`, `1.50`, `0x1F` or `true` as a
//! number or a boolean, which would print as "7", "1,5", "31" or "Có"; in a text column the
//! cell's own source text is put back instead (numbers and percentages are unaffected).

use serde_saphyr::Spanned;

use crate::model::{CellValue, ColumnKind, RowSpec, TableSpec};
use crate::validate::column_kind;

/// Put back the typed text of every text-column cell of `t` that YAML read as a number or a
/// boolean. `src` is the YAML the table was parsed from.
pub fn keep_typed_text(t: &mut TableSpec, src: &str) {
    let text_input: Vec<bool> = t
        .cot
        .iter()
        .map(|c| column_kind(&c.value).unwrap_or(ColumnKind::Text))
        .zip(&t.cot)
        .filter(|(k, c)| *k != ColumnKind::RowNumber && !c.value.is_computed())
        .map(|(k, _)| k == ColumnKind::Text)
        .collect();
    for row in &mut t.dong {
        let cells = match &mut row.value {
            RowSpec::Data(c) | RowSpec::Total(c) => c,
            RowSpec::Group(_) => continue,
        };
        for (cell, is_text) in cells.iter_mut().zip(&text_input) {
            if *is_text && let Some(typed) = typed_text(cell, src) {
                cell.value = CellValue::Text(typed);
            }
        }
    }
}

/// The source text of a plain scalar YAML did not keep as text.
fn typed_text(cell: &Spanned<CellValue>, src: &str) -> Option<String> {
    let converted = match &cell.value {
        CellValue::Number(_) => true,
        // Booleans arrive as "Có"/"Không"; a quoted "Có" is kept by the quote test below.
        CellValue::Text(t) => t == "Có" || t == "Không",
        CellValue::Blank => false,
    };
    if !converted {
        return None;
    }
    let span = cell.referenced.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    let raw = src.get(start..start.checked_add(len)?)?.trim();
    let plain = !raw.is_empty() && !raw.starts_with(['"', '\'', '[', '{', '&', '*', '!']);
    plain.then(|| raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_columns_keep_what_was_typed() {
        let yaml = "cot: [{ten: Mã}, {ten: Số, loai: so}, {ten: Ghi chú}]\n\
                    dong:\n  - [007, 1.50, true]\n  - [1.50, 007, \"Có\"]\n  - [0x1F, 3, ~]\n";
        let mut t: TableSpec = crate::load::parse_yaml(yaml).unwrap();
        keep_typed_text(&mut t, yaml);
        let cells: Vec<Vec<CellValue>> = t
            .dong
            .iter()
            .map(|r| match &r.value {
                RowSpec::Data(c) => c.iter().map(|x| x.value.clone()).collect(),
                _ => Vec::new(),
            })
            .collect();
        let text = |s: &str| CellValue::Text(s.to_string());
        assert_eq!(
            cells[0],
            [text("007"), CellValue::Number(1.5), text("true")]
        );
        assert_eq!(cells[1], [text("1.50"), CellValue::Number(7.0), text("Có")]);
        assert_eq!(
            cells[2],
            [text("0x1F"), CellValue::Number(3.0), CellValue::Blank]
        );
    }
}
