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
pub struct KiemTra {
    /// I. 1. Mục đích / 2. Yêu cầu.
    #[serde(default)]
    pub muc_dich: NodeList,
    #[serde(default)]
    pub yeu_cau: NodeList,
    /// II. NỘI DUNG KIỂM TRA.
    #[serde(default)]
    pub noi_dung: NodeList,
    /// III. PHƯƠNG PHÁP KIỂM TRA.
    #[serde(default)]
    pub phuong_phap: NodeList,
    /// IV.1: paragraphs after the generated "Thành lập 05 Đoàn kiểm tra …" line.
    #[serde(default)]
    pub thanh_phan: NodeList,
    /// IV.2: paragraphs after the generated time and object lines (place, who attends).
    #[serde(default)]
    pub doi_tuong: NodeList,
    /// V: items before the generated duties of the team leads and inspected units.
    #[serde(default)]
    pub to_chuc_thuc_hien: NodeList,
    /// V: items after them.
    #[serde(default)]
    pub to_chuc_thuc_hien_cuoi: NodeList,
    /// The inspection round.
    pub thoi_gian: Spanned<Round>,
    #[serde(default)]
    pub quy_tac: Rules,
    #[serde(deserialize_with = "required::nhom_don_vi")]
    pub nhom_don_vi: Vec<Spanned<UnitGroup>>,
    #[serde(deserialize_with = "required::doan")]
    pub doan: Vec<Spanned<Team>>,
    #[serde(deserialize_with = "required::de_cuong")]
    pub de_cuong: Vec<Spanned<Outline>>,
    /// Render the schedule (units, visit and notice dates per team) as an annex.
    #[serde(default)]
    pub phu_luc_lich: bool,
    /// An edited holiday file (path relative to the plan) instead of the built-in one.
    #[serde(default)]
    pub tep_ngay_nghi: Option<Spanned<String>>,
    #[serde(default)]
    pub phieu: ChecklistOptions,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub tu_ngay: Spanned<String>,
    pub den_ngay: Spanned<String>,
}

/// The schedule rules of the plan (defaults from the model plan).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// The notice reaches a unit at least this many working days before its visit (1–30).
    #[serde(default = "two", deserialize_with = "bounds::thong_bao_truoc")]
    pub thong_bao_truoc: u32,
    /// The results notice is due this many working days after a team's last visit (1–60).
    #[serde(default = "five", deserialize_with = "bounds::thong_bao_ket_qua")]
    pub thong_bao_ket_qua: u32,
    /// Team leads register their schedules by this date.
    #[serde(default)]
    pub han_dang_ky_lich: Option<Spanned<String>>,
    /// Team reports are due by this date.
    #[serde(default)]
    pub han_bao_cao: Option<Spanned<String>>,
    /// Where schedules and reports are sent ("Cơ quan Thường trực Tổ công tác (qua …)").
    #[serde(default)]
    pub noi_nhan_bao_cao: Option<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            thong_bao_truoc: 2,
            thong_bao_ket_qua: 5,
            han_dang_ky_lich: None,
            han_bao_cao: None,
            noi_nhan_bao_cao: None,
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
    pub so_dong_nhan_xet: u32,
    /// Title line under "PHIẾU KIỂM TRA"; "{don_vi}" is replaced by the unit's name.
    #[serde(default)]
    pub trich_yeu: Option<String>,
}

fn eight() -> u32 {
    8
}

impl Default for ChecklistOptions {
    fn default() -> Self {
        ChecklistOptions {
            so_dong_nhan_xet: 8,
            trich_yeu: None,
        }
    }
}

/// A group (level) of inspected units answering the same outline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitGroup {
    /// Shown in the teams table: "Các sở, ban, ngành cấp tỉnh", "UBND cấp xã".
    #[serde(deserialize_with = "required::ten")]
    pub ten: String,
    /// The `ma` of the outline these units answer.
    pub de_cuong: Spanned<String>,
    #[serde(deserialize_with = "required::don_vi")]
    pub don_vi: Vec<Spanned<UnitSpec>>,
}

/// An inspected unit: a name, or a name with a kind that extra questions may target.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    pub ten: String,
    pub loai: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitMap {
    ten: String,
    #[serde(default)]
    loai: Option<String>,
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
                    ten: v.to_string(),
                    loai: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<UnitSpec, A::Error> {
                let m = UnitMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(UnitSpec {
                    ten: m.ten,
                    loai: m.loai,
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
    pub so: Option<Spanned<u32>>,
    /// Lead agency ("Công an tỉnh"), marked "(Trưởng đoàn)" in the teams table.
    #[serde(deserialize_with = "required::truong_doan")]
    pub truong_doan: String,
    /// The team lead's name, printed under the lead's signature on the checklists.
    #[serde(default)]
    pub ho_ten_truong_doan: Option<String>,
    #[serde(default)]
    pub thanh_vien: Vec<String>,
    #[serde(default)]
    pub thu_ky: Option<String>,
    /// The units the team inspects, in visiting order.
    #[serde(deserialize_with = "required::don_vi")]
    pub don_vi: Vec<Spanned<Visit>>,
}

/// One visit: a unit's name, or the name with the visit date and (optionally) the date the
/// notice is sent.
#[derive(Debug, Clone)]
pub struct Visit {
    pub ten: Spanned<String>,
    pub ngay: Option<Spanned<String>>,
    pub thong_bao: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VisitMap {
    ten: Spanned<String>,
    #[serde(default)]
    ngay: Option<Spanned<String>>,
    #[serde(default)]
    thong_bao: Option<Spanned<String>>,
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
                    ten: Spanned::new(
                        v.to_string(),
                        serde_saphyr::Location::UNKNOWN,
                        serde_saphyr::Location::UNKNOWN,
                    ),
                    ngay: None,
                    thong_bao: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Visit, A::Error> {
                let m = VisitMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Visit {
                    ten: m.ten,
                    ngay: m.ngay,
                    thong_bao: m.thong_bao,
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
    pub ma: Spanned<String>,
    #[serde(deserialize_with = "required::tieu_de")]
    pub tieu_de: String,
    /// The data period, e.g. "Số liệu báo cáo được lấy từ ngày 01/01/2025 đến hết tháng 9/2025".
    #[serde(default)]
    pub so_lieu: Option<String>,
    /// Items: `muc` (1., 1.1., bold), `y` (numbered, upright), `gach` (- then +), text.
    pub noi_dung: NodeList,
    #[serde(default)]
    pub cau_hoi_them: Vec<Spanned<ExtraQuestions>>,
}

/// Extra questions for named units, unit kinds, or the units no other set applies to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraQuestions {
    /// Unit names or unit kinds (`loai`).
    #[serde(default)]
    pub ap_dung: Vec<Spanned<String>>,
    /// Applies to the outline's units that no other set names.
    #[serde(default)]
    pub con_lai: bool,
    /// Heading after "*) "; defaults to "Đối với <units>".
    #[serde(default)]
    pub tieu_de: Option<String>,
    /// The documents the questions rest on, shown in brackets after the heading.
    #[serde(default)]
    pub can_cu: Option<String>,
    #[serde(deserialize_with = "required::cau_hoi")]
    pub cau_hoi: Vec<Spanned<String>>,
}
