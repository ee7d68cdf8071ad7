//! A document attached to the main one (the plan promulgated by a Quyết định), and the
//! authority that issues a decision.
//!
//! ```yaml
//! tham_quyen:
//!   ten: Chủ tịch Ủy ban nhân dân tỉnh Hà Lam   # issuer line above the căn cứ (UPPER)
//!   ten_ngan: Chủ tịch UBND tỉnh                  # in "(Ban hành kèm theo … của …)"
//! kem_theo:
//!   loai: ke-hoach
//!   trich_yeu: Thực hiện Đề án 06 trên địa bàn tỉnh Hà Lam năm 2025
//!   noi_dung: [...]
//! ```

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::NodeList;

/// The authority that issues the document when it is a person or office rather than the
/// agency in the header (a Quyết định of the Chủ tịch).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "Thẩm quyền ban hành quyết định (khi là người hoặc cơ quan khác cơ quan ở tiêu đề)."
)]
#[serde(deny_unknown_fields)]
pub struct DecidingBody {
    /// "Chủ tịch Ủy ban nhân dân tỉnh Hà Lam": printed UPPER above the căn cứ.
    #[serde(deserialize_with = "super::required::ten")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Thẩm quyền ban hành, in hoa phía trên căn cứ.", example = &"Chủ tịch Ủy ban nhân dân tỉnh Hà Lam")]
    #[serde(rename = "ten")]
    pub name: String,
    /// "Chủ tịch UBND tỉnh": used in the "(Ban hành kèm theo …)" and annex lines
    /// (default: `ten`).
    #[serde(default)]
    #[schemars(description = "Tên ngắn dùng trong dòng \"(Ban hành kèm theo …)\" và dòng phụ lục (mặc định: ten).", example = &"Chủ tịch UBND tỉnh")]
    #[serde(rename = "ten_ngan")]
    pub short_name: Option<String>,
}

impl DecidingBody {
    pub fn short(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name).trim()
    }
}

/// The attached document: its own type name and title, then its body.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Văn bản ban hành kèm theo: loại, trích yếu và nội dung.")]
#[serde(deny_unknown_fields)]
pub struct AttachmentSpec {
    /// Kind of the attached document (ke-hoach, quy-che, quy-dinh, …).
    #[schemars(with = "String", description = "Loại văn bản kèm theo (ke-hoach, quy-che, quy-dinh, …).", example = &"ke-hoach")]
    #[serde(rename = "loai")]
    pub kind: Spanned<String>,
    #[serde(deserialize_with = "super::required::trich_yeu")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Trích yếu của văn bản kèm theo.", example = &"Thực hiện Đề án 06 trên địa bàn tỉnh Hà Lam năm 2025")]
    #[serde(rename = "trich_yeu")]
    pub subject: String,
    #[serde(default)]
    #[schemars(with = "Vec<super::Node>", description = "Các đoạn mở đầu của văn bản kèm theo.", example = ["Để triển khai Đề án 06, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"])]
    #[serde(rename = "mo_dau")]
    pub opening: NodeList,
    #[serde(default)]
    #[schemars(with = "Vec<super::Node>", description = "Nội dung của văn bản kèm theo.", example = serde_json::json!([{"muc": "Mục đích, yêu cầu"}]))]
    #[serde(rename = "noi_dung")]
    pub body: NodeList,
    #[serde(default)]
    #[schemars(with = "Vec<super::Node>", description = "Các đoạn kết thúc của văn bản kèm theo.", example = ["Trên đây là Kế hoạch thực hiện Đề án 06 năm 2025."])]
    #[serde(rename = "ket_thuc")]
    pub closing: NodeList,
}
