//! Report data as written in YAML: indicators (chỉ tiêu) whose sentences are computed, and
//! where a statistics table takes its rows from (an Excel sheet or a CSV file).
//!
//! ```yaml
//! chi_tieu:
//!   - id: tra_cuu
//!     ten: lượt tra cứu thông tin thẻ bảo hiểm y tế
//!     don_vi: lượt
//!     gia_tri: 5339392
//!   - id: tra_cuu_thanh_cong
//!     ten: lượt tra cứu thành công
//!     don_vi: lượt
//!     gia_tri: 3573541
//!     tren: tra_cuu                 # share of a total → [[tra_cuu_thanh_cong.ty_le]]
//!   - id: dinh_danh
//!     ten: hồ sơ định danh điện tử
//!     don_vi: hồ sơ
//!     gia_tri: 2336438
//!     muc_tieu: 1620967             # target → [[dinh_danh.dat_chi_tieu]]
//!     tinh_den: 15/9/2025
//!   - id: chi_tra
//!     ten: đối tượng đã có tài khoản
//!     don_vi: người
//!     gia_tri: 10550
//!     thanh_phan:                   # parts: checked to add up to gia_tri
//!       - {id: chi_tra_btxh, ten: là đối tượng bảo trợ xã hội, gia_tri: 7909}
//!       - {id: chi_tra_nguoi_co_cong, ten: là người có công, gia_tri: 2641}
//!   - id: dvc_truc_tuyen
//!     ten: hồ sơ nộp trực tuyến
//!     don_vi: hồ sơ
//!     lay_tu: {bang: dvc, cot: truc_tuyen}   # the value of a table's total row
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::CellValue;

/// One indicator.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "Một chỉ tiêu: con số mà câu văn, mức tăng/giảm và tỷ lệ được tính tự động."
)]
#[schemars(transform = |s: &mut schemars::Schema| crate::model::schema::require(s, &["id"]))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Identifier used in references: `[[id]]`, `[[id.thay_doi]]`, `chi_tieu.id` in templates.
    #[serde(default = "super::required::absent::<String>")]
    #[schemars(with = "String", description = "Mã chỉ tiêu (bắt buộc), dùng trong câu: [[id]], [[id.thay_doi]], [[id.ty_le]].", example = &"tra_cuu")]
    pub id: Spanned<String>,
    /// What is counted ("lượt tra cứu"); used by the `ten` and `thanh_phan` phrases.
    #[serde(default)]
    #[schemars(description = "Cái được đếm, dùng trong các cụm ten và thanh_phan.", example = &"lượt tra cứu thông tin thẻ bảo hiểm y tế")]
    #[serde(rename = "ten")]
    pub name: Option<String>,
    /// Unit ("lượt", "cơ sở", "%"). A "%" indicator is a rate: its change is in points.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Đơn vị tính; chỉ tiêu \"%\" là tỷ lệ, mức thay đổi tính bằng điểm phần trăm.", example = &"lượt", example = &"%")]
    #[serde(rename = "don_vi")]
    pub unit: Option<Spanned<String>>,
    /// The value; `~` (or omitted with `lay_tu`) when there is no figure yet.
    #[serde(default)]
    #[schemars(with = "Option<CellValue>", description = "Giá trị; ~ (hoặc bỏ khi có lay_tu) khi chưa có số liệu.", example = 5339392, example = &"5.339.392")]
    #[serde(rename = "gia_tri")]
    pub value: Option<Spanned<CellValue>>,
    /// Take the value from a table instead of `gia_tri`.
    #[serde(default)]
    #[schemars(with = "Option<FromTable>", description = "Lấy giá trị từ một bảng thay cho gia_tri.", example = serde_json::json!({"bang": "dvc", "cot": "truc_tuyen"}))]
    #[serde(rename = "lay_tu")]
    pub from_table: Option<Spanned<FromTable>>,
    /// Target (chỉ tiêu giao) for "đạt 101,86%", "vượt chỉ tiêu 715.471 hồ sơ".
    #[serde(default)]
    #[schemars(
        with = "Option<CellValue>",
        description = "Chỉ tiêu được giao, cho các câu \"đạt 101,86%\", \"vượt chỉ tiêu …\".",
        example = 1620967
    )]
    #[serde(rename = "muc_tieu")]
    pub target: Option<Spanned<CellValue>>,
    /// The total this value is a share of: another indicator's id, or a number.
    #[serde(default)]
    #[schemars(with = "Option<CellValue>", description = "Tổng mà giá trị là một phần: mã của chỉ tiêu khác, hoặc một số → [[id.ty_le]].", example = &"tra_cuu")]
    #[serde(rename = "tren")]
    pub of: Option<Spanned<CellValue>>,
    /// As-of date ("15/9/2025" or "2025-09-15") for "tính đến ngày 15/9/2025".
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Ngày tính đến, cho \"tính đến ngày 15/9/2025\".", example = &"15/9/2025")]
    #[serde(rename = "tinh_den")]
    pub as_of: Option<Spanned<String>>,
    /// Parts that must add up to the value; each part is an indicator of its own.
    #[serde(default)]
    #[schemars(with = "Vec<Part>", description = "Các thành phần cộng lại bằng giá trị (được kiểm tra).", example = serde_json::json!([{"id": "chi_tra_btxh", "ten": "là đối tượng bảo trợ xã hội", "gia_tri": 7909}]))]
    #[serde(rename = "thanh_phan")]
    pub parts: Vec<Spanned<Part>>,
    /// Decimals for the value and its change (0–6, default 2, trailing zeros dropped).
    #[serde(default, deserialize_with = "super::bounds::so_le")]
    #[schemars(
        schema_with = "super::bounds::schemas::so_le",
        description = "Số chữ số thập phân của giá trị và mức thay đổi (0–6, mặc định 2).",
        example = 2
    )]
    #[serde(rename = "so_le")]
    pub decimals: Option<usize>,
}

/// A part of an indicator (same unit).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một thành phần của chỉ tiêu (cùng đơn vị).")]
#[serde(deny_unknown_fields)]
pub struct Part {
    #[schemars(with = "String", description = "Mã của thành phần (cũng là một chỉ tiêu).", example = &"chi_tra_btxh")]
    pub id: Spanned<String>,
    #[serde(default)]
    #[schemars(description = "Tên thành phần, dùng trong câu.", example = &"là đối tượng bảo trợ xã hội")]
    #[serde(rename = "ten")]
    pub name: Option<String>,
    #[schemars(
        with = "CellValue",
        description = "Giá trị của thành phần.",
        example = 7909
    )]
    #[serde(rename = "gia_tri")]
    pub value: Spanned<CellValue>,
}

/// Where an indicator's value comes from in a table with an `id`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Nơi lấy giá trị của chỉ tiêu trong một bảng có id.")]
#[serde(deny_unknown_fields)]
pub struct FromTable {
    /// The table's `id`.
    #[schemars(description = "Mã (id) của bảng.", example = &"dvc")]
    #[serde(rename = "bang")]
    pub table: String,
    /// The column's `id`.
    #[schemars(description = "Mã (id) của cột.", example = &"truc_tuyen")]
    #[serde(rename = "cot")]
    pub columns: String,
    /// The row's key (the text in the table's key column); the total row when omitted.
    #[serde(default)]
    #[schemars(description = "Khóa của dòng (chữ ở cột khóa); bỏ trống để lấy dòng tổng.", example = &"Sở Tư pháp")]
    #[serde(rename = "dong")]
    pub rows: Option<String>,
}

/// A table's rows read from a file (path relative to the YAML file).
///
/// ```yaml
/// nguon:
///   tep: dich-vu-cong.xlsx
///   trang: Tháng 9            # sheet (xlsx only; the first sheet when omitted)
///   dong_tieu_de: 1           # the row holding the column headers (1-based)
///   nhom: Cơ quan             # optional: a header whose value starts a group row
///   cot:                      # table column id → header text in the file
///     ten: Dịch vụ công
///     tong_ho_so: Tổng hồ sơ
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Các dòng của bảng đọc từ tệp Excel hoặc CSV.")]
#[serde(deny_unknown_fields)]
pub struct SheetSource {
    #[schemars(with = "String", description = "Tệp xlsx hoặc csv (đường dẫn tính từ tệp YAML).", example = &"dich-vu-cong.xlsx")]
    #[serde(rename = "tep")]
    pub file: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Tên trang tính (chỉ với xlsx; mặc định trang đầu).", example = &"Tháng 9")]
    #[serde(rename = "trang")]
    pub sheet: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "super::bounds::dong_tieu_de")]
    #[schemars(
        schema_with = "super::bounds::schemas::dong_tieu_de",
        description = "Dòng chứa tiêu đề cột (đếm từ 1).",
        example = 1
    )]
    #[serde(rename = "dong_tieu_de")]
    pub header_row: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Tiêu đề cột mà giá trị bắt đầu một dòng nhóm (không bắt buộc).", example = &"Cơ quan")]
    #[serde(rename = "nhom")]
    pub group: Option<Spanned<String>>,
    #[schemars(with = "BTreeMap<String, String>", description = "Mã cột của bảng → tiêu đề cột trong tệp.", example = serde_json::json!({"ten": "Dịch vụ công", "tong_ho_so": "Tổng hồ sơ"}))]
    #[serde(rename = "cot")]
    pub columns: Spanned<BTreeMap<String, String>>,
}
