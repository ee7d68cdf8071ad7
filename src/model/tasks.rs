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
    pub tep: Option<Spanned<String>>,
    /// Overrides the tasks file's numbering when given.
    #[serde(default, deserialize_with = "super::choice::numbering")]
    pub danh_so: Option<Spanned<super::Numbering>>,
    #[serde(default)]
    pub nhom: Vec<Spanned<GroupSpec>>,
    #[serde(default)]
    pub nhiem_vu: Vec<Spanned<TaskSpec>>,
    #[serde(default)]
    pub cach_viet: Vec<Spanned<ClauseSpec>>,
    /// What the tasks carry out, for the plan's sentence "Chi tiết 41 nhiệm vụ cụ thể thuộc
    /// 07 nhóm nhiệm vụ <mo_ta>" (overrides the tasks file's).
    #[serde(default)]
    pub mo_ta: Option<String>,
    /// Report date for overdue tasks (default: the document's date).
    #[serde(default)]
    pub tinh_den: Option<Spanned<String>>,
    /// Keep only matching tasks: `loc: {chu_tri: Sở Y tế}`.
    #[serde(default)]
    pub loc: Option<Spanned<std::collections::BTreeMap<String, String>>>,
}

/// A tasks file (and the inline form).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskFileBody {
    /// "lien_tuc" (1..N across groups, the default) or "theo_nhom".
    #[serde(default, deserialize_with = "super::choice::numbering")]
    pub danh_so: Option<Spanned<super::Numbering>>,
    #[serde(default)]
    pub nhom: Vec<Spanned<GroupSpec>>,
    #[serde(default)]
    pub nhiem_vu: Vec<Spanned<TaskSpec>>,
    /// Wording of the status sentence: which statuses share a clause and how it reads.
    #[serde(default)]
    pub cach_viet: Vec<Spanned<ClauseSpec>>,
    #[serde(default)]
    pub mo_ta: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub id: Spanned<String>,
    /// Title, e.g. "Về công tác chỉ đạo, điều hành" (the annex prints it UPPER).
    pub ten: String,
    /// Short name for sentences ("nhiệm vụ chung", "công tác chỉ đạo, điều hành").
    #[serde(default)]
    pub ten_ngan: Option<String>,
    /// Order of the group (default: as listed).
    #[serde(default)]
    pub thu_tu: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    pub id: Spanned<String>,
    pub nhom: Spanned<String>,
    pub noi_dung: OneOrMany,
    #[serde(default)]
    pub chu_tri: Option<OneOrMany>,
    #[serde(default)]
    pub phoi_hop: Option<OneOrMany>,
    #[serde(default)]
    pub san_pham: Option<String>,
    #[serde(default)]
    pub han: Option<Spanned<DeadlineInput>>,
    #[serde(default)]
    pub van_ban_giao: Option<OneOrMany>,
    #[serde(default)]
    pub trang_thai: Option<Spanned<String>>,
    #[serde(default)]
    pub ket_qua: Option<OneOrMany>,
    #[serde(default)]
    pub ghi_chu: Option<String>,
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
    pub trang_thai: Vec<Spanned<String>>,
    pub viet: String,
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
