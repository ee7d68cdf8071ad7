//! The raw model: the data a document is made from, as written in YAML, with spans. Field
//! names are English; each keeps the Vietnamese YAML key the secretariat writes in a serde
//! rename (`docs/glossary.md`). [`crate::load`] fills these types (numeric bounds and
//! closed-list words already checked and typed, `bounds` and `choice`); [`crate::validate`]
//! checks what serde cannot and wraps them in a `CheckedDocument`; later stages read them
//! only through that and the `Computed` document.

mod annex;
mod attachment;
mod body;
pub mod bounds;
mod choice;
mod data;
pub mod inspection;
pub mod required;
mod table;
mod task_table;
pub mod tasks;

pub use annex::{Annex, AnnexDocumentSpec, ReferenceLine};
pub use attachment::{AttachmentSpec, DecidingBody};
pub use body::{Node, NodeList};
pub use data::{FromTable, Indicator, Part, SheetSource};
pub use table::{
    CellValue, ColumnKind, ColumnSpec, GroupLabel, GroupRow, GroupRowsSpec, LabelPlace, Merge,
    MergeWalk, Numbering, Placed, RowSpec, TableSpec,
};
pub use task_table::{TaskColumnSpec, TaskTableSpec};

use serde::Deserialize;
use serde_saphyr::Spanned;

/// One document file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSpec {
    /// Document kind: selects the template, the type name and its abbreviation.
    #[serde(default = "required::absent")]
    #[serde(rename = "loai")]
    pub kind: Spanned<String>,
    /// Overrides the built-in template of the kind (a template name from `vanban templates`).
    #[serde(default)]
    #[serde(rename = "mau")]
    pub template: Option<Spanned<String>>,
    /// Parent agency ("UBND TỈNH BẮC SƠN"); omitted for agencies without one.
    #[serde(default)]
    #[serde(rename = "co_quan_chu_quan")]
    pub parent_agency: Option<String>,
    /// Issuing agency; a "\n" splits it over two lines.
    #[serde(default, deserialize_with = "required::co_quan_ban_hanh")]
    #[serde(rename = "co_quan_ban_hanh")]
    pub issuer: String,
    /// The issuing agency's name in normal case, for sentences such as the annex line
    /// "(Kèm theo Báo cáo số … của Tổ công tác Đề án 06 tỉnh Bắc Sơn)". Defaults to
    /// `co_quan_ban_hanh` as written.
    #[serde(default)]
    #[serde(rename = "ten_co_quan")]
    pub issuer_name: Option<String>,
    /// The agency's abbreviation in the ký hiệu ("UBND", "TCTĐA06").
    #[serde(default = "required::absent")]
    #[serde(rename = "viet_tat")]
    pub issuer_abbr: Spanned<String>,
    /// Optional drafting-unit suffix of the ký hiệu ("VX" in "125/UBND-VX").
    #[serde(default)]
    #[serde(rename = "don_vi_soan_thao")]
    pub drafting_unit: Option<String>,
    /// Number (1–9 999 999); empty or missing keeps the blank for a draft.
    #[serde(default, deserialize_with = "bounds::so")]
    #[serde(rename = "so")]
    pub number: Option<Spanned<u32>>,
    /// Place name in the date line ("Bắc Sơn").
    #[serde(default, deserialize_with = "required::dia_danh")]
    #[serde(rename = "dia_danh")]
    pub place: String,
    /// Date: "2023-09-25", "25/9/2023", or partial "/9/2023" (blank day), "//2023".
    #[serde(default = "required::absent")]
    #[serde(rename = "ngay")]
    pub date: Spanned<String>,
    /// Trích yếu (the subject line). For a Công văn it follows "V/v ".
    #[serde(default, deserialize_with = "required::trich_yeu")]
    #[serde(rename = "trich_yeu")]
    pub subject: String,
    /// The reporting period ("tháng 9/2023"), free text available to templates.
    #[serde(default)]
    #[serde(rename = "ky_bao_cao")]
    pub period: Option<String>,
    /// Secrecy and urgency stamps (MẬT, TỐI MẬT; KHẨN, THƯỢNG KHẨN, HỎA TỐC).
    #[serde(default)]
    #[serde(rename = "do_mat")]
    pub secrecy: Option<Spanned<String>>,
    #[serde(default)]
    #[serde(rename = "do_khan")]
    pub urgency: Option<Spanned<String>>,
    /// Recipients after "Kính gửi:" (Công văn, Tờ trình, and reports sent upward).
    #[serde(default)]
    #[serde(rename = "kinh_gui")]
    pub addressees: Vec<String>,
    /// Giấy mời: the meeting block (time, place, participants) printed after the opening.
    #[serde(default)]
    #[serde(rename = "cuoc_hop")]
    pub meeting: Option<Spanned<Meeting>>,
    /// Legal bases (căn cứ), one per line, without the final ";" or ".".
    #[serde(default, deserialize_with = "required::can_cu")]
    #[serde(rename = "can_cu")]
    pub legal_bases: Vec<String>,
    /// Opening paragraphs before the numbered parts.
    #[serde(default)]
    #[serde(rename = "mo_dau")]
    pub opening: NodeList,
    /// The body: parts, items, paragraphs, lists and tables (see `Node`).
    #[serde(default)]
    #[serde(rename = "noi_dung")]
    pub body: NodeList,
    /// Closing paragraphs; "./." is added after the last one.
    #[serde(default)]
    #[serde(rename = "ket_thuc")]
    pub closing: NodeList,
    /// The signature block (`Location::UNKNOWN` when the key is missing, which the check
    /// stage refuses).
    #[serde(default = "required::absent")]
    #[serde(rename = "chu_ky")]
    pub signature: Spanned<Signature>,
    /// A second signature block, on the left of `chu_ky` (Biên bản: the secretary beside
    /// the chair; Hợp đồng: party A beside party B). Nơi nhận then goes under both.
    #[serde(default)]
    #[serde(rename = "chu_ky_trai")]
    pub left_signature: Option<Spanned<Signature>>,
    #[serde(default)]
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Recipients>,
    #[serde(default)]
    #[serde(rename = "phu_luc")]
    pub annexes: Vec<Spanned<Annex>>,
    /// Layout overrides within the ranges of Decree 30.
    #[serde(default)]
    #[serde(rename = "trinh_bay")]
    pub layout: Layout,
    /// Free data available to templates as `du_lieu`.
    #[serde(default)]
    #[serde(rename = "du_lieu")]
    pub data: Option<serde_json::Value>,
    /// Indicators (chỉ tiêu): figures whose sentences, changes and rates are computed.
    #[serde(default)]
    #[serde(rename = "chi_tieu")]
    pub indicators: Vec<Spanned<Indicator>>,
    /// The previous report (path relative to this file) that changes are computed against;
    /// `vanban render --previous FILE` takes precedence.
    #[serde(default)]
    #[serde(rename = "ky_truoc")]
    pub previous: Option<Spanned<String>>,
    /// Tasks (of a plan, a progress table, a report's status annex): see `crate::tasks`.
    #[serde(default)]
    #[serde(rename = "nhiem_vu")]
    pub tasks: Option<Spanned<tasks::TaskSource>>,
    /// The issuing authority of a decision ("Chủ tịch Ủy ban nhân dân tỉnh …").
    #[serde(default)]
    #[serde(rename = "tham_quyen")]
    pub authority: Option<DecidingBody>,
    /// A document attached to this one (the plan a Quyết định promulgates).
    #[serde(default)]
    #[serde(rename = "kem_theo")]
    pub attachment: Option<Spanned<AttachmentSpec>>,
    /// Inspection plan data (teams, units, schedule, outlines); `loai: ke-hoach-kiem-tra`.
    #[serde(default)]
    #[serde(rename = "kiem_tra")]
    pub inspection: Option<Spanned<inspection::InspectionSpec>>,
    /// Where the document's top-level block starts (its first key), set by the loader: the
    /// place of a missing top-level key.
    #[serde(skip)]
    pub start: Option<crate::error::Pos>,
}

impl DocumentSpec {
    /// The document's own bodies in reading order (opening, body, closing, then those of an
    /// attached document) and, borrowed alongside, its annexes.
    pub fn parts_mut(&mut self) -> (Vec<&mut NodeList>, &mut [Spanned<Annex>]) {
        let DocumentSpec {
            opening: mo_dau,
            body: noi_dung,
            closing: ket_thuc,
            attachment: kem_theo,
            annexes: phu_luc,
            ..
        } = self;
        let mut bodies = vec![mo_dau, noi_dung, ket_thuc];
        if let Some(k) = kem_theo {
            let k = &mut k.value;
            bodies.extend([&mut k.opening, &mut k.body, &mut k.closing]);
        }
        (bodies, phu_luc)
    }
}

/// The signature block.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Authority prefix: TM, KT, TL, TUQ, Q (with or without the dot), or omitted.
    #[serde(default)]
    #[serde(rename = "quyen_han")]
    pub authority: Option<Spanned<String>>,
    /// Who the prefix acts for: "ỦY BAN NHÂN DÂN" (TM.), "CHỦ TỊCH" (KT., TL., TUQ.).
    #[serde(default)]
    #[serde(rename = "thay_mat")]
    pub on_behalf_of: Option<String>,
    /// The signer's title line(s): "PHÓ CHỦ TỊCH", or ["TỔ TRƯỞNG", "CHỦ TỊCH UBND TỈNH"].
    #[serde(default, deserialize_with = "required::chuc_vu")]
    #[serde(rename = "chuc_vu")]
    pub titles: OneOrMany,
    #[serde(default, deserialize_with = "required::ho_ten")]
    #[serde(rename = "ho_ten")]
    pub name: String,
    /// A PNG of the signature (path relative to the YAML file).
    #[serde(default)]
    #[serde(rename = "anh_chu_ky")]
    pub image: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// No line at all: what a missing key leaves (a written one is never empty).
impl Default for OneOrMany {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl OneOrMany {
    pub fn lines(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => s.lines().map(str::to_string).collect(),
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// The meeting block of a Giấy mời (`cuoc_hop:`), each key printed as a line after the
/// opening: "Thời gian: …", "Địa điểm: …", "Thành phần: …" (a list: one "- " line each).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// When ("08 giờ 00 phút, thứ Năm, ngày 20 tháng 11 năm 2025").
    #[serde(default)]
    #[serde(rename = "thoi_gian")]
    pub time: Option<Spanned<String>>,
    /// Where ("Hội trường tầng 3, Sở Nội vụ tỉnh Hà Lam").
    #[serde(default)]
    #[serde(rename = "dia_diem")]
    pub place: Option<Spanned<String>>,
    /// Who is invited: one line, or a list of "- " lines.
    #[serde(default)]
    #[serde(rename = "thanh_phan")]
    pub participants: Option<Spanned<OneOrMany>>,
}

/// Nơi nhận: recipients, then "- Lưu: VT, …." built from `luu`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// Recipients, without the leading "- " and the trailing ";" (added automatically).
    #[serde(default)]
    #[serde(rename = "gui")]
    pub to: Vec<String>,
    /// Units after "Lưu: " ("VT", "KSTTHCNC").
    #[serde(default = "default_luu")]
    #[serde(rename = "luu")]
    pub archive: Vec<String>,
    /// Drafter's initials and number of copies, e.g. "PL.(30)".
    #[serde(default)]
    #[serde(rename = "ky_hieu_nguoi_soan")]
    pub drafter_mark: Option<String>,
}

fn default_luu() -> Vec<String> {
    vec!["VT".to_string()]
}

/// Layout overrides (within Decree 30's ranges; see `bounds` for each range).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Body text size, 13–14 pt.
    #[serde(default, deserialize_with = "bounds::co_chu")]
    #[serde(rename = "co_chu")]
    pub font_size: Option<Spanned<f32>>,
    /// Line spacing multiple, 1.0–1.5.
    #[serde(default, deserialize_with = "bounds::gian_dong")]
    #[serde(rename = "gian_dong")]
    pub line_spacing: Option<Spanned<f32>>,
    /// Margins in mm: top and bottom 20–25, left 30–35, right 15–20.
    #[serde(default, deserialize_with = "bounds::le_tren")]
    #[serde(rename = "le_tren")]
    pub margin_top: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_duoi")]
    #[serde(rename = "le_duoi")]
    pub margin_bottom: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_trai")]
    #[serde(rename = "le_trai")]
    pub margin_left: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_phai")]
    #[serde(rename = "le_phai")]
    pub margin_right: Option<Spanned<f32>>,
    /// Text size in tables, 10–14 pt.
    #[serde(default, deserialize_with = "bounds::co_chu_bang")]
    #[serde(rename = "co_chu_bang")]
    pub table_font_size: Option<Spanned<f32>>,
}
