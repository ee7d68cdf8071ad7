//! Stage 3, compute: from the checked document ([`CheckedDocument`], which it consumes) to
//! the [`Computed`] document. Tables take their rows from YAML or from a file
//! and get their computed columns, subtotals and totals; indicators get their values, shares,
//! targets and the change against the previous report; `[[id.cach_viet]]` references in the
//! text are replaced by the computed phrases; the task filters (`--where`) are applied. The
//! document that comes out holds only plain text and plain table rows, and it is the only
//! thing the template context and compose read.

mod formula;
pub mod indicator;
mod indicator_sheet;
pub mod refs;
pub mod table;
mod typed;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::error::{Code, Diagnostics, Error, Pos};
use crate::model::{DocumentSpec, Node, NodeList, TableSpec};
use crate::sources::Sources;
use crate::tasks::{Filter, TaskSet};
use crate::validate::{Checked, CheckedDocument};

pub use indicator::{ATTRS, Ind, Indicators};
use table::TableData;

pub(crate) fn pos_of<T>(s: &Spanned<T>) -> Option<Pos> {
    Pos::from_saphyr(&s.referenced)
}

/// Every table of a document, in reading order.
fn tables_mut(vb: &mut DocumentSpec) -> Vec<&mut TableSpec> {
    fn walk<'a>(list: &'a mut NodeList, out: &mut Vec<&'a mut TableSpec>) {
        for n in list.iter_mut() {
            match &mut n.value {
                Node::Heading { children, .. }
                | Node::Item { children, .. }
                | Node::Part { children, .. }
                | Node::Article { children, .. } => walk(children, out),
                Node::Dashes(items) => walk(items, out),
                Node::Table(t) => out.push(t),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    let (bodies, annexes) = vb.parts_mut();
    for list in bodies {
        walk(list, &mut out);
    }
    for a in annexes.iter_mut() {
        let a = &mut a.value;
        walk(&mut a.opening, &mut out);
        if let Some(t) = &mut a.table {
            out.push(t);
        }
        walk(&mut a.notes, &mut out);
    }
    out
}

/// Put every table of `vb` (the document being built) in its printed form; returns the
/// computed data of the ones with an id.
fn compute_tables(
    sources: &dyn Sources,
    vb: &mut DocumentSpec,
    yaml: &Path,
    src: &str,
    prev: Option<&BTreeMap<String, TableData>>,
    errs: &mut Diagnostics,
) -> BTreeMap<String, TableData> {
    let base = yaml.parent().unwrap_or(Path::new("."));
    let mut by_id = BTreeMap::new();
    for t in tables_mut(vb) {
        let id = t.id.clone();
        let (printed, data) = table::materialize(sources, t, base, yaml, src, prev, errs);
        if let Some(printed) = printed {
            *t = printed;
        }
        if let Some(id) = id {
            let key = id.value.trim().to_string();
            if by_id.insert(key.clone(), data).is_some() {
                errs.error(
                    Code::Duplicate,
                    pos_of(&id),
                    format!("mã bảng \"{key}\" bị trùng"),
                );
            }
        }
    }
    by_id
}

/// The previous report: its computed tables and indicators.
fn load_previous(
    sources: &dyn Sources,
    path: &Path,
) -> Result<(BTreeMap<String, TableData>, Indicators), Diagnostics> {
    let text = crate::load::read_text(sources, path)?;
    let mut vb: DocumentSpec = crate::load::parse_yaml(&text).map_err(|e| e.in_file(path))?;
    let mut errs = Diagnostics::new();
    let tables = compute_tables(sources, &mut vb, path, &text, None, &mut errs);
    let base = path.parent().unwrap_or(Path::new("."));
    indicator_sheet::append(sources, &mut vb, base, &mut errs);
    let inds = indicator::compute(&vb.indicators, &tables, &mut errs);
    // A file with nothing to compare against would silently give a report without any
    // change: refuse it, whatever its kind.
    if errs.is_empty()
        && (vb.kind.value.trim() != "bao-cao" || (vb.indicators.is_empty() && tables.is_empty()))
    {
        errs.push(
            Error::new(
                Code::BadReference,
                format!(
                    "tệp kỳ trước phải là một báo cáo (loai: bao-cao) có chỉ tiêu (chi_tieu) \
                     hoặc bảng có id để so sánh; tệp này là loai: {}{}",
                    vb.kind.value.trim(),
                    if vb.indicators.is_empty() && tables.is_empty() {
                        ", không có chỉ tiêu hay bảng có id nào"
                    } else {
                        ""
                    }
                ),
            )
            .at(path, pos_of(&vb.kind)),
        );
    }
    errs.in_file(path).finish((tables, inds))
}

/// Fill in `vb`, the document [`compute`] is turning from checked into computed: tables,
/// then indicators, then references to them. `src` is the YAML text, `path` its
/// file; `previous` (from the command line) overrides the document's `ky_truoc`. Errors
/// without a file belong to `path`.
fn fill(
    sources: &dyn Sources,
    vb: &mut DocumentSpec,
    src: &str,
    path: &Path,
    previous: Option<&Path>,
) -> Result<Indicators, Diagnostics> {
    let base = path.parent().unwrap_or(Path::new("."));
    let prev_path: Option<(PathBuf, Option<Pos>)> = match (previous, &vb.previous) {
        (Some(p), _) => Some((p.to_path_buf(), None)),
        (None, Some(k)) => Some((base.join(&k.value), pos_of(k))),
        (None, None) => None,
    };
    let prev = match &prev_path {
        None => None,
        Some((p, at)) => {
            // Anything but a missing file (a FIFO, a directory) is reported by the reader.
            if let Some(at) = at
                && !sources.exists(p)
            {
                return Err(Error::new(
                    Code::Read,
                    format!("không tìm thấy tệp báo cáo kỳ trước {}", p.display()),
                )
                .at(path, Some(*at))
                .into());
            }
            if sources.same_file(p, path) {
                let how = match at {
                    Some(_) => "khóa ky_truoc",
                    None => "tùy chọn --previous",
                };
                return Err(Error::new(
                        Code::BadReference,
                        format!(
                            "{how} chỉ đến chính tệp này ({}); kỳ trước phải là tệp báo cáo của kỳ trước",
                            p.display()
                        ),
                    )
                    .at(path, *at).into());
            }
            // A file named in the YAML that cannot be read is reported at its key.
            Some(load_previous(sources, p).map_err(|errs| {
                match (at, &errs[..]) {
                    (Some(at), [e]) if e.code == Code::Read && e.file.as_deref() == Some(p) => {
                        Diagnostics::from(
                            Error::new(
                                Code::Read,
                                format!(
                                    "không đọc được tệp báo cáo kỳ trước {}: {}",
                                    p.display(),
                                    e.message
                                ),
                            )
                            .at(path, Some(*at)),
                        )
                    }
                    _ => errs,
                }
            })?)
        }
    };
    let mut errs = Diagnostics::new();
    let tables = compute_tables(
        sources,
        vb,
        path,
        src,
        prev.as_ref().map(|p| &p.0),
        &mut errs,
    );
    indicator_sheet::append(sources, vb, base, &mut errs);
    let mut inds = indicator::compute(&vb.indicators, &tables, &mut errs);
    if let (Some((_, prev_inds)), Some((p, _))) = (&prev, &prev_path) {
        indicator::apply_previous(&mut inds, prev_inds, p, &mut errs);
    }
    if errs.is_empty() {
        let mut r = refs::Resolver {
            inds: &inds,
            src,
            errs: Diagnostics::new(),
        };
        r.document(vb);
        errs = r.errs;
    }
    errs.in_file(path).finish(inds)
}

/// The compute stage's output: what the template context and compose read.
#[derive(Debug)]
pub struct Computed {
    /// The document's file.
    pub path: PathBuf,
    /// Its YAML text (messages quote and locate in it).
    pub source: String,
    /// The document with every table in its printed form and every reference replaced.
    pub data: DocumentSpec,
    /// The typed values of the check stage, with the tasks filtered.
    pub checked: Checked,
    /// The indicators as template values (`chi_tieu`).
    pub indicators: serde_json::Value,
}

/// Compute a checked document. The checked document is consumed, so nothing can read it
/// half-computed, and a long table is never held twice. `previous` (the `--previous`
/// option) overrides the document's `ky_truoc`; `filters` (`--where`) keep the tasks they
/// all accept.
pub fn compute(
    sources: &dyn Sources,
    doc: CheckedDocument,
    previous: Option<&Path>,
    filters: &[Filter],
) -> Result<Computed, Diagnostics> {
    let CheckedDocument {
        path,
        source,
        mut data,
        checked,
    } = doc;
    let tasks = filtered_tasks(checked.tasks, filters, &path)?;
    let indicators = fill(sources, &mut data, &source, &path, previous)?;
    Ok(Computed {
        path,
        source,
        data,
        checked: Checked { tasks, ..checked },
        indicators: to_json(&indicators),
    })
}

/// The tasks the filters (`--where`) accept; a document without tasks cannot be filtered.
fn filtered_tasks(
    tasks: Option<TaskSet>,
    filters: &[Filter],
    path: &Path,
) -> Result<Option<TaskSet>, Error> {
    match (tasks, filters) {
        (tasks, []) => Ok(tasks),
        (Some(set), _) => {
            for f in filters {
                if let Err((message, hint)) = set.check_filter(f) {
                    let e = Error::new(Code::Usage, format!("--where: {message}"));
                    return Err(match hint {
                        Some(h) => e.hint(h),
                        None => e,
                    }
                    .in_file(path));
                }
            }
            Ok(Some(set.filtered(filters)))
        }
        (None, _) => Err(Error::new(
            Code::Conflict,
            "--where: văn bản không có danh sách nhiệm vụ (khóa nhiem_vu) để lọc",
        )
        .in_file(path)),
    }
}

/// The indicators as template values: `chi_tieu.<id>.<cach_viet>`.
fn to_json(inds: &Indicators) -> serde_json::Value {
    serde_json::Value::Object(inds.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
}
