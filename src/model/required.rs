//! Texts and lists that must not be empty. Each is checked as it is read
//! (`#[serde(deserialize_with = …)]`), so a `ho_ten: "  "` or a `cot: []` is an error at the
//! value's own line and column: a text is blank when nothing is left after trimming spaces.
//!
//! Required keys that the check stage reports (`crate::validate`, every missing one in a
//! run) are read with `#[serde(default)]`: a missing text is left empty, a missing spanned
//! value gets [`absent`]'s unknown location. A written value is never like that (blank
//! texts are refused here, a written value has a place), so the check stage can tell that
//! the key was not written.

use serde::de::{self, Deserialize, Deserializer};

use crate::error::{self, Code};

/// What a missing spanned key is read as: the default value at `Location::UNKNOWN`.
pub fn absent<T: Default>() -> serde_saphyr::Spanned<T> {
    serde_saphyr::Spanned::new(
        T::default(),
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

fn blank_error<E: de::Error>(what: &str) -> E {
    error::de(Code::Empty, format!("{what} không được để trống"))
}

fn text<'de, D: Deserializer<'de>>(d: D, what: &str) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(blank_error(what));
    }
    Ok(s)
}

fn optional_text<'de, D: Deserializer<'de>>(d: D, what: &str) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) if s.trim().is_empty() => Err(blank_error(what)),
        other => Ok(other),
    }
}

fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
    message: &str,
) -> Result<Vec<T>, D::Error> {
    match Option::<Vec<T>>::deserialize(d)? {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(error::de(Code::Empty, message)),
    }
}

macro_rules! texts {
    ($($name:ident => $how:ident -> $t:ty, $what:literal;)*) => {$(
        #[doc = concat!("Reads ", $what, ", which must not be blank.")]
        pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
            $how(d, $what)
        }
    )*};
}

texts! {
    co_quan_ban_hanh => text -> String, "tên cơ quan ban hành (co_quan_ban_hanh)";
    dia_danh => text -> String, "địa danh (dia_danh)";
    trich_yeu => text -> String, "trích yếu (trich_yeu)";
    ho_ten => text -> String, "họ tên người ký (chu_ky.ho_ten)";
    tieu_de => text -> String, "tiêu đề (tieu_de)";
    ten_cot => text -> String, "tên cột (ten)";
    ten => text -> String, "tên (ten)";
    truong_doan => text -> String, "cơ quan trưởng đoàn (truong_doan)";
    muc => optional_text -> Option<String>, "tên mục (muc)";
    phan => optional_text -> Option<String>, "tên phần (phan)";
    nhom => optional_text -> Option<String>, "tên nhóm của dòng (nhom)";
    optional_tieu_de => optional_text -> Option<String>, "tiêu đề (tieu_de)";
    nhan_phu_luc => optional_text -> Option<String>, "nhãn phụ lục (nhan)";
}

macro_rules! lists {
    ($($name:ident, $what:literal;)*) => {$(
        #[doc = concat!("Reads a list that must have at least one item (otherwise: ", $what, ").")]
        pub fn $name<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
            d: D,
        ) -> Result<Vec<T>, D::Error> {
            list(d, $what)
        }
    )*};
}

lists! {
    cot, "bảng cần ít nhất một cột (cot)";
    nhom_don_vi, "kiem_tra cần ít nhất một nhóm đơn vị được kiểm tra (nhom_don_vi)";
    don_vi, "danh sách đơn vị (don_vi) cần ít nhất một đơn vị";
    doan, "kiem_tra cần ít nhất một đoàn kiểm tra (doan)";
    de_cuong, "kiem_tra cần ít nhất một đề cương (de_cuong)";
    cau_hoi, "nhóm câu hỏi bổ sung cần ít nhất một câu hỏi (cau_hoi)";
}

macro_rules! text_lists {
    ($($name:ident => $item:ident, $what:literal;)*) => {$(
        /// One item of the list, checked as it is read so that the error points at it.
        struct $item(String);

        impl<'de> Deserialize<'de> for $item {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                if s.trim().is_empty() {
                    return Err(error::de(Code::Empty, concat!(
                        "một mục của ", $what, " để trống; xóa mục đó hoặc ghi nội dung"
                    )));
                }
                Ok($item(s))
            }
        }

        #[doc = concat!("Reads ", $what, ", whose items must not be blank.")]
        pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
            Ok(Vec::<$item>::deserialize(d)?.into_iter().map(|i| i.0).collect())
        }
    )*};
}

// Blank items of `kinh_gui`, `noi_nhan.gui`, `noi_nhan.luu` and `thanh_vien` are left out
// where they are printed; a blank legal basis would print a lone ";".
text_lists! {
    can_cu => CanCu, "danh sách căn cứ (can_cu)";
}

/// The signer's title: one line or a list, not all blank.
pub fn chuc_vu<'de, D: Deserializer<'de>>(d: D) -> Result<super::OneOrMany, D::Error> {
    let v = super::OneOrMany::deserialize(d)?;
    if v.lines().iter().all(|l| l.trim().is_empty()) {
        return Err(blank_error("chức vụ người ký (chu_ky.chuc_vu)"));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use serde_saphyr::Spanned;

    #[derive(Debug, serde::Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "super::ho_ten")]
        #[allow(dead_code)]
        ho_ten: String,
        #[serde(default, deserialize_with = "super::cot")]
        #[allow(dead_code)]
        cot: Vec<Spanned<String>>,
        #[serde(default, deserialize_with = "super::muc")]
        #[allow(dead_code)]
        muc: Option<String>,
        #[serde(default, deserialize_with = "super::can_cu")]
        #[allow(dead_code)]
        can_cu: Vec<String>,
    }

    fn error_at(y: &str) -> (u64, u64, String) {
        let e = crate::load::parse_yaml::<T>(y).unwrap_err();
        assert_eq!(e.code, crate::error::Code::Empty, "{e}");
        let p = e.pos.expect("positioned");
        (p.line, p.column, e.message)
    }

    #[test]
    fn blank_texts_and_empty_lists_are_errors_at_the_value() {
        let (l, c, m) = error_at("cot: [a]\nho_ten: \"  \"\n");
        assert_eq!((l, c), (2, 9));
        assert!(
            m.contains("chu_ky.ho_ten") && m.contains("không được để trống"),
            "{m}"
        );
        let (l, c, m) = error_at("ho_ten: A\ncot: []\n");
        assert_eq!((l, c), (2, 6));
        assert!(m.contains("cần ít nhất một"), "{m}");
        let (l, _, m) = error_at("ho_ten: A\ncot:\n");
        assert_eq!(l, 2);
        assert!(m.contains("cần ít nhất một"), "{m}");
        let (l, c, m) = error_at("ho_ten: A\ncot: [a]\ncan_cu:\n  - Căn cứ A\n  - ' '\n");
        assert_eq!((l, c), (5, 5));
        assert!(m.contains("một mục của danh sách căn cứ"), "{m}");
        let (l, _, _) = error_at("ho_ten: A\ncot: [a]\nmuc: ''\n");
        assert_eq!(l, 3);
        assert!(crate::load::parse_yaml::<T>("ho_ten: A\ncot: [a]\nmuc: ~\n").is_ok());
    }
}
