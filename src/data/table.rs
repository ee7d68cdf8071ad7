//! Statistics tables: rows from YAML or from a file, computed columns (rates, sums,
//! differences), subtotals per group, a total row and changes against the previous report.
//! The result is written back into the table as plain rows, so the template stage formats
//! it like any other table.

use std::collections::BTreeMap;
use std::path::Path;

use serde_saphyr::{Location, Spanned};

use crate::error::{Error, Kind, Pos};
use crate::format;
use crate::format::parse_vn_number;
use crate::model::{CellValue, ColumnKind, RowSpec, TableSpec};
use crate::validate::column_kind;

use super::{pos_of, source};

/// A computed table, for indicators (`lay_tu`) and for the next report's changes.
#[derive(Debug, Clone, Default)]
pub struct TableData {
    /// Column ids by column index (all columns, row numbers included).
    pub col_ids: Vec<Option<String>>,
    /// (key, cells by column index, is a total row).
    pub rows: Vec<(Option<String>, Vec<CellValue>, bool)>,
}

/// Index of the column whose id is `id`.
fn col_index(ids: &[Option<String>], id: &str) -> Option<usize> {
    ids.iter().position(|c| c.as_deref() == Some(id))
}

/// The column ids, for messages listing what exists.
fn id_list(ids: &[Option<String>]) -> String {
    ids.iter().flatten().cloned().collect::<Vec<_>>().join(", ")
}

impl TableData {
    pub fn col(&self, id: &str) -> Option<usize> {
        col_index(&self.col_ids, id)
    }

    /// The row with this key, or the last total row when `key` is None.
    pub fn row(&self, key: Option<&str>) -> Option<&Vec<CellValue>> {
        match key {
            Some(k) => self
                .rows
                .iter()
                .find(|r| r.0.as_deref() == Some(k))
                .map(|r| &r.1),
            None => self.rows.iter().rev().find(|r| r.2).map(|r| &r.1),
        }
    }
}

fn spanned<T>(v: T) -> Spanned<T> {
    Spanned::new(v, Location::UNKNOWN, Location::UNKNOWN)
}

#[derive(Debug, Clone)]
enum Operand {
    Col(usize),
    Const(f64),
}

#[derive(Debug, Clone)]
struct Formula {
    a: Operand,
    op: char,
    b: Operand,
}

fn parse_formula(s: &str, ids: &[Option<String>]) -> Result<Formula, String> {
    let t = s.trim();
    let bad = || {
        format!(
            "công thức \"{t}\" không hợp lệ; cần dạng \"cot_a / cot_b\" (phép tính +, -, *, / giữa hai mã cột hoặc số)"
        )
    };
    let i = t
        .char_indices()
        .skip(1)
        .find(|(_, c)| "+-*/".contains(*c))
        .map(|(i, _)| i)
        .ok_or_else(bad)?;
    let op = t[i..].chars().next().ok_or_else(bad)?;
    let operand = |x: &str| -> Result<Operand, String> {
        let x = x.trim();
        if x.is_empty() {
            return Err(bad());
        }
        if let Some(i) = col_index(ids, x) {
            return Ok(Operand::Col(i));
        }
        if let Some(n) = parse_vn_number(x) {
            return Ok(Operand::Const(n));
        }
        Err(format!(
            "công thức \"{t}\": không có cột mã \"{x}\"; các mã cột: {}",
            id_list(ids)
        ))
    };
    Ok(Formula {
        a: operand(&t[..i])?,
        op,
        b: operand(&t[i + 1..])?,
    })
}

fn eval(f: &Formula, row: &[CellValue], percent: bool) -> CellValue {
    let get = |o: &Operand| match o {
        Operand::Col(i) => row[*i].number(),
        Operand::Const(n) => Some(*n),
    };
    let (Some(a), Some(b)) = (get(&f.a), get(&f.b)) else {
        return CellValue::Blank;
    };
    let v = match f.op {
        '+' => a + b,
        '-' => a - b,
        '*' => a * b,
        _ => {
            if b == 0.0 {
                return CellValue::Blank;
            }
            let r = a / b;
            if percent { r * 100.0 } else { r }
        }
    };
    if v.is_finite() {
        CellValue::Number(v)
    } else {
        CellValue::Blank
    }
}

/// "+120", "-3", "0"; in points for a rate column ("+1,02").
fn signed_change(now: f64, before: f64) -> String {
    let d = now - before;
    let s = format::number(d.abs(), None);
    if s == "0" {
        "0".into()
    } else if d > 0.0 {
        format!("+{s}")
    } else {
        format!("-{s}")
    }
}

enum Row {
    Data(
        Vec<Spanned<CellValue>>,
        Option<Pos>,
        Option<(std::path::PathBuf, u64)>,
    ),
    Group(String),
    /// Cells, and the key matched against the previous report.
    Total(Vec<Spanned<CellValue>>, Option<String>),
}

/// Compute a table in place. `base` resolves a source file; `prev` holds the previous
/// report's tables by id. Returns the computed data for lookups.
pub fn materialize(
    t: &mut TableSpec,
    base: &Path,
    prev: Option<&BTreeMap<String, TableData>>,
    errs: &mut Vec<Error>,
) -> TableData {
    // Validation has already rejected unknown column kinds.
    let kinds: Vec<ColumnKind> = t
        .cot
        .iter()
        .map(|c| column_kind(&c.value).unwrap_or(ColumnKind::Text))
        .collect();
    let ids: Vec<Option<String>> = t.cot.iter().map(|c| c.value.id.clone()).collect();
    let n = t.cot.len();
    let before = errs.len();
    for (i, c) in t.cot.iter().enumerate() {
        if let Some(id) = &c.value.id
            && ids[..i].iter().any(|x| x.as_deref() == Some(id))
        {
            errs.push(Error::data(format!("mã cột \"{id}\" bị trùng")).with_pos(pos_of(c)));
        }
    }
    let mut formulas: Vec<Option<Formula>> = vec![None; n];
    let mut changes: Vec<Option<usize>> = vec![None; n];
    for (i, c) in t.cot.iter().enumerate() {
        if let Some(f) = &c.value.cong_thuc {
            match parse_formula(&f.value, &ids) {
                Ok(x) => formulas[i] = Some(x),
                Err(m) => errs.push(Error::data(m).with_pos(pos_of(f))),
            }
        }
        if let Some(of) = &c.value.thay_doi {
            match col_index(&ids, of.value.trim()) {
                Some(j) => changes[i] = Some(j),
                None => errs.push(
                    Error::data(format!(
                        "cột thay đổi: không có cột mã \"{}\"; các mã cột: {}",
                        of.value,
                        id_list(&ids)
                    ))
                    .with_pos(pos_of(of)),
                ),
            }
        }
    }
    let input: Vec<usize> = (0..n)
        .filter(|i| kinds[*i] != ColumnKind::RowNumber && !t.cot[*i].value.is_computed())
        .collect();
    let label_col = (0..n).find(|i| kinds[*i] != ColumnKind::RowNumber);
    let key_col = match &t.khoa {
        Some(k) => match col_index(&ids, k.value.trim()) {
            Some(i) => Some(i),
            None => {
                errs.push(
                    Error::data(format!("cột khóa: không có cột mã \"{}\"", k.value))
                        .with_pos(pos_of(k)),
                );
                None
            }
        },
        None => input
            .iter()
            .copied()
            .find(|i| kinds[*i] == ColumnKind::Text),
    };
    if errs.len() > before {
        return TableData::default();
    }

    // Rows, each spread over all columns.
    let mut rows: Vec<Row> = Vec::new();
    let spread = |cells: &[Spanned<CellValue>]| -> Vec<Spanned<CellValue>> {
        let mut out: Vec<Spanned<CellValue>> = (0..n).map(|_| spanned(CellValue::Blank)).collect();
        for (c, i) in cells.iter().zip(&input) {
            out[*i] = c.clone();
        }
        out
    };
    if let Some(src) = &t.nguon {
        if !t.dong.is_empty() {
            errs.push(
                Error::data("bảng lấy dòng từ tệp (nguon) thì không viết thêm \"dong\"")
                    .with_pos(pos_of(src)),
            );
            return TableData::default();
        }
        let read = match source::read(src, base) {
            Ok(r) => r,
            Err(e) => {
                errs.extend(e);
                return TableData::default();
            }
        };
        for id in src.value.cot.value.keys() {
            if col_index(&ids, id).is_none() {
                errs.push(
                    Error::data(format!(
                        "nguon.cot: bảng không có cột mã \"{id}\"; các mã cột: {}",
                        id_list(&ids)
                    ))
                    .with_pos(pos_of(&src.value.cot)),
                );
            }
        }
        let mut group: Option<String> = None;
        for r in &read.rows {
            if r.group.is_some() && r.group != group {
                group = r.group.clone();
                rows.push(Row::Group(group.clone().unwrap_or_default()));
            }
            let mut out: Vec<Spanned<CellValue>> =
                (0..n).map(|_| spanned(CellValue::Blank)).collect();
            for (i, c) in t.cot.iter().enumerate() {
                let Some(id) = &c.value.id else { continue };
                let Some((v, col)) = r.cells.get(id) else {
                    continue;
                };
                let v = match (kinds[i], v) {
                    (ColumnKind::Number | ColumnKind::Percent, CellValue::Text(s)) => {
                        match parse_vn_number(s) {
                            Some(x) => CellValue::Number(x),
                            None => {
                                errs.push(
                                Error::new(
                                    Kind::Data,
                                    format!(
                                        "ô \"{s}\" ({}, cột bảng \"{}\") nằm trong cột số nhưng không phải là số",
                                        source::cell_place(&read, *col),
                                        c.value.ten.replace('\n', " ")
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
            rows.push(Row::Data(out, None, Some((read.path.clone(), r.line))));
        }
    } else {
        for r in &t.dong {
            rows.push(match &r.value {
                RowSpec::Data(c) => Row::Data(spread(c), pos_of(r), None),
                RowSpec::Group(g) => Row::Group(g.clone()),
                RowSpec::Total(c) => Row::Total(spread(c), None),
            });
        }
    }

    // Formulas on every row with cells.
    let compute = |cells: &mut Vec<Spanned<CellValue>>| {
        for i in 0..n {
            if let Some(f) = &formulas[i] {
                let plain: Vec<CellValue> = cells.iter().map(|c| c.value.clone()).collect();
                cells[i] = spanned(eval(f, &plain, kinds[i] == ColumnKind::Percent));
            }
        }
    };
    let summed = |group: &[&Vec<Spanned<CellValue>>], label: &str| -> Vec<Spanned<CellValue>> {
        let mut out: Vec<Spanned<CellValue>> = (0..n).map(|_| spanned(CellValue::Blank)).collect();
        for &i in &input {
            if kinds[i] == ColumnKind::Number {
                let vals: Vec<f64> = group.iter().filter_map(|r| r[i].value.number()).collect();
                if !vals.is_empty() {
                    out[i] = spanned(CellValue::Number(vals.iter().sum()));
                }
            }
        }
        if let Some(l) = label_col {
            out[l] = spanned(CellValue::Text(label.to_string()));
        }
        out
    };
    let mut out_rows: Vec<Row> = Vec::new();
    let mut all: Vec<Vec<Spanned<CellValue>>> = Vec::new();
    let mut in_group: Vec<Vec<Spanned<CellValue>>> = Vec::new();
    // A subtotal's key names its group, so "Cộng" rows match the same group last month.
    let flush =
        |in_group: &mut Vec<Vec<Spanned<CellValue>>>, out_rows: &mut Vec<Row>, group: &str| {
            if let Some(label) = &t.cong_nhom
                && !in_group.is_empty()
            {
                let refs: Vec<&Vec<Spanned<CellValue>>> = in_group.iter().collect();
                let mut s = summed(&refs, label);
                compute(&mut s);
                out_rows.push(Row::Total(s, Some(format!("{label} ({group})"))));
            }
            in_group.clear();
        };
    let mut group_name = String::new();
    let mut seen_group = false;
    for r in rows {
        match r {
            Row::Data(mut c, p, f) => {
                compute(&mut c);
                all.push(c.clone());
                in_group.push(c.clone());
                out_rows.push(Row::Data(c, p, f));
            }
            Row::Group(g) => {
                if seen_group {
                    flush(&mut in_group, &mut out_rows, &group_name);
                }
                seen_group = true;
                in_group.clear();
                group_name = g.clone();
                out_rows.push(Row::Group(g));
            }
            Row::Total(mut c, k) => {
                if seen_group {
                    flush(&mut in_group, &mut out_rows, &group_name);
                    seen_group = false;
                }
                compute(&mut c);
                out_rows.push(Row::Total(c, k));
            }
        }
    }
    if seen_group {
        flush(&mut in_group, &mut out_rows, &group_name);
    }
    if let Some(label) = &t.dong_tong {
        let refs: Vec<&Vec<Spanned<CellValue>>> = all.iter().collect();
        let mut s = summed(&refs, label);
        compute(&mut s);
        out_rows.push(Row::Total(s, None));
    }

    // Keys, unique among data rows.
    let key_of = |c: &[Spanned<CellValue>]| -> Option<String> {
        match &c[key_col?].value {
            CellValue::Text(s) => Some(s.trim().to_string()),
            CellValue::Number(x) => Some(format::number(*x, None)),
            CellValue::Blank => None,
        }
    };
    let label_of = |c: &[Spanned<CellValue>]| -> Option<String> {
        match &c[label_col?].value {
            CellValue::Text(s) => Some(s.trim().to_string()),
            _ => None,
        }
    };
    let mut data = TableData {
        col_ids: ids.clone(),
        rows: Vec::new(),
    };
    let mut keys: BTreeMap<String, ()> = BTreeMap::new();
    for r in &out_rows {
        match r {
            Row::Data(c, p, f) => {
                let k = key_of(c);
                if let Some(k) = &k
                    && keys.insert(k.clone(), ()).is_some()
                {
                    let msg = format!(
                        "dòng \"{k}\" bị trùng trong bảng (mỗi dòng cần một tên riêng ở cột khóa để so sánh với kỳ trước)"
                    );
                    errs.push(match f {
                        Some((path, line)) => {
                            Error::new(Kind::Data, msg).at(path, Some(Pos::new(*line, 1)))
                        }
                        None => Error::data(msg).with_pos(*p),
                    });
                }
                data.rows
                    .push((k, c.iter().map(|x| x.value.clone()).collect(), false));
            }
            Row::Total(c, k) => data.rows.push((
                k.clone().or_else(|| label_of(c)),
                c.iter().map(|x| x.value.clone()).collect(),
                true,
            )),
            Row::Group(_) => {}
        }
    }

    // Changes against the previous report.
    if changes.iter().any(|c| c.is_some()) {
        if t.id.is_none() {
            let at = t
                .cot
                .iter()
                .find(|c| c.value.thay_doi.is_some())
                .and_then(pos_of);
            errs.push(
                Error::data("bảng có cột thay đổi cần khóa \"id\" để ghép với bảng của kỳ trước")
                    .with_pos(at),
            );
        }
        let prev_table = t.id.as_ref().and_then(|id| prev?.get(id.value.trim()));
        for r in out_rows.iter_mut() {
            let (cells, key) = match r {
                Row::Data(c, ..) => {
                    let k = key_of(c);
                    (c, k)
                }
                Row::Total(c, k) => {
                    let k = k.clone().or_else(|| label_of(c));
                    (c, k)
                }
                Row::Group(_) => continue,
            };
            for i in 0..n {
                let Some(of) = changes[i] else { continue };
                cells[i] = spanned(CellValue::Blank);
                let now = cells[of].value.number();
                let col_id = ids[of].as_deref().unwrap_or("");
                let before = prev_table.and_then(|pt| {
                    let k = key.clone()?;
                    pt.row(Some(&k))?.get(pt.col(col_id)?)?.number()
                });
                if let (Some(a), Some(b)) = (now, before) {
                    cells[i] = spanned(CellValue::Text(signed_change(a, b)));
                }
            }
        }
    }

    // Write back as plain rows; computed columns become ordinary ones.
    let mut dong = Vec::new();
    for r in out_rows {
        let strip = |c: Vec<Spanned<CellValue>>| -> Vec<Spanned<CellValue>> {
            c.into_iter()
                .enumerate()
                .filter(|(i, _)| kinds[*i] != ColumnKind::RowNumber)
                .map(|(_, v)| v)
                .collect()
        };
        dong.push(spanned(match r {
            Row::Data(c, ..) => RowSpec::Data(strip(c)),
            Row::Group(g) => RowSpec::Group(g),
            Row::Total(c, _) => RowSpec::Total(strip(c)),
        }));
    }
    t.dong = dong;
    t.nguon = None;
    t.dong_tong = None;
    t.cong_nhom = None;
    for c in t.cot.iter_mut() {
        c.value.cong_thuc = None;
        if c.value.thay_doi.take().is_some() {
            // Signed changes are text: "+120", "-3".
            c.value.loai = None;
            if c.value.can.is_none() {
                c.value.can = Some(spanned("phai".to_string()));
            }
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<Option<String>> {
        v.iter().map(|s| Some(s.to_string())).collect()
    }

    #[test]
    fn rate_formula_is_blank_for_zero_or_missing_total() {
        let cols = ids(&["tong", "tt"]);
        let f = parse_formula("tt / tong", &cols).unwrap();
        let n = |x: f64| CellValue::Number(x);
        let pct = |r: &[CellValue]| match eval(&f, r, true) {
            CellValue::Number(x) => format::percent(x, 2),
            CellValue::Blank => String::new(),
            CellValue::Text(t) => t,
        };
        assert_eq!(pct(&[n(31809.0), n(31693.0)]), "99,64%");
        assert_eq!(pct(&[n(45.0), n(45.0)]), "100%");
        assert_eq!(pct(&[n(3.0), n(0.0)]), "0%");
        assert_eq!(pct(&[n(0.0), n(0.0)]), "");
        assert_eq!(pct(&[CellValue::Blank, n(63.0)]), "");
        assert_eq!(pct(&[n(5.0), CellValue::Blank]), "");
        assert!(parse_formula("tt / khong_co", &cols).is_err());
        assert!(parse_formula("tt", &cols).is_err());
        let sum = parse_formula("tong + 1,5", &cols).unwrap();
        assert_eq!(eval(&sum, &[n(1.0), n(0.0)], false), n(2.5));
    }

    #[test]
    fn groups_subtotals_total_and_changes() {
        let yaml = r#"
id: t
cong_nhom: Cộng
dong_tong: Tổng cộng
cot:
  - {ten: STT, loai: stt}
  - {id: ten, ten: Tên}
  - {id: a, ten: A, loai: so}
  - {id: b, ten: B, loai: so}
  - {id: r, ten: Tỷ lệ, loai: ty_le, cong_thuc: b / a}
  - {ten: Tăng/giảm, thay_doi: b}
dong:
  - nhom: Sở Một
  - [Việc một, 10, 5]
  - [Việc hai, ~, ~]
  - nhom: Sở Hai
  - [Việc ba, 0, 0]
"#;
        let prev_yaml = yaml.replace("[Việc một, 10, 5]", "[Việc một, 10, 8]");
        let mut errs = Vec::new();
        let mut p: TableSpec = crate::load::parse_yaml(&prev_yaml).unwrap();
        let prev = materialize(&mut p, Path::new("."), None, &mut errs);
        let mut t: TableSpec = crate::load::parse_yaml(yaml).unwrap();
        let mut m = BTreeMap::new();
        m.insert("t".to_string(), prev);
        let data = materialize(&mut t, Path::new("."), Some(&m), &mut errs);
        assert!(errs.is_empty(), "{errs:?}");
        let text = |r: &RowSpec| match r {
            RowSpec::Data(c) | RowSpec::Total(c) => c
                .iter()
                .map(|c| match &c.value {
                    CellValue::Number(x) => format::number(*x, None),
                    CellValue::Text(s) => s.clone(),
                    CellValue::Blank => "~".into(),
                })
                .collect::<Vec<_>>()
                .join("|"),
            RowSpec::Group(g) => format!("# {g}"),
        };
        let rows: Vec<String> = t.dong.iter().map(|r| text(&r.value)).collect();
        assert_eq!(
            rows,
            [
                "# Sở Một",
                "Việc một|10|5|50|-3",
                "Việc hai|~|~|~|~",
                "Cộng|10|5|50|-3",
                "# Sở Hai",
                "Việc ba|0|0|~|0",
                "Cộng|0|0|~|0",
                "Tổng cộng|10|5|50|-3",
            ]
        );
        assert_eq!(data.row(None).unwrap()[2], CellValue::Number(10.0));
        // Computed columns became plain ones; the change column is text.
        assert!(t.cot.iter().all(|c| !c.value.is_computed()));
        assert!(t.cot[5].value.loai.is_none());
    }
}
