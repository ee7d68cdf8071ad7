//! The checked plan the templates and checklists read: units, groups, teams and outlines,
//! linked by index.

use chrono::NaiveDate;

use crate::inspection::outline::OutlineItem;
use crate::inspection::workdays::Calendar;

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub calendar: Calendar,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub register_by: Option<NaiveDate>,
    pub report_by: Option<NaiveDate>,
    pub report_to: Option<String>,
    pub notice_days: u32,
    pub results_days: u32,
    pub groups: Vec<UnitGroupPlan>,
    pub units: Vec<Unit>,
    pub teams: Vec<TeamPlan>,
    pub outlines: Vec<OutlinePlan>,
    pub schedule_annex: bool,
    pub findings_lines: u32,
    pub checklist_subject: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitGroupPlan {
    pub label: String,
    pub outline: usize,
    pub units: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub name: String,
    pub kind: Option<String>,
    pub group: usize,
    pub team: usize,
    pub visit: Option<NaiveDate>,
    /// The date the notice goes out: as given, or the latest date the rule allows.
    pub notice: Option<NaiveDate>,
    /// Indices into the unit's outline's `extras`.
    pub extras: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamPlan {
    pub number: u32,
    pub lead: String,
    pub lead_person: Option<String>,
    pub members: Vec<String>,
    pub secretary: Option<String>,
    /// Units in visiting order.
    pub units: Vec<usize>,
    pub last_visit: Option<NaiveDate>,
    /// The results notice is due by this date.
    pub results_due: Option<NaiveDate>,
}

impl TeamPlan {
    /// "Đoàn kiểm tra số 01".
    pub fn name(&self) -> String {
        team_name(self.number)
    }
}

pub fn team_name(n: u32) -> String {
    format!(
        "Đoàn kiểm tra số {}",
        crate::format::integer_padded(n as i64, 2)
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlinePlan {
    pub code: String,
    pub title: String,
    pub period: Option<String>,
    pub items: Vec<OutlineItem>,
    pub extras: Vec<Extra>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// "Đối với Sở Tư pháp".
    pub heading: String,
    pub basis: Option<String>,
    pub questions: Vec<String>,
}

/// "A", "A và B", "A, B và C".
pub fn join_and(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} và {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

impl Plan {
    /// Units in checklist order: by team, then visiting order.
    pub fn units_in_order(&self) -> Vec<usize> {
        let mut teams: Vec<&TeamPlan> = self.teams.iter().collect();
        teams.sort_by_key(|t| t.number);
        teams.iter().flat_map(|t| t.units.iter().copied()).collect()
    }

    pub fn team_of(&self, unit: usize) -> &TeamPlan {
        &self.teams[self.units[unit].team]
    }

    pub fn outline_of(&self, unit: usize) -> &OutlinePlan {
        &self.outlines[self.groups[self.units[unit].group].outline]
    }
}
