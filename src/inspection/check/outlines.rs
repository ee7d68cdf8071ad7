//! Outlines (đề cương): unique codes and no empty items.

use std::collections::HashMap;

use super::{Errors, OutlinePlan, pos};
use crate::error::Code;
use crate::inspection::model::InspectionSpec;
use crate::inspection::outline;

/// One [`OutlinePlan`] per `de_cuong` entry, in order (even a broken one, so indices match
/// `kt.de_cuong`), and the index of each usable code. Extra questions are attached later,
/// once the units are known.
pub(super) fn check(
    kt: &InspectionSpec,
    errs: &mut Errors,
) -> (Vec<OutlinePlan>, HashMap<String, usize>) {
    let mut outlines = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for o in &kt.outlines {
        let code = o.value.code.value.trim().to_string();
        if code.is_empty() {
            errs.push(
                Code::Empty,
                pos(&o.value.code),
                "đề cương thiếu mã (ma), ví dụ A, B".into(),
            );
        } else if index.contains_key(&code) {
            errs.push(
                Code::Duplicate,
                pos(&o.value.code),
                format!("mã đề cương \"{code}\" bị trùng"),
            );
        } else {
            index.insert(code.clone(), outlines.len());
        }
        if o.value.body.is_empty() {
            errs.push(
                Code::Empty,
                pos(o),
                format!("đề cương {code} chưa có mục nào (noi_dung)"),
            );
        }
        for e in outline::check(&o.value.body, &code) {
            errs.0.push(e.with_pos(pos(o)));
        }
        outlines.push(OutlinePlan {
            code,
            title: o.value.title.trim().to_string(),
            period: o
                .value
                .figures
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            items: outline::flatten(&o.value.body),
            extras: Vec::new(),
        });
    }
    (outlines, index)
}
