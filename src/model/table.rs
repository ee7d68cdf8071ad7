//! Tables as written in YAML: columns (with an optional shared upper header), and rows that
//! are data rows (a list of cells), group rows (`nhom:`) or total rows (`tong:`).
//!
//! ```yaml
//! bang:
//!   cot:
//!     - {ten: STT, loai: stt, rong: 6}
//!     - {ten: Dịch vụ công, rong: 40}
//!     - {ten: Tổng hồ sơ, loai: so, rong: 12, nhom: Tổng số hồ sơ}
//!     - {ten: Trực tuyến, loai: so, rong: 12, nhom: Tổng số hồ sơ}
//!   dong:
//!     - nhom: Sở Tư pháp
//!     - [Cấp phiếu lý lịch tư pháp, 3901, 3901]
//!     - tong: [Tổng cộng, 3901, 3901]
//! ```

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::ir::Align;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// Identifier for indicators (`lay_tu`) and for matching with the previous report.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    #[serde(deserialize_with = "super::required::cot")]
    #[serde(rename = "cot")]
    pub columns: Vec<Spanned<ColumnSpec>>,
    /// Rows read from an Excel sheet or a CSV file instead of `dong`.
    #[serde(default)]
    #[serde(rename = "nguon")]
    pub source: Option<Spanned<super::SheetSource>>,
    /// The column (id) whose text identifies a row; the first text column by default.
    #[serde(default)]
    #[serde(rename = "khoa")]
    pub key: Option<Spanned<String>>,
    /// Label of a computed total row appended at the end ("Tổng cộng").
    #[serde(default)]
    #[serde(rename = "dong_tong")]
    pub total_row: Option<String>,
    /// Label of a computed subtotal row after each group ("Cộng").
    #[serde(default)]
    #[serde(rename = "cong_nhom")]
    pub subtotal: Option<String>,
    #[serde(default)]
    #[serde(rename = "dong")]
    pub rows: Vec<Spanned<RowSpec>>,
    /// STT numbering across groups ("lien_tuc", the default) or restarting in each group
    /// ("theo_nhom").
    #[serde(default, deserialize_with = "super::choice::numbering")]
    #[serde(rename = "danh_so")]
    pub numbering: Option<Spanned<Numbering>>,
    /// Text size in the table (10–14 pt).
    #[serde(default, deserialize_with = "super::bounds::bang_co_chu")]
    #[serde(rename = "co_chu")]
    pub font_size: Option<Spanned<f32>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// Header text.
    #[serde(default, deserialize_with = "super::required::ten_cot")]
    #[serde(rename = "ten")]
    pub name: String,
    /// Identifier used by formulas, sources, indicators and changes.
    #[serde(default)]
    pub id: Option<String>,
    /// Computed column: "truc_tuyen / tong_ho_so" (a rate when `loai: ty_le`), "a + b",
    /// "a - b", "a * b". Rows leave this cell out.
    #[serde(default)]
    #[serde(rename = "cong_thuc")]
    pub formula: Option<Spanned<String>>,
    /// Change column: the difference of the named column against the previous report's row
    /// with the same key ("+120", "-3"; in points for a rate column). Rows leave it out.
    #[serde(default)]
    #[serde(rename = "thay_doi")]
    pub change: Option<Spanned<String>>,
    /// Relative width (any unit, 0.01–1000; widths are scaled to the text width).
    #[serde(default, deserialize_with = "super::bounds::rong")]
    #[serde(rename = "rong")]
    pub width: Option<f32>,
    /// "van_ban" (text, default), "so" (number), "ty_le" (percentage), "stt" (row number,
    /// filled automatically: data rows then omit this cell).
    #[serde(default, deserialize_with = "super::choice::column_kind")]
    #[serde(rename = "loai")]
    pub kind: Option<Spanned<ColumnKind>>,
    /// Alignment override: "trai", "giua", "phai", "deu".
    #[serde(default, deserialize_with = "super::choice::align")]
    #[serde(rename = "can")]
    pub align: Option<Spanned<Align>>,
    /// Upper header shared by consecutive columns with the same text (merged across).
    #[serde(default)]
    #[serde(rename = "nhom")]
    pub group: Option<String>,
    /// Decimals for numbers and percentages (0–6).
    #[serde(default, deserialize_with = "super::bounds::so_le")]
    #[serde(rename = "so_le")]
    pub decimals: Option<usize>,
}

impl ColumnSpec {
    /// A cell computed by vanban rather than written in a row.
    pub fn is_computed(&self) -> bool {
        self.formula.is_some() || self.change.is_some()
    }

    /// The column's kind (text unless `loai` says otherwise).
    pub fn kind(&self) -> ColumnKind {
        self.kind.as_ref().map_or(ColumnKind::Text, |k| k.value)
    }

    /// The alignment written for the column, if any.
    pub fn align(&self) -> Option<Align> {
        self.align.as_ref().map(|a| a.value)
    }
}

impl TableSpec {
    /// How the STT column counts (on through the groups unless `danh_so` says otherwise).
    pub fn numbering(&self) -> Numbering {
        self.numbering
            .as_ref()
            .map_or(Numbering::Continuous, |n| n.value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Number,
    Percent,
    RowNumber,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    Continuous,
    PerGroup,
}

#[derive(Debug, Clone)]
pub enum RowSpec {
    Data(Vec<Spanned<CellValue>>),
    Group(String),
    Total(Vec<Spanned<CellValue>>),
}

/// A cell as written: blank and zero are different and both are kept.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Blank,
    Number(f64),
    Text(String),
    /// A cell of several paragraphs, written as a list of strings; a string starting with
    /// "- " is a dash item (the "- " stays in the text).
    Paragraphs(Vec<String>),
}

impl CellValue {
    /// The cell's number: a number, or text written as a Vietnamese number.
    pub fn number(&self) -> Option<f64> {
        match self {
            CellValue::Number(n) => Some(*n),
            CellValue::Text(s) => crate::format::parse_vn_number(s),
            CellValue::Blank | CellValue::Paragraphs(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for CellValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CellValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một ô: chữ, số, danh sách đoạn hoặc để trống")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CellValue, A::Error> {
                let mut paragraphs = Vec::new();
                while let Some(p) = seq.next_element::<CellValue>()? {
                    match p {
                        CellValue::Text(t) => paragraphs.push(t),
                        CellValue::Number(n) => paragraphs.push(crate::format::number(n, None)),
                        _ => {
                            return Err(crate::error::de(
                                crate::error::Code::WrongType,
                                "ô viết dạng danh sách: mỗi phần tử là một đoạn chữ",
                            ));
                        }
                    }
                }
                Ok(CellValue::Paragraphs(paragraphs))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CellValue, E> {
                Ok(CellValue::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<CellValue, E> {
                Ok(CellValue::Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellValue, E> {
                Ok(CellValue::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellValue, E> {
                Ok(CellValue::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellValue, E> {
                Ok(CellValue::Number(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<CellValue, E> {
                Ok(CellValue::Text(if v { "Có" } else { "Không" }.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<CellValue, E> {
                Ok(CellValue::Blank)
            }
            fn visit_none<E: de::Error>(self) -> Result<CellValue, E> {
                Ok(CellValue::Blank)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<CellValue, D::Error> {
                d.deserialize_any(V)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowMap {
    #[serde(default, deserialize_with = "super::required::nhom")]
    #[serde(rename = "nhom")]
    group: Option<String>,
    #[serde(rename = "tong")]
    total: Option<Vec<Spanned<CellValue>>>,
}

impl<'de> Deserialize<'de> for RowSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RowSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một dòng: danh sách ô [..], hoặc \"nhom: …\", hoặc \"tong: [..]\"")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RowSpec, A::Error> {
                let mut cells = Vec::new();
                while let Some(c) = seq.next_element::<Spanned<CellValue>>()? {
                    cells.push(c);
                }
                Ok(RowSpec::Data(cells))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RowSpec, A::Error> {
                let m = RowMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (m.group, m.total) {
                    (Some(g), None) => Ok(RowSpec::Group(g)),
                    (None, Some(t)) => Ok(RowSpec::Total(t)),
                    (nhom, _) => Err(crate::error::de(
                        if nhom.is_some() {
                            crate::error::Code::Conflict
                        } else {
                            crate::error::Code::MissingKey
                        },
                        "dòng cần đúng một trong hai khóa \"nhom\" (dòng nhóm) hoặc \"tong\" (dòng tổng)",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}
