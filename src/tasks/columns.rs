//! Task tables by columns: each column shows one task field, with its header, width and
//! alignment. The presets (`ke_hoach`, `theo_doi`, `tinh_trang`) are column lists like
//! the ones an annex names itself (`nhiem_vu: {cot: [...]}`).

use serde_json::{Value, json};

use super::fields::FieldDef;
use super::text::count;
use super::{Task, TaskSet};
use crate::error::{Code, Error};
use crate::format;
use crate::ir::Align;
use crate::model::{TaskColumnSpec, TaskTableSpec};
use serde_saphyr::Spanned;

/// What a column shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    RowNumber,
    Content,
    Lead,
    Partners,
    Product,
    Deadline,
    AssignedBy,
    Status,
    Result,
    Note,
    /// A field declared under `truong`, by id.
    Extra(String),
}

/// The built-in fields a column can show: the word, the field, its usual header.
const FIELDS: &[(&str, Field, &str)] = &[
    ("stt", Field::RowNumber, "STT"),
    ("noi_dung", Field::Content, "Nội dung, nhiệm vụ"),
    ("chu_tri", Field::Lead, "Đơn vị chủ trì"),
    ("phoi_hop", Field::Partners, "Đơn vị phối hợp"),
    ("san_pham", Field::Product, "Kết quả sản phẩm"),
    ("han", Field::Deadline, "Thời hạn"),
    ("van_ban_giao", Field::AssignedBy, "Văn bản giao nhiệm vụ"),
    ("trang_thai", Field::Status, "Tình trạng"),
    ("ket_qua", Field::Result, "Kết quả thực hiện"),
    ("ghi_chu", Field::Note, "Ghi chú"),
];

/// One column of a task table, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub field: Field,
    pub header: String,
    pub width: f32,
    pub align: Align,
    /// The overdue mark goes under this column's text.
    pub late_mark: bool,
    /// Equal cells of consecutive tasks of a group merge into one.
    pub merge: bool,
}

fn col(field: Field, header: &str, width: f32, align: Align, late_mark: bool) -> Column {
    Column {
        field,
        header: header.to_string(),
        width,
        align,
        late_mark,
        merge: false,
    }
}

/// The columns of a preset table style (`ke_hoach`, `theo_doi`, `tinh_trang`).
pub fn preset(style: &str) -> Vec<Column> {
    use Align::{Center, Justify, Left};
    let stt = || col(Field::RowNumber, "STT", 5.0, Center, false);
    match style {
        "ke_hoach" => vec![
            stt(),
            col(Field::Content, "Nội dung, nhiệm vụ", 35.0, Justify, false),
            col(Field::Lead, "Đơn vị chủ trì", 15.0, Left, false),
            col(Field::Partners, "Đơn vị phối hợp", 17.0, Left, false),
            col(Field::Product, "Kết quả sản phẩm", 15.0, Left, false),
            col(Field::Deadline, "Thời gian hoàn thành", 13.0, Center, false),
        ],
        "theo_doi" => vec![
            stt(),
            col(Field::Content, "Nhiệm vụ", 28.0, Justify, false),
            col(
                Field::AssignedBy,
                "Văn bản giao nhiệm vụ",
                15.0,
                Left,
                false,
            ),
            col(Field::Lead, "Đơn vị chủ trì", 14.0, Left, false),
            col(Field::Deadline, "Thời hạn", 12.0, Center, false),
            col(Field::Result, "Kết quả thực hiện", 26.0, Justify, false),
            col(Field::Status, "Tình trạng", 12.0, Center, true),
        ],
        _ => vec![
            stt(),
            col(Field::Content, "Nhiệm vụ được giao", 29.0, Justify, false),
            col(
                Field::AssignedBy,
                "Văn bản giao nhiệm vụ",
                15.0,
                Left,
                false,
            ),
            col(Field::Lead, "Cơ quan thực hiện", 13.0, Left, false),
            col(Field::Deadline, "Thời hạn hoàn thành", 11.0, Center, false),
            col(Field::Result, "Kết quả thực hiện", 30.0, Justify, false),
            col(Field::Note, "Ghi chú", 10.0, Center, true),
        ],
    }
}

/// The words a column's `truong` may be, for messages.
pub fn field_words(defs: &[FieldDef]) -> Vec<String> {
    FIELDS
        .iter()
        .map(|(w, _, _)| w.to_string())
        .chain(defs.iter().map(|d| d.id.clone()))
        .collect()
}

/// One named column, or the message saying which fields exist.
pub fn column(spec: &TaskColumnSpec, defs: &[FieldDef]) -> Result<Column, String> {
    let word = spec.field.value.trim();
    let (field, header) = match FIELDS.iter().find(|(w, _, _)| *w == word) {
        Some((_, f, h)) => (f.clone(), h.to_string()),
        None => match defs.iter().find(|d| d.id == word) {
            Some(d) => (Field::Extra(d.id.clone()), d.name.clone()),
            None => {
                return Err(format!(
                    "cột bảng nhiệm vụ: không có trường \"{word}\"; các trường: {}",
                    field_words(defs).join(", ")
                ));
            }
        },
    };
    let (width, align) = match field {
        Field::RowNumber => (5.0, Align::Center),
        Field::Content => (30.0, Align::Justify),
        Field::Deadline | Field::Status => (12.0, Align::Center),
        _ => (14.0, Align::Left),
    };
    Ok(Column {
        field,
        header: spec.header.clone().unwrap_or(header),
        width: spec.width.unwrap_or(width),
        align: spec.align.as_ref().map_or(align, |a| a.value),
        late_mark: spec.late_mark,
        merge: spec.merge,
    })
}

/// The columns an annex's task table shows: its own, or its preset's. The check stage has
/// reported columns that name no field.
pub fn columns_of(spec: &TaskTableSpec, defs: &[FieldDef]) -> Vec<Column> {
    if spec.columns.is_empty() {
        return preset(spec.preset_name());
    }
    spec.columns
        .iter()
        .filter_map(|c| column(&c.value, defs).ok())
        .collect()
}

/// Check an annex's task table: a known preset, columns that name fields, no `bang` too.
pub fn check(spec: &Spanned<TaskTableSpec>, defs: &[FieldDef], has_table: bool) -> Vec<Error> {
    let mut out = Vec::new();
    let at = super::pos_of(spec);
    let style = spec.value.preset_name();
    let at_preset = spec.value.preset.as_ref().and_then(super::pos_of).or(at);
    if !super::context::TABLES.iter().any(|(k, _)| *k == style) {
        out.push(
            Error::new(
                Code::UnknownValue,
                format!(
                    "kiểu bảng nhiệm vụ \"{style}\" không hợp lệ; cần một trong: {}",
                    super::context::TABLES
                        .iter()
                        .map(|(k, what)| format!("{k} ({what})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .with_pos(at_preset),
        );
    } else if style == "tong_hop" && !spec.value.columns.is_empty() {
        out.push(
            Error::new(
                Code::Conflict,
                "bảng tong_hop (đếm theo nhóm và tình trạng) có cột cố định: không viết \"cot\"",
            )
            .with_pos(at_preset),
        );
    }
    for c in &spec.value.columns {
        if let Err(m) = column(&c.value, defs) {
            let words = field_words(defs);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let e = Error::new(Code::UnknownValue, m).with_pos(super::pos_of(&c.value.field));
            out.push(
                match crate::error::closest(c.value.field.value.trim(), &words) {
                    Some(w) => e.hint(format!("có phải là \"{w}\"?")),
                    None => e,
                },
            );
        }
    }
    if has_table {
        out.push(
            Error::new(
                Code::Conflict,
                "phụ lục đã có \"nhiem_vu\" (bảng nhiệm vụ) thì không có thêm \"bang\"",
            )
            .with_pos(at),
        );
    }
    out
}

fn late_mark(t: &Task, set: &TaskSet) -> Option<String> {
    t.days_late(set.as_of)
        .map(|d| format!("**Quá hạn {} ngày**", format::number(d as f64, Some(0))))
}

/// The text of a task's cell in column `c`.
fn cell_text(t: &Task, c: &Column, set: &TaskSet) -> String {
    let mut text = match &c.field {
        Field::RowNumber => t.number.to_string(),
        Field::Content => t.content.join("\n"),
        // Agencies, one per line when several.
        Field::Lead => t.lead.join(";\n"),
        Field::Partners => t.partners.join(";\n"),
        Field::Product => t.product.clone(),
        Field::Deadline => t.deadline.as_ref().map(|d| d.display()).unwrap_or_default(),
        Field::AssignedBy => t.assigned_by.join("\n"),
        Field::Status => t.status_text().unwrap_or_default(),
        Field::Result => t.result.join("\n"),
        Field::Note => t.note.clone(),
        Field::Extra(id) => t.fields.get(id).map(|l| l.join("\n")).unwrap_or_default(),
    };
    if c.late_mark
        && let Some(m) = late_mark(t, set)
    {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&m);
    }
    text
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

/// A task table of `columns`, its group rows in the form of `style` (`tinh_trang`:
/// "Đối với N nhiệm vụ …"; the others: "I. TITLE (N NHIỆM VỤ)").
pub fn table(set: &TaskSet, style: &str, columns: &[Column]) -> Value {
    let ncol = columns.len();
    let header: Vec<Value> = columns
        .iter()
        .map(|c| json!({"text": c.header, "colspan": 1, "rowspan": 1}))
        .collect();
    let mut rows = vec![json!({"loai": "header", "o": header})];
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
        let texts: Vec<Vec<String>> = tasks
            .iter()
            .map(|t| columns.iter().map(|c| cell_text(t, c, set)).collect())
            .collect();
        for (r, row) in texts.iter().enumerate() {
            let mut cells = Vec::with_capacity(ncol);
            for (ci, c) in columns.iter().enumerate() {
                let same = |a: usize| texts[a][ci] == row[ci] && !row[ci].is_empty();
                // A merged column: covered when the task above shows the same text.
                if c.merge && r > 0 && same(r - 1) {
                    continue;
                }
                let mut cell =
                    json!({"text": row[ci], "align": Align::markup_name(c.align), "colspan": 1});
                let run = if c.merge {
                    (r + 1..texts.len()).take_while(|a| same(*a)).count() + 1
                } else {
                    1
                };
                if run > 1 {
                    cell["rowspan"] = json!(run);
                }
                cells.push(cell);
            }
            rows.push(json!({"loai": "body", "o": cells}));
        }
    }
    let widths: Vec<f32> = columns.iter().map(|c| c.width).collect();
    json!({"rong": widths, "so_dong_tieu_de": 1, "co_chu": null, "dong": rows})
}
