//! The context of the short forms' blocks (`gioi_thieu`, `nghi_phep`, `phieu_gui`,
//! `phieu_chuyen`): texts trimmed, dates in words, the leave's days and kind, and the
//! punctuation of the list of documents sent, so that the templates only lay them out.

use serde_json::{Value, json};

use super::context::object;
use crate::format::date::date_long;
use crate::model::DocumentSpec;
use crate::validate::Checked;

type Text<'a> = Option<&'a serde_saphyr::Spanned<String>>;

fn text(s: Text) -> Value {
    s.map_or(Value::Null, |s| json!(s.value.trim()))
}

/// The four blocks' values, each null when the document does not have it.
pub fn values(vb: &DocumentSpec, ck: &Checked) -> [(&'static str, Value); 4] {
    [
        ("gioi_thieu", introduction(vb, ck)),
        ("nghi_phep", leave(vb, ck)),
        ("phieu_gui", dispatch(vb)),
        ("phieu_chuyen", transfer(vb)),
    ]
}

fn introduction(vb: &DocumentSpec, ck: &Checked) -> Value {
    let Some(g) = &vb.introduction else {
        return Value::Null;
    };
    let g = &g.value;
    object([
        ("nguoi", json!(g.person.value.trim())),
        ("chuc_vu", text(g.position.as_ref())),
        ("duoc_cu_den", text(g.sent_to.as_ref())),
        ("ve_viec", text(g.purpose.as_ref())),
        (
            "co_gia_tri_den",
            ck.forms
                .valid_until
                .map_or(Value::Null, |d| json!(date_long(d))),
        ),
    ])
}

fn leave(vb: &DocumentSpec, ck: &Checked) -> Value {
    let (Some(l), Some(dates)) = (&vb.leave, &ck.forms.leave) else {
        return Value::Null;
    };
    let l = &l.value;
    let kind = l.kind.as_ref().map_or_else(
        || format!("nghỉ phép năm {}", dates.from.format("%Y")),
        |k| k.value.trim().to_string(),
    );
    let granted_by = l
        .granted_by
        .as_ref()
        .map_or_else(|| vb.agency_in_sentence(), |g| g.value.trim().to_string());
    object([
        ("nguoi", json!(l.person.value.trim())),
        ("chuc_vu", text(l.position.as_ref())),
        ("don_vi", text(l.unit.as_ref())),
        ("nguoi_cap", json!(granted_by)),
        ("hinh_thuc", json!(kind)),
        (
            "ngay_don",
            dates
                .applied_on
                .map_or(Value::Null, |d| json!(date_long(d))),
        ),
        ("tu_ngay", json!(date_long(dates.from))),
        ("den_ngay", json!(date_long(dates.to))),
        // Counts are written with two digits in administrative texts ("05 ngày").
        ("so_ngay", json!(format!("{:02}", dates.days))),
        ("noi_nghi", text(l.place.as_ref())),
    ])
}

fn dispatch(vb: &DocumentSpec) -> Value {
    let Some(p) = &vb.dispatch else {
        return Value::Null;
    };
    let docs = &p.value.documents.value;
    let items: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let d = d.trim().trim_end_matches([';', '.', ',']).trim_end();
            let end = if i + 1 == docs.len() { "." } else { ";" };
            format!("{d}{end}")
        })
        .collect();
    object([
        ("tai_lieu", json!(items)),
        ("ky_nhan", json!(p.value.receipt)),
    ])
}

fn transfer(vb: &DocumentSpec) -> Value {
    let Some(c) = &vb.transfer else {
        return Value::Null;
    };
    let action = c
        .value
        .action
        .as_ref()
        .map_or("xem xét, giải quyết theo thẩm quyền", |a| {
            a.value.trim()
        });
    object([
        ("van_ban", json!(c.value.document.value.trim())),
        ("de", json!(action.trim_end_matches('.'))),
    ])
}
