//! Filters for per-agency lists: `--where chu_tri="Sở Y tế"` on the command line or
//! `loc: {chu_tri: Sở Y tế}` under `nhiem_vu:` in YAML. Several filters must all match.

use chrono::NaiveDate;

use super::status::{self, StatusLabel};
use super::{Status, Task, TaskGroup};

/// The fields a filter may name.
pub const FIELDS: &[(&str, &str)] = &[
    ("chu_tri", "đơn vị chủ trì (một trong các đơn vị)"),
    ("phoi_hop", "đơn vị phối hợp (một trong các đơn vị)"),
    ("don_vi", "đơn vị chủ trì hoặc phối hợp"),
    ("nhom", "mã nhóm"),
    (
        "trang_thai",
        "tình trạng (hoan_thanh, dang_thuc_hien, … hoặc một nhãn của nhan_trang_thai)",
    ),
    ("qua_han", "co hoặc khong"),
    ("id", "mã nhiệm vụ"),
];

#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    Lead(String),
    Partner(String),
    Agency(String),
    Group(String),
    Status(StatusQuery),
    Overdue(bool),
    Id(String),
    /// An extra field of the tasks file (`truong`): its id and the value.
    Extra(String, String),
}

/// `trang_thai=…`: a status label of the tasks file or a class, resolved against the labels
/// when the tasks are filtered (`--where` is read before the tasks file).
#[derive(Debug, Clone, PartialEq)]
pub struct StatusQuery {
    pub written: String,
    /// The office's label it names, once resolved ([`super::TaskSet::filtered`]).
    pub label: Option<String>,
}

/// Values compare as names: case, spacing and tone-mark placement aside.
fn key(s: &str) -> String {
    crate::format::name_key(s)
}

impl Filter {
    /// A filter from a field name and a value; the message lists the valid fields.
    pub fn new(field: &str, value: &str) -> Result<Filter, String> {
        let v = value.trim().trim_matches('"').trim().to_string();
        Ok(match field.trim() {
            "chu_tri" => Filter::Lead(v),
            "phoi_hop" => Filter::Partner(v),
            "don_vi" => Filter::Agency(v),
            "nhom" => Filter::Group(v),
            "id" => Filter::Id(v),
            "trang_thai" => {
                if v.is_empty() {
                    return Err(status::unknown(&v));
                }
                Filter::Status(StatusQuery {
                    written: v,
                    label: None,
                })
            }
            "qua_han" => Filter::Overdue(match key(&v).as_str() {
                "co" | "có" | "true" | "1" => true,
                "khong" | "không" | "false" | "0" => false,
                _ => {
                    return Err(format!(
                        "giá trị lọc qua_han \"{v}\" không hợp lệ; cần co hoặc khong"
                    ));
                }
            }),
            // Any other identifier may be an extra field of the tasks file, which is read
            // later: [`super::TaskSet::check_filter`] and the loader check it.
            other if super::fields::is_identifier(other) => Filter::Extra(other.to_string(), v),
            other => return Err(unknown_field(other, &[])),
        })
    }

    /// Parse `field=value` as given to `--where`.
    pub fn parse_arg(arg: &str) -> Result<Filter, String> {
        match arg.split_once('=') {
            Some((f, v)) if !f.trim().is_empty() => Filter::new(f, v),
            _ => Err(format!(
                "--where \"{arg}\" không đúng dạng; cần truong=giá_trị, ví dụ --where chu_tri=\"Sở Y tế\""
            )),
        }
    }

    /// Whether task `t` passes; a status names a label of `labels` or a class (a value that is
    /// neither accepts nothing: [`super::TaskSet::check_filter`] reports it).
    pub fn accepts(
        &self,
        t: &Task,
        groups: &[TaskGroup],
        labels: &[StatusLabel],
        as_of: Option<NaiveDate>,
    ) -> bool {
        let any = |list: &[String], v: &str| list.iter().any(|x| key(x) == key(v));
        match self {
            Filter::Lead(v) => any(&t.lead, v),
            Filter::Partner(v) => any(&t.partners, v),
            Filter::Agency(v) => any(&t.lead, v) || any(&t.partners, v),
            Filter::Group(v) => groups[t.group].id == v.trim(),
            Filter::Status(q) => match status::resolve(labels, &q.written) {
                Ok(status::Resolved { label: Some(l), .. }) => {
                    t.status_label.as_ref().is_some_and(|x| key(x) == key(&l))
                }
                Ok(r) => t.status == Some(r.class),
                Err(_) => false,
            },
            Filter::Overdue(b) => t.days_late(as_of).is_some() == *b,
            Filter::Id(v) => t.id == v.trim(),
            Filter::Extra(f, v) => t.fields.get(f).is_some_and(|l| any(l, v)),
        }
    }

    /// How the filter reads in a document ("đơn vị chủ trì: Sở Y tế").
    pub fn describe(&self) -> String {
        match self {
            Filter::Lead(v) => format!("đơn vị chủ trì: {v}"),
            Filter::Partner(v) => format!("đơn vị phối hợp: {v}"),
            Filter::Agency(v) => format!("đơn vị chủ trì hoặc phối hợp: {v}"),
            Filter::Group(v) => format!("nhóm: {v}"),
            Filter::Status(q) => match (&q.label, Status::parse(&q.written)) {
                (Some(l), _) => format!("tình trạng: {}", crate::format::lower_first(l)),
                (None, Ok(s)) => format!("tình trạng: {}", s.name().to_lowercase()),
                (None, Err(_)) => format!("tình trạng: {}", q.written),
            },
            Filter::Overdue(true) => "nhiệm vụ quá hạn".to_string(),
            Filter::Overdue(false) => "nhiệm vụ chưa quá hạn".to_string(),
            Filter::Id(v) => format!("nhiệm vụ {v}"),
            Filter::Extra(f, v) => format!("{f}: {v}"),
        }
    }
}

/// The message for a filter on a field that does not exist, listing those that do.
pub fn unknown_field(field: &str, extra: &[super::fields::FieldDef]) -> String {
    format!(
        "không lọc được theo trường \"{field}\"; các trường lọc được: {}",
        FIELDS
            .iter()
            .map(|(f, what)| format!("{f} ({what})"))
            .chain(extra.iter().map(|d| format!("{} ({})", d.id, d.name)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

impl Filter {
    /// The extra field a filter names that `defs` does not declare.
    pub fn undeclared<'a>(&'a self, defs: &[super::fields::FieldDef]) -> Option<&'a str> {
        match self {
            Filter::Extra(f, _) if !defs.iter().any(|d| d.id == *f) => Some(f),
            _ => None,
        }
    }
}
