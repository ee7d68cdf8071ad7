//! An annex's task table as written: a preset (`nhiem_vu: theo_doi`) or named columns.
//!
//! ```yaml
//! nhiem_vu:
//!   mau: tinh_trang              # group rows and default columns (default theo_doi)
//!   cot:
//!     - {truong: stt, ten: TT, rong: 4}
//!     - {truong: noi_dung, ten: Nhiệm vụ được giao, rong: 26}
//!     - {truong: van_ban_tw, ten: Văn bản của Trung ương, rong: 14}   # a field of `truong`
//!     - {truong: chu_tri, ten: Cơ quan thực hiện, rong: 12, gop: true}
//!     - {truong: ghi_chu, ten: Ghi chú, rong: 8, qua_han: true}
//! ```

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::ir::Align;

/// `nhiem_vu:` of an annex.
#[derive(Debug, Clone, Default)]
pub struct TaskTableSpec {
    /// The preset (`ke_hoach`, `theo_doi`, `tinh_trang`, `tong_hop`), as written.
    pub preset: Option<Spanned<String>>,
    /// Named columns, replacing the preset's.
    pub columns: Vec<Spanned<TaskColumnSpec>>,
}

impl TaskTableSpec {
    /// The preset's name (`theo_doi` when only columns are written).
    pub fn preset_name(&self) -> &str {
        self.preset.as_ref().map_or("theo_doi", |p| p.value.trim())
    }
}

/// One named column of a task table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskColumnSpec {
    /// The task field: stt, noi_dung, chu_tri, phoi_hop, san_pham, han, van_ban_giao,
    /// trang_thai, ket_qua, ghi_chu, or a field declared under `truong`.
    #[serde(rename = "truong")]
    pub field: Spanned<String>,
    /// Header text (default: the field's usual header, or the declared field's `ten`).
    #[serde(default)]
    #[serde(rename = "ten")]
    pub header: Option<String>,
    #[serde(default, deserialize_with = "super::bounds::rong")]
    #[serde(rename = "rong")]
    pub width: Option<f32>,
    #[serde(default, deserialize_with = "super::choice::align")]
    #[serde(rename = "can")]
    pub align: Option<Spanned<Align>>,
    /// Add the overdue mark ("Quá hạn N ngày") under the cell's text.
    #[serde(default)]
    #[serde(rename = "qua_han")]
    pub late_mark: bool,
    /// Merge equal cells of consecutive tasks of one group down into one cell.
    #[serde(default)]
    #[serde(rename = "gop")]
    pub merge: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableMap {
    #[serde(default)]
    mau: Option<Spanned<String>>,
    #[serde(default)]
    cot: Vec<Spanned<TaskColumnSpec>>,
}

impl<'de> Deserialize<'de> for TaskTableSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TaskTableSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("tên mẫu bảng nhiệm vụ (ke_hoach, theo_doi, tinh_trang, tong_hop) hoặc {mau: …, cot: [...]}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TaskTableSpec, E> {
                // The preset's position is the annex key's, set by the caller's Spanned.
                Ok(TaskTableSpec {
                    preset: Some(Spanned::new(
                        v.to_string(),
                        serde_saphyr::Location::UNKNOWN,
                        serde_saphyr::Location::UNKNOWN,
                    )),
                    columns: Vec::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TaskTableSpec, A::Error> {
                let m = TableMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if m.cot.is_empty() {
                    return Err(crate::error::de(
                        crate::error::Code::MissingKey,
                        "bảng nhiệm vụ viết dạng khối cần \"cot\": danh sách cột {truong: …, ten: …}",
                    ));
                }
                Ok(TaskTableSpec {
                    preset: m.mau,
                    columns: m.cot,
                })
            }
        }
        d.deserialize_any(V)
    }
}
