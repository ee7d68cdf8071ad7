//! Indicators from spreadsheets (`nguon_chi_tieu`): each data row is one indicator, `cot`
//! maps indicator keys to header texts. Offices keep the month's figures in a workbook;
//! copying them into `chi_tieu` by hand is where the errors come from.
//!
//! The rows become a `chi_tieu` list in YAML ([`SheetYaml`]), checked by the ordinary
//! loader and computed on their own first, so everything wrong in a row is reported at its
//! cell. They then join the document's indicators, after those of `chi_tieu`, in row order.

use std::collections::BTreeMap;
use std::path::Path;

use serde_saphyr::{Location, Spanned};

use crate::error::{Code, Diagnostics, Error};
use crate::model::{CellValue, DocumentSpec, Indicator, SheetSource};
use crate::sheet::as_yaml::{Lines, SheetYaml, quote, text_of};
use crate::sheet::{self, SourceRow};
use crate::sources::Sources;

use super::pos_of;

/// The indicator keys a column can fill, in the order they are written, and whether the
/// key takes a number (a numeric cell is then written as a YAML number).
const FIELDS: &[(&str, bool)] = &[
    ("id", false),
    ("ten", false),
    ("don_vi", false),
    ("gia_tri", true),
    ("muc_tieu", true),
    ("tren", true),
    ("tinh_den", false),
    ("so_le", true),
];

/// Append the indicators of every `nguon_chi_tieu` source to `vb.indicators`. `base` is the
/// document's directory. Errors in a file name its cells; errors in a mapping name the
/// document's line.
pub fn append(sources: &dyn Sources, vb: &mut DocumentSpec, base: &Path, errs: &mut Diagnostics) {
    // Ids already taken, with where: the document's line, or a file's cell.
    let mut taken: BTreeMap<String, String> = vb
        .indicators
        .iter()
        .map(|i| {
            let line = pos_of(&i.value.id).map_or(String::new(), |p| format!(" (dòng {})", p.line));
            (
                i.value.id.value.trim().to_string(),
                format!("chi_tieu{line}"),
            )
        })
        .collect();
    let mut added = Vec::new();
    for src in &vb.indicator_sources {
        match read(sources, src, base) {
            Ok((sheet, list)) => {
                for (ind, cell) in list {
                    let id = ind.value.id.value.trim().to_string();
                    let here = sheet::cell_place(sheet.rows(), cell.0, cell.1);
                    let here = if here.is_empty() {
                        format!("{}:{}:{}", sheet.path.display(), cell.0, cell.1)
                    } else {
                        format!("{} {}", sheet.path.display(), here.trim_end_matches(", "))
                    };
                    if let Some(first) = taken.get(&id) {
                        errs.push(sheet.at_cell(
                            Error::new(
                                Code::Duplicate,
                                format!("mã chỉ tiêu \"{id}\" đã có ở {first}"),
                            ),
                            Some(cell),
                        ));
                        continue;
                    }
                    taken.insert(id, here);
                    added.push(relocated(ind, src.referenced));
                }
            }
            Err(e) => errs.append(e),
        }
    }
    vb.indicators.extend(added);
}

/// The indicators of one source, each with the cell of its id, checked and computed on
/// their own.
type SheetIndicators = (SheetYaml, Vec<(Spanned<Indicator>, (u64, u64))>);

fn read(
    sources: &dyn Sources,
    src: &Spanned<SheetSource>,
    base: &Path,
) -> Result<SheetIndicators, Diagnostics> {
    check_columns(src)?;
    let rows = sheet::read(sources, src, base)?;
    let mut lines = Lines::default();
    let mut id_cells = Vec::new();
    let mut missing_id = Vec::new();
    // An id repeated in the file is reported here, at both cells: the indicators' own
    // check would name a line of the text written from the file.
    let mut seen: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut repeated = Vec::new();
    lines.line("chi_tieu:", None);
    for r in &rows.rows {
        let (id_text, col) = match r.cells.get("id") {
            Some((v, col)) => (text_of(v), col),
            None => (String::new(), &1),
        };
        if id_text.is_empty() {
            missing_id.push((r.line, *col));
            continue;
        }
        if let Some(first) = seen.get(&id_text) {
            repeated.push(((r.line, *col), id_text, *first));
            continue;
        }
        seen.insert(id_text.clone(), (r.line, *col));
        lines.line(
            &format!("  - id: {}", quote(&id_text)),
            Some((r.line, *col)),
        );
        id_cells.push((r.line, *col));
        write_row(&mut lines, r);
    }
    let sheet = SheetYaml::new(rows, lines);
    let mut errs = Diagnostics::new();
    for cell in missing_id {
        errs.push(sheet.at_cell(
            Error::new(
                Code::MissingKey,
                "dòng có số liệu nhưng thiếu mã chỉ tiêu (cột id)",
            ),
            Some(cell),
        ));
    }
    for (cell, id, first) in repeated {
        let first = match sheet.rows().sheet {
            Some(_) => format!("ô {}{}", sheet::column_letters(first.1), first.0),
            None => format!("dòng {}", first.0),
        };
        errs.push(sheet.at_cell(
            Error::new(
                Code::Duplicate,
                format!("mã chỉ tiêu \"{id}\" bị trùng (đã dùng ở {first})"),
            ),
            Some(cell),
        ));
    }
    #[derive(serde::Deserialize)]
    struct Rows {
        chi_tieu: Vec<Spanned<Indicator>>,
    }
    let list = match crate::load::parse_yaml::<Rows>(&sheet.yaml) {
        Ok(rows) => rows.chi_tieu,
        Err(e) => {
            errs.push(sheet.place(e));
            return Err(errs);
        }
    };
    // Values, targets, dates, shares and repeated ids, at the cells they came from.
    let mut own = Diagnostics::new();
    super::indicator::compute(&list, &BTreeMap::new(), &mut own);
    errs.append(own.map(|e| sheet.place(e)));
    errs.check()?;
    let list = list.into_iter().zip(id_cells).collect();
    Ok((sheet, list))
}

/// The mapped cells of a row after its id, as `key: value` lines.
fn write_row(lines: &mut Lines, r: &SourceRow) {
    for (key, numeric) in FIELDS.iter().skip(1) {
        let Some((v, col)) = r.cells.get(*key) else {
            continue;
        };
        let text = match v {
            CellValue::Number(n) if *numeric => format!("{n}"),
            _ => match text_of(v) {
                t if t.is_empty() => continue,
                t => quote(&t),
            },
        };
        lines.line(&format!("    {key}: {text}"), Some((r.line, *col)));
    }
}

/// Every `cot` key is an indicator key, `id` is mapped, and there is no group column.
fn check_columns(src: &Spanned<SheetSource>) -> Result<(), Diagnostics> {
    let s = &src.value;
    let pos = pos_of(&s.columns);
    let mut errs = Diagnostics::new();
    let keys: Vec<&str> = FIELDS.iter().map(|(k, _)| *k).collect();
    for key in s.columns.value.keys() {
        if !keys.contains(&key.as_str()) {
            errs.error(
                Code::UnknownKey,
                pos,
                format!(
                    "\"{key}\" trong cot không phải khóa của chỉ tiêu đọc từ bảng tính; các khóa: {}",
                    keys.join(", ")
                ),
            );
        }
    }
    if !s.columns.value.contains_key("id") {
        errs.error(
            Code::MissingKey,
            pos,
            "cot cần cột \"id\" (mã chỉ tiêu, dùng trong [[id]]), ví dụ id: Mã chỉ tiêu",
        );
    }
    if let Some(g) = &s.group {
        errs.error(
            Code::Conflict,
            pos_of(g),
            "nguon_chi_tieu không có dòng nhóm: bỏ khóa nhom",
        );
    }
    errs.check()
}

/// `ind` with every position moved to `at` (its `nguon_chi_tieu` entry): once it joins the
/// document's indicators, what is reported about it (a comparison with the previous report,
/// a share of a document indicator) points at the source it came from, not at a line of
/// the text written from the sheet.
fn relocated(mut ind: Spanned<Indicator>, at: Location) -> Spanned<Indicator> {
    fn set<T>(s: &mut Spanned<T>, at: Location) {
        s.referenced = at;
        s.defined = at;
    }
    set(&mut ind, at);
    let i = &mut ind.value;
    set(&mut i.id, at);
    for s in [&mut i.unit, &mut i.as_of].into_iter().flatten() {
        set(s, at);
    }
    for s in [&mut i.value, &mut i.target, &mut i.of]
        .into_iter()
        .flatten()
    {
        set(s, at);
    }
    ind
}
