//! Vietnamese formatting filters for templates. Each wraps a function of `crate::format`, so
//! templates and Rust code format the same way.

use std::collections::HashMap;

use serde_json::Value;
use tera::{Result, Tera, to_value, try_get_value};

use crate::format;

/// Decimal places a template can ask for (`le=`), at most: an f64 holds about 15
/// significant digits.
pub const MAX_DECIMALS: u64 = 15;

/// The `le` argument of filter `name`: an integer from 0 to [`MAX_DECIMALS`], if given.
fn decimals(args: &HashMap<String, Value>, name: &str) -> Result<Option<usize>> {
    match args.get("le") {
        None => Ok(None),
        Some(v) => match v.as_u64().filter(|d| *d <= MAX_DECIMALS) {
            Some(d) => Ok(Some(d as usize)),
            None => Err(tera::Error::msg(format!(
                "bộ lọc {name}: le (số chữ số thập phân) phải là số nguyên từ 0 đến {MAX_DECIMALS}, gặp {v}"
            ))),
        },
    }
}

fn as_number(v: &Value, name: &str) -> Result<Option<f64>> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(n.as_f64()),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => crate::format::parse_vn_number(s)
            .map(Some)
            .ok_or_else(|| tera::Error::msg(format!("bộ lọc {name}: \"{s}\" không phải là số"))),
        other => Err(tera::Error::msg(format!(
            "bộ lọc {name}: cần một số, gặp {other}"
        ))),
    }
}

/// `{{ x | so }}` → "5.339.392"; `{{ x | so(le=2) }}` → "1.234,5".
fn so(v: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let d = decimals(args, "so")?;
    Ok(match as_number(v, "so")? {
        Some(n) => to_value(format::number(n, d))?,
        None => to_value("")?,
    })
}

/// `{{ x | ty_le }}` → "66,9%" (x already in percent).
fn ty_le(v: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    Ok(match as_number(v, "ty_le")? {
        Some(n) => to_value(format::percent(n, decimals(args, "ty_le")?.unwrap_or(2)))?,
        None => to_value("")?,
    })
}

/// `{{ 2 | so_hai_chu_so }}` → "02".
fn so_hai_chu_so(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let n = as_number(v, "so_hai_chu_so")?.unwrap_or(0.0);
    // Beyond 2^53 a float holds no exact integer, and `as` would saturate silently.
    if !n.is_finite() || n.abs() > 9_007_199_254_740_992.0 {
        return Err(tera::Error::msg(format!(
            "bộ lọc so_hai_chu_so: số {n} quá lớn để viết thành số nguyên"
        )));
    }
    Ok(to_value(format::integer_padded(n.round() as i64, 2))?)
}

/// `{{ "2024-02-05" | ngay }}` → "ngày 05 tháng 02 năm 2024"; `ngay(kieu="ngan")` → "05/02/2024".
fn ngay(v: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let s = try_get_value!("ngay", "value", String, v);
    let d = format::parse_date(&s).map_err(tera::Error::msg)?;
    let short = args.get("kieu").and_then(|v| v.as_str()) == Some("ngan");
    Ok(to_value(if short {
        format::date_short(d)
    } else {
        format::date_long(d)
    })?)
}

/// `{{ "2024-Q1" | ky }}` → "Quý I/2024".
fn ky(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let s = try_get_value!("ky", "value", String, v);
    let p = format::Period::parse(&s).map_err(tera::Error::msg)?;
    Ok(to_value(p.display())?)
}

/// `{{ 4 | la_ma }}` → "IV".
fn la_ma(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let n = try_get_value!("la_ma", "value", u32, v);
    Ok(to_value(format::roman(n))?)
}

/// `{{ 5 | chu_cai }}` → "đ".
fn chu_cai(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let n = try_get_value!("chu_cai", "value", usize, v);
    Ok(to_value(format::viet_letter(n))?)
}

/// `{{ "ủy ban" | hoa }}` → "ỦY BAN".
fn hoa(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let s = try_get_value!("hoa", "value", String, v);
    Ok(to_value(format::upper(&s))?)
}

/// `{{ text | inline | safe }}`: user text with **đậm**, *nghiêng*, ^[chú thích] marks to
/// escaped markup.
fn inline(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let markup = match v {
        Value::Null => String::new(),
        Value::String(s) => super::inline::to_markup(s),
        other => super::inline::to_markup(&other.to_string()),
    };
    Ok(Value::String(markup))
}

pub fn register(tera: &mut Tera) {
    tera.register_filter("so", so);
    tera.register_filter("ty_le", ty_le);
    tera.register_filter("so_hai_chu_so", so_hai_chu_so);
    tera.register_filter("ngay", ngay);
    tera.register_filter("ky", ky);
    tera.register_filter("la_ma", la_ma);
    tera.register_filter("chu_cai", chu_cai);
    tera.register_filter("hoa", hoa);
    tera.register_filter("inline", inline);
}
