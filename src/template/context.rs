//! The template context: the model as plain values, with tables already computed into rows
//! of formatted cells (numbers, rates, row numbers, merged header cells). Templates decide
//! where things go; they never compute.
//!
//! `phu_luc` is every annex the document has, in order, each with an `id` (`phu-luc-1`, …)
//! the template writes as `<annex id="…">`: the annexes written in the YAML, then, for a
//! kind that lists its tasks in an annex (Kế hoạch, Quyết định) when none of them shows the
//! tasks, the task annex "DANH MỤC NHIỆM VỤ …" (`nhiem-vu`).

use serde_json::{Value, json};

use crate::data::Computed;
use crate::format;
use crate::ir::{Align, Orientation};
use crate::model::{Node, NodeList};
use crate::tasks::TaskSet;

use super::table::table;

/// A JSON object from (key, value) pairs, the values moved in: `json!` serializes each
/// interpolated value, i.e. copies it, and a long table would be copied at every level.
pub(super) fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// The context of a document's template, from the computed document alone.
pub fn build(doc: &Computed) -> Value {
    let (vb, ck) = (&doc.data, &doc.checked);
    let tk = ck.tasks.as_ref();
    let nodes = |l: &NodeList| nodes(l, tk);
    let mut annexes: Vec<Value> = vb
        .annexes
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let a = &a.value;
            object([
                ("id", json!(format!("phu-luc-{}", i + 1))),
                (
                    "tieu_de",
                    json!(
                        a.title
                            .lines()
                            .map(|l| format::upper_title(l.trim()))
                            .collect::<Vec<_>>()
                    ),
                ),
                ("ngang", json!(a.orientation() == Orientation::Landscape)),
                ("mo_dau", nodes(&a.opening)),
                (
                    "bang",
                    match (&a.table, &a.task_table, tk) {
                        (Some(t), _, _) => table(t),
                        (_, Some(spec), Some(set)) => {
                            crate::tasks::context::annex_table(set, &spec.value)
                        }
                        _ => Value::Null,
                    },
                ),
                ("ghi_chu", nodes(&a.notes)),
            ])
        })
        .collect();
    if let Some(set) = tk
        && ck.kind.lists_tasks_in_annex()
        && !vb.annexes.iter().any(|a| a.value.task_table.is_some())
    {
        annexes.push(task_annex(set));
    }
    let mut context = object([
        ("loai", json!(ck.kind.id)),
        ("ten_loai", json!(ck.kind.name)),
        ("cong_van", json!(ck.kind.is_cong_van())),
        ("dia_danh", json!(vb.place)),
        ("trich_yeu", json!(vb.subject)),
        ("ky_bao_cao", json!(vb.period)),
        ("co_quan_ban_hanh", json!(vb.issuer.replace('\n', " "))),
        ("mo_dau", nodes(&vb.opening)),
        ("noi_dung", nodes(&vb.body)),
        ("ket_thuc", nodes(&vb.closing)),
        ("phu_luc", Value::Array(annexes)),
        ("du_lieu", vb.data.clone().unwrap_or(Value::Null)),
        ("chi_tieu", doc.indicators.clone()),
        (
            "nhiem_vu",
            tk.map(crate::tasks::context::build).unwrap_or(Value::Null),
        ),
        (
            "kem_theo",
            match (&vb.attachment, ck.attachment) {
                (Some(k), Some(kind)) => object([
                    ("ten_loai", json!(kind.name)),
                    (
                        "trich_yeu",
                        json!(
                            k.value
                                .subject
                                .lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .collect::<Vec<_>>()
                        ),
                    ),
                    ("mo_dau", nodes(&k.value.opening)),
                    ("noi_dung", nodes(&k.value.body)),
                    ("ket_thuc", nodes(&k.value.closing)),
                ]),
                _ => Value::Null,
            },
        ),
        (
            "kiem_tra",
            match (&vb.inspection, &ck.inspection) {
                (Some(kt), Some(p)) => super::inspection::plan(&kt.value, p),
                _ => Value::Null,
            },
        ),
    ]);
    if ck.kind.is_invitation() {
        context["moi"] = meeting(vb);
    }
    context["ten_co_quan"] = json!(vb.agency_in_sentence());
    context["kinh_gui"] = json!(vb.addressees.iter().map(|a| a.trim()).collect::<Vec<_>>());
    for (key, value) in super::forms::values(vb, ck) {
        context[key] = value;
    }
    context
}

/// The meeting block of a Giấy mời (`cuoc_hop`): `thoi_gian` and `dia_diem` as texts
/// (null when not written), `thanh_phan` as a text, or a list when written as one.
fn meeting(vb: &crate::model::DocumentSpec) -> Value {
    let m = vb.meeting.as_ref().map(|m| &m.value);
    let text = |s: Option<&serde_saphyr::Spanned<String>>| {
        s.map_or(Value::Null, |s| json!(s.value.trim()))
    };
    let participants = match m.and_then(|m| m.participants.as_ref()).map(|p| &p.value) {
        None => Value::Null,
        Some(crate::model::OneOrMany::One(s)) => json!(s.trim()),
        Some(crate::model::OneOrMany::Many(v)) => {
            json!(v.iter().map(|s| s.trim()).collect::<Vec<_>>())
        }
    };
    object([
        ("thoi_gian", text(m.and_then(|m| m.time.as_ref()))),
        ("dia_diem", text(m.and_then(|m| m.place.as_ref()))),
        ("thanh_phan", participants),
    ])
}

/// The landscape annex "DANH MỤC NHIỆM VỤ …" with the task table of a plan, for a
/// document whose tasks no annex of its own shows.
fn task_annex(set: &TaskSet) -> Value {
    let title = match set.describe.as_deref() {
        Some(d) if !d.is_empty() => format!("Danh mục nhiệm vụ {d}"),
        _ => "Danh mục nhiệm vụ".to_string(),
    };
    object([
        ("id", json!("nhiem-vu")),
        ("tieu_de", json!([format::upper_title(&title)])),
        ("ngang", json!(true)),
        ("mo_dau", json!([])),
        ("bang", crate::tasks::context::table(set, "ke_hoach")),
        ("ghi_chu", json!([])),
    ])
}

/// Body nodes as template values; `cau_nhiem_vu` nodes become the generated sentences.
pub fn nodes(list: &NodeList, tk: Option<&TaskSet>) -> Value {
    let mut out = Vec::new();
    for n in list {
        match (&n.value, tk) {
            (Node::TaskSentences(kind), Some(set)) => {
                out.extend(crate::tasks::context::sentence_nodes(set, kind))
            }
            (v, _) => out.push(node(v, tk)),
        }
    }
    Value::Array(out)
}

fn node(n: &Node, tk: Option<&TaskSet>) -> Value {
    let nodes = |l: &NodeList| nodes(l, tk);
    match n {
        Node::Paragraph(t) => json!({
            "k": "doan", "text": t, "can": null, "dam": false, "nghieng": false, "thut_dau": null,
        }),
        Node::Styled(s) => json!({
            "k": "doan", "text": s.text, "can": s.align.map(Align::markup_name), "dam": s.bold, "nghieng": s.italic,
            "thut_dau": s.indent,
        }),
        Node::Heading { title, children } => object([
            ("k", json!("muc")),
            ("text", json!(title)),
            ("con", nodes(children)),
        ]),
        Node::Item { text, children } => object([
            ("k", json!("y")),
            ("text", json!(text)),
            ("con", nodes(children)),
        ]),
        Node::Part { title, children } => object([
            ("k", json!("phan")),
            ("text", json!(title)),
            ("con", nodes(children)),
        ]),
        Node::Article { text, children } => object([
            ("k", json!("dieu")),
            ("text", json!(text)),
            ("con", nodes(children)),
        ]),
        Node::Dashes(items) => object([("k", json!("gach")), ("con", nodes(items))]),
        Node::Table(t) => object([("k", json!("bang")), ("bang", table(t))]),
        Node::PageBreak => json!({"k": "ngat"}),
        // Without tasks validation has already failed.
        Node::TaskSentences(_) => Value::Null,
    }
}
