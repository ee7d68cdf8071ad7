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

fn lines(v: &[String]) -> String {
    v.join("\n")
}

/// Agencies, one per line when several.
fn agencies(v: &[String]) -> String {
    v.join(";\n")
}

fn deadline(t: &Task) -> String {
    t.deadline.as_ref().map(|d| d.display()).unwrap_or_default()
}

fn late_mark(t: &Task, set: &TaskSet) -> Option<String> {
    t.days_late(set.as_of)
        .map(|d| format!("**Quá hạn {} ngày**", format::number(d as f64, Some(0))))
}

/// "I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (08 NHIỆM VỤ)".
fn roman_group_row(i: usize, title: &str, n: usize) -> String {
    format!(
        "{}. {} ({} NHIỆM VỤ)",
        format::roman(i as u32 + 1),
        format::upper_title(title),
        count(n)
    )
}

/// One of the task tables.
pub fn table(set: &TaskSet, style: &str) -> Value {
    if style == "tong_hop" {
        return summary_table(set);
    }
    let (names, widths): (Vec<&str>, Vec<f32>) = match style {
        "ke_hoach" => (
            vec![
                "STT",
                "Nội dung, nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Kết quả sản phẩm",
                "Thời gian hoàn thành",
            ],
            vec![5.0, 35.0, 15.0, 17.0, 15.0, 13.0],
        ),
        "theo_doi" => (
            vec![
                "STT",
                "Nhiệm vụ",
                "Văn bản giao nhiệm vụ",
                "Đơn vị chủ trì",
                "Thời hạn",
                "Kết quả thực hiện",
                "Tình trạng",
            ],
            vec![5.0, 28.0, 15.0, 14.0, 12.0, 26.0, 12.0],
        ),
        _ => (
            vec![
                "STT",
                "Nhiệm vụ được giao",
                "Văn bản giao nhiệm vụ",
                "Cơ quan thực hiện",
                "Thời hạn hoàn thành",
                "Kết quả thực hiện",
                "Ghi chú",
            ],
            vec![5.0, 29.0, 15.0, 13.0, 11.0, 30.0, 10.0],
        ),
    };
    let ncol = names.len();
    let mut rows = vec![header(&names)];
    for (pos, (gi, g, tasks)) in set.nonempty_groups().into_iter().enumerate() {
        let title = match style {
            "tinh_trang" => format!("Đối với {} nhiệm vụ {}", count(tasks.len()), g.short),
            // Roman numerals follow the group's place in the full list, so a filtered list
            // keeps the plan's group numbers.
            _ => roman_group_row(
                if set.filters.is_empty() { pos } else { gi },
                &g.title,
                tasks.len(),
            ),
        };
        rows.push(json!({"loai": "group", "text": title, "colspan": ncol}));
        for t in tasks {
            let stt = cell(t.number.to_string(), "center");
            let cells = match style {
                "ke_hoach" => vec![
                    stt,
                    cell(lines(&t.content), "justify"),
                    cell(agencies(&t.lead), "left"),
                    cell(agencies(&t.partners), "left"),
                    cell(&t.product, "left"),
                    cell(deadline(t), "center"),
                ],
                _ => {
                    // The last column: the status (progress table) or the note, with the
                    // overdue mark below it.
                    let mut last = if style == "theo_doi" {
                        t.status_text().unwrap_or_default()
                    } else {
                        t.note.clone()
                    };
                    if let Some(m) = late_mark(t, set) {
                        if !last.is_empty() {
                            last.push('\n');
                        }
                        last.push_str(&m);
                    }
                    vec![
                        stt,
                        cell(lines(&t.content), "justify"),
                        cell(lines(&t.assigned_by), "left"),
                        cell(agencies(&t.lead), "left"),
                        cell(deadline(t), "center"),
                        cell(lines(&t.result), "justify"),
                        cell(last, "center"),
                    ]
                }
            };
            rows.push(json!({"loai": "body", "o": cells}));
        }
    }
    json!({"rong": widths, "so_dong_tieu_de": 1, "co_chu": null, "dong": rows})
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
    })
}
