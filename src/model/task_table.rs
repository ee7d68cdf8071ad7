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

use schemars::JsonSchema;
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một cột của bảng nhiệm vụ.")]
#[serde(deny_unknown_fields)]
pub struct TaskColumnSpec {
    /// The task field: stt, noi_dung, chu_tri, phoi_hop, san_pham, han, van_ban_giao,
    /// trang_thai, ket_qua, ghi_chu, or a field declared under `truong`.
    #[schemars(with = "String", description = "Trường của nhiệm vụ: stt, noi_dung, chu_tri, phoi_hop, san_pham, han, van_ban_giao, trang_thai, ket_qua, ghi_chu, hoặc một trường khai báo trong truong.", example = &"chu_tri")]
    #[serde(rename = "truong")]
    pub field: Spanned<String>,
    /// Header text (default: the field's usual header, or the declared field's `ten`).
    #[serde(default)]
    #[schemars(description = "Tiêu đề cột (mặc định: tiêu đề thường dùng của trường, hoặc ten của trường khai báo).", example = &"Cơ quan thực hiện")]
    #[serde(rename = "ten")]
    pub header: Option<String>,
    #[serde(default, deserialize_with = "super::bounds::rong")]
    #[schemars(
        schema_with = "super::bounds::schemas::rong",
        description = "Độ rộng tương đối của cột (0,01–1000).",
        example = 12
    )]
    #[serde(rename = "rong")]
    pub width: Option<f32>,
    #[serde(default, deserialize_with = "super::choice::align")]
    #[schemars(schema_with = "super::choice::schema::<Align>", description = "Căn lề của cột: trai, giua, phai, deu.", example = &"giua")]
    #[serde(rename = "can")]
    pub align: Option<Spanned<Align>>,
    /// Add the overdue mark ("Quá hạn N ngày") under the cell's text.
    #[serde(default)]
    #[schemars(
        description = "Thêm dấu \"Quá hạn N ngày\" dưới chữ của ô.",
        example = true
    )]
    #[serde(rename = "qua_han")]
    pub late_mark: bool,
    /// Merge equal cells of consecutive tasks of one group down into one cell.
    #[serde(default)]
    #[schemars(
        description = "Gộp các ô giống nhau của các nhiệm vụ liền nhau trong một nhóm.",
        example = true
    )]
    #[serde(rename = "gop")]
    pub merge: bool,
}

#[derive(Deserialize, JsonSchema)]
#[schemars(description = "Bảng nhiệm vụ viết dạng khối: mẫu và các cột.")]
#[schemars(transform = |s: &mut schemars::Schema| crate::model::schema::require(s, &["cot"]))]
#[serde(deny_unknown_fields)]
pub(crate) struct TableMap {
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Mẫu bảng: ke_hoach, theo_doi (mặc định), tinh_trang, tong_hop; quyết định dòng nhóm và các cột mặc định.", example = &"tinh_trang")]
    mau: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(schema_with = "crate::model::schema::non_empty::<TaskColumnSpec>", description = "Các cột tự chọn (ít nhất một cột).", example = serde_json::json!([{"truong": "stt", "ten": "TT", "rong": 4}, {"truong": "noi_dung", "ten": "Nhiệm vụ được giao", "rong": 26}]))]
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
