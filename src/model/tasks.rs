//! The `nhiem_vu:` block of a document and the body of a tasks file, as written in YAML
//! (checked and numbered by [`crate::tasks`]).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::OneOrMany;

/// `nhiem_vu:` in a document: the tasks inline, or a file holding them, plus options.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "Danh sách nhiệm vụ của văn bản: viết tại đây, hoặc trong tệp riêng (tep), cùng các tùy chọn."
)]
#[serde(deny_unknown_fields)]
pub struct TaskSource {
    /// A tasks file (path relative to the document) with `nhom:` and `nhiem_vu:`.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Tệp nhiệm vụ (đường dẫn tính từ văn bản) có nhom và nhiem_vu.", example = &"nhiem-vu-2025.yaml")]
    #[serde(rename = "tep")]
    pub file: Option<Spanned<String>>,
    /// Tasks from a spreadsheet or CSV file: one row a task, `cot` mapping task fields to
    /// header texts.
    #[serde(default)]
    #[schemars(with = "Option<super::SheetSource>", description = "Nhiệm vụ đọc từ bảng tính Excel (.xlsx, .xls, .ods) hoặc tệp CSV: mỗi dòng một nhiệm vụ; cot nối trường của nhiệm vụ (id, nhom, noi_dung, chu_tri, phoi_hop, san_pham, han, van_ban_giao, trang_thai, ket_qua, ghi_chu, hoặc trường riêng) với tiêu đề cột.", example = serde_json::json!({"tep": "nhiem-vu-bang-tinh.xlsx", "trang": "Nhiệm vụ 2025", "cot": {"id": "Mã", "nhom": "Nhóm nhiệm vụ", "noi_dung": "Nội dung nhiệm vụ", "trang_thai": "Tình trạng"}}))]
    #[serde(rename = "nguon")]
    pub sheet: Option<Spanned<super::SheetSource>>,
    /// Overrides the tasks file's numbering when given.
    #[serde(default, deserialize_with = "super::choice::numbering")]
    #[schemars(schema_with = "super::choice::schema::<super::Numbering>", description = "Đánh số nhiệm vụ: lien_tuc (1..N qua các nhóm, mặc định) hoặc theo_nhom.", example = &"lien_tuc")]
    #[serde(rename = "danh_so")]
    pub numbering: Option<Spanned<super::Numbering>>,
    #[serde(default)]
    #[schemars(with = "Vec<GroupSpec>", description = "Các nhóm nhiệm vụ.", example = serde_json::json!([{"id": "chi_dao", "ten": "Về công tác chỉ đạo, điều hành"}]))]
    #[serde(rename = "nhom")]
    pub group: Vec<Spanned<GroupSpec>>,
    #[serde(default)]
    #[schemars(with = "Vec<TaskSpec>", description = "Các nhiệm vụ.", example = serde_json::json!([{"id": "nv01", "nhom": "chi_dao", "noi_dung": "Ban hành kế hoạch", "chu_tri": "Công an tỉnh", "han": "Tháng 3/2025"}]))]
    #[serde(rename = "nhiem_vu")]
    pub tasks: Vec<Spanned<TaskSpec>>,
    #[serde(default)]
    #[schemars(with = "Vec<ClauseSpec>", description = "Cách viết câu tình trạng: những tình trạng nào chung một vế và vế ấy viết thế nào.", example = serde_json::json!([{"trang_thai": ["hoan_thanh"], "viet": "đã hoàn thành và đã có chỉ đạo thực hiện thường xuyên"}]))]
    #[serde(rename = "cach_viet")]
    pub wording: Vec<Spanned<ClauseSpec>>,
    /// The office's own status labels, for tasks written in the document.
    #[serde(default)]
    #[schemars(with = "Vec<StatusLabelSpec>", description = "Nhãn tình trạng theo cách viết của cơ quan, mỗi nhãn được đếm vào một trong bốn loại.", example = serde_json::json!([{"nhan": "Đã triển khai", "loai": "hoan_thanh"}]))]
    #[serde(rename = "nhan_trang_thai")]
    pub status_labels: Vec<Spanned<StatusLabelSpec>>,
    /// Extra task fields, for tasks written in the document.
    #[serde(default)]
    #[schemars(with = "Vec<FieldSpec>", description = "Các trường thêm của nhiệm vụ mà cơ quan theo dõi.", example = serde_json::json!([{"id": "van_ban_tw", "ten": "Văn bản của Trung ương"}]))]
    #[serde(rename = "truong")]
    pub fields: Vec<Spanned<FieldSpec>>,
    /// What the tasks carry out, for the plan's sentence "Chi tiết 41 nhiệm vụ cụ thể thuộc
    /// 07 nhóm nhiệm vụ <mo_ta>" (overrides the tasks file's).
    #[serde(default)]
    #[schemars(description = "Các nhiệm vụ thực hiện điều gì, cho câu \"Chi tiết 41 nhiệm vụ cụ thể thuộc 07 nhóm nhiệm vụ …\".", example = &"thực hiện Đề án 06 năm 2025")]
    #[serde(rename = "mo_ta")]
    pub description: Option<String>,
    /// Report date for overdue tasks (default: the document's date).
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Ngày tính đến, để xác định nhiệm vụ quá hạn (mặc định: ngày của văn bản).", example = &"15/9/2025")]
    #[serde(rename = "tinh_den")]
    pub as_of: Option<Spanned<String>>,
    /// Keep only matching tasks: `loc: {chu_tri: Sở Y tế}`.
    #[serde(default)]
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>", description = "Chỉ giữ các nhiệm vụ thỏa điều kiện: trường → giá trị.", example = serde_json::json!({"chu_tri": "Sở Y tế"}))]
    #[serde(rename = "loc")]
    pub filter: Option<Spanned<std::collections::BTreeMap<String, String>>>,
}

/// A tasks file (and the inline form).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(description = "Tệp nhiệm vụ: các nhóm và các nhiệm vụ.")]
#[serde(deny_unknown_fields)]
pub struct TaskFileBody {
    /// "lien_tuc" (1..N across groups, the default) or "theo_nhom".
    #[serde(default, deserialize_with = "super::choice::numbering")]
    #[schemars(schema_with = "super::choice::schema::<super::Numbering>", description = "Đánh số nhiệm vụ: lien_tuc (1..N qua các nhóm, mặc định) hoặc theo_nhom.", example = &"lien_tuc")]
    #[serde(rename = "danh_so")]
    pub numbering: Option<Spanned<super::Numbering>>,
    #[serde(default)]
    #[schemars(with = "Vec<GroupSpec>", description = "Các nhóm nhiệm vụ.", example = serde_json::json!([{"id": "chi_dao", "ten": "Về công tác chỉ đạo, điều hành"}]))]
    #[serde(rename = "nhom")]
    pub group: Vec<Spanned<GroupSpec>>,
    #[serde(default)]
    #[schemars(with = "Vec<TaskSpec>", description = "Các nhiệm vụ.", example = serde_json::json!([{"id": "nv01", "nhom": "chi_dao", "noi_dung": "Ban hành kế hoạch", "chu_tri": "Công an tỉnh", "han": "Tháng 3/2025"}]))]
    #[serde(rename = "nhiem_vu")]
    pub tasks: Vec<Spanned<TaskSpec>>,
    /// Wording of the status sentence: which statuses share a clause and how it reads.
    #[serde(default)]
    #[schemars(with = "Vec<ClauseSpec>", description = "Cách viết câu tình trạng: những tình trạng nào chung một vế và vế ấy viết thế nào.", example = serde_json::json!([{"trang_thai": ["hoan_thanh"], "viet": "đã hoàn thành và đã có chỉ đạo thực hiện thường xuyên"}]))]
    #[serde(rename = "cach_viet")]
    pub wording: Vec<Spanned<ClauseSpec>>,
    #[serde(default)]
    #[schemars(description = "Các nhiệm vụ thực hiện điều gì, cho câu \"Chi tiết 41 nhiệm vụ cụ thể thuộc 07 nhóm nhiệm vụ …\".", example = &"thực hiện Đề án 06 năm 2025")]
    #[serde(rename = "mo_ta")]
    pub description: Option<String>,
    /// The office's own status labels, each counted in one of the four classes.
    #[serde(default)]
    #[schemars(with = "Vec<StatusLabelSpec>", description = "Nhãn tình trạng theo cách viết của cơ quan, mỗi nhãn được đếm vào một trong bốn loại.", example = serde_json::json!([{"nhan": "Đã triển khai", "loai": "hoan_thanh"}]))]
    #[serde(rename = "nhan_trang_thai")]
    pub status_labels: Vec<Spanned<StatusLabelSpec>>,
    /// Extra task fields the office tracks: `{id: van_ban_tw, ten: Văn bản của Trung ương}`.
    #[serde(default)]
    #[schemars(with = "Vec<FieldSpec>", description = "Các trường thêm của nhiệm vụ mà cơ quan theo dõi.", example = serde_json::json!([{"id": "van_ban_tw", "ten": "Văn bản của Trung ương"}]))]
    #[serde(rename = "truong")]
    pub fields: Vec<Spanned<FieldSpec>>,
}

/// One extra task field: its id (used in columns, `--where` and templates), its header and
/// its kind.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một trường thêm của nhiệm vụ.")]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    #[schemars(with = "String", description = "Mã trường, dùng trong cột, --where và mẫu.", example = &"van_ban_tw")]
    pub id: Spanned<String>,
    /// The header of a column showing the field.
    #[schemars(description = "Tiêu đề cột hiện trường này.", example = &"Văn bản của Trung ương")]
    #[serde(rename = "ten")]
    pub name: String,
    /// "van_ban" (text, the default), "ngay" (a date, printed as written) or "danh_sach"
    /// (one or several lines).
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Loại trường: van_ban (chữ, mặc định), ngay (ngày, in như viết) hoặc danh_sach (một hoặc nhiều dòng).", example = &"danh_sach")]
    #[serde(rename = "loai")]
    pub kind: Option<Spanned<String>>,
}

/// One of `nhan_trang_thai`: `{nhan: Đã triển khai, loai: hoan_thanh}`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một nhãn tình trạng của cơ quan.")]
#[serde(deny_unknown_fields)]
pub struct StatusLabelSpec {
    /// The label as the office writes it, printed in the tables.
    #[schemars(with = "String", description = "Nhãn tình trạng theo cách viết của cơ quan, in trong bảng.", example = &"Đã triển khai")]
    #[serde(rename = "nhan")]
    pub label: Spanned<String>,
    /// The counting class: hoan_thanh, thuong_xuyen, dang_thuc_hien or chua_hoan_thanh.
    #[schemars(with = "String", description = "Loại để đếm: hoan_thanh, thuong_xuyen, dang_thuc_hien hoặc chua_hoan_thanh.", example = &"hoan_thanh")]
    #[serde(rename = "loai")]
    pub class: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một nhóm nhiệm vụ.")]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    #[schemars(with = "String", description = "Mã nhóm, dùng trong nhom của nhiệm vụ.", example = &"chi_dao")]
    pub id: Spanned<String>,
    /// Title, e.g. "Về công tác chỉ đạo, điều hành" (the annex prints it UPPER).
    #[schemars(description = "Tên nhóm (phụ lục in hoa).", example = &"Về công tác chỉ đạo, điều hành")]
    #[serde(rename = "ten")]
    pub name: String,
    /// Short name for sentences ("nhiệm vụ chung", "công tác chỉ đạo, điều hành").
    #[serde(default)]
    #[schemars(description = "Tên ngắn dùng trong câu.", example = &"công tác chỉ đạo, điều hành")]
    #[serde(rename = "ten_ngan")]
    pub short_name: Option<String>,
    /// Order of the group (default: as listed).
    #[serde(default)]
    #[schemars(
        description = "Thứ tự của nhóm (mặc định: theo thứ tự liệt kê).",
        example = 1
    )]
    #[serde(rename = "thu_tu")]
    pub order: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một nhiệm vụ.")]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    #[schemars(with = "String", description = "Mã nhiệm vụ.", example = &"nv01")]
    pub id: Spanned<String>,
    #[schemars(with = "String", description = "Mã nhóm của nhiệm vụ.", example = &"chi_dao")]
    #[serde(rename = "nhom")]
    pub group: Spanned<String>,
    #[schemars(description = "Nội dung nhiệm vụ: một dòng hoặc danh sách dòng.", example = &"Ban hành kế hoạch triển khai Đề án 06 năm 2025")]
    #[serde(rename = "noi_dung")]
    pub body: OneOrMany,
    #[serde(default)]
    #[schemars(description = "Cơ quan chủ trì: một hoặc danh sách.", example = &"Công an tỉnh")]
    #[serde(rename = "chu_tri")]
    pub lead: Option<OneOrMany>,
    #[serde(default)]
    #[schemars(description = "Cơ quan phối hợp: một hoặc danh sách.", example = ["Sở Tư pháp", "Sở Y tế"])]
    #[serde(rename = "phoi_hop")]
    pub partners: Option<OneOrMany>,
    #[serde(default)]
    #[schemars(description = "Sản phẩm của nhiệm vụ.", example = &"Kế hoạch của UBND tỉnh")]
    #[serde(rename = "san_pham")]
    pub product: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<DeadlineInput>", description = "Thời hạn: một ngày (15/3/2025), một tháng, quý, năm, hoặc {tu_do: …} in như viết.", example = &"Tháng 3/2025", example = serde_json::json!({"tu_do": "Thường xuyên"}))]
    #[serde(rename = "han")]
    pub deadline: Option<Spanned<DeadlineInput>>,
    #[serde(default)]
    #[schemars(description = "Văn bản giao nhiệm vụ: một hoặc danh sách.", example = &"Kế hoạch số 18/KH-UBND")]
    #[serde(rename = "van_ban_giao")]
    pub assigned_by: Option<OneOrMany>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Tình trạng: hoan_thanh, thuong_xuyen, dang_thuc_hien, chua_hoan_thanh, hoặc nhãn của cơ quan.", example = &"hoan_thanh")]
    #[serde(rename = "trang_thai")]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "Kết quả thực hiện: một hoặc danh sách dòng.", example = &"Đã ban hành Kế hoạch số 25/KH-UBND")]
    #[serde(rename = "ket_qua")]
    pub result: Option<OneOrMany>,
    #[serde(default)]
    #[schemars(description = "Ghi chú.", example = &"Chuyển sang năm 2026")]
    #[serde(rename = "ghi_chu")]
    pub notes: Option<String>,
    /// Values of the extra fields declared under `truong`.
    #[serde(default)]
    #[schemars(with = "Option<std::collections::BTreeMap<String, OneOrMany>>", description = "Giá trị của các trường thêm khai báo trong truong.", example = serde_json::json!({"van_ban_tw": "Quyết định số 06/QĐ-TTg"}))]
    #[serde(rename = "truong")]
    pub fields: Option<Spanned<std::collections::BTreeMap<String, Spanned<super::OneOrMany>>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DeadlineInput {
    Text(String),
    Free { tu_do: String },
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một vế của câu tình trạng.")]
#[serde(deny_unknown_fields)]
pub struct ClauseSpec {
    #[schemars(with = "Vec<String>", description = "Các tình trạng chung một vế.", example = ["hoan_thanh", "thuong_xuyen"])]
    #[serde(rename = "trang_thai")]
    pub status: Vec<Spanned<String>>,
    #[schemars(description = "Cách viết vế câu.", example = &"đã hoàn thành và đã có chỉ đạo thực hiện thường xuyên")]
    #[serde(rename = "viet")]
    pub text: String,
}

/// The sentence kinds a body node (`- cau_nhiem_vu: …`) can ask for.
pub const SENTENCES: &[(&str, &str)] = &[
    (
        "ke_hoach",
        "\"Chi tiết N nhiệm vụ cụ thể thuộc M nhóm…\" và danh sách nhóm",
    ),
    (
        "tinh_trang",
        "\"Đối với N nhiệm vụ …: … đã hoàn thành …\" cho từng nhóm",
    ),
    ("tong_hop", "\"Tổng số N nhiệm vụ: …\""),
];
