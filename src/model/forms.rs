//! The blocks particular to the short forms of Decree 30 (Phụ lục III): the person and
//! mission of a Giấy giới thiệu, the leave of a Giấy nghỉ phép, the documents of a Phiếu
//! gửi and the document a Phiếu chuyển forwards. Each is optional: without it the kind
//! takes the general layout (mo_dau / noi_dung / ket_thuc), as before these keys existed.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// `gioi_thieu:`: "… trân trọng giới thiệu: / Ông (bà): … / Chức vụ: … / Được cử đến: … /
/// Về việc: …", then the request and the validity line.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Giấy giới thiệu: người được giới thiệu và việc được cử đi (Mẫu 1.8).")]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    #[schemars(with = "String", description = "Người được giới thiệu, in sau \"Ông (bà): \".", example = &"Phạm Thị Lan")]
    #[serde(rename = "nguoi")]
    pub person: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Chức vụ của người được giới thiệu.", example = &"Chánh Văn phòng Sở Nội vụ")]
    #[serde(rename = "chuc_vu")]
    pub position: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Nơi được cử đến, in sau \"Được cử đến: \".", example = &"Trung tâm Lưu trữ quốc gia I")]
    #[serde(rename = "duoc_cu_den")]
    pub sent_to: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Việc cần liên hệ, in sau \"Về việc: \".", example = &"liên hệ sao tài liệu lưu trữ")]
    #[serde(rename = "ve_viec")]
    pub purpose: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Ngày hết giá trị (05/02/2026 hoặc 2026-02-05): \"Giấy này có giá trị đến hết ngày … tháng … năm …\".", example = &"31/12/2025")]
    #[serde(rename = "co_gia_tri_den")]
    pub valid_until: Option<Spanned<String>>,
}

/// `nghi_phep:`: "Xét Đơn đề nghị nghỉ phép ngày … của ông (bà) …, … cấp cho: / Ông (bà): …
/// / Chức vụ: … / Đơn vị công tác: … / nghỉ … trong thời gian … ngày, kể từ ngày … đến hết
/// ngày …, tại …", and below the signature the confirmation of the place of leave.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Giấy nghỉ phép: người nghỉ, thời gian và nơi nghỉ (Mẫu 1.10).")]
#[serde(deny_unknown_fields)]
pub struct Leave {
    #[schemars(with = "String", description = "Người được nghỉ phép, in sau \"Ông (bà): \".", example = &"Trần Văn Bình")]
    #[serde(rename = "nguoi")]
    pub person: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Chức vụ của người nghỉ.", example = &"Chuyên viên")]
    #[serde(rename = "chuc_vu")]
    pub position: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Đơn vị công tác, in sau \"Đơn vị công tác: \".", example = &"Phòng Tổ chức, biên chế, Sở Nội vụ")]
    #[serde(rename = "don_vi")]
    pub unit: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Ngày của đơn đề nghị: \"Xét Đơn đề nghị nghỉ phép ngày …\" (bỏ trống thì không in câu này).", example = &"10/11/2025")]
    #[serde(rename = "ngay_don")]
    pub applied_on: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Người cấp giấy, in trước \"cấp cho:\" (mặc định: ten_co_quan).", example = &"Giám đốc Sở Nội vụ tỉnh Hà Lam")]
    #[serde(rename = "nguoi_cap")]
    pub granted_by: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Hình thức nghỉ (mặc định: \"nghỉ phép năm\" và năm của tu_ngay).", example = &"nghỉ phép năm 2025")]
    #[serde(rename = "hinh_thuc")]
    pub kind: Option<Spanned<String>>,
    #[schemars(with = "String", description = "Ngày bắt đầu nghỉ.", example = &"24/11/2025")]
    #[serde(rename = "tu_ngay")]
    pub from: Spanned<String>,
    #[schemars(with = "String", description = "Ngày cuối cùng nghỉ (\"đến hết ngày …\").", example = &"28/11/2025")]
    #[serde(rename = "den_ngay")]
    pub to: Spanned<String>,
    #[serde(default)]
    #[schemars(
        with = "Option<u32>",
        description = "Số ngày nghỉ (mặc định: số ngày làm việc từ tu_ngay đến den_ngay, trừ thứ Bảy, Chủ nhật và ngày lễ, Tết).",
        example = 5
    )]
    #[serde(rename = "so_ngay")]
    pub days: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Nơi nghỉ phép, in sau \"tại \".", example = &"xã Hòa Bình, tỉnh Hà Lam")]
    #[serde(rename = "noi_nghi")]
    pub place: Option<Spanned<String>>,
}

/// `phieu_gui:`: "… gửi kèm theo phiếu này các văn bản, tài liệu sau:", one numbered line
/// per document, and below the signature the receipt the recipient signs and returns.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Phiếu gửi: các văn bản, tài liệu gửi kèm và phần ký nhận.")]
#[serde(deny_unknown_fields)]
pub struct Dispatch {
    #[schemars(with = "Vec<String>", description = "Các văn bản, tài liệu gửi kèm, mỗi mục một dòng đánh số (không ghi số và dấu \";\" ở cuối).", example = ["Tài liệu hướng dẫn nghiệp vụ văn thư, lưu trữ (01 bộ)"])]
    #[serde(rename = "tai_lieu")]
    pub documents: Spanned<Vec<String>>,
    #[serde(default = "yes")]
    #[schemars(
        description = "In phần ký nhận để nơi nhận ký và gửi lại phiếu (mặc định: có).",
        example = true
    )]
    #[serde(rename = "ky_nhan")]
    pub receipt: bool,
}

/// `phieu_chuyen:`: "… chuyển đến … [văn bản] để [việc]."
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "Phiếu chuyển: văn bản, đơn thư được chuyển và việc đề nghị nơi nhận làm."
)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    #[schemars(with = "String", description = "Văn bản, đơn thư được chuyển.", example = &"Đơn đề ngày 10/11/2025 của ông Trần Văn Bình, trú tại xã Hòa Bình")]
    #[serde(rename = "van_ban")]
    pub document: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Việc đề nghị nơi nhận làm, in sau \"để \" (mặc định: \"xem xét, giải quyết theo thẩm quyền\").", example = &"xem xét, giải quyết theo thẩm quyền")]
    #[serde(rename = "de")]
    pub action: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}
