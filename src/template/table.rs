//! A statistics table for templates: header rows with their spans, then the body with row
//! numbers, formatted cells, merged cells, and group rows with their labels and counts.
//! Numbers and labels are given here, once; the `table` macro only lays the rows out.

use serde_json::{Value, json};

use super::context::object;
use crate::format;
use crate::ir::Align;
use crate::model::{
    CellValue, ColumnKind, ColumnSpec, GroupLabel, GroupRow, GroupRowsSpec, LabelPlace, Numbering,
    RowSpec, TableSpec,
};
use serde_saphyr::Spanned;

/// Compute a table's rows: header cells with spans, numbered and formatted body cells.
pub fn table(t: &TableSpec) -> Value {
    let cols = &t.columns;
    let widths: Vec<f32> = cols
        .iter()
        .map(|c| {
            c.value.width.unwrap_or(match c.value.kind() {
                ColumnKind::RowNumber => 5.0,
                ColumnKind::Number | ColumnKind::Percent => 10.0,
                ColumnKind::Text => 25.0,
            })
        })
        .collect();
    let mut rows = header_rows(cols);
    let header_rows = rows.len();
    body_rows(t, &mut rows);
    let aligns: Vec<&str> = cols
        .iter()
        .map(|c| Align::markup_name(c.value.align().unwrap_or(default_align(c.value.kind()))))
        .collect();
    object([
        ("rong", json!(widths)),
        ("can", json!(aligns)),
        ("so_dong_tieu_de", json!(header_rows)),
        ("co_chu", json!(t.font_size)),
        ("dong", Value::Array(rows)),
    ])
}

/// Header: columns sharing an upper header ("nhom") are merged across in a first row; the
/// others span both rows.
fn header_rows(cols: &[Spanned<ColumnSpec>]) -> Vec<Value> {
    let header =
        |cells: Vec<Value>| object([("loai", json!("header")), ("o", Value::Array(cells))]);
    if !cols.iter().any(|c| c.value.group.is_some()) {
        let cells = cols
            .iter()
            .map(|c| json!({"text": c.value.name, "colspan": 1, "rowspan": 1}))
            .collect();
        return vec![header(cells)];
    }
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    let mut i = 0;
    while i < cols.len() {
        match &cols[i].value.group {
            None => {
                top.push(json!({"text": cols[i].value.name, "colspan": 1, "rowspan": 2}));
                i += 1;
            }
            Some(g) => {
                let mut j = i;
                while j < cols.len() && cols[j].value.group.as_ref() == Some(g) {
                    bottom.push(json!({"text": cols[j].value.name, "colspan": 1, "rowspan": 1}));
                    j += 1;
                }
                top.push(json!({"text": g, "colspan": j - i, "rowspan": 1}));
                i = j;
            }
        }
    }
    vec![header(top), header(bottom)]
}

fn default_align(k: ColumnKind) -> Align {
    match k {
        ColumnKind::RowNumber => Align::Center,
        ColumnKind::Number | ColumnKind::Percent => Align::Right,
        ColumnKind::Text => Align::Left,
    }
}

/// The body: data and total rows cell by cell, group rows with their labels. A merged cell
/// covers columns to its right and rows below, which leave those cells out (as written).
///
/// A plain data row (one cell per column, none merged, covered or of several paragraphs) is
/// only the list of its texts, aligned by the table's `can`: an object per cell cost a
/// long table about 4 KB a row, most of a 100 000-row annex's memory.
fn body_rows(t: &TableSpec, rows: &mut Vec<Value>) {
    let cols = &t.columns;
    let ncols = cols.len();
    let kinds: Vec<ColumnKind> = cols.iter().map(|c| c.value.kind()).collect();
    let aligns: Vec<Align> = cols
        .iter()
        .map(|c| c.value.align().unwrap_or(default_align(c.value.kind())))
        .collect();
    let stt_col = kinds.iter().position(|k| *k == ColumnKind::RowNumber);
    let default_groups = GroupRowsSpec::default();
    let groups = t.group_rows.as_ref().map_or(&default_groups, |g| &g.value);
    let mut labels = GroupCounters::default();
    let mut n = 0usize;
    // For each column, how many more rows a merged cell from above covers it.
    let mut below = vec![0usize; ncols];
    for (ri, r) in t.rows.iter().enumerate() {
        let (cells, total) = match &r.value {
            RowSpec::Group(g) => {
                below.fill(0);
                if t.numbering() == Numbering::PerGroup {
                    n = 0;
                }
                let label = labels.next(g.level, groups);
                let count = groups.count.as_ref().map(|noun| {
                    format!(
                        " ({} {noun})",
                        crate::tasks::text::count(rows_in_group(t, ri))
                    )
                });
                rows.push(group_row(g, &label, count, groups.place(), ncols, stt_col));
                continue;
            }
            RowSpec::Data(c) => (c, false),
            RowSpec::Total(c) => (c, true),
        };
        let covered: Vec<bool> = below.iter().map(|b| *b > 0).collect();
        let mut next: Vec<usize> = below.iter().map(|b| b.saturating_sub(1)).collect();
        let mut out = Vec::new();
        let mut data = cells.iter();
        let mut skip_stt = false;
        let mut ci = 0;
        while ci < ncols {
            if covered[ci] {
                ci += 1;
                continue;
            }
            if kinds[ci] == ColumnKind::RowNumber {
                if total {
                    // The total's label spans the STT column and the next one.
                    skip_stt = true;
                } else {
                    n += 1;
                    out.push(json!({"text": n.to_string(), "align": Align::markup_name(aligns[ci]), "colspan": 1}));
                }
                ci += 1;
                continue;
            }
            let v = data
                .next()
                .map(|s| s.value.clone())
                .unwrap_or(CellValue::Blank);
            let merge = v.merge();
            let v = v.unmerged();
            let label_span = skip_stt && Some(ci) == stt_col.map(|s| s + 1);
            let colspan = if label_span { 2 } else { merge.cols };
            let align = if label_span {
                Align::Center
            } else {
                aligns[ci]
            };
            let mut cell = object([
                (
                    "text",
                    Value::String(cell_text(v, kinds[ci], cols[ci].value.decimals)),
                ),
                ("align", json!(Align::markup_name(align))),
                ("colspan", json!(colspan)),
            ]);
            if let Value::Object(m) = &mut cell {
                if let CellValue::Paragraphs(p) = v {
                    m.insert("doan".into(), paragraphs(p));
                }
                if merge.rows > 1 {
                    m.insert("rowspan".into(), json!(merge.rows));
                }
            }
            out.push(cell);
            let end = (ci + merge.cols).min(ncols);
            for slot in &mut next[ci..end] {
                *slot = (*slot).max(merge.rows - 1);
            }
            ci = end;
        }
        below = next;
        if !total && out.len() == ncols && out.iter().all(plain_cell) {
            let texts = out.into_iter().map(|mut c| match &mut c {
                Value::Object(m) => m.remove("text").unwrap_or_default(),
                _ => Value::Null,
            });
            rows.push(Value::Array(texts.collect()));
            continue;
        }
        rows.push(object([
            ("loai", json!(if total { "total" } else { "body" })),
            ("o", Value::Array(out)),
        ]));
    }
}

/// A cell of one column and one row, with one paragraph.
fn plain_cell(cell: &Value) -> bool {
    match cell {
        Value::Object(m) => {
            m.get("colspan") == Some(&json!(1))
                && !m.contains_key("rowspan")
                && !m.contains_key("doan")
        }
        _ => false,
    }
}

/// The numbers of group rows at each level; a group restarts its subgroups.
#[derive(Default)]
struct GroupCounters {
    counts: [u32; 2],
}

impl GroupCounters {
    /// The label of the next group at `level` ("A.", "II.", "3." or "").
    fn next(&mut self, level: u8, spec: &GroupRowsSpec) -> String {
        let l = usize::from(level.clamp(1, 2)) - 1;
        self.counts[l] += 1;
        if l == 0 {
            self.counts[1] = 0;
        }
        let n = self.counts[l];
        match spec.label(level) {
            GroupLabel::Letter => format!("{}.", format::viet_letter(n as usize).to_uppercase()),
            GroupLabel::Roman => format!("{}.", format::roman(n)),
            GroupLabel::Arabic => format!("{n}."),
            GroupLabel::None => String::new(),
        }
    }
}

/// Data rows under the group row at `at`: up to the next group of the same or a higher
/// level (a smaller `cap`), or a total row.
fn rows_in_group(t: &TableSpec, at: usize) -> usize {
    let RowSpec::Group(g) = &t.rows[at].value else {
        return 0;
    };
    t.rows[at + 1..]
        .iter()
        .take_while(|r| match &r.value {
            RowSpec::Group(h) => h.level > g.level,
            RowSpec::Total(_) => false,
            RowSpec::Data(_) => true,
        })
        .filter(|r| matches!(r.value, RowSpec::Data(_)))
        .count()
}

/// A group row: the label before the title across the whole row, or the label in the STT
/// column and the title across the columns after it.
fn group_row(
    g: &GroupRow,
    label: &str,
    count: Option<String>,
    place: LabelPlace,
    ncols: usize,
    stt_col: Option<usize>,
) -> Value {
    let title = format!("{}{}", g.title, count.unwrap_or_default());
    match (place, stt_col) {
        (LabelPlace::RowNumberColumn, Some(s)) if s + 1 < ncols => {
            let mut cells = Vec::new();
            if s > 0 {
                cells.push(json!({"text": "", "align": "left", "colspan": s}));
            }
            cells.push(json!({"text": label, "align": "center", "colspan": 1}));
            cells.push(json!({"text": title, "align": "left", "colspan": ncols - s - 1}));
            json!({"loai": "group", "o": cells})
        }
        _ => {
            let text = if label.is_empty() {
                title
            } else {
                format!("{label} {title}")
            };
            json!({"loai": "group", "text": text, "colspan": ncols})
        }
    }
}

fn cell_text(v: &CellValue, kind: ColumnKind, decimals: Option<usize>) -> String {
    match (kind, v) {
        (_, CellValue::Blank | CellValue::Covered) => String::new(),
        (ColumnKind::Percent, v) => match v.number() {
            Some(n) => format::percent(n, decimals.unwrap_or(2)),
            None => String::new(),
        },
        (ColumnKind::Number, v) => match v.number() {
            Some(n) => format::number(n, decimals),
            None => String::new(),
        },
        (_, CellValue::Number(n)) => format::number(*n, decimals),
        (_, CellValue::Text(s)) => s.clone(),
        (_, CellValue::Paragraphs(p)) => p.join("\n"),
        (_, CellValue::Merged(v, _)) => cell_text(&v.value, kind, decimals),
    }
}

/// A cell's paragraphs: each with its text and whether it is a dash item ("- …").
fn paragraphs(list: &[String]) -> Value {
    Value::Array(
        list.iter()
            .map(|p| object([("text", json!(p)), ("gach", json!(p.starts_with("- ")))]))
            .collect(),
    )
}
