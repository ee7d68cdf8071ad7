//! `loai: phu-luc`: a document that is only annexes is read into its own model
//! ([`AnnexDocumentSpec`]) and handed on as a [`DocumentSpec`] with its annexes in
//! `phu_luc`. The header and signature keys of other documents have no place on it: each is
//! refused by name, at its line, before the document is read.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::error::{Code, Error, Pos};
use crate::model::{AnnexDocumentSpec, DocumentSpec};

use crate::kinds::ANNEXES_ONLY as KIND;

/// Keys of other documents that a `phu-luc` document does not print, with what they are.
const NOT_HERE: &[(&str, &str)] = &[
    ("co_quan_chu_quan", "cơ quan chủ quản"),
    ("co_quan_ban_hanh", "cơ quan ban hành"),
    ("ten_co_quan", "tên cơ quan"),
    ("viet_tat", "chữ viết tắt của cơ quan"),
    ("don_vi_soan_thao", "đơn vị soạn thảo"),
    ("dia_danh", "địa danh"),
    ("trich_yeu", "trích yếu"),
    ("ky_bao_cao", "kỳ báo cáo"),
    ("do_mat", "độ mật"),
    ("do_khan", "độ khẩn"),
    ("kinh_gui", "kính gửi"),
    ("can_cu", "căn cứ"),
    ("noi_dung", "nội dung văn bản"),
    ("ket_thuc", "phần kết thúc"),
    ("chu_ky", "chữ ký"),
    ("chu_ky_trai", "chữ ký bên trái"),
    ("cuoc_hop", "thông tin cuộc họp (giấy mời)"),
    ("noi_nhan", "nơi nhận"),
    ("tham_quyen", "thẩm quyền"),
    ("kem_theo", "văn bản kèm theo"),
    ("kiem_tra", "kế hoạch kiểm tra"),
    ("nhiem_vu", "danh sách nhiệm vụ"),
    ("chi_tieu", "chỉ tiêu"),
    ("ky_truoc", "kỳ báo cáo trước"),
];

/// The top-level keys of a file, with where each is written, and the value of `loai`.
struct Head {
    kind: Option<String>,
    keys: Vec<Spanned<String>>,
}

impl<'de> Deserialize<'de> for Head {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Head;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head, A::Error> {
                let mut head = Head {
                    kind: None,
                    keys: Vec::new(),
                };
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.value == "loai" {
                        head.kind = map.next_value::<Option<String>>().ok().flatten();
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                    head.keys.push(key);
                }
                Ok(head)
            }
        }
        d.deserialize_map(V)
    }
}

/// The document in `text` when it is a `loai: phu-luc` one, `None` for any other (or for a
/// file whose shape the ordinary reading reports on).
pub fn parse(text: &str) -> Option<Result<DocumentSpec, Error>> {
    // Only a file that names the kind can be one; others are read once, as before.
    if !text.contains(KIND) {
        return None;
    }
    let head = super::parse_yaml::<Head>(text).ok()?;
    if head.kind.as_deref().map(str::trim) != Some(KIND) {
        return None;
    }
    if let Some(e) = head.keys.iter().find_map(not_here) {
        return Some(Err(e));
    }
    Some(super::parse_yaml::<AnnexDocumentSpec>(text).and_then(AnnexDocumentSpec::into_document))
}

/// The error for a key that a document of only annexes does not have.
fn not_here(key: &Spanned<String>) -> Option<Error> {
    let (k, what) = NOT_HERE.iter().find(|(k, _)| *k == key.value)?;
    Some(
        Error::new(
            Code::Conflict,
            format!(
                "loai: phu-luc là phụ lục gửi riêng (không có Quốc hiệu, không có chữ ký), \
                 không dùng {what} ({k}); hãy xóa khóa này, hoặc đưa phụ lục vào phu_luc \
                 của văn bản chính"
            ),
        )
        .with_pos(Pos::from_saphyr(&key.referenced)),
    )
}
