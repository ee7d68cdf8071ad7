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

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::ir::Align;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một bảng: các cột, rồi các dòng (hoặc nguồn dữ liệu).")]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// Identifier for indicators (`lay_tu`) and for matching with the previous report.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Mã của bảng, để chỉ tiêu lấy số (lay_tu) và để so với báo cáo kỳ trước.", example = &"dvc")]
    pub id: Option<Spanned<String>>,
    #[serde(deserialize_with = "super::required::cot")]
    #[schemars(schema_with = "crate::model::schema::non_empty::<ColumnSpec>", description = "Các cột của bảng (bắt buộc, ít nhất một cột); độ rộng là tương đối.", example = serde_json::json!([{"ten": "STT", "loai": "stt", "rong": 5}, {"ten": "Dịch vụ công", "rong": 36}]))]
    #[serde(rename = "cot")]
    pub columns: Vec<Spanned<ColumnSpec>>,
    /// Rows read from an Excel sheet or a CSV file instead of `dong`.
    #[serde(default)]
    #[schemars(with = "Option<super::SheetSource>", description = "Lấy các dòng từ tệp Excel (xlsx) hoặc CSV thay cho dong.", example = serde_json::json!({"tep": "dich-vu-cong.xlsx", "cot": {"ten": "Dịch vụ công"}}))]
    #[serde(rename = "nguon")]
    pub source: Option<Spanned<super::SheetSource>>,
    /// The column (id) whose text identifies a row; the first text column by default.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Mã cột (id) có chữ nhận diện một dòng; mặc định là cột chữ đầu tiên.", example = &"ten")]
    #[serde(rename = "khoa")]
    pub key: Option<Spanned<String>>,
    /// Label of a computed total row appended at the end ("Tổng cộng").
    #[serde(default)]
    #[schemars(description = "Nhãn của dòng tổng tính tự động ở cuối bảng.", example = &"Tổng cộng")]
    #[serde(rename = "dong_tong")]
    pub total_row: Option<String>,
    /// Label of a computed subtotal row after each group ("Cộng").
    #[serde(default)]
    #[schemars(description = "Nhãn của dòng cộng tính tự động sau mỗi nhóm.", example = &"Cộng")]
    #[serde(rename = "cong_nhom")]
    pub subtotal: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<RowSpec>", description = "Các dòng: danh sách ô, dòng nhóm {nhom: …} hoặc dòng tổng {tong: [..]}.", example = serde_json::json!([{"nhom": "Sở Tư pháp"}, ["Cấp phiếu lý lịch tư pháp", 3901]]))]
    #[serde(rename = "dong")]
    pub rows: Vec<Spanned<RowSpec>>,
    /// STT numbering across groups ("lien_tuc", the default) or restarting in each group
    /// ("theo_nhom").
    #[serde(default, deserialize_with = "super::choice::numbering")]
    #[schemars(schema_with = "super::choice::schema::<Numbering>", description = "Đánh số cột STT: lien_tuc (liên tục qua các nhóm, mặc định) hoặc theo_nhom (đánh lại từ 1 trong mỗi nhóm).", example = &"theo_nhom")]
    #[serde(rename = "danh_so")]
    pub numbering: Option<Spanned<Numbering>>,
    /// Text size in the table (10–14 pt).
    #[serde(default, deserialize_with = "super::bounds::bang_co_chu")]
    #[schemars(
        schema_with = "super::bounds::schemas::bang_co_chu",
        description = "Cỡ chữ của bảng, 10–14 pt.",
        example = 12
    )]
    #[serde(rename = "co_chu")]
    pub font_size: Option<Spanned<f32>>,
    /// How group rows are labelled: numbering per level, label place, counts.
    #[serde(default)]
    #[schemars(with = "Option<GroupRowsSpec>", description = "Cách đánh số và ghi nhãn các dòng nhóm.", example = serde_json::json!({"danh_so": ["chu", "la_ma"], "nhan": "cot_stt"}))]
    #[serde(rename = "dong_nhom")]
    pub group_rows: Option<Spanned<GroupRowsSpec>>,
}

/// `dong_nhom:` of a table: group rows numbered the way annexes number them.
///
/// ```yaml
/// dong_nhom:
///   danh_so: [chu, la_ma]   # A., B. for groups, I., II. for their subgroups (cap: 2)
///   nhan: cot_stt           # the label in the STT column, the title across the rest
///   dem: NHIỆM VỤ           # "(08 NHIỆM VỤ)" after the title
/// ```
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(description = "Dòng nhóm của bảng: đánh số theo cấp, vị trí nhãn, số dòng.")]
#[serde(deny_unknown_fields)]
pub struct GroupRowsSpec {
    /// One numbering per level; without it, group rows carry no label.
    #[serde(default, deserialize_with = "super::choice::group_labels")]
    #[schemars(schema_with = "super::choice::group_labels_schema", description = "Cách đánh số dòng nhóm theo cấp: chu (A, B), la_ma (I, II), so (1, 2), khong; một từ hoặc danh sách hai từ cho hai cấp.", example = ["chu", "la_ma"])]
    #[serde(rename = "danh_so")]
    pub labels: Option<Spanned<Vec<GroupLabel>>>,
    #[serde(default, deserialize_with = "super::choice::label_place")]
    #[schemars(schema_with = "super::choice::schema::<LabelPlace>", description = "Vị trí nhãn: cot_stt (nhãn ở cột STT) hoặc ca_dong (cả dòng, mặc định).", example = &"cot_stt")]
    #[serde(rename = "nhan")]
    pub place: Option<Spanned<LabelPlace>>,
    /// The noun of the count of rows in each group ("nhiệm vụ" gives "(08 nhiệm vụ)").
    #[serde(default)]
    #[schemars(description = "Danh từ đếm số dòng của mỗi nhóm: \"(08 NHIỆM VỤ)\" sau tên nhóm.", example = &"NHIỆM VỤ")]
    #[serde(rename = "dem")]
    pub count: Option<String>,
}

impl GroupRowsSpec {
    /// The numbering of groups at `level` (1 or 2); a second level without its own word
    /// is numbered 1., 2.
    pub fn label(&self, level: u8) -> GroupLabel {
        let labels = self
            .labels
            .as_ref()
            .map(|l| l.value.as_slice())
            .unwrap_or(&[]);
        match (labels.get(usize::from(level.max(1)) - 1), level) {
            (Some(l), _) => *l,
            (None, 1) => GroupLabel::None,
            (None, _) if labels.is_empty() => GroupLabel::None,
            (None, _) => GroupLabel::Arabic,
        }
    }

    pub fn place(&self) -> LabelPlace {
        self.place
            .as_ref()
            .map_or(LabelPlace::WholeRow, |p| p.value)
    }
}

/// How a group row is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupLabel {
    /// A., B., C. (the Vietnamese alphabet: Đ after D).
    Letter,
    /// I., II., III.
    Roman,
    /// 1., 2., 3.
    Arabic,
    None,
}

/// Where a group row's label sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPlace {
    /// In the STT column, with the title spanning the other columns.
    RowNumberColumn,
    /// Before the title, the whole row one cell.
    WholeRow,
}

/// A group row: its title and level (1, or 2 for a subgroup).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub title: String,
    pub level: u8,
}

/// A cell merged over several rows (down) and columns (across).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub rows: usize,
    pub cols: usize,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một cột của bảng.")]
#[schemars(transform = |s: &mut schemars::Schema| crate::model::schema::require(s, &["ten"]))]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// Header text.
    #[serde(default, deserialize_with = "super::required::ten_cot")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Tên cột ở dòng tiêu đề (bắt buộc).", example = &"Dịch vụ công")]
    #[serde(rename = "ten")]
    pub name: String,
    /// Identifier used by formulas, sources, indicators and changes.
    #[serde(default)]
    #[schemars(description = "Mã cột, dùng trong công thức, nguồn dữ liệu, chỉ tiêu và mức thay đổi.", example = &"tong_ho_so")]
    pub id: Option<String>,
    /// Computed column: "truc_tuyen / tong_ho_so" (a rate when `loai: ty_le`), "a + b",
    /// "a - b", "a * b". Rows leave this cell out.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cột tính: \"a / b\" (tỷ lệ khi loai: ty_le), \"a + b\", \"a - b\", \"a * b\"; các dòng bỏ ô này.", example = &"truc_tuyen / tong_ho_so")]
    #[serde(rename = "cong_thuc")]
    pub formula: Option<Spanned<String>>,
    /// Change column: the difference of the named column against the previous report's row
    /// with the same key ("+120", "-3"; in points for a rate column). Rows leave it out.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Cột thay đổi: hiệu số của cột được nêu so với dòng cùng khóa của báo cáo kỳ trước; các dòng bỏ ô này.", example = &"tong_ho_so")]
    #[serde(rename = "thay_doi")]
    pub change: Option<Spanned<String>>,
    /// Relative width (any unit, 0.01–1000; widths are scaled to the text width).
    #[serde(default, deserialize_with = "super::bounds::rong")]
    #[schemars(
        schema_with = "super::bounds::schemas::rong",
        description = "Độ rộng tương đối (0,01–1000), được co giãn theo khổ giấy.",
        example = 36
    )]
    #[serde(rename = "rong")]
    pub width: Option<f32>,
    /// "van_ban" (text, default), "so" (number), "ty_le" (percentage), "stt" (row number,
    /// filled automatically: data rows then omit this cell).
    #[serde(default, deserialize_with = "super::choice::column_kind")]
    #[schemars(schema_with = "super::choice::schema::<ColumnKind>", description = "Loại cột: van_ban (chữ, mặc định), so (số), ty_le (phần trăm), stt (số thứ tự tự động, các dòng bỏ ô này).", example = &"so")]
    #[serde(rename = "loai")]
    pub kind: Option<Spanned<ColumnKind>>,
    /// Alignment override: "trai", "giua", "phai", "deu".
    #[serde(default, deserialize_with = "super::choice::align")]
    #[schemars(schema_with = "super::choice::schema::<Align>", description = "Căn lề của cột: trai, giua, phai, deu.", example = &"giua")]
    #[serde(rename = "can")]
    pub align: Option<Spanned<Align>>,
    /// Upper header shared by consecutive columns with the same text (merged across).
    #[serde(default)]
    #[schemars(description = "Tiêu đề chung phía trên của các cột liền nhau có cùng chữ (gộp ngang).", example = &"Tổng số hồ sơ")]
    #[serde(rename = "nhom")]
    pub group: Option<String>,
    /// Decimals for numbers and percentages (0–6).
    #[serde(default, deserialize_with = "super::bounds::so_le")]
    #[schemars(
        schema_with = "super::bounds::schemas::so_le",
        description = "Số chữ số thập phân của số và tỷ lệ (0–6).",
        example = 2
    )]
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
    Group(GroupRow),
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
    /// A cell merged down and across, written `{gia_tri: …, gop_dong: 3, gop_cot: 2}`; the
    /// rows and columns it covers leave their cells out.
    Merged(Box<Spanned<CellValue>>, Merge),
    /// A position covered by a merged cell (set by the computing stage, never written).
    Covered,
}

impl CellValue {
    /// The cell's number: a number, or text written as a Vietnamese number.
    pub fn number(&self) -> Option<f64> {
        match self {
            CellValue::Number(n) => Some(*n),
            CellValue::Text(s) => crate::format::parse_vn_number(s),
            CellValue::Merged(v, _) => v.value.number(),
            CellValue::Blank | CellValue::Paragraphs(_) | CellValue::Covered => None,
        }
    }

    /// The value itself, for a merged cell the value it holds.
    pub fn unmerged(&self) -> &CellValue {
        match self {
            CellValue::Merged(v, _) => &v.value,
            other => other,
        }
    }

    /// The merge of a merged cell (one row and one column otherwise).
    pub fn merge(&self) -> Merge {
        match self {
            CellValue::Merged(_, m) => *m,
            _ => Merge { rows: 1, cols: 1 },
        }
    }
}

/// A merged cell as written.
#[derive(Deserialize, JsonSchema)]
#[schemars(
    description = "Ô gộp: giá trị và số dòng, số cột được gộp; các ô bị che bỏ khỏi các dòng."
)]
#[serde(deny_unknown_fields)]
pub(crate) struct MergedMap {
    #[schemars(schema_with = "crate::model::schema::plain_cell", description = "Giá trị của ô gộp: chữ, số hoặc danh sách đoạn.", example = &"Sở Tư pháp")]
    #[serde(rename = "gia_tri")]
    value: Spanned<CellValue>,
    #[serde(default, deserialize_with = "super::bounds::gop_dong")]
    #[schemars(
        schema_with = "super::bounds::schemas::gop_dong",
        description = "Số dòng ô gộp chiếm (gộp xuống, 1–100.000).",
        example = 3
    )]
    gop_dong: Option<usize>,
    #[serde(default, deserialize_with = "super::bounds::gop_cot")]
    #[schemars(
        schema_with = "super::bounds::schemas::gop_cot",
        description = "Số cột ô gộp chiếm (gộp ngang, 1–100).",
        example = 2
    )]
    gop_cot: Option<usize>,
}

impl<'de> Deserialize<'de> for CellValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CellValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một ô: chữ, số, danh sách đoạn, ô gộp {gia_tri: …, gop_dong: …, gop_cot: …} hoặc để trống")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CellValue, A::Error> {
                let m = MergedMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if matches!(m.value.value, CellValue::Merged(..)) {
                    return Err(crate::error::de(
                        crate::error::Code::WrongType,
                        "gia_tri của ô gộp là chữ, số hoặc danh sách đoạn, không phải một ô gộp khác",
                    ));
                }
                let merge = Merge {
                    rows: m.gop_dong.unwrap_or(1),
                    cols: m.gop_cot.unwrap_or(1),
                };
                Ok(CellValue::Merged(Box::new(m.value), merge))
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

#[derive(Deserialize, JsonSchema)]
#[schemars(description = "Dòng nhóm (nhom) hoặc dòng tổng (tong).")]
#[serde(deny_unknown_fields)]
pub(crate) struct RowMap {
    #[serde(default, deserialize_with = "super::required::nhom")]
    #[schemars(schema_with = "crate::model::schema::optional_text", description = "Dòng nhóm: tên nhóm, trải hết các cột.", example = &"Sở Tư pháp")]
    #[serde(rename = "nhom")]
    group: Option<String>,
    /// 2 for a subgroup (with `dong_nhom.danh_so` numbering it).
    #[serde(default, deserialize_with = "super::bounds::cap_nhom")]
    #[schemars(
        schema_with = "super::bounds::schemas::cap_nhom",
        description = "Cấp của dòng nhóm: 1, hoặc 2 cho nhóm con.",
        example = 2
    )]
    cap: Option<u8>,
    #[schemars(with = "Option<Vec<CellValue>>", description = "Dòng tổng (in đậm): danh sách ô; nhãn trải qua cột STT.", example = serde_json::json!(["Tổng cộng", 3901]))]
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
                    (Some(title), None) => Ok(RowSpec::Group(GroupRow {
                        title,
                        level: m.cap.unwrap_or(1),
                    })),
                    (None, Some(_)) if m.cap.is_some() => Err(crate::error::de(
                        crate::error::Code::Conflict,
                        "\"cap\" chỉ dùng cho dòng nhóm (nhom), không cho dòng tổng",
                    )),
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

/// Where the cells of each row land among a table's input columns (the columns rows write),
/// walking the rows in order: a merged cell covers input columns to its right and in the
/// rows below, and those rows leave the covered cells out. The check stage and the computing
/// stage read rows through this one walk, so they agree on every cell's column.
#[derive(Debug, Clone)]
pub struct MergeWalk {
    /// For each input column, how many more rows a merged cell from above covers it.
    below: Vec<usize>,
}

/// One row as placed by [`MergeWalk::place`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The input column each written cell starts at; None for a cell with no room left.
    pub starts: Vec<Option<usize>>,
    /// Input columns covered in this row by a merged cell (from above or across).
    pub covered: Vec<bool>,
    /// Input columns no cell fills.
    pub empty: usize,
    /// A merged cell runs past the last column or over a column already covered.
    pub overflow: bool,
}

impl MergeWalk {
    pub fn new(inputs: usize) -> Self {
        MergeWalk {
            below: vec![0; inputs],
        }
    }

    /// Whether a merged cell from above still covers some column.
    pub fn pending(&self) -> bool {
        self.below.iter().any(|b| *b > 0)
    }

    /// End every merge (at a group or total row, where merges may not run on).
    pub fn reset(&mut self) {
        self.below.fill(0);
    }

    /// Place the cells of one row, then move the walk to the next row.
    pub fn place(&mut self, cells: &[Spanned<CellValue>]) -> Placed {
        let n = self.below.len();
        let mut covered: Vec<bool> = self.below.iter().map(|b| *b > 0).collect();
        let mut next: Vec<usize> = self.below.iter().map(|b| b.saturating_sub(1)).collect();
        let mut taken = covered.clone();
        let mut starts = Vec::with_capacity(cells.len());
        let mut overflow = false;
        let mut k = 0;
        for c in cells {
            while k < n && taken[k] {
                k += 1;
            }
            if k >= n {
                starts.push(None);
                continue;
            }
            starts.push(Some(k));
            let m = c.value.merge();
            let span_end = k + m.cols.max(1);
            overflow |= span_end > n || (k + 1..span_end.min(n)).any(|j| taken[j]);
            let end = span_end.min(n);
            for j in k..end {
                covered[j] |= j > k;
                taken[j] = true;
                next[j] = next[j].max(m.rows.max(1) - 1);
            }
            k = end;
        }
        self.below = next;
        Placed {
            empty: taken.iter().filter(|t| !**t).count(),
            starts,
            covered,
            overflow,
        }
    }
}
