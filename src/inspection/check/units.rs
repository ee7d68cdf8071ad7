//! Unit groups (nhom_don_vi) and the units in them: each group answers a declared outline,
//! each unit is named once.

use std::collections::HashMap;

use super::{Errors, OutlinePlan, Unit, UnitGroupPlan, pos};
use crate::error::{Code, Pos};
use crate::inspection::model::InspectionSpec;

/// The declared units, found by name; teams and extra questions refer to them.
pub(super) struct Roster {
    pub groups: Vec<UnitGroupPlan>,
    pub units: Vec<Unit>,
    /// Where each unit was declared, for "first declared at line N" and "not assigned".
    pub declared_at: Vec<Option<Pos>>,
    /// Units by [`crate::format::name_key`]: "Xã Hoà Bình" finds "Xã Hòa Bình".
    pub by_name: HashMap<String, usize>,
}

pub(super) fn check(
    kt: &InspectionSpec,
    outlines: &[OutlinePlan],
    outline_index: &HashMap<String, usize>,
    errs: &mut Errors,
) -> Roster {
    let mut r = Roster {
        groups: Vec::new(),
        units: Vec::new(),
        declared_at: Vec::new(),
        by_name: HashMap::new(),
    };
    for g in &kt.unit_groups {
        let label = g.value.name.trim().to_string();
        let code = g.value.outline.value.trim();
        let outline = match outline_index.get(code) {
            Some(i) => *i,
            None => {
                errs.push(
                    Code::BadReference,
                    pos(&g.value.outline),
                    format!(
                        "nhóm \"{label}\": không có đề cương mã \"{code}\"; các mã đã khai báo: {}",
                        outlines
                            .iter()
                            .map(|o| o.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                0
            }
        };
        let gi = r.groups.len();
        let mut members = Vec::new();
        for u in &g.value.units {
            let name = u.value.name.trim().to_string();
            if name.is_empty() {
                errs.push(
                    Code::Empty,
                    pos(u),
                    format!("nhóm \"{label}\": tên đơn vị để trống"),
                );
                continue;
            }
            if let Some(&other) = r.by_name.get(&crate::format::name_key(&name)) {
                errs.push(
                    Code::Duplicate,
                    pos(u),
                    format!(
                        "đơn vị \"{name}\" được khai báo hai lần (lần đầu ở dòng {})",
                        r.declared_at[other].map(|p| p.line).unwrap_or(0)
                    ),
                );
                continue;
            }
            r.by_name
                .insert(crate::format::name_key(&name), r.units.len());
            members.push(r.units.len());
            r.declared_at.push(pos(u));
            r.units.push(Unit {
                name,
                kind: u
                    .value
                    .kind
                    .as_ref()
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty()),
                group: gi,
                // Set when a team takes the unit; an unassigned unit is an error.
                team: usize::MAX,
                visit: None,
                notice: None,
                extras: Vec::new(),
            });
        }
        r.groups.push(UnitGroupPlan {
            label,
            outline,
            units: members,
        });
    }
    if r.units.is_empty() {
        errs.push(
            Code::Empty,
            kt.unit_groups.first().and_then(pos),
            "kiem_tra chưa có đơn vị được kiểm tra (nhom_don_vi)".into(),
        );
    }
    r
}
