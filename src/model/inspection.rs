//! The `kiem_tra:` block of an inspection plan as written in YAML.
//!
//! ```yaml
//! kiem_tra:
//!   thoi_gian: {tu_ngay: 13/10/2025, den_ngay: 31/10/2025}
//!   nhom_don_vi:                       # unit groups; levels are data, not code
//!     - ten: Các sở, ban, ngành cấp tỉnh
//!       de_cuong: A                    # the outline these units answer
//!       don_vi: [Sở Tư pháp, {ten: Sở Y tế, loai: y-te}]
//!   doan:                              # teams, numbered 01, 02, … in order
//!     - truong_doan: Công an tỉnh
//!       thanh_vien: [Sở Tư pháp, Văn phòng UBND tỉnh]
//!       thu_ky: Cán bộ Phòng PC06, Công an tỉnh
//!       don_vi:                        # the units this team inspects, with visit dates
//!         - {ten: Sở Tư pháp, ngay: 15/10/2025}
//!   de_cuong:
//!     - ma: A
//!       tieu_de: Đề cương gợi ý báo cáo …
//!       so_lieu: Số liệu báo cáo được lấy từ …
//!       noi_dung: [{muc: …, noi_dung: [{y: …}, {gach: […]}]}]
//!       cau_hoi_them:
//!         - {ap_dung: [Sở Tư pháp], can_cu: …, cau_hoi: [Câu 1, Câu 2]}
//! ```

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::model::{NodeList, bounds, required};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionSpec {
    /// I. 1. Mục đích / 2. Yêu cầu.
    #[serde(default)]
    #[serde(rename = "muc_dich")]
    pub purpose: NodeList,
    #[serde(default)]
    #[serde(rename = "yeu_cau")]
    pub requirements: NodeList,
    /// II. NỘI DUNG KIỂM TRA.
    #[serde(default)]
    #[serde(rename = "noi_dung")]
    pub contents: NodeList,
    /// III. PHƯƠNG PHÁP KIỂM TRA.
    #[serde(default)]
    #[serde(rename = "phuong_phap")]
    pub method: NodeList,
    /// IV.1: paragraphs after the generated "Thành lập 05 Đoàn kiểm tra …" line.
    #[serde(default)]
    #[serde(rename = "thanh_phan")]
    pub members: NodeList,
    /// IV.2: paragraphs after the generated time and object lines (place, who attends).
    #[serde(default)]
    #[serde(rename = "doi_tuong")]
    pub subjects: NodeList,
    /// V: items before the generated duties of the team leads and inspected units.
    #[serde(default)]
    #[serde(rename = "to_chuc_thuc_hien")]
    pub implementation: NodeList,
    /// V: items after them.
    #[serde(default)]
    #[serde(rename = "to_chuc_thuc_hien_cuoi")]
    pub implementation_end: NodeList,
    /// The inspection round.
    #[serde(rename = "thoi_gian")]
    pub round: Spanned<Round>,
    #[serde(default)]
    #[serde(rename = "quy_tac")]
    pub rules: Rules,
    #[serde(deserialize_with = "required::nhom_don_vi")]
    #[serde(rename = "nhom_don_vi")]
    pub unit_groups: Vec<Spanned<UnitGroup>>,
    #[serde(deserialize_with = "required::doan")]
    #[serde(rename = "doan")]
    pub teams: Vec<Spanned<Team>>,
    #[serde(deserialize_with = "required::de_cuong")]
    #[serde(rename = "de_cuong")]
    pub outlines: Vec<Spanned<Outline>>,
    /// Render the schedule (units, visit and notice dates per team) as an annex.
    #[serde(default)]
    #[serde(rename = "phu_luc_lich")]
    pub schedule_annex: bool,
    /// An edited holiday file (path relative to the plan) instead of the built-in one.
    #[serde(default)]
    #[serde(rename = "tep_ngay_nghi")]
    pub holiday_file: Option<Spanned<String>>,
    #[serde(default)]
    #[serde(rename = "phieu")]
    pub checklist: ChecklistOptions,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    #[serde(rename = "tu_ngay")]
    pub from: Spanned<String>,
    #[serde(rename = "den_ngay")]
    pub to: Spanned<String>,
}

/// The schedule rules of the plan (defaults from the model plan).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// The notice reaches a unit at least this many working days before its visit (1–30).
    #[serde(default = "two", deserialize_with = "bounds::thong_bao_truoc")]
    #[serde(rename = "thong_bao_truoc")]
    pub notice_days: u32,
    /// The results notice is due this many working days after a team's last visit (1–60).
    #[serde(default = "five", deserialize_with = "bounds::thong_bao_ket_qua")]
    #[serde(rename = "thong_bao_ket_qua")]
    pub results_days: u32,
    /// Team leads register their schedules by this date.
    #[serde(default)]
    #[serde(rename = "han_dang_ky_lich")]
    pub schedule_deadline_days: Option<Spanned<String>>,
    /// Team reports are due by this date.
    #[serde(default)]
    #[serde(rename = "han_bao_cao")]
    pub report_deadline_days: Option<Spanned<String>>,
    /// Where schedules and reports are sent ("Cơ quan Thường trực Tổ công tác (qua …)").
    #[serde(default)]
    #[serde(rename = "noi_nhan_bao_cao")]
    pub report_recipient: Option<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            notice_days: 2,
            results_days: 5,
            schedule_deadline_days: None,
            report_deadline_days: None,
            report_recipient: None,
        }
    }
}

fn two() -> u32 {
    2
}
fn five() -> u32 {
    5
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistOptions {
    /// Blank lines left for the team's findings (1–30).
    #[serde(default = "eight", deserialize_with = "bounds::so_dong_nhan_xet")]
    #[serde(rename = "so_dong_nhan_xet")]
    pub finding_lines: u32,
    /// Title line under "PHIẾU KIỂM TRA"; "{don_vi}" is replaced by the unit's name.
    #[serde(default)]
    #[serde(rename = "trich_yeu")]
    pub subject: Option<String>,
}

fn eight() -> u32 {
    8
}

impl Default for ChecklistOptions {
    fn default() -> Self {
        ChecklistOptions {
            finding_lines: 8,
            subject: None,
        }
    }
}

/// A group (level) of inspected units answering the same outline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitGroup {
    /// Shown in the teams table: "Các sở, ban, ngành cấp tỉnh", "UBND cấp xã".
    #[serde(deserialize_with = "required::ten")]
    #[serde(rename = "ten")]
    pub name: String,
    /// The `ma` of the outline these units answer.
    #[serde(rename = "de_cuong")]
    pub outline: Spanned<String>,
    #[serde(deserialize_with = "required::don_vi")]
    #[serde(rename = "don_vi")]
    pub units: Vec<Spanned<UnitSpec>>,
}

/// An inspected unit: a name, or a name with a kind that extra questions may target.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    pub name: String,
    pub kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitMap {
    #[serde(rename = "ten")]
    name: String,
    #[serde(default)]
    #[serde(rename = "loai")]
    kind: Option<String>,
}

impl<'de> Deserialize<'de> for UnitSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = UnitSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("tên đơn vị (chuỗi) hoặc {ten: …, loai: …}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<UnitSpec, E> {
                Ok(UnitSpec {
                    name: v.to_string(),
                    kind: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<UnitSpec, A::Error> {
                let m = UnitMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(UnitSpec {
                    name: m.name,
                    kind: m.kind,
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Team number (1–999); defaults to its place in the list (1, 2, …).
    #[serde(default, deserialize_with = "bounds::so_doan")]
    #[serde(rename = "so")]
    pub number: Option<Spanned<u32>>,
    /// Lead agency ("Công an tỉnh"), marked "(Trưởng đoàn)" in the teams table.
    #[serde(deserialize_with = "required::truong_doan")]
    #[serde(rename = "truong_doan")]
    pub lead: String,
    /// The team lead's name, printed under the lead's signature on the checklists.
    #[serde(default)]
    #[serde(rename = "ho_ten_truong_doan")]
    pub lead_name: Option<String>,
    #[serde(default)]
    #[serde(rename = "thanh_vien")]
    pub members: Vec<String>,
    #[serde(default)]
    #[serde(rename = "thu_ky")]
    pub secretary: Option<String>,
    /// The units the team inspects, in visiting order.
    #[serde(deserialize_with = "required::don_vi")]
    #[serde(rename = "don_vi")]
    pub units: Vec<Spanned<Visit>>,
}

/// One visit: a unit's name, or the name with the visit date and (optionally) the date the
/// notice is sent.
#[derive(Debug, Clone)]
pub struct Visit {
    pub name: Spanned<String>,
    pub date: Option<Spanned<String>>,
    pub notice: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VisitMap {
    #[serde(rename = "ten")]
    name: Spanned<String>,
    #[serde(default)]
    #[serde(rename = "ngay")]
    date: Option<Spanned<String>>,
    #[serde(default)]
    #[serde(rename = "thong_bao")]
    notice: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for Visit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Visit;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("tên đơn vị (chuỗi) hoặc {ten: …, ngay: …, thong_bao: …}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Visit, E> {
                Ok(Visit {
                    // The position comes from the enclosing Spanned<Visit>.
                    name: Spanned::new(
                        v.to_string(),
                        serde_saphyr::Location::UNKNOWN,
                        serde_saphyr::Location::UNKNOWN,
                    ),
                    date: None,
                    notice: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Visit, A::Error> {
                let m = VisitMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Visit {
                    name: m.name,
                    date: m.date,
                    notice: m.notice,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A report outline (đề cương) the inspected units answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    /// Its letter in the annex: "A", "B".
    #[serde(rename = "ma")]
    pub code: Spanned<String>,
    #[serde(deserialize_with = "required::tieu_de")]
    #[serde(rename = "tieu_de")]
    pub title: String,
    /// The data period, e.g. "Số liệu báo cáo được lấy từ ngày 01/01/2025 đến hết tháng 9/2025".
    #[serde(default)]
    #[serde(rename = "so_lieu")]
    pub figures: Option<String>,
    /// Items: `muc` (1., 1.1., bold), `y` (numbered, upright), `gach` (- then +), text.
    #[serde(rename = "noi_dung")]
    pub body: NodeList,
    #[serde(default)]
    #[serde(rename = "cau_hoi_them")]
    pub extra_questions: Vec<Spanned<ExtraQuestions>>,
}

/// Extra questions for named units, unit kinds, or the units no other set applies to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraQuestions {
    /// Unit names or unit kinds (`loai`).
    #[serde(default)]
    #[serde(rename = "ap_dung")]
    pub applies_to: Vec<Spanned<String>>,
    /// Applies to the outline's units that no other set names.
    #[serde(default)]
    #[serde(rename = "con_lai")]
    pub others: bool,
    /// Heading after "*) "; defaults to `"Đối với <units>"`.
    #[serde(default)]
    #[serde(rename = "tieu_de")]
    pub title: Option<String>,
    /// The documents the questions rest on, shown in brackets after the heading.
    #[serde(default)]
    #[serde(rename = "can_cu")]
    pub legal_bases: Option<String>,
    #[serde(deserialize_with = "required::cau_hoi")]
    #[serde(rename = "cau_hoi")]
    pub questions: Vec<Spanned<String>>,
}
