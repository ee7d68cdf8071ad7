//! Required keys: every one that is missing, each reported at the start of its own block, in
//! one run. The loader reads these keys with `#[serde(default)]` (see
//! [`crate::model::required`]) so that a missing key does not stop it at the first one; this
//! check tells a missing key by the value it leaves (an empty text, an unknown place).

use serde_saphyr::Spanned;

use crate::error::{Code, Diagnostics, Error, Pos};
use crate::model::{DocumentSpec, Node, NodeList, TableSpec};

/// The message for `key` missing from `block` (the block's name as the user knows it).
pub fn missing_key(block: &str, key: &str) -> Error {
    Error::new(
        Code::MissingKey,
        format!("thiếu khóa bắt buộc \"{key}\" trong khối {block} bắt đầu tại đây"),
    )
}

fn absent<T>(s: &Spanned<T>) -> bool {
    Pos::from_saphyr(&s.referenced).is_none()
}

fn pos_of<T>(s: &Spanned<T>) -> Option<Pos> {
    Pos::from_saphyr(&s.referenced)
}

/// Every required key missing from the document, in the order of the file.
pub fn missing_keys(vb: &DocumentSpec) -> Diagnostics {
    let mut errs = Diagnostics::new();
    let block = |errs: &mut Diagnostics, name: &str, pos: Option<Pos>, keys: &[(&str, bool)]| {
        for (key, _) in keys.iter().filter(|(_, missing)| *missing) {
            errs.push(missing_key(name, key).with_pos(pos));
        }
    };
    // A document that is only annexes has no header and no signature: its loader
    // (`load::standalone`) checks its own keys and refuses the header's by name.
    let annexes_only = vb.kind.value.trim() == crate::kinds::ANNEXES_ONLY;
    block(
        &mut errs,
        "văn bản",
        vb.start,
        &[
            ("loai", absent(&vb.kind)),
            ("co_quan_ban_hanh", vb.issuer.is_empty()),
            ("viet_tat", absent(&vb.issuer_abbr)),
            ("dia_danh", vb.place.is_empty()),
            ("ngay", absent(&vb.date)),
            ("trich_yeu", vb.subject.is_empty()),
            ("chu_ky", absent(&vb.signature)),
        ]
        .map(|(k, missing)| (k, missing && !annexes_only)),
    );
    for list in [&vb.opening, &vb.body, &vb.closing] {
        tables_in(list, &mut errs);
    }
    if !absent(&vb.signature) && !annexes_only {
        let s = &vb.signature.value;
        block(
            &mut errs,
            "chu_ky",
            pos_of(&vb.signature),
            &[
                ("chuc_vu", s.titles.lines().is_empty()),
                ("ho_ten", s.name.is_empty()),
            ],
        );
    }
    if let Some(left) = vb.left_signature.as_ref().filter(|_| !annexes_only) {
        let s = &left.value;
        block(
            &mut errs,
            "chu_ky_trai",
            pos_of(left),
            &[
                ("chuc_vu", s.titles.lines().is_empty()),
                ("ho_ten", s.name.is_empty()),
            ],
        );
    }
    for annex in &vb.annexes {
        let a = &annex.value;
        block(
            &mut errs,
            "phu_luc",
            pos_of(annex),
            &[("tieu_de", a.title.is_empty())],
        );
        tables_in(&a.opening, &mut errs);
        if let Some(t) = &a.table {
            table(t, &mut errs);
        }
        tables_in(&a.notes, &mut errs);
    }
    for i in &vb.indicators {
        block(
            &mut errs,
            "chi_tieu",
            pos_of(i),
            &[("id", absent(&i.value.id))],
        );
    }
    errs
}

/// The columns of every table in a body.
fn tables_in(list: &NodeList, errs: &mut Diagnostics) {
    for n in list {
        match &n.value {
            Node::Heading { children, .. }
            | Node::Item { children, .. }
            | Node::Part { children, .. }
            | Node::Article { children, .. }
            | Node::Dashes(children) => tables_in(children, errs),
            Node::Table(t) => table(t, errs),
            Node::Styled(_) | Node::Paragraph(_) | Node::PageBreak | Node::TaskSentences(_) => {}
        }
    }
}

fn table(t: &TableSpec, errs: &mut Diagnostics) {
    for c in &t.columns {
        if c.value.name.is_empty() {
            errs.push(missing_key("cột (cot)", "ten").with_pos(pos_of(c)));
        }
    }
}
