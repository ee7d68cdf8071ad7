//! Teams (doan): unique numbers, every unit assigned to exactly one team, the visiting order
//! and when each team's results are due.

use std::collections::{BTreeMap, HashMap};

use serde_saphyr::Spanned;

use super::schedule::{self, Schedule, VisitAt};
use super::units::Roster;
use super::{Errors, TeamPlan, pos, team_name};
use crate::error::{Code, Pos};
use crate::inspection::model::{InspectionSpec, Team, Visit};

/// Per unit: the index of the team that took it and where.
type Assignments = Vec<Option<(usize, Option<Pos>)>>;

/// Check every team and its visits (dates included, see [`schedule`]), then report units no
/// team took. Sets each unit's team, visit and notice dates in `roster`.
pub(super) fn check(
    kt: &InspectionSpec,
    sched: &Schedule,
    roster: &mut Roster,
    errs: &mut Errors,
) -> Vec<TeamPlan> {
    let mut teams = Vec::new();
    // Team number -> where it was last given.
    let mut numbers: BTreeMap<u32, Option<Pos>> = BTreeMap::new();
    let mut assigned_at: Assignments = vec![None; roster.units.len()];
    for (ti, t) in kt.teams.iter().enumerate() {
        let number = t
            .value
            .number
            .as_ref()
            .map(|s| s.value)
            .unwrap_or(ti as u32 + 1);
        let tname = team_name(number);
        let npos = t.value.number.as_ref().and_then(pos).or(pos(t));
        if let Some(first) = numbers.get(&number) {
            errs.push(
                Code::Duplicate,
                npos,
                format!(
                    "{tname} bị trùng số hiệu (đã dùng ở dòng {})",
                    first.map(|p| p.line).unwrap_or(0)
                ),
            );
        }
        numbers.insert(number, npos);
        let team = TeamVisits {
            index: ti,
            name: &tname,
            spec: t,
        };
        let visits = visits(&team, &teams, sched, roster, &mut assigned_at, errs);
        teams.push(plan_team(&team, number, visits, sched, roster, errs));
    }
    for (ui, u) in roster.units.iter().enumerate() {
        if assigned_at[ui].is_none() {
            errs.push(
                Code::MissingKey,
                roster.declared_at[ui],
                format!(
                    "đơn vị \"{}\" chưa được giao cho đoàn kiểm tra nào; hãy thêm vào don_vi của một đoàn",
                    u.name
                ),
            );
        }
    }
    teams
}

/// The team being checked.
struct TeamVisits<'a> {
    index: usize,
    /// "Đoàn kiểm tra số 01".
    name: &'a str,
    spec: &'a Spanned<Team>,
}

fn visit_pos(v: &Spanned<Visit>) -> Option<Pos> {
    pos(&v.value.name).or_else(|| pos(v))
}

/// The team's units in visiting order. A unit must be declared and not already taken by a
/// team (`teams` holds those checked before this one); a taken unit's dates are checked.
fn visits(
    team: &TeamVisits,
    teams: &[TeamPlan],
    sched: &Schedule,
    roster: &mut Roster,
    assigned_at: &mut Assignments,
    errs: &mut Errors,
) -> Vec<usize> {
    let tname = team.name;
    let mut visits: Vec<usize> = Vec::new();
    let mut by_day = HashMap::new();
    for v in &team.spec.value.units {
        let vp = visit_pos(v);
        let name = v.value.name.value.trim();
        let Some(&ui) = roster.by_name.get(&crate::format::name_key(name)) else {
            errs.push(
                Code::BadReference,
                vp,
                format!(
                    "{tname}: đơn vị \"{name}\" không có trong danh sách đơn vị được kiểm tra (nhom_don_vi)"
                ),
            );
            continue;
        };
        if let Some((other, other_pos)) = assigned_at[ui] {
            // Listed twice in this team: it is not in `teams` yet.
            let other_name = &teams
                .get(other)
                .map(|t| t.name())
                .unwrap_or_else(|| tname.to_string());
            errs.push(
                Code::Duplicate,
                vp,
                format!(
                    "đơn vị \"{name}\" được giao cho hai đoàn: {other_name} (dòng {}) và {tname}; mỗi đơn vị chỉ do một đoàn kiểm tra",
                    other_pos.map(|p| p.line).unwrap_or(0)
                ),
            );
            continue;
        }
        assigned_at[ui] = Some((team.index, vp));
        roster.units[ui].team = team.index;
        visits.push(ui);
        let at = VisitAt {
            team: tname,
            unit: ui,
            name,
            pos: vp,
            spec: &v.value,
        };
        schedule::check_visit(sched, &at, &mut by_day, &mut roster.units, errs);
    }
    // Visiting order: by date where dated (stable for undated units).
    visits.sort_by_key(|u| roster.units[*u].visit);
    visits
}

/// The team's plan entry; its results are due N working days after its last visit.
fn plan_team(
    team: &TeamVisits,
    number: u32,
    visits: Vec<usize>,
    sched: &Schedule,
    roster: &Roster,
    errs: &mut Errors,
) -> TeamPlan {
    let t = team.spec;
    let last_visit = visits.iter().filter_map(|u| roster.units[*u].visit).max();
    let results_due = match last_visit {
        Some(d) => match sched.calendar.add(d, sched.results_days) {
            Ok(r) => Some(r),
            Err(m) => {
                errs.push(Code::OutOfRange, pos(t), format!("{}: {m}", team.name));
                None
            }
        },
        None => None,
    };
    let trimmed = |s: &Option<String>| {
        s.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    TeamPlan {
        number,
        lead: t.value.lead.trim().to_string(),
        lead_person: trimmed(&t.value.lead_name),
        members: t
            .value
            .members
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        secretary: trimmed(&t.value.secretary),
        units: visits,
        last_visit,
        results_due,
    }
}
