//! Statistics tables: rows from YAML or from a file, computed columns (rates, sums,
//! differences), subtotals per group, a total row and changes against the previous report.
//! The result is written back into the table as plain rows, so the template stage formats
//! it like any other table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_saphyr::{Location, Spanned};

use crate::error::{Code, Diagnostics, Error, Pos};
use crate::format;
use crate::ir::Align;
use crate::model::{CellValue, ColumnKind, ColumnSpec, GroupRow, MergeWalk, RowSpec, TableSpec};
use crate::sources::Sources;

use super::formula::{Formula, eval, parse_formula, signed_change};
use super::pos_of;
use crate::sheet as source;

/// Where a row was written: the YAML file or the data file, and its line there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowPlace {
    pub file: PathBuf,
    pub pos: Option<Pos>,
}

impl RowPlace {
    /// An error at this row.
    pub fn error(&self, code: Code, msg: String) -> Error {
        Error::new(code, msg).at(&self.file, self.pos)
    }

    /// "bao-cao-thang.yaml:57" (the file alone for a computed row).
    pub fn describe(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}", self.file.display(), p.line),
            None => self.file.display().to_string(),
        }
    }
}

/// One row of a computed table: its key (the text of the key column, or a total row's
/// label), cells by column index (row numbers included), whether it is a total row.
#[derive(Debug, Clone)]
pub struct DataRow {
    pub key: Option<String>,
    pub cells: Vec<CellValue>,
    pub total: bool,
    pub place: RowPlace,
}

/// A computed table, for indicators (`lay_tu`) and for the next report's changes.
#[derive(Debug, Clone, Default)]
pub struct TableData {
    /// Column ids by column index (all columns, row numbers included).
    pub col_ids: Vec<Option<String>>,
    pub rows: Vec<DataRow>,
}

/// The result of looking a row up by its key.
#[derive(Debug)]
pub enum Lookup<'a> {
    Found(&'a [CellValue]),
    Missing,
    /// Several rows have the key: matching by key is ambiguous.
    Repeated(Vec<&'a RowPlace>),
}

/// Index of the column whose id is `id`.
pub(super) fn col_index(ids: &[Option<String>], id: &str) -> Option<usize> {
    ids.iter().position(|c| c.as_deref() == Some(id))
}

/// The column ids, for messages listing what exists.
pub(super) fn id_list(ids: &[Option<String>]) -> String {
    ids.iter().flatten().cloned().collect::<Vec<_>>().join(", ")
}

/// "bao-cao.yaml:12, bao-cao.yaml:15" for a message about repeated rows.
pub fn places(rows: &[&RowPlace]) -> String {
    rows.iter()
        .map(|p| p.describe())
        .collect::<Vec<_>>()
        .join(", ")
}

impl TableData {
    pub fn col(&self, id: &str) -> Option<usize> {
        col_index(&self.col_ids, id)
    }

    /// The row with this key, or the last total row when `key` is None.
    pub fn lookup(&self, key: Option<&str>) -> Lookup<'_> {
        let Some(k) = key else {
            return match self.rows.iter().rev().find(|r| r.total) {
                Some(r) => Lookup::Found(&r.cells),
                None => Lookup::Missing,
            };
        };
        let found: Vec<&DataRow> = self
            .rows
            .iter()
            .filter(|r| r.key.as_deref() == Some(k))
            .collect();
        match found.as_slice() {
            [] => Lookup::Missing,
            [r] => Lookup::Found(&r.cells),
            many => Lookup::Repeated(many.iter().map(|r| &r.place).collect()),
        }
    }

    /// The row with this key when exactly one row has it, or the last total row.
    pub fn row(&self, key: Option<&str>) -> Option<&[CellValue]> {
        match self.lookup(key) {
            Lookup::Found(r) => Some(r),
            _ => None,
        }
    }
}

fn spanned<T>(v: T) -> Spanned<T> {
    Spanned::new(v, Location::UNKNOWN, Location::UNKNOWN)
}

enum BuiltRow {
    Data(Vec<Spanned<CellValue>>, RowPlace),
    Group(GroupRow),
    /// Cells, the key matched against the previous report (None: the label), and where.
    Total(Vec<Spanned<CellValue>>, Option<String>, RowPlace),
}

/// A table's columns, checked: kinds, ids, formulas, change columns and the key column.
struct CheckedColumns {
    kinds: Vec<ColumnKind>,
    ids: Vec<Option<String>>,
    formulas: Vec<Option<Formula>>,
    /// For a change column, the column whose change it shows.
    changes: Vec<Option<usize>>,
    /// The columns rows write: not row numbers, not computed.
    input: Vec<usize>,
    /// The first column after the row numbers: labels of total rows.
    label: Option<usize>,
    key: Option<usize>,
}

impl CheckedColumns {
    fn len(&self) -> usize {
        self.kinds.len()
    }

    fn blank_row(&self) -> Vec<Spanned<CellValue>> {
        (0..self.len()).map(|_| spanned(CellValue::Blank)).collect()
    }

    /// The row's key: the text of the key column.
    fn key_of(&self, c: &[Spanned<CellValue>]) -> Option<String> {
        match c[self.key?].value.unmerged() {
            CellValue::Text(s) => Some(s.trim().to_string()),
            CellValue::Number(x) => Some(format::number(*x, None)),
            CellValue::Paragraphs(p) => Some(p.join(" ")),
            // A row under a merged key cell has no key of its own.
            CellValue::Blank | CellValue::Covered | CellValue::Merged(..) => None,
        }
    }

    fn label_of(&self, c: &[Spanned<CellValue>]) -> Option<String> {
        match &c[self.label?].value {
            CellValue::Text(s) => Some(s.trim().to_string()),
            _ => None,
        }
    }
}

/// Compute a table: the table as it prints (plain rows, every computed column filled in)
/// and its data for lookups. `base` resolves a source file and `yaml` is the file the table
/// is written in; `prev` holds the previous report's tables by id. A table with errors gives
/// no printed form and empty data: the errors stop the render.
pub fn materialize(
    sources: &dyn Sources,
    t: &TableSpec,
    base: &Path,
    yaml: &Path,
    src: &str,
    prev: Option<&BTreeMap<String, TableData>>,
    errs: &mut Diagnostics,
) -> (Option<TableSpec>, TableData) {
    let Some(cols) = columns(t, errs) else {
        return (None, TableData::default());
    };
    let rows = match &t.source {
        Some(src) => match source_rows(sources, t, src, base, &cols, errs) {
            Some(r) => r,
            None => return (None, TableData::default()),
        },
        None => yaml_rows(t, yaml, src, &cols, errs),
    };
    let mut rows = computed_rows(t, &cols, rows, yaml);
    let data = TableData {
        col_ids: cols.ids.clone(),
        rows: rows
            .iter()
            .filter_map(|r| match r {
                BuiltRow::Data(c, place) => Some(DataRow {
                    key: cols.key_of(c),
                    cells: c.iter().map(|x| plain(&x.value)).collect(),
                    total: false,
                    place: place.clone(),
                }),
                BuiltRow::Total(c, k, place) => Some(DataRow {
                    key: k.clone().or_else(|| cols.label_of(c)),
                    cells: c.iter().map(|x| plain(&x.value)).collect(),
                    total: true,
                    place: place.clone(),
                }),
                BuiltRow::Group(_) => None,
            })
            .collect(),
    };
    if cols.changes.iter().any(Option::is_some) {
        unique_keys(&data, errs);
        changes(t, &cols, &mut rows, prev, errs);
    }
    (Some(printed(t, &cols, rows)), data)
}

/// A cell's value for lookups: what a merged cell holds, blank where one covers.
fn plain(v: &CellValue) -> CellValue {
    match v {
        CellValue::Covered => CellValue::Blank,
        v => v.unmerged().clone(),
    }
}

/// Check the columns: unique ids, formulas, change columns, the key column.
fn columns(t: &TableSpec, errs: &mut Diagnostics) -> Option<CheckedColumns> {
    let kinds: Vec<ColumnKind> = t.columns.iter().map(|c| c.value.kind()).collect();
    let ids: Vec<Option<String>> = t.columns.iter().map(|c| c.value.id.clone()).collect();
    let n = t.columns.len();
    let before = errs.len();
    for (i, c) in t.columns.iter().enumerate() {
        if let Some(id) = &c.value.id
            && ids[..i].iter().any(|x| x.as_deref() == Some(id))
        {
            errs.error(
                Code::Duplicate,
                pos_of(c),
                format!("mã cột \"{id}\" bị trùng"),
            );
        }
    }
    let mut formulas: Vec<Option<Formula>> = vec![None; n];
    let mut changes: Vec<Option<usize>> = vec![None; n];
    for (i, c) in t.columns.iter().enumerate() {
        if let Some(f) = &c.value.formula {
            match parse_formula(&f.value, &ids) {
                Ok(x) => formulas[i] = Some(x),
                Err(e) => errs.push(e.with_pos(pos_of(f))),
            }
        }
        if let Some(of) = &c.value.change {
            match col_index(&ids, of.value.trim()) {
                Some(j) => changes[i] = Some(j),
                None => errs.error(
                    Code::BadReference,
                    pos_of(of),
                    format!(
                        "cột thay đổi: không có cột mã \"{}\"; các mã cột: {}",
                        of.value,
                        id_list(&ids)
                    ),
                ),
            }
        }
    }
    let input: Vec<usize> = (0..n)
        .filter(|i| kinds[*i] != ColumnKind::RowNumber && !t.columns[*i].value.is_computed())
        .collect();
    let label = (0..n).find(|i| kinds[*i] != ColumnKind::RowNumber);
    let key = match &t.key {
        Some(k) => match col_index(&ids, k.value.trim()) {
            Some(i) => Some(i),
            None => {
                errs.error(
                    Code::BadReference,
                    pos_of(k),
                    format!("cột khóa: không có cột mã \"{}\"", k.value),
                );
                None
            }
        },
        None => input
            .iter()
            .copied()
            .find(|i| kinds[*i] == ColumnKind::Text),
    };
    if changes.iter().any(Option::is_some) && t.id.is_none() {
        let at = t
            .columns
            .iter()
            .find(|c| c.value.change.is_some())
            .and_then(pos_of);
        errs.error(
            Code::MissingKey,
            at,
            "bảng có cột thay đổi cần khóa \"id\" để ghép với bảng của kỳ trước",
        );
    }
    (errs.len() == before).then_some(CheckedColumns {
        kinds,
        ids,
        formulas,
        changes,
        input,
        label,
        key,
    })
}

/// The rows written in the YAML `src`, each spread over all columns; text columns keep
/// what was typed (see [`super::typed`]). A list (a cell of several paragraphs) in a number
/// or rate column is an error.
fn yaml_rows(
    t: &TableSpec,
    yaml: &Path,
    src: &str,
    cols: &CheckedColumns,
    errs: &mut Diagnostics,
) -> Vec<BuiltRow> {
    // The check stage made sure each row fits its columns with its merges.
    let mut walk = MergeWalk::new(cols.input.len());
    let mut spread = |cells: &[Spanned<CellValue>], walk: &mut MergeWalk| {
        let mut out = cols.blank_row();
        let placed = walk.place(cells);
        for (k, covered) in placed.covered.iter().enumerate() {
            if *covered {
                out[cols.input[k]] = spanned(CellValue::Covered);
            }
        }
        for (c, start) in cells.iter().zip(&placed.starts) {
            let Some(k) = *start else { continue };
            let i = &cols.input[k];
            if matches!(c.value.unmerged(), CellValue::Paragraphs(_))
                && matches!(cols.kinds[*i], ColumnKind::Number | ColumnKind::Percent)
            {
                errs.error(
                    Code::WrongType,
                    pos_of(c),
                    format!(
                        "cột \"{}\" là cột số: ô không viết được dạng danh sách đoạn",
                        t.columns[*i].value.name.replace('\n', " ")
                    ),
                );
                continue;
            }
            out[*i] = c.clone();
            if cols.kinds[*i] != ColumnKind::Text {
                continue;
            }
            match &mut out[*i].value {
                CellValue::Merged(inner, _) => {
                    if let Some(typed) = super::typed::typed_text(inner, src) {
                        inner.value = CellValue::Text(typed);
                    }
                }
                v => {
                    if let Some(typed) = super::typed::typed_text(c, src) {
                        *v = CellValue::Text(typed);
                    }
                }
            }
        }
        out
    };
    let place = |r: &Spanned<RowSpec>| RowPlace {
        file: yaml.to_path_buf(),
        pos: pos_of(r),
    };
    t.rows
        .iter()
        .map(|r| match &r.value {
            RowSpec::Data(c) => BuiltRow::Data(spread(c, &mut walk), place(r)),
            RowSpec::Group(g) => {
                walk.reset();
                BuiltRow::Group(g.clone())
            }
            RowSpec::Total(c) => BuiltRow::Total(spread(c, &mut walk), None, place(r)),
        })
        .collect()
}

/// The rows read from the table's data file; text in number columns must follow the
/// number grammar. None after an error.
fn source_rows(
    sources: &dyn Sources,
    t: &TableSpec,
    src: &Spanned<crate::model::SheetSource>,
    base: &Path,
    cols: &CheckedColumns,
    errs: &mut Diagnostics,
) -> Option<Vec<BuiltRow>> {
    if !t.rows.is_empty() {
        errs.error(
            Code::Conflict,
            pos_of(src),
            "bảng lấy dòng từ tệp (nguon) thì không viết thêm \"dong\"",
        );
        return None;
    }
    let read = match source::read(sources, src, base) {
        Ok(r) => r,
        Err(e) => {
            errs.extend(e);
            return None;
        }
    };
    for id in src.value.columns.value.keys() {
        if col_index(&cols.ids, id).is_none() {
            errs.error(
                Code::BadReference,
                pos_of(&src.value.columns),
                format!(
                    "nguon.cot: bảng không có cột mã \"{id}\"; các mã cột: {}",
                    id_list(&cols.ids)
                ),
            );
        }
    }
    let mut rows = Vec::new();
    let mut group: Option<String> = None;
    for r in &read.rows {
        if r.group.is_some() && r.group != group {
            group = r.group.clone();
            rows.push(BuiltRow::Group(GroupRow {
                title: group.clone().unwrap_or_default(),
                level: 1,
            }));
        }
        let mut out = cols.blank_row();
        for (i, c) in t.columns.iter().enumerate() {
            let Some(id) = &c.value.id else { continue };
            let Some((v, col)) = r.cells.get(id) else {
                continue;
            };
            let v = match (cols.kinds[i], v) {
                (ColumnKind::Number | ColumnKind::Percent, CellValue::Text(s)) => {
                    match format::check_vn_number(s) {
                        Ok(x) => CellValue::Number(x),
                        Err(e) => {
                            errs.push(
                                Error::new(
                                    Code::BadNumber,
                                    format!(
                                        "{}cột bảng \"{}\" (cột số): {}",
                                        source::cell_place(&read, r.line, *col),
                                        c.value.name.replace('\n', " "),
                                        e.message(s, false)
                                    ),
                                )
                                .at(&read.path, Some(Pos::new(r.line, *col))),
                            );
                            CellValue::Blank
                        }
                    }
                }
                _ => v.clone(),
            };
            out[i] = spanned(v);
        }
        let place = RowPlace {
            file: read.path.clone(),
            pos: Some(Pos::new(r.line, 1)),
        };
        rows.push(BuiltRow::Data(out, place));
    }
    Some(rows)
}

/// Formulas on every row, subtotals after each group and the total row at the end.
fn computed_rows(
    t: &TableSpec,
    cols: &CheckedColumns,
    rows: Vec<BuiltRow>,
    yaml: &Path,
) -> Vec<BuiltRow> {
    let computed_place = RowPlace {
        file: yaml.to_path_buf(),
        pos: None,
    };
    let compute = |cells: &mut Vec<Spanned<CellValue>>| {
        for i in 0..cols.len() {
            if let Some(f) = &cols.formulas[i] {
                let plain: Vec<CellValue> = cells.iter().map(|c| c.value.clone()).collect();
                cells[i] = spanned(eval(f, &plain, cols.kinds[i] == ColumnKind::Percent));
            }
        }
    };
    let summed = |group: &[Vec<Spanned<CellValue>>], label: &str| -> Vec<Spanned<CellValue>> {
        let mut out = cols.blank_row();
        for &i in &cols.input {
            if cols.kinds[i] == ColumnKind::Number {
                let vals: Vec<f64> = group.iter().filter_map(|r| r[i].value.number()).collect();
                if !vals.is_empty() {
                    out[i] = spanned(CellValue::Number(vals.iter().sum()));
                }
            }
        }
        if let Some(l) = cols.label {
            out[l] = spanned(CellValue::Text(label.to_string()));
        }
        compute(&mut out);
        out
    };
    let mut out_rows: Vec<BuiltRow> = Vec::new();
    let mut all: Vec<Vec<Spanned<CellValue>>> = Vec::new();
    let mut in_group: Vec<Vec<Spanned<CellValue>>> = Vec::new();
    // A subtotal's key names its group, so "Cộng" rows match the same group last month.
    let flush =
        |in_group: &mut Vec<Vec<Spanned<CellValue>>>, out_rows: &mut Vec<BuiltRow>, group: &str| {
            if let Some(label) = &t.subtotal
                && !in_group.is_empty()
            {
                let s = summed(in_group, label);
                out_rows.push(BuiltRow::Total(
                    s,
                    Some(format!("{label} ({group})")),
                    computed_place.clone(),
                ));
            }
            in_group.clear();
        };
    let mut group_name = String::new();
    let mut seen_group = false;
    for r in rows {
        match r {
            BuiltRow::Data(mut c, p) => {
                compute(&mut c);
                all.push(c.clone());
                in_group.push(c.clone());
                out_rows.push(BuiltRow::Data(c, p));
            }
            BuiltRow::Group(g) => {
                if seen_group {
                    flush(&mut in_group, &mut out_rows, &group_name);
                }
                seen_group = true;
                in_group.clear();
                group_name = g.title.clone();
                out_rows.push(BuiltRow::Group(g));
            }
            BuiltRow::Total(mut c, k, p) => {
                if seen_group {
                    flush(&mut in_group, &mut out_rows, &group_name);
                    seen_group = false;
                }
                compute(&mut c);
                out_rows.push(BuiltRow::Total(c, k, p));
            }
        }
    }
    if seen_group {
        flush(&mut in_group, &mut out_rows, &group_name);
    }
    if let Some(label) = &t.total_row {
        let s = summed(&all, label);
        out_rows.push(BuiltRow::Total(s, None, computed_place));
    }
    out_rows
}

/// A table matched row by row against the previous report needs one row per key.
fn unique_keys(data: &TableData, errs: &mut Diagnostics) {
    let mut first: BTreeMap<&str, &RowPlace> = BTreeMap::new();
    for r in &data.rows {
        let Some(k) = r.key.as_deref() else { continue };
        if let Some(p) = first.get(k) {
            errs.push(r.place.error(Code::Duplicate, format!(
                "dòng \"{k}\" bị trùng trong bảng (đã có ở {}): bảng có cột thay đổi (thay_doi) ghép từng dòng với dòng cùng tên ở kỳ trước, nên mỗi dòng cần một tên riêng ở cột khóa",
                p.describe()
            )));
        } else {
            first.insert(k, &r.place);
        }
    }
}

/// Fill the change columns against the previous report's table with the same id.
fn changes(
    t: &TableSpec,
    cols: &CheckedColumns,
    rows: &mut [BuiltRow],
    prev: Option<&BTreeMap<String, TableData>>,
    errs: &mut Diagnostics,
) {
    let table_id = t.id.as_ref().map(|id| id.value.trim()).unwrap_or("");
    let prev_table = prev.and_then(|p| p.get(table_id));
    for r in rows.iter_mut() {
        let (cells, key, place) = match r {
            BuiltRow::Data(c, place) => {
                let k = cols.key_of(c);
                (c, k, &*place)
            }
            BuiltRow::Total(c, k, place) => {
                let k = k.clone().or_else(|| cols.label_of(c));
                (c, k, &*place)
            }
            BuiltRow::Group(_) => continue,
        };
        let before_row = match (prev_table, key.as_deref()) {
            (Some(pt), Some(k)) => match pt.lookup(Some(k)) {
                Lookup::Found(row) => Some(row),
                Lookup::Missing => None,
                Lookup::Repeated(at) => {
                    errs.push(place.error(Code::Duplicate, format!(
                        "không so được dòng \"{k}\" với kỳ trước: bảng \"{table_id}\" của kỳ trước có {} dòng cùng tên ({}); mỗi dòng cần một tên riêng ở cột khóa",
                        at.len(),
                        places(&at)
                    )));
                    None
                }
            },
            _ => None,
        };
        for i in 0..cols.len() {
            let Some(of) = cols.changes[i] else { continue };
            cells[i] = spanned(CellValue::Blank);
            let now = cells[of].value.number();
            let col_id = cols.ids[of].as_deref().unwrap_or("");
            let before = before_row.and_then(|row| {
                let pt = prev_table?;
                row.get(pt.col(col_id)?)?.number()
            });
            if let (Some(a), Some(b)) = (now, before) {
                cells[i] = spanned(CellValue::Text(signed_change(a, b)));
            }
        }
    }
}

/// The table as it prints: the computed rows as plain rows, and computed columns as
/// ordinary ones (a change column is signed text, right-aligned unless `can` says otherwise).
fn printed(t: &TableSpec, cols: &CheckedColumns, rows: Vec<BuiltRow>) -> TableSpec {
    let strip = |c: Vec<Spanned<CellValue>>| -> Vec<Spanned<CellValue>> {
        c.into_iter()
            .enumerate()
            .filter(|(i, v)| {
                cols.kinds[*i] != ColumnKind::RowNumber && v.value != CellValue::Covered
            })
            .map(|(_, v)| v)
            .collect()
    };
    let dong = rows
        .into_iter()
        .map(|r| {
            spanned(match r {
                BuiltRow::Data(c, _) => RowSpec::Data(strip(c)),
                BuiltRow::Group(g) => RowSpec::Group(g),
                BuiltRow::Total(c, ..) => RowSpec::Total(strip(c)),
            })
        })
        .collect();
    let cot = t
        .columns
        .iter()
        .map(|c| {
            let change = c.value.change.is_some();
            let column = ColumnSpec {
                formula: None,
                change: None,
                kind: if change { None } else { c.value.kind.clone() },
                align: match (&c.value.align, change) {
                    (None, true) => Some(spanned(Align::Right)),
                    (can, _) => can.clone(),
                },
                ..c.value.clone()
            };
            Spanned::new(column, c.referenced, c.defined)
        })
        .collect();
    TableSpec {
        id: t.id.clone(),
        columns: cot,
        source: None,
        key: t.key.clone(),
        total_row: None,
        subtotal: None,
        rows: dong,
        numbering: t.numbering.clone(),
        font_size: t.font_size.clone(),
        group_rows: t.group_rows.clone(),
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
