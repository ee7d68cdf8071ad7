//! Extra task fields a tasks file declares (`truong:`): checked once here, then kept on
//! each task as lines of text printed as written, for columns, `--where` and templates.
//!
//! ```yaml
//! truong:
//!   - {id: van_ban_tw, ten: Văn bản của Trung ương}            # loai: van_ban (default)
//!   - {id: ngay_giao, ten: Ngày giao, loai: ngay}
//!   - {id: linh_vuc, ten: Lĩnh vực, loai: danh_sach}
//! nhiem_vu:
//!   - id: TC01
//!     truong: {van_ban_tw: Nghị quyết số 57-NQ/TW ngày 22/12/2024, ngay_giao: 05/01/2026}
//! ```

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use super::pos_of;
use crate::error::{Code, Error};
use crate::model::OneOrMany;
use crate::model::tasks::FieldSpec;

/// What an extra field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// A date: checked, printed as written.
    Date,
    /// One or several lines.
    List,
}

/// A declared extra field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    pub id: String,
    pub name: String,
    pub kind: FieldKind,
}

/// The task fields vanban knows, which an extra field may not shadow.
pub const BUILT_IN: &[&str] = &[
    "stt",
    "id",
    "nhom",
    "noi_dung",
    "chu_tri",
    "phoi_hop",
    "don_vi",
    "san_pham",
    "han",
    "van_ban_giao",
    "trang_thai",
    "ket_qua",
    "ghi_chu",
    "qua_han",
];

/// A field id: lower-case ASCII letters, digits and "_", starting with a letter.
pub fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Check the declarations: identifiers, unique, not a built-in field, a known kind.
pub fn check_defs(specs: &[Spanned<FieldSpec>], err: &mut impl FnMut(Error)) -> Vec<FieldDef> {
    let mut out: Vec<FieldDef> = Vec::new();
    for s in specs {
        let id = s.value.id.value.trim();
        let at = pos_of(&s.value.id);
        if !is_identifier(id) {
            err(Error::new(
                Code::UnknownValue,
                format!("mã trường \"{id}\" không hợp lệ; cần chữ thường không dấu, số và \"_\", ví dụ van_ban_tw"),
            )
            .with_pos(at));
            continue;
        }
        if BUILT_IN.contains(&id) {
            err(Error::new(
                Code::Conflict,
                format!(
                    "trường \"{id}\" đã là trường có sẵn của nhiệm vụ; chọn mã khác cho trường thêm"
                ),
            )
            .with_pos(at));
            continue;
        }
        if out.iter().any(|f| f.id == id) {
            err(Error::new(Code::Duplicate, format!("mã trường \"{id}\" bị trùng")).with_pos(at));
            continue;
        }
        let kind = match s.value.kind.as_ref().map(|k| k.value.trim()) {
            None | Some("van_ban") => FieldKind::Text,
            Some("ngay") => FieldKind::Date,
            Some("danh_sach") => FieldKind::List,
            Some(other) => {
                err(Error::new(
                    Code::UnknownValue,
                    format!(
                        "loại trường \"{other}\" không hợp lệ; cần van_ban, ngay hoặc danh_sach"
                    ),
                )
                .with_pos(s.value.kind.as_ref().and_then(pos_of)));
                continue;
            }
        };
        out.push(FieldDef {
            id: id.to_string(),
            name: s.value.name.trim().to_string(),
            kind,
        });
    }
    out
}

/// The values a task gives its extra fields, as lines; every id must be declared and every
/// value must fit its kind.
pub fn task_values(
    written: Option<&Spanned<BTreeMap<String, Spanned<OneOrMany>>>>,
    task: &str,
    defs: &[FieldDef],
    err: &mut impl FnMut(Error),
) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let Some(map) = written else { return out };
    for (id, v) in &map.value {
        let at = pos_of(v).or(pos_of(map));
        let Some(def) = defs.iter().find(|d| d.id == id.trim()) else {
            let ids: Vec<&str> = defs.iter().map(|d| d.id.as_str()).collect();
            let e = Error::new(
                Code::UnknownKey,
                format!(
                    "nhiệm vụ \"{task}\": trường \"{id}\" chưa được khai báo trong \"truong\"; {}",
                    if ids.is_empty() {
                        "tệp nhiệm vụ chưa khai báo trường thêm nào".to_string()
                    } else {
                        format!("các trường đã khai báo: {}", ids.join(", "))
                    }
                ),
            )
            .with_pos(at);
            err(match crate::error::closest(id, &ids) {
                Some(c) => e.hint(format!("có phải là \"{c}\"?")),
                None => e,
            });
            continue;
        };
        let lines: Vec<String> = match (&v.value, def.kind) {
            (OneOrMany::Many(_), FieldKind::Text | FieldKind::Date) => {
                err(Error::new(
                    Code::WrongType,
                    format!("trường \"{id}\" là một dòng chữ; danh sách chỉ dùng cho trường loai: danh_sach"),
                )
                .with_pos(at));
                continue;
            }
            (OneOrMany::One(s), FieldKind::Date) => {
                if let Err(m) = crate::format::parse_date(s) {
                    err(Error::new(Code::BadDate, format!("trường \"{id}\": {m}")).with_pos(at));
                    continue;
                }
                vec![s.trim().to_string()]
            }
            (v, _) => v.lines().iter().map(|l| l.trim().to_string()).collect(),
        };
        out.insert(def.id.clone(), lines);
    }
    out
}
