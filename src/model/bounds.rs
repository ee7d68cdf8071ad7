//! The range of every numeric setting in the YAML. Each is checked as the value is read
//! (`#[serde(deserialize_with = …)]`), so the error points at the value itself
//! (file:line:column) and says which range was expected; NaN and infinities are outside every
//! range. The README's table "Giới hạn của các thiết lập số" lists the same ranges, and a test
//! keeps the two in step.
//!
//! Values inside a range convert to the field's type exactly (checked, never by saturation),
//! so nothing downstream sees a size of 1e30 pt or 2^64 decimal places.

use serde::de::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

use crate::error::{self, Code, Error};
use crate::format;

/// A documented range for one setting.
#[derive(Debug)]
pub struct Bound {
    /// The YAML key as the README names it ("so_le", "trinh_bay.co_chu").
    pub key: &'static str,
    /// What it is, for messages ("số chữ số thập phân").
    pub what: &'static str,
    pub min: f64,
    pub max: f64,
    /// Whole numbers only.
    pub integer: bool,
    /// Unit written after the range ("pt", "mm"); may be empty.
    pub unit: &'static str,
    /// The range is Decree 30's (the message says so).
    pub nd30: bool,
}

const fn int(key: &'static str, what: &'static str, min: f64, max: f64) -> Bound {
    Bound {
        key,
        what,
        min,
        max,
        integer: true,
        unit: "",
        nd30: false,
    }
}

const fn real(
    key: &'static str,
    what: &'static str,
    min: f64,
    max: f64,
    unit: &'static str,
) -> Bound {
    Bound {
        key,
        what,
        min,
        max,
        integer: false,
        unit,
        nd30: false,
    }
}

const fn nd30(b: Bound) -> Bound {
    Bound { nd30: true, ..b }
}

pub const SO: Bound = int("so", "số văn bản", 1.0, 9_999_999.0);
pub const CO_CHU: Bound = nd30(real(
    "trinh_bay.co_chu",
    "cỡ chữ nội dung",
    13.0,
    14.0,
    "pt",
));
pub const GIAN_DONG: Bound = nd30(real("trinh_bay.gian_dong", "giãn dòng", 1.0, 1.5, "lần"));
pub const LE_TREN: Bound = nd30(real("trinh_bay.le_tren", "lề trên", 20.0, 25.0, "mm"));
pub const LE_DUOI: Bound = nd30(real("trinh_bay.le_duoi", "lề dưới", 20.0, 25.0, "mm"));
pub const LE_TRAI: Bound = nd30(real("trinh_bay.le_trai", "lề trái", 30.0, 35.0, "mm"));
pub const LE_PHAI: Bound = nd30(real("trinh_bay.le_phai", "lề phải", 15.0, 20.0, "mm"));
pub const CO_CHU_BANG: Bound = real(
    "trinh_bay.co_chu_bang",
    "cỡ chữ trong bảng",
    10.0,
    14.0,
    "pt",
);
pub const BANG_CO_CHU: Bound = real("bang.co_chu", "cỡ chữ của bảng", 10.0, 14.0, "pt");
pub const RONG: Bound = real("cot.rong", "độ rộng tương đối của cột", 0.01, 1000.0, "");
pub const SO_LE: Bound = int("so_le", "số chữ số thập phân", 0.0, 6.0);
/// The rows of a worksheet (Excel's limit).
pub const DONG_TIEU_DE: Bound = int("nguon.dong_tieu_de", "dòng tiêu đề", 1.0, 1_048_576.0);
pub const THONG_BAO_TRUOC: Bound = Bound {
    unit: "ngày làm việc",
    ..int(
        "quy_tac.thong_bao_truoc",
        "số ngày làm việc gửi thông báo trước ngày kiểm tra",
        1.0,
        30.0,
    )
};
pub const THONG_BAO_KET_QUA: Bound = Bound {
    unit: "ngày làm việc",
    ..int(
        "quy_tac.thong_bao_ket_qua",
        "số ngày làm việc để thông báo kết quả kiểm tra",
        1.0,
        60.0,
    )
};
pub const SO_DONG_NHAN_XET: Bound = int(
    "phieu.so_dong_nhan_xet",
    "số dòng để trống cho nhận xét",
    1.0,
    30.0,
);
pub const SO_DOAN: Bound = int("doan.so", "số hiệu đoàn kiểm tra", 1.0, 999.0);
pub const GOP_DONG: Bound = int("gop_dong", "số dòng của ô gộp", 1.0, 100_000.0);
pub const GOP_COT: Bound = int("gop_cot", "số cột của ô gộp", 1.0, 100.0);
pub const CAP_NHOM: Bound = int("cap", "cấp của dòng nhóm", 1.0, 2.0);

/// Every setting, for the README check.
pub const ALL: &[&Bound] = &[
    &SO,
    &CO_CHU,
    &GIAN_DONG,
    &LE_TREN,
    &LE_DUOI,
    &LE_TRAI,
    &LE_PHAI,
    &CO_CHU_BANG,
    &BANG_CO_CHU,
    &RONG,
    &SO_LE,
    &DONG_TIEU_DE,
    &THONG_BAO_TRUOC,
    &THONG_BAO_KET_QUA,
    &SO_DONG_NHAN_XET,
    &SO_DOAN,
    &GOP_DONG,
    &GOP_COT,
    &CAP_NHOM,
];

impl Bound {
    /// "cần số nguyên từ 1 đến 30 ngày làm việc".
    pub fn expected(&self) -> String {
        let n = |x: f64| format::number(x, Some(6));
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        format!(
            "cần {} từ {} đến {}{unit}{}",
            if self.integer { "số nguyên" } else { "số" },
            n(self.min),
            n(self.max),
            if self.nd30 {
                " (Nghị định 30)"
            } else {
                ""
            }
        )
    }

    /// The value written as `text` (a YAML number) if it is inside the range; otherwise the
    /// diagnostic, quoting the text as written: `so-sai` for what is no finite number,
    /// `ngoai-gioi-han` for a number outside the range (a fraction where a whole number
    /// belongs too).
    pub fn check(&self, text: &str) -> Result<f64, Error> {
        let head = format!("{} ({})", self.what, self.key);
        let t = text.trim();
        let Some(v) = yaml_number(t) else {
            return Err(Error::new(
                Code::BadNumber,
                format!("{head} = \"{t}\" không phải là số; {}", self.expected()),
            ));
        };
        if !v.is_finite() {
            return Err(Error::new(
                Code::BadNumber,
                format!("{head} = {t} không phải là số hữu hạn; {}", self.expected()),
            ));
        }
        if self.integer && v.fract() != 0.0 {
            return Err(Error::new(
                Code::OutOfRange,
                format!("{head} = {t} không phải số nguyên; {}", self.expected()),
            ));
        }
        if v < self.min || v > self.max {
            return Err(Error::new(
                Code::OutOfRange,
                format!(
                    "{head} = {t} nằm ngoài khoảng cho phép; {}",
                    self.expected()
                ),
            ));
        }
        Ok(v)
    }
}

/// A plain YAML number as written: decimal, `0x`/`0o` integers, `_` separators, `.inf`,
/// `.nan`; None for anything else.
fn yaml_number(t: &str) -> Option<f64> {
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let body = body.replace('_', "");
    let v = match body.as_str() {
        ".inf" | ".Inf" | ".INF" => f64::INFINITY,
        ".nan" | ".NaN" | ".NAN" => f64::NAN,
        b if b.starts_with("0x") => u64::from_str_radix(&b[2..], 16).ok()? as f64,
        b if b.starts_with("0o") => u64::from_str_radix(&b[2..], 8).ok()? as f64,
        b if !b.is_empty()
            && b.bytes()
                .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'-' | b'+'))
            && b.starts_with(|c: char| c.is_ascii_digit() || c == '.') =>
        {
            b.parse::<f64>().ok()?
        }
        _ => return None,
    };
    Some(if negative { -v } else { v })
}

/// Field types a checked value converts to exactly.
pub trait FromChecked: Sized {
    fn from_checked(v: f64) -> Option<Self>;
}

impl FromChecked for f32 {
    fn from_checked(v: f64) -> Option<f32> {
        // Every range is far inside f32; the value was checked to be finite.
        let x = v as f32;
        x.is_finite().then_some(x)
    }
}

/// A whole number in 0..2^53 (exact in f64).
fn whole(v: f64) -> Option<u64> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    (v.fract() == 0.0 && (0.0..EXACT).contains(&v)).then_some(v as u64)
}

impl FromChecked for u32 {
    fn from_checked(v: f64) -> Option<u32> {
        whole(v).and_then(|w| u32::try_from(w).ok())
    }
}

impl FromChecked for u8 {
    fn from_checked(v: f64) -> Option<u8> {
        whole(v).and_then(|w| u8::try_from(w).ok())
    }
}

impl FromChecked for usize {
    fn from_checked(v: f64) -> Option<usize> {
        whole(v).and_then(|w| usize::try_from(w).ok())
    }
}

fn read<'de, D: Deserializer<'de>, T: FromChecked>(
    d: D,
    b: &Bound,
) -> Result<Option<Spanned<T>>, D::Error> {
    // Read as written, so that messages quote the value and anything that is not a number
    // gets the range too.
    let Some(v) = Option::<Spanned<String>>::deserialize(d)? else {
        return Ok(None);
    };
    let x = b.check(&v.value).map_err(|e| e.to_serde::<D::Error>())?;
    let x = T::from_checked(x).ok_or_else(|| error::de(Code::OutOfRange, b.expected()))?;
    Ok(Some(Spanned::new(x, v.referenced, v.defined)))
}

fn plain<'de, D: Deserializer<'de>, T: FromChecked>(
    d: D,
    b: &Bound,
) -> Result<Option<T>, D::Error> {
    Ok(read(d, b)?.map(|s| s.value))
}

fn required<'de, D: Deserializer<'de>, T: FromChecked>(d: D, b: &Bound) -> Result<T, D::Error> {
    plain(d, b)?.ok_or_else(|| {
        error::de(
            Code::Empty,
            format!("{} ({}) để trống; {}", b.what, b.key, b.expected()),
        )
    })
}

/// How each reading shows in the schema: `required` refuses `~`.
fn reading(how: &str) -> crate::model::schema::Reading {
    if how == "required" {
        crate::model::schema::Reading::Required
    } else {
        crate::model::schema::Reading::Optional
    }
}

macro_rules! settings {
    ($($name:ident: $bound:ident => $how:ident -> $t:ty;)*) => {
        $(
            #[doc = concat!("Reads a setting checked against [`", stringify!($bound), "`].")]
            pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                $how(d, &$bound)
            }
        )*

        /// The JSON Schema of each setting, from the same bound and reading.
        pub mod schemas {
            $(
                #[doc = concat!("The schema of a setting checked against [`super::", stringify!($bound), "`].")]
                pub fn $name(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                    crate::model::schema::bounded(&super::$bound, super::reading(stringify!($how)))
                }
            )*
        }
    };
}

settings! {
    so: SO => read -> Option<Spanned<u32>>;
    co_chu: CO_CHU => read -> Option<Spanned<f32>>;
    gian_dong: GIAN_DONG => read -> Option<Spanned<f32>>;
    le_tren: LE_TREN => read -> Option<Spanned<f32>>;
    le_duoi: LE_DUOI => read -> Option<Spanned<f32>>;
    le_trai: LE_TRAI => read -> Option<Spanned<f32>>;
    le_phai: LE_PHAI => read -> Option<Spanned<f32>>;
    co_chu_bang: CO_CHU_BANG => read -> Option<Spanned<f32>>;
    bang_co_chu: BANG_CO_CHU => read -> Option<Spanned<f32>>;
    rong: RONG => plain -> Option<f32>;
    so_le: SO_LE => plain -> Option<usize>;
    dong_tieu_de: DONG_TIEU_DE => read -> Option<Spanned<u32>>;
    thong_bao_truoc: THONG_BAO_TRUOC => required -> u32;
    thong_bao_ket_qua: THONG_BAO_KET_QUA => required -> u32;
    so_dong_nhan_xet: SO_DONG_NHAN_XET => required -> u32;
    so_doan: SO_DOAN => read -> Option<Spanned<u32>>;
    gop_dong: GOP_DONG => plain -> Option<usize>;
    gop_cot: GOP_COT => plain -> Option<usize>;
    cap_nhom: CAP_NHOM => plain -> Option<u8>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "so_le")]
        so_le: Option<usize>,
        #[serde(default, deserialize_with = "co_chu")]
        co_chu: Option<Spanned<f32>>,
        #[serde(default = "two", deserialize_with = "thong_bao_truoc")]
        thong_bao_truoc: u32,
    }

    fn two() -> u32 {
        2
    }

    fn parse(y: &str) -> Result<T, crate::error::Error> {
        crate::load::parse_yaml::<T>(y)
    }

    #[test]
    fn inside_the_range_converts_exactly() {
        let t = parse("so_le: 6\nco_chu: 13.5\nthong_bao_truoc: 30\n").unwrap();
        assert_eq!(t.so_le, Some(6));
        assert_eq!(t.co_chu.unwrap().value, 13.5);
        assert_eq!(t.thong_bao_truoc, 30);
        let t = parse("so_le: 0x3\nco_chu: 1_3\nthong_bao_truoc: '5'\n").unwrap();
        assert_eq!((t.so_le, t.thong_bao_truoc), (Some(3), 5));
        assert_eq!(t.co_chu.unwrap().value, 13.0);
        let t = parse("so_le: ~\n").unwrap();
        assert_eq!((t.so_le, t.thong_bao_truoc), (None, 2));
    }

    #[test]
    fn outside_the_range_is_an_error_at_the_value() {
        for (yaml, col, part, code) in [
            (
                "so_le: 18446744073709551615\n",
                8,
                "= 18446744073709551615 nằm ngoài khoảng cho phép; cần số nguyên từ 0 đến 6",
                Code::OutOfRange,
            ),
            (
                "so_le: 9223372036854775808\n",
                8,
                "nằm ngoài",
                Code::OutOfRange,
            ),
            (
                "so_le: 99999999999999999999999999\n",
                8,
                "nằm ngoài",
                Code::OutOfRange,
            ),
            (
                "so_le: hai\n",
                8,
                "\"hai\" không phải là số; cần số nguyên từ 0 đến 6",
                Code::BadNumber,
            ),
            ("so_le: true\n", 8, "không phải là số", Code::BadNumber),
            ("so_le: 0x10\n", 8, "= 0x10 nằm ngoài", Code::OutOfRange),
            ("so_le: 10000000000\n", 8, "nằm ngoài", Code::OutOfRange),
            ("so_le: 1e300\n", 8, "nằm ngoài", Code::OutOfRange),
            (
                "so_le: 7\n",
                8,
                "= 7 nằm ngoài khoảng cho phép",
                Code::OutOfRange,
            ),
            ("so_le: -1\n", 8, "nằm ngoài", Code::OutOfRange),
            ("so_le: 2.5\n", 8, "không phải số nguyên", Code::OutOfRange),
            (
                "co_chu: .nan\n",
                9,
                "không phải là số hữu hạn",
                Code::BadNumber,
            ),
            (
                "co_chu: .inf\n",
                9,
                "không phải là số hữu hạn",
                Code::BadNumber,
            ),
            ("co_chu: 1e30\n", 9, "Nghị định 30", Code::OutOfRange),
            ("co_chu: 1000\n", 9, "= 1000 nằm ngoài", Code::OutOfRange),
            (
                "co_chu: -.inf\n",
                9,
                "không phải là số hữu hạn",
                Code::BadNumber,
            ),
            ("co_chu: -14\n", 9, "từ 13 đến 14 pt", Code::OutOfRange),
            (
                "thong_bao_truoc: 4294967295\n",
                18,
                "từ 1 đến 30 ngày làm việc",
                Code::OutOfRange,
            ),
            ("thong_bao_truoc: ~\n", 18, "để trống", Code::Empty),
        ] {
            let e = parse(yaml).unwrap_err();
            assert_eq!(
                e.pos.map(|p| (p.line, p.column)),
                Some((1, col)),
                "{yaml}: {e}"
            );
            assert!(e.message.contains(part), "{yaml}: {}", e.message);
            assert_eq!(e.code, code, "{yaml}: {e}");
        }
    }

    #[test]
    fn every_range_is_documented_in_the_readme() {
        let readme = include_str!("../../README.md");
        for b in ALL {
            let key = b.key.rsplit('.').next().unwrap_or(b.key);
            let row = readme
                .lines()
                .find(|l| l.starts_with('|') && l.contains(&format!("`{}`", b.key)))
                .unwrap_or_else(|| panic!("README has no row for `{}`", b.key));
            let n = |x: f64| format::number(x, Some(6));
            assert!(
                row.contains(&format!("{}–{}", n(b.min), n(b.max))),
                "README row for {key}: {row}"
            );
        }
    }
}
