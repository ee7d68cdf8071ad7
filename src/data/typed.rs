//! A text column prints what was typed. YAML reads a plain `007`, `1.50`, `0x1F` or `true` as a
//! number or a boolean, which would print as "7", "1,5", "31" or "Có"; in a text column the
//! cell's own source text is put back instead (numbers and percentages are unaffected).
//! `table::yaml_rows` applies it to the cells of text columns.

use serde_saphyr::Spanned;

use crate::model::CellValue;

/// The source text of a plain scalar YAML did not keep as text.
pub(super) fn typed_text(cell: &Spanned<CellValue>, src: &str) -> Option<String> {
    let converted = match &cell.value {
        CellValue::Number(_) => true,
        // Booleans arrive as "Có"/"Không"; a quoted "Có" is kept by the quote test below.
        CellValue::Text(t) => t == "Có" || t == "Không",
        CellValue::Blank
        | CellValue::Paragraphs(_)
        | CellValue::Merged(..)
        | CellValue::Covered => false,
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
    use crate::model::{RowSpec, TableSpec};

    #[test]
    fn plain_scalars_read_as_numbers_or_booleans_give_their_text() {
        let yaml = "cot: [{ten: A}, {ten: B}, {ten: C}]\n\
                    dong:\n  - [007, 1.50, true]\n  - [0x1F, \"Có\", ~]\n  - [text, 3, x]\n";
        let t: TableSpec = crate::load::parse_yaml(yaml).unwrap();
        let typed: Vec<Vec<Option<String>>> = t
            .rows
            .iter()
            .map(|r| match &r.value {
                RowSpec::Data(c) => c.iter().map(|x| typed_text(x, yaml)).collect(),
                _ => Vec::new(),
            })
            .collect();
        let s = |x: &str| Some(x.to_string());
        assert_eq!(typed[0], [s("007"), s("1.50"), s("true")]);
        // A quoted "Có" and a blank are kept as they are.
        assert_eq!(typed[1], [s("0x1F"), None, None]);
        assert_eq!(typed[2], [None, s("3"), None]);
    }
}
