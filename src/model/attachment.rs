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

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::NodeList;

/// The authority that issues the document when it is a person or office rather than the
/// agency in the header (a Quyết định of the Chủ tịch).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecidingBody {
    /// "Chủ tịch Ủy ban nhân dân tỉnh Hà Lam": printed UPPER above the căn cứ.
    #[serde(deserialize_with = "super::required::ten")]
    #[serde(rename = "ten")]
    pub name: String,
    /// "Chủ tịch UBND tỉnh": used in the "(Ban hành kèm theo …)" and annex lines
    /// (default: `ten`).
    #[serde(default)]
    #[serde(rename = "ten_ngan")]
    pub short_name: Option<String>,
}

impl DecidingBody {
    pub fn short(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name).trim()
    }
}

/// The attached document: its own type name and title, then its body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentSpec {
    /// Kind of the attached document (ke-hoach, quy-che, quy-dinh, …).
    #[serde(rename = "loai")]
    pub kind: Spanned<String>,
    #[serde(deserialize_with = "super::required::trich_yeu")]
    #[serde(rename = "trich_yeu")]
    pub subject: String,
    #[serde(default)]
    #[serde(rename = "mo_dau")]
    pub opening: NodeList,
    #[serde(default)]
    #[serde(rename = "noi_dung")]
    pub body: NodeList,
    #[serde(default)]
    #[serde(rename = "ket_thuc")]
    pub closing: NodeList,
}
