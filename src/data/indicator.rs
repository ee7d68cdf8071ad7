//! Indicators (chỉ tiêu): values, shares of a total, ratios to a target, parts that must add
//! up, and the change against the previous report, with the Vietnamese phrases for each.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};
use serde_saphyr::Spanned;

use crate::error::{Code, Diagnostics, Pos};
use crate::format;
use crate::model::{CellValue, FromTable, Indicator};

use super::pos_of;
use super::table::{Lookup, TableData};

/// One computed indicator.
#[derive(Debug, Clone, Default)]
pub struct Ind {
    pub name: String,
    pub unit: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// The total this value is a share of, when `tren` is set.
    pub total: Option<f64>,
    pub has_total: bool,
    pub as_of: Option<chrono::NaiveDate>,
    /// (name, value) of each part.
    pub parts: Vec<(String, Option<f64>)>,
    pub decimals: usize,
    /// The previous report's value and share; `None` when it had no such indicator.
    pub prev: Option<Option<f64>>,
    pub prev_share: Option<f64>,
    pub unit_pos: Option<Pos>,
}

pub type Indicators = BTreeMap<String, Ind>;

/// Every reference suffix, for messages and documentation.
pub const ATTRS: &[&str] = &[
    "gia_tri",
    "so_luong",
    "ket_qua",
    "thay_doi",
    "so_voi_ky_truoc",
    "truoc",
    "ty_le",
    "thay_doi_ty_le",
    "muc_tieu",
    "ty_le_chi_tieu",
    "dat_chi_tieu",
    "tinh_den",
    "thanh_phan",
    "ten",
    "don_vi",
];

const SINCE: &str = "so với kỳ báo cáo trước";

impl Ind {
    pub fn is_rate(&self) -> bool {
        self.unit.trim() == "%"
    }

    fn num(&self, x: f64) -> String {
        format::number(x, Some(self.decimals))
    }

    /// "5.339.392 lượt", "66,9%".
    fn with_unit(&self, x: f64) -> String {
        let n = self.num(x);
        match self.unit.trim() {
            "" => n,
            "%" => n + "%",
            u => format!("{n} {u}"),
        }
    }

    pub fn share(&self) -> Option<f64> {
        let (v, t) = (self.value?, self.total?);
        (t != 0.0 && (v / t).is_finite()).then(|| v / t * 100.0)
    }

    /// "tăng 269.520 lượt", "giảm 1,02 điểm phần trăm", "không thay đổi"; empty without a
    /// previous value.
    pub fn change(&self) -> String {
        let (Some(v), Some(Some(p))) = (self.value, self.prev) else {
            return String::new();
        };
        if self.is_rate() {
            format::change_points(v, Some(p), self.decimals)
        } else {
            format::change_words(v, Some(p), self.unit.trim(), Some(self.decimals))
        }
    }

    /// The phrase for a reference suffix; Err explains why it does not apply.
    pub fn attr(&self, name: &str) -> Result<String, String> {
        let missing = "chưa có số liệu".to_string();
        Ok(match name {
            "" | "gia_tri" => self.value.map(|v| self.num(v)).unwrap_or(missing),
            "so_luong" => self.value.map(|v| self.with_unit(v)).unwrap_or(missing),
            "ket_qua" => {
                let base = match self.value {
                    None => missing,
                    Some(0.0) => "không phát sinh".to_string(),
                    Some(v) => self.with_unit(v),
                };
                let ch = self.change();
                if ch.is_empty() {
                    base
                } else {
                    format!("{base} ({ch} {SINCE})")
                }
            }
            "thay_doi" => self.change(),
            "so_voi_ky_truoc" => {
                let ch = self.change();
                if ch.is_empty() {
                    ch
                } else {
                    format!("{ch} {SINCE}")
                }
            }
            "truoc" => match self.prev {
                Some(Some(p)) => self.with_unit(p),
                _ => String::new(),
            },
            "ty_le" => {
                if !self.has_total {
                    return Err("chỉ tiêu không có khóa \"tren\" (tổng để tính tỷ lệ)".into());
                }
                self.share()
                    .map(|s| format::percent(s, self.decimals))
                    .unwrap_or_default()
            }
            "thay_doi_ty_le" => {
                if !self.has_total {
                    return Err("chỉ tiêu không có khóa \"tren\" (tổng để tính tỷ lệ)".into());
                }
                match self.share() {
                    Some(s) => format::change_points(s, self.prev_share, self.decimals),
                    None => String::new(),
                }
            }
            "muc_tieu" | "ty_le_chi_tieu" | "dat_chi_tieu" => {
                let Some(t) = self.target else {
                    return Err("chỉ tiêu không có khóa \"muc_tieu\"".into());
                };
                let Some(v) = self.value else {
                    return Ok(if name == "muc_tieu" {
                        self.with_unit(t)
                    } else {
                        missing
                    });
                };
                let ratio = format::rate(Some(v), Some(t), self.decimals).unwrap_or_default();
                match name {
                    "muc_tieu" => self.with_unit(t),
                    "ty_le_chi_tieu" => ratio,
                    _ => {
                        if t == 0.0 {
                            String::new()
                        } else if v > t {
                            format!("vượt chỉ tiêu {} (đạt {ratio})", self.with_unit(v - t))
                        } else if v == t {
                            "đạt 100% chỉ tiêu".to_string()
                        } else {
                            format!("đạt {ratio} chỉ tiêu (còn thiếu {})", self.with_unit(t - v))
                        }
                    }
                }
            }
            "tinh_den" => self
                .as_of
                .map(|d| format!("tính đến ngày {}", format::date_short(d)))
                .ok_or("chỉ tiêu không có khóa \"tinh_den\"")?,
            "thanh_phan" => {
                if self.parts.is_empty() {
                    return Err("chỉ tiêu không có \"thanh_phan\"".into());
                }
                self.parts
                    .iter()
                    .map(|(n, v)| {
                        let v = v.map(|v| self.with_unit(v)).unwrap_or(missing.clone());
                        if n.is_empty() { v } else { format!("{v} {n}") }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            "ten" => self.name.clone(),
            "don_vi" => self.unit.clone(),
            other => {
                return Err(format!(
                    "không có cách viết \"{other}\"; dùng một trong: {}",
                    ATTRS.join(", ")
                ));
            }
        })
    }

    /// Everything a template may use: each phrase, plus the raw numbers.
    pub fn to_json(&self) -> Value {
        let mut m = serde_json::Map::new();
        for a in ATTRS {
            m.insert(a.to_string(), json!(self.attr(a).unwrap_or_default()));
        }
        m.insert("so".into(), json!(self.value));
        m.insert("so_truoc".into(), json!(self.prev.flatten()));
        m.insert(
            "co_ky_truoc".into(),
            json!(matches!(self.prev, Some(Some(_)))),
        );
        Value::Object(m)
    }
}

/// A value written in YAML: a number, or text following the number grammar.
fn cell_number(v: &Option<Spanned<CellValue>>, what: &str, errs: &mut Diagnostics) -> Option<f64> {
    let v = v.as_ref()?;
    match &v.value {
        CellValue::Blank => None,
        CellValue::Paragraphs(_) | CellValue::Merged(..) | CellValue::Covered => {
            errs.error(
                Code::WrongType,
                pos_of(v),
                format!("{what}: cần một số, không phải một danh sách hay một ô gộp"),
            );
            None
        }
        CellValue::Number(n) => Some(*n),
        CellValue::Text(s) => match format::check_vn_number(s) {
            Ok(n) => Some(n),
            Err(e) => {
                errs.error(
                    Code::BadNumber,
                    pos_of(v),
                    format!("{what}: {}", e.message(s, true)),
                );
                None
            }
        },
    }
}

/// The value `lay_tu` names: a column of a row (or of the total row) of a table with an id.
/// None after an error; Some(None) for a blank cell.
fn from_table(
    l: &Spanned<FromTable>,
    tables: &BTreeMap<String, TableData>,
    errs: &mut Diagnostics,
) -> Option<Option<f64>> {
    let f = &l.value;
    match tables.get(f.table.trim()) {
        None => errs.error(Code::BadReference, pos_of(l), format!(
                "lay_tu: không có bảng mã \"{}\"; các bảng có mã: {}",
                f.table,
                tables.keys().cloned().collect::<Vec<_>>().join(", ")
            )),
        Some(t) => match (t.col(f.columns.trim()), t.lookup(f.rows.as_deref().map(str::trim))) {
            (None, _) => errs.error(Code::BadReference, pos_of(l), format!(
                    "lay_tu: bảng \"{}\" không có cột mã \"{}\"",
                    f.table, f.columns
                )),
            (_, Lookup::Repeated(at)) => errs.error(Code::BadReference, pos_of(l), format!(
                    "lay_tu: bảng \"{}\" có {} dòng \"{}\" ({}); không biết lấy dòng nào: đặt tên riêng cho từng dòng hoặc chọn cột khóa khác (khoa)",
                    f.table,
                    at.len(),
                    f.rows.as_deref().unwrap_or("").trim(),
                    super::table::places(&at)
                )),
            (_, Lookup::Missing) => errs.error(Code::BadReference, pos_of(l), match &f.rows {
                    Some(d) => format!("lay_tu: bảng \"{}\" không có dòng \"{d}\"", f.table),
                    None => format!(
                        "lay_tu: bảng \"{}\" không có dòng tổng (thêm \"dong_tong\" hoặc ghi \"dong\")",
                        f.table
                    ),
                }),
            (Some(c), Lookup::Found(r)) => return Some(r.get(c).and_then(CellValue::number)),
        },
    }
    None
}

/// The computed indicators and where each id was first written, for duplicate messages.
struct Registry {
    out: Indicators,
    first_pos: BTreeMap<String, Option<Pos>>,
}

impl Registry {
    /// Add `ind` under `id`, unless the id is malformed or already used.
    fn register(&mut self, id: &Spanned<String>, ind: Ind, errs: &mut Diagnostics) {
        let key = id.value.trim().to_string();
        let valid = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if !valid {
            errs.error(Code::BadCharacter, pos_of(id), format!(
                    "mã chỉ tiêu \"{key}\" không hợp lệ: chỉ dùng chữ, số, \"_\" hoặc \"-\", không dấu cách, không dấu chấm"
                ));
            return;
        }
        if let Some(p) = self.first_pos.get(&key) {
            errs.error(
                Code::Duplicate,
                pos_of(id),
                format!(
                    "mã chỉ tiêu \"{key}\" bị trùng (đã dùng ở dòng {})",
                    p.map(|p| p.line.to_string()).unwrap_or("?".into())
                ),
            );
            return;
        }
        self.first_pos.insert(key.clone(), pos_of(id));
        self.out.insert(key, ind);
    }
}

/// Compute the indicators of one report (without the previous one).
pub fn compute(
    list: &[Spanned<Indicator>],
    tables: &BTreeMap<String, TableData>,
    errs: &mut Diagnostics,
) -> Indicators {
    let mut reg = Registry {
        out: Indicators::new(),
        first_pos: BTreeMap::new(),
    };
    let mut totals: Vec<(String, Spanned<CellValue>)> = Vec::new();
    for s in list {
        let i = &s.value;
        let unit = i.unit.as_ref().map(|u| u.value.clone()).unwrap_or_default();
        let decimals = i.decimals.unwrap_or(format::number::DEFAULT_DECIMALS);
        let value = indicator_value(i, tables, errs);
        let target = indicator_target(i, decimals, errs);
        let as_of = match &i.as_of {
            None => None,
            Some(d) => match format::parse_date(&d.value) {
                Ok(x) => Some(x),
                Err(m) => {
                    errs.error(Code::BadDate, pos_of(d), m);
                    None
                }
            },
        };
        let parts = register_parts(i, &unit, decimals, &mut reg, errs);
        check_parts_sum(s, value, &parts, decimals, errs);
        if let Some(t) = &i.of {
            totals.push((i.id.value.trim().to_string(), t.clone()));
        }
        reg.register(
            &i.id,
            Ind {
                name: i.name.clone().unwrap_or_default(),
                unit,
                value,
                target,
                has_total: i.of.is_some(),
                as_of,
                parts,
                decimals,
                unit_pos: i.unit.as_ref().and_then(pos_of).or(pos_of(&i.id)),
                ..Default::default()
            },
            errs,
        );
    }
    let mut out = reg.out;
    shares(&totals, &mut out, errs);
    out
}

/// The value of an indicator: `gia_tri`, or the table cell `lay_tu` names (one of the two).
fn indicator_value(
    i: &Indicator,
    tables: &BTreeMap<String, TableData>,
    errs: &mut Diagnostics,
) -> Option<f64> {
    let mut value = cell_number(&i.value, "giá trị", errs);
    if let Some(l) = &i.from_table {
        if i.value.is_some() {
            errs.error(
                Code::Conflict,
                pos_of(l),
                "chỉ tiêu chỉ dùng một trong hai khóa \"gia_tri\" hoặc \"lay_tu\"",
            );
        }
        if let Some(v) = from_table(l, tables, errs) {
            value = v;
        }
    } else if i.value.is_none() {
        errs.error(
            Code::MissingKey,
            pos_of(&i.id),
            format!(
                "chỉ tiêu \"{}\" thiếu \"gia_tri\" (ghi ~ nếu chưa có số liệu) hoặc \"lay_tu\"",
                i.id.value
            ),
        );
    }
    value
}

/// `muc_tieu`, which must be greater than 0.
fn indicator_target(i: &Indicator, decimals: usize, errs: &mut Diagnostics) -> Option<f64> {
    let target = cell_number(&i.target, "chỉ tiêu giao (muc_tieu)", errs);
    if let (Some(t), Some(m)) = (target, &i.target)
        && t <= 0.0
    {
        errs.error(Code::OutOfRange, pos_of(m), format!(
                "chỉ tiêu giao (muc_tieu) của chỉ tiêu \"{}\" là {}: chỉ tiêu giao phải lớn hơn 0 (bỏ khóa muc_tieu nếu không giao chỉ tiêu)",
                i.id.value.trim(),
                format::number(t, Some(decimals))
            ));
    }
    target
}

/// The parts (`thanh_phan`) of an indicator, each registered as an indicator of its own in
/// the unit of the whole. Returns (name, value) of each.
fn register_parts(
    i: &Indicator,
    unit: &str,
    decimals: usize,
    reg: &mut Registry,
    errs: &mut Diagnostics,
) -> Vec<(String, Option<f64>)> {
    let mut parts = Vec::new();
    for p in &i.parts {
        let pv = cell_number(&Some(p.value.value.clone()), "giá trị thành phần", errs);
        parts.push((p.value.name.clone().unwrap_or_default(), pv));
        reg.register(
            &p.value.id,
            Ind {
                name: p.value.name.clone().unwrap_or_default(),
                unit: unit.to_string(),
                value: pv,
                decimals,
                unit_pos: i.unit.as_ref().and_then(pos_of),
                ..Default::default()
            },
            errs,
        );
    }
    parts
}

/// The parts, when all are known, must add up to the value.
fn check_parts_sum(
    s: &Spanned<Indicator>,
    value: Option<f64>,
    parts: &[(String, Option<f64>)],
    decimals: usize,
    errs: &mut Diagnostics,
) {
    let i = &s.value;
    let Some(v) = value else { return };
    if parts.is_empty() || !parts.iter().all(|p| p.1.is_some()) {
        return;
    }
    let sum: f64 = parts.iter().filter_map(|p| p.1).sum();
    if (sum - v).abs() > 1e-9 * v.abs().max(1.0) {
        let terms = parts
            .iter()
            .filter_map(|p| p.1)
            .map(|x| format::number(x, Some(decimals)))
            .collect::<Vec<_>>()
            .join(" + ");
        errs.error(Code::Conflict, i.value.as_ref().and_then(pos_of).or(pos_of(s)), format!(
                "các thành phần của chỉ tiêu \"{}\" không cộng lại bằng giá trị: {terms} = {}, nhưng gia_tri là {}",
                i.id.value,
                format::number(sum, Some(decimals)),
                format::number(v, Some(decimals))
            ));
    }
}

/// Shares: `tren` names another indicator (not itself, and not in a cycle of `tren`
/// references) or is a number greater than 0.
fn shares(totals: &[(String, Spanned<CellValue>)], out: &mut Indicators, errs: &mut Diagnostics) {
    // Text that is not a number names an indicator.
    let named = |t: &Spanned<CellValue>| match &t.value {
        CellValue::Text(name)
            if format::check_vn_number(name) == Err(format::NumberTextError::NotANumber) =>
        {
            Some(name.trim().to_string())
        }
        _ => None,
    };
    for (_, t) in totals {
        if let CellValue::Text(s) = &t.value
            && let Err(e) = format::check_vn_number(s)
            && e != format::NumberTextError::NotANumber
        {
            errs.error(
                Code::BadNumber,
                pos_of(t),
                format!("tren: {}", e.message(s, true)),
            );
        }
    }
    let next: BTreeMap<&str, String> = totals
        .iter()
        .filter_map(|(id, t)| Some((id.as_str(), named(t)?)))
        .collect();
    let mut in_cycle: Vec<String> = Vec::new();
    for (id, t) in totals {
        let total = match named(t) {
            Some(name) if name == *id => {
                errs.error(Code::BadReference, pos_of(t), format!(
                        "tren: chỉ tiêu \"{id}\" không thể tính tỷ lệ trên chính nó; ghi mã chỉ tiêu tổng khác hoặc một số"
                    ));
                None
            }
            Some(name) => match out.get(&name) {
                Some(o) => {
                    if !in_cycle.contains(id)
                        && let Some(cycle) = cycle_from(id, &next)
                    {
                        errs.error(Code::BadReference, pos_of(t), format!(
                                "tren: các chỉ tiêu tính tỷ lệ trên nhau thành vòng ({}); tổng của một tỷ lệ không thể là tỷ lệ trên chính nó",
                                cycle.join(" → ")
                            ));
                        in_cycle.extend(cycle);
                    }
                    o.value
                }
                None => {
                    errs.error(
                        Code::BadReference,
                        pos_of(t),
                        format!(
                            "tren: không có chỉ tiêu mã \"{name}\"; các mã: {}",
                            out.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    );
                    None
                }
            },
            None => {
                let n = t.value.number();
                if let Some(x) = n
                    && x <= 0.0
                {
                    errs.error(
                        Code::OutOfRange,
                        pos_of(t),
                        format!(
                            "tren: tổng để tính tỷ lệ là {}, phải lớn hơn 0",
                            format::number(x, None)
                        ),
                    );
                }
                n
            }
        };
        if let Some(i) = out.get_mut(id) {
            i.total = total;
        }
    }
}

/// The cycle of `tren` references that starts and ends at `start` ("a → b → a"), if any.
fn cycle_from(start: &str, next: &BTreeMap<&str, String>) -> Option<Vec<String>> {
    let mut path = vec![start.to_string()];
    let mut at = start;
    while let Some(n) = next.get(at) {
        if n == start {
            path.push(n.clone());
            return Some(path);
        }
        if path.contains(n) {
            return None;
        }
        path.push(n.clone());
        at = n;
    }
    None
}

/// Fill each indicator's previous value; a unit that changed is an error.
pub fn apply_previous(
    now: &mut Indicators,
    prev: &Indicators,
    prev_path: &Path,
    errs: &mut Diagnostics,
) {
    for (id, i) in now.iter_mut() {
        let Some(p) = prev.get(id) else { continue };
        if p.unit.trim() != i.unit.trim() {
            errs.error(Code::Conflict, i.unit_pos, format!(
                    "đơn vị của chỉ tiêu \"{id}\" là \"{}\" nhưng ở kỳ trước ({}) là \"{}\"; hai kỳ phải cùng đơn vị để so sánh",
                    i.unit,
                    prev_path.display(),
                    p.unit
                ));
            continue;
        }
        i.prev = Some(p.value);
        i.prev_share = p.share();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(v: Option<f64>, prev: Option<Option<f64>>, unit: &str) -> Ind {
        Ind {
            unit: unit.into(),
            value: v,
            prev,
            decimals: 2,
            ..Default::default()
        }
    }

    #[test]
    fn change_wording() {
        let up = ind(Some(5339392.0), Some(Some(5069872.0)), "lượt");
        assert_eq!(up.attr("thay_doi").unwrap(), "tăng 269.520 lượt");
        assert_eq!(
            up.attr("ket_qua").unwrap(),
            "5.339.392 lượt (tăng 269.520 lượt so với kỳ báo cáo trước)"
        );
        let down = ind(Some(12.0), Some(Some(15.0)), "cơ sở");
        assert_eq!(down.attr("thay_doi").unwrap(), "giảm 3 cơ sở");
        let same = ind(Some(12.0), Some(Some(12.0)), "cơ sở");
        assert_eq!(
            same.attr("so_voi_ky_truoc").unwrap(),
            "không thay đổi so với kỳ báo cáo trước"
        );
        // Present now, absent then: no change, no parentheses.
        let new = ind(Some(12.0), None, "cơ sở");
        assert_eq!(new.attr("thay_doi").unwrap(), "");
        assert_eq!(new.attr("ket_qua").unwrap(), "12 cơ sở");
        // Previously blank: no change either.
        let blank_then = ind(Some(12.0), Some(None), "cơ sở");
        assert_eq!(blank_then.attr("ket_qua").unwrap(), "12 cơ sở");
        // Zero and missing.
        let zero = ind(Some(0.0), Some(Some(3.0)), "cơ sở");
        assert_eq!(
            zero.attr("ket_qua").unwrap(),
            "không phát sinh (giảm 3 cơ sở so với kỳ báo cáo trước)"
        );
        let none = ind(None, Some(Some(3.0)), "cơ sở");
        assert_eq!(none.attr("ket_qua").unwrap(), "chưa có số liệu");
        assert_eq!(none.attr("thay_doi").unwrap(), "");
        // Negative values keep their sign; the change reads as words.
        let neg = ind(Some(-3.0), Some(Some(2.0)), "tỷ đồng");
        assert_eq!(neg.attr("so_luong").unwrap(), "-3 tỷ đồng");
        assert_eq!(neg.attr("thay_doi").unwrap(), "giảm 5 tỷ đồng");
    }

    #[test]
    fn rates_change_in_points() {
        let r = ind(Some(67.5), Some(Some(66.48)), "%");
        assert_eq!(r.attr("so_luong").unwrap(), "67,5%");
        assert_eq!(r.attr("thay_doi").unwrap(), "tăng 1,02 điểm phần trăm");
    }

    #[test]
    fn share_and_target() {
        let mut i = ind(Some(780355.0), None, "trẻ em");
        i.total = Some(960281.0);
        i.has_total = true;
        assert_eq!(i.attr("ty_le").unwrap(), "81,26%");
        i.total = Some(0.0);
        assert_eq!(i.attr("ty_le").unwrap(), "");
        let mut t = ind(Some(2336438.0), None, "hồ sơ");
        t.target = Some(1620967.0);
        assert_eq!(
            t.attr("dat_chi_tieu").unwrap(),
            "vượt chỉ tiêu 715.471 hồ sơ (đạt 144,14%)"
        );
        t.value = Some(1620967.0);
        assert_eq!(t.attr("dat_chi_tieu").unwrap(), "đạt 100% chỉ tiêu");
        t.value = Some(1000000.0);
        assert_eq!(
            t.attr("dat_chi_tieu").unwrap(),
            "đạt 61,69% chỉ tiêu (còn thiếu 620.967 hồ sơ)"
        );
        assert!(ind(Some(1.0), None, "").attr("dat_chi_tieu").is_err());
        assert!(ind(Some(1.0), None, "").attr("xyz").is_err());
    }

    fn computed(yaml: &str) -> (Indicators, Vec<String>) {
        let list: Vec<Spanned<Indicator>> = crate::load::parse_yaml(yaml).unwrap();
        let mut errs = Diagnostics::new();
        let inds = compute(&list, &BTreeMap::new(), &mut errs);
        (inds, errs.into_iter().map(|e| e.message).collect())
    }

    fn codes(yaml: &str) -> Vec<Code> {
        let list: Vec<Spanned<Indicator>> = crate::load::parse_yaml(yaml).unwrap();
        let mut errs = Diagnostics::new();
        compute(&list, &BTreeMap::new(), &mut errs);
        errs.codes()
    }

    #[test]
    fn each_problem_has_its_code() {
        for (yaml, code) in [
            ("- {id: a, gia_tri: 1, tren: a}\n", Code::BadReference),
            ("- {id: a, gia_tri: 1, tren: b}\n", Code::BadReference),
            ("- {id: a, gia_tri: 1, tren: 0}\n", Code::OutOfRange),
            ("- {id: a, gia_tri: \"1.2.3\"}\n", Code::BadNumber),
            ("- {id: a, gia_tri: 1, muc_tieu: 0}\n", Code::OutOfRange),
            ("- {id: a}\n", Code::MissingKey),
            (
                "- {id: a, gia_tri: 1}\n- {id: a, gia_tri: 2}\n",
                Code::Duplicate,
            ),
            ("- {id: a b, gia_tri: 1}\n", Code::BadCharacter),
        ] {
            assert_eq!(codes(yaml), [code], "{yaml}");
        }
    }

    #[test]
    fn shares_of_itself_or_in_a_cycle_are_errors() {
        let (_, e) = computed("- {id: a, gia_tri: 1, tren: a}\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("trên chính nó"), "{e:?}");
        let (_, e) = computed("- {id: a, gia_tri: 1, tren: b}\n- {id: b, gia_tri: 2, tren: a}\n");
        assert_eq!(
            e,
            [
                "tren: các chỉ tiêu tính tỷ lệ trên nhau thành vòng (a → b → a); tổng của một tỷ lệ không thể là tỷ lệ trên chính nó"
            ]
        );
        // A chain is fine.
        let (inds, e) = computed(
            "- {id: a, gia_tri: 1, tren: b}\n- {id: b, gia_tri: 2, tren: c}\n- {id: c, gia_tri: 4}\n",
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(inds["a"].attr("ty_le").unwrap(), "50%");
        assert_eq!(inds["b"].attr("ty_le").unwrap(), "50%");
        let (_, e) = computed("- {id: a, gia_tri: 1, tren: \"12.34.5\"}\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("tren: \"12.34.5\" không phải là số viết đúng cách"),
            "{e:?}"
        );
        let (_, e) = computed("- {id: a, gia_tri: 1, tren: 0}\n");
        assert!(e[0].contains("phải lớn hơn 0"), "{e:?}");
    }

    #[test]
    fn a_target_must_be_positive() {
        for t in ["0", "-5", "\"0\""] {
            let (_, e) = computed(&format!("- {{id: a, gia_tri: 1, muc_tieu: {t}}}\n"));
            assert_eq!(e.len(), 1, "{t}: {e:?}");
            assert!(e[0].contains("phải lớn hơn 0"), "{e:?}");
        }
        let (inds, e) = computed("- {id: a, gia_tri: 1, muc_tieu: \"1.000\"}\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(inds["a"].target, Some(1000.0));
    }

    #[test]
    fn values_written_as_text_follow_the_grammar() {
        let (inds, e) =
            computed("- {id: a, gia_tri: \"5.339.392\"}\n- {id: b, gia_tri: \"99,64\"}\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(
            (inds["a"].value, inds["b"].value),
            (Some(5339392.0), Some(99.64))
        );
        for bad in ["1.2.3", "1,2.3", "12.34.5", "99.64"] {
            let (_, e) = computed(&format!("- {{id: a, gia_tri: \"{bad}\"}}\n"));
            assert_eq!(e.len(), 1, "{bad}: {e:?}");
            assert!(
                e[0].starts_with(&format!("giá trị: \"{bad}\" không phải là số")),
                "{e:?}"
            );
        }
    }
}
