//! Computed columns of statistics tables: a formula between two columns or numbers
//! (`cong_thuc: truc_tuyen / tong_ho_so`), and the signed change against the previous report.

use crate::error::{Code, Error};
use crate::format::{self, NumberTextError};
use crate::model::CellValue;

use super::table::{col_index, id_list};

#[derive(Debug, Clone)]
enum Operand {
    Col(usize),
    Const(f64),
}

#[derive(Debug, Clone)]
pub(super) struct Formula {
    a: Operand,
    op: char,
    b: Operand,
}

/// A computed column's formula; an error is `so-sai` for a formula or number that cannot be
/// read, `tham-chieu` for an unknown column.
pub(super) fn parse_formula(s: &str, ids: &[Option<String>]) -> Result<Formula, Error> {
    let t = s.trim();
    let bad = || {
        Error::new(
            Code::BadNumber,
            format!(
                "công thức \"{t}\" không hợp lệ; cần dạng \"cot_a / cot_b\" (phép tính +, -, *, / giữa hai mã cột hoặc số)"
            ),
        )
    };
    let i = t
        .char_indices()
        .skip(1)
        .find(|(_, c)| "+-*/".contains(*c))
        .map(|(i, _)| i)
        .ok_or_else(bad)?;
    let op = t[i..].chars().next().ok_or_else(bad)?;
    let operand = |x: &str| -> Result<Operand, Error> {
        let x = x.trim();
        if x.is_empty() {
            return Err(bad());
        }
        if let Some(i) = col_index(ids, x) {
            return Ok(Operand::Col(i));
        }
        match format::check_vn_number(x) {
            Ok(n) => return Ok(Operand::Const(n)),
            Err(NumberTextError::NotANumber) => {}
            Err(e) => {
                return Err(Error::new(
                    Code::BadNumber,
                    format!("công thức \"{t}\": {}", e.message(x, false)),
                ));
            }
        }
        Err(Error::new(
            Code::BadReference,
            format!(
                "công thức \"{t}\": không có cột mã \"{x}\"; các mã cột: {}",
                id_list(ids)
            ),
        ))
    };
    Ok(Formula {
        a: operand(&t[..i])?,
        op,
        b: operand(&t[i + 1..])?,
    })
}

pub(super) fn eval(f: &Formula, row: &[CellValue], percent: bool) -> CellValue {
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
pub(super) fn signed_change(now: f64, before: f64) -> String {
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
            CellValue::Paragraphs(_) | CellValue::Merged(..) | CellValue::Covered => {
                panic!("a formula gives a number, a blank or text")
            }
        };
        assert_eq!(pct(&[n(31809.0), n(31693.0)]), "99,64%");
        assert_eq!(pct(&[n(45.0), n(45.0)]), "100%");
        assert_eq!(pct(&[n(3.0), n(0.0)]), "0%");
        assert_eq!(pct(&[n(0.0), n(0.0)]), "");
        assert_eq!(pct(&[CellValue::Blank, n(63.0)]), "");
        assert_eq!(pct(&[n(5.0), CellValue::Blank]), "");
        let code = |f: &str| parse_formula(f, &cols).map(|_| ()).unwrap_err().code;
        assert_eq!(code("tt / khong_co"), Code::BadReference);
        assert_eq!(code("tt"), Code::BadNumber);
        let sum = parse_formula("tong + 1,5", &cols).unwrap();
        assert_eq!(eval(&sum, &[n(1.0), n(0.0)], false), n(2.5));
    }

    #[test]
    fn constants_follow_the_number_grammar() {
        let cols = ids(&["a"]);
        assert!(parse_formula("a * 1.000", &cols).is_ok());
        let e = parse_formula("a * 0.5", &cols).unwrap_err();
        assert_eq!(e.code, Code::BadNumber);
        assert!(
            e.message.contains("\"0.5\"") && e.message.contains("0,5"),
            "{e}"
        );
    }
}
