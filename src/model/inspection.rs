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

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::model::{NodeList, bounds, required};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "Kế hoạch kiểm tra: mục đích, nội dung, đợt kiểm tra, các đoàn, đơn vị và đề cương."
)]
#[serde(deny_unknown_fields)]
pub struct InspectionSpec {
    /// I. 1. Mục đích / 2. Yêu cầu.
    #[serde(default)]
    #[schemars(with = "Vec<crate::model::Node>", description = "Mục I.1: Mục đích.", example = ["Đánh giá kết quả triển khai Đề án 06 tại các cơ quan, đơn vị."])]
    #[serde(rename = "muc_dich")]
    pub purpose: NodeList,
    #[serde(default)]
    #[schemars(with = "Vec<crate::model::Node>", description = "Mục I.2: Yêu cầu.", example = ["Kiểm tra đúng nội dung, thời gian; không gây phiền hà."])]
    #[serde(rename = "yeu_cau")]
    pub requirements: NodeList,
    /// II. NỘI DUNG KIỂM TRA.
    #[serde(default)]
    #[schemars(with = "Vec<crate::model::Node>", description = "Mục II: Nội dung kiểm tra.", example = ["Việc ban hành văn bản chỉ đạo, triển khai."])]
    #[serde(rename = "noi_dung")]
    pub contents: NodeList,
    /// III. PHƯƠNG PHÁP KIỂM TRA.
    #[serde(default)]
    #[schemars(with = "Vec<crate::model::Node>", description = "Mục III: Phương pháp kiểm tra.", example = ["Nghe báo cáo, kiểm tra hồ sơ, tài liệu."])]
    #[serde(rename = "phuong_phap")]
    pub method: NodeList,
    /// IV.1: paragraphs after the generated "Thành lập 05 Đoàn kiểm tra …" line.
    #[serde(default)]
    #[schemars(with = "Vec<crate::model::Node>", description = "Mục IV.1: các đoạn sau dòng \"Thành lập 05 Đoàn kiểm tra …\" sinh tự động.", example = ["Mỗi đoàn có 03 đến 05 thành viên."])]
    #[serde(rename = "thanh_phan")]
    pub members: NodeList,
    /// IV.2: paragraphs after the generated time and object lines (place, who attends).
    #[serde(default)]
    #[schemars(with = "Vec<crate::model::Node>", description = "Mục IV.2: các đoạn sau dòng thời gian và đối tượng sinh tự động (địa điểm, thành phần làm việc).", example = ["Địa điểm: tại trụ sở đơn vị được kiểm tra."])]
    #[serde(rename = "doi_tuong")]
    pub subjects: NodeList,
    /// V: items before the generated duties of the team leads and inspected units.
    #[serde(default)]
    #[schemars(with = "Vec<crate::model::Node>", description = "Mục V: các ý trước phần nhiệm vụ sinh tự động của trưởng đoàn và đơn vị được kiểm tra.", example = ["Văn phòng UBND tỉnh theo dõi, đôn đốc."])]
    #[serde(rename = "to_chuc_thuc_hien")]
    pub implementation: NodeList,
    /// V: items after them.
    #[serde(default)]
    #[schemars(with = "Vec<crate::model::Node>", description = "Mục V: các ý sau phần nhiệm vụ sinh tự động.", example = ["Trong quá trình thực hiện, nếu có vướng mắc, báo cáo về Công an tỉnh."])]
    #[serde(rename = "to_chuc_thuc_hien_cuoi")]
    pub implementation_end: NodeList,
    /// The inspection round.
    #[schemars(with = "Round", description = "Đợt kiểm tra: từ ngày, đến ngày.", example = serde_json::json!({"tu_ngay": "13/10/2025", "den_ngay": "31/10/2025"}))]
    #[serde(rename = "thoi_gian")]
    pub round: Spanned<Round>,
    #[serde(default)]
    #[schemars(description = "Quy tắc lập lịch (mặc định theo kế hoạch mẫu).", example = serde_json::json!({"thong_bao_truoc": 2, "thong_bao_ket_qua": 5}))]
    #[serde(rename = "quy_tac")]
    pub rules: Rules,
    #[serde(deserialize_with = "required::nhom_don_vi")]
    #[schemars(schema_with = "crate::model::schema::non_empty::<UnitGroup>", description = "Các nhóm (cấp) đơn vị được kiểm tra, mỗi nhóm trả lời một đề cương (ít nhất một nhóm).", example = serde_json::json!([{"ten": "Các sở, ban, ngành cấp tỉnh", "de_cuong": "A", "don_vi": ["Sở Tư pháp"]}]))]
    #[serde(rename = "nhom_don_vi")]
    pub unit_groups: Vec<Spanned<UnitGroup>>,
    #[serde(deserialize_with = "required::doan")]
    #[schemars(schema_with = "crate::model::schema::non_empty::<Team>", description = "Các đoàn kiểm tra, đánh số 01, 02, … theo thứ tự (ít nhất một đoàn).", example = serde_json::json!([{"truong_doan": "Công an tỉnh", "don_vi": [{"ten": "Sở Tư pháp", "ngay": "15/10/2025"}]}]))]
    #[serde(rename = "doan")]
    pub teams: Vec<Spanned<Team>>,
    #[serde(deserialize_with = "required::de_cuong")]
    #[schemars(schema_with = "crate::model::schema::non_empty::<Outline>", description = "Các đề cương báo cáo (ít nhất một).", example = serde_json::json!([{"ma": "A", "tieu_de": "Đề cương gợi ý báo cáo", "noi_dung": [{"muc": "Kết quả triển khai"}]}]))]
    #[serde(rename = "de_cuong")]
    pub outlines: Vec<Spanned<Outline>>,
    /// Render the schedule (units, visit and notice dates per team) as an annex.
    #[serde(default)]
    #[schemars(
        description = "In lịch kiểm tra (đơn vị, ngày kiểm tra, ngày thông báo của từng đoàn) thành phụ lục.",
        example = true
    )]
    #[serde(rename = "phu_luc_lich")]
    pub schedule_annex: bool,
    /// An edited holiday file (path relative to the plan) instead of the built-in one.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Tệp ngày nghỉ đã sửa (đường dẫn tính từ kế hoạch) thay cho tệp có sẵn.", example = &"ngay-nghi.yaml")]
    #[serde(rename = "tep_ngay_nghi")]
    pub holiday_file: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "Tùy chọn của phiếu kiểm tra (--checklists).", example = serde_json::json!({"so_dong_nhan_xet": 8}))]
    #[serde(rename = "phieu")]
    pub checklist: ChecklistOptions,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Đợt kiểm tra.")]
#[serde(deny_unknown_fields)]
pub struct Round {
    #[schemars(with = "String", description = "Ngày bắt đầu đợt kiểm tra.", example = &"13/10/2025")]
    #[serde(rename = "tu_ngay")]
    pub from: Spanned<String>,
    #[schemars(with = "String", description = "Ngày kết thúc đợt kiểm tra.", example = &"31/10/2025")]
    #[serde(rename = "den_ngay")]
    pub to: Spanned<String>,
}

/// The schedule rules of the plan (defaults from the model plan).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Quy tắc lập lịch kiểm tra.")]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// The notice reaches a unit at least this many working days before its visit (1–30).
    #[serde(default = "two", deserialize_with = "bounds::thong_bao_truoc")]
    #[schemars(
        schema_with = "bounds::schemas::thong_bao_truoc",
        description = "Thông báo đến đơn vị ít nhất bao nhiêu ngày làm việc trước ngày kiểm tra (1–30, mặc định 2).",
        example = 2
    )]
    #[serde(rename = "thong_bao_truoc")]
    pub notice_days: u32,
    /// The results notice is due this many working days after a team's last visit (1–60).
    #[serde(default = "five", deserialize_with = "bounds::thong_bao_ket_qua")]
    #[schemars(
        schema_with = "bounds::schemas::thong_bao_ket_qua",
        description = "Thông báo kết quả trong bao nhiêu ngày làm việc sau ngày kiểm tra cuối của đoàn (1–60, mặc định 5).",
        example = 5
    )]
    #[serde(rename = "thong_bao_ket_qua")]
    pub results_days: u32,
    /// Team leads register their schedules by this date.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Hạn trưởng đoàn đăng ký lịch kiểm tra.", example = &"10/10/2025")]
    #[serde(rename = "han_dang_ky_lich")]
    pub schedule_deadline_days: Option<Spanned<String>>,
    /// Team reports are due by this date.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Hạn gửi báo cáo của đoàn.", example = &"07/11/2025")]
    #[serde(rename = "han_bao_cao")]
    pub report_deadline_days: Option<Spanned<String>>,
    /// Where schedules and reports are sent ("Cơ quan Thường trực Tổ công tác (qua …)").
    #[serde(default)]
    #[schemars(description = "Nơi nhận lịch và báo cáo.", example = &"Cơ quan Thường trực Tổ công tác (qua Phòng PC06, Công an tỉnh)")]
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

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Tùy chọn của phiếu kiểm tra.")]
#[serde(deny_unknown_fields)]
pub struct ChecklistOptions {
    /// Blank lines left for the team's findings (1–30).
    #[serde(default = "eight", deserialize_with = "bounds::so_dong_nhan_xet")]
    #[schemars(
        schema_with = "bounds::schemas::so_dong_nhan_xet",
        description = "Số dòng để trống cho nhận xét của đoàn (1–30, mặc định 8).",
        example = 8
    )]
    #[serde(rename = "so_dong_nhan_xet")]
    pub finding_lines: u32,
    /// Title line under "PHIẾU KIỂM TRA"; "{don_vi}" is replaced by the unit's name.
    #[serde(default)]
    #[schemars(description = "Dòng dưới \"PHIẾU KIỂM TRA\"; {don_vi} được thay bằng tên đơn vị.", example = &"Kết quả triển khai Đề án 06 tại {don_vi}")]
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một nhóm (cấp) đơn vị được kiểm tra trả lời cùng một đề cương.")]
#[serde(deny_unknown_fields)]
pub struct UnitGroup {
    /// Shown in the teams table: "Các sở, ban, ngành cấp tỉnh", "UBND cấp xã".
    #[serde(deserialize_with = "required::ten")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Tên nhóm đơn vị, hiện trong bảng các đoàn.", example = &"Các sở, ban, ngành cấp tỉnh")]
    #[serde(rename = "ten")]
    pub name: String,
    /// The `ma` of the outline these units answer.
    #[schemars(with = "String", description = "Mã (ma) của đề cương mà các đơn vị trả lời.", example = &"A")]
    #[serde(rename = "de_cuong")]
    pub outline: Spanned<String>,
    #[serde(deserialize_with = "required::don_vi")]
    #[schemars(schema_with = "crate::model::schema::non_empty::<UnitSpec>", description = "Các đơn vị: tên, hoặc {ten, loai} (ít nhất một).", example = serde_json::json!(["Sở Tư pháp", {"ten": "Sở Y tế", "loai": "y-te"}]))]
    #[serde(rename = "don_vi")]
    pub units: Vec<Spanned<UnitSpec>>,
}

/// An inspected unit: a name, or a name with a kind that extra questions may target.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    pub name: String,
    pub kind: Option<String>,
}

#[derive(Deserialize, JsonSchema)]
#[schemars(description = "Một đơn vị có loại.")]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitMap {
    #[schemars(description = "Tên đơn vị.", example = &"Sở Y tế")]
    #[serde(rename = "ten")]
    name: String,
    #[serde(default)]
    #[schemars(description = "Loại đơn vị, để câu hỏi bổ sung áp dụng (ap_dung).", example = &"y-te")]
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

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một đoàn kiểm tra.")]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Team number (1–999); defaults to its place in the list (1, 2, …).
    #[serde(default, deserialize_with = "bounds::so_doan")]
    #[schemars(
        schema_with = "bounds::schemas::so_doan",
        description = "Số hiệu đoàn (1–999); mặc định theo thứ tự trong danh sách.",
        example = 1
    )]
    #[serde(rename = "so")]
    pub number: Option<Spanned<u32>>,
    /// Lead agency ("Công an tỉnh"), marked "(Trưởng đoàn)" in the teams table.
    #[serde(deserialize_with = "required::truong_doan")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Cơ quan trưởng đoàn, ghi \"(Trưởng đoàn)\" trong bảng các đoàn.", example = &"Công an tỉnh")]
    #[serde(rename = "truong_doan")]
    pub lead: String,
    /// The team lead's name, printed under the lead's signature on the checklists.
    #[serde(default)]
    #[schemars(description = "Họ tên trưởng đoàn, in dưới chữ ký trên phiếu kiểm tra.", example = &"Nguyễn Văn An")]
    #[serde(rename = "ho_ten_truong_doan")]
    pub lead_name: Option<String>,
    #[serde(default)]
    #[schemars(description = "Các cơ quan thành viên.", example = ["Sở Tư pháp", "Văn phòng UBND tỉnh"])]
    #[serde(rename = "thanh_vien")]
    pub members: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Thư ký đoàn.", example = &"Cán bộ Phòng PC06, Công an tỉnh")]
    #[serde(rename = "thu_ky")]
    pub secretary: Option<String>,
    /// The units the team inspects, in visiting order.
    #[serde(deserialize_with = "required::don_vi")]
    #[schemars(schema_with = "crate::model::schema::non_empty::<Visit>", description = "Các đơn vị đoàn kiểm tra, theo thứ tự: tên, hoặc {ten, ngay, thong_bao} (ít nhất một).", example = serde_json::json!([{"ten": "Sở Tư pháp", "ngay": "15/10/2025"}]))]
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

#[derive(Deserialize, JsonSchema)]
#[schemars(description = "Một lần kiểm tra một đơn vị.")]
#[serde(deny_unknown_fields)]
pub(crate) struct VisitMap {
    #[schemars(with = "String", description = "Tên đơn vị.", example = &"Sở Tư pháp")]
    #[serde(rename = "ten")]
    name: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Ngày kiểm tra.", example = &"15/10/2025")]
    #[serde(rename = "ngay")]
    date: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Ngày gửi thông báo (mặc định tính theo quy_tac).", example = &"10/10/2025")]
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một đề cương báo cáo mà đơn vị được kiểm tra trả lời.")]
#[serde(deny_unknown_fields)]
pub struct Outline {
    /// Its letter in the annex: "A", "B".
    #[schemars(with = "String", description = "Mã đề cương trong phụ lục: A, B.", example = &"A")]
    #[serde(rename = "ma")]
    pub code: Spanned<String>,
    #[serde(deserialize_with = "required::tieu_de")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Tên đề cương.", example = &"Đề cương gợi ý báo cáo kết quả triển khai Đề án 06")]
    #[serde(rename = "tieu_de")]
    pub title: String,
    /// The data period, e.g. "Số liệu báo cáo được lấy từ ngày 01/01/2025 đến hết tháng 9/2025".
    #[serde(default)]
    #[schemars(description = "Kỳ số liệu của báo cáo.", example = &"Số liệu báo cáo được lấy từ ngày 01/01/2025 đến hết tháng 9/2025")]
    #[serde(rename = "so_lieu")]
    pub figures: Option<String>,
    /// Items: `muc` (1., 1.1., bold), `y` (numbered, upright), `gach` (- then +), text.
    #[schemars(with = "Vec<crate::model::Node>", description = "Các ý của đề cương: muc (1., 1.1., đậm), y (đánh số, đứng), gach (- rồi +), đoạn văn.", example = serde_json::json!([{"muc": "Kết quả triển khai", "noi_dung": [{"y": "Công tác chỉ đạo"}]}]))]
    #[serde(rename = "noi_dung")]
    pub body: NodeList,
    #[serde(default)]
    #[schemars(with = "Vec<ExtraQuestions>", description = "Câu hỏi bổ sung cho một số đơn vị hoặc loại đơn vị.", example = serde_json::json!([{"ap_dung": ["Sở Tư pháp"], "cau_hoi": ["Câu 1"]}]))]
    #[serde(rename = "cau_hoi_them")]
    pub extra_questions: Vec<Spanned<ExtraQuestions>>,
}

/// Extra questions for named units, unit kinds, or the units no other set applies to.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Câu hỏi bổ sung cho một số đơn vị.")]
#[serde(deny_unknown_fields)]
pub struct ExtraQuestions {
    /// Unit names or unit kinds (`loai`).
    #[serde(default)]
    #[schemars(with = "Vec<String>", description = "Tên đơn vị hoặc loại đơn vị (loai) được hỏi thêm.", example = ["Sở Tư pháp", "y-te"])]
    #[serde(rename = "ap_dung")]
    pub applies_to: Vec<Spanned<String>>,
    /// Applies to the outline's units that no other set names.
    #[serde(default)]
    #[schemars(
        description = "Áp dụng cho các đơn vị của đề cương mà không bộ câu hỏi nào khác nêu tên.",
        example = true
    )]
    #[serde(rename = "con_lai")]
    pub others: bool,
    /// Heading after "*) "; defaults to `"Đối với <units>"`.
    #[serde(default)]
    #[schemars(description = "Tiêu đề sau \"*) \"; mặc định \"Đối với <các đơn vị>\".", example = &"Đối với Sở Y tế")]
    #[serde(rename = "tieu_de")]
    pub title: Option<String>,
    /// The documents the questions rest on, shown in brackets after the heading.
    #[serde(default)]
    #[schemars(description = "Văn bản làm căn cứ cho các câu hỏi, in trong ngoặc sau tiêu đề.", example = &"Kế hoạch số 18/KH-UBND")]
    #[serde(rename = "can_cu")]
    pub legal_bases: Option<String>,
    #[serde(deserialize_with = "required::cau_hoi")]
    #[schemars(schema_with = "crate::model::schema::non_empty::<String>", description = "Các câu hỏi (ít nhất một).", example = ["Số hồ sơ đã số hóa?"])]
    #[serde(rename = "cau_hoi")]
    pub questions: Vec<Spanned<String>>,
}
