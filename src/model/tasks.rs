//! The `nhiem_vu:` block of a document and the body of a tasks file, as written in YAML
//! (checked and numbered by [`crate::tasks`]).

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::OneOrMany;

/// `nhiem_vu:` in a document: the tasks inline, or a file holding them, plus options.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSource {
    /// A tasks file (path relative to the document) with `nhom:` and `nhiem_vu:`.
    #[serde(default)]
    #[serde(rename = "tep")]
    pub file: Option<Spanned<String>>,
    /// Tasks from a spreadsheet or CSV file: one row a task, `cot` mapping task fields to
    /// header texts.
    #[serde(default)]
    #[serde(rename = "nguon")]
    pub sheet: Option<Spanned<super::SheetSource>>,
    /// Overrides the tasks file's numbering when given.
    #[serde(default, deserialize_with = "super::choice::numbering")]
    #[serde(rename = "danh_so")]
    pub numbering: Option<Spanned<super::Numbering>>,
    #[serde(default)]
    #[serde(rename = "nhom")]
    pub group: Vec<Spanned<GroupSpec>>,
    #[serde(default)]
    #[serde(rename = "nhiem_vu")]
    pub tasks: Vec<Spanned<TaskSpec>>,
    #[serde(default)]
    #[serde(rename = "cach_viet")]
    pub wording: Vec<Spanned<ClauseSpec>>,
    /// The office's own status labels, for tasks written in the document.
    #[serde(default)]
    #[serde(rename = "nhan_trang_thai")]
    pub status_labels: Vec<Spanned<StatusLabelSpec>>,
    /// Extra task fields, for tasks written in the document.
    #[serde(default)]
    #[serde(rename = "truong")]
    pub fields: Vec<Spanned<FieldSpec>>,
    /// What the tasks carry out, for the plan's sentence "Chi tiết 41 nhiệm vụ cụ thể thuộc
    /// 07 nhóm nhiệm vụ <mo_ta>" (overrides the tasks file's).
    #[serde(default)]
    #[serde(rename = "mo_ta")]
    pub description: Option<String>,
    /// Report date for overdue tasks (default: the document's date).
    #[serde(default)]
    #[serde(rename = "tinh_den")]
    pub as_of: Option<Spanned<String>>,
    /// Keep only matching tasks: `loc: {chu_tri: Sở Y tế}`.
    #[serde(default)]
    #[serde(rename = "loc")]
    pub filter: Option<Spanned<std::collections::BTreeMap<String, String>>>,
}

/// A tasks file (and the inline form).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskFileBody {
    /// "lien_tuc" (1..N across groups, the default) or "theo_nhom".
    #[serde(default, deserialize_with = "super::choice::numbering")]
    #[serde(rename = "danh_so")]
    pub numbering: Option<Spanned<super::Numbering>>,
    #[serde(default)]
    #[serde(rename = "nhom")]
    pub group: Vec<Spanned<GroupSpec>>,
    #[serde(default)]
    #[serde(rename = "nhiem_vu")]
    pub tasks: Vec<Spanned<TaskSpec>>,
    /// Wording of the status sentence: which statuses share a clause and how it reads.
    #[serde(default)]
    #[serde(rename = "cach_viet")]
    pub wording: Vec<Spanned<ClauseSpec>>,
    #[serde(default)]
    #[serde(rename = "mo_ta")]
    pub description: Option<String>,
    /// The office's own status labels, each counted in one of the four classes.
    #[serde(default)]
    #[serde(rename = "nhan_trang_thai")]
    pub status_labels: Vec<Spanned<StatusLabelSpec>>,
    /// Extra task fields the office tracks: `{id: van_ban_tw, ten: Văn bản của Trung ương}`.
    #[serde(default)]
    #[serde(rename = "truong")]
    pub fields: Vec<Spanned<FieldSpec>>,
}

/// One extra task field: its id (used in columns, `--where` and templates), its header and
/// its kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub id: Spanned<String>,
    /// The header of a column showing the field.
    #[serde(rename = "ten")]
    pub name: String,
    /// "van_ban" (text, the default), "ngay" (a date, printed as written) or "danh_sach"
    /// (one or several lines).
    #[serde(default)]
    #[serde(rename = "loai")]
    pub kind: Option<Spanned<String>>,
}

/// One of `nhan_trang_thai`: `{nhan: Đã triển khai, loai: hoan_thanh}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusLabelSpec {
    /// The label as the office writes it, printed in the tables.
    #[serde(rename = "nhan")]
    pub label: Spanned<String>,
    /// The counting class: hoan_thanh, thuong_xuyen, dang_thuc_hien or chua_hoan_thanh.
    #[serde(rename = "loai")]
    pub class: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub id: Spanned<String>,
    /// Title, e.g. "Về công tác chỉ đạo, điều hành" (the annex prints it UPPER).
    #[serde(rename = "ten")]
    pub name: String,
    /// Short name for sentences ("nhiệm vụ chung", "công tác chỉ đạo, điều hành").
    #[serde(default)]
    #[serde(rename = "ten_ngan")]
    pub short_name: Option<String>,
    /// Order of the group (default: as listed).
    #[serde(default)]
    #[serde(rename = "thu_tu")]
    pub order: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    pub id: Spanned<String>,
    #[serde(rename = "nhom")]
    pub group: Spanned<String>,
    #[serde(rename = "noi_dung")]
    pub body: OneOrMany,
    #[serde(default)]
    #[serde(rename = "chu_tri")]
    pub lead: Option<OneOrMany>,
    #[serde(default)]
    #[serde(rename = "phoi_hop")]
    pub partners: Option<OneOrMany>,
    #[serde(default)]
    #[serde(rename = "san_pham")]
    pub product: Option<String>,
    #[serde(default)]
    #[serde(rename = "han")]
    pub deadline: Option<Spanned<DeadlineInput>>,
    #[serde(default)]
    #[serde(rename = "van_ban_giao")]
    pub assigned_by: Option<OneOrMany>,
    #[serde(default)]
    #[serde(rename = "trang_thai")]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    #[serde(rename = "ket_qua")]
    pub result: Option<OneOrMany>,
    #[serde(default)]
    #[serde(rename = "ghi_chu")]
    pub notes: Option<String>,
    /// Values of the extra fields declared under `truong`.
    #[serde(default)]
    #[serde(rename = "truong")]
    pub fields: Option<Spanned<std::collections::BTreeMap<String, Spanned<super::OneOrMany>>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DeadlineInput {
    Text(String),
    Free { tu_do: String },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseSpec {
    #[serde(rename = "trang_thai")]
    pub status: Vec<Spanned<String>>,
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
