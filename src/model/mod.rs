//! The raw model: the data a document is made from, as written in YAML, with spans. Field
//! names are English; each keeps the Vietnamese YAML key the secretariat writes in a serde
//! rename (`docs/glossary.md`). [`crate::load`] fills these types (numeric bounds and
//! closed-list words already checked and typed, `bounds` and `choice`); [`crate::validate`]
//! checks what serde cannot and wraps them in a `CheckedDocument`; later stages read them
//! only through that and the `Computed` document.

mod annex;
mod attachment;
pub(crate) mod body;
pub mod bounds;
pub(crate) mod choice;
mod data;
pub mod forms;
pub mod inspection;
pub mod required;
pub mod schema;
pub(crate) mod table;
pub(crate) mod task_table;
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

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// One document file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Một văn bản (mọi loại trừ phụ lục gửi riêng).")]
#[schemars(transform = |s: &mut schemars::Schema| crate::model::schema::require(s, &["loai", "co_quan_ban_hanh", "viet_tat", "dia_danh", "ngay", "trich_yeu", "chu_ky"]))]
pub struct DocumentSpec {
    /// Document kind: selects the template, the type name and its abbreviation.
    #[serde(default = "required::absent::<String>")]
    #[schemars(with = "String", description = "Loại văn bản: chọn mẫu, tên loại và chữ viết tắt (xem vanban templates). phu-luc là phụ lục gửi riêng.", example = &"bao-cao", example = &"cong-van", example = &"quyet-dinh")]
    #[serde(rename = "loai")]
    pub kind: Spanned<String>,
    /// Overrides the built-in template of the kind (a template name from `vanban templates`).
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Dùng mẫu khác thay cho mẫu có sẵn của loại văn bản (tên mẫu trong vanban templates).", example = &"bao-cao.tera")]
    #[serde(rename = "mau")]
    pub template: Option<Spanned<String>>,
    /// Parent agency ("UBND TỈNH BẮC SƠN"); omitted for agencies without one.
    #[serde(default)]
    #[schemars(description = "Cơ quan chủ quản (không bắt buộc), in hoa, đứng.", example = &"UBND TỈNH HÀ LAM")]
    #[serde(rename = "co_quan_chu_quan")]
    pub parent_agency: Option<String>,
    /// Issuing agency; a "\n" splits it over two lines.
    #[serde(default, deserialize_with = "required::co_quan_ban_hanh")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Cơ quan ban hành (bắt buộc), in đậm; \"\\n\" ngắt tên dài thành hai dòng.", example = &"TỔ CÔNG TÁC ĐỀ ÁN 06")]
    #[serde(rename = "co_quan_ban_hanh")]
    pub issuer: String,
    /// The issuing agency's name in normal case, for sentences such as the annex line
    /// "(Kèm theo Báo cáo số … của Tổ công tác Đề án 06 tỉnh Bắc Sơn)". Defaults to
    /// `co_quan_ban_hanh` as written.
    #[serde(default)]
    #[schemars(description = "Tên cơ quan viết thường, dùng trong câu (dòng \"Kèm theo\" của phụ lục); mặc định là co_quan_ban_hanh.", example = &"Tổ công tác Đề án 06 tỉnh Hà Lam")]
    #[serde(rename = "ten_co_quan")]
    pub issuer_name: Option<String>,
    /// The agency's abbreviation in the ký hiệu ("UBND", "TCTĐA06").
    #[serde(default = "required::absent::<String>")]
    #[schemars(with = "String", description = "Chữ viết tắt của cơ quan trong ký hiệu văn bản (bắt buộc): \"Số: 07/BC-TCTĐA06\".", example = &"UBND", example = &"TCTĐA06")]
    #[serde(rename = "viet_tat")]
    pub issuer_abbr: Spanned<String>,
    /// Optional drafting-unit suffix of the ký hiệu ("VX" in "125/UBND-VX").
    #[serde(default)]
    #[schemars(description = "Đơn vị soạn thảo (không bắt buộc), thêm vào cuối ký hiệu: \"07/BC-TCTĐA06-VP\".", example = &"VP")]
    #[serde(rename = "don_vi_soan_thao")]
    pub drafting_unit: Option<String>,
    /// Number (1–9 999 999); empty or missing keeps the blank for a draft.
    #[serde(default, deserialize_with = "bounds::so")]
    #[schemars(
        schema_with = "bounds::schemas::so",
        description = "Số văn bản (1–9.999.999); bỏ trống khi còn là dự thảo.",
        example = 7
    )]
    #[serde(rename = "so")]
    pub number: Option<Spanned<u32>>,
    /// Place name in the date line ("Bắc Sơn").
    #[serde(default, deserialize_with = "required::dia_danh")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Địa danh ở dòng ngày tháng (bắt buộc).", example = &"Hà Lam")]
    #[serde(rename = "dia_danh")]
    pub place: String,
    /// Date: "2023-09-25", "25/9/2023", or partial "/9/2023" (blank day), "//2023".
    #[serde(default = "required::absent::<String>")]
    #[schemars(with = "String", description = "Ngày ban hành (bắt buộc): 2025-09-26 hoặc 26/9/2025; dự thảo: /9/2025 hoặc //2025.", example = &"2025-09-26", example = &"26/9/2025", example = &"/9/2025")]
    #[serde(rename = "ngay")]
    pub date: Spanned<String>,
    /// Trích yếu (the subject line). For a Công văn it follows "V/v ".
    #[serde(default, deserialize_with = "required::trich_yeu")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Trích yếu nội dung (bắt buộc); mỗi dòng là một dòng trên trang. Công văn: in sau \"V/v \".", example = &"Kết quả triển khai Đề án 06 tháng 9/2025")]
    #[serde(rename = "trich_yeu")]
    pub subject: String,
    /// The reporting period ("tháng 9/2023"), free text available to templates.
    #[serde(default)]
    #[schemars(description = "Kỳ báo cáo, chữ tự do dùng trong mẫu.", example = &"tháng 9/2025")]
    #[serde(rename = "ky_bao_cao")]
    pub period: Option<String>,
    /// Secrecy and urgency stamps (MẬT, TỐI MẬT; KHẨN, THƯỢNG KHẨN, HỎA TỐC).
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Độ mật (không bắt buộc): MẬT, TỐI MẬT, TUYỆT MẬT.", example = &"MẬT")]
    #[serde(rename = "do_mat")]
    pub secrecy: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Độ khẩn (không bắt buộc): KHẨN, THƯỢNG KHẨN, HỎA TỐC.", example = &"KHẨN")]
    #[serde(rename = "do_khan")]
    pub urgency: Option<Spanned<String>>,
    /// Recipients after "Kính gửi:" (Công văn, Tờ trình, and reports sent upward).
    #[serde(default)]
    #[schemars(description = "Nơi nhận sau \"Kính gửi:\" (một nơi: cùng dòng; nhiều nơi: danh sách).", example = ["Ủy ban nhân dân tỉnh"])]
    #[serde(rename = "kinh_gui")]
    pub addressees: Vec<String>,
    /// Giấy mời: the meeting block (time, place, participants) printed after the opening.
    #[serde(default)]
    #[schemars(with = "Option<Meeting>", description = "Giấy mời: thời gian, địa điểm, thành phần cuộc họp, in sau phần mở đầu.", example = serde_json::json!({"thoi_gian": "08 giờ 00 phút, thứ Năm, ngày 20 tháng 11 năm 2025", "dia_diem": "Hội trường tầng 3, Sở Nội vụ"}))]
    #[serde(rename = "cuoc_hop")]
    pub meeting: Option<Spanned<Meeting>>,
    /// Giấy giới thiệu: the person introduced and the mission.
    #[serde(default)]
    #[schemars(with = "Option<forms::Introduction>", description = "Giấy giới thiệu: người được giới thiệu, chức vụ, nơi được cử đến, việc, ngày hết giá trị.", example = serde_json::json!({"nguoi": "Phạm Thị Lan", "chuc_vu": "Chánh Văn phòng Sở Nội vụ", "duoc_cu_den": "Trung tâm Lưu trữ quốc gia I", "ve_viec": "liên hệ sao tài liệu lưu trữ", "co_gia_tri_den": "31/12/2025"}))]
    #[serde(rename = "gioi_thieu")]
    pub introduction: Option<Spanned<forms::Introduction>>,
    /// Giấy nghỉ phép: who, when and where.
    #[serde(default)]
    #[schemars(with = "Option<forms::Leave>", description = "Giấy nghỉ phép: người nghỉ, thời gian nghỉ, nơi nghỉ.", example = serde_json::json!({"nguoi": "Trần Văn Bình", "tu_ngay": "24/11/2025", "den_ngay": "28/11/2025", "noi_nghi": "xã Hòa Bình, tỉnh Hà Lam"}))]
    #[serde(rename = "nghi_phep")]
    pub leave: Option<Spanned<forms::Leave>>,
    /// Phiếu gửi: the documents sent and the receipt.
    #[serde(default)]
    #[schemars(with = "Option<forms::Dispatch>", description = "Phiếu gửi: danh sách văn bản, tài liệu gửi kèm và phần ký nhận.", example = serde_json::json!({"tai_lieu": ["Danh mục hồ sơ mẫu năm 2026 (01 bản)"]}))]
    #[serde(rename = "phieu_gui")]
    pub dispatch: Option<Spanned<forms::Dispatch>>,
    /// Phiếu chuyển: the document forwarded and what the recipient is asked to do.
    #[serde(default)]
    #[schemars(with = "Option<forms::Transfer>", description = "Phiếu chuyển: văn bản, đơn thư được chuyển và việc đề nghị.", example = serde_json::json!({"van_ban": "Đơn đề ngày 10/11/2025 của ông Trần Văn Bình"}))]
    #[serde(rename = "phieu_chuyen")]
    pub transfer: Option<Spanned<forms::Transfer>>,
    /// Legal bases (căn cứ), one per line, without the final ";" or ".".
    #[serde(default, deserialize_with = "required::can_cu")]
    #[schemars(schema_with = "crate::model::schema::text_list", description = "Căn cứ ban hành, mỗi căn cứ một dòng, không có dấu \";\" hay \".\" ở cuối (được thêm tự động).", example = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"])]
    #[serde(rename = "can_cu")]
    pub legal_bases: Vec<String>,
    /// Opening paragraphs before the numbered parts.
    #[serde(default)]
    #[schemars(with = "Vec<Node>", description = "Các đoạn mở đầu, trước các phần đánh số.", example = ["Thực hiện Kế hoạch số 18/KH-UBND, Tổ công tác báo cáo như sau:"])]
    #[serde(rename = "mo_dau")]
    pub opening: NodeList,
    /// The body: parts, items, paragraphs, lists and tables (see `Node`).
    #[serde(default)]
    #[schemars(with = "Vec<Node>", description = "Nội dung chính: mục (muc), ý (y), phần (phan), điều (dieu), gạch đầu dòng (gach), bảng (bang), đoạn (doan); số thứ tự theo cấp lồng nhau.", example = serde_json::json!([{"muc": "Công tác chỉ đạo", "noi_dung": ["Một đoạn văn."]}]))]
    #[serde(rename = "noi_dung")]
    pub body: NodeList,
    /// Closing paragraphs; "./." is added after the last one.
    #[serde(default)]
    #[schemars(with = "Vec<Node>", description = "Các đoạn kết thúc; \"./.\" được thêm sau câu cuối.", example = ["Tổ công tác kính báo cáo."])]
    #[serde(rename = "ket_thuc")]
    pub closing: NodeList,
    /// The signature block (`Location::UNKNOWN` when the key is missing, which the check
    /// stage refuses).
    #[serde(default = "required::absent::<Signature>")]
    #[schemars(with = "Signature", description = "Khối chữ ký (bắt buộc).", example = serde_json::json!({"quyen_han": "KT", "thay_mat": "CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH", "ho_ten": "Trần Minh Khang"}))]
    #[serde(rename = "chu_ky")]
    pub signature: Spanned<Signature>,
    /// A second signature block, on the left of `chu_ky` (Biên bản: the secretary beside
    /// the chair; Hợp đồng: party A beside party B). Nơi nhận then goes under both.
    #[serde(default)]
    #[schemars(with = "Option<Signature>", description = "Chữ ký thứ hai, bên trái chu_ky (Biên bản: thư ký; Hợp đồng: bên A).", example = serde_json::json!({"chuc_vu": "THƯ KÝ", "ho_ten": "Nguyễn Thị Lan"}))]
    #[serde(rename = "chu_ky_trai")]
    pub left_signature: Option<Spanned<Signature>>,
    #[serde(default)]
    #[schemars(description = "Nơi nhận và lưu.", example = serde_json::json!({"gui": ["Như trên"], "luu": ["VT"]}))]
    #[serde(rename = "noi_nhan")]
    pub recipients: Option<Recipients>,
    #[serde(default)]
    #[schemars(with = "Vec<Annex>", description = "Các phụ lục: \"Phụ lục I\", \"II\", … (chỉ \"Phụ lục\" khi có một).", example = serde_json::json!([{"tieu_de": "Danh mục nhiệm vụ", "nhiem_vu": "ke_hoach"}]))]
    #[serde(rename = "phu_luc")]
    pub annexes: Vec<Spanned<Annex>>,
    /// Layout overrides within the ranges of Decree 30.
    #[serde(default)]
    #[schemars(description = "Điều chỉnh trình bày trong giới hạn của Nghị định 30.", example = serde_json::json!({"co_chu": 14, "gian_dong": 1.15}))]
    #[serde(rename = "trinh_bay")]
    pub layout: Layout,
    /// Free data available to templates as `du_lieu`.
    #[serde(default)]
    #[schemars(description = "Dữ liệu tự do dùng trong mẫu (du_lieu).", example = serde_json::json!({"so_lieu": 12}))]
    #[serde(rename = "du_lieu")]
    pub data: Option<serde_json::Value>,
    /// Indicators (chỉ tiêu): figures whose sentences, changes and rates are computed.
    #[serde(default)]
    #[schemars(with = "Vec<Indicator>", description = "Các chỉ tiêu: con số mà câu văn, mức tăng/giảm và tỷ lệ được tính tự động.", example = serde_json::json!([{"id": "tra_cuu", "ten": "lượt tra cứu", "don_vi": "lượt", "gia_tri": 5339392}]))]
    #[serde(rename = "chi_tieu")]
    pub indicators: Vec<Spanned<Indicator>>,
    /// Indicators read from spreadsheets: one indicator per row, after those of `chi_tieu`.
    #[serde(default)]
    #[schemars(
        with = "Vec<SheetSource>",
        description = "Chỉ tiêu đọc từ bảng tính (.xlsx, .ods) hoặc .csv: mỗi dòng một chỉ tiêu, thêm sau các chỉ tiêu của chi_tieu. cot nối các khóa id, ten, don_vi, gia_tri, muc_tieu, tren, tinh_den, so_le với tiêu đề cột.",
        example = serde_json::json!([{"tep": "chi-tieu.xlsx", "trang": "Tháng 10/2025", "cot": {"id": "Mã", "ten": "Chỉ tiêu", "don_vi": "Đơn vị tính", "gia_tri": "Kết quả"}}])
    )]
    #[serde(rename = "nguon_chi_tieu")]
    pub indicator_sources: Vec<Spanned<SheetSource>>,
    /// The previous report (path relative to this file) that changes are computed against;
    /// `vanban render --previous FILE` takes precedence.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Báo cáo kỳ trước (đường dẫn tính từ tệp này) để tính tăng/giảm; --previous được ưu tiên.", example = &"bao-cao-thang-truoc.yaml")]
    #[serde(rename = "ky_truoc")]
    pub previous: Option<Spanned<String>>,
    /// Tasks (of a plan, a progress table, a report's status annex): see `crate::tasks`.
    #[serde(default)]
    #[schemars(with = "Option<tasks::TaskSource>", description = "Danh sách nhiệm vụ (kế hoạch, bảng theo dõi tiến độ, phụ lục tình hình thực hiện): viết tại đây hoặc trong tệp riêng (tep).", example = serde_json::json!({"tep": "nhiem-vu-2025.yaml"}))]
    #[serde(rename = "nhiem_vu")]
    pub tasks: Option<Spanned<tasks::TaskSource>>,
    /// The issuing authority of a decision ("Chủ tịch Ủy ban nhân dân tỉnh …").
    #[serde(default)]
    #[schemars(description = "Thẩm quyền ban hành quyết định (Chủ tịch Ủy ban nhân dân …).", example = serde_json::json!({"ten": "Chủ tịch Ủy ban nhân dân tỉnh Hà Lam", "ten_ngan": "Chủ tịch UBND tỉnh"}))]
    #[serde(rename = "tham_quyen")]
    pub authority: Option<DecidingBody>,
    /// A document attached to this one (the plan a Quyết định promulgates).
    #[serde(default)]
    #[schemars(with = "Option<AttachmentSpec>", description = "Văn bản ban hành kèm theo (kế hoạch, quy chế… mà quyết định ban hành), in từ trang mới.", example = serde_json::json!({"loai": "ke-hoach", "trich_yeu": "Thực hiện Đề án 06 năm 2025", "noi_dung": ["…"]}))]
    #[serde(rename = "kem_theo")]
    pub attachment: Option<Spanned<AttachmentSpec>>,
    /// Inspection plan data (teams, units, schedule, outlines); `loai: ke-hoach-kiem-tra`.
    #[serde(default)]
    #[schemars(with = "Option<inspection::InspectionSpec>", description = "Dữ liệu kế hoạch kiểm tra (đoàn, đơn vị, lịch, đề cương); loai: ke-hoach-kiem-tra.", example = serde_json::json!({"thoi_gian": {"tu_ngay": "13/10/2025", "den_ngay": "31/10/2025"}, "nhom_don_vi": [{"ten": "Các sở, ban, ngành", "de_cuong": "A", "don_vi": ["Sở Tư pháp"]}], "doan": [{"truong_doan": "Công an tỉnh", "don_vi": ["Sở Tư pháp"]}], "de_cuong": [{"ma": "A", "tieu_de": "Đề cương báo cáo", "noi_dung": ["Kết quả triển khai."]}]}))]
    #[serde(rename = "kiem_tra")]
    pub inspection: Option<Spanned<inspection::InspectionSpec>>,
    /// Where the document's top-level block starts (its first key), set by the loader: the
    /// place of a missing top-level key.
    #[serde(skip)]
    pub start: Option<crate::error::Pos>,
}

impl DocumentSpec {
    /// The issuing agency as a sentence names it: `ten_co_quan`, or `co_quan_ban_hanh` in
    /// Decree 30's normal case ("Sở Nội vụ tỉnh Hà Lam").
    pub fn agency_in_sentence(&self) -> String {
        match &self.issuer_name {
            Some(n) => n.trim().to_string(),
            None => crate::format::agency::normal_case(&self.issuer)
                .trim()
                .to_string(),
        }
    }

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
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(description = "Khối chữ ký.")]
#[schemars(transform = |s: &mut schemars::Schema| crate::model::schema::require(s, &["chuc_vu", "ho_ten"]))]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Authority prefix: TM, KT, TL, TUQ, Q (with or without the dot), or omitted.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Quyền hạn ký: TM, KT, TL, TUQ, Q (có hoặc không có dấu chấm), hoặc bỏ trống.", example = &"KT")]
    #[serde(rename = "quyen_han")]
    pub authority: Option<Spanned<String>>,
    /// Who the prefix acts for: "ỦY BAN NHÂN DÂN" (TM.), "CHỦ TỊCH" (KT., TL., TUQ.).
    #[serde(default)]
    #[schemars(description = "Người/cơ quan mà quyền hạn ký thay mặt: \"KT. CHỦ TỊCH\", \"TM. ỦY BAN NHÂN DÂN\".", example = &"CHỦ TỊCH")]
    #[serde(rename = "thay_mat")]
    pub on_behalf_of: Option<String>,
    /// The signer's title line(s): "PHÓ CHỦ TỊCH", or ["TỔ TRƯỞNG", "CHỦ TỊCH UBND TỈNH"].
    #[serde(default, deserialize_with = "required::chuc_vu")]
    #[schemars(schema_with = "crate::model::schema::titles", description = "Chức vụ người ký (bắt buộc): một dòng hoặc danh sách dòng.", example = &"PHÓ CHỦ TỊCH", example = ["TỔ TRƯỞNG", "CHỦ TỊCH UBND TỈNH"])]
    #[serde(rename = "chuc_vu")]
    pub titles: OneOrMany,
    #[serde(default, deserialize_with = "required::ho_ten")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Họ tên người ký (bắt buộc).", example = &"Trần Minh Khang")]
    #[serde(rename = "ho_ten")]
    pub name: String,
    /// A PNG of the signature (path relative to the YAML file).
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Ảnh chữ ký PNG (đường dẫn tính từ tệp YAML).", example = &"chu-ky.png")]
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
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(description = "Thông tin cuộc họp của Giấy mời.")]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// When ("08 giờ 00 phút, thứ Năm, ngày 20 tháng 11 năm 2025").
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Thời gian cuộc họp, in sau \"Thời gian: \".", example = &"08 giờ 00 phút, thứ Năm, ngày 20 tháng 11 năm 2025")]
    #[serde(rename = "thoi_gian")]
    pub time: Option<Spanned<String>>,
    /// Where ("Hội trường tầng 3, Sở Nội vụ tỉnh Hà Lam").
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Địa điểm cuộc họp, in sau \"Địa điểm: \".", example = &"Hội trường tầng 3, Sở Nội vụ tỉnh Hà Lam")]
    #[serde(rename = "dia_diem")]
    pub place: Option<Spanned<String>>,
    /// Who is invited: one line, or a list of "- " lines.
    #[serde(default)]
    #[schemars(with = "Option<OneOrMany>", description = "Thành phần mời: một dòng, hoặc danh sách (mỗi mục một dòng \"- \").", example = ["Lãnh đạo Sở Nội vụ", "Đại diện các phòng chuyên môn"])]
    #[serde(rename = "thanh_phan")]
    pub participants: Option<Spanned<OneOrMany>>,
}

/// Nơi nhận: recipients, then "- Lưu: VT, …." built from `luu`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Nơi nhận: danh sách gửi, rồi dòng \"- Lưu: VT, ….\".")]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// Recipients, without the leading "- " and the trailing ";" (added automatically).
    #[serde(default)]
    #[schemars(description = "Nơi nhận, không ghi \"- \" ở đầu và \";\" ở cuối (được thêm tự động).", example = ["Như trên", "UBND tỉnh (để báo cáo)"])]
    #[serde(rename = "gui")]
    pub to: Vec<String>,
    /// Units after "Lưu: " ("VT", "KSTTHCNC").
    #[serde(default = "default_luu")]
    #[schemars(description = "Các đơn vị sau \"Lưu: \" (mặc định VT).", example = ["VT", "KSTTHC"])]
    #[serde(rename = "luu")]
    pub archive: Vec<String>,
    /// Drafter's initials and number of copies, e.g. "PL.(30)".
    #[serde(default)]
    #[schemars(description = "Chữ viết tắt tên người soạn thảo và số bản lưu.", example = &"PL.(30)")]
    #[serde(rename = "ky_hieu_nguoi_soan")]
    pub drafter_mark: Option<String>,
}

fn default_luu() -> Vec<String> {
    vec!["VT".to_string()]
}

/// Layout overrides (within Decree 30's ranges; see `bounds` for each range).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[schemars(description = "Điều chỉnh trình bày, trong giới hạn của Nghị định 30.")]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Body text size, 13–14 pt.
    #[serde(default, deserialize_with = "bounds::co_chu")]
    #[schemars(
        schema_with = "bounds::schemas::co_chu",
        description = "Cỡ chữ nội dung, 13–14 pt (Nghị định 30).",
        example = 14
    )]
    #[serde(rename = "co_chu")]
    pub font_size: Option<Spanned<f32>>,
    /// Line spacing multiple, 1.0–1.5.
    #[serde(default, deserialize_with = "bounds::gian_dong")]
    #[schemars(
        schema_with = "bounds::schemas::gian_dong",
        description = "Giãn dòng, 1–1,5 lần (Nghị định 30).",
        example = 1.15
    )]
    #[serde(rename = "gian_dong")]
    pub line_spacing: Option<Spanned<f32>>,
    /// Margins in mm: top and bottom 20–25, left 30–35, right 15–20.
    #[serde(default, deserialize_with = "bounds::le_tren")]
    #[schemars(
        schema_with = "bounds::schemas::le_tren",
        description = "Lề trên, 20–25 mm (Nghị định 30).",
        example = 20
    )]
    #[serde(rename = "le_tren")]
    pub margin_top: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_duoi")]
    #[schemars(
        schema_with = "bounds::schemas::le_duoi",
        description = "Lề dưới, 20–25 mm (Nghị định 30).",
        example = 20
    )]
    #[serde(rename = "le_duoi")]
    pub margin_bottom: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_trai")]
    #[schemars(
        schema_with = "bounds::schemas::le_trai",
        description = "Lề trái, 30–35 mm (Nghị định 30).",
        example = 30
    )]
    #[serde(rename = "le_trai")]
    pub margin_left: Option<Spanned<f32>>,
    #[serde(default, deserialize_with = "bounds::le_phai")]
    #[schemars(
        schema_with = "bounds::schemas::le_phai",
        description = "Lề phải, 15–20 mm (Nghị định 30).",
        example = 15
    )]
    #[serde(rename = "le_phai")]
    pub margin_right: Option<Spanned<f32>>,
    /// Text size in tables, 10–14 pt.
    #[serde(default, deserialize_with = "bounds::co_chu_bang")]
    #[schemars(
        schema_with = "bounds::schemas::co_chu_bang",
        description = "Cỡ chữ trong bảng, 10–14 pt.",
        example = 12
    )]
    #[serde(rename = "co_chu_bang")]
    pub table_font_size: Option<Spanned<f32>>,
}
