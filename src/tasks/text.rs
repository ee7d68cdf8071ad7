//! The sentences that count tasks, written the way the reference documents write them:
//! counts below 10 get a leading zero ("08 nhiệm vụ", "16 nhiệm vụ").

use super::{Numbering, Status, Task, TaskSet};
use crate::format;

/// "08", "16", "41".
pub fn count(n: usize) -> String {
    format::integer_padded(n as i64, 2)
}

/// "(nhiệm vụ số 3)", "(bao gồm nhiệm vụ số 3, 17)".
pub fn numbers(tasks: &[&Task]) -> String {
    let list = tasks
        .iter()
        .map(|t| t.number.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if tasks.len() == 1 {
        format!("(nhiệm vụ số {list})")
    } else {
        format!("(bao gồm nhiệm vụ số {list})")
    }
}

/// The plan's list of groups: "Nhiệm vụ công tác chỉ đạo, điều hành (08 nhiệm vụ);" …, the
/// last ending with ".".
pub fn plan_group_lines(set: &TaskSet) -> Vec<String> {
    let groups = set.nonempty_groups();
    let n = groups.len();
    groups
        .iter()
        .enumerate()
        .map(|(i, (_, g, tasks))| {
            format!(
                "Nhiệm vụ {} ({} nhiệm vụ){}",
                g.short,
                count(tasks.len()),
                if i + 1 == n { "." } else { ";" }
            )
        })
        .collect()
}

/// The clauses of a status sentence for `tasks`: "16 nhiệm vụ đã hoàn thành (bao gồm nhiệm
/// vụ số 1, 2, …)", with the overdue ones named; empty clauses are left out.
fn clauses(set: &TaskSet, tasks: &[&Task], with_numbers: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut parts: Vec<(String, Vec<&Task>)> = set
        .clauses
        .iter()
        .map(|c| {
            (
                c.words.clone(),
                tasks
                    .iter()
                    .copied()
                    .filter(|t| t.status.is_some_and(|s| c.statuses.contains(&s)))
                    .collect(),
            )
        })
        .collect();
    parts.push((
        "chưa cập nhật tình trạng".to_string(),
        tasks
            .iter()
            .copied()
            .filter(|t| t.status.is_none())
            .collect(),
    ));
    let total = tasks.len();
    for (words, list) in parts {
        if list.is_empty() {
            continue;
        }
        let mut s = if list.len() == total && total > 1 {
            format!("tất cả {} nhiệm vụ {words}", count(total))
        } else {
            format!("{} nhiệm vụ {words}", count(list.len()))
        };
        if with_numbers && list.len() != total {
            s.push(' ');
            s.push_str(&numbers(&list));
        }
        let late: Vec<&Task> = list
            .iter()
            .copied()
            .filter(|t| t.days_late(set.as_of).is_some())
            .collect();
        if !late.is_empty() {
            s.push_str(&format!(
                ", trong đó {} nhiệm vụ quá hạn",
                count(late.len())
            ));
            if with_numbers {
                s.push(' ');
                s.push_str(&numbers(&late));
            }
        }
        out.push(s);
    }
    out
}

/// "Đối với 18 nhiệm vụ chung: 16 nhiệm vụ đã hoàn thành (bao gồm nhiệm vụ số 1, …); 02
/// nhiệm vụ chưa hoàn thành (bao gồm nhiệm vụ số 3, 17)."
pub fn group_status_sentence(set: &TaskSet, group: usize) -> String {
    let tasks: Vec<&Task> = set.in_group(group).collect();
    format!(
        "Đối với {} nhiệm vụ {}: {}.",
        count(tasks.len()),
        set.groups[group].short,
        clauses(set, &tasks, true).join("; ")
    )
}

/// "Tổng số 41 nhiệm vụ: 20 nhiệm vụ đã hoàn thành; …" for the whole (filtered) list. Task
/// numbers are named only when they run on across groups (otherwise they are ambiguous).
pub fn summary_sentence(set: &TaskSet) -> String {
    let tasks: Vec<&Task> = set.tasks.iter().collect();
    if tasks.is_empty() {
        return "Không có nhiệm vụ nào.".to_string();
    }
    let with_numbers = set.numbering == Numbering::Continuous;
    format!(
        "Tổng số {} nhiệm vụ: {}.",
        count(tasks.len()),
        clauses(set, &tasks, with_numbers).join("; ")
    )
}

/// Count of tasks per status (in `Status::ALL` order) and without a status.
pub fn status_counts(tasks: &[&Task]) -> (Vec<(Status, usize)>, usize) {
    let per = Status::ALL
        .iter()
        .map(|s| (*s, tasks.iter().filter(|t| t.status == Some(*s)).count()))
        .collect();
    (per, tasks.iter().filter(|t| t.status.is_none()).count())
}

#[cfg(test)]
mod tests {
    use super::super::{Clause, Deadline, TaskGroup};
    use super::*;
    use chrono::NaiveDate;

    fn task(group: usize, number: usize, status: Option<Status>, han: &str) -> Task {
        Task {
            id: format!("T{group}-{number}"),
            group,
            number,
            content: vec!["x".into()],
            lead: vec![],
            partners: vec![],
            product: String::new(),
            deadline: Some(Deadline::parse(han).unwrap()),
            assigned_by: vec![],
            status,
            status_label: None,
            result: vec![],
            note: String::new(),
            fields: Default::default(),
        }
    }

    fn set(tasks: Vec<Task>, clauses: Vec<Clause>) -> TaskSet {
        TaskSet {
            groups: vec![
                TaskGroup {
                    id: "chung".into(),
                    title: "Nhiệm vụ chung".into(),
                    short: "chung".into(),
                },
                TaskGroup {
                    id: "bo_sung".into(),
                    title: "Nhiệm vụ bổ sung".into(),
                    short: "bổ sung".into(),
                },
            ],
            tasks,
            numbering: Numbering::PerGroup,
            as_of: NaiveDate::from_ymd_opt(2023, 9, 30),
            clauses,
            filters: vec![],
            describe: None,
            labels: vec![],
            fields: vec![],
        }
    }

    #[test]
    fn group_sentence_like_the_reference() {
        // 18 tasks: 3 and 17 not done, the rest done or standing.
        let tasks = (1..=18)
            .map(|n| {
                let s = match n {
                    3 | 17 => Status::ChuaHoanThanh,
                    5 | 9 => Status::ThuongXuyen,
                    _ => Status::HoanThanh,
                };
                task(
                    0,
                    n,
                    Some(s),
                    if n == 3 {
                        "Quý I/2023"
                    } else {
                        "Thường xuyên"
                    },
                )
            })
            .collect();
        let s = set(
            tasks,
            vec![
                Clause {
                    statuses: vec![Status::HoanThanh, Status::ThuongXuyen],
                    words: "đã hoàn thành và đã có chỉ đạo thực hiện thường xuyên".into(),
                },
                Clause {
                    statuses: vec![Status::ChuaHoanThanh, Status::DangThucHien],
                    words: "chưa hoàn thành, đang tiếp tục chỉ đạo thực hiện".into(),
                },
            ],
        );
        assert_eq!(
            group_status_sentence(&s, 0),
            "Đối với 18 nhiệm vụ chung: 16 nhiệm vụ đã hoàn thành và đã có chỉ đạo thực hiện \
             thường xuyên (bao gồm nhiệm vụ số 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
             16, 18); 02 nhiệm vụ chưa hoàn thành, đang tiếp tục chỉ đạo thực hiện (bao gồm \
             nhiệm vụ số 3, 17), trong đó 01 nhiệm vụ quá hạn (nhiệm vụ số 3)."
        );
    }

    #[test]
    fn default_clauses_zero_padding_and_single_numbers() {
        let tasks = vec![
            task(0, 1, Some(Status::HoanThanh), "Tháng 3/2023"),
            task(0, 2, Some(Status::DangThucHien), "Tháng 12/2023"),
            task(0, 3, None, "Tháng 12/2023"),
            task(1, 1, Some(Status::HoanThanh), "Tháng 3/2023"),
            task(1, 2, Some(Status::HoanThanh), "Tháng 3/2023"),
        ];
        let s = set(
            tasks,
            Status::ALL
                .iter()
                .map(|s| Clause {
                    statuses: vec![*s],
                    words: s.phrase().into(),
                })
                .collect(),
        );
        assert_eq!(
            group_status_sentence(&s, 0),
            "Đối với 03 nhiệm vụ chung: 01 nhiệm vụ đã hoàn thành (nhiệm vụ số 1); 01 nhiệm vụ \
             đang thực hiện (nhiệm vụ số 2); 01 nhiệm vụ chưa cập nhật tình trạng (nhiệm vụ số 3)."
        );
        assert_eq!(
            group_status_sentence(&s, 1),
            "Đối với 02 nhiệm vụ bổ sung: tất cả 02 nhiệm vụ đã hoàn thành."
        );
        // Per-group numbering: the summary names no numbers.
        assert_eq!(
            summary_sentence(&s),
            "Tổng số 05 nhiệm vụ: 03 nhiệm vụ đã hoàn thành; 01 nhiệm vụ đang thực hiện; 01 \
             nhiệm vụ chưa cập nhật tình trạng."
        );
        assert_eq!(
            plan_group_lines(&s),
            vec![
                "Nhiệm vụ chung (03 nhiệm vụ);".to_string(),
                "Nhiệm vụ bổ sung (02 nhiệm vụ).".to_string()
            ]
        );
    }
}
