//! Tasks (nhiệm vụ) of a plan and their progress: one model for the plan's annex, the
//! progress table, the report's task-status annex and the sentences that count them.
//!
//! Tasks are written in the document under `nhiem_vu:`, or in a separate file named by
//! `nhiem_vu: {tep: nhiem-vu-2025.yaml}` so the same list is reused all year:
//!
//! ```yaml
//! danh_so: lien_tuc              # or theo_nhom: numbering restarts in each group
//! nhom:
//!   - id: chi_dao
//!     ten: Về công tác chỉ đạo, điều hành
//!     ten_ngan: công tác chỉ đạo, điều hành   # for sentences (default: ten without "Về")
//! nhiem_vu:
//!   - id: CD01
//!     nhom: chi_dao
//!     noi_dung: Xây dựng kế hoạch kiểm tra …   # or a list of paragraphs
//!     chu_tri: Công an tỉnh                     # or a list
//!     phoi_hop: [Văn phòng UBND tỉnh, UBND các xã, phường]
//!     san_pham: Kế hoạch kiểm tra
//!     han: Tháng 3/2025                         # see `deadline`; free text: {tu_do: "…"}
//!     van_ban_giao: Kế hoạch số 18/KH-UBND ngày 20/02/2025
//!     trang_thai: hoan_thanh
//!     ket_qua: Đã ban hành Kế hoạch số 25/KH-CAT ngày 10/3/2025.
//!     ghi_chu: …
//! ```

pub mod columns;
pub mod context;
pub mod deadline;
pub mod fields;
pub mod filter;
pub mod from_sheet;
pub mod status;
pub mod text;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_saphyr::Spanned;

pub use deadline::Deadline;
pub use filter::Filter;
pub use status::{Status, StatusLabel};

use crate::error::{Code, Diagnostics, Error, Pos};
pub use crate::model::tasks::{
    ClauseSpec, DeadlineInput, GroupSpec, TaskFileBody, TaskSource, TaskSpec,
};
use crate::model::{Numbering, OneOrMany};
use crate::sources::Sources;

/// A checked group.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskGroup {
    pub id: String,
    pub title: String,
    pub short: String,
}

/// A checked task.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: String,
    /// Index into `TaskSet::groups`.
    pub group: usize,
    /// The number printed in the STT column (assigned before any filter, so a filtered
    /// list keeps the plan's numbers).
    pub number: usize,
    pub content: Vec<String>,
    pub lead: Vec<String>,
    pub partners: Vec<String>,
    pub product: String,
    pub deadline: Option<Deadline>,
    pub assigned_by: Vec<String>,
    /// The counting class of the status.
    pub status: Option<Status>,
    /// The office's label (`nhan_trang_thai`) the status was written as, printed as written.
    pub status_label: Option<String>,
    pub result: Vec<String>,
    pub note: String,
    /// Values of the extra fields (`truong`), by field id, as lines.
    pub fields: std::collections::BTreeMap<String, Vec<String>>,
}

impl Task {
    /// The status as printed: the office's label, else the class's name.
    pub fn status_text(&self) -> Option<String> {
        self.status_label
            .clone()
            .or_else(|| self.status.map(|s| s.name().to_string()))
    }

    /// Days late as of `as_of`, when the task is not done and its deadline has passed.
    pub fn days_late(&self, as_of: Option<NaiveDate>) -> Option<i64> {
        if !self.status.is_none_or(|s| s.can_be_late()) {
            return None;
        }
        self.deadline.as_ref()?.days_late(as_of?)
    }
}

/// A clause of the status sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub statuses: Vec<Status>,
    pub words: String,
}

/// The checked, numbered (and possibly filtered) tasks of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskSet {
    pub groups: Vec<TaskGroup>,
    pub tasks: Vec<Task>,
    pub numbering: Numbering,
    pub as_of: Option<NaiveDate>,
    pub clauses: Vec<Clause>,
    /// Filters applied, for the document to say what the list holds.
    pub filters: Vec<Filter>,
    /// What the tasks carry out (for the plan's sentence).
    pub describe: Option<String>,
    /// The office's own status labels (`nhan_trang_thai`).
    pub labels: Vec<StatusLabel>,
    /// The extra task fields the tasks file declares (`truong`).
    pub fields: Vec<fields::FieldDef>,
}

impl TaskSet {
    /// Tasks of group `g`, in order.
    pub fn in_group(&self, g: usize) -> impl Iterator<Item = &Task> {
        self.tasks.iter().filter(move |t| t.group == g)
    }

    /// Groups that have at least one task, with their tasks.
    pub fn nonempty_groups(&self) -> Vec<(usize, &TaskGroup, Vec<&Task>)> {
        self.groups
            .iter()
            .enumerate()
            .map(|(i, g)| (i, g, self.in_group(i).collect::<Vec<_>>()))
            .filter(|(_, _, t)| !t.is_empty())
            .collect()
    }

    /// The office's one label for class `s` (None when it has none, or several).
    pub fn only_label(&self, s: Status) -> Option<&str> {
        let mut of = self.labels.iter().filter(|l| l.class == s);
        match (of.next(), of.next()) {
            (Some(l), None) => Some(&l.label),
            _ => None,
        }
    }

    /// How class `s` is named in a table heading: the office's one label for it, else the
    /// class's own name.
    pub fn class_name(&self, s: Status) -> String {
        self.only_label(s)
            .map_or_else(|| s.name().to_string(), str::to_string)
    }

    /// Whether the filter names something this set knows (a status label or class); the
    /// message says what is known.
    ///
    /// A value no task has (a typo: `chu_tri="Sở Không Có"`) is refused, naming the nearest
    /// values the tasks do have, rather than giving an empty list; a combination of filters
    /// that merely selects nothing is still a valid document.
    pub fn check_filter(&self, f: &Filter) -> Result<(), (String, Option<String>)> {
        let leads = || {
            self.tasks
                .iter()
                .flat_map(|t| t.lead.iter().map(String::as_str))
        };
        let partners = || {
            self.tasks
                .iter()
                .flat_map(|t| t.partners.iter().map(String::as_str))
        };
        let (what, wanted, values): (&str, &str, Vec<&str>) = match f {
            Filter::Status(q) => return status::resolve(&self.labels, &q.written).map(|_| ()),
            Filter::Overdue(_) => return Ok(()),
            Filter::Lead(v) => ("đơn vị chủ trì", v, leads().collect()),
            Filter::Partner(v) => ("đơn vị phối hợp", v, partners().collect()),
            Filter::Agency(v) => (
                "đơn vị chủ trì hoặc phối hợp",
                v,
                leads().chain(partners()).collect(),
            ),
            Filter::Group(v) => (
                "mã nhóm",
                v,
                self.groups.iter().map(|g| g.id.as_str()).collect(),
            ),
            Filter::Id(v) => (
                "mã nhiệm vụ",
                v,
                self.tasks.iter().map(|t| t.id.as_str()).collect(),
            ),
            Filter::Extra(f, v) => {
                let Some(def) = self.fields.iter().find(|d| d.id == *f) else {
                    let mut ids: Vec<&str> = filter::FIELDS.iter().map(|(w, _)| *w).collect();
                    ids.extend(self.fields.iter().map(|d| d.id.as_str()));
                    let hint =
                        crate::error::closest(f, &ids).map(|c| format!("có phải là \"{c}\"?"));
                    return Err((filter::unknown_field(f, &self.fields), hint));
                };
                (
                    def.name.as_str(),
                    v,
                    self.tasks
                        .iter()
                        .flat_map(|t| t.fields.get(f).into_iter().flatten())
                        .map(String::as_str)
                        .collect(),
                )
            }
        };
        let key = |s: &str| crate::format::name_key(s.trim());
        if values.iter().any(|x| key(x) == key(wanted)) {
            return Ok(());
        }
        let mut known: Vec<&str> = Vec::new();
        for v in values {
            if !known.iter().any(|k| key(k) == key(v)) {
                known.push(v);
            }
        }
        let near = crate::error::nearest(wanted, &known, 3);
        let message = if near.is_empty() {
            format!("không nhiệm vụ nào có {what} \"{}\"", wanted.trim())
        } else {
            format!(
                "không nhiệm vụ nào có {what} \"{}\"; gần nhất trong danh sách: {}",
                wanted.trim(),
                near.iter()
                    .map(|v| format!("\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let hint = crate::error::closest(wanted, &known).map(|c| format!("có phải là \"{c}\"?"));
        Err((message, hint))
    }

    pub fn overdue(&self) -> Vec<&Task> {
        self.tasks
            .iter()
            .filter(|t| t.days_late(self.as_of).is_some())
            .collect()
    }

    /// The set with only the tasks every filter accepts (the filters are recorded, for the
    /// sentences that say what was selected).
    pub fn filtered(mut self, filters: &[Filter]) -> TaskSet {
        let (groups, as_of, labels) = (&self.groups, self.as_of, &self.labels);
        self.tasks
            .retain(|t| filters.iter().all(|f| f.accepts(t, groups, labels, as_of)));
        // A status filter names the office's label it matched, for the sentences.
        let resolved = filters.iter().cloned().map(|f| match f {
            Filter::Status(mut q) => {
                q.label = status::find_label(&self.labels, &q.written).map(|l| l.label.clone());
                Filter::Status(q)
            }
            f => f,
        });
        self.filters.extend(resolved.collect::<Vec<_>>());
        self
    }
}

fn pos_of<T>(s: &Spanned<T>) -> Option<Pos> {
    Pos::from_saphyr(&s.referenced)
}

/// Errors found while loading tasks, kept in two lists because a tasks file's errors name that
/// file and come first, while options written in the document are the document's.
struct LoadErrors<'a> {
    origin: &'a Origin,
    in_file: Diagnostics,
    in_doc: Diagnostics,
}

/// Where the tasks body came from.
enum Origin {
    /// Written in the document.
    Document,
    /// A tasks file (YAML).
    File(PathBuf),
    /// A spreadsheet's rows ([`from_sheet`]): errors in the body are placed at its cells.
    Sheet(from_sheet::SheetTasks),
}

impl<'a> LoadErrors<'a> {
    fn new(origin: &'a Origin) -> Self {
        LoadErrors {
            origin,
            in_file: Diagnostics::new(),
            in_doc: Diagnostics::new(),
        }
    }

    /// An error in something written in the document (`in_doc`) or in the tasks body (which
    /// is the document itself when there is no tasks file).
    fn push(&mut self, in_doc: bool, e: Error) {
        match (self.origin, in_doc) {
            (Origin::File(f), false) => self.in_file.push(e.in_file(f)),
            (Origin::Sheet(s), false) => self.in_file.push(s.place(e)),
            _ => self.in_doc.push(e),
        }
    }

    /// An error in the tasks body.
    fn body(&mut self, e: Error) {
        self.push(false, e);
    }

    /// An error in the labels or fields declared with the tasks: in the tasks file, or in
    /// the document (also for tasks from a sheet, which declares them in the document).
    fn declared(&mut self, e: Error) {
        let in_doc = !matches!(self.origin, Origin::File(_));
        self.push(in_doc, e);
    }

    fn doc(&mut self, e: Error) {
        self.in_doc.push(e);
    }

    fn into_result(self) -> Result<(), Diagnostics> {
        let mut errs = self.in_file;
        errs.append(self.in_doc);
        errs.check()
    }
}

/// Load and check the tasks of a document. `doc_date` is the default report date; errors in
/// a tasks file name that file.
pub fn load(
    sources: &dyn Sources,
    src: &Spanned<TaskSource>,
    base_dir: &Path,
    doc_date: Option<NaiveDate>,
) -> Result<TaskSet, Diagnostics> {
    let s = &src.value;
    let (body, origin) = read_body(sources, s, base_dir)?;
    let mut errs = LoadErrors::new(&origin);
    // Options written in the document win over the tasks file's; their errors are the
    // document's (reported without the tasks file's name).
    let numbering = s
        .numbering
        .as_ref()
        .or(body.numbering.as_ref())
        .map_or(Numbering::Continuous, |d| d.value);
    let mut label_errs = Vec::new();
    let labels = status::check_labels(&body.status_labels, &mut label_errs);
    for e in label_errs {
        errs.declared(e);
    }
    let clauses = if s.wording.is_empty() {
        parse_clauses(&body.wording, &labels, false, &mut errs)
    } else {
        parse_clauses(&s.wording, &labels, true, &mut errs)
    };
    let groups = check_groups(&body.group, &mut errs);
    let field_defs = fields::check_defs(&body.fields, &mut |e| errs.declared(e));
    if body.tasks.is_empty() {
        errs.body(
            Error::new(
                Code::Empty,
                "danh sách nhiệm vụ trống: cần khóa \"nhiem_vu\" với ít nhất một nhiệm vụ",
            )
            .with_pos(match origin {
                Origin::Document => pos_of(src),
                _ => None,
            }),
        );
    }
    let mut tasks = check_tasks(&body.tasks, &groups, &labels, &field_defs, &mut errs);
    let as_of = report_date(s, doc_date, &mut errs);
    let filters = parse_filters(s, &labels, &field_defs, &mut errs);
    errs.into_result()?;

    number_tasks(&mut tasks, numbering);
    let set = TaskSet {
        groups,
        tasks,
        numbering,
        as_of,
        clauses,
        filters: Vec::new(),
        describe: s
            .description
            .clone()
            .or(body.description.clone())
            .filter(|d| !d.trim().is_empty()),
        labels,
        fields: field_defs,
    };
    // The filters the document itself writes select its list once, here.
    Ok(set.filtered(&filters))
}

/// The tasks body: read from the tasks file named by `tep`, from the sheet named by
/// `nguon`, or the groups and tasks written in the document; with where it came from.
fn read_body(
    sources: &dyn Sources,
    s: &TaskSource,
    base_dir: &Path,
) -> Result<(TaskFileBody, Origin), Diagnostics> {
    if let Some(src) = &s.sheet {
        return read_sheet_body(sources, s, src, base_dir);
    }
    let Some(tep) = &s.file else {
        let body = TaskFileBody {
            numbering: None,
            group: s.group.clone(),
            tasks: s.tasks.clone(),
            wording: Vec::new(),
            description: None,
            status_labels: s.status_labels.clone(),
            fields: s.fields.clone(),
        };
        return Ok((body, Origin::Document));
    };
    if !s.group.is_empty()
        || !s.tasks.is_empty()
        || !s.status_labels.is_empty()
        || !s.fields.is_empty()
    {
        return Err(Error::new(
            Code::Conflict,
            "đã có \"tep\" thì không viết \"nhom\", \"nhiem_vu\", \"nhan_trang_thai\" và \
                 \"truong\" ngay trong văn bản (viết chúng trong tệp nhiệm vụ)",
        )
        .with_pos(pos_of(tep))
        .into());
    }
    let path = base_dir.join(tep.value.trim());
    let text = crate::load::read_text(sources, &path).map_err(|e| {
        Error::new(
            e.code,
            format!(
                "không đọc được tệp nhiệm vụ {}: {}",
                path.display(),
                e.message
            ),
        )
        .with_pos(pos_of(tep))
    })?;
    let body = crate::load::parse_yaml::<TaskFileBody>(&text).map_err(|e| e.in_file(&path))?;
    Ok((body, Origin::File(path)))
}

/// The tasks body of a sheet (`nguon`): its rows as tasks, its group column as the groups,
/// and the labels and fields the document declares.
fn read_sheet_body(
    sources: &dyn Sources,
    s: &TaskSource,
    src: &Spanned<crate::model::SheetSource>,
    base_dir: &Path,
) -> Result<(TaskFileBody, Origin), Diagnostics> {
    if let Some(m) =
        from_sheet::conflicts(s.file.is_some(), !s.group.is_empty(), !s.tasks.is_empty())
    {
        return Err(Error::new(Code::Conflict, m).with_pos(pos_of(src)).into());
    }
    let extra: Vec<String> = s
        .fields
        .iter()
        .map(|f| f.value.id.value.trim().to_string())
        .collect();
    let sheet = from_sheet::read(sources, src, &extra, base_dir)?;
    #[derive(serde::Deserialize)]
    struct Rows {
        #[serde(default)]
        nhom: Vec<Spanned<GroupSpec>>,
        nhiem_vu: Vec<Spanned<TaskSpec>>,
    }
    // The text is written from the cells; what is wrong in it is wrong in a cell.
    let rows = crate::load::parse_yaml::<Rows>(&sheet.yaml).map_err(|e| sheet.place(e))?;
    let body = TaskFileBody {
        numbering: None,
        group: rows.nhom,
        tasks: rows.nhiem_vu,
        wording: Vec::new(),
        description: None,
        status_labels: s.status_labels.clone(),
        fields: s.fields.clone(),
    };
    Ok((body, Origin::Sheet(sheet)))
}

/// The written clauses of the status sentence, then a clause of its own for every status
/// they do not name.
fn parse_clauses(
    specs: &[Spanned<ClauseSpec>],
    labels: &[StatusLabel],
    in_doc: bool,
    errs: &mut LoadErrors,
) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for c in specs {
        let mut statuses = Vec::new();
        for st in &c.value.status {
            match status::resolve(labels, &st.value) {
                Ok(v) => statuses.push(v.class),
                Err(m) => errs.push(in_doc, status_error(m, pos_of(st))),
            }
        }
        clauses.push(Clause {
            statuses,
            words: c.value.text.trim().to_string(),
        });
    }
    for s in Status::ALL {
        if !clauses.iter().any(|c| c.statuses.contains(&s)) {
            // The office's one label for the class reads in the sentence too ("05 nhiệm vụ
            // đã triển khai").
            let mut of = labels.iter().filter(|l| l.class == s);
            let words = match (of.next(), of.next()) {
                (Some(l), None) => crate::format::lower_first(&l.label),
                _ => s.phrase().to_string(),
            };
            clauses.push(Clause {
                statuses: vec![s],
                words,
            });
        }
    }
    clauses
}

/// A status that is neither a label nor a class, with its "có phải ý bạn là …?" hint.
fn status_error((message, hint): (String, Option<String>), pos: Option<Pos>) -> Error {
    let e = Error::new(Code::UnknownValue, message).with_pos(pos);
    match hint {
        Some(h) => e.hint(h),
        None => e,
    }
}

/// The groups in their order (`thu_tu`, else as listed), without duplicated ids.
fn check_groups(specs: &[Spanned<GroupSpec>], errs: &mut LoadErrors) -> Vec<TaskGroup> {
    let mut order: Vec<(i64, usize)> = specs
        .iter()
        .enumerate()
        .map(|(i, g)| (g.value.order.unwrap_or(i as i64), i))
        .collect();
    order.sort();
    let mut groups: Vec<TaskGroup> = Vec::new();
    for (_, i) in order {
        let g = &specs[i].value;
        let id = g.id.value.trim().to_string();
        if groups.iter().any(|known| known.id == id) {
            errs.body(
                Error::new(
                    Code::Duplicate,
                    format!("mã nhóm \"{id}\" bị trùng; mỗi nhóm cần một mã riêng"),
                )
                .with_pos(pos_of(&g.id)),
            );
            continue;
        }
        if g.name.trim().is_empty() {
            errs.body(
                Error::new(Code::Empty, format!("nhóm \"{id}\" thiếu tên (ten)"))
                    .with_pos(pos_of(&g.id)),
            );
        }
        groups.push(TaskGroup {
            id,
            title: g.name.trim().to_string(),
            short: g
                .short_name
                .clone()
                .unwrap_or_else(|| default_short(&g.name))
                .trim()
                .to_string(),
        });
    }
    groups
}

/// The tasks that belong to a known group (numbered later), reporting duplicated ids.
fn check_tasks(
    specs: &[Spanned<TaskSpec>],
    groups: &[TaskGroup],
    labels: &[StatusLabel],
    field_defs: &[fields::FieldDef],
    errs: &mut LoadErrors,
) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::new();
    let mut seen: Vec<(String, Option<Pos>)> = Vec::new();
    for t in specs {
        let t = &t.value;
        let id = t.id.value.trim().to_string();
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
            let first = first
                .map(|p| format!(" (đã dùng ở dòng {})", p.line))
                .unwrap_or_default();
            errs.body(
                Error::new(
                    Code::Duplicate,
                    format!("mã nhiệm vụ \"{id}\" bị trùng{first}; mỗi nhiệm vụ cần một mã riêng"),
                )
                .with_pos(pos_of(&t.id)),
            );
        }
        seen.push((id.clone(), pos_of(&t.id)));
        if let Some(task) = check_task(t, id, groups, labels, field_defs, errs) {
            tasks.push(task);
        }
    }
    tasks
}

/// One task, or None when its group is unknown.
fn check_task(
    t: &TaskSpec,
    id: String,
    groups: &[TaskGroup],
    labels: &[StatusLabel],
    field_defs: &[fields::FieldDef],
    errs: &mut LoadErrors,
) -> Option<Task> {
    let Some(group) = groups.iter().position(|g| g.id == t.group.value.trim()) else {
        errs.body(Error::new(
            Code::BadReference,
            format!(
                "nhiệm vụ \"{id}\" thuộc nhóm \"{}\" không có trong danh sách nhóm; các nhóm: {}",
                t.group.value.trim(),
                if groups.is_empty() {
                    "(chưa khai báo nhóm nào trong \"nhom\")".to_string()
                } else {
                    groups
                        .iter()
                        .map(|g| g.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
        )
        .with_pos(pos_of(&t.group)));
        return None;
    };
    let deadline = t.deadline.as_ref().and_then(|h| parse_deadline(h, errs));
    let extra = fields::task_values(t.fields.as_ref(), &id, field_defs, &mut |e| errs.body(e));
    let status = t
        .status
        .as_ref()
        .and_then(|s| parse_status(s, labels, errs));
    Some(Task {
        id,
        group,
        number: 0,
        content: lines(&Some(t.body.clone())),
        lead: lines(&t.lead),
        partners: lines(&t.partners),
        product: t.product.clone().unwrap_or_default().trim().to_string(),
        deadline,
        assigned_by: lines(&t.assigned_by),
        status: status.as_ref().map(|s| s.class),
        status_label: status.and_then(|s| s.label),
        result: lines(&t.result),
        note: t.notes.clone().unwrap_or_default().trim().to_string(),
        fields: extra,
    })
}

/// `han`; blank means no deadline.
fn parse_deadline(h: &Spanned<DeadlineInput>, errs: &mut LoadErrors) -> Option<Deadline> {
    match &h.value {
        DeadlineInput::Free { tu_do } => Some(Deadline::free(tu_do)),
        DeadlineInput::Text(s) if s.trim().is_empty() => None,
        DeadlineInput::Text(s) => match Deadline::parse(s) {
            Ok(d) => Some(d),
            Err(m) => {
                errs.body(Error::new(Code::BadDate, m).with_pos(pos_of(h)));
                None
            }
        },
    }
}

/// `trang_thai`; blank means no status.
fn parse_status(
    s: &Spanned<String>,
    labels: &[StatusLabel],
    errs: &mut LoadErrors,
) -> Option<status::Resolved> {
    if s.value.trim().is_empty() {
        return None;
    }
    match status::resolve(labels, &s.value) {
        Ok(v) => Some(v),
        Err(m) => {
            errs.body(status_error(m, pos_of(s)));
            None
        }
    }
}

/// The trimmed, non-blank lines of a one-or-many field.
fn lines(v: &Option<OneOrMany>) -> Vec<String> {
    v.as_ref()
        .map(|v| match v {
            OneOrMany::One(s) => vec![s.trim().to_string()],
            OneOrMany::Many(l) => l.iter().map(|s| s.trim().to_string()).collect(),
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect()
}

/// `tinh_den`, else the document's date.
fn report_date(
    s: &TaskSource,
    doc_date: Option<NaiveDate>,
    errs: &mut LoadErrors,
) -> Option<NaiveDate> {
    let Some(d) = &s.as_of else {
        return doc_date;
    };
    match crate::format::parse_date(&d.value) {
        Ok(v) => Some(v),
        Err(m) => {
            errs.doc(Error::new(Code::BadDate, format!("tinh_den: {m}")).with_pos(pos_of(d)));
            None
        }
    }
}

/// The filters of `loc`.
fn parse_filters(
    s: &TaskSource,
    labels: &[StatusLabel],
    defs: &[fields::FieldDef],
    errs: &mut LoadErrors,
) -> Vec<Filter> {
    let mut out = Vec::new();
    if let Some(l) = &s.filter {
        for (k, v) in &l.value {
            match Filter::new(k, v) {
                Ok(f) => {
                    let unknown = match &f {
                        Filter::Status(q) => status::resolve(labels, &q.written).err(),
                        f => f
                            .undeclared(defs)
                            .map(|name| (filter::unknown_field(name, defs), None)),
                    };
                    match unknown {
                        Some(m) => errs.doc(status_error(m, pos_of(l))),
                        None => out.push(f),
                    }
                }
                Err(m) => errs.doc(Error::new(Code::UnknownValue, m).with_pos(pos_of(l))),
            }
        }
    }
    out
}

/// Sort the tasks into group order and give them their STT numbers.
fn number_tasks(tasks: &mut [Task], numbering: Numbering) {
    tasks.sort_by_key(|t| t.group);
    let mut n = 0;
    let mut last_group = usize::MAX;
    for t in tasks.iter_mut() {
        if t.group != last_group && numbering == Numbering::PerGroup {
            n = 0;
        }
        last_group = t.group;
        n += 1;
        t.number = n;
    }
}

/// "Về công tác chỉ đạo, điều hành" → "công tác chỉ đạo, điều hành".
fn default_short(title: &str) -> String {
    let t = title.trim();
    let t = t
        .strip_prefix("Về ")
        .or_else(|| t.strip_prefix("về "))
        .unwrap_or(t);
    crate::format::lower_first(t)
}

/// Positions of the `cau_nhiem_vu` nodes in a body tree (they need the document's tasks).
pub fn sentence_nodes_in(list: &crate::model::NodeList, out: &mut Vec<Option<Pos>>) {
    use crate::model::Node;
    for n in list {
        match &n.value {
            Node::TaskSentences(_) => out.push(pos_of(n)),
            Node::Heading { children, .. }
            | Node::Item { children, .. }
            | Node::Part { children, .. }
            | Node::Article { children, .. }
            | Node::Dashes(children) => sentence_nodes_in(children, out),
            _ => {}
        }
    }
}

/// Check what a document asks of its tasks: load them, and make sure annexes and body nodes
/// that use tasks have some. Returns the tasks (None when the document has none).
pub fn check_document(
    sources: &dyn Sources,
    vb: &crate::model::DocumentSpec,
    base_dir: &Path,
    doc_date: Option<NaiveDate>,
    errs: &mut Diagnostics,
) -> Option<TaskSet> {
    let set = match &vb.tasks {
        None => None,
        Some(src) => errs.take(load(sources, src, base_dir, doc_date)),
    };
    let mut users: Vec<Option<Pos>> = Vec::new();
    let mut bodies = vec![&vb.opening, &vb.body, &vb.closing];
    if let Some(k) = &vb.attachment {
        bodies.extend([&k.value.opening, &k.value.body, &k.value.closing]);
    }
    for a in &vb.annexes {
        bodies.extend([&a.value.opening, &a.value.notes]);
        if let Some(spec) = &a.value.task_table {
            users.push(pos_of(spec));
            let fields = set.as_ref().map_or(&[][..], |s| s.fields.as_slice());
            for e in columns::check(spec, fields, a.value.table.is_some()) {
                errs.push(e);
            }
        }
    }
    for b in bodies {
        sentence_nodes_in(b, &mut users);
    }
    if vb.tasks.is_none() {
        for p in users {
            errs.push(
                Error::new(
                    Code::MissingKey,
                    "văn bản chưa có danh sách nhiệm vụ: thêm khóa \"nhiem_vu\" (hoặc \
                     \"nhiem_vu: {tep: tệp-nhiệm-vụ.yaml}\")",
                )
                .with_pos(p),
            );
        }
    }
    set
}
