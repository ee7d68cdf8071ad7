//! Tasks for templates: counts, the generated sentences and the task tables, already
//! computed (the same JSON shape as `template::context::table`, so the shared `table` macro
//! draws them).

use serde_json::{Value, json};

use super::text::{self, count};
use super::{Numbering, Status, Task, TaskSet};
use crate::format;

/// The table styles an annex (`phu_luc: [{nhiem_vu: ke_hoach}]`) or a template can ask for.
pub const TABLES: &[(&str, &str)] = &[
    ("ke_hoach", "danh mục nhiệm vụ của kế hoạch"),
    ("theo_doi", "theo dõi tiến độ"),
    (
        "tinh_trang",
        "tình hình thực hiện nhiệm vụ (phụ lục báo cáo)",
    ),
    ("tong_hop", "tổng hợp số nhiệm vụ theo nhóm và tình trạng"),
];

pub use crate::model::tasks::SENTENCES;

fn cell(text: impl Into<String>, align: &str) -> Value {
    json!({"text": text.into(), "align": align, "colspan": 1})
}

fn header(names: &[&str]) -> Value {
    json!({"loai": "header", "o": names.iter().map(|n| json!({"text": n, "colspan": 1, "rowspan": 1})).collect::<Vec<_>>()})
}

/// One of the task tables.
pub fn table(set: &TaskSet, style: &str) -> Value {
    if style == "tong_hop" {
        return summary_table(set);
    }
    super::columns::table(set, style, &super::columns::preset(style))
}

/// The task table of an annex: a preset, or the columns it names.
pub fn annex_table(set: &TaskSet, spec: &crate::model::TaskTableSpec) -> Value {
    let style = spec.preset_name();
    if spec.columns.is_empty() {
        return table(set, style);
    }
    super::columns::table(set, style, &super::columns::columns_of(spec, &set.fields))
}

/// Tasks per group and status, with the overdue ones and a total row.
fn summary_table(set: &TaskSet) -> Value {
    let classes: Vec<String> = Status::ALL.iter().map(|s| set.class_name(*s)).collect();
    let mut names = vec!["STT", "Nhóm nhiệm vụ", "Tổng số"];
    names.extend(classes.iter().map(String::as_str));
    names.push("Chưa cập nhật");
    names.push("Quá hạn");
    let mut widths = vec![5.0, 35.0, 9.0];
    widths.extend([9.0; 4]);
    widths.extend([9.0, 9.0]);
    let mut rows = vec![header(&names)];
    let counts_row = |tasks: &[&Task]| -> Vec<Value> {
        let (per, none) = text::status_counts(tasks);
        let mut out = vec![cell(tasks.len().to_string(), "center")];
        out.extend(per.iter().map(|(_, n)| cell(n.to_string(), "center")));
        out.push(cell(none.to_string(), "center"));
        let late = tasks
            .iter()
            .filter(|t| t.days_late(set.as_of).is_some())
            .count();
        out.push(cell(late.to_string(), "center"));
        out
    };
    for (i, (_, g, tasks)) in set.nonempty_groups().into_iter().enumerate() {
        let mut r = vec![
            cell((i + 1).to_string(), "center"),
            cell(format::capitalize_first(&g.short), "left"),
        ];
        r.extend(counts_row(&tasks));
        rows.push(json!({"loai": "body", "o": r}));
    }
    let all: Vec<&Task> = set.tasks.iter().collect();
    let mut total = vec![json!({"text": "Tổng cộng", "align": "center", "colspan": 2})];
    total.extend(counts_row(&all));
    rows.push(json!({"loai": "total", "o": total}));
    json!({"rong": widths, "so_dong_tieu_de": 1, "co_chu": null, "dong": rows})
}

/// The paragraphs a `- cau_nhiem_vu: KIND` body node stands for, as body nodes (the shape of
/// `template::context::nodes`).
pub fn sentence_nodes(set: &TaskSet, kind: &str) -> Vec<Value> {
    let para = |t: String| json!({"k": "doan", "text": t, "can": null, "dam": false, "nghieng": false, "thut_dau": null});
    let dashes = |items: Vec<String>| json!({"k": "gach", "con": items.into_iter().map(para).collect::<Vec<_>>()});
    match kind {
        "ke_hoach" => {
            let groups = set.nonempty_groups().len();
            let what = set
                .describe
                .as_deref()
                .map(|d| format!(" {}", d.trim()))
                .unwrap_or_default();
            vec![
                para(format!(
                    "Chi tiết {} nhiệm vụ cụ thể thuộc {} nhóm nhiệm vụ{what}. Cụ thể:",
                    count(set.tasks.len()),
                    count(groups)
                )),
                dashes(text::plan_group_lines(set)),
            ]
        }
        "tinh_trang" => vec![dashes(
            set.nonempty_groups()
                .iter()
                .map(|(g, _, _)| text::group_status_sentence(set, *g))
                .collect(),
        )],
        _ => vec![para(text::summary_sentence(set))],
    }
}

/// The `nhiem_vu` value templates see.
pub fn build(set: &TaskSet) -> Value {
    let groups: Vec<Value> = set
        .nonempty_groups()
        .iter()
        .enumerate()
        .map(|(i, (gi, g, tasks))| {
            json!({
                "id": g.id,
                "ten": g.title,
                "ten_ngan": g.short,
                "so": count(tasks.len()),
                "la_ma": format::roman(i as u32 + 1),
                "cau_tinh_trang": text::group_status_sentence(set, *gi),
            })
        })
        .collect();
    let all: Vec<&Task> = set.tasks.iter().collect();
    let (per, none) = text::status_counts(&all);
    let overdue = set.overdue();
    let tables: serde_json::Map<String, Value> = TABLES
        .iter()
        .map(|(k, _)| (k.to_string(), table(set, k)))
        .collect();
    json!({
        "tong": count(set.tasks.len()),
        "so_nhom": count(groups.len()),
        "nhom": groups,
        "mo_ta": set.describe,
        "danh_so": if set.numbering == Numbering::PerGroup { "theo_nhom" } else { "lien_tuc" },
        "tinh_den": set.as_of.map(format::date_short),
        "tinh_den_dai": set.as_of.map(format::date_long),
        "tinh_trang": per.iter().map(|(s, n)| json!({"ma": s.code(), "ten": set.class_name(*s), "so": count(*n)})).collect::<Vec<_>>(),
        "chua_cap_nhat": count(none),
        "qua_han": count(overdue.len()),
        "co_qua_han": !overdue.is_empty(),
        "dong_nhom_ke_hoach": text::plan_group_lines(set),
        "cau_tong_hop": text::summary_sentence(set),
        "loc": if set.filters.is_empty() { Value::Null } else {
            Value::String(set.filters.iter().map(|f| f.describe()).collect::<Vec<_>>().join("; "))
        },
        "bang": tables,
        "truong": set.fields.iter().map(|d| json!({"id": d.id, "ten": d.name})).collect::<Vec<_>>(),
        "danh_sach": set.tasks.iter().map(|t| task_value(set, t)).collect::<Vec<_>>(),
    })
}

/// One task for templates: its fields as printed, the extra ones under `truong`.
fn task_value(set: &TaskSet, t: &Task) -> Value {
    json!({
        "id": t.id,
        "so": t.number,
        "nhom": set.groups[t.group].id,
        "noi_dung": t.content,
        "chu_tri": t.lead,
        "phoi_hop": t.partners,
        "san_pham": t.product,
        "han": t.deadline.as_ref().map(|d| d.display()),
        "van_ban_giao": t.assigned_by,
        "trang_thai": t.status_text(),
        "ket_qua": t.result,
        "ghi_chu": t.note,
        "qua_han": t.days_late(set.as_of),
        "truong": t.fields.iter().map(|(k, v)| (k.clone(), json!(v.join("\n")))).collect::<serde_json::Map<_, _>>(),
    })
}
