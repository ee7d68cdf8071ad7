//! Settings written as one word out of a fixed list (a column's `loai`, an alignment, a
//! numbering style, a page orientation). Each is read straight into its enum as the YAML is
//! loaded, so the error points at the value itself and says which words are allowed, and no
//! later stage ever sees (or parses) the word again.

use serde::de::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

use super::{ColumnKind, GroupLabel, LabelPlace, Numbering};
use crate::error::{Code, Error};
use crate::ir::{Align, Orientation};

/// One word of a closed list: the words accepted for each value, and how the error names the
/// setting and the choices.
pub(crate) trait Choice: Sized + Copy + 'static {
    /// Accepted spellings (after trimming), each with its value.
    const WORDS: &'static [(&'static str, Self)];
    /// The message for an unknown word `w`.
    fn unknown(w: &str) -> String;
}

impl Choice for ColumnKind {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("van_ban", ColumnKind::Text),
        ("so", ColumnKind::Number),
        ("ty_le", ColumnKind::Percent),
        ("stt", ColumnKind::RowNumber),
    ];
    fn unknown(w: &str) -> String {
        format!("loại cột \"{w}\" không hợp lệ; cần van_ban, so, ty_le hoặc stt")
    }
}

impl Choice for Align {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("trai", Align::Left),
        ("trái", Align::Left),
        ("giua", Align::Center),
        ("giữa", Align::Center),
        ("phai", Align::Right),
        ("phải", Align::Right),
        ("deu", Align::Justify),
        ("đều", Align::Justify),
    ];
    fn unknown(w: &str) -> String {
        format!("căn lề \"{w}\" không hợp lệ; cần trai, giua, phai hoặc deu")
    }
}

impl Choice for Numbering {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("lien_tuc", Numbering::Continuous),
        ("theo_nhom", Numbering::PerGroup),
    ];
    fn unknown(w: &str) -> String {
        format!("cách đánh số \"{w}\" không hợp lệ; cần lien_tuc hoặc theo_nhom")
    }
}

impl Choice for GroupLabel {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("chu", GroupLabel::Letter),
        ("chữ", GroupLabel::Letter),
        ("la_ma", GroupLabel::Roman),
        ("so", GroupLabel::Arabic),
        ("số", GroupLabel::Arabic),
        ("khong", GroupLabel::None),
        ("không", GroupLabel::None),
    ];
    fn unknown(w: &str) -> String {
        format!(
            "cách đánh số dòng nhóm \"{w}\" không hợp lệ; cần chu (A, B, C), la_ma (I, II), so (1, 2) hoặc khong"
        )
    }
}

impl Choice for LabelPlace {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("cot_stt", LabelPlace::RowNumberColumn),
        ("ca_dong", LabelPlace::WholeRow),
    ];
    fn unknown(w: &str) -> String {
        format!(
            "vị trí nhãn dòng nhóm \"{w}\" không hợp lệ; cần cot_stt (nhãn ở cột STT) hoặc ca_dong (cả dòng)"
        )
    }
}

impl Choice for Orientation {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("ngang", Orientation::Landscape),
        ("doc", Orientation::Portrait),
        ("dọc", Orientation::Portrait),
    ];
    fn unknown(w: &str) -> String {
        format!("hướng trang \"{w}\" không hợp lệ; cần \"ngang\" hoặc \"doc\"")
    }
}

/// The value a word stands for, or the diagnostic naming the choices (`gia-tri-la`), with a
/// close word as a hint.
fn lookup<T: Choice>(word: &str) -> Result<T, Error> {
    let w = word.trim();
    if let Some((_, v)) = T::WORDS.iter().find(|(k, _)| *k == w) {
        return Ok(*v);
    }
    let words: Vec<&str> = T::WORDS.iter().map(|(k, _)| *k).collect();
    let e = Error::new(Code::UnknownValue, T::unknown(w));
    Err(match crate::error::closest(w, &words) {
        Some(c) => e.hint(format!("có phải là \"{c}\"?")),
        None => e,
    })
}

fn read<'de, D: Deserializer<'de>, T: Choice>(d: D) -> Result<Option<Spanned<T>>, D::Error> {
    let Some(v) = Option::<Spanned<String>>::deserialize(d)? else {
        return Ok(None);
    };
    let x = lookup::<T>(&v.value).map_err(|e| e.to_serde::<D::Error>())?;
    Ok(Some(Spanned::new(x, v.referenced, v.defined)))
}

/// A column's `loai`.
pub fn column_kind<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<ColumnKind>>, D::Error> {
    read(d)
}

/// An alignment (`can`).
pub fn align<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<Align>>, D::Error> {
    read(d)
}

/// An alignment (`can`) without its position.
pub fn align_plain<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Align>, D::Error> {
    Ok(read(d)?.map(|s: Spanned<Align>| s.value))
}

/// A table's numbering (`danh_so`).
pub fn numbering<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<Numbering>>, D::Error> {
    read(d)
}

/// Where a group row's label sits (`dong_nhom.nhan`).
pub fn label_place<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<LabelPlace>>, D::Error> {
    read(d)
}

/// The group labels by level (`dong_nhom.danh_so`): one word, or a list of one word per
/// level (at most two).
pub fn group_labels<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<Vec<GroupLabel>>>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Words {
        One(String),
        Many(Vec<String>),
    }
    let Some(v) = Option::<Spanned<Words>>::deserialize(d)? else {
        return Ok(None);
    };
    let words = match v.value {
        Words::One(w) => vec![w],
        Words::Many(ws) => ws,
    };
    if words.is_empty() || words.len() > 2 {
        return Err(crate::error::de(
            Code::UnknownValue,
            "dong_nhom.danh_so: cần một cách đánh số, hoặc danh sách hai cách cho hai cấp nhóm, ví dụ [chu, la_ma]",
        ));
    }
    let labels = words
        .iter()
        .map(|w| lookup::<GroupLabel>(w))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_serde::<D::Error>())?;
    Ok(Some(Spanned::new(labels, v.referenced, v.defined)))
}

/// The schema of a word of `T`'s list (the words [`read`] accepts), or `~`.
pub(crate) fn schema<T: Choice>(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    crate::model::schema::words(&T::WORDS.iter().map(|(w, _)| *w).collect::<Vec<_>>())
}

/// The schema of `dong_nhom.danh_so` ([`group_labels`]).
pub(crate) fn group_labels_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    crate::model::schema::word_levels(
        &GroupLabel::WORDS
            .iter()
            .map(|(w, _)| *w)
            .collect::<Vec<_>>(),
    )
}

/// A page orientation (`huong`).
pub fn orientation<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<Orientation>>, D::Error> {
    read(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_messages() {
        assert_eq!(lookup::<ColumnKind>(" so "), Ok(ColumnKind::Number));
        assert_eq!(lookup::<Align>("đều"), Ok(Align::Justify));
        assert_eq!(lookup::<Orientation>("dọc"), Ok(Orientation::Portrait));
        let e = lookup::<Numbering>("abc").unwrap_err();
        assert_eq!(e.code, Code::UnknownValue);
        assert!(e.message.contains("lien_tuc hoặc theo_nhom"), "{e}");
        assert!(e.hints.is_empty(), "{e}");
        let e = lookup::<Align>("phia").unwrap_err();
        assert_eq!(e.hints, ["có phải là \"phai\"?"]);
    }
}
