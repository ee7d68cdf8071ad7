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
pub struct ThamQuyen {
    /// "Chủ tịch Ủy ban nhân dân tỉnh Hà Lam": printed UPPER above the căn cứ.
    #[serde(deserialize_with = "super::required::ten")]
    pub ten: String,
    /// "Chủ tịch UBND tỉnh": used in the "(Ban hành kèm theo …)" and annex lines
    /// (default: `ten`).
    #[serde(default)]
    pub ten_ngan: Option<String>,
}

impl ThamQuyen {
    pub fn short(&self) -> &str {
        self.ten_ngan.as_deref().unwrap_or(&self.ten).trim()
    }
}

/// The attached document: its own type name and title, then its body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KemTheo {
    /// Kind of the attached document (ke-hoach, quy-che, quy-dinh, …).
    pub loai: Spanned<String>,
    #[serde(deserialize_with = "super::required::trich_yeu")]
    pub trich_yeu: String,
    #[serde(default)]
    pub mo_dau: NodeList,
    #[serde(default)]
    pub noi_dung: NodeList,
    #[serde(default)]
    pub ket_thuc: NodeList,
}
