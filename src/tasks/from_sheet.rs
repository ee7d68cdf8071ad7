//! Tasks from a spreadsheet or CSV file (`nhiem_vu: {nguon: {tep, trang, cot}}`): each row
//! below the header is a task, `cot` maps task fields (and extra fields declared under
//! `truong`) to header texts.
//!
//! The rows become a tasks body in YAML ([`SheetYaml`]), which the ordinary loader then
//! checks, so a task from a sheet obeys exactly the rules of a task written in YAML, and an
//! error in it names the cell.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::{Code, Diagnostics, Pos};
use crate::model::SheetSource;
use crate::sheet::{
    self,
    as_yaml::{Lines, SheetYaml, quote, text_of},
};
use crate::sources::Sources;

/// The task fields a column can fill, in the order they are written.
pub const FIELDS: &[&str] = &[
    "id",
    "nhom",
    "noi_dung",
    "chu_tri",
    "phoi_hop",
    "san_pham",
    "han",
    "van_ban_giao",
    "trang_thai",
    "ket_qua",
    "ghi_chu",
];

/// The tasks of a sheet as a tasks body: `nhom:` (one group per distinct value of the group
/// column, in order of first use) and `nhiem_vu:`, each line placed at its cell.
pub type SheetTasks = SheetYaml;

/// Read the rows `src` names and write them as a tasks body. `extra` are the ids of the
/// extra fields the document declares. Errors name the YAML mapping or the file's cells.
pub fn read(
    sources: &dyn Sources,
    src: &Spanned<SheetSource>,
    extra: &[String],
    base_dir: &Path,
) -> Result<SheetTasks, Diagnostics> {
    check_columns(src, extra)?;
    let rows = sheet::read(sources, src, base_dir)?;
    let mut w = Lines::default();
    // Groups: the group column's values, in order of first use, each its own title.
    let mut groups: Vec<String> = Vec::new();
    for r in &rows.rows {
        if let Some(g) = group_of(r)
            && !groups.contains(&g)
        {
            groups.push(g);
        }
    }
    if !groups.is_empty() {
        w.line("nhom:", None);
        for g in &groups {
            let q = quote(g);
            w.line(&format!("  - {{id: {q}, ten: {q}}}"), None);
        }
    }
    w.line("nhiem_vu:", None);
    for r in &rows.rows {
        let first_col = r.cells.values().map(|(_, c)| *c).min().unwrap_or(1);
        let id = match r.cells.get("id") {
            Some((v, _)) if !text_of(v).is_empty() => text_of(v),
            // Rows without an id column are numbered by their row.
            _ => format!("dong-{}", r.line),
        };
        let id_col = r.cells.get("id").map_or(first_col, |(_, c)| *c);
        w.line(&format!("  - id: {}", quote(&id)), Some((r.line, id_col)));
        if let Some(g) = group_of(r) {
            let col = r.cells.get("nhom").map_or(first_col, |(_, c)| *c);
            w.line(&format!("    nhom: {}", quote(&g)), Some((r.line, col)));
        }
        for field in FIELDS.iter().filter(|f| !matches!(**f, "id" | "nhom")) {
            if let Some((v, col)) = r.cells.get(*field) {
                let t = text_of(v);
                if !t.is_empty() {
                    w.line(&format!("    {field}: {}", quote(&t)), Some((r.line, *col)));
                }
            }
        }
        let mut wrote_extra = false;
        for f in extra {
            if let Some((v, col)) = r.cells.get(f) {
                let t = text_of(v);
                if t.is_empty() {
                    continue;
                }
                if !wrote_extra {
                    w.line("    truong:", Some((r.line, *col)));
                    wrote_extra = true;
                }
                w.line(&format!("      {f}: {}", quote(&t)), Some((r.line, *col)));
            }
        }
    }
    Ok(SheetYaml::new(rows, w))
}

/// Every `cot` key is a task field or a declared extra field; `noi_dung` is mapped.
fn check_columns(src: &Spanned<SheetSource>, extra: &[String]) -> Result<(), Diagnostics> {
    let s = &src.value;
    let pos = Pos::from_saphyr(&s.columns.referenced);
    let mut errs = Diagnostics::new();
    for key in s.columns.value.keys() {
        if !FIELDS.contains(&key.as_str()) && !extra.contains(key) {
            let mut valid: Vec<&str> = FIELDS.to_vec();
            valid.extend(extra.iter().map(String::as_str));
            errs.error(
                Code::UnknownKey,
                pos,
                format!(
                    "\"{key}\" trong cot không phải trường của nhiệm vụ; các trường: {} \
                     (trường riêng khai báo ở truong)",
                    valid.join(", ")
                ),
            );
        }
    }
    if !s.columns.value.contains_key("noi_dung") {
        errs.error(
            Code::MissingKey,
            pos,
            "cot cần cột \"noi_dung\" (nội dung nhiệm vụ), ví dụ noi_dung: Nội dung nhiệm vụ",
        );
    }
    if s.columns.value.contains_key("nhom") && s.group.is_some() {
        errs.error(
            Code::Conflict,
            pos,
            "cột nhóm ghi hai lần: giữ nhom trong cot hoặc khóa nhom của nguon, không cả hai",
        );
    }
    errs.check()
}

/// The group of a row: its `nhom` cell, or the source's group column.
fn group_of(r: &sheet::SourceRow) -> Option<String> {
    match r.cells.get("nhom") {
        Some((v, _)) => Some(text_of(v)).filter(|t| !t.is_empty()),
        None => r.group.clone(),
    }
}

/// Tasks from a sheet take no group list, tasks or tasks file of their own.
pub fn conflicts(has_file: bool, has_groups: bool, has_tasks: bool) -> Option<&'static str> {
    match (has_file, has_groups, has_tasks) {
        (true, _, _) => {
            Some("nguon (nhiệm vụ từ bảng tính) và tep (tệp nhiệm vụ YAML): chỉ dùng một")
        }
        (_, true, _) => Some(
            "nhiệm vụ từ bảng tính lấy nhóm từ cột nhóm của bảng: bỏ \"nhom\" ở đây, \
             ghi tên nhóm vào cột nhóm",
        ),
        (_, _, true) => {
            Some("nguon (nhiệm vụ từ bảng tính) và nhiem_vu viết ngay trong văn bản: chỉ dùng một")
        }
        _ => None,
    }
}
