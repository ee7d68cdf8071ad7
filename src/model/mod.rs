//! The data a document is made from, as written in YAML (field names are Vietnamese, as the
//! secretariat writes them). Loading fills these types; validation checks what serde cannot;
//! the template and compose stages read them.

mod attachment;
mod body;
pub mod bounds;
mod choice;
mod data;
pub mod inspection;
pub mod required;
mod table;
pub mod tasks;

pub use attachment::{KemTheo, ThamQuyen};
pub use body::{Node, NodeList};
pub use data::{FromTable, Indicator, Part, Source};
pub use table::{CellValue, ColumnKind, ColumnSpec, Numbering, RowSpec, TableSpec};

use serde::Deserialize;
use serde_saphyr::Spanned;

/// One document file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VanBan {
    /// Document kind: selects the template, the type name and its abbreviation.
    pub loai: Spanned<String>,
    /// Overrides the built-in template of the kind (a template name from `vanban templates`).
    #[serde(default)]
    pub mau: Option<Spanned<String>>,
    /// Parent agency ("UBND TỈNH BẮC SƠN"); omitted for agencies without one.
    #[serde(default)]
    pub co_quan_chu_quan: Option<String>,
    /// Issuing agency; a "\n" splits it over two lines.
    #[serde(deserialize_with = "required::co_quan_ban_hanh")]
    pub co_quan_ban_hanh: String,
    /// The issuing agency's name in normal case, for sentences such as the annex line
    /// "(Kèm theo Báo cáo số … của Tổ công tác Đề án 06 tỉnh Bắc Sơn)". Defaults to
    /// `co_quan_ban_hanh` as written.
    #[serde(default)]
    pub ten_co_quan: Option<String>,
    /// The agency's abbreviation in the ký hiệu ("UBND", "TCTĐA06").
    pub viet_tat: Spanned<String>,
    /// Optional drafting-unit suffix of the ký hiệu ("VX" in "125/UBND-VX").
    #[serde(default)]
    pub don_vi_soan_thao: Option<String>,
    /// Number (1–9 999 999); empty or missing keeps the blank for a draft.
    #[serde(default, deserialize_with = "bounds::so")]
    pub so: Option<Spanned<u32>>,
    /// Place name in the date line ("Bắc Sơn").
    #[serde(deserialize_with = "required::dia_danh")]
    pub dia_danh: String,
    /// Date: "2023-09-25", "25/9/2023", or partial "/9/2023" (blank day), "//2023".
    pub ngay: Spanned<String>,
    /// Trích yếu (the subject line). For a Công văn it follows "V/v ".
    #[serde(deserialize_with = "required::trich_yeu")]
    pub trich_yeu: String,
    /// The reporting period ("tháng 9/2023"), free text available to templates.
    #[serde(default)]
    pub ky_bao_cao: Option<String>,
    /// Secrecy and urgency stamps (MẬT, TỐI MẬT; KHẨN, THƯỢNG KHẨN, HỎA TỐC).
    #[serde(default)]
    pub do_mat: Option<Spanned<String>>,
    #[serde(default)]
    pub do_khan: Option<Spanned<String>>,
    /// Recipients after "Kính gửi:" (Công văn, Tờ trình, and reports sent upward).
    #[serde(default)]
    pub kinh_gui: Vec<String>,
    /// Legal bases (căn cứ), one per line, without the final ";" or ".".
    #[serde(default, deserialize_with = "required::can_cu")]
    pub can_cu: Vec<String>,
    /// Opening paragraphs before the numbered parts.
    #[serde(default)]
    pub mo_dau: NodeList,
    /// The body: parts, items, paragraphs, lists and tables (see `Node`).
    #[serde(default)]
    pub noi_dung: NodeList,
    /// Closing paragraphs; "./." is added after the last one.
    #[serde(default)]
    pub ket_thuc: NodeList,
    pub chu_ky: Signature,
    #[serde(default)]
    pub noi_nhan: Option<NoiNhan>,
    #[serde(default)]
    pub phu_luc: Vec<Spanned<Annex>>,
    /// Layout overrides within the ranges of Decree 30.
    #[serde(default)]
    pub trinh_bay: Layout,
    /// Free data available to templates as `du_lieu`.
    #[serde(default)]
    pub du_lieu: Option<serde_json::Value>,
    /// Indicators (chỉ tiêu): figures whose sentences, changes and rates are computed.
    #[serde(default)]
    pub chi_tieu: Vec<Spanned<Indicator>>,
    /// The previous report (path relative to this file) that changes are computed against;
    /// `vanban render --previous FILE` takes precedence.
    #[serde(default)]
    pub ky_truoc: Option<Spanned<String>>,
    /// Tasks (of a plan, a progress table, a report's status annex): see `crate::tasks`.
    #[serde(default)]
    pub nhiem_vu: Option<Spanned<tasks::TaskSource>>,
    /// The issuing authority of a decision ("Chủ tịch Ủy ban nhân dân tỉnh …").
    #[serde(default)]
    pub tham_quyen: Option<ThamQuyen>,
    /// A document attached to this one (the plan a Quyết định promulgates).
    #[serde(default)]
    pub kem_theo: Option<Spanned<KemTheo>>,
    /// Inspection plan data (teams, units, schedule, outlines); `loai: ke-hoach-kiem-tra`.
    #[serde(default)]
    pub kiem_tra: Option<Spanned<inspection::KiemTra>>,
}

impl VanBan {
    /// The document's own bodies in reading order (opening, body, closing, then those of an
    /// attached document) and, borrowed alongside, its annexes.
    pub fn parts_mut(&mut self) -> (Vec<&mut NodeList>, &mut [Spanned<Annex>]) {
        let VanBan {
            mo_dau,
            noi_dung,
            ket_thuc,
            kem_theo,
            phu_luc,
            ..
        } = self;
        let mut bodies = vec![mo_dau, noi_dung, ket_thuc];
        if let Some(k) = kem_theo {
            let k = &mut k.value;
            bodies.extend([&mut k.mo_dau, &mut k.noi_dung, &mut k.ket_thuc]);
        }
        (bodies, phu_luc)
    }
}

/// The signature block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Authority prefix: TM, KT, TL, TUQ, Q (with or without the dot), or omitted.
    #[serde(default)]
    pub quyen_han: Option<Spanned<String>>,
    /// Who the prefix acts for: "ỦY BAN NHÂN DÂN" (TM.), "CHỦ TỊCH" (KT., TL., TUQ.).
    #[serde(default)]
    pub thay_mat: Option<String>,
    /// The signer's title line(s): "PHÓ CHỦ TỊCH", or ["TỔ TRƯỞNG", "CHỦ TỊCH UBND TỈNH"].
    #[serde(deserialize_with = "required::chuc_vu")]
    pub chuc_vu: OneOrMany,
    #[serde(deserialize_with = "required::ho_ten")]
    pub ho_ten: String,
    /// A PNG of the signature (path relative to the YAML file).
    #[serde(default)]
    pub anh_chu_ky: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn lines(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => s.lines().map(str::to_string).collect(),
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// Nơi nhận: recipients, then "- Lưu: VT, …." built from `luu`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoiNhan {
    /// Recipients, without the leading "- " and the trailing ";" (added automatically).
    #[serde(default)]
    pub gui: Vec<String>,
    /// Units after "Lưu: " ("VT", "KSTTHCNC").
    #[serde(default = "default_luu")]
    pub luu: Vec<String>,
    /// Drafter's initials and number of copies, e.g. "PL.(30)".
    #[serde(default)]
    pub ky_hieu_nguoi_soan: Option<String>,
}

fn default_luu() -> Vec<String> {
    vec!["VT".to_string()]
}

/// One annex (Phụ lục).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// Title (UPPER case is applied); "\n" splits lines.
    #[serde(deserialize_with = "required::tieu_de")]
    pub tieu_de: String,
    /// "ngang" (landscape) or "doc" (portrait, the default).
    #[serde(default, deserialize_with = "choice::orientation")]
    pub huong: Option<Spanned<crate::ir::Orientation>>,
    /// Paragraphs before the table.
    #[serde(default)]
    pub mo_dau: NodeList,
    #[serde(default)]
    pub bang: Option<TableSpec>,
    /// Paragraphs after the table.
    #[serde(default)]
    pub ghi_chu: NodeList,
    /// The table is the document's task list in this style (ke_hoach, theo_doi, tinh_trang,
    /// tong_hop) instead of `bang`.
    #[serde(default)]
    pub nhiem_vu: Option<Spanned<String>>,
}

impl Annex {
    /// The annex's page orientation (portrait unless `huong: ngang`).
    pub fn orientation(&self) -> crate::ir::Orientation {
        self.huong
            .as_ref()
            .map_or(crate::ir::Orientation::Portrait, |h| h.value)
    }
}

/// Layout overrides (within Decree 30's ranges; see `bounds` for each range).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Body text size, 13–14 pt.
    #[serde(default, deserialize_with = "bounds::co_chu")]
    pub co_chu: Option<Spanned<f32>>,
    /// Line spacing multiple, 1.0–1.5.
    #[serde(default, deserialize_with = "bounds::gian_dong")]
    pub gian_dong: Option<Spanned<f32>>,
    /// Margins in mm: top and bottom 20–25, left 30–35, right 15–20.
    #[serde(default, deserialize_with = "bounds::le_tren")]
    pub le_tren: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_duoi")]
    pub le_duoi: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_trai")]
    pub le_trai: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_phai")]
    pub le_phai: Option<Spanned<f32>>,
    /// Text size in tables, 10–14 pt.
    #[serde(default, deserialize_with = "bounds::co_chu_bang")]
    pub co_chu_bang: Option<Spanned<f32>>,
}
